"""Grammatical tense around a span: a cheap hint for which way a bare "Sunday" or "May" points."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from typing import NamedTuple

from ..lexicon import ends_sentence

_IRREGULAR_PAST = set(
    "was were had did went came met took made gave told began saw got found left led held kept brought "
    "bought thought fought sought caught taught sold sent spent built fell felt rose ran won lost paid "
    "struck stood understood became broke chose drove flew grew knew threw wrote spoke stole froze hid "
    "ate sat shot meant bore swore tore wore woke "
    "arose forgot forgave withdrew overtook undertook drew dealt fled slid split upset".split()
)
_REPORTING_PAST = {
    "said",
    "told",
    "reported",
    "announced",
    "added",
    "stated",
    "noted",
    "confirmed",
    "wrote",
    "explained",
}
_FUTURE = {"will", "'ll", "shall", "wo", "gonna"}
_FUTURE_PHRASES = re.compile(
    r"\b(?:going to|is to|are to|plans? to|planning to|expects? to|expected to|intends? to|aims? to|"
    r"scheduled to|set to|due to|likely to|would|could|may|might|hopes? to|soon)\b"
)
_PRESENT = {"is", "are", "am", "'s", "'re"}
_PAST_PERFECT = re.compile(
    r"\b(?:has|have|had)\s+(?:not\s+|already\s+|also\s+|just\s+|since\s+)?\w+(?:ed|en|ne|wn|ght|id|ft|lt|ot|ung|un|ld|ept|ade|one)\b",
    re.I,
)
_WORD = re.compile(r"[A-Za-z']+")
_NOT_VERB_ED = {
    "need",
    "speed",
    "seed",
    "feed",
    "bed",
    "red",
    "shed",
    "bred",
    "led",
    "united",
    "limited",
    "based",
    "related",
    "proposed",
    "so-called",
    "expected",
    "detailed",
    "advanced",
    "armed",
    "experienced",
    "alleged",
    "skilled",
    "unnamed",
    "named",
}
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])|\n\s*\n")


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Start and end offsets of the sentence holding ``text[start:end]``: the end of the last
    sentence break found in ``text[:start]`` alone, and the start of the first break at or after ``end``."""
    breaks = _breaks(text)
    k = bisect.bisect_right(breaks.reach, start)  # breaks[:k] read nothing at or past ``start``
    left = breaks.ends[k - 1] if k else 0
    for m in _SENTENCE_END.finditer(text, left, start):
        if ends_sentence(text, m):
            left = m.end()
    i = bisect.bisect_left(breaks.starts, end)
    if i and breaks.ends[i - 1] > end:  # ``end`` inside a break: search as a scan from ``end`` would
        after = next((m for m in _SENTENCE_END.finditer(text, end) if ends_sentence(text, m)), None)
        return left, (after.start() if after else len(text))
    return left, (breaks.starts[i] if i < len(breaks.starts) else len(text))


class _Breaks(NamedTuple):
    starts: list[int]
    ends: list[int]
    reach: list[int]  # running maximum of the first offset each break's match did not read


_QUOTE_OR_SPACE = re.compile(r"[\s\"'“‘”’()]*")


@lru_cache(maxsize=512)  # a scope batch's texts: time mentions, then timeline sentences
def _breaks(text: str) -> _Breaks:
    """Every sentence break of ``text`` as one scan finds them, with how far each match read:
    :func:`sentence_bounds` is asked about many spans of one text and reuses the scan."""
    starts, ends, reach = [], [], []
    far = 0
    for m in _SENTENCE_END.finditer(text):
        if not ends_sentence(text, m):
            continue
        starts.append(m.start())
        ends.append(m.end())
        closing = _QUOTE_OR_SPACE.match(text, m.end())
        far = max(far, (closing.end() if closing else m.end()) + 1)
        reach.append(far)
    return _Breaks(starts, ends, reach)


def tense_at(text: str, start: int, end: int) -> str | None:
    """ "past", "future", "present" or None: the tense marker nearest the span within its sentence.

    Reporting verbs ("said", "reported") count only when nothing else marks tense, since the
    reported clause is what the time expression usually belongs to.
    """
    s, e = sentence_bounds(text, start, end)
    best: tuple[int, str] | None = None
    weak: tuple[int, str] | None = None

    def consider(pos: int, tense: str, strong: bool = True) -> None:
        nonlocal best, weak
        dist = start - pos if pos < start else pos - end
        if dist < 0:
            return
        slot = (dist, tense)
        if strong:
            best = slot if best is None or dist < best[0] else best
        else:
            weak = slot if weak is None or dist < weak[0] else weak

    for m in _WORD.finditer(text, s, e):
        if start <= m.start() < end:
            continue
        w = m.group().lower()
        if w in _FUTURE:
            consider(m.start(), "future")
        elif w in _REPORTING_PAST:
            near = m.start() - end <= 12 if m.start() >= end else start - m.end() <= 12
            consider(m.start(), "past", strong=near)
        elif w in _IRREGULAR_PAST:
            consider(m.start(), "past")
        elif w in _PRESENT:
            consider(m.start(), "present")
        elif len(w) > 4 and w.endswith("ed") and w not in _NOT_VERB_ED and m.start() > s:
            consider(m.start(), "past")
    for m in _FUTURE_PHRASES.finditer(text, s, e):
        consider(m.start(), "future")
    for m in _PAST_PERFECT.finditer(text, s, e):
        consider(m.start(), "past")
    chosen = best or weak
    return chosen[1] if chosen else None
