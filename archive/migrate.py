"""Schema migrations: a thin layer over ``alembic.command`` plus views as replaceable objects."""

from __future__ import annotations

import functools
import io
import re
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources

from sqlalchemy import exc, inspect, text

from archive.config import Target
from archive.db import make_engine
from archive.errors import (
    ArchiveError,
    MigrationError,
    NewerDatabase,
    NoDatabase,
    NotAnArchive,
    OutdatedDatabase,
)


def script_location() -> str:
    return str(resources.files("archive_migrations"))


def _config(connection=None, stdout=None):
    from alembic.config import Config

    cfg = Config(stdout=stdout or io.StringIO())
    cfg.set_main_option("script_location", script_location())
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


@functools.lru_cache(maxsize=1)
def script_directory():
    """The revisions shipped with the package (read once per process)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(_config())


def head() -> str:
    return script_directory().get_current_head()


@contextmanager
def _connect(target: Target, create: bool = False, write: bool = True):
    if target.path is not None and not create and not target.path.exists():
        raise NoDatabase(
            f"No database at {target.label}. Create it with: archive import PATH "
            f"(or archive db upgrade)"
        )
    if target.path is not None and create:
        target.path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(target.url, write=write)
    try:
        try:
            opened = engine.connect()
        except exc.OperationalError as error:  # no such database on the server, server down, ...
            raise _cannot_connect(target, error) from None
        with opened as connection:
            sqlite = connection.dialect.name == "sqlite"
            if sqlite and write:
                # Batch migrations rebuild tables (create, copy, drop, rename): with foreign
                # keys enforced, dropping the old table would cascade into its children.
                # The pragma only takes effect outside a transaction, hence the raw call.
                connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")
            with connection.begin():
                if write:
                    from archive.dialect import exclusive

                    exclusive(connection, "archive-schema")
                yield connection
                if sqlite and write:
                    problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if problems:
                        raise MigrationError(
                            f"Migration left {len(problems)} rows with broken foreign keys "
                            f"(first: table {problems[0][0]}); nothing was changed."
                        )
            if sqlite and write:
                connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")
    finally:
        engine.dispose()


def _cannot_connect(target: Target, error: exc.OperationalError) -> ArchiveError:
    message = " ".join(str(error.orig or error).split())
    missing = re.search(r'database "([^"]+)" does not exist', message)
    if missing:  # a server database is not created by archive (a SQLite file is)
        return NoDatabase(
            f"No database at {target.label}. Create it on the server (e.g. createdb "
            f"{missing.group(1)}), then run: archive db upgrade"
        )
    return ArchiveError(f"Cannot connect to {target.label}: {message}")


def current(target: Target) -> str | None:
    """The revision the database is at, or None for an empty (unmigrated) database."""
    with _connect(target, write=False) as connection:
        return _current(connection)


def _current(connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def upgrade(target: Target, revision: str = "head") -> tuple[str | None, str | None]:
    """Upgrade to ``revision``; returns (before, after)."""
    from alembic import command
    from alembic.util import CommandError

    with _connect(target, create=True) as connection:
        before = _current(connection)
        try:
            command.upgrade(_config(connection), revision)
        except CommandError as exc:
            raise MigrationError(f"Cannot upgrade to {revision!r}: {exc}") from None
        return before, _current(connection)


def downgrade(target: Target, revision: str) -> tuple[str | None, str | None]:
    from alembic import command
    from alembic.util import CommandError

    with _connect(target) as connection:
        before = _current(connection)
        try:
            command.downgrade(_config(connection), revision)
        except CommandError as exc:
            raise MigrationError(f"Cannot downgrade to {revision!r}: {exc}") from None
        return before, _current(connection)


@dataclass(frozen=True)
class RevisionInfo:
    revision: str
    down_revision: str | None
    message: str
    is_head: bool


def history() -> list[RevisionInfo]:
    """Every revision, newest first."""
    scripts = script_directory()
    return [
        RevisionInfo(
            revision=s.revision,
            down_revision=s.down_revision if isinstance(s.down_revision, str) else None,
            message=(s.doc or "").strip(),
            is_head=s.is_head,
        )
        for s in scripts.walk_revisions()
    ]


def check(target: Target) -> str:
    """Fail unless the database exists and is at the head revision; return the revision."""
    rev = current(target)
    want = head()
    if rev == want:
        return rev
    if rev is None:
        with _connect(target, write=False) as connection:
            tables = set(inspect(connection).get_table_names())
        if tables:
            raise NotAnArchive(
                f"{target.label} is not an archive database (it has tables but no "
                f"alembic_version). Choose another file with --db."
            )
        raise OutdatedDatabase(
            f"Database {target.label} is empty. Create its tables with: archive db upgrade"
        )
    known = {r.revision for r in history()}
    if rev not in known:
        raise NewerDatabase(
            f"Database {target.label} is at revision {rev}, which this version of archive "
            f"does not know (a newer archive migrated it). Upgrade archive itself."
        )
    raise OutdatedDatabase(
        f"Database {target.label} is at revision {rev}, this archive needs {want}. "
        f"Upgrade it with: archive db upgrade"
    )


# -- views as replaceable objects (used by the revisions in migrations/versions) ----------


def drop_views(op) -> None:
    """Drop every view (and the full-text triggers on ``articles``), so that batch table
    rebuilds never trip over a view reading a table, nor lose the triggers silently."""
    bind = op.get_bind()
    for name in inspect(bind).get_view_names():
        op.execute(text(f"DROP VIEW IF EXISTS {name}"))
    if bind.dialect.name == "sqlite":
        for trigger in FTS_TRIGGERS:
            op.execute(text(f"DROP TRIGGER IF EXISTS {trigger}"))


def create_views(op, views: dict[str, str]) -> None:
    from archive.views import render

    bind = op.get_bind()
    for name, sql in views.items():
        op.execute(text(f"CREATE VIEW {name} AS\n{render(sql, bind.dialect.name)}"))
    if bind.dialect.name == "sqlite" and "articles_fts" in inspect(bind).get_table_names():
        create_fts_triggers(op)


# -- full-text search on SQLite: an external-content FTS5 table kept in sync by triggers ------

FTS_TRIGGERS = ("articles_fts_ai", "articles_fts_ad", "articles_fts_au")


def create_fts_triggers(op) -> None:
    op.execute(text(
        "CREATE TRIGGER IF NOT EXISTS articles_fts_ai AFTER INSERT ON articles BEGIN "
        "INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END"))
    op.execute(text(
        "CREATE TRIGGER IF NOT EXISTS articles_fts_ad AFTER DELETE ON articles BEGIN "
        "INSERT INTO articles_fts(articles_fts, rowid, title, body) "
        "VALUES ('delete', old.id, old.title, old.body); END"))
    op.execute(text(
        "CREATE TRIGGER IF NOT EXISTS articles_fts_au AFTER UPDATE OF title, body ON articles BEGIN "
        "INSERT INTO articles_fts(articles_fts, rowid, title, body) "
        "VALUES ('delete', old.id, old.title, old.body); "
        "INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END"))


def is_internal_table(name: str) -> bool:
    """Tables the schema comparison ignores: the FTS index and its shadow tables."""
    return name == "articles_fts" or name.startswith("articles_fts_")


def views_of(revision: str | None) -> dict[str, str]:
    """The full set of view definitions at a revision: every revision since the first
    applies its ``VIEWS_CHANGED`` (added or redefined views) and ``VIEWS_DROPPED``."""
    scripts = script_directory()
    chain = []
    while revision is not None:
        module = scripts.get_revision(revision).module
        chain.append(module)
        revision = module.down_revision
    views: dict[str, str] = {}
    for module in reversed(chain):
        views.update(getattr(module, "VIEWS_CHANGED", {}) or {})
        for name in getattr(module, "VIEWS_DROPPED", []) or []:
            views.pop(name, None)
    return views

