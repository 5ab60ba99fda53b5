-- title: Articles that yielded no event
-- description: Articles with no event report, and why: extraction skipped (language), not extracted yet, or no event found (as PLOVER recommends, so coverage gaps are visible).
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
