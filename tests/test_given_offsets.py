"""Every offset storyline writes points into the text as the user gave it, not the cleaned text:
``dates`` and ``sources`` on a reprint whose boilerplate cleaning drops."""

from __future__ import annotations

import json
from pathlib import Path

from storyline.cli import main

REPRINT = Path(__file__).resolve().parents[1] / "examples" / "text" / "02_reprint_northern_ledger.txt"


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_dates_offsets_index_the_given_text(tmp_path):
    out = tmp_path / "d.jsonl"
    assert main(["dates", str(REPRINT), "-o", str(out)]) == 0
    given = REPRINT.read_text(encoding="utf-8")
    [row] = _rows(out)
    mentions = row["mentions"]
    assert any(m["text"] == "March 10" for m in mentions)
    assert mentions and all(given[m["start"] : m["end"]] == m["text"] for m in mentions)
    first_body = given.index("VELITSA")
    assert min(m["start"] for m in mentions) > first_body, "boilerplate above the body shifts every offset"


def test_sources_reads_any_input_kind_with_offsets_into_the_given_text(tmp_path):
    out = tmp_path / "s.jsonl"
    assert main(["sources", str(REPRINT), "-o", str(out), "--rules"]) == 0
    given = REPRINT.read_text(encoding="utf-8")
    [row] = _rows(out)
    missing = next(a for a in row["attributions"] if a["text"].startswith("Another 23 people"))
    assert given[missing["start"] : missing["end"]] == missing["text"]
    assert missing["start"] == given.index("Another 23 people")
