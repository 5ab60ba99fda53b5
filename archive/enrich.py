"""Running the extractors over stored articles and writing their rows.

Used by the importer (each batch, in the batch's transaction) and by ``archive reextract``.
The shipped gazetteer is synchronised into the ``entities`` tables first whenever its
version changed; the database's entities (shipped + user + promoted) are what is matched.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update

from archive.db import chunked, utcnow
from archive.dialect import insert_ignore
from archive.extract import gazetteer
from archive.extract.analysis import (
    ARTICLE_TEXT_COLUMNS,
    Analysis,
    ArticleText,
    analyse,
)
from archive.extract.entities import LexEntity, Lexicon, possessive_variants
from archive.extract.gazetteer import spelling_key
from archive.extract.pipeline import EXTRACTOR_VERSION as ENTITIES_VERSION
from archive.models import (
    Article,
    ArticleEntityCount,
    Entity,
    EntityAlias,
    EntityMerge,
    EntityRole,
    Extraction,
    Mention,
    Meta,
)

# Recorded on every extraction: a change of any extractor makes articles stale.
EXTRACTOR_VERSION = "entities-2+events-2+quotes-2+themes-1"


def get_meta(conn, key: str) -> str | None:
    return conn.execute(select(Meta.value).where(Meta.key == key)).scalar_one_or_none()


def set_meta(conn, key: str, value: str) -> None:
    conn.execute(delete(Meta.__table__).where(Meta.key == key))
    conn.execute(insert(Meta.__table__).values(key=key, value=value))


def sync_gazetteer(conn, force: bool = False) -> bool:
    """Bring the shipped gazetteer into the database; True if anything was done."""
    from archive.dialect import exclusive

    version, entries = gazetteer.shipped()
    if not force and get_meta(conn, "gazetteer_version") == version:
        return False
    exclusive(conn, "archive-gazetteer")
    if not force and get_meta(conn, "gazetteer_version") == version:
        return False  # another importer synced it while we waited
    upsert_entries(conn, entries, origin="gazetteer", version=version)
    set_meta(conn, "gazetteer_version", version)
    return True


def upsert_entries(conn, entries: list[gazetteer.Entry], *, origin: str, version: str | None) -> int:
    """Insert or update entities (and their aliases and roles) from gazetteer entries."""
    table = Entity.__table__
    ids = {row.key: row.id for row in conn.execute(select(table.c.key, table.c.id))}
    merged = {row.from_key: row.into_entity_id
              for row in conn.execute(select(EntityMerge.from_key, EntityMerge.into_entity_id))}
    status = "known" if origin == "gazetteer" else "user"
    now = utcnow()
    targets: dict[str, int] = {}
    for e in entries:
        if e.key in merged:
            targets[e.key] = merged[e.key]
            continue
        values = dict(
            name=e.name, type=e.type, subtype=e.subtype, wikidata=e.wikidata, status=status,
            origin=origin, ambiguous=e.ambiguous, gazetteer_version=version,
            data=json.dumps(e.data, sort_keys=True) if e.data else None,
        )
        if e.key in ids:
            conn.execute(update(table).where(table.c.id == ids[e.key]).values(**values))
        else:
            ids[e.key] = conn.execute(
                insert(table).values(key=e.key, created_at=now, **values)
            ).inserted_primary_key[0]
        targets[e.key] = ids[e.key]
    # affiliations, now that every key has an id
    for e in entries:
        if e.country and e.country in ids and e.key not in merged:
            conn.execute(update(table).where(table.c.id == ids[e.key]).values(country_id=ids[e.country]))
    entity_ids = sorted(set(targets.values()))
    aliases = EntityAlias.__table__
    roles = EntityRole.__table__
    for chunk in chunked(entity_ids):
        conn.execute(delete(aliases).where(aliases.c.origin == origin, aliases.c.entity_id.in_(chunk)))
        conn.execute(delete(roles).where(roles.c.entity_id.in_(chunk)))
    alias_rows = {}
    role_rows = []
    for e in entries:
        target = targets[e.key]
        for spelling, kind in e.spellings():
            alias_rows[(target, spelling)] = {
                "entity_id": target, "alias": spelling, "alias_key": spelling_key(spelling),
                "kind": kind, "origin": origin,
            }
        for role in e.roles:
            role_rows.append({
                "entity_id": target, "title": str(role.get("title") or ""),
                "of_entity_id": ids.get(role.get("of")) if role.get("of") else None,
                "start": _date(role.get("start")), "end": _date(role.get("end")),
            })
    if alias_rows:
        conn.execute(insert_ignore(conn, aliases, ["entity_id", "alias"]), list(alias_rows.values()))
    if role_rows:
        conn.execute(insert(roles), role_rows)
    return len(entries)


def _date(value) -> str | None:
    return str(value)[:10] if value else None



# The knowledge base the matcher reads: the gazetteer and the user's entities. Names found in
# articles (``extracted``) are found again by the name finder in every article that has them,
# so what an article yields never depends on which articles came before it.
MATCHED_STATUSES = ("known", "user")


@dataclass
class Matcher:
    lexicon: Lexicon
    countries: dict  # country id -> LexEntity
    names: dict  # entity id -> name


def build_matcher(conn) -> Matcher:
    e = Entity.__table__
    rows = conn.execute(
        select(e.c.id, e.c.key, e.c.name, e.c.type, e.c.status, e.c.ambiguous, e.c.data, e.c.country_id)
        .order_by(e.c.id)
    ).all()
    key_to_id = {r.key: r.id for r in rows}
    capital_of = {}
    for r in rows:
        if r.type == "country" and r.data:
            capital = json.loads(r.data).get("capital")
            if capital in key_to_id:  # first (current) state wins over historical ones
                capital_of.setdefault(key_to_id[capital], r.id)
    plain = {
        r.id: LexEntity(ref=r.id, name=r.name, type=r.type, capital_of=capital_of.get(r.id),
                        ambiguous=bool(r.ambiguous))
        for r in rows
    }
    lex = {
        r.id: LexEntity(ref=r.id, name=r.name, type=r.type, capital_of=capital_of.get(r.id),
                        ambiguous=bool(r.ambiguous), country=plain.get(r.country_id))
        for r in rows
    }
    a = EntityAlias.__table__
    statuses = {r.id: r.status for r in rows}
    spellings = []
    for row in conn.execute(select(a.c.entity_id, a.c.alias, a.c.kind)):
        if row.entity_id in lex and statuses[row.entity_id] in MATCHED_STATUSES:
            spellings.append((row.alias, lex[row.entity_id], _kind(row.kind)))
    countries = {r.id: lex[r.id] for r in rows if r.type == "country"}
    spellings += _possessive_variants(conn, lex, spellings)
    prefixes = {alias: (ent.ref, kind) for alias, ent, kind in spellings
                if ent.type == "country" and kind in ("name", "alias", "demonym") and alias[:1].isupper()}
    return Matcher(Lexicon(spellings, prefixes), countries, {r.id: r.name for r in rows})


def _possessive_variants(conn, lex, spellings):
    e = Entity.__table__
    country_of = {r.id: r.country_id for r in conn.execute(
        select(e.c.id, e.c.country_id).where(e.c.type == "organization", e.c.country_id.is_not(None)))}
    return possessive_variants(spellings, country_of)


def _kind(alias_kind: str) -> str:
    return {"name": "name", "demonym": "demonym"}.get(alias_kind, "alias")


def extract_articles(conn, matcher: Matcher, articles: list[ArticleText],
                     analyses: list[Analysis] | None = None) -> dict:
    """Store every extractor's results for stored articles, replacing their earlier ones.

    ``analyses`` (one per article, from :func:`archive.extract.analysis.analyse`, e.g. run
    in worker processes) are computed here when not given."""
    from archive import pairs
    from archive.eventstore import BatchWriter, delete_article_events
    from archive.extract import events as ev
    from archive.extract import quotes as qu

    if analyses is None:
        analyses = [analyse(art, matcher) for art in articles]
    ids = [a.id for a in articles]
    pairs.adjust(conn, ids, -1)  # their pairs as counted so far go; the new ones come below
    touched = pairs.entities_of(conn, ids)
    for chunk in chunked(ids):
        for table in (Mention.__table__, ArticleEntityCount.__table__, Extraction.__table__):
            conn.execute(delete(table).where(table.c.article_id.in_(chunk)))
        delete_article_events(conn, chunk)
    candidates = _candidate_entities(conn, [c for an in analyses for c in an.candidates])
    names = {**matcher.names, **{i: name for i, name in candidates.values()}}

    def ref(r):
        return r if isinstance(r, int) else candidates[r][0]

    writer = BatchWriter(conn, names, ev.EXTRACTOR_VERSION, qu.EXTRACTOR_VERSION)
    mention_rows = []
    count_rows = []
    extraction_rows = []
    now = utcnow()
    version = get_meta(conn, "gazetteer_version")
    totals = {"articles": len(articles), "mentions": 0, "candidates": 0, "events": 0, "quotes": 0}
    for art, an in zip(articles, analyses, strict=True):
        article_id = art.id
        extraction_rows.append({
            "article_id": article_id, "extractor_version": EXTRACTOR_VERSION,
            "gazetteer_version": version, "status": an.status, "extracted_at": now, "note": an.note,
        })
        if an.status != "done":
            continue
        totals["candidates"] += len(an.candidates)
        counts: dict[int, list[int]] = {}
        for entity_ref, start, end, surface, kind, where, sentence_index in an.mentions:
            entity_id = ref(entity_ref)
            mention_rows.append({
                "article_id": article_id, "entity_id": entity_id, "start": start, "end": end,
                "surface": surface, "kind": kind, "field": where, "sentence_index": sentence_index,
                "extractor_version": ENTITIES_VERSION,
            })
            c = counts.setdefault(entity_id, [0, start])
            c[0] += 1
            c[1] = min(c[1], start)
        count_rows.extend(
            {"article_id": article_id, "entity_id": eid, "n_mentions": n, "first_start": first}
            for eid, (n, first) in counts.items()
        )
        totals["events"] += writer.add_events(article_id, an.events, ref)
        totals["quotes"] += writer.add_quotes(article_id, an.quotes, ref)
        writer.add_themes(article_id, an.themes)
    writer.flush()
    if mention_rows:
        conn.execute(insert(Mention.__table__), mention_rows)
    if count_rows:
        conn.execute(insert(ArticleEntityCount.__table__), count_rows)
        pairs.adjust(conn, sorted({r["article_id"] for r in count_rows}), +1)
        touched |= {r["entity_id"] for r in count_rows}
    if touched:
        pairs.mark_dirty(conn, touched)  # recomputed once when the run finishes
    if extraction_rows:
        conn.execute(insert(Extraction.__table__), extraction_rows)
    totals["mentions"] = len(mention_rows)
    return totals


def _candidate_entities(conn, found) -> dict[str, tuple[int, str]]:
    """Entity key -> (entity id, name) for the names the name finder found, creating the
    ``extracted`` entities not stored yet (the first sentence each was seen in is its example)
    and recording every spelling as an alias. The stored confidence is the highest seen, so it
    does not depend on the order articles come in."""
    first: dict = {}
    spellings: dict = {}
    best: dict = {}
    for c in found:
        prior = first.get(c.key)
        if prior is None or (len(c.name), c.name) > (len(prior.name), prior.name):
            first[c.key] = c
        spellings.setdefault(c.key, set()).update((c.name,) + tuple(c.aliases))
        best[c.key] = max(best.get(c.key, 0.0), c.confidence)
    if not first:
        return {}
    table = Entity.__table__

    def stored(keys):
        out = {}
        for chunk in chunked(keys):
            out.update((r.key, (r.id, r.name, r.confidence)) for r in conn.execute(
                select(table.c.key, table.c.id, table.c.name, table.c.confidence).where(table.c.key.in_(chunk))))
        return out

    known = stored(list(first))
    missing = [c for key, c in first.items() if key not in known]
    if missing:
        now = utcnow()
        conn.execute(insert_ignore(conn, table, ["key"]), [
            dict(key=c.key, name=c.name, type=c.type, status="extracted", origin="extracted",
                 ambiguous=False, example=c.example, extractor_version=ENTITIES_VERSION,
                 confidence=best[c.key], created_at=now)
            for c in missing
        ])
        known.update(stored([c.key for c in missing]))
    for key, (eid, name, conf) in known.items():
        values = {}
        if conf is not None and best[key] > conf:
            values["confidence"] = best[key]
        c = first[key]
        if (len(c.name), c.name) > (len(name), name):
            values["name"] = c.name  # the fullest spelling seen, whichever article came first
        if values:
            conn.execute(update(table).where(table.c.id == eid, table.c.status == "extracted").values(**values))
            known[key] = (eid, values.get("name", name), values.get("confidence", conf))
    aliases = EntityAlias.__table__
    rows = [{"entity_id": known[key][0], "alias": alias[:300], "alias_key": spelling_key(alias)[:300],
             "kind": "extracted", "origin": "extracted"}
            for key, names in spellings.items() for alias in sorted(names)]
    if rows:
        conn.execute(insert_ignore(conn, aliases, ["entity_id", "alias"]), rows)
    _add_roles(conn, {(known[c.key][0], c.role) for c in found if c.role})
    return {key: (eid, name) for key, (eid, name, _) in known.items()}


def _add_roles(conn, pairs: set) -> None:
    """Roles read next to extracted names ("Sen. Tim Kaine": senator), once each."""
    if not pairs:
        return
    roles = EntityRole.__table__
    have = set()
    for chunk in chunked(sorted({eid for eid, _ in pairs})):
        have.update(conn.execute(select(roles.c.entity_id, roles.c.title).where(roles.c.entity_id.in_(chunk))).all())
    new = sorted(pairs - {tuple(h) for h in have})
    if new:
        conn.execute(insert(roles), [{"entity_id": eid, "title": title[:200], "of_entity_id": None,
                                      "start": None, "end": None} for eid, title in new])


def delete_orphan_candidates(conn) -> int:
    table = Entity.__table__
    counts = ArticleEntityCount.__table__
    result = conn.execute(
        delete(table).where(
            table.c.status.in_(("unresolved", "extracted")),
            ~table.c.id.in_(select(counts.c.entity_id).distinct()),
        )
    )
    return result.rowcount or 0


def stale_article_ids(conn) -> list[int]:
    """Articles never extracted, or extracted by another extractor or gazetteer version."""
    a = Article.__table__
    x = Extraction.__table__
    version = get_meta(conn, "gazetteer_version")
    q = (
        select(a.c.id)
        .select_from(a.outerjoin(x, x.c.article_id == a.c.id))
        .where(
            (x.c.article_id.is_(None))
            | (x.c.extractor_version != EXTRACTOR_VERSION)
            | (x.c.gazetteer_version != version)
            | (x.c.gazetteer_version.is_(None))
        )
        .order_by(a.c.id)
    )
    return [r[0] for r in conn.execute(q)]


@dataclass
class ReextractReport:
    articles: int
    mentions: int
    candidates: int
    events: int
    quotes: int
    removed_candidates: int
    gazetteer_synced: bool


def reextract(target, *, only_stale: bool = False, batch_size: int = 500, progress=None,
              jobs: int | None = None) -> ReextractReport:
    """Re-run extraction over stored articles, batch by batch (each batch one transaction).
    Articles are analysed by ``jobs`` worker processes (default one per CPU) while this
    process writes, in article order."""
    from archive.store import writer
    from archive.workers import ordered_map, resolve_jobs

    engine = writer(target)
    totals = {"articles": 0, "mentions": 0, "candidates": 0, "events": 0, "quotes": 0}
    try:
        with engine.begin() as conn:
            synced = sync_gazetteer(conn)
            matcher = build_matcher(conn)
            if only_stale:
                ids = stale_article_ids(conn)
            else:
                ids = [r[0] for r in conn.execute(select(Article.id).order_by(Article.id))]
        jobs = resolve_jobs(jobs, len(ids))
        _WORK["matcher"] = matcher
        analysed = ordered_map(_analyse, _texts(engine, ids, batch_size), jobs=jobs)
        def write(batch) -> None:
            if not batch:
                return
            with engine.begin() as conn:
                counts = extract_articles(conn, matcher, [t for t, _ in batch], [a for _, a in batch])
            for k in totals:
                totals[k] += counts[k]
            if progress:
                progress(len(batch))

        try:
            batch = []
            for item in analysed:
                batch.append(item)
                if len(batch) >= batch_size:
                    write(batch)
                    batch = []
            write(batch)
        finally:
            analysed.close()
            _WORK.clear()
        with engine.begin() as conn:
            removed = delete_orphan_candidates(conn)
            from archive import pairs

            pairs.refresh_dirty(conn)
            if not only_stale:
                pairs.rebuild(conn)  # exact again even after hand edits of articles by SQL
    finally:
        engine.dispose()
    return ReextractReport(totals["articles"], totals["mentions"], totals["candidates"],
                           totals["events"], totals["quotes"], removed, synced)


_WORK: dict = {}  # the matcher, for _analyse in forked workers


def _analyse(art: ArticleText) -> tuple[ArticleText, Analysis]:
    return art, analyse(art, _WORK["matcher"])


def _texts(engine, ids: list[int], batch_size: int):
    """The stored articles' texts, in id order, read a batch at a time."""
    a = Article.__table__
    for chunk in chunked(ids, batch_size):
        with engine.connect() as conn:
            rows = conn.execute(
                select(*[a.c[name] for name in ARTICLE_TEXT_COLUMNS]).where(a.c.id.in_(chunk)).order_by(a.c.id)
            ).all()
        by_id = {r[0]: ArticleText(*r) for r in rows}
        yield from (by_id[i] for i in chunk if i in by_id)  # deleted meanwhile: nothing to do
