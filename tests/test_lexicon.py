"""The shared word tables: one weekday numbering, one agency list and one spelling table across the stages."""

from __future__ import annotations

from datetime import date

import pytest

from storyline import lexicon
from storyline.clean.agencies import canonical_agency, looks_like_outlet
from storyline.copies.spelling import fold
from storyline.sources.kinds import source_kind
from storyline.sources.names import name_tokens
from storyline.timeline import find_times
from storyline.timeline.anchors import weekday_dates
from storyline.timeline.lexicon import iso_weekday

# 2030-04-01 is a Monday
WEEK = [date(2030, 4, 1 + i) for i in range(7)]


def test_weekdays_are_numbered_as_python_numbers_them():
    for day, name in zip(WEEK, lexicon.WEEKDAY_NAMES):
        assert lexicon.WEEKDAYS[name] == day.weekday()
        assert lexicon.WEEKDAYS[name[:3]] == day.weekday()
        assert iso_weekday(name.capitalize()) == day.isoweekday()


@pytest.mark.parametrize("day", WEEK, ids=lambda d: f"{d:%A}")
def test_timeline_and_anchors_agree_on_each_weekday(day):
    name = f"{day:%A}"
    # a day and month without a year are placed in the year where they fall on the weekday named
    mentions = find_times(f"The ferry sailed again on {name}, {day:%B} {day.day}.", "2031-01-10")
    assert [m.value for m in mentions] == [day.isoformat()]
    # a copy that wrote the date where its origin wrote the weekday gives that date as evidence
    got = weekday_dates(f"The ferry sails on {name}.", f"The ferry sails on {day:%B} {day.day}.", 2030)
    assert got == [day]


def test_relative_weekdays_count_from_the_anchor():
    # 2030-04-03 is a Wednesday
    assert [m.value for m in find_times("The pier closed last Sunday.", "2030-04-03")] == ["2030-03-31"]
    assert [m.value for m in find_times("The pier opens next Friday.", "2030-04-03")] == ["2030-04-05"]
    assert [m.value for m in find_times("The market opens on Tuesdays.", "2030-04-03")] == ["XXXX-WXX-2"]


def test_a_copy_date_on_another_weekday_is_no_evidence():
    assert weekday_dates("The ferry sails on Tuesday.", "The ferry sails on April 5.", 2030) == []  # a Friday


def test_month_names_and_abbreviations_share_numbers():
    for i, name in enumerate(lexicon.MONTH_NAMES, 1):
        assert lexicon.MONTHS[name] == i
        assert lexicon.MONTHS.get(name[:3], i) == i
    assert lexicon.MONTHS["sept"] == 9
    assert [m.value for m in find_times("The pier reopened on Sept. 14, 2029.", None)] == ["2029-09-14"]


def test_number_words_count_up():
    assert [lexicon.NUMBER_WORDS[w] for w in ("one", "nine", "ten", "nineteen", "twenty", "ninety", "hundred")] == [
        1,
        9,
        10,
        19,
        20,
        90,
        100,
    ]


def test_every_agency_name_is_its_own_alias():
    for canonical in set(lexicon.AGENCIES.values()):
        assert lexicon.AGENCIES[canonical.lower()] == canonical


@pytest.mark.parametrize("paper", ["The New York Times", "NYT", "The Washington Post", "The Straits Times"])
def test_newspapers_are_outlets_not_agencies(paper):
    assert canonical_agency(paper) is None
    assert source_kind(paper) != "agency"


@pytest.mark.parametrize(
    "wire,canonical",
    [
        ("The Associated Press", "AP"),
        ("Agence France-Presse", "AFP"),
        ("Bloomberg News", "Bloomberg"),
        ("Jiji Press", "Jiji Press"),
    ],
)
def test_wire_services_are_agencies_in_cleaning_and_in_sources(wire, canonical):
    assert canonical_agency(wire) == canonical
    assert looks_like_outlet(wire)
    assert source_kind(wire) == "agency"


def test_one_spelling_table_for_copies_and_names():
    assert fold("organised") == "organized"
    assert name_tokens("International Labour Organisation", "organisation") == [
        "international",
        "labor",
        "organization",
    ]
    assert name_tokens("Harbour Defence Centre", "organisation") == ["harbor", "defense", "center"]


@pytest.mark.parametrize("label", ["MOST WATCHED NEWS VIDEOS", "Top Stories", "More News", "Latest News Headlines"])
def test_a_pages_section_label_is_no_outlet(label):
    """A closing line "MOST WATCHED NEWS VIDEOS" was taken for the wire that credits the story, and every
    statement of the article was passed on through it."""
    assert not looks_like_outlet(label)
    assert looks_like_outlet("Velm Evening News")
