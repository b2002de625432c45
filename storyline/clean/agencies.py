"""Outlet and agency names in credits, datelines and copyright lines: which names are news organisations,
and the one name each is given (the agencies themselves are :data:`storyline.lexicon.AGENCIES`)."""

from __future__ import annotations

import re

from ..lexicon import AGENCIES

NEWSY_WORDS = {
    "news",
    "press",
    "agency",
    "service",
    "wire",
    "times",
    "post",
    "herald",
    "tribune",
    "gazette",
    "journal",
    "daily",
    "telegraph",
    "media",
    "ledger",
    "chronicle",
    "observer",
    "courier",
    "radio",
    "tv",
    "broadcasting",
    "express",
    "bulletin",
    "dispatch",
    "standard",
    "guardian",
    "inquirer",
    "examiner",
    "monitor",
    "globe",
    "mail",
    "weekly",
}
_TAIL = 40
"""Characters at the end of a name that can hold its corporate suffix (the pattern is anchored there; a longer
window would let a run of spaces make it quadratic)."""
_CORP_SUFFIX = re.compile(r"(?<![,\s])[,\s]++(l\.?p\.?|inc\.?|ltd\.?|llc|plc|corp\.?|limited|co\.)\s*$", re.I)


def canonical_agency(name: str) -> str | None:
    """The canonical name of a known agency, or None."""
    return AGENCIES.get(" ".join(name.lower().replace(".", "").split()))


def looks_like_outlet(name: str) -> bool:
    """True for a known agency or a short capitalised name with a news word in it ("Meridian News")."""
    if canonical_agency(name):
        return True
    words = name.split()
    return (
        1 <= len(words) <= 5
        and all(w[:1].isupper() or w.lower() in {"of", "the", "and", "&"} for w in words)
        and any(w.lower().strip(".,") in NEWSY_WORDS for w in words)
        and not any(w.lower().strip(".,:") in _PAGE_LABEL_WORDS for w in words)
    )


_PAGE_LABEL_WORDS = frozenset(
    "video videos watched watch most popular trending related latest top stories headlines more read "
    "recommended sponsored photos gallery".split()
)
"""Words of a page's section labels ("MOST WATCHED NEWS VIDEOS", "Top Stories", "More News"): no outlet."""


def outlet_name(raw: str) -> str:
    """A copyright holder or dateline name as an outlet name: corporate suffixes dropped, agencies canonical."""
    name = raw.strip(" .,")
    name = (name[:-_TAIL] + _CORP_SUFFIX.sub("", name[-_TAIL:])).strip()
    return canonical_agency(name) or name
