-- title: The sentences that prove each event
-- description: One row per report of an event: the article, where it came from, its source (the publisher, else the credited agency) and the sentence stating the event.
SELECT
    r.event_id AS event_id,
    r.article_id AS article_id,
    a.origin AS origin,
    COALESCE(
        s.name,
        (SELECT MIN(w.name) FROM article_attributions AS t JOIN sources AS w ON w.id = t.source_id
          WHERE t.article_id = a.id AND t.role IN ('wire', 'via'))
    ) AS source,
    r.sentence AS sentence,
    r.field AS field,
    r.start AS start,
    r."end" AS "end",
    a.published_at AS published_at
FROM event_reports AS r
JOIN articles AS a ON a.id = r.article_id
LEFT JOIN sources AS s ON s.id = a.source_id
