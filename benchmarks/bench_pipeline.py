"""End-to-end throughput and memory of ``storyline analyze`` on a generated corpus, local engine vs Ray.

    python benchmarks/bench_pipeline.py --n 10000 --shards 16 [--engines local,ray] [--workers 2] [--spacy]
        [--keep CORPUS_DIR] [--work WORK_DIR] [--story-windows DAYS]   # with --work, rerun to resume a killed run

Writes ``--n`` generated articles (benchmarks/corpus_gen.py: ~3 KB each, planted reprints and
events) as JSONL shards, then for each engine runs the whole pipeline in this process as
``storyline analyze DIR --out OUT`` does (ingest into a fresh SQLite store, every analysis stage,
sharded JSONL output), timing each stage. Peak memory is sampled from /proc over this process
and all its descendants (Ray's raylet and workers included), so the two engines are compared on
the same footing, and over this process alone (the driver: ``driver_peak_rss_mib``, and per stage
``driver_stage_peak_mib``); run one engine per invocation to compare drivers, since a process's
memory does not shrink back between engines. Prints a JSON record per engine and a Markdown table.
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
from storyline.engines import open_engine  # noqa: E402
from storyline.evaluate.clusters import score_labels  # noqa: E402
from storyline.shards import write_shards  # noqa: E402
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


def _own_rss_mib() -> float:
    """Resident memory of this process alone, from /proc."""
    with open("/proc/self/statm", encoding="ascii") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class PeakMemory:
    """Samples the process tree's resident memory, and this process's own, every ``every`` seconds in a thread;
    keeps the peaks (``stage_driver``: this process's peak since the last :meth:`next_stage`)."""

    def __init__(self, every: float = 0.5) -> None:
        self.every, self.peak, self._stop = every, 0.0, threading.Event()
        self.driver = self.stage_driver = 0.0
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = os.getpid()
        while not self._stop.is_set():
            self.peak = max(self.peak, _tree_rss_mib(me))
            self._sample_driver()
            self._stop.wait(self.every)

    def _sample_driver(self) -> None:
        own = _own_rss_mib()
        self.driver, self.stage_driver = max(self.driver, own), max(self.stage_driver, own)

    def next_stage(self) -> float:
        """This process's peak since the last call (the stage that just ended)."""
        self._sample_driver()
        got, self.stage_driver = self.stage_driver, 0.0
        return got

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _tree_rss_mib(os.getpid()))
        self._sample_driver()


class Segments:
    """Timed pieces of one engine's run, saved to ``path`` as they happen, so a run that is killed
    (a machine's session ends) and resumed later (ingest skips finished files, the analysis resumes
    at its first unwritten scope batch) is still timed in full: the sum over the pieces, each piece
    counted up to the last moment it was seen alive. Work redone after a resume is counted again."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.done = [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []
        self.marks: list[tuple[str, float, float]] = []
        self.t0, self.cpu0 = time.perf_counter(), time.process_time()
        self.stage = "engine start"
        self.mem: PeakMemory | None = None

    def mark(self, stage: str) -> None:
        """The current stage ended; ``stage`` begins. Each mark also keeps this process's CPU seconds so
        far: the driver's share of a stage is its serial part (the engine's workers do the rest)."""
        peak = self.mem.next_stage() if self.mem else 0.0
        self.marks.append((self.stage, time.perf_counter() - self.t0, time.process_time() - self.cpu0, peak))
        self.stage = stage
        self.save()

    def save(self, finished: bool = False) -> None:
        """Write the pieces so far, this one as alive now."""
        piece = {
            "marks": self.marks,
            "stage": self.stage,
            "alive": time.perf_counter() - self.t0,
            "peak_rss_mib": self.mem.peak if self.mem else 0.0,
            "driver_peak_rss_mib": self.mem.driver if self.mem else 0.0,
            "finished": finished,
        }
        self.path.write_text("".join(json.dumps(p) + "\n" for p in self.done + [piece]))


def totals(pieces: list[dict]) -> tuple[dict[str, float], float, float]:
    """Seconds per stage and in all, and the peak memory, over the saved pieces of a run."""
    stages: dict[str, float] = {}
    for p in pieces:
        prev = 0.0
        for stage, t, *_ in p["marks"] + [[p["stage"], p["alive"]]]:
            if stage != "end":
                stages[stage] = round(stages.get(stage, 0.0) + t - prev, 2)
            prev = max(prev, t)
    return stages, round(sum(stages.values()), 2), max(p["peak_rss_mib"] for p in pieces)


def driver_cpu(pieces: list[dict]) -> dict[str, float]:
    """CPU seconds of the driver process per finished stage, over the pieces (marks without CPU are skipped)."""
    cpu: dict[str, float] = {}
    for p in pieces:
        prev = 0.0
        for stage, _, *rest in p["marks"]:
            if rest:
                cpu[stage] = round(cpu.get(stage, 0.0) + rest[0] - prev, 2)
                prev = rest[0]
    return cpu


def driver_stage_peaks(pieces: list[dict]) -> dict[str, float]:
    """The driver's own peak resident memory (MiB) per finished stage, over the pieces."""
    peaks: dict[str, float] = {}
    for p in pieces:
        for stage, _, *rest in p["marks"]:
            if len(rest) > 1:
                peaks[stage] = round(max(peaks.get(stage, 0.0), rest[1]))
    return peaks


