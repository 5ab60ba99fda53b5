-- title: Entities at a glance
-- description: Each entity with the number of articles and mentions, how many sources published those articles, and the first and last publication dates (near-duplicates and superseded versions not counted; read from the entity_stats aggregate).
SELECT
    e.id AS entity_id,
    e.name AS entity,
    e.type AS entity_type,
    e.wikidata AS wikidata_id,
    s.n_articles AS n_articles,
    s.n_mentions AS n_mentions,
    s.n_sources AS n_sources,
    s.first_seen AS first_seen,
    s.last_seen AS last_seen,
    e.status AS status
FROM entity_stats AS s
JOIN entities AS e ON e.id = s.entity_id
WHERE s.n_articles > 0
