"""Engines: where the per-file and per-article work of the pipeline runs.

The pipeline (``storyline.pipeline``) decides what runs in which order; an engine only decides
where a pure function over a list of items runs. :class:`LocalEngine` runs it in this process;
:class:`~storyline.engines.ray_engine.RayEngine` spreads chunks over Ray workers on this machine
or a cluster. Results always come back in input order, so both engines give the same analysis.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Engine(Protocol):
    """Runs a function over items, in input order."""

    name: str

    def imap(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """``fn`` applied to each item, lazily, results in input order."""
        ...

    def close(self) -> None:
        """Release whatever the engine started."""
        ...


class LocalEngine:
    """This process, one item after another."""

    name = "local"

    def imap(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """``map`` itself: lazy and in order."""
        return map(fn, items)

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
    """The engine called ``name`` ('local' or 'ray'); Ray is imported only when asked for."""
    if name == "local":
        return LocalEngine()
    if name == "ray":
        from .ray_engine import RayEngine

        return RayEngine(address=address, num_cpus=num_cpus)
    raise ValueError(f"unknown engine {name!r}: use 'local' or 'ray'")


__all__ = ["Engine", "LocalEngine", "map_chunks", "open_engine"]
