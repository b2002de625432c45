"""The Ray engine: each chunk of work becomes a Ray task, on this machine or on a cluster.

``ray`` is imported only when a :class:`RayEngine` is made, so storyline works without it. The
driver keeps at most ``2 × CPUs`` tasks in flight and takes results in submission order, so
memory stays bounded and the store sees the same writes, in the same order, as with the local engine.
"""

from __future__ import annotations

import os
import socket
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])


class RayEngine:
    """Runs functions as Ray tasks: on a new local Ray instance, or on the cluster at ``address``."""

    name = "ray"
    in_process = False

    def __init__(self, address: str | None = None, num_cpus: int | None = None) -> None:
        self.ray = _start(address, num_cpus)
        self._started_here = address is None
        self.sees_local_files = self._started_here
        cpus = num_cpus or int(self.ray.cluster_resources().get("CPU", 1))
        self.window = max(2, 2 * cpus)
        self._apply = self.ray.remote(_apply)

    def imap(self, fn: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
        """``fn`` over ``items`` as Ray tasks, at most ``window`` in flight, results in input order."""
        fn_ref = self.ray.put(fn)
        pending: deque[Any] = deque()
        for item in items:
            pending.append(self._apply.remote(fn_ref, item))
            if len(pending) >= self.window:
                yield self.ray.get(pending.popleft())
        while pending:
            yield self.ray.get(pending.popleft())

    def workers_for(self, tasks: int, least: int) -> None:
        """None: Ray's workers run the heavy work through :meth:`imap`."""
        return None

    def close(self) -> None:
        """Shut down the Ray instance this engine started (a cluster it joined is left running)."""
        if self._started_here and self.ray.is_initialized():
            self.ray.shutdown()


def _apply(fn: Callable[[T], R], item: T) -> R:
    """The one Ray task: ``fn(item)`` (so any picklable callable, partials included, can run remotely)."""
    return fn(item)


def _start(address: str | None, num_cpus: int | None) -> Any:
    """Ray, connected: to ``address`` when given, else to a new local instance (ignoring RAY_ADDRESS; no
    dashboard, no usage stats)."""
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    try:
        import ray
    except ImportError as exc:
        raise ImportError('the Ray engine needs ray: pip install "storyline[ray]"') from exc
    if not ray.is_initialized():
        if address:
            _check_reachable(address)
            ray.init(address=address, log_to_driver=False, ignore_reinit_error=True)
        else:
            ray.init(
                address="local",
                num_cpus=num_cpus,
                include_dashboard=False,
                log_to_driver=False,
                ignore_reinit_error=True,
                runtime_env={"env_vars": {"PYTHONPATH": _pythonpath()}},
            )
    return ray


def _check_reachable(address: str, timeout: float = 5.0) -> None:
    """Fail at once with ConnectionError when nothing listens at a ``HOST:PORT`` or ``ray://HOST:PORT``
    address (Ray itself retries an unreachable cluster for minutes); "auto" and others pass."""
    host, sep, port = address.removeprefix("ray://").rpartition(":")
    if not sep or not port.isdigit():
        return
    try:
        socket.create_connection((host.strip("[]") or "127.0.0.1", int(port)), timeout=timeout).close()
    except OSError as exc:
        raise ConnectionError(f"no Ray cluster answers at {address} ({exc.strerror or exc})") from exc


def _pythonpath() -> str:
    """PYTHONPATH for local workers: this checkout of storyline first, so workers run the driver's code."""
    return os.pathsep.join(p for p in (_PACKAGE_ROOT, os.environ.get("PYTHONPATH", "")) if p)
