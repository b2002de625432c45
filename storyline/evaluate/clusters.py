"""Score story clusters against the ``gold.story`` labels of an Article JSONL file.

Usage::

    python -m storyline.evaluate.clusters GOLD.jsonl [GOLD.jsonl ...]       # cluster, then score
    python -m storyline.evaluate.clusters GOLD.jsonl --pred PRED.jsonl      # score given predictions
    python -m storyline.evaluate.clusters A.jsonl B.jsonl C.jsonl --cv      # leave-one-set-out fit
    python -m storyline.evaluate.clusters A.jsonl B.jsonl C.jsonl --fit     # fit merge weights on all
    python -m storyline.evaluate.clusters A B C --fit --regimes D E F       # then the regime inputs on all six
    python -m storyline.evaluate.clusters A B C --cv --regimes D E F        # each of the six left out

Metrics: BCubed precision/recall/F1 (Bagga & Baldwin 1998), pairwise precision/recall/F1 and the
adjusted Rand index (Hubert & Arabie 1985). Articles with ``gold.noise`` true are scored as
singletons. This is the only module that reads the ``gold`` key.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from scipy.optimize import minimize

from storyline import pipeline
from storyline.evaluate.runner import parser
from storyline.ingest.jsonl import json_lines
from storyline.model import Article
from storyline.stories import StoryClusterer, article_counts
from storyline.stories.decision import DENSE_FEATURES, FEATURES, REGIME_FEATURES
from storyline.stories.embed import Embedder


def read_jsonl(path: str | Path) -> list[dict]:
    """Rows of a JSONL file (blank lines skipped); ValueError naming the file and line for one that is not JSON."""
    return [row for _, row in json_lines(path, "a JSONL line")]


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
        raise ValueError("no article has a gold label to score against")
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


@dataclass
class Prepared:
    """A gold file as the story stage takes it (the path ``storyline cluster`` follows): dated
    articles, copy groups, term counts made once, and the gold labels beside them."""

    gold: dict[str, str]
    articles: list[Article]
    group_of: dict[str, str]
    counts: dict[str, dict[str, Counter[str]]]


HEADLINES = "#headlines"
"""Suffix of a gold file's path that names its **headline view**: each article's headline as its
whole text, dates and gold stories kept, articles without a headline left out (``prepared``)."""


def headline_view(path: str | Path) -> str:
    """The name of ``path``'s headline view: a dated feed of headlines made from a file of full
    articles, so that the settings of short texts (the short threshold, the headline merge) can be
    chosen on files other than a headline file (UCI) when that file is left out."""
    return str(path) + HEADLINES


def has_headline_view(path: str | Path) -> bool:
    """Whether a gold file makes a headline view: most of its articles have a headline and a date
    (a file of headlines alone, or of undated texts, has none of its own)."""
    rows = read_jsonl(path)
    titled = sum(1 for r in rows if (r.get("title") or "").strip() and r.get("published"))
    return bool(rows) and titled >= 0.5 * len(rows)


@functools.lru_cache(maxsize=32)
def prepared(path: str | Path) -> Prepared:
    """:class:`Prepared` of a gold file, read and cleaned as ``storyline cluster`` reads it (the gold
    key dropped), made once per process (fits replay a file many times); a path ending in
    :data:`HEADLINES` is the file's headline view."""
    path = str(path)
    base = path[: -len(HEADLINES)] if path.endswith(HEADLINES) else path
    read, _errors = pipeline.read_articles([base])
    unseen = [replace(a, extra={k: v for k, v in a.extra.items() if k != "gold"}) for a in read]
    if base != path:
        unseen = [replace(a, text=a.title.strip(), title=None) for a in unseen if a.title and a.title.strip()]
        if not unseen:
            raise ValueError(f"{base}: no article has a headline to make a headline view of")
    dated, _groups, group_of = pipeline.story_inputs(unseen)
    return Prepared(gold_labels(read_jsonl(base)), dated, group_of, {a.id: article_counts(a) for a in dated})


