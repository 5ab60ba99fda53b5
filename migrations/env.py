"""Alembic environment: batch mode for SQLite, type comparison, views left out of autogenerate."""

from __future__ import annotations

from alembic import context
from sqlalchemy import pool

from archive.db import Base, make_engine
from archive import models  # noqa: F401  (registers the tables on Base.metadata)

config = context.config
target_metadata = Base.metadata


def include_object(obj, name, type_, reflected, compare_to):
    from archive.migrate import is_internal_table

    # The full-text index is managed by its own migration, not by the models.
    if type_ == "table" and is_internal_table(name):
        return False
    if type_ == "column" and name == "search_vector":
        return False
    if type_ == "index" and name == "ix_articles_search_vector":
        return False
    # Views are replaceable objects managed by the migrations themselves.
    if type_ == "table" and reflected and compare_to is None:
        view_names = config.attributes.get("view_names") or set()
        if name in view_names:
            return False
    return True


def _configure(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_object=include_object,
    )


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"),
        target_metadata=target_metadata,
        literal_binds=True,
        render_as_batch=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url"), poolclass=pool.NullPool)
    with engine.connect() as connection:
        _configure(connection)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
