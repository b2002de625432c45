"""Kinds of edit between a sentence and its reprinted version: spelling, honorific, date, trim, wording."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..lexicon import MONTHS, WEEKDAY_NAMES
from .spelling import is_variant

_TOKEN = re.compile(r"\w+(?:[-'’]\w+)*|[^\w\s]")
HONORIFICS = frozenset(["mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "madam", "mdm", "lord", "lady"])
# Words that name a day relative to publication: a copy that turns one into a date made it absolute.
RELATIVE_DAYS = frozenset(WEEKDAY_NAMES) | frozenset("today yesterday tomorrow tonight".split())
_DATE_WORDS = frozenset(MONTHS) | frozenset("weekend week month year ago earlier later".split()) | RELATIVE_DAYS
_BOILERPLATE = re.compile(
    r"^(sign up|subscribe|read more|related:|also read|share this|photo:|file photo|©|copyright|all rights reserved)"
    r"|newsletter|click here|follow us",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Change:
    """One change inside an edited sentence: its kind and the words before and after."""

    kind: str
    before: str
    after: str


def words(sentence: str) -> list[str]:
    """Word and punctuation tokens of a sentence."""
    return _TOKEN.findall(sentence)


def _is_date_token(token: str) -> bool:
    t = token.lower().rstrip(".")
    if t in _DATE_WORDS:
        return True
    return t.isdigit() and (len(t) <= 2 and 1 <= int(t) <= 31 or len(t) == 4 and t[:2] in ("19", "20"))


def _kind(before: list[str], after: list[str], context: list[str]) -> str:
    b = [w.lower() for w in before]
    a = [w.lower() for w in after]
    if b and a and len(b) == len(a) and all(x == y or is_variant(x, y) for x, y in zip(b, a)):
        return "spelling"
    added, dropped = [w for w in a if w not in b], [w for w in b if w not in a]
    if (added or dropped) and all(w.rstrip(".") in HONORIFICS for w in added + dropped):
        return "honorific"
    if any(_is_date_token(w) for w in before + after):
        return "date"
    if any(_is_date_token(w) for w in context) and len(b) <= 2 and len(a) <= 3:
        return "date"
    if not after and len(before) >= 3:
        return "trim"
    return "wording"


def sentence_changes(origin: str, copy: str) -> list[Change]:
    """The word-level changes that turn ``origin`` into ``copy``, each with its kind."""
    o_all, c_all = words(origin), words(copy)
    o = [w for w in o_all if w[0].isalnum()]
    c = [w for w in c_all if w[0].isalnum()]
    changes: list[Change] = []
    matcher = SequenceMatcher(None, [w.lower() for w in o], [w.lower() for w in c], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        context = o[max(0, i1 - 1) : i2 + 1] + c[max(0, j1 - 1) : j2 + 1]
        changes.append(Change(_kind(o[i1:i2], c[j1:j2], context), " ".join(o[i1:i2]), " ".join(c[j1:j2])))
    if not changes and o_all != c_all:
        changes.append(Change("punctuation", origin, copy))
    return changes


def is_boilerplate(sentence: str) -> bool:
    """Whether a sentence looks like page furniture (sign-up prompts, photo credits, copyright lines)."""
    return bool(_BOILERPLATE.search(sentence.strip()))
