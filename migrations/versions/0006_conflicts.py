"""event conflicts view

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa

from archive.migrate import drop_views, create_views, views_of

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

# The saved views at this revision: a frozen copy of archive/views/*.sql.
VIEWS: dict[str, str] | None = {
    "article_entities": """
SELECT
    c.article_id AS article_id,
    a.origin AS origin,
    e.id AS entity_id,
    e.name AS entity,
    e.type AS entity_type,
    e.wikidata AS wikidata_id,
    c.n_mentions AS mentions,
    e.status AS status
FROM article_entity_counts AS c
JOIN articles AS a ON a.id = c.article_id
JOIN entities AS e ON e.id = c.entity_id
""",
    "article_overview": """
SELECT
    a.id AS article_id,
    a.origin AS origin,
    a.title AS title,
    s.name AS source,
    a.published_at AS published_at,
    a.published_precision AS published_precision,
    a.words AS words
FROM articles AS a
LEFT JOIN sources AS s ON s.id = a.source_id
""",
    "article_themes": """
SELECT
    t.article_id AS article,
    t.theme AS theme,
    t.hits AS hits,
    a.origin AS origin
FROM theme_hits AS t
JOIN articles AS a ON a.id = t.article_id
""",
    "entity_cooccurrence": """
SELECT
    ea.name AS entity_a,
    eb.name AS entity_b,
    COUNT(*) AS n_articles,
    ea.id AS entity_a_id,
    eb.id AS entity_b_id
FROM article_entity_counts AS ca
JOIN article_entity_counts AS cb
    ON cb.article_id = ca.article_id AND cb.entity_id <> ca.entity_id
JOIN articles AS a ON a.id = ca.article_id
JOIN entities AS ea ON ea.id = ca.entity_id
JOIN entities AS eb ON eb.id = cb.entity_id
WHERE a.duplicate_of_id IS NULL AND a.superseded_at IS NULL
  AND ea.status <> 'unresolved' AND eb.status <> 'unresolved'
  AND (ea.name < eb.name OR (ea.name = eb.name AND ea.id < eb.id))
GROUP BY ea.id, ea.name, eb.id, eb.name
""",
    "entity_overview": """
SELECT
    e.id AS entity_id,
    e.name AS entity,
    e.type AS entity_type,
    e.wikidata AS wikidata_id,
    COUNT(c.article_id) AS n_articles,
    COALESCE(SUM(c.n_mentions), 0) AS n_mentions,
    COUNT(DISTINCT a.source_id) AS n_sources,
    MIN(a.published_at) AS first_seen,
    MAX(a.published_at) AS last_seen,
    e.status AS status
FROM entities AS e
JOIN article_entity_counts AS c ON c.entity_id = e.id
JOIN articles AS a ON a.id = c.article_id
WHERE a.duplicate_of_id IS NULL AND a.superseded_at IS NULL
GROUP BY e.id, e.name, e.type, e.wikidata, e.status
""",
    "event_conflicts": """
SELECT
    r.event_id AS event_id,
    'date' AS field,
    LIST_DISTINCT(r.date_start) AS "values",
    LIST_DISTINCT(COALESCE(s.name, a.origin)) AS sources
FROM event_reports AS r
JOIN articles AS a ON a.id = r.article_id
LEFT JOIN sources AS s ON s.id = a.source_id
WHERE r.date_start IS NOT NULL AND a.duplicate_of_id IS NULL AND a.superseded_at IS NULL
GROUP BY r.event_id
HAVING COUNT(DISTINCT r.date_start) > 1
UNION ALL
SELECT
    r.event_id AS event_id,
    'location' AS field,
    LIST_DISTINCT(l.name) AS "values",
    LIST_DISTINCT(COALESCE(s.name, a.origin)) AS sources
FROM event_reports AS r
JOIN articles AS a ON a.id = r.article_id
JOIN entities AS l ON l.id = r.location_id
LEFT JOIN sources AS s ON s.id = a.source_id
WHERE a.duplicate_of_id IS NULL AND a.superseded_at IS NULL
GROUP BY r.event_id
HAVING COUNT(DISTINCT r.location_id) > 1
""",
    "event_evidence": """
SELECT
    r.event_id AS event_id,
    r.article_id AS article_id,
    a.origin AS origin,
    COALESCE(
        (SELECT s.name FROM sources AS s WHERE s.id = a.source_id),
        (SELECT MIN(s.name) FROM article_attributions AS t JOIN sources AS s ON s.id = t.source_id
          WHERE t.article_id = a.id AND t.role IN ('wire', 'via'))
    ) AS source,
    r.sentence AS sentence,
    r.field AS field,
    r.start AS start,
    r."end" AS "end",
    a.published_at AS published_at
FROM event_reports AS r
JOIN articles AS a ON a.id = r.article_id
""",
    "event_participants": """
SELECT
    p.event_id AS event_id,
    p.entity_id AS entity_id,
    en.name AS entity,
    en.type AS entity_type,
    p.role AS role
