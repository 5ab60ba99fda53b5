"""The declarative base (with a constraint naming convention) and engine creation."""

from __future__ import annotations

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


def make_engine(url: str, **kwargs) -> Engine:
    """An engine with the archive's connection settings.

    On SQLite: foreign keys enforced, WAL journal, a generous busy timeout so that two
    importers on one file wait for each other instead of failing.
    """
    if url.startswith("sqlite"):
        kwargs.setdefault("connect_args", {"timeout": 60})
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_on_connect)
        return engine
    return create_engine(url, **kwargs)


def _sqlite_on_connect(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=60000")
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
    except Exception:  # read-only media, in-memory: keep the default journal
        pass
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()
