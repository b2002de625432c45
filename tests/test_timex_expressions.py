"""find_times: spans and TIMEX3 values of time expressions, on sentences written for these tests;
candidates(): the keyword windows against a plain scan, on texts generated from the rules."""

from __future__ import annotations

import random
import re
from re import _constants as sre_c  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

import pytest

from storyline.timeline import find_times
from storyline.timeline.grammar import KEYS, RULES, candidates

MONDAY = "2024-05-27"  # a Monday


def values(text: str, anchor: str | None = MONDAY, **kw) -> dict[str, str | None]:
    return {m.text: m.value for m in find_times(text, anchor, **kw)}


def one(text: str, anchor: str | None = MONDAY, **kw):
    found = find_times(text, anchor, **kw)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The harbour master resigned on Sunday.", {"Sunday": "2024-05-26"}),
        ("The bakery reopened Friday after repairs.", {"Friday": "2024-05-24"}),
        ("The council will vote on Friday.", {"Friday": "2024-05-31"}),
        ("Officials said Monday the bridge was safe.", {"Monday": "2024-05-27"}),
        ("The choir met its new director last September.", {"last September": "2023-09"}),
        ("The ferry last sailed in November before the storms.", {"November": "2023-11"}),
        ("The new ferry will sail in November.", {"November": "2024-11"}),
        ("A decision could come as soon as later in May, the mayor said.", {"May": "2024-05"}),
        ("Rents rose this month and fell last year.", {"this month": "2024-05", "last year": "2023"}),
        ("The library will expand next year.", {"next year": "2025"}),
        ("Residents complained last week.", {"last week": "2024-W21"}),
        ("The mill closed two years ago.", {"two years ago": "2022"}),
        ("Prices climbed over the past three months.", {"the past three months": "P3M"}),
        ("The club recently moved; it is now based downtown.", {"recently": "PAST_REF", "now": "PRESENT_REF"}),
        ("The orchard was planted on September 13, 2023.", {"September 13, 2023": "2023-09-13"}),
        ("The orchard was planted on 13 September 2023.", {"13 September 2023": "2023-09-13"}),
        ("The log entry reads 2023-09-13.", {"2023-09-13": "2023-09-13"}),
        ("Ticket sales peaked in the 1990s.", {"the 1990s": "199"}),
        ("The shop opens every day at dawn.", {"every day": "P1D"}),
        ("The strike lasted 24 hours.", {"24 hours": "PT24H"}),
        ("The festival was held in July 2021.", {"July 2021": "2021-07"}),
    ],
)
def test_values_against_a_monday_anchor(text: str, expected: dict[str, str]) -> None:
    assert values(text) == expected


def test_earlier_that_year_takes_the_year_last_mentioned() -> None:
    got = values("The dam last failed in November, after two smaller leaks earlier that year.")
    assert got == {"November": "2023-11", "earlier that year": "2023"}


def test_month_without_year_in_past_reporting_from_a_november_article() -> None:
    got = values("Earlier tries in May and August ended badly.", "2023-11-08")
    assert got == {"May": "2023-05", "August": "2023-08"}


def test_quarter_and_fiscal_year() -> None:
    assert values("Profit fell in the third quarter of 2023.", "2024-11-02") == {"the third quarter of 2023": "2023-Q3"}
    assert values("Profit fell in the third quarter.", "2024-11-02") == {"the third quarter": "2024-Q3"}
    assert values("Profit fell in the fourth quarter.", "2024-02-02") == {"the fourth quarter": "2023-Q4"}
    assert values("Sales grew in fiscal 2022.") == {"fiscal 2022": "2022"}


def test_clock_times_take_their_day() -> None:
    assert one("The polls closed at 3 p.m.").value == "2024-05-27T15:00"
    m = one("The train left at 10:30 a.m. Friday.")
    assert (m.value, m.kind) == ("2024-05-24T10:30", "TIME")


def test_kinds() -> None:
    kinds = {m.text: m.kind for m in find_times("For two weeks the market opened daily, starting Tuesday.", MONDAY)}
    assert kinds == {"two weeks": "DURATION", "daily": "SET", "Tuesday": "DATE"}


def test_modal_may_and_verb_march_are_not_dates() -> None:
    assert find_times("Officials may march to the square.", MONDAY) == []


