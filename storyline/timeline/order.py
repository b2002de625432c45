"""Sort keys for TIMEX3 values of mixed granularity ("2023", "2023-Q3", "2023-09-13T15:00")."""

from __future__ import annotations

import re
from datetime import date

_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}
_SPAN_DAYS = {"Y": 365, "H": 182, "Q": 91, "S": 91, "M": 30, "W": 7, "D": 1, "T": 0}

_VALUE = re.compile(
    r"^(?P<y>\d{4})(?:-(?:(?P<m>\d\d)(?:-(?P<d>\d\d)(?:T(?P<t>[\d:]+|[A-Z]{2}))?)?|Q(?P<q>[1-4])|H(?P<h>[12])|"
    r"(?P<s>SP|SU|FA|WI)|W(?P<w>\d\d)(?:-(?P<wd>\d|WE))?))?$"
)


def is_calendar_value(value: str | None) -> bool:
    """True for a value that names a point or period on the calendar, year-sized or finer."""
    return bool(value and _VALUE.match(value))


def value_key(value: str) -> tuple[int, int, str]:
    """(start day ordinal, -length in days, time part): earlier first, longer periods before what they hold."""
    m = _VALUE.match(value)
    if not m:
        return (10**9, 0, value)
    y = int(m["y"])
    if m["d"]:
        return (date(y, int(m["m"]), int(m["d"])).toordinal(), -_SPAN_DAYS["D"], m["t"] or "")
    if m["m"]:
        return (date(y, int(m["m"]), 1).toordinal(), -_SPAN_DAYS["M"], "")
    if m["q"]:
        return (date(y, 3 * int(m["q"]) - 2, 1).toordinal(), -_SPAN_DAYS["Q"], "")
    if m["h"]:
        return (date(y, 6 * int(m["h"]) - 5, 1).toordinal(), -_SPAN_DAYS["H"], "")
    if m["s"]:
        return (date(y, _SEASON_MONTH[m["s"]], 1).toordinal(), -_SPAN_DAYS["S"], "")
    if m["w"]:
        wd = m["wd"]
        start = date.fromisocalendar(y, int(m["w"]), 1 if wd in (None, "WE") else int(wd))
        if wd == "WE":
            start = date.fromisocalendar(y, int(m["w"]), 6)
        return (start.toordinal(), -(1 if wd and wd != "WE" else 7), "")
    return (date(y, 1, 1).toordinal(), -_SPAN_DAYS["Y"], "")


def calendar_periods(value: str | None) -> list[str]:
    """The calendar periods a value lies in, coarsest first: "2023-05-26" -> 2023, 2023-05, 2023-05-26.

    Lets two mentions of different granularity ("earlier that year", "in May") be compared by
    what they share. Values that are not calendar values give nothing.
    """
    m = _VALUE.match(value or "")
    if not m:
        return []
    periods = [m["y"]]
    if m["m"]:
        periods.append(f"{m['y']}-{m['m']}")
        if m["d"]:
            periods.append(f"{periods[-1]}-{m['d']}")
    elif m["w"]:
        periods.append(f"{m['y']}-W{m['w']}")
    elif m["q"] or m["h"] or m["s"]:
        periods.append(m.string.split("T")[0])
    return periods


def day_range(value: str) -> tuple[int, int] | None:
    """The first and last day (ordinals) of a calendar value's period, or None for other values: a week
    and a date in it, or a month and a week that crosses into it, overlap."""
    m = _VALUE.match(value)
    if not m:
        return None
    start = value_key(value)[0]
    y = int(m["y"])
    if m["d"]:
        return start, start
    if m["m"]:
        month = int(m["m"])
        return start, date(y + month // 12, month % 12 + 1, 1).toordinal() - 1
    if m["w"]:
        return start, start + (0 if m["wd"] and m["wd"] != "WE" else 1 if m["wd"] == "WE" else 6)
    if m["q"] or m["h"] or m["s"]:
        months = 6 if m["h"] else 3
        first = date.fromordinal(start)
        end_month = first.month + months
        return start, date(first.year + (end_month - 1) // 12, (end_month - 1) % 12 + 1, 1).toordinal() - 1
    return start, date(y, 12, 31).toordinal()
