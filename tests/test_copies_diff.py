"""What a copy changed: sentence alignment and the kinds of edit."""

from test_copies_texts import REPRINT, TRIMMED, WIRE

from storyline.copies import diff_copy
from storyline.copies.edits import sentence_changes
from storyline.copies.sentences import split_sentences
from storyline.model import Article


def kinds_of(before: str, after: str) -> list[str]:
    return [c.kind for c in sentence_changes(before, after)]


def test_spelling_variant():
    assert kinds_of("The Defense Ministry spoke.", "The Defence Ministry spoke.") == ["spelling"]
    assert kinds_of("Minister Shin Wonsik spoke.", "Minister Shin Won-sik spoke.") == ["spelling"]


def test_honorific():
    changes = sentence_changes("It could help Kim's regime.", "It could help Mr Kim's regime.")
    assert [(c.kind, c.before, c.after) for c in changes] == [("honorific", "", "Mr")]


def test_relative_date_made_absolute():
    changes = sentence_changes(
        "Yonhap reported Sunday, citing an official.", "Yonhap reported on May 26, citing an official."
    )
    assert [(c.kind, c.before, c.after) for c in changes] == [("date", "Sunday", "on May 26")]
    assert kinds_of("The launch is due this year.", "The launch is due in 2024.") == ["date"]


def test_other_edits_are_wording_or_punctuation():
    assert kinds_of("Officials said the plan failed.", "Officials admitted the plan failed.") == ["wording"]
    assert kinds_of("Russia in return is paying.", "Russia, in return, is paying.") == ["punctuation"]


def test_sentences_rejoin_a_line_broken_in_mid_sentence():
    text = (
        "North Korea\n\nlast launched a rocket in November\n\nto deploy a satellite. It failed twice.\n\nMr. Kim spoke."
    )
    assert split_sentences(text) == [
        "North Korea last launched a rocket in November to deploy a satellite.",
        "It failed twice.",
        "Mr. Kim spoke.",
    ]


def test_diff_of_a_reprint_names_its_edits():
    diff = diff_copy(Article("reprint", REPRINT), Article("wire", WIRE))
    kinds = diff.kinds
    assert kinds["spelling"] >= 3  # defence, programme, metre
    assert kinds["honorific"] == 1
    assert kinds["date"] >= 2  # Sunday -> June 2, this month -> in June
    assert diff.kept == 4
    removed = diff.of_kind("removed")
    assert [e.origin for e in removed] == ["©2024 Harbor Wire Services"]
    assert "trim" in removed[0].kinds and "boilerplate" in removed[0].kinds
    edited = {e.origin: e for e in diff.of_kind("edited")}
    changes = [
        (c.kind, c.before, c.after)
        for c in edited["Reyes said the work would start this month and take about two years to finish."].changes
    ]
    assert ("honorific", "", "Mr") in changes and ("date", "this month", "in June") in changes
    as_dict = diff.to_dict()
    assert as_dict["origin"] == "wire" and as_dict["kept"] == 4 and as_dict["removed"] == 1


def test_diff_of_a_trimmed_copy_lists_the_trimmed_tail():
    diff = diff_copy(Article("t", TRIMMED), Article("w", WIRE))
    assert diff.kept == 3
    assert not diff.of_kind("added")
    [dateline] = diff.of_kind("edited")
    assert [(c.before, c.after) for c in dateline.changes] == [("Harbor Wire", "")]
    removed = diff.of_kind("removed")
    assert len(removed) == 5 and all("trim" in e.kinds for e in removed)
