"""Full-text search over articles with SQLite FTS5, in an in-memory index rebuilt from the store.

The store has no FTS table of its own, so the web layer keeps one beside it; building it for a
few thousand articles takes well under a second and it is rebuilt whenever the store changes.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable
from typing import Any

MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
_TOKEN = re.compile(r'"([^"]+)"|(\w+\*?)', re.UNICODE)


def fts_query(text: str) -> str | None:
    """A safe FTS5 query for what a user typed: every word (or "quoted phrase") must occur; ``word*`` is a prefix."""
    parts = []
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
    return " ".join(parts) if parts else None


class SearchIndex:
    """An FTS5 table of article id, title, source and text."""

    def __init__(self, articles: Iterable[dict[str, Any]]):
        self._lock = threading.Lock()
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute(
            "CREATE VIRTUAL TABLE fts USING fts5(id UNINDEXED, title, source, text, tokenize='porter unicode61 remove_diacritics 2')"
        )
        self._db.executemany(
            "INSERT INTO fts (id, title, source, text) VALUES (?, ?, ?, ?)",
            ((a["id"], a.get("title") or "", a.get("source") or "", a.get("text") or "") for a in articles),
        )
        self._db.commit()

    def search(self, text: str, limit: int = 200) -> list[dict[str, Any]]:
        """Matching articles, best first, each with a snippet whose hits lie between MARK_OPEN and MARK_CLOSE."""
        query = fts_query(text)
        if query is None:
            return []
        with self._lock:
            rows = self._db.execute(
                "SELECT id, snippet(fts, -1, ?, ?, '…', 16), bm25(fts, 4.0, 1.0, 1.0) AS rank FROM fts WHERE fts MATCH ? "
                "ORDER BY rank LIMIT ?",
                (MARK_OPEN, MARK_CLOSE, query, limit),
            ).fetchall()
        return [{"id": r[0], "snippet": r[1], "score": -r[2]} for r in rows]

    def close(self) -> None:
        self._db.close()
