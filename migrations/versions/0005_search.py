"""full-text search over article titles and bodies

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22

SQLite: an FTS5 table with porter stemming over ``articles`` (external content, so the text
is stored once), kept in sync by triggers (recreated after any batch rebuild of
``articles``: see archive.migrate.create_views). PostgreSQL: a generated, weighted tsvector
column (title A, body B; English stemming) with a GIN index.
"""
from __future__ import annotations

from alembic import op
from sqlalchemy import text

from archive.migrate import create_views, drop_views, views_of

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

# Views unchanged from the previous revision.
# Saved views this revision adds or redefines (a frozen copy of archive/views/*.sql),
# and the ones it drops; the full set is archive.migrate.views_of(revision).
VIEWS_CHANGED: dict[str, str] = {
}
VIEWS_DROPPED: list[str] = []


def upgrade() -> None:
    drop_views(op)
    if op.get_bind().dialect.name == "sqlite":
        op.execute(text(
            "CREATE VIRTUAL TABLE articles_fts USING fts5(title, body, content='articles', "
            "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')"))
        op.execute(text("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')"))
    elif op.get_bind().dialect.name == "postgresql":
        op.execute(text(
            "ALTER TABLE articles ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ("
            "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
            "setweight(to_tsvector('english', coalesce(body, '')), 'B')) STORED"))
        op.execute(text("CREATE INDEX ix_articles_search_vector ON articles USING gin (search_vector)"))
    create_views(op, views_of(revision))


def downgrade() -> None:
    drop_views(op)
    if op.get_bind().dialect.name == "sqlite":
        op.execute(text("DROP TABLE IF EXISTS articles_fts"))
    elif op.get_bind().dialect.name == "postgresql":
        op.execute(text("DROP INDEX IF EXISTS ix_articles_search_vector"))
        op.execute(text("ALTER TABLE articles DROP COLUMN IF EXISTS search_vector"))
    create_views(op, views_of(down_revision))
