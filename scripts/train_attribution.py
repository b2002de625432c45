"""Train the learned attribution model on PolNeAR and print dev and cross-validated figures.

Usage::

    python scripts/train_attribution.py --train ../shared/data/dev/attribution/polnear-train \
        --dev ../shared/data/dev/attribution/polnear-dev --out storyline/sources/attribution_model.npz \
        [--folds 5] [--seed 13] [--cache /tmp/storyline-attr-cache]

Needs scikit-learn (``pip install -e ".[train]"``). Texts are parsed once with the installed spaCy
pipeline and cached (as spaCy DocBins) under ``--cache``, outside the repository; only hashed
feature weights are written to ``--out``.
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import json
import pickle
import random
import re
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from storyline.evaluate.attribution import ROLES, _normalise, evaluate, read_polnear
from storyline.sources import learned as L
from storyline.sources.nlp import load_nlp

_ANN = re.compile(r"^(?P<name>.+)_(?P<annotator>[0-9a-f]{4})\.ann$")


def read_links(path: Path, text: str) -> list[dict[str, tuple[int, int]]]:
    """Attributions of one brat file: the outer (trimmed) character range of each role."""
    spans: dict[str, tuple[str, tuple[int, int]]] = {}
    atts = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            label, _, off = parts[1].partition(" ")
            frags = [tuple(int(x) for x in f.split()) for f in off.split(";")]
            norm = _normalise(text, frags)  # type: ignore[arg-type]
            if norm:
                spans[parts[0]] = (label.lower(), (norm[0][0], norm[-1][1]))
        elif parts[0].startswith("E"):
            args = dict(a.split(":", 1) for a in parts[1].split())
            att = {r.lower(): spans[args[r]][1] for r in ("Source", "Cue", "Content") if r in args and args[r] in spans}
            if "cue" in att:
                atts.append(att)
    return atts


def load_split(root: Path, cache: Path, nlp: Any) -> list[tuple[str, Any, list[dict[str, tuple[int, int]]]]]:
    """(name, parsed Doc, gold attributions) of each document, first annotator, parsed once and cached."""
    from spacy.tokens import DocBin

    files: dict[str, list[Path]] = {}
    for p in sorted((root / "attributions").glob("*.ann")):
        m = _ANN.match(p.name)
        if m and (root / "text" / f"{m['name']}.txt").exists():
            files.setdefault(m["name"], []).append(p)
    names = sorted(files)
    texts = [(root / "text" / f"{n}.txt").read_text(encoding="utf-8") for n in names]
    cache.mkdir(parents=True, exist_ok=True)
    bin_path = cache / f"{root.name}.spacy"
    if bin_path.exists() and (cache / f"{root.name}.names").read_text().split("\n") == names:
        docs = list(DocBin().from_disk(bin_path).get_docs(nlp.vocab))
    else:
        t0 = time.time()
        docs = list(nlp.pipe(texts, batch_size=32))
        db = DocBin(store_user_data=False)
        for d in docs:
            db.add(d)
        db.to_disk(bin_path)
        (cache / f"{root.name}.names").write_text("\n".join(names))
        print(f"parsed {len(docs)} texts of {root.name} in {time.time() - t0:.0f} s", file=sys.stderr)
    if "tok2vec" in nlp.pipe_names and not all(L._tensor(d) is not None for d in docs):
        docs = list(nlp.get_pipe("tok2vec").pipe(docs, batch_size=64))  # DocBins keep no context vectors
    return [(n, d, read_links(sorted(files[n])[0], t)) for n, d, t in zip(names, docs, texts)]


def tokens_in(doc: Any, a: int, b: int) -> list[Any]:
    """Non-space tokens overlapping a character range."""
    span = doc.char_span(a, b, alignment_mode="expand")
    if span is None:
        return []
    return [t for t in span if not t.is_space]


def root_of(toks: list[Any]) -> Any | None:
    """The token of a run whose head lies outside it (the first such verb, else the first)."""
    inside = {t.i for t in toks}
    roots = [t for t in toks if t.head.i not in inside or t.head.i == t.i]
    if not roots:
        return None
    verbs = [t for t in roots if t.pos_ in ("VERB", "AUX")]
    return (verbs or roots)[0]


Examples = dict[str, tuple[sparse.csr_matrix, np.ndarray, np.ndarray | None]]


def doc_examples(doc: Any, atts: list[dict[str, tuple[int, int]]], ceiling: dict[str, int]) -> Examples:
    """Hashed feature rows and labels of every model for one document, from gold cues (teacher forcing)."""
    ex: dict[str, tuple[list[list[str]], list[int]]] = {m: ([], []) for m in L.MODELS}
    vec: dict[str, list[np.ndarray]] = {m: [] for m in L.DENSE_MODELS}
    gold_heads: dict[int, list[dict[str, tuple[int, int]]]] = {}
    for att in atts:
        toks = tokens_in(doc, *att["cue"])
        head = root_of(toks) if toks else None
        if head is not None:
            gold_heads.setdefault(head.i, []).append(att)
    for sent in doc.sents:
        info = L.SentInfo(sent)
        cands = L.cue_candidates(sent)
        for t in cands:
            ex["cue"][0].append(L.cue_features(t, sent, info))
            ex["cue"][1].append(int(t.i in gold_heads))
        v = L.cue_vectors(cands)
        if v is not None:
            vec["cue"].append(v)
        srcs = L.source_candidates(sent)
        for hi, group in gold_heads.items():
            if not (sent.start <= hi < sent.end):
                continue
            head = doc[hi]
            att = group[0]
            ctoks = {t.i for t in tokens_in(doc, *att["cue"])}
            for t in sent:
                if t.i != hi and abs(t.i - hi) <= 6 and not t.is_space:
                    ex["cue_ext"][0].append(L.ext_features(t, head))
                    ex["cue_ext"][1].append(int(t.i in ctoks))
            src_heads = set()
            for g in group:
                if "source" in g:
                    st = tokens_in(doc, *g["source"])
                    r = root_of(st) if st else None
                    if r is not None:
                        src_heads.add(r.i)
                        ga, gb = g["source"]
                        for k, c in enumerate(L.source_children(r)):
                            inside = ga <= c.left_edge.idx and c.right_edge.idx + len(c.right_edge) <= gb
                            ex["src_ext"][0].append(L.src_ext_features(c, r, k))
                            ex["src_ext"][1].append(int(inside))
            a, b = min(ctoks | {hi}), max(ctoks | {hi}) + 1
            options = [t for t in srcs if not (a <= t.i < b)]
            for t in options:
                ex["source"][0].append(L.source_features(t, head, sent, info))
                ex["source"][1].append(int(t.i in src_heads))
            v = L.source_vectors(options, head)
            if v is not None:
                vec["source"].append(v)
            src_tok = doc[min(src_heads)] if src_heads else None
            golds = {g["content"] for g in group if "content" in g}
            if not golds:
                continue
            ceiling["content_gold"] += 1
            hit = False
            for c in L.content_candidates(head, (a, b), src_tok, sent):
                ch = _normalise(doc.text, [(doc[c.start].idx, doc[c.end - 1].idx + len(doc[c.end - 1]))])
                y = int(bool(ch) and (ch[0][0], ch[-1][1]) in golds)
                hit |= bool(y)
                ex["content"][0].append(L.content_features(c, head, (a, b), sent))
                ex["content"][1].append(y)
            ceiling["content_exact"] += hit
    return {
        m: (
            to_matrix(f),
            np.asarray(y, dtype=np.int8),
            np.vstack(vec[m]).astype(np.float16) if vec.get(m) else None,
        )
        for m, (f, y) in ex.items()
    }


def examples(data: list[tuple[str, Any, list[dict[str, tuple[int, int]]]]]) -> list[Examples]:
    """Examples of each document, in order."""
    ceiling = {"content_exact": 0, "content_gold": 0}
    out = [doc_examples(doc, atts, ceiling) for _, doc, atts in data]
    print("content candidate ceiling (a gold content among candidates):", ceiling, file=sys.stderr)
    return out


def _code_key() -> str:
    """A digest of the feature code and this script, so cached examples follow any change to them."""
    parts = [
        L.SentInfo,
        L.cue_features,
        L.ext_features,
        L._path,
        L.source_features,
        L.trim,
        L._droppable,
        L.src_ext_features,
        L.source_children,
        L.content_candidates,
        L.content_features,
        L._mark,
        L.cue_candidates,
        L.source_candidates,
        L.cue_vectors,
        L.source_vectors,
        doc_examples,
    ]
    h = hashlib.sha1("".join(inspect.getsource(f) for f in parts).encode() + str(L.N_BITS).encode())
    return h.hexdigest()[:12]


def cached_examples(data: list[tuple[str, Any, list[dict[str, tuple[int, int]]]]], path: Path) -> list[Examples]:
    """Examples of each document, computed once per version of the feature code (hashed rows only)."""
    if path.exists():
        with path.open("rb") as fh:
            return pickle.load(fh)
    ex = examples(data)
    with path.open("wb") as fh:
        pickle.dump(ex, fh)
    return ex


def stack(parts: list[Examples]) -> Examples:
    """Examples of several documents as one matrix per model."""
    out: Examples = {}
    for m in L.MODELS:
        vecs = [p[m][2] for p in parts if p[m][2] is not None and len(p[m][2])]
        out[m] = (
            sparse.vstack([p[m][0] for p in parts]).tocsr(),
            np.concatenate([p[m][1] for p in parts]),
            np.vstack(vecs) if vecs else None,
        )
    return out


def to_matrix(feats: list[list[str]]) -> sparse.csr_matrix:
    """Binary hashed feature matrix (repeated features add up)."""
    indptr = [0]
    idx: list[int] = []
    for f in feats:
        idx.extend(L.fid(x) for x in f)
        indptr.append(len(idx))
    data = np.ones(len(idx), dtype=np.float32)
    m = sparse.csr_matrix(
        (data, np.asarray(idx, dtype=np.int64), np.asarray(indptr)), shape=(len(feats), 1 << L.N_BITS)
    )
    m.sum_duplicates()
    return m


def cue_lemmas(
    data: list[tuple[str, Any, list[dict[str, tuple[int, int]]]]], least: int = 2, rate: float = 0.05
) -> tuple[str, ...]:
    """Lemmas heading a gold cue at least ``least`` times and in at least ``rate`` of their uses: the words
    the prefilter lets through to the parser (rarer cue lemmas would send nearly every sentence there)."""
    counts: dict[str, int] = {}
    uses: dict[str, int] = {}
    for _, doc, atts in data:
        for t in doc:
            uses[t.lemma_.lower()] = uses.get(t.lemma_.lower(), 0) + 1
        for att in atts:
            toks = tokens_in(doc, *att["cue"])
            head = root_of(toks) if toks else None
            if head is not None:
                counts[head.lemma_.lower()] = counts.get(head.lemma_.lower(), 0) + 1
    return tuple(sorted(w for w, n in counts.items() if n >= least and n >= rate * uses[w]))


def fit(ex: Examples, C: dict[str, float], seed: int, dense: bool = False, scale_by: float = 1.0) -> L.LinearModels:
    """Logistic regressions (L2, lbfgs) on the hashed features; with ``dense``, also on the standardised
    context vectors where a model has them (their mean and scale folded into the weights and bias stored)."""
    from sklearn.linear_model import LogisticRegression

    weights, bias, dense_w, dense_mean = {}, {}, {}, {}
    for m in L.MODELS:
        X, y, V = ex[m]
        use = dense and V is not None and V.shape[0] == X.shape[0]
        if use:
            assert V is not None
            V = V.astype(np.float32)
            mean, scale = V.mean(axis=0), (V.std(axis=0) + 1e-6) / scale_by
            X = sparse.hstack([X, sparse.csr_matrix((V - mean) / scale)]).tocsr()
        clf = LogisticRegression(C=C[m], solver="lbfgs", max_iter=300)
        t0 = time.time()
        clf.fit(X, y)
        print(f"fit {m}: {X.shape[0]} rows in {time.time() - t0:.0f} s", file=sys.stderr)
        coef = clf.coef_[0].astype(np.float32)
        weights[m] = coef[: 1 << L.N_BITS]
        bias[m] = float(clf.intercept_[0])
        if use:
            d = coef[1 << L.N_BITS :] / scale
            dense_w[m] = d
            dense_mean[m] = float(mean @ d)
            bias[m] -= dense_mean[m]
    thresholds = {"cue": 0.0, "cue_ext": 0.0, "source": 0.0, "src_ext": 0.0, "content": -99.0}
    return L.LinearModels(weights, bias, thresholds, dense=dense_w, dense_mean=dense_mean)


def predict_docs(models: L.LinearModels, docs: list[Any]) -> list[dict[str, set]]:
    """Predicted span sets per document, in the evaluation's format."""
    out = []
    for doc in docs:
        spans: dict[str, set] = {r: set() for r in ROLES}
        for sent in doc.sents:
            for p in L.predict_sentence(models, sent):
                ranges = [("cue", p.cue)]
                if p.source_span is not None:
                    ranges.append(("source", p.source_span))
                if p.content is not None:
                    ranges.append(("content", p.content))
                for role, (a, b) in ranges:
                    norm = _normalise(doc.text, [(doc[a].idx, doc[b - 1].idx + len(doc[b - 1]))])
                    if norm:
                        spans[role].add(norm)
        out.append(spans)
    return out


