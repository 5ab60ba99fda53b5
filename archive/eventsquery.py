"""Reading events and quotes for the CLI (the library behind ``archive events``/``quotes``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from archive.config import Target
from archive.errors import ArchiveError
from archive.store import connect


class UnknownEvent(ArchiveError):
    """No event has that id."""


TIMELINE_COLUMNS = ["event_id", "date_start", "date_end", "date_precision", "event_type", "status",
                    "location", "participants", "n_articles", "n_sources"]


def list_events(target: Target, *, entity: str | None = None, type_: str | None = None,
                status: str | None = None, since: str | None = None, until: str | None = None,
                limit: int | None = 100) -> tuple[list[str], list[tuple]]:
    from archive.entities import find

    where, params = [], {}
    with connect(target) as conn:
        if entity:
            params["entity_id"] = find(conn, entity)
            where.append("t.event_id IN (SELECT event_id FROM event_participants WHERE entity_id = :entity_id)")
        if type_:
            where.append("t.event_type = :type")
            params["type"] = type_
        if status:
            where.append("t.status = :status")
            params["status"] = status
        if since:
            where.append("t.date_start >= :since")
            params["since"] = since
        if until:
            where.append("t.date_start <= :until")
            params["until"] = until + "~"  # "2021-10" includes every day of October
        sql = f"SELECT {', '.join('t.' + c for c in TIMELINE_COLUMNS)} FROM event_timeline AS t"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY t.date_start IS NULL, t.date_start, t.event_id"
        if limit:
            sql += " LIMIT :limit"
            params["limit"] = limit
        rows = [tuple(r) for r in conn.execute(text(sql), params)]
    return TIMELINE_COLUMNS, rows


@dataclass
class EventDetail:
    fields: dict
    participants: list[tuple]
    evidence: list[tuple]


def show_event(target: Target, event_id: int) -> EventDetail:
    with connect(target) as conn:
        row = conn.execute(text(
            "SELECT e.id, e.event_type, e.plover_type, e.mode, e.status, e.date_start, e.date_end, "
            "e.date_precision, e.date_text, e.date_resolution, l.name AS location, e.participants, "
            "e.extractor_version FROM events e LEFT JOIN entities l ON l.id = e.location_id "
            "WHERE e.id = :id"), {"id": event_id}).mappings().first()
        if row is None:
            raise UnknownEvent(f"No event with id {event_id}. List events with: archive events")
        participants = [tuple(r) for r in conn.execute(text(
            "SELECT entity, entity_type, role FROM event_participants WHERE event_id = :id "
            "ORDER BY entity, role"), {"id": event_id})]
        evidence = [tuple(r) for r in conn.execute(text(
            "SELECT article_id, source, published_at, origin, sentence FROM event_evidence "
            "WHERE event_id = :id ORDER BY published_at, article_id"), {"id": event_id})]
    return EventDetail(dict(row), participants, evidence)


QUOTE_COLUMNS = ["quote_id", "published_at", "speaker", "cue", "quote", "origin"]


def list_quotes(target: Target, *, speaker: str | None = None, since: str | None = None,
                until: str | None = None, limit: int | None = 100) -> tuple[list[str], list[tuple]]:
    from archive.entities import UnknownEntity, find

    where, params = [], {}
    with connect(target) as conn:
        if speaker:
            try:
                params["speaker_id"] = find(conn, speaker)
                where.append("(q.speaker_entity_id = :speaker_id OR q.quote_id IN "
                             "(SELECT quote_id FROM quote_speakers WHERE entity_id = :speaker_id))")
            except UnknownEntity:
                params["speaker_text"] = f"%{speaker.lower()}%"
                where.append("LOWER(q.speaker) LIKE :speaker_text")
        if since:
            where.append("q.published_at >= :since")
            params["since"] = since
        if until:
            where.append("q.published_at <= :until")
            params["until"] = until + "~"
        sql = f"SELECT {', '.join('q.' + c for c in QUOTE_COLUMNS)} FROM quote_overview AS q"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY q.published_at IS NULL, q.published_at, q.quote_id"
        if limit:
            sql += " LIMIT :limit"
            params["limit"] = limit
        rows = [tuple(r) for r in conn.execute(text(sql), params)]
    return QUOTE_COLUMNS, rows
