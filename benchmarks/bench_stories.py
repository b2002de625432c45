"""Throughput and memory of the story stage on a generated corpus (default 100k articles).

    python benchmarks/bench_stories.py --n 100000 [--days 365] [--dense] [--windows 60 --workers 2]

Prints a Markdown table: articles/s for the whole stage (features + placement), for feature
extraction alone (the named alternative it is compared with: the floor any TF-IDF method pays),
peak resident memory, stories found and BCubed F1 against the generator's events.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import string
import sys
import time
from datetime import date, timedelta

from storyline.evaluate.clusters import score_labels
from storyline.model import Article
from storyline.stories import StoryClusterer
from storyline.stories.features import group_features


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(4, 9))).capitalize()


def generate(n: int, seed: int = 7, days: int = 365) -> tuple[list[Article], dict[str, str]]:
    """n articles from events spread over ``days`` days (a year by default; fewer days, a denser
    stream with more stories active at once): each event has its own actors, place, words, numbers."""
    rng = random.Random(seed)
    vocab = ["".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 10))) for _ in range(20000)]
    weights = [1.0 / (i + 1) for i in range(len(vocab))]
    common = rng.choices(vocab, weights=weights, k=200000)
    start = date(2031, 1, 1)
    arts: list[Article] = []
    gold: dict[str, str] = {}
    ev = 0
    while len(arts) < n:
        ev += 1
        actors = [f"{_name(rng)} {_name(rng)}" for _ in range(3)]
        place = _name(rng)
        topic = rng.sample(vocab[200:], 25)
        nums = [str(rng.randint(10, 5000)) for _ in range(4)]
        day = start + timedelta(days=rng.randint(0, days - 1))
        for k in range(min(rng.randint(1, 8), n - len(arts))):
            sents = []
            for _ in range(rng.randint(8, 14)):
                words = rng.sample(topic, 4) + [common[rng.randrange(len(common))] for _ in range(10)]
                rng.shuffle(words)
                sents.append(f"{rng.choice(actors)} in {place} " + " ".join(words) + f" {rng.choice(nums)}.")
            aid = f"e{ev}-{k}"
            title = f"{actors[0]} " + " ".join(rng.sample(topic, 5))
            pub = (day + timedelta(days=rng.randint(0, 2))).isoformat()
            arts.append(Article(id=aid, title=title, text=" ".join(sents), published=pub, source=f"outlet{k}"))
            gold[aid] = f"e{ev}"
    return arts, gold


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=100_000)
    ap.add_argument("--days", type=int, default=365, help="days the events are spread over (fewer: denser)")
    ap.add_argument("--dense", action="store_true", help="also add model2vec embeddings (needs the model)")
    ap.add_argument(
        "--compare-exact",
        action="store_true",
        help="also run the stage with every single-link cosine computed (no upper-bound pruning) and compare",
    )
    ap.add_argument(
        "--windows",
        type=int,
        default=0,
        help="also place in windows of this many days (in process, and on Ray with --workers) and compare",
    )
    ap.add_argument("--workers", type=int, default=0, help="with --windows: Ray workers (0: in process only)")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    arts, gold = generate(args.n, days=args.days)
    gen_s = time.perf_counter() - t0
    rss0 = peak_rss_mib()

    t0, c0 = time.perf_counter(), time.process_time()
    for a in arts:
        group_features(a.id, [a])
    feat_cpu = time.process_time() - c0

    params = {}
    if args.dense:
        from storyline.stories.embed import default_embedder

        params = {"embedder": default_embedder(), "dense": True}
    load0 = os.getloadavg()[0]
    t0, c0 = time.perf_counter(), time.process_time()
    c = StoryClusterer(**params)
    batch = 5000
    for i in range(0, len(arts), batch):
        c.add(arts[i : i + batch])
    stage_s, stage_cpu = time.perf_counter() - t0, time.process_time() - c0
    load1 = os.getloadavg()[0]
    rss1 = peak_rss_mib()
    stories = c.stories()
    pred = {a: s.id for s in stories for a in s.article_ids}
    sc = score_labels(gold, pred)
    state = len(c.to_bytes())
    n = len(arts)
    print(
        f"machine: {platform.processor() or platform.machine()}, Python {sys.version.split()[0]}; generated in "
        f"{gen_s:.1f} s"
    )
    print()
    print("| measure | value |")
    print("|---|---|")
    print(
        f"| articles | {n} over {args.days} days (batches of {batch}, {'with' if args.dense else 'without'} "
        "embeddings) |"
    )
    print(f"| story stage, wall clock | {stage_s:.1f} s, **{n / stage_s:.0f} articles/s** |")
    print(f"| story stage, CPU time of this process | {stage_cpu:.1f} s, **{n / stage_cpu:.0f} articles/s** |")
    print(
        f"| feature extraction alone (alternative: floor of any TF-IDF pass), CPU | {feat_cpu:.1f} s, "
        f"{n / feat_cpu:.0f} articles/s |"
    )
    print(f"| stage / features-only CPU time ratio | {stage_cpu / feat_cpu:.2f} |")
    print(
        f"| machine load average (1 min) before / after the stage | {load0:.1f} / {load1:.1f} on {os.cpu_count()} "
        "cores |"
    )
    print(f"| peak RSS before / after the stage | {rss0:.0f} / {rss1:.0f} MiB |")
    print(f"| serialised state (to_bytes) | {state / 2**20:.1f} MiB |")
    print(f"| stories (generator events) | {len(stories)} ({len(set(gold.values()))}) |")
    print(f"| BCubed P / R / F1 vs generator | {sc['bcubed_p']:.3f} / {sc['bcubed_r']:.3f} / {sc['bcubed_f1']:.3f} |")
    if args.compare_exact:
        exact = StoryClusterer(**params)
        exact._bound_is_safe = lambda: False  # the alternative: every single-link cosine computed
        c0 = time.process_time()
        for i in range(0, len(arts), batch):
            exact.add(arts[i : i + batch])
        exact_cpu = time.process_time() - c0
        same = {s.id: s.article_ids for s in exact.stories()} == {s.id: s.article_ids for s in stories}
        print(
            f"| alternative: every single-link cosine computed, CPU | {exact_cpu:.1f} s, {n / exact_cpu:.0f} "
            "articles/s "
            f"(pruned is **{exact_cpu / stage_cpu:.2f}x** faster; same stories: {same}) |"
        )
    if args.windows:
        _compare_windows(arts, gold, args.windows, args.workers)
    return 0


def _compare_windows(arts: list[Article], gold: dict[str, str], days: int, workers: int) -> None:
    """Wall time of a first placement of the whole stream: one pass (the alternative) vs windows of
    ``days``, in this process and on ``workers`` Ray workers; BCubed of each against the generator."""
    runs = [("one pass, this process", 0, None), (f"windows of {days} days, this process", days, None)]
    engine = None
    if workers:
        from storyline.engines import open_engine

        engine = open_engine("ray", num_cpus=workers)
        list(engine.imap(len, [[0]] * (2 * workers)))  # workers started before the clock
        runs.append((f"windows of {days} days, Ray, {workers} workers", days, engine.imap))
    base = None
    for name, split, imap in runs:
        c = StoryClusterer(split_days=split)
        t0, c0 = time.perf_counter(), time.process_time()
        placed = c.add(arts, imap=imap)
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        base = base or wall
        f1 = score_labels(gold, placed)["bcubed_f1"]
        print(
            f"| {name}: wall / CPU of this process | {wall:.1f} s / {cpu:.1f} s, {len(arts) / wall:.0f} articles/s "
            f"(**{base / wall:.2f}x** one pass), {len(c.stories())} stories, BCubed F1 {f1:.3f} |"
        )
    if engine is not None:
        engine.close()


if __name__ == "__main__":
    sys.exit(main())
