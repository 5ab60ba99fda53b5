"""entities found by the name finder: status 'extracted' with a confidence

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa

from archive.migrate import drop_views, create_views, views_of

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

VIEWS_CHANGED: dict[str, str] = {
    "unresolved_names": """
SELECT
    e.name AS name,
    COUNT(c.article_id) AS n_articles,
    COALESCE(SUM(c.n_mentions), 0) AS n_mentions,
    e.example AS example,
    e.type AS guessed_type,
    e.id AS entity_id,
    e.confidence AS confidence
FROM entities AS e
JOIN article_entity_counts AS c ON c.entity_id = e.id
WHERE e.status IN ('unresolved', 'extracted') AND c.article_id NOT IN (
    SELECT d.id FROM articles AS d WHERE d.duplicate_of_id IS NOT NULL
    UNION ALL SELECT d.id FROM articles AS d
     WHERE d.duplicate_of_id IS NULL AND d.superseded_at IS NOT NULL)
GROUP BY e.id, e.name, e.example, e.type, e.confidence
""",
}
VIEWS_DROPPED: list[str] = []

_NEW = "status IN ('known', 'user', 'extracted', 'unresolved')"
_OLD = "status IN ('known', 'user', 'unresolved')"


def upgrade() -> None:
    drop_views(op)
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.add_column(sa.Column('confidence', sa.Float(), nullable=True))
        batch_op.drop_constraint(op.f('ck_entities_status'), type_='check')
        batch_op.create_check_constraint('status', _NEW)
    create_views(op, views_of(revision))


def downgrade() -> None:
    drop_views(op)
    # names the finder stored go back to being candidates, the status the old schema knows
    op.execute("UPDATE entities SET status = 'unresolved' WHERE status = 'extracted'")
    with op.batch_alter_table('entities', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_entities_status'), type_='check')
        batch_op.create_check_constraint('status', _OLD)
        batch_op.drop_column('confidence')
    create_views(op, views_of(down_revision))
