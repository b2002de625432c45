"""The default store: one SQLite file, WAL journal, every write in a transaction."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from ..model import Article, ReadError
from ..schema import to_json
from .base import ARTICLE_COLUMNS as _COLUMNS
from .base import (
    POINTER,
    SCHEMA_VERSION,
    ArticleConflict,
    Store,
    StoreError,
    article_from_row,
    result_row,
    storable,
    storable_text,
)

_LIST = (
    "COALESCE((SELECT value FROM meta WHERE key=?), ?)"  # the list published as a kind (one statement: one snapshot)
)
_IN_LIST = 500
"""Ids per ``IN (...)`` query (under SQLite's oldest limit of 999 parameters)."""
_POINTERS = f"substr(key, 1, {len(POINTER)}) = '{POINTER}'"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, digest TEXT NOT NULL, path TEXT, url TEXT, source TEXT, title TEXT,
    published TEXT, language TEXT, text TEXT NOT NULL, raw_text TEXT, credits TEXT NOT NULL,
    removed TEXT NOT NULL, inferred TEXT NOT NULL, extra TEXT NOT NULL, added_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE TABLE IF NOT EXISTS read_errors (
    n INTEGER PRIMARY KEY AUTOINCREMENT, path TEXT NOT NULL, line INTEGER, message TEXT NOT NULL, at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS inputs_done (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime REAL NOT NULL, at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS results (kind TEXT NOT NULL, n INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (kind, n));
CREATE TABLE IF NOT EXISTS state (name TEXT PRIMARY KEY, blob BLOB NOT NULL, at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS cache (kind TEXT NOT NULL, key TEXT NOT NULL, body BLOB NOT NULL, PRIMARY KEY (kind, key));
"""


class SQLiteStore(Store):
    """Store backed by one SQLite file (``:memory:`` for tests); ``readonly``: open an existing file for reading
    only (a worker's view: a missing file is an error, not a new store)."""

    on_local_disk = True

    def __init__(self, path: str | Path = "storyline.db", readonly: bool = False):
        self.path = str(path)
        if readonly:
            self._open_readonly()
            return
        try:
            self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            with self._tx():
                for statement in filter(str.strip, _SCHEMA.split(";")):
                    self.conn.execute(statement)
                row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
                if row is None:
                    self.conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
                elif int(row[0]) != SCHEMA_VERSION:
                    raise StoreError(
                        f"{self.path}: store schema version {row[0]}, this storyline reads version {SCHEMA_VERSION}"
                    )
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not a storyline store or unreadable: {exc}") from None

    def _open_readonly(self) -> None:
        try:
            self.conn = sqlite3.connect(
                Path(self.path).resolve().as_uri() + "?mode=ro", timeout=30, isolation_level=None, uri=True
            )
            version = self.schema_version
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot read this store: {exc}") from None
        if version != SCHEMA_VERSION:
            raise StoreError(f"{self.path}: store schema version {version}, this storyline reads {SCHEMA_VERSION}")

    def worker_address(self) -> str | None:
        if self.path in ("", ":memory:") or self.path.startswith("file:"):
            return None
        return str(Path(self.path).resolve())

    def _tx(self) -> "_Transaction":
        return _Transaction(self.conn)

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0])

    def add_articles(
        self, articles: Iterable[Article], replace: bool = False
    ) -> tuple[int, int, list[ArticleConflict]]:
        added = unchanged = 0
        conflicts: list[ArticleConflict] = []
        with self._tx():
            for a in map(storable, articles):
                digest = a.digest
                row = self.conn.execute("SELECT digest, path FROM articles WHERE id=?", (a.id,)).fetchone()
                if row is not None and row[0] == digest:
                    unchanged += 1
                    continue
                if row is not None and not replace:
                    conflicts.append(ArticleConflict(a.id, row[1], a.path))
                    continue
                self.conn.execute(
                    f"INSERT OR REPLACE INTO articles ({','.join(_COLUMNS)}) VALUES ({','.join('?' * len(_COLUMNS))})",
                    _row(a, digest),
                )
                added += 1
        return added, unchanged, conflicts

    def get_article(self, article_id: str) -> Article | None:
        row = self.conn.execute(f"SELECT {','.join(_COLUMNS)} FROM articles WHERE id=?", (article_id,)).fetchone()
        return article_from_row(row) if row else None

    def iter_articles(self) -> Iterator[Article]:
        cur = self.conn.execute(f"SELECT {','.join(_COLUMNS)} FROM articles ORDER BY id")
        for row in cur:
            yield article_from_row(row)

    def get_articles(self, ids: Iterable[str]) -> list[Article]:
        ids = list(ids)
        rows = self._rows_in(f"SELECT {','.join(_COLUMNS)} FROM articles WHERE id IN ({{}})", (), ids)
        found = {a.id: a for a in map(article_from_row, rows)}
        return [found[i] for i in ids if i in found]

    def _rows_in(self, sql: str, head: tuple[Any, ...], ids: list[str]) -> Iterator[Any]:
        """The rows of ``sql``, whose ``IN ({})`` list takes ``ids``, a page of _IN_LIST ids at a time after the
        parameters ``head``."""
        for i in range(0, len(ids), _IN_LIST):
            part = ids[i : i + _IN_LIST]
            yield from self.conn.execute(sql.format(",".join("?" * len(part))), (*head, *part))

    def count_articles(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]

    def add_errors(self, errors: Iterable[ReadError]) -> None:
        now = time.time()
        with self._tx():
            self.conn.executemany(
                "INSERT INTO read_errors (path, line, message, at) VALUES (?, ?, ?, ?)",
                [(storable_text(e.path), e.line, storable_text(e.message), now) for e in errors],
            )

    def iter_errors(self) -> Iterator[ReadError]:
        for path, line, message in self.conn.execute("SELECT path, line, message FROM read_errors ORDER BY n"):
            yield ReadError(path, message, line)

    def input_done(self, path: str, size: int, mtime: float) -> bool:
        row = self.conn.execute("SELECT size, mtime FROM inputs_done WHERE path=?", (storable_text(path),)).fetchone()
        return row is not None and row[0] == size and abs(row[1] - mtime) < 1e-6

    def mark_input_done(self, path: str, size: int, mtime: float) -> None:
        with self._tx():
            self.conn.execute(
                "INSERT OR REPLACE INTO inputs_done VALUES (?, ?, ?, ?)",
                (storable_text(path), size, mtime, time.time()),
            )

    def put_results(self, kind: str, items: list[Any]) -> None:
        with self._tx():
            self._drop_published(kind)
            self.conn.executemany(
                "INSERT INTO results VALUES (?, ?, ?)", [(kind, i, result_row(x)) for i, x in enumerate(items)]
            )

    def iter_results(self, kind: str) -> Iterator[dict[str, Any]]:
        for (body,) in self.conn.execute(
            f"SELECT body FROM results WHERE kind={_LIST} ORDER BY n", (POINTER + kind, kind)
        ):
            yield json.loads(body)

    def count_results(self, kind: str) -> int:
        return self.conn.execute(f"SELECT COUNT(*) FROM results WHERE kind={_LIST}", (POINTER + kind, kind)).fetchone()[
            0
        ]

    def add_result_rows(self, kind: str, rows: list[str], start: int) -> None:
        with self._tx():
            self.conn.executemany(
                "INSERT OR REPLACE INTO results VALUES (?, ?, ?)",
                [(kind, start + i, body) for i, body in enumerate(rows)],
            )

    def publish_results(self, staged: Mapping[str, str], clear_state: str | None = None) -> None:
        with self._tx():
            for name, kind in staged.items():
                if self._drop_published(kind, keep=name):
                    self.conn.execute("INSERT INTO meta VALUES (?, ?)", (POINTER + kind, name))
            if clear_state is not None:
                self.conn.execute("DELETE FROM state WHERE name=?", (clear_state,))

    def _drop_published(self, kind: str, keep: str | None = None) -> bool:
        """Delete the list now published as ``kind`` and its pointer, unless it is ``keep``; whether it did."""
        row = self.conn.execute("SELECT value FROM meta WHERE key=?", (POINTER + kind,)).fetchone()
        old = row[0] if row else kind
        if old == keep:
            return False
        self.conn.execute("DELETE FROM results WHERE kind=?", (old,))
        self.conn.execute("DELETE FROM meta WHERE key=?", (POINTER + kind,))
        return True

    def delete_results(self, kinds: Iterable[str]) -> None:
        with self._tx():
            self.conn.executemany(
                f"DELETE FROM results WHERE kind=? AND kind NOT IN (SELECT value FROM meta WHERE {_POINTERS})",
                [(k,) for k in kinds],
            )

    def _put_state_rows(self, name: str, rows: Iterable[tuple[str, memoryview]]) -> None:
        now = time.time()
        with self._tx():
            self.conn.execute("DELETE FROM state WHERE substr(name, 1, ?) = ?", (len(name) + 1, name + "#"))
            self.conn.executemany(
                "INSERT OR REPLACE INTO state VALUES (?, ?, ?)", ((row, blob, now) for row, blob in rows)
            )

    def _state_rows(self, name: str) -> list[tuple[str, bytes]]:
        return self.conn.execute(
            "SELECT name, blob FROM state WHERE name = ? OR substr(name, 1, ?) = ?", (name, len(name) + 1, name + "#")
        ).fetchall()

    def get_cached(self, kind: str, keys: Iterable[str]) -> dict[str, bytes]:
        rows = self._rows_in("SELECT key, body FROM cache WHERE kind=? AND key IN ({})", (kind,), list(keys))
        return {k: bytes(b) for k, b in rows}

    def put_cached(self, kind: str, items: Mapping[str, bytes]) -> None:
        with self._tx():
            self.conn.executemany(
                "INSERT OR REPLACE INTO cache VALUES (?, ?, ?)", [(kind, k, v) for k, v in items.items()]
            )

    def cached_keys(self, kind: str) -> Iterator[str]:
        return (k for (k,) in self.conn.execute("SELECT key FROM cache WHERE kind=?", (kind,)).fetchall())

    def delete_cached(self, kind: str, keys: Iterable[str]) -> None:
        with self._tx():
            self.conn.executemany("DELETE FROM cache WHERE kind=? AND key=?", [(kind, k) for k in keys])

    def close(self) -> None:
        self.conn.close()


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, rolled back on any exception (including KeyboardInterrupt)."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")


def _row(a: Article, digest: str) -> tuple:
    return (
        a.id,
        digest,
        a.path,
        a.url,
        a.source,
        a.title,
        a.published,
        a.language,
        a.text,
        a.raw_text,
        json.dumps(a.credits),
        json.dumps(to_json(a.removed)),
        json.dumps(a.inferred),
        json.dumps(a.extra, default=str),
        time.time(),
    )
