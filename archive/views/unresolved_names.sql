-- title: Names the gazetteer does not know
-- description: Names found in the articles that are in no gazetteer (the name finder's 'extracted' entities and older 'unresolved' candidates), with how often they occur, an example sentence, the type the evidence gave and how sure it is (confidence 0-1); promote one with archive entities add.
SELECT
    e.name AS name,
    COUNT(c.article_id) AS n_articles,
    COALESCE(SUM(c.n_mentions), 0) AS n_mentions,
    e.example AS example,
    e.type AS guessed_type,
    e.id AS entity_id,
    e.confidence AS confidence
FROM entities AS e
JOIN article_entity_counts AS c ON c.entity_id = e.id
WHERE e.status IN ('unresolved', 'extracted') AND c.article_id NOT IN (
    SELECT d.id FROM articles AS d WHERE d.duplicate_of_id IS NOT NULL
    UNION ALL SELECT d.id FROM articles AS d
     WHERE d.duplicate_of_id IS NULL AND d.superseded_at IS NOT NULL)
GROUP BY e.id, e.name, e.example, e.type, e.confidence
