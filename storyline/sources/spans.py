"""Attributions as found in one text, before chains are built: cue, source and content spans."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A character span of a text and the text it covers."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class SourceMention:
    """A source as written in the text (its span), its kind, and the name a chain shows for it."""

    start: int
    end: int
    text: str
    kind: str
    name: str


@dataclass
class Found:
    """One reporting cue with its source and content; ``outer`` indexes the cue that passes it on.

    ``outer`` links "citing X" to "Y reported" in "Y reported, citing X": the chain reads Y then X.
    ``source`` is None for hearsay adverbs ("reportedly") and sourceless cues.
    """

    cue: Span
    content: Span | None
    source: SourceMention | None
    sentence: Span
    outer: int | None = None
