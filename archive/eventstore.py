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

from dataclasses import dataclass

from sqlalchemy import bindparam, delete, insert, select, update

from archive.db import utcnow
from archive.models import (
    Entity,
    Event,
    EventParty,
    EventReport,
    Quote,
    QuoteSpeaker,
    ThemeHit,
)


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


_e = Event.__table__
# built once: only the parameters change from one event to the next
_SAME_KIND = select(_e.c.id, _e.c.location_id, _e.c.date_start, _e.c.mode, _e.c.date_resolution).where(
    _e.c.event_type == bindparam("type"),
    _e.c.status == bindparam("status"),
    _e.c.date_start.in_(bindparam("dates", expanding=True)),
    _e.c.date_precision == bindparam("precision"),
).order_by(_e.c.id)
_NEW_EVENT = insert(_e).returning(_e.c.id)


@dataclass
class _EventState:
    """What the writer knows of a stored event while its batch is open."""

    core: set[int]
    names: set[str]
    parties: set[tuple[int, str]]
    location_id: int | None
    mode: str | None
    date_start: str | None
    date_resolution: str | None


class BatchWriter:
    """Stores one batch's events, quotes and themes in the batch's transaction.

    Each event is matched against the stored events one at a time (a report may join an
    event created earlier in the same batch); the rows that hang off events, quotes and
    themes are kept and written in bulk by :meth:`flush`. ``names`` maps entity ids to
    names (for an event's ``participants``); ``ref`` maps an analysis' entity reference
    (an id or a candidate key) to an id.
    """

    def __init__(self, conn, names: dict[int, str], event_version: str, quote_version: str):
        self.conn = conn
        self.names = names
        self.event_version = event_version
        self.quote_version = quote_version
        self._state: dict[int, _EventState] = {}
        self._renamed: set[int] = set()
        self._parties: dict[tuple[int, int, str], dict] = {}
        self._reports: list[dict] = []
        self._quotes: list[tuple[dict, tuple[int, ...]]] = []
        self._themes: list[dict] = []

    # ------------------------------------------------------------------ events
    def add_events(self, article_id: int, drafts, ref) -> int:
        for draft in drafts:
            parties = {}
            for r, role in draft.parties.items():
                parties.setdefault(ref(r), role)
            core = {ref(r) for r in draft.core}
            location_id = ref(draft.location) if draft.location is not None else None
            event_id = self._find_event(draft, core, location_id)
            if event_id is None:
                event_id = self._create_event(draft, parties, core, location_id)
            else:
                self._update_event(event_id, draft, parties, core, location_id)
            for row in draft.reports:
                loc = row["location_id"]
                self._reports.append({
                    **row, "event_id": event_id, "article_id": article_id,
                    "location_id": ref(loc) if loc is not None else None,
                    "extractor_version": self.event_version,
                })
        return len(drafts)

    def _find_event(self, draft, core: set[int], location_id: int | None) -> int | None:
        """An existing event this report is about, or None. Reports may disagree (and then
        show up in the ``event_conflicts`` view) only when the parties are exactly the same:
        on the place for the same date, or by one day for the same place."""
        if not draft.date_start:
            return None
        dates = [draft.date_start]
        if draft.date_precision == "day":
            dates += _neighbour_days(draft.date_start)
        rows = self.conn.execute(_SAME_KIND, {
            "type": draft.event_type, "status": draft.status, "dates": dates,
            "precision": draft.date_precision}).all()
        self._load([row for row in rows if row.id not in self._state])
        for row in rows:
            state = self._state[row.id]
            known = state.core
            same_parties = len(known) >= 2 and known == core
            places_agree = not (state.location_id and location_id and state.location_id != location_id)
            if row.date_start == draft.date_start:
                shared = known & core
                if places_agree and len(shared) >= 2 and len(shared) * 2 >= min(len(known), len(core)):
                    return row.id
                if same_parties:
                    return row.id  # same day, same parties, another place: a conflict to show
            elif same_parties and state.location_id and state.location_id == location_id:
                return row.id  # a day apart, same parties and place: a conflict to show
        return None

    def _load(self, rows) -> None:
        """The state of stored events not seen yet in this batch (parties in one query)."""
        if not rows:
            return
        for row in rows:
            self._state[row.id] = _EventState(set(), set(), set(), row.location_id, row.mode,
                                              row.date_start, row.date_resolution)
        p = EventParty.__table__
        for event_id, ent_id, role, type_, country_id, name in self.conn.execute(
            select(p.c.event_id, p.c.entity_id, p.c.role, Entity.type, Entity.country_id, Entity.name)
            .join(Entity, Entity.id == p.c.entity_id)
            .where(p.c.event_id.in_([row.id for row in rows]))
        ):
            state = self._state[event_id]
            state.parties.add((ent_id, role))
            state.names.add(name)
            if type_ == "person":
                if country_id:
                    state.core.add(country_id)
            elif type_ in ("country", "organization"):
                state.core.add(ent_id)

    def _create_event(self, draft, parties: dict[int, str], core: set[int], location_id) -> int:
        names = {self.names[i] for i in parties}
        event_id = self.conn.execute(_NEW_EVENT, {
            "event_type": draft.event_type, "plover_type": draft.plover_type, "mode": draft.mode,
            "status": draft.status, "date_start": draft.date_start, "date_end": draft.date_end,
            "date_precision": draft.date_precision, "date_text": draft.date_text,
            "date_resolution": draft.date_resolution, "location_id": location_id,
            "participants": "; ".join(sorted(names)), "extractor_version": self.event_version,
            "created_at": utcnow(),
        }).scalar_one()
        self._state[event_id] = _EventState(set(), names, set(), location_id, draft.mode,
                                            draft.date_start, draft.date_resolution)
        self._add_parties(event_id, parties, core)
        return event_id

    def _update_event(self, event_id: int, draft, parties: dict[int, str], core: set[int],
                      location_id) -> None:
        state = self._state[event_id]
        values = {}
        if (state.date_resolution != "explicit" and draft.date_resolution == "explicit"
                and draft.date_start == state.date_start):
            values.update(date_resolution="explicit", date_text=draft.date_text)
            state.date_resolution = "explicit"
        if state.location_id is None and location_id:
            values["location_id"] = state.location_id = location_id
        if state.mode is None and draft.mode:
            values["mode"] = state.mode = draft.mode
        if values:
            e = Event.__table__
            self.conn.execute(update(e).where(e.c.id == event_id).values(**values))
        before = len(state.names)
        self._add_parties(event_id, parties, core)
        if len(state.names) != before:
            self._renamed.add(event_id)

    def _add_parties(self, event_id: int, parties: dict[int, str], core: set[int]) -> None:
        state = self._state[event_id]
        for entity_id, role in parties.items():
            if (entity_id, role) not in state.parties:
                state.parties.add((entity_id, role))
                state.names.add(self.names[entity_id])
                self._parties[(event_id, entity_id, role)] = {
                    "event_id": event_id, "entity_id": entity_id, "role": role}
        state.core |= core

    # ------------------------------------------------------------------ quotes, themes
    def add_quotes(self, article_id: int, quotes, ref) -> int:
        for speaker, speaker_text, cue, text, kind, start, end, sentence_index, speakers in quotes:
            self._quotes.append(({
                "article_id": article_id, "speaker_entity_id": ref(speaker) if speaker is not None else None,
                "speaker_text": speaker_text, "cue": cue, "text": text, "kind": kind,
                "start": start, "end": end, "sentence_index": sentence_index,
                "extractor_version": self.quote_version,
            }, tuple(sorted({ref(s) for s in speakers}))))
        return len(quotes)

    def add_themes(self, article_id: int, themes: dict[str, int]) -> None:
        self._themes += [{"article_id": article_id, "theme": t, "hits": n}
                         for t, n in sorted(themes.items()) if n]

    # ------------------------------------------------------------------ the rows
    def flush(self) -> None:
        from archive.dialect import insert_ignore

        conn = self.conn
        if self._parties:
            p = EventParty.__table__
            conn.execute(insert_ignore(conn, p, ["event_id", "entity_id", "role"]),
                         list(self._parties.values()))
        if self._renamed:
            e = Event.__table__
            conn.execute(
                update(e).where(e.c.id == bindparam("event_id")).values(participants=bindparam("names")),
                [{"event_id": i, "names": "; ".join(sorted(self._state[i].names))}
                 for i in sorted(self._renamed)],
            )
        if self._reports:
            conn.execute(insert(EventReport.__table__), self._reports)
        if self._quotes:
            table = Quote.__table__
            ids = [r[0] for r in conn.execute(
                insert(table).returning(table.c.id, sort_by_parameter_order=True),
                [row for row, _ in self._quotes])]
            speaker_rows = [{"quote_id": quote_id, "entity_id": s}
                            for quote_id, (_, speakers) in zip(ids, self._quotes) for s in speakers]
            if speaker_rows:
                conn.execute(insert(QuoteSpeaker.__table__), speaker_rows)
        if self._themes:
            conn.execute(insert(ThemeHit.__table__), self._themes)
        self._state.clear()
        self._renamed.clear()
        self._parties.clear()
        self._reports.clear()
        self._quotes.clear()
        self._themes.clear()


def _neighbour_days(day: str) -> list[str]:
    from datetime import date, timedelta

    try:
        d = date.fromisoformat(day)
    except ValueError:
        return []
    return [(d - timedelta(days=1)).isoformat(), (d + timedelta(days=1)).isoformat()]
