"""MinHash signatures of shingle sets and the LSH band keys made from them.

The kernel is rensa's Rust MinHash over pre-hashed shingles: measured fastest at equal accuracy
against datasketch and a numpy kernel (benchmarks/bench_copies.py, docs/copies.md).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import rensa

_BAND_MIX = np.uint64(0x9E3779B97F4A7C15)
KERNEL_VERSION = f"rensa-rminhash-{rensa.RMinHash.ALGORITHM_VERSION}"
_S29 = np.uint64(29)
_S32 = np.uint64(32)


def signatures(sets: Sequence[np.ndarray], num_perm: int, seed: int) -> np.ndarray:
    """A (len(sets), num_perm) uint32 matrix of MinHash values, one row per shingle set."""
    if not sets:
        return np.empty((0, num_perm), dtype=np.uint32)
    flat = np.concatenate(sets).astype(np.uint64)
    offsets = np.zeros(len(sets) + 1, dtype=np.uint64)
    np.cumsum([len(s) for s in sets], out=offsets[1:])
    matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(flat, offsets, num_perm, seed)
    return np.asarray(matrix.to_rows(), dtype=np.uint32).reshape(len(sets), num_perm)


def band_keys(sigs: np.ndarray, bands: int) -> np.ndarray:
    """A (n, bands) uint32 matrix: each band's MinHash values hashed to one key."""
    n, num_perm = sigs.shape
    rows = num_perm // bands
    blocks = sigs.reshape(n, bands, rows).astype(np.uint64)
    acc = np.zeros((n, bands), dtype=np.uint64)
    for i in range(rows):
        acc = (acc ^ (acc >> _S29)) * _BAND_MIX + blocks[:, :, i] + np.uint64(i + 1)
    acc = (acc ^ (acc >> _S29)) * _BAND_MIX
    return (acc >> _S32).astype(np.uint32)