FROM event_parties AS p
JOIN entities AS en ON en.id = p.entity_id
""",
    "event_timeline": """
SELECT
    e.id AS event_id,
    e.event_type AS event_type,
    e.plover_type AS plover_type,
    e.mode AS mode,
    e.status AS status,
    e.date_start AS date_start,
    e.date_end AS date_end,
    e.date_precision AS date_precision,
    (SELECT l.name FROM entities AS l WHERE l.id = e.location_id) AS location,
    e.participants AS participants,
    (SELECT COUNT(DISTINCT r.article_id)
       FROM event_reports AS r JOIN articles AS a ON a.id = r.article_id
      WHERE r.event_id = e.id AND a.duplicate_of_id IS NULL AND a.superseded_at IS NULL) AS n_articles,
    (SELECT COUNT(DISTINCT x.source_id) FROM (
        SELECT a.source_id AS source_id
          FROM event_reports AS r JOIN articles AS a ON a.id = r.article_id
         WHERE r.event_id = e.id AND a.source_id IS NOT NULL
           AND a.duplicate_of_id IS NULL AND a.superseded_at IS NULL
        UNION
        SELECT t.source_id AS source_id
          FROM event_reports AS r JOIN articles AS a ON a.id = r.article_id
          JOIN article_attributions AS t ON t.article_id = r.article_id
         WHERE r.event_id = e.id AND t.role IN ('publisher', 'wire', 'via')
           AND a.duplicate_of_id IS NULL AND a.superseded_at IS NULL
    ) AS x) AS n_sources,
    e.date_resolution AS date_resolution,
    e.date_text AS date_text
FROM events AS e
WHERE EXISTS (
    SELECT 1 FROM event_reports AS r JOIN articles AS a ON a.id = r.article_id
     WHERE r.event_id = e.id AND a.duplicate_of_id IS NULL AND a.superseded_at IS NULL
)
""",
    "quote_overview": """
SELECT
    q.id AS quote_id,
    q.article_id AS article_id,
    a.origin AS origin,
    a.published_at AS published_at,
    COALESCE(en.name, q.speaker_text) AS speaker,
    q.speaker_entity_id AS speaker_entity_id,
    q.cue AS cue,
    q.text AS quote,
    q.kind AS kind
FROM quotes AS q
JOIN articles AS a ON a.id = q.article_id
LEFT JOIN entities AS en ON en.id = q.speaker_entity_id
""",
    "source_coverage": """
SELECT
    s.name AS source,
    COUNT(DISTINCT x.article_id) AS n_articles,
    MIN(a.published_at) AS first_published,
    MAX(a.published_at) AS last_published
FROM sources AS s
JOIN (
    SELECT id AS article_id, source_id FROM articles WHERE source_id IS NOT NULL
    UNION
    SELECT article_id, source_id FROM article_attributions
) AS x ON x.source_id = s.id
JOIN articles AS a ON a.id = x.article_id
GROUP BY s.id, s.name
""",
    "theme_trends": """
SELECT
    t.theme AS theme,
    SUBSTR(a.published_at, 1, 7) AS month,
    COUNT(*) AS n_articles
FROM theme_hits AS t
JOIN articles AS a ON a.id = t.article_id
WHERE a.duplicate_of_id IS NULL AND a.superseded_at IS NULL
GROUP BY t.theme, SUBSTR(a.published_at, 1, 7)
""",
    "uncoded_articles": """
SELECT
    a.id AS article_id,
    a.origin AS origin,
    CASE
        WHEN x.article_id IS NULL THEN 'not extracted yet (run archive reextract)'
        WHEN x.status = 'skipped' THEN COALESCE(x.note, 'extraction skipped')
        ELSE 'no event found'
    END AS reason
FROM articles AS a
LEFT JOIN extractions AS x ON x.article_id = a.id
WHERE NOT EXISTS (SELECT 1 FROM event_reports AS r WHERE r.article_id = a.id)
""",
    "unresolved_names": """
SELECT
    e.name AS name,
    COUNT(c.article_id) AS n_articles,
    COALESCE(SUM(c.n_mentions), 0) AS n_mentions,
    e.example AS example,
    e.type AS guessed_type,
    e.id AS entity_id
FROM entities AS e
JOIN article_entity_counts AS c ON c.entity_id = e.id
JOIN articles AS a ON a.id = c.article_id
WHERE e.status = 'unresolved' AND a.duplicate_of_id IS NULL AND a.superseded_at IS NULL
GROUP BY e.id, e.name, e.example, e.type
""",
}


def upgrade() -> None:
    drop_views(op)
    # ### commands auto generated by Alembic - please adjust! ###
    pass
    # ### end Alembic commands ###
    create_views(op, VIEWS if VIEWS is not None else views_of(down_revision))


def downgrade() -> None:
    drop_views(op)
    # ### commands auto generated by Alembic - please adjust! ###
    pass
    # ### end Alembic commands ###
    create_views(op, views_of(down_revision))
