"""A generated news corpus for the scale benchmarks: events, reports on them, and planted reprints.

Each event has its own actors, organisation, place, topic words and numbers; each report on it is
about 3 KB of sentences mixing topic words with common words, with reporting verbs ("said",
"according to") and relative dates ("on Monday", "last September") so every stage has work. About
one report in ten is reprinted once or twice with light edits (a spelling, a dropped sentence, a
credit line), as wire copy is. Articles are written as JSONL shards, streamed, in date order.
"""

from __future__ import annotations

import json
import random
import string
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
VERBS = ["said", "told reporters", "announced", "reported", "confirmed", "warned"]


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(4, 9))).capitalize()


class CorpusGenerator:
    """Deterministic stream of generated articles: ``(article dict, event id)`` pairs."""

    def __init__(self, seed: int = 7, words: int = 520, days: int = 365) -> None:
        self.rng = random.Random(seed)
        rng = self.rng
        self.vocab = [
            "".join(rng.choice(string.ascii_lowercase) for _ in range(rng.randint(3, 10))) for _ in range(20000)
        ]
        weights = [1.0 / (i + 1) for i in range(len(self.vocab))]
        self.common = rng.choices(self.vocab, weights=weights, k=200000)
        self.words = words
        self.days = days
        self.start = date(2031, 1, 1)

    def _sentence(self, ev: dict, k: int) -> str:
        rng = self.rng
        words = rng.sample(ev["topic"], 4) + [self.common[rng.randrange(len(self.common))] for _ in range(11)]
        rng.shuffle(words)
        body = " ".join(words)
        who = rng.choice(ev["actors"])
        form = rng.randrange(6)
        if form == 0:
            return f"{who} {rng.choice(VERBS)} that {body} in {ev['place']} on {rng.choice(WEEKDAYS)}."
        if form == 1:
            return f"According to {ev['org']}, {body} {rng.choice(ev['nums'])}."
        if form == 2:
            return f'"{body.capitalize()}," {who} said.'
        if form == 3:
            return f"Last {rng.choice(MONTHS)}, {who} {body} in {ev['place']}."
        return f"{who} in {ev['place']} {body} {rng.choice(ev['nums'])}."

    def _event(self, n: int) -> dict:
        rng = self.rng
        return {
            "id": f"e{n}",
            "actors": [f"{_name(rng)} {_name(rng)}" for _ in range(3)],
            "org": f"the {_name(rng)} Ministry",
            "place": _name(rng),
            "topic": rng.sample(self.vocab[200:], 25),
            "nums": [str(rng.randint(10, 5000)) for _ in range(4)],
            "day": self.start + timedelta(days=rng.randint(0, self.days - 1)),
        }

    def _reprint(self, text: str) -> str:
        rng = self.rng
        sents = text.split(". ")
        if len(sents) > 4:
            del sents[rng.randrange(1, len(sents) - 1)]
        out = ". ".join(sents).replace(" said", " says", 1)
        return out + "\n\n(Reporting by the wire desk)"

    def articles(self, n: int) -> Iterator[tuple[dict, str]]:
        """``n`` articles (dicts in storyline's JSONL shape) with the event each reports."""
        rng = self.rng
        made = ev_no = 0
        while made < n:
            ev_no += 1
            ev = self._event(ev_no)
            for k in range(rng.randint(1, 6)):
                sents: list[str] = []
                size = 0
                while size < self.words:
                    s = self._sentence(ev, k)
                    sents.append(s)
                    size += s.count(" ") + 1
                text = " ".join(sents[:4]) + "\n\n" + " ".join(sents[4:])
                pub = ev["day"] + timedelta(days=rng.randint(0, 2))
                art = {
                    "id": f"{ev['id']}-{k}",
                    "title": f"{ev['actors'][0]} " + " ".join(rng.sample(ev["topic"], 5)),
                    "text": text,
                    "published": pub.isoformat(),
                    "source": f"Outlet {k}",
                }
                yield art, ev["id"]
                made += 1
                if rng.random() < 0.1:
                    for r in range(rng.randint(1, 2)):
                        if made >= n:
                            break
                        copy = dict(
                            art,
                            id=f"{art['id']}-r{r}",
                            text=self._reprint(text),
                            source=f"Reprinter {r}",
                            published=(pub + timedelta(days=rng.randint(0, 1))).isoformat(),
                        )
                        yield copy, ev["id"]
                        made += 1
                if made >= n:
                    return


def write_corpus(folder: Path, n: int, shards: int, seed: int = 7) -> dict[str, str]:
    """Write ``n`` articles round-robin into ``shards`` JSONL files under ``folder``; return id -> event."""
    folder.mkdir(parents=True, exist_ok=True)
    handles = [open(folder / f"part-{i:04d}.jsonl", "w", encoding="utf-8") for i in range(shards)]
    events: dict[str, str] = {}
    try:
        for i, (art, ev) in enumerate(CorpusGenerator(seed).articles(n)):
            handles[i % shards].write(json.dumps(art) + "\n")
            events[art["id"]] = ev
    finally:
        for h in handles:
            h.close()
    return events
