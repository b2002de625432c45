"""Per-copy-group features for story clustering: term counts per space, date, script, sources."""

from __future__ import annotations

import math
import re
import sys
from array import array
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from storyline.lexicon import WEEKDAY_NAMES
from storyline.model import Article, day_ordinal

from . import text as T

SPACES = ("w", "e", "n")
TITLE_WEIGHT = 2


@dataclass
class DocFeatures:
    """What the clusterer knows of one copy group: raw term counts per space and metadata."""

    key: str
    article_ids: list[str]
    counts: dict[str, Counter[str]]
    day: int | None
    script: str
    sources: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    dense: list[float] | None = None
    years: frozenset[str] = frozenset()
    names: tuple[str, ...] = ()
    text_day: int | None = None
    rare_names: tuple[str, ...] = ()
    subject: str | None = None
    subjects: tuple[str, ...] = ()
    since: int | None = None
    lead_numbers: frozenset[str] = frozenset()

    @property
    def when(self) -> int | None:
        """The group's day: its publication date, else the dateline its text opens with."""
        return self.day if self.day is not None else self.text_day


day_of = day_ordinal


def mentioned_day(article: Article) -> int | None:
    """Ordinal of a dateline-like full date near the top of an article without a published date."""
    ymd = T.dateline((article.title or "") + "\n" + (article.text or ""))
    if ymd is None:
        return None
    try:
        return date(*ymd).toordinal()
    except ValueError:
        return None


def article_counts(article: Article) -> dict[str, Counter[str]]:
    """Term counts of one article in each space; title terms count TITLE_WEIGHT times."""
    title = article.title or ""
    body = article.text or ""
    w = Counter(T.words(body))
    e = Counter(T.entities(body))
    n = Counter(T.numbers(body)) + Counter(T.dates(body))
    if title:
        for t in T.words(title):
            w[t] += TITLE_WEIGHT
        named = T.entities(title)
        if T.title_case(title):
            named = [t for t in named if t in e]
        for t in named:
            e[t] += TITLE_WEIGHT
        for t in T.numbers(title) + T.dates(title):
            n[t] += TITLE_WEIGHT
    return {"w": w, "e": e, "n": n}


def group_features(
    key: str, articles: list[Article], counts: Mapping[str, dict[str, Counter[str]]] | None = None
) -> DocFeatures:
    """Features of a copy group: its members' counts averaged, its earliest date, its sources.

    ``counts`` holds :func:`article_counts` already made (by an engine's workers) by article id.
    """
    ids = [a.id for a in articles]
    articles = one_language(articles)
    merged: dict[str, Counter[str]] = {s: Counter() for s in SPACES}
    for a in articles:
        made = counts.get(a.id) if counts else None
        for s, c in (made or article_counts(a)).items():
            merged[s].update(c)
    if len(articles) > 1:
        k = len(articles)
        merged = {s: Counter({t: v / k for t, v in c.items()}) for s, c in merged.items()}
    sample = " ".join(((a.title or "") + " " + a.text[:1000]) for a in articles[:3])
    day = group_day(articles)
    dateline_day = None if day is not None else text_day(articles)
    candidates = _subject_candidates(articles[0], merged["e"])
    return DocFeatures(
        key=key,
        article_ids=ids,
        counts=merged,
        day=day,
        script=T.script(sample),
        sources=sorted({a.source for a in articles if a.source}),
        titles=[headline(a) for a in articles],
        years=event_years(merged["n"], day, dateline_day),
        names=key_names(merged["e"]),
        text_day=dateline_day,
        subject=_most_named(candidates),
        subjects=_ranked(candidates, SUBJECTS),
        since=event_since(articles, merged["n"], day),
        lead_numbers=lead_numbers(articles[0]),
    )


def text_day(articles: list[Article]) -> int | None:
    """The earliest dateline of a group's articles (see :func:`mentioned_day`), for a group with no
    publication date: two undated reports dated years apart in their own text are not one event."""
    days = [d for d in map(mentioned_day, articles) if d is not None]
    return min(days) if days else None


SINCE_DAYS = 7
"""How far before its publication a report may name the day of its event ('Saturday', 'May 26')."""
SINCE_CHARS = 1500
_WEEKDAY_NUMBER = {d: i for i, d in enumerate(WEEKDAY_NAMES)}
_WEEKDAY_WORD = re.compile(r"(?i)\b(" + "|".join(WEEKDAY_NAMES) + r"|yesterday)\b")


