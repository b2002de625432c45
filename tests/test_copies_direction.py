"""Which of two same-day versions is the republisher's copy, read from the texts: story sentences
cut from the end, a republisher's note or an unrelated line added, a sentence cut in the middle;
undetermined when the texts do not tell (text written for the project)."""

from __future__ import annotations

from storyline.copies.direction import (
    copy_direction,
    cut_mid_sentence,
    is_credit_note,
    is_furniture,
    is_unfinished,
    own_text,
)
from storyline.copies.explain import explain
from storyline.copies.index import find_copies
from storyline.model import Article

STORY = [
    "Fishermen in the port of Darnholm were told on Tuesday to keep their boats ashore after a fuel spill spread "
    "across the outer harbour.",
    "The spill came from a tanker that ran aground on the Kessel sandbar during a storm on Monday night, the harbour "
    "authority said.",
    "Crews from the Darnholm coastguard laid floating barriers around the tanker to stop more fuel reaching the "
    "fishing grounds.",
    "Harbour master Ilse Varga said the barriers were holding but that strong winds could push the fuel past them by "
    "the weekend.",
    "The tanker's owner, Brannock Shipping, said it had begun pumping the remaining fuel into a second vessel.",
    "Local fishermen said the closure would cost them their best week of the herring season.",
    "Varga said the harbour authority would decide on Friday whether the fishing grounds could reopen.",
]


def _same_day(*texts: tuple[str, str]) -> list[Article]:
    return [Article(i, "\n\n".join(t), published="2025-03-04", source=f"Outlet {i}") for i, t in texts]


def _group(articles: list[Article]):
    [group] = find_copies(articles)
    return group


def test_one_story_sentence_cut_and_a_republishers_note_added_name_the_original():
    copy = STORY[:-1] + ["This article originally appeared on darnholmpost.com and is republished with permission."]
    group = _group(_same_day(("copy", copy), ("orig", STORY)))
    assert group.origin == "orig" and not group.origin_undetermined
    assert any("credit note" in e for e in group.origin_evidence)


def test_a_closing_sentence_of_the_story_outweighs_a_line_from_another_story():
    unrelated = (
        "Voters in the hill town of Maresby will choose a new mayor next month after the council dissolved itself."
    )
    copy = STORY[:-1] + [unrelated]
    group = _group(_same_day(("orig", STORY), ("copy", copy)))
    assert group.origin == "orig" and not group.origin_undetermined


def test_a_line_inserted_in_the_middle_that_is_not_about_the_story_marks_the_copy():
    inserted = "Readers across the county can now pay for parking with a new phone app launched this spring."
    copy = STORY[:3] + [inserted] + STORY[3:]
    group = _group(_same_day(("copy", copy), ("orig", STORY)))
    assert group.origin == "orig" and not group.origin_undetermined
    assert any("not about the story" in e for e in group.origin_evidence)


def test_a_last_sentence_cut_in_the_middle_marks_the_copy():
    copy = STORY[:5] + ["Local fishermen said the closure would cost them ..."]
    score, evidence = copy_direction("\n\n".join(STORY), "\n\n".join(copy))
    assert score > 0 and "cut off in the middle" in evidence
    score, _ = copy_direction("\n\n".join(copy), "\n\n".join(STORY))
    assert score < 0


def test_sentences_broken_differently_are_not_new_text():
    joined = [" ".join(STORY[:2])] + [STORY[2].replace("Darnholm coastguard", "Darnholm coastguard;")] + STORY[3:]
    a, b = own_text("\n\n".join(STORY), "\n".join(joined))
    assert not a and not b


def test_furniture_on_both_sides_tells_nothing():
    original = STORY + ["Follow our harbour reporter on Twitter @darnholmdesk"]
    copy = STORY + ["Sign up for our morning briefing and get the top stories in your inbox."]
    assert is_furniture(original[-1]) and is_furniture(copy[-1])
    group = _group(_same_day(("a", original), ("b", copy)))
    assert group.origin_undetermined and sorted(group.origin_candidates) == ["a", "b"]


