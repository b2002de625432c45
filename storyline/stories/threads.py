"""Threads: stories about one developing subject (the same actors and object), ordered in time.

Stories are taken in start-date order; each joins the thread whose centroid it resembles most,
by a blend of entity and word cosines, if that resemblance clears ``threshold`` and the thread
was active within ``window_days``; otherwise it starts a thread. Entities weigh most: a thread
is about who does what to whom, so a story that names anyone is compared only with threads that
share a name with it; names found in more than ``COMMON_SHARE`` of the stories (and more than
``COMMON_MIN``) are too common to make a thread by themselves, so they do not count for sharing,
and a story that names only such common names starts its own thread. The inverted index over the
other names keeps linking near-linear in the number of stories. Look-alike events with other
actors stay apart.
"""

from __future__ import annotations

import hashlib
import heapq
import math
import sys
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from storyline.model import Article, Story, Thread

from .features import DocFeatures, DocFreq, Packed, day_of, group_features, packed
from .params import StoryParams

ENTITY_SHARE = 0.6
WORD_SHARE = 1 - ENTITY_SHARE
COMMON_MIN = 10
COMMON_SHARE = 0.01


@dataclass
class _ThreadState:
    id: str
    story_ids: list[str] = field(default_factory=list)
    sums: dict[str, dict[str, float] | Packed] = field(default_factory=lambda: {"w": {}, "e": {}})
    start: int | None = None
    end: int | None = None
    sizes: list[int] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    norms: dict[str, float] = field(default_factory=lambda: {"w": 0.0, "e": 0.0})

    def cosine(self, space: str, v: dict[str, float]) -> float:
        """Cosine of a unit vector ``v`` with the thread's centroid in one space."""
        c, norm = self.sums[space], self.norms[space]
        if not norm or not v:
            return 0.0
        if isinstance(c, tuple):
            return sum([x * v[t] for t, x in zip(*c) if t in v]) / norm
        return sum([x * c[t] for t, x in v.items() if t in c]) / norm

    def add(self, story: Story, vec: dict[str, dict[str, float]], day: int | None, end: int | None) -> None:
        """Fold a story in; a one-story thread keeps its centroid packed (most threads have one
        story)."""
        for s in ("w", "e"):
            if not self.story_ids:
                self.sums[s] = packed(vec[s])
                self.norms[s] = math.sqrt(sum(x * x for x in vec[s].values()))
                continue
            c = self.sums[s]
            c = dict(zip(*c)) if isinstance(c, tuple) else c
            for t, x in vec[s].items():
                c[t] = c.get(t, 0.0) + x
            self.sums[s] = c
            self.norms[s] = math.sqrt(sum(x * x for x in c.values()))
        self.story_ids.append(story.id)
        self.sizes.append(len(story.article_ids))
        self.titles.append(story.title)
        if day is not None:
            self.start = day if self.start is None else min(self.start, day)
        last = end if end is not None else day
        if last is not None:
            self.end = last if self.end is None else max(self.end, last)


def _best_thread(pool: list[_ThreadState], vec: dict[str, dict[str, float]], threshold: float) -> _ThreadState | None:
    """The most similar thread at or above ``threshold`` (the later one in ``pool`` on a tie).

    Threads are tried in falling order of their entity part; the word part adds at most
    ``WORD_SHARE``, so once a thread's entity part plus that cannot reach the best so far, no
    later one can, and the (costly) word cosines of the rest are skipped.
    """
    parts = sorted(((ENTITY_SHARE * th.cosine("e", vec["e"]), i) for i, th in enumerate(pool)), reverse=True)
    best_i, best_sim = -1, threshold
    for part, i in parts:
        if part + WORD_SHARE * (1 + 1e-9) < best_sim:
            break
        sim = part + WORD_SHARE * pool[i].cosine("w", vec["w"])
        if sim > best_sim or (sim == best_sim and i > best_i):
            best_i, best_sim = i, sim
    return pool[best_i] if best_i >= 0 else None


def thread_id(story_id: str) -> str:
    """Stable thread id derived from the id of the thread's first story."""
    return "t" + hashlib.sha1(story_id.encode("utf-8")).hexdigest()[:12]


