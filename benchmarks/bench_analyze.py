"""Default analysis (spaCy attributions) on the dev files: this checkout against a git revision, stage by stage.

    python benchmarks/bench_analyze.py                      # today's path and the new one, this checkout
    python benchmarks/bench_analyze.py --nlp rules
    python benchmarks/bench_analyze.py --against REV        # and the analysis at git revision REV
    python benchmarks/bench_analyze.py --one-process        # and this checkout without worker processes
    python benchmarks/bench_analyze.py --compare-attributions   # whole-article parse vs the parsed runs
    python benchmarks/bench_analyze.py --components 300     # CPU of each spaCy component, stock and ours

"Today's path" is this checkout with the analysis as it was before issue 23: every article parsed whole
by the stock spaCy pipeline (all components, spaCy's attribute ruler, ``nlp.pipe``), everything in one
process. Each side runs in a fresh process on
a fresh SQLite store: ingest (read, clean, store), then ``run_analysis``, timed per stage ("copies",
"dates", "stories" with threads, "sources" with the timeline, "results"), wall-clock and CPU (this
process and its worker processes). The first analysis is of the corpus without its last ``--add``
articles (ingest is timed on all of them and counted pro rata); this checkout then adds those articles
and analyses again (the scopes it re-analysed are counted), then reruns with nothing new. ``--against``
extracts ``storyline/`` of REV with ``git archive`` and runs the same timing on it.
``--components N`` parses N dev articles (a fixed sample) with the stock pipeline and with the one the
analysis loads, component by component, one after the other in one process, and times the attribution
finder on the parsed Docs. ``--compare-attributions`` parses every dev article both ways (one Doc of the
whole text, as before; Docs of the runs of sentences that may hold a cue, as now) and counts the
attributions that agree. The machine may be shared: compare the two sides of one run, not runs of
different days.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import logging
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEV = Path("/work/shared/data/dev")
FILES = ("ecbplus_dev.jsonl", "allsides_dev.jsonl", "mmds_dev.jsonl")
STAGES = ("copies", "dates", "stories", "sources", "results")


def _cpu() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _stock_nlp():
    """The pipeline as loaded before issue 23: spaCy's own components, with the line-break sentence rule."""
    import spacy

    from storyline.sources.nlp import MODEL_NAMES, with_line_breaks

    for name in MODEL_NAMES:
        try:
            return with_line_breaks(spacy.load(name))
        except (OSError, ImportError):
            continue
    return None


def _whole_docs(articles, nlp="default", **_):
    """Attributions as before issue 23: one Doc of each whole article, every stock component, one process."""
    from storyline.sources import attribution as at

    global STOCK
    if nlp == "default":
        STOCK = STOCK or _stock_nlp()
        nlp = STOCK
    if nlp is None:
        yield from at.attribute_many(articles, nlp=None)
        return
    for doc, a in nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=32):
        yield a, at.build(a, *at.find(a, nlp, doc=doc))


EMBED = "auto"
STOCK = None


def _timed_analysis(store, nlp: str, **kw) -> dict:
    """``run_analysis`` on the store, timed by stage."""
    from storyline import pipeline

    marks: list[tuple[str, float]] = []
    start, cpu = time.perf_counter(), _cpu()
    counts = pipeline.run_analysis(
        store,
        nlp=None if nlp == "rules" else "default",
        on_stage=lambda s: marks.append((s, time.perf_counter())),
        embed=EMBED,
        **kw,
    )
    end = time.perf_counter()
    marks.append(("end", end))
    stages = {name: round(b - a, 2) for (name, a), (_, b) in zip(marks, marks[1:])}
    stages["load"] = round(marks[0][1] - start, 2)
    return {"seconds": round(end - start, 2), "cpu": round(_cpu() - cpu, 2), "stages": stages, "counts": counts}


def _digest(store) -> str:
    from storyline import pipeline

    h = hashlib.sha1()
    for kind in pipeline.RESULT_KINDS:
        for item in store.iter_results(kind):
            h.update(json.dumps(item, sort_keys=True).encode())
    return h.hexdigest()[:16]


