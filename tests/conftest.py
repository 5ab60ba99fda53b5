from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


STRICT = os.environ.get("ARCHIVE_TEST_STRICT") == "1"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """With ARCHIVE_TEST_STRICT=1 (set by .ci/run) a skipped test is a failed test: CI has
    PostgreSQL, Chromium and Datasette, so a skip there hides a broken set-up, not a choice."""
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
def db_path(tmp_path):
    return tmp_path / "test.db"


@pytest.fixture
def seeds(tmp_path) -> Path:
    """A private copy of the seed articles."""
    dest = tmp_path / "seeds"
    shutil.copytree(SEEDS, dest)
    return dest


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory) -> Path:
    """The seeds imported once per test session (through the real CLI)."""
    from archive.cli import cli

    folder = tmp_path_factory.mktemp("seeded")
    shutil.copytree(SEEDS, folder / "seeds")
    path = folder / "template.db"
    old = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(cli, ["--db", str(path), "import", "seeds"])
    finally:
        os.chdir(old)
    assert result.exit_code == 0, result.output
    return path


@pytest.fixture
def seeded_db(db_path, seeds, monkeypatch, seeded_template):
    """A private copy of the imported seeds (origins "seeds/..."), cwd beside the seeds."""
    monkeypatch.chdir(seeds.parent)
    shutil.copyfile(seeded_template, db_path)
    return db_path


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
        pytest.skip(f"no PostgreSQL server could be started: {exc}")
    yield url
    server.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def pg_url(pg_admin, request):
    """A fresh, empty PostgreSQL database for one test."""
    from pg import create_database

    name = "t_" + "".join(c if c.isalnum() else "_" for c in request.node.name.lower())[:50]
    return create_database(pg_admin, name)
