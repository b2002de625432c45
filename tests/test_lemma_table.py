"""The lemmatizer run as a table (storyline.sources.lemma_table) gives spaCy's own lemmas."""

from __future__ import annotations

import pytest

spacy = pytest.importorskip("spacy")

from storyline.sources.lemma_table import LEMMA_TABLE, LemmaTable, with_lemma_table  # noqa: E402
from storyline.sources.nlp import MODEL_NAMES  # noqa: E402

TEXT = (
    "The harbour master said the ferries were delayed. I would have gone, she told the Harbour Post, "
    "but the crews are striking and the unions say talks broke down. Nobody knows when ships will sail; "
    "officials denied claims that the strikes were spreading, saying the talks continue."
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


def _lookup_pipeline() -> object:
    from spacy.lookups import Lookups

    nlp = spacy.blank("en")
    lemmatizer = nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    lookups = Lookups()
    lookups.add_table("lemma_lookup", {"said": "say", "ferries": "ferry", "were": "be", "told": "tell"})
    lemmatizer.initialize(lookups=lookups)
    return nlp


def test_lookup_lemmatizer_as_a_table():
    stock, table = _lookup_pipeline(), with_lemma_table(_lookup_pipeline())
    assert LEMMA_TABLE in table.pipe_names and "lemmatizer" not in table.pipe_names
    assert [t.lemma_ for t in stock(TEXT)] == [t.lemma_ for t in table(TEXT)]
    assert [t.lemma_ for t in table(TEXT) if t.text in ("said", "ferries")] == ["say", "ferry"]
    assert len(table("")) == 0 and [t.lemma_ for t in table("\n\n")] == [t.lemma_ for t in stock("\n\n")]


@pytest.mark.skipif(MODEL is None, reason="no spaCy English model installed")
def test_rule_lemmatizer_as_a_table_gives_the_same_lemmas():
    from spacy.attrs import LEMMA, MORPH, POS

    stock = spacy.load(MODEL)
    table = with_lemma_table(spacy.load(MODEL))
    assert isinstance(table.get_pipe(LEMMA_TABLE), LemmaTable)
    for text in (TEXT, TEXT.upper(), TEXT + " " + TEXT.lower()):
        a, b = stock(text), table(text)
        assert (a.to_array([POS, MORPH, LEMMA]) == b.to_array([POS, MORPH, LEMMA])).all()
    assert {t.text: t.lemma_ for t in table(TEXT)}["I"] == "I"  # set by the attribute ruler, kept


@pytest.mark.skipif(MODEL is None, reason="no spaCy English model installed")
def test_the_index_of_lemmas_becomes_sets_of_the_same_words():
    stock = spacy.load(MODEL).get_pipe("lemmatizer").lookups.get_table("lemma_index")
    table = with_lemma_table(spacy.load(MODEL)).get_pipe(LEMMA_TABLE).lemmatizer.lookups.get_table("lemma_index")
    assert {k: frozenset(v) for k, v in stock.items()} == dict(table.items())
    assert all(isinstance(v, frozenset) for v in table.values())
