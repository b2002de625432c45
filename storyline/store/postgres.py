"""A shared store on a PostgreSQL server, safe for several ``storyline analyze`` processes at once."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

try:
    import psycopg
    from psycopg import errors as pg_errors
except ImportError:
    psycopg = None  # type: ignore[assignment]

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

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT COLLATE "C" PRIMARY KEY, digest TEXT NOT NULL, path TEXT, url TEXT, source TEXT, title TEXT,
    published TEXT, language TEXT, text TEXT NOT NULL, raw_text TEXT, credits TEXT NOT NULL,
    removed TEXT NOT NULL, inferred TEXT NOT NULL, extra TEXT NOT NULL, added_at DOUBLE PRECISION NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
CREATE TABLE IF NOT EXISTS read_errors (
    n BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, path TEXT NOT NULL, line INTEGER, message TEXT NOT NULL,
    at DOUBLE PRECISION NOT NULL
);
CREATE TABLE IF NOT EXISTS inputs_done (
    path TEXT PRIMARY KEY, size BIGINT NOT NULL, mtime DOUBLE PRECISION NOT NULL, at DOUBLE PRECISION NOT NULL
);
CREATE TABLE IF NOT EXISTS results (kind TEXT NOT NULL, n INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (kind, n));
CREATE TABLE IF NOT EXISTS state (name TEXT PRIMARY KEY, blob BYTEA NOT NULL, at DOUBLE PRECISION NOT NULL);
"""
_CACHE = (
    "CREATE TABLE IF NOT EXISTS cache"
    " (kind TEXT NOT NULL, key TEXT NOT NULL, body BYTEA NOT NULL, PRIMARY KEY (kind, key))"
)
_SELECT = f"SELECT {','.join(_COLUMNS)} FROM articles"
_INSERT = (
    f"INSERT INTO articles ({','.join(_COLUMNS)}) VALUES ({','.join(['%s'] * len(_COLUMNS))}) "
    "ON CONFLICT (id) DO NOTHING RETURNING id"
)
_UPDATE = f"UPDATE articles SET ({','.join(_COLUMNS[1:])}) = ({','.join(['%s'] * (len(_COLUMNS) - 1))}) WHERE id = %s"
_LOCK_SCHEMA = 0x5707_0001
_LOCK_RESULTS = 0x5707_0002
_PAGE = 500
_RETRIES = 5
_T = TypeVar("_T")


def redact(address: str) -> str:
    """The address with its password hidden, for messages."""
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", address)


