"""Sentences of a cleaned text, rejoining lines that a layout broke in mid-sentence."""

from __future__ import annotations

import re

from ..lexicon import MONTH_ABBREVIATIONS

_PARAGRAPH = re.compile(r"\n\s*\n")
_BOUNDARY = re.compile(r"(?<=[.!?])([\"”’)\]]*)\s+(?=[\"“‘(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sr",
        "jr",
        "st",
        "mt",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "cmdr",
        "gov",
        "sen",
        "rep",
        "rev",
        "hon",
        "no",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        *MONTH_ABBREVIATIONS,
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "a.m",
        "p.m",
    ]
)


def paragraphs(text: str) -> list[str]:
    """Blank-line separated blocks, a block that starts in lower case joined to the one before it."""
    out: list[str] = []
    for block in _PARAGRAPH.split(text):
        block = " ".join(block.split())
        if not block:
            continue
        if out and (block[0].islower() or out[-1][-1] in ",;:-–—("):
            out[-1] = f"{out[-1]} {block}"
        else:
            out.append(block)
    return out


def _ends_with_abbreviation(chunk: str) -> bool:
    last = chunk.rsplit(" ", 1)[-1].rstrip(".").lower()
    return last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` in order (paragraph breaks end sentences)."""
    sentences: list[str] = []
    for para in paragraphs(text):
        start = 0
        pending = ""
        for m in _BOUNDARY.finditer(para):
            chunk = para[start : m.start()] + m.group(1)
            start = m.end()
            if _ends_with_abbreviation(chunk):
                pending += chunk + " "
                continue
            sentences.append(pending + chunk)
            pending = ""
        tail = pending + para[start:]
        if tail.strip():
            sentences.append(tail.strip())
    return sentences
