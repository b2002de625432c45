"""The shared word tables of English news text: months, weekdays, number words, wire agencies, spellings.

Every stage that names a month, a weekday, a number in words, a news agency or a British spelling reads
it here, so the tables agree (one weekday numbering, one agency list) and a fix reaches every stage.
Tables of one stage's own vocabulary (attribution cue words, time-expression units) stay with that stage.
"""

from __future__ import annotations

import re

MONTH_NAMES: tuple[str, ...] = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
"""Short forms written with or without a full stop ("Sept.", "Jan"); "may" is its own name."""
MONTHS: dict[str, int] = {**{m: i for i, m in enumerate(MONTH_NAMES, 1)}, **MONTH_ABBREVIATIONS}
"""Month (1-12) of each lower-case English month name and abbreviation."""
SENTENCE_ABBREVIATIONS: frozenset[str] = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "gen",
        "gov",
        "sen",
        "rep",
        "lt",
        "col",
        "sgt",
        "capt",
        "jr",
        "sr",
        "inc",
        "corp",
        "co",
        "no",
        "vs",
        "prof",
        "rev",
        *MONTH_ABBREVIATIONS,
    }
)
"""Words whose full stop ends no sentence ("Jan. 6", "Sen. Ek", "Velm Ferries Inc. said")."""


def abbreviation_stop(text: str, stop: int) -> bool:
    """Whether the full stop at ``text[stop]`` closes an abbreviation of SENTENCE_ABBREVIATIONS or an initial
    ("John F. Kennedy"; a figure is no initial: "on March 9. The")."""
    if not text.startswith(".", stop):
        return False
    i = stop
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] == "_"):
        i -= 1
    word = text[i:stop]
    return bool(word) and (word.lower() in SENTENCE_ABBREVIATIONS or (len(word) == 1 and word.isalpha()))


def ends_sentence(text: str, m: re.Match[str]) -> bool:
    """Whether a sentence-break match that starts right after its punctuation (a look-behind for the full stop)
    is a sentence break: a line break always, a full stop unless it closes an abbreviation or an initial."""
    return "\n" in m.group() or not abbreviation_stop(text, m.start() - 1)


MALAY_INDONESIAN_MONTHS: dict[str, int] = {
    "januari": 1,
    "februari": 2,
    "mac": 3,
    "maret": 3,
    "mei": 5,
    "juni": 6,
    "julai": 7,
    "juli": 7,
    "ogos": 8,
    "agustus": 8,
    "oktober": 10,
    "okt": 10,
    "disember": 12,
    "desember": 12,
    "des": 12,
}
"""Malay and Indonesian month names that differ from the English ones (Southeast Asian outlets write them)."""

