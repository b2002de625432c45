"""Copy-stage benchmark: copies planted in real news text, scored and timed against datasketch.

    python benchmarks/bench_copies.py accuracy            # planted copies in ../shared/data/dev texts
    python benchmarks/bench_copies.py scale -n 1000000    # synthetic corpus of ~3 KB articles

Base texts are read at run time from ../shared/data/dev (only ``id`` and ``text``; never ``gold``) and
are never written anywhere. Copies are planted at several strengths (reprints with house edits,
trims, boilerplate, inserted local paragraphs, character noise); a copy pair is any two articles of
one planted family. Everything compared runs in this script on the same articles.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import re
import resource
import sys
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from storyline.copies import CopyIndex, CopyParams
from storyline.copies.minhash import signatures
from storyline.copies.overlap import Overlap
from storyline.copies.shingles import shingle_sets
from storyline.copies.spelling import VARIANTS
from storyline.model import Article

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "dev"
STRENGTHS = {
    # name: (kept share of sentences, word edits per sentence, char noise per char, inserted paragraphs, boilerplate)
    "light": ((0.9, 1.0), 0.1, 0.0005, 0, 0.5),
    "medium": ((0.7, 0.9), 0.25, 0.001, 1, 0.8),
    "heavy": ((0.5, 0.7), 0.5, 0.002, 2, 1.0),
    "embed": ((1.0, 1.0), 0.2, 0.001, 0, 0.5),  # the whole story inside local reporting
    "below-half": ((0.3, 0.5), 0.5, 0.002, 2, 1.0),  # outside the stated goal, reported apart
}
UK = {us: uk for uk, us in VARIANTS.items()}
SYNONYMS = {
    "said": "stated",
    "told": "informed",
    "about": "around",
    "also": "too",
    "but": "however",
    "big": "large",
    "help": "assist",
    "start": "begin",
    "buy": "purchase",
    "show": "demonstrate",
}
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
BOILER_TOP = [
    "Sign up now: Get our newsletters delivered to your inbox",
    "Listen to this article",
    "Advertisement",
    "FILE PHOTO: A general view of the scene. REUTERS/File Photo",
]
BOILER_BOTTOM = [
    "Share this article",
    "Read more: Latest updates from our newsroom",
    "Copyright 2024. All rights reserved.",
    "Follow us on social media for more.",
]
_SENT = re.compile(r"(?<=[.!?])\s+|\n+")
_GRAM = re.compile(r"\w+")


# ---------------------------------------------------------------- base texts and planting


def load_base(min_chars: int = 300) -> list[str]:
    """Texts of the dev files that are long enough and mostly Latin script (ids and texts only)."""
    texts = []
    for path in sorted(DEV.glob("*.jsonl")):
        with open(path, encoding="utf-8") as f:
            for line in f:
                text = json.loads(line)["text"]
                ascii_share = sum(c.isascii() for c in text) / max(1, len(text))
                if len(text) >= min_chars and ascii_share > 0.95:
                    texts.append(text)
    return texts


def independent_dedup(texts: list[str], limit: float = 0.3) -> list[str]:
    """Drop base texts that already overlap another one (word 5-gram containment >= limit), with Python sets."""
    grams = [set(zip(*(w[i:] for i in range(5)))) for w in (_GRAM.findall(t.lower()) for t in texts)]
    posting: dict[tuple, list[int]] = defaultdict(list)
    for i, g in enumerate(grams):
        for x in g:
            posting[x].append(i)
    shared: dict[tuple[int, int], int] = defaultdict(int)
    for docs in posting.values():
        if 1 < len(docs) < 50:
            for a, b in combinations(docs, 2):
                shared[a, b] += 1
    drop = set()
    for (a, b), n in shared.items():
        if n / max(1, min(len(grams[a]), len(grams[b]))) >= limit and a not in drop:
            drop.add(b)
    return [t for i, t in enumerate(texts) if i not in drop and grams[i]]


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENT.split(text) if s.strip()]


def edit_word(word: str, rng: random.Random) -> str:
    core = word.strip(".,;:!?\"'()")
    low = core.lower()
    if low in UK:
        return word.replace(core, UK[low] if core.islower() else UK[low].capitalize())
    if low in SYNONYMS:
        return word.replace(core, SYNONYMS[low])
    if core in WEEKDAYS:
        return word.replace(core, f"on May {rng.randint(1, 28)}")
    if core[:1].isupper() and len(core) > 2 and rng.random() < 0.5:
        return rng.choice(["Mr", "Ms", "Dr"]) + " " + word
    return rng.choice(["", word + " " + word, word.lower(), word])


def edit_sentence(sentence: str, n: int, rng: random.Random) -> str:
    words = sentence.split()
    for _ in range(n):
        if words:
            i = rng.randrange(len(words))
            words[i] = edit_word(words[i], rng)
    return " ".join(w for w in words if w)


_LETTERS = np.frombuffer(b"abcdefghijklmnopqrstuvwxyz", dtype=np.uint8)


def char_noise(text: str, rate: float, rng: random.Random) -> str:
    """Typos at ``rate`` per letter: a letter swapped with the next, dropped, or replaced."""
    if rate <= 0:
        return text
    r = np.random.default_rng(rng.getrandbits(64))
    b = np.frombuffer(text.encode("utf-8"), dtype=np.uint8).copy()
    letters = np.flatnonzero(((b | 32) >= 97) & ((b | 32) <= 122))
    hit = letters[r.random(len(letters)) < rate]
    hit = hit[hit < len(b) - 1]
    op = r.integers(0, 3, len(hit))
    swap = hit[op == 0]
    b[swap], b[swap + 1] = b[swap + 1], b[swap].copy()
    b[hit[op == 1]] = r.choice(_LETTERS, int((op == 1).sum()))
    keep = np.ones(len(b), dtype=bool)
    keep[hit[op == 2]] = False
    return b[keep].tobytes().decode("utf-8", errors="ignore")


def plant(origin: str, strength: str, local, rng: random.Random) -> str:
    """A copy of ``origin`` at one strength; ``local(n)`` gives n sentences of fresh local reporting."""
    (lo, hi), edits, noise, inserts, boiler = STRENGTHS[strength]
    sents = sentences(origin)
    keep = max(1, round(len(sents) * rng.uniform(lo, hi)))
    if rng.random() < 0.7:
        sents = sents[:keep]
    else:
        picked = sorted(rng.sample(range(len(sents)), keep))
        sents = [sents[i] for i in picked]
    sents = [edit_sentence(s, int(edits) + (rng.random() < edits % 1), rng) for s in sents]
    paras = [" ".join(sents[i : i + 3]) for i in range(0, len(sents), 3)]
    for _ in range(inserts):
        paras.insert(rng.randint(1, max(1, len(paras))), " ".join(local(3)))
    if strength == "embed":
        size = max(2, len(sents) // 2)
        paras = [" ".join(local(size))] + paras + [" ".join(local(size))]
    if rng.random() < boiler:
        paras.insert(0, rng.choice(BOILER_TOP))
        paras.append(rng.choice(BOILER_BOTTOM))
    return char_noise("\n\n".join(paras), noise, rng)


def reprint(origin: str, local, rng: random.Random) -> str:
    """A republisher's reprint: cut from the end, house spelling, a line added, newsletter and photo
    boilerplate (the kind of reprint whose origin the ``origins`` mode scores)."""
    sents = sentences(origin)
    sents = sents[: max(2, round(len(sents) * rng.uniform(0.55, 0.95)))]
    sents = [" ".join(UK.get(w.lower(), w) if w.islower() else w for w in s.split()) for s in sents]
    sents.insert(rng.randint(1, len(sents)), local(1)[0])
    paras = [" ".join(sents[i : i + 3]) for i in range(0, len(sents), 3)]
    if rng.random() < 0.8:
        paras.insert(0, rng.choice(BOILER_TOP))
        paras.append(rng.choice(BOILER_BOTTOM))
    return "\n\n".join(paras)


NOTES = [  # lines a republisher adds: credits to the origin, update notes, house prompts
    "This article originally appeared on {site}.",
    "This story was first published by {outlet} and is republished here with permission.",
    "{outlet} contributed to this report.",
    "This story has been updated with additional details.",
    "Editor's note: this article is shared through a content partnership with {outlet}.",
    "For more stories like this one, visit {site}.",
    "Have a news tip? Email our newsroom at tips@{site}.",
    "Check back later for updates to this developing story.",
    "Our coverage of this story continues below the video.",
    "Stay with {outlet} for more on this story as it develops.",
]
NEWSLETTERS = [
    "Sign up for our morning briefing and get the top stories in your inbox.",
    "Subscribe to the {outlet} daily newsletter.",
    "Get the latest headlines delivered to your inbox every morning with our free newsletter.",
    "Never miss a story: sign up for {outlet} alerts.",
]
PHOTOS = [
    ["FILE PHOTO: A view of the area where the events took place.", "Photo: {outlet} staff"],
    ["Pictured: the scene earlier this week (Photo: {outlet})"],
    ["Image credit: {outlet} archives"],
    ["(Photo by a staff photographer/{outlet})"],
]
_SPLIT_GUARD = re.compile(r"\b(?:[A-Z]|Mr|Mrs|Ms|Dr|St|Jr|Sr|Gov|Sen|Rep|Lt|Gen|Col|No|Inc|Corp|Co|U\.S|U\.K|a\.m|p\.m)\.$")


def split_sentences_plain(paragraph: str) -> list[str]:
    """Sentences of one paragraph: a break after . ! ? before a capital, not after initials or titles."""
    out, start = [], 0
    for m in re.finditer(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“(]?[A-Z0-9])", paragraph):
        if not _SPLIT_GUARD.search(paragraph[start : m.start()]):
            out.append(paragraph[start : m.end()].strip())
            start = m.end()
    out.append(paragraph[start:].strip())
    return [s for s in out if s]


def _house_spelling(sentence: str, table: dict[str, str]) -> str:
    def swap(m: re.Match) -> str:
        w = m.group(0)
        v = table.get(w.lower())
        if v is None:
            return w
        return v.capitalize() if w[0].isupper() else v
    return re.sub(r"[A-Za-z]+", swap, sentence)


def reprint_varied(origin: str, other: str, local, rng: random.Random, outlet: str) -> tuple[str, dict]:
    """A republisher's reprint made in more ways than :func:`reprint`, with what was done: the cut
    (one sentence, a share of the sentences, or whole closing paragraphs; rarely none; sometimes in
    mid-sentence), house spelling in either direction (and sometimes weekdays made dates),
    one added line of one of four kinds (a republisher's note, a sentence of an unrelated article,
    a generic local line, a bigram line) at the start, the end or inside, newsletter and photo
    boilerplate in several styles, and the paragraphs kept or reflowed."""
    site = outlet.lower().replace(" ", "") + ".com"
    paras = [[s for s in split_sentences_plain(p)] for p in re.split(r"\n\s*\n|\n", origin) if p.strip()]
    n = sum(len(p) for p in paras)
    how = rng.choices(["one", "share", "paragraphs", "none"], [0.3, 0.45, 0.2, 0.05])[0]
    if how == "paragraphs" and len(paras) >= 3:
        paras = paras[: max(1, len(paras) - rng.randint(1, max(1, len(paras) // 3)))]
    elif how != "none":
        cut = 1 if how == "one" or how == "paragraphs" else max(1, round(n * rng.uniform(0.05, 0.45)))
        keep = max(1, n - cut)
        kept, left = [], keep
        for p in paras:
            if left <= 0:
                break
            kept.append(p[:left])
            left -= len(kept[-1])
        paras = kept
    info = {"cut": how, "mid_sentence": False}
    if how != "none" and rng.random() < 0.1:
        last = paras[-1][-1].split()
        if len(last) >= 8:
            paras[-1][-1] = " ".join(last[: rng.randint(4, len(last) - 3)]) + " ..."
            info["mid_sentence"] = True
    table = UK if rng.random() < 0.7 else dict(VARIANTS)
    paras = [[_house_spelling(s, table) for s in p] for p in paras]
    if rng.random() < 0.3:
        paras = [[re.sub(r"\b(?:on )?(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b",
                         lambda m: f"on May {rng.randint(1, 28)}", s) for s in p] for p in paras]
    kind = rng.choice(["note", "other", "generic", "bigram"])
    other_sents = [s for p in other.split("\n") for s in split_sentences_plain(p) if len(s.split()) >= 8]
    if kind == "note":
        line = rng.choice(NOTES[:7]).format(outlet=outlet, site=site)
    elif kind == "generic":
        line = rng.choice(NOTES[7:]).format(outlet=outlet, site=site)
    elif kind == "other" and other_sents:
        line = rng.choice(other_sents)
    else:
        kind, line = "bigram", local(1)[0]
    where = rng.choices(["end", "start", "inside"], [0.5, 0.2, 0.3])[0]
    if where == "end":
        paras.append([line])
    elif where == "start":
        paras.insert(0, [line])
    else:
        paras.insert(rng.randint(1, max(1, len(paras))), [line])
    info.update(line=kind, where=where, added=line)
    flat = [s for p in paras for s in p]
    if rng.random() < 0.3:
        size = rng.randint(2, 4)
        paras = [flat[i : i + size] for i in range(0, len(flat), size)]
    blocks = [" ".join(p) for p in paras if p]
    if rng.random() < 0.8:
        blocks.insert(rng.choice([0, len(blocks)]), rng.choice(NEWSLETTERS).format(outlet=outlet))
    if rng.random() < 0.5:
        blocks[0:0] = [x.format(outlet=outlet) for x in rng.choice(PHOTOS)]
    return "\n\n".join(blocks), info


def _day(n: int) -> str:
    """The date ``n`` days after 2024-03-01 (copies dated 0-2 days after their origin stay after it)."""
    return str(np.datetime64("2024-03-01") + np.timedelta64(n, "D"))


def planted_corpus(seed: int = 7, copies_per_origin: tuple[int, int] = (1, 3)):
    """Articles (shuffled), each article's family (origin index or -1), strength, and the true origins."""
    rng = random.Random(seed)
    originals = independent_dedup(load_base())
    rng.shuffle(originals)
    local = MarkovText(originals, seed).sentences
    articles, family, strength = [], [], []
    for i, text in enumerate(originals):
        day = 1 + rng.randrange(60)
        articles.append(
            Article(
                f"o{i}", text, published=_day(day)
            )
        )
        family.append(i)
        strength.append("origin")
        if rng.random() < 0.5:
            for c in range(rng.randint(*copies_per_origin)):
                s = rng.choice(list(STRENGTHS))
                d = day + rng.randint(0, 2)
                pub = _day(d)
                articles.append(Article(f"o{i}c{c}", plant(text, s, local, rng), published=pub))
                family.append(i)
                strength.append(s)
    order = list(range(len(articles)))
    rng.shuffle(order)
    return [articles[i] for i in order], [family[i] for i in order], [strength[i] for i in order]


