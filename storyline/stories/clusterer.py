"""Incremental, time-aware story clustering: each copy group joins its best story or starts one.

Groups of one batch are taken in (date, key) order, so the same batch in any order gives the same
stories; document frequencies are updated with a whole chunk of groups (5,000 by default) before
any of them is placed, so a chunk clusters as if its vocabulary were known, and only one chunk's
features are held at a time. A story keeps the id of the group that founded it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import sys
import zlib
from array import array
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from storyline.model import Article, Story

from . import decision
from .embed import Embedder
from .features import KEY_NAMES, SPACES, DocFeatures, DocFreq, Packed, group_day, group_features, packed
from .merge import days_apart, merge_short_stories
from .params import MERGE_BIAS_DENSE, MERGE_WEIGHTS_DENSE, StoryParams
from .text import words

if TYPE_CHECKING:
    from .windows import Imap

TEXT_DATE_SLACK = 30
"""Days two datelines may differ before their gap counts: reports of one event run over weeks."""
RARE_NAME_GROUPS = 3
"""At most this many groups use a name for it to mark one incident (``_rare_names``)."""

Member = dict[str, Packed]
"""A recent member's unit vector kept compactly, per space."""
MEMBER_SPACES = ("w", "e", "t")


def compact(vec: dict[str, dict[str, float]]) -> Member:
    """A group vector as a :data:`Member`."""
    return {s: packed(vec.get(s, {})) for s in MEMBER_SPACES}