WEEKDAY_NAMES: tuple[str, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
WEEKDAYS: dict[str, int] = {
    **{d: i for i, d in enumerate(WEEKDAY_NAMES)},
    "mon": 0,
    "tue": 1,
    "tues": 1,
    "wed": 2,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "fri": 4,
    "sat": 5,
    "sun": 6,
}
"""Weekday of each lower-case name and abbreviation, numbered as ``datetime.date.weekday()``: Monday is 0.
ISO 8601 (``isoweekday()``, TIMEX3 ``XXXX-WXX-1``) numbers Monday 1: add one."""

ONES: tuple[str, ...] = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
TEENS: tuple[str, ...] = (
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
TENS: tuple[str, ...] = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
NUMBER_WORDS: dict[str, int] = {
    **{w: i for i, w in enumerate(ONES, 1)},
    **{w: i for i, w in enumerate(TEENS, 10)},
    **{w: 10 * i for i, w in enumerate(TENS, 2)},
    "hundred": 100,
}
"""Value of each cardinal number word that is one word ("twenty-four" is two of them)."""

AGENCIES: dict[str, str] = {
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "reuters": "Reuters",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "bloomberg": "Bloomberg",
    "bloomberg news": "Bloomberg",
    "dow jones": "Dow Jones",
    "upi": "UPI",
    "pa": "PA",
    "press association": "PA",
    "dpa": "dpa",
    "kna": "KNA",
    "ansa": "ANSA",
    "efe": "EFE",
    "tass": "TASS",
    "itar-tass": "TASS",
    "ria novosti": "RIA Novosti",
    "interfax": "Interfax",
    "sputnik": "Sputnik",
    "anadolu": "Anadolu",
    "anadolu agency": "Anadolu",
    "xinhua": "Xinhua",
    "kyodo": "Kyodo",
    "kyodo news": "Kyodo",
    "jiji": "Jiji Press",
    "jiji press": "Jiji Press",
    "yonhap": "Yonhap",
    "yonhap news agency": "Yonhap",
    "kcna": "KCNA",
    "korean central news agency": "KCNA",
    "cna": "CNA",
    "central news agency": "CNA",
    "ani": "ANI",
    "pti": "PTI",
    "ians": "IANS",
    "bernama": "Bernama",
    "antara": "Antara",
    "vna": "VNA",
    "kpl": "KPL",
    "aap": "AAP",
}
"""Wire services (agencies that sell their reports to other outlets), lower-case name -> canonical name.
Newspapers and broadcasters are outlets, not agencies, even when other outlets reprint them."""

_SPELLING_PAIRS = """
defence defense|offence offense|licence license|pretence pretense
programme program|centre center|theatre theater|metre meter|litre liter|fibre fiber|calibre caliber
colour color|favour favor|labour labor|harbour harbor|neighbour neighbor|behaviour behavior
honour honor|rumour rumor|humour humor|vapour vapor|armour armor|endeavour endeavor|flavour flavor
savour savor|valour valor|vigour vigor|parlour parlor|splendour splendor|tumour tumor
organise organize|organisation organization|recognise recognize|realise realize|criticise criticize
apologise apologize|authorise authorize|emphasise emphasize|mobilise mobilize|modernise modernize
normalise normalize|prioritise prioritize|privatise privatize|stabilise stabilize|summarise summarize
finalise finalize|legalise legalize|characterise characterize|minimise minimize|maximise maximize
utilise utilize|sympathise sympathize|specialise specialize|capitalise capitalize|militarise militarize
globalisation globalization|civilisation civilization|modernisation modernization|privatisation privatization
stabilisation stabilization|authorisation authorization|normalisation normalization|militarisation militarization
analyse analyze|paralyse paralyze|catalogue catalog|dialogue dialog|travelled traveled|travelling traveling
traveller traveler|cancelled canceled|cancelling canceling|labelled labeled|modelling modeling|fuelled fueled
signalled signaled|counsellor counselor|jewellery jewelry|ageing aging|judgement judgment|aluminium aluminum
grey gray|tyre tire|cheque check|kerb curb|manoeuvre maneuver|plough plow|sceptical skeptical|enrol enroll
fulfil fulfill|instalment installment|skilful skillful|wilful willful|storey story|draught draft|pyjamas pajamas
"""
BRITISH_SPELLINGS: dict[str, str] = dict(
    pair.split() for pair in _SPELLING_PAIRS.replace("\n", "|").split("|") if len(pair.split()) == 2
)
"""British -> American spelling of common news words, base forms only (see :data:`SPELLING_VARIANTS`)."""

_SPELLING_SUFFIXES = ("", "s", "d", "ed", "es", "ing", "r", "rs", "al", "ally")


def _inflected(pairs: dict[str, str]) -> dict[str, str]:
    table: dict[str, str] = {}
    for uk, us in pairs.items():
        for suffix in _SPELLING_SUFFIXES:
            table[uk + suffix] = us + suffix
        if uk.endswith("e") and us.endswith("e"):
            table[uk[:-1] + "ing"] = us[:-1] + "ing"
            table[uk[:-1] + "ed"] = us[:-1] + "ed"
    return table


SPELLING_VARIANTS: dict[str, str] = _inflected(BRITISH_SPELLINGS)
"""British -> American spelling of each base form with its inflections ("organised" -> "organized")."""
