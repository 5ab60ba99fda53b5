"""Writing events, quotes and themes, and merging reports of one event across articles.

Merge rule (conservative, documented in the README):

* within one article, reports of the same type and status merge when their dates agree
  (or one is unknown), their places agree (or one is unknown) and they share a party;
* across articles, a report joins an existing event only when type, status, date (same
  value at the same precision, never unknown) agree, the places agree (or one is unknown),
  and their core parties (countries and organisations; a person counts as their country)
  share at least two members and at least half of the smaller set. Two different meetings
  on the same day with different parties stay two events.
* reports that disagree are merged only when their core parties are exactly the same (at
  least two): the same day in another place, or the same place a day apart; the
  ``event_conflicts`` view lists such disagreements.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import delete, insert, select, update

from archive.db import utcnow
from archive.models import Entity, Event, EventParty, EventReport, Quote, QuoteSpeaker, ThemeHit



@dataclass
class Report:
    """An article's event, after merging the article's own records."""

    record: object  # extract.events.EventRecord (the first one)
    sentence: str
    parties: dict[int, str] = field(default_factory=dict)  # entity id -> role
    core: set[int] = field(default_factory=set)
    date_start: str | None = None
    date_end: str | None = None
    date_precision: str = "unknown"
    date_text: str | None = None
    date_resolution: str = "unknown"
    location_id: int | None = None
    extra: list = field(default_factory=list)  # further records of the same event (evidence)


def _core(participants) -> set[int]:
    core = set()
    for p in participants:
        e = p.entity
        if e.type == "person":
            country = getattr(e, "country", None)
            if country is not None:
                core.add(country.ref)
        elif e.type in ("country", "organization"):
            core.add(e.ref)
    return core


def _to_report(record, text_of_field: dict[str, str]) -> Report:
    text = text_of_field.get(record.field) or ""
    r = Report(
        record=record,
        sentence=text[record.start:record.end],
        parties={p.entity.ref: p.role for p in record.participants},
        core=_core(record.participants),
        date_start=record.date_start,
        date_end=record.date_end,
        date_precision=record.date_precision,
        date_text=record.date_text,
        date_resolution=record.date_resolution,
        location_id=record.location.ref if record.location is not None else None,
    )
    return r


def _compatible(a: Report, b: Report, *, same_article: bool) -> bool:
    if a.record.event_type != b.record.event_type or a.record.status != b.record.status:
        return False
    if a.date_start and b.date_start:
        if (a.date_start, a.date_precision) != (b.date_start, b.date_precision):
            return False
    elif not same_article:
        return False
    if a.location_id and b.location_id and a.location_id != b.location_id:
        return False
    shared = a.core & b.core
    if same_article:
        return bool(shared) or not a.core or not b.core
    return len(shared) >= 2 and len(shared) * 2 >= min(len(a.core), len(b.core))


def _absorb(into: Report, other: Report) -> None:
    for ref, role in other.parties.items():
        into.parties.setdefault(ref, role)
    into.core |= other.core
    if not into.date_start and other.date_start:
        into.date_start, into.date_end = other.date_start, other.date_end
        into.date_precision, into.date_text = other.date_precision, other.date_text
        into.date_resolution = other.date_resolution
    if not into.location_id and other.location_id:
        into.location_id = other.location_id
    into.extra.append(other)


def merge_in_article(records, text_of_field: dict[str, str]) -> list[Report]:
    reports: list[Report] = []
    for record in records:
        new = _to_report(record, text_of_field)
        for existing in reports:
            if _compatible(existing, new, same_article=True):
                _absorb(existing, new)
                break
        else:
            reports.append(new)
    return reports


def delete_article_events(conn, article_ids: list[int]) -> None:
    """Remove these articles' reports, quotes and theme hits; drop events left unreported."""
    r = EventReport.__table__
    touched = [row[0] for row in conn.execute(
        select(r.c.event_id).where(r.c.article_id.in_(article_ids)).distinct())]
    conn.execute(delete(r).where(r.c.article_id.in_(article_ids)))
    for table in (Quote.__table__, ThemeHit.__table__):
        conn.execute(delete(table).where(table.c.article_id.in_(article_ids)))
    if touched:
        e = Event.__table__
        still = {row[0] for row in conn.execute(
            select(r.c.event_id).where(r.c.event_id.in_(touched)).distinct())}
        gone = [t for t in touched if t not in still]
        if gone:
            conn.execute(delete(e).where(e.c.id.in_(gone)))


def store_article_events(conn, article_id: int, reports: list[Report], version: str) -> int:
    for report in reports:
        event_id = _find_event(conn, report)
        if event_id is None:
            event_id = _create_event(conn, report, version)
        else:
            _update_event(conn, event_id, report)
        _insert_reports(conn, event_id, article_id, report, version)
    return len(reports)


def _find_event(conn, report: Report) -> int | None:
    """An existing event this report is about, or None. Reports may disagree (and then show
    up in the ``event_conflicts`` view) only when the parties are exactly the same: on the
    place for the same date, or by one day for the same place."""
    if not report.date_start:
        return None
    e = Event.__table__
    dates = [report.date_start]
    if report.date_precision == "day":
        dates += _neighbour_days(report.date_start)
    rows = conn.execute(
        select(e.c.id, e.c.location_id, e.c.date_start).where(
            e.c.event_type == report.record.event_type,
            e.c.status == report.record.status,
            e.c.date_start.in_(dates),
            e.c.date_precision == report.date_precision,
        ).order_by(e.c.id)
    ).all()
    for row in rows:
        core = _event_core(conn, row.id)
        same_parties = len(core) >= 2 and core == report.core
        places_agree = not (row.location_id and report.location_id and row.location_id != report.location_id)
        if row.date_start == report.date_start:
            shared = core & report.core
            if places_agree and len(shared) >= 2 and len(shared) * 2 >= min(len(core), len(report.core)):
                return row.id
            if same_parties:
                return row.id  # same day, same parties, another place: a conflict to show
        elif same_parties and row.location_id and row.location_id == report.location_id:
            return row.id  # a day apart, same parties and place: a conflict to show
    return None


