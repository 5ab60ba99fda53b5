"""Datasette metadata for an archive database.

``archive datasette-metadata -o metadata.json && datasette archive.db -m metadata.json``
serves the archive with:

* every saved view and table titled and described (views from ``archive/views/*.sql``,
  tables from the model docstrings), bookkeeping tables hidden, label columns set so
  foreign keys show names;
* full-text search on ``articles`` through the FTS5 table ``articles_fts`` (migration 0005);
* canned queries for the analyst's questions, with named parameters (Datasette shows a form):
  timeline of events, everything about an entity, the articles that mention it, who appears
  with it, quotes by a speaker, coverage per source, full-text search.

Entity parameters are matched like ``archive entities show``: any alias, any case (against
``entity_aliases.alias_key``, which is lower case).
"""

from __future__ import annotations

import json

from archive import __version__
from archive.config import Target
from archive.errors import ArchiveError


class NotSQLiteFile(ArchiveError):
    """Datasette serves SQLite files; the target is something else."""


# The entities a parameter names: any alias (lower-cased, hyphens as spaces) or the name.
def _entity_ids(param: str) -> str:
    return (
        f"SELECT al.entity_id AS id FROM entity_aliases AS al "
        f"WHERE al.alias_key = LOWER(TRIM(REPLACE(:{param}, '-', ' '))) "
        f"UNION SELECT en.id FROM entities AS en WHERE LOWER(en.name) = LOWER(TRIM(:{param}))"
    )


def _search_sql(match: str) -> str:
    return f"""
SELECT a.id AS article_id, a.published_at, s.name AS source, a.title,
       snippet(articles_fts, 1, '[', ']', ' … ', 16) AS snippet, a.origin
FROM articles_fts
JOIN articles AS a ON a.id = articles_fts.rowid
LEFT JOIN sources AS s ON s.id = a.source_id
WHERE articles_fts MATCH {match}
ORDER BY bm25(articles_fts), a.id"""


