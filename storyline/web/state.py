"""The server's view of the store: an analysis snapshot and its search index, reloaded when the file changes."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .. import pipeline
from ..store import Store, open_store
from .corpus import Corpus
from .search import SearchIndex


@dataclass(frozen=True)
class Snapshot:
    """One consistent reading of the store."""

    corpus: Corpus
    index: SearchIndex


class StoreView:
    """Loads the store into a :class:`Snapshot` and reloads it when the store file (or its WAL) changes."""

    def __init__(
        self,
        store_path: str,
        run_stages: Callable[[Store], Any] = pipeline.run_analysis,
        max_upload_bytes: int = 20_000_000,
    ):
        self.store_path = store_path
        self.run_stages = run_stages
        self.max_upload_bytes = max_upload_bytes
        self.write_lock = threading.Lock()
        self._load_lock = threading.Lock()
        self._snap: Snapshot | None = None
        self._sig: tuple[Any, ...] | None = None
        with open_store(store_path):
            pass

    def _signature(self) -> tuple[Any, ...]:
        out: list[tuple[int, int] | None] = []
        for suffix in ("", "-wal"):
            try:
                st = os.stat(self.store_path + suffix)
                out.append((st.st_mtime_ns, st.st_size))
            except OSError:
                out.append(None)
        return tuple(out)

    def snapshot(self) -> Snapshot:
        """The current snapshot, reloaded first if the store changed since it was taken."""
        sig = self._signature()
        snap = self._snap
        if snap is not None and sig == self._sig:
            return snap
        with self._load_lock:
            sig = self._signature()
            if self._snap is None or sig != self._sig:
                with open_store(self.store_path) as store:
                    doc = pipeline.analysis_json(store)
                corpus = Corpus(doc)
                self._snap = Snapshot(corpus, SearchIndex(corpus.articles.values()))
                self._sig = self._signature()
            return self._snap

    def invalidate(self) -> None:
        """Force a reload on the next request (after this process wrote to the store)."""
        self._sig = None
