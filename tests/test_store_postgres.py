"""One behaviour suite for every store backend (SQLite and PostgreSQL), plus PostgreSQL's concurrent writers.

The PostgreSQL cases need a server named by STORYLINE_TEST_PG (postgresql://user:pass@host:port/db); without
one they skip, except under CI=true, where they fail so that CI cannot pass without running them.
"""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest

from storyline.model import Article, ReadError, Removed
from storyline.store import SCHEMA_VERSION, SQLiteStore, Store, StoreError, open_store

PG_ENV = "STORYLINE_TEST_PG"
REPO = Path(__file__).resolve().parents[1]

# Runs the CLI with postgresql:// addresses sent to PostgresStore, for as long as open_store does not do it itself.
_SHIM = (
    "import sys, storyline.cli as cli\n"
    "from storyline.store.postgres import PostgresStore\n"
    "plain = cli.open_store\n"
    "cli.open_store = lambda a: PostgresStore(a) if a.startswith(('postgresql://', 'postgres://')) else plain(a)\n"
    "sys.exit(cli.main(sys.argv[1:]))\n"
)


def _art(id_: str, text: str = "The ferry to Velm sailed on time.") -> Article:
    return Article(
        id=id_,
        text=text,
        raw_text=text,
        source="Coastal Courier",
        credits=["Meridian News"],
        removed=[Removed("Share this article", "sharing prompt")],
        inferred={"credits": "closing line"},
        extra={"topic": "x"},
    )


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").strip().lower() == "true":
        pytest.fail(f"{reason} (CI=true, so the PostgreSQL store tests must run, not skip)", pytrace=False)
    pytest.skip(reason)


def _pg_address() -> str:
    """The address of a reachable PostgreSQL server from STORYLINE_TEST_PG, else skip (or fail under CI)."""
    address = os.environ.get(PG_ENV, "").strip()
    if not address:
        _unavailable(f"{PG_ENV} is not set (e.g. postgresql://storyline:storyline@127.0.0.1:5432/storyline_test)")
    try:
        import psycopg
    except ImportError:
        _unavailable("psycopg is not installed (pip install 'psycopg[binary]')")
    from storyline.store.postgres import redact

    try:
        psycopg.connect(address, connect_timeout=3).close()
    except psycopg.Error as exc:
        _unavailable(f"PostgreSQL at {redact(address)} ({PG_ENV}) is unreachable: {str(exc).strip().splitlines()[0]}")
    return address


@pytest.fixture(scope="session")
def pg_server() -> str:
    return _pg_address()


def _with_schema(address: str, schema: str) -> str:
    return f"{address}{'&' if '?' in address else '?'}options={quote(f'-csearch_path={schema}')}"


@dataclass
class Backend:
    """One store location: how to open it, run raw SQL in it and count its articles from outside."""

    name: str
    address: str
    sql: Callable[[str], None]
    count: Callable[[], int]

    def open(self) -> Store:
        if self.name == "postgres":
            from storyline.store.postgres import PostgresStore

            return PostgresStore(self.address)
        return SQLiteStore(self.address)


def _sqlite_backend(tmp_path: Path) -> Backend:
    path = str(tmp_path / "s.db")

    def sql(statement: str) -> None:
        con = sqlite3.connect(path)
        con.execute(statement)
        con.commit()
        con.close()

    def count() -> int:
        try:
            con = sqlite3.connect(path, timeout=5)
            try:
                return con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            finally:
                con.close()
        except sqlite3.Error:
            return 0

    return Backend("sqlite", path, sql, count)


@pytest.fixture
def pg_schema(pg_server: str) -> Iterator[str]:
    """A fresh schema of the test database, dropped afterwards; yields an address whose search_path is it."""
    import psycopg

    schema = f"storyline_t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(pg_server, autocommit=True) as con:
        con.execute(f"CREATE SCHEMA {schema}")
    yield _with_schema(pg_server, schema)
    with psycopg.connect(pg_server, autocommit=True) as con:
        con.execute(f"DROP SCHEMA {schema} CASCADE")


