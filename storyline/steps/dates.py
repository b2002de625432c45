"""The dates step: each article's anchor date, and the articles as later steps date them."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from ..copies import CopyDiff
from ..model import Article, CopyGroup
from ..timeline.anchors import infer_anchors
from .base import Run, Step
from .copies import copy_diffs


def date_articles(
    articles: list[Article], groups: list[CopyGroup], diffs: dict[str, CopyDiff] | None = None
) -> tuple[list[Article], dict[str, tuple[str, str]]]:
    """Anchor dates of the articles, and the articles as later stages date them (anchor standing in
    for a missing or year-only publication date, with how it was inferred)."""
    by_id = {a.id: a for a in articles}
    diffs = copy_diffs(by_id, groups) if diffs is None else diffs
    aligned = [
        (d.origin_id, d.copy_id, e.origin, e.copy)
        for d in diffs.values()
        for e in d.edits
        if e.kind == "edited" and e.origin and e.copy
    ]
    anchors = infer_anchors(by_id, groups, aligned)
    return [with_anchor(a, anchors.get(a.id)) for a in articles], anchors


def with_anchor(article: Article, anchor: tuple[str, str] | None) -> Article:
    """The article as later stages should date it: its anchor stands in for a missing or year-only date."""
    if anchor is None or (article.published and len(article.published) >= 10) or len(anchor[0]) < 10:
        return article
    return replace(article, published=anchor[0], inferred={**article.inferred, "published": anchor[1]})


def _run(run: Run, articles: list[Article], groups: list[CopyGroup], diffs: dict[str, CopyDiff]) -> dict[str, Any]:
    dated, anchors = date_articles(articles, groups, diffs)
    return {"dated": dated, "anchors": anchors}


STEP = Step("dates", reads=("articles", "groups", "diffs"), writes=("dated", "anchors"), fn=_run, stage="dates")
"""Anchor dates (article id -> (date, how)) and the articles dated by them."""