QUERIES: dict[str, dict] = {
    "timeline": {
        "title": "Timeline of events",
        "description": "Events between :since and :until (YYYY, YYYY-MM or YYYY-MM-DD; inclusive, an "
                       "event dated to a month counts when the month overlaps) in which :entity "
                       "(any alias) takes part; leave a field empty for no limit. Undated events "
                       "are listed last, and left out when a date is given.",
        "params": ["since", "until", "entity"],
        "sql": f"""
WITH target AS ({_entity_ids("entity")})
SELECT t.date_start, t.date_end, t.date_precision, t.event_type, t.status, t.location,
       t.participants, t.n_articles, t.n_sources, t.event_id
FROM event_timeline AS t
WHERE (COALESCE(:since, '') = ''
       OR SUBSTR(t.date_start, 1, LENGTH(:since)) >= SUBSTR(:since, 1, LENGTH(t.date_start)))
  AND (COALESCE(:until, '') = ''
       OR SUBSTR(t.date_start, 1, LENGTH(:until)) <= SUBSTR(:until, 1, LENGTH(t.date_start)))
  AND (COALESCE(:entity, '') = '' OR t.event_id IN (
        SELECT p.event_id FROM event_parties AS p WHERE p.entity_id IN (SELECT id FROM target)))
ORDER BY t.date_start IS NULL, t.date_start, t.event_id""",
    },
    "entity": {
        "title": "Everything about an entity",
        "description": "The entity called :name (any alias, any case): type, Wikidata id, "
                       "affiliation, other spellings, roles, articles, mentions, sources, first and "
                       "last dates, events, quotes and who it appears with most.",
        "params": ["name"],
        "sql": f"""
SELECT e.id AS entity_id, e.name, e.type, e.subtype, e.wikidata, e.status,
       aff.name AS affiliation,
       (SELECT GROUP_CONCAT(alias, '; ') FROM (
            SELECT al.alias FROM entity_aliases AS al
            WHERE al.entity_id = e.id AND al.alias <> e.name ORDER BY al.alias)) AS aliases,
       (SELECT GROUP_CONCAT(role, '; ') FROM (
            SELECT r.title || COALESCE(' (' || o.name || ')', '') || ', '
                   || COALESCE(r.start, '?') || ' to ' || COALESCE(r."end", 'now') AS role
            FROM entity_roles AS r LEFT JOIN entities AS o ON o.id = r.of_entity_id
            WHERE r.entity_id = e.id ORDER BY r.start)) AS roles,
       COALESCE(v.n_articles, 0) AS n_articles, COALESCE(v.n_mentions, 0) AS n_mentions,
       COALESCE(v.n_sources, 0) AS n_sources, v.first_seen, v.last_seen,
       (SELECT COUNT(DISTINCT p.event_id) FROM event_parties AS p WHERE p.entity_id = e.id) AS n_events,
       (SELECT COUNT(*) FROM quotes AS q WHERE q.speaker_entity_id = e.id) AS n_quotes,
       (SELECT GROUP_CONCAT(other || ' (' || n || ')', '; ') FROM (
            SELECT CASE WHEN c.entity_a_id = e.id THEN c.entity_b ELSE c.entity_a END AS other,
                   c.n_articles AS n
            FROM entity_cooccurrence AS c WHERE e.id IN (c.entity_a_id, c.entity_b_id)
            ORDER BY c.n_articles DESC, other LIMIT 10)) AS appears_with,
       (SELECT GROUP_CONCAT(source || ' (' || n || ')', '; ') FROM (
            SELECT s.name AS source, COUNT(DISTINCT a.id) AS n
            FROM article_entity_counts AS ac
            JOIN articles AS a ON a.id = ac.article_id
            JOIN sources AS s ON s.id = a.source_id
            WHERE ac.entity_id = e.id AND a.duplicate_of_id IS NULL AND a.superseded_at IS NULL
            GROUP BY s.id, s.name ORDER BY n DESC, source LIMIT 10)) AS sources
FROM entities AS e
LEFT JOIN entities AS aff ON aff.id = e.country_id
LEFT JOIN entity_overview AS v ON v.entity_id = e.id
WHERE e.id IN ({_entity_ids("name")})
ORDER BY n_articles DESC, e.name""",
    },
    "entity_articles": {
        "title": "Articles that mention an entity",
        "description": "Every article that mentions :name (any alias, any case), newest first, "
                       "with the number of mentions.",
        "params": ["name"],
        "sql": f"""
SELECT o.article_id, o.published_at, o.source, o.title, ae.mentions, o.origin
FROM article_entities AS ae
JOIN article_overview AS o ON o.article_id = ae.article_id
WHERE ae.entity_id IN ({_entity_ids("name")})
ORDER BY o.published_at IS NULL, o.published_at DESC, o.article_id""",
    },
    "appears_with": {
        "title": "Who appears with an entity",
        "description": "The entities mentioned in the same articles as :entity (any alias), by "
                       "number of shared articles (view entity_cooccurrence).",
        "params": ["entity"],
        "sql": f"""
WITH target AS ({_entity_ids("entity")})
SELECT CASE WHEN c.entity_a_id IN (SELECT id FROM target) THEN c.entity_b ELSE c.entity_a END AS other,
       o.type AS type, c.n_articles,
       CASE WHEN c.entity_a_id IN (SELECT id FROM target) THEN c.entity_b_id ELSE c.entity_a_id END AS other_id
FROM entity_cooccurrence AS c
JOIN entities AS o
  ON o.id = CASE WHEN c.entity_a_id IN (SELECT id FROM target) THEN c.entity_b_id ELSE c.entity_a_id END
WHERE c.entity_a_id IN (SELECT id FROM target) OR c.entity_b_id IN (SELECT id FROM target)
ORDER BY c.n_articles DESC, other""",
    },
    "quotes_by": {
        "title": "Quotes by a speaker",
        "description": "What :speaker said: quotes and reported statements whose resolved speaker "
                       "(or one of the joint speakers) is that entity (any alias), or whose "
                       "unresolved speaker text contains the words; empty for every quote.",
        "params": ["speaker"],
        "sql": f"""
WITH target AS ({_entity_ids("speaker")})
SELECT q.published_at, q.speaker, q.cue, q.quote, q.kind, q.origin, q.article_id, q.quote_id
FROM quote_overview AS q
WHERE COALESCE(:speaker, '') = ''
   OR q.speaker_entity_id IN (SELECT id FROM target)
   OR q.quote_id IN (SELECT qs.quote_id FROM quote_speakers AS qs
                     WHERE qs.entity_id IN (SELECT id FROM target))
   OR (q.speaker_entity_id IS NULL AND INSTR(LOWER(q.speaker), LOWER(TRIM(:speaker))) > 0)
ORDER BY q.published_at IS NULL, q.published_at, q.quote_id""",
    },
    "coverage": {
        "title": "Coverage per source",
        "description": "Each source with the number of articles it published or is credited in "
                       "(any role), and the first and last publication dates (view source_coverage).",
        "params": [],
        "sql": """
SELECT source, n_articles, first_published, last_published
FROM source_coverage
ORDER BY n_articles DESC, source""",
    },
    "search": {
        "title": "Search articles",
        "description": "Articles containing all the words of :q (English stemming: 'talks' finds "
                       "'talk'), best matches first, with a snippet. Punctuation is safe here; for "
                       "phrases, OR, NOT and prefix* use the query search_fts.",
        "params": ["q"],
        "sql": _search_sql(
            "'\"' || REPLACE(REPLACE(TRIM(COALESCE(:q, '')), '\"', '\"\"'), ' ', '\" \"') || '\"'"),
    },
    "search_fts": {
        "title": "Search articles (FTS5 syntax)",
        "description": "Full-text search with the FTS5 query syntax in :q: words, \"an exact "
                       "phrase\", OR, NOT, NEAR(a b), prefix*. Best matches first, with a snippet.",
        "params": ["q"],
        "sql": _search_sql("CASE WHEN TRIM(COALESCE(:q, '')) = '' THEN '\"\"' ELSE :q END"),
    },
}

