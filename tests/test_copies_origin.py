"""Origin of a copy group from evidence: credit, date, house edits, a trimmed tail; undetermined
when nothing decides (text written for the project)."""

from __future__ import annotations

from storyline.clean import clean_article
from storyline.copies.index import CopyIndex, find_copies
from storyline.model import Article

BODY = [
    "The Karsovian rail operator cancelled forty trains on Sunday after a signal fault near Velitsa station.",
    "Engineers worked through the night to replace a cable that had been cut during track repairs.",
    "The operator said services on the northern line would run at half frequency until Wednesday.",
    "Commuters crowded onto replacement buses that left from the station forecourt every ten minutes.",
    "A spokeswoman for the transport ministry said an inquiry into the repair contract had been opened.",
    "The union representing signal staff has warned for months that maintenance crews were too small.",
    "Last year the northern line lost more than two hundred hours of service to signal faults.",
    "The operator expects to publish a full account of the failure within a fortnight.",
]


def _group(articles):
    [group] = find_copies(articles)
    return group


def test_a_trimmed_reprint_of_the_same_day_is_not_the_origin():
    original = Article("wire", "\n\n".join(BODY), published="2025-02-02", source="Velmar Wire")
    trimmed = Article(
        "reprint",
        "\n\n".join(BODY[:5] + ["Readers can send tips to the newsroom at any hour of the day."]),
        published="2025-02-02",
        source="Ostrava Courier",
    )
    group = _group([trimmed, original])
    assert group.origin == "wire" and not group.origin_undetermined
    assert any("cut" in e for e in group.origin_evidence)


def test_a_relative_date_made_absolute_marks_the_copy():
    original = Article("a", "\n\n".join(BODY), published="2025-02-02")
    dated = Article(
        "b", "\n\n".join([BODY[0].replace("on Sunday", "on February 2")] + BODY[1:]), published="2025-02-02"
    )
    group = _group([dated, original])
    assert group.origin == "a" and any("house edits" in e for e in group.origin_evidence)


def test_identical_texts_with_no_other_evidence_stay_undetermined():
    a = Article("x1", "\n\n".join(BODY), published="2025-02-02")
    b = Article("x2", "\n\n".join(BODY), published="2025-02-02")
    group = _group([b, a])
    assert group.origin_undetermined and sorted(group.origin_candidates) == ["x1", "x2"]


def test_credit_and_date_come_before_the_text():
    wire = Article("w", "\n\n".join(BODY[:4]), published="2025-02-03", source="Velmar Wire")
    longer = Article("l", "\n\n".join(BODY), published="2025-02-03", source="Ostrava Courier", credits=["Velmar Wire"])
    assert _group([longer, wire]).origin == "w"
    early = Article("e", "\n\n".join(BODY[:4]), published="2025-02-01")
    late = Article("t", "\n\n".join(BODY), published="2025-02-03")
    assert _group([late, early]).origin == "e"


def test_a_credit_note_cleaning_removed_still_marks_the_copy():
    original = Article("first", "\n\n".join(BODY), published="2025-02-02", source="Velmar Wire")
    raw = "\n\n".join([*BODY, "Read more: This story was first published by Velmar Wire."])
    reprint = clean_article(Article("again", raw, published="2025-02-02", source="Ostrava Courier", raw_text=raw))
    assert "first published" not in reprint.text, "the cleaner takes the read-more line out of the text"
    group = _group([reprint, original])
    assert group.origin == "first" and not group.origin_undetermined
    assert any("credit note" in e for e in group.origin_evidence)


def test_a_removed_credit_note_survives_the_saved_index():
    original = Article("first", "\n\n".join(BODY), published="2025-02-02")
    raw = "\n\n".join([*BODY, "Read more: This story was first published by Velmar Wire."])
    reprint = clean_article(Article("again", raw, published="2025-02-02", raw_text=raw))
    index = CopyIndex()
    index.add([original, reprint])
    texts = {a.id: a.text for a in (original, reprint)}
    [group] = CopyIndex.from_bytes(index.to_bytes()).groups(texts.get)
    assert group.origin == "first" and not group.origin_undetermined


def test_evidence_of_an_undetermined_group_names_the_candidates_left_not_one_origin():
    original = Article("p1", "\n\n".join(BODY), published="2025-02-02")
    same = Article("p2", "\n\n".join(BODY), published="2025-02-02")
    dated = Article(
        "p3", "\n\n".join([BODY[0].replace("on Sunday", "on February 2")] + BODY[1:]), published="2025-02-02"
    )
    group = _group([dated, same, original])
    assert group.origin_undetermined and sorted(group.origin_candidates) == ["p1", "p2"]
    assert not any(e.startswith("its copies show it") for e in group.origin_evidence)
    assert any(
        e.startswith("the 2 candidates left beat the other members by house edits") for e in group.origin_evidence
    )


DATELINED = [
    "BRASK, Karsovia (KVLM) -- Two people were hurt when a tram left the rails near the ferry terminal on Monday.",
    *BODY[1:6],
]


def test_the_page_whose_prompt_names_the_datelined_outlet_is_the_origin():
    station = Article(
        "kvlm", "\n\n".join([*DATELINED, "Stay with KVLM.com for updates on this story."]), published="2025-02-02"
    )
    other = Article(
        "aggr", "\n\n".join([*DATELINED, "Our coverage of this story continues below."]), published="2025-02-02"
    )
    group = _group([other, station])
    assert group.origin == "kvlm" and not group.origin_undetermined
    assert any("dateline" in e for e in group.origin_evidence)


def test_a_line_sending_readers_to_the_datelined_outlet_is_no_page_of_it():
    plain = Article("aa", "\n\n".join(DATELINED), published="2025-02-02")
    crediting = Article(
        "zz", "\n\n".join([*DATELINED, "For more on this story, visit KVLM.com."]), published="2025-02-02"
    )
    group = _group([crediting, plain])
    assert group.origin_undetermined


def test_a_copyright_line_or_a_prompt_kept_from_the_outlet_is_no_page_of_it():
    station = Article("kvlm", "\n\n".join(DATELINED), published="2025-02-02")
    keeps_copyright = Article(
        "aggr", "\n\n".join([*DATELINED, "Copyright 2025 KVLM. All rights reserved."]), published="2025-02-02"
    )
    assert _group([keeps_copyright, station]).origin_undetermined, "a republisher keeps the owner's copyright line"
    app = "Download the KVLM app: Android App iPhone App"
    with_app = Article("kvlm", "\n\n".join([*DATELINED, app]), published="2025-02-02")
    merged = Article(
        "aggr", "\n\n".join([*DATELINED, app + " Our coverage of this story continues below."]), published="2025-02-02"
    )
    group = _group([merged, with_app])
    assert group.origin_undetermined, (
        "the prompt naming the outlet is in both versions, only the line around it differs"
    )