# ---------------------------------------------------------------- scoring


def pairs_of(groups: list[list[int]]) -> set[tuple[int, int]]:
    out = set()
    for g in groups:
        out.update(combinations(sorted(g), 2))
    return out


def true_groups(family: list[int], allowed: list[bool]) -> list[list[int]]:
    fams: dict[int, list[int]] = defaultdict(list)
    for i, (f, ok) in enumerate(zip(family, allowed)):
        if ok:
            fams[f].append(i)
    return [g for g in fams.values() if len(g) > 1]


def score(pred: list[list[int]], family: list[int], allowed: list[bool]) -> dict[str, float]:
    pred = [[i for i in g if allowed[i]] for g in pred]
    p, t = pairs_of(pred), pairs_of(true_groups(family, allowed))
    tp = len(p & t)
    prec = tp / len(p) if p else 1.0
    rec = tp / len(t) if t else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": round(prec, 4), "recall": round(rec, 4), "f1": round(f1, 4), "pairs": len(t)}


def recall_by_strength(pred: list[list[int]], family: list[int], strength: list[str]) -> dict[str, float]:
    where = {i: gi for gi, g in enumerate(pred) for i in g}
    origin_of = {f: i for i, (f, s) in enumerate(zip(family, strength)) if s == "origin"}
    hits: dict[str, list[bool]] = defaultdict(list)
    for i, s in enumerate(strength):
        if s != "origin":
            o = origin_of[family[i]]
            hits[s].append(i in where and where.get(o) == where[i])
    return {s: round(sum(v) / len(v), 4) for s, v in sorted(hits.items())}


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
    result["origins"] = {"texts (the pipeline)": score_origins(index.groups(texts.get), truth),
                         "shingle sets only": score_origins(index.groups(), truth)}
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