HIDDEN_TABLES = ("alembic_version", "article_shingles")
LABEL_COLUMNS = {"sources": "name", "entities": "name", "articles": "title"}
FACETS = {
    "articles": ["source_id", "language", "published_precision"],
    "entities": ["type", "status"],
    "event_timeline": ["event_type", "status"],
    "entity_overview": ["entity_type"],
}


def _table_descriptions() -> dict[str, str]:
    """Each table's description: the first paragraph of its model's docstring."""
    from archive import models  # noqa: F401  (registers the models)
    from archive.db import Base

    out = {}
    for mapper in Base.registry.mappers:
        cls = mapper.class_
        doc = (cls.__doc__ or "").strip().split("\n\n")[0]
        out[cls.__tablename__] = " ".join(doc.replace("``", "").split())
    return out


def metadata(target: Target) -> dict:
    """The Datasette metadata (a JSON-ready dict) for the archive at ``target``."""
    from archive.store import connect, relations
    from archive.views import load_all

    if not target.is_sqlite or target.path is None:
        raise NotSQLiteFile(f"Datasette serves SQLite files; {target.label} is not one.")
    with connect(target) as conn:
        present = {r.name: r.kind for r in relations(conn)}
    name = target.path.stem
    tables: dict[str, dict] = {}
    described = _table_descriptions()
    for table, kind in sorted(present.items()):
        if kind != "table":
            continue
        entry: dict = {}
        if table in described:
            entry["description"] = described[table]
        if table in HIDDEN_TABLES:
            entry["hidden"] = True
        if table in LABEL_COLUMNS:
            entry["label_column"] = LABEL_COLUMNS[table]
        if table in FACETS:
            entry["facets"] = FACETS[table]
        tables[table] = entry
    tables["alembic_version"] = {"hidden": True}  # not listed by relations(), but in the file
    tables["articles"] = {
        **tables.get("articles", {}),
        "fts_table": "articles_fts",
        "fts_pk": "id",
        "sort_desc": "published_at",
    }
    for view in load_all().values():
        if present.get(view.name) != "view":
            continue
        entry = {"title": view.title, "description": view.description}
        if view.name in FACETS:
            entry["facets"] = FACETS[view.name]
        tables[view.name] = entry
    queries = {
        key: {"title": q["title"], "description": q["description"], "sql": q["sql"].strip(),
              "params": list(q["params"])}
        for key, q in QUERIES.items()
    }
    return {
        "title": "News archive",
        "description": "Articles, sources, entities, events and quotes imported by archive "
                       f"{__version__}. Start with the canned queries below, or search articles.",
        "databases": {
            name: {
                "description": "Saved views are described below; canned queries answer the usual "
                               "questions (timeline, an entity, who appears with whom, quotes, "
                               "coverage, search).",
                "tables": tables,
                "queries": queries,
            }
        },
    }


def metadata_json(target: Target) -> str:
    return json.dumps(metadata(target), indent=2, ensure_ascii=False) + "\n"
