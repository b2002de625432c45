"""``storyline match-claims``: whether two statements state one claim, decided as the pipeline
decides for two undated statements of different outlets.

Each line ``{"id", "a", "b"}`` gives ``{"id", "same", "score"}``, and ``"apart"`` saying why where
the two are never one claim whatever their score (a denial and what it answers, a statement and its
negation, different counts of people, other ages or figures). The statements of one input
file form one scope, as a thread's sentences do: word weights (idf) come from the file's distinct
statements, so a file holding a single pair is a scope of two. (The analysis also keeps a denial
apart from what it denies before it compares statements; that needs the attribution's cue, which
a bare pair of statements does not have, so a statement is taken as a denial when its own words
deny or dispute, and a denial and a statement that denies nothing are never one claim; nor are a
statement and one that says it is not so.)
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable

from rapidfuzz import fuzz

from ..helptext import HelpFormatter, plain
from ..ingest.jsonl import json_lines
from .assertions import is_denial, is_negative, negated_words
from .claims import (
    _WORD,
    _conflicting,
    _idf,
    _other_people,
    _pair_decision,
    _pair_features,
    _stems_of,
    _Unit,
    ages,
    count_bounds,
    counted_values,
    figures,
    opposite,
    two_speakers,
)
from .encoder import Encoder, default_encoder, encoder_available
from .sameness import NEAR_DUPLICATE, PairModel, Vectors


def _unit(text: str, k: int) -> _Unit:
    text = " ".join(text.split())
    words = _WORD.findall(text)
    bounds = count_bounds(text)
    return _Unit(
        article_id=f"s{k}",
        group=f"s{k}",
        scope="pairs",
        text=text,
        chain=[],
        origin_key=f"s{k}",
        origin_label=f"s{k}",
        stems=_stems_of(words),
        figures=figures(text, words),
        counts=counted_values(bounds),
        bounds=bounds,
        ages=ages(text),
        denial=is_denial(text),
        negated=_stems_of(negated_words(text)),
        negative=is_negative(text),
    )


def match_pairs(
    pairs: Iterable[tuple[str, str]], encoder: Encoder | None = None, model: PairModel | None = None
) -> list[tuple[bool, float]]:
    """(same claim?, score) for each pair of statements, the pairs taken together as one scope.

    ``encoder`` None: words only (as ``--embed off``). Each statement is encoded once. ``model``:
    another pair model than the shipped one (for evaluation).
    """
    return [(same, score) for same, score, _ in explained_pairs(pairs, encoder, model)]


def explained_pairs(
    pairs: Iterable[tuple[str, str]], encoder: Encoder | None = None, model: PairModel | None = None
) -> list[tuple[bool, float, str | None]]:
    """:func:`match_pairs` with, for each pair, why the two are kept apart whatever their score (a
    denial and what it answers, a statement and its negation, counts of people that differ, other
    people or figures), or None where the score decides."""
    scope = _Scope(list(pairs), encoder)
    out: list[tuple[bool, float, str | None]] = []
    for i, j in scope.index:
        a, b = scope.units[i], scope.units[j]
        if i == j:
            out.append((True, 1.0, None))
            continue
        same, score = _pair_decision(a, b, scope.idf, scope.cos(i, j), model)
        why = _kept_apart(a, b)
        out.append((same and why is None, score, why))
    return out


def _kept_apart(a: _Unit, b: _Unit) -> str | None:
    """Why two statements are never one claim, whatever their score, or None."""
    if a.denial != b.denial:
        return "one denies or disputes, the other does not"
    if opposite(a, b):
        return "one says is not so what the other states"
    if _conflicting(a, b):
        return "they give different counts of people"
    if _other_people(a, b):
        return "they give other ages or figures, none shared"
    if two_speakers(a, b):
        return "two speakers, each speaking of themself"
    return None


def pair_features(pairs: Iterable[tuple[str, str]], encoder: Encoder | None = None) -> list[tuple[float, ...] | None]:
    """The pair model's inputs for each pair (:data:`.sameness.FEATURES` and whether it is a
    candidate for the encoder), or None where the model does not decide (near-identical statements)."""
    scope = _Scope(list(pairs), encoder)
    out: list[tuple[float, ...] | None] = []
    for i, j in scope.index:
        a, b = scope.units[i], scope.units[j]
        if i == j or fuzz.ratio(a.text, b.text) >= NEAR_DUPLICATE:
            out.append(None)
        else:
            out.append(tuple(float(x) for x in _pair_features(a, b, scope.idf, scope.cos(i, j))))
    return out


class _Scope:
    """The distinct statements of some pairs as one scope: units, word weights, lazy vectors."""

    def __init__(self, pairs: list[tuple[str, str]], encoder: Encoder | None) -> None:
        texts = list(dict.fromkeys(" ".join(t.split()) for pair in pairs for t in pair))
        at = {t: k for k, t in enumerate(texts)}
        self.units = [_unit(t, k) for k, t in enumerate(texts)]
        self.idf = _idf(self.units)
        self.index = [(at[" ".join(a.split())], at[" ".join(b.split())]) for a, b in pairs]
        self.vectors = Vectors(texts, encoder) if encoder is not None else None
        if self.vectors is not None:
            self.vectors.rows(sorted({k for pair in self.index for k in pair}))

    def cos(self, i: int, j: int) -> float | None:
        """The cosine of two statements; None without an encoder."""
        return None if self.vectors is None else self.vectors.cos(i, j)


def main(argv: list[str] | None = None) -> int:
    """``storyline match-claims PAIRS.jsonl -o OUT.jsonl [--embed auto|on|off]``; exit 2 on bad input."""
    ap = argparse.ArgumentParser(
        prog="storyline match-claims", description=plain(__doc__), formatter_class=HelpFormatter
    )
    ap.add_argument("pairs", help='JSONL file, one {"id", "a", "b"} per line')
    ap.add_argument("-o", "--output", required=True, help="JSONL file to write: {id, same, score} per line")
    ap.add_argument(
        "--embed",
        choices=["auto", "on", "off"],
        default="auto",
        help="re-score candidate pairs with the sentence encoder: when installed (auto), always, never",
    )
    args = ap.parse_args(argv)
    try:
        use = args.embed == "on" or (args.embed == "auto" and encoder_available())
        if args.embed == "on":
            encoder_available(required=True)
        rows = _read(args.pairs)
    except (OSError, ValueError, ImportError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    results = explained_pairs([(r["a"], r["b"]) for r in rows], default_encoder() if use else None)
    try:
        with open(args.output, "w", encoding="utf-8") as fh:
            for r, (same, score, why) in zip(rows, results):
                line: dict = {"id": r["id"], "same": same, "score": round(score, 6)}
                if why is not None:
                    line["apart"] = why
                fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"{len(rows)} pairs, {sum(s for s, _, _ in results)} the same claim -> {args.output}")
    return 0


def _read(path: str) -> list[dict]:
    """The pairs of a JSONL file; ValueError naming the line of the first bad one."""
    rows = []
    for n, row in json_lines(path):
        if not isinstance(row, dict) or not isinstance(row.get("a"), str) or not isinstance(row.get("b"), str):
            raise ValueError(f'{path}:{n}: needs "a" and "b" strings')
        row.setdefault("id", n)
        rows.append(row)
    return rows
