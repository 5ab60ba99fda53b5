-- title: Who took part in each event
-- description: One row per event participant with its entity, type and role (host, guest, participant, speaker, target...).
SELECT
    p.event_id AS event_id,
    p.entity_id AS entity_id,
    en.name AS entity,
    en.type AS entity_type,
    p.role AS role
FROM event_parties AS p
JOIN entities AS en ON en.id = p.entity_id
