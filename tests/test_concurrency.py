"""Two imports at once on one fresh database, with overlapping files: both succeed, and the
database holds what one import of all the files would (no duplicate article, source or entity).

SQLite: WAL, a busy timeout and ``BEGIN IMMEDIATE`` (archive/db.py) make writers queue instead
of failing; migrations and the gazetteer sync run under the write lock. PostgreSQL: they run
under an advisory lock (archive/dialect.py). Duplicates are settled by the
``content_hash``/``key`` unique constraints.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from dbutil import POSTGRES, rows

ROOT = Path(__file__).resolve().parent.parent
TEHRAN = sorted((ROOT / "tests" / "fixtures" / "tehran_times" / "articles").glob("*.txt"))
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def _start(db, *folders: Path) -> subprocess.Popen:
    env = dict(os.environ, ARCHIVE_BATCH_SIZE="4", PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "archive", "--db", str(db), "import",
                             *map(str, folders)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)


def _snapshot(db) -> dict[str, list]:
    def q(sql):
        return sorted(rows(db, sql))

    return {
        "articles": q("select content_hash, origin is not null from articles"),
        "sources": q("select key, name from sources"),
        "entities": q("select key, name, type, status from entities"),
        "aliases": q("select e.key, a.alias from entity_aliases a join entities e on e.id = a.entity_id"),
        "attributions": q("select a.content_hash, s.key, t.role from article_attributions t "
                          "join articles a on a.id = t.article_id join sources s on s.id = t.source_id"),
        "mentions": q("select a.content_hash, m.start, m.end, e.key from mentions m "
                      "join articles a on a.id = m.article_id join entities e on e.id = m.entity_id"),
    }


def test_two_imports_at_once_on_a_fresh_database(tmp_path, new_db):
    files = TEHRAN[:30] + SEEDS
    one, two, both = tmp_path / "one", tmp_path / "two", tmp_path / "all"
    for folder, chosen in ((one, files[:22]), (two, files[10:]), (both, files)):
        folder.mkdir()
        for f in chosen:
            shutil.copy(f, folder / f.name)
    db = new_db(tmp_path / "shared.db")

    procs = [_start(db, one), _start(db, two)]
    outputs = [p.communicate(timeout=120)[0] for p in procs]
    for p, out in zip(procs, outputs):
        assert p.returncode == 0, out
        assert "locked" not in out.lower() and "Traceback" not in out, out
    assert sum("Created database" in out for out in outputs) == 1, outputs

    def q(sql):
        return rows(db, sql)

    assert q("select count(*), count(distinct content_hash) from articles") == [(len(files), len(files))]
    assert q("select count(*) from import_runs where status = 'finished'") == [(2,)]
    assert q("select sum(n_imported), sum(n_duplicates) from import_runs") == [(len(files), 12)]
    assert q("select name from sources group by name having count(*) > 1") == []
    assert q("select key from entities group by key having count(*) > 1") == []
    assert q("select value from meta where key = 'gazetteer_version'") != []
    if not POSTGRES:  # PostgreSQL enforces foreign keys and checks its pages itself
        assert q("PRAGMA foreign_key_check") == []
        assert q("PRAGMA integrity_check") == [("ok",)]

    # the same rows as one import of every file
    alone = new_db(tmp_path / "alone.db")
    single = _start(alone, both)
    out = single.communicate(timeout=120)[0]
    assert single.returncode == 0, out
    shared, expected = _snapshot(db), _snapshot(alone)
    for table in expected:
        assert shared[table] == expected[table], table
