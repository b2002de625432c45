"""Article metadata found in the text itself: outlet, wire credits, publication date.

Only explicit evidence counts ("(Bloomberg) --", "©2024 Bloomberg L.P.", "published : 2023-11-08");
a value with no evidence stays None, and every inferred value says where it came from.
"""

from __future__ import annotations

import re
from datetime import datetime

from ..lexicon import AGENCIES, WEEKDAY_NAMES
from ..model import Article, Removed
from .agencies import canonical_agency, looks_like_outlet, outlet_name

_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Z .'-]{1,30},?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s*)?)?"
    r"\((?P<name>[A-Z][\w .&'-]{1,40})\)\s*[-\u2013\u2014]{1,2}\s"
)
"""A dateline naming the wire: "(Bloomberg) --", "SEOUL (Reuters) -", "VELM, June 2 (Meridian News) -"."""
_COPYRIGHT = re.compile(
    r"^(?:©|\(c\)|copyright)\s*(?:©\s*)?(?P<year>(?:19|20)\d\d)?\s*(?:[-\u2013]\s*(?:19|20)\d\d\s*)?"
    r"(?P<holder>[^.|©]{2,60}?(?:\s+L\.P\.|\s+Inc\.|\s+Ltd\.)?)"
    r"\s*(?P<year2>(?:19|20)\d\d)?\s*\.?\s*(?:all rights reserved\.?)?\s*$",
    re.I,
)
_DATE_LINE = re.compile(
    r"^(?:(?P<label>published|updated|posted|last updated|date)\s*)?(?:(?:on|at)\s*)?(?::\s*)?(?P<date>.+)$", re.I
)
_TIME = re.compile(r"\b(\d{1,2})[:.](\d{2})\s*(a\.?m\.?|p\.?m\.?)?", re.I)
_BREADCRUMB = re.compile(r"\s(?:›|»|\|)\s")
_FOUR_DIGITS = re.compile(r"\d{4}")
"""Every accepted date has a four-digit year, so a line without one is no date (a cheap test before strptime)."""
_DATE_SHAPE = re.compile(
    r"^\s*(\d{4}[-/]\d{1,2}[-/]\d{1,2}|\d{1,2}\s+[A-Za-z]+\s+\d{4}|[A-Za-z]+\s+\d{1,2},?\s+\d{4}|\d{1,2}\.\d{1,2}\.\d{4})\s*"
)
"""What one of the formats below can match (a cheap test before strptime)."""
_WEEKDAY_PREFIX = re.compile(rf"^({'|'.join(d[:3] for d in WEEKDAY_NAMES)})[a-z]*,? ", re.I)
"""A weekday opening a date ("Thursday, 2 May 2013"), which the formats below leave out."""
_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d %B %Y", "%d %b %Y", "%B %d, %Y", "%b %d, %Y", "%B %d %Y", "%d.%m.%Y")


def parse_date(text: str) -> str | None:
    """An explicit calendar date (optionally with a time) as ISO 8601, or None when it is not one."""
    if not _FOUR_DIGITS.search(text):
        return None
    s = re.sub(r"\s+", " ", text.strip().rstrip("."))
    m = re.match(r"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(:\d{2})?)", s)
    if m:
        try:
            return datetime.fromisoformat(f"{m.group(1)}T{m.group(2)}").isoformat()
        except ValueError:
            return None
    parts = re.split(r",? (?:at )?(?=\d{1,2}[:.]\d{2})", s, maxsplit=1)
    day = _WEEKDAY_PREFIX.sub("", parts[0].strip(" ,"))
    day = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", day)
    if not _DATE_SHAPE.fullmatch(day):
        return None
    for fmt in _DATE_FORMATS:
        try:
            date = datetime.strptime(day, fmt).date().isoformat()
        except ValueError:
            continue
        t = _TIME.match(parts[1]) if len(parts) > 1 else None
        if not t:
            return date
        hour, minute = int(t.group(1)), int(t.group(2))
        ampm = (t.group(3) or "").lower().replace(".", "")
        hour = hour % 12 + (12 if ampm == "pm" else 0) if ampm else hour
        return f"{date}T{hour:02d}:{minute:02d}" if hour < 24 and minute < 60 else date
    return None


