"""Shingling: what counts as the same text, and that batching does not change the sets."""

import numpy as np

from storyline.copies.overlap import Overlap, shared_count
from storyline.copies.shingles import shingle_set, shingle_sets


def test_case_punctuation_and_british_spelling_do_not_change_shingles():
    a = shingle_set("The Ministry of Defence said the programme, at the “centre”, was over.")
    b = shingle_set("the ministry of defense said the program at the center was over")
    assert len(a) == 8
    assert np.array_equal(a, b)


def test_a_changed_word_changes_the_shingles_that_cover_it():
    a = shingle_set("one two three four five six seven eight nine ten")
    b = shingle_set("one two three four five SIX2 seven eight nine ten")
    assert len(a) == len(b) == 6
    assert shared_count(a, b) == 1  # only "one two three four five" survives


def test_short_and_empty_texts():
    assert len(shingle_set("only three words")) == 1
    assert len(shingle_set("")) == 0
    assert len(shingle_set(" -- ,, ")) == 0


def test_batch_gives_the_same_sets_as_one_text_at_a_time():
    texts = ["alpha beta gamma delta epsilon zeta eta", "", "x y", "alpha beta gamma delta epsilon theta"]
    together = shingle_sets(texts)
    for text, s in zip(texts, together):
        assert np.array_equal(s, shingle_set(text))
    assert Overlap.of(together[0], together[3]).shared == 1


def test_shingle_size_is_honoured():
    text = "a b c d e f"
    assert len(shingle_set(text, 3)) == 4
    assert len(shingle_set(text, 5)) == 2
