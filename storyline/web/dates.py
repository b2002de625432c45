"""ISO 8601 / TIMEX3-style values of any precision turned into day intervals, for sorting and charts."""

from __future__ import annotations

import re
from datetime import date, timedelta

_SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_VALUE = re.compile(
    r"^(?P<y>\d{3}[\dX]|\d{2}XX)"
    r"(?:-(?:(?P<m>\d{2})(?:-(?P<d>\d{2}))?|W(?P<w>\d{2})|Q(?P<q>[1-4])|(?P<s>SP|SU|FA|WI)|H(?P<h>[12])))?"
    r"(?:[T ].*)?$"
)


def _month_end(y: int, m: int) -> date:
    return (date(y + (m // 12), m % 12 + 1, 1) if m < 12 else date(y + 1, 1, 1)) - timedelta(days=1)


def interval(value: str | None) -> tuple[date, date] | None:
    """First and last day a date value can mean (``2024-09`` is all of September), or None."""
    if not value or not isinstance(value, str):
        return None
    m = _VALUE.match(value.strip())
    if not m:
        return None
    ys = m["y"]
    try:
        if "X" in ys:
            lo = int(ys.replace("X", "0"))
            hi = int(ys.replace("X", "9"))
            return date(max(lo, 1), 1, 1), date(hi, 12, 31)
        y = int(ys)
        if y < 1:
            return None
        if m["d"]:
            d = date(y, int(m["m"]), int(m["d"]))
            return d, d
        if m["m"]:
            mo = int(m["m"])
            return date(y, mo, 1), _month_end(y, mo)
        if m["w"]:
            start = date.fromisocalendar(y, int(m["w"]), 1)
            return start, start + timedelta(days=6)
        if m["q"]:
            q = int(m["q"])
            return date(y, 3 * q - 2, 1), _month_end(y, 3 * q)
        if m["h"]:
            h = int(m["h"])
            return date(y, 6 * h - 5, 1), _month_end(y, 6 * h)
        if m["s"]:
            a, b = _SEASONS[m["s"]]
            return date(y, a, 1), _month_end(y + (b - 1) // 12, (b - 1) % 12 + 1)
        return date(y, 1, 1), date(y, 12, 31)
    except ValueError:
        return None


def sort_key(value: str | None) -> tuple[int, str, str]:
    """Orders values by their first day (unknown last), then by value text."""
    iv = interval(value)
    return (0, iv[0].isoformat(), str(value)) if iv else (1, "", str(value or ""))


def overlaps(value_lo: str | None, value_hi: str | None, date_from: date | None, date_to: date | None) -> bool:
    """True when the span from ``value_lo`` to ``value_hi`` meets the closed range [date_from, date_to]."""
    lo, hi = interval(value_lo), interval(value_hi or value_lo)
    if lo is None and hi is None:
        return date_from is None and date_to is None
    start = (lo or hi or (date.min, date.min))[0]
    end = (hi or lo or (date.max, date.max))[1]
    if date_from and end < date_from:
        return False
    if date_to and start > date_to:
        return False
    return True


def recency_key(value: str | None) -> tuple[int, str, str]:
    """Key for newest-first sorting (``reverse=True``) by first possible day; unknown dates last."""
    iv = interval(value)
    return (1, iv[0].isoformat(), str(value)) if iv else (0, "", str(value or ""))
