"""The scale benchmark: import, storage, views, search, export and start-up at 1k/10k/100k.

    .venv/bin/python benchmarks/run.py                       # 1k, 10k, 100k (<= 15 min)
    .venv/bin/python benchmarks/run.py --skip-large          # 1k and 10k only
    .venv/bin/python benchmarks/run.py --sizes 1000 --workdir /tmp/bench -o results.md

Prints one Markdown report (machine, figures per size next to the issue's targets, ratios to
the reference points, and a stage profile of the importer when it misses its target).

What is measured, per size N (the first N articles of one synthetic corpus, see generate.py):

* ``archive import -q`` in a subprocess pinned to one CPU: articles/s on the wall clock and on
  CPU time, peak RSS (``os.wait4``), database size per article.
* the reference points on the same articles (the JSON Lines twin of the files): a plain
  ``sqlite3`` ``executemany`` insert without extraction (the floor) and
  ``sqlite-utils insert --nl`` (the peer);
* every saved view: ``SELECT * FROM view`` fully fetched, ``LIMIT 100`` (the first page),
  ``COUNT(*)`` and a typical filtered query on the view's columns (the busiest entity, month,
  theme...); for the views with a row per row of a large table, the floor: that table fetched
  with the same driver, and both through the sqlite3 CLI;
* full-text search on ``articles_fts`` (if present): a rare term, a common term ranked by bm25
  with LIMIT 20, a phrase ranked by bm25 with LIMIT 20;
* CSV export of the largest table: ``archive export`` vs ``sqlite3 -csv`` (the floor) vs
  ``sqlite-utils rows --csv`` (the peer);
* start-up: ``archive --help`` / ``archive --version`` vs ``sqlite-utils --version``, median of 10.

Time budget (``--budget``, default 900 s): an import is stopped (Ctrl-C, which the importer
handles: committed batches stay) after ``--import-cap`` seconds. Its rate is then measured on
what it committed, and the database is filled up to N articles by *replicating* the imported
articles and every row that hangs off them (mentions, counts, shingles, FTS via the triggers),
so views, search, export and size are still measured on an N-article database. A size after a
capped one is not imported again (it would measure the same first minutes): its import figures
are extrapolated from the capped run and its database is replicated. Every such figure is
labelled in the report. Generated corpora are cached in the work folder between runs.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import shlex
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

TARGET_RATE = 1000  # articles/s, one core, full extraction
TARGET_RSS_MB = 500  # at 100k
TARGET_VIEW_S = 1.0  # every saved view at 100k
TARGET_EXPORT_VS_SQLITE3 = 1.5

BIN = Path(sys.executable).parent


def _tool(name: str) -> str | None:
    local = BIN / name
    if local.exists():
        return str(local)
    return shutil.which(name)


# -- running children and measuring them ---------------------------------------------------


@dataclass
class Child:
    wall: float
    cpu: float
    maxrss_mb: float
    returncode: int
    stopped: bool = False  # stopped by the time limit
    stopped_after: float | None = None
    stdout: str = ""
    stderr: str = ""


def one_cpu() -> int:
    return max(os.sched_getaffinity(0))


def _child_setup(cpu: int | None) -> None:
    # A benchmark started in the background inherits SIGINT ignored, and so would the
    # importer: give it the default back so that Ctrl-C (our time cap) reaches it.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    if cpu is not None:
        os.sched_setaffinity(0, {cpu})


def run_child(cmd, *, timeout: float | None = None, stdout=None, stdin=None, pin=True,
              stop_signal=signal.SIGINT, env=None, shell=False) -> Child:
    """Run ``cmd``; wall time, CPU time and peak RSS of it (and its waited-for children)."""
    cpu = one_cpu()
    capture_out = stdout is None
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE if capture_out else stdout, stderr=subprocess.PIPE,
        stdin=stdin if stdin is not None else subprocess.DEVNULL, env=env, shell=shell,
        preexec_fn=lambda: _child_setup(cpu if pin else None),
    )
    state = {"stopped": None}

    def stop():
        state["stopped"] = time.perf_counter() - started
        try:
            proc.send_signal(stop_signal)
        except ProcessLookupError:
            return
        # a child that ignores the signal gets SIGKILL 60 s later
        killer = threading.Timer(60, lambda: proc.poll() is None and proc.kill())
        killer.daemon = True
        killer.start()

    timer = None
    if timeout is not None:
        timer = threading.Timer(timeout, stop)
        timer.daemon = True
        timer.start()
    out_chunks, err_chunks = [], []
    readers = []
    if capture_out:
        readers.append(threading.Thread(target=lambda: out_chunks.append(proc.stdout.read())))
    readers.append(threading.Thread(target=lambda: err_chunks.append(proc.stderr.read())))
    for r in readers:
        r.start()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if timer:
        timer.cancel()
    for r in readers:
        r.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    decode = lambda chunks: (b"".join(chunks)).decode("utf-8", "replace")  # noqa: E731
    return Child(wall=wall, cpu=usage.ru_utime + usage.ru_stime, maxrss_mb=usage.ru_maxrss / 1024,
                 returncode=proc.returncode, stopped=state["stopped"] is not None,
                 stopped_after=state["stopped"], stdout=decode(out_chunks), stderr=decode(err_chunks))


def median_time(cmd: list[str], n: int = 10) -> float:
    times = []
    for _ in range(n):
        c = run_child(cmd)
        if c.returncode != 0:
            raise RuntimeError(f"{shlex.join(cmd)} failed: {c.stderr[-500:]}")
        times.append(c.wall)
    return statistics.median(times)


# -- the machine ---------------------------------------------------------------------------------


def machine() -> dict:
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name") and model == "unknown":
                model = line.split(":", 1)[1].strip()
            if line.startswith("cpu MHz"):
                model += f", {float(line.split(':', 1)[1]):.0f} MHz"
                break
    except OSError:
        pass
    ram = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                ram = int(line.split()[1]) / 1024 / 1024
    except OSError:
        pass
    sqlite_cli = _tool("sqlite3")
    cli_version = None
    if sqlite_cli:
        cli_version = subprocess.run([sqlite_cli, "--version"], capture_output=True, text=True).stdout.split()[0]
    su = _tool("sqlite-utils")
    su_version = None
    if su:
        su_version = subprocess.run([su, "--version"], capture_output=True, text=True).stdout.strip().split()[-1]
    from archive import __version__

    return {
        "nproc": os.cpu_count(), "cpu": model, "ram_gb": ram, "python": platform.python_version(),
        "sqlite_python": sqlite3.sqlite_version, "sqlite_cli": cli_version,
        "sqlite_utils": su_version, "archive": __version__, "os": platform.platform(),
        "loadavg_start": os.getloadavg(),
    }


# -- import and its reference points ------------------------------------------------------------


def archive_cmd(*args: str) -> list[str]:
    exe = _tool("archive")
    return [exe, *args] if exe else [sys.executable, "-m", "archive", *args]


def count_articles(db: Path) -> int:
    if not db.exists():
        return 0
    with sqlite3.connect(db) as conn:
        try:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.Error:
            return 0


def checkpoint(db: Path) -> None:
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def db_bytes(db: Path) -> int:
    return sum(p.stat().st_size for p in db.parent.glob(db.name + "*") if p.is_file())


def import_archive(db: Path, paths: list[str], cap: float | None, jobs: int = 1) -> dict:
    """``archive import --jobs JOBS`` (one CPU, pinned, with 1; all CPUs with 0)."""
    for p in db.parent.glob(db.name + "*"):
        p.unlink()
    # the article count, polled while the import runs: does it slow down as the database grows?
    samples: list[tuple[float, int]] = []
    stop = threading.Event()
    t0 = time.perf_counter()

    def poll():
        while not stop.wait(1):
            try:
                conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=2)
                try:
                    samples.append((time.perf_counter() - t0, conn.execute("SELECT count(*) FROM articles").fetchone()[0]))
                finally:
                    conn.close()
            except sqlite3.Error:
                pass

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    c = run_child(archive_cmd("--db", str(db), "import", "-q", "--jobs", str(jobs), *paths),
                  timeout=cap, pin=jobs == 1)
    stop.set()
    poller.join()
    n = count_articles(db)
    # stopped by the cap: the committed articles are those of the first ``cap`` seconds (the
    # batch in flight is rolled back), unless the child ignored Ctrl-C and had to be killed
    seconds = c.stopped_after if c.stopped and c.wall - c.stopped_after < 30 else c.wall
    if c.stopped:
        # the batch in flight when the cap struck is rolled back: count the time up to the
        # last commit (first seen by the poll, at most 1 s late), not up to the cap
        seen = [t for t, k in samples if k == n]
        if seen and n:
            seconds = min(seconds, seen[0])
    if not c.stopped and c.returncode not in (0, 1):
        raise RuntimeError(f"archive import failed ({c.returncode}): {c.stderr[-2000:]}")
    failed = 0
    if n:
        with sqlite3.connect(db) as conn:
            failed = conn.execute("SELECT coalesce(sum(n_failed), 0) FROM import_runs").fetchone()[0]
    return {"articles": n, "seconds": seconds, "wall": c.wall, "cpu": c.cpu, "rss_mb": c.maxrss_mb,
            "stopped": c.stopped, "failed": failed, "rate": n / seconds if seconds else 0,
            # CPU time spent on the committed articles (the rolled-back batch's share removed)
            "cpu_rate": n / (c.cpu * min(1.0, seconds / c.wall)) if c.cpu else 0,
            "slowdown": fit_slowdown(samples)}


def reextract_archive(db: Path, jobs: int, timeout: float) -> dict:
    """``archive reextract --jobs JOBS`` over a copy of ``db`` (the measured one stays as it is)."""
    copy = db.with_name("reextract.db")
    for p in db.parent.glob("reextract.db*"):
        p.unlink()
    checkpoint(db)
    shutil.copy(db, copy)
    n = count_articles(copy)
    c = run_child(archive_cmd("--db", str(copy), "reextract", "--jobs", str(jobs)), timeout=timeout,
                  pin=jobs == 1)
    for p in db.parent.glob("reextract.db*"):
        p.unlink()
    if c.stopped or c.returncode != 0:
        return {"articles": n, "error": "stopped by the time limit" if c.stopped else c.stderr[-300:]}
    return {"articles": n, "seconds": c.wall, "rate": n / c.wall, "rss_mb": c.maxrss_mb}


def fit_slowdown(samples: list[tuple[float, int]]) -> dict | None:
    """Seconds per article as a linear function of the articles already stored,
    ``a + b * n``, fitted (weighted least squares) on the polled counts. ``None`` when there
    are too few samples."""
    points = []  # (n at the middle of the interval, seconds per article, weight)
    prev = None
    for t, n in samples:
        if n <= 0 or (prev is not None and n == prev[1]):
            continue  # the first interval holds start-up; a count is timed when first seen
        if prev is not None and n > prev[1]:
            points.append(((n + prev[1]) / 2, (t - prev[0]) / (n - prev[1]), n - prev[1]))
        prev = (t, n)
    if len(points) < 4:
        return None
    w = sum(p[2] for p in points)
    mx = sum(p[0] * p[2] for p in points) / w
    my = sum(p[1] * p[2] for p in points) / w
    sxx = sum(p[2] * (p[0] - mx) ** 2 for p in points)
    sxy = sum(p[2] * (p[0] - mx) * (p[1] - my) for p in points)
    b = max(sxy / sxx, 0.0) if sxx else 0.0
    a = my - b * mx
    if a <= 0:
        return None
    return {"a": a, "b": b, "points": len(points), "span": [points[0][0], points[-1][0]]}


def predicted_seconds(fit: dict, n: int) -> float:
    """Import time for ``n`` articles into an empty database under the fitted slowdown."""
    return fit["a"] * n + fit["b"] * n * n / 2


FLOOR_CODE = r"""
import json, sqlite3, sys, time
db, files = sys.argv[1], sys.argv[2:]
conn = sqlite3.connect(db)
conn.execute("PRAGMA journal_mode=WAL")
conn.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT, body TEXT, published TEXT, source TEXT)")
n = 0
with conn:
    for path in files:
        with open(path, encoding="utf-8") as fh:
            rows = [(r["title"], r["body"], r["published"], r["source"]) for r in map(json.loads, fh)]
        conn.executemany("INSERT INTO articles (title, body, published, source) VALUES (?, ?, ?, ?)", rows)
        n += len(rows)
