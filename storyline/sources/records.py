"""JSONL in and out for the sources stage: one record of attributions per article."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from storyline.model import Article, Attribution
from storyline.offsets import given_span

from .attribution import attribute_many


def attribution_record(article: Article, attributions: list[Attribution]) -> dict[str, Any]:
    """``{"id", "attributions": [{"start", "end", "text", "cue", "chain": [{"name", "kind"}]}]}``, with
    offsets and text of the text as the user gave it (``raw_text`` when cleaning changed it)."""
    given = article.raw_text if article.raw_text is not None else article.text
    rows = []
    for a in attributions:
        start, end = given_span(article, a.start, a.end)
        rows.append(
            {
                "start": start,
                "end": end,
                "text": given[start:end],
                "cue": a.cue,
                "chain": [{"name": s.name, "kind": s.kind} for s in a.chain],
            }
        )
    return {"id": article.id, "attributions": rows}


def sources_jsonl(articles: Iterable[Article], out: str | Path, rules: bool = False, all_sentences: bool = True) -> int:
    """Write one attribution record per article to ``out`` (JSONL); return how many were written.

    ``rules`` finds attributions with the rule-based path even when spaCy is installed.
    """
    parser: dict[str, Any] = {"nlp": None} if rules else {}  # no nlp argument: spaCy when installed
    found = attribute_many(articles, all_sentences=all_sentences, **parser)
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for article, attributions in found:
            fh.write(json.dumps(attribution_record(article, attributions), ensure_ascii=False) + "\n")
            n += 1
    return n