def _pg_backend(address: str) -> Backend:
    import psycopg

    def sql(statement: str) -> None:
        with psycopg.connect(address, autocommit=True) as con:
            con.execute(statement)

    def count() -> int:
        try:
            with psycopg.connect(address, connect_timeout=5) as con:
                return con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        except psycopg.Error:
            return 0

    return Backend("postgres", address, sql, count)


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    if request.param == "sqlite":
        return _sqlite_backend(tmp_path)
    return _pg_backend(request.getfixturevalue("pg_schema"))


@pytest.fixture
def pg(pg_schema: str) -> Backend:
    return _pg_backend(pg_schema)


def _analyze_cmd(paths: list[Path], db: str) -> list[str]:
    """``storyline analyze`` on ``paths``, through the shim while open_store refuses postgresql:// addresses."""
    args = ["analyze", *map(str, paths), "--db", db, "--ingest-only"]
    try:
        open_store(db).close()
    except StoreError:
        return [sys.executable, "-c", _SHIM, *args]
    return [sys.executable, "-m", "storyline", *args]


# --- the behaviour suite, run for every backend ---


def test_round_trip_keeps_every_field(backend):
    with backend.open() as s:
        s.add_articles([_art("a")])
        assert s.get_article("a") == _art("a")
        assert s.get_article("missing") is None
    with backend.open() as s:
        assert s.get_article("a") == _art("a")


def test_articles_by_ids_come_in_the_order_asked_and_another_process_can_open_the_store(backend):
    ids = [f"a{i:04d}" for i in range(1200)]  # more than one query's worth
    with backend.open() as s:
        s.add_articles([_art(i) for i in ids])
        asked = ["a0007", "missing", "a1100", "a0002", *ids[600:]]
        assert [a.id for a in s.get_articles(asked)] == [i for i in asked if i != "missing"]
        assert s.get_articles(["a0002"]) == [_art("a0002")]
        address = s.worker_address()
    assert address is not None
    with open_store(address, readonly=True) as reader:
        assert [a.id for a in reader.get_articles(["a0003", "a0001"])] == ["a0003", "a0001"]


def test_re_adding_is_a_no_op_and_conflict_is_reported(backend):
    other = "A different text under the same id."
    with backend.open() as s:
        assert s.add_articles([_art("a"), _art("b")])[:2] == (2, 0)
        assert s.add_articles([_art("a")])[:2] == (0, 1)
        added, unchanged, conflicts = s.add_articles([_art("a", other)])
        assert (added, unchanged) == (0, 0) and len(conflicts) == 1
        assert conflicts[0].article_id == "a" and "--replace" in str(conflicts[0])
        assert s.get_article("a").text == "The ferry to Velm sailed on time."
        assert s.add_articles([_art("a", other)], replace=True)[0] == 1
        assert s.get_article("a").text == other
        assert s.count_articles() == 2


def test_same_id_twice_in_one_batch(backend):
    with backend.open() as s:
        assert s.add_articles([_art("x"), _art("x")])[:2] == (1, 1)
        added, unchanged, conflicts = s.add_articles([_art("y"), _art("y", "Another tale of the ferry.")])
        assert (added, unchanged, [c.article_id for c in conflicts]) == (1, 0, ["y"])
        assert s.add_articles([_art("z"), _art("z", "The last word wins.")], replace=True)[:2] == (2, 0)
        assert s.get_article("z").text == "The last word wins."


def test_failed_batch_rolls_back(backend):
    with backend.open() as s:
        s.add_articles([_art("kept")])

        def batch():
            yield _art("new1")
            raise RuntimeError("reader crashed")

        with pytest.raises(RuntimeError):
            s.add_articles(batch())
        assert [a.id for a in s.iter_articles()] == ["kept"]


def test_schema_version_recorded_and_checked(backend):
    with backend.open() as s:
        assert s.schema_version == SCHEMA_VERSION
    backend.sql("UPDATE meta SET value='999' WHERE key='schema_version'")
    with pytest.raises(StoreError, match="schema version 999"):
        backend.open()