class MarkovText:
    """A word bigram chain trained on the base texts: unlimited article-like text with real vocabulary.

    Each word keeps a table of 64 successors drawn by their frequency, so a step is one lookup.
    """

    def __init__(self, texts: list[str], seed: int) -> None:
        tokens = [w for t in texts for w in re.findall(r"[A-Za-z0-9']+|[.,]", t)]
        vocab, ids = np.unique(np.array(tokens, dtype=object), return_inverse=True)
        self.vocab = vocab
        self.rng = np.random.default_rng(seed)
        order = np.argsort(ids[:-1], kind="stable")
        successors = ids[1:][order]
        starts = np.searchsorted(ids[:-1][order], np.arange(len(vocab)))
        counts = np.diff(np.append(starts, len(successors)))
        period = int(np.flatnonzero(vocab == ".")[0])
        picks = (self.rng.random((len(vocab), 64)) * np.maximum(counts, 1)[:, None]).astype(np.int64)
        table = successors[np.minimum(starts[:, None] + picks, len(successors) - 1)]
        table[counts == 0] = period
        self.table = table.astype(np.int32)
        self.period = period
        self._pool: list[str] = []

    def texts(self, n: int, length: int) -> list[str]:
        """``n`` texts of ``length`` words (and punctuation marks)."""
        out = np.empty((n, length + 1), dtype=np.int32)
        cur = np.full(n, self.period, dtype=np.int32)
        for step in range(length):
            cur = self.table[cur, self.rng.integers(0, 64, n)]
            out[:, step] = cur
        out[:, length] = -1
        words = np.append(self.vocab, "\n")[out.ravel()]
        joined = " ".join(words).replace(" .", ".").replace(" ,", ",")
        return [t.strip().replace(". ", ".\n\n", 2) for t in joined.split("\n")[:n]]

    def sentences(self, n: int) -> list[str]:
        """``n`` fresh 20-word sentences (never reused, so inserted local text is unique to one copy)."""
        while len(self._pool) < n:
            for text in self.texts(500, 200):
                words = text.replace(".", "").replace(",", "").split()
                self._pool.extend(" ".join(words[i : i + 20]).capitalize() + "." for i in range(0, 200, 20))
        taken, self._pool = self._pool[:n], self._pool[n:]
        return taken


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


