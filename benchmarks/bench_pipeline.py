"""End-to-end throughput and memory of ``storyline analyze`` on a generated corpus, local engine vs Ray.

    python benchmarks/bench_pipeline.py --n 10000 --shards 16 [--engines local,ray] [--workers 2] [--spacy]

Writes ``--n`` generated articles (benchmarks/corpus_gen.py: ~3 KB each, planted reprints and
events) as JSONL shards, then for each engine runs the whole pipeline in this process as
``storyline analyze DIR --out OUT`` does (ingest into a fresh SQLite store, every analysis stage,
sharded JSONL output), timing each stage. Peak memory is sampled from /proc over this process
and all its descendants (Ray's raylet and workers included), so the two engines are compared on
the same footing. Prints a JSON record per engine and a Markdown table.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_gen import write_corpus  # noqa: E402

from storyline import pipeline  # noqa: E402
from storyline.cli import write_shards  # noqa: E402
from storyline.engines import open_engine  # noqa: E402
from storyline.evaluate.clusters import score_labels  # noqa: E402
from storyline.store import open_store  # noqa: E402


def _tree_rss_mib(root: int) -> float:
    """Resident memory of ``root`` and every descendant process, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            pid, ppid = int(entry), int(fields[1])
            rss[pid] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
            children.setdefault(ppid, []).append(pid)
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total / 2**20


class PeakMemory:
    """Samples the process tree's resident memory every ``every`` seconds in a thread; keeps the peak."""

    def __init__(self, every: float = 0.5) -> None:
        self.every, self.peak, self._stop = every, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            self.peak = max(self.peak, _tree_rss_mib(me))
            self._stop.wait(self.every)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _tree_rss_mib(os.getpid()))


def run_engine(name: str, corpus: Path, work: Path, workers: int, spacy: bool) -> dict:
    """The whole pipeline on ``corpus`` with one engine: seconds per stage, peak memory, results."""
    db, out = work / f"{name}.db", work / f"{name}-out"
    marks: list[tuple[str, float]] = []
    with PeakMemory() as mem:
        t0 = time.perf_counter()
        engine = open_engine(name, num_cpus=workers) if name == "ray" else None
        marks.append(("engine start", time.perf_counter()))
        try:
            with open_store(str(db)) as store:
                report = pipeline.ingest([str(corpus)], store, engine=engine)
                marks.append(("ingest", time.perf_counter()))
                last = ["ingest"]

                def on_stage(stage: str) -> None:
                    marks.append((last[0] if last[0] != "ingest" else "load", time.perf_counter()))
                    last[0] = stage

                results = pipeline.run_stages(store, on_stage=on_stage, nlp="default" if spacy else None, engine=engine)
                marks.append((last[0], time.perf_counter()))
                write_shards(store, out, 10_000)
            marks.append(("output", time.perf_counter()))
        finally:
            if engine is not None:
                engine.close()
    stages: dict[str, float] = {}
    prev = t0
    for stage, t in marks:
        stages[stage] = round(stages.get(stage, 0.0) + t - prev, 2)
        prev = t
    total = prev - t0
    return {
        "engine": name,
        "articles": report.added,
        "seconds": round(total, 1),
        "articles_per_second": round(report.added / total, 1),
        "peak_rss_mib": round(mem.peak),
        "stages_seconds": stages,
        "copy_groups": len(results["copy_groups"]),
        "stories": len(results["stories"]),
        "threads": len(results["threads"]),
        "claims": len(results["claims"]),
        "timeline_events": len(results["timeline"]),
        "_story_of": {aid: s["id"] for s in results["stories"] for aid in s["article_ids"]},
        "_digest": hashlib.sha256(json.dumps(results, sort_keys=True).encode("utf-8")).hexdigest(),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--shards", type=int, default=16)
    ap.add_argument("--engines", default="local,ray")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--spacy", action="store_true", help="attributions with spaCy (default: rules, as --no-spacy)")
    ap.add_argument("--keep", help="generate into / reuse this folder instead of a temporary one")
    ap.add_argument("-o", "--output", help="also write the JSON records here")
    args = ap.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="bench-pipeline-"))
    corpus = Path(args.keep) if args.keep else work / "corpus"
    t = time.perf_counter()
    if not (corpus / "events.json").exists():
        events = write_corpus(corpus, args.n, args.shards)
        (corpus / "events.json").write_text(json.dumps(events))
    events = json.loads((corpus / "events.json").read_text())
    print(f"corpus: {len(events)} articles in {args.shards} shards, {time.perf_counter() - t:.0f}s", file=sys.stderr)
    records, digests = [], []
    try:
        for name in args.engines.split(","):
            rec = run_engine(name, corpus, work, args.workers, args.spacy)
            story_of, digest = rec.pop("_story_of"), rec.pop("_digest")
            gold = {aid: ev for aid, ev in events.items() if aid in story_of}
            rec["story_bcubed_f1"] = round(score_labels(gold, story_of)["bcubed_f1"], 3)
            if records:
                rec["same_results_as_" + records[0]["engine"]] = digest == digests[0]
            digests.append(digest)
            records.append(rec)
            print(json.dumps(rec), file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    meta = {"python": platform.python_version(), "cpus": os.cpu_count(), "workers": args.workers, "spacy": args.spacy}
    if args.output:
        Path(args.output).write_text(json.dumps({"meta": meta, "runs": records}, indent=2) + "\n")
    stage_names = list(dict.fromkeys(k for r in records for k in r["stages_seconds"]))
    print("| engine | articles | seconds | articles/s | peak RSS (MiB) | " + " | ".join(stage_names) + " |")
    print("|---" * (5 + len(stage_names)) + "|")
    for r in records:
        print(f"| {r['engine']} | {r['articles']} | {r['seconds']} | {r['articles_per_second']} | {r['peak_rss_mib']} | "
              + " | ".join(str(r["stages_seconds"].get(s, "")) for s in stage_names) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
