"""The driver's share of the sources-and-timeline stage: what the process that owns the store does per
scope batch, when the workers hand back claim and event objects (to be converted and written as JSON
there) against when they hand back the JSON rows themselves (only inserted there).

    python benchmarks/bench_scope_writes.py [--n 2000]

Both paths get the same batches' results as pickled bytes (as an engine hands them over) and write
them into a fresh SQLite store each; times are of the driver's side only, in one process.
"""

from __future__ import annotations

import argparse
import json
import pickle
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_gen import write_corpus  # noqa: E402

from storyline import pipeline  # noqa: E402
from storyline.model import to_plain  # noqa: E402
from storyline.store import open_store, result_row  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000)
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="bench-scope-writes-"))
    write_corpus(tmp / "corpus", args.n, 1)
    with open_store(str(tmp / "in.db")) as store:
        pipeline.ingest([str(tmp / "corpus")], store)
        articles = list(store.iter_articles())
    batches = [
        pipeline.ScopeBatch(articles[i : i + pipeline.CHUNK], {}, {}, {}, {}, {})
        for i in range(0, len(articles), pipeline.CHUNK)
    ]
    objects, rows, items = [], [], 0
    for b in batches:
        claims, events = pipeline.analyse_scopes(b, nlp=None)
        objects.append(pickle.dumps((claims, events), protocol=5))
        rows.append(
            pickle.dumps(
                {
                    "claims": [result_row(to_plain(c)) for c in claims],
                    "timeline": [result_row(to_plain(e)) for e in events],
                },
                protocol=5,
            )
        )
        items += len(claims) + len(events)

    def objects_path(store, blob: bytes, start: dict[str, int]) -> None:
        claims, events = pickle.loads(blob)
        for kind, items in (("claims", claims), ("timeline", events)):
            store.add_results(kind, [to_plain(x) for x in items], start[kind])
            start[kind] += len(items)

    def rows_path(store, blob: bytes, start: dict[str, int]) -> None:
        for kind, part in pickle.loads(blob).items():
            store.add_result_rows(kind, part, start[kind])
            start[kind] += len(part)

    seconds = {}
    for name, fn, blobs in (("objects", objects_path, objects), ("rows", rows_path, rows)) * 2:
        with open_store(str(tmp / f"{name}-{len(seconds)}.db")) as store:
            start = {"claims": 0, "timeline": 0}
            t = time.process_time()
            for blob in blobs:
                fn(store, blob, start)
            seconds.setdefault(name, []).append(time.process_time() - t)
    shutil.rmtree(tmp, ignore_errors=True)
    best = {k: min(v) for k, v in seconds.items()}
    print(
        json.dumps(
            {
                "articles": len(articles),
                "batches": len(batches),
                "rows": items,
                "driver_ms_per_article": {k: round(1000 * v / len(articles), 3) for k, v in best.items()},
                "ratio": round(best["objects"] / best["rows"], 2),
            }
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
