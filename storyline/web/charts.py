"""Inline SVG charts drawn on the server (no script, no network): timelines, thread axes, source graphs.

Every piece of text passes through :func:`esc`; the result is marked safe for the templates.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable
from datetime import date, timedelta
from html import escape
from typing import Any

from markupsafe import Markup

from . import dates

_FONT = 'font-family="system-ui, sans-serif"'


def esc(text: Any) -> str:
    """Text made safe for SVG content and attribute values."""
    return escape(str(text), quote=True)


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


_NARROW, _SEMI, _WIDE = set(" .,:;'!|ijl()[]`"), set("frtI-\"/"), set("mwMW%@")


def text_width(text: str, size: float) -> float:
    """Rendered width of ``text`` at font ``size``, estimated from the advance widths of DejaVu Sans (the
    widest of the usual sans-serif fonts): SVG text neither wraps nor shrinks, so labels are cut to what
    this says fits."""
    em = 0.0
    for ch in text:
        if ch in _NARROW:
            em += 0.32
        elif ch in _SEMI:
            em += 0.42
        elif ch in _WIDE:
            em += 1.0
        elif ch.isupper() or ch.isdigit():
            em += 0.74
        elif ord(ch) > 0x2E7F:
            em += 1.0
        else:
            em += 0.63
    return em * size


def fit(text: str, width: float, size: float) -> str:
    """``text`` cut (with "…") to what fits in ``width`` at font ``size``."""
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[: max(0, min(len(text) - 1, int(len(text) * width / text_width(text + "…", size))))]
    return text.rstrip() + "…"


class GapScale:
    """Maps dates to x so that order is kept and long gaps are shortened (log of the gap in days)."""

    def __init__(self, days: list[date], x0: float, width: float):
        self.knots = sorted(set(days))
        pos = [0.0]
        for a, b in zip(self.knots, self.knots[1:]):
            pos.append(pos[-1] + 1.0 + math.log1p((b - a).days))
        span = pos[-1] or 1.0
        self.pos = [x0 + width * p / span for p in pos] if len(self.knots) > 1 else [x0 + width / 2]

    def x(self, d: date) -> float:
        i = bisect.bisect_left(self.knots, d)
        if i < len(self.knots) and self.knots[i] == d:
            return self.pos[i]
        if i == 0:
            return self.pos[0]
        if i >= len(self.knots):
            return self.pos[-1]
        a, b = self.knots[i - 1], self.knots[i]
        return self.pos[i - 1] + (self.pos[i] - self.pos[i - 1]) * (d - a).days / max((b - a).days, 1)


def timeline_svg(events: list[dict[str, Any]], title: str = "Timeline") -> Markup:
    """Events one per row: the date value, a dot (a day) or bar (a longer span), the report date, the text."""
    rows = [(e, iv) for e in events if (iv := dates.interval(e.get("date")))]
    if not rows:
        return Markup('<p class="empty">No dated events.</p>')
    label_w, scale_x, scale_w, text_x, width, row_h, top = 130, 140, 360, 520, 1000, 22, 46
    points = [iv[0] for _, iv in rows] + [iv[1] for _, iv in rows]
    reported = {id(e): dates.interval(e.get("reported")) for e, _ in rows}
    points += [r[0] for r in reported.values() if r]
    scale = GapScale(points, scale_x + 6, scale_w - 12)
    height = top + row_h * len(rows) + 10
    out = [
        f'<svg class="chart timeline" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg" {_FONT} font-size="12"><title>{esc(title)}</title>',
        f'<rect x="{scale_x}" y="{top - 8}" width="{scale_w}" height="{height - top}" class="band"/>',
        f'<text x="{scale_x}" y="12" class="axis-note">time → (long gaps shortened)</text>',
        f'<text x="{text_x}" y="12" class="axis-note">event (○ reported)</text>',
    ]
    last_tick = -1e9
    for e, iv in rows:
        x = scale.x(iv[0])
        if x - last_tick >= 70:
            out.append(
                f'<line x1="{x:.1f}" y1="{top - 8}" x2="{x:.1f}" y2="{height - 4}" class="tick"/>'
                f'<text x="{x:.1f}" y="{top - 12}" class="tick-label" text-anchor="middle">'
                f'{esc(_clip(str(e["date"]), 12))}</text>'
            )
            last_tick = x
    for n, (e, iv) in enumerate(rows):
        y = top + n * row_h + row_h / 2
        x1, x2 = scale.x(iv[0]), scale.x(iv[1])
        tip = f'{e["date"]}: {e.get("text") or ""}'
        out.append(f'<g class="event"><title>{esc(tip)}</title>')
        out.append(
            f'<text x="{label_w}" y="{y + 4:.1f}" text-anchor="end" class="date-label">'
            f'{esc(_clip(str(e["date"]), 18))}</text>'
        )
        rep = reported[id(e)]
        if rep:
            xr = scale.x(rep[0])
            out.append(
                f'<line x1="{x1:.1f}" y1="{y:.1f}" x2="{xr:.1f}" y2="{y:.1f}" class="report-line"/>'
                f'<circle cx="{xr:.1f}" cy="{y:.1f}" r="4" class="reported"/>'
            )
        if x2 - x1 >= 3:
            out.append(f'<rect x="{x1:.1f}" y="{y - 5:.1f}" width="{x2 - x1:.1f}" height="10" rx="3" class="span"/>')
        else:
            out.append(f'<circle cx="{x1:.1f}" cy="{y:.1f}" r="5" class="day"/>')
        out.append(
            f'<text x="{text_x}" y="{y + 4:.1f}" class="event-text">'
            f'{esc(fit(str(e.get("text") or ""), width - text_x - 6, 12))}</text></g>'
        )
    out.append("</svg>")
    return Markup("".join(out))


def _month_ticks(lo: date, hi: date) -> list[tuple[date, str]]:
    years = hi.year - lo.year
    ticks = []
    if years >= 3:
        for y in range(lo.year + 1, hi.year + 1):
            ticks.append((date(y, 1, 1), str(y)))
        return ticks
    d = date(lo.year, lo.month, 1)
    while d <= hi:
        if d >= lo:
            ticks.append((d, d.strftime("%Y-%m") if d.month == 1 or not ticks else d.strftime("%b")))
        d = date(d.year + d.month // 12, d.month % 12 + 1, 1)
    return ticks


def thread_svg(stories: list[dict[str, Any]], href: Callable[[str], str], title: str = "Stories over time") -> Markup:
    """A thread's stories as bars from their first to their last date on a linear time axis, each a link."""
    rows = [
        (s, a, b)
        for s in stories
        if (a := dates.interval(s.get("start"))) and (b := dates.interval(s.get("end") or s.get("start")))
    ]
    if not rows:
        return Markup('<p class="empty">No dated stories.</p>')
    lo = min(a[0] for _, a, _ in rows)
    hi = max(b[1] for _, _, b in rows)
    lo, hi = lo - timedelta(days=2), hi + timedelta(days=2)
    span = max((hi - lo).days, 1)
    label_w, x0, w, width, row_h, top = 330, 340, 640, 1000, 30, 30
    height = top + row_h * len(rows) + 10

    def x(d: date) -> float:
        return x0 + w * (d - lo).days / span

    out = [
        f'<svg class="chart thread" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'xmlns="http://www.w3.org/2000/svg" {_FONT} font-size="12"><title>{esc(title)}</title>',
        f'<rect x="{x0}" y="{top - 6}" width="{w}" height="{height - top}" class="band"/>',
    ]
    last = -1e9
    for d, label in _month_ticks(lo, hi):
        xd = x(d)
        if xd - last >= 40:
            out.append(
                f'<line x1="{xd:.1f}" y1="{top - 6}" x2="{xd:.1f}" y2="{height - 4}" class="tick"/>'
                f'<text x="{xd:.1f}" y="{top - 10}" text-anchor="middle" class="tick-label">{esc(label)}</text>'
            )
            last = xd
    for n, (s, a, b) in enumerate(rows):
        y = top + n * row_h + row_h / 2
        x1, x2 = x(a[0]), x(b[1] + timedelta(days=1))
        tip = (
            f'{s.get("title")} ({s.get("start")} – {s.get("end") or s.get("start")}), {s.get("articles", 0)} article(s)'
        )
        out.append(
            f'<a href="{esc(href(s["id"]))}" class="story-link"><title>{esc(tip)}</title>'
            f'<text x="{label_w}" y="{y + 4:.1f}" text-anchor="end" class="story-label">'
            f'{esc(fit(str(s.get("title") or s["id"]), label_w - 8, 12))}</text>'
            f'<rect x="{x1:.1f}" y="{y - 8:.1f}" width="{max(x2 - x1, 6):.1f}" height="16" rx="4" '
            'class="story-bar"/></a>'
        )
    out.append("</svg>")
    return Markup("".join(out))