def origin_corpus(n: int, seed: int, generator: str, harder: bool = False) -> tuple[list[Article], dict[str, str], list[dict]]:
    """Planted same-day reprints of ``n`` dev articles, cleaned as the pipeline cleans them: the
    articles (shuffled), each one's true origin, and what was done to make each varied reprint."""
    from storyline.clean import clean_text

    rng = random.Random(seed)
    originals = independent_dedup(load_base())
    rng.shuffle(originals)
    local = MarkovText(originals, seed).sentences
    strengths = [generator] + ([s for s in STRENGTHS if s not in ("embed", "below-half")] if harder else [])
    articles, truth, made = [], {}, []
    for i, text in enumerate(originals[:n]):
        day = f"2024-03-{1 + rng.randrange(28):02d}"
        articles.append(Article(f"o{i}", clean_text(text)[0], published=day, source=f"Outlet {i}"))
        for c in range(rng.randint(1, 3)):
            s = rng.choice(strengths)
            if s == "varied":
                other = originals[(i + 1 + rng.randrange(len(originals) - 1)) % len(originals)]
                copy, info = reprint_varied(clean_text(text)[0], other, local, rng, rng.choice(["Harbor Daily", "Valley Post", "Metro Wire", "Lakeside Courier"]))
                made.append({"id": f"o{i}c{c}", **info})
            else:
                copy = reprint(text, local, rng) if s == "reprint" else plant(text, s, local, rng)
            articles.append(Article(f"o{i}c{c}", clean_text(copy)[0], published=day, source=f"Reprinter {i}-{c}"))
            truth[f"o{i}c{c}"] = f"o{i}"
        truth[f"o{i}"] = f"o{i}"
    rng.shuffle(articles)
    return articles, truth, made


