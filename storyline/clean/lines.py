"""Rejoin sentences that scraping broke apart, such as link text put on a line of its own."""

from __future__ import annotations

import re

_ENDS_SENTENCE = re.compile(r"[.!?:;\"\u201d\u2019)\]]\s*$")
_CONTINUES = re.compile(
    r"^[a-z0-9(\u2018\u2019,;]|^(and|or|but|to|of|in|on|at|for|with|by|from|as|after|before|than|that|which|who)\b"
)
_TAIL = 200
"""Characters at the end of a line that decide whether it ends a sentence (the patterns are anchored there)."""
_OPEN_END = re.compile(
    r"\b(the|a|an|of|to|in|on|at|for|with|by|from|and|or|but|as|said|says|told|that|which|who|its|his|her|their|our|is|was|were|are|has|have|had)\s*$",
    re.I,
)


_DATELINE = re.compile(r"\([^()\n]{1,40}\)\s*[-\u2013\u2014]")
"""A line opening with "(Meridian News) --" starts the story; the line before it (a headline) does not run on."""


def needs_join(prev: str, nxt: str) -> bool:
    """True when ``prev`` stops mid-sentence and ``nxt`` carries the sentence on."""
    if not prev or not nxt:
        return False
    tail = prev[-_TAIL:]
    if _ENDS_SENTENCE.search(tail) or _DATELINE.match(nxt.lstrip()):
        return False
    return bool(_CONTINUES.match(nxt.lstrip()) or _OPEN_END.search(tail))


def rejoin(lines: list[str]) -> tuple[list[str], int]:
    """Join runs of lines broken mid-sentence; return the lines and how many joins were made."""
    out: list[list[str]] = []
    joins = 0
    for line in lines:
        if out and needs_join(out[-1][-1], line):
            out[-1][-1] = out[-1][-1].rstrip()
            out[-1].append(line.lstrip())
            joins += 1
        else:
            out.append([line])
    return [" ".join(parts) for parts in out], joins
