"""Claims grow by agreement, not by chaining: :func:`storyline.sources.grouping.gated_linkage` and the
claims ``build_claims`` makes with it, on text written for these tests."""

from __future__ import annotations

import numpy as np

from storyline.model import Article, Attribution, Source
from storyline.sources.claims import build_claims
from storyline.sources.grouping import gated_linkage
from storyline.timeline import find_times

WAREHOUSE = [
    "Floodwater destroyed the old grain warehouse at Velm harbour.",
    "The old grain warehouse at Velm harbour was destroyed by floodwater.",
    "Floodwater wrecked the grain warehouse in Velm harbour.",
    "At Velm harbour, the old grain warehouse was destroyed by the floodwater.",
]
BRIDGE = [
    "The council promised a new footbridge over the Orla river.",
    "A new footbridge over the Orla river was promised by the council.",
    "The council has promised to build a new footbridge across the Orla river.",
    "Over the Orla river, the council promised a new footbridge.",
]
SUMMARY = "Floodwater destroyed the grain warehouse at Velm harbour and the council promised a new footbridge."


def _one_sentence_articles(texts: list[str]) -> tuple[dict[str, Article], dict[str, list[Attribution]]]:
    articles, attributions = {}, {}
    for k, text in enumerate(texts):
        aid = f"a{k:02d}"
        outlet = f"Outlet {k}"
        articles[aid] = Article(id=aid, text=text, source=outlet)
        attributions[aid] = [Attribution(aid, 0, len(text), text, [Source(outlet, "outlet")])]
    return articles, attributions


def _same_meaning(texts: list[str]) -> list[list[float]]:
    """A stand-in encoder that finds every sentence alike: only the shared words tell them apart."""
    return [[1.0, 0.0] for _ in texts]


def test_with_no_floor_the_grouping_is_connected_components():
    nan = np.nan
    score = np.array([[nan, 0.9, 0.1, nan], [0.9, nan, 0.6, 0.1], [0.1, 0.6, nan, 0.0], [nan, 0.1, 0.0, nan]])
    tied = np.zeros((4, 4), dtype=bool)
    tied[2, 3] = tied[3, 2] = True
    assert gated_linkage(score, tied, 0.5, 0.0) == [[0, 1, 2, 3]]


def test_a_pair_that_bridges_two_groups_does_not_join_them_when_the_rest_disagree():
    """Rows 0-3 agree, rows 5-8 agree, row 4 matches row 3 and row 5 above the threshold and the two
    groups nothing else: connected components give one group, the floor keeps two."""
    n = 9
    score = np.full((n, n), 0.02)
    score[:4, :4] = score[5:, 5:] = 0.9
    score[4, 3] = score[3, 4] = 0.8
    score[4, 5] = score[5, 4] = 0.7
    np.fill_diagonal(score, np.nan)
    tied = np.zeros((n, n), dtype=bool)
    assert gated_linkage(score, tied, 0.5, 0.0) == [list(range(n))]
    assert gated_linkage(score, tied, 0.5, 0.125) == [[0, 1, 2, 3, 4], [5, 6, 7, 8]]


def test_a_summary_of_two_facts_does_not_make_them_one_claim():
    """Eight outlets report the warehouse, eight the footbridge, one a sentence with both: that sentence
    matches a statement of each fact, but the two facts stay two claims with eight origins each."""
    texts = [WAREHOUSE[k % 4] for k in range(8)] + [BRIDGE[k % 4] for k in range(8)] + [SUMMARY]
    articles, attributions = _one_sentence_articles(texts)
    ids = sorted(articles)
    claims = build_claims(articles, attributions, {a: a for a in ids}, {a: "t" for a in ids}, embedder=_same_meaning)
    warehouse = [c for c in claims if any("warehouse" in s.text and "footbridge" not in s.text for s in c.statements)]
    bridge = [c for c in claims if any("footbridge" in s.text and "warehouse" not in s.text for s in c.statements)]
    assert len(warehouse) == 1 and len(bridge) == 1 and warehouse != bridge
    assert len(warehouse[0].origins) >= 8 and len(bridge[0].origins) >= 8


def test_an_undated_headline_is_compared_by_meaning_with_its_dated_lead():
    """'Gale closes the Velm ferry port to all sailings' has no date, its lead ('... on Tuesday') has
    one: they are compared by meaning, as two undated sentences are (was: never, so never one claim)."""
    headline = "Gale closes the Velm ferry port to all sailings"
    lead = "Storm winds closed the ferry port at Velm on Tuesday, stopping every crossing."
    a = Article(id="a", text=headline, source="Courier", published="2031-03-05")
    b = Article(id="b", text=lead, source="Ledger", published="2031-03-05")
    attributions = {
        "a": [Attribution("a", 0, len(headline), headline, [Source("Courier", "outlet")])],
        "b": [Attribution("b", 0, len(lead), lead, [Source("Ledger", "outlet")])],
    }
    articles = {"a": a, "b": b}
    times = {aid: find_times(art.text, art.published) for aid, art in articles.items()}
    assert times["b"] and not times["a"]
    claims = build_claims(
        articles, attributions, {"a": "ga", "b": "gb"}, {"a": "t", "b": "t"}, embedder=_same_meaning, times=times
    )
    assert [c.article_ids for c in claims if len(c.article_ids) > 1] == [["a", "b"]]


def test_copies_are_not_joined_through_a_third_when_two_cannot_be_one_claim():
    """Rows 0-1 and 1-2 are near-identical (tied), but 0 and 2 give other figures (apart): the copies
    join, the other report does not; without ``apart`` all three are one group."""
    nan = np.nan
    score = np.array([[nan, 0.9, 0.0], [0.9, nan, 0.4], [0.0, 0.4, nan]])
    tied = np.array([[False, True, False], [True, False, True], [False, True, False]])
    apart = np.zeros((3, 3), dtype=bool)
    apart[0, 2] = apart[2, 0] = True
    assert gated_linkage(score, tied, 0.5, 0.125) == [[0, 1, 2]]
    groups = gated_linkage(score, tied, 0.5, 0.125, apart)
    assert not any(0 in g and 2 in g for g in groups) and any(1 in g and len(g) == 2 for g in groups)


def test_reports_of_other_figures_stay_out_of_a_claim_even_through_a_bridge():
    """Two outlets give one week's jobless figure, a third gives another week's in the same words, and a
    fourth sentence matches both: the other week's report is never a statement of the first claim."""
    texts = [
        "Initial jobless claims fell to 498,000 in the week, the Labor Department said on Thursday.",
        "Initial jobless claims fell to 498,000 in the week, the Labor Department reported on Thursday.",
        "Initial jobless claims fell in the week, the Labor Department said on Thursday.",
        "Initial jobless claims fell to 293,000 in the week, the Labor Department said on Thursday.",
    ]
    articles, attributions = _one_sentence_articles(texts)
    ids = sorted(articles)
    claims = build_claims(articles, attributions, {a: a for a in ids}, {a: "t" for a in ids}, embedder=_same_meaning)
    for claim in claims:
        said = {s.text for s in claim.statements}
        assert not (any("498,000" in t for t in said) and any("293,000" in t for t in said)), said
    assert any(sum("498,000" in s.text for s in c.statements) == 2 for c in claims)