def _neighbour_days(day: str) -> list[str]:
    from datetime import date, timedelta

    try:
        d = date.fromisoformat(day)
    except ValueError:
        return []
    return [(d - timedelta(days=1)).isoformat(), (d + timedelta(days=1)).isoformat()]


def _event_core(conn, event_id: int) -> set[int]:
    p = EventParty.__table__
    core = set()
    for ent_id, type_, country_id in conn.execute(
        select(p.c.entity_id, Entity.type, Entity.country_id)
        .join(Entity, Entity.id == p.c.entity_id)
        .where(p.c.event_id == event_id)
    ):
        if type_ == "person":
            if country_id:
                core.add(country_id)
        elif type_ in ("country", "organization"):
            core.add(ent_id)
    return core


def _create_event(conn, report: Report, version: str) -> int:
    rec = report.record
    event_id = conn.execute(
        insert(Event.__table__).values(
            event_type=rec.event_type, plover_type=rec.plover_type, mode=rec.mode,
            status=rec.status, date_start=report.date_start, date_end=report.date_end,
            date_precision=report.date_precision or "unknown", date_text=report.date_text,
            date_resolution=report.date_resolution or "unknown", location_id=report.location_id,
            participants="", extractor_version=version, created_at=utcnow(),
        )
    ).inserted_primary_key[0]
    _add_parties(conn, event_id, report)
    return event_id


def _update_event(conn, event_id: int, report: Report) -> None:
    e = Event.__table__
    row = conn.execute(select(e.c.location_id, e.c.mode, e.c.date_start, e.c.date_resolution)
                       .where(e.c.id == event_id)).one()
    values = {}
    if (row.date_resolution != "explicit" and report.date_resolution == "explicit"
            and report.date_start == row.date_start):
        values.update(date_resolution="explicit", date_text=report.date_text)
    if row.location_id is None and report.location_id:
        values["location_id"] = report.location_id
    if row.mode is None and report.record.mode:
        values["mode"] = report.record.mode
    if values:
        conn.execute(update(e).where(e.c.id == event_id).values(**values))
    _add_parties(conn, event_id, report)


def _add_parties(conn, event_id: int, report: Report) -> None:
    from archive.dialect import insert_ignore

    p = EventParty.__table__
    if report.parties:
        conn.execute(insert_ignore(conn, p, ["event_id", "entity_id", "role"]), [
            {"event_id": event_id, "entity_id": ref, "role": role} for ref, role in report.parties.items()
        ])
    names = sorted({
        r[0] for r in conn.execute(
            select(Entity.name).join(p, p.c.entity_id == Entity.id).where(p.c.event_id == event_id))
    })
    conn.execute(update(Event.__table__).where(Event.id == event_id).values(participants="; ".join(names)))


def _insert_reports(conn, event_id: int, article_id: int, report: Report, version: str) -> None:
    rows = []
    for r in [report] + report.extra:
        rec = r.record
        rows.append({
            "event_id": event_id, "article_id": article_id, "field": rec.field,
            "sentence_index": rec.sentence_index, "start": rec.start, "end": rec.end,
            "sentence": r.sentence, "trigger": (rec.trigger or "")[:100], "status": rec.status,
            "date_start": rec.date_start,
            "date_end": rec.date_end, "date_precision": rec.date_precision or "unknown",
            "date_text": rec.date_text, "date_resolution": rec.date_resolution or "unknown",
            "location_id": rec.location.ref if rec.location is not None else None,
            "extractor_version": version,
        })
    conn.execute(insert(EventReport.__table__), rows)


def store_quotes(conn, article_id: int, quotes, version: str) -> int:
    if not quotes:
        return 0
    table = Quote.__table__
    rows = [{
        "article_id": article_id, "speaker_entity_id": q.speaker.ref if q.speaker is not None else None,
        "speaker_text": (q.speaker_text or "")[:500], "cue": (q.cue or "")[:100], "text": q.text,
        "kind": q.kind, "start": q.start, "end": q.end, "sentence_index": q.sentence_index,
        "extractor_version": version,
    } for q in quotes]
    ids = [r[0] for r in conn.execute(
        insert(table).returning(table.c.id, sort_by_parameter_order=True), rows)]
    speaker_rows = []
    for quote_id, q in zip(ids, quotes):
        speakers = {s.ref for s in (q.speakers or []) if s is not None}
        if q.speaker is not None:
            speakers.add(q.speaker.ref)
        speaker_rows += [{"quote_id": quote_id, "entity_id": s} for s in sorted(speakers)]
    if speaker_rows:
        conn.execute(insert(QuoteSpeaker.__table__), speaker_rows)
    return len(quotes)


def store_themes(conn, article_id: int, themes: dict[str, int]) -> None:
    if themes:
        conn.execute(insert(ThemeHit.__table__), [
            {"article_id": article_id, "theme": t, "hits": n} for t, n in sorted(themes.items()) if n
        ])
