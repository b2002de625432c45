"""Translated copies: one article published in another language.

Words change in translation; names, numbers and dates mostly do not ("Mark Papermaster", "iPhone
4", "2010"). Each article is reduced to its anchor terms (tokens with a digit, and capitalised
tokens that do not start a sentence); two articles in different languages are a translated pair
when the IDF-weighted overlap of their anchors reaches ``threshold`` and each is the other's best
match in that language (a translation is one-to-one per language pair). Articles of one topic share
many names (every Apple story names Apple and Steve Jobs), which the IDF weighting discounts.
Languages come from the article when given, else from a stop-word profile of its text.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..languages import article_language
from ..model import Article, CopyGroup, CopyMember, day_ordinal

THRESHOLD = 0.25
MAX_DAYS = 7
_WORD = re.compile(r"\w+")
_ANCHOR = re.compile(r"\b\w*\d[\w.'’-]*|(?<=[\w,;:)\"”’'] )[^\W\d_a-z][\w'’-]+")


def anchor_terms(text: str) -> set[str]:
    """Names and numbers of a text, which survive translation: tokens with a digit, and capitalised
    tokens that do not start a sentence, lower-cased."""
    return {t.lower().rstrip(".'’") for t in _ANCHOR.findall(text)}


@dataclass(frozen=True)
class Translation:
    """Two articles in different languages, one a translation of the other, and how alike they are."""

    a: str
    b: str
    languages: tuple[str, str]
    score: float


def find_translations(
    articles: Iterable[Article], threshold: float = THRESHOLD, max_days: int = MAX_DAYS
) -> list[Translation]:
    """Translated pairs among ``articles`` (each pair once, ``a`` < ``b`` by id), sorted."""
    known = [(a, lang) for a in articles if (lang := article_language(a))]
    if len({lang for _, lang in known}) < 2:
        return []
    items = [(a.id, lang, anchor_terms(a.text), day_ordinal(a.published)) for a, lang in known]
    df = Counter(t for _, _, terms, _ in items for t in terms)
    n = len(items)
    idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
    postings: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    for k, (_, lang, terms, _) in enumerate(items):
        for t in terms:
            if df[t] <= max(2, n // 10):
                postings[lang][t].append(k)
    best: dict[tuple[int, str], tuple[float, int]] = {}
    scores: dict[tuple[int, int], float] = {}
    for k, (_, lang, terms, day) in enumerate(items):
        seen = {j for other, index in postings.items() if other != lang for t in terms for j in index.get(t, ())}
        for j in seen:
            other = items[j]
            if day is not None and other[3] is not None and abs(day - other[3]) > max_days:
                continue
            s = scores.get((min(k, j), max(k, j)))
            if s is None:
                s = scores[(min(k, j), max(k, j))] = _weighted_jaccard(terms, other[2], idf)
            if s >= threshold and s > best.get((k, other[1]), (0.0, -1))[0]:
                best[(k, other[1])] = (s, j)
    out = []
    for (k, lang), (s, j) in best.items():
        if k < j and best.get((j, items[k][1]), (0.0, -1))[1] == k:
            (ia, la), (ib, lb) = sorted([(items[k][0], items[k][1]), (items[j][0], lang)])
            out.append(Translation(ia, ib, (la, lb), round(s, 4)))
    return sorted(out, key=lambda t: (t.a, t.b))


def with_translations(
    groups: list[CopyGroup],
    pairs: list[Translation],
    group_id: Callable[[str], str],
    published: dict[str, str | None] | None = None,
) -> list[CopyGroup]:
    """Copy groups with translated articles joined as members (relation ``translated``, language pair
    in ``languages``): an article translated from a group's member joins that group; two articles in
    no group form one, its origin undetermined between them unless one is the earlier."""
    if not pairs:
        return groups
    group_of = {m.article_id: g for g in groups for m in g.members}
    out = {g.id: g for g in groups}
    for t in pairs:
        ga, gb = group_of.get(t.a), group_of.get(t.b)
        if ga is not None and gb is not None:
            continue
        if ga is None and gb is None:
            days = {x: d for x in (t.a, t.b) if (d := day_ordinal((published or {}).get(x))) is not None}
            first = [x for x in days if all(days[x] < days.get(y, 0) for y in (t.a, t.b) if y != x)]
            if first:
                g = CopyGroup(
                    group_id(first[0]),
                    first[0],
                    [CopyMember(first[0], "origin", 1.0)],
                    [f"earliest publication ({(published or {})[first[0]]})"],
                )
            else:
                g = CopyGroup(
                    group_id(t.a),
                    t.a,
                    [CopyMember(t.a, "origin", 1.0)],
                    ["undetermined: translations, and nothing says which language came first"],
                    True,
                    [t.a, t.b],
                )
            out[g.id] = g
            group_of[t.a] = g
            ga = g
        host, guest, (lh, lg) = (ga, t.b, t.languages) if ga is not None else (gb, t.a, t.languages[::-1])
        host.members.append(CopyMember(guest, "translated", t.score, languages=[lh, lg]))  # type: ignore[union-attr]
        group_of[guest] = host  # type: ignore[assignment]
    return sorted(out.values(), key=lambda g: g.id)


def _weighted_jaccard(a: set[str], b: set[str], idf: dict[str, float]) -> float:
    union = sum(idf[t] for t in a | b)
    return sum(idf[t] for t in a & b) / union if union else 0.0


def add_translations(groups: list[CopyGroup], articles: Iterable[Article]) -> list[CopyGroup]:
    """The copy groups of ``articles`` with their translated copies joined (:func:`find_translations`)."""
    from .index import group_id

    articles = list(articles)
    return with_translations(groups, find_translations(articles), group_id, {a.id: a.published for a in articles})
