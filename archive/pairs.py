"""The ``entity_pairs`` aggregate behind ``entity_cooccurrence``: kept exact incrementally.

Every change to which articles count (a new current article, a re-extraction, a superseded
version) adds or subtracts that article's pairs in one INSERT ... SELECT ... ON CONFLICT,
so the view reads a table instead of self-joining every mention count at query time.
"""

from __future__ import annotations

from sqlalchemy import delete, text

from archive.models import EntityPair

_ADJUST = """
INSERT INTO entity_pairs (entity_a_id, entity_b_id, n_articles)
SELECT ca.entity_id, cb.entity_id, {sign} * COUNT(*)
FROM article_entity_counts AS ca
JOIN article_entity_counts AS cb ON cb.article_id = ca.article_id AND cb.entity_id > ca.entity_id
JOIN entities AS ea ON ea.id = ca.entity_id AND ea.status <> 'unresolved'
JOIN entities AS eb ON eb.id = cb.entity_id AND eb.status <> 'unresolved'
JOIN articles AS a ON a.id = ca.article_id AND a.duplicate_of_id IS NULL AND a.superseded_at IS NULL
WHERE ca.article_id IN ({ids})
GROUP BY ca.entity_id, cb.entity_id
ON CONFLICT (entity_a_id, entity_b_id) DO UPDATE SET n_articles = entity_pairs.n_articles + excluded.n_articles
"""


def adjust(conn, article_ids: list[int], sign: int) -> None:
    """Add (sign=1) or remove (sign=-1) the pairs of these articles, as they stand now."""
    ids = [int(i) for i in article_ids]
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        conn.execute(text(_ADJUST.format(sign=int(sign), ids=", ".join(map(str, chunk)))))
    if sign < 0:
        conn.execute(delete(EntityPair.__table__).where(EntityPair.__table__.c.n_articles <= 0))


def rebuild(conn) -> None:
    """Recompute every pair (after entities change status or merge)."""
    conn.execute(delete(EntityPair.__table__))
    conn.execute(text(
        "INSERT INTO entity_pairs (entity_a_id, entity_b_id, n_articles) "
        "SELECT ca.entity_id, cb.entity_id, COUNT(*) "
        "FROM article_entity_counts AS ca "
        "JOIN article_entity_counts AS cb ON cb.article_id = ca.article_id AND cb.entity_id > ca.entity_id "
        "JOIN entities AS ea ON ea.id = ca.entity_id AND ea.status <> 'unresolved' "
        "JOIN entities AS eb ON eb.id = cb.entity_id AND eb.status <> 'unresolved' "
        "JOIN articles AS a ON a.id = ca.article_id AND a.duplicate_of_id IS NULL AND a.superseded_at IS NULL "
        "GROUP BY ca.entity_id, cb.entity_id"))
