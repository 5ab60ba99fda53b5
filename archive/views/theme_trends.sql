-- title: Themes over time
-- description: Number of articles touching each theme per month of publication (undated articles under month NULL; near-duplicates and superseded versions not counted).
SELECT
    t.theme AS theme,
    SUBSTR(a.published_at, 1, 7) AS month,
    COUNT(*) AS n_articles
FROM articles AS a
CROSS JOIN theme_hits AS t
WHERE t.article_id = a.id AND a.id NOT IN (
    SELECT d.id FROM articles AS d WHERE d.duplicate_of_id IS NOT NULL
    UNION ALL SELECT d.id FROM articles AS d WHERE d.superseded_at IS NOT NULL)
GROUP BY t.theme, SUBSTR(a.published_at, 1, 7)
