"""JSONL in and out for the sources stage: one record of attributions per article."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterable, Iterator

from storyline.model import Article, Attribution
from storyline.offsets import given_span

from .attribution import _DEFAULT, attribute_many


def attribution_record(article: Article, attributions: list[Attribution]) -> dict[str, Any]:
    """``{"id", "attributions": [{"start", "end", "text", "cue", "chain": [{"name", "kind"}]}]}``, with
    offsets and text of the text as the user gave it (``raw_text`` when cleaning changed it)."""
    given = article.raw_text if article.raw_text is not None else article.text
    rows = []
    for a in attributions:
        start, end = given_span(article, a.start, a.end)
        rows.append({"start": start, "end": end, "text": given[start:end], "cue": a.cue,
                     "chain": [{"name": s.name, "kind": s.kind} for s in a.chain]})
    return {"id": article.id, "attributions": rows}


def read_articles(path: str | Path) -> Iterator[Article]:
    """Articles of an Article JSONL file (``id`` and ``text`` required; other keys kept in ``extra``)."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield Article.from_dict(json.loads(line))


def sources_jsonl(articles: Iterable[Article], out: str | Path, nlp: Any = _DEFAULT, all_sentences: bool = True) -> int:
    """Write one attribution record per article to ``out`` (JSONL); return how many were written."""
    n = 0
    with open(out, "w", encoding="utf-8") as fh:
        for article, attributions in attribute_many(articles, nlp=nlp, all_sentences=all_sentences):
            fh.write(json.dumps(attribution_record(article, attributions), ensure_ascii=False) + "\n")
            n += 1
    return n


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m storyline.sources IN.jsonl -o OUT.jsonl [--rules] [--reported-only]``."""
    import argparse

    ap = argparse.ArgumentParser(prog="storyline sources", description="Attributions (source chains) of each article.")
    ap.add_argument("input", type=Path, help="Article JSONL")
    ap.add_argument("-o", "--output", type=Path, required=True, help="output JSONL")
    ap.add_argument("--rules", action="store_true", help="use the rule-based path even when spaCy is installed")
    ap.add_argument("--reported-only", action="store_true", help="leave out sentences with no reporting cue")
    args = ap.parse_args(argv)
    n = sources_jsonl(read_articles(args.input), args.output, nlp=None if args.rules else _DEFAULT, all_sentences=not args.reported_only)
    print(f"{n} articles -> {args.output}")
    return 0