conn.close()
print(n)
"""


def jsonl_for(corpus, n: int, work: Path) -> list[Path]:
    """JSON Lines files holding exactly the first ``n`` articles."""
    paths = corpus.jsonl_paths(n)
    rest = n % generate.SHARD
    if rest:
        cut = work / f"partial-{n}.jsonl"
        with open(paths[-1], encoding="utf-8") as src, open(cut, "w", encoding="utf-8") as dst:
            for i, line in enumerate(src):
                if i >= rest:
                    break
                dst.write(line)
        paths = paths[:-1] + [cut]
    return paths


def floor_insert(db: Path, files: list[Path]) -> dict:
    for p in db.parent.glob(db.name + "*"):
        p.unlink()
    c = run_child([sys.executable, "-c", FLOOR_CODE, str(db), *map(str, files)])
    if c.returncode:
        raise RuntimeError(c.stderr)
    n = int(c.stdout.strip())
    return {"rows": n, "seconds": c.wall, "rate": n / c.wall, "rss_mb": c.maxrss_mb,
            "bytes": db_bytes(db)}


def peer_insert(db: Path, files: list[Path]) -> dict | None:
    su = _tool("sqlite-utils")
    if not su:
        return None
    for p in db.parent.glob(db.name + "*"):
        p.unlink()
    script = 'cat "$@" | "$SU" insert "$DB" articles - --nl'
    env = dict(os.environ, SU=su, DB=str(db))
    c = run_child(["bash", "-c", script, "bash", *map(str, files)], env=env)
    if c.returncode:
        raise RuntimeError(c.stderr)
    with sqlite3.connect(db) as conn:
        n = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    return {"rows": n, "seconds": c.wall, "rate": n / c.wall, "rss_mb": c.maxrss_mb}


# -- replicating a partly imported database up to N articles ------------------------------------


def replicate(db: Path, n_target: int) -> dict:
    """Copy the stored articles (with new ids and content hashes) and every row that refers to
    them, directly or through another copied table, until the database holds ``n_target``
    articles. The FTS index follows through its triggers."""
    started = time.perf_counter()
    conn = sqlite3.connect(db, isolation_level=None)
    conn.execute("PRAGMA foreign_keys=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
        "AND name NOT LIKE 'articles_fts%'")]
    fks = {t: [(r[2], r[3], r[4]) for r in conn.execute(f"PRAGMA foreign_key_list('{t}')")] for t in tables}
    info = {t: [(r[1], r[2].upper(), r[5]) for r in conn.execute(f"PRAGMA table_info('{t}')")] for t in tables}

    def int_pk(t):
        pks = [c for c, typ, pk in info[t] if pk]
        return pks[0] if len(pks) == 1 and dict((c, typ) for c, typ, _ in info[t])[pks[0]].startswith("INT") else None

    # tables to copy: articles, then anything referring to a copied table (fixed point)
    copied = ["articles"]
    changed = True
    while changed:
        changed = False
        for t in tables:
            if t not in copied and any(parent in copied for parent, _, _ in fks[t]):
                # a child of a copied table whose rows are not per-article (no int key and no
                # article link) would be duplicated wrongly; every such table has an article link
                copied.append(t)
                changed = True
    skipped = [t for t in tables if t not in copied]
    max_id = {t: (conn.execute(f'SELECT coalesce(max("{int_pk(t)}"), 0) FROM "{t}"').fetchone()[0] if int_pk(t) else 0)
              for t in copied}
    base = conn.execute("SELECT count(*), coalesce(max(id), 0) FROM articles").fetchone()
    n0, max_article = base
    if n0 == 0:
        raise RuntimeError("nothing to replicate")

    def where(t, cut):
        """Rows of ``t`` that belong to the original articles with id <= cut."""
        if t == "articles":
            return f'"articles".id <= {cut}'
        conds = []
        for parent, col, pcol in fks[t]:
            if parent not in copied or parent == t:
                continue
            if parent == "articles":
                conds.append(f'"{t}"."{col}" <= {cut}')
            else:
                conds.append(f'"{t}"."{col}" IN (SELECT "{pcol}" FROM "{parent}" WHERE {where(parent, cut)})')
        return " AND ".join(conds) if conds else "1"

    rows_copied = {t: 0 for t in copied}
    copy = 0
    have = n0
    while have < n_target:
        copy += 1
        need = n_target - have
        cut = max_article
        if need < n0:
            cut = conn.execute("SELECT id FROM articles WHERE id <= ? ORDER BY id LIMIT 1 OFFSET ?",
                               (max_article, need - 1)).fetchone()[0]
        conn.execute("BEGIN")
        for t in copied:
            cols = [c for c, _, _ in info[t]]
            exprs = []
            offset_cols = {col: parent for parent, col, _ in fks[t] if parent in copied}
            pk = int_pk(t)
            for c in cols:
                if c == pk:
                    exprs.append(f'"{c}" + {copy * max_id[t]}')
                elif c in offset_cols:
                    exprs.append(f'"{c}" + {copy * max_id[offset_cols[c]]}')
                elif t == "articles" and c in ("content_hash", "origin"):
                    exprs.append(f"\"{c}\" || '#' || (\"{pk}\" + {copy * max_id[t]})")
                else:
                    exprs.append(f'"{c}"')
            col_list = ", ".join(f'"{c}"' for c in cols)
            sel = ", ".join(exprs)
            # only original rows (ids within the first block) are copied
            own = f' AND "{t}"."{pk}" <= {max_id[t]}' if pk else ""
            cur = conn.execute(f'INSERT INTO "{t}" ({col_list}) SELECT {sel} FROM "{t}" WHERE ({where(t, cut)}){own}')
            rows_copied[t] += cur.rowcount
        conn.execute("COMMIT")
        have = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    rebuilt = rebuild_aggregates(db)
    return {"from": n0, "to": have, "copies": copy, "seconds": time.perf_counter() - started,
            "tables": rows_copied, "not_copied": skipped, "rebuilt": rebuilt}


def rebuild_aggregates(db: Path) -> str | None:
    """Recompute the archive's aggregate tables over the replicated rows, if it has them."""
    try:
        from archive import pairs
        from archive.db import make_engine
    except ImportError:
        return None
    if not hasattr(pairs, "rebuild"):
        return None
    engine = make_engine(f"sqlite:///{db}")
    try:
        with engine.begin() as conn:
            pairs.rebuild(conn)
    finally:
        engine.dispose()
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return "archive.pairs.rebuild"