def predict(path: str | Path, embedder: Embedder | None = None, **params) -> StoryClusterer:
    """Cluster a gold file's articles as ``storyline cluster`` does (copy groups, anchor dates, the
    same features and model)."""
    p = prepared(str(path))
    c = StoryClusterer(embedder=embedder, **params)
    c.add(p.articles, p.group_of, counts=p.counts)
    return c


def evaluate_file(path: str | Path, embedder: Embedder | None = None, **params) -> dict[str, float]:
    """Cluster the articles of a gold file and score the stories."""
    if not prepared(str(path)).gold:
        raise ValueError(f"{path}: no article has a gold.story label to score against")
    c = predict(path, embedder, **params)
    return score_labels(prepared(str(path)).gold, c.placed())


def topic_labels(rows: Iterable[dict]) -> dict[str, str]:
    """Article id -> gold subject (``gold.thread``, else ``gold.topic``), for scoring threads."""
    out = {}
    for r in rows:
        g = r.get("gold") or {}
        label = g.get("thread") or g.get("topic")
        if label is not None:
            out[str(r["id"])] = str(label)
    return out


def evaluate_threads(
    path: str | Path, labels: dict[str, str] | None = None, embedder: Embedder | None = None, **params
) -> dict[str, float]:
    """Stories, then threads as ``storyline cluster`` links them, scored against subjects: BCubed over
    the articles that have a subject label (``labels``, default the file's own ``gold.topic``), an
    article outside any thread standing in its story's place. Precision is the share of an article's
    thread that is on its subject: a thread that wanders onto other subjects loses it."""
    p = prepared(str(path))
    labels = labels if labels is not None else topic_labels(read_jsonl(path))
    stories = predict(path, embedder, **params).stories()
    threads = pipeline.linked_threads(stories, {a.id: a for a in p.articles})
    pred = {a: (s.thread or s.id) for s in stories for a in s.article_ids}
    scores = score_labels(labels, pred)
    scores["threads"] = len(threads)
    scores["largest_thread"] = max((len(t.story_ids) for t in threads), default=0)
    return scores


# -- the TF-IDF baseline ----------------------------------------------------------------------

BASELINE_THRESHOLDS = tuple(round(0.05 * k, 2) for k in range(1, 20))


