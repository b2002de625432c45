"""The TimeML reader and the TempEval-3 style scores, on a small TimeML file written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.evaluate.timex import evaluate_dates, main, read_timeml
from storyline.model import TimeMention

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>t1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-05-27" functionInDocument="CREATION_TIME">2024-05-27</TIMEX3></DCT>
<TEXT>The pier <EVENT eid="e1">closed</EVENT> <TIMEX3 tid="t1" type="DATE" value="2024-05-26">on Sunday</TIMEX3> and \
reopens <TIMEX3 tid="t2" type="DATE" value="2024-06">in June</TIMEX3> for <TIMEX3 tid="t3" type="DURATION" \
value="P2W">two weeks</TIMEX3>.</TEXT>
</TimeML>
"""


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "t1.tml").write_text(TML, encoding="utf-8")
    return tmp_path


def test_reader_recovers_text_spans_and_creation_date(corpus: Path) -> None:
    doc = read_timeml(corpus / "t1.tml")
    assert doc.dct == "2024-05-27"
    assert [(doc.text[t.start : t.end], t.value, t.kind) for t in doc.timexes] == [
        ("on Sunday", "2024-05-26", "DATE"),
        ("in June", "2024-06", "DATE"),
        ("two weeks", "P2W", "DURATION"),
    ]


def test_scores_count_strict_relaxed_and_value_matches(corpus: Path) -> None:
    def finder(text: str, anchor: str | None) -> list[TimeMention]:
        i, j = text.index("Sunday"), text.index("June")
        return [
            TimeMention(i, i + 6, "Sunday", "2024-05-26"),  # relaxed only, right value
            TimeMention(j - 3, j + 4, "in June", "2025-06"),  # strict, wrong value
            TimeMention(0, 3, "The", "PRESENT_REF"),  # spurious
        ]

    s, errors = evaluate_dates([corpus], finder)
    assert (s["gold"], s["system"]) == (3, 3)
    assert s["strict_p"] == pytest.approx(1 / 3) and s["relaxed_r"] == pytest.approx(2 / 3)
    assert s["value_accuracy"] == pytest.approx(1 / 2)
    assert s["value_p"] == pytest.approx(1 / 3) and s["value_r"] == pytest.approx(1 / 3)
    assert {e[1] for e in errors} == {"miss", "value", "span", "extra"}


def test_command_prints_figures_and_rejects_missing_folders(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(corpus)]) == 0
    assert "value P" in capsys.readouterr().out
    assert main([str(corpus / "nope")]) == 2
