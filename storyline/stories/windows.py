"""Story placement in time windows: spans of ``split_days`` placed independently, then joined.

Placement is sequential within a span: a group can only join stories placed before it. A corpus of
many months is cut into windows of ``split_days``; each window is placed by its own clusterer (an
engine task, so windows run in parallel), after a warm-up of the ``window_days`` before it (groups
whose home is the previous window, placed again so that stories running across the boundary are
seen from both sides and the document frequencies are warm). A story of one window continues a
story of the previous one when most of its warm-up groups were placed there. The result is again a
:class:`~storyline.stories.clusterer.StoryClusterer`: the last window's (its active stories, index
and document frequencies), holding every window's stories under their final ids, so later articles
are placed into it incrementally as into any clusterer.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import json
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from storyline.model import Article

from .clusterer import StoryClusterer, StoryState, story_id
from .features import SPACES
from .params import StoryParams

Imap = Callable[[Callable[[Any], Any], Iterable[Any]], Iterator[Any]]


@dataclass
class WindowTask:
    """One window to place: its warm-up groups (placed first, not kept) and its own groups, each a list of articles."""

    index: int
    params: StoryParams
    warmup: dict[str, list[Article]]
    home: dict[str, list[Article]]
    last: bool = False

    def digest(self) -> str:
        """What the placement depends on: the window's place, settings, groups and their articles' texts."""
        h = hashlib.sha1(json.dumps([self.index, self.last, self.params.to_dict()], sort_keys=True).encode())
        for part in (self.warmup, self.home):
            h.update(json.dumps([[k, [[a.id, a.digest] for a in part[k]]] for k in sorted(part)]).encode())
        return h.hexdigest()


@dataclass
class WindowPlacement:
    """What a window's clusterer decided: the story of each of its groups and of each warm-up group, the
    stories of its own groups (without warm-up members), and, for the last window, its whole clusterer."""

    index: int
    home: dict[str, str]
    warmup: dict[str, str]
    stories: dict[str, StoryState] = field(default_factory=dict)
    clusterer: bytes | None = None
    digest: str = ""  # its task's, stamped by whoever keeps it (a kept placement is reused for the same task only)

    def to_bytes(self) -> bytes:
        """Compressed JSON, to keep in a store until the windows are joined."""
        return zlib.compress(
            json.dumps(
                {
                    "index": self.index,
                    "home": self.home,
                    "warmup": self.warmup,
                    "digest": self.digest,
                    "stories": [st.to_dict() for st in self.stories.values()],
                    "clusterer": base64.b64encode(self.clusterer).decode("ascii")
                    if self.clusterer is not None
                    else None,
                },
                separators=(",", ":"),
            ).encode("utf-8"),
            3,
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> "WindowPlacement":
        d = json.loads(zlib.decompress(data))
        stories = {st.id: st for st in map(StoryState.from_dict, d["stories"])}
        blob = base64.b64decode(d["clusterer"]) if d["clusterer"] is not None else None
        return cls(d["index"], d["home"], d["warmup"], stories, blob, d["digest"])


def plan(groups: dict[str, list[Article]], days: dict[str, int | None], params: StoryParams) -> list[WindowTask]:
    """Windows of ``params.split_days`` from the earliest dated group; undated groups go to the last
    window (sequential placement also takes them last). One window when the corpus fits in one."""
    dated = sorted((d, k) for k, d in days.items() if d is not None)
    undated = sorted(k for k, d in days.items() if d is None)
    split, warm = params.split_days, params.window_days
    first = dated[0][0] if dated else 0
    count = (dated[-1][0] - first) // split + 1 if dated else 1
    homes: list[list[str]] = [[] for _ in range(count)]
    for d, k in dated:
        homes[(d - first) // split].append(k)
    homes[-1].extend(undated)
    tasks = []
    dates = [d for d, _ in dated]
    for i, keys in enumerate(homes):
        start = first + i * split
        lo, hi = bisect.bisect_left(dates, start - warm), bisect.bisect_left(dates, start)
        warmup = [k for _, k in dated[lo:hi]]
        tasks.append(
            WindowTask(i, params, {k: groups[k] for k in warmup}, {k: groups[k] for k in keys}, last=i == count - 1)
        )
    return [t for t in tasks if t.home or t.last]


def place_window(task: WindowTask) -> WindowPlacement:
    """Place one window (an engine task): warm-up groups, then the window's own, in date order."""
    c = StoryClusterer(StoryParams.from_dict({**task.params.to_dict(), "split_days": 0}))
    groups = {**task.warmup, **task.home}
    c.add([a for arts in groups.values() for a in arts], {a.id: k for k, arts in groups.items() for a in arts})
    home = {k: c.story_of_group[k] for k in task.home}
    warmup = {k: c.story_of_group[k] for k in task.warmup}
    guests = {a.id for arts in task.warmup.values() for a in arts}
    stories = {}
    for st in c.stories_by_id.values():
        keep = [i for i, a in enumerate(st.article_ids) if a not in guests]
        if not keep and not task.last:
            continue
        if len(st.titles) == len(st.article_ids):
            st.titles = [st.titles[i] for i in keep]
        st.article_ids = [st.article_ids[i] for i in keep]
        st.group_keys = [k for k in st.group_keys if k not in task.warmup]
        stories[st.id] = st
    if task.last:  # stories of warm-up groups only stay: joined to their earlier part, they keep it active
        return WindowPlacement(task.index, home, warmup, clusterer=c.to_bytes())
    for st in stories.values():
        st.active, st.sums, st.norm2, st.recent = False, {s: {} for s in SPACES}, {s: 0.0 for s in SPACES}, []
    return WindowPlacement(task.index, home, warmup, stories)


