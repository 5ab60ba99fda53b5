"""Shared fixtures, and the backend switch.

``ARCHIVE_TEST_BACKEND=postgresql`` runs the suite against PostgreSQL instead of SQLite
files (the default, ``sqlite``). The database fixtures then give PostgreSQL database URLs
on a throw-away server (tests/pg.py; ``ARCHIVE_TEST_POSTGRES`` names an existing one):
``db_path`` an empty database, ``seeded_db`` a copy of a template database holding the
imported seeds (``CREATE DATABASE ... TEMPLATE``), ``new_db``/``databases`` more of either;
each is dropped when its test (or module) is done. Tests check stored rows through
tests/dbutil.py, which reads either backend.

Under the PostgreSQL backend, collection DESELECTS (it does not skip) two kinds of tests,
and the run's summary lists them with the reason:

- tests that use no database (no ``db_path``, ``seeded_db``, ``new_db``, ``databases``,
  ``pg_url`` or ``pg_admin`` in their fixtures): parsers, extractors, help texts, ... run
  exactly as in the SQLite pass, so running them again would only cost time;
- tests marked ``@pytest.mark.sqlite_only(reason=...)``: behaviour that only SQLite has
  (file locking and WAL, FTS5 query syntax, Datasette, PRAGMAs, a database file on disk).

Being deselected, they are not skips, so ``ARCHIVE_TEST_STRICT=1`` (any skip fails, see
below) holds in both passes. Tests that need PostgreSQL skip, with the reason, only when
no server can be started here (then strict mode fails them).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from dbutil import BACKEND, POSTGRES

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


STRICT = os.environ.get("ARCHIVE_TEST_STRICT") == "1"

# Fixtures through which a test reaches a database: tests without any of them are
# deselected under the PostgreSQL backend.
DATABASE_FIXTURES = {"db_path", "seeded_db", "new_db", "databases", "pg_url", "pg_admin"}
NO_DATABASE = "uses no database (runs in the SQLite pass)"
_deselected: dict[str, list[str]] = {}  # reason -> test ids, for the summary


def pytest_configure(config):
    if BACKEND not in ("sqlite", "postgresql"):
        raise pytest.UsageError(f"ARCHIVE_TEST_BACKEND={BACKEND!r}: use sqlite or postgresql")
    config.addinivalue_line(
        "markers", "sqlite_only(reason): behaviour only SQLite has; deselected under "
        "ARCHIVE_TEST_BACKEND=postgresql, with the reason in the summary")


def pytest_report_header(config):
    return f"archive database backend: {BACKEND} (ARCHIVE_TEST_BACKEND)"


def pytest_collection_modifyitems(config, items):
    if not POSTGRES:
        return
    keep, dropped = [], []
    for item in items:
        marker = item.get_closest_marker("sqlite_only")
        if marker is not None:
            reason = marker.kwargs.get("reason") or (marker.args[0] if marker.args else "")
            assert reason, f"{item.nodeid}: sqlite_only needs a reason"
            _deselected.setdefault(f"SQLite only: {reason}", []).append(item.nodeid)
            dropped.append(item)
        elif not DATABASE_FIXTURES & set(item.fixturenames):
            _deselected.setdefault(NO_DATABASE, []).append(item.nodeid)
            dropped.append(item)
        else:
            keep.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep


def pytest_terminal_summary(terminalreporter, config):
    if not _deselected:
        return
    write = terminalreporter.write_line
    write(f"PostgreSQL backend: {sum(map(len, _deselected.values()))} tests deselected")
    for reason, ids in sorted(_deselected.items(), key=lambda kv: kv[0] != NO_DATABASE):
        if reason == NO_DATABASE:
            write(f"  {len(ids)} {reason}")
        else:
            for nodeid in ids:
                write(f"  {nodeid}: {reason}")


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """With ARCHIVE_TEST_STRICT=1 (set by .ci/run) a skipped test is a failed test: CI has
    PostgreSQL, Chromium and Datasette, so a skip there hides a broken set-up, not a choice.
    (SQLite-only tests are deselected under the PostgreSQL backend, not skipped.)"""
    outcome = yield
    report = outcome.get_result()
    if STRICT and report.skipped and not hasattr(report, "wasxfail"):
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
        report.outcome = "failed"
        report.longrepr = f"skipped under ARCHIVE_TEST_STRICT=1: {reason}"


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def seeds(tmp_path) -> Path:
    """A private copy of the seed articles."""
    dest = tmp_path / "seeds"
    shutil.copytree(SEEDS, dest)
    return dest


class Databases:
    """Makes the archives the tests use, on the backend of this run.

    SQLite: ``new(path)`` is ``path`` itself (the file is created by the command that first
    uses it). PostgreSQL: a fresh, empty database on the test server named after the
    path, and its URL. Either way the result works as ``str(db)`` for ``--db`` and with
    tests/dbutil.py. ``new(path, template=db)`` is a private copy of the archive ``db``.
    """

    def __init__(self, admin_url: str | None = None):
        self.admin_url = admin_url
        self.names: dict[str, str] = {}  # PostgreSQL URL -> database name
        self.count = 0

    def new(self, path: Path, template=None):
        if self.admin_url is None:
            if template is not None:
                import sqlite3

                # the backup API copies what is committed, WAL included (a file copy could miss it)
                src, dst = sqlite3.connect(template), sqlite3.connect(path)
                src.backup(dst)
                src.close()
                dst.close()
            return path
        from pg import create_database

        self.count += 1
        stem = "".join(c if c.isalnum() else "_" for c in Path(path).stem.lower())
        name = f"t{self.count:04d}_{stem}"[:63]
        url = create_database(self.admin_url, name, self.names[template] if template else None)
        self.names[url] = name
        return url

    def missing(self, path: Path):
        """A database that does not exist: ``path`` itself (SQLite), or the URL of a database
        the server does not have."""
        if self.admin_url is None:
            return path
        from pg import database_url

        return database_url(self.admin_url, "no_such_database")

    def drop(self, db) -> None:
        name = self.names.pop(db, None) if self.admin_url else None
        if name:
            from pg import drop_database

            drop_database(self.admin_url, name)


@pytest.fixture(scope="session")
def databases(request) -> Databases:
    """The session's database maker (module-scoped fixtures use it; tests use ``new_db``)."""
    return Databases(request.getfixturevalue("pg_admin") if POSTGRES else None)


