"""Score the copy stage on reprints planted from Article JSONL files: copy pairs and origins.

Reprints are made from the files' article texts the way republishers make them (:mod:`.planted`: cut
from the end, house spelling, a line added, newsletter and photo boilerplate, the original's
publication day, another outlet), by two generators (``reprint`` and ``varied``), and the copy
stage runs over originals and reprints as the pipeline runs it. A copy pair is any two articles of
one planted family; an origin is right when the group holds one family and names its original,
undetermined when the group says so, and wrong otherwise. Only ``text`` is read from the files, so
every true pair is one that was planted (texts that already overlap another one are left out).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations
from pathlib import Path
from typing import Any

from ..model import CopyGroup
from .planted import base_texts, origin_corpus, read_rows
from .runner import USAGE, fail, missing, parser, write_json

GENERATORS = ("reprint", "varied")


def pairs_of(groups: Iterable[Iterable[Any]]) -> set[tuple[Any, Any]]:
    """Every unordered pair of members of each group, as sorted tuples."""
    out: set[tuple[Any, Any]] = set()
    for g in groups:
        out.update(combinations(sorted(g), 2))
    return out


def pair_scores(found: set[tuple[Any, Any]], true: set[tuple[Any, Any]]) -> dict[str, float]:
    """Precision, recall and F1 of found pairs against true ones (1.0 where there is nothing to find or nothing
    found)."""
    tp = len(found & true)
    prec = tp / len(found) if found else 1.0
    rec = tp / len(true) if true else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {
        "precision": round(prec, 4),
        "recall": round(rec, 4),
        "f1": round(f1, 4),
        "pairs": len(true),
        "found": len(found),
    }


def true_groups(family: list[int], allowed: list[bool]) -> list[list[int]]:
    """Indexes of the allowed articles of each family with more than one of them."""
    fams: dict[int, list[int]] = defaultdict(list)
    for i, (f, ok) in enumerate(zip(family, allowed)):
        if ok:
            fams[f].append(i)
    return [g for g in fams.values() if len(g) > 1]


def score(pred: list[list[int]], family: list[int], allowed: list[bool]) -> dict[str, float]:
    """Pair scores of predicted groups (article indexes) against the families, over the allowed articles only."""
    pred = [[i for i in g if allowed[i]] for g in pred]
    return pair_scores(pairs_of(pred), pairs_of(true_groups(family, allowed)))


def recall_by_strength(pred: list[list[int]], family: list[int], strength: list[str]) -> dict[str, float]:
    """Share of the (origin, copy) pairs of each planting strength that land in one predicted group."""
    where = {i: gi for gi, g in enumerate(pred) for i in g}
    origin_of = {f: i for i, (f, s) in enumerate(zip(family, strength)) if s == "origin"}
    hits: dict[str, list[bool]] = defaultdict(list)
    for i, s in enumerate(strength):
        if s != "origin":
            o = origin_of[family[i]]
            hits[s].append(i in where and where.get(o) == where[i])
    return {s: round(sum(v) / len(v), 4) for s, v in sorted(hits.items())}


def score_origins(groups: list[CopyGroup], truth: dict[str, str]) -> dict[str, Any]:
    """Share of groups whose origin is right, undetermined and wrong (a group mixing families counts as wrong
    unless it says its origin is undetermined)."""
    pure = [g for g in groups if len({truth[m.article_id] for m in g.members}) == 1]
    right = sum(1 for g in pure if not g.origin_undetermined and g.origin == truth[g.origin])
    undetermined = sum(1 for g in groups if g.origin_undetermined)
    n = max(1, len(groups))
    return {
        "groups": len(groups),
        "pure_groups": len(pure),
        "origin_right": round(right / n, 4),
        "undetermined": round(undetermined / n, 4),
        "wrong": round((len(groups) - right - undetermined) / n, 4),
    }


def score_groups(groups: list[CopyGroup], truth: dict[str, str]) -> dict[str, Any]:
    """Copy pair scores and origin shares of copy groups against each article's true origin, with the planted
    pairs that were missed and the found pairs that join two families."""
    families: dict[str, list[str]] = defaultdict(list)
    for article, origin in truth.items():
        families[origin].append(article)
    true = pairs_of(families.values())
    found = pairs_of(g.article_ids for g in groups)
    return {
        "pairs": pair_scores(found, true),
        "origins": score_origins(groups, truth),
        "missed": sorted(true - found),
        "false": sorted(found - true),
    }


def evaluate(
    texts: list[str], generator: str, seed: int = 7, n: int | None = None, harder: bool = False
) -> dict[str, Any]:
    """Plant reprints of ``n`` of the independent ``texts`` (all when None) with ``generator`` and score the copy
    stage's groups on them (the pipeline's path: the index, origins read from the texts, translations)."""
    from ..steps.copies import copy_groups_of

    articles, truth, _ = origin_corpus(texts, n, seed, generator, harder)
    result = score_groups(copy_groups_of(articles), truth)
    result["articles"] = len(articles)
    result["originals"] = sum(1 for a, o in truth.items() if a == o)
    return result


def _table(results: dict[str, dict[str, Any]]) -> str:
    head = (
        f"{'generator':18} {'articles':>8} {'pairs':>6} {'P':>7} {'R':>7} {'F1':>7}"
        f" {'groups':>6} {'right':>7} {'undet.':>7} {'wrong':>7}"
    )
    rows = [head]
    for name, r in results.items():
        p, o = r["pairs"], r["origins"]
        rows.append(
            f"{name:18} {r['articles']:8d} {p['pairs']:6d} {p['precision']:7.4f} {p['recall']:7.4f} {p['f1']:7.4f} "
            f"{o['groups']:6d} {o['origin_right']:7.4f} {o['undetermined']:7.4f} {o['wrong']:7.4f}"
        )
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """Print copy pair and origin scores on reprints planted from the files, per generator; ``--json`` writes them."""
    ap = parser("copies", __doc__)
    ap.add_argument("files", nargs="+", help="Article JSONL files (only id and text are read)")
    ap.add_argument("--seed", type=int, default=7, help="seed of the planting (default 7)")
    ap.add_argument(
        "-n", type=int, default=None, help="originals to plant reprints of (default: every independent text)"
    )
    ap.add_argument(
        "--generators", nargs="+", default=list(GENERATORS), choices=GENERATORS, help="reprint generators to run"
    )
    ap.add_argument(
        "--harder",
        action="store_true",
        help="also plant trimmed and edited copies with inserted paragraphs and typos (benchmarks' strengths)",
    )
    ap.add_argument("--json", metavar="OUT", help="write the scores, the missed pairs included, to this file")
    args = ap.parse_args(argv)
    if missing(args.files):
        return USAGE
    if args.n is not None and args.n < 1:
        return fail(f"-n must be at least 1, got {args.n}")
    try:
        texts = base_texts(row for f in args.files for row in read_rows(f))
        results = {
            g + (" + harder" if args.harder else ""): evaluate(texts, g, args.seed, args.n, args.harder)
            for g in args.generators
        }
    except ValueError as exc:
        return fail(str(exc))
    print(_table(results))
    if args.json:
        doc = {"files": [Path(f).name for f in args.files], "seed": args.seed, "generators": results}
        write_json(args.json, doc)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
