"""Engines: where the per-file and per-article work of the pipeline runs.

The pipeline (``storyline.pipeline``) decides what runs in which order; an engine only decides
where a pure function over a list of items runs. :class:`LocalEngine` runs it in this process, and lends
local worker processes (:class:`~storyline.engines.processes.ProcessEngine`) for the heavy per-article
work when they pay; :class:`~storyline.engines.ray_engine.RayEngine` spreads chunks over Ray workers on
this machine or a cluster. Results always come back in input order, so every engine gives the same analysis.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Engine(Protocol):
    """Runs a function over items, in input order."""

    name: str
    in_process: bool
    """Whether tasks run in this process (they may then return lazy iterators and read local callbacks)."""
    sees_local_files: bool
    """Whether every worker sees this machine's files (so it can open a SQLite store by its path)."""

    def imap(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """``fn`` applied to each item, lazily, results in input order."""
        ...

    def workers_for(self, tasks: int, least: int) -> Any:
        """An engine of local worker processes for ``tasks`` heavy tasks (attributions, scope analyses), or None
        when this engine should run them itself; ``least``: fewer tasks than this do not pay a process's start."""
        ...

    def close(self) -> None:
        """Release whatever the engine started."""
        ...


class LocalEngine:
    """This process, one item after another; for the heavy work, ``workers`` local processes (None: one per
    core when enough tasks need them; 1: none, everything here)."""

    name = "local"
    in_process = True
    sees_local_files = True

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers

    def imap(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """``map`` itself: lazy and in order."""
        return map(fn, items)

    def workers_for(self, tasks: int, least: int) -> Any:
        """Worker processes, started now (the caller closes them), when more than one core is wanted and, with
        ``workers`` unset, at least ``least`` tasks wait; else None."""
        from .processes import ProcessEngine, cores

        n = cores() if self.workers is None else self.workers
        if n < 2 or (self.workers is None and tasks < least):
            return None
        return ProcessEngine(n)

    def close(self) -> None:
        """Nothing to release."""


def map_chunks(engine: Engine, fn: Callable[[list[T]], list[R]], items: list[T], size: int) -> list[R]:
    """``fn`` over ``items`` cut into chunks of ``size`` (one task each), results flattened in order."""
    chunks = [items[i : i + size] for i in range(0, len(items), size)]
    out: list[R] = []
    for part in engine.imap(fn, chunks):
        out.extend(part)
    return out


def open_engine(name: str = "local", address: str | None = None, num_cpus: int | None = None) -> Any:
    """The engine called ``name`` ('local' or 'ray'); Ray is imported only when asked for. ``num_cpus``: the
    local engine's worker processes, or the CPUs of a local Ray instance."""
    if name == "local":
        return LocalEngine(num_cpus)
    if name == "ray":
        from .ray_engine import RayEngine

        return RayEngine(address=address, num_cpus=num_cpus)
    raise ValueError(f"unknown engine {name!r}: use 'local' or 'ray'")


__all__ = ["Engine", "LocalEngine", "map_chunks", "open_engine"]
