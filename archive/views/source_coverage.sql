-- title: Coverage per source
-- description: Each source with the number of articles it published or is credited in (any role), and the first and last publication dates among them.
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
