-- title: Who said what
-- description: Every quote and reported statement with its article, publication date, speaker (resolved entity when known, else the words of the text), cue verb and text.
SELECT
    q.id AS quote_id,
    q.article_id AS article_id,
    a.origin AS origin,
    a.published_at AS published_at,
    COALESCE(en.name, q.speaker_text) AS speaker,
    q.speaker_entity_id AS speaker_entity_id,
    q.cue AS cue,
    q.text AS quote,
    q.kind AS kind
FROM quotes AS q
JOIN articles AS a ON a.id = q.article_id
LEFT JOIN entities AS en ON en.id = q.speaker_entity_id
