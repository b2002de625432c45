"""Word shingles of texts as sorted sets of 32-bit hashes: what copies are compared on.

Words are hashed straight from UTF-8 bytes with numpy (no per-word Python work): a word is a run
of letters and digits between whitespace, lower-cased, with punctuation inside it dropped
("U.S." -> "us", "Won-sik" -> "wonsik"), and British spellings folded to American ones.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from .spelling import VARIANTS

_MIX1 = np.uint64(0xFF51AFD7ED558CCD)
_MIX2 = np.uint64(0xC4CEB9FE1A85EC53)
_S33 = np.uint64(33)
_S32 = np.uint64(32)
_LOW32 = np.uint64(0xFFFFFFFF)


def _odd_constants(name: str, n: int) -> np.ndarray:
    """Fixed odd 64-bit multipliers derived from a name (never change: persisted indexes depend on them)."""
    digest = b"".join(hashlib.blake2b(f"{name}:{i}".encode(), digest_size=8).digest() for i in range(n))
    return np.frombuffer(digest, dtype="<u8").astype(np.uint64) | np.uint64(1)


_BYTE_WEIGHTS = _odd_constants("storyline.copies.byte", 96)
_POSITION = _odd_constants("storyline.copies.position", 64)
_DROP = "\u2018\u2019\u201a\u201b\u201c\u201d\u201e\u201f\u00ab\u00bb\u2039\u203a\u00b7\u2022\u00ad\u200b"
_SPACE = "\u2013\u2014\u2015\u2212\u2026\u00a0\u2009\u202f\u3000"

_KIND = np.zeros(256, dtype=np.uint8)  # 0 punctuation (dropped), 1 word byte, 2 separator
_KIND[[ord(c) for c in "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"]] = 1
_KIND[0x80:] = 1
_KIND[[0, 9, 10, 11, 12, 13, 32]] = 2


def _fmix(x: np.ndarray) -> np.ndarray:
    x = x ^ (x >> _S33)
    x = x * _MIX1
    x = x ^ (x >> _S33)
    x = x * _MIX2
    return x ^ (x >> _S33)


def _prepare(texts: Sequence[str]) -> np.ndarray:
    big = "\x00".join(texts)
    if big.count("\x00") != len(texts) - 1:
        big = "\x00".join(t.replace("\x00", " ") for t in texts)
    big = big.lower()
    if not big.isascii():
        for chars, into in ((_DROP, ""), (_SPACE, " ")):
            for c in chars:
                if c in big:
                    big = big.replace(c, into)
    return np.frombuffer(big.encode("utf-8"), dtype=np.uint8)


def _raw_word_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    data = _prepare(texts)
    kind = _KIND[data]
    keep = kind != 0
    data, kind = data[keep], kind[keep]
    is_word = kind == 1
    first = is_word.copy()
    first[1:] &= ~is_word[:-1]
    starts = np.flatnonzero(first)
    if len(starts) == 0:
        return np.empty(0, dtype=np.uint64), np.empty(0, dtype=np.int64)
    index = np.arange(len(data))
    offset = index - np.maximum.accumulate(np.where(first, index, 0))
    weights = _BYTE_WEIGHTS[np.minimum(offset, len(_BYTE_WEIGHTS) - 1)]
    values = np.where(is_word, (data.astype(np.uint64) + np.uint64(1)) * weights, np.uint64(0))
    hashes = _fmix(np.add.reduceat(values, starts))
    doc = np.searchsorted(np.flatnonzero(data == 0), starts)
    return hashes, doc.astype(np.int64)


def _variant_table() -> tuple[np.ndarray, np.ndarray]:
    uk_words = list(VARIANTS)
    uk, _ = _raw_word_hashes(uk_words)
    us, _ = _raw_word_hashes([VARIANTS[w] for w in uk_words])
    order = np.argsort(uk)
    return uk[order], us[order]


_UK, _US = _variant_table()
_UK_FILTER = np.zeros(1 << 16, dtype=bool)
_UK_FILTER[(_UK & np.uint64(0xFFFF)).astype(np.int64)] = True


def word_hashes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """64-bit hashes of the words of all ``texts`` in order, and the text index of each word."""
    hashes, doc = _raw_word_hashes(texts)
    maybe = np.flatnonzero(_UK_FILTER[(hashes & np.uint64(0xFFFF)).astype(np.int64)])
    if len(maybe):
        pos = np.minimum(np.searchsorted(_UK, hashes[maybe]), len(_UK) - 1)
        hit = _UK[pos] == hashes[maybe]
        hashes[maybe[hit]] = _US[pos[hit]]
    return hashes, doc


def shingle_sets(texts: Sequence[str], k: int = 5) -> list[np.ndarray]:
    """For each text, the sorted distinct 32-bit hashes of its runs of ``k`` words.

    A text shorter than ``k`` words has one shingle made of all its words; an empty one has none.
    Work is done for the whole batch at once so the per-text cost stays small.
    """
    if not 1 <= k <= len(_POSITION):
        raise ValueError(f"shingle size must be between 1 and {len(_POSITION)}")
    if not texts:
        return []
    words, doc = word_hashes(texts)
    counts = np.bincount(doc, minlength=len(texts))
    udoc = doc.astype(np.uint64)
    n = len(words) - k + 1
    parts = []
    if n > 0:
        acc = words[:n] * _POSITION[0]
        for i in range(1, k):
            acc += words[i : i + n] * _POSITION[i]
        valid = doc[:n] == doc[k - 1 :]
        parts.append((udoc[:n][valid] << _S32) | (_fmix(acc[valid]) >> _S32))
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    for d in np.flatnonzero((counts > 0) & (counts < k)):
        acc = np.sum(words[starts[d] : starts[d] + counts[d]] * _POSITION[: counts[d]], dtype=np.uint64)
        parts.append((np.uint64(d) << _S32) | (_fmix(np.array([acc], dtype=np.uint64)) >> _S32))
    keys = np.sort(np.concatenate(parts)) if parts else np.empty(0, dtype=np.uint64)
    if len(keys) > 1:
        keys = keys[np.concatenate(([True], keys[1:] != keys[:-1]))]
    bounds = np.searchsorted(keys >> _S32, np.arange(len(texts) + 1, dtype=np.uint64))
    values = (keys & _LOW32).astype(np.uint32)
    return [values[bounds[i] : bounds[i + 1]] for i in range(len(texts))]


def shingle_set(text: str, k: int = 5) -> np.ndarray:
    """The sorted distinct shingle hashes of one text: the set copies are verified on."""
    return shingle_sets([text], k)[0]
