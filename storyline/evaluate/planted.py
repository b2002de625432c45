"""Planted copies: reprints made from real article texts the way republishers and scrapers make them.

One generator for ``storyline evaluate copies`` and ``benchmarks/bench_copies.py``: base texts are
article bodies (only their text is read) that overlap no other one; copies are planted from them
at several strengths (:func:`plant`: trims, word edits, typos, inserted local paragraphs) or as a
republisher's reprints (:func:`reprint`, :func:`reprint_varied`: cut from the end, house spelling,
a line added, newsletter and photo boilerplate). Every true copy pair is planted, so pairs and
origins can be scored without labels.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from itertools import combinations
from pathlib import Path

import numpy as np

from ..copies.spelling import VARIANTS
from ..ingest.jsonl import json_lines
from ..model import Article

Local = Callable[[int], list[str]]

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


def base_texts(rows: Iterable[dict], min_chars: int = 300) -> list[str]:
    """Texts of the rows that are long enough to plant copies of and mostly Latin script (only ``text`` is read)."""
    texts = []
    for row in rows:
        text = row.get("text") or ""
        ascii_share = sum(c.isascii() for c in text) / max(1, len(text))
        if len(text) >= min_chars and ascii_share > 0.95:
            texts.append(text)
    return texts


def read_rows(path: str | Path) -> list[dict]:
    """Rows of an Article JSONL file (blank lines skipped); ValueError naming the file and line for one that is not
    a JSON object."""
    rows = []
    for n, row in json_lines(path, "an Article JSONL line"):
        if not isinstance(row, dict):
            raise ValueError(f"{path}:{n}: not an Article JSONL line (a JSON object per line)")
        rows.append(row)
    return rows


def independent_dedup(texts: list[str], limit: float = 0.3) -> list[str]:
    """Drop base texts that already overlap another one (word 5-gram containment >= limit), with Python sets
    (independently of the code under test)."""
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
    """Sentences of a text, split after . ! ? and at line breaks (the plain split copies are planted by)."""
    return [s.strip() for s in _SENT.split(text) if s.strip()]


def edit_word(word: str, rng: random.Random) -> str:
    """One house or careless edit of a word: British spelling, a synonym, a weekday made a date, an honorific,
    or the word dropped, doubled or lower-cased."""
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
    """The sentence with ``n`` random words edited by :func:`edit_word`."""
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


def plant(origin: str, strength: str, local: Local, rng: random.Random) -> str:
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


def reprint(origin: str, local: Local, rng: random.Random) -> str:
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
_SPLIT_GUARD = re.compile(
    r"\b(?:[A-Z]|Mr|Mrs|Ms|Dr|St|Jr|Sr|Gov|Sen|Rep|Lt|Gen|Col|No|Inc|Corp|Co|U\.S|U\.K|a\.m|p\.m)\.$"
)


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


def reprint_varied(origin: str, other: str, local: Local, rng: random.Random, outlet: str) -> tuple[str, dict]:
    """A republisher's reprint made in more ways than :func:`reprint`, with what was done: the cut
    (one sentence, a share of the sentences, or whole closing paragraphs; rarely none; sometimes in
    mid-sentence), house spelling in either direction (and sometimes weekdays made dates),
    one added line of one of four kinds (a republisher's note, a sentence of an unrelated article
    of at most a fifth of either text's words, a generic local line, a bigram line) at the start,
    the end or inside, newsletter and photo boilerplate in several styles, and the paragraphs kept
    or reflowed."""
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
        paras = [
            [
                re.sub(
                    r"\b(?:on )?(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b",
                    lambda m: f"on May {rng.randint(1, 28)}",
                    s,
                )
                for s in p
            ]
            for p in paras
        ]
    kind = rng.choice(["note", "other", "generic", "bigram"])
    most = min(len(other.split()), len(origin.split())) // 5  # longer, the reprint would be a copy of the other
    other_sents = [s for p in other.split("\n") for s in split_sentences_plain(p) if 8 <= len(s.split()) <= most]
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


OUTLETS = ["Harbor Daily", "Valley Post", "Metro Wire", "Lakeside Courier"]


def planted_corpus(
    texts: list[str], seed: int = 7, copies_per_origin: tuple[int, int] = (1, 3)
) -> tuple[list[Article], list[int], list[str]]:
    """Copies planted at the :data:`STRENGTHS` in half of the independent ``texts``, dated 0-2 days after
    their origin: the articles (shuffled), each one's family (its origin's index) and strength (``origin``
    for an original)."""
    rng = random.Random(seed)
    originals = independent_dedup(texts)
    rng.shuffle(originals)
    local = MarkovText(originals, seed).sentences
    articles, family, strength = [], [], []
    for i, text in enumerate(originals):
        day = 1 + rng.randrange(60)
        articles.append(Article(f"o{i}", text, published=_day(day)))
        family.append(i)
        strength.append("origin")
        if rng.random() < 0.5:
            for c in range(rng.randint(*copies_per_origin)):
                s = rng.choice(list(STRENGTHS))
                pub = _day(day + rng.randint(0, 2))
                articles.append(Article(f"o{i}c{c}", plant(text, s, local, rng), published=pub))
                family.append(i)
                strength.append(s)
    order = list(range(len(articles)))
    rng.shuffle(order)
    return [articles[i] for i in order], [family[i] for i in order], [strength[i] for i in order]


def origin_corpus(
    texts: list[str], n: int | None, seed: int, generator: str, harder: bool = False
) -> tuple[list[Article], dict[str, str], list[dict]]:
    """1-3 reprints of each of ``n`` independent ``texts`` (all when None) by ``generator`` (``reprint`` or
    ``varied``), each with its original's publication day and another outlet's name, cleaned as the
    pipeline cleans them (the raw text and the lines cleaning removed are kept on the article, as
    :func:`storyline.clean.clean_article` keeps them): the articles (shuffled), each one's true origin,
    and what was done to make each varied reprint. ``harder`` also plants the light/medium/heavy
    copies of :func:`plant`."""
    from ..clean import clean_text

    def cleaned(article_id: str, raw: str, day: str, source: str) -> Article:
        text, removed = clean_text(raw)
        return Article(article_id, text, published=day, source=source, raw_text=raw, removed=removed)

    rng = random.Random(seed)
    originals = independent_dedup(texts)
    if len(originals) < 2:
        raise ValueError("fewer than two independent article texts of 300 characters or more to plant reprints of")
    rng.shuffle(originals)
    local = MarkovText(originals, seed).sentences
    strengths = [generator] + ([s for s in STRENGTHS if s not in ("embed", "below-half")] if harder else [])
    articles, truth, made = [], {}, []
    for i, text in enumerate(originals[:n]):
        day = f"2024-03-{1 + rng.randrange(28):02d}"
        articles.append(cleaned(f"o{i}", text, day, f"Outlet {i}"))
        for c in range(rng.randint(1, 3)):
            s = rng.choice(strengths)
            if s == "varied":
                other = originals[(i + 1 + rng.randrange(len(originals) - 1)) % len(originals)]
                copy, info = reprint_varied(clean_text(text)[0], other, local, rng, rng.choice(OUTLETS))
                made.append({"id": f"o{i}c{c}", **info})
            else:
                copy = reprint(text, local, rng) if s == "reprint" else plant(text, s, local, rng)
            articles.append(cleaned(f"o{i}c{c}", copy, day, f"Reprinter {i}-{c}"))
            truth[f"o{i}c{c}"] = f"o{i}"
        truth[f"o{i}"] = f"o{i}"
    rng.shuffle(articles)
    return articles, truth, made