def score_origins(groups, truth: dict[str, str]) -> dict:
    """Share of groups whose origin is right, undetermined and wrong (a group mixing families counts as wrong)."""
    pure = [g for g in groups if len({truth[m.article_id] for m in g.members}) == 1]
    right = sum(1 for g in pure if not g.origin_undetermined and g.origin == truth[g.origin])
    undetermined = sum(1 for g in groups if g.origin_undetermined)
    n = max(1, len(groups))
    return {"groups": len(groups), "pure_groups": len(pure), "origin_right": round(right / n, 4),
            "undetermined": round(undetermined / n, 4), "wrong": round((len(groups) - right - undetermined) / n, 4)}


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
        run["seconds"] = round(time.perf_counter() - t, 2)
        if made:
            run["made"] = {k: dict(sorted(Counter(str(m[k]) for m in made).items())) for k in ("cut", "line", "where", "mid_sentence")}
        result[generator + (" + harder" if args.harder else "")] = run
    return result


def translations(args: argparse.Namespace) -> dict:
    """Translated copies on MEANTIME (English articles with Spanish, Italian and Dutch translations;
    the four versions of one article share ``gold.story``, read here only to score), with languages
    as given and as detected; and the copy stage's time on the monolingual dev texts with and without
    the translation step, in this process."""
    from storyline.copies import add_translations, find_translations

    rows = [json.loads(line) for line in open(DEV / "meantime_dev.jsonl", encoding="utf-8")]
    story = {r["id"]: r["gold"]["story"] for r in rows}
    lang = {r["id"]: r["language"] for r in rows}
    positives = sum(1 for a in rows for b in rows if a["id"] < b["id"] and story[a["id"]] == story[b["id"]] and lang[a["id"]] != lang[b["id"]])
    result: dict = {"meantime_articles": len(rows), "translated_pairs": positives}
    for name, given in (("languages given", True), ("languages detected", False)):
        arts = [Article(r["id"], r["text"], published=r.get("published"), language=r["language"] if given else None) for r in rows]
        pairs = find_translations(arts)
        tp = sum(story[p.a] == story[p.b] for p in pairs)
        result[name] = {"pairs": len(pairs), "right": tp, "other_story": len(pairs) - tp,
                        "precision": round(tp / max(1, len(pairs)), 4), "recall": round(tp / positives, 4),
                        "f1": round(2 * tp / (len(pairs) + positives), 4)}
    from storyline.copies.translations import language_of

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
    o.add_argument("--harder", action="store_true",
                   help="also plant the accuracy mode's light/medium/heavy copies (inserted paragraphs, sampled sentences)")
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
    result = {"accuracy": accuracy, "origins": origins, "translations": translations, "scale": scale}[args.mode](args)
    text = json.dumps(result, indent=2)
    print(text)
    if args.output:
        Path(args.output).write_text(text + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
