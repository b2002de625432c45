"""Statements into claims from their pair scores, by average linkage rather than by chaining.

Connected components of the pairs that pass a threshold put A and C in one claim whenever A~B
and B~C: once the threshold is low enough for paraphrases, a story's lead sentences chain into
one claim ("checks into Betty Ford" with "checks out of Betty Ford" through the headlines
between them), and each outlet on it counts as an independent origin of facts it never stated.
Here two groups of statements merge only when the mean score of their compared pairs reaches
the join level, best pair of groups first, so a statement joins a claim when it agrees with
its members on the whole, not with one of them. Copies (near-identical sentences) are one claim
whatever their neighbours; a pair that may never be one claim (conflicting counts, one sentence
negating what the other states) keeps the two groups that hold it apart.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.sparse.csgraph import connected_components


def average_linkage(score: np.ndarray, tied: np.ndarray, apart: np.ndarray, join: float) -> list[list[int]]:
    """Groups of rows (each sorted, groups in order of their first row).

    ``score`` is an n x n matrix of pair scores in 0..1, NaN for pairs that are not compared (two
    sentences of one article or one copy group); ``tied`` marks pairs that are one claim whatever
    their score, ``apart`` pairs that never are. Groups start as the components of ``tied`` and
    merge while some two of them have a mean score of at least ``join`` over their compared pairs
    and no pair kept apart. Only rows linked by a pair scoring at least ``join`` can meet (a mean
    reaches ``join`` only if one pair does), so the work is done component by component.
    """
    n = len(score)
    if n == 0:
        return []
    known = ~np.isnan(score)
    reach = tied | (known & (np.nan_to_num(score, nan=0.0) >= join))
    count, label = connected_components(sparse.csr_matrix(reach), directed=False)
    groups: list[list[int]] = []
    for c in range(count):
        rows = np.flatnonzero(label == c)
        if len(rows) == 1:
            groups.append([int(rows[0])])
            continue
        sub = np.ix_(rows, rows)
        for part in _merge(score[sub], known[sub], tied[sub], apart[sub], join):
            groups.append(sorted(int(rows[i]) for i in part))
    return sorted(groups, key=lambda g: g[0])


def _merge(score: np.ndarray, known: np.ndarray, tied: np.ndarray, apart: np.ndarray, join: float) -> list[list[int]]:
    """Average linkage within one component: the components of ``tied`` first, then the best pair of
    groups (highest mean score over their compared pairs) merged while it reaches ``join``."""
    start_count, start = connected_components(sparse.csr_matrix(tied), directed=False)
    member = np.zeros((start_count, len(score)))
    member[start, np.arange(len(score))] = 1.0
    seen = known.astype(float)
    np.fill_diagonal(seen, 0.0)
    total = member @ (np.where(known, score, 0.0) * seen) @ member.T
    pairs = member @ seen @ member.T
    blocked = (member @ apart.astype(float) @ member.T) > 0
    alive = np.ones(start_count, dtype=bool)
    groups = [np.flatnonzero(start == g).tolist() for g in range(start_count)]
    while alive.sum() > 1:
        mean = np.where(pairs > 0, total / np.maximum(pairs, 1.0), -np.inf)
        mean[blocked | ~alive[:, None] | ~alive[None, :]] = -np.inf
        np.fill_diagonal(mean, -np.inf)
        a, b = divmod(int(np.argmax(mean)), start_count)
        if mean[a, b] < join:
            break
        total[a] += total[b]
        total[:, a] += total[:, b]
        pairs[a] += pairs[b]
        pairs[:, a] += pairs[:, b]
        blocked[a] |= blocked[b]
        blocked[:, a] |= blocked[:, b]
        alive[b] = False
        groups[a] += groups[b]
    return [groups[g] for g in range(start_count) if alive[g]]
