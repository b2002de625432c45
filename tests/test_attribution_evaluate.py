"""The PolNeAR scorer, on a tiny brat folder written by the test."""

from __future__ import annotations

import json

from storyline.evaluate.attribution import Counts, evaluate, main, read_polnear, score

TEXT = "The mayor said the bridge would close. Traffic was light.\n"
#       0         1         2         3
#       0123456789012345678901234567890123456789


def write_folder(tmp_path):
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "doc1.txt").write_text(TEXT, encoding="utf-8")
    ann = (
        "T1\tSource 0 9\tThe mayor\n"
        "T2\tCue 10 14\tsaid\n"
        "T3\tContent 15 38\tthe bridge would close.\n"
        "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3\n"
    )
    (tmp_path / "attributions" / "doc1_aaaa.ann").write_text(ann, encoding="utf-8")
    (tmp_path / "attributions" / "doc1_bbbb.ann").write_text("T1\tSource 4 9\tmayor\n", encoding="utf-8")
    return tmp_path


def test_reader_trims_edges_and_keeps_first_annotator(tmp_path):
    docs, others = read_polnear(write_folder(tmp_path))
    assert [(d.name, d.annotator) for d in docs] == [("doc1", "aaaa")]
    assert [o.annotator for o in others] == ["bbbb"]
    assert docs[0].spans["content"] == {((15, 37),)}
    assert docs[0].spans["source"] == {((0, 9),)}


def test_exact_and_overlap_counts():
    exact, overlap = Counts(), Counts()
    gold = {((0, 9),), ((20, 30),)}
    pred = {((0, 9),), ((25, 40),), ((50, 55),)}
    score(pred, gold, exact, overlap)
    assert (exact.matched_pred, exact.pred, exact.gold) == (1, 3, 2)
    assert (overlap.matched_pred, overlap.matched_gold) == (2, 2)
    p, r, f = overlap.prf()
    assert round(p, 3) == 0.667 and r == 1.0 and round(f, 3) == 0.8


def test_evaluate_perfect_prediction_scores_one(tmp_path):
    docs, _ = read_polnear(write_folder(tmp_path))
    table = evaluate(docs, [d.spans for d in docs])
    assert all(table[role][rule]["f1"] == 1.0 for role in table for rule in ("exact", "overlap"))


def test_command_prints_json(tmp_path, capsys):
    folder = write_folder(tmp_path)
    assert main([str(folder), "--rules", "--json", "--agreement"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["backend"] == "rules" and out["documents"] == 1
    assert out["scores"]["source"]["exact"]["gold"] == 1
    assert out["scores"]["source"]["exact"]["f1"] == 1.0
    assert out["agreement"]["scores"]["source"]["overlap"]["f1"] == 1.0
    assert out["agreement"]["scores"]["source"]["exact"]["f1"] == 0.0


def test_reader_trims_a_non_breaking_space_at_the_edge(tmp_path):
    """An annotator's selection that ends in a non-breaking space names the same span as one without it."""
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    text = "Officials\xa0said the pier was safe.\n"
    (tmp_path / "text" / "d.txt").write_text(text, encoding="utf-8")
    (tmp_path / "attributions" / "d_aaaa.ann").write_text("T1\tSource 0 10\tOfficials\xa0\n", encoding="utf-8")
    docs, _ = read_polnear(tmp_path)
    assert docs[0].spans["source"] == {((0, 9),)}
