"""Claim alignment benchmark: the sources stage with the sentence encoder against words only, in one run.

    python benchmarks/bench_claims.py                        # the 1,400 dev articles, rule attributions
    python benchmarks/bench_claims.py --spacy --json out.json

The articles (``../shared/data/dev/{ecbplus,allsides,mmds}_dev.jsonl`` by default) are read,
cleaned, grouped into copies, dated, placed in stories and threads as ``storyline analyze`` does;
their attributions and time mentions are computed once. Then ``build_claims`` runs over the
same input twice in this process: words only (``--embed off``), and with a fresh encoder
(multilingual-e5-small; model loading and every encoding counted, no cache carried over). Each
line gives the seconds of that step alone and of the whole sources stage (attributions plus
claims), the sentences encoded, the claims and those with several independent origins.
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "data" / "dev"
DEFAULT = [DEV / f"{name}_dev.jsonl" for name in ("ecbplus", "allsides", "mmds")]


def run(paths: list[Path], spacy: bool) -> dict:
    """Prepare the scopes once, then time claim building without and with the encoder."""
    from storyline import pipeline
    from storyline.sources import attribute_many
    from storyline.sources.claims import build_claims
    from storyline.sources.encoder import Encoder
    from storyline.stories import cluster_stories
    from storyline.timeline import find_times

    t = time.perf_counter()
    articles = pipeline.read_articles([str(p) for p in paths])[0]
    groups = pipeline.copy_groups_of(articles)
    group_of = {m.article_id: g.id for g in groups for m in g.members}
    dated, anchors = pipeline.date_articles(articles, groups)
    stories = cluster_stories(dated, copy_group_of=group_of)
    pipeline.linked_threads(stories, {a.id: a for a in dated})
    scope_of = {aid: (s.thread or s.id) for s in stories for aid in s.article_ids}
    story_of = {aid: s.id for s in stories for aid in s.article_ids}
    prepare_s = time.perf_counter() - t

    by_id = {a.id: a for a in articles}
    t = time.perf_counter()
    attributions = {a.id: atts for a, atts in attribute_many(articles, **({} if spacy else {"nlp": None}))}
    attribute_s = time.perf_counter() - t
    mentions = {a.id: find_times(a.text, (anchors.get(a.id) or (None, None))[0]) for a in articles}

    out = {
        "articles": len(articles),
        "sentences": sum(len(v) for v in attributions.values()),
        "scopes": len(set(scope_of.values())),
        "prepare_s": round(prepare_s, 1),
        "attribution": "spacy" if spacy else "rules",
        "attribute_s": round(attribute_s, 1),
        "cpus": os.cpu_count(),
        "load_average": round(os.getloadavg()[0], 2),
    }
    for name, embedder in (("words", None), ("encoder", Encoder())):
        t = time.perf_counter()
        claims = build_claims(by_id, attributions, group_of, scope_of, story_of, embedder=embedder, times=mentions)
        claims_s = time.perf_counter() - t
        out[name] = {
            "claims_s": round(claims_s, 1),
            "sources_stage_s": round(attribute_s + claims_s, 1),
            "claims": len(claims),
            "multi_article": sum(len(c.article_ids) > 1 for c in claims),
            "multi_origin": sum(len(c.origins) > 1 for c in claims),
            "encoded": embedder.encoded if embedder is not None else 0,
        }
    out["encoder_over_words_claims"] = round(out["encoder"]["claims_s"] / max(out["words"]["claims_s"], 1e-9), 1)
    out["encoder_over_words_stage"] = round(
        out["encoder"]["sources_stage_s"] / max(out["words"]["sources_stage_s"], 1e-9), 2
    )
    return out


def main() -> None:
    """Parse arguments, run, print (and optionally save) the figures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "inputs", nargs="*", type=Path, default=DEFAULT, help="Article JSONL files (default: the three dev sets)"
    )
    ap.add_argument("--spacy", action="store_true", help="spaCy attributions (default: the rule-based path)")
    ap.add_argument("--json", help="also write the figures to this file")
    args = ap.parse_args()
    result = run(args.inputs, args.spacy)
    text = json.dumps(result, indent=2)
    print(text)
    if args.json:
        Path(args.json).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