class PostgresStore(Store):
    """Store in a PostgreSQL database given as ``postgresql://user:pass@host:port/db``."""

    def __init__(self, address: str, connect_timeout: int = 10):
        self.address = address
        if psycopg is None:
            raise StoreError(f"{redact(address)}: the PostgreSQL store needs psycopg: pip install 'psycopg[binary]'")
        try:
            self.conn = psycopg.connect(address, autocommit=True, connect_timeout=connect_timeout)
        except (psycopg.Error, ValueError) as exc:
            raise StoreError(f"{redact(address)}: cannot connect to PostgreSQL: {_first_line(exc)}") from None
        try:
            self._prepare_schema()
        except psycopg.Error as exc:
            self.conn.close()
            raise StoreError(f"{redact(address)}: not a usable storyline store: {_first_line(exc)}") from None
        except StoreError:
            self.conn.close()
            raise

    def _prepare_schema(self) -> None:
        with self.conn.transaction():
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK_SCHEMA,))
            has_meta, has_articles = self._one(
                "SELECT to_regclass('meta') IS NOT NULL, to_regclass('articles') IS NOT NULL"
            )
            if has_articles and not has_meta:
                raise StoreError(f"{redact(self.address)}: holds an 'articles' table that is not a storyline store")
            if not has_meta:
                for statement in filter(str.strip, _SCHEMA.split(";")):
                    self.conn.execute(statement)
                self.conn.execute(_CACHE)
                self.conn.execute("INSERT INTO meta VALUES ('schema_version', %s)", (str(SCHEMA_VERSION),))
                return
            row = self.conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            if row is None or int(row[0]) != SCHEMA_VERSION:
                found = row[0] if row else "unknown"
                raise StoreError(
                    f"{redact(self.address)}: store schema version {found}"
                    f", this storyline reads version {SCHEMA_VERSION}"
                )
            self.conn.execute(_CACHE)  # added within schema version 1: a store made before it gets it here

    def _one(self, sql: str, params: tuple[Any, ...] = ()) -> tuple[Any, ...]:
        """The one row a query that always returns one row gives (counts, schema lookups)."""
        row = self.conn.execute(sql, params).fetchone()
        if row is None:
            raise StoreError(f"{redact(self.address)}: no row for {sql.split()[1]}")
        return row

    @property
    def schema_version(self) -> int:
        return int(self._one("SELECT value FROM meta WHERE key='schema_version'")[0])

    def add_articles(
        self, articles: Iterable[Article], replace: bool = False
    ) -> tuple[int, int, list[ArticleConflict]]:
        batch = [storable(a) for a in articles]
        return self._retrying(lambda: self._add(batch, replace))

    def _add(self, batch: list[Article], replace: bool) -> tuple[int, int, list[ArticleConflict]]:
        """Insert new ids in id order (so concurrent writers cannot deadlock), then settle the rest by digest."""
        first: dict[str, Article] = {}
        repeats: list[Article] = []
        for a in batch:
            if _key(a) in first:
                repeats.append(a)
            else:
                first[_key(a)] = a
        ordered = sorted(first.values(), key=_key)
        conflicts: list[ArticleConflict] = []
        with self.conn.transaction(), self.conn.cursor() as cur:
            inserted: set[str] = set()
            if ordered:
                cur.executemany(_INSERT, [_row(a) for a in ordered], returning=True)
                while True:
                    inserted.update(r[0] for r in cur.fetchall())
                    if not cur.nextset():
                        break
            added, unchanged = len(inserted), 0
            known = {_key(a): (a.digest, a.path) for a in ordered if _key(a) in inserted}
            held = [_key(a) for a in ordered if _key(a) not in inserted]
            if held:
                rows = cur.execute(
                    "SELECT id, digest, path FROM articles WHERE id = ANY(%s) ORDER BY id FOR UPDATE", (held,)
                )
                known.update((i, (d, p)) for i, d, p in rows.fetchall())
            for a in [first[i] for i in held] + repeats:
                stored_digest, stored_path = known[_key(a)]
                if stored_digest == a.digest:
                    unchanged += 1
                elif not replace:
                    conflicts.append(ArticleConflict(a.id, stored_path, a.path))
                else:
                    row = _row(a)
                    cur.execute(_UPDATE, row[1:] + row[:1])
                    known[_key(a)] = (a.digest, a.path)
                    added += 1
        return added, unchanged, conflicts

    def _retrying(self, work: Callable[[], _T]) -> _T:
        """Run one transaction again when the server aborted it to break a deadlock or a serialisation race."""
        for attempt in range(_RETRIES):
            try:
                return work()
            except (pg_errors.DeadlockDetected, pg_errors.SerializationFailure):
                if attempt == _RETRIES - 1:
                    raise
                time.sleep(0.05 * (attempt + 1))
        raise AssertionError("unreachable")

    def get_article(self, article_id: str) -> Article | None:
        row = self.conn.execute(f"{_SELECT} WHERE id=%s", (_clean(article_id),)).fetchone()
        return article_from_row(row) if row else None

    def iter_articles(self) -> Iterator[Article]:
        last: str | None = None
        while True:
            if last is None:
                rows = self.conn.execute(f"{_SELECT} ORDER BY id LIMIT %s", (_PAGE,)).fetchall()
            else:
                rows = self.conn.execute(f"{_SELECT} WHERE id > %s ORDER BY id LIMIT %s", (last, _PAGE)).fetchall()
            for row in rows:
                yield article_from_row(row)
            if len(rows) < _PAGE:
                return
            last = rows[-1][0]

    def get_articles(self, ids: Iterable[str]) -> list[Article]:
        ids = [_clean(i) or "" for i in ids]
        found = {a.id: a for a in map(article_from_row, self._rows_in(f"{_SELECT} WHERE id = ANY(%s)", (), ids))}
        return [found[i] for i in ids if i in found]

    def _rows_in(self, sql: str, head: tuple[Any, ...], ids: list[str]) -> Iterator[Any]:
        """The rows of ``sql``, whose last parameter (``= ANY(%s)``) takes ``ids``, a page of _PAGE at a time."""
        for i in range(0, len(ids), _PAGE):
            yield from self.conn.execute(sql, (*head, ids[i : i + _PAGE])).fetchall()

    def worker_address(self) -> str | None:
        return self.address

    def count_articles(self) -> int:
        return self._one("SELECT COUNT(*) FROM articles")[0]

    def add_errors(self, errors: Iterable[ReadError]) -> None:
        now = time.time()
        rows = [(_clean(e.path), e.line, _clean(e.message), now) for e in errors]
        if not rows:
            return
        with self.conn.transaction(), self.conn.cursor() as cur:
            cur.executemany("INSERT INTO read_errors (path, line, message, at) VALUES (%s, %s, %s, %s)", rows)

    def iter_errors(self) -> Iterator[ReadError]:
        last = 0
        while True:
            rows = self.conn.execute(
                "SELECT n, path, line, message FROM read_errors WHERE n > %s ORDER BY n LIMIT %s", (last, _PAGE)
            ).fetchall()
            for _, path, line, message in rows:
                yield ReadError(path, message, line)
            if len(rows) < _PAGE:
                return
            last = rows[-1][0]

    def input_done(self, path: str, size: int, mtime: float) -> bool:
        row = self.conn.execute("SELECT size, mtime FROM inputs_done WHERE path=%s", (_clean(path),)).fetchone()
        return row is not None and row[0] == size and abs(row[1] - mtime) < 1e-6

    def mark_input_done(self, path: str, size: int, mtime: float) -> None:
        self.conn.execute(
            "INSERT INTO inputs_done VALUES (%s, %s, %s, %s) "
            "ON CONFLICT (path) DO UPDATE SET size=EXCLUDED.size, mtime=EXCLUDED.mtime, at=EXCLUDED.at",
            (_clean(path), size, mtime, time.time()),
        )

    def put_results(self, kind: str, items: list[Any]) -> None:
        bodies = [(kind, i, result_row(x)) for i, x in enumerate(items)]
        with self.conn.transaction(), self.conn.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (_LOCK_RESULTS, kind))
            _drop_published(cur, kind)
            if bodies:
                cur.executemany("INSERT INTO results VALUES (%s, %s, %s)", bodies)

    def iter_results(self, kind: str) -> Iterator[dict[str, Any]]:
        row = self.conn.execute("SELECT value FROM meta WHERE key=%s", (POINTER + kind,)).fetchone()
        name, last = (row[0] if row else kind), -1
        while True:
            rows = self.conn.execute(
                "SELECT n, body FROM results WHERE kind=%s AND n > %s ORDER BY n LIMIT %s", (name, last, _PAGE)
            ).fetchall()
            for _, body in rows:
                yield json.loads(body)
            if len(rows) < _PAGE:
                return
            last = rows[-1][0]

    def count_results(self, kind: str) -> int:
        return self._one(
            "SELECT COUNT(*) FROM results WHERE kind=COALESCE((SELECT value FROM meta WHERE key=%s), %s)",
            (POINTER + kind, kind),
        )[0]

    def add_result_rows(self, kind: str, rows: list[str], start: int) -> None:
        bodies = [(kind, start + i, body) for i, body in enumerate(rows)]
        if not bodies:
            return
        with self.conn.transaction(), self.conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO results VALUES (%s, %s, %s) ON CONFLICT (kind, n) DO UPDATE SET body=EXCLUDED.body", bodies
            )

    def publish_results(self, staged: Mapping[str, str], clear_state: str | None = None) -> None:
        with self.conn.transaction(), self.conn.cursor() as cur:
            for kind in sorted(staged.values()):
                cur.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", (_LOCK_RESULTS, kind))
            for name, kind in staged.items():
                if _drop_published(cur, kind, keep=name):
                    cur.execute("INSERT INTO meta VALUES (%s, %s)", (POINTER + kind, name))
            if clear_state is not None:
                cur.execute("DELETE FROM state WHERE name=%s", (clear_state,))

    def delete_results(self, kinds: Iterable[str]) -> None:
        with self.conn.transaction(), self.conn.cursor() as cur:
            cur.executemany(
                "DELETE FROM results WHERE kind=%s"
                " AND kind NOT IN (SELECT value FROM meta WHERE substr(key, 1, %s) = %s)",
                [(k, len(POINTER), POINTER) for k in kinds],
            )

    def _put_state_rows(self, name: str, rows: Iterable[tuple[str, memoryview]]) -> None:
        now = time.time()
        with self.conn.transaction(), self.conn.cursor() as cur:
            cur.execute("DELETE FROM state WHERE substr(name, 1, %s) = %s", (len(name) + 1, name + "#"))
            for row, blob in rows:
                cur.execute(
                    "INSERT INTO state VALUES (%s, %s, %s)"
                    " ON CONFLICT (name) DO UPDATE SET blob=EXCLUDED.blob, at=EXCLUDED.at",
                    (row, bytes(blob), now),
                )

    def _state_rows(self, name: str) -> list[tuple[str, bytes]]:
        return self.conn.execute(
            "SELECT name, blob FROM state WHERE name = %s OR substr(name, 1, %s) = %s",
            (name, len(name) + 1, name + "#"),
        ).fetchall()

    def get_cached(self, kind: str, keys: Iterable[str]) -> dict[str, bytes]:
        rows = self._rows_in("SELECT key, body FROM cache WHERE kind=%s AND key = ANY(%s)", (kind,), list(keys))
        return {k: bytes(b) for k, b in rows}

    def put_cached(self, kind: str, items: Mapping[str, bytes]) -> None:
        rows = [(kind, k, bytes(v)) for k, v in sorted(items.items())]
        if not rows:
            return
        with self.conn.transaction(), self.conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO cache VALUES (%s, %s, %s) ON CONFLICT (kind, key) DO UPDATE SET body=EXCLUDED.body", rows
            )

    def cached_keys(self, kind: str) -> Iterator[str]:
        return (k for (k,) in self.conn.execute("SELECT key FROM cache WHERE kind=%s", (kind,)).fetchall())

    def delete_cached(self, kind: str, keys: Iterable[str]) -> None:
        with self.conn.transaction(), self.conn.cursor() as cur:
            cur.executemany("DELETE FROM cache WHERE kind=%s AND key=%s", [(kind, k) for k in keys])

    def close(self) -> None:
        self.conn.close()


