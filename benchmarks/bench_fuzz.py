"""Fuzz benchmark: thousands of seeded hostile files of every kind, each ingested on its own into one store.

For each file: did anything escape (a crash), did it take over ``--hang`` seconds, are the good
articles it holds stored, is it reported when it must be, is it neither stored nor reported (silent).
Then the review's bombs (a 1 GiB line, ten million ``{}`` lines, a 1 GiB WARC header line) and,
on a sample, the whole analysis. Peak memory is the process's maximum resident size; for the analysis
also that of the process and its worker processes together, sampled while it runs.

    python benchmarks/bench_fuzz.py --cases 10000 --seed 22 --analyse 300
    python benchmarks/bench_fuzz.py --cases 0 --no-bombs --analyse 300   # the analysis alone
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

import hostile_cases  # noqa: E402
from hostile_cases import big_cases, make_case  # noqa: E402

from storyline import pipeline  # noqa: E402
from storyline.store import open_store  # noqa: E402


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as f:
            return next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
    except OSError:
        return 0


def _children(pid: int) -> list[int]:
    out: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as f:
                out += [int(x) for x in f.read().split()]
    except OSError:
        pass
    return out


class MemoryWatch:
    """The peak resident size of this process and of this process plus its worker processes, sampled
    every 50 ms while it runs (Linux /proc); ru_maxrss alone misses the workers the analysis starts."""

    def __init__(self) -> None:
        self.main_kb = self.total_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            main = _rss_kb(me)
            total = main + sum(_rss_kb(k) for k in _children(me) if k)
            self.main_kb, self.total_kb = max(self.main_kb, main), max(self.total_kb, total)
            self._stop.wait(0.05)

    def __enter__(self) -> "MemoryWatch":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _one(store, folder: Path, case, hang: float) -> dict:
    """Ingest one case file into ``store``; what happened to it."""
    path = folder / case.name
    path.write_bytes(case.data)
    t = time.perf_counter()
    report = None
    try:
        report = pipeline.ingest([str(path)], store)
        crash = None
    except Exception as exc:  # noqa: BLE001 - counting crashes is the point
        crash = f"{type(exc).__name__}: {exc}"
        traceback.print_exc()
    took = time.perf_counter() - t
    errors = report.errors if report else []
    missing = [g for g in case.good if store.get_article(g) is None]
    read = report.articles_read if report else 0
    return {
        "name": case.name,
        "kind": case.kind,
        "seconds": took,
        "crash": crash,
        "hang": took > hang,
        "missing": missing,
        "unreported": case.must_report and not errors,
        "silent": not crash and not errors and not read,
        "unnamed": [str(e) for e in errors if not e.path.startswith(str(path))],
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=22)
    ap.add_argument("--hang", type=float, default=10.0, help="seconds one file may take before it counts as a hang")
    ap.add_argument("--analyse", type=int, default=300, help="cases whose store is analysed afterwards (0: none)")
    ap.add_argument("--no-bombs", action="store_true")
    ap.add_argument(
        "--parser", action="store_true", help="analyse with the spaCy parser (the default of analyze), not rules"
    )
    args = ap.parse_args()
    hostile_cases.FULL_SIZE = True
    rng = random.Random(args.seed)
    results = []
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        with open_store(str(Path(tmp) / "fuzz.db")) as store:
            for n in range(args.cases):
                results.append(_one(store, folder, make_case(rng, n), args.hang))
                (folder / results[-1]["name"]).unlink()
                if (n + 1) % 1000 == 0:
                    print(f"{n + 1} cases, {time.perf_counter() - start:.0f} s, peak {_peak_mb():.0f} MB", flush=True)
            ingest_s = time.perf_counter() - start
            bombs = [] if args.no_bombs else [_one(store, folder, c, 300) for c in big_cases()]
        if args.analyse:
            with open_store(str(Path(tmp) / "sample.db")) as sample:
                rng = random.Random(args.seed)
                cases = [make_case(rng, n) for n in range(args.analyse)]
                for c in cases:
                    (folder / c.name).write_bytes(c.data)
                pipeline.ingest([str(folder)], sample)
                t = time.perf_counter()
                with MemoryWatch() as watch:
                    try:
                        pipeline.run_analysis(sample, nlp="default" if args.parser else None, embed="off")
                        analysis = f"ok in {time.perf_counter() - t:.0f} s ({sample.count_articles()} articles)"
                    except Exception as exc:  # noqa: BLE001
                        analysis = f"CRASHED: {type(exc).__name__}: {exc}"
                analysis += (
                    f"; peak memory {watch.main_kb / 1024:.0f} MB in this process, {watch.total_kb / 1024:.0f} MB "
                    "with its workers (largest worker "
                    f"{resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f} MB)"
                )
        else:
            analysis = "not run"
    print(f"\n{args.cases} cases (seed {args.seed}) in {ingest_s:.0f} s")
    for key in ("crash", "hang", "missing", "unreported", "silent", "unnamed"):
        bad = [r for r in results if r[key]]
        print(f"  {key}: {len(bad)}" + (f"  e.g. {[(r['name'], r['kind'], r[key]) for r in bad[:5]]}" if bad else ""))
    if results:
        slowest = max(results, key=lambda r: r["seconds"])
        print(f"  slowest file: {slowest['name']} ({slowest['kind']}) {slowest['seconds']:.1f} s")
    for b in bombs:
        print(f"  bomb {b['name']}: {b['seconds']:.1f} s, crash={b['crash']}, reported={not b['unreported']}")
    print(f"  analysis of the first {args.analyse} cases: {analysis}")
    print(f"  peak memory: {_peak_mb():.0f} MB")


if __name__ == "__main__":
    main()
