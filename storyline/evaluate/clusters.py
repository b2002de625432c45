"""Score story clusters against the ``gold.story`` labels of an Article JSONL file.

Usage::

    python -m storyline.evaluate.clusters GOLD.jsonl [GOLD.jsonl ...]       # cluster, then score
    python -m storyline.evaluate.clusters GOLD.jsonl --pred PRED.jsonl      # score given predictions
    python -m storyline.evaluate.clusters A.jsonl B.jsonl C.jsonl --cv      # leave-one-set-out fit
    python -m storyline.evaluate.clusters A.jsonl B.jsonl C.jsonl --fit     # fit merge weights on all

Metrics: BCubed precision/recall/F1 (Bagga & Baldwin 1998), pairwise precision/recall/F1 and the
adjusted Rand index (Hubert & Arabie 1985). Articles with ``gold.noise`` true are scored as
singletons. This is the only module that reads the ``gold`` key.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

from storyline.model import Article
from storyline.stories import StoryClusterer, cluster_stories
from storyline.stories.decision import DENSE_FEATURES, FEATURES


def read_jsonl(path: str | Path) -> list[dict]:
    """Rows of a JSONL file (blank lines skipped)."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def gold_labels(rows: Iterable[dict]) -> dict[str, str]:
    """Article id -> gold story label; noise articles get a label of their own."""
    out = {}
    for r in rows:
        g = r.get("gold") or {}
        if "story" not in g:
            continue
        out[str(r["id"])] = f"noise:{r['id']}" if g.get("noise") else str(g["story"])
    return out


def pred_labels(rows: Iterable[dict]) -> dict[str, str]:
    """Article id -> predicted story, from ``{"id", "story"}`` lines."""
    return {str(r["id"]): str(r["story"]) for r in rows if r.get("story") is not None}


def _pairs(n: int | float) -> float:
    return n * (n - 1) / 2.0


def score_labels(gold: dict[str, str], pred: dict[str, str]) -> dict[str, float]:
    """BCubed, pairwise and ARI scores over the gold ids; an id with no prediction is a singleton."""
    ids = sorted(gold)
    p = {i: pred.get(i, f"missing:{i}") for i in ids}
    g_size = Counter(gold[i] for i in ids)
    p_size = Counter(p[i] for i in ids)
    joint = Counter((gold[i], p[i]) for i in ids)
    n = len(ids)
    if n == 0:
        raise ValueError("no gold-labelled articles")
    bp = sum(joint[(gold[i], p[i])] / p_size[p[i]] for i in ids) / n
    br = sum(joint[(gold[i], p[i])] / g_size[gold[i]] for i in ids) / n
    tp = sum(_pairs(v) for v in joint.values())
    gp = sum(_pairs(v) for v in g_size.values())
    pp = sum(_pairs(v) for v in p_size.values())
    pw_p = tp / pp if pp else 1.0
    pw_r = tp / gp if gp else 1.0
    total = _pairs(n)
    expected = gp * pp / total if total else 0.0
    top = 0.5 * (gp + pp)
    ari = (tp - expected) / (top - expected) if top != expected else 1.0
    return {
        "articles": n,
        "gold_stories": len(g_size),
        "pred_stories": len(p_size),
        "bcubed_p": bp,
        "bcubed_r": br,
        "bcubed_f1": _f1(bp, br),
        "pair_p": pw_p,
        "pair_r": pw_r,
        "pair_f1": _f1(pw_p, pw_r),
        "ari": ari,
    }


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_clusters(gold_path: str | Path, pred_path: str | Path) -> dict[str, float]:
    """Score a prediction JSONL (``storyline cluster`` output) against a gold Article JSONL."""
    return score_labels(gold_labels(read_jsonl(gold_path)), pred_labels(read_jsonl(pred_path)))


def articles_of(rows: Iterable[dict]) -> list[Article]:
    """Articles with the gold key removed, so nothing downstream can see it."""
    return [Article.from_dict({k: v for k, v in r.items() if k != "gold"}) for r in rows]


def evaluate_file(path: str | Path, **params) -> dict[str, float]:
    """Cluster the articles of a gold file (each its own copy group) and score the stories."""
    rows = read_jsonl(path)
    stories = cluster_stories(articles_of(rows), **params)
    pred = {a: s.id for s in stories for a in s.article_ids}
    return score_labels(gold_labels(rows), pred)


# -- fitting the merge decision ---------------------------------------------------------------


def training_rows(path: str | Path, **params) -> tuple[np.ndarray, np.ndarray]:
    """Candidate rows and 0/1 targets seen while the gold stories are built group by group."""
    rows = read_jsonl(path)
    gold = gold_labels(rows)
    X: list[list[float]] = []
    y: list[float] = []

    def trace(feats: list[list[float]], cands: list[str], chosen: str | None) -> None:
        for f, c in zip(feats, cands):
            X.append(f)
            y.append(1.0 if c == chosen else 0.0)

    c = StoryClusterer(**params)
    c.add(articles_of(rows), oracle=lambda doc: gold[doc.article_ids[0]], trace=trace)
    width = len(DENSE_FEATURES if c.params.dense else FEATURES)
    return np.asarray(X, dtype=float).reshape(-1, width), np.asarray(y)


