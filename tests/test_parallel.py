"""Worker processes: the same rows, in the same order, whatever the number of workers."""

from __future__ import annotations

import os
import shutil

import pytest

from archive.cli import cli
from archive.workers import ordered_map
from conftest import FIXTURES, SEEDS
from dbutil import columns, rows, tables

# what differs between two runs of the same import: clocks and process ids
VOLATILE = {"created_at", "imported_at", "extracted_at", "started_at", "finished_at",
            "superseded_at", "pid", "host", "stats_at"}


def _dump(db) -> dict[str, list]:
    """Every table's rows (ids included, clocks left out), in column order."""
    out = {}
    for name in sorted(tables(db)):
        if name.startswith("articles_fts"):
            continue
        cols = [c for c in columns(db, f'SELECT * FROM "{name}" WHERE 1 = 0') if c not in VOLATILE]
        select = ", ".join(f'"{c}"' for c in cols)
        order = ", ".join(str(i + 1) for i in range(len(cols)))
        out[name] = [cols] + rows(db, f'SELECT {select} FROM "{name}" ORDER BY {order}')
    return out


@pytest.fixture
def corpus(tmp_path):
    """The 51 development articles and the seeds: enough files for the workers to start."""
    folder = tmp_path / "corpus"
    shutil.copytree(FIXTURES / "tehran_times" / "articles", folder / "tehran_times")
    shutil.copytree(SEEDS, folder / "seeds")
    return folder


def test_import_with_workers_stores_what_one_process_stores(runner, tmp_path, corpus, monkeypatch, new_db):
    monkeypatch.chdir(corpus)
    dumps = []
    for jobs in ("1", "2"):
        db = new_db(tmp_path / f"jobs{jobs}.db")
        result = runner.invoke(cli, ["--db", str(db), "import", "-q", "--jobs", jobs, "seeds", "tehran_times"])
        assert result.exit_code == 0, result.output
        assert result.output.endswith(f"56 new articles stored in {db} (56 files seen, 0 already "
                                      f"stored, 0 failed; run 1).\n")
        dumps.append(_dump(db))
    one, two = dumps
    assert one.keys() == two.keys()
    for table in one:
        assert one[table] == two[table], table
    assert len(one["events"]) > 100 and len(one["mentions"]) > 5000


def test_reimport_with_workers_finds_every_duplicate(runner, tmp_path, corpus, monkeypatch, new_db):
    monkeypatch.chdir(corpus)
    db = new_db(tmp_path / "a.db")
    assert runner.invoke(cli, ["--db", str(db), "import", "-q", "-j", "2", "tehran_times"]).exit_code == 0
    result = runner.invoke(cli, ["--db", str(db), "import", "-q", "-j", "2", "seeds", "tehran_times"])
    assert result.exit_code == 0, result.output
    assert result.output.endswith(f"5 new articles stored in {db} (56 files seen, 51 already "
                                  f"stored, 0 failed; run 2).\n")


def test_reextract_with_workers_matches_one_process(runner, tmp_path, corpus, monkeypatch, new_db):
    monkeypatch.chdir(corpus)
    db = new_db(tmp_path / "a.db")
    assert runner.invoke(cli, ["--db", str(db), "import", "-q", "-j", "1", "seeds", "tehran_times"]).exit_code == 0
    copy = new_db(tmp_path / "b.db", template=db)
    outputs = []
    for path, jobs in ((db, "1"), (copy, "2")):
        result = runner.invoke(cli, ["--db", str(path), "reextract", "--jobs", jobs, "--batch-size", "7"])
        assert result.exit_code == 0, result.output
        outputs.append(result.output)
    assert outputs[0] == outputs[1]
    assert outputs[0].startswith("Re-extracted 56 articles: ")
    one, two = _dump(db), _dump(copy)
    for table in one:
        if table != "import_runs":
            assert one[table] == two[table], table


def _square(x: int) -> tuple[int, int]:
    return x * x, os.getpid()


def _fail_on_seven(x: int) -> int:
    if x == 7:
        raise ValueError("seven")
    return x


def test_ordered_map_keeps_order_and_uses_workers():
    results = list(ordered_map(_square, range(200), jobs=2, chunk=3, window=4))
    assert [r for r, _ in results] == [x * x for x in range(200)]
    assert os.getpid() not in {pid for _, pid in results}


def test_ordered_map_in_process_with_one_job():
    results = list(ordered_map(_square, range(5), jobs=1))
    assert results == [(x * x, os.getpid()) for x in range(5)]


def test_ordered_map_raises_a_workers_error_in_order():
    seen = []
    with pytest.raises(ValueError, match="seven"):
        for x in ordered_map(_fail_on_seven, range(20), jobs=2, chunk=1):
            seen.append(x)
    assert seen == list(range(7))
