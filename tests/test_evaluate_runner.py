"""The shared pieces of the evaluate subcommands: one-line errors with exit code 2, the same wording."""

from __future__ import annotations

import json
from pathlib import Path

from storyline.evaluate import cleaning, copies, translations
from storyline.evaluate.runner import fail, missing, parser, write_json


def test_missing_names_every_absent_path_on_one_line(tmp_path: Path, capsys) -> None:
    here = tmp_path / "here.jsonl"
    here.write_text("", encoding="utf-8")
    absent = [str(tmp_path / "gone.jsonl"), str(tmp_path / "lost.jsonl")]
    assert missing([here, *absent]) == absent
    assert capsys.readouterr().err == f"error: not a file: {', '.join(absent)}\n"


def test_missing_with_another_test_and_wording(tmp_path: Path, capsys) -> None:
    assert missing([tmp_path], "not found", Path.exists) == []
    assert capsys.readouterr().err == ""
    assert missing([tmp_path], "not a file") == [str(tmp_path)]


def test_fail_prints_one_line_and_gives_2(capsys) -> None:
    assert fail("the sky is green") == 2
    assert capsys.readouterr().err == "error: the sky is green\n"


def test_parser_names_the_subcommand() -> None:
    assert parser("widgets", "Count widgets.\n\nMore detail.", first_paragraph=True).prog == (
        "storyline evaluate widgets"
    )
    assert "More detail" not in parser("widgets", "Count widgets.\n\nMore detail.", first_paragraph=True).description


def test_write_json_ends_with_newline(tmp_path: Path) -> None:
    out = tmp_path / "figures.json"
    write_json(out, {"f1": 0.5})
    assert out.read_text(encoding="utf-8").endswith("}\n")
    assert json.loads(out.read_text(encoding="utf-8")) == {"f1": 0.5}


def test_subcommands_say_the_same_thing_for_a_missing_file(tmp_path: Path, capsys) -> None:
    gone = str(tmp_path / "nowhere.jsonl")
    for main in (cleaning.main, copies.main, translations.main):
        assert main([gone]) == 2
        assert capsys.readouterr().err == f"error: not a file: {gone}\n"