def _levels(ids: list[str], edges: list[dict[str, Any]]) -> dict[str, int]:
    level = {i: 0 for i in ids}
    for _ in range(len(ids)):
        changed = False
        for e in edges:
            a, b = e["source"], e["target"]
            if a in level and b in level and level[b] < level[a] + 1 and level[a] + 1 < len(ids):
                level[b] = level[a] + 1
                changed = True
        if not changed:
            break
    return level


def graph_svg(graph: dict[str, list[dict[str, Any]]], uid: str = "g") -> Markup:
    """The source graph in columns: who cites (or copies) whom flows left to right."""
    nodes, edges = graph.get("nodes") or [], graph.get("edges") or []
    if not nodes:
        return Markup('<p class="empty">No sources known.</p>')
    level = _levels([n["id"] for n in nodes], edges)
    columns: dict[int, list[dict[str, Any]]] = {}
    for n in nodes:
        columns.setdefault(level[n["id"]], []).append(n)
    char_w, box_h, gap_y, gap_x, pad = 6.6, 24, 14, 70, 10
    labels = {n["id"]: fit(n["name"], 34 * char_w, 11) for n in nodes}
    col_w = {c: max(text_width(labels[n["id"]], 11) for n in col) + 20 for c, col in columns.items()}
    pos: dict[str, tuple[float, float, float]] = {}
    x: float = pad
    for c in sorted(columns):
        for r, n in enumerate(sorted(columns[c], key=lambda n: (n["kind"], n["name"].lower()))):
            pos[n["id"]] = (x, pad + 20 + r * (box_h + gap_y), col_w[c])
        x += col_w[c] + gap_x
    width = x - gap_x + pad
    height = pad + 20 + max(len(col) for col in columns.values()) * (box_h + gap_y) + pad
    mid = esc(f"arrow-{uid}")
    out = [
        f'<svg class="chart graph" role="img" viewBox="0 0 {width:.0f} {height:.0f}" width="{min(width, 1000):.0f}" '
        f'xmlns="http://www.w3.org/2000/svg" {_FONT} font-size="11"><title>Who cites whom</title>',
        f'<defs><marker id="{mid}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="arrow-head"/></marker></defs>',
        f'<text x="{pad}" y="{pad + 6}" class="axis-note">'
        "→ cites / copies / credits (left: who publishes, right: whom they rely on)</text>",
    ]
    for e in edges:
        if e["source"] not in pos or e["target"] not in pos:
            continue
        x1, y1, w1 = pos[e["source"]]
        x2, y2, _ = pos[e["target"]]
        y1, y2 = y1 + box_h / 2, y2 + box_h / 2
        if x2 > x1:
            sx = x1 + w1
            d = f"M{sx:.1f},{y1:.1f} C{sx + 40:.1f},{y1:.1f} {x2 - 40:.1f},{y2:.1f} {x2:.1f},{y2:.1f}"
        else:
            d = (
                f"M{x1 + w1 / 2:.1f},{y1 + box_h / 2:.1f} C{x1 + w1 / 2:.1f},{y1 + 40:.1f} "
                f"{x2 + 20:.1f},{y2 + 40:.1f} {x2 + 20:.1f},{y2 + box_h / 2:.1f}"
            )
        tip = f'{e["source"]} {e["kind"]} {e["target"]}' + (f' ({e["count"]}×)' if e.get("count", 1) > 1 else "")
        out.append(
            f'<path d="{d}" class="edge {esc(e["kind"])}" marker-end="url(#{mid})"><title>{esc(tip)}</title></path>'
        )
    for n in nodes:
        x, y, w = pos[n["id"]]
        out.append(
            f'<g class="node {esc(n["kind"])}"><title>{esc(n["name"])} ({esc(n["kind"])})</title>'
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{box_h}" rx="5"/>'
            f'<text x="{x + 10:.1f}" y="{y + 16:.1f}">{esc(labels[n["id"]])}</text></g>'
        )
    out.append("</svg>")
    return Markup("".join(out))
