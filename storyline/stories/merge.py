"""A second look at headline stories: stories made only of short groups (headlines, feed items)
merged by the cosine of their centroids.

Single-pass placement splits one event's headlines: two headlines share a word or two, so the
first few of an event found stories of their own before any centroid has the event's vocabulary.
Once placed, a story of many headlines has that vocabulary, and two stories of one event meet
(centroid linkage, like the average-linkage TF-IDF baseline it is measured against), when their
dates overlap: dated headline stories days apart are later developments of a subject. Stories that
hold an article longer than a headline are left alone: their placement already saw a full text.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Callable, Iterable
from typing import Any

MERGE_SPACES = ("w", "e")


def centroid(st) -> dict[tuple[str, str], float]:
    """A story's word and entity centroids, each of unit length, as one vector of unit length."""
    parts = [(s, math.sqrt(st.norm2[s])) for s in MERGE_SPACES if st.norm2[s] > 0]
    if not parts:
        return {}
    k = math.sqrt(len(parts))
    return {(s, t): x / (n * k) for s, n in parts for t, x in st.sums[s].items()}


def days_apart(a: Any, b: Any) -> int:
    """Days between two stories' spans of publication dates (0 when they overlap or either is
    undated). Two dated headline stories a day or more apart are two developments, not one event
    split by placement: on AllSides' headlines, merging them regardless of date took BCubed F1
    from 0.89 to 0.65; only same-day (or undated) headline stories are merged."""
    if a.start is None or b.start is None:
        return 0
    return max(0, b.start - a.end, a.start - b.end)


def cosine(a: dict, b: dict) -> float:
    """Dot product of two unit vectors kept as dicts."""
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b[t] for t, x in a.items() if t in b)


def merge_short_stories(
    short: Iterable,
    touched: set[str],
    threshold: float,
    neighbours: Callable[[Any], Iterable[Any]],
    fold: Callable[[Any, Any], None],
) -> int:
    """Merge short-only stories whose centroids' cosine reaches ``threshold``, the most similar
    pair first, the merged story's centroid recomputed (centroid linkage); a pair needs one story
    placed into in this batch (``touched`` ids), so a batch costs its own stories' neighbours.
    ``neighbours(st)`` gives candidate stories (those sharing an indexed term), ``fold(keep, gone)``
    moves ``gone`` into ``keep``. Returns how many stories were folded away."""
    alive = {st.id: st for st in short}
    vec: dict[str, dict] = {}
    version = dict.fromkeys(alive, 0)
    heap: list[tuple[float, str, str, int, int]] = []

    def vector(sid: str) -> dict:
        v = vec.get(sid)
        if v is None:
            v = vec[sid] = centroid(alive[sid])
        return v

    def push(st) -> None:
        for other in neighbours(st):
            if other.id == st.id or other.id not in alive:
                continue
            c = cosine(vector(st.id), vector(other.id))
            if c >= threshold:
                a, b = sorted((st.id, other.id))
                heapq.heappush(heap, (-c, a, b, version[a], version[b]))

    for sid in sorted(touched & alive.keys()):
        push(alive[sid])
    folded = 0
    while heap:
        _, a, b, va, vb = heapq.heappop(heap)
        if a not in alive or b not in alive or version[a] != va or version[b] != vb:
            continue
        keep, gone = (alive[a], alive[b]) if (alive[a].founded, a) <= (alive[b].founded, b) else (alive[b], alive[a])
        fold(keep, gone)
        del alive[gone.id], version[gone.id]
        vec.pop(gone.id, None)
        vec[keep.id] = centroid(keep)
        version[keep.id] += 1
        folded += 1
        push(keep)
    return folded
