"""Merging an article's own event records into one report per event (no database).

Reports of the same type and status merge when their dates agree (or one is unknown), their
places agree (or one is unknown) and they share a party. Statements merge only when they
share a speaker (a person when both name one: two Iranian officials' statements are two
events, one official's remarks over several sentences one). The rule across articles, which
needs the stored events, is in :mod:`archive.eventstore`.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
    if a.record.event_type == "statement":
        sa, sb = _speakers(a), _speakers(b)
        return bool(sa & sb)
    shared = a.core & b.core
    if same_article:
        return bool(shared) or not a.core or not b.core
    return len(shared) >= 2 and len(shared) * 2 >= min(len(a.core), len(b.core))


def _speakers(r: Report) -> set:
    """The speakers of a statement: its people when it names any, else its speaking parties."""
    people = {p.entity.ref for p in r.record.participants if p.role == "speaker" and p.entity.type == "person"}
    for x in r.extra:
        people |= {p.entity.ref for p in x.record.participants if p.role == "speaker" and p.entity.type == "person"}
    if people:
        return people
    return {ref for ref, role in r.parties.items() if role == "speaker"} or set(r.parties)


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
