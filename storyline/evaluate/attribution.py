"""Score attribution finding on PolNeAR (brat ``.ann`` + ``.txt``): source, cue and content spans.

Usage: ``python -m storyline.evaluate.attribution DIR [--rules] [--agreement] [--json]``.
DIR holds (at any depth) an ``attributions/`` folder of ``NAME_ANNOTATOR.ann`` files and a ``text/``
folder of ``NAME.txt`` files, as the PolNeAR release lays them out. A document labelled by several
annotators is scored against the first annotator (sorted by id); ``--agreement`` also scores the
other annotators of those documents against that one, as a human reference.

Spans of each role are compared as sets per document (a source shared by two attributions counts
once). Exact: same start and end after trimming white space (non-breaking spaces too) and ``,.;:`` at
both edges. Overlap: at least one shared character, each gold span matched at most once.
"""

from __future__ import annotations

import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from storyline.evaluate.runner import parser
from storyline.model import Article
from storyline.sources import backend_name, find_spans, load_nlp
from storyline.sources.learned import active_model

ROLES: tuple[str, ...] = ("source", "cue", "content")
_ANN = re.compile(r"^(?P<name>.+)_(?P<annotator>[0-9a-f]{4})\.ann$")
_EDGE = " \t\n,.;:"

Frag = tuple[int, int]
SpanT = tuple[Frag, ...]


@dataclass
class GoldDoc:
    """One annotated document: its text and the span sets of each role."""

    name: str
    annotator: str
    text: str
    spans: dict[str, set[SpanT]] = field(default_factory=lambda: {r: set() for r in ROLES})


def read_ann(path: Path, text: str) -> dict[str, set[SpanT]]:
    """Source, cue and content spans of one brat file (discontinuous spans keep their fragments)."""
    spans: dict[str, set[SpanT]] = {r: set() for r in ROLES}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].startswith("T"):
            continue
        label, _, offsets = parts[1].partition(" ")
        role = label.lower()
        if role not in spans:
            continue
        frags = tuple(tuple(int(x) for x in frag.split()) for frag in offsets.split(";"))
        span = _normalise(text, frags)  # type: ignore[arg-type]
        if span:
            spans[role].add(span)
    return spans


def _normalise(text: str, frags: Iterable[Frag]) -> SpanT:
    out: list[Frag] = []
    for a, b in frags:
        while a < b and (text[a] in _EDGE or text[a].isspace()):
            a += 1
        while b > a and (text[b - 1] in _EDGE or text[b - 1].isspace()):
            b -= 1
        if b > a:
            out.append((a, b))
    return tuple(sorted(out))


def read_polnear(root: Path) -> tuple[list[GoldDoc], list[GoldDoc]]:
    """Documents of a PolNeAR folder: one per document (first annotator), and the other annotators' copies."""
    ann_dirs = sorted({p.parent for p in root.rglob("*.ann")})
    if not ann_dirs:
        raise ValueError(f"no .ann files under {root}")
    primary: list[GoldDoc] = []
    others: list[GoldDoc] = []
    for ann_dir in ann_dirs:
        text_dir = ann_dir.parent / "text"
        by_name: dict[str, list[tuple[str, Path]]] = {}
        for path in sorted(ann_dir.glob("*.ann")):
            m = _ANN.match(path.name)
            if m:
                by_name.setdefault(m["name"], []).append((m["annotator"], path))
        for name, files in sorted(by_name.items()):
            txt = text_dir / f"{name}.txt"
            if not txt.exists():
                continue
            text = txt.read_text(encoding="utf-8")
            for k, (annotator, path) in enumerate(sorted(files)):
                doc = GoldDoc(name, annotator, text, read_ann(path, text))
                (primary if k == 0 else others).append(doc)
    return primary, others


@dataclass
class Counts:
    """Matched, predicted and gold counts of one role under one matching rule."""

    matched_pred: int = 0
    matched_gold: int = 0
    pred: int = 0
    gold: int = 0

    def prf(self) -> tuple[float, float, float]:
        p = self.matched_pred / self.pred if self.pred else 0.0
        r = self.matched_gold / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _overlaps(a: SpanT, b: SpanT) -> int:
    return sum(max(0, min(y1, y2) - max(x1, x2)) for x1, y1 in a for x2, y2 in b)


def _outer(span: SpanT) -> Frag:
    return (span[0][0], span[-1][1])


