"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa
${imports if imports else ""}
from archive.migrate import drop_views, create_views, views_of

revision = ${repr(up_revision)}
down_revision = ${repr(down_revision)}
branch_labels = ${repr(branch_labels)}
depends_on = ${repr(depends_on)}

# Saved views this revision adds or redefines (a frozen copy of archive/views/*.sql),
# and the ones it drops; the full set is archive.migrate.views_of(revision).
VIEWS_CHANGED: dict[str, str] = {}
VIEWS_DROPPED: list[str] = []


def upgrade() -> None:
    drop_views(op)
    ${upgrades if upgrades else "pass"}
    create_views(op, views_of(revision))


def downgrade() -> None:
    drop_views(op)
    ${downgrades if downgrades else "pass"}
    create_views(op, views_of(down_revision))