def test_offsets_index_the_text() -> None:
    text = "On Sunday,\nthe pier reopened; by May 3 it was busy again, and last week it closed."
    for m in find_times(text, MONDAY):
        assert text[m.start : m.end] == m.text


def test_without_anchor_relative_values_stay_undetermined() -> None:
    got = {m.text: m for m in find_times("She arrived on Sunday, left yesterday and returns in September.", None)}
    assert got["Sunday"].value == "XXXX-WXX-7"
    assert got["yesterday"].value is None
    assert got["September"].value == "XXXX-09"
    assert all("no publication date" in m.how for m in got.values())


def test_absolute_dates_need_no_anchor() -> None:
    assert one("The treaty was signed on March 3, 1999.", None).value == "1999-03-03"


def test_how_says_what_decided() -> None:
    m = one("The harbour master resigned on Sunday.")
    assert "past tense" in m.how and MONDAY in m.how


def test_tense_hint_off_ignores_the_future_tense() -> None:
    assert one("The council will vote on Friday.", tense_hint=False).value == "2024-05-24"
    assert one("The council will vote on Friday.", tense_hint=True).value == "2024-05-31"


def test_nearest_occurrence_overrides_a_tense_that_points_ten_months_away() -> None:
    assert one("The firm said the deal closed Jan. 5.", "2023-12-28").value == "2024-01-05"


# --- candidates(): the keyword windows must find every match a plain scan finds ---------------

_SPACES = [" ", " ", " ", "  ", "\n", "\t", "\xa0", "\u2009", "\n\n   "]
_DIGITS = "0123456789" * 4 + "\u0661\u0662\uff13"  # a few non-ASCII digits, which \d matches
_CONTEXT = [
    "said",
    "the",
    "a",
    "of",
    "in",
    "on",
    "that",
    "and",
    "(",
    ")",
    '"',
    ",",
    ".",
    "people",
    "percent",
    "years",
    "ago",
    "last",
    "next",
    "Monday",
    "May",
    "1998",
    "5",
    "-",
    "of the",
    "fiscal",
    "first",
    "quarter",
]


def _generate(sub, rnd: random.Random, ignore_case: bool = True) -> str:
    """A random string the parsed pattern ``sub`` could match (assertions are left out, so
    some strings fail them: the comparison covers those texts too)."""
    out: list[str] = []
    for op, av in sub.data if hasattr(sub, "data") else sub:
        if op is sre_c.LITERAL:
            ch = chr(av)
            out.append(ch.swapcase() if ignore_case and ch.isascii() and rnd.random() < 0.3 else ch)
        elif op is sre_c.IN:
            choices: list[str] = []
            negated = False
            for iop, iav in av:
                if iop is sre_c.LITERAL:
                    choices.append(chr(iav))
                elif iop is sre_c.RANGE:
                    choices += [chr(c) for c in range(iav[0], iav[1] + 1)]
                elif iop is sre_c.CATEGORY:
                    if iav in (sre_c.CATEGORY_DIGIT, sre_c.CATEGORY_UNI_DIGIT):
                        choices += list(_DIGITS)
                    elif iav in (sre_c.CATEGORY_SPACE, sre_c.CATEGORY_UNI_SPACE):
                        choices += _SPACES
                    else:
                        choices += list("abXY_1")
                elif iop is sre_c.NEGATE:
                    negated = True
            out.append("x" if negated else rnd.choice(choices))
        elif op is sre_c.BRANCH:
            out.append(_generate(rnd.choice(av[1]), rnd, ignore_case))
        elif op is sre_c.SUBPATTERN:
            _, add, drop, p = av
            out.append(
                _generate(p, rnd, False if drop & re.IGNORECASE else (True if add & re.IGNORECASE else ignore_case))
            )
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT):
            lo, hi, p = av
            hi = lo + 3 if hi is sre_c.MAXREPEAT else min(hi, lo + 3)
            out.append("".join(_generate(p, rnd, ignore_case) for _ in range(rnd.randint(lo, hi))))
    return "".join(out)


def _plain(text: str) -> list[tuple]:
    """What candidates() gave before the keyword windows: every rule's finditer over the whole text."""
    return [
        (m.start(), m.end(), rule.name, i, m.regs)
        for i, rule in enumerate(RULES)
        for m in rule.pattern.finditer(text)
        if m.end() > m.start()
    ]


def _got(text: str) -> list[tuple]:
    return [(c.start, c.end, c.rule, c.order, c.match.regs) for c in candidates(text)]


