-- title: Entities per article
-- description: Each entity an article mentions, with its type, Wikidata id and number of mentions (names no gazetteer knows included: status extracted, see unresolved_names).
SELECT
    c.article_id AS article_id,
    a.origin AS origin,
    e.id AS entity_id,
    e.name AS entity,
    e.type AS entity_type,
    e.wikidata AS wikidata_id,
    c.n_mentions AS mentions,
    e.status AS status
FROM article_entity_counts AS c
JOIN articles AS a ON a.id = c.article_id
JOIN entities AS e ON e.id = c.entity_id