def run(paths: list[str], nlp: str, add: int, incremental: bool, today: bool, workers: int | None = None) -> dict:
    """Time ingest of ``paths`` into a fresh store, then a first analysis of all but the last ``add`` articles
    in another fresh store (with ``incremental``, then the last ``add`` articles added and analysed, and a
    rerun with nothing new); ``today``: the analysis as it was before issue 23; ``workers``: as
    ``run_analysis(workers=...)``."""
    from storyline import pipeline
    from storyline.steps import sources as step
    from storyline.store import SQLiteStore

    kw = {} if workers is None else {"workers": workers}
    if today:
        step.attribute_many = _whole_docs
        kw = {"workers": 1}
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        store = SQLiteStore(Path(tmp) / "ingest.db")
        t, cpu = time.perf_counter(), _cpu()
        report = pipeline.ingest(paths, store)
        out["ingested"] = report.added
        out["ingest"] = {"seconds": round(time.perf_counter() - t, 2), "cpu": round(_cpu() - cpu, 2)}
        articles = list(store.iter_articles())
        store.close()
        store = SQLiteStore(Path(tmp) / "analysis.db")
        store.add_articles(articles[:-add])
        out["articles"] = len(articles) - add
        out["first"] = _timed_analysis(store, nlp, **kw)
        out["first"]["digest"] = _digest(store)
        total = out["ingest"]["seconds"] * out["articles"] / out["ingested"] + out["first"]["seconds"]
        out["articles_per_s"] = round(out["articles"] / total, 1)
        out["analysis_articles_per_s"] = round(out["articles"] / out["first"]["seconds"], 1)
        if not incremental:
            return out
        analysed: list[int] = []

        class Counted(logging.Handler):
            """The sources step's log line "scopes analysed: N of M" (its workers may be other processes)."""

            def emit(self, record: logging.LogRecord) -> None:
                if record.msg.startswith("scopes analysed"):
                    analysed.append(record.args[0])

        counter = Counted(logging.INFO)
        log = logging.getLogger("storyline")
        log.addHandler(counter)
        log.setLevel(logging.INFO)
        store.add_articles(articles[-add:])
        out["added"] = _timed_analysis(store, nlp)
        out["added"].update({"articles": add, "scopes_analysed": sum(analysed), "digest": _digest(store)})
        stories = list(store.iter_results("stories"))
        out["added"]["scopes"] = (
            len({s["thread"] or s["id"] for s in stories})
            + store.count_articles()
            - sum(len(s["article_ids"]) for s in stories)
        )
        analysed.clear()
        out["rerun"] = _timed_analysis(store, nlp)
        out["rerun"]["scopes_analysed"] = sum(analysed)
        log.removeHandler(counter)
    return out


def compare_attributions(paths: list[str]) -> dict:
    """Attributions of every article from one Doc of its whole text against those from its parsed runs."""
    from storyline.pipeline import read_articles
    from storyline.sources import attribution as at
    from storyline.sources.nlp import load_nlp
    from storyline.sources.prefilter import chunks
    from storyline.sources.rules import split_sentences

    articles, _ = read_articles(paths)
    nlp = load_nlp()
    at.PARSE_RUNS = True
    t = time.perf_counter()
    new = list(at.attribute_many(articles, nlp=nlp))
    new_s = time.perf_counter() - t
    t = time.perf_counter()
    old = []
    for doc, a in nlp.pipe(((a.text, a) for a in articles), as_tuples=True, batch_size=32):
        old.append((a, at.build(a, *at.find(a, nlp, doc=doc))))
    old_s = time.perf_counter() - t

    def keyed(pairs, cued):
        return {
            (x.article_id, x.start, x.end, tuple((c.name, c.kind) for c in x.chain))
            for _, xs in pairs
            for x in xs
            if bool(x.cue) or not cued
        }

    def spans(pairs):
        return {(x.article_id, x.start, x.end) for _, xs in pairs for x in xs if x.cue}

    chars = sum(len(a.text) for a in articles)
    parsed = sum(y - x for a in articles for x, y in chunks(a.text, split_sentences(a.text)))
    return {
        "articles": len(articles),
        "share_of_text_parsed": round(parsed / chars, 3),
        "whole_doc_s": round(old_s, 1),
        "runs_s": round(new_s, 1),
        "speedup": round(old_s / new_s, 2),
        "articles_identical": sum(x == y for (_, x), (_, y) in zip(old, new)),
        "attributions": [sum(len(x) for _, x in old), sum(len(y) for _, y in new)],
        "cued_spans": [len(spans(old)), len(spans(new)), len(spans(old) & spans(new))],
        "cued_with_same_chain": [
            len(keyed(old, True)),
            len(keyed(new, True)),
            len(keyed(old, True) & keyed(new, True)),
        ],
    }


