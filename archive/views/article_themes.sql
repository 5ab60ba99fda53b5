-- title: Themes per article
-- description: The themes of the shipped theme dictionary each article touches, with the number of hits.
SELECT
    t.article_id AS article,
    t.theme AS theme,
    t.hits AS hits,
    a.origin AS origin
FROM theme_hits AS t
JOIN articles AS a ON a.id = t.article_id