def baseline_file(path: str | Path) -> dict[str, float]:
    """TF-IDF average-linkage clustering at its best cosine-distance cut (an oracle threshold, so
    the baseline is as strong as it can be on the file): what the issue compares stories against."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from sklearn.feature_extraction.text import TfidfVectorizer

    rows = read_jsonl(path)
    gold = gold_labels(rows)
    texts = [((r.get("title") or "") + "\n" + (r.get("text") or "")) for r in rows]
    ids = [str(r["id"]) for r in rows]
    X = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1).fit_transform(texts).toarray()
    norms = np.linalg.norm(X, axis=1)
    empty = norms == 0
    X[empty, 0] = 1.0
    Z = linkage(X, method="average", metric="cosine")
    best: dict[str, float] = {}
    for t in BASELINE_THRESHOLDS:
        labels = fcluster(Z, t=1 - t, criterion="distance")
        s = score_labels(gold, {i: f"b{lab}" if not e else f"e{i}" for i, lab, e in zip(ids, labels, empty)})
        if not best or s["bcubed_f1"] > best["bcubed_f1"]:
            best = {**s, "threshold": t}
    return best


# -- fitting the merge decision ---------------------------------------------------------------


def training_rows(path: str | Path, embedder: Embedder | None = None, **params) -> tuple[np.ndarray, np.ndarray]:
    """Candidate rows and 0/1 targets seen while the gold stories are built group by group."""
    p = prepared(str(path))
    X: list[list[float]] = []
    y: list[float] = []

    def trace(feats: list[list[float]], cands: list[str], chosen: str | None) -> None:
        for f, c in zip(feats, cands):
            X.append(f)
            y.append(1.0 if c == chosen else 0.0)

    c = StoryClusterer(embedder=embedder, **params)
    c.add(
        p.articles, p.group_of, oracle=lambda doc: p.gold.get(doc.article_ids[0], doc.key), trace=trace, counts=p.counts
    )
    width = len(DENSE_FEATURES if c.params.dense else FEATURES)
    return np.asarray(X, dtype=float).reshape(-1, width), np.asarray(y)


def fit_logistic(
    X: np.ndarray, y: np.ndarray, l2: float = 1.0, sample_weight: np.ndarray | None = None
) -> tuple[float, list[float]]:
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
    """Fit the merge model on pooled rows from several gold files, each file weighted equally; the
    regime inputs (:data:`REGIME_FEATURES`) are left at weight 0 for :func:`fit_regimes` to set."""
    Xs, ys, ws = [], [], []
    for p in paths:
        X, y = training_rows(p, **params)
        Xs.append(X)
        ys.append(y)
        ws.append(np.full(len(y), 1.0 / max(1, len(y))))
    X = np.vstack(Xs)
    y = np.concatenate(ys)
    w = np.concatenate(ws) * len(y) / len(paths)
    names = DENSE_FEATURES if X.shape[1] == len(DENSE_FEATURES) else FEATURES
    core = [i for i, f in enumerate(names) if f not in REGIME_FEATURES]
    bias, fitted = fit_logistic(X[:, core], y, sample_weight=w)
    weights = [0.0] * X.shape[1]
    for i, v in zip(core, fitted):
        weights[i] = v
    return bias, weights


THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)


def fit_model(paths: list[str | Path], **params) -> dict:
    """Fit merge weights on the files, then the threshold that maximises their mean BCubed F1."""
    bias, weights = fit_files(paths, **params)
    best = (-1.0, 0.5)
    for thr in THRESHOLDS:
        f1 = sum(
            evaluate_file(p, bias=bias, weights=tuple(weights), threshold=thr, **params)["bcubed_f1"] for p in paths
        )
        if f1 / len(paths) > best[0] + 1e-9:
            best = (f1 / len(paths), thr)
    return {"bias": bias, "weights": weights, "threshold": best[1], "train_mean_bcubed_f1": best[0]}


REGIME_GRID: dict[str, tuple] = {
    "text_gap": (0.0, -0.5, -1.0, -1.5, -2.0, -3.0),
    "name_gap": (0.0, 1.0, 2.0, 3.0, 4.0, 5.0),
    "short_threshold": (None, 0.1, 0.07, 0.05, 0.03),
    "short_merge": (None, 0.1, 0.15, 0.2, 0.3),
}
SETTINGS = ("short_threshold", "short_merge")
"""Regime settings that are clusterer parameters rather than weights: the short groups' threshold and
the centroid cosine at which headline-only stories merge."""


def regime_model(model: dict, setting: dict) -> dict:
    """``model`` with the regime weights and the settings (:data:`SETTINGS`) of ``setting``."""
    weights = list(model["weights"])
    for f in REGIME_FEATURES:
        if f in setting:
            weights[FEATURES.index(f)] = setting[f]
    out = {**model, "weights": weights}
    for k in SETTINGS:
        if k in setting:
            out[k] = setting[k]
    return out


def model_params(model: dict) -> dict:
    """The clusterer parameters of a fitted model."""
    out = {"bias": model["bias"], "weights": tuple(model["weights"]), "threshold": model["threshold"]}
    for k in SETTINGS:
        if k in model:
            out[k] = model[k]
    return out


def regime_scores(model: dict, paths: list[str | Path], grid: dict[str, tuple] | None = None, **params) -> dict:
    """BCubed F1 of every file at every value of each regime setting, one setting varied at a time
    from the model's own (``{(setting, value): {path: f1}}``), for :func:`fit_regimes`."""
    grid = REGIME_GRID if grid is None else grid
    now = {f: model["weights"][FEATURES.index(f)] for f in REGIME_FEATURES}
    shipped = _shipped_regimes(len(model["weights"]))
    now.update({k: model.get(k, shipped[k]) for k in SETTINGS})
    out: dict = {}
    for name, values in grid.items():
        for v in values:
            m = regime_model(model, {**now, name: v})
            out[(name, v)] = {str(p): evaluate_file(p, **model_params(m), **params)["bcubed_f1"] for p in paths}
    return out