@pytest.fixture
def new_db(databases):
    """``new_db(tmp_path / "x.db", template=None)``: another archive for this test (see
    :class:`Databases`); PostgreSQL databases are dropped after the test."""
    made = []

    def make(path: Path, template=None):
        db = databases.new(path, template)
        made.append(db)
        return db

    yield make
    for db in made:
        databases.drop(db)


@pytest.fixture
def db_path(tmp_path, new_db):
    """Where a test's archive goes: ``tmp_path/test.db`` (not created yet) on SQLite, an empty
    database's URL on PostgreSQL. Pass it to ``--db`` as ``str(db_path)``."""
    return new_db(tmp_path / "test.db")


def _import_seeds(folder: Path, db) -> None:
    from archive.cli import cli

    shutil.copytree(SEEDS, folder / "seeds")
    old = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(cli, ["--db", str(db), "import", "seeds"])
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory, databases):
    """The seeds imported once per test session (through the real CLI), origins "seeds/..."."""
    folder = tmp_path_factory.mktemp("seeded")
    db = databases.new(folder / "template.db")
    _import_seeds(folder, db)
    yield db
    databases.drop(db)


@pytest.fixture
def seeded_db(tmp_path, seeds, monkeypatch, seeded_template, new_db):
    """A private copy of the imported seeds (origins "seeds/..."), cwd beside the seeds."""
    monkeypatch.chdir(seeds.parent)
    return new_db(tmp_path / "test.db", template=seeded_template)


@pytest.fixture(scope="session")
def seeded_sqlite_template(tmp_path_factory, request) -> Path:
    """The seeds imported once into a SQLite file, whatever the backend (archive copy tests)."""
    if not POSTGRES:
        return request.getfixturevalue("seeded_template")
    folder = tmp_path_factory.mktemp("seeded-sqlite")
    _import_seeds(folder, folder / "template.db")
    return folder / "template.db"


@pytest.fixture
def seeded_sqlite(tmp_path, seeds, monkeypatch, seeded_sqlite_template) -> Path:
    """A private SQLite copy of the imported seeds, whatever the backend."""
    monkeypatch.chdir(seeds.parent)
    path = tmp_path / "seeded.db"
    shutil.copyfile(seeded_sqlite_template, path)
    return path


@pytest.fixture(scope="session")
def pg_admin(tmp_path_factory):
    """A PostgreSQL server URL (see tests/pg.py); skips with the reason when none starts."""
    pytest.importorskip("psycopg", reason="psycopg is not installed (pip install -e '.[test]')")
    from pg import NoPostgres, Server

    url = os.environ.get("ARCHIVE_TEST_POSTGRES")
    if url:
        yield url
        return
    import tempfile

    # not under pytest's private tmp folder: the server runs as another user when root
    folder = Path(tempfile.mkdtemp(prefix="archive-pg-"))
    server = Server(folder)
    try:
        url = server.start()
    except NoPostgres as exc:
        shutil.rmtree(folder, ignore_errors=True)
        pytest.skip(f"no PostgreSQL server could be started: {exc}")
    yield url
    server.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def pg_url(pg_admin, request):
    """A fresh, empty PostgreSQL database for one test."""
    from pg import create_database, drop_database

    name = "t_" + "".join(c if c.isalnum() else "_" for c in request.node.name.lower())[:50]
    yield create_database(pg_admin, name)
    drop_database(pg_admin, name)
