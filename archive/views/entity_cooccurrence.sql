-- title: Who appears with whom
-- description: Pairs of resolved entities mentioned in the same article, each pair once (entity_a sorts before entity_b), with the number of articles they share (near-duplicates and superseded versions not counted).
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
