"""Opening an archive database for reading, and what is in it."""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import func, inspect, select, table

from archive import migrate
from archive.config import Target
from archive.db import make_engine


@contextmanager
def connect(target: Target, *, check: bool = True):
    """A connection to an up-to-date archive (raises a domain error otherwise)."""
    if check:
        migrate.check(target)
    engine = make_engine(target.url, write=False)
    try:
        with engine.connect() as conn:
            yield conn
    finally:
        engine.dispose()


def writer(target: Target):
    """An engine for changing an up-to-date archive (raises a domain error otherwise)."""
    migrate.check(target)
    return make_engine(target.url)


@dataclass(frozen=True)
class Relation:
    name: str
    kind: str  # "table" or "view"


def relations(conn) -> list[Relation]:
    """The user-visible tables and views (no Alembic bookkeeping, no FTS shadow tables)."""
    insp = inspect(conn)
    tables = [
        Relation(n, "table")
        for n in sorted(insp.get_table_names())
        if n != "alembic_version" and not n.startswith("sqlite_") and not n.startswith("articles_fts")
    ]
    views = [Relation(n, "view") for n in sorted(insp.get_view_names())]
    return tables + views


@dataclass(frozen=True)
class Stats:
    revision: str | None
    counts: list[tuple[str, int]]
    views: list[str]


def stats(target: Target) -> Stats:
    with connect(target) as conn:
        counts = []
        rels = relations(conn)
        for rel in rels:
            if rel.kind == "table":
                n = conn.execute(select(func.count()).select_from(table(rel.name))).scalar_one()
                counts.append((rel.name, n))
        revision = migrate._current(conn)
        return Stats(revision=revision, counts=counts, views=[r.name for r in rels if r.kind == "view"])
