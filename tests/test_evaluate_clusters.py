import json

import pytest

from storyline.evaluate.clusters import evaluate_file, gold_labels, main, score_clusters, score_labels

GOLD = {"a": "G1", "b": "G1", "c": "G1", "d": "G2", "e": "G2"}
PRED = {"a": "P1", "b": "P1", "c": "P2", "d": "P2", "e": "P2"}


def test_bcubed_by_hand():
    s = score_labels(GOLD, PRED)
    # precision per item: 1, 1, 1/3, 2/3, 2/3; recall: 2/3, 2/3, 1/3, 1, 1
    assert s["bcubed_p"] == pytest.approx(11 / 15)
    assert s["bcubed_r"] == pytest.approx(11 / 15)
    assert s["bcubed_f1"] == pytest.approx(11 / 15)


def test_pairwise_and_ari_by_hand():
    s = score_labels(GOLD, PRED)
    assert s["pair_p"] == pytest.approx(0.5)
    assert s["pair_r"] == pytest.approx(0.5)
    # ARI = (2 - 16/10) / (4 - 16/10)
    assert s["ari"] == pytest.approx(0.4 / 2.4)


def test_perfect_and_missing_predictions():
    perfect = score_labels(GOLD, GOLD)
    assert perfect["bcubed_f1"] == 1.0 and perfect["pair_f1"] == 1.0 and perfect["ari"] == 1.0
    empty = score_labels(GOLD, {})
    assert empty["bcubed_p"] == 1.0
    assert empty["bcubed_r"] == pytest.approx((1 / 3 * 3 + 1 / 2 * 2) / 5)


def test_noise_articles_are_singletons():
    rows = [
        {"id": "x", "gold": {"story": "junk", "noise": True}},
        {"id": "y", "gold": {"story": "junk", "noise": True}},
        {"id": "z", "gold": {"story": "real"}},
    ]
    gold = gold_labels(rows)
    assert gold["x"] != gold["y"]
    s = score_labels(gold, {"x": "p", "y": "p", "z": "q"})
    assert s["bcubed_p"] == pytest.approx((0.5 + 0.5 + 1) / 3)
    assert s["bcubed_r"] == 1.0


def _write(path, rows):
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")


def test_score_clusters_reads_files(tmp_path):
    _write(tmp_path / "gold.jsonl", [{"id": k, "text": "t", "gold": {"story": v}} for k, v in GOLD.items()])
    _write(tmp_path / "pred.jsonl", [{"id": k, "story": v, "thread": "t"} for k, v in PRED.items()])
    s = score_clusters(tmp_path / "gold.jsonl", tmp_path / "pred.jsonl")
    assert s["bcubed_f1"] == pytest.approx(11 / 15)


STORY_A = (
    "The Riverton council voted on {d} to close the old Halden Street bridge after engineers found cracks in its "
    "steel supports."
)
STORY_B = (
    "Chess grandmaster Ilse Varga won the Nordport open on {d}, beating Tomas Brenn in a tense final round of 61 moves."
)


def test_evaluate_file_clusters_without_seeing_gold(tmp_path):
    rows = []
    for i in range(3):
        rows.append(
            {
                "id": f"a{i}",
                "title": "Halden Street bridge closed",
                "text": STORY_A.format(d="Monday"),
                "published": "2031-03-03",
                "gold": {"story": "bridge"},
            }
        )
        rows.append(
            {
                "id": f"b{i}",
                "title": "Varga wins Nordport open",
                "text": STORY_B.format(d="Sunday"),
                "published": "2031-03-02",
                "gold": {"story": "chess"},
            }
        )
    _write(tmp_path / "g.jsonl", rows)
    s = evaluate_file(tmp_path / "g.jsonl")
    assert s["bcubed_f1"] == 1.0
    assert s["pred_stories"] == 2


def test_cli_prints_tables(tmp_path, capsys):
    _write(tmp_path / "gold.jsonl", [{"id": k, "text": "t", "gold": {"story": v}} for k, v in GOLD.items()])
    _write(tmp_path / "pred.jsonl", [{"id": k, "story": v} for k, v in PRED.items()])
    assert main([str(tmp_path / "gold.jsonl"), "--pred", str(tmp_path / "pred.jsonl")]) == 0
    out = capsys.readouterr().out
    assert "| BCubed | 0.733 | 0.733 | 0.733 |" in out
    assert "adjusted Rand index" in out


def test_regimes_without_fit_is_a_usage_error(tmp_path, capsys):
    import pytest

    _write(tmp_path / "gold.jsonl", [{"id": k, "text": "t", "gold": {"story": v}} for k, v in GOLD.items()])
    with pytest.raises(SystemExit) as exc:
        main([str(tmp_path / "gold.jsonl"), "--regimes", str(tmp_path / "gold.jsonl")])
    assert exc.value.code == 2
    assert "--regimes goes with --fit" in capsys.readouterr().err
