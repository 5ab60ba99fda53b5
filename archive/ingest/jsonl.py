"""Scraper output in JSON Lines: one article per line (news-please and trafilatura fields).

Field names understood (the first one present wins):

============  =====================================================
body          ``maintext`` (news-please), ``text``, ``raw_text`` (trafilatura)
title         ``title``
published     ``date_publish`` (news-please), ``date`` (trafilatura)
retrieved     ``date_download`` (news-please), ``filedate`` (trafilatura): not publication
url           ``url``, ``source`` (trafilatura's URL field)
publisher     ``source_domain``, ``sitename``, ``source-hostname``, ``hostname``
authors       ``authors`` (list), ``author`` ("A; B")
language      ``language``
provenance    ``description``/``excerpt``, ``date_modify`` (``updated``), ``categories``, ``tags``
============  =====================================================

Every other field (and a known field whose value could not be used, such as an unparsable
date) is kept in ``provenance["extra"]``.

Dates: ISO stamps go through :func:`archive.ingest.html.stamp_value`: a bare date is ``day``,
``2021-10-21 09:51:30`` is ``second``, but ``2021-10-21 09:51:00`` is ``minute`` (scrapers and
CMSs write ``:00`` when they only know the minute) and ``00:00:00`` is ``day``. Other shapes
("October 21, 2021") go through :func:`archive.ingest.dates.parse_date`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from archive.errors import ParseError
from archive.ingest.html import add_authors, language_code, stamp_value
from archive.ingest.record import Credit, DateValue, ParsedArticle

_BODY = ("maintext", "text", "raw_text")
_PUBLISHED = ("date_publish", "date")
_RETRIEVED = ("date_download", "filedate")
_URL = ("url", "source")
_PUBLISHER = ("source_domain", "sitename", "source-hostname", "hostname")
_KINDS = {list: "an array", str: "a string", int: "a number", float: "a number", bool: "a boolean"}


def iter_jsonl(text: str, origin: str) -> Iterator[tuple[str, ParsedArticle | ParseError]]:
    """``("{origin}:{lineno}", article or ParseError)`` for every non-blank line."""
    for lineno, line in enumerate(text.split("\n"), start=1):
        line = line.strip().lstrip("\ufeff")
        if not line:
            continue
        where = f"{origin}:{lineno}"
        try:
            yield where, _article(line, where)
        except ParseError as exc:
            yield where, ParseError(f"line {lineno}: {exc}")
        except Exception as exc:  # a value shaped like nothing we expect: this line only
            yield where, ParseError(f"line {lineno}: unusable record ({type(exc).__name__})")


def _article(line: str, where: str) -> ParsedArticle:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ParseError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise ParseError("not valid JSON (nested too deeply)") from None
    except ValueError as exc:  # e.g. an integer longer than Python converts
        raise ParseError(f"not valid JSON ({str(exc).splitlines()[0][:80]})") from None
    if not isinstance(record, dict):
        raise ParseError(f"not a JSON object ({_KINDS.get(type(record), 'null')})")
    fields = dict(record)
    body = _take_text(fields, _BODY)
    paragraphs = [" ".join(p.split()) for p in (body or "").splitlines()]
    article = ParsedArticle(origin=where, body="\n\n".join(p for p in paragraphs if p))
    if not article.body:
        raise ParseError("no article text (no maintext, text or raw_text)")

    article.title = _take_text(fields, ("title",))
    article.title_origin = "jsonl" if article.title else None
    article.published, key = _take_date(fields, _PUBLISHED)
    article.published_origin = f"jsonl:{key}" if key else None
    article.retrieved, _ = _take_date(fields, _RETRIEVED)
    article.url = _take_text(fields, _URL)
    language = _take_text(fields, ("language",))
    article.language = language_code(language)
    for key in _PUBLISHER:  # the first is the publisher; the others are kept as they are
        name = _take_text(fields, (key,))
        if name and not article.credits:
            article.credits.append(Credit(name, "publisher", f"{key}: {name}"))
        if name:
            article.provenance[key.replace("-", "_")] = name
    names = fields.pop("authors", None) if isinstance(fields.get("authors"), list) else None
    if names is not None and not all(isinstance(n, str) for n in names):
        fields["authors"], names = names, None
    add_authors(names or [], article, "authors")
    add_authors([_take_text(fields, ("author",)) or ""], article, "author")
    for key, name in (("description", "description"), ("excerpt", "description"),
                      ("date_modify", "updated"), ("categories", "categories"), ("tags", "tags")):
        if fields.get(key, 0) in (None, "", []):
            del fields[key]  # news-please writes null for what it did not find
        elif key in fields and name not in article.provenance:
            article.provenance[name] = fields.pop(key)
    if language and language != article.language:
        article.provenance["language_tag"] = language
    if fields:
        article.provenance["extra"] = fields
    return article


def _take_text(fields: dict, keys: tuple[str, ...]) -> str | None:
    """The first non-blank string among ``keys``, removed from ``fields``."""
    for key in keys:
        value = fields.get(key)
        if isinstance(value, str) and value.strip():
            del fields[key]
            return value.strip()
        if value is None or value == "":
            fields.pop(key, None)
    return None


def _take_date(fields: dict, keys: tuple[str, ...]) -> tuple[DateValue | None, str | None]:
    """The first parsable date among ``keys`` (removed from ``fields``) and its key."""
    for key in keys:
        value = fields.get(key)
        if isinstance(value, str) and value.strip():
            parsed = stamp_value(value)
            if parsed:
                del fields[key]
                return parsed, key
        elif value is None or value == "":
            fields.pop(key, None)
    return None, None