def components(paths: list[str], n: int) -> dict:
    """CPU seconds of each component of the stock pipeline and of the analysis's own (``load_nlp``) on a fixed
    sample of ``n`` articles (each pipeline warmed on 20 other articles first), and of finding the
    attributions in the parsed Docs; each step runs for one pipeline right after the other's, so both see
    about the same load on a shared machine."""
    import random
    import time as clock

    from storyline.pipeline import read_articles
    from storyline.sources.nlp import load_nlp
    from storyline.sources.parse import find_in_doc

    articles, _ = read_articles(paths)
    sample = random.Random(1).sample(articles, min(n + 20, len(articles)))
    warm, texts = [a.text for a in sample[:20]], [a.text for a in sample[20:]]
    out: dict = {"articles": len(texts), "characters": sum(map(len, texts))}
    pipelines = {"stock": _stock_nlp(), "ours": load_nlp()}
    docs: dict[str, list] = {}
    cpu: dict[str, dict[str, float]] = {label: {} for label in pipelines}

    def timed(label: str, name: str, step) -> None:
        t = clock.process_time()
        docs[label] = step(docs.get(label))
        cpu[label][name] = clock.process_time() - t

    for label, nlp in pipelines.items():
        list(nlp.pipe(warm))
    for label, nlp in pipelines.items():
        timed(label, "tokenizer", lambda _, nlp=nlp: [nlp.make_doc(x) for x in texts])
    stages = zip(*(nlp.pipeline for nlp in pipelines.values()))
    for stage in stages:
        for label, (name, proc) in zip(pipelines, stage):
            run = (lambda ds, p=proc: list(p.pipe(ds, batch_size=64))) if hasattr(proc, "pipe") else None
            timed(label, name, run or (lambda ds, p=proc: [p(d) for d in ds]))
    find_in_doc(docs["ours"][0])
    for label in pipelines:
        t = clock.process_time()
        found = [find_in_doc(d) for d in docs[label]]
        cpu[label]["find attributions"] = clock.process_time() - t
        out[label + "_found"] = sum(map(len, found))
    for label in pipelines:
        out[label] = {k: round(v, 2) for k, v in cpu[label].items()} | {"total": round(sum(cpu[label].values()), 2)}
    return out


def run_at(
    root: Path, args: argparse.Namespace, incremental: bool, today: bool = False, workers: int | None = None
) -> dict:
    """This script in a subprocess, importing ``storyline`` from ``root``."""
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--root",
        str(root),
        "--nlp",
        args.nlp,
        "--add",
        str(args.add),
        "--embed",
        args.embed,
        "--json",
        *(["--incremental"] if incremental else []),
        *(["--today"] if today else []),
        *(["--workers", str(workers)] if workers else []),
        *args.paths,
    ]
    got = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(got.strip().splitlines()[-1])


def _component_table(got: dict) -> str:
    pairs = itertools.zip_longest(got["stock"], got["ours"])
    names = [k for k in dict.fromkeys(k for pair in pairs for k in pair) if k is not None]
    rows = [f"{got['articles']} articles, {got['characters']:,} characters; CPU seconds, one process", ""]
    rows += ["| component | stock | ours |", "|---|---|---|"]
    rows += [f"| {k} | {got['stock'].get(k, '')} | {got['ours'].get(k, '')} |" for k in names]
    rows.append(f"attributions found: {got['stock_found']} / {got['ours_found']}")
    return "\n".join(rows)


