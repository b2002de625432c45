"""Copy-stage benchmark: copies planted in real news text, scored and timed against datasketch.

    python benchmarks/bench_copies.py accuracy            # planted copies in ../shared/data/dev texts
    python benchmarks/bench_copies.py scale -n 1000000    # synthetic corpus of ~3 KB articles
    python benchmarks/bench_copies.py real-origins        # origins of the dev files' real copies (earliest date)

Base texts are read at run time from ../shared/data/dev (only ``id`` and ``text``; never ``gold``) and
are never written anywhere. Copies are planted by storyline.evaluate.planted (the generator that
``storyline evaluate copies`` uses too) at several strengths (reprints with house edits,
trims, boilerplate, inserted local paragraphs, character noise); a copy pair is any two articles of
one planted family. Everything compared runs in this script on the same articles.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import resource
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storyline.copies import CopyIndex, CopyParams
from storyline.copies.direction import copy_direction, own_text
from storyline.copies.minhash import signatures
from storyline.copies.overlap import Overlap
from storyline.copies.sentences import split_sentences
from storyline.copies.shingles import shingle_sets
from storyline.evaluate import planted
from storyline.evaluate.copies import recall_by_strength, score, score_origins
from storyline.evaluate.planted import STRENGTHS, MarkovText, base_texts, plant, read_rows
from storyline.evaluate.real_origins import TIES, tie_rule
from storyline.model import Article

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "dev"


# ---------------------------------------------------------------- base texts and planting (storyline.evaluate.planted)


def load_base() -> list[str]:
    """Texts of the dev files that are long enough and mostly Latin script (ids and texts only)."""
    return base_texts(row for path in sorted(DEV.glob("*.jsonl")) for row in read_rows(path))


def planted_corpus(seed: int = 7, copies_per_origin: tuple[int, int] = (1, 3)):
    """Articles (shuffled), each article's family and strength: :func:`storyline.evaluate.planted.planted_corpus`
    on the dev texts."""
    return planted.planted_corpus(load_base(), seed, copies_per_origin)


def origin_corpus(n: int, seed: int, generator: str, harder: bool = False):
    """Planted same-day reprints of ``n`` dev articles (:func:`storyline.evaluate.planted.origin_corpus`)."""
    return planted.origin_corpus(load_base(), n, seed, generator, harder)


# ---------------------------------------------------------------- the systems compared


def union_find_groups(n: int, links) -> list[list[int]]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in links:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    comps: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        comps[find(i)].append(i)
    return [g for g in comps.values() if len(g) > 1]


def run_ours(articles: list[Article], params: CopyParams) -> tuple[list[list[int]], float, CopyIndex]:
    t0 = time.perf_counter()
    index = CopyIndex(params)
    index.add(articles)
    groups = index.groups()
    elapsed = time.perf_counter() - t0
    row = {a.id: i for i, a in enumerate(articles)}
    return [[row[m.article_id] for m in g.members] for g in groups], elapsed, index


def _identity(x):
    return x


def run_datasketch(articles: list[Article], params: CopyParams, verify: bool) -> tuple[list[list[int]], float]:
    """datasketch MinHash + MinHashLSH with the same shingles, num_perm and bands; optionally the same verification."""
    from datasketch import MinHash, MinHashLSH

    t0 = time.perf_counter()
    sets = []
    for i in range(0, len(articles), 2000):
        sets.extend(shingle_sets([a.text for a in articles[i : i + 2000]], params.shingle_size))
    lsh = MinHashLSH(num_perm=params.num_perm, params=(params.bands, params.rows))
    hashes = []
    with lsh.insertion_session() as session:
        for i, s in enumerate(sets):
            m = MinHash(num_perm=params.num_perm, seed=params.seed, hashfunc=_identity)
            m.update_batch(s.tolist())
            hashes.append(m)
            if len(s) >= params.min_shared:
                session.insert(i, m, check_duplication=False)
    links = []
    for i, m in enumerate(hashes):
        if len(sets[i]) < params.min_shared:
            continue
        for j in lsh.query(m):
            if j > i and (not verify or Overlap.of(sets[i], sets[j]).is_copy(params)):
                links.append((i, j))
    groups = union_find_groups(len(articles), links)
    return groups, time.perf_counter() - t0


# ---------------------------------------------------------------- kernels


def numpy_kernel(sets: list[np.ndarray], num_perm: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 2**63, num_perm, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**63, num_perm, dtype=np.uint64)
    flat = np.concatenate(sets).astype(np.uint64)
    starts = np.concatenate(([0], np.cumsum([len(s) for s in sets])[:-1]))
    out = np.empty((len(sets), num_perm), dtype=np.uint32)
    for i in range(num_perm):
        out[:, i] = np.minimum.reduceat((flat * a[i] + b[i]) >> np.uint64(32), starts).astype(np.uint32)
    return out


def datasketch_kernel(sets: list[np.ndarray], num_perm: int, seed: int) -> np.ndarray:
    from datasketch import MinHash

    out = np.empty((len(sets), num_perm), dtype=np.uint32)
    for i, s in enumerate(sets):
        m = MinHash(num_perm=num_perm, seed=seed, hashfunc=_identity)
        m.update_batch(s.tolist())
        out[i] = m.hashvalues
    return out


def rensa_kernel(sets: list[np.ndarray], num_perm: int, seed: int) -> np.ndarray:
    return signatures(sets, num_perm, seed)


def compare_kernels(sets: list[np.ndarray], pairs: list[tuple[int, int]], num_perm: int = 128) -> list[dict]:
    exact = np.array([Overlap.of(sets[a], sets[b]).jaccard for a, b in pairs])
    rows = []
    for name, kernel in (
        ("rensa (Rust, pre-hashed)", rensa_kernel),
        ("numpy (K permutations)", numpy_kernel),
        ("datasketch MinHash", datasketch_kernel),
    ):
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            sig = kernel(sets, num_perm, 42)
            best = min(best, time.perf_counter() - t0)
        est = np.array([(sig[a] == sig[b]).mean() for a, b in pairs])
        rows.append(
            {
                "kernel": name,
                "us_per_article": round(best / len(sets) * 1e6, 1),
                "mean_abs_error": round(float(np.abs(est - exact).mean()), 4),
            }
        )
    return rows


# ---------------------------------------------------------------- modes


def accuracy(args: argparse.Namespace) -> dict:
    """Copy pairs found against the planted ones (goal: copies keeping half or more of the origin),
    by system and strength; MinHash kernels; the parameter sweep; and the origin named for each
    group (right, undetermined, wrong; copies published 0-2 days after their origin)."""
    articles, family, strength = planted_corpus(args.seed)
    n = len(articles)
    goal = [s != "below-half" for s in strength]
    everyone = [True] * n
    print(f"corpus: {n} articles, {sum(s != 'origin' for s in strength)} planted copies", file=sys.stderr)
    params = CopyParams()
    result: dict = {"articles": n, "copies": {s: strength.count(s) for s in STRENGTHS}, "params": params.to_dict()}

    sets = shingle_sets([a.text for a in articles], params.shingle_size)
    origin_of = {f: i for i, (f, s) in enumerate(zip(family, strength)) if s == "origin"}
    planted_pairs = [(origin_of[f], i) for i, (f, s) in enumerate(zip(family, strength)) if s != "origin"]
    result["kernels"] = compare_kernels(sets, planted_pairs)

    systems = {}
    run_ours(articles[:200], params)  # warm caches
    groups, t, index = run_ours(articles, params)
    systems["storyline CopyIndex"] = (groups, t)
    result["verified_pairs"] = index.verified
    origin_of = {family[i]: a.id for i, a in enumerate(articles) if strength[i] == "origin"}
    truth = {a.id: origin_of[family[i]] for i, a in enumerate(articles)}
    texts = {a.id: a.text for a in articles}
    result["origins"] = {
        "texts (the pipeline)": score_origins(index.groups(texts.get), truth),
        "shingle sets only": score_origins(index.groups(), truth),
    }
    systems["datasketch MinHashLSH + same verification"] = run_datasketch(articles, params, verify=True)
    systems["datasketch MinHashLSH (candidates as copies)"] = run_datasketch(articles, params, verify=False)
    result["systems"] = {}
    for name, (groups, t) in systems.items():
        result["systems"][name] = {
            "goal (keeps >= half)": score(groups, family, goal),
            "all planted": score(groups, family, everyone),
            "recall by strength": recall_by_strength(groups, family, strength),
            "seconds": round(t, 3),
            "articles_per_second": round(n / t, 1),
        }
    ours = result["systems"]["storyline CopyIndex"]["articles_per_second"]
    theirs = result["systems"]["datasketch MinHashLSH + same verification"]["articles_per_second"]
    result["speedup_vs_datasketch"] = round(ours / theirs, 2)

    sweep = []
    for k in (3, 4, 5):
        for bands, containment in ((32, 0.5), (64, 0.4), (64, 0.5), (64, 0.6)):
            p = CopyParams(shingle_size=k, bands=bands, containment=containment)
            groups, t, _ = run_ours(articles, p)
            sweep.append(
                {
                    "shingle_size": k,
                    "bands": bands,
                    "containment": containment,
                    **score(groups, family, goal),
                    "all_f1": score(groups, family, everyone)["f1"],
                    "seconds": round(t, 2),
                }
            )
    result["sweep"] = sweep
    return result


def scale(args: argparse.Namespace) -> dict:
    base = load_base()
    rng = random.Random(args.seed)
    chain = MarkovText(base, args.seed)
    params = CopyParams(window_days=args.window)
    index = CopyIndex(params)
    family: list[int] = []
    strength: list[str] = []
    produced, fam_next, chunk_no = 0, 0, 0
    t_gen = t_index = 0.0
    chunk = args.chunk
    while produced < args.n:
        t0 = time.perf_counter()
        n_base = min(chunk, args.n - produced)
        n_base = max(1, int(n_base / 1.2))
        texts = chain.texts(n_base, args.words)
        day = 1 + chunk_no // args.chunks_per_day
        batch: list[Article] = []
        for i, text in enumerate(texts):
            fam = fam_next
            fam_next += 1
            batch.append(Article(f"a{produced + len(batch)}", text, published=_date(day)))
            family.append(fam)
            strength.append("origin")
            if rng.random() < 0.1:
                for _ in range(2):
                    s = rng.choice(list(STRENGTHS))
                    batch.append(
                        Article(
                            f"a{produced + len(batch)}",
                            plant(text, s, chain.sentences, rng),
                            published=_date(day + rng.randint(0, 1)),
                        )
                    )
                    family.append(fam)
                    strength.append(s)
        t1 = time.perf_counter()
        index.add(batch)
        t2 = time.perf_counter()
        t_gen += t1 - t0
        t_index += t2 - t1
        produced += len(batch)
        chunk_no += 1
        del batch, texts
        if chunk_no % 20 == 0:
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"{produced} articles, copy stage {t_index:.0f}s, generation {t_gen:.0f}s, peak RSS {rss:.0f} MiB",
                file=sys.stderr,
                flush=True,
            )
    t0 = time.perf_counter()
    groups = index.groups()
    t_groups = time.perf_counter() - t0
    row = {a: i for i, a in enumerate(index.ids)}
    pred = [[row[m.article_id] for m in g.members] for g in groups]
    goal = [s != "below-half" for s in strength]
    n = len(index)
    stage = t_index + t_groups
    result = {
        "articles": n,
        "mean_chars": None,
        "window_days": args.window,
        "copy_stage_seconds": round(stage, 1),
        "articles_per_second": round(n / stage, 1),
        "generation_seconds": round(t_gen, 1),
        "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "verified_pairs": index.verified,
        "goal (keeps >= half)": score(pred, family, goal),
        "recall by strength": recall_by_strength(pred, family, strength),
    }
    sample = chain.texts(200, args.words)
    result["mean_chars"] = round(sum(map(len, sample)) / len(sample))
    del index, groups, pred
    gc.collect()
    if args.datasketch:
        m = args.datasketch
        arts = [Article(f"d{i}", t) for i, t in enumerate(chain.texts(m, args.words))]
        t0 = time.perf_counter()
        ix = CopyIndex(CopyParams())
        ix.add(arts)
        ix.groups()
        ours = time.perf_counter() - t0
        _, theirs = run_datasketch(arts, CopyParams(), verify=True)
        result["same_sample"] = {
            "articles": m,
            "storyline_aps": round(m / ours, 1),
            "datasketch_aps": round(m / theirs, 1),
            "speedup": round(theirs / ours, 2),
        }
    return result


def origins(args: argparse.Namespace) -> dict:
    """Origin naming on planted reprints that carry the original's publication date and another
    outlet's name, cleaned as the pipeline cleans them: share of groups whose origin is right, wrong
    and undetermined, with the texts (the pipeline) and with shingle sets only, for each generator
    (``reprint``: the first one; ``varied``: :func:`reprint_varied`)."""
    result: dict = {"originals": args.n}
    for generator in args.generators:
        articles, truth, made = origin_corpus(args.n, args.seed, generator, args.harder)
        index = CopyIndex()
        t = time.perf_counter()
        index.add(articles)
        texts = {a.id: a.text for a in articles}
        run: dict = {"articles": len(articles)}
        for name, groups in (("texts (the pipeline)", index.groups(texts.get)), ("shingle sets only", index.groups())):
            run[name] = score_origins(groups, truth)
        for rule in args.tie or []:
            run["texts + " + rule] = score_origins(index.groups(texts.get, tie_rule(rule, articles)), truth)
        run["seconds"] = round(time.perf_counter() - t, 2)
        if args.failures is not None:
            run["failures"] = failures(index.groups(texts.get), truth, articles, made, args.failures)
        if made:
            run["made"] = {
                k: dict(sorted(Counter(str(m[k]) for m in made).items()))
                for k in ("cut", "line", "where", "mid_sentence")
            }
        result[generator + (" + harder" if args.harder else "")] = run
    return result


def real_origins(args: argparse.Namespace) -> dict:
    """Origins of the REAL copies in the dev files (:mod:`storyline.evaluate.real_origins`): the copy stage over
    their articles, dates hidden from the origin decision, scored against the earliest-published member of each
    group whose later members include another outlet (a proxy), with the texts' rules alone and with each rule
    of ``real_origins.TIES`` for the pairs they leave tied; and what page furniture the real pairs carry."""
    from storyline.evaluate.real_origins import evaluate as evaluate_real

    files = [DEV / f"{name}_dev.jsonl" for name in args.files]
    t = time.perf_counter()
    result = evaluate_real(files, args.show)
    result["seconds"] = round(time.perf_counter() - t, 2)
    return result


def _tie(origin: str, copy: str) -> str:
    """What the texts of an original and its reprint show when they do not name the original: the
    story sentences each holds that the other lacks (furniture left out)."""
    mine, theirs = own_text(origin, copy)
    n_o, n_c = len(mine.tail) + len(mine.inside), len(theirs.tail) + len(theirs.inside)
    if not n_o and not n_c:
        return "furniture only (no story sentence either lacks)"
    if n_o == 1 and not n_c:
        return "one closing sentence of the original, none of the reprint"
    if n_c == 1 and not n_o:
        return "one added sentence of the reprint, none of the original"
    if n_o == 1 and n_c == 1:
        return "one sentence each"
    return "more sentences"


def failures(groups, truth: dict[str, str], articles: list[Article], made: list[dict], show: int) -> dict:
    """The groups whose origin is undetermined or wrong: the first ``show`` in full (each candidate's
    last sentences, the lines cleaning removed, what was done to make it, the evidence), and, over all
    of them, what the texts of each (original, reprint) pair the verdict missed show (:func:`_tie`)."""
    by_id = {a.id: a for a in articles}
    how = {m["id"]: m for m in made}
    shown, ties = [], Counter()
    for g in groups:
        true = truth[g.origin]
        if not g.origin_undetermined and g.origin == true:
            continue
        cands = g.origin_candidates or [m.article_id for m in g.members]
        for c in cands:
            if c != true and truth[c] == true and true in cands:
                score, _ = copy_direction(by_id[true].text, by_id[c].text)
                ties["wrong way" if score < 0 else _tie(by_id[true].text, by_id[c].text)] += score <= 0
        if len(shown) < show:
            shown.append(
                {
                    "origin": true,
                    "named": None if g.origin_undetermined else g.origin,
                    "evidence": g.origin_evidence,
                    "candidates": {
                        c: {
                            "made": how.get(c, "original" if c == true else "reprint"),
                            "removed": [f"{r.reason}: {r.text[:80]}" for r in by_id[c].removed],
                            "ends": split_sentences(by_id[c].text)[-2:],
                        }
                        for c in cands
                    },
                }
            )
    return {"pairs not named, by what the texts show": dict(ties.most_common()), "groups": shown}


def translations(args: argparse.Namespace) -> dict:
    """Translated copies on MEANTIME (English articles with Spanish, Italian and Dutch translations;
    the four versions of one article share ``gold.story``, read here only to score), with languages
    as given and as detected; and the copy stage's time on the monolingual dev texts with and without
    the translation step, in this process."""
    from storyline.copies import add_translations, find_translations

    rows = [json.loads(line) for line in open(DEV / "meantime_dev.jsonl", encoding="utf-8")]
    story = {r["id"]: r["gold"]["story"] for r in rows}
    lang = {r["id"]: r["language"] for r in rows}
    positives = sum(
        1
        for a in rows
        for b in rows
        if a["id"] < b["id"] and story[a["id"]] == story[b["id"]] and lang[a["id"]] != lang[b["id"]]
    )
    result: dict = {"meantime_articles": len(rows), "translated_pairs": positives}
    for name, given in (("languages given", True), ("languages detected", False)):
        arts = [
            Article(r["id"], r["text"], published=r.get("published"), language=r["language"] if given else None)
            for r in rows
        ]
        pairs = find_translations(arts)
        tp = sum(story[p.a] == story[p.b] for p in pairs)
        result[name] = {
            "pairs": len(pairs),
            "right": tp,
            "other_story": len(pairs) - tp,
            "precision": round(tp / max(1, len(pairs)), 4),
            "recall": round(tp / positives, 4),
            "f1": round(2 * tp / (len(pairs) + positives), 4),
        }
    from storyline.languages import language_of

    mono = [Article(f"m{i}", t) for i, t in enumerate(load_base()) if language_of(t) == "en"]
    result["monolingual_articles"] = len(mono)
    timings = {}
    for name, extra in (("copy stage", False), ("copy stage + translations", True)):
        best = float("inf")
        for _ in range(3):
            t = time.perf_counter()
            index = CopyIndex()
            index.add(mono)
            groups = index.groups()
            if extra:
                add_translations(groups, mono)
            best = min(best, time.perf_counter() - t)
        timings[name] = round(len(mono) / best, 1)
    result["monolingual_articles_per_second"] = timings
    result["ratio"] = round(timings["copy stage"] / timings["copy stage + translations"], 3)
    return result


def _date(day: int) -> str:
    return str(np.datetime64("2024-01-01") + np.timedelta64(day, "D"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="mode", required=True)
    a = sub.add_parser("accuracy")
    a.add_argument("--seed", type=int, default=7)
    o = sub.add_parser("origins", help="origin naming on planted same-day reprints")
    o.add_argument("--seed", type=int, default=7)
    o.add_argument("-n", type=int, default=400, help="originals to plant reprints of")
    o.add_argument("--generators", nargs="+", default=["reprint", "varied"], choices=["reprint", "varied"])
    o.add_argument(
        "--failures",
        type=int,
        default=None,
        metavar="N",
        help="also count what the texts show for the groups not named right, and list N of them in full",
    )
    o.add_argument(
        "--tie",
        nargs="+",
        choices=TIES,
        help="also score with a rule for the pairs the texts leave tied (measured, not shipped: real_origins.TIES)",
    )
    o.add_argument(
        "--harder",
        action="store_true",
        help="also plant the accuracy mode's light/medium/heavy copies (inserted paragraphs, sampled sentences)",
    )
    r = sub.add_parser("real-origins", help="origin naming on the dev files' real copies, against the earliest date")
    r.add_argument(
        "--files",
        nargs="+",
        default=["gva", "allsides", "mmds", "ecbplus"],
        help="dev files (names before _dev.jsonl) to read (default: gva allsides mmds ecbplus)",
    )
    r.add_argument("--show", type=int, default=0, help="list this many scored groups in full")
    sub.add_parser("translations", help="translated copies on MEANTIME; cost on monolingual input")
    s = sub.add_parser("scale")
    s.add_argument("-n", type=int, default=100_000)
    s.add_argument("--words", type=int, default=560, help="words per synthetic article (~3 KB)")
    s.add_argument("--chunk", type=int, default=5000)
    s.add_argument("--chunks-per-day", type=int, default=4)
    s.add_argument("--window", type=int, default=None, help="expiry window in days (default: none)")
    s.add_argument("--datasketch", type=int, default=0, help="also time datasketch on this many articles")
    s.add_argument("--seed", type=int, default=7)
    ap.add_argument("-o", "--output", help="write the JSON result here too")
    args = ap.parse_args()
    modes = {"accuracy": accuracy, "origins": origins, "real-origins": real_origins, "translations": translations}
    result = {**modes, "scale": scale}[args.mode](args)
    text = json.dumps(result, indent=2)
    print(text)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
