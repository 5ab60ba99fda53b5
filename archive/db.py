"""The declarative base (with a constraint naming convention) and engine creation."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Iterator, Sequence

from sqlalchemy import MetaData, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def make_engine(url: str, *, write: bool = True, **kwargs) -> Engine:
    """An engine with the archive's connection settings.

    On SQLite: foreign keys enforced, WAL journal, a generous busy timeout, and (for
    writers) transactions opened with ``BEGIN IMMEDIATE``, so that two importers on one file
    queue for the write lock instead of failing with "database is locked" when a reading
    transaction tries to become a writing one.
    """
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {"timeout": 60})
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_on_connect)
        begin = "BEGIN IMMEDIATE" if write else "BEGIN"
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql(begin))
        return engine
    return create_engine(url, **kwargs)


def _sqlite_on_connect(dbapi_connection, _record) -> None:
    # Let SQLAlchemy's "begin" event emit BEGIN itself (pysqlite's own transaction
    # handling would otherwise defer it and break savepoints and locking).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=60000")
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
    except Exception:  # read-only media, in-memory: keep the default journal
        pass
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def utcnow() -> datetime:
    """The time stamps the archive stores: naive UTC, to the second."""
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


def chunked(items: Sequence, size: int = 500) -> Iterator[Sequence]:
    """``items`` in slices small enough for a bound ``IN (...)`` list."""
    for start in range(0, len(items), size):
        yield items[start:start + size]
