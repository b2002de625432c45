"""The regular-expression grammar of English time expressions: one named rule per expression family.

Each rule's match carries named groups that :mod:`storyline.timeline.normalise` turns into a
value. Rules are tried together; overlapping candidates are settled longest-first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from storyline.lexicon import MONTH_NAMES
from storyline.timeline.lexicon import (
    DAY_RE,
    MONTH_RE,
    NUM_RE,
    PART_RE,
    UNIT_RE,
    VAGUE_RE,
    WEEKDAY_RE,
    YEAR_RE,
)
from storyline.timeline.prefilter import Keys, Plan, TextView, safe_to_lower, scan

MOD = (
    r"(?:(?:about|around|approximately|roughly|nearly|almost|some|more\s+than|less\s+than|"
    r"at\s+least|at\s+most|up\s+to|well\s+over|fully|a\s+full|the\s+better\s+part\s+of)\s+)?"
)
EDGE = (
    r"(?:early|late|mid-?|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|end-|the\s+rest\s+of)"
)
REL = r"(?:this\s+past|this\s+coming|last|next|this|past|coming)"
TZ = r"(?:\s+(?-i:[ECMP][SD]T|GMT|UTC|BST|CET|JST|KST))?"
SPOKEN_YEAR = (
    r"(?:nineteen|twenty)\s+(?:hundred(?:\s+and)?\s+)?"
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
    r"|o[- ](?:one|two|three|four|five|six|seven|eight|nine))\b"
    r"|two\s+thousand(?:\s+and)?(?:\s+(?:one|two|three|four|five|six|seven|eight|nine|ten))?\b"
)
DAYREF = rf"(?:{WEEKDAY_RE}|today|yesterday|tomorrow|tonight|{MONTH_RE}\s*{DAY_RE})"

_RULES: list[tuple[str, str]] = [
    (
        "iso",
        r"\b(?P<y>(?:1[6-9]|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
        r"(?:[T ](?P<hh>[01]\d|2[0-3]):(?P<mi>[0-5]\d)(?::[0-5]\d)?)?\b",
    ),
    ("slash", r"(?<![\d/])(?P<m>1[0-2]|0?[1-9])/(?P<d>[12]\d|3[01]|0?[1-9])/(?P<y>(?:19|20)\d\d|\d\d)(?![\d/])"),
    (
        "month_day",
        rf"(?:\b(?P<wd>{WEEKDAY_RE}),?\s+)?(?:\b(?P<rel>this\s+coming|this\s+past)\s+)?(?:\b(?P<pre>early|late|mid-?)\s*)?\b(?P<mon>{MONTH_RE})\s*(?P<d>{DAY_RE})\b(?!\s*(?:%|percent|[.,]\d|:\d|-\d|\d))(?:,?\s+(?P<y>{YEAR_RE})\b)?",
    ),
    ("day_month", rf"\b(?:the\s+)?(?P<d>{DAY_RE})(?:\s+of)?\s+(?P<mon>{MONTH_RE})(?:,?\s+(?P<y>{YEAR_RE})\b)?"),
    (
        "month_year",
        rf"(?:\b(?P<pre>{EDGE})\s*)?\b(?P<mon>{MONTH_RE})(?:\s+of)?,?\s+(?:(?P<y>{YEAR_RE})\b|(?P<sy>{SPOKEN_YEAR})|(?P<ry>(?:last|this|next)\s+year)\b)",
    ),
    ("month", rf"(?:\b(?P<pre>{EDGE})\s*)?(?:\b(?P<rel>{REL})\s+)?\b(?P<mon>{MONTH_RE})"),
    (
        "weekday_set",
        r"\b(?:(?:every|each)\s+)?(?P<wd>(?-i:Mondays|Tuesdays|Wednesdays|Thursdays|Fridays|Saturdays|Sundays))\b(?:\s+(?P<part>mornings|afternoons|evenings|nights))?|\b(?:every|each)\s+(?P<wd1>"
        + WEEKDAY_RE
        + r")",
    ),
    (
        "weekday",
        rf"(?:\b(?P<rel>{REL}|the\s+previous|the\s+following|earlier|later|early|late)\s+)?\b(?P<wd>{WEEKDAY_RE})(?:\s+(?P<part>{PART_RE})\b)?",
    ),
    (
        "dayrel",
        rf"(?:\b(?P<pre>early|late|earlier|later)\s+)?\b(?:(?P<w>today|tonight|yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)(?:\s+(?P<part>{PART_RE})\b)?|(?P<rel>this|last|tomorrow|yesterday)\s+(?P<part2>{PART_RE}))\b",
    ),
    (
        "clock",
        rf"(?:\b(?P<mod>around|about|approximately|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?\b(?P<h>[01]?\d|2[0-3])(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.m\.|[ap]m\b|[ap]\.m\b)(?P<tz>{TZ})(?:,?\s+(?:on\s+)?(?P<day>{DAYREF}))?",
    ),
    (
        "clock24",
        rf"\b(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)(?P<tz>\s+(?-i:[ECMP][SD]T|GMT|UTC|BST|CET|JST|KST))\b(?:,?\s+(?P<day>{DAYREF}))?",
    ),
    ("noon", rf"\b(?P<w>noon|midnight|midday)(?:,?\s+(?P<day>{DAYREF}))?"),
    (
        "ago",
        rf"\b(?P<mod>{MOD})(?P<n>{NUM_RE}|{VAGUE_RE})(?:\s+(?:or|to)\s+(?P<n2>{NUM_RE}))?[\s-]+(?P<u>{UNIT_RE})s?(?:\s+or\s+so)?\s+(?P<dir>ago|earlier|from\s+now|hence|back)\b",
    ),
    (
        "year_ago",
        r"\b(?:(?P<det>the|a)\s+)?year[- ](?P<dir>ago|earlier)"
        r"(?:\s+(?P<what>(?:(?:first|second|third|fourth)[\s-]+)?quarter"
        r"|period|nine\s+months|six\s+months|month|week))?\b",
    ),
    (
        "quarter",
        rf"\b(?:(?P<det>the|a|this|last|next|that)\s+)?(?:(?P<ypos>(?:this|last|next)\s+year's|{YEAR_RE}'s|(?:the\s+)?{YEAR_RE})\s+)?(?:(?:latest|current|fiscal|flat|same|calendar|comparable|corresponding|strong|weak|disappointing)[\s-]+)*(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+(?:fiscal[\s-]+)?quarter\b(?:\s+of\s+(?P<y>{YEAR_RE}|(?:this|last|next)\s+year|the\s+year))?|\b(?P<qn>Q[1-4])\b(?:\s+(?P<y2>{YEAR_RE}))?|\b(?P<qq>[1-4])Q\b",
    ),
    (
        "the_quarter",
        rf"\b(?P<det>the|this|that|last|next)\s+(?P<adj>(?:(?:latest|current|most\s+recent|recent|same|previous|prior|past|comparable|corresponding|year-earlier|year-ago|fiscal|{YEAR_RE})[\s-]+)*)(?P<u>quarter|period)\b(?P<tail>\s+(?:a\s+year\s+(?:earlier|ago)|last\s+year))?",
    ),
    (
        "half",
        rf"\b(?:the\s+)?(?P<ord>first|second|last|latter)\s+half(?:\s+of\s+(?:the\s+)?(?P<y>{YEAR_RE}|(?:this|last|next)\s+year|the\s+year|'\d0s|{YEAR_RE}s))?",
    ),
    (
        "season",
        rf"(?:\b(?P<rel>this\s+past|this\s+coming|last|next|this|the|early|late|mid-?)\s+)?(?:\b(?P<pre>early|late|mid-?)\s*)?\b(?P<s>spring|summer|fall|autumn|winter)\b(?:\s+(?:of\s+)?(?:(?P<y>{YEAR_RE})\b|(?P<sy>{SPOKEN_YEAR})))?",
    ),
    (
        "decade",
        r"(?:\b(?P<det>the)\s+)?(?:\b(?P<pre>early|late|mid-?)\s*)?(?:\b(?P<y>1[0-9]\d0|20\d0)s\b|'(?P<yy>\d0)s\b|\b(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b)",
    ),
    (
        "century",
        r"\b(?:the\s+)?(?:(?P<pre>early|late|mid-?)\s*)?(?P<ord>\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)[\s-]+century\b",
    ),
    (
        "holiday",
        rf"(?:\b(?P<rel>last|next|this)\s+)?\b(?P<h>(?-i:Christmas\s+Eve|Christmas(?:\s+Day)?|New\s+Year's\s+(?:Day|Eve)|Thanksgiving(?:\s+Day)?|Independence\s+Day|Labor\s+Day|Memorial\s+Day|Easter(?:\s+Sunday)?|Halloween|Valentine's\s+Day))\b(?:,?\s+(?P<y>{YEAR_RE})\b)?",
    ),
    (
        "set",
        r"\b(?:(?P<q>every|each|per)\s+(?P<u>day|week|month|quarter|year|morning|night|evening|weekend)|(?P<adv>daily|weekly|monthly|annually|yearly|hourly|nightly)|(?P<times>once|twice|three\s+times|four\s+times)\s+(?:a|per)\s+(?P<u2>day|week|month|quarter|year))\b",
    ),
    ("each_month", rf"\b(?:every|each)\s+(?P<mon>{MONTH_RE})"),
    (
        "unitrel",
        rf"(?:\b(?P<pre>{EDGE}|earlier|later)\s+)?\b(?P<rel>this\s+past|this\s+coming|this|last|next|the\s+past|the\s+last|the\s+next|the\s+previous|the\s+coming|the\s+current|the\s+following|the\s+same|the\s+prior|the\s+full|that|that\s+same|past|previous|coming|current|following|the)\s+(?P<u>week|weekend|month|year|decade|century|fiscal\s+year|day|morning|night|evening|afternoon)\b",
    ),
    (
        "day_before",
        r"\bthe\s+(?P<u>day|week|month|year)\s+(?P<dir>before|after|earlier|later)\b(?!\s+(?:the|a|his|her|their|its|an)\b)",
    ),
    (
        "duration",
        rf"\b(?:(?P<det>the|each\s+of\s+the|all\s+of\s+the)\s+)?(?:(?P<rel>past|last|next|first|coming|previous|following|latest|final|initial|remaining|recent|same|ensuing|preceding|other|additional)\s+)?(?P<mod>{MOD})(?P<n>{NUM_RE}|{VAGUE_RE})(?:\s*(?:or|to|and|-)\s*(?P<n2>{NUM_RE}))?(?:\s+(?:more|additional|straight|consecutive|full))?[\s-]+(?P<u>{UNIT_RE})s?\b(?!\s+of\b|[\s-]+olds?\b)(?:\s+or\s+so)?",
    ),
    (
        "vague_plural",
        rf"\b(?:(?P<rel>recent|the\s+past\s+few|the\s+past|past|the\s+coming|coming|the\s+next\s+few|the\s+next|the\s+last\s+few|the\s+last|the\s+first|the\s+early|the)\s+)?(?P<u>{UNIT_RE})s\b(?P<tail>\s+ahead)?",
    ),
    (
        "ref",
        r"\b(?P<w>now|currently|nowadays|these\s+days|the\s+present|current|recently|lately|the\s+past|the\s+(?:near\s+|distant\s+|foreseeable\s+)?future|(?<!as\s)soon(?!\s+(?:as|after))|formerly|a\s+later\s+date)\b",
    ),
    (
        "spoken_year",
        rf"\b(?:the\s+year\s+)?(?P<sy>{SPOKEN_YEAR})(?![\s-]+(?:years?|days?|months?|weeks?|people|dollars|miles)\b)",
    ),
    (
        "year",
        rf"(?<![\w$£€#/])(?:(?P<pre>{EDGE}|fiscal|calendar|the\s+fiscal|the\s+calendar|the)\s*)?(?P<y>{YEAR_RE})(?P<tail>\s+(?:period|season|fiscal\s+year))?(?![\w%$-]|[.,]\d|\s*(?:percent|per\s+cent|tons?|people|feet|meters|metres|miles|km|kilometers|votes|barrels|points|units|cars|troops|jobs|dollars|yen|euros|hours|hrs|local\s+time|(?-i:GMT|UTC|BST|CET|[ECMP][SD]T))\b)",
    ),
]


@dataclass(frozen=True)
class Rule:
    """One family of time expressions: a name and its compiled pattern."""

    name: str
    pattern: re.Pattern[str]


RULES: list[Rule] = [Rule(name, re.compile(rx, re.I)) for name, rx in _RULES]

# Literals of which every match of a rule contains one (see prefilter.py): a rule runs only
# around them. ``low`` is searched in the lower-cased text, ``exact`` as written (words inside
# ``(?-i:...)``: months, weekdays, holidays). The year digits are the patterns' own ASCII
# literals ("1[5-9]", "20"), which only ASCII digits match. A keyword list that misses some
# match makes candidates() lose it: tests/test_timex_expressions.py checks each rule on
# texts generated from its pattern. A rule without an entry is scanned whole.
_MONTH_KEYS = tuple(m[:3].capitalize() for m in MONTH_NAMES)
_MONTH_KEYS += tuple(m.upper() for m in _MONTH_KEYS)
_MONTHS = Keys(exact=_MONTH_KEYS)
_UNIT_KEYS = ("second", "minute", "hour", "day", "week", "fortnight", "month", "quarter", "year", "decade", "centur")
_YEAR_KEYS = ("15", "16", "17", "18", "19", "20")
KEYS: dict[str, Keys] = {
    "iso": Keys(low=_YEAR_KEYS[1:]),
    "slash": Keys(low=("/",)),
    "month_day": _MONTHS,
    "day_month": _MONTHS,
    "month_year": _MONTHS,
    "month": _MONTHS,
    "weekday_set": Keys(low=("every", "each"), exact=("days",)),
    "weekday": Keys(exact=("day", "DAY")),
    "dayrel": Keys(low=("today", "yesterday", "tomorrow", "morning", "afternoon", "evening", "night")),
    "clock": Keys(low=("am", "pm", "a.m", "p.m")),
    "clock24": Keys(low=(":",)),
    "noon": Keys(low=("noon", "midnight", "midday")),
    "ago": Keys(low=("ago", "earlier", "from", "hence", "back")),
    "year_ago": Keys(low=("ago", "earlier")),
    "quarter": Keys(low=("q",)),
    "the_quarter": Keys(low=("quarter", "period")),
    "half": Keys(low=("half",)),
    "season": Keys(low=("spring", "summer", "fall", "autumn", "winter")),
    "decade": Keys(low=("0s", "ties")),
    "century": Keys(low=("century",)),
    "holiday": Keys(
        exact=(
            "Christmas",
            "Year's",
            "Thanksgiving",
            "Independence",
            "Labor",
            "Memorial",
            "Easter",
            "Halloween",
            "Valentine's",
        )
    ),
    "set": Keys(
        low=(
            "every",
            "each",
            "per",
            "daily",
            "weekly",
            "monthly",
            "annually",
            "yearly",
            "hourly",
            "nightly",
            "once",
            "twice",
            "times",
        )
    ),
    "each_month": Keys(low=("every", "each")),
    "unitrel": Keys(
        low=("week", "month", "year", "decade", "century", "day", "morning", "night", "evening", "afternoon")
    ),
    "day_before": Keys(low=("before", "after", "earlier", "later")),
    "duration": Keys(low=_UNIT_KEYS),
    "vague_plural": Keys(low=tuple(u + "s" for u in _UNIT_KEYS[:-1]) + ("centur",)),
    "ref": Keys(
        low=("now", "current", "these", "present", "recent", "lately", "past", "future", "soon", "formerly", "later")
    ),
    "spoken_year": Keys(low=("nineteen", "twenty", "thousand")),
    "year": Keys(low=_YEAR_KEYS),
}
_PLANS: list[Plan] = [Plan(rule.pattern, KEYS.get(rule.name)) for rule in RULES]


@dataclass(frozen=True)
class Candidate:
    """A rule's match at one place in the text."""

    start: int
    end: int
    rule: str
    order: int
    match: re.Match[str]


def candidates(text: str) -> list[Candidate]:
    """Every match of every rule, overlapping ones included.

    The same matches as running each rule's ``finditer`` over the whole text, found by
    running each rule only where its keywords are (:mod:`storyline.timeline.prefilter`).
    """
    out: list[Candidate] = []
    if not safe_to_lower(text):
        for i, rule in enumerate(RULES):
            for m in rule.pattern.finditer(text):
                if m.end() > m.start():
                    out.append(Candidate(m.start(), m.end(), rule.name, i, m))
        return out
    view = TextView(text)
    for i, (rule, plan) in enumerate(zip(RULES, _PLANS)):
        for m in scan(plan, view):
            if m.end() > m.start():
                out.append(Candidate(m.start(), m.end(), rule.name, i, m))
    return out


def choose(cands: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates, longest first, earlier rules winning ties; in text order."""
    taken: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.order, c.start)):
        if all(c.end <= t.start or t.end <= c.start for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: c.start)
