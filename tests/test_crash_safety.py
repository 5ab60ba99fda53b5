"""SIGKILL in the middle of an import, then the same import again: every article exactly once.

Each batch is one transaction (articles, attributions, shingles, mentions, counts,
extractions, errors and the run's counters), so a killed importer leaves whole batches or
nothing. The killed run's ``import_runs`` row keeps the counters of its last committed batch
and ``finished_at`` NULL; the next import on the same host sees that its process (``host``,
``pid``) is gone and marks it ``interrupted``.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from dbutil import POSTGRES, rows

ROOT = Path(__file__).resolve().parent.parent
N_FILES = 400
BATCH = 20

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

_NAMES = ["Iran", "Russia", "China", "Pakistan", "Afghanistan", "the Taliban", "Sergey Lavrov",
          "the United Nations", "Kabul", "Tehran", "Moscow", "Beijing", "India", "Tajikistan",
          "Uzbekistan", "the SCO", "Imran Khan", "Turkmenistan", "Qatar", "Doha"]
_VERBS = ["discussed", "criticised", "welcomed", "questioned", "praised", "rejected", "examined",
          "supported", "debated", "reviewed", "announced", "postponed"]
_THINGS = ["trade routes", "border security", "humanitarian aid", "water rights", "gas pipelines",
           "refugee returns", "railway projects", "drug trafficking", "electricity imports",
           "wheat shipments", "visa rules", "customs fees", "mining licences", "school funding"]
_WORDS = ("delegation officials ministry committee statement spokesman envoy council week month "
          "region meeting summit talks agreement proposal plan report survey budget").split()


def make_article(i: int, rng: random.Random) -> str:
    def sentence() -> str:
        words = " ".join(rng.choice(_WORDS) for _ in range(rng.randint(4, 9)))
        return (f"{rng.choice(_NAMES).capitalize()} {rng.choice(_VERBS)} {rng.choice(_THINGS)} "
                f"with {rng.choice(_NAMES)} after the {words} (item {i}-{rng.randint(0, 10**9)}).")

    title = f"Report {i}: {rng.choice(_NAMES)} and {rng.choice(_NAMES)} on {rng.choice(_THINGS)}"
    paragraphs = [" ".join(sentence() for _ in range(rng.randint(2, 4))) for _ in range(3)]
    return title + "\n\nMarch 3, 2022\n\n" + "\n\n".join(paragraphs) + "\n"


def _count(db) -> int:
    if POSTGRES:
        try:
            return rows(db, "select count(*) from articles")[0][0]
        except Exception:  # not created yet, or being migrated
            return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.5) as conn:
            return conn.execute("select count(*) from articles").fetchone()[0]
    except sqlite3.Error:  # not created yet, or being migrated
        return 0


def _run(db, folder: Path, **kwargs):
    env = dict(os.environ, ARCHIVE_BATCH_SIZE=str(BATCH), PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-m", "archive", "--db", str(db), "import", "-q",
                             str(folder)], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, **kwargs)


def test_sigkill_then_rerun_imports_every_article_exactly_once(tmp_path, db_path):
    seed = random.randrange(10**6)
    rng = random.Random(seed)
    folder = tmp_path / "articles"
    folder.mkdir()
    for i in range(N_FILES):
        (folder / f"{i:04d}.txt").write_text(make_article(i, rng), encoding="utf-8")
    db = db_path
    kill_after = rng.randrange(2 * BATCH, N_FILES * 2 // 3)  # some batches committed

    proc = _run(db, folder)
    deadline = time.monotonic() + 60
    while _count(db) < kill_after and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    if proc.poll() is not None:
        pytest.fail(f"the import ended before it could be killed (seed {seed}): {proc.stdout.read()}")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    proc.stdout.close()
    assert proc.returncode == -signal.SIGKILL
    first = _count(db)
    assert 0 < first < N_FILES and first % BATCH == 0, (seed, first)  # whole batches only

    again = _run(db, folder)
    out, _ = again.communicate(timeout=120)
    assert again.returncode == 0, out
    assert out.splitlines()[-1].endswith(
        f"({N_FILES} files seen, {first} already stored, 0 failed; run 2).")
    assert "Traceback" not in out

    def q(sql):
        return rows(db, sql)

    assert q("select count(*), count(distinct content_hash), count(distinct origin) from articles") \
        == [(N_FILES, N_FILES, N_FILES)]
    for table in ("article_attributions", "mentions", "extractions", "article_entity_counts",
                  "article_shingles"):
        assert q(f"select count(*) from {table} where article_id not in (select id from articles)") \
            == [(0,)], table
    assert q("select count(*) from extractions") == [(N_FILES,)]  # every article extracted once
    assert q("select count(*) from mentions") != [(0,)]
    if not POSTGRES:  # PostgreSQL enforces foreign keys and checks its pages itself
        assert q("PRAGMA foreign_key_check") == []
        assert q("PRAGMA integrity_check") == [("ok",)]
    assert q("select count(*) from import_errors") == [(0,)]
    runs = q("select id, status, finished_at is null, n_imported, n_duplicates, n_failed "
             "from import_runs order by id")
    # the killed run: marked interrupted by the rerun, counters as of its last committed batch
    assert runs == [(1, "interrupted", 1, first, 0, 0), (2, "finished", 0, N_FILES - first, first, 0)]
    assert q("select import_run_id, count(*) from articles group by 1 order by 1") \
        == [(1, first), (2, N_FILES - first)]