def run_engine(name: str, corpus: Path, work: Path, workers: int, spacy: bool, story_windows: int = 0) -> dict:
    """The whole pipeline on ``corpus`` with one engine: seconds per stage, peak memory, results.

    With a kept ``work`` folder, a killed run is resumed where it stopped and timed over all its pieces."""
    db, out = work / f"{name}.db", work / f"{name}-out"
    seg = Segments(work / f"{name}-segments.jsonl")
    last_save = [time.perf_counter()]

    def alive(*_: object) -> None:
        if time.perf_counter() - last_save[0] > 10:
            seg.save()
            last_save[0] = time.perf_counter()

    if seg.done and seg.done[-1]["finished"]:
        return _report(name, db, seg)
    with PeakMemory() as seg.mem:
        engine = open_engine(name, num_cpus=workers) if name == "ray" else None
        seg.mark("ingest")
        try:
            with open_store(str(db)) as store:
                pipeline.ingest([str(corpus)], store, engine=engine, on_file=alive)
                seg.mark("load")
                pipeline.run_analysis(
                    store,
                    on_stage=seg.mark,
                    on_progress=alive,
                    nlp="default" if spacy else None,
                    engine=engine,
                    story_windows=story_windows,
                )
                seg.mark("output")
                write_shards(store, out, 10_000)
            seg.mark("end")
        finally:
            if engine is not None:
                engine.close()
    seg.save(finished=True)
    return _report(name, db, seg)


def _report(name: str, db: Path, seg: Segments) -> dict:
    """One engine's record from its stored results and its timed pieces."""
    digest, story_of = hashlib.sha256(), {}
    with open_store(str(db)) as store:
        articles = store.count_articles()
        counts = {kind: store.count_results(kind) for kind in pipeline.RESULT_KINDS}
        for kind in pipeline.RESULT_KINDS:
            for item in store.iter_results(kind):
                digest.update(json.dumps(item, sort_keys=True).encode("utf-8"))
                story_of.update({aid: item["id"] for aid in item["article_ids"]} if kind == "stories" else {})
    pieces = [json.loads(line) for line in seg.path.read_text().splitlines()]
    stages, total, peak = totals(pieces)
    return {
        "engine": name,
        "articles": articles,
        "seconds": round(total, 1),
        "articles_per_second": round(articles / total, 1),
        "peak_rss_mib": round(peak),
        "driver_peak_rss_mib": round(max(p.get("driver_peak_rss_mib", 0.0) for p in pieces)),
        "driver_stage_peak_mib": driver_stage_peaks(pieces),
        "pieces": len(pieces),
        "stages_seconds": stages,
        "driver_cpu_seconds": driver_cpu(pieces),
        "copy_groups": counts["copy_groups"],
        "stories": counts["stories"],
        "threads": counts["threads"],
        "claims": counts["claims"],
        "timeline_events": counts["timeline"],
        "_story_of": story_of,
        "_digest": digest.hexdigest(),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--shards", type=int, default=16)
    ap.add_argument("--engines", default="local,ray")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--spacy", action="store_true", help="attributions with spaCy (default: rules, as --no-spacy)")
    ap.add_argument("--keep", help="generate into / reuse this folder instead of a temporary one")
    ap.add_argument("--work", help="keep the stores, outputs and timings here; run again to resume a killed run")
    ap.add_argument(
        "--story-windows",
        type=int,
        default=0,
        metavar="DAYS",
        help="place stories in windows of DAYS days, as `storyline analyze --story-windows` (default: one pass)",
    )
    ap.add_argument("-o", "--output", help="also write the JSON records here")
    args = ap.parse_args(argv)

    work = Path(args.work) if args.work else Path(tempfile.mkdtemp(prefix="bench-pipeline-"))
    work.mkdir(parents=True, exist_ok=True)
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
            rec = run_engine(name, corpus, work, args.workers, args.spacy, args.story_windows)
            story_of, digest = rec.pop("_story_of"), rec.pop("_digest")
            rec["results_digest"] = digest[:16]  # compare runs made by separate invocations
            gold = {aid: ev for aid, ev in events.items() if aid in story_of}
            rec["story_bcubed_f1"] = round(score_labels(gold, story_of)["bcubed_f1"], 3)
            if records:
                rec["same_results_as_" + records[0]["engine"]] = digest == digests[0]
            digests.append(digest)
            records.append(rec)
            print(json.dumps(rec), file=sys.stderr, flush=True)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    meta = {
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "workers": args.workers,
        "spacy": args.spacy,
        "story_windows": args.story_windows,
    }
    if args.output:
        Path(args.output).write_text(json.dumps({"meta": meta, "runs": records}, indent=2) + "\n")
    stage_names = list(dict.fromkeys(k for r in records for k in r["stages_seconds"]))
    print(
        "| engine | articles | seconds | articles/s | peak RSS (MiB) | driver peak RSS (MiB) | "
        + " | ".join(stage_names)
        + " |"
    )
    print("|---" * (6 + len(stage_names)) + "|")
    for r in records:
        print(
            f"| {r['engine']} | {r['articles']} | {r['seconds']} | {r['articles_per_second']} | {r['peak_rss_mib']} | "
            f"{r['driver_peak_rss_mib']} | "
            + " | ".join(str(r["stages_seconds"].get(s, "")) for s in stage_names)
            + " |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
