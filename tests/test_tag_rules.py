"""The attribute ruler applied as a table (storyline.sources.tag_rules) annotates like spaCy's own ruler."""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

from storyline.sources.nlp import MODEL_NAMES  # noqa: E402
from storyline.sources.tag_rules import TOKEN_RULES, TokenRules, with_token_rules  # noqa: E402

TEXT = (
    "Harbour officials said on Tuesday that the ferry had been gonna leave at noon. "
    "“We gotta check the hull first,” the captain, Ilse Varga, told reporters. Let's see, she added.\n\n"
    "There is no timetable yet, and there's nothing anyone could do, according to the port authority. "
    "It'd have been worse, but the storm   passed.\tNobody was hurt."
)


def _installed() -> str | None:
    for name in MODEL_NAMES:
        try:
            spacy.load(name)
            return name
        except (OSError, ImportError):
            continue
    return None


MODEL = _installed()


def _toy_ruler(patterns: list[dict]) -> object:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    return nlp


def test_table_sets_what_the_ruler_sets_on_a_blank_pipeline():
    patterns = [
        {"patterns": [[{"LOWER": "said"}]], "attrs": {"POS": "VERB", "LEMMA": "say"}},
        {"patterns": [[{"LOWER": {"IN": ["ferry", "hull"]}}]], "attrs": {"POS": "NOUN"}},
        {"patterns": [[{"LOWER": {"REGEX": "^harb"}}]], "attrs": {"POS": "PROPN"}},
        {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "to"}, "index": 1},
        {"patterns": [[{"LOWER": "let"}, {"LOWER": "'s"}]], "attrs": {"POS": "VERB"}, "index": -2},
        {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
        {"patterns": [[{"LOWER": "said"}]], "attrs": {"POS": "AUX"}},  # a later pattern wins
    ]
    stock = _toy_ruler(patterns)
    table = with_token_rules(_toy_ruler(patterns))
    assert TOKEN_RULES in table.pipe_names and "attribute_ruler" not in table.pipe_names
    a, b = stock(TEXT), table(TEXT)
    assert [(t.pos_, t.lemma_) for t in a] == [(t.pos_, t.lemma_) for t in b]
    assert any(t.pos_ == "AUX" and t.lemma_ == "say" for t in b)
    assert [t.lemma_ for t in b if t.text == "na"] == ["to"]


def test_a_pattern_the_table_cannot_read_keeps_the_ruler():
    nlp = with_token_rules(_toy_ruler([{"patterns": [[{"LOWER": "said", "OP": "+"}]], "attrs": {"POS": "VERB"}}]))
    assert "attribute_ruler" in nlp.pipe_names and TOKEN_RULES not in nlp.pipe_names


@pytest.mark.skipif(MODEL is None, reason="no spaCy English model installed")
def test_english_pipeline_annotations_are_unchanged():
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

    stock = spacy.load(MODEL)
    table = with_token_rules(spacy.load(MODEL))
    assert isinstance(table.get_pipe(TOKEN_RULES), TokenRules)
    attrs = [POS, TAG, MORPH, LEMMA, DEP, HEAD]
    for text in (TEXT, TEXT.upper(), TEXT.replace(".", ";")):
        assert (stock(text).to_array(attrs) == table(text).to_array(attrs)).all()


@pytest.mark.skipif(MODEL is None, reason="no spaCy English model installed")
def test_attributions_are_those_of_the_stock_pipeline():
    from storyline.model import Article
    from storyline.sources import attribute_many
    from storyline.sources.nlp import with_line_breaks

    article = Article(id="harbour", text=TEXT, source="Harbour Post")
    stock = with_line_breaks(spacy.load(MODEL))
    table = with_token_rules(with_line_breaks(spacy.load(MODEL)))
    assert TOKEN_RULES in table.pipe_names
    (_, a), (_, b) = next(attribute_many([article], nlp=stock)), next(attribute_many([article], nlp=table))
    assert a == b and any(x.cue for x in a)
