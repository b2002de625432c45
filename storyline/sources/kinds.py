"""Classify a source by kind: outlet, agency, person, organisation, document or unnamed."""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import (
    AGENCIES,
    DOCUMENT_HEADS,
    ORGANISATION_HEADS,
    OUTLET_WORDS,
    OUTLETS,
    PRONOUN_PERSON,
    UNNAMED_HEADS,
)

KINDS: tuple[str, ...] = ("outlet", "agency", "person", "organisation", "document", "unnamed")

_POSSESSIVE = re.compile(r"[’']s\b")
_WORD = re.compile(r"[\w.&-]+")


def _words(text: str) -> list[str]:
    return [w.lower().strip(".") for w in _WORD.findall(_POSSESSIVE.sub("", text))]


@lru_cache(maxsize=16)
def _phrase_pattern(phrases: frozenset[str]) -> re.Pattern[str]:
    """One pattern for " PHRASE " for every phrase of a word list."""
    return re.compile(" (?:" + "|".join(re.escape(p) for p in sorted(phrases)) + ") ")


def _has_phrase(words: list[str], phrases: frozenset[str]) -> bool:
    joined = " " + " ".join(words) + " "
    return _phrase_pattern(phrases).search(joined) is not None


@lru_cache(maxsize=1 << 16)
def source_kind(text: str, head: str | None = None, label: str | None = None, named: bool | None = None) -> str:
    """Kind of a source from its words, its head noun, its entity label and whether it holds a name.

    ``label`` is a spaCy entity label (PERSON, ORG, GPE, NORP...) when one is known; ``named``
    says whether the phrase holds a proper name (None: guess from capitals).
    """
    words = _words(text)
    head_l = (head or (words[-1] if words else "")).lower()
    if named is None:
        named = any(w[:1].isupper() for w in text.split()[1:]) or (text[:1].isupper() and head_l not in UNNAMED_HEADS)
    if _has_phrase(words, AGENCIES):
        return "agency"
    if _has_phrase(words, OUTLETS) or (named and OUTLET_WORDS.search(text) and label != "PERSON"):
        return "outlet"
    if head_l in ("media", "newspaper", "newspapers", "broadcaster", "network", "outlet", "outlets", "daily"):
        return "outlet"
    if head_l in DOCUMENT_HEADS:
        return "document"
    if named and head_l in ORGANISATION_HEADS and len(words) > 1:
        return "organisation"
    if head_l in PRONOUN_PERSON or label == "PERSON":
        return "person"
    if head_l in UNNAMED_HEADS:
        return "unnamed"
    if label in ("ORG", "GPE", "NORP", "FAC", "LOC"):
        return "organisation"
    if head_l in ("it", "they"):
        return "unnamed"
    if named:
        acronym = re.fullmatch(r"[A-Z][A-Z&]{1,6}", text.strip()) is not None  # "LMPD", "NYPD": a body, no person
        return (
            "person"
            if label is None and len(words) in (1, 2, 3) and not OUTLET_WORDS.search(text) and not acronym
            else "organisation"
        )
    return "unnamed"
