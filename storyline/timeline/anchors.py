"""Anchor dates: the day an article's relative dates ("Sunday", "last September") are resolved from.

An article's own publication date is the anchor when it gives the day. Otherwise the evidence
is gathered, and each anchor says how it was found:

- the year, from the article or from any member of its copy group (copies are printed within days);
- the latest explicit day ("May 26") the article reports, in that year: it was written on or after it;
- for an origin whose copies turned its weekdays into dates ("Sunday" -> "May 26"), the latest such
  date whose weekday matches.

Without a year nothing is inferred: unknown stays unknown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from ..lexicon import MONTHS, WEEKDAY_NAMES, WEEKDAYS
from ..model import Article, CopyGroup

_MONTH_RX = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?"
    r"|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY_MONTH = re.compile(
    rf"\b(?:{_MONTH_RX}\s+(\d{{1,2}})(?!\d|,?\s*\d{{4}})|(\d{{1,2}})\s+{_MONTH_RX}(?!\s*,?\s*\d{{4}}))\b", re.I
)
_WEEKDAY = re.compile(rf"\b({'|'.join(WEEKDAY_NAMES)})\b", re.I)

Anchor = tuple[str, str]


def explicit_days(text: str, year: int) -> list[date]:
    """Dates written as day and month without a year ("May 26", "26 May"), placed in ``year``."""
    out = []
    for m in _DAY_MONTH.finditer(text):
        month_name, day = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        try:
            out.append(date(year, MONTHS[month_name.lower()[:3]], int(day)))
        except (ValueError, KeyError):
            continue
    return out


def weekday_dates(origin_sentence: str, copy_sentence: str, year: int) -> list[date]:
    """Dates a copy wrote where its origin wrote a weekday, kept only when the weekday matches."""
    weekdays = {WEEKDAYS[w.lower()] for w in _WEEKDAY.findall(origin_sentence)}
    copy_weekdays = {WEEKDAYS[w.lower()] for w in _WEEKDAY.findall(copy_sentence)}
    return [d for d in explicit_days(copy_sentence, year) if d.weekday() in weekdays - copy_weekdays]


def _year(value: str | None) -> int | None:
    m = re.match(r"^(\d{4})", value or "")
    return int(m.group(1)) if m else None


def infer_anchors(
    articles: dict[str, Article],
    groups: Iterable[CopyGroup] = (),
    aligned: Iterable[tuple[str, str, str, str]] = (),
) -> dict[str, Anchor]:
    """Anchor date and how it was found, for every article with enough evidence.

    ``aligned`` holds (origin id, copy id, origin sentence, copy sentence) of edited sentence pairs.
    """
    group_of: dict[str, CopyGroup] = {}
    for g in groups:
        for m in g.members:
            group_of[m.article_id] = g
    year_of: dict[str, tuple[int, str]] = {}
    for aid, a in articles.items():
        y = _year(a.published)
        if y:
            year_of[aid] = (y, f"published {a.published}")
    for aid in articles:
        if aid in year_of or aid not in group_of:
            continue
        for m in group_of[aid].members:
            if m.article_id in year_of:
                y, how = year_of[m.article_id]
                year_of[aid] = (y, f"year {y} of its copy {m.article_id} ({how})")
                break
    weekday_evidence: dict[str, list[tuple[date, str]]] = {}
    for origin_id, copy_id, o_sent, c_sent in aligned:
        for reader, writer in ((origin_id, copy_id), (copy_id, origin_id)):
            if reader not in year_of:
                continue
            o_text, c_text = (o_sent, c_sent) if reader == origin_id else (c_sent, o_sent)
            for d in weekday_dates(o_text, c_text, year_of[reader][0]):
                weekday_evidence.setdefault(reader, []).append(
                    (d, f"its copy {writer} writes {d:%B} {d.day} where it writes {d:%A}")
                )
    anchors: dict[str, Anchor] = {}
    for aid, a in articles.items():
        if a.published and re.match(r"^\d{4}-\d{2}-\d{2}", a.published):
            anchors[aid] = (a.published[:10], "publication date")
            continue
        if aid not in year_of:
            continue
        year, year_how = year_of[aid]
        candidates = [(d, f"latest day it reports, {d:%B} {d.day}; {year_how}") for d in explicit_days(a.text, year)]
        candidates += weekday_evidence.get(aid, [])
        if candidates:
            d, how = max(candidates)
            anchors[aid] = (d.isoformat(), f"on or after {d.isoformat()}: {how}")
        else:
            anchors[aid] = (str(year), f"year only: {year_how}")
    return anchors
