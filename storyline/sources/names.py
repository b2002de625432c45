"""Normalise names for comparison: accents, case, British spelling, honorifics, corporate suffixes."""

from __future__ import annotations

import re
import unicodedata

from .lexicon import HONORIFICS, ORG_SUFFIXES, SPELLING

_TOKEN = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’]s?$")


def fold(text: str) -> str:
    """Lower-case ASCII form of a text, with curly quotes straightened and accents dropped."""
    text = text.replace("’", "'").replace("‘", "'")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).casefold()


def name_tokens(text: str, label: str | None = None) -> list[str]:
    """Comparable words of a name: no leading article, possessive, title or (for organisations) suffix.

    "Mr Kim" -> ["kim"]; "South Korean Ministry of Defence" -> ["south", "korean", "ministry", "of",
    "defense"]; "Yonhap News Agency" -> ["yonhap"]; "Shin Won-sik" -> ["shin", "won-sik"].
    """
    words = [_POSSESSIVE.sub("", w) for w in _TOKEN.findall(fold(text).replace(".", " "))]
    words = [SPELLING.get(w, w) for w in words if w]
    while words and words[0] == "the":
        words = words[1:]
    if label in (None, "person"):
        titled = [i for i, w in enumerate(words) if w in HONORIFICS]
        if titled and titled[-1] + 1 < len(words) and (label == "person" or titled[-1] == 0):
            words = words[titled[-1] + 1 :]
    if label == "organisation":
        joined = " ".join(words)
        for suffix in ORG_SUFFIXES:
            if joined.endswith(" " + suffix) and len(joined) > len(suffix) + 1:
                joined = joined[: -len(suffix) - 1]
        words = joined.split()
    return words


def name_key(text: str, label: str | None = None) -> str:
    """One comparison key for a name: its comparable words with spaces and hyphens removed."""
    return "".join(w.replace("-", "").replace("'", "") for w in name_tokens(text, label))
