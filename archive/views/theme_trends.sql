-- title: Themes over time
-- description: Number of articles touching each theme per month of publication (undated articles under month NULL; near-duplicates and superseded versions not counted).
SELECT
    t.theme AS theme,
    SUBSTR(a.published_at, 1, 7) AS month,
    COUNT(*) AS n_articles
FROM articles AS a
CROSS JOIN theme_hits AS t
WHERE t.article_id = a.id AND a.duplicate_of_id IS NULL AND a.superseded_at IS NULL
GROUP BY t.theme, SUBSTR(a.published_at, 1, 7)
