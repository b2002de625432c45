"""The load step: the stored articles, lean, and the versions the cached analyses are keyed by for this run."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import Any

from .. import incremental
from ..model import Article
from ..offsets import offset_anchors
from ..sources import attribution
from ..sources.nlp import model_version
from .base import Run, Step
from .embedding import wants_embeddings


def lean(article: Article) -> Article:
    """A stored article without what no analysis reads (the text before cleaning, unknown input keys),
    so a large corpus fits in memory; a small offset map stands in for the given text, so spans
    written out still point into it. Workers that read their articles from the store make them lean the
    same way, so they analyse what the driver would have sent."""
    if article.raw_text is not None and article.offsets is None:
        article.offsets = offset_anchors(article.raw_text, article.text)
    article.raw_text, article.extra = None, {}
    return article


def _lean_all(run: Run, stored: Iterable[Article]) -> list[Article]:
    """The stored articles made lean, their offset maps read back from the last run where the texts are the same
    (aligning a given text with its cleaned one is most of a rerun's loading: ~0.4 ms an article)."""
    state = incremental.Saved(
        run.store, "offsets", incremental.key(incremental.code_version("storyline.offsets")), run.rebuild
    )
    memo = state.load_json()
    keep: dict[str, list[Any]] = {}
    out: list[Article] = []
    for a in stored:
        if a.raw_text is not None and a.offsets is None:
            what = hashlib.sha1(f"{a.raw_text}\x00{a.text}".encode()).hexdigest()
            got = memo.get(a.id)
            if isinstance(got, list) and len(got) == 2 and got[0] == what:
                a.offsets = None if got[1] is None else (tuple(got[1][0]), tuple(got[1][1]))
                a.raw_text = None  # the map is known (None: the texts are equal)
            else:
                a.offsets = offset_anchors(a.raw_text, a.text)
            keep[a.id] = [what, None if a.offsets is None else [list(a.offsets[0]), list(a.offsets[1])]]
        out.append(lean(a))
    if keep != memo:
        state.save_json(keep)
    return out


def _run(run: Run) -> dict[str, Any]:
    nlp = run.settings.nlp
    if not run.engine.in_process and nlp not in ("default", None):
        raise ValueError("with an engine of other processes, nlp must be 'default' or None (each worker loads its own)")
    articles = _lean_all(run, run.store.iter_articles())
    use_embed = wants_embeddings(run.settings.embed, len(articles))
    keys = incremental.versions(
        model_version(nlp) + (":runs" if attribution.PARSE_RUNS else ""),
        {**run.settings.part("sources"), "embed": use_embed},
    )
    return {"articles": articles, "by_id": {a.id: a for a in articles}, "use_embed": use_embed, "keys": keys}


STEP = Step("load", reads=(), writes=("articles", "by_id", "use_embed", "keys"), fn=_run)
"""The corpus (a list and by id), whether claims are aligned by meaning, and the cache key versions."""
