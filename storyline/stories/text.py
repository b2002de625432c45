"""Turn article text into the terms story clustering compares: words, entities, numbers, dates.

Latin-script words are lower-cased, stop-worded and lightly stemmed; runs of CJK characters
become character bigrams (no segmenter needed); capitalised phrases stand in for named entities;
numbers and calendar mentions (years, month-day pairs in English, Malay or Chinese) are kept
apart because they bridge languages and separate look-alike events.
"""

from __future__ import annotations

import re
from collections import Counter

from ..languages import cjk_bigrams
from ..lexicon import MALAY_INDONESIAN_MONTHS, MONTHS, WEEKDAYS

_STOP = frozenset(
    """
    a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom why will with
    would you your yours yourself yourselves said says say told according new one two three year years
    per cent percent mr mrs ms dr would could may might must shall us also get got like many much last
    first since still even well back make made way week month day time people yet however among around
    http https www com html htm org net amp nbsp
    yang dan di ke dari ini itu untuk dengan pada dalam tidak akan telah oleh sebagai juga ada atau
    kepada mereka bagi kata ia beliau kami kita saya anda adalah bahawa bahwa lagi sudah belum masih
    para serta tersebut secara antara hingga sejak selepas setelah sebelum kerana karena namun tetapi
    lebih dapat boleh bisa hari tahun bulan menurut katanya iaitu yaitu jika kalau seperti sebuah
    seorang tanpa oleh turut perlu pula apabila ketika manakala dalam atas bawah
    """.split()
)

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_CJK_CHAR = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")
_NAME_WORD = (
    r"(?:(?:[A-Z]\.){2,}"  # U.S., D.C.
    r"|(?:[A-Z]|St|Mt|Ft|Dr|Mr|Mrs|Ms|Gen|Sen|Rep|Gov|Lt|Col|Sgt|Capt|Prof|Rev)\.(?=[ \t]*[A-Z])"  # J. Edgar, St. Louis
    r"|[A-Z][\w'’&-]*(?:\.[\w'’&-]+)*)"  # Ohio, O'Brien, Yahoo.com: a full stop only inside the word
)
_ENTITY = re.compile(
    rf"(?<![\w'’]){_NAME_WORD}(?:[ \t]+(?:(?:of|de|del|da|bin|binti|al|van|von|the|and)[ \t]+)?{_NAME_WORD})*"
)
"""A capitalised phrase: name words joined by spaces or tabs (or 'of', 'van', 'and', ...), never
across a line break (a headline and its body, one sentence a line) nor past a full stop that ends a
word ("... in Ohio. The governor" gives "Ohio" and "The governor"), except after an initial or a
title ("John F. Kennedy", "St. Louis")."""

_MONTHS = {**MONTHS, **MALAY_INDONESIAN_MONTHS}
_WEEKDAYS = frozenset(WEEKDAYS)
_MONTH_ALT = "|".join(sorted(_MONTHS, key=len, reverse=True))
_SMALL_NUM = re.compile(r"(?<![\d.,])\d{1,2}(?![\d.,]\d|\d)")
_WORD_BEFORE = re.compile(r"([A-Za-z]{3,9})\.?\s*$")
_WORD_AFTER = re.compile(r"(?<!\s)\s*+([A-Za-z]{3,9})\b")
_CJK_DATE = re.compile(r"(\d{1,2})月(\d{1,2})[日号]")
_ISO_DATE = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)-(\d{2})-(\d{2})(?!\d)")

_SUFFIXES = (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))


def stem(word: str) -> str:
    """Strip the commonest English inflections so 'launches', 'launched' and 'launch' meet."""
    if len(word) <= 4:
        return word
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "s" and word.endswith(("ss", "us", "is")):
                return word
            return word[: -len(suffix)] + repl
    return word


_TERM_CACHE: dict[str, str] = {}


def _term(w: str) -> str:
    if len(w) < 2 or w in _STOP:
        return ""
    return stem(w.replace("’", "'").split("'")[0])


def words(text: str) -> list[str]:
    """Content terms of a text: stemmed Latin words and CJK character bigrams."""
    low = text.lower()
    out: list[str] = []
    if _CJK_CHAR.search(low):
        out.extend(cjk_bigrams(low, _CJK))
        low = _CJK.sub(" ", low)
    cache = _TERM_CACHE
    if len(cache) > 500_000:
        cache.clear()
    for w in _WORD.findall(low):
        t = cache.get(w)
        if t is None:
            t = cache[w] = _term(w)
        if t:
            out.append(t)
    return out


_PHRASE_CACHE: dict[str, tuple[str, ...]] = {}
_INITIAL = re.compile(r"[^\W\d_]{1,4}\.")


_TITLES = frozenset(
    """
    president vice senator sen rep representative gov governor speaker leader majority minority secretary
    chairman chairwoman chair chief justice judge prime minister gen general attorney mayor dr coach
    former acting deputy sheriff police officer commissioner ambassador king queen prince princess pope
    house senate u.s.
    """.split()
)
CONNECTORS = frozenset("of de del da bin binti al van von the and".split())
_POSSESSIVE = re.compile(r"['’]s?$")


def _lower_name(word: str) -> str:
    """A name word lower-cased, without a possessive ending ("Fauci's" and "Fauci" are one name)."""
    return _POSSESSIVE.sub("", word.lower()) or word.lower()


