"""Entities with canonical forms: people, organisations and places resolved across articles and spellings."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Iterable, Iterator

from rapidfuzz import fuzz, process

from storyline.model import Article

from .lexicon import AGENCIES, HONORIFICS, ORG_WORDS, OUTLETS
from .names import fold, name_words
from .nlp import load_nlp

# spaCy entity labels kept, and the entity kind each becomes.
LABELS: dict[str, str] = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place"}


@dataclass
class Entity:
    """One real-world referent: its surface forms, labels seen, and where it is mentioned."""

    id: str
    forms: Counter = field(default_factory=Counter)
    labels: Counter = field(default_factory=Counter)
    mentions: list[tuple[str | None, int | None, int | None, str]] = field(default_factory=list)
    order: dict[str, int] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """The kind most often seen for it (person, organisation, place)."""
        return self.labels.most_common(1)[0][0]

    @property
    def name(self) -> str:
        """Canonical form: the most frequent of the fullest forms (most words), first seen on ties."""
        label = self.label
        sizes = {f: len(name_words(f, label)) for f in self.forms}
        most = max(sizes.values())
        full = [f for f in self.forms if sizes[f] == most]
        return max(full, key=lambda f: (self.forms[f], -self.order[f]))

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON output."""
        return {
            "id": self.id,
            "name": self.name,
            "label": self.label,
            "forms": dict(self.forms),
            "articles": sorted({m[0] for m in self.mentions if m[0] is not None}),
            "mentions": [list(m) for m in self.mentions],
        }


_THE = re.compile(r"^[Tt]he\s+")


@lru_cache(maxsize=1 << 16)
def _keyed(surface: str, label: str) -> tuple[str, tuple[str, ...], str]:
    """A mention's label as corrected by :func:`relabel`, its comparable words and its key."""
    label = relabel(surface, label)
    tokens = name_words(surface, label)
    return label, tokens, "".join(w.replace("-", "").replace("'", "") for w in tokens)


_OPEN_TAIL = re.compile(r"[ \t]*\((?![^)]*\))[^)]*$")


def _closed(surface: str) -> str:
    """A mention less a bracket it opens and never closes ("Sacramento Police (@Chiefsamsomers" from a
    post's signature, where the parser's entity stopped inside the handle)."""
    return _OPEN_TAIL.sub("", surface) or surface


@lru_cache(maxsize=1 << 16)
def _form(surface: str) -> str:
    """The form a mention is recorded under: trimmed, without a leading "the"."""
    return _THE.sub("", surface.strip())


@lru_cache(maxsize=1 << 16)
def relabel(surface: str, label: str) -> str:
    """Correct a model's label with the word lists: news outlets and ministries are organisations."""
    words = " ".join(name_words(surface, "organisation"))
    if words in AGENCIES or words in OUTLETS or fold(surface).removeprefix("the ") in OUTLETS:
        return "organisation"
    if label == "place" and ORG_WORDS.search(surface):
        return "organisation"
    return label


class EntityResolver:
    """Maps surface forms of names to canonical entity ids, across articles.

    Two forms are one entity when their normalised keys are equal (accents, case, British spelling,
    titles, possessives, corporate suffixes and hyphens ignored), when their keys are within
    ``threshold`` (rapidfuzz ratio) of each other, or, inside one article, when a one-word person
    name is the first or last word of a fuller name mentioned there ("Mr Kim" after "Kim Jong Un";
    the latest such name wins when several fit).
    """

    def __init__(self, threshold: float = 90.0, min_fuzzy_length: int = 6) -> None:
        self.threshold = threshold
        self.min_fuzzy_length = min_fuzzy_length
        self._entities: dict[str, Entity] = {}
        self._by_key: dict[str, str] = {}
        # Full person names of each article by first and by last word: (position, entity id).
        self._recent: dict[str | None, dict[str, list[tuple[int, str]]]] = {}
        self._seen = 0

    def add(
        self, surface: str, label: str, article_id: str | None = None, start: int | None = None, end: int | None = None
    ) -> str | None:
        """Record one mention and return its entity id (None for a form with no name in it)."""
        whole = _closed(surface)
        if whole != surface and end is not None:
            end -= len(surface) - len(whole)
        surface = whole
        label, tokens, key = _keyed(surface, label)
        if not key:
            return None
        eid = self._find(key, tokens, label, article_id, start)
        if eid is None:
            eid = f"E{len(self._entities) + 1}"
            self._entities[eid] = Entity(eid)
        ent = self._entities[eid]
        form = _form(surface)
        if start is not None and end is not None:
            start = end - len(form)
        ent.forms[form] += 1
        ent.order.setdefault(form, self._seen)
        ent.labels[label] += 1
        ent.mentions.append((article_id, start, end, form))
        self._seen += 1
        self._by_key.setdefault(key, eid)
        if label == "person" and len(tokens) > 1:
            entry = (start if start is not None else self._seen, eid)
            words = self._recent.setdefault(article_id, {})
            words.setdefault(tokens[0], []).append(entry)
            if tokens[-1] != tokens[0]:
                words.setdefault(tokens[-1], []).append(entry)
        return eid

    def resolve(self, surface: str, label: str, article_id: str | None = None, at: int | None = None) -> str | None:
        """The entity id a form would get at offset ``at`` of an article, without recording it (None when new)."""
        label, tokens, key = _keyed(surface, label)
        return self._find(key, tokens, label, article_id, at) if key else None

    def names_person(self, surface: str, article_id: str | None = None, at: int | None = None) -> bool:
        """Whether a one-word form is the first or last word of a person named in full in that article
        ("Holt" after "Prime Minister Anna Holt"), whatever label the parser gave the form."""
        _, tokens, key = _keyed(surface, "person")
        return bool(key) and len(tokens) == 1 and bool(self._recent.get(article_id, {}).get(tokens[0]))

    def canonical(self, surface: str, label: str, article_id: str | None = None, at: int | None = None) -> str:
        """The canonical form of a name, or the name itself when no entity is known for it."""
        eid = self.resolve(surface, label, article_id, at)
        return self._entities[eid].name if eid else surface

    def _find(
        self, key: str, tokens: tuple[str, ...], label: str, article_id: str | None, at: int | None = None
    ) -> str | None:
        if label == "person" and len(tokens) == 1:
            fits = self._recent.get(article_id, {}).get(tokens[0])
            if fits:
                before = [f for f in fits if at is None or f[0] < at]
                return max(before)[1] if before else min(fits)[1]
        if key in self._by_key:
            return self._by_key[key]
        if len(key) >= self.min_fuzzy_length and self._by_key:
            hit = process.extractOne(key, self._by_key.keys(), scorer=fuzz.ratio, score_cutoff=self.threshold)
            if hit is not None and len(hit[0]) >= self.min_fuzzy_length:
                return self._by_key[hit[0]]
        return None

    def entities(self) -> dict[str, Entity]:
        """All entities by id."""
        return dict(self._entities)

    def __len__(self) -> int:
        return len(self._entities)


