"""The analyze command end to end: store, JSON document, summary, problems, reruns."""

from __future__ import annotations

import json

from storyline.cli import main

ARTICLE_KEYS = {"id", "path", "url", "source", "credits", "title", "published", "language", "text", "removed"}


def test_analyze_writes_json_document(corpus, tmp_path, capsys):
    out = tmp_path / "out.json"
    assert main(["analyze", str(corpus), "--db", str(tmp_path / "s.db"), "--json", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert {"articles", "copy_groups", "stories", "threads", "claims", "timeline"} <= set(doc)
    by_id = {a["id"]: a for a in doc["articles"]}
    assert set(by_id) == {"wire", "reprint", "dated"}
    assert all(ARTICLE_KEYS <= set(a) for a in doc["articles"])
    assert by_id["wire"]["source"] == "Meridian News"
    assert by_id["reprint"]["credits"] == ["Meridian News"]
    assert by_id["dated"]["published"] == "2025-03-10"
    assert any(r["reason"] == "newsletter prompt" for r in by_id["reprint"]["removed"])
    assert "3 new" in capsys.readouterr().out


def test_rerun_is_a_no_op_and_conflicts_are_reported(corpus, tmp_path, capsys):
    db = str(tmp_path / "s.db")
    main(["analyze", str(corpus), "--db", db])
    capsys.readouterr()
    main(["analyze", str(corpus), "--db", db, "--reread"])
    assert "0 new, 3 unchanged" in capsys.readouterr().out
    (corpus / "wire.txt").write_text("A completely different text now sits under the id wire.", encoding="utf-8")
    main(["analyze", str(corpus), "--db", db])
    out = capsys.readouterr().out
    assert "'wire' is already stored with a different text" in out and "wire.txt" in out
    main(["analyze", str(corpus), "--db", db, "--replace", "--reread", "--json", str(tmp_path / "o.json")])
    doc = json.loads((tmp_path / "o.json").read_text())
    assert next(a for a in doc["articles"] if a["id"] == "wire")["text"].startswith("A completely different")


def test_bad_input_does_not_stop_the_run(tmp_path, capsys):
    d = tmp_path / "in"
    d.mkdir()
    (d / "empty.txt").write_bytes(b"")
    (d / "rows.jsonl").write_text('{"id": "a", "text": "Fine row."}\nnot json\n{"id": "a", "text": "Other text, same id."}\n', encoding="utf-8")
    out = tmp_path / "o.json"
    main(["analyze", str(d), "--db", str(tmp_path / "s.db"), "--json", str(out)])
    printed = capsys.readouterr().out
    assert "empty.txt: empty file" in printed
    assert "rows.jsonl:2: not valid JSON" in printed
    assert "'a' is already stored with a different text" in printed
    assert [a["id"] for a in json.loads(out.read_text())["articles"]] == ["a"]
