"""Word tables and regular-expression pieces for English time expressions."""

from __future__ import annotations

import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7,
    "mon": 1, "tue": 2, "tues": 2, "wed": 3, "thu": 4, "thur": 4, "thurs": 4, "fri": 5, "sat": 6, "sun": 7,
}
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI"}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "twenty-first": 21, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "dozen": 12, "a dozen": 12, "half a": 0.5, "a half": 0.5,
    "a couple of": 2, "a couple": 2, "couple of": 2,
}
VAGUE_NUMBERS = {"several", "a few", "few", "some", "many", "numerous", "a number of", "dozens of", "hundreds of", "the few"}
UNITS = {
    "second": "S", "minute": "MIN", "hour": "H", "day": "D", "week": "W", "fortnight": "FN", "month": "M",
    "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE", "centurie": "CE",
}

_TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_ONES = "one|two|three|four|five|six|seven|eight|nine"
NUM_WORD_RE = (
    rf"(?:(?:{_TENS})(?:[- ](?:{_ONES}))?|{_ONES}|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|a\s+hundred|hundred|(?:a\s+)?dozen|a\s+couple(?:\s+of)?|couple\s+of|an?)"
)
NUM_RE = rf"(?:\d+(?:[.,]\d+)?(?:\s+\d/\d)?|{NUM_WORD_RE}(?:\s+and\s+a\s+half)?)"
VAGUE_RE = r"(?:several|a\s+few|few|some|many|numerous|a\s+number\s+of|dozens\s+of|hundreds\s+of)"
UNIT_RE = r"(?:second|minute|hour|day|week|fortnight|month|quarter|year|decade|centur(?:y|ie))"

MONTH_RE = (
    r"(?-i:(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)\b"
    r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?:\.|\b))"
)
WEEKDAY_RE = (
    r"(?-i:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)\b)"
)
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


def month_number(word: str) -> int:
    """Month number of a month name or abbreviation ("Sept." -> 9)."""
    return MONTHS[word.lower().rstrip(".")]


def spoken_year(text: str) -> int | None:
    """The year a spelled-out year stands for ("nineteen ninety-four" -> 1994, "two thousand" -> 2000)."""
    t = re.sub(r"\s+", " ", text.lower().replace(" and ", " ")).strip()
    if t.startswith("the year "):
        t = t[len("the year "):]
    if t.startswith("two thousand"):
        rest = t[len("two thousand"):].strip()
        return 2000 + int(number_value(rest) or 0) if rest else 2000
    head, _, rest = t.partition(" ")
    century = NUMBER_WORDS.get(head)
    if century is None:
        return None
    rest = rest.replace("hundred", "").strip()
    if rest.startswith("o"):
        rest = rest.lstrip("o- ").strip()
    n = number_value(rest) if rest else 0
    return None if n is None else century * 100 + int(n)
