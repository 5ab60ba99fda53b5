-- title: Entities at a glance
-- description: Each entity with the number of articles and mentions, how many sources published those articles, and the first and last publication dates (near-duplicates and superseded versions not counted).
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