# -- queries ------------------------------------------------------------------------------------


class Timeout(Exception):
    pass


def timed_query(conn, sql: str, params=(), timeout: float = 30.0, repeat: int = 3) -> dict:
    """Best-of-``repeat`` wall time of executing and fully fetching ``sql`` (a slow first run
    is not repeated)."""
    times = []
    rows = None
    for _ in range(repeat):
        deadline = time.perf_counter() + timeout
        conn.set_progress_handler(lambda: 1 if time.perf_counter() > deadline else 0, 20000)
        t0 = time.perf_counter()
        try:
            rows = conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            if "interrupt" in str(exc):
                return {"seconds": None, "timeout": timeout, "rows": None}
            raise
        finally:
            conn.set_progress_handler(None, 0)
        times.append(time.perf_counter() - t0)
        if times[-1] > 2:
            break
    return {"seconds": min(times), "rows": len(rows)}


def connect_ro(db: Path):
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True)


def list_views(db: Path) -> list[str]:
    with connect_ro(db) as conn:
        return [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='view' ORDER BY name")]


# A typical filtered query per view, on the view's own columns (what a client or a report
# asks), with the busiest value of the archive (the largest answer): the WHERE clause and a
# query picking its parameters.
VIEW_FILTERS = {
    "article_entities": ("entity = ?", "SELECT entity FROM entity_overview ORDER BY n_articles DESC LIMIT 1"),
    "article_overview": ("published_at >= ? AND published_at < ?",
                         "SELECT m, m || '~' FROM (SELECT substr(published_at, 1, 7) AS m FROM articles "
                         "WHERE published_at IS NOT NULL GROUP BY m ORDER BY count(*) DESC LIMIT 1)"),
    "article_themes": ("theme = ?", "SELECT theme FROM theme_hits GROUP BY theme ORDER BY count(*) DESC LIMIT 1"),
    "entity_cooccurrence": ("entity_a = ? OR entity_b = ?",
                            "SELECT entity, entity FROM entity_overview ORDER BY n_articles DESC LIMIT 1"),
    "entity_overview": ("entity = ?", "SELECT entity FROM entity_overview ORDER BY n_articles DESC LIMIT 1"),
    "event_conflicts": ("event_id = ?", "SELECT event_id FROM event_conflicts LIMIT 1"),
    "event_evidence": ("event_id = ?",
                       "SELECT event_id FROM event_reports GROUP BY event_id ORDER BY count(*) DESC LIMIT 1"),
    "event_participants": ("entity_id = ?",
                           "SELECT entity_id FROM event_parties GROUP BY entity_id ORDER BY count(*) DESC LIMIT 1"),
    "event_timeline": ("date_start >= ? AND date_start < ?",
                       "SELECT m, m || '~' FROM (SELECT substr(date_start, 1, 7) AS m FROM events "
                       "WHERE date_start IS NOT NULL GROUP BY m ORDER BY count(*) DESC LIMIT 1)"),
    "quote_overview": ("speaker_entity_id = ?",
                       "SELECT speaker_entity_id FROM quotes WHERE speaker_entity_id IS NOT NULL "
                       "GROUP BY speaker_entity_id ORDER BY count(*) DESC LIMIT 1"),
    "source_coverage": ("source = ?", "SELECT source FROM source_coverage ORDER BY n_articles DESC LIMIT 1"),
    "theme_trends": ("theme = ?", "SELECT theme FROM theme_hits GROUP BY theme ORDER BY count(*) DESC LIMIT 1"),
    "uncoded_articles": ("article_id = ?", "SELECT article_id FROM uncoded_articles LIMIT 1"),
    "unresolved_names": ("name = ?", "SELECT name FROM unresolved_names ORDER BY n_articles DESC LIMIT 1"),
}
# Views with one row per row of a large table: fetching all their rows into Python is bound by
# the transfer of rows, so all rows are compared with fetching the table itself (the floor),
# with the same driver and with the sqlite3 CLI.
BULK_VIEWS = {"article_entities": "article_entity_counts", "article_themes": "theme_hits",
              "event_evidence": "event_reports", "quote_overview": "quotes"}


def cli_seconds(db: Path, sql: str, timeout: float, repeat: int = 2) -> dict | None:
    """Best-of-``repeat`` wall time of the sqlite3 CLI printing every row (to /dev/null)."""
    cli = _tool("sqlite3")
    if not cli:
        return None
    times = []
    for _ in range(repeat):
        with open(os.devnull, "wb") as sink:
            c = run_child([cli, "-batch", f"file:{db}?mode=ro", sql], stdout=sink, timeout=timeout, pin=False)
        if c.stopped:
            return {"seconds": None, "timeout": timeout}
        times.append(c.wall)
        if c.wall > 2:
            break
    return {"seconds": min(times)}


def measure_views(db: Path, timeout: float) -> dict:
    out = {}
    conn = connect_ro(db)
    try:
        for v in list_views(db):
            full = timed_query(conn, f'SELECT * FROM "{v}"', timeout=timeout)
            limited = timed_query(conn, f'SELECT * FROM "{v}" LIMIT 100', timeout=timeout)
            count = timed_query(conn, f'SELECT COUNT(*) FROM "{v}"', timeout=timeout)
            out[v] = {"all": full, "limit100": limited, "count": count}
            if v in VIEW_FILTERS:
                where, pick = VIEW_FILTERS[v]
                try:
                    params = conn.execute(pick).fetchone()
                except sqlite3.Error:
                    params = None
                if params is not None:
                    r = timed_query(conn, f'SELECT * FROM "{v}" WHERE {where}', params, timeout=timeout)
                    r["where"] = where.replace("?", "{}").format(*(repr(p) for p in params))
                    out[v]["filtered"] = r
            base = BULK_VIEWS.get(v)
            if base and conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                                     (base,)).fetchone():
                out[v]["floor"] = dict(timed_query(conn, f'SELECT * FROM "{base}"', timeout=timeout), table=base)
                out[v]["cli"] = cli_seconds(db, f'SELECT * FROM "{v}"', timeout)
                out[v]["cli_floor"] = cli_seconds(db, f'SELECT * FROM "{base}"', timeout)
    finally:
        conn.close()
    return out


