-- title: Where reports of one event disagree
-- description: Events whose reports give different dates or places: the field, the values reported (comma-separated) and the sources reporting them.
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
