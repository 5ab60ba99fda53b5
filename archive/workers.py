"""Running a pure function over many items in worker processes, results in input order.

The importer and ``archive reextract`` parse and analyse articles in workers while the main
process writes to the database (one writer, so SQLite needs no more than it has). Results
come back in the order of the items, so a run stores the same rows with the same ids
whatever the number of workers. At most ``window`` tasks are in flight: memory stays flat
however many items there are.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from typing import Callable, Iterable, Iterator, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def usable_cpus() -> int:
    """CPUs this process may run on (respects ``taskset`` and container limits)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


PARALLEL_MIN = 24  # fewer items than this are done in-process (no workers to start)


def resolve_jobs(jobs: int | None, n_items: int | None = None) -> int:
    """``None`` or 0: one worker per usable CPU; else ``jobs``. One (no workers) when
    ``n_items`` is known and below ``PARALLEL_MIN``."""
    if n_items is not None and n_items < PARALLEL_MIN:
        return 1
    return usable_cpus() if not jobs else max(1, jobs)


def _quiet_worker() -> None:
    # Ctrl-C is the main process' business: it stops the pool; a worker must not die
    # half-way through a task and leave the pool waiting for it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _run_chunk(func, chunk):
    return [func(item) for item in chunk]


def ordered_map(func: Callable[[T], R], items: Iterable[T], *, jobs: int, chunk: int = 4,
                window: int | None = None) -> Iterator[R]:
    """``map(func, items)`` over ``jobs`` worker processes (in this process when ``jobs`` is
    1 or processes cannot be forked). ``func`` must be a module-level function. Workers are
    forked, so they inherit what the caller prepared (a matcher, a set of known hashes)
    without pickling it."""
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for item in items:
            yield func(item)
        return
    window = window or jobs * 4
    source = iter(items)
    pool = multiprocessing.get_context("fork").Pool(jobs, initializer=_quiet_worker)
    try:
        pending: deque = deque()

        def submit() -> bool:
            batch = [item for _, item in zip(range(chunk), source)]
            if batch:
                pending.append(pool.apply_async(_run_chunk, (func, batch)))
            return bool(batch)

        for _ in range(window):
            if not submit():
                break
        while pending:
            results = pending.popleft().get()
            submit()
            yield from results
        pool.close()
    finally:
        pool.terminate()
        pool.join()
