"""Coverage and corroboration: which outlets cover what, and which events rest on one source."""

from __future__ import annotations

from sqlalchemy import text

from archive.config import Target
from archive.reports import find_entity, period
from archive.store import connect

COLUMNS = ["source", "kind", "articles", "entities", "events", "single_source_events",
           "first_published", "last_published"]

# An article's sources: its publisher and the agencies it credits (photo credits aside).
_ARTICLE_SOURCES = """
SELECT a.id AS article_id, a.source_id AS source_id FROM articles AS a
 WHERE a.source_id IS NOT NULL AND a.duplicate_of_id IS NULL AND a.superseded_at IS NULL
UNION
SELECT t.article_id, t.source_id FROM article_attributions AS t
  JOIN articles AS a ON a.id = t.article_id
 WHERE t.role <> 'photo' AND a.duplicate_of_id IS NULL AND a.superseded_at IS NULL
"""


def coverage(target: Target, *, entity: str | None = None, since: str | None = None,
             until: str | None = None, limit: int | None = 50) -> tuple[list[str], list[tuple]]:
    """One row per source: articles, distinct resolved entities they mention, events they
    report, and how many of those events no other source reports."""
    span = period(since, until)
    params: dict = {}
    with connect(target) as conn:
        article_filter = span.sql("a2.published_at", params)
        if entity:
            params["entity"] = find_entity(conn, entity)[0]
            article_filter.append("a2.id IN (SELECT article_id FROM article_entity_counts "
                                  "WHERE entity_id = :entity)")
        where = (" AND " + " AND ".join(article_filter)) if article_filter else ""
        sql = f"""
WITH src AS ({_ARTICLE_SOURCES}),
sel AS (
    SELECT src.article_id, src.source_id FROM src JOIN articles AS a2 ON a2.id = src.article_id
    WHERE 1 = 1{where}
),
event_sources AS (
    SELECT r.event_id, sel.source_id FROM event_reports AS r JOIN sel ON sel.article_id = r.article_id
    GROUP BY r.event_id, sel.source_id
),
single AS (
    SELECT event_id FROM event_sources GROUP BY event_id HAVING COUNT(*) = 1
)
SELECT s.name, s.kind,
       COUNT(DISTINCT sel.article_id) AS articles,
       (SELECT COUNT(DISTINCT c.entity_id) FROM article_entity_counts AS c
          JOIN entities AS e ON e.id = c.entity_id AND e.status <> 'unresolved'
         WHERE c.article_id IN (SELECT article_id FROM sel AS x WHERE x.source_id = s.id)) AS entities,
       (SELECT COUNT(*) FROM event_sources AS es WHERE es.source_id = s.id) AS events,
       (SELECT COUNT(*) FROM event_sources AS es JOIN single ON single.event_id = es.event_id
         WHERE es.source_id = s.id) AS single_source_events,
       MIN(a.published_at), MAX(a.published_at)
FROM sel JOIN sources AS s ON s.id = sel.source_id JOIN articles AS a ON a.id = sel.article_id
GROUP BY s.id, s.name, s.kind
ORDER BY articles DESC, s.name
"""
        if limit:
            sql += " LIMIT :limit"
            params["limit"] = int(limit)
        rows = [tuple(r) for r in conn.execute(text(sql), params)]
    return COLUMNS, rows
