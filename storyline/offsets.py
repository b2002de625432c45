"""Offsets into the text as the user gave it, for spans found in the cleaned text.

Cleaning drops lines, collapses runs of spaces and rejoins broken lines, so an offset into
``Article.text`` is not an offset into what the user gave (``Article.raw_text``). Every token of
the cleaned text is a token of the given text, in order; aligning the two token sequences gives,
for each cleaned token, where it starts in the given text. The map keeps only the points where
the shift between the two changes (a few per dropped line), so it is small enough to carry with
a lean article.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from difflib import SequenceMatcher
from typing import Any

_TOKEN = re.compile(r"\S+")

Anchors = tuple[tuple[int, ...], tuple[int, ...]]
MAX_ALIGN_WORK = 4_000_000
"""Given tokens times cleaned tokens above which the alignment is greedy (linear) instead of SequenceMatcher's."""


def offset_anchors(given: str, cleaned: str) -> Anchors | None:
    """Anchor points ``(cleaned offsets, given offsets)`` mapping the cleaned text into the given
    one; None when the two are equal (the identity map)."""
    if given == cleaned:
        return None
    g = [(m.start(), m.group()) for m in _TOKEN.finditer(given)]
    c = [(m.start(), m.group()) for m in _TOKEN.finditer(cleaned)]
    blocks: Sequence[tuple[int, int, int]]
    if len(g) * len(c) > MAX_ALIGN_WORK:
        blocks = _greedy_blocks([t for _, t in g], [t for _, t in c])
    else:
        blocks = SequenceMatcher(None, [t for _, t in g], [t for _, t in c], autojunk=False).get_matching_blocks()
    starts: list[int] = []
    targets: list[int] = []
    for gi, ci, size in blocks:
        for k in range(size):
            clean_at, given_at = c[ci + k][0], g[gi + k][0]
            if not starts or given_at - clean_at != targets[-1] - starts[-1]:
                starts.append(clean_at)
                targets.append(given_at)
    if not starts:
        return (0,), (0,)
    return tuple(starts), tuple(targets)


def _greedy_blocks(given: list[str], cleaned: list[str]) -> list[tuple[int, int, int]]:
    """Matching blocks ``(given index, cleaned index, size)`` by walking both token lists once (linear time).

    Each cleaned token is matched to the next equal given token; used where SequenceMatcher, whose
    time grows with the product of the lengths on repetitive text, would take too long.
    """
    blocks: list[tuple[int, int, int]] = []
    gi = 0
    for ci, tok in enumerate(cleaned):
        while gi < len(given) and given[gi] != tok:
            gi += 1
        if gi == len(given):
            break
        if blocks and blocks[-1][0] + blocks[-1][2] == gi and blocks[-1][1] + blocks[-1][2] == ci:
            blocks[-1] = (blocks[-1][0], blocks[-1][1], blocks[-1][2] + 1)
        else:
            blocks.append((gi, ci, 1))
        gi += 1
    return blocks


def given_span(article: Any, start: int, end: int) -> tuple[int, int]:
    """A span of ``article.text`` (cleaned) as a span of the text the user gave: through
    ``article.offsets`` when the given text was dropped to save memory, else computed from
    ``article.raw_text`` (and kept on the article)."""
    if article.offsets is None and article.raw_text is not None and article.raw_text != article.text:
        article.offsets = offset_anchors(article.raw_text, article.text)
    length = len(article.raw_text) if article.raw_text is not None else None
    return to_given(article.offsets, start, end, length)


def to_given(anchors: Anchors | None, start: int, end: int, given_length: int | None = None) -> tuple[int, int]:
    """The span ``start``..``end`` of the cleaned text as a span of the given text.

    An offset maps by the shift of the last anchor at or before it; the end maps through its last
    character, so a span never reaches into a dropped line that follows it.
    """
    if anchors is None:
        return start, end
    starts, targets = anchors

    def shift(x: int) -> int:
        i = bisect_right(starts, x) - 1
        return x + (targets[i] - starts[i]) if i >= 0 else x

    s = shift(start)
    e = shift(end - 1) + 1 if end > start else s
    if given_length is not None:
        s, e = min(s, given_length), min(max(e, s), given_length)
    return s, e