def story_features(story: Story, articles: Mapping[str, Article]) -> DocFeatures:
    """A story's features for thread linking: its member articles' counts, merged."""
    members = [articles[a] for a in story.article_ids if a in articles]
    return group_features(story.id, members)


@dataclass(slots=True)
class StoryTerms:
    """What thread linking keeps of a story until it is linked: its day and its word and entity
    counts, packed."""

    day: int | None
    counts: dict[str, Packed]

    @classmethod
    def of(cls, doc: DocFeatures) -> "StoryTerms":
        return cls(doc.day, {s: packed(doc.counts[s]) for s in ("w", "e")})

    def __reduce__(self) -> tuple:
        return (_restored, (self.day, self.counts))

    def features(self, key: str) -> DocFeatures:
        """The counts back as :class:`DocFeatures` (no number terms: threads do not use them)."""
        counts = {s: Counter(dict(zip(*self.counts[s]))) for s in ("w", "e")}
        counts["n"] = Counter()
        return DocFeatures(key=key, article_ids=[], counts=counts, day=self.day, script="latin")


def _restored(day: int | None, counts: dict[str, Packed]) -> StoryTerms:
    """A :class:`StoryTerms` arriving from another process, its terms interned again."""
    return StoryTerms(day, {s: (tuple(map(sys.intern, t)), v) for s, (t, v) in counts.items()})


def story_terms(story: Story, articles: Mapping[str, Article]) -> StoryTerms:
    """:func:`story_features` kept as :class:`StoryTerms`."""
    return StoryTerms.of(story_features(story, articles))


def link_threads(
    stories: list[Story],
    articles: dict[str, Article],
    threshold: float | None = None,
    window_days: int | None = None,
    features: Mapping[str, StoryTerms] | None = None,
) -> list[Thread]:
    """Group stories into threads (sets ``Story.thread``); threads and their stories in time order.

    ``features`` holds :func:`story_terms` already made (by an engine's workers) by story id.
    """
    defaults = StoryParams()
    thr = defaults.thread_threshold if threshold is None else threshold
    window = defaults.thread_window_days if window_days is None else window_days
    feats = {s.id: (features or {}).get(s.id) or story_terms(s, articles) for s in stories}
    df = DocFreq()
    for sid, f in feats.items():
        df.add(f.features(sid))

    def start_of(s: Story) -> int | None:
        return day_of(s.start) if s.start else feats[s.id].day

    common = max(COMMON_MIN, COMMON_SHARE * len(stories))
    ordered = sorted(stories, key=lambda s: (start_of(s) is None, start_of(s) or 0, s.id))
    threads: list[_ThreadState] = []
    active: dict[str, _ThreadState] = {}
    ends: list[tuple[int, str]] = []  # (end, thread id) heap; an entry is stale once its thread ends later
    by_entity: dict[str, set[str]] = {}
    for story in ordered:
        vec = df.vector(feats[story.id].features(story.id))
        day = start_of(story)
        if day is not None:
            while ends and day - ends[0][0] > window:
                end, tid = heapq.heappop(ends)
                th = active.get(tid)
                if th is not None and th.end == end:
                    active.pop(tid).sums = {"w": {}, "e": {}}
        keys = [e for e in vec["e"] if df.df["e"][e] <= common]
        if keys:
            near = {tid for e in keys for tid in by_entity.get(e, ())}
            pool = [active[tid] for tid in sorted(near) if tid in active]
        elif vec["e"]:
            pool = []
        else:
            pool = list(active.values())
        best = _best_thread(pool, vec, thr)
        if best is None:
            best = _ThreadState(id=thread_id(story.id))
            threads.append(best)
            active[best.id] = best
        for e in keys:
            by_entity.setdefault(e, set()).add(best.id)
        last = best.end
        best.add(story, vec, day, day_of(story.end) if story.end else None)
        if best.end is not None and best.end != last:
            heapq.heappush(ends, (best.end, best.id))
        story.thread = best.id
    out = []
    for th in threads:
        title = th.titles[max(range(len(th.titles)), key=lambda i: (th.sizes[i], -i))] if th.titles else ""
        out.append(
            Thread(
                id=th.id,
                title=title,
                story_ids=list(th.story_ids),
                start=date.fromordinal(th.start).isoformat() if th.start is not None else None,
                end=date.fromordinal(th.end).isoformat() if th.end is not None else None,
            )
        )
    return out
