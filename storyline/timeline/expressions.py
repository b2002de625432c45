"""Find time expressions in a text and normalise them against the article's publication date."""

from __future__ import annotations

from storyline.lexicon import MONTH_ABBREVIATIONS
from storyline.model import TimeMention
from storyline.timeline.calendar_math import parse_anchor
from storyline.timeline.grammar import candidates, choose
from storyline.timeline.normalise import HANDLERS, Context, plausible

_TRIM = " \t\n,.;:"


def find_times(text: str, anchor: str | None, *, tense_hint: bool = True) -> list[TimeMention]:
    """Time expressions of ``text`` with TIMEX3-style values, in text order.

    ``anchor`` is the publication date (ISO); without it, relative expressions get an
    undetermined value ("XXXX-09") or None, and ``how`` says so. ``tense_hint`` lets the
    tense of the surrounding clause choose between the past and future occurrence of a bare
    weekday or month; without it the anchor's own week or year is used.
    """
    ctx = Context(text=text, anchor=parse_anchor(anchor), tense_hint=tense_hint)
    chosen = choose([c for c in candidates(text) if plausible(c.rule, c.match, text)])
    out: list[TimeMention] = []
    for cand in chosen:
        res = HANDLERS[cand.rule](cand.match, ctx, cand.start, cand.end)
        if res is None:
            continue
        start, end = res.span or (cand.start, cand.end)
        while (
            end > start
            and text[end - 1] in _TRIM
            and not text[start:end].endswith(("a.m.", "p.m."))
            and not _is_abbrev(text[start:end])
        ):
            end -= 1
        while start < end and text[start] in _TRIM:
            start += 1
        out.append(TimeMention(start, end, text[start:end], res.value, res.kind, res.how))
        if res.date is not None and res.unit is not None and res.sets_reference:
            ctx.ref, ctx.ref_unit, ctx.ref_value = res.date, res.unit, res.value
            if res.unit == "D":
                ctx.day = res.date
    return out


def _is_abbrev(span: str) -> bool:
    last = span.rstrip(".").split()[-1:]
    return (
        span.endswith(".") and bool(last) and last[0] == last[0].capitalize() and last[0].lower() in MONTH_ABBREVIATIONS
    )
