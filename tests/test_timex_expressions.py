"""find_times: spans and TIMEX3 values of time expressions, on sentences written for these tests."""

from __future__ import annotations

import pytest

from storyline.timeline import find_times

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
        assert text[m.start:m.end] == m.text


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
