"""The same archive on PostgreSQL: migrations, import with extraction, every view, search,
export, read-only SQL, and two importers at once. A real server (tests/pg.py)."""

import csv
import os
import subprocess
import sys

from sqlalchemy import create_engine, inspect

from archive import migrate
from archive.cli import cli
from archive.config import resolve
from archive.db import Base
from archive.views import load_all
from conftest import ROOT, SEEDS
from dbutil import rows


def test_migrations_up_down_and_model_matches(pg_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    target = resolve(pg_url)
    assert migrate.upgrade(target) == (None, migrate.head())
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={
            "compare_type": True,
            "include_object": lambda obj, name, type_, reflected, compare_to: not (
                name in ("search_vector", "ix_articles_search_vector")),
        })
        views = set(inspect(conn).get_view_names())
        diff = [d for d in compare_metadata(ctx, Base.metadata)
                if not (d[0] == "remove_table" and d[1].name in views)]
    engine.dispose()
    assert diff == []
    assert views == set(load_all())
    migrate.downgrade(target, "base")
    assert migrate.current(target) is None
    migrate.upgrade(target)


def test_import_views_search_export(runner, pg_url, tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    result = runner.invoke(cli, ["--db", pg_url, "import", "-q", "seeds"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("5 new articles stored in ")
    again = runner.invoke(cli, ["--db", pg_url, "import", "-q", "seeds"])
    assert "0 new articles stored" in again.output
    # the acceptance facts of the SQLite tests hold here too
    assert rows(pg_url, "select count(*) from articles") == [(5,)]
    talks = rows(pg_url, "select date_start, location, n_articles, n_sources from event_timeline "
                         "where event_type = 'talks' and date_start = '2021-10-20'")
    assert talks == [("2021-10-20", "Moscow", 2, 2)]
    lavrov = rows(pg_url, "select distinct e.name from mentions m join entities e on e.id = m.entity_id "
                          "where m.surface in ('Sergei Lavrov', 'Sergey Lavrov')")
    assert lavrov == [("Sergey Lavrov",)]
    for name in load_all():
        rows(pg_url, f"select * from {name} limit 5")  # every view answers
    hits = runner.invoke(cli, ["--db", pg_url, "search", '"inclusive government"', "--format", "csv"])
    assert hits.exit_code == 0, hits.output
    assert [line.split(",")[0] for line in hits.output.splitlines()[1:]] == ["5", "2"]
    out = tmp_path / "out"
    exported = runner.invoke(cli, ["--db", pg_url, "export", "articles", "event_timeline", "-o", str(out)])
    assert exported.exit_code == 0, exported.output
    with open(out / "articles.csv", newline="", encoding="utf-8") as fh:
        assert len(list(csv.reader(fh))) == 6
    refused = runner.invoke(cli, ["--db", pg_url, "sql", "delete from articles"])
    assert refused.exit_code == 1
    assert "Add --write to allow changes." in refused.output
    shown = runner.invoke(cli, ["--db", pg_url, "entities", "show", "lavrov"])
    assert shown.output.startswith("Sergey Lavrov  [person")


def test_two_importers_at_once(pg_url, tmp_path):
    files = sorted(SEEDS.iterdir()) + sorted((ROOT / "tests/fixtures/tehran_times/articles").iterdir())[:20]
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    for i, f in enumerate(files):
        (a / f.name).write_bytes(f.read_bytes())
        if i % 2 == 0 or i < 8:
            (b / f.name).write_bytes(f.read_bytes())
    env = {**os.environ, "ARCHIVE_DB": pg_url}
    procs = [subprocess.Popen([sys.executable, "-m", "archive", "import", "-q", str(d)], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
             for d in (a, b)]
    outputs = [p.communicate(timeout=300)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outputs
    assert rows(pg_url, "select count(*), count(distinct content_hash) from articles") == [(len(files), len(files))]
    assert rows(pg_url, "select count(*) - count(distinct key) from sources") == [(0,)]
    assert rows(pg_url, "select count(*) - count(distinct key) from entities") == [(0,)]


def test_copy_sqlite_archive_to_postgres_then_keep_importing(runner, seeded_sqlite, pg_url, monkeypatch):
    result = runner.invoke(cli, ["--db", str(seeded_sqlite), "copy", "--to", pg_url])
    assert result.exit_code == 0, result.output
    assert rows(pg_url, "select count(*) from articles") == [(5,)]
    monkeypatch.chdir(ROOT)
    more = runner.invoke(cli, ["--db", pg_url, "import", "-q", "tests/fixtures/tehran_times/articles"])
    assert more.exit_code == 0, more.output  # sequences continue after the copied ids
    assert rows(pg_url, "select count(*) from articles") == [(56,)]
