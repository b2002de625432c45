"""The shortcuts of the fast rule-based path give what the plain computations give, on text written for these tests."""

from __future__ import annotations

import random
import re

import numpy as np
import pytest

from storyline.lexicon import SENTENCE_ABBREVIATIONS
from storyline.sources.attribution import _Covered
from storyline.sources.claims import (
    FLOOR,
    JOIN,
    _clusters,
    _conflicting,
    _idf,
    _pair_margin,
    _same_time,
    _Unit,
    content_stems,
    counts,
    figures,
    opposite,
)
from storyline.sources.entities import EntityResolver
from storyline.sources.grouping import gated_linkage
from storyline.sources.names import fold, name_key, name_tokens
from storyline.sources.rules import _SENT_END, _SUBJ_CUE, _add, _subj_cue_matches, split_sentences
from storyline.sources.sameness import NEAR_DUPLICATE
from storyline.timeline.order import calendar_periods

SENTENCES = [
    "Officials in the capital said on Monday that the bridge would close.",
    '"We will rebuild it," Mayor Anna Lindqvist told reporters, adding that buses would run.',
    "The ministry has denied the report, which it called baseless.",
    "A senior official who declined to be named said the talks had stalled and analysts warned of delays.",
    "He said so. She says otherwise, and they claimed nothing said was true",
    "Dr. Ruiz of St. Mary's hospital, who spoke to the Veltria Courier, confirmed 14 deaths.",
    "Nothing here is attributed at all, it is just a sentence about the weather.",
    "The U.S. Department of State said sayings were not reports; the agency's spokesman reportedly disagreed.",
    "Shin Won-sik, the defence minister, stressed that drills would go on.\nKim added, quietly, nothing",
    "“It is over,” said Yonhap, citing a source familiar with the matter.",
]


def old_split_sentences(text: str) -> list:
    """split_sentences as first written: a regex search for the word before each full stop."""
    spans: list = []
    start = 0
    for m in _SENT_END.finditer(text):
        word = re.search(r"([\w]+)\.?[\"”’']?$", text[start : m.start() + 1])
        w = word.group(1) if word else ""
        if m.group(0)[0] == "." and w and (w.lower() in SENTENCE_ABBREVIATIONS or (len(w) == 1 and w.isalpha())):
            continue
        end = m.end() if m.group(0)[0] in ".!?" else m.start()
        _add(spans, text, start, end)
        start = m.end()
    _add(spans, text, start, len(text))
    return spans


def test_split_sentences_matches_the_regex_search():
    rng = random.Random(3)
    extra = [
        "Mr. Kim left.",
        "It cost 3.5 million.",
        "See p. 4. Then go.",
        "Gen. Lee arrived!",
        "Ask U.N. staff.\n\nNext",
        "Über_alles. Ça va.",
        "“Done.” Next one.",
        "A. B. C. D.",
        "x_y. Z",
    ]
    for _ in range(200):
        text = " ".join(rng.choice(SENTENCES + extra) for _ in range(rng.randint(1, 8)))
        assert split_sentences(text) == old_split_sentences(text)


@pytest.mark.parametrize("body", SENTENCES)
def test_subject_cue_search_stops_at_the_last_cue_word_only(body):
    fast = [(m.span(), m.span("src"), m.span("cue")) for m in _subj_cue_matches(body)]
    plain = [(m.span(), m.span("src"), m.span("cue")) for m in _SUBJ_CUE.finditer(body)]
    assert fast == plain


def test_covered_spans_match_the_pairwise_test():
    rng = random.Random(5)
    for _ in range(300):
        spans = [(a, a + rng.randint(1, 30)) for a in (rng.randint(0, 200) for _ in range(rng.randint(0, 8)))]
        covered = _Covered(spans)
        for start in range(0, 230, 3):
            end = start + rng.randint(1, 40)
            assert covered.touches(start, end) == any(a <= start < b or start <= a < end for a, b in spans)