def join(placements: list[WindowPlacement], params: StoryParams) -> StoryClusterer:
    """The windows' stories as one clusterer: a story continues the previous window's story that holds
    most (and at least half) of its warm-up groups; a joined story keeps the id of its first part."""
    placements = sorted(placements, key=lambda p: p.index)
    last = StoryClusterer.from_bytes(placements[-1].clusterer) if placements[-1].clusterer else StoryClusterer(params)
    placements[-1].stories = dict(last.stories_by_id)
    parent: dict[tuple[int, str], tuple[int, str]] = {}

    def root(node: tuple[int, str]) -> tuple[int, str]:
        while parent.get(node, node) != node:
            node = parent[node]
        return node

    for prev, cur in zip(placements, placements[1:]):
        votes: dict[str, Counter[str]] = {}
        for key, sid in cur.warmup.items():
            if key in prev.home:
                votes.setdefault(sid, Counter())[prev.home[key]] += 1
        for sid, counted in votes.items():
            if sid not in cur.stories:
                continue
            best, n = min(counted.items(), key=lambda kv: (-kv[1], kv[0]))
            if 2 * n >= sum(counted.values()):
                parent[(cur.index, sid)] = root((prev.index, best))
    final: dict[tuple[int, str], str] = {}
    taken: set[str] = set()
    merged: dict[str, StoryState] = {}
    for p in placements:
        for sid in sorted(p.stories):
            node = (p.index, sid)
            top = root(node)
            if top not in final:
                name = top[1]
                while name in taken:
                    name = story_id(name)
                taken.add(name)
                final[top] = name
            name = final[top]
            st = p.stories[sid]
            st.id = name
            if name not in merged:
                merged[name] = st
            elif st.active:  # a part of the last window: it keeps the centroid, the earlier parts go before it
                _extend(st, merged[name], first=True)
                merged[name] = st
            else:
                _extend(merged[name], st)
    out = last
    merged = {name: st for name, st in merged.items() if st.article_ids}  # a warm-up-only story that joined nothing
    renamed = {sid: final[root((placements[-1].index, sid))] for sid in placements[-1].stories}
    out.stories_by_id = merged
    out.story_of_group = {k: final[root((p.index, sid))] for p in placements for k, sid in p.home.items()}
    for s in SPACES:
        index = {t: {renamed[sid] for sid in ids if renamed.get(sid) in merged} for t, ids in out.index[s].items()}
        out.index[s] = {t: ids for t, ids in index.items() if ids}
    return out


def _extend(into: StoryState, part: StoryState, first: bool = False) -> None:
    """Fold a story part's members and span into ``into`` (before its own members when ``first``)."""
    if first:
        into.group_keys = part.group_keys + into.group_keys
        into.article_ids = part.article_ids + into.article_ids
        into.titles = part.titles + into.titles
    else:
        into.group_keys += part.group_keys
        into.article_ids += part.article_ids
        into.titles += part.titles
    starts = [d for d in (into.start, part.start) if d is not None]
    ends = [d for d in (into.end, part.end) if d is not None]
    into.start, into.end = (min(starts) if starts else None), (max(ends) if ends else None)
    into.sources = sorted(set(into.sources) | set(part.sources))
    for script, n in part.scripts.items():
        into.scripts[script] = into.scripts.get(script, 0) + n


def place_in_windows(
    groups: dict[str, list[Article]],
    days: dict[str, int | None],
    params: StoryParams,
    imap: Imap | None = None,
    on_window: Callable[[int, int], None] | None = None,
) -> StoryClusterer:
    """Every group placed window by window (``imap`` runs the windows, e.g. an engine's; in order
    here when None) and the windows joined. ``on_window(placed, total)`` follows the groups of the
    windows placed so far, as each window arrives."""
    tasks = plan(groups, days, params)
    run = imap or (lambda fn, items: map(fn, items))
    placements, done = [], 0
    for p in run(place_window, tasks):
        placements.append(p)
        done += len(p.home)
        if on_window:
            on_window(done, len(groups))
    return join(placements, params)
