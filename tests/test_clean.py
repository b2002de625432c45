"""Cleaning of scraped text and metadata from the text."""

from __future__ import annotations

import json

import pytest
from conftest import DATED, REPRINT, SEEDS, WIRE

from storyline.clean import clean_article, clean_text, parse_date
from storyline.ingest.text import split_title
from storyline.model import Article


def _cleaned(raw: str, id_: str = "x") -> Article:
    title, body, _ = split_title(raw)
    return clean_article(Article(id=id_, text=body, raw_text=raw, title=title))


def test_reprint_boilerplate_removed_with_reasons():
    a = _cleaned(REPRINT)
    reasons = {r.reason for r in a.removed}
    assert {"newsletter prompt", "photo caption", "read-more link", "sharing prompt", "wire credit"} <= reasons
    assert "Sign up" not in a.text and "FILE PHOTO" not in a.text and "PHOTO:" not in a.text
    assert "Read more" not in a.text and "Share this article" not in a.text
    assert "Cranes at the port of Velm stood idle" not in a.text, "the caption above a photo credit is a caption"
    assert a.title == "Velm dock strike ends after nine days"


def test_reprint_keeps_every_story_sentence_and_rejoins_link_text():
    a = _cleaned(REPRINT)
    for sentence in (
        "Dock workers at the port of Velm ended a nine-day strike on March 9 after the harbour authority agreed to a "
        "6% pay rise, the union said.",
        "The deal was reached late on Saturday, union leader Ms Okafor told reporters, citing a draft she had signed.",
        "Shipping lines had diverted 40 vessels to other harbours on the coast during the stoppage, according to the "
        "harbour authority.",
        "Shipping lines expect the backlog to clear within a fortnight.",
    ):
        assert sentence in a.text


def test_trailing_wire_credit_becomes_credit():
    a = _cleaned(REPRINT)
    assert a.credits == ["Meridian News"]
    assert a.text.rstrip().endswith("within a fortnight.")
    assert a.source is None, "a credit names the wire, not the outlet that printed it"


def test_dateline_and_copyright_name_the_outlet():
    a = _cleaned(WIRE)
    assert a.source == "Meridian News"
    assert "dateline" in a.inferred["source"] and "copyright" in a.inferred["source"]
    assert a.credits == ["Meridian News"]
    assert a.published == "2025", "a copyright year gives the year only"
    assert "copyright" in a.inferred["published"]
    assert "©" not in a.text


def test_date_line_and_section_label():
    a = _cleaned(DATED)
    assert a.published == "2025-03-10"
    assert a.title == "Velm port reopens as ships return"
    assert a.text.startswith("Ships began returning")
    assert "date line" in {r.reason for r in a.removed}
    assert split_title(DATED)[2] == ["Business"]


def test_unknown_stays_unknown():
    a = _cleaned("A council meeting in the town of Brask was postponed on Tuesday.\n\nNo new date was given.\n")
    assert a.source is None and a.published is None and a.credits == [] and a.inferred == {}


def test_one_sentence_per_line_text_is_kept_whole():
    text = "The minister resigned on Friday .\nHe gave no reason .\nAn inquiry begins next week ."
    cleaned, removed = clean_text(text)
    assert cleaned == text and removed == []


def test_lines_ending_mid_sentence_are_joined_only_when_they_continue():
    cleaned, _ = clean_text("Budget talks resume\n\nThe mayor said the\n\nbudget would pass.\n\nTalks end Friday.")
    assert cleaned.split("\n\n") == [
        "Budget talks resume",
        "The mayor said the budget would pass.",
        "Talks end Friday.",
    ]


