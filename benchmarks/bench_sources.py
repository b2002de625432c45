"""Sources-stage benchmark: the rule-based attribution path and claim building, on generated articles.

    python benchmarks/bench_sources.py -n 1000                 # this checkout
    python benchmarks/bench_sources.py -n 1000 --against REV   # and the same run at git revision REV

Articles come from ``corpus_gen`` (about 3 KB each, names, reporting verbs, figures, reprints).
``attribute_many(articles, nlp=None)`` is timed over all of them (every sentence kept, as
``storyline analyze --no-spacy`` does), then ``build_claims`` over its output with the scopes the
pipeline would give: copy groups from the planted reprints, a story per generated event and a
thread per ``--events-per-thread`` consecutive events. Each figure is one pass in a fresh process
(memoised name normalisation starts empty). ``--against`` extracts ``storyline/`` of REV with
``git archive`` into a temporary folder and runs this same script on it in a subprocess, then
prints both figures and their ratio; the outputs of the two runs are compared as well.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent


def run(n: int, events_per_thread: int, seed: int) -> dict:
    """Time the two steps on ``n`` generated articles with the ``storyline`` found on sys.path."""
    sys.path.insert(0, str(HERE))
    from corpus_gen import CorpusGenerator

    from storyline.model import Article
    from storyline.sources import attribute_many
    from storyline.sources.claims import build_claims

    pairs = list(CorpusGenerator(seed).articles(n))
    articles = [Article.from_dict(a) for a, _ in pairs]
    event = {a["id"]: ev for a, ev in pairs}
    chars = sum(len(a.text) for a in articles)

    t = time.perf_counter()
    attributions = {a.id: atts for a, atts in attribute_many(articles, nlp=None)}
    attribute_s = time.perf_counter() - t

    by_id = {a.id: a for a in articles}
    group_of = {a.id: a.id.split("-r")[0] for a in articles}  # reprints "e12-3-r0" join "e12-3"
    story_of = {a.id: event[a.id] for a in articles}
    scope_of = {a.id: f"t{int(event[a.id][1:]) // events_per_thread}" for a in articles}
    t = time.perf_counter()
    claims = build_claims(by_id, attributions, group_of, scope_of, story_of)
    claims_s = time.perf_counter() - t

    digest = hashlib.sha1()
    for aid in sorted(attributions):
        digest.update(json.dumps([asdict(x) for x in attributions[aid]], sort_keys=True).encode())
    digest.update(json.dumps([asdict(c) for c in claims], sort_keys=True).encode())
    return {
        "articles": n,
        "kb_per_article": round(chars / n / 1000, 2),
        "sentences": sum(len(v) for v in attributions.values()),
        "claims": len(claims),
        "attribute_s": round(attribute_s, 3),
        "attribute_articles_per_s": round(n / attribute_s, 1),
        "attribute_ms_per_article": round(1000 * attribute_s / n, 3),
        "claims_s": round(claims_s, 3),
        "claims_articles_per_s": round(n / claims_s, 1),
        "output_sha1": digest.hexdigest(),
    }


def run_at(root: Path, args: argparse.Namespace) -> dict:
    """This script in a subprocess, importing ``storyline`` from ``root``."""
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "-n",
        str(args.n),
        "--events-per-thread",
        str(args.events_per_thread),
        "--seed",
        str(args.seed),
        "--root",
        str(root),
        "--json",
    ]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def show(label: str, r: dict) -> None:
    print(
        f"{label}: {r['articles']} articles ({r['kb_per_article']} KB each), {r['sentences']} attributions, "
        f"{r['claims']} claims"
    )
    print(
        f"  attribute_many(nlp=None): {r['attribute_s']:8.2f} s  {r['attribute_articles_per_s']:8.1f} articles/s  "
        f"({r['attribute_ms_per_article']} ms/article)"
    )
    print(f"  build_claims:             {r['claims_s']:8.2f} s  {r['claims_articles_per_s']:8.1f} articles/s")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", type=int, default=1000, help="generated articles (default 1000)")
    ap.add_argument("--events-per-thread", type=int, default=4, help="generated events per thread (claim scope)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--against", metavar="REV", help="also run at this git revision and print the ratio")
    ap.add_argument("--root", type=Path, help=argparse.SUPPRESS)  # import storyline from here
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON line")
    args = ap.parse_args(argv)

    if args.root is not None:
        sys.path.insert(0, str(args.root))
        result = run(args.n, args.events_per_thread, args.seed)
        print(json.dumps(result))
        return 0
    if args.against is None:
        result = run_at(ROOT, args)
        print(json.dumps(result) if args.json else "", end="\n" if args.json else "")
        if not args.json:
            show("this checkout", result)
        return 0

    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", args.against, "storyline"], check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        before = run_at(Path(tmp), args)
    after = run_at(ROOT, args)
    if args.json:
        print(json.dumps({"before": before, "after": after}))
        return 0
    show(f"at {args.against}", before)
    show("this checkout", after)
    print(
        f"speed-up: attribute_many {after['attribute_articles_per_s'] / before['attribute_articles_per_s']:.1f}x, "
        f"build_claims {after['claims_articles_per_s'] / before['claims_articles_per_s']:.1f}x; "
        f"outputs {'identical' if before['output_sha1'] == after['output_sha1'] else 'DIFFER'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
