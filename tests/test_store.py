"""The SQLite store: idempotent adds, conflicts, schema version, and a kill in the middle of ingestion."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from storyline.model import Article, ReadError, Removed
from storyline.store import SCHEMA_VERSION, SQLiteStore, StoreError, open_store


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


def test_round_trip_keeps_every_field(tmp_path):
    with SQLiteStore(tmp_path / "s.db") as s:
        s.add_articles([_art("a")])
        got = s.get_article("a")
    assert got == _art("a")


def test_a_reader_never_creates_or_writes_a_store(tmp_path):
    """A worker opens the store read-only: a path with no store is an error (no empty store made in its
    place), an in-memory store has no address another process could open, and a reader cannot write."""
    missing = tmp_path / "elsewhere.db"
    with pytest.raises(StoreError):
        open_store(str(missing), readonly=True)
    assert not missing.exists()
    with SQLiteStore(":memory:") as s:
        assert s.worker_address() is None
    with SQLiteStore(tmp_path / "s.db") as s:
        s.add_articles([_art("a")])
        address = s.worker_address()
    assert address == str((tmp_path / "s.db").resolve())
    with open_store(address, readonly=True) as reader:
        assert reader.get_articles(["a"]) == [_art("a")]
        with pytest.raises(sqlite3.OperationalError):
            reader.add_articles([_art("b")])
    with SQLiteStore(tmp_path / "s.db") as s:
        assert s.count_articles() == 1


def test_re_adding_is_a_no_op_and_conflict_is_reported(tmp_path):
    with SQLiteStore(tmp_path / "s.db") as s:
        assert s.add_articles([_art("a"), _art("b")])[:2] == (2, 0)
        assert s.add_articles([_art("a")])[:2] == (0, 1)
        added, unchanged, conflicts = s.add_articles([_art("a", "A different text under the same id.")])
        assert (added, unchanged) == (0, 0) and len(conflicts) == 1
        assert "'a'" in str(conflicts[0]) and "--replace" in str(conflicts[0])
        assert s.get_article("a").text == "The ferry to Velm sailed on time."
        assert s.add_articles([_art("a", "A different text under the same id.")], replace=True)[0] == 1
        assert s.get_article("a").text.startswith("A different")
        assert s.count_articles() == 2


def test_failed_batch_rolls_back(tmp_path):
    with SQLiteStore(tmp_path / "s.db") as s:
        s.add_articles([_art("kept")])

        def batch():
            yield _art("new1")
            raise RuntimeError("reader crashed")

        with pytest.raises(RuntimeError):
            s.add_articles(batch())
        assert [a.id for a in s.iter_articles()] == ["kept"]


def test_schema_version_recorded_and_checked(tmp_path):
    p = tmp_path / "s.db"
    with SQLiteStore(p) as s:
        assert s.schema_version == SCHEMA_VERSION
    con = sqlite3.connect(p)
    con.execute("UPDATE meta SET value='999' WHERE key='schema_version'")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="schema version 999"):
        SQLiteStore(p)


def test_not_a_store(tmp_path):
    p = tmp_path / "junk.db"
    p.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="junk.db"):
        open_store(str(p))


def test_errors_results_and_state(tmp_path):
    with SQLiteStore(tmp_path / "s.db") as s:
        s.add_errors([ReadError("f.jsonl", "not valid JSON", 3)])
        s.put_results("stories", [{"id": "s1"}, {"id": "s2"}])
        s.put_results("stories", [{"id": "s3"}])
        s.put_state("lsh", b"\x00\x01")
        assert [str(e) for e in s.iter_errors()] == ["f.jsonl:3: not valid JSON"]
        assert s.get_results("stories") == [{"id": "s3"}]
        assert s.get_state("lsh") == b"\x00\x01" and s.get_state("none") is None


def _count(db) -> int:
    try:
        con = sqlite3.connect(db, timeout=5)
        try:
            return con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def test_kill_midway_then_rerun_finishes_without_duplicates(tmp_path):
    n = 6000
    src = tmp_path / "big.jsonl"
    with open(src, "w", encoding="utf-8") as fh:
        for i in range(n):
            body = f"Report {i}: the council of Velm met on Tuesday to discuss harbour repairs. " * 20
            fh.write(json.dumps({"id": f"r{i:05d}", "text": body, "published": "2025-03-10"}) + "\n")
    db = tmp_path / "kill.db"
    cmd = [sys.executable, "-m", "storyline", "analyze", str(src), "--db", str(db), "-q", "--ingest-only"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while _count(db) < 400 and proc.poll() is None and time.time() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "ingestion finished before it could be killed; make the input larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    partial = _count(db)
    assert 0 < partial < n
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    con = sqlite3.connect(db)
    total, distinct = con.execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM articles").fetchone()
    con.close()
    assert total == distinct == n