def test_each_version_with_its_own_closing_story_sentence_stays_undetermined():
    first = STORY[:-1] + ["Varga said the harbour authority would meet the Brannock Shipping managers on Friday."]
    second = STORY[:-1] + ["Fishermen in Darnholm said they would ask the harbour authority for help on Friday."]
    group = _group(_same_day(("a", first), ("b", second)))
    assert group.origin_undetermined


def test_a_longer_last_sentence_whose_rest_is_furniture_is_no_cut():
    whole = STORY[-1].rstrip(".")
    merged = STORY[:-1] + [whole + " Sign up for our newsletter to get harbour alerts first"]
    assert cut_mid_sentence(merged, STORY[:-1] + [whole]) == 0
    assert (
        cut_mid_sentence(
            STORY[:-1] + [whole + " and the harbour authority will publish its findings"], STORY[:-1] + [whole]
        )
        == 1
    )


def test_explain_reads_the_texts_as_the_pipeline_does():
    inserted = (
        "Readers across the county can now pay for parking with a new phone app launched this spring, the council said."
    )
    copy, orig = _same_day(("copy", STORY[:4] + [inserted] + STORY[4:]), ("orig", STORY))
    result = explain(copy, orig)
    assert result["origin"] == "orig"
    assert any("not about the story" in r for r in result["reasons"])


def test_a_republishers_credit_note_marks_the_copy_that_kept_the_whole_story():
    note = "This story was first published by the Darnholm Post and is republished here with permission."
    assert is_credit_note(note) and not is_credit_note(STORY[2])
    group = _group(_same_day(("copy", STORY + [note]), ("orig", STORY)))
    assert group.origin == "orig" and not group.origin_undetermined
    assert any("credit note" in e for e in group.origin_evidence)


def test_a_credit_note_both_versions_carry_tells_nothing():
    note = "This article originally appeared on darnholmpost.com."
    score, _ = copy_direction("\n\n".join(STORY + [note]), "\n\n".join(STORY[:3] + [note]))
    assert score >= 0


def test_an_unfinished_closing_sentence_was_cut_from_the_original_not_added():
    scraped = STORY[:-1] + ["Several boat owners gathered outside the town hall on the quay, hoping to ask the"]
    added = STORY[:-1] + ["Ferries to the islands are running to their usual timetable this week."]
    assert is_unfinished(scraped[-1]) and not is_unfinished(added[-1])
    group = _group(_same_day(("copy", added), ("orig", scraped)))
    assert group.origin == "orig" and not group.origin_undetermined
    assert any("unfinished closing sentence" in e for e in group.origin_evidence)


def test_an_unfinished_line_does_not_outweigh_story_sentences_the_other_has():
    scraped = STORY[:3] + ["Several boat owners gathered outside the town hall on the quay, hoping to ask the"]
    score, _ = copy_direction("\n\n".join(scraped), "\n\n".join(STORY))
    assert score <= 0


def test_a_title_or_app_line_is_no_unfinished_sentence():
    assert not is_unfinished("Download the Darnholm Post app for iPhone and Android")
    assert not is_unfinished("Leave a Reflection · Update Memorial")
    assert not is_unfinished("Harbour reopens")


def test_a_company_named_by_its_web_address_is_story_text_and_a_photo_credit_is_furniture():
    assert not is_furniture(
        "Brannock Shipping sold part of the cargo through Fuelmart.com and two other brokers last year."
    )
    assert is_furniture("Read the full harbour report at darnholmpost.com")
    assert is_furniture("The tanker on the Kessel sandbar on Tuesday (Photo: Courtesy darnholmcoastguard.org")
    assert is_furniture("Download the Darnholm Post app for alerts on the harbour")


def test_explain_names_the_credit_note():
    note = "This article originally appeared on darnholmpost.com and is republished with permission."
    copy, orig = _same_day(("copy", STORY + [note]), ("orig", STORY))
    result = explain(copy, orig)
    assert result["origin"] == "orig"
    assert any("credit note" in r for r in result["reasons"])