def fit_logistic(X: np.ndarray, y: np.ndarray, l2: float = 1.0, sample_weight: np.ndarray | None = None) -> tuple[float, list[float]]:
    """L2-regularised logistic regression by L-BFGS; returns (bias, weights)."""
    w0 = np.zeros(X.shape[1] + 1)
    sw = np.ones(len(y)) if sample_weight is None else sample_weight

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = X @ w[1:] + w[0]
        p = 1.0 / (1.0 + np.exp(-z))
        eps = 1e-12
        ll = -np.sum(sw * (y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps)))
        ll += 0.5 * l2 * np.sum(w[1:] ** 2)
        g = p - y
        grad = np.concatenate([[np.sum(sw * g)], X.T @ (sw * g) + l2 * w[1:]])
        return ll, grad

    res = minimize(loss, w0, jac=True, method="L-BFGS-B")
    return float(res.x[0]), [float(v) for v in res.x[1:]]


def fit_files(paths: list[str | Path], **params) -> tuple[float, list[float]]:
    """Fit the merge model on pooled rows from several gold files, each file weighted equally."""
    Xs, ys, ws = [], [], []
    for p in paths:
        X, y = training_rows(p, **params)
        Xs.append(X)
        ys.append(y)
        ws.append(np.full(len(y), 1.0 / max(1, len(y))))
    X = np.vstack(Xs)
    y = np.concatenate(ys)
    w = np.concatenate(ws) * len(y) / len(paths)
    return fit_logistic(X, y, sample_weight=w)


THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)


def fit_model(paths: list[str | Path], **params) -> dict:
    """Fit merge weights on the files, then the threshold that maximises their mean BCubed F1."""
    bias, weights = fit_files(paths, **params)
    best = (-1.0, 0.5)
    for thr in THRESHOLDS:
        f1 = sum(evaluate_file(p, bias=bias, weights=tuple(weights), threshold=thr, **params)["bcubed_f1"] for p in paths)
        if f1 / len(paths) > best[0] + 1e-9:
            best = (f1 / len(paths), thr)
    return {"bias": bias, "weights": weights, "threshold": best[1], "train_mean_bcubed_f1": best[0]}


def cross_validate(paths: list[str | Path], **params) -> dict[str, dict[str, float]]:
    """Leave one file out: fit weights and threshold on the others, cluster and score the held-out one."""
    out = {}
    for held in paths:
        rest = [p for p in paths if p != held]
        model = fit_model(rest, **params)
        scores = evaluate_file(
            held, bias=model["bias"], weights=tuple(model["weights"]), threshold=model["threshold"], **params
        )
        scores.update(model)
        out[str(held)] = scores
    return out


# -- command line -----------------------------------------------------------------------------


def format_table(name: str, s: dict[str, float]) -> str:
    """One Markdown table of the scores of one file."""
    return "\n".join(
        [
            f"**{name}** ({s['articles']} articles, {s['gold_stories']} gold stories, {s['pred_stories']} predicted)",
            "",
            "| metric | precision | recall | F1 |",
            "|---|---|---|---|",
            f"| BCubed | {s['bcubed_p']:.3f} | {s['bcubed_r']:.3f} | {s['bcubed_f1']:.3f} |",
            f"| pairwise | {s['pair_p']:.3f} | {s['pair_r']:.3f} | {s['pair_f1']:.3f} |",
            f"| adjusted Rand index | | | {s['ari']:.3f} |",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: print score tables (Markdown) or JSON."""
    ap = argparse.ArgumentParser(prog="python -m storyline.evaluate.clusters", description=__doc__.split("\n")[0])
    ap.add_argument("gold", nargs="+", help="Article JSONL files with gold.story labels")
    ap.add_argument("--pred", help="prediction JSONL to score (one gold file only); default: cluster the gold file")
    ap.add_argument("--cv", action="store_true", help="leave-one-file-out fit of the merge model, then score")
    ap.add_argument("--fit", action="store_true", help="fit the merge model on all files and print its weights")
    ap.add_argument("--dense", action="store_true", help="add the dense-embedding cosine (needs model2vec)")
    ap.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = ap.parse_args(argv)
    params: dict = {}
    if args.dense:
        from storyline.stories.embed import default_embedder

        params["embedder"] = default_embedder()
        params["dense"] = True
    if args.fit:
        model = fit_model(args.gold, **params)
        names = DENSE_FEATURES if args.dense else FEATURES
        model["named"] = dict(zip(names, model["weights"]))
        print(json.dumps(model, indent=2))
        return 0
    if args.pred:
        if len(args.gold) != 1:
            ap.error("--pred takes exactly one gold file")
        results = {args.gold[0]: score_clusters(args.gold[0], args.pred)}
    elif args.cv:
        results = cross_validate(args.gold, **params)
    else:
        results = {g: evaluate_file(g, **params) for g in args.gold}
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for name, s in results.items():
            print(format_table(Path(name).name, s))
            if "weights" in s:
                print(
                    f"\nfitted on the other files: bias {s['bias']:.3f}, weights {[round(w, 3) for w in s['weights']]}, "
                    f"threshold {s['threshold']}"
                )
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
