"""What a worker reads from the store itself: its task's articles, by id, as the driver would have sent them;
and where it keeps what it made.

The driver sends ids and the store's address (:meth:`~storyline.store.Store.worker_address`) instead of the
articles, so it pickles no texts and a worker's memory holds only its own task's. Each worker process opens
one read-only connection per store and keeps it, and one for writing when it keeps cache entries.
"""

from __future__ import annotations

import functools
from typing import Any

from ..model import Article
from ..store import Store, StoreError, open_store
from ..store.postgres import redact
from .load import lean


@functools.lru_cache(maxsize=4)
def reader(address: str) -> Store:
    """This process's read-only view of the store at ``address`` (opened once)."""
    return open_store(address, readonly=True)


@functools.lru_cache(maxsize=4)
def writer(address: str) -> Store:
    """This process's connection for writing the store at ``address`` (opened once): a worker keeps the analyses
    it makes in the store's cache, which are keyed by their inputs, so writing one twice changes nothing."""
    return open_store(address)


def stored_articles(address: str, ids: list[str]) -> list[Article]:
    """The articles of ``ids``, in that order and lean (:func:`~storyline.steps.load.lean`); a StoreError when
    the store lacks one even after opening it afresh (a kept connection may see a file since replaced), since
    the driver only sends ids it read from this store."""
    got = reader(address).get_articles(ids)
    if len(got) != len(ids):
        reader.cache_clear()
        got = reader(address).get_articles(ids)
    if len(got) != len(ids):
        missing = sorted(set(ids) - {a.id for a in got})
        raise StoreError(f"{redact(address)}: {len(missing)} articles of a task are not stored, e.g. {missing[0]!r}")
    return [lean(a) for a in got]


def worker_store(store: Store, runner: Any) -> str | None:
    """The address ``runner``'s workers read their tasks' articles at, or None when they must be sent the
    articles (an in-process runner, a store no other process can open, or a file the workers cannot see)."""
    address = store.worker_address()
    if address is None or runner.in_process or (store.on_local_disk and not runner.sees_local_files):
        return None
    return address
