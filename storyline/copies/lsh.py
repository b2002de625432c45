"""A banded LSH index over integer rows, kept as sorted runs so it grows by batches and persists as arrays.

Each run holds, per band, the sorted band keys of a set of rows; a new batch becomes a run and
runs of similar size are merged (as in a log-structured merge tree), so adding stays cheap and a
query costs one binary search per band and run. Expired rows are masked, then dropped at the next merge.
"""

from __future__ import annotations

import numpy as np

_COMPACT = 4_000_000
"""Pairs found are made distinct whenever this many (or twice the distinct ones last counted) are held: near-
identical rows share every band, so without it a query holds each pair once per band."""


class _Run:
    __slots__ = ("keys", "rows")

    def __init__(self, keys: np.ndarray, rows: np.ndarray) -> None:
        self.keys = keys  # (bands, m) uint32, each band sorted
        self.rows = rows  # (bands, m) uint32, the row of each key

    @classmethod
    def build(cls, keys: np.ndarray, rows: np.ndarray) -> _Run:
        """A run from (m, bands) keys of ``rows``."""
        by_band = np.ascontiguousarray(keys.T)
        order = np.argsort(by_band, axis=1, kind="stable")
        return cls(np.take_along_axis(by_band, order, axis=1), rows[order].astype(np.uint32))

    @property
    def size(self) -> int:
        return self.keys.shape[1]


class BandIndex:
    """Band keys of rows, searchable for rows that share at least one band key with a query."""

    def __init__(self, bands: int) -> None:
        self.bands = bands
        self.runs: list[_Run] = []
        self.dead = np.zeros(0, dtype=bool)

    def __len__(self) -> int:
        return sum(r.size for r in self.runs)

    def add(self, keys: np.ndarray, rows: np.ndarray) -> None:
        """Index ``rows`` (int array) under their (len(rows), bands) uint32 ``keys``."""
        if len(rows) == 0:
            return
        self.runs.append(_Run.build(keys, np.asarray(rows)))
        while len(self.runs) > 1 and self.runs[-2].size <= 2 * self.runs[-1].size:
            b = self.runs.pop()
            a = self.runs.pop()
            self.runs.append(self._merge(a, b))

    def _merge(self, a: _Run, b: _Run) -> _Run:
        """One run from two, band by band (so temporaries stay one band in size), without expired rows."""
        keep_a, keep_b = ~self._is_dead(a.rows[0]), ~self._is_dead(b.rows[0])
        m = int(keep_a.sum() + keep_b.sum())
        keys = np.empty((self.bands, m), dtype=np.uint32)
        rows = np.empty((self.bands, m), dtype=np.uint32)
        for band in range(self.bands):
            ka, ra = a.keys[band], a.rows[band]
            kb, rb = b.keys[band], b.rows[band]
            if m < a.size + b.size:
                alive_a, alive_b = ~self._is_dead(ra), ~self._is_dead(rb)
                ka, ra, kb, rb = ka[alive_a], ra[alive_a], kb[alive_b], rb[alive_b]
            k = np.concatenate([ka, kb])
            order = np.argsort(k, kind="stable")
            keys[band] = k[order]
            rows[band] = np.concatenate([ra, rb])[order]
        return _Run(keys, rows)

    def _is_dead(self, rows: np.ndarray) -> np.ndarray:
        dead = np.zeros(rows.shape, dtype=bool)
        inside = rows < len(self.dead)
        dead[inside] = self.dead[rows[inside]]
        return dead

    def expire(self, rows: np.ndarray) -> None:
        """Stop returning ``rows`` from queries (they are dropped from storage at later merges)."""
        rows = np.asarray(rows, dtype=np.int64)
        if len(rows) == 0:
            return
        top = int(rows.max()) + 1
        if top > len(self.dead):
            self.dead = np.concatenate([self.dead, np.zeros(top - len(self.dead), dtype=bool)])
        self.dead[rows] = True

    def query(self, keys: np.ndarray, rows: np.ndarray) -> np.ndarray:
        """Distinct (row, other) pairs, row from ``rows`` and other indexed, sharing a band key; other != row."""
        found: list[np.ndarray] = []
        held = compact = 0
        for run in self.runs:
            for band in range(self.bands):
                sorted_keys = run.keys[band]
                q = keys[:, band]
                lo = np.searchsorted(sorted_keys, q, side="left")
                hi = np.searchsorted(sorted_keys, q, side="right")
                counts = hi - lo
                total = int(counts.sum())
                if total == 0:
                    continue
                which = np.repeat(np.arange(len(q)), counts)
                first = np.repeat(lo - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
                pos = first + np.arange(total)
                found.append((rows[which].astype(np.uint64) << np.uint64(32)) | run.rows[band][pos].astype(np.uint64))
                held += total
                if held > max(_COMPACT, 2 * compact):
                    found = [np.unique(np.concatenate(found))]
                    held = compact = len(found[0])
        if not found:
            return np.empty((0, 2), dtype=np.int64)
        pairs = np.unique(np.concatenate(found))
        left = (pairs >> np.uint64(32)).astype(np.int64)
        right = (pairs & np.uint64(0xFFFFFFFF)).astype(np.int64)
        keep = left != right
        keep &= ~self._is_dead(right)
        return np.stack([left[keep], right[keep]], axis=1)

    def state(self) -> dict[str, np.ndarray]:
        """The index as named arrays (for persistence)."""
        out: dict[str, np.ndarray] = {"dead": self.dead}
        for i, run in enumerate(self.runs):
            out[f"run{i}_keys"] = run.keys
            out[f"run{i}_rows"] = run.rows
        return out

    @classmethod
    def from_state(cls, bands: int, state: dict[str, np.ndarray]) -> BandIndex:
        """Inverse of :meth:`state`."""
        index = cls(bands)
        index.dead = np.asarray(state["dead"], dtype=bool)
        i = 0
        while f"run{i}_keys" in state:
            index.runs.append(_Run(state[f"run{i}_keys"], state[f"run{i}_rows"]))
            i += 1
        return index
