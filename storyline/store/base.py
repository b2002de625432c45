"""The store interface: what every backend (SQLite now, PostgreSQL later) provides."""

from __future__ import annotations

import json
import re
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import is_dataclass
from typing import Any

from ..model import Article, ReadError
from ..schema import to_json

ARTICLE_COLUMNS = (
    "id",
    "digest",
    "path",
    "url",
    "source",
    "title",
    "published",
    "language",
    "text",
    "raw_text",
    "credits",
    "removed",
    "inferred",
    "extra",
    "added_at",
)
_JSON_COLUMNS = ("credits", "removed", "inferred", "extra")


def article_from_row(row: tuple) -> Article:
    """An article from a row of ``ARTICLE_COLUMNS`` (JSON columns decoded; digest and time dropped)."""
    d = dict(zip(ARTICLE_COLUMNS, row))
    for k in _JSON_COLUMNS:
        d[k] = json.loads(d[k])
    d.pop("digest"), d.pop("added_at")
    return Article.from_dict(d)


_UNSTORABLE = re.compile("[\ud800-\udfff\x00]")


def storable_text(value: str | None) -> str | None:
    """``value`` with what no store can hold as text (lone surrogates, NUL) replaced by U+FFFD."""
    return _UNSTORABLE.sub("\ufffd", value) if value and _UNSTORABLE.search(value) else value


def storable(article: Article) -> Article:
    """The article with every text field storable (see :func:`storable_text`); unchanged when already so."""
    a = article
    plain = (a.id, a.text, a.raw_text, a.title, a.url, a.source, a.published, a.language, a.path, *a.credits)
    if not any(isinstance(v, str) and _UNSTORABLE.search(v) for v in plain) and not (
        (a.extra or a.inferred)
        and _UNSTORABLE.search(json.dumps([a.extra, a.inferred], ensure_ascii=False, default=str))
    ):
        return article
    blob = json.dumps(article.to_dict(), ensure_ascii=False, default=str)
    return Article.from_dict(json.loads(storable_text(blob) or "{}"))


SCHEMA_VERSION = 1
STATE_PART = 1 << 28
POINTER = "results:"
"""Prefix of the meta keys naming the list published as each kind of results ("results:claims" ->
"claims~3f2a..."): publishing moves a pointer instead of renaming millions of rows."""


def _non_empty(parts: Iterable[bytes | memoryview]) -> Iterator[bytes | memoryview]:
    """The parts that hold bytes; one empty part when none does (an empty state is still a state)."""
    empty = True
    for part in parts:
        if len(part):
            empty = False
            yield part
    if empty:
        yield b""


class StoreError(RuntimeError):
    """A problem with the store itself (wrong schema version, unreadable file)."""


class ArticleConflict(ValueError):
    """A different text arrived under an id the store already holds."""

    def __init__(self, article_id: str, stored_path: str | None, new_path: str | None):
        self.article_id = article_id
        super().__init__(
            f"id {article_id!r} is already stored with a different text (from {stored_path or 'an earlier input'}); "
            "use --replace to overwrite it"
        )


def result_row(item: Any) -> str:
    """One result as the JSON body a store keeps for it (what :meth:`Store.add_result_rows` takes): a vocabulary
    dataclass as :func:`storyline.schema.to_json` writes it, a row already in JSON form as it is."""
    return json.dumps(to_json(item) if is_dataclass(item) else item)


