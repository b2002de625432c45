"""Statements into claims from their pair scores, joined through their best pairs only where the
two groups agree on the whole.

Connected components of the pairs that pass the pair threshold put A and C in one claim whenever
A~B and B~C: a sentence that touches two facts (a headline, a summary lead) bridges their
claims, and a story's leads chain into one claim ("checks into the clinic", "has left the clinic",
"was at the clinic in 2010"), each outlet on it counted as an independent origin of facts it never
stated. Here the pairs that pass the threshold are taken best first, and each joins its two
groups only when the mean score of all their compared pairs is at least a floor: a statement
joins a claim through its best match when the rest of the claim agrees with it on the whole.
Copies (near-identical sentences) are one claim whatever their neighbours.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components


def gated_linkage(
    score: np.ndarray, tied: np.ndarray, join: float, floor: float, apart: np.ndarray | None = None
) -> list[list[int]]:
    """Groups of rows (each sorted, groups in order of their first row).

    ``score`` is a symmetric n x n matrix of pair scores in 0..1, NaN for pairs that are not
    compared (two sentences of one article or one copy group); ``tied`` marks pairs that are one
    claim whatever their score. Groups start as the components of ``tied``, less any join that would
    put two statements marked ``apart`` in one group (near-identical reports of other figures, "fell
    to 498,000" and "fell to 293,000", bridged by a third); then each pair scoring at least ``join``,
    highest first, merges the groups of its two rows when their mean score over compared pairs is at
    least ``floor``. (Keeping ``apart`` statements out of those merges too cost ABCD news_ecb 0.05 of
    link recall and some precision: the gold links join reports of one event whatever their counts.)
    With ``floor`` 0 and no ``apart`` this is connected components.
    """
    n = len(score)
    if n == 0:
        return []
    known = ~np.isnan(score)
    value = np.where(known, score, 0.0)
    reach = tied | (known & (value >= join))
    count, label = connected_components(sparse.csr_matrix(reach), directed=False)
    groups: list[list[int]] = []
    for c in range(count):
        rows = np.flatnonzero(label == c)
        if len(rows) == 1:
            groups.append([int(rows[0])])
            continue
        sub = np.ix_(rows, rows)
        cannot = apart[sub] if apart is not None else np.zeros((len(rows), len(rows)), dtype=bool)
        for part in _merge(value[sub], known[sub], tied[sub], join, floor, cannot):
            groups.append(sorted(int(rows[i]) for i in part))
    return sorted(groups, key=lambda g: g[0])


def _merge(
    value: np.ndarray, known: np.ndarray, tied: np.ndarray, join: float, floor: float, apart: np.ndarray
) -> list[list[int]]:
    """:func:`gated_linkage` within one component (``value``: the scores, 0 where not compared)."""
    size = len(value)
    seen = known.astype(float)
    np.fill_diagonal(seen, 0.0)
    total = value * seen
    pairs = seen.copy()
    blocked = apart.astype(float)
    parent = list(range(size))

    def root(g: int) -> int:
        while parent[g] != g:
            parent[g] = parent[parent[g]]
            g = parent[g]
        return g

    def union(a: int, b: int) -> None:
        parent[b] = a
        for m in (total, pairs, blocked):
            m[a] += m[b]
            m[:, a] += m[:, b]

    # copies first, whatever their neighbours, but never joining two statements that cannot be one claim
    for i, j in zip(*np.nonzero(np.triu(tied, k=1))):
        a, b = root(int(i)), root(int(j))
        if a != b and blocked[a, b] == 0:
            union(a, b)
    ii, jj = np.nonzero(np.triu(known & (value >= join), k=1))
    for e in np.lexsort((jj, ii, -value[ii, jj])):
        a, b = root(int(ii[e])), root(int(jj[e]))
        if a == b or total[a, b] < floor * pairs[a, b]:
            continue
        union(a, b)
    out: dict[int, list[int]] = {}
    for i in range(size):
        out.setdefault(root(i), []).append(i)
    return list(out.values())
