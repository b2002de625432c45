"""Counts of people, ages and times in statements: what each number counts decides which statements can
be one claim and which contradict or revise each other."""

from __future__ import annotations

import pytest

from storyline.sources.claims import ages, bounds_agree, count_bounds, counts
from storyline.sources.match import match_pairs


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A man, 28, died at the scene", {}),
        ("Pitts was pronounced dead at 5:30 p.m. at Velm General", {}),
        ("Police found the victims in the 800 block of Harbour Street, where two were killed", {"dead": {2}}),
        ("One man was killed and four other people wounded", {"injured": {4}}),
        ("A gunman killed two and injured five", {"dead": {2}, "injured": {5}}),
        ("The death toll rose to 12", {"dead": {12}}),
        ("Office shooting follow-up: 1 dead, 2 injured and suspect caught", {"dead": {1}, "injured": {2}}),
        ("Sheriff: Velm office shooting kills 1, injures 2", {"dead": {1}, "injured": {2}}),
    ],
)
def test_what_a_number_counts(text, expected):
    assert counts(text) == expected


def test_ages_are_read_in_the_ways_reporters_give_them():
    text = "A 40-year-old man and a woman, 31, were shot; the victims, ages 19 and 22, survived"
    assert ages(text) == {40, 31, 19, 22}
    assert ages("On May 5, 2016, two people were killed") == frozenset()


def test_two_victims_of_different_ages_are_not_one_claim():
    """Nearly the same words, different people: a man of 40 and a man of 28, each shot in the chest."""
    pairs = [
        (
            "A 40-year-old man was shot in the chest and taken to Velm General Hospital in critical condition.",
            "A man, 28, was shot in the chest and taken to Velm General Hospital in critical condition.",
        ),
        (
            "A 40-year-old man was shot in the chest and taken to Velm General Hospital in critical condition.",
            "Another 40-year-old man was shot in the chest and taken in critical condition to Velm General Hospital.",
        ),
    ]
    (different, _), (same, _) = match_pairs(pairs, None)
    assert not different
    assert same


def test_two_reports_of_different_large_figures_are_not_one_claim():
    """Jobless claims of two weeks share every word but their figures: two facts, not one claim with
    two origins. Reports that repeat a figure stay comparable."""
    pairs = [
        (
            "Initial jobless claims fell by 92,000 to 498,000 in the week, the Labor Department said.",
            "Initial jobless claims fell by 36,000 to 293,000 in the week, the Labor Department said.",
        ),
        (
            "Initial jobless claims fell by 92,000 to 498,000 in the week, the Labor Department said.",
            "Initial jobless claims fell to 498,000 in the week, down 92,000, the Labor Department said.",
        ),
    ]
    (different, _), (same, _) = match_pairs(pairs, None)
    assert not different
    assert same


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("None of those hurt, all men between 20 and 29 years old, had life-threatening injuries.", {}),
        ("The four injured in the shooting are all men between the ages of 20-29.", {"injured": {4}}),
        ("Five people aged 18 to 25 were wounded in Velm.", {"injured": {5}}),
    ],
)
def test_a_range_of_ages_is_neither_a_count_nor_ages(text, count):
    """'between 20 and 29 years old' says how old the victims were, not that 20 were hurt (GVA: shown as
    contradicting "the four injured ... between the ages of 20-29"), nor the ages of two people."""
    assert counts(text) == count
    assert ages(text) == frozenset()


def test_ages_of_two_people_stay_ages():
    assert ages("A 40-year-old man and two others, ages 19 and 21, were hurt in Velm.") == {19, 21, 40}


def test_two_peoples_ages_written_together_are_ages_not_a_count():
    """'Two teens, 17 and 18 years old, were wounded': 17 and 18 are their ages; 17 was read as a count of
    the wounded."""
    text = "Two teens, 17 and 18 years old, were wounded near the Velm ferry terminal."
    assert ages(text) == {17, 18}
    assert 17 not in counts(text).get("injured", set())


@pytest.mark.parametrize(
    ("text", "bounds"),
    [
        ("At least nine people were killed", {"dead": [(9, ">=")]}),
        ("The fire killed more than 1,400 residents", {"dead": [(1400, ">=")]}),
        ("Nearly 30 people died in the flood", {"dead": [(30, "<=")]}),
        ("About 100 people were injured", {"injured": [(100, "~")]}),
        ("Seven people were killed and 12 hurt", {"dead": [(7, "=")], "injured": [(12, "=")]}),
        ("A magnitude-5.2 quake has injured three people on Velm island", {"injured": [(3, "=")]}),
        ("Ana Berg was pronounced dead at 5 at the scene.", {}),
        ("Tomas Reid was killed and four others were hurt when two gunmen opened fire", {"injured": [(4, "=")]}),
        ("Police said 12 shots were fired and two people were hurt", {"injured": [(2, "=")]}),
        (
            "A magnitude 7.2 earthquake killed more than 1,400 residents and injured at least 6,000 more",
            {"dead": [(1400, ">=")], "injured": [(6000, ">=")]},
        ),
    ],
)
def test_how_a_number_bounds_its_count(text, bounds):
    assert count_bounds(text) == bounds


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ([(9, ">=")], [(8, ">=")], True),
        ([(1419, ">=")], [(1400, ">=")], True),
        ([(1419, "=")], [(1400, ">=")], True),
        ([(8, "=")], [(9, ">=")], False),
        ([(31, "=")], [(30, "<=")], False),
        ([(110, "=")], [(100, "~")], True),
        ([(300, "=")], [(100, "~")], False),
        ([(8, "=")], [(9, "=")], False),
        ([(3, "="), (2, "=")], [(3, "="), (2, "=")], True),
    ],
)
def test_counts_that_can_both_be_true(a, b, agree):
    assert bounds_agree(a, b) is agree and bounds_agree(b, a) is agree
