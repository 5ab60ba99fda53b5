-- title: Articles at a glance
-- description: One row per article: where it came from, its title, publisher, publication date with its precision, and length in words.
SELECT
    a.id AS article_id,
    a.origin AS origin,
    a.title AS title,
    s.name AS source,
    a.published_at AS published_at,
    a.published_precision AS published_precision,
    a.words AS words
FROM articles AS a
LEFT JOIN sources AS s ON s.id = a.source_id
