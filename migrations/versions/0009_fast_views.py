"""views fast at 100k articles: current articles and per-event reports from indexes

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23
"""
from __future__ import annotations

from alembic import op

from archive.migrate import drop_views, create_views, views_of

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

# Saved views this revision adds or redefines (a frozen copy of archive/views/*.sql),
# and the ones it drops; the full set is archive.migrate.views_of(revision).
# Same columns and rows as before; what changed is how they are computed:
# - "current article" (not a near-duplicate, not superseded) is tested against the small set
#   of non-current articles (NOT IN, found by ix_articles_current) instead of reading two
#   columns stored after the body of every article;
# - event_conflicts only groups the events whose reports disagree at all (a scan of one index);
# - event_evidence joins the publisher instead of a subquery per row;
# - source_coverage counts the rows of a UNION that is already distinct, and reads the
#   articles in that (article id) order whatever the statistics say (CROSS JOIN);
# - theme_trends reads the current articles (and their months) from ix_articles_current and
#   then their themes, whatever the statistics say (CROSS JOIN): with statistics the planner
#   preferred theme order and a lookup of the wide article row per theme hit.
VIEWS_CHANGED: dict[str, str] = {
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
  AND r.event_id IN (
    SELECT c.event_id FROM event_reports AS c WHERE c.date_start IS NOT NULL
     GROUP BY c.event_id HAVING MIN(c.date_start) < MAX(c.date_start))
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
  AND r.event_id IN (
    SELECT c.event_id FROM event_reports AS c WHERE c.location_id IS NOT NULL
     GROUP BY c.event_id HAVING MIN(c.location_id) < MAX(c.location_id))
GROUP BY r.event_id
HAVING COUNT(DISTINCT r.location_id) > 1
""",
    "event_evidence": """
SELECT
    r.event_id AS event_id,
    r.article_id AS article_id,
    a.origin AS origin,
    COALESCE(
        s.name,
        (SELECT MIN(w.name) FROM article_attributions AS t JOIN sources AS w ON w.id = t.source_id
          WHERE t.article_id = a.id AND t.role IN ('wire', 'via'))
    ) AS source,
    r.sentence AS sentence,
    r.field AS field,
    r.start AS start,
    r."end" AS "end",
    a.published_at AS published_at
FROM event_reports AS r
JOIN articles AS a ON a.id = r.article_id
LEFT JOIN sources AS s ON s.id = a.source_id
""",
    "theme_trends": """
SELECT
    t.theme AS theme,
    SUBSTR(a.published_at, 1, 7) AS month,
    COUNT(*) AS n_articles
FROM articles AS a
CROSS JOIN theme_hits AS t
WHERE t.article_id = a.id AND a.duplicate_of_id IS NULL AND a.superseded_at IS NULL
GROUP BY t.theme, SUBSTR(a.published_at, 1, 7)
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
    (SELECT COUNT(DISTINCT r.article_id) FROM event_reports AS r
      WHERE r.event_id = e.id AND r.article_id NOT IN (
        SELECT d.id FROM articles AS d WHERE d.duplicate_of_id IS NOT NULL
        UNION ALL SELECT d.id FROM articles AS d
         WHERE d.duplicate_of_id IS NULL AND d.superseded_at IS NOT NULL)) AS n_articles,
    (SELECT COUNT(x.source_id) FROM (
        SELECT a.source_id AS source_id
          FROM event_reports AS r JOIN articles AS a ON a.id = r.article_id
         WHERE r.event_id = e.id AND a.source_id IS NOT NULL AND r.article_id NOT IN (
            SELECT d.id FROM articles AS d WHERE d.duplicate_of_id IS NOT NULL
            UNION ALL SELECT d.id FROM articles AS d
             WHERE d.duplicate_of_id IS NULL AND d.superseded_at IS NOT NULL)
        UNION
        SELECT t.source_id AS source_id
          FROM event_reports AS r JOIN article_attributions AS t ON t.article_id = r.article_id
         WHERE r.event_id = e.id AND t.role IN ('publisher', 'wire', 'via') AND r.article_id NOT IN (
            SELECT d.id FROM articles AS d WHERE d.duplicate_of_id IS NOT NULL
            UNION ALL SELECT d.id FROM articles AS d
             WHERE d.duplicate_of_id IS NULL AND d.superseded_at IS NOT NULL)
    ) AS x) AS n_sources,
    e.date_resolution AS date_resolution,
    e.date_text AS date_text
FROM events AS e
WHERE EXISTS (
    SELECT 1 FROM event_reports AS r
     WHERE r.event_id = e.id AND r.article_id NOT IN (
        SELECT d.id FROM articles AS d WHERE d.duplicate_of_id IS NOT NULL
        UNION ALL SELECT d.id FROM articles AS d
         WHERE d.duplicate_of_id IS NULL AND d.superseded_at IS NOT NULL)
)
""",
    "source_coverage": """
SELECT
    s.name AS source,
    COUNT(*) AS n_articles,
    MIN(a.published_at) AS first_published,
    MAX(a.published_at) AS last_published
FROM (
    SELECT id AS article_id, source_id FROM articles WHERE source_id IS NOT NULL
    UNION
    SELECT article_id, source_id FROM article_attributions
) AS x
CROSS JOIN articles AS a
CROSS JOIN sources AS s
WHERE a.id = x.article_id AND s.id = x.source_id
GROUP BY s.id, s.name
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
WHERE e.status = 'unresolved' AND c.article_id NOT IN (
    SELECT d.id FROM articles AS d WHERE d.duplicate_of_id IS NOT NULL
    UNION ALL SELECT d.id FROM articles AS d
     WHERE d.duplicate_of_id IS NULL AND d.superseded_at IS NOT NULL)
GROUP BY e.id, e.name, e.example, e.type
""",
}
VIEWS_DROPPED: list[str] = []


def upgrade() -> None:
    drop_views(op)
    # current articles (and the few others) from an index: duplicate_of_id and superseded_at
    # are stored after the body, so testing them on the rows reads every article's overflow
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index('ix_articles_duplicate_of_id')
        batch_op.create_index('ix_articles_current',
                              ['duplicate_of_id', 'superseded_at', 'published_at'], unique=False)

    # one index answers the per-event questions of the views without reading the reports:
    # which articles report it (event_timeline), which dates and places (event_conflicts)
    with op.batch_alter_table('event_reports', schema=None) as batch_op:
        batch_op.drop_index('ix_event_reports_event_id')
        batch_op.create_index('ix_event_reports_event_article_date_location',
                              ['event_id', 'article_id', 'date_start', 'location_id'], unique=False)
    create_views(op, views_of(revision))


def downgrade() -> None:
    drop_views(op)
    with op.batch_alter_table('event_reports', schema=None) as batch_op:
        batch_op.drop_index('ix_event_reports_event_article_date_location')
        batch_op.create_index('ix_event_reports_event_id', ['event_id'], unique=False)

    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_index('ix_articles_current')
        batch_op.create_index('ix_articles_duplicate_of_id', ['duplicate_of_id'], unique=False)
    create_views(op, views_of(down_revision))