def fit_regimes(model: dict, paths: list[str | Path], rounds: int = 2, **params) -> dict:
    """Set the regime inputs the core files cannot teach (a dateline gap between undated reports, a
    publication gap bridged by a rare shared name) and the short groups' threshold, one at a time over
    :data:`REGIME_GRID`, to the value that maximises the mean BCubed F1 over ``paths`` (all dev files),
    the core weights and the other settings held; ``rounds`` passes over the settings."""
    model = dict(model)
    for _ in range(rounds):
        for name, values in REGIME_GRID.items():
            scores = regime_scores(model, paths, {name: values}, **params)
            best = max(values, key=lambda v: (sum(scores[(name, v)].values()), v is None, -abs(v or 0)))
            model = regime_model(model, {name: best})
    return model


def cross_validate(paths: list[str | Path], **params) -> dict[str, dict[str, Any]]:
    """Leave one file out: fit weights and threshold on the others, cluster and score the held-out one
    (each file's scores come with the fitted model: bias, weights, threshold)."""
    out: dict[str, dict[str, Any]] = {}
    for held in paths:
        rest = [p for p in paths if p != held]
        model = fit_model(rest, **params)
        model = regime_model(model, _shipped_regimes(len(model["weights"])))
        scores = evaluate_file(held, **model_params(model), **params)
        scores.update(model)
        out[str(held)] = scores
    return out


def cross_validate_regimes(
    core: list[str | Path], regimes: list[str | Path], headline_views: bool = False, **params
) -> dict[str, dict[str, Any]]:
    """Leave one regime file out: the core fitted on ``core`` (which no regime file is part of), then
    the regime settings chosen by :func:`fit_regimes` on every other file (and the other files'
    headline views with ``headline_views``; the held-out file's own view left out with it), scored on
    the held-out file. The estimate for the regime settings that :func:`cross_validate` keeps as shipped."""
    model = fit_model(core, **params)
    files = [str(p) for p in list(core) + list(regimes)]
    if headline_views:
        files += [headline_view(g) for g in files if has_headline_view(g)]
    out: dict[str, dict[str, Any]] = {}
    for held in map(str, regimes):
        rest: list[str | Path] = [f for f in files if f not in (held, headline_view(held))]
        fitted = fit_regimes(model, rest, **params)
        scores = evaluate_file(held, **model_params(fitted), **params)
        scores.update(fitted)
        out[held] = scores
    return out


def _shipped_regimes(width: int) -> dict:
    """The shipped regime weights and short threshold (cross-validation refits the core only)."""
    from storyline.stories.params import StoryParams

    shipped = StoryParams()
    out = {
        f: shipped.weights[FEATURES.index(f)]
        for f in REGIME_FEATURES
        if FEATURES.index(f) < min(width, len(shipped.weights))
    }
    out.update({k: getattr(shipped, k) for k in SETTINGS})
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


