"""The learned attribution model (storyline.sources.learned), on sentences written for these tests."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.model import Article
from storyline.sources import attribute, learned, load_nlp
from storyline.sources.parse import find_by_rules, find_in_doc

NLP = load_nlp()
MODEL = learned.load_model()
pytestmark = pytest.mark.skipif(
    NLP is None or MODEL is None, reason="needs spaCy's English pipeline and the packaged weights"
)


def spans(text: str) -> list:
    return find_in_doc(NLP(text))


def test_subject_of_said_is_the_source():
    (f,) = [
        f
        for f in spans("The minister said on Tuesday that the ferry service would resume in March.\n")
        if f.cue.text.endswith("said")
    ]
    assert f.source is not None and f.source.text == "The minister"
    assert f.content is not None and f.content.text.endswith("the ferry service would resume in March")


def test_source_after_a_quotation_keeps_its_title_and_drops_the_participle():
    text = "“We will rebuild the pier before summer,” said harbour master Tomas Ek, speaking at the quay.\n"
    (f,) = [f for f in spans(text) if "said" in f.cue.text]
    assert f.source is not None and f.source.text == "harbour master Tomas Ek"
    assert f.content is not None and "rebuild the pier" in f.content.text


def test_according_to_names_its_object():
    found = spans("According to the county auditor, the library budget fell by a third.\n")
    (f,) = [f for f in found if "According" in f.cue.text]
    assert f.source is not None and f.source.text == "the county auditor"
    assert f.content is not None and "library budget fell" in f.content.text


def test_a_sentence_with_no_one_speaking_has_no_attribution():
    assert spans("The ferry left the harbour at nine and reached the island by noon.\n") == []


def test_one_sentence_doc_gives_the_same_attribution_as_the_whole_text():
    first = "The weather stayed mild over the weekend.\n"
    second = "Councillor Ruth Abara told reporters the tram line would open in May.\n"
    whole = [(f.cue.text, f.source.text if f.source else None) for f in spans(first + second)]
    alone = [(f.cue.text, f.source.text if f.source else None) for f in spans(second)]
    assert alone and whole == alone
    (f,) = [f for f in spans(second) if "told" in f.cue.text]
    assert f.source is not None and f.source.text == "Councillor Ruth Abara"


def test_rules_only_when_the_model_is_switched_off(monkeypatch):
    doc = NLP("The mayor said the bridge would reopen.\n")
    assert find_in_doc(doc, model=None) == find_by_rules(doc)
    monkeypatch.setenv("STORYLINE_ATTRIBUTION", "rules")
    assert learned.active_model() is None


def test_cue_outside_the_lexicon_gets_a_chain_through_attribute():
    text = (
        "Mayor Anna Lindqvist said on Monday the depot was ready.\n\nShe expects the buses to run every ten minutes.\n"
    )
    attrs = attribute(Article(id="l1", text=text, source="The Veltria Courier"), nlp=NLP, all_sentences=False)
    (a,) = [a for a in attrs if "every ten minutes" in a.text]
    assert a.cue == "expects"
    assert [(s.name, s.kind) for s in a.chain] == [("The Veltria Courier", "outlet"), ("Anna Lindqvist", "person")]


def test_weights_file_holds_hashed_weights_and_single_word_lemmas_only():
    with np.load(learned.MODEL_PATH) as z:
        for key in z.files:
            arr = z[key]
            if key in ("cue_lemmas", "cue_vocab"):
                assert arr.dtype.kind == "U" and all(" " not in w and len(w) < 40 for w in arr)
            else:
                assert arr.dtype.kind in "fi"
    assert learned.MODEL_PATH.stat().st_size < 5_000_000
    assert "say" in MODEL.cue_lemmas


def test_feature_hashing_is_stable():
    assert learned.fid("l=say") == learned.fid("l=say") and 0 <= learned.fid("l=say") < (1 << learned.N_BITS)
    assert learned.fid("l=say") != learned.fid("l=tell")


def test_a_source_span_leaves_out_a_dateline_and_a_stray_quote_mark():
    doc = NLP('VELM -- Mayor Ada Marsh spoke. " Senator Tomas Ek spoke.\n')
    dateline = [t for t in doc if t.i < 5]
    assert [t.text for t in learned._source_edges(dateline)] == ["Mayor", "Ada", "Marsh"]
    stray = [t for t in doc if t.text in ('"', "Senator", "Tomas", "Ek")]
    assert [t.text for t in learned._source_edges(stray)] == ["Senator", "Tomas", "Ek"]
    quoted = NLP('The "Velm Daily" reported it.\n')
    kept = [t for t in quoted if t.i < 5]
    assert learned._source_edges(kept) == kept


def test_the_model_names_the_speaker_not_the_dateline():
    found = spans("VELM -- President Marsh, speaking at the harbour, said the bridge would reopen.\n")
    (f,) = [f for f in found if "said" in f.cue.text]
    assert f.source is not None and f.source.text == "President Marsh"


def test_a_content_that_opens_a_quotation_takes_in_its_closing_mark():
    text = "The council concluded that the mayor’s statement was “true.”\n"
    (f,) = [f for f in spans(text) if "concluded" in f.cue.text]
    assert f.content is not None and f.content.text == "that the mayor’s statement was “true.”"
    assert learned._closing_quote_end("was “true.” Then", 0, len("was “true")) == len("was “true.”")
    assert learned._closing_quote_end("was “true” said", 0, len("was “true”")) == len("was “true”")


def _source_of(text: str, cue: str) -> str | None:
    (f,) = [f for f in spans(text) if f.cue.text.endswith(cue)]
    return f.source.text if f.source is not None else None


def test_a_source_leaves_out_when_and_how_it_spoke():
    assert _source_of("Tomas Ek on Friday wrote that the pier was unsafe.\n", "wrote") == "Tomas Ek"
    text = "Senator Tomas Ek in an interview argued that the toll would stay.\n"
    assert _source_of(text, "argued") == "Senator Tomas Ek"


def test_a_poll_keeps_its_date_since_the_date_says_which_poll():
    text = "A ferry poll in February found that most riders wanted a later boat.\n"
    assert _source_of(text, "found") == "A ferry poll in February"


def test_a_source_leaves_out_a_dateline_with_a_hyphen_and_a_leading_even():
    text = "HARBOURTON, Vel. - Mayor Ada Marsh said the ferry would run again in May.\n"
    assert _source_of(text, "said") == "Mayor Ada Marsh"
    assert _source_of("Even Senator Tomas Ek said the bridge was too expensive.\n", "said") == "Senator Tomas Ek"
    assert _source_of("The AFL-CIO said the ferry workers would strike.\n", "said") == "The AFL-CIO"


def test_a_source_takes_in_the_marks_that_close_what_it_opened():
    text = "Port workers -- including the crane drivers -- say the new shifts are too long.\n"
    assert _source_of(text, "say") == "Port workers -- including the crane drivers --"
    text = "Port workers - including the crane drivers - say the new shifts are too long.\n"
    assert _source_of(text, "say") == "Port workers - including the crane drivers -"
    assert _source_of("In the survey, 42% say the ferry is too slow.\n", "say") == "42%"
    text = "Lena Dahl, the host of ''Harbour Hour,'' said the show would end.\n"
    assert _source_of(text, "said") == "Lena Dahl, the host of ''Harbour Hour,''"
    text = 'Lena Dahl, the author of "Salt Roads," said the book was finished.\n'
    assert _source_of(text, "said") == 'Lena Dahl, the author of "Salt Roads,"'


def test_a_quoted_content_is_quoted_whole_with_its_marks():
    text = "The ferry was late again. ''If we are to keep the route, of course we need new boats,'' Mr. Ek said.\n"
    (f,) = [f for f in spans(text) if f.cue.text.endswith("said")]
    assert f.content is not None and f.content.text == "''If we are to keep the route, of course we need new boats,''"
    assert learned._quotation_whole("“A,” she said.", 1, 2) == (0, 4)
    assert learned._quotation_whole("“A” and “B,” she said.", 1, 10) == (1, 10)


def test_it_in_a_clause_coordinated_with_a_things_clause_is_that_thing():
    text = (
        "Mayor Ada Marsh wants the Velm bridge closed. Velm Ferries asked the council to close it in March. "
        "The council upheld the request to close the bridge after the storm, but it criticized the harbour "
        "board for the delay.\n"
    )
    (a,) = [a for a in attribute(Article(id="c", text=text), nlp=NLP) if a.cue == "criticized"]
    assert a.chain[-1].name == "The council"


def _candidate_kinds(text: str, cue: str) -> set[str]:
    doc = NLP(text)
    head = next(t for t in doc if t.text == cue)
    sent = learned._sentence_at(doc, head.i)
    return {c.kind for c in learned.content_candidates(head, (head.i, head.i + 1), None, sent)}


def test_a_report_takes_no_content_from_another_paragraph_unless_it_introduces_it():
    ordered = "The council raised the ferry subsidy on Monday.\n\nTomas Ek ordered that no more be spent.\n"
    assert "prev_sent" not in _candidate_kinds(ordered, "ordered")
    same = "The council raised the ferry subsidy on Monday. Tomas Ek ordered that no more be spent.\n"
    assert "prev_sent" in _candidate_kinds(same, "ordered")
    quoted = "“The subsidy is too low.”\n\nTomas Ek said that on Monday.\n"
    assert "prev_sent" in _candidate_kinds(quoted, "said")
    colon = "Tomas Ek said:\n\nThe subsidy is too low for the islands.\n"
    assert "next_sent" in _candidate_kinds(colon, "said")
    plain = "Tomas Ek said it on Monday.\n\nThe subsidy is too low for the islands.\n"
    assert "next_sent" not in _candidate_kinds(plain, "said")


def _triples(text: str) -> list[tuple[str, str, str]]:
    return [(f.cue.text, f.source.text if f.source else "", f.content.text if f.content else "") for f in spans(text)]


def test_a_finding_in_a_poll_is_credited_to_the_poll():
    text = "In a Velm Courier poll released Monday, Mayor Ada Marsh led her rival by nine points.\n"
    assert ("In", "a Velm Courier poll released Monday", "Mayor Ada Marsh led her rival by nine points") in _triples(
        text
    )
    text = "Ada Marsh led the race by nine points in a Harbour Radio survey.\n"
    assert [(c, s) for c, s, _ in _triples(text)] == [("in", "a Harbour Radio survey")]


def test_a_standing_in_the_polls_credits_no_poll():
    assert _triples("Ada Marsh has risen in the polls since the ferry strike.\n") == []
    assert _triples("Only 300 riders took part in the ferry poll.\n") == []


def test_the_parse_of_cue_sentences_only_still_sees_a_poll(monkeypatch):
    from storyline.sources import attribution, find_spans

    monkeypatch.setattr(attribution, "PARSE_RUNS", True)
    text = "The ferry strike ended on Friday.\n\nIn a Velm Courier poll last week, Ada Marsh had 52 percent.\n"
    ((_, found),) = list(find_spans([Article(id="p1", text=text)], NLP))
    assert [(f.cue.text, f.source.text if f.source else None) for f in found] == [("In", "a Velm Courier poll")]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("“We were wrong to wait so long,” Ramos, 58, told AFP in an interview on Monday.\n", "Ramos"),
        (
            "“We have had better fairs than this one,” Velm delegate Ana Drell, wearing a hat and two badges, "
            "said as the stalls closed.\n",
            "Ana Drell",
        ),
        (
            "“It is not the case that all is well,” Tomas Ek, a harbour adviser, said at a forum on Friday.\n",
            "Tomas Ek",
        ),
    ],
)
def test_the_speaker_between_a_closing_quote_and_the_cue_is_the_source(text, speaker):
    """The parser often hangs such a name elsewhere (a conjunct, an adverb); whom he told is never the source,
    and the closing quote mark is no part of the name."""
    [f] = [f for f in spans(text) if f.cue.text in ("told", "said")]
    assert f.source is not None and speaker in f.source.text, f.source
    assert "AFP" not in f.source.text and "”" not in f.source.text


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Large majorities of Velm voters in six districts going to the polls on Tuesday said they back the levy.\n",
            "majorities",
        ),
        ("About 4 in 10 say they want the next mayor to have more liberal policies.\n", "4 in 10"),
    ],
)
def test_a_saying_cue_keeps_a_speaker_the_parser_hung_badly(text, source):
    """ "majorities" parsed as the subject of "going", "10" as a number modifying "say": the model scored them
    under its threshold, and the statement lost its speaker."""
    [f] = [f for f in spans(text) if f.cue.text in ("said", "say")]
    assert f.source is not None and source in f.source.text, f.source


def test_a_datelines_place_is_never_the_source():
    """The parser made "CLEVELAND" of "CLEVELAND, July 19 (UPI) — Former ... told delegates" the subject."""
    text = (
        "CLEVELAND, July 19 (UPI) — Former Attorney General Ana Drell told delegates at the Velm Party Convention "
        "that the port authority's use of a private ledger was a crime.\n"
    )
    [f] = [f for f in spans(text) if f.cue.text == "told"]
    assert f.source is not None and "Ana Drell" in f.source.text and "CLEVELAND" not in f.source.text, f.source


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        (
            "Once she was mayor, Ana Drell made a new harbour a priority, announcing the appointment of Tomas Ek "
            "as harbour master two days after taking office.\n",
            "announcing",
            "Ana Drell",
        ),
        (
            "Ana Drell and Tomas Ek had moments where they teamed up against the board. They were especially hard "
            "on it over the ferry, challenging it over its plan to sell the pier.\n",
            "challenging",
            "They",
        ),
    ],
)
def test_a_participle_cue_takes_the_subject_of_the_verb_it_hangs_from(text, cue, source):
    """ "..., announcing the appointment of ...": the mayor announces, not the appointment."""
    [f] = [f for f in spans(text) if f.cue.text.startswith(cue)]
    assert f.source is not None and f.source.text == source, f.source