def test_errors_results_and_state(backend):
    with backend.open() as s:
        s.add_errors([ReadError("f.jsonl", "not valid JSON", 3), ReadError("g.html", "empty page")])
        s.add_errors([])
        s.put_results("stories", [{"id": "s1"}, {"id": "s2"}])
        s.put_results("stories", [{"id": "s3", "members": ["a", "b"]}])
        s.put_results("threads", [])
        s.put_state("lsh", b"\x00\x01")
        s.put_state("lsh", b"\x02")
        assert [str(e) for e in s.iter_errors()] == ["f.jsonl:3: not valid JSON", "g.html: empty page"]
        assert s.get_results("stories") == [{"id": "s3", "members": ["a", "b"]}]
        assert s.get_results("threads") == [] and s.get_results("never") == []
        assert s.get_state("lsh") == b"\x02" and s.get_state("none") is None


def test_big_state_is_kept_in_parts_and_replaced_whole(backend, monkeypatch):
    import storyline.store.base as base

    monkeypatch.setattr(base, "STATE_PART", 10)
    big = bytes(range(256)) * 3
    with backend.open() as s:
        s.put_state("index", big)
        s.put_state("index2", b"other")
        assert s.get_state("index") == big
        s.put_state("index", b"short")
        assert s.get_state("index") == b"short" and s.get_state("index2") == b"other"
        s.put_state("index", b"")
        assert s.get_state("index") == b""
    with backend.open() as s:
        s.put_state("index", big[:95])
    with backend.open() as s:
        assert s.get_state("index") == big[:95]


def test_state_given_in_parts_is_taken_one_at_a_time_and_kept_whole(backend):
    taken: list[int] = []

    def parts(blob: bytes, size: int):
        for i in range(0, len(blob), size):
            taken.append(i)
            yield blob[i : i + size]

    big = bytes(range(256)) * 3
    with backend.open() as s:
        s.put_state_parts("index", parts(big, 7))
        assert s.get_state("index") == big and len(taken) == 110
        s.put_state_parts("index", parts(b"short", 3))
        assert s.get_state("index") == b"short"
        s.put_state_parts("index", iter([]))
        assert s.get_state("index") == b""
        s.put_state_parts("index", [b"", b"ab", b"", b"c"])
        assert s.get_state("index") == b"abc"


def test_staged_results_replace_the_old_ones_whole(backend):
    with backend.open() as s:
        s.put_results("claims", [{"id": "old"}])
        s.put_results("timeline", [{"id": "t-old"}])
        rows = [{"id": f"c{i}"} for i in range(1203)]
        s.add_results("claims~run1", rows[:700], 0)
        s.add_results("claims~run1", rows[700:], 700)
        s.add_results("timeline~run1", [], 0)
        assert s.get_results("claims") == [{"id": "old"}], "staged rows are not visible before publishing"
        assert s.count_results("claims~run1") == 1203
        s.put_state("analysis_run", b'{"run": "run1"}')
        s.publish_results({"claims~run1": "claims", "timeline~run1": "timeline"}, clear_state="analysis_run")
        assert list(s.iter_results("claims")) == rows and s.count_results("claims") == 1203
        assert s.get_results("timeline") == [] and s.get_state("analysis_run") is None
        s.add_results("claims~run2", [{"id": "x"}], 0)
        s.delete_results(["claims~run2", "never~run2", "claims~run1"])  # a published list is never dropped
        assert s.count_results("claims~run2") == 0 and s.count_results("claims") == 1203
        s.add_results("claims~run3", [{"id": "new"}], 0)
        s.publish_results({"claims~run3": "claims"})
        s.publish_results({"claims~run3": "claims"})  # publishing again changes nothing
        assert s.get_results("claims") == [{"id": "new"}] and s.count_results("claims~run1") == 0
        assert s.get_results("timeline") == []
        s.put_results("claims", [{"id": "put"}])
        assert s.get_results("claims") == [{"id": "put"}] and s.count_results("claims~run3") == 0
    with backend.open() as s:
        assert s.get_results("claims") == [{"id": "put"}]