def side_by_side(results: dict[str, dict]) -> str:
    """One Markdown table: each file's BCubed scores with the shipped model (in-sample: it was fitted
    on the dev files) beside the model fitted without that file (leave-one-file-out)."""
    lines = [
        "| file | in-sample P | R | F1 | leave-one-file-out P | R | F1 | threshold |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, s in results.items():
        i = s["in_sample"]
        lines.append(
            f"| {Path(name).name} | {i['bcubed_p']:.3f} | {i['bcubed_r']:.3f} | {i['bcubed_f1']:.3f} | "
            f"{s['bcubed_p']:.3f} | {s['bcubed_r']:.3f} | {s['bcubed_f1']:.3f} | {s['threshold']} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: print score tables (Markdown) or JSON."""
    ap = parser("clusters", __doc__, first_paragraph=True)
    ap.add_argument("gold", nargs="+", help="Article JSONL files with gold.story labels")
    ap.add_argument("--pred", help="prediction JSONL to score (one gold file only); default: cluster the gold file")
    ap.add_argument("--cv", action="store_true", help="leave-one-file-out fit of the merge model, then score")
    ap.add_argument("--fit", action="store_true", help="fit the merge model on all files and print its weights")
    ap.add_argument(
        "--regimes",
        nargs="+",
        metavar="GOLD",
        default=[],
        help="with --fit: also set the regime inputs (dateline gap, rare-name gap, short threshold) "
        "by the mean F1 over the fitted files and these; with --cv: also score each of these with the "
        "regime settings chosen without it",
    )
    ap.add_argument(
        "--headline-views",
        action="store_true",
        help="with --regimes: also score the headline view of each dated file with headlines "
        "(its headlines as the whole texts) when setting the regime inputs",
    )
    ap.add_argument(
        "--encoder",
        choices=("auto", "on", "off"),
        default="off",
        help="compare headlines with the sentence encoder, as `storyline cluster --encoder` does"
        " (auto: when installed)",
    )
    ap.add_argument("--encoder-cache", help="NPZ file of headline vectors kept between runs (read, then written back)")
    ap.add_argument(
        "--baseline", action="store_true", help="score TF-IDF average-linkage clustering at its best threshold instead"
    )
    ap.add_argument(
        "--threads", action="store_true", help="score threads against gold.topic (or --subjects) instead of stories"
    )
    ap.add_argument(
        "--subjects", help='with --threads: JSONL of {"id", "subject"} labels to score against (a labelled sample)'
    )
    ap.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = ap.parse_args(argv)
    params: dict = {}
    encoder = pipeline.story_embedder(args.encoder)
    if encoder is not None:
        if args.encoder_cache and Path(args.encoder_cache).exists():
            kept = np.load(args.encoder_cache, allow_pickle=False)
            encoder.remember(list(kept["texts"]), kept["vectors"])
        params["embedder"] = encoder
    try:
        return _run(ap, args, params)
    finally:
        if encoder is not None and args.encoder_cache:
            texts, vectors = encoder.cached()
            np.savez(args.encoder_cache, texts=np.asarray(texts, dtype=str), vectors=vectors)


def _run(ap: argparse.ArgumentParser, args: argparse.Namespace, params: dict) -> int:
    if args.regimes and not (args.fit or args.cv):
        ap.error("--regimes goes with --fit or --cv")
    if args.headline_views and not args.regimes:
        ap.error("--headline-views goes with --regimes")
    if args.fit:
        model = fit_model(args.gold, **params)
        if args.regimes:
            files = list(args.gold) + list(args.regimes)
            if args.headline_views:
                files += [headline_view(g) for g in files if has_headline_view(g)]
            model = fit_regimes(model, files, **params)
        names = DENSE_FEATURES if "embedder" in params else FEATURES
        model["named"] = dict(zip(names, model["weights"]))
        print(json.dumps(model, indent=2))
        return 0
    if args.pred:
        if len(args.gold) != 1:
            ap.error("--pred takes exactly one gold file")
        results: dict[str, dict[str, Any]] = {args.gold[0]: score_clusters(args.gold[0], args.pred)}
    elif args.threads:
        labels = {str(r["id"]): str(r["subject"]) for r in read_jsonl(args.subjects)} if args.subjects else None
        results = {g: evaluate_threads(g, labels, **params) for g in args.gold}
    elif args.baseline:
        results = {g: baseline_file(g) for g in args.gold}
    elif args.cv:
        results = cross_validate(args.gold, **params)
        if args.regimes:
            results.update(cross_validate_regimes(args.gold, args.regimes, args.headline_views, **params))
        for g in list(args.gold) + list(args.regimes):
            results[str(g)]["in_sample"] = evaluate_file(g, **params)
        if not args.json:
            print(side_by_side(results) + "\n")
    else:
        results = {g: evaluate_file(g, **params) for g in args.gold}
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for name, s in results.items():
            print(format_table(Path(name).name, s))
            if "weights" in s:
                print(
                    f"\nfitted on the other files: bias {s['bias']:.3f}, "
                    f"weights {[round(w, 3) for w in s['weights']]}, threshold {s['threshold']}"
                )
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