@pytest.mark.parametrize(
    "text,value",
    [
        ("2023-11-08", "2023-11-08"),
        ("8 November 2023", "2023-11-08"),
        ("November 8, 2023", "2023-11-08"),
        ("Wed, Nov 8, 2023 10:12", "2023-11-08T10:12"),
        ("Posted March 11, 2025, 7:42 p.m.", None),
        ("March 11, 2025, 7:42 p.m.", "2025-03-11T19:42"),
        ("2023-11-08 10:12", "2023-11-08T10:12:00"),
        ("soon", None),
    ],
)
def test_parse_date(text, value):
    assert parse_date(text) == value


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not present")
def test_seeds_cleaning_and_metadata():
    arts = {p.name[:3]: _cleaned(p.read_text(encoding="utf-8"), p.stem) for p in sorted(SEEDS.glob("*.txt"))}
    a000, a001, a002 = arts["000"], arts["001"], arts["002"]
    assert a001.source == "Bloomberg"
    assert "Bloomberg" in a000.credits
    for needle in ("Sign up now", "FILE PHOTO", "PHOTO: REUTERS", "ATTENTION EDITORS"):
        assert needle not in a000.text
    assert (
        "North Korea last launched a rocket in November to deploy a spy satellite, after two failed attempts"
        in a000.text
    )
    assert a000.text.rstrip().endswith("Pyongyang and Moscow have denied the charges.")
    raw_paragraphs = [p.strip() for p in (SEEDS / "000_4204aabb7b54305b.txt").read_text(encoding="utf-8").split("\n\n")]
    story = [
        p
        for p in raw_paragraphs
        if p.startswith(
            (
                "SEOUL",
                "Russia dispatched the experts after President Vladimir Putin met leader",
                "South Korean Ministry",
                "Japanese and",
            )
        )
    ]
    assert len(story) == 4 and all(p in a000.text for p in story)
    assert a002.published == "2023-11-08"
    assert "Canon EOS" not in a002.text and "Nikon" not in a002.text
    assert "Read more" not in a001.text and "©2024" not in a001.text


def test_cleaning_evaluation_counts_kept_sentences_and_planted_lines(tmp_path):
    from storyline.evaluate.cleaning import score_file

    rows = [
        {
            "id": "1",
            "text": "The mayor of Brask opened the new bridge on Friday.\nTraffic was light.\nShops stayed open late.",
        },
        {"id": "2", "text": "A storm closed the ferry line to Velm.\n\nIt reopens on Monday, the operator said."},
    ]
    p = tmp_path / "d.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    r = score_file(p)
    assert r["articles"] == 2 and r["sentences"] == 5
    assert r["sentence_retention"] == 1.0 and r["planted_boilerplate_removed"] == 1.0
    rows[0]["text"] = "Share this article\nThe mayor of Brask opened the new bridge on Friday."
    p.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    strict = score_file(p)
    assert strict["sentence_retention"] == 0.75 and strict["examples_lost"] == ["Share this article"], (
        "every removed line of a body counts as lost"
    )


def test_a_headline_does_not_run_on_into_a_dateline():
    from storyline.clean.lines import needs_join

    assert not needs_join("Port strike widens", "(Meridian News) -- Dock workers at Velm extended their strike.")
    assert needs_join("The strike, which began in", "(late) May, has spread.")


@pytest.mark.parametrize(
    "line",
    [
        "Get the latest headlines delivered to your inbox every morning with our free newsletter.",
        "Never miss a story: sign up for Harbour Post alerts.",
        "(Photo by a staff photographer/Harbour Post)",
        "Listen to this article",
        "Check back for updates.",
        "Stay with us for the latest.",
    ],
)
def test_page_furniture_that_joined_unrelated_copies_is_removed(line):
    """Lines many pages carry: left in, they made a short teaser a 'copy' of every page with the same line."""
    from storyline.clean import clean_text

    text = (
        f"The bridge reopened on Monday after repairs that took three months.\n\n{line}\n\nThe mayor said traffic "
        "would be normal."
    )
    cleaned, removed = clean_text(text)
    assert line not in cleaned and [r.text for r in removed] == [line]


@pytest.mark.parametrize(
    "line",
    [
        "The council will sign up for the new alerts system, officials said on Monday after a long debate about costs.",
        "Residents said water was once delivered to your door by cart.",
        "Listeners can stay with relatives in Velm while the bridge is closed, the mayor said.",
    ],
)
def test_story_lines_that_look_like_furniture_stay(line):
    from storyline.clean import clean_text

    cleaned, removed = clean_text(f"The bridge reopened on Monday.\n\n{line}")
    assert line in cleaned and not removed


def test_a_published_with_permission_line_is_a_credit_not_a_date_line():
    body = "The Brask council approved the new harbour wall on Tuesday after a two-hour debate.\n\n"
    text, removed = clean_text(body + "Published with permission from the Velmar Courier.")
    assert text.endswith("Published with permission from the Velmar Courier."), "a republisher's credit stays"
    assert "date line" not in {r.reason for r in removed}
    text, removed = clean_text(body + "Published: March 3, 2025")
    assert [r.reason for r in removed] == ["date line"] and "March" not in text