def test_inputs_done_needs_same_size_and_mtime(backend):
    with backend.open() as s:
        assert not s.input_done("in/a.jsonl", 10, 1.5)
        s.mark_input_done("in/a.jsonl", 10, 1.5)
        assert s.input_done("in/a.jsonl", 10, 1.5)
        assert not s.input_done("in/a.jsonl", 11, 1.5) and not s.input_done("in/a.jsonl", 10, 2.5)
        s.mark_input_done("in/a.jsonl", 11, 2.5)
        assert s.input_done("in/a.jsonl", 11, 2.5) and not s.input_done("in/a.jsonl", 10, 1.5)


def test_iter_articles_in_code_point_order_past_one_page(backend):
    ids = [f"{p}{i:04d}" for i in range(700) for p in ("b-", "B_")] + ["a", "Z", "é", "a b"]
    with backend.open() as s:
        s.add_articles([_art(i, f"Short note number {i}.") for i in ids])
        got = [a.id for a in s.iter_articles()]
        assert s.count_articles() == len(ids)
    assert got == sorted(ids)


def test_kill_midway_then_rerun_finishes_without_duplicates(pg, tmp_path):
    """The same as tests/test_store.py's SQLite case, for PostgreSQL (run once: it is the slowest test)."""
    backend = pg
    n = 1500
    src = tmp_path / "big.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for i in range(n):
            body = f"Report {i}: the council of Velm met on Tuesday to discuss harbour repairs. " * 20
            fh.write(json.dumps({"id": f"r{i:05d}", "text": body, "published": "2025-03-10"}) + "\n")
    cmd = _analyze_cmd([src], backend.address) + ["-q"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=REPO)
    deadline = time.time() + 120
    while backend.count() < 200 and proc.poll() is None and time.time() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "ingestion finished before it could be killed; make the input larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 0 < backend.count() < n
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, cwd=REPO)
    with backend.open() as s:
        ids = [a.id for a in s.iter_articles()]
    assert ids == [f"r{i:05d}" for i in range(n)]


# --- PostgreSQL only ---


def test_unreachable_server_is_a_store_error_without_the_password():
    pytest.importorskip("psycopg")
    from storyline.store.postgres import PostgresStore

    with pytest.raises(StoreError, match="cannot connect") as info:
        PostgresStore("postgresql://someone:s3cret-pw@127.0.0.1:1/nowhere", connect_timeout=2)
    assert "s3cret-pw" not in str(info.value) and "someone:***@127.0.0.1:1/nowhere" in str(info.value)


def test_foreign_articles_table_is_not_a_store(pg):
    pg.sql("CREATE TABLE articles (name TEXT)")
    with pytest.raises(StoreError, match="not a storyline store"):
        pg.open()


def test_nul_characters_are_stored_and_re_adding_stays_a_no_op(pg):
    odd = _art("nul", "Before\x00after.")
    with pg.open() as s:
        assert s.add_articles([odd])[:2] == (1, 0)
        assert s.add_articles([odd])[:2] == (0, 1)
        assert s.get_article("nul").text == "Before\ufffdafter."
        s.add_errors([ReadError("bad\x00name.txt", "odd\x00message")])
        assert len(list(s.iter_errors())) == 1


