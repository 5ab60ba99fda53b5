"""Where SQLite and PostgreSQL differ, in one place."""

from __future__ import annotations

from sqlalchemy import Table
from sqlalchemy.engine import Connection


def insert_ignore(conn: Connection, table: Table, conflict: list[str]):
    """``INSERT ... ON CONFLICT (conflict) DO NOTHING`` for the connection's dialect."""
    name = conn.dialect.name
    if name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert
    elif name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:  # pragma: no cover - other engines are not supported yet
        raise NotImplementedError(f"unsupported database engine: {name}")
    return insert(table).on_conflict_do_nothing(index_elements=conflict)


def read_only(conn: Connection) -> None:
    """Make the rest of this connection's transaction refuse writes."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA query_only = ON")
    elif conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SET TRANSACTION READ ONLY")



def exclusive(conn, name: str) -> None:
    """Serialise writers for the rest of this transaction (schema changes, gazetteer syncs).

    SQLite writers already hold the database's write lock (``BEGIN IMMEDIATE``); PostgreSQL
    takes a transaction-level advisory lock named after ``name``.
    """
    if conn.dialect.name == "postgresql":
        import zlib

        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({zlib.crc32(name.encode())})")
