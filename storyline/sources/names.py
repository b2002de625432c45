"""Normalise names for comparison: accents, case, British spelling, honorifics, corporate suffixes.

The same few names are compared again and again (every mention of every entity), so the
normalisations are memoised: they are pure functions of their arguments.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .lexicon import HONORIFICS, ORG_SUFFIXES, RANKS, SPELLING

_TOKEN = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’]s?$")
_CACHE = 1 << 16
_QUALIFIER = re.compile(r"(?<=\S)\s*\([^()]*\)?\s*$")
"""A bracket closing an organisation's or outlet's name: a qualifier ("CNN (Online News)", "Fox News (Opinion)") or
its acronym ("Centers for Disease Control and Prevention (CDC)"), left out when names are compared."""
_MEDIA_SUFFIXES = ("news", "news service", "wire")
"""Trailing words by which one news body is written with or without ("Meridian News agency",
"Meridian News", "Meridian"): cut from organisations', agencies' and outlets' names for comparison."""


@lru_cache(maxsize=_CACHE)
def fold(text: str) -> str:
    """Lower-case ASCII form of a text, with curly quotes straightened and accents dropped."""
    if text.isascii():  # NFKD leaves ASCII alone and it has no combining marks
        return text.casefold()
    text = text.replace("’", "'").replace("‘", "'")
    text = unicodedata.normalize("NFKD", text)
    combining = unicodedata.combining
    return "".join([c for c in text if not combining(c)]).casefold()


def name_tokens(text: str, label: str | None = None) -> list[str]:
    """Comparable words of a name: no leading article, possessive, title or (for organisations) suffix.

    "Mr Kim" -> ["kim"]; "South Korean Ministry of Defence" -> ["south", "korean", "ministry", "of",
    "defense"]; "Yonhap News Agency" -> ["yonhap"]; "Meridian News agency" (an agency or outlet) ->
    ["meridian"]; "Shin Won-sik" -> ["shin", "won-sik"].
    """
    return list(name_words(text, label))


@lru_cache(maxsize=_CACHE)
def name_words(text: str, label: str | None = None) -> tuple[str, ...]:
    """:func:`name_tokens` as a tuple, memoised (for callers that do not change it)."""
    if label in ("organisation", "agency", "outlet"):
        text = _QUALIFIER.sub("", text) or text
    words = [_POSSESSIVE.sub("", w) for w in _TOKEN.findall(fold(text).replace(".", " "))]
    words = [SPELLING.get(w, w) for w in words if w]
    while words and words[0] == "the":
        words = words[1:]
    if label in (None, "person"):
        titled = [i for i, w in enumerate(words) if w in HONORIFICS or label == "person" and w in RANKS]
        if titled and titled[-1] + 1 < len(words) and (label == "person" or titled[-1] == 0):
            words = words[titled[-1] + 1 :]
    if label in ("organisation", "agency", "outlet"):
        joined = " ".join(words)
        cut = True
        while cut:
            cut = False
            for suffix in ORG_SUFFIXES + _MEDIA_SUFFIXES:
                if joined.endswith(" " + suffix) and len(joined) > len(suffix) + 1:
                    joined, cut = joined[: -len(suffix) - 1], True
        words = joined.split()
    return tuple(words)


@lru_cache(maxsize=_CACHE)
def name_key(text: str, label: str | None = None) -> str:
    """One comparison key for a name: its comparable words with spaces and hyphens removed."""
    return "".join(w.replace("-", "").replace("'", "") for w in name_words(text, label))


_DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?(?P<host>[\w.-]+?)\.(?:com|net|org|tv|us|news)$", re.I)


@lru_cache(maxsize=_CACHE)
def station_stem(name: str) -> str:
    """A broadcaster's call letters as written in its web address or its credits ("wishtv.com",
    "WISH", "WESH 2 News" -> "wish", "wesh"): lower case, channel numbers and "TV" or "News" dropped."""
    m = _DOMAIN.match(name.strip())
    base = m.group("host").rsplit(".", 1)[-1] if m else name
    stem = re.sub(r"[^a-z0-9]", "", fold(base))
    while True:
        cut = stem.rstrip("0123456789").removesuffix("news").removesuffix("tv")
        if cut == stem:
            return stem
        stem = cut


def names_own_outlet(credit: str, outlet: str) -> bool:
    """Whether a credit in an article ("(WXYZ)", "Copyright 2016 WXYZ") names the outlet whose web
    address the article came from ("wxyz.com"): the page's own station, not a wire it reprints."""
    if not _DOMAIN.match(outlet.strip()):
        return False
    stem = station_stem(outlet)
    return len(stem) >= 3 and stem == station_stem(credit)


_RAW_WORD = re.compile(r"[\w.&'’-]+")


@lru_cache(maxsize=_CACHE)
def same_outlet(a: str, b: str) -> bool:
    """Whether two names write one news outlet or agency: the same comparable words, one opening with
    the initials of the other's first words ("LA Times" and "Los Angeles Times", "WSJ" and "The Wall
    Street Journal"), one the last word of the other ("Tribune", "Chicago Tribune"), or a web address
    and the name it spells ("chicagotribune.com", "Chicago Tribune"). Meant for the outlets of one
    claim or story, where a short form has one reading."""
    wa, wb = name_words(a, "outlet"), name_words(b, "outlet")
    if not (wa and wb):
        return False
    if wa == wb or _opens_with_initials(a, wa, wb) or _opens_with_initials(b, wb, wa):
        return True
    if len(wa) == 1 < len(wb) and wb[-1] == wa[0] or len(wb) == 1 < len(wa) and wa[-1] == wb[0]:
        return True  # "the Tribune" of a story the Chicago Tribune covers
    host_a, host_b = _DOMAIN.match(a.strip()), _DOMAIN.match(b.strip())
    if host_a is not None and host_b is None:
        return host_a.group("host").rsplit(".", 1)[-1].lower() == "".join(wb).replace("-", "")
    if host_b is not None and host_a is None:
        return host_b.group("host").rsplit(".", 1)[-1].lower() == "".join(wa).replace("-", "")
    return False


def _opens_with_initials(raw: str, short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    words = [w for w in _RAW_WORD.findall(raw) if w.casefold() != "the"]
    letters = words[0].replace(".", "") if words else ""
    if not (2 <= len(letters) <= 4 and letters.isalpha() and letters.isupper()):
        return False
    k = len(letters)
    return len(long) >= k and "".join(w[0] for w in long[:k]) == letters.casefold() and long[k:] == short[1:]
