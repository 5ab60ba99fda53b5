-- title: What happened, when, where, with whom
-- description: One row per event (merged across the articles that report it): type, PLOVER type and mode, status, honest dates with precision, place, participants (alphabetical, "; "), and how many articles and sources (publishers and credited agencies) report it.
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
