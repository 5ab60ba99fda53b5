"""Copying a whole archive to another database (SQLite -> PostgreSQL, or any direction)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, text

from archive import migrate
from archive.config import Target
from archive.db import Base, make_engine
from archive.errors import ArchiveError

BATCH = 2000


class TargetNotEmpty(ArchiveError):
    """The database to copy into already holds articles."""


@dataclass
class CopyReport:
    tables: list[tuple[str, int]]
    schema: str


def copy_archive(source: Target, target: Target, *, progress=None) -> CopyReport:
    """Create (or upgrade) the schema at ``target`` and copy every row of ``source`` into it,
    table by table in foreign-key order, in batches, in one transaction."""
    from archive import models  # noqa: F401  (registers the tables)

    migrate.check(source)  # the source must be an up-to-date archive
    migrate.upgrade(target)
    src = make_engine(source.url, write=False)
    dst = make_engine(target.url)
    copied = []
    try:
        with src.connect() as s, dst.begin() as d:
            articles = Base.metadata.tables["articles"]
            if d.execute(select(func.count()).select_from(articles)).scalar_one():
                raise TargetNotEmpty(
                    f"{target.label} already holds articles; copy into an empty database "
                    f"(or import files into it instead)."
                )
            for table in Base.metadata.sorted_tables:
                d.execute(table.delete())  # e.g. a gazetteer synced by a previous command
            for table in Base.metadata.sorted_tables:
                n = 0
                order = list(table.primary_key.columns)
                result = s.execution_options(stream_results=True).execute(select(table).order_by(*order))
                while True:
                    chunk = result.fetchmany(BATCH)
                    if not chunk:
                        break
                    d.execute(table.insert(), [dict(r._mapping) for r in chunk])
                    n += len(chunk)
                copied.append((table.name, n))
                if progress:
                    progress(table.name, n)
            if d.dialect.name == "postgresql":
                for table in Base.metadata.sorted_tables:
                    pk = list(table.primary_key.columns)
                    if len(pk) == 1 and pk[0].autoincrement is not False and pk[0].type.python_type is int:
                        d.execute(text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', '{pk[0].name}'), "
                            f"COALESCE((SELECT MAX({pk[0].name}) FROM {table.name}), 0) + 1, false)"))
    finally:
        src.dispose()
        dst.dispose()
    return CopyReport(copied, migrate.head())
