"""Running the extractors over stored articles and writing their rows.

Used by the importer (each batch, in the batch's transaction) and by ``archive reextract``.
The shipped gazetteer is synchronised into the ``entities`` tables first whenever its
version changed; the database's entities (shipped + user + promoted) are what is matched.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, update

from archive.db import chunked, utcnow
from archive.dialect import insert_ignore
from archive.extract import gazetteer
from archive.extract.gazetteer import spelling_key
from archive.extract.entities import Lexicon, LexEntity, possessive_variants
from archive.extract.pipeline import EXTRACTOR_VERSION as ENTITIES_VERSION, extract

# Recorded on every extraction: a change of any extractor makes articles stale.
EXTRACTOR_VERSION = "entities-1+events-1+quotes-1+themes-1"
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

ENGLISH = ("en", None)




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



@dataclass(frozen=True)
class ArticleText:
    """What the extractors read of a stored article."""

    id: int
    title: str | None
    body: str
    language: str | None
    published_at: str | None = None
    published_precision: str = "none"
    captions: str | None = None


ARTICLE_TEXT_COLUMNS = ("id", "title", "body", "language", "published_at", "published_precision", "captions")


@dataclass
class Matcher:
    lexicon: Lexicon
    countries: dict  # country id -> LexEntity


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
    spellings = []
    for row in conn.execute(select(a.c.entity_id, a.c.alias, a.c.kind)):
        if row.entity_id in lex:
            spellings.append((row.alias, lex[row.entity_id], _kind(row.kind)))
    for r in rows:
        if r.status == "unresolved":
            spellings.append((r.name, lex[r.id], "candidate"))
    countries = {r.id: lex[r.id] for r in rows if r.type == "country"}
    spellings += _possessive_variants(conn, lex, spellings)
    prefixes = {alias: (ent.ref, kind) for alias, ent, kind in spellings
                if ent.type == "country" and kind in ("name", "alias", "demonym") and alias[:1].isupper()}
    return Matcher(Lexicon(spellings, prefixes), countries)


def _possessive_variants(conn, lex, spellings):
    e = Entity.__table__
    country_of = {r.id: r.country_id for r in conn.execute(
        select(e.c.id, e.c.country_id).where(e.c.type == "organization", e.c.country_id.is_not(None)))}
    return possessive_variants(spellings, country_of)


def _kind(alias_kind: str) -> str:
    return {"name": "name", "demonym": "demonym"}.get(alias_kind, "alias")


def extract_articles(conn, matcher: Matcher, articles: list[ArticleText]) -> dict:
    """Run every extractor on stored articles, replacing their earlier results."""
    from archive import eventstore

    from archive import pairs

    ids = [a.id for a in articles]
    pairs.adjust(conn, ids, -1)  # their pairs as counted so far go; the new ones come below
    touched = pairs.entities_of(conn, ids)
    for chunk in chunked(ids):
        for table in (Mention.__table__, ArticleEntityCount.__table__, Extraction.__table__):
            conn.execute(delete(table).where(table.c.article_id.in_(chunk)))
        eventstore.delete_article_events(conn, chunk)
    mention_rows = []
    count_rows = []
    extraction_rows = []
    now = utcnow()
    version = get_meta(conn, "gazetteer_version")
    totals = {"articles": len(articles), "mentions": 0, "candidates": 0, "events": 0, "quotes": 0}
    for art in articles:
        article_id, title, body, language = art.id, art.title, art.body, art.language
        if language not in ENGLISH:
            extraction_rows.append({
                "article_id": article_id, "extractor_version": EXTRACTOR_VERSION,
                "gazetteer_version": version, "status": "skipped", "extracted_at": now,
                "note": f"language {language}: extraction runs on English text only",
            })
            continue
        result = extract(body, matcher.lexicon, matcher.countries, title=title)
        candidate_mentions = []
        for c in result.candidates:
            entity = LexEntity(ref=_candidate_entity(conn, c, body, result), name=c.name, type=c.type)
            candidate_mentions.append((c, entity))
            totals["candidates"] += 1
        body_mentions = _with_candidates(body, result.mentions, candidate_mentions)
        rows = [(m.entity.ref, m.start, m.end, m.surface, m.kind, "body") for m in body_mentions]
        rows += [(m.entity.ref, m.start, m.end, m.surface, m.kind, "title")
                 for m in result.title_mentions]
        counts: dict[int, list[int]] = {}
        index = result.sentence_of
        for entity_id, start, end, surface, kind, where in rows:
            mention_rows.append({
                "article_id": article_id, "entity_id": entity_id, "start": start, "end": end,
                "surface": surface[:300], "kind": kind, "field": where,
                "sentence_index": index(start) if where == "body" else 0,
                "extractor_version": ENTITIES_VERSION,
            })
            c = counts.setdefault(entity_id, [0, start])
            c[0] += 1
            c[1] = min(c[1], start)
        count_rows.extend(
            {"article_id": article_id, "entity_id": eid, "n_mentions": n, "first_start": first}
            for eid, (n, first) in counts.items()
        )
        n_events, n_quotes = _events_quotes_themes(conn, matcher, art, result, body_mentions)
        totals["events"] += n_events
        totals["quotes"] += n_quotes
        extraction_rows.append({
            "article_id": article_id, "extractor_version": EXTRACTOR_VERSION,
            "gazetteer_version": version, "status": "done", "extracted_at": now, "note": None,
        })
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


def _with_candidates(body: str, mentions, candidates) -> list:
    """Add mentions of the article's candidate names (and a candidate person's surname)."""
    from archive.extract.entities import Mention as M

    taken = [(m.start, m.end) for m in mentions]
    extra = []
    for c, entity in candidates:
        forms = [(c.name, "candidate")]
        last = c.name.split()[-1]
        if c.type == "person" and len(c.name.split()) > 1 and len(last) >= 3:
            forms.append((last, "surname"))
        for form, kind in forms:
            for m in re.finditer(r"(?<![\w-])" + re.escape(form) + r"(?![\w-])", body):
                if any(a < m.end() and m.start() < b for a, b in taken):
                    continue
                taken.append((m.start(), m.end()))
                extra.append(M(entity, m.start(), m.end(), form, kind))
    return sorted(list(mentions) + extra, key=lambda m: (m.start, -m.end))


_YEAR = re.compile(r"\b(19[4-9]\d|20[0-4]\d)\b")


def _events_quotes_themes(conn, matcher: Matcher, art: ArticleText, result, body_mentions) -> tuple[int, int]:
    from archive import eventstore
    from archive.extract import events as ev
    from archive.extract import quotes as qu
    from archive.extract import themes as th
    from archive.extract.pipeline import _entities
    from archive.extract.sentences import split
    from archive.ingest.record import DateValue

    published = None
    if art.published_at and art.published_precision not in ("none", "no-year"):
        published = DateValue(art.published_at, art.published_precision, art.published_at)
    reference_year = None
    if published is None:
        years = [int(y) for text in (art.title or "", art.body, art.captions or "")
                 for y in _YEAR.findall(text)]
        reference_year = max(years) if years else None
    records = ev.extract_events(art.body, result.sentences, body_mentions, published, "body",
                                reference_year=reference_year)
    if art.title:
        records += ev.extract_events(art.title, split(art.title), result.title_mentions, published,
                                     "title", reference_year=reference_year)
    if art.captions:
        caption_mentions = _entities(art.captions, matcher.lexicon, matcher.countries)
        records += ev.extract_events(art.captions, split(art.captions), caption_mentions, published,
                                     "caption", reference_year=reference_year)
    texts = {"body": art.body, "title": art.title or "", "caption": art.captions or ""}
    reports = eventstore.merge_in_article(records, texts)
    eventstore.store_article_events(conn, art.id, reports, ev.EXTRACTOR_VERSION)
    quotes = qu.extract_quotes(art.body, result.sentences, body_mentions)
    eventstore.store_quotes(conn, art.id, quotes, qu.EXTRACTOR_VERSION)
    eventstore.store_themes(conn, art.id, th.article_themes((art.title or "") + "\n\n" + art.body))
    return len(reports), len(quotes)


def _candidate_entity(conn, c, body: str, result) -> int:
    table = Entity.__table__
    key = "unresolved:" + spelling_key(c.name)
    sentence = result.sentences[result.sentence_of(c.start)].text if result.sentences else None
    conn.execute(
        insert_ignore(conn, table, ["key"]).values(
            key=key, name=c.name, type=c.type, status="unresolved", origin="extracted",
            ambiguous=False, example=(sentence or "")[:500], extractor_version=ENTITIES_VERSION,
            created_at=utcnow(),
        )
    )
    return conn.execute(select(table.c.id).where(table.c.key == key)).scalar_one()


def delete_orphan_candidates(conn) -> int:
    table = Entity.__table__
    counts = ArticleEntityCount.__table__
    result = conn.execute(
        delete(table).where(
            table.c.status == "unresolved",
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


def reextract(target, *, only_stale: bool = False, batch_size: int = 500, progress=None) -> ReextractReport:
    """Re-run extraction over stored articles, batch by batch (each batch one transaction)."""
    from archive.store import writer

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
        a = Article.__table__
        for chunk in chunked(ids, batch_size):
            with engine.begin() as conn:
                rows = conn.execute(
                    select(*[a.c[name] for name in ARTICLE_TEXT_COLUMNS])
                    .where(a.c.id.in_(chunk)).order_by(a.c.id)
                ).all()
                counts = extract_articles(conn, matcher, [ArticleText(*r) for r in rows])
            for k in totals:
                totals[k] += counts[k]
            if progress:
                progress(len(chunk))
        with engine.begin() as conn:
            removed = delete_orphan_candidates(conn)
            from archive import pairs

            pairs.refresh_dirty(conn)
            if not only_stale:
                from archive import pairs

                pairs.rebuild(conn)  # exact again even after hand edits of articles by SQL
    finally:
        engine.dispose()
    return ReextractReport(totals["articles"], totals["mentions"], totals["candidates"],
                           totals["events"], totals["quotes"], removed, synced)