def figures(models: L.LinearModels, docs: list[Any], gold: list[Any]) -> dict[str, Any]:
    """The evaluation table for one set of documents."""
    return evaluate(gold, predict_docs(models, docs))


def line(table: dict[str, Any]) -> str:
    return "  ".join(f"{r} {table[r]['exact']['f1']:.3f}/{table[r]['overlap']['f1']:.3f}" for r in ROLES)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--train", type=Path, required=True)
    ap.add_argument("--dev", type=Path, required=True)
    ap.add_argument("--out", type=Path, default=Path(L.MODEL_PATH))
    ap.add_argument("--cache", type=Path, default=Path("/tmp/storyline-attr-cache"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument(
        "--C", type=str, default='{"cue": 0.15, "cue_ext": 0.5, "source": 0.5, "src_ext": 0.5, "content": 0.5}'
    )
    ap.add_argument("--no-save", action="store_true")
    ap.add_argument("--dense", action="store_true", help="also the parser's context vectors (measured, not shipped)")
    ap.add_argument("--dense-scale", type=float, default=1.0, help="context vectors' scale (less L2 on them)")
    args = ap.parse_args(argv)
    C = json.loads(args.C)
    nlp = load_nlp()
    train = load_split(args.train, args.cache, nlp)
    dev = load_split(args.dev, args.cache, nlp)
    dev_gold, _ = read_polnear(args.dev)
    assert [g.name for g in dev_gold] == [n for n, _, _ in dev]
    t0 = time.time()
    ex = cached_examples(train, args.cache / f"examples-{args.train.name}-{_code_key()}.pkl")
    all_ex = stack(ex)
    print(
        f"features in {time.time() - t0:.0f} s: "
        + ", ".join(f"{m} {len(all_ex[m][1])} ({int(all_ex[m][1].sum())} +)" for m in L.MODELS),
        file=sys.stderr,
    )
    models = fit(all_ex, C, args.seed, args.dense, args.dense_scale)
    dev_table = figures(models, [d for _, d, _ in dev], dev_gold)
    print("dev (exact/overlap F1):", line(dev_table))
    result: dict[str, Any] = {"seed": args.seed, "C": C, "dev": dev_table}
    if args.folds > 1:
        train_gold, _ = read_polnear(args.train)
        by_name = {g.name: g for g in train_gold}
        order = list(range(len(train)))
        random.Random(args.seed).shuffle(order)
        pooled: tuple[list[Any], list[Any]] = ([], [])
        for k in range(args.folds):
            held = set(order[k :: args.folds])
            fold_models = fit(
                stack([ex[i] for i in order if i not in held]), C, args.seed, args.dense, args.dense_scale
            )
            held_docs = [train[i] for i in sorted(held)]
            preds = predict_docs(fold_models, [d for _, d, _ in held_docs])
            pooled[0].extend(by_name[n] for n, _, _ in held_docs)
            pooled[1].extend(preds)
            print(f"fold {k + 1}/{args.folds}:", line(evaluate([by_name[n] for n, _, _ in held_docs], preds)))
        cv = evaluate(pooled[0], pooled[1])
        print(f"{args.folds}-fold cross-validation on train (pooled):", line(cv))
        result["cv"] = cv
    if not args.no_save:
        models.cue_lemmas = cue_lemmas(train)
        models.cue_vocab = frozenset(cue_lemmas(train, least=1, rate=0.0))
        models.save(args.out)
        print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB)", file=sys.stderr)
    json.dump(
        {"seed": args.seed, "C": C, "dev": {r: dev_table[r] for r in ROLES}, "cv": result.get("cv")},
        sys.stderr,
        indent=1,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
