"""explain() verdicts and the JSONL records of `storyline copies`."""

import json

from test_copies_texts import OTHER, REPRINT, TRIMMED, WIRE

from storyline.copies import copy_records, explain, find_copies, format_explanation, groups_json, write_copies_jsonl
from storyline.model import Article


def test_explain_a_copy():
    wire = Article("wire", WIRE, source="Harbor Wire")
    reprint = Article("reprint", REPRINT, credits=["Harbor Wire"])
    result = explain(reprint, wire)
    assert result["verdict"] == "copy"
    assert result["origin"] == "wire" and result["relation"] == "edited"
    assert 0.3 < result["similarity"] < 1.0
    assert set(result["containment"]) == {"reprint in wire", "wire in reprint"}
    assert any("credited as wire source" in r for r in result["reasons"])
    assert result["diff"]["origin"] == "wire" and result["diff"]["kinds"]["honorific"] == 1
    text = format_explanation(result)
    assert text.startswith("reprint vs wire: COPY")
    assert "honorific: '' -> 'Mr'" in text


def test_explain_a_non_copy():
    result = explain(Article("a", WIRE), Article("b", OTHER))
    assert result["verdict"] == "not a copy"
    assert result["origin"] is None and result["diff"] is None
    assert result["similarity"] < 0.05
    assert "NOT A COPY" in format_explanation(result)


def test_records_one_line_per_article(tmp_path):
    arts = [
        Article("wire", WIRE, published="2024-06-02"),
        Article("trimmed", TRIMMED, published="2024-06-03"),
        Article("other", OTHER),
    ]
    groups = find_copies(arts)
    out = tmp_path / "copies.jsonl"
    assert write_copies_jsonl([a.id for a in arts], groups, out) == 3
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [x["id"] for x in lines] == ["wire", "trimmed", "other"]
    assert lines[0] == {
        "id": "wire",
        "copy_group": groups[0].id,
        "copy_of": None,
        "relation": "origin",
        "similarity": 1.0,
    }
    assert (
        lines[1]["copy_of"] == "wire" and lines[1]["relation"] == "partial" and lines[1]["copy_group"] == groups[0].id
    )
    assert lines[2] == {"id": "other", "copy_group": None, "copy_of": None, "relation": None, "similarity": None}
    assert copy_records(["wire"], groups) == lines[:1]
    assert groups_json(groups)[0]["origin"] == "wire"
