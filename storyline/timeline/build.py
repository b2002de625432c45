"""Timelines: dated events of a story or thread, ordered by when they happened, then when reported."""

from __future__ import annotations

import re
from typing import Iterable, Mapping

from storyline.model import Article, TimelineEvent, TimeMention
from storyline.timeline.order import is_calendar_value, value_key
from storyline.timeline.tense import sentence_bounds

_MIN_WORDS = 4
MAX_EVENT_CHARS = 600
"""An event quotes at most this much of its sentence: the words around the date when the sentence is longer.

A text without full stops (a list of 20,000 lines, say) is one sentence; quoting it whole in each of
its hundreds of events took gigabytes."""


def _sentence(text: str, start: int, end: int) -> str:
    s, e = sentence_bounds(text, start, end)
    if e - s <= MAX_EVENT_CHARS:
        return re.sub(r"\s+", " ", text[s:e]).strip()
    half = max(0, MAX_EVENT_CHARS - (end - start)) // 2
    lo, hi = max(s, start - half), min(e, end + half)
    if lo > s:
        cut = text.find(" ", lo, start)
        lo = cut + 1 if cut >= 0 else lo
    if hi < e:
        cut = text.rfind(" ", end, hi)
        hi = cut if cut >= 0 else hi
    piece = re.sub(r"\s+", " ", text[lo:hi]).strip()
    return ("… " if lo > s else "") + piece + (" …" if hi < e else "")


def build_timeline(
    articles: Iterable[Article],
    mentions_by_article: Mapping[str, list[TimeMention]],
    story_of: Mapping[str, str] | None = None,
) -> list[TimelineEvent]:
    """One event per (article, sentence, date) for every calendar-valued mention, ordered.

    Only DATE/TIME values that name a year or something finer go in; general references
    (PAST_REF), durations and sets do not, nor sentences of fewer than four words (credit
    lines such as "©2024 Bloomberg"). ``reported`` is the article's publication date and
    ``sources`` is left empty for the attribution stage to fill.
    """
    events: list[TimelineEvent] = []
    seen: set[tuple[str, str, str]] = set()
    for art in articles:
        for m in mentions_by_article.get(art.id, []):
            if m.kind not in ("DATE", "TIME") or m.value is None or not is_calendar_value(m.value):
                continue
            sent = _sentence(art.text, m.start, m.end)
            if len(re.findall(r"[^\W\d_]{2,}", sent.replace(m.text, " "))) < _MIN_WORDS:
                continue
            key = (art.id, sent, m.value)
            if key in seen:
                continue
            seen.add(key)
            events.append(
                TimelineEvent(
                    date=m.value,
                    text=sent,
                    article_id=art.id,
                    reported=art.published_date,
                    story=(story_of or {}).get(art.id),
                )
            )
    events.sort(key=lambda ev: (value_key(ev.date), ev.reported or "9999", ev.article_id))
    return events
