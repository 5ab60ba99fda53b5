"""Where an import spends its time: a stage breakdown and (optionally) a cProfile summary.

    python benchmarks/profile_import.py CORPUS/articles/0000 [--db /tmp/p.db] [--cprofile]

``--stages`` (default) wraps the importer's stage functions with wall-clock timers (cheap:
a few microseconds per call, so the figures are close to an unprofiled run) and prints, per
stage, its calls, inclusive seconds, share of the run and milliseconds per article. SQL time is
measured with SQLAlchemy's cursor events (time inside the sqlite3 driver) and around
``Connection.execute`` (SQLAlchemy compile + execute).

``--cprofile`` runs the import under cProfile instead (about 2x slower; small functions are
over-charged) and prints the functions with the most own time and the own time per module.
Stage names that do not exist (the code moves) are skipped, not errors.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import importlib
import json
import os
import pstats
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# (dotted name, label, depth). Inclusive times: children are part of their parent.
STAGES = [
    ("archive.migrate.upgrade", "setup: create/upgrade schema (alembic)", 0),
    ("archive.enrich.sync_gazetteer", "setup: load shipped gazetteer into entities", 0),
    ("archive.enrich.build_matcher", "setup: build matcher (Aho-Corasick)", 0),
    ("archive.load._prepare", "prepare: read, decode, parse one file (in workers with --jobs > 1)", 0),
    ("archive.load.parse_file", "parse_file", 1),
    ("archive.ingest.files.decode", "decode (charset detection)", 2),
    ("archive.ingest.text.parse_text", "parse_text", 2),
    ("archive.ingest.language.detect_language", "detect_language", 3),
    ("archive.ingest.text._inline_credits", "_inline_credits (credits in prose)", 3),
    ("archive.ingest.text._body_paragraphs", "_body_paragraphs", 3),
    ("archive.ingest.fingerprint.sketch", "shingle sketch (blake2b of 4-grams)", 1),
    ("archive.load._Loader.flush", "store: one batch = one transaction", 0),
    ("archive.load._Loader._insert_article", "insert article row, attributions, versions", 1),
    ("archive.load._Loader._source_id", "source lookup/insert", 2),
    ("archive.load._Loader._link_versions", "versions + near-duplicate check (SQL)", 2),
    ("archive.extract.analysis.analyse", "analyse(): pure-Python extractors (in workers with --jobs > 1)", 1),
    ("archive.extract.pipeline.extract", "entities", 2),
    ("archive.extract.sentences.split", "sentence split", 3),
    ("archive.extract.pipeline._entities", "gazetteer match + resolution (body, title+body)", 3),
    ("archive.extract.entities.Lexicon.find", "Aho-Corasick scan + boundary/case rules", 4),
    ("archive.extract.entities.resolve_surnames", "resolve_surnames", 4),
    ("archive.extract.entities.resolve_short_forms", "resolve_short_forms", 4),
    ("archive.extract.entities.add_metonymy", "add_metonymy", 4),
    ("archive.extract.pipeline._all_names", "gazetteer + name finder (title+body)", 3),
    ("archive.extract.names.find", "name finder: names no gazetteer knows", 4),
    ("archive.extract.events.extract_events", "event extraction", 2),
    ("archive.extract.eventmerge.merge_in_article", "merge event reports within the article", 2),
    ("archive.extract.quotes.extract_quotes", "quote extraction", 2),
    ("archive.extract.themes.article_themes", "theme extraction", 2),
    ("archive.enrich.extract_articles", "store the batch's extraction rows", 1),
    ("archive.enrich._candidate_entities", "extracted entities and aliases (bulk upsert)", 2),
    ("archive.eventstore.BatchWriter.add_events", "events: match across articles (SQL)", 2),
    ("archive.eventstore.BatchWriter._find_event", "find a matching stored event (SQL)", 3),
    ("archive.eventstore.BatchWriter.flush", "event parties, reports, quotes, themes (bulk)", 2),
    ("archive.pairs.adjust", "entity pair counts (entity_pairs)", 2),
    ("archive.pairs.refresh_stats", "entity stats recomputed (entity_stats)", 2),
    ("sqlalchemy.engine.base.Connection._commit_impl", "COMMIT", 1),
]


class Timers:
    def __init__(self):
        self.seconds = defaultdict(float)
        self.calls = defaultdict(int)
        self.active = defaultdict(int)

    def wrap(self, label, fn):
        timers = self

        @functools.wraps(fn)
        def timed(*args, **kwargs):
            if timers.active[label]:  # recursion: count the outer call only
                return fn(*args, **kwargs)
            timers.active[label] += 1
            t0 = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                timers.seconds[label] += time.perf_counter() - t0
                timers.calls[label] += 1
                timers.active[label] -= 1

        timed.__wrapped_by_profile__ = True
        return timed


def _resolve(dotted):
    """(owner, attribute, function) for a dotted module[.Class].function name, or None."""
    parts = dotted.split(".")
    for cut in range(len(parts) - 1, 0, -1):
        try:
            owner = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for name in parts[cut:-1]:
            owner = getattr(owner, name, None)
            if owner is None:
                return None
        fn = getattr(owner, parts[-1], None)
        return (owner, parts[-1], fn) if callable(fn) else None
    return None


def install(timers: Timers) -> list[tuple[str, str, int]]:
    import archive.load  # noqa: F401  (imports what the importer uses)

    for name in ("archive.enrich", "archive.extract.pipeline", "archive.extract.candidates",
                 "archive.extract.events", "archive.ingest.text", "archive.ingest.files",
                 "archive.extract.quotes", "archive.extract.themes", "archive.eventstore",
                 "archive.pairs", "archive.migrate"):
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    installed = []
    for dotted, label, depth in STAGES:
        found = _resolve(dotted)
        if not found:
            continue
        owner, attr, fn = found
        if getattr(fn, "__wrapped_by_profile__", False):
            continue
        wrapped = timers.wrap(label, fn)
        setattr(owner, attr, wrapped)
        # modules that imported the function by name
        for mod in list(sys.modules.values()):
            if getattr(mod, "__name__", "").startswith("archive") and getattr(mod, attr, None) is fn:
                setattr(mod, attr, wrapped)
        installed.append((dotted, label, depth))

    from sqlalchemy import event
    from sqlalchemy.engine import Connection, Engine

    def before(conn, cursor, statement, parameters, context, executemany):
        conn.info["_t0"] = time.perf_counter()

    def after(conn, cursor, statement, parameters, context, executemany):
        t0 = conn.info.pop("_t0", None)
        if t0 is not None:
            timers.seconds["sqlite3 driver: execute/executemany"] += time.perf_counter() - t0
            timers.calls["sqlite3 driver: execute/executemany"] += 1

    event.listen(Engine, "before_cursor_execute", before)
    event.listen(Engine, "after_cursor_execute", after)
    Connection.execute = timers.wrap("SQLAlchemy Connection.execute (build+compile+run)", Connection.execute)
    return installed


def run_stages(paths: list[str], db: Path, extract: bool = True, jobs: int = 1) -> dict:
    timers = Timers()
    installed = install(timers)
    from archive.config import resolve
    from archive.load import import_paths

    t0 = time.perf_counter()
    report = import_paths(resolve(str(db)), paths, extract=extract, jobs=jobs)
    total = time.perf_counter() - t0
    n = len(report.stored)
    rows = []
    seen = set()
    for dotted, label, depth in installed:
        if label in seen:
            continue
        seen.add(label)
        rows.append((label, depth, timers.calls[label], timers.seconds[label]))
    for label in ("SQLAlchemy Connection.execute (build+compile+run)", "sqlite3 driver: execute/executemany"):
        rows.append((label, 0, timers.calls[label], timers.seconds[label]))
    return {"articles": n, "seconds": total, "rows": rows}


def format_stages(result: dict) -> str:
    n, total = result["articles"], result["seconds"]
    lines = [f"Stage profile: {n} articles in {total:.1f} s ({n / total:.1f} articles/s), "
             "inclusive wall-clock time per stage (nested stages are part of their parent; "
             "the two SQL rows cut across stages)", "",
             "| stage | calls | seconds | share | ms/article |", "|---|---:|---:|---:|---:|"]
    for label, depth, calls, seconds in result["rows"]:
        if not calls:
            continue
        indent = "· " * (depth - 1) + "└ " if depth else ""
        lines.append(f"| {indent}{label} | {calls:,} | {seconds:.2f} | {seconds / total:.0%} | "
                     f"{seconds * 1000 / max(n, 1):.2f} |")
    return "\n".join(lines)


# -- cProfile ---------------------------------------------------------------------------------

def _area(filename: str, funcname: str) -> str:
    if filename == "~":
        # built-ins: "<method 'execute' of 'sqlite3.Cursor' objects>", "<built-in method ...>"
        if "sqlite3" in funcname:
            return "sqlite3 (C)"
        if "re.Pattern" in funcname or "_sre" in funcname:
            return "re (C regex engine)"
        if "ahocorasick" in funcname:
            return "pyahocorasick (C)"
        return "builtins (C)"
    path = Path(filename)
    parts = path.parts
    if "site-packages" in parts:
        return parts[parts.index("site-packages") + 1].split(".")[0]
    if "archive" in parts:
        i = len(parts) - 1 - parts[::-1].index("archive")
        return ".".join(parts[i:]).removesuffix(".py")
    if "migrations" in parts:
        return "migrations"
    if "python3" in filename or "lib/python" in filename:
        return "stdlib: " + path.stem
    return path.stem


def run_cprofile(paths: list[str], db: Path, out: Path | None, top: int = 25, jobs: int = 1) -> str:
    from archive.config import resolve
    from archive.load import import_paths

    prof = cProfile.Profile()
    t0 = time.perf_counter()
    prof.enable()
    report = import_paths(resolve(str(db)), paths, jobs=jobs)
    prof.disable()
    total = time.perf_counter() - t0
    if out:
        prof.dump_stats(str(out))
    st = pstats.Stats(prof)
    n = len(report.stored)
    by_area = defaultdict(float)
    funcs = []
    for (filename, line, name), (cc, nc, tt, ct, callers) in st.stats.items():
        area = _area(filename, name)
        by_area[area] += tt
        funcs.append((tt, ct, nc, area, name, line))
    own_total = sum(by_area.values())
    lines = [f"cProfile: {n} articles in {total:.1f} s under the profiler "
             f"(profiler overhead included; own time = time in the function itself)", "",
             "Own time by module:", "", "| module | own seconds | share |", "|---|---:|---:|"]
    for area, tt in sorted(by_area.items(), key=lambda kv: -kv[1])[:top]:
        lines.append(f"| {area} | {tt:.2f} | {tt / own_total:.0%} |")
    lines += ["", "Functions with the most own time:", "",
              "| function | module | calls | own s | cumulative s |", "|---|---|---:|---:|---:|"]
    for tt, ct, nc, area, name, line in sorted(funcs, reverse=True)[:top]:
        lines.append(f"| `{name}` (line {line}) | {area} | {nc:,} | {tt:.2f} | {ct:.2f} |")
    lines += ["", "archive functions with the most cumulative time:", "",
              "| function | module | calls | cumulative s | own s |", "|---|---|---:|---:|---:|"]
    mine = [f for f in funcs if f[3].startswith("archive") and f[4] not in ("<module>",)]
    for tt, ct, nc, area, name, line in sorted(mine, key=lambda f: -f[1])[:top]:
        lines.append(f"| `{name}` (line {line}) | {area} | {nc:,} | {ct:.2f} | {tt:.2f} |")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("paths", nargs="+", help="article files or folders to import")
    ap.add_argument("--db", type=Path, help="database to create (default: a temporary file)")
    ap.add_argument("--cprofile", action="store_true", help="cProfile summary instead of stages")
    ap.add_argument("--pstats", type=Path, help="with --cprofile: also save the raw profile here")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--json", action="store_true", help="stages as JSON (for run.py)")
    ap.add_argument("--jobs", type=int, default=1,
                    help="worker processes (default 1: everything in this process, so every stage is seen)")
    ap.add_argument("--existing", action="store_true",
                    help="import into an existing database (to see which stages grow with its size)")
    args = ap.parse_args(argv)
    tmp = None
    db = args.db
    if db is None:
        tmp = tempfile.mkdtemp(prefix="archive-profile-")
        db = Path(tmp) / "profile.db"
    elif db.exists() and not args.existing:
        sys.exit(f"{db} exists: give a new database path (or --existing)")
    try:
        if args.cprofile:
            print(run_cprofile(args.paths, db, args.pstats, args.top, args.jobs))
        else:
            result = run_stages(args.paths, db, jobs=args.jobs)
            print(json.dumps(result) if args.json else format_stages(result))
    finally:
        if tmp:
            for f in Path(tmp).iterdir():
                f.unlink()
            os.rmdir(tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