def event_since(articles: list[Article], numbers: Mapping[str, float], day: int | None) -> int | None:
    """The earliest day in the ``SINCE_DAYS`` before publication that a dated group's text names: a
    weekday or 'yesterday' in its headline or lead, or a month and day anywhere. A follow-up
    published on Monday about 'Saturday's shooting' reaches back to the day the first reports came
    out, so its publication gap to them is not the gap between the events (GVA's follow-ups)."""
    if day is None:
        return None
    pub = date.fromordinal(day)
    earliest = day
    for a in articles:
        for m in _WEEKDAY_WORD.finditer((a.title or "") + "\n" + (a.text or "")[:SINCE_CHARS]):
            w = m.group(1).lower()
            back = 1 if w == "yesterday" else (pub.weekday() - _WEEKDAY_NUMBER[w]) % 7
            earliest = min(earliest, day - back)
    for t in numbers:
        if t[:2] != "md":
            continue
        try:
            named = date(pub.year, int(t[2:4]), int(t[5:7])).toordinal()
        except ValueError:
            continue
        if named > day:
            try:
                named = date(pub.year - 1, int(t[2:4]), int(t[5:7])).toordinal()
            except ValueError:
                continue
        if day - named <= SINCE_DAYS:
            earliest = min(earliest, named)
    return earliest


KEY_NAMES = 3


def one_language(articles: list[Article]) -> list[Article]:
    """The members of a group in its commonest stated language (the first in code order on a tie):
    a group of translations averaged across languages keeps only the names and numbers they share,
    which look-alike stories on one subject share too, so it is described in one language."""
    langs = Counter(a.language for a in articles if a.language)
    if len(langs) < 2:
        return articles
    top = min(langs, key=lambda lang: (-langs[lang], lang))
    return [a for a in articles if a.language in (top, None)]


def event_years(numbers: Mapping[str, float], day: int | None, dateline: int | None = None) -> frozenset[str]:
    """The years a group speaks of (its year terms and its publication year): two reports of one
    event share one, so disjoint years tell look-alike events apart. An undated group whose text
    opens with a dateline (``dateline``, a day ordinal) speaks of that year alone: the years such a
    report cites are history ('the iPhone of 2007'), which every launch report of one maker shares,
    while its dateline is the year of its own event (MEANTIME's Apple launches of 2009, 2010, 2011)."""
    if dateline is not None:
        return frozenset({"y" + str(date.fromordinal(dateline).year)})
    years = {t for t in numbers if t[:1] == "y"}
    if day is not None:
        years.add("y" + str(date.fromordinal(day).year))
    return frozenset(years)


def key_names(entities: Mapping[str, float]) -> tuple[str, ...]:
    """The group's most frequent multi-word names (people, places, organisations): who and where."""
    multi = [(c, t) for t, c in entities.items() if " " in t]
    multi.sort(key=lambda ct: (-ct[0], ct[1]))
    return tuple(t for _, t in multi[:KEY_NAMES])


LEAD_CHARS = 400
SUBJECT_MENTIONS = 3


def subject_name(article: Article, entities: Mapping[str, float]) -> str | None:
    """The surname of the person an article is about: of the two- or three-word names in its lead
    (headline and first ``LEAD_CHARS`` characters), the one whose last word the group names most,
    at least ``SUBJECT_MENTIONS`` times and at least once on its own ("Mark Felt ... Felt said").
    Two look-alike events of one kind (a death, a casting) differ in that person and each report
    names its own repeatedly; places and organisations are seldom cut to their last word."""
    return _most_named(_subject_candidates(article, entities))


def _most_named(candidates: list[tuple[float, str]]) -> str | None:
    best: tuple[float, str] | None = None
    for said, last in candidates:
        if best is None or said > best[0]:
            best = (said, last)
    return best[1] if best else None


SUBJECTS = 2


def subject_names(article: Article, entities: Mapping[str, float], k: int = SUBJECTS) -> tuple[str, ...]:
    """The surnames of the ``k`` people an article is most about (see :func:`subject_name`), the most
    named first: the actor and the other party of its event (Klitschko and the challenger he beat,
    Rahman in one fight, Thompson in another), which a look-alike event of the same kind changes."""
    return _ranked(_subject_candidates(article, entities), k)


def _ranked(candidates: list[tuple[float, str]], k: int) -> tuple[str, ...]:
    ranked = sorted(set(candidates), key=lambda sl: (-sl[0], sl[1]))
    return tuple(dict.fromkeys(last for _, last in ranked))[:k]


