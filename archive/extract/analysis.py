"""Every extractor over one article, as plain picklable data (no database).

:func:`analyse` is what the importer runs in its worker processes: entities (the
gazetteer's and the name finder's), events merged within the article, quotes and themes.
Entity references are database ids, except for the names the name finder found, which are
referred to by their key (``"extracted:" + type + ":" + spelling``, a string) until the
writer has given them rows (:mod:`archive.enrich`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

Ref = int | str  # an entity id, or an extracted entity's key

ENGLISH = ("en", None)
_YEAR = re.compile(r"\b(19[4-9]\d|20[0-4]\d)\b")


@dataclass(frozen=True)
class ArticleText:
    """What the extractors read of an article."""

    id: int | None
    title: str | None
    body: str
    language: str | None
    published_at: str | None = None
    published_precision: str = "none"
    captions: str | None = None


ARTICLE_TEXT_COLUMNS = ("id", "title", "body", "language", "published_at", "published_precision", "captions")


@dataclass(frozen=True)
class CandidateName:
    """A name the gazetteer does not know, found in the article (an ``extracted`` entity)."""

    key: str
    name: str
    type: str
    example: str
    confidence: float = 0.5
    aliases: tuple = ()
    role: str | None = None


@dataclass
class EventDraft:
    """One event of an article (its records merged), ready to be matched and stored."""

    event_type: str
    plover_type: str
    mode: str | None
    status: str
    date_start: str | None
    date_end: str | None
    date_precision: str
    date_text: str | None
    date_resolution: str
    location: Ref | None
    parties: dict  # Ref -> role
    core: frozenset  # of Ref: countries and organisations (a person counts as their country)
    reports: list[dict]  # event_reports rows without event_id/article_id ("location_id" a Ref)


@dataclass
class Analysis:
    status: str  # done, skipped
    note: str | None = None
    # (entity ref, start, end, surface, kind, field, sentence index)
    mentions: list[tuple] = field(default_factory=list)
    candidates: list[CandidateName] = field(default_factory=list)
    events: list[EventDraft] = field(default_factory=list)
    # (speaker ref or None, speaker text, cue, text, kind, start, end, sentence index, speaker refs)
    quotes: list[tuple] = field(default_factory=list)
    themes: dict = field(default_factory=dict)


def analyse(art: ArticleText, matcher) -> Analysis:
    """Run every extractor on one article; ``matcher`` has ``lexicon`` and ``countries``."""
    from archive.extract import events as ev
    from archive.extract import quotes as qu
    from archive.extract import themes as th
    from archive.extract.eventmerge import merge_in_article
    from archive.extract.pipeline import _entities, extract
    from archive.extract.sentences import split
    from archive.ingest.record import DateValue

    if art.language not in ENGLISH:
        return Analysis("skipped", f"language {art.language}: extraction runs on English text only")
    body, title = art.body, art.title
    result = extract(body, matcher.lexicon, matcher.countries, title=title)
    out = Analysis("done")
    for f in result.candidates:
        first = min(s for s, _, _, _ in f.spans)
        sentence = result.sentences[result.sentence_of(first)].text if result.sentences else None
        surfaces = tuple(sorted(({surface for _, _, surface, _ in f.spans} | f.aliases) - {f.name}))
        out.candidates.append(CandidateName(f.key, f.name, f.type, (sentence or "")[:500],
                                            round(f.confidence, 2), surfaces, f.role))
    body_mentions = result.mentions
    index = result.sentence_of
    out.mentions = [(m.entity.ref, m.start, m.end, m.surface[:300], m.kind, "body", index(m.start))
                    for m in body_mentions]
    out.mentions += [(m.entity.ref, m.start, m.end, m.surface[:300], m.kind, "title", 0)
                     for m in result.title_mentions]

    published = None
    if art.published_at and art.published_precision not in ("none", "no-year"):
        published = DateValue(art.published_at, art.published_precision, art.published_at)
    reference_year = None
    if published is None:
        years = [int(y) for text in (title or "", body, art.captions or "")
                 for y in _YEAR.findall(text)]
        reference_year = max(years) if years else None
    body_quotes = qu.extract_quotes(body, result.sentences, body_mentions)
    records = ev.extract_events(body, result.sentences, body_mentions, published, "body",
                                reference_year=reference_year, quotes=body_quotes)
    if title:
        records += ev.extract_events(title, split(title), result.title_mentions, published,
                                     "title", reference_year=reference_year)
    if art.captions:
        caption_mentions = _entities(art.captions, matcher.lexicon, matcher.countries)
        records += ev.extract_events(art.captions, split(art.captions), caption_mentions, published,
                                     "caption", reference_year=reference_year)
    texts = {"body": body, "title": title or "", "caption": art.captions or ""}
    out.events = [_draft(r) for r in merge_in_article(records, texts)]
    for q in body_quotes:
        speakers = {s.ref for s in (q.speakers or []) if s is not None}
        if q.speaker is not None:
            speakers.add(q.speaker.ref)
        out.quotes.append((
            q.speaker.ref if q.speaker is not None else None, (q.speaker_text or "")[:500],
            (q.cue or "")[:100], q.text, q.kind, q.start, q.end, q.sentence_index,
            tuple(sorted(speakers, key=str)),  # a set: its order would follow the process
        ))
    out.themes = th.article_themes((title or "") + "\n\n" + body)
    return out


def _draft(report) -> EventDraft:
    rec = report.record
    rows = []
    for r in [report] + report.extra:
        x = r.record
        rows.append({
            "field": x.field, "sentence_index": x.sentence_index, "start": x.start, "end": x.end,
            "sentence": r.sentence, "trigger": (x.trigger or "")[:100], "status": x.status,
            "date_start": x.date_start, "date_end": x.date_end,
            "date_precision": x.date_precision or "unknown", "date_text": x.date_text,
            "date_resolution": x.date_resolution or "unknown",
            "location_id": x.location.ref if x.location is not None else None,
        })
    return EventDraft(
        event_type=rec.event_type, plover_type=rec.plover_type, mode=rec.mode, status=rec.status,
        date_start=report.date_start, date_end=report.date_end,
        date_precision=report.date_precision or "unknown", date_text=report.date_text,
        date_resolution=report.date_resolution or "unknown", location=report.location_id,
        parties=dict(report.parties), core=frozenset(report.core), reports=rows,
    )
