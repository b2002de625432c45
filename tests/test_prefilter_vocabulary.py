"""The time grammar's prefilter reads each rule's source for the tokens a match can hold whole."""

from __future__ import annotations

import re

import pytest

from storyline.timeline.prefilter import Keys, Plan, TextView, scan, vocabulary


def _accepts(rx: str, token: str) -> bool:
    return vocabulary(re.compile(rx, re.I)).accepts(token.encode("latin-1"))


def test_literal_runs_split_at_whitespace_and_hyphens():
    v = vocabulary(re.compile(r"the\s+mid-week\s+report", re.I))
    assert v.pieces == {"the", "mid", "week", "report"}
    assert not v.digits and not v.anything


def test_a_quantified_character_stands_alone():
    assert _accepts(r"\bdays?\b", "day") and _accepts(r"\bdays?\b", "days")
    assert _accepts(r"\bwe{1,3}k\b", "weeek")
    assert not _accepts(r"\bdays?\b", "dais")


def test_groups_alternatives_and_classes():
    rx = r"(?:(?P<rel>last|next)\s+)?(?-i:[MT]on)(?:day)"
    assert _accepts(rx, "last") and _accepts(rx, "next")
    assert _accepts(rx, "monday") and _accepts(rx, "tonday")
    assert not _accepts(rx, "lastly")


def test_digits_ranges_and_escapes():
    v = vocabulary(re.compile(r"\d{1,2}[a-c]\.m\x27s?", re.I))
    assert v.digits and v.pieces == {"a", "b", "c", ".m'", "s"}


def test_look_behind_is_left_out_and_look_ahead_adds_no_wildcard():
    v = vocabulary(re.compile(r"(?<!as\s)soon(?!\s+(?:after|.))", re.I))
    assert "as" not in v.pieces and {"soon", "after"} <= v.pieces
    assert not v.anything


@pytest.mark.parametrize("rx", [r"a.b", r"[^x]", r"\w+", r"(\w)\1", r"(?P<x>a)(?P=x)", r"[\u3400-\u4dbf]"])
def test_what_may_hold_any_token_accepts_every_token(rx):
    assert vocabulary(re.compile(rx, re.I)).anything


def test_windows_find_what_a_whole_text_scan_finds():
    pattern = re.compile(
        r"\b(?:(?:early|late)\s+)?(?P<n>\d+|two|three)\s+(?:fortnights?|weeks?)\s+(?:ago|later)\b", re.I
    )
    plan = Plan(pattern, Keys(low=("week", "fortnight")))
    text = (
        "The quay reopened three weeks later. Early 2 fortnights ago - and late 10 weeks ago, or two "
        "weeks  later - the ferry ran. Weeks passed; three weeks ago."
    )
    assert [m.span() for m in scan(plan, TextView(text))] == [m.span() for m in pattern.finditer(text)]
