"""Speakers named by a line's layout (a signed quotation, an embedded post, a transcript label), on text written
for these tests, found alone and through both attribution paths."""

from __future__ import annotations

import pytest

from storyline.model import Article
from storyline.sources import attribute, load_nlp
from storyline.sources.speaker_lines import find_speaker_lines

ROUNDUP = (
    "Readers of the Velm Daily told us what the bridge closure means to them.\n\n"
    "“I drive across twice a day. Two more weeks of detours will cost me an hour each day.” ― Marta Okonkwo\n"
    "“The ferry is the only way my children get to school now.”― Tomas de Vries  "
    "“Nobody asked the people who live on the east bank.” — Ana Lucia Ferrer.\n"
)
TRANSCRIPT = (
    "Part of the council hearing on the bridge, as recorded by the Velm Daily.\n\n"
    "MODERATOR: When will the trams run again?\n\n"
    '"LINDQVIST: The trams will run again on the first of June, once the inspectors have signed off.\n\n'
    "MODERATOR: And the ferry?\n\n"
    "LINDQVIST: The ferry keeps its summer timetable until then.\n\n"
    "UPDATE: This article was changed to add the mayor's answer.\n"
)
DATELINE = (
    "VELM: The harbour bridge will close for two weeks of repairs, the city said on Monday.\n\n"
    "READ MORE: Bridges of the east bank\n"
)
POST = (
    "The mayor announced the date on social media.\n\n"
    "The harbour bridge reopens to trams on June 1. Thank you for your patience. "
    "— Anna Lindqvist (@lindqvist_velm) May 3, 2026\n"
)

NLP = load_nlp()
BACKENDS = ["rules"] + (["spacy"] if NLP is not None else [])


def _speakers(text: str) -> list[tuple[str, str, str]]:
    return [(f.source.name, f.cue.text, f.content.text) for f in find_speaker_lines(text) if f.source and f.content]


def test_signed_quotations_name_their_speakers_with_the_whole_quotation():
    got = _speakers(ROUNDUP)
    assert [(name, cue) for name, cue, _ in got] == [
        ("Marta Okonkwo", "―"),
        ("Tomas de Vries", "―"),
        ("Ana Lucia Ferrer", "—"),
    ]
    assert got[0][2] == "“I drive across twice a day. Two more weeks of detours will cost me an hour each day.”"
    assert got[1][2] == "“The ferry is the only way my children get to school now.”"
    assert got[2][2] == "“Nobody asked the people who live on the east bank.”"


def test_transcript_labels_are_speakers_and_headings_are_not():
    got = _speakers(TRANSCRIPT)
    assert [(name, cue) for name, cue, _ in got] == [("Moderator", ":"), ("Lindqvist", ":")] * 2
    assert got[1][2] == "The trams will run again on the first of June, once the inspectors have signed off."
    assert not any(name.lower() == "update" for name, _, _ in got)


def test_a_dateline_or_a_page_label_is_no_speaker():
    assert _speakers(DATELINE) == []


def test_an_embedded_post_is_its_authors():
    got = _speakers(POST)
    assert got == [
        ("Anna Lindqvist", "—", "The harbour bridge reopens to trams on June 1. Thank you for your patience.")
    ]


def test_a_dash_inside_a_sentence_names_no_speaker():
    text = "The closure — the second this year — will last two weeks, the mayor's office said.\n"
    assert _speakers(text) == []


@pytest.mark.parametrize("backend", BACKENDS)
def test_both_paths_credit_the_quoted_reader_not_the_outlet(backend):
    article = Article(id="r", text=ROUNDUP, source="Velm Daily")
    attrs = attribute(article, nlp=NLP if backend == "spacy" else None)
    ferry = next(a for a in attrs if "The ferry is the only way" in a.text)
    assert [s.name for s in ferry.chain][-1] == "Tomas de Vries"
    assert ferry.chain[-1].kind == "person"
    detours = [a for a in attrs if "detours" in a.text]
    assert detours and all(a.chain[-1].name == "Marta Okonkwo" for a in detours)


@pytest.mark.parametrize("backend", BACKENDS)
def test_both_paths_credit_a_transcript_line_to_its_speaker(backend):
    article = Article(id="t", text=TRANSCRIPT, source="Velm Daily")
    attrs = attribute(article, nlp=NLP if backend == "spacy" else None)
    trams = next(a for a in attrs if "first of June" in a.text)
    assert trams.chain[-1].name.lower() == "lindqvist"
    assert trams.chain[-1].kind == "person"


def test_a_quotation_inside_a_paragraph_signed_by_its_writer_is_not_the_writers():
    text = (
        'The mayor said on Monday that she will "keep the trams running" and that the bridge was "still the '
        'city\'s busiest crossing."--Kim Roe.\n'
    )
    assert _speakers(text) == []


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_post_signed_by_an_organisation_keeps_its_name_whole(backend):
    text = (
        "Oliver Brandt served the harbour police for fifteen years.\n\n"
        "Sheriff Jonas Lind just announced his deputy was killed. Words cannot express our grief. "
        "— Velm Harbour Police (@VelmHarbourPD) October 24, 2025\n\nOur thoughts are with his family.\n"
    )
    attrs = attribute(Article(id="p", text=text, source="Velm Daily"), nlp=NLP if backend == "spacy" else None)
    grief = next(a for a in attrs if "Words cannot express" in a.text)
    assert grief.chain[-1].name == "Velm Harbour Police"


def test_a_headline_credited_to_a_name_or_a_poll_names_it():
    assert _speakers("Marsh: Ferry Fares Will Not Rise Before the Summer\n\nMayor Ada Marsh said ...\n") == [
        ("Marsh", ":", "Ferry Fares Will Not Rise Before the Summer")
    ]
    assert _speakers("Poll: Velm Voters Split Over the Bridge Toll\n\nA poll ...\n") == [
        ("Poll", ":", "Velm Voters Split Over the Bridge Toll")
    ]


def test_a_kicker_or_a_headline_of_its_own_before_a_colon_is_no_speaker():
    for title in (
        "The Latest: Ferry Fares Will Not Rise Before the Summer",
        "BREAKING: Ferry Fares Will Not Rise Before the Summer",
        "Marsh Wades In: Ferry Fares Will Not Rise Before the Summer",
        "Monday's Briefing: Ferry Fares Will Not Rise Before the Summer",
        "Harbour Shooting: Ferry Fares Will Not Rise Before the Summer",
        "Harbour Fire: Ferry Fares Will Not Rise Before the Summer",
        "Posted: Nov 27, 2025 8:20 AM ET Last Updated: Nov 27, 2025",
    ):
        assert _speakers(title + "\n\nThe mayor said ...\n") == [], title
    assert _speakers("The report was late.\nMarsh: Ferry Fares Will Not Rise Before the Summer\n") == []


def test_a_name_and_a_colon_introduce_a_quotation():
    text = (
        "The two candidates differ on the toll.  Marsh: \"The toll goes when the bridge is paid for.\" "
        'Tomas Ek: "The toll stays."\n'
        "TOLLS ARE NOT FOREVER - Ada Marsh and Tomas Ek: “We agree on one thing: the bridge must stay open.”\n"
        "They disagreed. Said Ek: “The east bank pays twice.”\n"
    )
    got = _speakers(text)
    assert ("Marsh", ":", '"The toll goes when the bridge is paid for."') in got
    assert ("Ada Marsh and Tomas Ek", ":", "“We agree on one thing: the bridge must stay open.”") in got
    assert ("Ek", "Said", "“The east bank pays twice.”") in got
