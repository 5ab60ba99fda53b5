"""Reading and writing a test archive on either backend.

``db`` is what a test passes to ``--db``: a SQLite file path, or (under
``ARCHIVE_TEST_BACKEND=postgresql``) a PostgreSQL database URL; see the fixtures in
conftest.py. The helpers go through SQLAlchemy, so one assertion checks both backends.
Parameters are bound by name: ``rows(db, "select ... where name = :name", name="Iran")``.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, inspect, text

BACKEND = os.environ.get("ARCHIVE_TEST_BACKEND", "sqlite")
POSTGRES = BACKEND == "postgresql"


def url(db) -> str:
    """The SQLAlchemy URL of ``db`` (a path or a URL), as the archive resolves it."""
    from archive.config import resolve

    return resolve(str(db)).url


@contextmanager
def connect(db):
    """A connection to ``db`` inside a transaction, committed at the end of the block."""
    engine = create_engine(url(db))
    try:
        with engine.begin() as conn:
            yield conn
    finally:
        engine.dispose()


def rows(db, sql: str, **params) -> list[tuple]:
    """Every row of ``sql`` as a tuple."""
    with connect(db) as conn:
        return [tuple(r) for r in conn.execute(text(sql), params)]


def dicts(db, sql: str, **params) -> list[dict]:
    """Every row of ``sql`` as a dict of column name to value."""
    with connect(db) as conn:
        return [dict(r._mapping) for r in conn.execute(text(sql), params)]


def columns(db, sql: str, **params) -> list[str]:
    """The column names of ``sql``'s result."""
    with connect(db) as conn:
        return list(conn.execute(text(sql), params).keys())


def execute(db, *statements: str) -> None:
    """Run ``statements`` (no parameters) in one transaction."""
    with connect(db) as conn:
        for sql in statements:
            conn.execute(text(sql))


def tables(db) -> set[str]:
    """The tables in ``db``; none when a SQLite file does not exist (it is not created)."""
    target = url(db)
    if target.startswith("sqlite:///") and not Path(target[len("sqlite:///"):]).exists():
        return set()
    engine = create_engine(target)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
