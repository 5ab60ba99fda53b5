"""Plain records passed from the readers to the loader."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DateValue:
    """A date as found in a text: normalised ISO value, precision and the raw words.

    ``iso`` is truncated to the precision (``2021-10-21T09:51`` for minute, ``2021-10``
    for month); it is ``None`` when the year is unknown (precision ``no-year``), in which
    case ``month_day`` keeps what is known (``--09-14``).
    """

    iso: str | None
    precision: str
    text: str
    month_day: str | None = None


@dataclass(frozen=True)
class Credit:
    """A source the article credits: ``role`` is publisher, wire, via or photo."""

    name: str
    role: str
    evidence: str


@dataclass
class ParsedArticle:
    """What a reader could tell about one article."""

    origin: str
    body: str
    title: str | None = None
    title_origin: str | None = None  # text, filename, manifest, html, jsonl
    published: DateValue | None = None
    # dateline, body-line, tail, manifest, html-meta:KEY, htmldate, jsonl:KEY, url, filename
    published_origin: str | None = None
    retrieved: DateValue | None = None
    credits: list[Credit] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    url: str | None = None
    language: str | None = None
    encoding: str | None = None
    file_hash: str | None = None
    provenance: dict = field(default_factory=dict)

    @property
    def words(self) -> int:
        return len(self.body.split())
