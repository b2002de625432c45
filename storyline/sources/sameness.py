"""Whether two statements state one claim: the one pair decision behind the pipeline's claim
clusters and ``storyline match-claims``.

A pair of statements from different copy groups gets a score, a logistic combination of

- ``lex``: idf-weighted overlap (Jaccard) of their informative word stems and date periods;
- ``cont``: the shared weight over the smaller side's (one statement holding the other's words,
  "differing in degree of detail");
- ``cos``: the cosine of their multilingual-e5-small vectors (:mod:`.encoder`), clipped to
  ``COS_FLOOR``..``COS_CEIL``;
- ``fig_share`` / ``fig_differ``: they share a specific figure / both give figures, none shared.

They are one claim when the score reaches the model's threshold (and their counts of people do not
conflict), or when they are near-identical. The encoder is asked only about candidates: pairs whose
words overlap (``cont >= CANDIDATE_CONT``) and that refer to the same time (claim building also asks
about a headline and a lead, another headline or a first sentence, that share no word: they restate
one event in other words); every other pair is scored with ``cos = COS_FLOOR``. The score rises with ``cos``, so a
candidate that passes with the floor cosine, or fails with the ceiling one, is decided without
encoding anything. Without the encoder (``--embed off``) the ``words`` model decides. Weights and
thresholds were fitted on the development pair sets (``storyline evaluate claims --fit``);
docs/sources.md has the figures.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

NEAR_DUPLICATE = 82.0
COS_FLOOR = 0.70
COS_CEIL = 0.97
CANDIDATE_CONT = 0.1
FEATURES = ("lex", "cont", "cos", "fig_share", "fig_differ")


@dataclass(frozen=True)
class PairModel:
    """A logistic decision over :data:`FEATURES`: bias, one weight each, and the score threshold."""

    name: str
    bias: float
    weights: tuple[float, float, float, float, float]
    threshold: float

    def value(
        self,
        lex: np.ndarray | float,
        cont: np.ndarray | float,
        cos: np.ndarray | float,
        fig_share: np.ndarray | float,
        fig_differ: np.ndarray | float,
    ) -> np.ndarray | float:
        """The logit of "one claim", elementwise over arrays (``cos`` clipped to the fitted range)."""
        w = self.weights
        c = np.clip(cos, COS_FLOOR, COS_CEIL)
        return self.bias + w[0] * lex + w[1] * cont + w[2] * c + w[3] * fig_share + w[4] * fig_differ

    @property
    def cut(self) -> float:
        """The threshold on the logit scale."""
        return math.log(self.threshold / (1.0 - self.threshold))


MEANING = PairModel("meaning", -14.6, (0.0, 2.0, 15.0, 0.5, -0.5), 0.5)
WORDS = PairModel("words", -0.6, (2.0, 0.0, 0.0, 0.5, -0.5), 0.5)


def probability(z: float) -> float:
    """The score in 0..1 of a logit."""
    return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


def overlaps(shared: float, total_a: float, total_b: float) -> tuple[float, float]:
    """(lex, cont) from the idf weight two statements share and each one's total weight."""
    union = total_a + total_b - shared
    smaller = min(total_a, total_b)
    return (shared / union if union > 0 else 0.0), (shared / smaller if smaller > 0 else 0.0)


Embedder = Callable[[list[str]], Any]
"""Texts to vectors, one row each (a numpy matrix or nested lists of floats)."""


class Vectors:
    """Unit vectors of a scope's sentences, encoded on first use and only for the rows asked for.

    ``vectors[idx]`` (a list of row numbers) is a view on some of the rows that shares the cache.
    """

    def __init__(
        self, texts: Sequence[str], embedder: Embedder | None = None, matrix: np.ndarray | None = None
    ) -> None:
        self._texts = list(texts)
        self._embedder = embedder
        self._rows: dict[int, np.ndarray] = {}
        if matrix is not None:
            m = np.asarray(matrix, dtype=np.float32)
            norms = np.linalg.norm(m, axis=1, keepdims=True)
            for i, v in enumerate(m / np.where(norms == 0, 1, norms)):
                self._rows[i] = v
        self._index = list(range(len(self._texts)))
        self._root = self

    def __len__(self) -> int:
        return len(self._index)

    def __getitem__(self, idx: Sequence[int]) -> Vectors:
        view = object.__new__(Vectors)
        view._root = self._root
        view._index = [self._index[i] for i in idx]
        return view

    def rows(self, idx: Sequence[int]) -> np.ndarray:
        """The vectors of rows ``idx`` (one matrix), encoding in one batch those not seen yet."""
        root = self._root
        wanted = [self._index[i] for i in idx]
        missing = list(dict.fromkeys(r for r in wanted if r not in root._rows))
        if missing:
            if root._embedder is None:
                raise ValueError("these vectors were given as a matrix: they have no encoder for new texts")
            m = np.asarray(root._embedder([root._texts[r] for r in missing]), dtype=np.float32).reshape(
                len(missing), -1
            )
            norms = np.linalg.norm(m, axis=1, keepdims=True)
            for r, v in zip(missing, m / np.where(norms == 0, 1, norms)):
                root._rows[r] = v
        if not wanted:
            return np.zeros((0, 1), dtype=np.float32)
        return np.stack([root._rows[r] for r in wanted])

    def cos(self, i: int, j: int) -> float:
        """The cosine of rows ``i`` and ``j``."""
        a, b = self.rows([i, j])
        return float(a @ b)

    @property
    def encoded(self) -> int:
        """How many rows of the whole scope have vectors so far."""
        return len(self._root._rows)
