"""Exact overlap of two shingle sets, and the copy verdicts that follow from it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .params import CopyParams


def shared_count(a: np.ndarray, b: np.ndarray) -> int:
    """Number of values two sorted distinct arrays have in common."""
    if len(a) > len(b):
        a, b = b, a
    if len(a) == 0:
        return 0
    pos = np.searchsorted(b, a)
    pos[pos == len(b)] = 0
    return int(np.count_nonzero(b[pos] == a))


@dataclass(frozen=True)
class Overlap:
    """Sizes of two shingle sets (a, b) and how many shingles they share."""

    shared: int
    size_a: int
    size_b: int

    @classmethod
    def of(cls, a: np.ndarray, b: np.ndarray) -> Overlap:
        return cls(shared_count(a, b), len(a), len(b))

    @property
    def jaccard(self) -> float:
        union = self.size_a + self.size_b - self.shared
        return self.shared / union if union else 0.0

    @property
    def a_in_b(self) -> float:
        """Share of a's shingles found in b."""
        return self.shared / self.size_a if self.size_a else 0.0

    @property
    def b_in_a(self) -> float:
        """Share of b's shingles found in a."""
        return self.shared / self.size_b if self.size_b else 0.0

    def is_copy(self, params: CopyParams) -> bool:
        """Whether the two texts are copies: similar enough, or one mostly inside the other."""
        if self.shared < params.min_shared:
            return False
        return self.jaccard >= params.resemblance or max(self.a_in_b, self.b_in_a) >= params.containment

    def relation(self, params: CopyParams) -> str:
        """How b relates to a taken as origin: exact, edited, partial (holds part of a) or contains (embeds a)."""
        if self.shared == self.size_a == self.size_b:
            return "exact"
        if self.a_in_b >= params.edited and self.b_in_a >= params.edited:
            return "edited"
        return "partial" if self.b_in_a >= self.a_in_b else "contains"
