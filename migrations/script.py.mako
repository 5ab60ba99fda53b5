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

# The saved views as they stand at this revision: a frozen copy of archive/views/*.sql
# when this revision changes them, or None when they are those of the previous revision.
VIEWS: dict[str, str] | None = None


def upgrade() -> None:
    drop_views(op)
    ${upgrades if upgrades else "pass"}
    create_views(op, VIEWS if VIEWS is not None else views_of(down_revision))


def downgrade() -> None:
    drop_views(op)
    ${downgrades if downgrades else "pass"}
    create_views(op, views_of(down_revision))
