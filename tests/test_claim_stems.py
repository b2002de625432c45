"""The claim stemmer: a noun in -ure meets its verb, and a verb ending in -ure keeps one stem."""

from __future__ import annotations

import pytest

from storyline.sources.claims import stem


@pytest.mark.parametrize(
    "words",
    [
        ("failure", "failures", "failed", "failing"),
        ("closure", "closed", "closing"),
        ("departure", "departed"),
        ("capture", "captured", "capturing", "captures"),
        ("measure", "measured", "measuring"),
    ],
)
def test_ure_family_shares_one_stem(words):
    assert len({stem(w) for w in words}) == 1, {w: stem(w) for w in words}


def test_ure_is_not_cut_from_a_short_word():
    assert (stem("sure"), stem("ensure"), stem("pure")) == ("sure", "ensur", "pure")