def _subject_candidates(article: Article, entities: Mapping[str, float]) -> list[tuple[float, str]]:
    """(times named, surname) of each name of two or three words in the lead that passes the tests of
    :func:`subject_name`, in the order the lead gives them."""
    body = article.text or ""
    lead = T.entities((article.title or "") + "\n" + body[:LEAD_CHARS])
    out = []
    for name in dict.fromkeys(lead):
        parts = name.split()
        if not 2 <= len(parts) <= 3 or any(p in T.CONNECTORS or p.endswith(".") for p in parts):
            continue
        last = parts[-1]
        said = entities.get(last, 0.0)
        if said < SUBJECT_MENTIONS or said <= entities.get(name, 0.0) or not last.isalpha() or len(last) < 3:
            continue
        if re.search(rf"(?<![\w-]){re.escape(last)}(?![\w-])", body):
            continue  # written in lower case too: a word ('house', 'airlines'), not a surname
        out.append((said, last))
    return out


def lead_numbers(article: Article) -> frozenset[str]:
    """The numbers and dates of an article's lead (headline and first ``LEAD_CHARS`` characters), in
    the terms of the ``n`` space: the figures that state its event ('$200 million offer', 'five years
    after', 'December 15, 2008'), which a look-alike event of the same kind states differently."""
    lead = (article.title or "") + "\n" + (article.text or "")[:LEAD_CHARS]
    return frozenset(T.numbers(lead) + T.dates(lead))


Packed = tuple[tuple[str, ...], array]
"""A sparse vector kept compactly: its terms (interned) and their weights as doubles, 16 bytes a term
instead of about 100 in a dict."""


def packed(weights: Mapping[str, float]) -> Packed:
    """``weights`` as :data:`Packed` (same values)."""
    return tuple(map(sys.intern, weights)), array("d", weights.values())


def group_day(articles: list[Article]) -> int | None:
    """A copy group's date: the earliest publication day of its members (None when none is dated)."""
    days = [d for d in (day_of(a.published) for a in articles) if d is not None]
    return min(days) if days else None


def _tf(c: float) -> float:
    """Sublinear term frequency that stays positive for averaged (fractional) counts."""
    return 1.0 + math.log(c) if c >= 1 else c


def headline(article: Article) -> str:
    """The article's title, or failing that its first line of text, cut to 120 characters."""
    if article.title and article.title.strip():
        return article.title.strip()
    for line in (article.text or "").splitlines():
        line = line.strip()
        if len(line) > 20 and not line.lower().startswith("http"):
            return line[:120]
    return (article.text or "").strip()[:120]


class DocFreq:
    """Document frequencies per space, updated as groups arrive, giving smoothed IDF weights."""

    def __init__(self) -> None:
        self.n = 0
        self.df: dict[str, Counter[str]] = {s: Counter() for s in SPACES}
        self._cache: dict[str, dict[str, float]] = {s: {} for s in SPACES}

    def add(self, doc: DocFeatures) -> None:
        """Count one group's terms (once each)."""
        self.n += 1
        for s in SPACES:
            self.df[s].update(doc.counts[s].keys())
        if any(self._cache.values()):
            self._cache = {s: {} for s in SPACES}

    def idf(self, space: str, term: str) -> float:
        """Smoothed inverse document frequency; unseen terms get the largest weight."""
        cache = self._cache[space]
        v = cache.get(term)
        if v is None:
            v = cache[term] = math.log((self.n + 1) / (self.df[space].get(term, 0) + 1)) + 1.0
        return v

    def vector(self, doc: DocFeatures) -> dict[str, dict[str, float]]:
        """Unit-length sublinear TF-IDF vector of a group in each space (empty dict when no terms).

        Terms are interned: the stories that keep a vector share one copy of each term string."""
        out: dict[str, dict[str, float]] = {}
        intern = sys.intern
        for s in SPACES:
            v = {intern(t): _tf(c) * self.idf(s, t) for t, c in doc.counts[s].items() if c > 0}
            norm = math.sqrt(sum(x * x for x in v.values()))
            out[s] = {t: x / norm for t, x in v.items()} if norm else {}
        return out

    def to_dict(self) -> dict:
        return {"n": self.n, "df": {s: dict(c) for s, c in self.df.items()}}

    @classmethod
    def from_dict(cls, d: dict) -> "DocFreq":
        obj = cls()
        obj.n = int(d["n"])
        obj.df = {s: Counter(d["df"].get(s, {})) for s in SPACES}
        return obj
