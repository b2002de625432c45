"""Whether claims and headlines are compared by meaning too, and the sentence encoder that does it."""

from __future__ import annotations

import functools

from ..sources.encoder import Encoder, default_encoder, encoder_available

AUTO_EMBED_ARTICLES = 200


def wants_embeddings(embed: str, articles: int | None = None) -> bool:
    """Resolve an ``embed`` setting ("auto", "on", "off") to whether claims use the sentence encoder.

    "auto" uses it when it is installed and the store holds at most AUTO_EMBED_ARTICLES articles: the
    encoder reads about 15 sentences a second on 2 cores, so alignment by meaning costs minutes per
    hundred articles; a larger corpus is aligned by words and dates unless ``embed`` is "on".
    """
    if embed not in ("auto", "on", "off"):
        raise ValueError(f"embed must be 'auto', 'on' or 'off', not {embed!r}")
    if embed == "off":
        return False
    if embed == "on":
        encoder_available(required=True)
        return True
    return encoder_available() and (articles is None or articles <= AUTO_EMBED_ARTICLES)


@functools.lru_cache(maxsize=1)
def sentence_encoder() -> Encoder:
    """The sentence encoder, loaded once per process (driver or worker)."""
    return default_encoder()


def story_embedder(setting: str = "auto") -> Encoder | None:
    """The sentence encoder stories compare headlines with ("auto": when installed), or None."""
    return sentence_encoder() if wants_embeddings(setting) else None
