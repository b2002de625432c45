"""Incremental, time-aware story clustering: each copy group joins its best story or starts one.

Groups of one batch are taken in (date, key) order, so the same batch in any order gives the same
stories; document frequencies are updated with the whole batch before any group is placed, so a
batch clusters as if its vocabulary were known. A story keeps the id of the group that founded it.
"""

from __future__ import annotations

import hashlib
import json
import math
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from storyline.model import Article, Story

from . import decision
from .features import SPACES, DocFeatures, DocFreq, group_features
from .params import MERGE_BIAS_DENSE, MERGE_WEIGHTS_DENSE, StoryParams
from .text import words


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
    recent: list[dict[str, dict[str, float]]] = field(default_factory=list)

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
            for m in self.recent:
                u = m.get(s) or {}
                a, b = (u, v) if len(u) < len(v) else (v, u)
                dot = sum([x * b[t] for t, x in a.items() if t in b])
                if dot > best:
                    best = dot
            out[s] = best
        return out

    def add(self, doc: DocFeatures, vec: dict[str, dict[str, float]], seq: int, keep: int) -> None:
        """Fold one group into the story: centroid sums, recent members, span, sources, titles."""
        self.recent.append({s: vec[s] for s in ("w", "e")})
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
        self.sources = sorted(set(self.sources) | set(doc.sources))
        self.titles.extend(doc.titles)
        self.scripts[doc.script] = self.scripts.get(doc.script, 0) + 1
        self.last_seen = seq

    @property
    def script(self) -> str:
        return max(sorted(self.scripts), key=lambda k: self.scripts[k]) if self.scripts else "latin"

    def to_dict(self) -> dict:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, d: dict) -> "StoryState":
        return cls(**d)


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