def test_memoised_names_are_fresh_lists_and_accent_folding_is_unchanged():
    first = name_tokens("Mr. Ortega", "person")
    first.append("changed")
    assert name_tokens("Mr. Ortega", "person") == ["ortega"]
    assert fold("Zelenskyy’s Café") == "zelenskyy's cafe"
    assert fold("ASCII Only") == "ascii only"
    assert name_key("Yonhap News Agency", "organisation") == "yonhap"


def test_surname_fits_first_or_last_word_of_full_names_in_the_article():
    r = EntityResolver()
    jong = r.add("Kim Jong Un", "person", "a1", 0, 11)
    yung = r.add("Yung Kim", "person", "a1", 50, 58)
    park = r.add("Park Kim", "person", "a2", 0, 8)
    assert r.resolve("Kim", "person", "a1", at=30) == jong
    assert r.resolve("Kim", "person", "a1", at=80) == yung
    assert r.resolve("Kim", "person", "a2", at=80) == park
    assert r.resolve("Un", "person", "a1", at=80) == jong
    assert r.resolve("Jong", "person", "a1", at=80) is None


def _reference_clusters(units, idf, vectors):
    """Every pair of sentences of different articles scored one by one (``_pair_margin``), then grouped."""
    from rapidfuzz import fuzz

    n = len(units)
    score = np.full((n, n), np.nan)
    tied = np.zeros((n, n), dtype=bool)
    for i in range(n):
        for j in range(i + 1, n):
            a, b = units[i], units[j]
            if a.article_id == b.article_id:
                continue
            if fuzz.ratio(a.text, b.text) >= NEAR_DUPLICATE and not opposite(a, b) and _same_time(a, b):
                tied[i, j] = tied[j, i] = True
            elif a.group != b.group:
                sem = None if vectors is None else float(vectors[i] @ vectors[j])
                s = 0.0 if _conflicting(a, b) or opposite(a, b) else 1.0 / (1.0 + np.exp(-_pair_margin(a, b, idf, sem)))
                score[i, j] = score[j, i] = s
    return gated_linkage(score, tied, JOIN, FLOOR)


def test_claims_in_bulk_match_claims_compared_pair_by_pair():
    """The bulk decisions (sparse overlaps, cdist ratios, one cosine matrix, exact re-checks near
    thresholds) equal a plain loop over every pair, with and without embeddings."""
    rng = random.Random(11)
    facts = [
        "the storm killed 14 people in the northern province on Tuesday night",
        "rescue teams evacuated {n} residents from the flooded villages near the river",
        "the regional governor announced an inquiry into the collapse of the dam",
        "police arrested {n} men suspected of looting shops in the harbour district",
        "the national weather service warned of further heavy rain over the weekend",
        "officials confirmed that 17 people died as floodwaters swept through the province",
    ]
    units = []
    for k in range(12):
        for f in rng.sample(facts, 3):
            words = f.format(n=rng.choice([14, 17, 120, 3000])).split()
            text = " ".join(w for w in words if rng.random() < 0.5 or w.isdigit()).capitalize()
            if rng.random() < 0.3:
                text += " officials said"
            when = rng.choice([set(), {"2031"}, {"2031-05"}, {"2031-06-02"}, {"2030"}])
            stems = content_stems(text) | {f"@{p}" for w in when for p in calendar_periods(w)}
            units.append(
                _Unit(f"a{k:02d}", f"g{k // 2}", "t", text, [], "k", "l", stems, figures(text), counts(text), when)
            )
    idf = _idf(units)
    vectors = np.array([[rng.random() for _ in range(3)] for _ in units], dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    for vecs in (None, vectors):
        bulk = _clusters(units, idf, vecs)
        assert bulk == _reference_clusters(units, idf, vecs)
        assert any(len(c) > 2 for c in bulk) and len(bulk) > 1
    assert _clusters(units, idf, vectors) != _clusters(units, idf, None), "the cosines must decide some pairs"
