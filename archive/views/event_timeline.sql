-- title: What happened, when, where, with whom
-- description: One row per event (merged across the articles that report it): type, PLOVER type and mode, status, honest dates with precision, place, participants (alphabetical, "; "), and how many articles and sources report it.
SELECT
    e.id AS event_id,
    e.event_type AS event_type,
    e.plover_type AS plover_type,
    e.mode AS mode,
    e.status AS status,
    e.date_start AS date_start,
    e.date_end AS date_end,
    e.date_precision AS date_precision,
    loc.name AS location,
    e.participants AS participants,
    COUNT(DISTINCT r.article_id) AS n_articles,
    COUNT(DISTINCT a.source_id) AS n_sources,
    e.date_resolution AS date_resolution,
    e.date_text AS date_text
FROM events AS e
JOIN event_reports AS r ON r.event_id = e.id
JOIN articles AS a ON a.id = r.article_id
LEFT JOIN entities AS loc ON loc.id = e.location_id
WHERE a.duplicate_of_id IS NULL AND a.superseded_at IS NULL
GROUP BY e.id, e.event_type, e.plover_type, e.mode, e.status, e.date_start, e.date_end,
         e.date_precision, loc.name, e.participants, e.date_resolution, e.date_text