@dataclass
class StoryState:
    """A story as the clusterer holds it: members, centroid sums per space, time span, sources."""

    id: str
    group_keys: list[str] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    sums: dict[str, dict[str, float]] = field(default_factory=lambda: {s: {} for s in SPACES})
    norm2: dict[str, float] = field(default_factory=lambda: {s: 0.0 for s in SPACES})
    dense: list[float] | None = None
    start: int | None = None
    end: int | None = None
    sources: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    scripts: dict[str, int] = field(default_factory=dict)
    last_seen: int = 0
    active: bool = True
    recent: list[Member] = field(default_factory=list)
    years: list[str] = field(default_factory=list)
    names: dict[str, int] = field(default_factory=dict)
    top_names: list[str] = field(default_factory=list)
    when_start: int | None = None
    when_end: int | None = None
    subjects: dict[str, int] = field(default_factory=dict)
    founded: int = 0
    short_only: bool = False
    lead_numbers: dict[str, int] = field(default_factory=dict)

    def conflicts(self, doc: DocFeatures) -> tuple[float, float]:
        """Whether the group's years are disjoint from the story's, and whether neither side's key
        names appear among the other's: different specifics of look-alike events."""
        years = 1.0 if doc.years and self.years and doc.years.isdisjoint(self.years) else 0.0
        names = 0.0
        if doc.names and self.names and not any(n in self.names for n in doc.names):
            entities = doc.counts["e"]
            names = 0.0 if any(n in entities for n in self.top_names) else 1.0
        return years, names

    def subject_conflict(self, doc: DocFeatures) -> float:
        """1 when the group's subjects (:func:`features.subject_names`: the people its lead is about,
        the actor and the other party) include one this story never names, and this story's subjects
        include one, the subject of at least half its groups, that the group never names: two events
        of one kind about different people (Mark Felt's death and Fred LaRue's; Klitschko's fight with
        Rahman and his fight with Thompson)."""
        return self._both_sides_unshared(doc.subjects, self.subjects, "e", doc)

    def number_conflict(self, doc: DocFeatures) -> float:
        """1 when the group's lead gives a number or date this story never gives and this story's leads
        keep (in at least half its groups) one the group never gives: the look-alike of one kind that
        states other figures ('Red Sox offer $200 million' against the Angels' '$160 million' offer)."""
        return self._both_sides_unshared(doc.lead_numbers, self.lead_numbers, "n", doc)

    def _both_sides_unshared(
        self, group_items: Collection[str], story_items: dict[str, int], kind: str, doc: DocFeatures
    ) -> float:
        """1 when an item of the group's lead never occurs in this story's ``kind`` terms and an item of
        this story's leads, in at least half its groups, never occurs in the group's: the shared test of
        :meth:`subject_conflict` and :meth:`number_conflict`."""
        if not group_items or not story_items:
            return 0.0
        seen = self.sums[kind]
        if all(t in seen for t in group_items):
            return 0.0
        half = max(1, len(self.group_keys) // 2)
        given = doc.counts[kind]
        return 1.0 if any(k >= half and t not in given for t, k in story_items.items()) else 0.0

    def text_gap(self, doc: DocFeatures) -> float | None:
        """Days beyond ``TEXT_DATE_SLACK`` between the group's date and this story's when a dateline read
        from the text stands in for a missing publication date on either side (None when not, or when
        either has no date at all); ``gap`` covers two publication dates."""
        if doc.day is not None and self.start is not None:
            return None
        days = decision.time_gap(doc.when, self.when_start, self.when_end)
        return None if days is None else max(0.0, days - TEXT_DATE_SLACK)

    def cosine(self, vec: dict[str, dict[str, float]]) -> dict[str, float]:
        """Cosine of a unit group vector with this story's centroid, per space."""
        out = {}
        for s in SPACES:
            v, c, n2 = vec[s], self.sums[s], self.norm2[s]
            if not v or n2 <= 0:
                out[s] = 0.0
                continue
            if len(v) > len(c):
                dot = sum([x * v[t] for t, x in c.items() if t in v])
            else:
                dot = sum([x * c[t] for t, x in v.items() if t in c])
            out[s] = dot / math.sqrt(n2)
        return out

    def nearest(self, vec: dict[str, dict[str, float]], spaces: tuple[str, ...] = ("w", "e")) -> dict[str, float]:
        """Best cosine of a unit group vector with any recent member, per space (single link)."""
        out = {}
        for s in spaces:
            v = vec[s]
            best = 0.0
            if v:
                for m in self.recent:
                    terms, vals = m[s]
                    dot = sum([x * v[t] for t, x in zip(terms, vals) if t in v])
                    if dot > best:
                        best = dot
            out[s] = best
        return out

    def add(self, doc: DocFeatures, vec: dict[str, dict[str, float]], seq: int, keep: int) -> None:
        """Fold one group into the story: centroid sums, recent members, span, sources, titles."""
        self.recent.append(compact(vec))
        if len(self.recent) > keep:
            self.recent.pop(0)
        for s in SPACES:
            c = self.sums[s]
            n2 = self.norm2[s]
            for t, x in vec[s].items():
                old = c.get(t, 0.0)
                n2 += 2 * old * x + x * x
                c[t] = old + x
            self.norm2[s] = n2
        if doc.dense is not None:
            self.dense = doc.dense if self.dense is None else [a + b for a, b in zip(self.dense, doc.dense)]
        self.group_keys.append(doc.key)
        self.article_ids.extend(doc.article_ids)
        if doc.day is not None:
            self.start = doc.day if self.start is None else min(self.start, doc.day)
            self.end = doc.day if self.end is None else max(self.end, doc.day)
        when = doc.when
        if when is not None:
            self.when_start = when if self.when_start is None else min(self.when_start, when)
            self.when_end = when if self.when_end is None else max(self.when_end, when)
        self.sources = sorted(set(self.sources) | set(doc.sources))
        self.titles.extend(doc.titles)
        if doc.years and not doc.years.issubset(self.years):
            self.years = sorted(doc.years.union(self.years))
        if doc.names:
            for n in doc.names:
                self.names[n] = self.names.get(n, 0) + 1
            self.top_names = sorted(self.names, key=lambda n: (-self.names[n], n))[:KEY_NAMES]
        for s in doc.subjects:
            self.subjects[s] = self.subjects.get(s, 0) + 1
        self.scripts[doc.script] = self.scripts.get(doc.script, 0) + 1
        for t in doc.lead_numbers:
            self.lead_numbers[t] = self.lead_numbers.get(t, 0) + 1
        self.last_seen = seq

    def absorb(self, other: "StoryState", keep: int) -> None:
        """Fold another story into this one (a merge after placement): centroid sums, members, span,
        sources, titles and the specifics."""
        for s in SPACES:
            c = self.sums[s]
            for t, x in other.sums[s].items():
                c[t] = c.get(t, 0.0) + x
            self.norm2[s] = sum(x * x for x in c.values())
        if other.dense is not None:
            self.dense = other.dense if self.dense is None else [a + b for a, b in zip(self.dense, other.dense)]
        self.recent = (self.recent + other.recent)[-keep:]
        self.group_keys.extend(other.group_keys)
        self.article_ids.extend(other.article_ids)
        for lo, hi in (("start", "end"), ("when_start", "when_end")):
            a, b = getattr(other, lo), getattr(other, hi)
            if a is not None:
                setattr(self, lo, a if getattr(self, lo) is None else min(getattr(self, lo), a))
                setattr(self, hi, b if getattr(self, hi) is None else max(getattr(self, hi), b))
        self.sources = sorted(set(self.sources) | set(other.sources))
        self.titles.extend(other.titles)
        self.years = sorted(set(self.years) | set(other.years))
        for mine, theirs in (
            (self.names, other.names),
            (self.subjects, other.subjects),
            (self.scripts, other.scripts),
            (self.lead_numbers, other.lead_numbers),
        ):
            for k, v in theirs.items():
                mine[k] = mine.get(k, 0) + v
        self.top_names = sorted(self.names, key=lambda n: (-self.names[n], n))[:KEY_NAMES]
        self.last_seen = max(self.last_seen, other.last_seen)
        self.short_only = self.short_only and other.short_only

    @property
    def script(self) -> str:
        return max(sorted(self.scripts), key=lambda k: self.scripts[k]) if self.scripts else "latin"

    def to_dict(self) -> dict:
        """Plain data; term weights packed (:func:`pack`), a tenth of their size as JSON numbers."""
        d = dict(self.__dict__)
        d["sums"] = {s: pack(tuple(c), c.values()) for s, c in self.sums.items()}
        d["recent"] = [{s: pack(t, v) for s, (t, v) in m.items()} for m in self.recent]
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "StoryState":
        """Inverse of :meth:`to_dict`; also reads the unpacked form of version 1 states."""
        d = dict(d)
        d["sums"] = {s: dict(zip(*unpack(c))) if isinstance(c, list) else c for s, c in d["sums"].items()}
        recent = []
        for m in d.get("recent", []):
            if all(isinstance(x, dict) for x in m.values()):
                recent.append(compact({s: m.get(s) or {} for s in MEMBER_SPACES}))
            else:
                recent.append({s: unpack(m[s]) if s in m else ((), array("d")) for s in MEMBER_SPACES})
        d["recent"] = recent
        return cls(**d)


SEP = "\x1f"


def pack(terms: Sequence[str], values: Iterable[float]) -> list[str]:
    """Terms and weights as two strings: the terms joined by a unit separator, the weights as
    base64 of little-endian doubles (exact, and fast to write and read)."""
    vals = array("d", values)
    if sys.byteorder == "big":
        vals.byteswap()
    return [SEP.join(terms), base64.b64encode(vals.tobytes()).decode("ascii")]


def unpack(packed: Sequence[str]) -> tuple[tuple[str, ...], array]:
    """Inverse of :func:`pack` (terms interned)."""
    terms = tuple(map(sys.intern, packed[0].split(SEP))) if packed[0] else ()
    vals = array("d")
    vals.frombytes(base64.b64decode(packed[1]))
    if sys.byteorder == "big":
        vals.byteswap()
    return terms, vals


EMBED_CHARS = 160


def embed_text(doc: DocFeatures) -> str:
    """What a group is embedded by: its first headline (or first line), cut to ``EMBED_CHARS``. A
    headline names the event in any language, and a sentence encoder's cost grows with its input,
    so one short line per group keeps the encoder affordable."""
    return (doc.titles[0] if doc.titles else "")[:EMBED_CHARS]


def story_id(key: str) -> str:
    """Stable story id derived from the key of the copy group that founded the story."""
    return "s" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _iso(day: int | None) -> str | None:
    return date.fromordinal(day).isoformat() if day is not None else None


def _dense_cos(a: list[float] | None, b: list[float] | None) -> float | None:
    if a is None or b is None:
        return None
    na = math.sqrt(sum(x * x for x in a))
    nb = math.sqrt(sum(x * x for x in b))
    return sum(x * y for x, y in zip(a, b)) / (na * nb) if na and nb else 0.0


Item = Article | Sequence[Article]
Oracle = Callable[[DocFeatures], str]
Trace = Callable[[list[list[float]], list[str], str | None], None]
Counts = Mapping[str, dict[str, Counter[str]]] | Callable[[list[Article]], Iterable[dict[str, Counter[str]]]]


class StoryClusterer:
    """Incremental story clustering; state round-trips through :meth:`to_dict` / :meth:`to_bytes`."""

    def __init__(
        self,
        params: StoryParams | None = None,
        embedder: Embedder | None = None,
        **overrides,
    ):
        self.params = params or StoryParams()
        for k, v in overrides.items():
            if not hasattr(self.params, k):
                raise TypeError(f"unknown story parameter {k!r}")
            setattr(self.params, k, v)
        if embedder is not None and params is None and "dense" not in overrides:
            self.params.dense = True
        if self.params.dense and len(self.params.weights) == len(decision.FEATURES):
            self.params.weights, self.params.bias = MERGE_WEIGHTS_DENSE, MERGE_BIAS_DENSE
        self.embedder = embedder
        self.df = DocFreq()
        self.stories_by_id: dict[str, StoryState] = {}
        self.story_of_group: dict[str, str] = {}
        self.index: dict[str, dict[str, set[str]]] = {s: {} for s in SPACES}
        self.seq = 0
        self.max_day: int | None = None

    # -- input ---------------------------------------------------------------------------------

    def _buckets(self, items: Iterable[Item], copy_group_of: dict[str, str] | None) -> dict[str, list[Article]]:
        buckets: dict[str, list[Article]] = {}
        for item in items:
            arts = [item] if isinstance(item, Article) else list(item)
            if not arts:
                continue
            default = arts[0].id
            for a in arts:
                key = (copy_group_of or {}).get(a.id, default)
                buckets.setdefault(key, []).append(a)
        for arts in buckets.values():
            arts.sort(key=lambda a: a.id)
        return buckets

    def _features(self, keys: list[str], buckets: dict[str, list[Article]], counts: Counts | None) -> list[DocFeatures]:
        if callable(counts):
            arts = [a for k in keys for a in buckets[k]]
            counts = dict(zip([a.id for a in arts], counts(arts)))
        docs = [group_features(k, buckets[k], counts) for k in keys]
        if self.embedder is not None and docs:
            for d, v in zip(docs, self.embedder([embed_text(d) for d in docs])):
                d.dense = list(map(float, v))
        return docs

    def add(
        self,
        items: Iterable[Item],
        copy_group_of: dict[str, str] | None = None,
        *,
        oracle: Oracle | None = None,
        trace: Trace | None = None,
        counts: Counts | None = None,
        on_chunk: Callable[[int, int], None] | None = None,
        imap: Imap | None = None,
    ) -> dict[str, str]:
        """Place articles (or lists of articles, one copy group each) into stories; returns article id -> story id.

        ``copy_group_of`` maps article id -> copy group id; members of one group land together.
        New groups are placed in (date, key) order, ``params.chunk_groups`` at a time: each chunk's
        terms are counted into the document frequencies before any of its groups is placed, and its
        features are dropped after (memory stays bounded whatever the batch size). ``oracle``
        (evaluation only) names the true story of a group; ``trace`` receives each group's candidate
        feature rows, the candidates' ids and the chosen story. ``counts`` gives term counts per
        article (see ``features.article_counts``), already made by article id or made by a function
        of a chunk's articles (an engine's workers). ``on_chunk(placed, total)`` follows the new
        groups placed. With ``params.split_days`` set, a first placement spanning more days than that is
        made window by window (:mod:`storyline.stories.windows`; ``imap`` runs the windows, an engine's
        for parallel ones; ``on_chunk`` then follows whole windows, and this clusterer holds their
        stories only once the last has arrived); the windows' clusterers count their own terms.
        """
        buckets = self._buckets(items, copy_group_of)
        if self.params.split_days > 0 and not self.stories_by_id and oracle is None and trace is None:
            days = {k: group_day(arts) for k, arts in buckets.items()}
            dated = [d for d in days.values() if d is not None]
            if dated and max(dated) - min(dated) >= self.params.split_days:
                from .windows import place_in_windows

                joined = place_in_windows(buckets, days, self.params, imap, on_window=on_chunk)
                self.df, self.stories_by_id, self.story_of_group = (
                    joined.df,
                    joined.stories_by_id,
                    joined.story_of_group,
                )
                self.index, self.seq, self.max_day = joined.index, joined.seq, joined.max_day
                return self.placed()
        placed: dict[str, str] = {}
        fresh = []
        for key, arts in buckets.items():
            sid = self.story_of_group.get(key)
            if sid is None:
                fresh.append((group_day(arts), key))
                continue
            st = self.stories_by_id[sid]
            known = set(st.article_ids)
            st.article_ids.extend(a.id for a in arts if a.id not in known)
            placed.update((a.id, sid) for a in arts)
        fresh.sort(key=lambda dk: (dk[0] is None, dk[0] or 0, dk[1]))
        step = max(1, self.params.chunk_groups)
        for i in range(0, len(fresh), step):
            docs = self._features([k for _, k in fresh[i : i + step]], buckets, counts)
            for d in docs:
                self.df.add(d)
            for d in docs:
                sid = self._place(d, oracle, trace)
                placed.update((a, sid) for a in d.article_ids)
            if oracle is None and self.params.short_merge is not None:
                self._merge_short({placed[d.article_ids[0]] for d in docs}, placed)
            if on_chunk:
                on_chunk(min(i + step, len(fresh)), len(fresh))
        return placed

    def placed(self) -> dict[str, str]:
        """Article id -> story id of every article placed so far."""
        return {a: st.id for st in self.stories_by_id.values() for a in st.article_ids}

    def attach(self, group_key: str, story_id_: str) -> None:
        """Send a copy group's future members to ``story_id_`` (a group renamed after its
        earlier members were placed, because a new member became its origin)."""
        if group_key not in self.story_of_group:
            self.story_of_group[group_key] = story_id_
            self.stories_by_id[story_id_].group_keys.append(group_key)

    # -- placement -----------------------------------------------------------------------------

    def _top_terms(self, vec: dict[str, dict[str, float]]) -> dict[str, list[str]]:
        out = {}
        for s in SPACES:
            k = self.params.top_terms.get(s, 0)
            items = sorted(vec[s].items(), key=lambda kv: (-kv[1], kv[0]))[:k]
            out[s] = [t for t, _ in items]
        return out

    def _title_vector(self, doc: DocFeatures) -> dict[str, float]:
        """Unit IDF-weighted vector of the words of a group's headlines (binary: a headline
        rarely repeats a word), for the headline-to-headline cosine ``max_t``."""
        terms = {t for h in doc.titles[:3] for t in words(h)}
        v = {sys.intern(t): self.df.idf("w", t) for t in sorted(terms)}
        norm = math.sqrt(sum(x * x for x in v.values()))
        return {t: x / norm for t, x in v.items()} if norm else {}

    def _is_active(self, st: StoryState, day: int | None) -> bool:
        if not st.active:
            return False
        if day is not None and st.start is not None and st.end is not None:
            w = self.params.window_days
            return st.end >= day - w and st.start <= day + w
        return self.seq - st.last_seen <= self.params.max_idle_groups

    def _candidates(self, top: dict[str, list[str]], day: int | None) -> list[StoryState]:
        hits: Counter[str] = Counter()
        for s in SPACES:
            idx = self.index[s]
            for t in top[s]:
                for sid in idx.get(t, ()):
                    hits[sid] += 1
        ranked = sorted(hits.items(), key=lambda kv: (-kv[1], kv[0]))
        out = []
        for sid, _ in ranked:
            st = self.stories_by_id[sid]
            if self._is_active(st, day):
                out.append(st)
                if len(out) >= self.params.max_candidates:
                    break
        return out

    def _rows(
        self, doc: DocFeatures, vec: dict[str, dict[str, float]], cands: list[StoryState], exact: bool = False
    ) -> list[list[float]]:
        """Feature rows for the candidates; single-link cosines only for the best few by centroid.

        Unless ``exact``, a candidate that cannot reach the threshold even with its single-link
        cosines at their upper bound keeps that bound in its row instead of the cosines themselves:
        every member's weights are part of the centroid sums and all weights are positive, so no
        member's dot product with the group exceeds the group's with the sums. The decision is the
        one exact rows give (the candidate is rejected either way), for a fraction of the cost in a
        dense stream where most candidates share only a word or two with the group.
        """
        cos = [st.cosine(vec) for st in cands]
        order = sorted(range(len(cands)), key=lambda i: -(cos[i]["w"] + cos[i]["e"]))
        near_for = set(order[: self.params.nearest_candidates])
        prune = not exact and self._bound_is_safe()
        rows = []
        for i, st in enumerate(cands):
            if i not in near_for:
                rows.append(self._row(doc, vec, st, cos[i]))
                continue
            title = st.nearest(vec, ("t",))["t"]
            if prune:
                bound = {s: min(1.0, cos[i][s] * math.sqrt(st.norm2[s]) * (1 + 1e-9) + 1e-12) for s in ("w", "e")}
                row = self._row(doc, vec, st, cos[i], {**bound, "t": title})
                if decision.probability(row, self.params.weights, self.params.bias) < self._threshold(doc):
                    rows.append(row)
                    continue
            rows.append(self._row(doc, vec, st, cos[i], {**st.nearest(vec), "t": title}))
        return rows

    def _threshold(self, doc: DocFeatures) -> float:
        """The probability a group needs to join a story: ``params.short_threshold`` for a short group
        (fewer than ``params.short_terms`` distinct words: a headline, a feed item), whose cosines run
        lower than an article's for the same agreement, else ``params.threshold``."""
        short = self.params.short_threshold
        if short is not None and self._is_short(doc):
            return short
        return self.params.threshold

    def _is_short(self, doc: DocFeatures) -> bool:
        """Fewer than ``params.short_terms`` distinct words: a headline, a feed item."""
        return len(doc.counts["w"]) < self.params.short_terms

    def _bound_is_safe(self) -> bool:
        """Whether raising a single-link cosine can only raise the merge probability (its weights are
        not negative), so that a row with upper bounds in their place bounds the probability."""
        w = self.params.weights
        return all(
            w[decision.FEATURES.index(f)] >= 0 for f in ("max_w", "max_e") if decision.FEATURES.index(f) < len(w)
        )

    def _row(
        self,
        doc: DocFeatures,
        vec: dict[str, dict[str, float]],
        st: StoryState,
        cos: dict[str, float] | None = None,
        near: dict[str, float] | None = None,
    ) -> list[float]:
        cos = cos if cos is not None else st.cosine(vec)
        if near is None:
            near = {s: cos[s] for s in ("w", "e")}
        gap = decision.time_gap(doc.day, st.start, st.end)
        shared = bool(gap) and any(t in st.sums["e"] for t in doc.rare_names)
        if shared:
            gap = decision.time_gap(doc.day, st.start, st.end, doc.since)
        cos_d = _dense_cos(doc.dense, st.dense) if self.params.dense else None
        if self.params.dense and cos_d is None:
            cos_d = 0.0
        title = near["t"] if "t" in near else st.nearest(vec, ("t",))["t"]
        text_gap = st.text_gap(doc)
        if text_gap:
            text_gap *= max(0.0, 1.0 - 2.0 * cos["e"])
        name_gap = gap if shared else None
        return decision.feature_vector(
            cos,
            near,
            gap,
            doc.script != st.script,
            cos_d,
            title,
            st.conflicts(doc),
            text_gap,
            name_gap,
            st.subject_conflict(doc),
            st.number_conflict(doc),
        )

    def _merge_short(self, touched: set[str], placed: dict[str, str]) -> None:
        """Merge this chunk's headline-only stories with their neighbours by centroid cosine
        (:mod:`storyline.stories.merge`); ``placed`` (article id -> story id) follows the merges."""
        threshold = self.params.short_merge
        short = [st for st in self.stories_by_id.values() if st.short_only and st.active]
        if threshold is None or len(short) < 2 or not touched.intersection(st.id for st in short):
            return
        moved: dict[str, str] = {}

        def neighbours(st: StoryState) -> list[StoryState]:
            found = self._candidates(self._top_terms(centroid_sums(st)), st.end)
            return [o for o in found if not days_apart(st, o)]

        def fold(keep: StoryState, gone: StoryState) -> None:
            keep.absorb(gone, self.params.keep_members)
            for s in SPACES:
                for t in gone.sums[s]:
                    posted = self.index[s].get(t)
                    if posted is not None and gone.id in posted:
                        posted.discard(gone.id)
                        posted.add(keep.id)
            for g in gone.group_keys:
                self.story_of_group[g] = keep.id
            for sid, to in moved.items():
                if to == gone.id:
                    moved[sid] = keep.id
            moved[gone.id] = keep.id
            del self.stories_by_id[gone.id]

        merge_short_stories(short, touched, threshold, neighbours, fold)
        if moved:
            for a, sid in placed.items():
                if sid in moved:
                    placed[a] = moved[sid]

    def _rare_names(self, doc: DocFeatures) -> tuple[str, ...]:
        """The group's names of two or three words without a full stop (a person, a street, a place;
        not a title run into a name, nor a phrase the capitals ran across a sentence end) that at most
        ``RARE_NAME_GROUPS`` groups use: the victim or the address of one incident, not a name a subject
        keeps in the news. A story holding one of them, published days apart, still gets ``name_gap``."""
        df = self.df.df["e"]
        return tuple(
            t for t in doc.counts["e"] if 1 <= t.count(" ") <= 2 and "." not in t and df.get(t, 0) <= RARE_NAME_GROUPS
        )

    def _place(self, doc: DocFeatures, oracle: Oracle | None, trace: Trace | None) -> str:
        self.seq += 1
        if doc.day is not None:
            if self.max_day is None or doc.day > self.max_day:
                self.max_day = doc.day
        vec = self.df.vector(doc)
        doc.rare_names = self._rare_names(doc)
        vec["t"] = self._title_vector(doc)
        top = self._top_terms(vec)
        cands = self._candidates(top, doc.day)
        rows = self._rows(doc, vec, cands, exact=trace is not None)
        chosen: StoryState | None = None
        if oracle is not None:
            sid = story_id(oracle(doc))
            chosen = self.stories_by_id.get(sid)
            if chosen is not None and chosen not in cands:
                cands.append(chosen)
                rows.append(self._row(doc, vec, chosen, near=chosen.nearest(vec)))
        else:
            best = -1.0
            for st, row in zip(cands, rows):
                p = decision.probability(row, self.params.weights, self.params.bias)
                if p > best:
                    best, chosen = p, st
            if best < self._threshold(doc):
                chosen = None
        if trace is not None:
            trace(rows, [st.id for st in cands], chosen.id if chosen else None)
        if chosen is None:
            sid = story_id(oracle(doc)) if oracle is not None else story_id(doc.key)
            while oracle is None and sid in self.stories_by_id:
                sid = story_id(sid)
            chosen = StoryState(id=sid, founded=self.seq, short_only=True)
            self.stories_by_id[sid] = chosen
        chosen.short_only = chosen.short_only and self._is_short(doc)
        chosen.add(doc, vec, self.seq, self.params.keep_members)
        for s in SPACES:
            idx = self.index[s]
            for t in top[s]:
                idx.setdefault(t, set()).add(chosen.id)
        self.story_of_group[doc.key] = chosen.id
        if self.seq % 2000 == 0:
            self.expire()
        return chosen.id

    def expire(self) -> int:
        """Retire stories that left the active window: drop their centroids and index postings.

        A story is posted under top terms of its groups, all of which its centroid sums hold, so
        its postings are found from its sums (rebuilding the whole index at every expiry took a
        tenth of the placement time at a million articles)."""
        retired = 0
        for st in self.stories_by_id.values():
            if not st.active:
                continue
            old = False
            if st.end is not None and self.max_day is not None:
                old = st.end < self.max_day - 2 * self.params.window_days
            elif st.end is None:
                old = self.seq - st.last_seen > self.params.max_idle_groups
            if old:
                for s in SPACES:
                    idx = self.index[s]
                    for t in st.sums[s]:
                        posted = idx.get(t)
                        if posted is not None and st.id in posted:
                            posted.discard(st.id)
                            if not posted:
                                del idx[t]
                st.active = False
                st.sums = {s: {} for s in SPACES}
                st.norm2 = {s: 0.0 for s in SPACES}
                st.recent = []
                retired += 1
        return retired

    # -- output --------------------------------------------------------------------------------

    def stories(self) -> list[Story]:
        """Current stories as vocabulary objects, ordered by start date then id."""
        out = []
        for st in self.stories_by_id.values():
            out.append(
                Story(
                    id=st.id,
                    title=story_title(st),
                    article_ids=list(st.article_ids),
                    copy_group_ids=list(st.group_keys),
                    start=_iso(st.start),
                    end=_iso(st.end),
                    sources=list(st.sources),
                )
            )
        out.sort(key=lambda s: (s.start is None, s.start or "", s.id))
        return out

    def state(self, story_id_: str) -> StoryState:
        """The internal state of one story (for thread linking)."""
        return self.stories_by_id[story_id_]

    # -- persistence ---------------------------------------------------------------------------

    def to_dict(self, stories: bool = True) -> dict:
        """Plain-data state (JSON-safe); without ``stories`` when they are written one by one."""
        return {
            "version": 2,
            "params": self.params.to_dict(),
            "df": self.df.to_dict(),
            **({"stories": [st.to_dict() for st in self.stories_by_id.values()]} if stories else {}),
            "story_of_group": self.story_of_group,
            "index": {s: {t: sorted(v) for t, v in idx.items()} for s, idx in self.index.items()},
            "seq": self.seq,
            "max_day": self.max_day,
        }

    @classmethod
    def from_dict(cls, d: dict, embedder: Embedder | None = None) -> "StoryClusterer":
        """Rebuild a clusterer from :meth:`to_dict` output."""
        obj = cls(StoryParams.from_dict(d["params"]), embedder=embedder)
        obj.df = DocFreq.from_dict(d["df"])
        obj.stories_by_id = {s["id"]: StoryState.from_dict(s) for s in d["stories"]}
        obj.story_of_group = dict(d["story_of_group"])
        obj.index = {s: {t: set(v) for t, v in d["index"].get(s, {}).items()} for s in SPACES}
        obj.seq = int(d["seq"])
        obj.max_day = d["max_day"]
        return obj

    def to_bytes(self) -> bytes:
        """Compressed JSON state, for a BLOB column; stories are encoded one at a time, so the state
        is never held twice as Python objects."""
        z = zlib.compressobj(3)
        head = json.dumps(self.to_dict(stories=False), separators=(",", ":"))
        parts = [z.compress(head[:-1].encode("utf-8") + b',"stories":[')]
        for i, st in enumerate(self.stories_by_id.values()):
            parts.append(
                z.compress((b"," if i else b"") + json.dumps(st.to_dict(), separators=(",", ":")).encode("utf-8"))
            )
        parts.append(z.compress(b"]}"))
        parts.append(z.flush())
        return b"".join(parts)

    @classmethod
    def from_bytes(cls, data: bytes, embedder: Embedder | None = None) -> "StoryClusterer":
        """Inverse of :meth:`to_bytes`."""
        return cls.from_dict(json.loads(zlib.decompress(data).decode("utf-8")), embedder=embedder)


def centroid_sums(st: StoryState) -> dict[str, dict[str, float]]:
    """A story's centroid sums per space, as :meth:`StoryClusterer._top_terms` takes a vector."""
    return {s: st.sums[s] for s in SPACES}


def story_title(st: StoryState) -> str:
    """The member title that best covers the story's strongest words (a medoid by title)."""
    if not st.titles:
        return ""
    weights = st.sums.get("w") or {}
    best, best_score = st.titles[0], -1.0
    for t in dict.fromkeys(st.titles):
        toks = set(words(t))
        score = sum(weights.get(w, 0.0) for w in toks) / math.sqrt(len(toks) or 1)
        if score > best_score + 1e-12:
            best, best_score = t, score
    return best


def cluster_stories(
    articles: list[Article],
    copy_group_of: dict[str, str] | None = None,
    embedder: Embedder | None = None,
    **params,
) -> list[Story]:
    """Cluster a batch of articles into stories (input order does not matter); see StoryClusterer."""
    c = StoryClusterer(embedder=embedder, **params)
    c.add(articles, copy_group_of)
    return c.stories()