class StoryClusterer:
    """Incremental story clustering; state round-trips through :meth:`to_dict` / :meth:`to_bytes`."""

    def __init__(self, params: StoryParams | None = None, embedder: Callable[[list[str]], list[list[float]]] | None = None, **overrides):
        self.params = params or StoryParams()
        for k, v in overrides.items():
            if not hasattr(self.params, k):
                raise TypeError(f"unknown story parameter {k!r}")
            setattr(self.params, k, v)
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

    def _groups(self, items: Iterable[Item], copy_group_of: dict[str, str] | None,
                counts: Mapping[str, dict[str, Counter[str]]] | None = None) -> list[DocFeatures]:
        buckets: dict[str, list[Article]] = {}
        for item in items:
            arts = [item] if isinstance(item, Article) else list(item)
            if not arts:
                continue
            default = arts[0].id
            for a in arts:
                key = (copy_group_of or {}).get(a.id, default)
                buckets.setdefault(key, []).append(a)
        docs = []
        texts = []
        for key, arts in buckets.items():
            arts.sort(key=lambda a: a.id)
            docs.append(group_features(key, arts, counts))
            texts.append(((arts[0].title or "") + "\n" + arts[0].text)[:1500])
        if self.embedder is not None and docs:
            for d, v in zip(docs, self.embedder(texts)):
                d.dense = list(map(float, v))
        docs.sort(key=lambda d: (d.day is None, d.day or 0, d.key))
        return docs

    def add(
        self,
        items: Iterable[Item],
        copy_group_of: dict[str, str] | None = None,
        *,
        oracle: Oracle | None = None,
        trace: Trace | None = None,
        counts: Mapping[str, dict[str, Counter[str]]] | None = None,
    ) -> dict[str, str]:
        """Place articles (or lists of articles, one copy group each) into stories; returns article id -> story id.

        ``copy_group_of`` maps article id -> copy group id; members of one group land together.
        ``oracle`` (evaluation only) names the true story of a group; ``trace`` receives each
        group's candidate feature rows, the candidates' ids and the chosen story. ``counts``
        holds term counts already made per article (see ``features.article_counts``).
        """
        docs = self._groups(items, copy_group_of, counts)
        fresh = [d for d in docs if d.key not in self.story_of_group]
        for d in fresh:
            self.df.add(d)
        placed: dict[str, str] = {}
        for d in docs:
            if d.key in self.story_of_group:
                sid = self.story_of_group[d.key]
                st = self.stories_by_id[sid]
                new = [a for a in d.article_ids if a not in st.article_ids]
                st.article_ids.extend(new)
            else:
                sid = self._place(d, oracle, trace)
            for a in d.article_ids:
                placed[a] = sid
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

    def _is_active(self, st: StoryState, day: int | None) -> bool:
        if not st.active:
            return False
        if day is not None and st.end is not None:
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

    def _rows(self, doc: DocFeatures, vec: dict[str, dict[str, float]], cands: list[StoryState]) -> list[list[float]]:
        """Feature rows for the candidates; single-link cosines only for the best few by centroid."""
        cos = [st.cosine(vec) for st in cands]
        order = sorted(range(len(cands)), key=lambda i: -(cos[i]["w"] + cos[i]["e"]))
        near_for = set(order[: self.params.nearest_candidates])
        return [
            self._row(doc, vec, st, cos[i], st.nearest(vec) if i in near_for else None)
            for i, st in enumerate(cands)
        ]

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
        cos_d = _dense_cos(doc.dense, st.dense) if self.params.dense else None
        if self.params.dense and cos_d is None:
            cos_d = 0.0
        return decision.feature_vector(cos, near, gap, doc.script != st.script, cos_d)

    def _place(self, doc: DocFeatures, oracle: Oracle | None, trace: Trace | None) -> str:
        self.seq += 1
        if doc.day is not None:
            if self.max_day is None or doc.day > self.max_day:
                self.max_day = doc.day
        vec = self.df.vector(doc)
        top = self._top_terms(vec)
        cands = self._candidates(top, doc.day)
        rows = self._rows(doc, vec, cands)
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
            if best < self.params.threshold:
                chosen = None
        if trace is not None:
            trace(rows, [st.id for st in cands], chosen.id if chosen else None)
        if chosen is None:
            sid = story_id(oracle(doc)) if oracle is not None else story_id(doc.key)
            while oracle is None and sid in self.stories_by_id:
                sid = story_id(sid)
            chosen = StoryState(id=sid)
            self.stories_by_id[sid] = chosen
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
        """Retire stories that left the active window: drop their centroids and index postings."""
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
                st.active = False
                st.sums = {s: {} for s in SPACES}
                st.norm2 = {s: 0.0 for s in SPACES}
                st.recent = []
                retired += 1
        if retired:
            for s in SPACES:
                idx = self.index[s]
                for t in list(idx):
                    live = {sid for sid in idx[t] if self.stories_by_id[sid].active}
                    if live:
                        idx[t] = live
                    else:
                        del idx[t]
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

    def to_dict(self) -> dict:
        """Plain-data state (JSON-safe)."""
        return {
            "version": 1,
            "params": self.params.to_dict(),
            "df": self.df.to_dict(),
            "stories": [st.to_dict() for st in self.stories_by_id.values()],
            "story_of_group": self.story_of_group,
            "index": {s: {t: sorted(v) for t, v in idx.items()} for s, idx in self.index.items()},
            "seq": self.seq,
            "max_day": self.max_day,
        }

    @classmethod
    def from_dict(cls, d: dict, embedder: Callable[[list[str]], list[list[float]]] | None = None) -> "StoryClusterer":
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
        """Compressed JSON state, for a BLOB column."""
        return zlib.compress(json.dumps(self.to_dict(), separators=(",", ":")).encode("utf-8"), 6)

    @classmethod
    def from_bytes(cls, data: bytes, embedder: Callable[[list[str]], list[list[float]]] | None = None) -> "StoryClusterer":
        """Inverse of :meth:`to_bytes`."""
        return cls.from_dict(json.loads(zlib.decompress(data).decode("utf-8")), embedder=embedder)


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
    embedder: Callable[[list[str]], list[list[float]]] | None = None,
    **params,
) -> list[Story]:
    """Cluster a batch of articles into stories (input order does not matter); see StoryClusterer."""
    c = StoryClusterer(embedder=embedder, **params)
    c.add(articles, copy_group_of)
    return c.stories()
