"""Turn a grammar match into a TIMEX3 value, using the publication date, tense and earlier mentions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

from dateutil.easter import easter

from storyline.timeline.calendar_math import (
    fmt,
    nth_weekday,
    quarter_year,
    season_year,
    shift,
    weekday_date,
    year_for,
)
from storyline.timeline.lexicon import (
    ORDINALS,
    PARTS_OF_DAY,
    SEASONS,
    iso_weekday,
    month_number,
    number_value,
    spoken_year,
    unit_code,
)
from storyline.timeline.tense import tense_at


@dataclass
class Context:
    """What resolving one text needs: the text, its anchor date, and the last date mentioned."""

    text: str
    anchor: date | None
    tense_hint: bool = True
    ref: date | None = None
    ref_unit: str | None = None
    ref_value: str | None = None
    day: date | None = None


@dataclass
class Resolved:
    """A normalised value, its TIMEX3 type and how it was obtained."""

    value: str | None
    kind: str
    how: str
    date: date | None = None
    unit: str | None = None
    span: tuple[int, int] | None = None
    sets_reference: bool = True


NO_ANCHOR = "no publication date to resolve against"
_DIRECTION_WORDS = {
    "last": "before",
    "past": "before",
    "this past": "before",
    "previous": "before",
    "earlier": "before",
    "next": "after",
    "coming": "after",
    "this coming": "after",
    "later": "after",
}
_LEFT_HINTS = [
    (re.compile(r"\b(?:later|next)\s+(?:in|on|this)\s+$", re.I), "future", "'later in'"),
    (re.compile(r"\b(?:earlier|since|last)\s+(?:in\s+|on\s+)?$", re.I), "past", "'earlier/since'"),
    (re.compile(r"\b(?:until|till|ahead\s+of|starting|beginning)\s+(?:on\s+)?$", re.I), "future", "'until/by'"),
]


def _norm(s: str | None) -> str:
    return re.sub(r"\s+", " ", s.lower()).strip() if s else ""


def direction(c: Context, start: int, end: int, rel: str | None, default: str | None) -> tuple[str | None, str]:
    """Which occurrence a bare date means: from its own word ("last"), nearby words, tense, or the default."""
    r = _norm(rel)
    if r in _DIRECTION_WORDS:
        return _DIRECTION_WORDS[r], f"'{r}'"
    if r == "this":
        return None, "'this'"
    left = c.text[max(0, start - 25) : start]
    for rx, d, why in _LEFT_HINTS:
        if rx.search(left):
            return d, why
    if c.tense_hint:
        t = tense_at(c.text, start, end)
        if t in ("past", "future"):
            return t, f"{t} tense"
    return default, "default"


_SIDE = {"past": "on or before", "future": "on or after", "before": "before", "after": "after", None: "same period as"}


def _need(c: Context, undetermined: str | None, what: str) -> Resolved | None:
    if c.anchor is None:
        return Resolved(undetermined, "DATE", f"{what}: {NO_ANCHOR}")
    return None


def _rel_how(what: str, c: Context, d: str | None, why: str) -> str:
    anchor = c.anchor.isoformat() if c.anchor else "unknown"
    return f"{what} {_SIDE.get(d, 'same period as')} publication {anchor} ({why})"


def _year_of(m: re.Match[str], key: str = "y", c: Context | None = None) -> int | None:
    g = m.groupdict()
    y = g.get(key)
    if not y and g.get("sy"):
        return spoken_year(g["sy"])
    if not y and g.get("ry") and c is not None and c.anchor is not None:
        return c.anchor.year + {"last": -1, "this": 0, "next": 1}[g["ry"].split()[0].lower()]
    if not y:
        return None
    y = int(y)
    return y if y >= 100 else (1900 + y if y >= 50 else 2000 + y)


def _day(s: str) -> int:
    digits = re.match(r"\d+", s)
    if digits is None:
        raise ValueError(f"no day number in {s!r}")
    return int(digits.group())


def _valid_date(y: int, mo: int, d: int) -> date | None:
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def _without_det(m: re.Match[str], c: Context, e: int) -> tuple[int, int]:
    i = m.end("det")
    while i < e and c.text[i].isspace():
        i += 1
    return i, e


def h_iso(m, c, s, e):
    hh = m.group("hh")
    v = f"{m.group('y')}-{m.group('m')}-{m.group('d')}"
    dd = _valid_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    if dd is None:
        return None
    if hh:
        return Resolved(f"{v}T{hh}:{m.group('mi')}", "TIME", "explicit date and time", dd, "D")
    return Resolved(v, "DATE", "explicit date", dd, "D")


def h_slash(m, c, s, e):
    y = _year_of(m)
    dd = _valid_date(y, int(m.group("m")), int(m.group("d")))
    return Resolved(dd.isoformat(), "DATE", "explicit date (month/day/year)", dd, "D") if dd else None


def h_month_day(m, c, s, e):
    mo, d = month_number(m.group("mon")), _day(m.group("d"))
    y = _year_of(m)
    if y:
        dd = _valid_date(y, mo, d)
        return Resolved(dd.isoformat(), "DATE", "explicit date", dd, "D") if dd else None
    if m.groupdict().get("wd") and c.anchor:
        wd = iso_weekday(m.group("wd"))
        for y in (c.anchor.year, c.anchor.year - 1, c.anchor.year + 1):
            dd = _valid_date(y, mo, d)
            if dd and dd.isoweekday() == wd:
                return Resolved(
                    dd.isoformat(),
                    "DATE",
                    f"year where {m.group('wd')} falls on that date, nearest publication",
                    dd,
                    "D",
                )
    if c.anchor is None:
        return Resolved(f"XXXX-{mo:02d}-{d:02d}", "DATE", f"day and month given, year unknown: {NO_ANCHOR}")
    dr, why = direction(c, s, e, m.groupdict().get("rel"), None)
    y, dr, why = _nearer(mo, d, c.anchor, dr, why)
    dd = _valid_date(y, mo, d)
    return Resolved(dd.isoformat(), "DATE", _rel_how("date without year:", c, dr, why), dd, "D") if dd else None


def _months_apart(y: int, mo: int, anchor: date) -> int:
    return abs((y - anchor.year) * 12 + mo - anchor.month)


def _nearer(mo: int, d: int | None, anchor: date, dr: str | None, why: str) -> tuple[int, str | None, str]:
    """Year by direction, unless that lands ten months away while the other side is within two."""
    y = year_for(mo, d, anchor, dr)
    if dr in ("past", "future") and why.endswith("tense"):
        other = year_for(mo, d, anchor, "future" if dr == "past" else "past")
        if _months_apart(y, mo, anchor) >= 10 and _months_apart(other, mo, anchor) <= 2:
            flipped = "future" if dr == "past" else "past"
            return other, flipped, f"nearest occurrence; {why} pointed ten months away"
    return y, dr, why


def h_month_year(m, c, s, e):
    mo, y = month_number(m.group("mon")), _year_of(m, c=c)
    if y is None:
        return Resolved(f"XXXX-{mo:02d}", "DATE", f"month of a year relative to publication: {NO_ANCHOR}")
    how = (
        "explicit month and year"
        if not m.group("ry")
        else f"month of '{_norm(m.group('ry'))}' from publication {c.anchor.isoformat()}"
    )
    return Resolved(f"{y:04d}-{mo:02d}", "DATE", how, date(y, mo, 1), "M")


_COORDINATED_YEAR = re.compile(
    r"\s*(?:,\s*)?(?:and|or|to|through|until|then)\s+(?:again\s+|later\s+|also\s+)?(?:in\s+)?"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:of\s+)?(?P<ry>last|next|this|that)\s+year\b",
    re.I,
)


def h_month(m, c, s, e):
    mo = month_number(m.group("mon"))
    r = _need(c, f"XXXX-{mo:02d}", "month without year")
    if r:
        return r
    shared = _COORDINATED_YEAR.match(c.text, e, min(len(c.text), e + 60)) if not m.group("rel") else None
    if shared:
        ry = shared.group("ry").lower()
        y = c.anchor.year + {"last": -1, "next": 1}.get(ry, 0)
        return Resolved(
            f"{y:04d}-{mo:02d}",
            "DATE",
            f"month of '{ry} year', shared with the month after it, from publication {c.anchor.isoformat()}",
            date(y, mo, 1),
            "M",
        )
    dr, why = direction(c, s, e, m.group("rel"), None)
    y, dr, why = _nearer(mo, None, c.anchor, dr, why)
    return Resolved(f"{y:04d}-{mo:02d}", "DATE", _rel_how("month without year:", c, dr, why), date(y, mo, 1), "M")


def h_weekday(m, c, s, e):
    wd = iso_weekday(m.group("wd"))
    part = m.group("part")
    suffix = f"T{PARTS_OF_DAY[part.lower()]}" if part else ""
    if c.anchor is None:
        return Resolved(f"XXXX-WXX-{wd}{suffix}", "TIME" if part else "DATE", f"weekday: {NO_ANCHOR}")
    rel = _norm(m.group("rel"))
    if rel in ("the previous", "the following"):
        base = c.day or c.anchor
        dd = weekday_date(wd, base, "before" if rel == "the previous" else "after")
        return Resolved(
            dd.isoformat() + suffix, "TIME" if part else "DATE", f"weekday {rel[4:]} {base.isoformat()}", dd, "D"
        )
    dr, why = direction(c, s, e, rel if rel not in ("earlier", "later", "early", "late") else None, "past")
    if dr is None:
        dr = "past"
    dd = weekday_date(wd, c.anchor, dr)
    return Resolved(dd.isoformat() + suffix, "TIME" if part else "DATE", _rel_how("weekday", c, dr, why), dd, "D")


def h_weekday_set(m, c, s, e):
    wd = iso_weekday((m.group("wd") or m.group("wd1")).lower().rstrip("s"))
    part = m.group("part")
    suffix = f"T{PARTS_OF_DAY[part.lower().rstrip('s')]}" if part else ""
    return Resolved(f"XXXX-WXX-{wd}{suffix}", "SET", "recurring weekday")


def h_dayrel(m, c, s, e):
    w = _norm(m.group("w") or m.group("rel"))
    part = m.group("part") or m.group("part2")
    offset = {
        "today": 0,
        "tonight": 0,
        "this": 0,
        "yesterday": -1,
        "last": -1,
        "tomorrow": 1,
        "the day before yesterday": -2,
        "the day after tomorrow": 2,
    }[w]
    if w == "tonight":
        part = "night"
    suffix = f"T{PARTS_OF_DAY[part.lower()]}" if part else ""
    kind = "TIME" if part else "DATE"
    if c.anchor is None:
        return Resolved(None, kind, f"'{w}': {NO_ANCHOR}")
    dd = c.anchor + timedelta(days=offset)
    return Resolved(dd.isoformat() + suffix, kind, f"'{w}' from publication {c.anchor.isoformat()}", dd, "D")


_PUBLICATION_DAY = "publication day"
CLOCK_ON_PUBLICATION_DAY = f"clock time on {_PUBLICATION_DAY}"
"""How a clock time with no day of its own is resolved ("around 6 p.m."): on the publication day, a guess."""


def _day_of(phrase: str | None, c: Context, s: int, e: int) -> tuple[date | None, str]:
    if phrase:
        sub = _resolve_fragment(phrase, c, s, e)
        if sub and sub.date:
            return sub.date, f"day '{phrase}'"
    if c.day is not None:
        return c.day, "the day last mentioned"
    if c.anchor is not None:
        return c.anchor, _PUBLICATION_DAY
    return None, NO_ANCHOR


def h_clock(m, c, s, e):
    h = int(m.group("h"))
    mi = m.groupdict().get("mi")
    ap = (m.groupdict().get("ap") or "").lower()
    if ap.startswith("p") and h < 12:
        h += 12
    if ap.startswith("a") and h == 12:
        h = 0
    hm = f"{h:02d}:{mi}" if mi else f"{h:02d}:00"
    dd, why = _day_of(m.groupdict().get("day"), c, s, e)
    if dd is None:
        return Resolved(f"XXXX-XX-XXT{hm}", "TIME", f"clock time, {why}")
    return Resolved(f"{dd.isoformat()}T{hm}", "TIME", f"clock time on {why}", dd, "D")


def h_noon(m, c, s, e):
    hm = {"noon": "12:00", "midday": "12:00", "midnight": "24:00"}[m.group("w").lower()]
    dd, why = _day_of(m.group("day"), c, s, e)
    if dd is None:
        return Resolved(f"XXXX-XX-XXT{hm}", "TIME", f"clock time, {why}")
    return Resolved(f"{dd.isoformat()}T{hm}", "TIME", f"clock time on {why}", dd, "D")


def _granular_shift(n: float, unit: str) -> tuple[str, int]:
    if unit == "DE":
        return "Y", int(round(n * 10))
    if unit == "CE":
        return "Y", int(round(n * 100))
    if unit == "FN":
        return "D", int(round(n * 14))
    if unit in ("H", "MIN", "S"):
        return "D", 0
    return unit, int(round(n))


def h_ago(m, c, s, e):
    n = number_value(m.group("n"))
    u = unit_code(m.group("u"))
    d = _norm(m.group("dir"))
    sign = 1 if d in ("from now", "hence") else -1
    if n is None:
        return Resolved("FUTURE_REF" if sign > 0 else "PAST_REF", "DATE", f"vague '{m.group(0)}'")
    if d == "earlier" and c.ref is not None and c.ref_unit == "D" and u == "D":
        base, basewhy = c.ref, f"the date last mentioned {c.ref.isoformat()}"
    else:
        if c.anchor is None:
            return Resolved(None, "DATE", f"'{m.group(0)}': {NO_ANCHOR}")
        base, basewhy = c.anchor, f"publication {c.anchor.isoformat()}"
    gu, k = _granular_shift(n, u)
    if gu == "Y" and c.ref_unit == "Q" and c.ref is not None and n == int(n):
        dd = shift(c.ref, "Y", sign * k)
        return Resolved(
            fmt(dd, "Q"),
            "DATE",
            f"{k} Y {'after' if sign > 0 else 'before'} the quarter last mentioned ({c.ref_value})",
            dd,
            "Q",
            sets_reference=False,
        )
    dd = shift(base, gu, sign * k)
    unit = gu if gu in ("D", "W", "M", "Y", "Q") else "D"
    return Resolved(fmt(dd, unit), "DATE", f"{k} {gu} {'after' if sign > 0 else 'before'} {basewhy}", dd, unit)


def _reporting_quarter(a: date) -> date:
    return shift(a, "Q", -1)


def h_year_ago(m, c, s, e):
    what = _norm(m.group("what"))
    if m.group("det") and not what:
        r = h_year_ago_bare(m, c, s, e)
        if r is not None:
            r.span = _without_det(m, c, e)
        return r
    return h_year_ago_bare(m, c, s, e)


def h_year_ago_bare(m, c, s, e):
    what = _norm(m.group("what"))
    if "nine months" in what:
        return Resolved("P9M", "DURATION", "length of the period named")
    if "six months" in what:
        return Resolved("P6M", "DURATION", "length of the period named")
    if c.anchor is None:
        return Resolved(None, "DATE", f"'{m.group(0)}': {NO_ANCHOR}")
    if "quarter" in what or "period" in what:
        ord_ = re.match(r"(first|second|third|fourth)", what)
        if ord_:
            q = ORDINALS[ord_.group(1)]
            y = quarter_year(q, c.anchor, "past") - 1
            return Resolved(f"{y}-Q{q}", "DATE", "same quarter a year before", date(y, 3 * q - 2, 1), "Q")
        dd = shift(_reporting_quarter(c.anchor), "Y", -1)
        return Resolved(
            fmt(dd, "Q"), "DATE", f"latest reported quarter a year before publication {c.anchor.isoformat()}", dd, "Q"
        )
    unit = {"month": "M", "week": "W"}.get(what, "Y")
    if unit == "Y" and c.ref_unit == "Q" and c.ref is not None:
        dd = shift(c.ref, "Y", -1)
        return Resolved(
            fmt(dd, "Q"),
            "DATE",
            f"a year before the quarter last mentioned ({c.ref_value})",
            dd,
            "Q",
            sets_reference=False,
        )
    dd = shift(c.anchor, "Y", -1)
    return Resolved(fmt(dd, unit), "DATE", f"a year before publication {c.anchor.isoformat()}", dd, unit)


def _year_phrase(phrase: str | None, c: Context) -> tuple[int | None, str]:
    p = _norm(phrase)
    if not p:
        return None, ""
    m = re.search(r"(\d{4})", p)
    if m:
        return int(m.group(1)), "explicit year"
    if c.anchor is None:
        return None, NO_ANCHOR
    if p.startswith("last"):
        return c.anchor.year - 1, "'last year'"
    if p.startswith("next"):
        return c.anchor.year + 1, "'next year'"
    return c.anchor.year, "'this year'"


def h_quarter(m, c, s, e):
    g = m.groupdict()
    q = ORDINALS[_norm(g["ord"])] if g.get("ord") else int((g.get("qn") or g.get("qq") or "Q1").strip("Qq"))
    y, why = _year_phrase(g.get("y") or g.get("y2") or g.get("ypos"), c)
    if y is None and _norm(g.get("det")) in ("last", "next", "this") and c.anchor:
        y, why = _year_phrase(g["det"] + " year", c)
    if y is None:
        if c.anchor is None:
            return Resolved(f"XXXX-Q{q}", "DATE", f"quarter without year: {NO_ANCHOR}")
        dr, why = direction(c, s, e, None, "past")
        y = quarter_year(q, c.anchor, dr)
        why = _rel_how("quarter without year:", c, dr, why)
    span = _without_det(m, c, e) if g.get("det") and re.search(r"-\s*quarter", m.group(0), re.I) else None
    return Resolved(f"{y}-Q{q}", "DATE", why, date(y, 3 * q - 2, 1), "Q", span)


def h_the_quarter(m, c, s, e):
    det, adj, tail = _norm(m.group("det")), _norm(m.group("adj")), _norm(m.group("tail"))
    if m.group("u").lower() == "period" and not adj:
        return None
    ym = re.search(r"\d{4}", adj)
    if c.anchor is None:
        return Resolved(None, "DATE", f"'{m.group(0)}': {NO_ANCHOR}")
    if det == "that" or "same" in adj:
        if c.ref is not None:
            return Resolved(
                fmt(c.ref, "Q"), "DATE", f"quarter of the date last mentioned {c.ref.isoformat()}", c.ref, "Q"
            )
    base = _reporting_quarter(c.anchor)
    why = f"latest reported quarter before publication {c.anchor.isoformat()}"
    if "current" in adj or det == "this":
        base, why = c.anchor, f"quarter of publication {c.anchor.isoformat()}"
    elif det == "next":
        base, why = shift(c.anchor, "Q", 1), f"quarter after publication {c.anchor.isoformat()}"
    elif det == "last" or "previous" in adj or "prior" in adj:
        base = _reporting_quarter(c.anchor)
    if "year-earlier" in adj or "year-ago" in adj or tail or "comparable" in adj or "corresponding" in adj:
        base, why = shift(base, "Y", -1), why + ", a year before"
    if ym:
        base = date(int(ym.group()), base.month, 1)
        why = "quarter of the year named, " + why
    return Resolved(fmt(base, "Q"), "DATE", why, base, "Q")


def h_half(m, c, s, e):
    h = 1 if m.group("ord").lower() == "first" else 2
    yp = m.group("y")
    if yp and ("'" in yp or yp.endswith("s")):
        dm = re.search(r"(\d{4})s|'(\d)0s", yp)
        dec = dm.group(1)[:3] if dm.group(1) else "19" + dm.group(2)
        return Resolved(dec, "DATE", "decade named")
    y, why = _year_phrase(yp, c)
    if y is None:
        if c.anchor is None:
            return Resolved(f"XXXX-H{h}", "DATE", f"half-year without year: {NO_ANCHOR}")
        dr, why = direction(c, s, e, None, None)
        cur = 1 if c.anchor.month <= 6 else 2
        y = c.anchor.year
        if dr in ("past", "before") and h > cur:
            y -= 1
        if dr in ("future", "after") and h < cur:
            y += 1
        why = _rel_how("half-year without year:", c, dr, why)
    return Resolved(f"{y}-H{h}", "DATE", why, date(y, 6 * h - 5, 1), "H")


def h_season(m, c, s, e):
    rel, pre = _norm(m.group("rel")), m.group("pre")
    se = SEASONS[m.group("s").lower()]
    if not rel and not pre and not m.group("y"):
        left = c.text[max(0, s - 12) : s].lower()
        if not re.search(r"\b(in|during|since|until|by|through|over|for|of|this|last|next)\s+$", left):
            return None
    y = _year_of(m)
    if y:
        return Resolved(
            f"{y}-{se}", "DATE", "explicit season and year", date(y, {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[se], 1), "M"
        )
    if c.anchor is None:
        return Resolved(f"XXXX-{se}", "DATE", f"season without year: {NO_ANCHOR}")
    dr, why = direction(c, s, e, rel if rel not in ("the", "early", "late", "mid", "mid-") else None, None)
    y = season_year(se, c.anchor, dr)
    return Resolved(
        f"{y}-{se}",
        "DATE",
        _rel_how("season without year:", c, dr, why),
        date(y, {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[se], 1),
        "M",
    )


_DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}


def h_decade(m, c, s, e):
    if m.group("y"):
        v = m.group("y")[:3]
    else:
        digit = int(m.group("yy")[0]) if m.group("yy") else _DECADE_WORDS[m.group("w").lower()]
        if m.group("w") and not m.group("det"):
            return None
        century = 19 if c.anchor is None or digit * 10 > c.anchor.year % 100 else c.anchor.year // 100
        v = f"{century}{digit}"
    return Resolved(v, "DATE", "decade named")


def h_century(m, c, s, e):
    o = m.group("ord").lower()
    n = ORDINALS.get(o) or int(re.match(r"\d+", o).group())
    return Resolved(f"{n - 1:02d}", "DATE", "century named")


_HOLIDAYS: dict[str, Callable[[int], date]] = {
    "christmas eve": lambda y: date(y, 12, 24),
    "christmas": lambda y: date(y, 12, 25),
    "christmas day": lambda y: date(y, 12, 25),
    "new year's day": lambda y: date(y, 1, 1),
    "new year's eve": lambda y: date(y, 12, 31),
    "thanksgiving": lambda y: nth_weekday(y, 11, 4, 4),
    "thanksgiving day": lambda y: nth_weekday(y, 11, 4, 4),
    "independence day": lambda y: date(y, 7, 4),
    "labor day": lambda y: nth_weekday(y, 9, 1, 1),
    "memorial day": lambda y: nth_weekday(y, 5, 1, -1),
    "easter": easter,
    "easter sunday": easter,
    "halloween": lambda y: date(y, 10, 31),
    "valentine's day": lambda y: date(y, 2, 14),
}


def h_holiday(m, c, s, e):
    name = _norm(m.group("h"))
    fn = _HOLIDAYS[name]
    y = _year_of(m)
    if y:
        dd = fn(y)
        return Resolved(dd.isoformat(), "DATE", f"{name} of the year named", dd, "D")
    if c.anchor is None:
        return Resolved(None, "DATE", f"{name} without year: {NO_ANCHOR}")
    dr, why = direction(c, s, e, m.group("rel"), None)
    cands = [fn(y) for y in (c.anchor.year - 1, c.anchor.year, c.anchor.year + 1)]
    if dr in ("past", "before"):
        pool = [d for d in cands if d <= c.anchor and (dr == "past" or d < c.anchor)]
        dd = max(pool)
    elif dr in ("future", "after"):
        pool = [d for d in cands if d >= c.anchor and (dr == "future" or d > c.anchor)]
        dd = min(pool)
    else:
        dd = cands[1]
    return Resolved(dd.isoformat(), "DATE", _rel_how(f"{name}", c, dr, why), dd, "D")


_SET_UNITS = {
    "day": "P1D",
    "week": "P1W",
    "month": "P1M",
    "quarter": "P1Q",
    "year": "P1Y",
    "weekend": "P1WE",
    "morning": "TMO",
    "night": "TNI",
    "evening": "TEV",
    "daily": "P1D",
    "weekly": "P1W",
    "monthly": "P1M",
    "annually": "P1Y",
    "yearly": "P1Y",
    "quarterly": "P1Q",
    "hourly": "PT1H",
    "nightly": "TNI",
}


def h_set(m, c, s, e):
    key = _norm(m.group("u") or m.group("adv") or m.group("u2"))
    v = _SET_UNITS[key]
    if v.startswith("T"):
        v = f"XXXX-XX-XX{v}"
    return Resolved(v, "SET", "recurring period")


def h_each_month(m, c, s, e):
    return Resolved(f"XXXX-{month_number(m.group('mon')):02d}", "SET", "recurring month")


_UNITREL_UNITS = {
    "week": "W",
    "weekend": "WE",
    "month": "M",
    "year": "Y",
    "fiscal year": "Y",
    "decade": "DE",
    "century": "CE",
    "day": "D",
}
_PARTS = {"morning", "night", "evening", "afternoon"}


def h_unitrel(m, c, s, e):
    rel, u = _norm(m.group("rel")), _norm(m.group("u"))
    if u in _PARTS:
        if rel not in ("that", "the same", "that same", "the following", "the next", "the previous"):
            return None
        base = c.day or c.ref
        if base is None:
            return Resolved(None, "TIME", f"'{m.group(0)}': no day mentioned before")
        off = 1 if rel in ("the following", "the next") else -1 if rel == "the previous" else 0
        dd = base + timedelta(days=off)
        return Resolved(
            f"{dd.isoformat()}T{PARTS_OF_DAY[u]}",
            "TIME",
            f"part of the day after/of the day last mentioned {base.isoformat()}",
            dd,
            "D",
        )
    unit = _UNITREL_UNITS[u]
    if u == "day" and rel in (
        "the",
        "this",
        "last",
        "next",
        "past",
        "coming",
        "current",
        "the past",
        "the last",
        "the coming",
        "the current",
    ):
        return None
    anaphoric = rel in (
        "that",
        "that same",
        "the same",
        "the following",
        "the previous",
        "the prior",
        "following",
        "previous",
    ) or (u == "day" and rel == "the next")
    if anaphoric:
        off = (
            1
            if rel in ("the following", "following", "the next")
            else -1
            if rel in ("the previous", "the prior", "previous")
            else 0
        )
        return _from_ref(m, c, unit, off, u, u)
    if c.anchor is None:
        return Resolved(None, "DATE", f"'{m.group(0)}': {NO_ANCHOR}")
    off = {
        "last": -1,
        "the last": -1,
        "the past": -1,
        "past": -1,
        "this past": -1,
        "previous": -1,
        "next": 1,
        "the next": 1,
        "coming": 1,
        "the coming": 1,
        "this coming": 1,
    }.get(rel, 0)
    if unit == "WE" and off == 0 and rel == "the":
        dr, _ = direction(c, s, e, None, "past")
        if dr in ("past", "before") and c.anchor.isoweekday() < 6:
            off = -1
    dd = shift(c.anchor, unit, off)
    kind = "DATE"
    return Resolved(
        fmt(dd, unit),
        kind,
        f"{u} {'before' if off < 0 else 'after' if off > 0 else 'of'} publication {c.anchor.isoformat()}",
        dd,
        unit,
    )


_FINER_OR_EQUAL = {
    "D": ("D",),
    "W": ("D", "W"),
    "WE": ("D", "W"),
    "M": ("D", "W", "M"),
    "Q": ("D", "W", "M", "Q"),
    "Y": ("D", "W", "M", "Q", "H", "Y"),
    "DE": ("D", "W", "M", "Q", "H", "Y", "DE"),
    "CE": ("D", "W", "M", "Q", "H", "Y", "DE", "CE"),
}


def h_day_before(m, c, s, e):
    u = _UNITREL_UNITS[m.group("u").lower()]
    off = -1 if m.group("dir").lower() in ("before", "earlier") else 1
    return _from_ref(m, c, u, off, m.group("u").lower(), "date")


def _from_ref(m: re.Match[str], c: Context, unit: str, off: int, name: str, earlier: str) -> Resolved:
    """The ``unit``-sized period ``off`` steps from the date last mentioned ("the following week", "the day
    before"), described with ``name``; unresolved, naming ``earlier``, when no date as fine came before."""
    if c.ref is None or c.ref_unit not in _FINER_OR_EQUAL.get(unit, ()):
        return Resolved(None, "DATE", f"'{m.group(0)}': no earlier {earlier} mentioned to refer to")
    dd = shift(c.ref, unit, off)
    side = "after" if off > 0 else "before" if off < 0 else "of"
    return Resolved(fmt(dd, unit), "DATE", f"{name} {side} the date last mentioned ({c.ref_value})", dd, unit)


def _duration_value(n: float | None, u: str) -> str:
    if u in ("H", "MIN", "S"):
        code = {"H": "H", "MIN": "M", "S": "S"}[u]
        if n is None:
            return f"PTX{code}"
        if u == "H" and n != int(n):
            return f"PT{int(n)}H{int(round((n - int(n)) * 60))}M"
        if u == "MIN" and n != int(n):
            return f"PT{int(n)}M{int(round((n - int(n)) * 60))}S"
        return f"PT{int(n)}{code}"
    if u == "FN":
        return "P2W" if n == 1 else ("PXW" if n is None else f"P{int(n * 2)}W")
    if u == "CE":
        return "PXCE" if n is None else f"P{int(n * 100)}Y"
    if u == "DE":
        return "PXDE" if n is None else f"P{int(n * 10)}Y"
    if n is None:
        return f"PX{u}"
    if n != int(n):
        if u == "Y":
            return f"P{int(n * 12)}M"
        if u == "M":
            return f"P{int(n * 30)}D"
        if u == "D":
            return f"PT{int(n * 24)}H"
        if u == "W":
            return f"P{int(n * 7)}D"
    return f"P{int(n)}{u}"


def h_duration(m, c, s, e):
    n = number_value(m.group("n"))
    u = unit_code(m.group("u"))
    span = _without_det(m, c, e) if m.group("det") and not m.group("rel") and re.search(r"\w-\w", m.group(0)) else None
    return Resolved(_duration_value(n, u), "DURATION", "length stated", span=span)


def h_vague_plural(m, c, s, e):
    rel = _norm(m.group("rel"))
    u = unit_code(m.group("u"))
    if not rel:
        left = c.text[max(0, s - 12) : s].lower()
        if not re.search(r"\b(for|over|within|in|after|take|takes|took|last|lasted|spent)\s+$", left):
            return None
    if rel in ("the", "the early", "the first") and u not in ("H", "D"):
        return None
    return Resolved(_duration_value(None, u), "DURATION", "vague length")


_REFS = {
    "right now": "PRESENT_REF",
    "now": "PRESENT_REF",
    "currently": "PRESENT_REF",
    "nowadays": "PRESENT_REF",
    "these days": "PRESENT_REF",
    "the present": "PRESENT_REF",
    "current": "PRESENT_REF",
    "recently": "PAST_REF",
    "lately": "PAST_REF",
    "recent": "PAST_REF",
    "the past": "PAST_REF",
    "formerly": "PAST_REF",
    "the future": "FUTURE_REF",
    "future": "FUTURE_REF",
    "soon": "FUTURE_REF",
    "a later date": "FUTURE_REF",
}


def h_ref(m, c, s, e):
    w = _norm(m.group("w"))
    v = "FUTURE_REF" if "future" in w else _REFS.get(w, "PAST_REF")
    return Resolved(v, "DATE", "general reference to present, past or future")


def h_spoken_year(m, c, s, e):
    y = spoken_year(m.group(0))
    if y is None:
        return None
    return Resolved(f"{y:04d}", "DATE", "year in words", date(y, 1, 1), "Y")


def h_year(m, c, s, e):
    pre, tail = _norm(m.group("pre")), m.group("tail")
    y = int(m.group("y"))
    if pre in ("the",) and not tail:
        return None
    if not pre and not tail:
        left = c.text[max(0, s - 20) : s]
        if re.search(
            r"(?:\bno\.|\bnumber|#|\$|\bpage|\broom|\broute|\bflight|\bmodel|\bversion|\bbuilding)\s*$", left, re.I
        ):
            return None
        if c.anchor and y > c.anchor.year + 30:
            return None
    if "fiscal" in pre:
        return Resolved(f"{y:04d}", "DATE", "fiscal year named", date(y, 1, 1), "Y")
    return Resolved(f"{y:04d}", "DATE", "explicit year", date(y, 1, 1), "Y")


HANDLERS: dict[str, Callable[..., Resolved | None]] = {
    "iso": h_iso,
    "slash": h_slash,
    "month_day": h_month_day,
    "day_month": h_month_day,
    "month_year": h_month_year,
    "month": h_month,
    "weekday_set": h_weekday_set,
    "weekday": h_weekday,
    "dayrel": h_dayrel,
    "clock": h_clock,
    "clock24": h_clock,
    "noon": h_noon,
    "ago": h_ago,
    "year_ago": h_year_ago,
    "quarter": h_quarter,
    "the_quarter": h_the_quarter,
    "half": h_half,
    "season": h_season,
    "decade": h_decade,
    "century": h_century,
    "holiday": h_holiday,
    "set": h_set,
    "each_month": h_each_month,
    "unitrel": h_unitrel,
    "day_before": h_day_before,
    "duration": h_duration,
    "vague_plural": h_vague_plural,
    "ref": h_ref,
    "year": h_year,
    "spoken_year": h_spoken_year,
}


def _resolve_fragment(phrase: str, c: Context, s: int, e: int) -> Resolved | None:
    from storyline.timeline.grammar import RULES

    for rule in RULES:
        fm = rule.pattern.fullmatch(phrase)
        if fm and rule.name in ("weekday", "dayrel", "month_day"):
            return HANDLERS[rule.name](fm, c, s, e)
    return None


_MAY_OK_LEFT = re.compile(
    r"\b(?:in|since|until|till|by|during|of|before|after|from|to|through|and|or|between|early|late|mid|last|next|this|each|every|end|beginning|start|middle)[\s-]*$",
    re.I,
)


def plausible(rule: str, m: re.Match[str], text: str) -> bool:
    """Cheap checks that reject look-alikes (the modal "may", "fall" the verb) before spans are chosen."""
    if rule == "month":
        word = m.group("mon")
        if m.group("pre") or m.group("rel"):
            return True
        if not word.endswith(".") and len(word) <= 4 and word not in ("May", "June", "July", "MAY", "JUNE", "JULY"):
            return False
        if word.rstrip(".") in ("May", "March", "MAY", "MARCH"):
            return bool(_MAY_OK_LEFT.search(text[max(0, m.start() - 15) : m.start()]))
        return True
    if rule in ("month_day", "day_month", "month_year"):
        word = m.group("mon")
        if word.rstrip(".") in ("May", "March") and rule == "day_month":
            return True
        return True
    return True