def _clean(value: str | None) -> str | None:
    """PostgreSQL text cannot hold NUL or lone surrogates, so they are stored as U+FFFD."""
    return storable_text(value)


def _key(a: Article) -> str:
    return _clean(a.id) or a.id


def _row(a: Article) -> tuple:
    return (
        _key(a),
        a.digest,
        _clean(a.path),
        _clean(a.url),
        _clean(a.source),
        _clean(a.title),
        _clean(a.published),
        _clean(a.language),
        _clean(a.text),
        _clean(a.raw_text),
        json.dumps(a.credits),
        json.dumps(to_json(a.removed)),
        json.dumps(a.inferred),
        json.dumps(a.extra, default=str),
        time.time(),
    )


def _first_line(exc: BaseException) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0]


def _drop_published(cur: Any, kind: str, keep: str | None = None) -> bool:
    """Delete the list now published as ``kind`` and its pointer, unless it is ``keep``; whether it did
    (inside the caller's transaction, which holds the kind's results lock)."""
    row = cur.execute("SELECT value FROM meta WHERE key=%s", (POINTER + kind,)).fetchone()
    old = row[0] if row else kind
    if old == keep:
        return False
    cur.execute("DELETE FROM results WHERE kind=%s", (old,))
    cur.execute("DELETE FROM meta WHERE key=%s", (POINTER + kind,))
    return True
