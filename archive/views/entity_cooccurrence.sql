-- title: Who appears with whom
-- description: Pairs of resolved entities mentioned in the same article, each pair once (entity_a sorts before entity_b), with the number of articles they share (near-duplicates and superseded versions not counted; read from the entity_pairs aggregate).
SELECT
    CASE WHEN ea.name <= eb.name THEN ea.name ELSE eb.name END AS entity_a,
    CASE WHEN ea.name <= eb.name THEN eb.name ELSE ea.name END AS entity_b,
    p.n_articles AS n_articles,
    CASE WHEN ea.name <= eb.name THEN ea.id ELSE eb.id END AS entity_a_id,
    CASE WHEN ea.name <= eb.name THEN eb.id ELSE ea.id END AS entity_b_id
FROM entity_pairs AS p
JOIN entities AS ea ON ea.id = p.entity_a_id
JOIN entities AS eb ON eb.id = p.entity_b_id