_GAP = r"(?:[ \t]+(?:\n[ \t]*)?|\n[ \t]*)"
_CAPS = re.compile(rf"(?:[A-Z][\w’'.-]*)(?:{_GAP}(?:(?:of|for|the|de|al){_GAP})?[A-Z][\w’'.-]*)*")
"""A run of capitalised words, as one name may be: never across a paragraph break."""
_STARTERS = {
    "The",
    "A",
    "An",
    "But",
    "And",
    "In",
    "On",
    "It",
    "This",
    "That",
    "There",
    "He",
    "She",
    "They",
    "We",
    "I",
    "While",
    "When",
    "If",
    "As",
    "After",
    "Before",
    "Any",
    "Both",
    "Read",
    "Last",
    "Mr",
    "Mrs",
    "Ms",
    "Dr",
}


_OWNER = re.compile(r"[’']s\s+(?=[A-Z])")
_SENTENCE_GAP = re.compile(r"(?<=[a-z]{3})\.['’\"”]?\s+")


def rule_mentions(text: str) -> Iterator[tuple[int, int, str, str]]:
    """Name mentions found without a model: capitalised runs, labelled by titles and organisation words."""
    for m in _CAPS.finditer(text):
        pos, run = m.start(), m.group(0)
        for gap in [*_SENTENCE_GAP.finditer(run), None]:
            end = gap.start() if gap else len(run)
            yield from _run(text, m.start() + pos - m.start(), run[pos - m.start() : end].rstrip("."))
            if gap:
                pos = m.start() + gap.end()


def _run(text: str, start: int, surface: str) -> Iterator[tuple[int, int, str, str]]:
    while surface and surface.split(" ", 1)[0].rstrip(".") in _STARTERS:
        rest = surface.split(None, 1)
        if len(rest) < 2:
            return
        start += len(surface) - len(rest[1])
        surface = rest[1]
    if not surface:
        return
    owner = _OWNER.search(surface)
    if owner:
        yield from _labelled(text, start, surface[: owner.start()])
        start, surface = start + owner.end(), surface[owner.end() :]
    yield from _labelled(text, start, surface)


def _labelled(text: str, start: int, surface: str) -> Iterator[tuple[int, int, str, str]]:
    words = surface.split()
    titles = [i for i, w in enumerate(words[:-1]) if w.lower().strip(".") in HONORIFICS and words[i + 1][:1].isupper()]
    titled = bool(titles)
    if titled:
        cut = len(" ".join(words[: titles[-1] + 1])) + 1
        start, surface, words = start + cut, surface[cut:], words[titles[-1] + 1 :]
    if words:
        if ORG_WORDS.search(surface):
            label = "organisation"
        elif titled or len(words) in (2, 3):
            label = "person"
        elif len(words) == 1 and text[max(0, start - 4) : start].rstrip().endswith(
            ("Mr", "Mr.", "Ms", "Ms.", "Dr", "Dr.")
        ):
            label = "person"
        else:
            label = "place" if len(words) == 1 else "organisation"
        yield start, start + len(surface), surface, label


def doc_mentions(doc: Any) -> Iterator[tuple[int, int, str, str]]:
    """Name mentions of a spaCy Doc (PERSON, ORG, GPE, LOC, FAC), possessives dropped."""
    for ent in doc.ents:
        label = LABELS.get(ent.label_)
        if label is None:
            continue
        text = ent.text
        for suffix in ("’s", "'s"):
            if text.endswith(suffix):
                text = text[: -len(suffix)]
        yield ent.start_char, ent.start_char + len(text), text, label


def canonical_entities(
    articles: Iterable[Article], nlp: Any | None = None, resolver: EntityResolver | None = None
) -> dict[str, dict[str, Any]]:
    """Entities of many articles, by id: canonical name, label, forms, articles and mentions.

    Uses spaCy NER (batched with ``nlp.pipe``) when a model is installed, else :func:`rule_mentions`.
    """
    nlp = nlp if nlp is not None else load_nlp()
    resolver = resolver or EntityResolver()
    items = list(articles)
    if nlp is not None:
        docs = nlp.pipe((a.text for a in items), batch_size=32)
        mentions: Iterable[Iterator[tuple[int, int, str, str]]] = (doc_mentions(d) for d in docs)
    else:
        mentions = (rule_mentions(a.text) for a in items)
    for article, found in zip(items, mentions):
        for start, end, text, label in found:
            resolver.add(text, label, article.id, start, end)
    return {eid: ent.to_dict() for eid, ent in resolver.entities().items()}
