"""Timeline events as a reader wants them: each with its sources, and one event per copied sentence."""

from __future__ import annotations

from collections.abc import Mapping

from rapidfuzz import fuzz

from ..model import Attribution, TimelineEvent
from .build import value_key

SAME_SENTENCE = 70.0
SAME_NAME = 90.0


def timeline_order(event: TimelineEvent) -> tuple:
    """Sort key of the timeline: when it happened (coarser periods first), then when it was reported."""
    return (value_key(event.date), event.reported or "9999", event.article_id)


def _sources(event: TimelineEvent, attributions: Mapping[str, list[Attribution]]) -> list[str]:
    """Names in the source chain of the attribution that covers the event's sentence."""
    best: Attribution | None = None
    for att in attributions.get(event.article_id, []):
        if att.text and (att.text in event.text or event.text in att.text):
            if best is None or len(att.chain) > len(best.chain):
                best = att
    return [s.name for s in best.chain] if best else []


def merge_copies(
    events: list[TimelineEvent],
    attributions: Mapping[str, list[Attribution]],
    group_of: Mapping[str, str],
) -> list[TimelineEvent]:
    """Fill each event's sources, then keep one event where copies of one text repeat a dated sentence.

    The kept event is the first in timeline order (earliest report); the sources of the
    copies it stands for are added to its own.
    """
    kept: list[TimelineEvent] = []
    by_key: dict[tuple[str, str], list[TimelineEvent]] = {}
    for ev in events:
        ev.sources = ev.sources or _sources(ev, attributions)
        group = group_of.get(ev.article_id)
        if group is not None:
            twins = by_key.setdefault((ev.date, group), [])
            twin = next((t for t in twins if fuzz.ratio(t.text, ev.text) >= SAME_SENTENCE), None)
            if twin is not None:
                twin.sources.extend(s for s in ev.sources if all(fuzz.ratio(s, t) < SAME_NAME for t in twin.sources))
                continue
            twins.append(ev)
        kept.append(ev)
    return kept