def test_threads_racing_on_the_same_ids_and_result_kind(pg):
    """Writers adding overlapping batches in opposite orders, and replacing one result kind, lose nothing."""
    ids = [f"race{i:03d}" for i in range(300)]
    outcomes: list[tuple[int, int, int]] = []
    failures: list[BaseException] = []
    lists = {w: [{"writer": w, "n": k} for k in range(50)] for w in range(4)}
    with pg.open():
        pass
    barrier = threading.Barrier(4)

    def writer(w: int) -> None:
        try:
            with pg.open() as s:
                barrier.wait()
                for start in range(0, len(ids), 60):
                    chunk = ids[start : start + 60] if w % 2 == 0 else ids[start : start + 60][::-1]
                    added, unchanged, conflicts = s.add_articles([_art(i, f"Note {i}.") for i in chunk])
                    outcomes.append((added, unchanged, len(conflicts)))
                    s.put_results("stories", lists[w])
        except BaseException as exc:  # noqa: BLE001 - reported below
            failures.append(exc)

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not failures, failures
    assert sum(o[0] for o in outcomes) == len(ids)
    assert sum(o[1] for o in outcomes) == 3 * len(ids) and sum(o[2] for o in outcomes) == 0
    with pg.open() as s:
        assert [a.id for a in s.iter_articles()] == ids
        assert s.get_results("stories") in list(lists.values())


def _jsonl(path: Path, numbers: list[int]) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for i in numbers:
            body = f"Dispatch {i}: the harbour board of Velm approved repairs to pier {i % 17}. " * 8
            fh.write(json.dumps({"id": f"d{i:05d}", "title": f"Pier news {i}", "text": body}) + "\n")
    return path


def test_two_analyze_processes_on_overlapping_inputs(pg, tmp_path):
    first = _jsonl(tmp_path / "first.jsonl", list(range(0, 1000)))
    second = _jsonl(tmp_path / "second.jsonl", list(range(1399, 599, -1)) + list(range(1400, 1800)))
    both = _jsonl(tmp_path / "both.jsonl", list(range(1800, 1900)))
    env = {**os.environ, "COLUMNS": "500", "PYTHONWARNINGS": "ignore"}
    procs = [
        subprocess.Popen(
            _analyze_cmd(paths, pg.address),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
            env=env,
        )
        for paths in ([first, both], [second, both])
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err
        assert "Traceback" not in err and "error" not in err.lower(), err
        assert "problem(s)" not in out, out
    counts = [re.search(r"\((\d+) already done\).*?(\d+) new, (\d+) unchanged", out, re.S) for out, _ in outs]
    assert all(counts), outs
    skipped, added, unchanged = (sum(int(m.group(g)) for m in counts) for g in (1, 2, 3))
    assert skipped <= 1 and added == 1900
    assert unchanged == 400 + 100 * (1 - skipped)
    with pg.open() as s:
        ids = [a.id for a in s.iter_articles()]
        assert list(s.iter_errors()) == []
        assert s.get_article("d00700").title == "Pier news 700"
    assert ids == [f"d{i:05d}" for i in range(1900)]


# --- the CI gate itself ---


def test_missing_server_skips_locally_and_fails_under_ci(monkeypatch):
    monkeypatch.delenv(PG_ENV, raising=False)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match=f"{PG_ENV} is not set"):
        _pg_address()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="must run, not skip"):
        _pg_address()
    monkeypatch.setenv(PG_ENV, "postgresql://nobody:pw@127.0.0.1:1/none")
    with pytest.raises(pytest.fail.Exception, match="must run, not skip"):
        _pg_address()
    monkeypatch.setenv("CI", "false")
    with pytest.raises(pytest.skip.Exception):
        _pg_address()


def test_cache_keeps_values_by_kind_and_key(backend):
    with backend.open() as s:
        s.put_cached("scopes", {"k1": b"one", "k2": b"two\x00"})
        s.put_cached("times", {"k1": b"other kind"})
        s.put_cached("scopes", {"k2": b"two again"})
        assert s.get_cached("scopes", ["k1", "k2", "k3"]) == {"k1": b"one", "k2": b"two again"}
        assert sorted(s.cached_keys("scopes")) == ["k1", "k2"]
        assert s.keep_cached("scopes", ["k2"]) == 1
        assert s.get_cached("scopes", ["k1", "k2"]) == {"k2": b"two again"}
        assert s.get_cached("times", ["k1"]) == {"k1": b"other kind"}
    with backend.open() as s:
        assert s.get_cached("scopes", [f"k{i}" for i in range(1200)]) == {"k2": b"two again"}