class Store(ABC):
    """Articles, read errors, finished inputs and stage results, written in transactions."""

    on_local_disk = False
    """Whether :meth:`worker_address` is a file path, which only processes on this machine (or a shared mount)
    can open."""

    @abstractmethod
    def add_articles(
        self, articles: Iterable[Article], replace: bool = False
    ) -> tuple[int, int, list[ArticleConflict]]:
        """Add articles in one transaction; return (added, unchanged, conflicts). Re-adding is a no-op."""

    @abstractmethod
    def get_article(self, article_id: str) -> Article | None:
        """One article by id."""

    @abstractmethod
    def iter_articles(self) -> Iterator[Article]:
        """Every stored article, in id order."""

    def get_articles(self, ids: Iterable[str]) -> list[Article]:
        """The stored articles of these ids, in the order given (ids not stored are left out): what a worker
        reads for its task, so the driver sends ids instead of texts."""
        return [a for a in map(self.get_article, ids) if a is not None]

    def worker_address(self) -> str | None:
        """An address another process can open this store at (:func:`storyline.store.open_store`), or None
        when none can (an in-memory store)."""
        return None

    @abstractmethod
    def count_articles(self) -> int:
        """How many articles are stored."""

    @abstractmethod
    def add_errors(self, errors: Iterable[ReadError]) -> None:
        """Record read errors so a report can list them."""

    @abstractmethod
    def iter_errors(self) -> Iterator[ReadError]:
        """Recorded read errors, oldest first."""

    @abstractmethod
    def input_done(self, path: str, size: int, mtime: float) -> bool:
        """True when this exact file (path, size, mtime) was read to its end before."""

    @abstractmethod
    def mark_input_done(self, path: str, size: int, mtime: float) -> None:
        """Remember that a file was read to its end (after its articles were committed)."""

    @abstractmethod
    def put_results(self, kind: str, items: list[Any]) -> None:
        """Replace the stored results of one stage ("copy_groups", "stories", ...) in one transaction; each item a
        vocabulary dataclass or a row in its JSON form (see :func:`result_row`)."""

    def get_results(self, kind: str) -> list[dict[str, Any]]:
        """The stored results of one stage, in the order they were put."""
        return list(self.iter_results(kind))

    @abstractmethod
    def iter_results(self, kind: str) -> Iterator[dict[str, Any]]:
        """The stored results of one stage, streamed in order (bounded memory whatever their number)."""

    @abstractmethod
    def count_results(self, kind: str) -> int:
        """How many results of one stage are stored."""

    def add_results(self, kind: str, items: list[Any], start: int) -> None:
        """Write results as rows ``start``, ``start + 1``, ... of ``kind`` (a run stages its lists piece by piece
        under names of its own, then publishes them)."""
        self.add_result_rows(kind, [result_row(x) for x in items], start)

    @abstractmethod
    def add_result_rows(self, kind: str, rows: list[str], start: int) -> None:
        """:meth:`add_results` of items already written as JSON (an engine's workers write them, so the
        process that owns the store only inserts)."""

    @abstractmethod
    def publish_results(self, staged: Mapping[str, str], clear_state: str | None = None) -> None:
        """In one transaction, replace the results of each kind by those staged under its name in ``staged``
        ({staged name: kind}), so readers see either the old results or the new ones, whole; the staged
        lists stay where they are (a :data:`POINTER` names them), the old ones are deleted. ``clear_state``:
        a state deleted in the same transaction (the run's record of its staging)."""

    @abstractmethod
    def delete_results(self, kinds: Iterable[str]) -> None:
        """Drop every stored result of these staged names (a run's abandoned staging), except a list that is
        published."""

    def put_state(self, name: str, blob: bytes) -> None:
        """Save an incremental index's state (a stage's own serialisation), replacing the old one in one
        transaction; a state bigger than ``STATE_PART`` is kept in parts (a database value is capped
        at 1 GB in both SQLite and PostgreSQL, and a million articles' copy index exceeds 2 GB)."""
        view = memoryview(blob)
        self.put_state_parts(name, (view[i : i + STATE_PART] for i in range(0, len(view), STATE_PART)))

    def put_state_parts(self, name: str, parts: Iterable[bytes | memoryview]) -> None:
        """:meth:`put_state` of a blob given as consecutive parts (each under 1 GB), taken one at a time in the
        transaction, so a state made part by part is never whole in memory."""
        rows = ((f"{name}#{i}" if i else name, memoryview(part)) for i, part in enumerate(_non_empty(parts)))
        self._put_state_rows(name, rows)

    def get_state(self, name: str) -> bytes | None:
        """Load a saved state, or None."""
        rows = {row: bytes(blob) for row, blob in self._state_rows(name)}
        if name not in rows:
            return None
        return b"".join(rows[f"{name}#{i}" if i else name] for i in range(len(rows)))

    @abstractmethod
    def _put_state_rows(self, name: str, rows: Iterable[tuple[str, memoryview]]) -> None:
        """In one transaction, store ``rows`` (``name``, ``name#1``, ..., taken one at a time), replacing those of
        the same name and dropping the other ``name#i`` rows."""

    @abstractmethod
    def _state_rows(self, name: str) -> list[tuple[str, bytes]]:
        """The stored rows of state ``name``: (row name, blob) for ``name`` and each ``name#i``."""

    @abstractmethod
    def get_cached(self, kind: str, keys: Iterable[str]) -> dict[str, bytes]:
        """The cached values of ``kind`` stored under these keys (keys with none are left out): per-article
        and per-scope analyses kept between runs, each key a digest of its inputs and code version."""

    @abstractmethod
    def put_cached(self, kind: str, items: Mapping[str, bytes]) -> None:
        """Store values of ``kind`` under their keys in one transaction, replacing any of the same key."""

    @abstractmethod
    def cached_keys(self, kind: str) -> Iterator[str]:
        """Every key of ``kind`` with a cached value."""

    @abstractmethod
    def delete_cached(self, kind: str, keys: Iterable[str]) -> None:
        """Drop the cached values of ``kind`` under these keys."""

    def keep_cached(self, kind: str, keys: Iterable[str]) -> int:
        """Drop every cached value of ``kind`` whose key is not in ``keys`` (what no current article or scope
        needs any more), so the cache does not outgrow the corpus; how many were dropped."""
        keep = set(keys)
        stale = [k for k in self.cached_keys(kind) if k not in keep]
        if stale:
            self.delete_cached(kind, stale)
        return len(stale)

    @abstractmethod
    def close(self) -> None:
        """Release the connection."""

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