def show(label: str, r: dict) -> None:
    f = r["first"]
    print(
        f"{label}: {r['articles']} articles, {r['articles_per_s']} articles/s ingest + analysis "
        f"({r['analysis_articles_per_s']}/s analysis alone); wall {r['ingest']['seconds'] + f['seconds']:.1f} s, "
        f"CPU {r['ingest']['cpu'] + f['cpu']:.1f} s"
    )
    print(
        "  "
        + "  ".join(f"{k} {f['stages'].get(k, 0):.2f}" for k in ("load", *STAGES))
        + f"  (ingest {r['ingest']['seconds']:.2f})"
    )
    if "rerun" in r:
        a = r["added"]
        print(
            f"  rerun, nothing new: {r['rerun']['seconds']:.2f} s;  {a['articles']} articles added: "
            f"{a['seconds']:.2f} s, "
            f"{a['scopes_analysed']} of {a['scopes']} scopes analysed"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", default=[str(DEV / f) for f in FILES])
    ap.add_argument("--against", metavar="REV", help="also time the analysis at this git revision")
    ap.add_argument("--nlp", choices=["default", "rules"], default="default")
    ap.add_argument(
        "--embed",
        choices=["auto", "on", "off"],
        default="auto",
        help="claims with sentence embeddings (as analyze --embed)",
    )
    ap.add_argument("--add", type=int, default=10, help="articles added for the incremental run (default 10)")
    ap.add_argument("--compare-attributions", action="store_true")
    ap.add_argument("--components", type=int, metavar="N", help="time each spaCy component on N articles")
    ap.add_argument("--incremental", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--today", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--workers", type=int, help=argparse.SUPPRESS)
    ap.add_argument(
        "--one-process", action="store_true", help="also time this checkout in one process (no worker processes)"
    )
    ap.add_argument("--root", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--json", action="store_true", help="print the figures as one JSON line")
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger().handlers[0].setLevel(logging.WARNING)
    global EMBED
    EMBED = args.embed

    if args.compare_attributions:
        print(json.dumps(compare_attributions(args.paths)))
        return 0
    if args.components:
        got = components(args.paths, args.components)
        print(json.dumps(got) if args.json else _component_table(got))
        return 0
    if args.root is not None:
        sys.path.insert(0, str(args.root))
        print(json.dumps(run(args.paths, args.nlp, args.add, args.incremental, args.today, args.workers)))
        return 0
    results = {}
    if args.against:
        with tempfile.TemporaryDirectory() as tmp:
            archive = subprocess.run(
                ["git", "-C", str(ROOT), "archive", args.against, "storyline"], check=True, capture_output=True
            ).stdout
            subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
            results["at_rev"] = run_at(Path(tmp), args, incremental=False)
    results["before"] = run_at(ROOT, args, incremental=False, today=True)
    if args.one_process:
        results["one_process"] = run_at(ROOT, args, incremental=False, workers=1)
    results["after"] = run_at(ROOT, args, incremental=True)
    if args.json:
        print(json.dumps(results))
        return 0
    if "at_rev" in results:
        show(f"at {args.against}", results["at_rev"])
    show("today's path (whole articles parsed, one process)", results["before"])
    if "one_process" in results:
        show("this checkout, one process", results["one_process"])
    show("this checkout", results["after"])
    b, a = results["before"], results["after"]
    print(
        f"speed-up: {a['articles_per_s'] / b['articles_per_s']:.2f}x ingest + analysis, "
        f"{a['analysis_articles_per_s'] / b['analysis_articles_per_s']:.2f}x analysis, CPU "
        f"{(b['ingest']['cpu'] + b['first']['cpu']) / (a['ingest']['cpu'] + a['first']['cpu']):.2f}x less"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
