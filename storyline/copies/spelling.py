"""British and American spellings folded to one form, so a reprint that respelt a word still matches
(the table is :data:`storyline.lexicon.SPELLING_VARIANTS`)."""

from __future__ import annotations

from ..lexicon import SPELLING_VARIANTS

VARIANTS: dict[str, str] = SPELLING_VARIANTS


def fold(word: str) -> str:
    """The American form of a lower-case word when it has a known British variant, else the word."""
    return VARIANTS.get(word, word)


def is_variant(a: str, b: str) -> bool:
    """Whether two lower-case words are one spelling apart (British/American, or hyphenation)."""
    if a == b:
        return False
    if fold(a) == fold(b):
        return True
    return a.replace("-", "") == b.replace("-", "")