def _phrase_terms(phrase: str) -> tuple[str, ...]:
    """Terms of one multi-word capitalised phrase: the phrase and its content words. Titles before a
    name of two words or more ("President Joe Biden", "Senate Majority Leader Chuck Schumer") and
    weekdays or months after it ("Gaza City Saturday") are dropped, so one name is one term."""
    parts = phrase.split()
    i = 0
    while i < len(parts) and parts[i].lower().rstrip(".") in _STOP:
        i += 1
    low = [_lower_name(p) for p in parts[i:]]
    i = 0
    while len(low) - i > 2 and low[i].rstrip(".") in _TITLES and low[i + 1] not in CONNECTORS:
        i += 1
    j = len(low)
    while j - i > 1 and (low[j - 1] in _WEEKDAYS or low[j - 1] in _MONTHS):
        j -= 1
    low = low[i:j]
    if not low:
        return ()
    if len(low) == 1:
        return () if low[0] in _WEEKDAYS or low[0] in _MONTHS else (low[0],)
    return (" ".join(low),) + tuple(p for p in low if p not in _STOP and p not in _MONTHS and not _INITIAL.fullmatch(p))


def entities(text: str) -> list[str]:
    """Capitalised phrases (a fast stand-in for NER) and their words, lower-cased."""
    out: list[str] = []
    cache = _PHRASE_CACHE
    if len(cache) > 200_000:
        cache.clear()
    for m in _ENTITY.finditer(text):
        phrase = m.group().rstrip(".-'’")
        if " " not in phrase and "\t" not in phrase:
            low = _lower_name(phrase)
            if low in _STOP or low in _MONTHS or low in _WEEKDAYS or len(low) < 2:
                continue
            i = m.start() - 1
            while i >= 0 and text[i] in " \t":
                i -= 1
            if (i < 0 or text[i] in '.!?:;"“”`\'\n') and not phrase.isupper():
                continue
            out.append(low)
            continue
        terms = cache.get(phrase)
        if terms is None:
            terms = cache[phrase] = _phrase_terms(phrase)
        out.extend(terms)
    return out


_HEAD_WORD = re.compile(r"[^\W\d_][\w'’]*")


def title_case(headline: str) -> bool:
    """Whether a headline capitalises most of its longer words ("House Delays Vote on Bill"): its
    capitals then mark style, not names."""
    longer = [w for w in _HEAD_WORD.findall(headline) if len(w) > 3]
    return len(longer) >= 3 and sum(w[0].isupper() for w in longer) >= 0.7 * len(longer)


def numbers(text: str) -> list[str]:
    """Numbers written with digits, normalised (thousands separators dropped); single digits skipped."""
    out = []
    for n in _NUMBER.findall(text):
        if len(n) < 2:
            continue
        if "," in n:
            n = n.replace(",", "")
        elif len(n) == 4 and n[:2] in ("19", "20") and _YEAR.fullmatch(n):
            continue
        out.append("#" + n)
    return out


def dates(text: str) -> list[str]:
    """Calendar mentions as terms: 'y2024' for years, 'md05-26' for month-day pairs, any language."""
    out = ["y" + y for y in _YEAR.findall(text)]
    for num in _SMALL_NUM.finditer(text):
        day = int(num.group())
        if not 1 <= day <= 31:
            continue
        b = _WORD_BEFORE.search(text, max(0, num.start() - 12), num.start())
        m = _MONTHS.get(b.group(1).lower()) if b else None
        if not m:
            a = _WORD_AFTER.match(text, num.end(), num.end() + 12)
            m = _MONTHS.get(a.group(1).lower()) if a else None
        if m:
            out.append(f"md{m:02d}-{day:02d}")
    for mon, day in _CJK_DATE.findall(text) if "月" in text else ():
        if 1 <= int(mon) <= 12 and 1 <= int(day) <= 31:
            out.append(f"md{int(mon):02d}-{int(day):02d}")
    for _y, mon, day in _ISO_DATE.findall(text) if "-" in text else ():
        if 1 <= int(mon) <= 12 and 1 <= int(day) <= 31:
            out.append(f"md{int(mon):02d}-{int(day):02d}")
    return out


def counts(terms: list[str]) -> Counter[str]:
    """Term frequencies (a Counter, so callers can add title and body)."""
    return Counter(terms)


def script(text: str) -> str:
    """'cjk' when most letters are CJK characters, else 'latin': the comparison space a text lives in."""
    sample = text[:2000]
    if not _CJK_CHAR.search(sample):
        return "latin"
    cjk = len(_CJK_CHAR.findall(sample))
    return "cjk" if cjk > 0.3 * max(1, sample.count(" ") + cjk) else "latin"


_FULL_MDY = re.compile(rf"(?i)\b({_MONTH_ALT})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\s*,?\s+(19[5-9]\d|20[0-4]\d)(?!\d)")
_FULL_DMY = re.compile(rf"(?i)(?<!\d)(\d{{1,2}})\s+({_MONTH_ALT})\.?\s*,?\s+(19[5-9]\d|20[0-4]\d)(?!\d)")


def dateline(text: str, head: int = 400) -> tuple[int, int, int] | None:
    """The first full calendar date (year, month, day) near the top of a text, e.g. a dateline."""
    part = text[:head]
    found: list[tuple[int, tuple[int, int, int]]] = []
    for m in _ISO_DATE.finditer(part):
        found.append((m.start(), (int(m.group(1)), int(m.group(2)), int(m.group(3)))))
    for m in _FULL_MDY.finditer(part):
        found.append((m.start(), (int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))))
    for m in _FULL_DMY.finditer(part):
        found.append((m.start(), (int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))))
    for _, ymd in sorted(found):
        if 1 <= ymd[1] <= 12 and 1 <= ymd[2] <= 31:
            return ymd
    return None
