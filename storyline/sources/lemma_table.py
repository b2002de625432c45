"""spaCy's lemmatizer with every lemma it gives kept by (word, part of speech, morphology).

The English rule lemmatizer keeps only the lemmas it derives by its suffix rules; the rest (every
singular noun, infinitive or positive adjective, most tokens of a news text) it works out again at each
token, reading the token's morphology into a dict. Its lemma is a function of the word, the part of
speech and the morphology, so keeping it by those three gives the same lemmas; the tokens whose lemma
an earlier component set (the attribute ruler's "I", "would") keep it, as with spaCy's own component.

A new word costs the rule lemmatizer a search of its index of known lemmas, which it keeps as lists (57,528
nouns): each candidate form is looked for word by word, about 0.1 ms. The index is given to it as sets,
which hold the same words.
"""

from __future__ import annotations

from typing import Any, Iterable, Iterator

LEMMA_TABLE = "storyline_lemma_table"
_MODES = ("rule", "lookup", "pos_lookup")


class LemmaTable:
    """The lemmatizer ``lemmatizer`` as a spaCy component: the same lemmas, each worked out once."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Any) -> Any:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        overwrite = self.lemmatizer.overwrite
        strings = doc.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            got = self._lemmas.get(key)
            if got is None:
                got = self._lemmas[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = got
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc

    def pipe(self, docs: Iterable[Any], batch_size: int = 128) -> Iterator[Any]:
        for doc in docs:
            yield self(doc)


def _make(nlp: Any, name: str) -> LemmaTable:
    return LemmaTable(nlp.get_pipe("lemmatizer"))


def _index_as_sets(lemmatizer: Any) -> None:
    """The lemmatizer's index of known lemmas by part of speech as sets (it only asks whether a form is in it)."""
    if "lemma_index" not in lemmatizer.lookups.tables:
        return
    index = lemmatizer.lookups.get_table("lemma_index")
    for pos, words in list(index.items()):
        if isinstance(words, list):
            index[pos] = frozenset(words)


def with_lemma_table(nlp: Any) -> Any:
    """Put :class:`LemmaTable` in place of a pipeline's lemmatizer (once), when its mode derives a lemma
    from the word, part of speech and morphology alone."""
    from spacy.language import Language

    if "lemmatizer" not in nlp.pipe_names or LEMMA_TABLE in nlp.pipe_names:
        return nlp
    if getattr(nlp.get_pipe("lemmatizer"), "mode", None) not in _MODES:
        return nlp
    _index_as_sets(nlp.get_pipe("lemmatizer"))
    if not Language.has_factory(LEMMA_TABLE):
        Language.factory(LEMMA_TABLE, func=_make)
    nlp.add_pipe(LEMMA_TABLE, after="lemmatizer")
    nlp.remove_pipe("lemmatizer")
    return nlp