def score(pred: set[SpanT], gold: set[SpanT], exact: Counts, overlap: Counts) -> None:
    """Add one document's spans of one role to the exact and overlap counts."""
    for counts in (exact, overlap):
        counts.pred += len(pred)
        counts.gold += len(gold)
    gold_outer = {_outer(g) for g in gold}
    pred_outer = {_outer(p) for p in pred}
    exact.matched_pred += len(pred_outer & gold_outer)
    exact.matched_gold += len(gold_outer & pred_outer)
    pairs = sorted(((_overlaps(p, g), p, g) for p in pred for g in gold), reverse=True)
    used_p: set[SpanT] = set()
    used_g: set[SpanT] = set()
    for size, p, g in pairs:
        if size <= 0:
            break
        if p in used_p or g in used_g:
            continue
        used_p.add(p)
        used_g.add(g)
    overlap.matched_pred += len(used_p)
    overlap.matched_gold += len(used_g)


def predict(docs: list[GoldDoc], nlp: Any) -> list[dict[str, set[SpanT]]]:
    """Predicted span sets of each document, parsed in one batch when spaCy is used."""
    articles = [Article(id=d.name, text=d.text) for d in docs]
    out = []
    for article, found in find_spans(articles, nlp=nlp):
        spans: dict[str, set[SpanT]] = {r: set() for r in ROLES}
        for f in found:
            for role, span in (("source", f.source), ("cue", f.cue), ("content", f.content)):
                if span is not None:
                    norm = _normalise(article.text, [(span.start, span.end)])
                    if norm:
                        spans[role].add(norm)
        out.append(spans)
    return out


def evaluate(docs: list[GoldDoc], predictions: list[dict[str, set[SpanT]]]) -> dict[str, dict[str, dict[str, float]]]:
    """P/R/F1 per role and matching rule, micro-averaged over documents."""
    table: dict[str, dict[str, dict[str, float]]] = {}
    for role in ROLES:
        exact, overlap = Counts(), Counts()
        for doc, pred in zip(docs, predictions):
            score(pred[role], doc.spans[role], exact, overlap)
        table[role] = {}
        for rule, c in (("exact", exact), ("overlap", overlap)):
            p, r, f = c.prf()
            table[role][rule] = {"p": p, "r": r, "f1": f, "pred": c.pred, "gold": c.gold}
    return table


def _print(title: str, table: dict[str, dict[str, dict[str, float]]], out: Any) -> None:
    print(title, file=out)
    print(f"{'role':8} {'match':8} {'P':>6} {'R':>6} {'F1':>6} {'pred':>6} {'gold':>6}", file=out)
    for role, rules in table.items():
        for rule, v in rules.items():
            print(
                f"{role:8} {rule:8} {v['p']:6.3f} {v['r']:6.3f} {v['f1']:6.3f} {v['pred']:6d} {v['gold']:6d}", file=out
            )


def main(argv: list[str] | None = None) -> int:
    """Command line: score storyline's attributions against a PolNeAR folder."""
    ap = parser("attribution", __doc__, first_paragraph=True)
    ap.add_argument("dir", type=Path, help="folder holding attributions/*.ann and text/*.txt")
    ap.add_argument("--rules", action="store_true", help="score the rule-based path even when spaCy is installed")
    ap.add_argument(
        "--agreement", action="store_true", help="also score the other annotators of multiply annotated documents"
    )
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    docs, others = read_polnear(args.dir)
    nlp = None if args.rules else load_nlp()
    t0 = time.perf_counter()
    predictions = predict(docs, nlp)
    seconds = time.perf_counter() - t0
    result: dict[str, Any] = {
        "backend": backend_name(nlp) + ("+learned" if nlp is not None and active_model() is not None else ""),
        "documents": len(docs),
        "seconds": round(seconds, 2),
        "scores": evaluate(docs, predictions),
    }
    if args.agreement and others:
        first = {d.name: d for d in docs}
        refs = [first[o.name] for o in others]
        result["agreement"] = {"pairs": len(others), "scores": evaluate(refs, [o.spans for o in others])}
        system = evaluate(refs, [predictions[docs.index(r)] for r in refs])
        result["agreement"]["system_on_same_docs"] = system
    if args.json:
        json.dump(result, sys.stdout, indent=2)
        print()
        return 0
    _print(
        f"PolNeAR attribution spans: {len(docs)} documents, backend {result['backend']}, {seconds:.1f} s",
        result["scores"],
        sys.stdout,
    )
    if "agreement" in result:
        a = result["agreement"]
        _print(
            f"\nHuman agreement: {a['pairs']} annotator copies scored against the first annotator",
            a["scores"],
            sys.stdout,
        )
        _print("\nSystem on the same documents", a["system_on_same_docs"], sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
