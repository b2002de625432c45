"""A headline and a lead (another headline, a first sentence) that share no informative word are
compared by meaning, on text written for these tests."""

from __future__ import annotations

import numpy as np

from storyline.sources.claims import _clusters, _idf, _Unit, content_stems
from storyline.sources.sameness import Vectors

HEADLINES = ["Gale shuts ferry port", "Storm halts every crossing"]


def _units(heading: bool, lead: bool) -> list[_Unit]:
    return [
        _Unit(f"a{k}", f"g{k}", "t", text, [], "k", "l", content_stems(text), heading=heading, lead=lead)
        for k, text in enumerate(HEADLINES)
    ]


def _alike() -> np.ndarray:
    """Two unit vectors with cosine 0.95: the encoder finds the sentences alike."""
    return np.array([[1.0, 0.0], [0.95, (1 - 0.95**2) ** 0.5]], dtype=np.float32)


def test_two_headlines_sharing_no_word_are_one_claim_when_the_encoder_finds_them_alike():
    """Was: a pair sharing no informative word was never encoded, so two headlines worded apart
    were scored with the floor cosine and kept apart."""
    units = _units(heading=True, lead=True)
    assert not content_stems(HEADLINES[0]) & content_stems(HEADLINES[1])
    assert _clusters(units, _idf(units), _alike()) == [[0, 1]]


def test_sentences_sharing_no_word_are_encoded_only_when_one_is_a_headline():
    """Two body sentences, or two first sentences neither a headline, are not asked about."""
    asked: list[str] = []

    def embedder(texts: list[str]) -> np.ndarray:
        asked.extend(texts)
        return _alike()[: len(texts)]

    for lead in (False, True):
        units = _units(heading=False, lead=lead)
        clusters = _clusters(units, _idf(units), Vectors([u.text for u in units], embedder))
        assert sorted(map(sorted, clusters)) == [[0], [1]]
        assert asked == []
    leads = _units(heading=True, lead=True)
    assert _clusters(leads, _idf(leads), Vectors([u.text for u in leads], embedder)) == [[0, 1]]
    assert sorted(asked) == sorted(HEADLINES)
