"""Looking up, listing and correcting entities (the library behind ``archive entities``)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import delete, func, insert, select, update

from archive.config import Target
from archive.db import utcnow
from archive.dialect import insert_ignore
from archive.errors import ArchiveError
from archive.extract.gazetteer import TYPES, read_file, spelling_key
from archive.extract.sentences import sentence_around
from archive.models import (
    Article,
    ArticleEntityCount,
    Entity,
    EntityAlias,
    EntityMerge,
    EntityRole,
    Mention,
    Source,
)
from archive.store import connect, writer


class UnknownEntity(ArchiveError):
    """No entity has that name or alias."""


class AmbiguousEntity(ArchiveError):
    """Several entities have that name or alias."""


class EntityExists(ArchiveError):
    """An entity with that name already exists."""




def find(conn, name: str) -> int:
    """The id of the entity called ``name`` (any alias, any case)."""
    e, a = Entity.__table__, EntityAlias.__table__
    key = spelling_key(name)
    ids = {
        r[0]
        for r in conn.execute(
            select(e.c.id).where(func.lower(e.c.name) == name.lower().strip())
        )
    }
    if not ids:
        ids = {r[0] for r in conn.execute(select(a.c.entity_id).where(a.c.alias_key == key))}
    if len(ids) == 1:
        return ids.pop()
    if len(ids) > 1:
        rows = conn.execute(
            select(e.c.name, e.c.type, e.c.key).where(e.c.id.in_(ids)).order_by(e.c.name)
        ).all()
        listed = "; ".join(f"{r.name} ({r.type}, key {r.key})" for r in rows)
        raise AmbiguousEntity(f"{name!r} names several entities: {listed}. Use a fuller name.")
    spellings = [r[0] for r in conn.execute(select(a.c.alias))]
    close = difflib.get_close_matches(name, spellings, n=5, cutoff=0.6)
    hint = f" Closest: {', '.join(close)}." if close else ""
    raise UnknownEntity(f"No entity named {name!r}.{hint} Add one with: archive entities add")


@dataclass
class EntityRow:
    id: int
    key: str
    name: str
    type: str
    subtype: str | None
    wikidata: str | None
    status: str
    origin: str
    affiliation: str | None
    example: str | None


@dataclass
class EntityReport:
    entity: EntityRow
    aliases: list[tuple[str, str]]
    roles: list[tuple[str, str | None, str | None, str | None]]
    n_articles: int
    n_mentions: int
    by_month: list[tuple[str, int]]
    cooccurring: list[tuple[str, str, int]]
    sources: list[tuple[str, int]]
    evidence: list[tuple[int, str, str]] = field(default_factory=list)  # article, origin, sentence
    events: list[tuple] = field(default_factory=list)  # event id, date, type, status, location, participants
    quotes: list[tuple] = field(default_factory=list)  # published, cue, quote


def _row(conn, entity_id: int) -> EntityRow:
    e = Entity.__table__
    c = Entity.__table__.alias("c")
    r = conn.execute(
        select(e, c.c.name.label("affiliation"))
        .select_from(e.outerjoin(c, c.c.id == e.c.country_id))
        .where(e.c.id == entity_id)
    ).one()
    return EntityRow(r.id, r.key, r.name, r.type, r.subtype, r.wikidata, r.status, r.origin,
                     r.affiliation, r.example)


def show(target: Target, name: str, *, limit: int = 10) -> EntityReport:
    with connect(target) as conn:
        entity_id = find(conn, name)
        entity = _row(conn, entity_id)
        a = EntityAlias.__table__
        aliases = [(r.alias, r.kind) for r in conn.execute(
            select(a.c.alias, a.c.kind).where(a.c.entity_id == entity_id).order_by(a.c.kind, a.c.alias))]
        ro, oe = EntityRole.__table__, Entity.__table__.alias("o")
        roles = [(r.title, r.of, r.start, r.end) for r in conn.execute(
            select(ro.c.title, oe.c.name.label("of"), ro.c.start, ro.c.end)
            .select_from(ro.outerjoin(oe, oe.c.id == ro.c.of_entity_id))
            .where(ro.c.entity_id == entity_id).order_by(ro.c.start))]
        counts = ArticleEntityCount.__table__
        art = Article.__table__
        n_articles, n_mentions = conn.execute(
            select(func.count(), func.coalesce(func.sum(counts.c.n_mentions), 0))
            .where(counts.c.entity_id == entity_id)).one()
        month = func.substr(art.c.published_at, 1, 7)
        by_month = [(r[0] or "undated", r[1]) for r in conn.execute(
            select(month, func.count()).select_from(counts.join(art, art.c.id == counts.c.article_id))
            .where(counts.c.entity_id == entity_id).group_by(month).order_by(month))]
        other = counts.alias("o")
        oent = Entity.__table__.alias("oe")
        cooccurring = [(r.name, r.type, r.n) for r in conn.execute(
            select(oent.c.name, oent.c.type, func.count().label("n"))
            .select_from(counts.join(other, other.c.article_id == counts.c.article_id)
                         .join(oent, oent.c.id == other.c.entity_id))
            .where(counts.c.entity_id == entity_id, other.c.entity_id != entity_id,
                   oent.c.status != "unresolved")
            .group_by(oent.c.id, oent.c.name, oent.c.type)
            .order_by(func.count().desc(), oent.c.name).limit(limit))]
        src = Source.__table__
        sources = [(r.name, r.n) for r in conn.execute(
            select(src.c.name, func.count().label("n"))
            .select_from(counts.join(art, art.c.id == counts.c.article_id)
                         .join(src, src.c.id == art.c.source_id))
            .where(counts.c.entity_id == entity_id)
            .group_by(src.c.id, src.c.name).order_by(func.count().desc(), src.c.name).limit(limit))]
        m = Mention.__table__
        evidence = []
        for r in conn.execute(
            select(m.c.article_id, m.c.start, m.c.end, art.c.origin, art.c.body)
            .select_from(m.join(art, art.c.id == m.c.article_id))
            .where(m.c.entity_id == entity_id).order_by(m.c.article_id, m.c.start).limit(200)
        ):
            if evidence and evidence[-1][0] == r.article_id:
                continue
            evidence.append((r.article_id, r.origin, " ".join(sentence_around(r.body, r.start, r.end).split())))
            if len(evidence) >= min(limit, 5):
                break
        from sqlalchemy import text

        events = [tuple(r) for r in conn.execute(text(
            "SELECT t.event_id, t.date_start, t.event_type, t.status, t.location, t.participants "
            "FROM event_timeline t WHERE t.event_id IN "
            "(SELECT event_id FROM event_parties WHERE entity_id = :id) "
            "ORDER BY t.date_start IS NULL, t.date_start, t.event_id LIMIT :limit"),
            {"id": entity_id, "limit": limit})]
        quotes = [tuple(r) for r in conn.execute(text(
            "SELECT q.published_at, q.cue, q.quote FROM quote_overview q "
            "WHERE q.speaker_entity_id = :id OR q.quote_id IN "
            "(SELECT quote_id FROM quote_speakers WHERE entity_id = :id) "
            "ORDER BY q.published_at IS NULL, q.published_at, q.quote_id LIMIT :limit"),
            {"id": entity_id, "limit": limit})]
        return EntityReport(entity, aliases, roles, n_articles, n_mentions, by_month,
                            cooccurring, sources, evidence, events, quotes)



def list_entities(target: Target, *, type_: str | None = None, status: str | None = None,
                  limit: int | None = 50, search: str | None = None) -> tuple[list[str], list[tuple]]:
    with connect(target) as conn:
        e = Entity.__table__
        counts = ArticleEntityCount.__table__
        n_articles = func.count(counts.c.article_id).label("n_articles")
        n_mentions = func.coalesce(func.sum(counts.c.n_mentions), 0).label("n_mentions")
        q = (
            select(e.c.id, e.c.name, e.c.type, e.c.wikidata, e.c.status, n_articles, n_mentions)
            .select_from(e.outerjoin(counts, counts.c.entity_id == e.c.id))
            .group_by(e.c.id, e.c.name, e.c.type, e.c.wikidata, e.c.status)
        )
        if type_:
            q = q.where(e.c.type == type_)
        if status:
            q = q.where(e.c.status == status)
        if search:
            q = q.where(func.lower(e.c.name).contains(search.lower()))
        else:
            q = q.having(func.count(counts.c.article_id) > 0)
        q = q.order_by(n_articles.desc(), n_mentions.desc(), e.c.name)
        if limit:
            q = q.limit(limit)
        columns = ["id", "entity", "type", "wikidata", "status", "articles", "mentions"]
        return columns, [tuple(r) for r in conn.execute(q)]


def add(target: Target, name: str, type_: str, *, aliases: list[str] = (), wikidata: str | None = None,
        country: str | None = None, subtype: str | None = None) -> tuple[str, int]:
    """Create a user entity, or promote the extracted (or unresolved) name of that spelling.

    Returns ("added" | "promoted", id).
    """
    if type_ not in TYPES:
        raise ArchiveError(f"Type {type_!r} is not one of {', '.join(TYPES)}.")
    engine = writer(target)
    try:
        with engine.begin() as conn:
            e = Entity.__table__
            country_id = find(conn, country) if country else None
            existing = conn.execute(
                select(e.c.id, e.c.status).where(func.lower(e.c.name) == name.lower())
            ).all()
            known = [r for r in existing if r.status not in ("unresolved", "extracted")]
            if known:
                raise EntityExists(
                    f"An entity named {name!r} already exists. Add spellings with: "
                    f"archive entities alias {name!r} ALIAS"
                )
            values = dict(name=name, type=type_, wikidata=wikidata, subtype=subtype, status="user",
                          origin="user", country_id=country_id)
            if existing:
                entity_id, outcome = existing[0].id, "promoted"
                conn.execute(update(e).where(e.c.id == entity_id)
                             .values(key="user:" + spelling_key(name), **values))
            else:
                outcome = "added"
                entity_id = conn.execute(
                    insert(e).values(key="user:" + spelling_key(name), ambiguous=False, created_at=utcnow(), **values)
                ).inserted_primary_key[0]
            _insert_aliases(conn, entity_id, [name], "name")
            _insert_aliases(conn, entity_id, list(aliases), "alias")
            if outcome == "promoted":
                from archive import pairs

                pairs.rebuild(conn)  # a candidate became a resolved entity
            return outcome, entity_id
    finally:
        engine.dispose()


def _insert_aliases(conn, entity_id: int, aliases: list[str], kind: str) -> int:
    rows = [{"entity_id": entity_id, "alias": a, "alias_key": spelling_key(a), "kind": kind, "origin": "user"}
            for a in aliases if a.strip()]
    if not rows:
        return 0
    # counted, not taken from rowcount: psycopg reports -1 for INSERT ... ON CONFLICT DO NOTHING
    table = EntityAlias.__table__
    count = select(func.count()).select_from(table).where(table.c.entity_id == entity_id)
    before = conn.execute(count).scalar_one()
    conn.execute(insert_ignore(conn, table, ["entity_id", "alias"]), rows)
    return conn.execute(count).scalar_one() - before


def alias(target: Target, name: str, aliases: list[str]) -> tuple[str, int]:
    engine = writer(target)
    try:
        with engine.begin() as conn:
            entity_id = find(conn, name)
            added = _insert_aliases(conn, entity_id, aliases, "alias")
            return _row(conn, entity_id).name, added
    finally:
        engine.dispose()


def merge(target: Target, keep: str, others: list[str]) -> tuple[str, list[str]]:
    """Fold ``others`` into ``keep``: aliases, roles, mentions; the others disappear."""
    engine = writer(target)
    try:
        with engine.begin() as conn:
            keep_id = find(conn, keep)
            merged = []
            for other in others:
                other_id = find(conn, other)
                if other_id == keep_id:
                    raise ArchiveError(f"{other!r} and {keep!r} are already the same entity.")
                row = _row(conn, other_id)
                _merge_one(conn, keep_id, other_id, row.key)
                merged.append(row.name)
            from archive import pairs

            pairs.rebuild(conn)
            return _row(conn, keep_id).name, merged
    finally:
        engine.dispose()


def _merge_one(conn, keep_id: int, other_id: int, other_key: str) -> None:
    a, m, c = EntityAlias.__table__, Mention.__table__, ArticleEntityCount.__table__
    spellings = [r.alias for r in conn.execute(select(a.c.alias).where(a.c.entity_id == other_id))]
    _insert_aliases(conn, keep_id, spellings, "alias")
    conn.execute(update(EntityRole.__table__).where(EntityRole.entity_id == other_id).values(entity_id=keep_id))
    conn.execute(update(m).where(m.c.entity_id == other_id).values(entity_id=keep_id))
    articles = [r[0] for r in conn.execute(select(c.c.article_id).where(c.c.entity_id == other_id))]
    for article_id in articles:
        conn.execute(delete(c).where(c.c.article_id == article_id, c.c.entity_id.in_([keep_id, other_id])))
        n, first = conn.execute(
            select(func.count(), func.min(m.c.start)).where(m.c.article_id == article_id, m.c.entity_id == keep_id)
        ).one()
        if n:
            conn.execute(insert(c).values(article_id=article_id, entity_id=keep_id, n_mentions=n, first_start=first))
    e = Entity.__table__
    conn.execute(update(e).where(e.c.country_id == other_id).values(country_id=keep_id))
    conn.execute(update(EntityMerge.__table__).where(EntityMerge.into_entity_id == other_id)
                 .values(into_entity_id=keep_id))
    conn.execute(insert_ignore(conn, EntityMerge.__table__, ["from_key"]).values(
        from_key=other_key, into_entity_id=keep_id, merged_at=utcnow()))
    conn.execute(delete(a).where(a.c.entity_id == other_id))
    conn.execute(delete(e).where(e.c.id == other_id))


def load(target: Target, path: Path) -> int:
    """Add or update entities from a user gazetteer file (the shipped JSON Lines format)."""
    from archive.enrich import sync_gazetteer, upsert_entries

    entries = read_file(path)
    for entry in entries:
        entry.key = entry.key if entry.key.startswith("user:") else "user:" + entry.key
    engine = writer(target)
    try:
        with engine.begin() as conn:
            sync_gazetteer(conn)
            # countries named by shipped id resolve through the shipped keys
            e = Entity.__table__
            keys = {r.key for r in conn.execute(select(e.c.key))}
            for entry in entries:
                if entry.country and entry.country not in keys and "user:" + entry.country in keys:
                    entry.country = "user:" + entry.country
            return upsert_entries(conn, entries, origin="user", version=None)
    finally:
        engine.dispose()