def has_fts(db: Path) -> bool:
    with connect_ro(db) as conn:
        return bool(conn.execute("SELECT 1 FROM sqlite_master WHERE name='articles_fts'").fetchone())


def pick_rare_term(db: Path) -> str | None:
    """An alphabetic term found in exactly one article of this database (the 1k one)."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        conn.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, 'articles_fts', 'row')")
        row = conn.execute("SELECT term FROM temp.vocab WHERE doc = 1 AND term GLOB '[a-z][a-z][a-z][a-z][a-z]*' "
                           "ORDER BY term LIMIT 1").fetchone()
        return row[0] if row else None
    except sqlite3.Error:
        return None
    finally:
        conn.close()


FTS_QUERIES = [
    ("rare term", "{rare}", False),
    ("common term, bm25, LIMIT 20", "afghanistan", True),
    ("phrase, bm25, LIMIT 20", '"foreign minister"', True),
]


def measure_fts(db: Path, rare: str | None, timeout: float) -> dict:
    out = {}
    conn = connect_ro(db)
    try:
        for label, query, ranked in FTS_QUERIES:
            if "{rare}" in query:
                if not rare:
                    continue
                query = query.format(rare=rare)
            count = conn.execute("SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?", (query,)).fetchone()[0]
            if ranked:
                sql = ("SELECT rowid, title, snippet(articles_fts, 1, '[', ']', '…', 12) FROM articles_fts "
                       "WHERE articles_fts MATCH ? ORDER BY bm25(articles_fts) LIMIT 20")
            else:
                sql = ("SELECT rowid, title, snippet(articles_fts, 1, '[', ']', '…', 12) FROM articles_fts "
                       "WHERE articles_fts MATCH ?")
            r = timed_query(conn, sql, (query,), timeout=timeout)
            r.update(query=query, matches=count)
            out[label] = r
    finally:
        conn.close()
    return out


def largest_table(db: Path) -> tuple[str, int, dict]:
    counts = {}
    with connect_ro(db) as conn:
        for (t,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%' "
                                 "AND name NOT LIKE 'articles_fts%' AND name != 'alembic_version'"):
            counts[t] = conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
    t = max(counts, key=counts.get)
    return t, counts[t], counts


def count_csv_rows(path: Path) -> int:
    n = 0
    with open(path, encoding="utf-8", errors="replace", newline="") as fh:
        reader = csv.reader(fh)
        try:
            next(reader)
        except StopIteration:
            return 0
        try:
            for _ in reader:
                n += 1
        except csv.Error:
            pass
    return n


def measure_export(db: Path, table: str, rows: int, work: Path, timeout: float) -> dict:
    out_dir = work / "export"
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir()
    result = {"table": table, "rows": rows}

    def rate(child, path, label):
        if child.returncode != 0 and not child.stopped:
            lines = (child.stderr or child.stdout).strip().splitlines() or [f"exit code {child.returncode}"]
            result[label] = {"error": lines[-1][:200], "rate": None, "seconds": child.wall, "rows": 0,
                             "stopped": False}
            return
        n = rows if not child.stopped else count_csv_rows(path)
        seconds = child.stopped_after if child.stopped else child.wall
        result[label] = {"seconds": seconds, "rows": n, "rate": n / seconds if seconds else None,
                         "stopped": child.stopped, "rss_mb": child.maxrss_mb}

    c = run_child(archive_cmd("--db", str(db), "export", table, "-o", str(out_dir)), timeout=timeout,
                  stop_signal=signal.SIGTERM)
    part = out_dir / f"{table}.csv.part"
    rate(c, part if c.stopped else out_dir / f"{table}.csv", "archive")
    cli = _tool("sqlite3")
    if cli:
        path = out_dir / "sqlite3.csv"
        with open(path, "wb") as fh:
            c = run_child([cli, "-csv", "-header", f"file:{db}?mode=ro", f'SELECT * FROM "{table}"'],
                          stdout=fh, timeout=timeout, stop_signal=signal.SIGTERM)
        rate(c, path, "sqlite3")
    su = _tool("sqlite-utils")
    if su:
        path = out_dir / "sqlite-utils.csv"
        with open(path, "wb") as fh:
            c = run_child([su, "rows", str(db), table, "--csv"], stdout=fh, timeout=timeout,
                          stop_signal=signal.SIGTERM)
        rate(c, path, "sqlite-utils")
    shutil.rmtree(out_dir, ignore_errors=True)
    return result


# -- one size -----------------------------------------------------------------------------------


@dataclass
class SizeResult:
    n: int
    imp: dict = field(default_factory=dict)
    replicated: dict | None = None
    extrapolated_from: int | None = None
    floor: dict = field(default_factory=dict)
    peer: dict | None = None
    db_bytes: int = 0
    counts: dict = field(default_factory=dict)
    views: dict = field(default_factory=dict)
    fts: dict = field(default_factory=dict)
    export: dict = field(default_factory=dict)
    parallel: dict | None = None  # import with --jobs 0 (all CPUs)
    reextract: dict = field(default_factory=dict)  # "1" and "all": reextract --jobs 1 / 0
    seconds: float = 0.0


def log(msg: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {msg}", file=sys.stderr, flush=True)


def measure_size(n, corpus, work: Path, args, previous: SizeResult | None, rare: str | None,
                 deadline: float) -> SizeResult:
    started = time.perf_counter()
    res = SizeResult(n)
    d = work / f"n{n}"
    d.mkdir(parents=True, exist_ok=True)
    db = d / "archive.db"
    capped_before = previous is not None and (previous.imp.get("stopped") or previous.extrapolated_from)
    if capped_before:
        # importing again would measure the same first minutes: extrapolate, replicate
        res.imp = dict(previous.imp)
        res.extrapolated_from = previous.extrapolated_from or previous.n
        for p in db.parent.glob(db.name + "*"):
            p.unlink()
        checkpoint(work / f"n{previous.n}" / "archive.db")
        shutil.copy(work / f"n{previous.n}" / "archive.db", db)
        log(f"N={n}: not importing again (the {res.extrapolated_from:,} run was capped); replicating "
            f"the {previous.n:,}-article database")
    else:
        cap = args.import_cap
        log(f"N={n}: archive import (one CPU, cap {cap:.0f} s)...")
        res.imp = import_archive(db, corpus.article_paths(n), cap)
        log(f"  {res.imp['articles']:,} articles in {res.imp['seconds']:.1f} s "
            f"({res.imp['rate']:.1f}/s){' [capped]' if res.imp['stopped'] else ''}, peak RSS {res.imp['rss_mb']:.0f} MB")
        if len(os.sched_getaffinity(0)) > 1:
            log(f"N={n}: archive import --jobs 0 (all {len(os.sched_getaffinity(0))} CPUs, cap {cap / 2:.0f} s)...")
            res.parallel = import_archive(d / "parallel.db", corpus.article_paths(n), cap / 2, jobs=0)
            log(f"  {res.parallel['articles']:,} articles in {res.parallel['seconds']:.1f} s "
                f"({res.parallel['rate']:.1f}/s){' [capped]' if res.parallel['stopped'] else ''}")
            for p in d.glob("parallel.db*"):
                p.unlink()
        if previous is None:
            for jobs, key in ((1, "1"), (0, "all")):
                log(f"N={n}: archive reextract --jobs {jobs} of the {res.imp['articles']:,} imported articles...")
                res.reextract[key] = reextract_archive(db, jobs, cap)
                log(f"  {res.reextract[key]}")
    if count_articles(db) < n:
        log(f"  replicating up to {n:,} articles...")
        res.replicated = replicate(db, n)
        log(f"  replicated {res.replicated['from']:,} -> {res.replicated['to']:,} in {res.replicated['seconds']:.0f} s")
    checkpoint(db)
    res.db_bytes = db_bytes(db)
    table, rows, res.counts = largest_table(db)

    jl = jsonl_for(corpus, n, d)
    log(f"N={n}: floor (sqlite3 executemany) and peer (sqlite-utils insert --nl)...")
    # best of two when quick: other work on the machine makes single runs noisy
    res.floor = floor_insert(d / "floor.db", jl)
    if res.floor["seconds"] < 10:
        res.floor = max(res.floor, floor_insert(d / "floor.db", jl), key=lambda r: r["rate"])
    res.peer = peer_insert(d / "peer.db", jl)
    if res.peer and res.peer["seconds"] < 10:
        res.peer = max(res.peer, peer_insert(d / "peer.db", jl), key=lambda r: r["rate"])
    for name in ("floor.db", "peer.db"):
        for p in d.glob(name + "*"):
            p.unlink()

    # per-query time limit: the flag, or less when the budget runs short (as if 2 queries per
    # view took long: first pages, counts and filtered queries take milliseconds)
    n_views = len(list_views(db))
    left = deadline - time.perf_counter() - 240
    query_timeout = min(args.query_timeout, max(3.0, left / (2 * n_views + 3)))
    log(f"N={n}: views (time limit {query_timeout:.0f} s per query)...")
    res.views = measure_views(db, query_timeout)
    if has_fts(db):
        res.fts = measure_fts(db, rare, query_timeout)
    remaining = deadline - time.perf_counter()
    export_timeout = max(30.0, min(args.export_timeout, remaining / 4))
    log(f"N={n}: export {table} ({rows:,} rows; time limit {export_timeout:.0f} s each)...")
    res.export = measure_export(db, table, rows, d, export_timeout)
    res.seconds = time.perf_counter() - started
    return res


# -- the report -----------------------------------------------------------------------------


def fmt_rate(x):
    if x is None:
        return "–"
    return f"{x:,.0f}" if x >= 100 else f"{x:,.1f}"


def fmt_s(s):
    if s is None:
        return "–"
    if s < 1:
        return f"{s * 1000:.0f} ms" if s >= 0.01 else f"{s * 1000:.1f} ms"
    return f"{s:.1f} s" if s < 120 else f"{s / 60:.1f} min"


def fmt_q(r):
    if r is None:
        return "–"
    if r.get("seconds") is None:
        return f"> {r['timeout']:.0f} s (stopped)"
    return fmt_s(r["seconds"])


def report(results: list[SizeResult], meta: dict) -> str:
    m = meta["machine"]
    sizes = [r.n for r in results]
    head = "| measure | " + " | ".join(f"N = {n:,}" for n in sizes) + " | target |"
    sep = "|---|" + "---:|" * len(sizes) + "---|"
    L = []
    L.append(f"Benchmark of archive {m['archive']} ({meta['date']}; `benchmarks/run.py {meta['argv']}`, "
             f"{meta['seconds'] / 60:.1f} min in all).")
    L.append("")
    L.append(f"Machine: {m['nproc']} CPUs ({m['cpu']}), {m['ram_gb']:.0f} GB RAM, Python {m['python']}, "
             f"SQLite {m['sqlite_python']} (CLI {m['sqlite_cli']}), sqlite-utils {m['sqlite_utils']}, {m['os']}. "
             f"Load average {m['loadavg_start'][0]:.1f} at the start, {meta['loadavg_end'][0]:.1f} at the end "
             f"(other work on the machine slows wall-clock figures; CPU-time rates are less affected).")
    c = meta["corpus"]
    L.append("")
    L.append(f"Corpus: synthetic (`benchmarks/generate.py`, seed {c['seed']}), {c['words']:.0f} words and "
             f"{c['kib']:.1f} KiB per article file; {c['generated']} shard(s) generated in {c['seconds']:.0f} s "
             f"this run (cached shards are reused).")
    if meta.get("realism"):
        r = meta["realism"]
        L.append(f"Realism check, first {r['synthetic']['articles']:,} articles vs the {r['real']['articles']} real "
                 f"development/seed articles: {r['synthetic']['words']:.0f} vs {r['real']['words']:.0f} words; "
                 f"share of an article's word 4-grams found in >=10% of articles {r['synthetic']['shared_4grams']:.1%} vs "
                 f"{r['real']['shared_4grams']:.1%}; mentions per 1,000 words "
                 f"{meta.get('mentions_per_kword', {}).get('synthetic', float('nan')):.0f} vs "
                 f"{meta.get('mentions_per_kword', {}).get('real', float('nan')):.0f}.")
    L.append("")
    L.append(head)
    L.append(sep)

    def row(label, cells, target=""):
        L.append(f"| {label} | " + " | ".join(cells) + f" | {target} |")

    def imp_cell(r, key, f):
        if r.extrapolated_from:
            return f"≈ {f(r.imp[key])} (from the {r.extrapolated_from:,} run)"
        if r.imp.get("stopped"):
            return f"{f(r.imp[key])} (capped: {r.imp['articles']:,} articles)"
        return f(r.imp[key])

    row("import, articles/s (wall clock, one CPU, full extraction)",
        [imp_cell(r, "rate", fmt_rate) for r in results], f"≥ {TARGET_RATE:,}")
    row("import, articles/s of CPU time", [imp_cell(r, "cpu_rate", fmt_rate) for r in results], "")
    if any(r.parallel for r in results):
        cells = []
        for r in results:
            p = r.parallel
            if not p:
                cells.append(f"≈ {fmt_rate(next(x.parallel for x in results if x.parallel)['rate'])} (from a smaller run)"
                             if any(x.parallel for x in results) else "–")
            else:
                cells.append(fmt_rate(p["rate"]) + (f" (capped: {p['articles']:,} articles)" if p["stopped"] else "")
                             + f", largest process {p['rss_mb']:.0f} MB")
        row(f"import, articles/s (wall clock, --jobs 0: all {meta['machine']['nproc']} CPUs)", cells)
    if any(r.reextract for r in results):
        cells = []
        for r in results:
            parts = []
            for key, label in (("1", "one CPU"), ("all", "all CPUs")):
                x = r.reextract.get(key)
                if x:
                    parts.append(f"{fmt_rate(x['rate'])} {label}" if x.get("rate") else f"{label}: {x.get('error')}")
            cells.append(f"{'; '.join(parts)} ({r.reextract['1']['articles']:,} articles)" if parts else "–")
        row("re-extraction (`archive reextract`), articles/s", cells, "≥ import rate")
    cells = []
    for r in results:
        if r.imp.get("stopped") or r.extrapolated_from:
            text = f"≈ {fmt_s(r.n / r.imp['rate'])} at a constant rate" if r.imp["rate"] else "–"
            fit = r.imp.get("slowdown")
            if fit and fit["b"] > 0:
                text += f"; ≈ {fmt_s(predicted_seconds(fit, r.n))} with the measured slowdown"
            cells.append(text)
        else:
            cells.append(fmt_s(r.imp["seconds"]))
    row("import time for N articles", cells, f"≤ {100_000 / TARGET_RATE:.0f} s at 100k")
    cells = []
    for r in results:
        fit = r.imp.get("slowdown")
        if not fit:
            cells.append("–")
            continue
        cells.append(f"{fit['a'] * 1000:.1f} ms + {fit['b'] * 1e6:.2f} ms per 1,000 stored "
                     f"(≈ {1 / (fit['a'] + fit['b'] * r.n):,.1f}/s at {r.n:,})")
    row("import, seconds per article vs articles already stored (fit on the polled count)", cells)
    cells = []
    first_full = next((r for r in results if not r.imp.get("stopped") and not r.extrapolated_from), None)
    for r in results:
        if r.extrapolated_from or r.imp.get("stopped"):
            base = r.imp
            if first_full and base["articles"] > first_full.imp["articles"]:
                slope = (base["rss_mb"] - first_full.imp["rss_mb"]) / (base["articles"] - first_full.imp["articles"])
                est = base["rss_mb"] + max(slope, 0) * (r.n - base["articles"])
                cells.append(f"{base['rss_mb']:.0f} MB at {base['articles']:,}; ≈ {est:.0f} MB at {r.n:,} (linear extrapolation)")
            else:
                cells.append(f"{base['rss_mb']:.0f} MB at {base['articles']:,}")
        else:
            cells.append(f"{r.imp['rss_mb']:.0f} MB")
    row("import, peak RSS", cells, f"< {TARGET_RSS_MB} MB at 100k")
    row("floor: sqlite3 executemany, no extraction (rows/s)", [fmt_rate(r.floor["rate"]) for r in results])
    row("peer: sqlite-utils insert --nl (rows/s)", [fmt_rate(r.peer["rate"]) if r.peer else "–" for r in results])
    row("import is slower than the floor by", [f"{r.floor['rate'] / r.imp['rate']:,.0f}x" if r.imp["rate"] else "–" for r in results])
    row("import is slower than sqlite-utils insert by",
        [f"{r.peer['rate'] / r.imp['rate']:,.0f}x" if r.peer and r.imp["rate"] else "–" for r in results])
    cells = []
    for r in results:
        tag = f" (replicated from {r.replicated['from']:,})" if r.replicated else ""
        cells.append(f"{r.db_bytes / r.n / 1024:.1f} KiB{tag}")
    row("database size per article (incl. FTS)", cells)
    row("floor database size per article", [f"{r.floor['bytes'] / r.n / 1024:.1f} KiB" for r in results])
    row("mentions per article", [f"{r.counts.get('mentions', 0) / r.n:.0f}" for r in results])
    views = sorted({v for r in results for v in r.views})
    for v in views:
        cells = []
        for r in results:
            q = r.views.get(v)
            if not q:
                cells.append("–")
                continue
            rows = f" ({q['all']['rows']:,} rows)" if q["all"].get("rows") is not None else ""
            cells.append(f"{fmt_q(q['all'])}{rows} / {fmt_q(q['limit100'])}")
        bulk = v in BULK_VIEWS
        row(f"view `{v}`: all rows / LIMIT 100", cells,
            f"LIMIT 100 < {TARGET_VIEW_S:.0f} s at 100k; all rows vs floor" if bulk else f"< {TARGET_VIEW_S:.0f} s at 100k")
        where = next((r.views[v]["filtered"]["where"] for r in results if v in r.views and "filtered" in r.views[v]), None)
        cells = []
        for r in results:
            q = r.views.get(v)
            if not q or "count" not in q:
                cells.append("–")
                continue
            f = q.get("filtered")
            cells.append(f"{fmt_q(q['count'])} / " + (f"{fmt_q(f)} ({f['rows']:,} row{'' if f['rows'] == 1 else 's'})"
                                                     if f and f.get("rows") is not None
                                                     else fmt_q(f) if f else "–"))
        row(f"view `{v}`: COUNT(*) / filtered" + (f" (`WHERE {where}`)" if where else ""), cells,
            f"< {TARGET_VIEW_S:.0f} s at 100k")
        if bulk:
            cells = []
            for r in results:
                q = r.views.get(v)
                if not q or "floor" not in q:
                    cells.append("–")
                    continue
                a, fl = q["all"].get("seconds"), q["floor"].get("seconds")
                ratio = f" ({a / fl:.1f}x)" if a and fl else ""
                text = f"{fmt_q(q['floor'])}{ratio}"
                if q.get("cli") and q.get("cli_floor"):
                    text += f"; sqlite3 CLI: view {fmt_q(q['cli'])}, table {fmt_q(q['cli_floor'])}"
                cells.append(text)
            base = BULK_VIEWS[v]
            row(f"view `{v}`: all-rows floor, `SELECT * FROM {base}` (same driver; view all rows / floor)", cells)
    fts_labels = [label for label, _, _ in FTS_QUERIES]
    for label in fts_labels:
        if not any(label in r.fts for r in results):
            continue
        q = next(r.fts[label]["query"] for r in results if label in r.fts)
        row(f"FTS {label}: `{q}`", [f"{fmt_q(r.fts.get(label))} ({r.fts[label]['matches']:,} match{'' if r.fts[label]['matches'] == 1 else 'es'})" if label in r.fts else "–" for r in results])
    if results and results[0].export:
        t = results[-1].export["table"]
        for tool, label in (("archive", "`archive export`"), ("sqlite3", "`sqlite3 -csv` (floor)"),
                            ("sqlite-utils", "`sqlite-utils rows --csv` (peer)")):
            cells = []
            for r in results:
                e = r.export.get(tool)
                if not e:
                    cells.append("–")
                    continue
                if e.get("error"):
                    cells.append(f"failed: {e['error']}")
                    continue
                extra = f" ({r.export['rows']:,} rows of `{r.export['table']}`)" if tool == "archive" else ""
                stop = f" (stopped after {e['seconds']:.0f} s, {e['rows']:,} rows)" if e["stopped"] else ""
                cells.append(f"{fmt_rate(e['rate'])}{extra}{stop}")
            row(f"CSV export {label}, rows/s", cells)
        cells = []
        for r in results:
            a, s3 = r.export.get("archive"), r.export.get("sqlite3")
            cells.append(f"{s3['rate'] / a['rate']:.2f}x" if a and s3 and a["rate"] and s3["rate"] else "–")
        row("export time, archive vs sqlite3 -csv", cells, f"≤ {TARGET_EXPORT_VS_SQLITE3}x")
        cells = []
        for r in results:
            a, su = r.export.get("archive"), r.export.get("sqlite-utils")
            cells.append(f"{su['rate'] / a['rate']:.2f}x" if a and su and a["rate"] and su["rate"] else "–")
        row("export time, archive vs sqlite-utils rows --csv", cells, "< 1x (faster)")
    notes = [r for r in results if r.replicated]
    for r in notes:
        rep = r.replicated
        L.append("")
        L.append(f"N = {r.n:,}: the database holds {rep['from']:,} imported articles replicated to "
                 f"{rep['to']:,} ({rep['copies']} cop{'y' if rep['copies'] == 1 else 'ies'} of every article row and the rows hanging off it: "
                 f"{', '.join(t for t in rep['tables'] if t != 'articles')}; not copied: "
                 f"{', '.join(rep['not_copied']) or 'nothing'}"
                 + (f"; aggregates recomputed with `{rep['rebuilt']}`" if rep.get("rebuilt") else "")
                 + "). Views, search, export and size are measured on it; bodies repeat, so FTS match counts "
                 "grow in steps and entity counts scale evenly.")
    su = meta["startup"]
    L.append("")
    L.append("Start-up, median of 10 runs (one CPU):")
    L.append("")
    L.append("| command | time | target |")
    L.append("|---|---:|---|")
    for cmd, t in su.items():
        target = "≤ `sqlite-utils --version`" if cmd.startswith("archive --help") else ""
        L.append(f"| `{cmd}` | {fmt_s(t)} | {target} |")
    if meta.get("dev"):
        d = meta["dev"]
        L.append("")
        L.append(f"Reference: the {d['articles']} real development/seed articles import at {d['rate']:.1f} articles/s "
                 f"({d['seconds']:.1f} s including start-up and schema creation).")
    L.append("")
    L.append("Targets (issue \"Scale: 100k-article benchmark\"):")
    L.append("")
    for line in verdicts(results, meta):
        L.append(f"- {line}")
    if meta.get("profile"):
        L.append("")
        L.append(meta["profile"])
    return "\n".join(L)


def verdicts(results, meta) -> list[str]:
    out = []
    big = results[-1] if results else None
    if not big:
        return out
    est = " (extrapolated)" if big.imp.get("stopped") or big.extrapolated_from else ""
    rate = big.imp["rate"]
    verdict = "met" if rate >= TARGET_RATE else f"NOT met, {TARGET_RATE / rate:,.0f}x short" if rate else "NOT met"
    fit = big.imp.get("slowdown")
    slower = ""
    if fit and fit["b"] > 0:
        slower = (f"; falling to ≈ {1 / (fit['a'] + fit['b'] * big.n):,.1f}/s at {big.n:,} with the slowdown "
                  f"measured while the database grows, ≈ {fmt_s(predicted_seconds(fit, big.n))} in all")
    out.append(f"import ≥ {TARGET_RATE:,} articles/s with full extraction on one core: {verdict} "
               f"({fmt_rate(rate)}/s{est}{slower})")
    first = results[0]
    x = first.reextract.get("1")
    if x and x.get("rate"):
        out.append(f"re-extraction at least as fast as the first import (one CPU, {first.n:,} articles): "
                   f"{'met' if x['rate'] >= first.imp['rate'] else 'NOT met'} "
                   f"({fmt_rate(x['rate'])}/s vs {fmt_rate(first.imp['rate'])}/s)")
    par = next((r.parallel for r in results if r.parallel), None)
    if par:
        out.append(f"import with all {meta['machine']['nproc']} CPUs (--jobs 0): {fmt_rate(par['rate'])} articles/s "
                   f"({par['rate'] / first.imp['rate']:.1f}x one CPU; target is for one CPU)")
    rss = big.imp["rss_mb"]
    out.append(f"peak RSS < {TARGET_RSS_MB} MB at {big.n:,}: measured {rss:.0f} MB at {big.imp['articles']:,} articles"
               + (" (see the extrapolation in the table)" if est else ""))
    slow, bulk = [], []
    labels = {"all": "all rows", "limit100": "LIMIT 100", "count": "COUNT(*)", "filtered": "filtered"}
    for v, r in big.views.items():
        for k in ("limit100", "count", "filtered", "all"):
            if k not in r or (k == "all" and v in BULK_VIEWS):
                continue
            s = r[k]["seconds"]
            if s is None or s >= TARGET_VIEW_S:
                slow.append(f"`{v}` {labels[k]} {fmt_q(r[k])}")
        if v in BULK_VIEWS and "floor" in r:
            a, fl = r["all"].get("seconds"), r["floor"].get("seconds")
            rows = f" ({r['all']['rows']:,} rows)" if r["all"].get("rows") is not None else ""
            bulk.append(f"`{v}` {fmt_q(r['all'])}{rows} vs {fmt_q(r['floor'])} for "
                        f"`{r['floor']['table']}`" + (f" ({a / fl:.1f}x)" if a and fl else ""))
    out.append(f"every saved view < {TARGET_VIEW_S:.0f} s at {big.n:,} (rule: first page (LIMIT 100), COUNT(*) and "
               f"the filtered query of every view, and all rows of every view except the {len(BULK_VIEWS)} with a row "
               f"per row of a large table, whose all rows are bound by fetching rows and are compared with fetching "
               f"that table): " + ("met" if not slow else "NOT met: " + "; ".join(slow))
               + (f"; all rows of those views against their floor: {'; '.join(bulk)}" if bulk else ""))
    a, s3, su = (big.export.get(k) for k in ("archive", "sqlite3", "sqlite-utils"))
    if a and a.get("error"):
        out.append(f"CSV export: `archive export` failed ({a['error']})")
        a = None
    if a and s3 and s3.get("rate"):
        ratio = s3["rate"] / a["rate"]
        out.append(f"CSV export within {TARGET_EXPORT_VS_SQLITE3}x of sqlite3 -csv: "
                   f"{'met' if ratio <= TARGET_EXPORT_VS_SQLITE3 else 'NOT met'} ({ratio:.2f}x)")
    if a and su and su.get("rate"):
        out.append(f"CSV export faster than sqlite-utils rows --csv: "
                   f"{'met' if a['rate'] > su['rate'] else 'NOT met'} ({fmt_rate(a['rate'])} vs {fmt_rate(su['rate'])} rows/s)")
    st = meta["startup"]
    h, s = st.get("archive --help"), st.get("sqlite-utils --version")
    if h and s:
        out.append(f"`archive --help` no slower than `sqlite-utils --version`: "
                   f"{'met' if h <= s else 'NOT met'} ({fmt_s(h)} vs {fmt_s(s)})")
    return out


# -- main -----------------------------------------------------------------------------------


def dev_reference(work: Path) -> dict:
    db = work / "dev" / "archive.db"
    db.parent.mkdir(parents=True, exist_ok=True)
    paths = [str(ROOT / "tests" / "fixtures" / "tehran_times" / "articles"), str(ROOT / "seeds")]
    r = import_archive(db, paths, None)
    return r


def mentions_per_kword(db: Path) -> float:
    with connect_ro(db) as conn:
        m = conn.execute("SELECT count(*) FROM mentions").fetchone()[0]
        w = conn.execute("SELECT sum(words) FROM articles").fetchone()[0] or 1
    return m * 1000 / w


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000", help="comma-separated article counts")
    ap.add_argument("--skip-large", action="store_true", help="leave out sizes above 10,000")
    ap.add_argument("--workdir", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "archive-bench",
                    help="corpus cache and databases (default: $TMPDIR/archive-bench)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--budget", type=float, default=900, help="seconds for the whole run (default 900)")
    ap.add_argument("--import-cap", type=float, default=None,
                    help="stop an import after this many seconds (default: from the budget)")
    ap.add_argument("--query-timeout", type=float, default=20, help="seconds per query before it is stopped")
    ap.add_argument("--export-timeout", type=float, default=90, help="seconds per CSV export before it is stopped")
    ap.add_argument("--profile", choices=["auto", "always", "never"], default="auto",
                    help="stage profile of a 1k import (auto: when the import misses its target)")
    ap.add_argument("--cprofile", action="store_true", help="add a cProfile summary of a 1k import")
    ap.add_argument("--keep-db", action="store_true", help="keep the databases in the work folder")
    ap.add_argument("-o", "--output", type=Path, help="also write the report to this file")
    args = ap.parse_args(argv)
    args.sizes = sorted(int(s.replace("_", "")) for s in args.sizes.split(",") if s)
    if args.skip_large:
        args.sizes = [n for n in args.sizes if n <= 10_000]
    t_start = time.perf_counter()
    deadline = t_start + args.budget
    work = args.workdir
    work.mkdir(parents=True, exist_ok=True)
    meta = {"date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "argv": " ".join(argv if argv is not None else sys.argv[1:]) or "(defaults)"}
    meta["machine"] = machine()
    missing = [t for t in ("sqlite3", "sqlite-utils") if not _tool(t)]
    if missing:
        log(f"missing reference tools: {', '.join(missing)} (apt-get install sqlite3; pip install sqlite-utils)")

    log(f"corpus: {max(args.sizes):,} articles in {work / 'corpus'}...")
    corpus = generate.ensure_corpus(work / "corpus", max(args.sizes), args.seed, log=log)
    meta["corpus"] = {"seed": args.seed, "words": corpus.words / corpus.n, "kib": corpus.bytes / corpus.n / 1024,
                      "generated": corpus.generated_shards, "seconds": corpus.seconds}

    log("start-up times...")
    meta["startup"] = {
        "archive --help": median_time(archive_cmd("--help")),
        "archive --version": median_time(archive_cmd("--version")),
    }
    if _tool("sqlite-utils"):
        meta["startup"]["sqlite-utils --version"] = median_time([_tool("sqlite-utils"), "--version"])
    if _tool("sqlite3"):
        meta["startup"]["sqlite3 --version"] = median_time([_tool("sqlite3"), "--version"])

    log("reference: importing the real development corpus...")
    meta["dev"] = dev_reference(work)
    meta["dev"]["rate"] = meta["dev"]["articles"] / meta["dev"]["seconds"]
    try:
        meta["realism"] = generate.realism(corpus, min(1000, corpus.n))
    except Exception as exc:  # the check reads the repository's fixtures
        log(f"realism check skipped: {exc}")

    # the import cap: what is left of the budget after the rest, shared by the sizes imported
    if args.import_cap is None:
        args.import_cap = max(60.0, min(240.0, args.budget / 6))
    results: list[SizeResult] = []
    rare = None
    for n in args.sizes:
        prev = results[-1] if results else None
        res = measure_size(n, corpus, work, args, prev, rare, deadline)
        results.append(res)
        if rare is None and has_fts(work / f"n{n}" / "archive.db"):
            rare = pick_rare_term(work / f"n{n}" / "archive.db")
            if rare:
                res.fts = measure_fts(work / f"n{n}" / "archive.db", rare, args.query_timeout)
        if n == args.sizes[0]:
            db = work / f"n{n}" / "archive.db"
            meta["mentions_per_kword"] = {"synthetic": mentions_per_kword(db),
                                          "real": mentions_per_kword(work / "dev" / "archive.db")}
        # the previous size's database is only needed for replication
        if prev is not None and not args.keep_db:
            shutil.rmtree(work / f"n{prev.n}", ignore_errors=True)
        log(f"N={n}: done in {res.seconds:.0f} s; {max(0, deadline - time.perf_counter()):.0f} s of the budget left")

    first = results[0] if results else None
    slow = first is not None and first.imp.get("rate", 0) < TARGET_RATE
    if args.profile == "always" or (args.profile == "auto" and slow):
        log("stage profile of a 1k import...")
        prof_db = work / "profile.db"
        for p in work.glob("profile.db*"):
            p.unlink()
        n_prof = min(1000, corpus.n)
        c = run_child([sys.executable, str(HERE / "profile_import.py"), "--db", str(prof_db),
                       *corpus.article_paths(n_prof)])
        meta["profile"] = c.stdout.strip() if c.returncode == 0 else f"(profile failed: {c.stderr[-500:]})"
        for p in work.glob("profile.db*"):
            p.unlink()
        if args.cprofile:
            c = run_child([sys.executable, str(HERE / "profile_import.py"), "--cprofile", "--db", str(prof_db),
                           *corpus.article_paths(n_prof)])
            meta["profile"] += "\n\n" + (c.stdout.strip() if c.returncode == 0 else c.stderr[-500:])
            for p in work.glob("profile.db*"):
                p.unlink()
    if not args.keep_db and results:
        shutil.rmtree(work / f"n{results[-1].n}", ignore_errors=True)
    meta["loadavg_end"] = os.getloadavg()
    meta["seconds"] = time.perf_counter() - t_start
    text = report(results, meta)
    print(text)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    (work / "results.json").write_text(json.dumps(
        {"meta": meta, "results": [r.__dict__ for r in results]}, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
