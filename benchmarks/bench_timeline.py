"""Time-expression finding: the keyword windows of ``candidates()`` against a plain scan.

    python benchmarks/bench_timeline.py [--data ../shared/data/dev] [--repeats 3]

Reads every "text" of DATA/*.jsonl (anchor: its "published" date) and the TimeML documents of
DATA/timex/TBAQ-cleaned/{TimeBank,AQUAINT} (anchor: the creation time), then

1. checks that ``candidates()`` gives exactly what the plain scan gives (every rule's
   ``finditer`` over the whole text: spans, rules, groups) and that ``find_times`` gives the
   same mentions with either, on every text; any difference is printed and the exit status is 1;
2. times both, in this process, interleaved, best of ``--repeats``: ``candidates()`` alone
   and the whole ``find_times``, on the JSONL texts (and by text length).

The plain scan is the implementation ``candidates()`` had before the keyword windows; it is
kept here, and only here, for this comparison.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import platform
import sys
import time
from pathlib import Path

from storyline.evaluate.timex import read_corpus
from storyline.timeline import expressions, find_times
from storyline.timeline.grammar import RULES, Candidate, candidates


def plain_candidates(text: str) -> list[Candidate]:
    """The plain scan: every match of every rule, each rule's finditer over the whole text."""
    out: list[Candidate] = []
    for i, rule in enumerate(RULES):
        for m in rule.pattern.finditer(text):
            if m.end() > m.start():
                out.append(Candidate(m.start(), m.end(), rule.name, i, m))
    return out


def _key(cands: list[Candidate]) -> list[tuple]:
    return [(c.start, c.end, c.rule, c.order, c.match.regs) for c in cands]


def _find_times_with(finder, text: str, anchor: str | None):
    saved = expressions.candidates
    expressions.candidates = finder
    try:
        return find_times(text, anchor)
    finally:
        expressions.candidates = saved


def load(data: Path) -> tuple[list[tuple[str, str | None]], list[tuple[str, str | None]]]:
    """(text, anchor) pairs: the JSONL texts, and the TimeML documents."""
    jsonl: list[tuple[str, str | None]] = []
    for f in sorted(glob.glob(str(data / "*.jsonl"))):
        with open(f, encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                if d.get("text"):
                    jsonl.append((d["text"], (d.get("published") or "")[:10] or None))
    tml_dirs = [data / "timex" / "TBAQ-cleaned" / name for name in ("TimeBank", "AQUAINT")]
    timeml = [(doc.text, doc.dct) for doc in read_corpus([d for d in tml_dirs if d.is_dir()])]
    return jsonl, timeml


def check(pairs: list[tuple[str, str | None]]) -> int:
    """Number of texts on which candidates() or find_times differ between the two scans."""
    bad = 0
    for text, anchor in pairs:
        if _key(candidates(text)) != _key(plain_candidates(text)):
            bad += 1
            print(f"candidates differ on a text of {len(text)} characters", file=sys.stderr)
            continue
        if _find_times_with(candidates, text, anchor) != _find_times_with(plain_candidates, text, anchor):
            bad += 1
            print(f"find_times differs on a text of {len(text)} characters", file=sys.stderr)
    return bad


def best_time(fn, texts, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        for t in texts:
            fn(t)
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "data" / "dev")
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args(argv)

    jsonl, timeml = load(args.data)
    if not jsonl:
        print(f"no JSONL texts under {args.data}", file=sys.stderr)
        return 2
    bad = check(jsonl + timeml)
    print(
        f"identical output: {len(jsonl) + len(timeml) - bad} of {len(jsonl) + len(timeml)} texts "
        f"({len(jsonl)} JSONL, {len(timeml)} TimeML): candidates() spans, rules and groups, and find_times mentions"
    )

    texts = [t for t, _ in jsonl]
    anchors = dict(jsonl)
    chars = sum(map(len, texts))
    print(
        f"\n{len(texts)} JSONL texts, {chars / len(texts):.0f} characters on average; "
        f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs; best of "
        f"{args.repeats}\n"
    )
    print(
        "| what | texts | plain scan, ms/text | keyword windows, ms/text | plain, ms per 3 KB | windows, ms per 3 KB "
        "| ratio |"
    )
    print("|---|---|---|---|---|---|---|")

    def row(name: str, sample: list[str], old_fn, new_fn) -> None:
        if not sample:
            return
        old = new = float("inf")
        for _ in range(args.repeats):  # interleaved, so that load on the machine hits both alike
            old = min(old, best_time(old_fn, sample, 1))
            new = min(new, best_time(new_fn, sample, 1))
        n, kb3 = len(sample), sum(map(len, sample)) / 3000
        print(
            f"| {name} | {n} | {old / n * 1e3:.3f} | {new / n * 1e3:.3f} | {old / kb3 * 1e3:.2f} | "
            f"{new / kb3 * 1e3:.2f} | {old / new:.1f}x |"
        )

    row("candidates()", texts, plain_candidates, candidates)
    row(
        "find_times",
        texts,
        lambda t: _find_times_with(plain_candidates, t, anchors[t]),
        lambda t: _find_times_with(candidates, t, anchors[t]),
    )
    for lo, hi in ((0, 1000), (1000, 3000), (3000, 10**9)):
        sample = [t for t in texts if lo <= len(t) < hi]
        label = f"candidates(), {lo}-{hi} chars" if hi < 10**9 else f"candidates(), {lo}+ chars"
        row(label, sample, plain_candidates, candidates)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
