"""Full-text search over articles with SQLite FTS5, in an index file rebuilt from the store.

The store has no FTS table of its own, so the web layer keeps one beside it, in a temporary file
written once and then only read: each search takes a read-only connection of its own from a pool, so
searches run side by side (SQLite leaves the GIL while it searches) and a slow one blocks no other.
Building it for a few thousand articles takes well under a second; it is rebuilt whenever the store
changes, and its file is removed when the old index is dropped.
"""

from __future__ import annotations

import os
import queue
import re
import sqlite3
import tempfile
import threading
import time
import weakref
from collections.abc import Iterable
from pathlib import Path
from typing import Any

MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
_TOKEN = re.compile(r'"([^"]+)"|(\w+\*?)', re.UNICODE)


MAX_QUERY_CHARS = 500
MAX_TERMS = 12
MAX_PREFIX_TERMS = 3
SEARCH_SECONDS = 2.0
"""How long one search may run before it is cut off."""


class SearchError(ValueError):
    """A search refused: too long, too many terms, or too slow; the message says which."""


def fts_query(text: str) -> str | None:
    """A safe FTS5 query for what a user typed: every word (or "quoted phrase") must occur; ``word*`` is a prefix.

    SearchError when the query is longer than MAX_QUERY_CHARS or has more than MAX_TERMS terms
    (MAX_PREFIX_TERMS of them prefixes): bounded queries keep one search from holding the index.
    """
    if len(text or "") > MAX_QUERY_CHARS:
        raise SearchError(f"search of {len(text)} characters: at most {MAX_QUERY_CHARS}")
    parts = []
    prefixes = 0
    for phrase, word in _TOKEN.findall(text or ""):
        if phrase:
            words = re.findall(r"\w+", phrase)
            if words:
                parts.append('"' + " ".join(words) + '"')
        else:
            star = word.endswith("*")
            core = word.rstrip("*")
            if core:
                parts.append(f'"{core}"' + ("*" if star else ""))
                prefixes += star
    if len(parts) > MAX_TERMS or prefixes > MAX_PREFIX_TERMS:
        raise SearchError(
            f"search of {len(parts)} terms ({prefixes} prefixes): "
            f"at most {MAX_TERMS} terms, {MAX_PREFIX_TERMS} of them prefixes"
        )
    return " ".join(parts) if parts else None


class SearchIndex:
    """An FTS5 table of article id, title, source and text, searched through a pool of read-only connections."""

    def __init__(self, articles: Iterable[dict[str, Any]]):
        fd, path = tempfile.mkstemp(prefix="storyline-search-", suffix=".db")
        os.close(fd)
        self._path = path
        self._idle: queue.SimpleQueue[sqlite3.Connection] = queue.SimpleQueue()
        self._open: list[sqlite3.Connection] = []
        self._open_lock = threading.Lock()
        self._finalizer = weakref.finalize(self, _discard, path, self._open)
        db = sqlite3.connect(path)
        try:
            db.execute("PRAGMA journal_mode=OFF")
            db.execute("PRAGMA synchronous=OFF")
            db.execute(
                "CREATE VIRTUAL TABLE fts USING fts5(id UNINDEXED, title, source, text, "
                "tokenize='porter unicode61 remove_diacritics 2')"
            )
            db.executemany(
                "INSERT INTO fts (id, title, source, text) VALUES (?, ?, ?, ?)",
                ((a["id"], a.get("title") or "", a.get("source") or "", a.get("text") or "") for a in articles),
            )
            db.commit()
        finally:
            db.close()

    def _connection(self) -> sqlite3.Connection:
        """An idle read-only connection, or a new one when every open one is busy."""
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        conn = sqlite3.connect(f"{Path(self._path).as_uri()}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        with self._open_lock:
            self._open.append(conn)
        return conn

    def search(self, text: str, limit: int = 200) -> list[dict[str, Any]]:
        """Matching articles, best first, each with a snippet whose hits lie between MARK_OPEN and MARK_CLOSE."""
        query = fts_query(text)
        if query is None:
            return []
        conn = self._connection()
        try:
            deadline = time.monotonic() + SEARCH_SECONDS
            conn.set_progress_handler(lambda: int(time.monotonic() > deadline), 10_000)
            rows = conn.execute(
                "SELECT id, snippet(fts, -1, ?, ?, '…', 16), bm25(fts, 4.0, 1.0, 1.0) AS rank "
                "FROM fts WHERE fts MATCH ? ORDER BY rank LIMIT ?",
                (MARK_OPEN, MARK_CLOSE, query, limit),
            ).fetchall()
        except sqlite3.OperationalError as exc:
            if "interrupt" in str(exc):
                raise SearchError(f"search ran past {SEARCH_SECONDS:.0f} s and was stopped; narrow it") from None
            raise
        finally:
            conn.set_progress_handler(None, 0)
            self._idle.put(conn)
        return [{"id": r[0], "snippet": r[1], "score": -r[2]} for r in rows]

    def close(self) -> None:
        """Close every connection and remove the index file (also done when the index is garbage-collected)."""
        self._finalizer()


def _discard(path: str, connections: list[sqlite3.Connection]) -> None:
    for conn in connections:
        try:
            conn.close()
        except sqlite3.Error:
            pass
    try:
        os.unlink(path)
    except OSError:
        pass
