"""Which statements of a scope refer to different times: the array comparison of day ranges that claim
building uses (``claims._apart_in_time``) against the pair-by-pair rule it replaced, in one process.

    python benchmarks/bench_claim_times.py [--n 3000] [--seed 2]

The statements are generated: each refers to nothing (20%) or to one to three periods of mixed
granularity (days, months, ISO weeks, years, seasons, quarters). Both ways must give the same matrix;
the line printed gives each one's seconds and their ratio.
"""

from __future__ import annotations

import argparse
import json
import random
import time

import numpy as np

from storyline.sources.claims import _apart_in_time, _one_period, _Unit, sets_apart_by_pairs


def statements(n: int, seed: int) -> list[_Unit]:
    """``n`` statements with the periods they refer to."""
    rnd = random.Random(seed)
    kinds = [
        lambda: f"2031-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
        lambda: f"2030-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
        lambda: f"2031-{rnd.randint(1, 12):02d}",
        lambda: f"2031-W{rnd.randint(1, 52):02d}",
        lambda: rnd.choice(["2031", "2031-FA", "2031-Q2"]),
    ]
    out = []
    for k in range(n):
        when = set() if rnd.random() < 0.2 else {rnd.choice(kinds)() for _ in range(rnd.randint(1, 3))}
        out.append(_Unit(f"a{k}", "g", "t", "x", [], "k", "l", when=when))
    return out


def pair_by_pair(units: list[_Unit]) -> np.ndarray:
    """The rule before: every pair of distinct date sets compared period by period in Python."""
    kinds: dict[frozenset[str], int] = {}
    index = np.array([kinds.setdefault(frozenset(u.when), len(kinds)) for u in units], dtype=np.int64)
    return sets_apart_by_pairs(list(kinds))[index][:, index]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=2)
    args = ap.parse_args()
    units = statements(args.n, args.seed)
    t = time.perf_counter()
    fast = _apart_in_time(units)
    arrays = time.perf_counter() - t
    _one_period.cache_clear()
    t = time.perf_counter()
    slow = pair_by_pair(units)
    loop = time.perf_counter() - t
    assert (fast == slow).all(), "the two ways disagree"
    distinct = len({frozenset(u.when) for u in units})
    print(
        json.dumps(
            {
                "statements": args.n,
                "distinct_date_sets": distinct,
                "arrays_s": round(arrays, 3),
                "pair_by_pair_s": round(loop, 3),
                "ratio": round(loop / arrays, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
