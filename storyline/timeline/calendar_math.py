"""Calendar arithmetic on anchor dates and TIMEX3 value strings of any granularity."""

from __future__ import annotations

from datetime import date, timedelta

SEASON_OF_MONTH = {
    12: "WI",
    1: "WI",
    2: "WI",
    3: "SP",
    4: "SP",
    5: "SP",
    6: "SU",
    7: "SU",
    8: "SU",
    9: "FA",
    10: "FA",
    11: "FA",
}
SEASON_ORDER = {"SP": 1, "SU": 2, "FA": 3, "WI": 4}
MIN_ANCHOR_YEAR, MAX_ANCHOR_YEAR = 1000, 2999
"""Anchor years accepted; beyond them relative dates ("last Tuesday", "next century") could leave the calendar."""


def parse_anchor(anchor: str | None) -> date | None:
    """The calendar date of an ISO date or datetime string; None when absent, unreadable or outside the sane years."""
    if not anchor:
        return None
    try:
        d = date.fromisoformat(anchor[:10])
    except ValueError:
        return None
    return d if MIN_ANCHOR_YEAR <= d.year <= MAX_ANCHOR_YEAR else None


def add_months(d: date, n: int) -> date:
    """``d`` moved by ``n`` calendar months (day clipped to the month's length)."""
    y, m = divmod(d.month - 1 + n, 12)
    year, month = d.year + y, m + 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise ValueError(d)


def shift(d: date, unit: str, n: int) -> date:
    """``d`` moved by ``n`` units (D, W, M, Q, Y, DE, CE)."""
    if unit == "D":
        return d + timedelta(days=n)
    if unit in ("W", "WE"):
        return d + timedelta(weeks=n)
    if unit == "FN":
        return d + timedelta(weeks=2 * n)
    months = {"M": 1, "Q": 3, "H": 6, "Y": 12, "DE": 120, "CE": 1200}.get(unit)
    if months is None:
        return d
    return add_months(d, months * n)


def fmt(d: date, unit: str) -> str:
    """TIMEX3 value of the ``unit``-sized period holding ``d``."""
    if unit == "D":
        return d.isoformat()
    if unit in ("W", "FN"):
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}"
    if unit == "WE":
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}-WE"
    if unit == "M":
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "Q":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if unit == "H":
        return f"{d.year:04d}-H{(d.month - 1) // 6 + 1}"
    if unit == "Y":
        return f"{d.year:04d}"
    if unit == "DE":
        return f"{d.year // 10:03d}"
    if unit == "CE":
        return f"{d.year // 100:02d}"
    return d.isoformat()


def year_for(month: int, day: int | None, anchor: date, direction: str | None) -> int:
    """Year of a month (and day) given without one: the occurrence on the ``direction`` side of ``anchor``.

    direction is "past" (on or before), "future" (on or after), "before"/"after" (strictly),
    or None (the anchor's own year).
    """
    key = (month, day or 0)
    here = (anchor.month, anchor.day if day else 0)
    y = anchor.year
    if direction == "past":
        return y if key <= here else y - 1
    if direction == "future":
        return y if key >= here else y + 1
    if direction == "before":
        return y if key < here else y - 1
    if direction == "after":
        return y if key > here else y + 1
    return y


def weekday_date(dow: int, anchor: date, direction: str | None) -> date:
    """Date of ISO weekday ``dow`` relative to ``anchor`` in ``direction`` (as in :func:`year_for`)."""
    back = (anchor.isoweekday() - dow) % 7
    ahead = (dow - anchor.isoweekday()) % 7
    if direction == "before":
        return anchor - timedelta(days=back or 7)
    if direction == "after":
        return anchor + timedelta(days=ahead or 7)
    if direction == "future":
        return anchor + timedelta(days=ahead)
    if direction == "past":
        return anchor - timedelta(days=back)
    return anchor - timedelta(days=back) if back <= ahead else anchor + timedelta(days=ahead)


def season_year(season: str, anchor: date, direction: str | None) -> int:
    """Year of a season named without one (winter belongs to the year it starts in)."""
    cur = SEASON_OF_MONTH[anchor.month]
    y = anchor.year - 1 if anchor.month <= 2 else anchor.year
    k, here = SEASON_ORDER[season], SEASON_ORDER[cur]
    if direction in ("past", "before"):
        return y if (k <= here if direction == "past" else k < here) else y - 1
    if direction in ("future", "after"):
        return y if (k >= here if direction == "future" else k > here) else y + 1
    return y


def quarter_year(q: int, anchor: date, direction: str | None) -> int:
    """Year of a quarter named without one: later quarters than the anchor's are last year's unless future."""
    cur = (anchor.month - 1) // 3 + 1
    if direction == "after":
        return anchor.year if q >= cur else anchor.year + 1
    return anchor.year if q <= cur else anchor.year - 1


def nth_weekday(year: int, month: int, dow: int, n: int) -> date:
    """The ``n``-th ISO weekday ``dow`` of a month (``n`` = -1 for the last)."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(dow - first.isoweekday()) % 7 + 7 * (n - 1))
    last = add_months(date(year, month, 1), 1) - timedelta(days=1)
    return last - timedelta(days=(last.isoweekday() - dow) % 7)