def infer_metadata(article: Article) -> Article:
    """Fill source, credits and published from the text and the removed lines, where they are stated.

    A copyright line names the outlet that printed the page; a dateline ("(Bloomberg) --") names the
    agency that wrote the text, which is the outlet only when nothing else names one.
    """
    updated_only = False
    for r in article.removed:
        if r.reason == "copyright line":
            c = _COPYRIGHT.match(r.text.strip())
            if c and c.group("holder").strip():
                name = outlet_name(c.group("holder"))
                if not article.source:
                    article.source = name
                    article.inferred["source"] = f"copyright line '{r.text.strip()}'"
                year = c.group("year") or c.group("year2")
                if year and not article.published:
                    article.published = year
                    article.inferred["published"] = f"year only, from copyright line '{r.text.strip()}'"
        elif r.reason == "byline":
            credit = byline_credit(r.text.strip()[3:].strip())
            if credit:
                _add_credit(article, credit, f"byline '{r.text.strip()}'")
        elif r.reason == "wire credit":
            _add_credit(
                article, outlet_name(r.text.strip().strip("-\u2013\u2014 ")), f"closing credit line '{r.text.strip()}'"
            )
        elif r.reason == "date line":
            d = _DATE_LINE.match(r.text.strip())
            value = parse_date(d.group("date")) if d else None
            updated = bool(d and d.group("label") and "updated" in d.group("label").lower())
            if value and (
                not article.published
                or "year only" in article.inferred.get("published", "")
                or (updated_only and not updated)
            ):
                article.published = value
                article.inferred["published"] = f"date line '{r.text.strip()}'"
                updated_only = updated
        elif r.reason == "section label" and _BREADCRUMB.search(r.text) and not article.source:
            first = _BREADCRUMB.split(r.text)[0].strip()
            if looks_like_outlet(first) and first.lower() not in ("home", "news"):
                article.source = outlet_name(first)
                article.inferred["source"] = f"section line '{r.text.strip()}'"
    m = _DATELINE.match(article.text.lstrip()[:200])
    if m:
        name = outlet_name(m.group("name"))
        if not article.source:
            article.source = name
            article.inferred["source"] = f"dateline '({m.group('name')}) --' opening the text"
        elif "copyright" in article.inferred.get("source", "") and article.source.startswith(name):
            article.inferred["source"] += f" and dateline '({m.group('name')}) --'"
            article.source = name
        _add_credit(article, name, f"dateline '({m.group('name')})'")
    return article


def byline_credit(name: str) -> str | None:
    """The news organisation a byline credits, or None: a wire after the writer's name ("Ana Berg,
    Associated Press", or run together, "ANA BERGAssociated Press"), or an outlet's name; the
    outlet's own staff ("Breaking News Staff", "Staff Reports") credit no one else."""
    if _STAFF.search(name):
        return None
    folded = " ".join(name.lower().replace(".", "").split())
    for key in sorted(_LONG_AGENCY_NAMES, key=len, reverse=True):
        if folded.endswith(key) and folded != key:
            return canonical_agency(key)
    return outlet_name(name) if looks_like_outlet(name) else None


_STAFF = re.compile(r"\bstaff(?:ers?)?\b|\bnewsroom\b|\bweb\s+desk\b|\breports?\s*$", re.I)
_LONG_AGENCY_NAMES = tuple(key for key in AGENCIES if len(key) > 5)
"""Agency names long enough to read at the end of a byline without a word break ("associated press")."""


def _add_credit(article: Article, name: str, how: str) -> None:
    name = canonical_agency(name) or name
    if name not in article.credits:
        article.credits.append(name)
        article.inferred.setdefault("credits", how)


def removed_of(article: Article, reason: str) -> list[Removed]:
    """The removed pieces of one kind (helper for callers that show them)."""
    return [r for r in article.removed if r.reason == reason]
