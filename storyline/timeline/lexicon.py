"""Word tables and regular-expression pieces for English time expressions.

Months, weekdays and number words come from :mod:`storyline.lexicon`; the tables here are the time
grammar's own (seasons, parts of day, units, ordinals, counting phrases).
"""

from __future__ import annotations

import re

from storyline import lexicon
from storyline.lexicon import MONTH_ABBREVIATIONS, MONTH_NAMES, MONTHS, WEEKDAY_NAMES, WEEKDAYS

SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "twenty-first": 21,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
NUMBER_WORDS: dict[str, float] = {
    "a": 1,
    "an": 1,
    **lexicon.NUMBER_WORDS,
    "a hundred": 100,
    "dozen": 12,
    "a dozen": 12,
    "half a": 0.5,
    "a half": 0.5,
    "a couple of": 2,
    "a couple": 2,
    "couple of": 2,
}
"""Number words and the phrases durations are counted in ("a couple of days", "half a year")."""
VAGUE_NUMBERS = {
    "several",
    "a few",
    "few",
    "some",
    "many",
    "numerous",
    "a number of",
    "dozens of",
    "hundreds of",
    "the few",
}
UNITS = {
    "second": "S",
    "minute": "MIN",
    "hour": "H",
    "day": "D",
    "week": "W",
    "fortnight": "FN",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "DE",
    "century": "CE",
    "centurie": "CE",
}

_TENS = "|".join(lexicon.TENS)
_ONES = "|".join(lexicon.ONES)
NUM_WORD_RE = (
    rf"(?:(?:{_TENS})(?:[- ](?:{_ONES}))?|{_ONES}|{'|'.join(lexicon.TEENS)}|"
    r"a\s+hundred|hundred|(?:a\s+)?dozen|a\s+couple(?:\s+of)?|couple\s+of|an?)"
)
NUM_RE = rf"(?:\d+(?:[.,]\d+)?(?:\s+\d/\d)?|{NUM_WORD_RE}(?:\s+and\s+a\s+half)?)"
VAGUE_RE = r"(?:several|a\s+few|few|some|many|numerous|a\s+number\s+of|dozens\s+of|hundreds\s+of)"
UNIT_RE = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur(?:y|ie))"

_MONTH_FULL = "|".join([m.capitalize() for m in MONTH_NAMES] + [m.upper() for m in MONTH_NAMES])
_MONTH_SHORT = "|".join(a.capitalize() for a in sorted(MONTH_ABBREVIATIONS, key=len, reverse=True))
MONTH_RE = rf"(?-i:(?:{_MONTH_FULL})\b|(?:{_MONTH_SHORT})(?:\.|\b))"
"""A month name as written (capitalised or in capitals) or its abbreviation, with or without a full stop."""
WEEKDAY_RE = rf"(?-i:(?:{'|'.join([d.capitalize() for d in WEEKDAY_NAMES] + [d.upper() for d in WEEKDAY_NAMES])})\b)"
YEAR_RE = r"(?:1[5-9]\d\d|20\d\d)"
DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
PART_RE = r"(?:morning|afternoon|evening|night)"


def number_value(text: str) -> float | None:
    """The number a word or numeral stands for ("two", "24", "5 1/2", "twenty-four"); None if vague."""
    t = re.sub(r"\s+", " ", text.lower().strip())
    if t in VAGUE_NUMBERS:
        return None
    half = 0.0
    if t.endswith(" and a half"):
        t, half = t[: -len(" and a half")], 0.5
    m = re.fullmatch(r"(\d+)(?:\s+(\d)/(\d))?", t.replace(",", ""))
    if m:
        frac = int(m.group(2)) / int(m.group(3)) if m.group(2) else 0.0
        return int(m.group(1)) + frac + half
    try:
        return float(t) + half
    except ValueError:
        pass
    if t in NUMBER_WORDS:
        return NUMBER_WORDS[t] + half
    parts = re.split(r"[- ]", t)
    if len(parts) == 2 and parts[0] in NUMBER_WORDS and parts[1] in NUMBER_WORDS:
        return NUMBER_WORDS[parts[0]] + NUMBER_WORDS[parts[1]] + half
    return None


def unit_code(word: str) -> str:
    """Normalised unit code for a unit word, singular or plural ("weeks" -> "W")."""
    return UNITS.get(word.lower().rstrip("s"), "D")


def iso_weekday(word: str) -> int:
    """ISO 8601 weekday (Monday 1 .. Sunday 7) of a weekday name or abbreviation, as TIMEX3 values write it."""
    return WEEKDAYS[word.lower()] + 1


def month_number(word: str) -> int:
    """Month number of a month name or abbreviation ("Sept." -> 9)."""
    return MONTHS[word.lower().rstrip(".")]


def spoken_year(text: str) -> int | None:
    """The year a spelled-out year stands for ("nineteen ninety-four" -> 1994, "two thousand" -> 2000)."""
    t = re.sub(r"\s+", " ", text.lower().replace(" and ", " ")).strip()
    if t.startswith("the year "):
        t = t[len("the year ") :]
    if t.startswith("two thousand"):
        rest = t[len("two thousand") :].strip()
        return 2000 + int(number_value(rest) or 0) if rest else 2000
    head, _, rest = t.partition(" ")
    century = NUMBER_WORDS.get(head)
    if century is None:
        return None
    rest = rest.replace("hundred", "").strip()
    if rest.startswith("o"):
        rest = rest.lstrip("o- ").strip()
    n = number_value(rest) if rest else 0
    return None if n is None else int(century) * 100 + int(n)
