"""CopyIndex: the incremental near-duplicate index of the copy stage.

Articles are shingled, sketched with MinHash and put in a banded LSH index; every candidate pair
the index returns is verified on the exact shingle sets, and verified copies are joined in a
union-find forest whose components are the copy groups. Components do not depend on the order or
batching of the input: a pair is a candidate whatever arrives first, and a pair whose articles are
already joined needs no verification to leave the components unchanged.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from itertools import islice
from typing import Any

import numpy as np

from ..model import Article, CopyGroup, CopyMember, day_ordinal
from .lsh import BandIndex
from .minhash import KERNEL_VERSION, band_keys, signatures
from .origin import Candidate, Tie, decide_origin, removed_notes
from .overlap import Overlap
from .params import CopyParams
from .shingles import shingle_sets

_FORMAT = 1
_JOIN_CHUNK = 65_536
"""Candidate pairs are turned into Python ints this many at a time: a batch of many near-identical articles
has millions of pairs (1.9 million among 1,474 fuzz articles: 250 MB as one list)."""


def group_id(origin_id: str) -> str:
    """The id of the copy group whose origin is ``origin_id`` (stable across runs)."""
    return "cg-" + hashlib.sha1(origin_id.encode("utf-8")).hexdigest()[:12]


_day = day_ordinal


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


class CopyIndex:
    """Near-duplicate index over articles: add them in any order and batches, then read the copy groups."""

    def __init__(self, params: CopyParams | None = None, **overrides: Any) -> None:
        self.params = replace(params or CopyParams(), **overrides)
        self.ids: list[str] = []
        self.published: list[str | None] = []
        self.sources: list[str | None] = []
        self.credits: list[tuple[str, ...]] = []
        self.notes: list[tuple[str, ...]] = []
        self.sets: list[np.ndarray] = []
        self._row: dict[str, int] = {}
        self._parent: list[int] = []
        self._lsh = BandIndex(self.params.bands)
        self._by_day: dict[int, list[int]] = {}
        self._newest: int | None = None
        self.verified = 0

    def __len__(self) -> int:
        return len(self.ids)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._row

    def add(self, articles: Iterable[Article], batch_size: int = 2000) -> None:
        """Index articles (ids already present are skipped) and join the copies found among them."""
        for batch in _batches(articles, batch_size):
            self._add_batch(batch)

    def _add_batch(self, batch: list[Article]) -> None:
        fresh: dict[str, Article] = {}
        for a in batch:
            if a.id not in self._row and a.id not in fresh:
                fresh[a.id] = a
        if fresh:
            articles = list(fresh.values())
            self.add_sketched(articles, sketch([a.text for a in articles], self.params))

    def add_sketched(self, articles: list[Article], sketched: Sketch) -> None:
        """Index articles whose :func:`sketch` was made elsewhere (by another process or machine).

        Articles already indexed are skipped; the result is the same as :meth:`add`.
        """
        keep = [i for i, a in enumerate(articles) if a.id not in self._row]
        if len(keep) < len(articles):
            keep = sorted({articles[i].id: i for i in reversed(keep)}.values())
            sketched = sketched.take(keep)
            articles = [articles[i] for i in keep]
        if not articles:
            return
        first = len(self.ids)
        for i, (a, s) in enumerate(zip(articles, sketched.sets)):
            row = first + i
            self._row[a.id] = row
            self.ids.append(a.id)
            self.published.append(a.published)
            self.sources.append(a.source)
            self.credits.append(tuple(a.credits))
            self.notes.append(removed_notes(a.removed))
            self.sets.append(s)
            self._parent.append(row)
        self._expire_by_window(articles, first)
        if len(sketched.indexable):
            rows = sketched.indexable + first
            self._lsh.add(sketched.keys, rows)
            pairs = self._lsh.query(sketched.keys, rows)
            self._join(pairs)

    def _join(self, pairs: np.ndarray) -> None:
        if len(pairs) == 0:
            return
        pairs = np.unique(np.sort(pairs, axis=1), axis=0)
        for i in range(0, len(pairs), _JOIN_CHUNK):
            for a, b in pairs[i : i + _JOIN_CHUNK].tolist():
                ra, rb = self._find(a), self._find(b)
                if ra == rb:
                    continue
                self.verified += 1
                if Overlap.of(self.sets[a], self.sets[b]).is_copy(self.params):
                    self._parent[max(ra, rb)] = min(ra, rb)

    def _find(self, row: int) -> int:
        parent = self._parent
        root = row
        while parent[root] != root:
            root = parent[root]
        while parent[row] != root:
            parent[row], row = root, parent[row]
        return root

    def _expire_by_window(self, articles: list[Article], first: int) -> None:
        window = self.params.window_days
        if window is None:
            return
        for i, a in enumerate(articles):
            d = _day(a.published)
            if d is not None:
                self._by_day.setdefault(d, []).append(first + i)
                self._newest = d if self._newest is None else max(self._newest, d)
        if self._newest is None:
            return
        horizon = self._newest - window
        old = [d for d in self._by_day if d < horizon]
        if old:
            rows = np.array([r for d in old for r in self._by_day.pop(d)], dtype=np.int64)
            self._lsh.expire(rows)

    def expire_before(self, day: str) -> None:
        """Take articles published before ``day`` (ISO date) out of the search for new copies."""
        cutoff = date.fromisoformat(day[:10]).toordinal()
        rows = np.array([r for r, p in enumerate(self.published) if (d := _day(p)) is not None and d < cutoff])
        self._lsh.expire(rows)

    def candidate(self, row: int) -> Candidate:
        """The facts origin choice uses about one indexed article."""
        return Candidate(
            self.ids[row], self.sets[row], self.published[row], self.sources[row], self.credits[row], self.notes[row]
        )

    def components(self) -> list[list[int]]:
        """Rows joined as copies, in groups of two or more, each sorted."""
        comps: dict[int, list[int]] = {}
        for row in range(len(self.ids)):
            comps.setdefault(self._find(row), []).append(row)
        return [rows for rows in comps.values() if len(rows) > 1]

    def groups(self, texts: Callable[[str], str | None] | None = None, tie: Tie | None = None) -> list[CopyGroup]:
        """The copy groups, each with its origin and every member's relation to it, sorted by id.
        ``texts`` (article id -> text), when given, lets house edits name an origin; ``tie`` is a further rule
        for the pairs the texts leave tied (for measuring a rule: :func:`decide_origin`)."""
        out = []
        for rows in self.components():
            cands = [self.candidate(r) for r in rows]
            choice = decide_origin(cands, texts=texts, tie=tie)
            origin = choice.origin
            members = [CopyMember(origin.id, "origin", 1.0)]
            for c in sorted(cands, key=lambda c: c.id):
                if c is origin:
                    continue
                ov = Overlap.of(origin.shingles, c.shingles)
                members.append(CopyMember(c.id, ov.relation(self.params), round(ov.jaccard, 4)))
            out.append(
                CopyGroup(
                    group_id(origin.id), origin.id, members, choice.evidence, choice.undetermined, choice.candidates
                )
            )
        return sorted(out, key=lambda g: g.id)

    def to_bytes(self) -> bytes:
        """The whole index (settings, articles' shingles and metadata, LSH runs, joins) as one blob."""
        return b"".join(self.to_parts())

    def to_parts(self, size: int = 1 << 22) -> Iterator[bytes]:
        """:meth:`to_bytes` as consecutive parts of about ``size`` bytes, made as they are taken: the shingle
        sets are written one after another, never joined in memory, so saving part by part
        (:meth:`~storyline.store.Store.put_state_parts`) holds the index and one part, not the index and a
        blob as large (a million articles' shingles are ~2 GB)."""
        meta = {
            "format": _FORMAT,
            "kernel": KERNEL_VERSION,
            "params": self.params.to_dict(),
            "ids": self.ids,
            "published": self.published,
            "sources": self.sources,
            "credits": [list(c) for c in self.credits],
            "notes": [list(n) for n in self.notes],
            "by_day": {str(d): rows for d, rows in self._by_day.items()},
            "newest": self._newest,
        }
        arrays: dict[str, np.ndarray] = {
            "meta": np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
            "sizes": np.array([len(s) for s in self.sets], dtype=np.int64),
            "parent": np.array([self._find(r) for r in range(len(self.ids))], dtype=np.int64),
        }
        arrays.update({f"lsh_{k}": v for k, v in self._lsh.state().items()})
        sink = _Sink()
        with zipfile.ZipFile(sink, "w", zipfile.ZIP_STORED, allowZip64=True) as npz:  # np.load reads it as np.savez's
            for name, array in arrays.items():
                with npz.open(f"{name}.npy", "w", force_zip64=True) as fh:
                    np.lib.format.write_array(fh, array, allow_pickle=False)
                yield from sink.take(size)
            with npz.open("shingles.npy", "w", force_zip64=True) as fh:
                dtype = np.dtype(np.uint32)
                header = {"descr": np.lib.format.dtype_to_descr(dtype), "fortran_order": False}
                np.lib.format.write_array_header_1_0(fh, {**header, "shape": (sum(map(len, self.sets)),)})
                for part in self.sets:
                    fh.write(np.ascontiguousarray(part, dtype=dtype).data)
                    yield from sink.take(size)
        yield from sink.take(0)

    @classmethod
    def from_bytes(cls, blob: bytes) -> CopyIndex:
        """Inverse of :meth:`to_bytes`: an index that continues where the saved one stopped."""
        with np.load(io.BytesIO(blob), allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        meta = json.loads(arrays["meta"].tobytes().decode("utf-8"))
        if meta.get("format") != _FORMAT:
            raise ValueError(f"unsupported copy index format {meta.get('format')}")
        if meta.get("kernel") != KERNEL_VERSION:
            raise ValueError(
                f"index built with MinHash kernel {meta.get('kernel')}, this is {KERNEL_VERSION}: rebuild it"
            )
        index = cls(CopyParams(**meta["params"]))
        index.ids = meta["ids"]
        index.published = meta["published"]
        index.sources = meta["sources"]
        index.credits = [tuple(c) for c in meta["credits"]]
        index.notes = [tuple(n) for n in meta.get("notes") or [[] for _ in index.ids]]
        index._row = {a: i for i, a in enumerate(index.ids)}
        bounds = np.concatenate(([0], np.cumsum(arrays["sizes"])))
        flat = arrays["shingles"]
        index.sets = [flat[bounds[i] : bounds[i + 1]] for i in range(len(index.ids))]
        index._parent = arrays["parent"].tolist()
        index._by_day = {int(d): rows for d, rows in meta["by_day"].items()}
        index._newest = meta["newest"]
        lsh_state = {k[4:]: v for k, v in arrays.items() if k.startswith("lsh_")}
        index._lsh = BandIndex.from_state(index.params.bands, lsh_state)
        return index


class _Sink:
    """A write-only, unseekable file that hands what was written so far out in parts (:meth:`take`)."""

    def __init__(self) -> None:
        self.held = bytearray()
        self.written = 0

    def write(self, data: bytes) -> int:
        size = memoryview(data).nbytes
        self.held += data
        self.written += size
        return size

    def tell(self) -> int:
        return self.written

    def flush(self) -> None:
        pass

    def close(self) -> None:
        pass

    def take(self, least: int) -> Iterator[bytes]:
        """What is held, as one part, once it is at least ``least`` bytes (and not empty)."""
        if self.held and len(self.held) >= least:
            part = bytes(self.held)
            self.held.clear()
            yield part


@dataclass
class Sketch:
    """What the copy stage computes per article before any joining: shingle sets and LSH band keys.

    ``indexable`` lists the positions of the sets large enough to index; ``keys`` holds their band
    keys, one row each. Sketches depend only on the texts and the settings, so they can be made in
    parallel, anywhere, and joined later.
    """

    sets: list[np.ndarray]
    indexable: np.ndarray
    keys: np.ndarray

    def take(self, positions: list[int]) -> Sketch:
        """The sketch of the articles at ``positions`` only."""
        where = {p: i for i, p in enumerate(self.indexable.tolist())}
        rows = [where[p] for p in positions if p in where]
        new_pos = [i for i, p in enumerate(positions) if p in where]
        return Sketch([self.sets[p] for p in positions], np.array(new_pos, dtype=np.int64), self.keys[rows])


SKETCH_CHARS = 2_000_000
"""Texts are shingled in groups of about this many characters: the vectorised shingling holds some 50 bytes
per character of its group at once (a batch of 1,474 fuzz articles, 8 MB of text, took the process to 613 MB)."""


def _by_chars(texts: list[str], limit: int) -> Iterator[list[str]]:
    group: list[str] = []
    size = 0
    for t in texts:
        if group and size + len(t) > limit:
            yield group
            group, size = [], 0
        group.append(t)
        size += len(t)
    if group:
        yield group


def sketch(texts: list[str], params: CopyParams | None = None) -> Sketch:
    """Shingle sets and band keys of ``texts`` (the per-article half of the copy stage); the same for any grouping."""
    p = params or CopyParams()
    sets = [s for group in _by_chars(texts, SKETCH_CHARS) for s in shingle_sets(group, p.shingle_size)]
    indexable = np.array([i for i, s in enumerate(sets) if len(s) >= p.min_shared], dtype=np.int64)
    keys = (
        band_keys(signatures([sets[i] for i in indexable], p.num_perm, p.seed), p.bands)
        if len(indexable)
        else np.empty((0, p.bands), dtype=np.uint32)
    )
    return Sketch(sets, indexable, keys)


def find_copies(articles: Iterable[Article], params: CopyParams | None = None, **overrides: Any) -> list[CopyGroup]:
    """Copy groups of a collection of articles (a one-shot :class:`CopyIndex`)."""
    articles = list(articles)
    index = CopyIndex(params, **overrides)
    index.add(articles)
    texts = {a.id: a.text for a in articles}
    return index.groups(texts.get)
