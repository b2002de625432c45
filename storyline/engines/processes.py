"""An engine of local worker processes: the cores of one machine without Ray.

The pipeline uses it, when no engine is given, for the work that pays for a process's start: spaCy
attributions and the scope batches. Workers are forked where the platform allows and this process runs
no other thread (a web server's does: its workers are spawned), so they start without importing
storyline again; they may read the store (a task's articles) and add to its cache (the attributions they
make, keyed by their inputs), and the driver writes everything else they return.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def cores() -> int:
    """How many cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class ProcessEngine:
    """``workers`` local processes; results come back in input order, at most ``ahead`` tasks per worker queued."""

    name = "processes"
    in_process = False
    sees_local_files = True

    def __init__(self, workers: int, ahead: int = 2) -> None:
        fork = "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
        context = multiprocessing.get_context("fork" if fork else "spawn")
        self.workers = workers
        self.ahead = ahead
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)

    def submit(self, fn: Callable[..., R], *args: Any) -> Future:
        """Start ``fn(*args)`` on a worker now (for work the driver collects later)."""
        return self.pool.submit(fn, *args)

    def imap(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """``fn`` over ``items`` on the workers, lazily, results in input order."""
        pending: deque[Future] = deque()
        for item in items:
            pending.append(self.pool.submit(fn, item))
            if len(pending) >= self.workers * self.ahead:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def workers_for(self, tasks: int, least: int) -> None:
        """None: these are the workers already."""
        return None

    def close(self) -> None:
        """Stop the workers (queued tasks are cancelled)."""
        self.pool.shutdown(wait=True, cancel_futures=True)
