"""The small-file JSONL reader the evaluations and match-claims share: blank lines skipped, the first bad
line named by file and number."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.evaluate.clusters import read_jsonl
from storyline.evaluate.planted import read_rows
from storyline.ingest.jsonl import json_lines
from storyline.sources.match import _read as read_pairs


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "rows.jsonl"
    path.write_text(text, encoding="utf-8")
    return path


def test_values_come_with_their_line_numbers(tmp_path: Path) -> None:
    path = _write(tmp_path, '{"id": "harbour"}\n\n  \n[1, 2]\n')
    assert list(json_lines(path)) == [(1, {"id": "harbour"}), (4, [1, 2])]


def test_a_bad_line_is_named_by_file_and_number(tmp_path: Path) -> None:
    path = _write(tmp_path, '{"id": "harbour"}\n{"id": \n')
    with pytest.raises(ValueError, match=rf"^{path}:2: not a widget line \(Expecting value"):
        list(json_lines(path, "a widget line"))


def test_the_readers_keep_their_own_words(tmp_path: Path) -> None:
    path = _write(tmp_path, '{"a": "The ferry ran late.", "b": "The ferry was late."}\n"a string"\n')
    with pytest.raises(ValueError, match=r":2: not an Article JSONL line \(a JSON object per line\)$"):
        read_rows(path)
    with pytest.raises(ValueError, match=r':2: needs "a" and "b" strings$'):
        read_pairs(str(path))
    assert read_jsonl(path)[1] == "a string"
    bad = _write(tmp_path, "{oops\n")
    with pytest.raises(ValueError, match=r":1: not a JSONL line \("):
        read_jsonl(bad)
    with pytest.raises(ValueError, match=r":1: not JSON \("):
        read_pairs(str(bad))
