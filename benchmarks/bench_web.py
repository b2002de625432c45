"""Load test of the web server on localhost with the example corpus: requests per second and error rate.

    python benchmarks/bench_web.py [--requests 1500] [--seconds 20] [--concurrency 8] [--write docs/web.md]

Starts uvicorn in a subprocess on a free localhost port over a store of examples/ as the pipeline
analyses it (tests/test_web_fixture.analysed_examples: rules path, sentence encoder off), then sends a
bounded number of GETs (per endpoint: at most --requests, at most --seconds) from --concurrency client
threads. The named alternative is /api/health, the cheapest endpoint: its rate is the floor of the
framework, server and client, and every other rate is also given as a ratio to it.
"""

from __future__ import annotations

import argparse
import os
import platform
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

ENDPOINTS = [
    ("health (baseline)", "/api/health"),
    ("story page", "/stories/{story}"),
    ("stories page", "/"),
    ("stories page, search", "/?q=spillway"),
    ("article page", "/articles/text%2F02_reprint_northern_ledger"),
    ("API story", "/api/stories/{story}"),
    ("API stories, search", "/api/stories?q=dam"),
]
"""The story is the one of the wire text/01_wire_meridian and its copies (its id is a digest the pipeline makes)."""
START, END = "<!-- bench:start -->", "<!-- bench:end -->"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_server(db: Path, port: int) -> subprocess.Popen:
    code = (
        "import uvicorn; from storyline.web import create_app; "
        f"uvicorn.run(create_app({str(db)!r}), host='127.0.0.1', port={port}, log_level='warning', access_log=False)"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("server did not start")


def _load(base: str, path: str, total: int, seconds: float, concurrency: int) -> dict[str, float]:
    lock = threading.Lock()
    sent = 0
    errors = 0
    latencies: list[float] = []
    stop_at = time.monotonic() + seconds

    def worker() -> None:
        nonlocal sent, errors
        with httpx.Client(base_url=base, timeout=10) as client:
            while True:
                with lock:
                    if sent >= total or time.monotonic() > stop_at:
                        return
                    sent += 1
                t0 = time.perf_counter()
                try:
                    ok = client.get(path).status_code == 200
                except httpx.HTTPError:
                    ok = False
                dt = time.perf_counter() - t0
                with lock:
                    latencies.append(dt)
                    errors += not ok

    t0 = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    latencies.sort()
    return {
        "requests": len(latencies),
        "rps": len(latencies) / wall,
        "errors": errors,
        "p50": statistics.median(latencies) * 1000,
        "p95": latencies[int(0.95 * (len(latencies) - 1))] * 1000,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=1500, help="most requests per endpoint")
    ap.add_argument("--seconds", type=float, default=20.0, help="most seconds per endpoint")
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--write", help="replace the figures between the bench markers of this Markdown file")
    args = ap.parse_args()
    from test_web_fixture import W, analysed_examples, copy_store

    with tempfile.TemporaryDirectory() as tmp:
        db = copy_store(analysed_examples(), Path(tmp) / "bench.db")
        port = _free_port()
        proc = _start_server(db, port)
        try:
            base = f"http://127.0.0.1:{port}"
            [story] = httpx.get(f"{base}/api/articles/{W}", timeout=30).json()["stories"]
            endpoints = [(name, path.format(story=story["id"])) for name, path in ENDPOINTS]
            for _, path in endpoints:
                assert httpx.get(base + path, timeout=30).status_code == 200, path
            rows = [
                (name, path, _load(base, path, args.requests, args.seconds, args.concurrency))
                for name, path in endpoints
            ]
        finally:
            proc.terminate()
            proc.wait(timeout=10)
    floor = rows[0][2]["rps"]
    total = sum(r["requests"] for _, _, r in rows)
    errs = sum(r["errors"] for _, _, r in rows)
    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} CPU(s), Python {platform.python_version()}; one uvicorn "
        "worker, "
        f"client and server on the same host; {args.concurrency} client threads; at most {args.requests} requests or "
        f"{args.seconds:g} s per endpoint.",
        "",
        "| endpoint | path | requests | req/s | ratio to health | p50 ms | p95 ms | errors |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, path, r in rows:
        lines.append(
            f"| {name} | `{path}` | {r['requests']} | {r['rps']:.0f} | {r['rps'] / floor:.2f} | {r['p50']:.1f} | "
            f"{r['p95']:.1f} | {r['errors']} |"
        )
    lines += ["", f"Error rate: {errs}/{total} = {errs / max(total, 1):.2%}."]
    table = "\n".join(lines)
    print(table)
    if args.write:
        doc = Path(args.write)
        text = doc.read_text(encoding="utf-8")
        if START in text and END in text:
            head, rest = text.split(START, 1)
            _, tail = rest.split(END, 1)
            doc.write_text(f"{head}{START}\n{table}\n{END}{tail}", encoding="utf-8")
    return 1 if errs else 0


if __name__ == "__main__":
    sys.exit(main())