def _texts_for(rule, rnd: random.Random, n: int) -> list[str]:
    tree = sre_parse.parse(rule.pattern.pattern, rule.pattern.flags)

    def context() -> str:
        return "".join(
            rnd.choice(_CONTEXT) + rnd.choice([" ", " ", "\n", "  ", "-", ""]) for _ in range(rnd.randint(0, 4))
        )

    texts = []
    for _ in range(n):
        parts = [
            context() + _generate(tree, rnd) + rnd.choice([" ", "", "\n", ", ", "-", ". "])
            for _ in range(rnd.randint(1, 3))
        ]
        texts.append("".join(parts) + context())
    return texts


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_candidates_find_what_a_plain_scan_finds(rule) -> None:
    rnd = random.Random(f"timex-{rule.name}")
    texts = _texts_for(rule, rnd, 60)
    matched = 0
    for text in texts:
        plain = _plain(text)
        matched += any(c[2] == rule.name for c in plain)
        assert _got(text) == plain, text
    assert matched >= 20, f"only {matched} of {len(texts)} generated texts match {rule.name}"


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_every_match_holds_one_of_its_rules_keywords(rule) -> None:
    keys = KEYS[rule.name]
    rnd = random.Random(f"keys-{rule.name}")
    for text in _texts_for(rule, rnd, 60):
        for m in rule.pattern.finditer(text):
            span = m.group()
            assert any(k in span.lower() for k in keys.low) or any(k in span for k in keys.exact), (rule.name, span)


@pytest.mark.parametrize(
    "text",
    [
        "Profit rose in the latest comparable current fiscal fiscal calendar same strong first quarter of 1998.",
        "Sales fell over the\n\n\n            past    three  \t  years, and 1234567890123 days ago it was worse.",
        "It happened some five to 2,000,000,000 1/2 more years ago, in mid-\n\n     January 1998.",
        "The İstanbul office opened two weeks ago; ſeven years earlier it was a "
        "shop.",  # re.I folds these, lower() does not
        "Shares of the fund -- up 5% -- rose (the past 12 months) \"in March\" [Q3 1999]; every Friday at 3:30 p.m. "
        "EST.",
        "He said the year before the war he was 12-year-olds' coach; the 1990s, the '80s, the 21st century.",
        ".m.m.m.m.m.m.m.m.m.m.m.m.m.m.m.m.m.m.m.m.m.m.m.m.m.m 2020202020202020202020202020x at 5 p.m",
        " ".join(["year"] * 300) + " " + "-".join(["first"] * 200) + " quarter",
    ],
)
def test_candidates_on_hard_texts(text: str) -> None:
    assert _got(text) == _plain(text)


def test_a_month_shares_the_year_of_the_month_coordinated_with_it():
    text = "The dam was inspected in April and again in July last year, and in May of next year it will be rebuilt."
    values = {m.text: m.value for m in find_times(text, "2025-03-10")}
    assert values["April"] == "2024-04", values


@pytest.mark.parametrize(
    "text, phrase, value, how",
    [
        (
            "The dam failed on March 3, 2024. The following week the valley flooded.",
            "The following week",
            "2024-W10",
            "week after the date last mentioned (2024-03-03)",
        ),
        (
            "The dam failed on March 3, 2024. The day before, the gauge had jammed.",
            "The day before",
            "2024-03-02",
            "day before the date last mentioned (2024-03-03)",
        ),
        (
            "The following week the valley flooded.",
            "The following week",
            None,
            "'The following week': no earlier week mentioned to refer to",
        ),
        (
            "The day before, the gauge had jammed.",
            "The day before",
            None,
            "'The day before': no earlier date mentioned to refer to",
        ),
    ],
)
def test_periods_counted_from_the_date_last_mentioned(text: str, phrase: str, value: str | None, how: str) -> None:
    found = {m.text: m for m in find_times(text, MONDAY)}
    assert (found[phrase].value, found[phrase].how) == (value, how)


def test_a_clock_time_in_four_digits_is_no_year() -> None:
    """ "1800 GMT" is six in the evening; it made the sentence a statement about the year 1800."""
    assert values("The quake hit shortly after 1pm (1800 GMT) near the coast.") == {
        "shortly after 1pm": "2024-05-27T13:00"
    }
    assert "1800" in values("The bridge was built in 1800 by the town.")
