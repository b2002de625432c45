"""Claims: sentence-level statements aligned across the articles of a thread, with their origins.

Two sentences state one claim when they are near-identical (copies) or when the pair decision
of :mod:`.sameness` says so: a logistic score over their shared informative words (the periods
their dates fall in count as words), the cosine of their sentence vectors (asked only for pairs
that share some words and refer to the same time) and whether their figures agree.

A claim's independent origins are the distinct ends of its
source chains, after the outlet that printed it: a copy group counts once, and two outlets
citing one source ("Yonhap") count once. A claim contradicts another when both give a figure for
the same kind of count ("14 people killed" / "17 people died") and the figures differ.
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process
from scipy import sparse

from ..languages import cjk_bigrams, word_count
from ..model import Article, Attribution, Claim, Source, Statement, TimeMention
from ..offsets import given_span
from ..timeline import CLOCK_ON_PUBLICATION_DAY
from ..timeline.order import calendar_periods, day_range
from .assertions import (
    accuses,
    calls_false,
    denies_by_reference,
    denies_first,
    is_denial,
    is_negative,
    negated_words,
    non_claim_reason,
    sentence_bounds,
)
from .attribution import base_chain
from .bodies import acronym_and_name, issued_before, issuer_of, named_before, same_body, specificity, stands_for
from .grouping import gated_linkage
from .lexicon import HONORIFICS, IRREGULAR_PAST, PUBLISHING_UNITS, RANKS, UNNAMED_HEADS
from .names import fold, name_key, name_words, same_outlet
from .sameness import (
    CANDIDATE_CONT,
    COS_CEIL,
    COS_FLOOR,
    MEANING,
    NEAR_DUPLICATE,
    WORDS,
    Embedder,
    PairModel,
    Vectors,
    overlaps,
)

MIN_WORDS = 6
MIN_HEADING_WORDS = 3  # a headline says its claim in few words ("Historic warehouse burns")
MAX_UNITS = 1500
CONTRADICTION_TOPIC = 0.15
DENIAL_TOPIC = 0.3
DENIAL_REACH = 6  # statements back in its article where a denial of "the charges" looks for the accusation
NEGATION_TOPIC = 0.5

_STOP = frozenset(
    "a an the of to in on at for with by from and or but as is was were are be been being has have had that this these "
    "those it its their his her they he she we you i not no than then there which who whom what when where while after "
    "before since into over under about said says say told tell reported report according also would could may might "
    "will can just more most other such only own same so very up out last earlier later year years month week day "
    "monday tuesday wednesday thursday friday saturday sunday january february march april june july august september "
    "october november december jan feb mar apr jun jul aug sep sept oct nov dec one two three four five six seven "
    "eight nine ten eleven twelve".split()
)
_WORD = re.compile(r"[^\W\d_][\w'-]*|\d[\d,.]*\d|\d")
_NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
}
_COUNT_KINDS = {
    "dead": {"kill", "die", "dead", "death", "toll", "fatal", "live", "bodi", "perish"},
    "injured": {"injur", "wound", "hurt", "hospitalis", "hospitaliz"},
    "missing": {"miss", "unaccount"},
    "evacuated": {"evacuat", "displac", "mov", "shelter", "rehous"},
    "arrested": {"arrest", "detain", "charg"},
}

_COUNT_PREFIXES = [(kind, tuple(cues)) for kind, cues in _COUNT_KINDS.items()]


_PAST_BASE = {past: base for base, past in IRREGULAR_PAST.items()}


@lru_cache(maxsize=1 << 17)
def stem(word: str) -> str:
    """A crude English stem, enough to match "attempts"/"attempt" and a verb with its -ation, -ment or -ure noun.

    An irregular past is its verb ("paid" -> "pay", "sent" -> "send"). The -ure family is cut whole
    ("failure", "failed" -> "fail"; "capture", "captured", "capturing" -> "capt") so a noun meets its
    verb and a verb ending in -ure keeps one stem across its inflections.
    """
    w = word.lower().strip("'")
    w = _PAST_BASE.get(w, w)
    for suffix in (
        "ations",
        "ation",
        "ments",
        "ment",
        "uring",
        "ings",
        "ing",
        "ures",
        "ured",
        "ure",
        "edly",
        "ed",
        "ies",
        "es",
        "s",
        "ly",
        "e",
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


def content_stems(text: str) -> set[str]:
    """Informative word stems of a sentence (stop words, calendar and count words left out)."""
    return _stems_of(_WORD.findall(text))


def _stems_of(words: list[str]) -> set[str]:
    stems: set[str] = set()
    for w in words:
        if not w.isascii():
            stems.update(cjk_bigrams(w) or [stem(w)])
        elif w.lower() not in _STOP and not w[0].isdigit():
            stems.add(stem(w))
    return stems


def time_terms(mentions: Sequence[TimeMention], start: int, end: int) -> set[str]:
    """The calendar periods a sentence (``start``..``end`` of its article) refers to, as terms.

    "In May" (2023-05) gives ``@2023`` and ``@2023-05``, "earlier that year" (2023) ``@2023``:
    sentences about one event at the same time share terms whatever words name the time.
    """
    return _period_terms(_periods_in(mentions, start, end))


def _periods_in(mentions: Sequence[TimeMention], start: int, end: int) -> list[list[str]]:
    """The calendar periods of each dated mention inside ``start``..``end``, coarsest first. A clock time
    with no day ("around 6 p.m.") dates nothing: its day is the publication's by guess, and a report
    of the next day says "6 p.m. Friday" of the same shooting."""
    return [
        p
        for m in mentions
        if start <= m.start < end
        and m.kind in ("DATE", "TIME")
        and m.how != CLOCK_ON_PUBLICATION_DAY
        and (p := calendar_periods(m.value))
    ]


def _period_terms(periods: list[list[str]]) -> set[str]:
    return {f"@{p}" for ps in periods for p in ps}


def figures(text: str, words: list[str] | None = None) -> set[str]:
    """Specific figures in a sentence: numbers other than small counts and bare years; in a sentence
    about a vote, a tally ("a 54-35 vote", "voted 285 to 120") is one figure, written ``54-35``, so
    that two votes sharing one side's count are not read as one. ``words``: the sentence's words
    (``_WORD``), when the caller has them already."""
    if not _VOTE.search(text):
        return _figures_of(_WORD.findall(text) if words is None else words)
    tallies = {f"{m.group('a')}-{m.group('b')}" for m in _TALLY.finditer(text)}
    return tallies | _figures_of(_WORD.findall(_TALLY.sub(" ", text)))


_TALLY = re.compile(r"(?<![\w.,/-])(?P<a>\d{1,3})(?:\s?[-–]\s?|\s+to\s+)(?P<b>\d{1,3})(?![\w%/-]|[.,]\d)")
_VOTE = re.compile(r"\b(?:vot(?:e|es|ed|ing)|tally|passed|approved|confirmed)\b", re.IGNORECASE)


def _figures_of(words: list[str]) -> set[str]:
    out = set()
    for w in words:
        if w[0].isdigit():
            v = w.replace(",", "")
            if len(v) >= 2 and not re.fullmatch(r"(19|20)\d\d", v):
                out.add(v)
    return out


_COUNT_TOKEN = re.compile(_WORD.pattern + r"|[,;:()]")


def counts(text: str) -> dict[str, set[int]]:
    """Counts of people by kind ("dead", "missing", ...) that a sentence states, read from its words and
    the punctuation between them (a comma ends what a number counts: "kills 1, injures 2"), ages,
    times of day and address blocks left out."""
    return counted_values(count_bounds(text))


def counted_values(bounds: dict[str, list[tuple[int, str]]]) -> dict[str, set[int]]:
    """The numbers of :func:`count_bounds` without their bounds, as :func:`counts` gives them."""
    return {kind: {value for value, _ in found} for kind, found in bounds.items()}


def count_bounds(text: str) -> dict[str, list[tuple[int, str]]]:
    """:func:`counts` with how each number bounds its count: "=" as stated, ">=" for "at least 9", "more than
    180", "40 or more", "<=" for "up to 12", "nearly 30", "~" for "about 1,400"."""
    found: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for kind, value, bound in _counted(_COUNT_TOKEN.findall(_without_ages(text))):
        found[kind].append((value, bound))
    return dict(found)


def _counted(words: list[str]) -> list[tuple[str, int, str]]:
    """(kind, value, bound) of each number of people in a sentence's words."""
    out = []
    for i, w in enumerate(words):
        if not w[0].isdigit() and w.lower() not in _NUMBER_WORDS:
            continue
        value = _number(w)
        if value is None or (w[0].isdigit() and re.fullmatch(r"(19|20)\d\d", w)) or "." in w:
            continue  # a year, or a decimal ("a magnitude 7.2 earthquake"): no count of people
        if i + 1 < len(words) and words[i + 1].lower() in _NOT_VICTIMS:
            continue  # "when two gunmen opened fire": who shot, not who was hurt
        bound, width = _bound_of(words, i)
        kind = _kind_of_count(words, i, width)
        if kind is not None:
            out.append((kind, value, bound))
    return out


_NOT_VICTIMS = frozenset(
    "gunman gunmen shooter shooters suspect suspects attacker attackers assailant assailants robber robbers "
    "shots rounds bullets guns weapons cars vehicles".split()
)
_AT_LEAST = frozenset({"at least", "more than", "over", "upwards of", "no fewer than", "no less than", "in excess of"})
_AT_MOST = frozenset({"up to", "fewer than", "less than", "at most", "no more than", "nearly", "almost", "under"})
_ABOUT = frozenset({"about", "around", "roughly", "approximately", "some", "estimated", "an estimated"})


def _bound_of(words: list[str], i: int) -> tuple[str, int]:
    """How the words around the number at ``i`` bound it: ">=", "<=", "~" or "=" (see :func:`count_bounds`),
    and how many words before the number say so."""
    before = [w.lower() for w in words[max(0, i - 3) : i]]
    for n in (3, 2, 1):
        phrase = " ".join(before[-n:]) if len(before) >= n else ""
        for bound, phrases in ((">=", _AT_LEAST), ("<=", _AT_MOST), ("~", _ABOUT)):
            if phrase in phrases:
                return bound, n
    after = " ".join(w.lower() for w in words[i + 1 : i + 3])
    return (">=" if after == "or more" else "="), 0


def bounds_agree(a: list[tuple[int, str]], b: list[tuple[int, str]]) -> bool:
    """Whether two sentences' counts of one kind can both be true: stated counts must be the same set (as
    before); a bound or an approximate count only has to admit one of the other's ("at least 9" and "at least
    8", "at least 1,419" and "more than 1,400" agree; "8" and "at least 9" do not)."""
    if all(x == "=" for _, x in a) and all(x == "=" for _, x in b):
        return {v for v, _ in a} == {v for v, _ in b}
    return any(_admits(x, y) and _admits(y, x) for x in a for y in b)


def _admits(x: tuple[int, str], y: tuple[int, str]) -> bool:
    """Whether count ``y`` is possible under the bound ``x``."""
    (v, bound), (w, other) = x, y
    low, high = _range(w, other)
    if bound == ">=":
        return high >= v
    if bound == "<=":
        return low <= v
    if bound == "~":
        return high >= v * 0.85 and low <= v * 1.15
    return low <= v <= high


def _range(value: int, bound: str) -> tuple[float, float]:
    return {">=": (value, math.inf), "<=": (0, value), "~": (value * 0.85, value * 1.15)}.get(bound, (value, value))


def _kind_of_count(words: list[str], i: int, bound: int = 0) -> str | None:
    """What the number at ``i`` counts: the cue right after it ("1 dead, 2 injured"), else right before
    it ("killed two", "killed more than 1,400": ``bound`` words of a bound between), else the nearest within
    four words after it ("four other people wounded"), else the nearest within four before it ("the toll rose
    to 12")."""

    def kind_at(k: int) -> str | None:
        s = stem(words[k])
        return next((kind for kind, cues in _COUNT_PREFIXES if s.startswith(cues)), None)

    left = i - bound
    order = [i + 1, left - 1, *range(i + 2, min(len(words), i + 5)), *range(left - 2, max(-1, left - 5), -1)]
    return next((kind for k in order if 0 <= k < len(words) for kind in [kind_at(k)] if kind is not None), None)


_AGE = re.compile(
    r"\b(\d{1,3}),?[ \t]+and[ \t]+(\d{1,3})(?:-|[ \t])(?:years?|yrs?)(?:-|[ \t])old\b"
    r"|(?<!\d[ \t]to[ \t])(?<!\d-)(?<!\d\u2013)\b(\d{1,3})(?:-|[ \t])(?:years?|yrs?)(?:-|[ \t])old\b"
    r"|\bage[sd]?[ \t]+(\d{1,3})(?:(?:,[ \t]*|[ \t]+)(?:and[ \t]+)?(\d{1,3}))?\b(?![ \t]*(?:to|-|\u2013)[ \t]*\d)"
    r"|(?<=[A-Za-z]), (\d{1,3}),",
    re.I,
)
"""A person's age ("a 40-year-old man", "a man, 28, of Gary", "aged 19", two people's "17 and 18 years old"):
who someone is, not how many."""


_AGE_RANGE = re.compile(
    r"\bbetween[ \t]+(?:the[ \t]+ages?[ \t]+of[ \t]+)?\d{1,3}[ \t]+and[ \t]+\d{1,3}\b"
    r"(?:(?:-|[ \t])(?:years?|yrs?)(?:-|[ \t])old\b)?"
    r"|\b\d{1,3}[ \t]+to[ \t]+\d{1,3}(?:-|[ \t])(?:years?|yrs?)(?:-|[ \t])old\b"
    r"|\b(?:ages?|aged)[ \t]+(?:of[ \t]+|from[ \t]+|between[ \t]+)?\d{1,3}[ \t]*(?:-|\u2013|to)[ \t]*\d{1,3}\b",
    re.I,
)
"""A range of ages ("all men between 20 and 29 years old", "between the ages of 20-29"): neither a count
of people nor the ages of particular people."""


def ages(text: str) -> frozenset[int]:
    """The ages of people a sentence gives (a range of ages gives none)."""
    return frozenset(int(v) for m in _AGE.finditer(_AGE_RANGE.sub(" ", text)) for v in m.groups() if v)


_CLOCK_OR_BLOCK = re.compile(
    r"\b\d{1,2}(?::\d{2})?[ \t]*(?:[ap]\.?m\b\.?|o'clock\b)|\b\d{1,2}:\d{2}\b|\b\d+[ \t]+block\b"
    r"|\b(?:dead|died)[ \t]+at[ \t]+\d{1,2}\b(?![ \t]*(?:people|of|others|victims|persons))",
    re.I,
)
"""A time of day ("5:30 p.m.", "pronounced dead at 5") or an address block ("the 800 block"): no count of
people."""


def _without_ages(text: str) -> str:
    """The text with its ages, times of day and address blocks left out, so that "a man, 28, died"
    counts no 28 dead, nor "pronounced dead at 5:30 p.m." five."""
    return _DECIMAL.sub(" ", _CLOCK_OR_BLOCK.sub(" ", _AGE.sub(" ", _AGE_RANGE.sub(" ", text))))


_DECIMAL = re.compile(r"(?<![\d.,])\d{1,4}\.\d{1,3}(?![\d.])")
"""A decimal ("a magnitude-5.2 quake", "6.1"): a measure, never a count of people, whose digits the word
pattern would split ("5", "2")."""


def _number(word: str) -> int | None:
    if word[0].isdigit():
        try:
            return int(float(word.replace(",", "")))
        except (ValueError, OverflowError):
            return None
    return _NUMBER_WORDS.get(word.lower())


@dataclass
class _Unit:
    """One sentence of one article, with what is needed to align and count it."""

    article_id: str
    group: str
    scope: str
    text: str
    chain: list[Source]
    origin_key: str
    origin_label: str
    stems: set[str] = field(default_factory=set)
    figures: set[str] = field(default_factory=set)
    counts: dict[str, set[int]] = field(default_factory=dict)
    when: set[str] = field(default_factory=set)  # the dates it mentions, each at its own granularity
    start: int = 0  # span in the article's cleaned text
    end: int = 0
    denial: bool = False
    by_reference: bool = False  # a denial of "the charges": answers the claims just before it
    reason: str = ""  # why this origin counts on its own
    accuses: bool = False  # its sentence accuses or alleges: what a denial by reference answers
    heading: bool = False  # a headline or deck: a statement of a claim only beside others (see _claims_of_scope)
    lead: bool = False  # in the article's first sentences, which its headline restates
    widened: bool = False  # the statement is the sentence, the attribution's content being no statement
    origin_chain: list[Source] | None = None  # the chain its origin is counted by, when not ``chain``
    negated: set[str] = field(default_factory=set)  # stems of the words it says are not so ("never paid")
    negative: bool = False  # it says something is not so (a negation anywhere: "not", "without", "failed to")
    resolved: str = ""  # the text with a leading pronoun for its source named ("Velm Terminals had offered ...")
    ages: frozenset[int] = frozenset()  # ages of the people it names: none shared, they are other people
    bounds: dict[str, list[tuple[int, str]]] = field(default_factory=dict)  # the counts with their bounds


def origin_of(
    article: Article, chain: list[Source], group: str, group_label: str, base: list[Source] | None = None
) -> tuple[str, str]:
    """The independent origin of a statement: (key to count by, readable label).

    The origin is the source at the end of the chain, past the article's own outlet and credited
    wires: an outlet citing the ministry and the ministry itself are one origin, and so are two
    outlets citing Yonhap. An unnamed source counts under the nearest named source that cites it
    ("Yonhap, citing an unnamed official"), or under the copy group when the outlet itself cites
    it; a statement in the outlet's own voice has the copy group as origin, so copies of one text
    count once. ``base``: the article's :func:`base_chain`, when the caller has it already.
    """
    return _origin(article, chain, group, group_label, base)[:2]


def _origin(
    article: Article, chain: list[Source], group: str, group_label: str, base: list[Source] | None = None
) -> tuple[str, str, str]:
    """:func:`origin_of` with the reason it counts as it does."""
    outer = base_chain(article) if base is None else base
    inner = chain[len(outer) :] if chain[: len(outer)] == outer else chain[1:]
    if not inner:
        return f"voice:{group}", group_label, "the outlet's own statement (its copies count once)"
    label = ", citing ".join(s.name for s in inner)
    last = inner[-1]
    if last.kind == "unnamed" and _names_only(last.name):
        last = Source(last.name, "organisation")  # "Pfizer and BioNTech": named, whoever cites them
    if last.kind == "unnamed" or last.kind == "document" and _unnamed_document(last.name):
        named = [s for s in inner[:-1] if s.kind != "unnamed"]
        if named:
            anchor = named[-1]
            key = f"unnamed:{name_key(anchor.name, anchor.kind) or anchor.name.lower()}"
            return key, label, f"an unnamed source, counted once under {anchor.name} who cites it"
        head = last.name.split()[-1].lower() if last.name.split() else ""
        if head in UNNAMED_HEADS and not group_label.startswith(("\u201c", "article ")):
            # the same key as a copy's "Meridian News, citing an official": the wire and its reprints count once
            key = f"unnamed:{name_key(group_label, 'outlet') or group_label.lower()}"
            return (
                key,
                f"{group_label}, citing {label}",
                f"an unnamed source, counted once under {group_label} who cites it",
            )
        if (kin := _KIN.match(last.name)) is not None:
            # one claim is about one person: "his family" in two outlets is one family, not two origins
            return (
                f"unnamed:kin:{kin.group('who').lower()}",
                f"{group_label}, citing {label}",
                "the family of the person it is about, counted once whoever cites them",
            )
        return (
            f"unnamed:{group}:{head}",
            f"{group_label}, citing {label}",
            "an unnamed source the outlet cites (its copies count once)",
        )
    key = f"named:{name_key(last.name, last.kind) or last.name.lower()}"
    why = "the source at the end of the chain" + (f" ({label})" if len(inner) > 1 else "")
    return key, label, why


_KIN = re.compile(
    r"^(?:his|her|their|the(?:\s+\w+(?:'s|’s))?|the\s+victim(?:'s|’s|s'|s’))\s+(?P<who>family|relatives|parents|widow)$",
    re.IGNORECASE,
)


def _names_only(name: str) -> bool:
    """Whether a source read as unnamed is made of proper names only ("Pfizer and BioNTech"), not a description
    ("Officials", "The companies", "Police")."""
    words = name.split()
    if not words or words[0].lower() in ("the", "a", "an", "some", "two", "three", "several", "many"):
        return False
    if words[-1].lower() in UNNAMED_HEADS or words[-1].lower() in ("police", "reports"):
        return False
    if len(words) == 1:
        return any(c.isupper() for c in words[0][1:])  # "NATO", "BioNTech"; "Curators" opens a sentence
    return all(w[:1].isupper() or w in ("and", "&", "of") for w in words)


def _source_rank(u: _Unit) -> tuple[bool, bool, int]:
    """How well a statement's chain names its source: a named one over hearsay or the outlet, then the longer."""
    hearsay = bool(u.chain) and u.chain[-1].name == "unspecified reports"
    return (not hearsay, u.origin_key.startswith("named:"), len(u.chain))


def _unnamed_document(name: str) -> bool:
    """A document described without a name or an issuer ("a new report", "The data", "witness reports"):
    like an unnamed person, it counts under whoever cites it, and two outlets' "a new report" are not one."""
    words = name.split()
    return issuer_of(name) is None and not any(w[:1].isupper() for w in words[1:])


def _named_body(article: Article, chain: list[Source], before: int) -> list[Source]:
    """``chain`` with a definite description of a body at its end ("the ministry") replaced by the
    name the article gave that body before the statement's sentence (:func:`.bodies.named_before`),
    and a definite document ("The data") by the body the article said issued it
    (:func:`.bodies.issued_before`), so that it counts as that body's origin; ``chain`` itself when there
    is none."""
    if not chain or chain[-1].kind in ("outlet", "agency"):
        return chain
    if chain[-1].kind == "document":
        name = issued_before(article.text, chain[-1].name, before)
    else:
        name = named_before(article.text, chain[-1].name, before)
    return chain if name is None else chain[:-1] + [Source(name, "organisation")]


def build_claims(
    articles: dict[str, Article],
    attributions: dict[str, list[Attribution]],
    group_of: dict[str, str],
    scope_of: dict[str, str],
    story_of: dict[str, str] | None = None,
    embedder: Embedder | None = None,
    labels: dict[str, str] | None = None,
    times: dict[str, list[TimeMention]] | None = None,
) -> list[Claim]:
    """Align the sentences of articles that share a scope (a thread, or a story) into claims.

    ``group_of`` maps article id to copy group id, ``scope_of`` article id to the thread (or
    story) whose articles are compared, ``attributions`` article id to sentence attributions.
    Scopes are aligned independently and in sorted order, so claims of a corpus can be built
    scope batch by scope batch (elsewhere) and concatenated, given the corpus-wide copy group
    ``labels`` (:func:`group_labels`). ``times`` (article id -> its time mentions, resolved
    against the article's date) adds the periods a sentence refers to to the words it is compared by.
    """
    story_of = story_of or scope_of
    origin_label = labels if labels is not None else group_labels(articles, group_of)
    units: list[_Unit] = []
    for aid in sorted(articles):
        a = articles[aid]
        group = group_of.get(aid, aid)
        base = base_chain(a)
        own = [
            u
            for att in attributions.get(aid, [])
            if (u := _unit(a, att, group, scope_of.get(aid, aid), base, origin_label.get(group, group), times))
            is not None
        ]
        # A sentence taken whole for a cue's bare object is no statement of its own where another
        # attribution already states it ("Russia sent experts after Putin ... pledged to help ...").
        stated = [(u.start, u.end) for u in own if not u.widened]
        kept: dict[tuple[int, str], _Unit] = {}
        for u in own:
            if u.widened and any(s < u.end and u.start < e for s, e in stated):
                continue
            # one span read twice (a hearsay "allegedly" and the police who said it): one statement, its best source
            if (u.start, u.text) not in kept or _source_rank(u) > _source_rank(kept[(u.start, u.text)]):
                kept[(u.start, u.text)] = u
            if u.widened:
                stated.append((u.start, u.end))
        units.extend(sorted(kept.values(), key=lambda u: (u.start, u.end)))
    claims: list[Claim] = []
    by_scope: dict[str, list[_Unit]] = defaultdict(list)
    for u in units:
        by_scope[u.scope].append(u)
    for scope in sorted(by_scope):
        for part in _bounded(by_scope[scope], story_of):
            claims.extend(_claims_of_scope(part, articles, story_of, embedder))
    return claims


def _unit(
    a: Article,
    att: Attribution,
    group: str,
    scope: str,
    base: list[Source],
    label: str,
    times: dict[str, list[TimeMention]] | None,
) -> _Unit | None:
    """The statement an attribution makes, or None when it makes no claim (a question, a heading,
    a reported absence, the outlet's own evaluation, a fragment too short to say anything)."""
    att = _subject_given_back(a.text, att)
    start, end = att.start, att.end
    sentence_start, sentence_end = sentence_bounds(a.text, start, end)
    sentence = a.text[sentence_start:sentence_end]
    counted = _named_body(a, att.chain, sentence_start)
    key, origin_label, reason = _origin(a, counted, group, label, base)
    if counted is not att.chain:
        what = (
            "its issuer as its article named it"
            if att.chain[-1].kind == "document"
            else "the body its article named before"
        )
        reason += f" (cited as \"{att.chain[-1].name}\", {what})"
    voice = key.startswith("voice:")
    why = non_claim_reason(att.text, voice, a.title, whole=False) or non_claim_reason(sentence, voice, a.title)
    asked = _ASKED.search(att.cue or "") and _ASKED_WHAT.match(att.text.strip()) or _only_asked(att.text)
    if why and why != "heading" or asked:
        return None
    denial = is_denial(att.cue) and is_denial(sentence) if att.cue else is_denial(sentence)
    denial = denial or calls_false(att.text) or bool(att.cue) and denies_first(att.text)
    text = " ".join(att.text.split())
    anaphor = _ANAPHOR_THEN_MORE.match(att.text) if denial else None
    if anaphor is not None:
        # "The ministry denied | that, saying Berg had left": the denial is the sentence up to its anaphor
        start, end = sentence_start, att.start + anaphor.end(1)
        text = " ".join(a.text[start:end].split())
    elif denial and (tail := _SAYING_TAIL.search(a.text, start, end)) is not None:
        end = tail.start()
        text = " ".join(a.text[start:end].split())
    widened = False
    if anaphor is None and (
        (denial or not att.chain) and word_count(text) < MIN_WORDS or _no_statement_of_its_own(a.text, att, start, text)
    ):
        # a cue with no source and a fragment for content ("The fire | was reported"), or a topic for
        # content ("issued a warning | regarding the satellite program"): the sentence is the statement
        start, end, text, widened = sentence_start, sentence_end, " ".join(sentence.split()), True
        if len(att.chain) > len(base) and (
            _in_relative_clause(att.chain[-1].name, sentence)
            or _raised_subject(a.text, att.start, " ".join(att.text.split()))
            or _STANCE_CUE.search(att.cue or "")
            or _ACT_CUE.search(att.cue or "")
            or _added_count(att.cue, att.text)
        ):
            # "... violate U.N. resolutions, which Russia has endorsed", "The toddler was reported | to be shot
            # ...": the sentence is the outlet's, not Russia's or the toddler's
            att = Attribution(att.article_id, att.start, att.end, att.text, list(base), att.cue)
            counted = att.chain
            key, origin_label, reason = _origin(a, counted, group, label, base)
    opening = _DATELINE.match(a.text, start, end) or _COMPLEMENTISER.match(a.text, start, end)
    if opening is not None:
        start, text = opening.end(), " ".join(a.text[opening.end() : end].split())
    if word_count(text) < (
        MIN_HEADING_WORDS
        if why == "heading"
        else MIN_CLAUSE_WORDS
        if len(att.chain) > len(base) and (denial or _CLAUSE.search(text))
        else MIN_WORDS
    ):
        return None
    periods = _periods_in(times.get(a.id, ()), start, end) if times else []
    said = _with_its_source(text, att.chain[-1] if len(att.chain) > len(base) else None)
    words = _WORD.findall(said)
    bounds = count_bounds(said)
    return _Unit(
        a.id,
        group,
        scope,
        text,
        list(att.chain),
        key,
        origin_label,
        _stems_of(words) | _period_terms(periods),
        figures(said, words),
        counted_values(bounds),
        {ps[-1] for ps in periods},
        start,
        end,
        denial,
        denial and denies_by_reference(sentence),
        reason,
        not denial and accuses(sentence),
        why == "heading",
        _in_lead(a.text, sentence_start),
        widened,
        None if counted is att.chain else counted,
        _stems_of(negated_words(text)),
        is_negative(text),
        said if said != text else "",
        ages(text),
        bounds,
    )


_DATELINE = re.compile(
    r"[ \t]{0,8}(?:(?<![A-Z'-])[A-Z][A-Z'-]+(?: [A-Z][A-Z'-]+){0,3}"
    r"(?:, [A-Z][a-z]{2,8}\.? \d{1,2})?,?[ \t]*(?=[(\-\u2013\u2014]))?"
    r"(?:\([^()\n]{1,40}\)[ \t]*)?[-\u2013\u2014]{1,2}[ \t]+(?=\S)"
)
"""A dateline opening a statement ("SEOUL, May 26 (Reuters) - ", "VELM — "): where the story is filed,
not what it says."""

_COMPLEMENTISER = re.compile(
    r"[ \t]{0,8}(?:in an? (?:statement|interview|e-?mail|letter|post|note|release|briefing)"
    r"(?:(?:\s+(?:on|to|with|released|posted|issued|late|early)\b[^,.;:\n]{0,50}?)?,?\s+that\s+"
    r"|(?:\s+(?:on|to|with|released|posted|issued|late|early)\b[^,.;:\n]{0,50}?)?,?\s+)"
    r"|(?:(?:on|in)\s+)?(?:its|their|his|her|the|a)\s+(?:website|blog|newsletter|account|page|feed|social media)"
    r"(?:\s+[\w-]+){0,3}?\s+that\s+|that\s+)(?=\S)"
    r"(?!(?:is|was|are|were|will|would|could|has|had|seems?|seemed|means?|meant|makes?|made)\b)",
    re.I,
)
"""The "that" of "said that ..." and the channel of "said in a statement on Monday that ...": the statement is
what follows them. A "that" before its verb is the statement's subject ("Deputies say | that is where they
found him")."""
MIN_CLAUSE_WORDS = 4
"""A source's short statement with a verb of its own counts ("He has not been charged", "the plan was 'a
fantasy'"); shorter ones, and fragments without one under MIN_WORDS, do not ("in a statement on Friday")."""
_CLAUSE = re.compile(
    r"\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|may|might|must|should|shall|did|does|do|"
    r"isn't|aren't|wasn't|weren't|won't|can't|don't|doesn't|didn't)\b",
    re.I,
)

LEAD_SENTENCES = 5
# Cues that take a statement as their object ("said the dock failed"); after any other cue ("warned the
# ministry about cracks", "named Rusnak as acting minister", "asked the ministry for funds",
# "announced an emergency fund") the object alone is no statement, and the
# sentence is, unless the content opens like one ("warned that ...", a quotation).
_STANCE_CUE = re.compile(
    r"^(?:(?:largely|broadly|overwhelmingly|strongly|still|also)\s+)?(?:(?:dis)?approv(?:e|es|ed|ing)|"
    r"support(?:s|ed|ing)?|oppos(?:e|es|ed|ing)|favou?r(?:s|ed|ing)?|(?:dis)?like[sd]?|love[sd]?|hate[sd]?|"
    r"back(?:s|ed|ing)?|prefer(?:s|red|ring)?|(?:dis)?trust(?:s|ed|ing)?)(?:\s+of)?$",
    re.I,
)
"""A cue of an attitude, not of speech ("Americans largely approve of | the job he's doing"): its sentence is the
outlet's report of that attitude (from polls, votes, records), not a statement the source made."""
_ACT_CUE = re.compile(
    r"(?:^|\s)(?:pass(?:es|ed)?|vot(?:e|es|ed)|approv(?:e|es|ed)|block(?:s|ed)?|grant(?:s|ed)?|sign(?:s|ed)|"
    r"launch(?:es|ed)?|suspend(?:s|ed)?|fir(?:es|ed)|arrest(?:s|ed)?|kill(?:s|ed)?|str(?:ikes|uck)|slam(?:s|med)|"
    r"bomb(?:s|ed)|attack(?:s|ed)|sho(?:ots|t)|invad(?:es|ed)|seiz(?:es|ed)|raid(?:s|ed)|veto(?:es|ed)|"
    r"appoint(?:s|ed)|nominat(?:es|ed)|hir(?:es|ed)|award(?:s|ed)|bann?(?:s|ed)|su(?:es|ed)|indict(?:s|ed)|"
    r"convict(?:s|ed)|sentenc(?:es|ed)|rescu(?:es|ed)|evacuat(?:es|ed)|deploy(?:s|ed)|clos(?:es|ed)|"
    r"reopen(?:s|ed)|shut(?:s)?|visit(?:s|ed)|overturn(?:s|ed)|dismiss(?:es|ed)|impos(?:es|ed)|deport(?:s|ed)|"
    r"expel(?:s|led)|withdr(?:aws|ew)|log(?:s|ged))$",
    re.I,
)
"""A cue that is a deed, not speech ("The House passed | a bill ...", "Israel struck | targets in Gaza"): its
sentence is the outlet's report of the deed, and the doer is no origin of it."""
_FINITE_START = re.compile(r"(?:was|were|is|are|has|had|have|will|would|could|remains?|died|suffered)\b")
_SUBJECT_BEFORE = re.compile(
    r",\s+([^,\n]{2,60}?(?:,\s*(?:both\s+|all\s+|each\s+|aged?\s+)?\d{1,3}(?:,\s*of\s+[^,\n]{2,40})?)?),?\s*$"
)


def _subject_given_back(text: str, att: Attribution) -> Attribution:
    """ "According to the Sheriff's Office, Braylin Scott, 17, | was charged ...": the parser took the subject
    into the source (an apposition of it), leaving a statement with no subject; the statement gets it back,
    and the source's name loses it ("a news release from the Police Department, one female, 27")."""
    if (att.cue or "").lower() != "according to" or not _FINITE_START.match(att.text.lstrip()):
        return att
    m = _SUBJECT_BEFORE.search(text, max(0, att.start - 160), att.start)
    if m is None:
        return att
    chain = list(att.chain)
    subject = m.group(1).split(",")[0].strip()
    if chain and (cut := chain[-1].name.find(", " + subject)) > 0:
        chain[-1] = Source(chain[-1].name[:cut], chain[-1].kind)
    start = m.start(1)
    return Attribution(att.article_id, start, att.end, text[start : att.end], chain, att.cue)


_ASKED = re.compile(r"(?:^|\s)(?:ask(?:s|ed|ing)?|wonder(?:s|ed|ing)?|inquir(?:es|ed|ing)|quer(?:y|ies|ied))$", re.I)
_ASKED_WHAT = re.compile(r"(?:what|why|how|who|whom|whose|which|when|where|whether|if)\b", re.I)
_ASKED_FIRST = re.compile(
    r"\s*(?:When |After being )?asked (?:what|why|how|who|whom|whether|if|when|where|about)\b", re.I
)
""""A reporter asked | what makes him confident that ...", and a statement that is only what was asked ("Asked
why he was confident ..."): a question, no claim."""


def _only_asked(text: str) -> bool:
    """Whether a statement is only what was asked ("Asked why he was confident that ..."), with no answer after
    it ("When asked why he called his mother, the man answered that ..." states the answer)."""
    m = _ASKED_FIRST.match(text)
    return m is not None and "," not in text[m.end() :]


_ADD_CUE = re.compile(r"(?:^|\s)add(?:s|ed)?$", re.I)
_POST_CUE = re.compile(r"(?:^|\s)post(?:s|ed)?$", re.I)
_COUNT_START = re.compile(
    r"(?:(?:just|only|a net|another|nearly|almost|about|around|some|roughly|more than|fewer than|over|under)\s+)*"
    r"[$£€]?\d",
    re.I,
)
""""Employers added | 194,000 jobs": "added" with a count for its object is a deed (a gain), not speech, so the
doer is no origin of the sentence."""
_FINITE = re.compile(r"\b(?:would|will|was|were|is|are|had|has|have|could|should|may|might|can)\b", re.I)
_SPEECH_CUE = re.compile(
    r"(?:^|\s)(?:sa(?:y|ys|id|ying)|t(?:ell|ells|old|elling)|report\w*|according|add(?:s|ed)?|wr(?:ite|ites|ote|itten)|"
    r"stat(?:e|es|ed)|expla\w+|not(?:e|es|ed)|insist\w*|confirm\w*|claim\w*|argu\w+|believ\w+|think\w*|thought|"
    r"estimat\w+|predict\w*|expect\w*|suggest\w*|acknowledg\w+|admit\w*|assert\w*|disclos\w+|reveal\w*|"
    r"show\w*|found|find\w*|conclud\w+|indicat\w+|recall\w*|agree\w*|feel\w*|felt|hope\w*|fear\w*|"
    r"worr\w+|know\w*|knew|learn\w*|understand\w*|understood|"
    r"stress\w*|emphasi\w+|comment\w*|remark\w*|observ\w+|repl\w+|respond\w*|answer\w*|mention\w*|"
    r"point\w* out|declar\w+|testif\w+|alleg\w+|maintain\w*|contend\w*|counter\w*|cit(?:e|es|ed|ing)|quot\w+|"
    r"conced\w+|brief\w*|tweet\w*|post(?:s|ed)?|reiterat\w+|recount\w*|forecast\w*|projected|calculated|"
    r"guess\w*|doubt\w*|suspect\w*|assum\w+|acknowledg\w+|clarif\w+|specif\w+|wonder\w*|—|-|:)(?:\s|$)",
    re.I,
)
_STATEMENT_START = re.compile(r"^[\"'\u201c\u2018]|^(?:that|whether|if|how|why|what|when|where|who)\b", re.I)


def _object_only(cue: str | None, content: str) -> bool:
    """Whether ``content`` is only the object of its cue ("deputy minister Rusnak as acting minister"
    after "named", "the Water Ministry about cracks" after "warned"), not a statement."""
    if not cue or _STATEMENT_START.match(content.strip()):
        return False
    return not _SPEECH_CUE.search(cue) or _added_count(cue, content)


def _added_count(cue: str | None, content: str) -> bool:
    """Whether "added" takes a count for its object ("added | 194,000 jobs"), or "posted" a thing ("posted | a
    record number of job openings"): a gain or a posting, not speech ("added | 5,000 troops would arrive" and
    "posted | that ..." report)."""
    if _ADD_CUE.search(cue or "") is not None:
        if _COUNT_START.match(content.strip()) is None:
            return False
    elif _POST_CUE.search(cue or "") is None or _STATEMENT_START.match(content.strip()):
        return False
    return _FINITE.search(" ".join(content.split()[:6])) is None


_LEADING_PRONOUN = re.compile(r"^(?:that\s+)?(it|he|she|they|its|his|her|their)\b(?=\s)", re.I)
_POSSESSIVE_PRONOUNS = frozenset({"its", "his", "her", "their"})
_PRONOUNS = frozenset({"it", "he", "she", "they", "we", "i", "you"})
_BODIES = ("organisation", "agency", "outlet")
_PRONOUN_KINDS = {
    "he": ("person",),
    "she": ("person",),
    "his": ("person",),
    "her": ("person",),
    "it": _BODIES,
    "its": _BODIES,
    "they": (*_BODIES, "unnamed"),
    "their": (*_BODIES, "unnamed"),
}
"""The kinds of source a leading pronoun may stand for: a person's "he", a company's "its"."""


def _with_its_source(text: str, source: Source | None) -> str:
    """A statement whose subject is its speaker's pronoun, with the speaker named, for comparing it with
    others ("The hospital said | it was treating 18 of the injured" -> "The hospital was treating 18 of
    the injured"; "its vehicle had passed" -> "Lesna Transit's vehicle had passed"); else ``text``.
    Only for alignment: the statement shown is what the article says."""
    m = _LEADING_PRONOUN.match(text)
    if m is None or source is None or source.name.lower() in _PRONOUNS:
        return text
    pronoun = m.group(1).lower()
    words = source.name.lower().split()
    body = source.kind == "unnamed" and bool(words) and words[-1] not in UNNAMED_HEADS | HONORIFICS
    if source.kind not in _PRONOUN_KINDS.get(pronoun, ()) and not (body and pronoun in ("it", "its")):
        return text  # "a parliamentary inquiry said | her ministry had approved ...": someone else's
    name = source.name + ("'s" if pronoun in _POSSESSIVE_PRONOUNS else "")
    return name + text[m.end() :]


def _before_its_cue(article_text: str, att: Attribution) -> bool:
    """Whether the content comes before its cue ("The crossing will reopen on May 1, | the two governments
    announced"): a clause its trailing report states, never the cue's object."""
    if not att.cue:
        return False
    after = article_text[att.end : att.end + 80]
    return re.match(r"\s*,\s*(?:[\w'\u2019.-]+\s+){1,6}?" + re.escape(att.cue) + r"\b", after) is not None


def _in_relative_clause(source: str, sentence: str) -> bool:
    """Whether ``source`` is the subject of a relative clause of ``sentence`` ("..., which Russia has endorsed")."""
    head = source.split(",")[0].strip()
    return bool(head) and re.search(r"\b(?:which|whom|that)\s+" + re.escape(head) + r"\b", sentence) is not None


def _no_statement_of_its_own(article_text: str, att: Attribution, start: int, text: str) -> bool:
    """Whether a content is only its cue's object or topic (a topic, the object of an accusation, of a cue that
    does not report speech, of a telling cue's hearer, a directive's infinitive, a reported figure), so that
    its sentence is the statement."""
    cue = att.cue or ""
    return bool(
        _TOPIC_ONLY.match(text)
        or _raised_subject(article_text, start, text)
        or _ACCUSE_CUE.match(cue)
        or _ACCUSED_BEFORE.search(article_text, max(0, start - 30), start)
        or _object_only(att.cue, text)
        and not _before_its_cue(article_text, att)
        or _hearer_and_topic(att.cue, text)
        or _DIRECTIVE.search(cue)
        and text.lower().startswith("to ")
        or _reported_figure(att.cue, text)
    )


_RAISING = re.compile(
    r"\b(?:is|was|are|were|been|be|being)\s+(?:\w+ly\s+)?(?:said|believed|thought|reported|expected|alleged|"
    r"known|understood|rumou?red|considered|estimated|presumed|suspected|feared|described|scheduled|set|due|"
    r"likely|supposed|claimed)\s*$",
    re.I,
)
"""A passive cue whose subject is what the report is about ("The toddler was reported | to be shot ...",
"Smith is scheduled | to appear ..."): its content, an infinitive, is no statement without that subject."""


def _raised_subject(article_text: str, start: int, content: str) -> bool:
    """Whether a content starting at ``start`` is the infinitive of a passive report ("The toddler was
    reported | to be shot"): its source is what the report is about, not who reports it, and the
    content is no statement without it."""
    return content.lower().startswith("to ") and _RAISING.search(article_text, max(0, start - 60), start) is not None


def _reported_figure(cue: str | None, content: str) -> bool:
    """ "The airline reported | a net loss of 45 million crowns": what was reported is a noun phrase, not a
    statement, so the sentence is the statement."""
    return bool(cue and _REPORT_CUE.search(cue) and _FIGURE_OBJECT.match(content))


_REPORT_CUE = re.compile(r"\breport(?:s|ed)?$", re.I)
_FIGURE_OBJECT = re.compile(
    r"(?:a|an|its|their|his|her|record|higher|lower|weaker|stronger)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:loss|losses|profit|profits|revenue|revenues|sales|deficit|surplus|income|earnings|turnover|growth|decline|"
    r"increase|rise|fall|drop|gain|jump|slump)\b",
    re.I,
)


def _hearer_and_topic(cue: str | None, content: str) -> bool:
    """Whether ``content`` is only whom a telling cue addressed and what about ("told | the council about
    the leak"), not what was told."""
    return bool(cue and _TELL_CUE.search(cue) and _HEARER_TOPIC.match(content) and not _CLAUSE_WORD.search(content))


_ANAPHOR_THEN_MORE = re.compile(r"(?<!\s)\s*(that|this|it|them|these|those)\s*[,;]", re.I)
_SAYING_TAIL = re.compile(r",\s+(?:saying|adding|insisting|arguing|stating|noting)\b", re.I)
"""Where a denial's content ends and the denier's next statement begins ("denied that it had refused
to negotiate, | saying it remains open to talks"): that statement is an attribution of its own."""
_DIRECTIVE = re.compile(r"\b(?:told|asked|ordered|urged|instructed|advised|warned|called on)$", re.I)
"""A cue whose infinitive content ("was told | to repair the hull") is what someone should do, not a statement."""
_TELL_CUE = re.compile(r"\b(?:t(?:ell|ells|old|elling)|inform\w*|brief\w*|notif\w+|remind\w*)$", re.I)
_HEARER_TOPIC = re.compile(
    r"^(?:(?:the|a|an|his|her|their|its|our|reporters|journalists|(?-i:[A-Z])[\w'-]*)\s+)(?:[\w'-]+\s+){0,3}?"
    r"(?:about|of|regarding|concerning|on)\s",
    re.I,
)
_CLAUSE_WORD = re.compile(
    r"\b(?:that|whether|how|why|when|who|which|said|says|is|are|was|were|had|has|have|will|would)\b", re.I
)
_ACCUSED_BEFORE = re.compile(r"\b(?:accus|charg|blam)\w*\s+$", re.I)
"""The object of an accusation, whatever cue the content came with
("accused | the mayor of accepting ..., citing records")."""
_ACCUSE_CUE = re.compile(
    r"^(?:\w+\s+)?(?:accus|charg|blam)\w*$", re.I
)  # "accused X | of Y": the object is half the statement
_TOPIC_ONLY = re.compile(
    r"(?:regarding|concerning|about|over|on the subject of|with regard to)\s+(?:[\w'-]+\s+){0,8}[\w'-]+[.!]?$", re.I
)
# Two headlines are short and worded for space: they join below the body's threshold (logit offset,
# chosen on ABCD news_ecb dev: docs/sources.md).
HEADLINE_CUT = {"meaning": -2.0, "words": -0.4}
_SENTENCE_END = re.compile(r"\n+|[.!?][\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")


def _in_lead(text: str, start: int) -> bool:
    """Whether ``start`` lies in the first LEAD_SENTENCES sentences (or lines) of ``text``."""
    return sum(1 for _ in itertools.islice(_SENTENCE_END.finditer(text, 0, start + 1), LEAD_SENTENCES)) < LEAD_SENTENCES


def _bounded(units: list[_Unit], story_of: dict[str, str]) -> list[list[_Unit]]:
    """Split a scope too large to compare pair by pair: by story first, then into fixed-size runs.

    Alignment compares every pair of sentences, so a scope is kept under MAX_UNITS sentences;
    a thread that outgrows it is aligned story by story (claims across its stories are then
    not joined), and a story that outgrows it in runs of articles.
    """
    if len(units) <= MAX_UNITS:
        return [units]
    by_story: dict[str, list[_Unit]] = defaultdict(list)
    for u in units:
        by_story[story_of.get(u.article_id, u.scope)].append(u)
    parts: list[list[_Unit]] = []
    for story in sorted(by_story):
        run = by_story[story]
        parts.extend(run[i : i + MAX_UNITS] for i in range(0, len(run), MAX_UNITS))
    return parts


def group_labels(articles: dict[str, Article], group_of: dict[str, str]) -> dict[str, str]:
    """A readable name for each copy group: the outlet or wire of its members, else its first article."""
    members: dict[str, list[str]] = defaultdict(list)
    for aid in sorted(articles):
        members[group_of.get(aid, aid)].append(aid)
    labels = {}
    for group, ids in members.items():
        names: Counter[str] = Counter()
        for aid in ids:
            a = articles[aid]
            for n in a.credits or ([a.source] if a.source else []):
                names[n] += 1
        title = articles[ids[0]].title
        labels[group] = (
            names.most_common(1)[0][0] if names else f"\u201c{_short(title)}\u201d" if title else f"article {ids[0]}"
        )
    return labels


def _short(title: str, limit: int = 60) -> str:
    title = " ".join(title.split())
    return (
        title
        if len(title) <= limit
        else title[: title.rfind(" ", 0, limit) if " " in title[:limit] else limit] + "\u2026"
    )


def _claims_of_scope(
    units: list[_Unit], articles: dict[str, Article], story_of: dict[str, str], embedder: Embedder | None
) -> list[Claim]:
    idf = _idf(units)
    vectors = _embed([u.resolved or u.text for u in units], embedder)
    members: list[list[int]] = []
    # A denial never joins what it denies, however many words they share: denials align among themselves.
    for part in ([i for i, u in enumerate(units) if not u.denial], [i for i, u in enumerate(units) if u.denial]):
        if part:
            sub = vectors[part] if vectors is not None else None
            members.extend([[part[k] for k in idx] for idx in _clusters([units[i] for i in part], idf, sub)])
    members.sort(key=lambda idx: idx[0])
    # A headline states no claim of its own; it is a statement of the claim it aligns with, or of a
    # headline other outlets (another copy group) print too.
    members = [
        idx for idx in members if not all(units[i].heading for i in idx) or len({units[i].group for i in idx}) > 1
    ]
    topical = _Topical(units, idf, vectors)
    claims = [_claim(units, idx, articles, story_of) for idx in members]
    _mark_contradictions(claims, members, units, topical, articles, story_of)
    _mark_denials(claims, members, units, idf)
    _mark_negations(claims, members, units, idf, story_of)
    return claims


def _idf(units: list[_Unit]) -> dict[str, float]:
    """Inverse sentence frequency of each stem in a scope, a copy group counting as one article:
    a sentence reprinted by five outlets does not make its words five times as common."""
    copies = Counter(group for _, group in {(u.article_id, u.group) for u in units})
    df: dict[str, float] = defaultdict(float)
    n = 0.0
    for u in units:
        share = 1.0 / copies[u.group]
        n += share
        for s in u.stems:
            df[s] += share
    return {s: math.log((n + 1) / (c + 0.5)) for s, c in df.items()}


# Within this of CANDIDATE_CONT, whether a pair is a candidate is decided again one by one (the bulk
# overlap sums in another order).
_MARGIN = 1e-6
# A pair of statements joins their groups when its score (0..1) reaches JOIN, the pair decision's own
# threshold, and the two groups' mean pair score reaches FLOOR (grouping.gated_linkage; chosen on ABCD
# news_ecb dev: docs/sources.md).
JOIN = 0.5
FLOOR = 0.125


def _clusters(
    units: list[_Unit], idf: dict[str, float], vectors: Vectors | np.ndarray | None = None
) -> list[list[int]]:
    """Clusters of sentences that state one claim: the pairs the pair decision joins, best first, each
    merging its two groups when they agree on the whole (:mod:`.grouping`); near-identical sentences
    are tied whatever their dates (a reprint keeps "on Wednesday" when it runs a week later), and a
    pair whose counts conflict or of which one negates the other scores 0.

    Weighted overlaps of all pairs come from one sparse product, near-duplicate ratios from
    rapidfuzz's ``cdist``. With ``vectors``, the sentences of candidate pairs (shared words, or
    a headline and a lead; the same time) are encoded once each and their cosines come from one product;
    other pairs whose candidacy sits on the word-overlap boundary are scored again one by one, so
    the scores are those of a pair-by-pair comparison.
    """
    n = len(units)
    if isinstance(vectors, np.ndarray):
        vectors = Vectors([u.text for u in units], matrix=vectors)
    article = np.unique([u.article_id for u in units], return_inverse=True)[1]
    group = np.unique([u.group for u in units], return_inverse=True)[1]
    pairs = np.triu(article[:, None] != article[None, :], k=1)  # i < j, different articles
    other_group = group[:, None] != group[None, :]

    # Near duplicates: fuzz.ratio >= NEAR_DUPLICATE, whatever the copy groups.
    texts = [u.text for u in units]
    ratio = process.cdist(
        texts, texts, scorer=fuzz.ratio, score_cutoff=max(NEAR_DUPLICATE - 1.0, 0.0), dtype=np.float32
    )
    tied = np.zeros((n, n), dtype=bool)
    conflicts = _conflicts(units)
    opposed = _opposed(units) | conflicts  # "Twelve people were killed" / "Nine people were killed": no copy
    for i, j in zip(*np.nonzero(pairs & (ratio >= NEAR_DUPLICATE - 0.5) & ~opposed)):
        if fuzz.ratio(texts[i], texts[j]) >= NEAR_DUPLICATE:
            tied[i, j] = True
    del ratio

    # The pair score, for pairs of different copy groups (and a headline with its own lead).
    lex, cont = _overlaps(units, idf)
    has_figure = _incidence([u.figures for u in units])[0]
    shared = (has_figure @ has_figure.T).toarray() > 0
    some = np.array([bool(u.figures) for u in units])
    differ = some[:, None] & some[None, :] & ~shared
    lead = np.array([u.lead for u in units])
    heading = np.array([u.heading for u in units])
    # A headline restates its own article's lead: the pair is scored as one from two outlets would be.
    own = (
        np.triu(article[:, None] == article[None, :], k=1)
        & (heading[:, None] != heading[None, :])
        & lead[:, None]
        & lead[None, :]
    )
    live = ((pairs & other_group) | own) & ~tied
    model = WORDS if vectors is None else MEANING
    cut = np.where(heading[:, None] & heading[None, :], model.cut + HEADLINE_CUT[model.name], model.cut)
    margin = model.value(lex, cont, COS_FLOOR, shared, differ) - cut
    # A headline and a lead (another headline or a first sentence) are asked about even sharing no
    # informative word: they restate one event in other words more often than body sentences do.
    leads = lead[:, None] & lead[None, :] & (heading[:, None] | heading[None, :])
    exact = live & (np.abs(cont - CANDIDATE_CONT) <= _MARGIN)
    if vectors is not None:
        exact &= ~leads
        ii, jj = np.nonzero(live & ~exact & ((cont >= CANDIDATE_CONT) | leads))
        keep = np.array([_same_time(units[i], units[j]) for i, j in zip(ii.tolist(), jj.tolist())], dtype=bool)
        ii, jj = ii[keep] if len(ii) else ii, jj[keep] if len(jj) else jj
        if len(ii):
            need = np.unique(np.concatenate([ii, jj]))
            at = np.full(n, -1)
            at[need] = np.arange(len(need))
            vecs = vectors.rows(need.tolist())
            cos = np.einsum("ij,ij->i", vecs[at[ii]], vecs[at[jj]])
            margin[ii, jj] = model.value(lex[ii, jj], cont[ii, jj], cos, shared[ii, jj], differ[ii, jj]) - cut[ii, jj]
    for i, j in zip(*np.nonzero(exact)):
        margin[i, j] = _pair_margin(units[i], units[j], idf, vectors.cos(i, j) if vectors is not None else None)
    if vectors is None:
        margin[live & _apart_in_time(units)] = -np.inf
    score = np.full((n, n), np.nan)
    score[live] = 1.0 / (1.0 + np.exp(-np.clip(margin[live], -700.0, 700.0)))
    score = np.where(np.isnan(score), score.T, score)
    # two people's words about themselves are two statements, unless near-identical (one outlet misattributes)
    voices = _none_shared([_first_person_speaker(u) for u in units])
    score[(live | live.T) & (opposed | voices)] = 0.0
    return gated_linkage(score, tied | tied.T, JOIN, FLOOR, opposed)


def _apart_in_time(units: list[_Unit]) -> np.ndarray:
    """Pairs of sentences (as a matrix) that refer to different times (:func:`_same_time`), compared once
    per pair of distinct date sets, by their periods' day ranges in blocks of array comparisons."""
    kinds: dict[frozenset[str], int] = {}
    index = np.array([kinds.setdefault(frozenset(u.when), len(kinds)) for u in units], dtype=np.int64)
    sets = list(kinds)
    ranges = [(k, day_range(p)) for k, x in enumerate(sets) for p in sorted(x)]
    if any(r is None for _, r in ranges):
        apart = sets_apart_by_pairs(sets)
    else:
        owner = np.array([k for k, _ in ranges], dtype=np.int64)
        lo = np.array([r[0] for _, r in ranges if r is not None], dtype=np.int64)
        hi = np.array([r[1] for _, r in ranges if r is not None], dtype=np.int64)
        single = lo == hi
        incidence = sparse.csr_matrix(
            (np.ones(len(owner)), (owner, np.arange(len(owner)))), shape=(len(sets), len(owner))
        )
        meets = np.zeros((len(sets), len(sets)))
        members = incidence.T.toarray()
        for a in range(0, len(owner), _TIME_BLOCK):
            part = slice(a, a + _TIME_BLOCK)
            slack = (single[part, None] & single[None, :]).astype(np.int64)
            overlap = (lo[part, None] <= hi[None, :] + slack) & (lo[None, :] <= hi[part, None] + slack)
            meets += incidence[:, part] @ (overlap.astype(np.float64) @ members)
        dated = np.array([bool(x) for x in sets])
        apart = dated[:, None] & dated[None, :] & (meets == 0)
    return apart[index][:, index] if len(units) else np.zeros((0, 0), dtype=bool)


_TIME_BLOCK = 2048


def sets_apart_by_pairs(sets: list[frozenset[str]]) -> np.ndarray:
    """Which date sets refer to different times, pair by pair and period by period (:func:`_one_period`): the
    rule :func:`_apart_in_time` computes with arrays, and its fallback for periods with no day range."""
    return np.array(
        [[bool(x and y) and not any(_one_period(p, q) for p in x for q in y) for y in sets] for x in sets],
        dtype=bool,
    ).reshape(len(sets), len(sets))


def _conflicts(units: list[_Unit]) -> np.ndarray:
    """Pairs of sentences (as a matrix) that give different counts of one kind of people, or other
    specifics (ages, large figures) none shared."""
    n = len(units)
    out = np.zeros((n, n), dtype=bool)
    counted = [i for i, u in enumerate(units) if u.counts]
    for p, i in enumerate(counted):
        for j in counted[p + 1 :]:
            if _conflicting(units[i], units[j]):
                out[i, j] = out[j, i] = True
    for sets in ([{str(x) for x in u.ages} for u in units], [_large(u.figures) for u in units]):
        out |= _none_shared(sets)
    np.fill_diagonal(out, False)
    return out


def _none_shared(sets: list[set[str]]) -> np.ndarray:
    """Pairs of rows (as a matrix) whose sets are both non-empty and share nothing."""
    some = np.array([bool(x) for x in sets])
    if some.sum() < 2:
        return np.zeros((len(sets), len(sets)), dtype=bool)
    incidence = _incidence(sets)[0]
    return some[:, None] & some[None, :] & ~((incidence @ incidence.T).toarray() > 0)


def two_speakers(a: _Unit, b: _Unit) -> bool:
    """Whether two statements are two named speakers' words about themselves (:func:`_first_person_speaker`)."""
    x, y = _first_person_speaker(a), _first_person_speaker(b)
    return bool(x and y and x.isdisjoint(y))


_TITLE_WORDS = frozenset(HONORIFICS) | frozenset(RANKS)
_FIRST_PERSON = re.compile(r"\b(?:I|[Ww]e|[Mm]y|[Oo]ur|us|me)\b")


def _first_person_speaker(u: _Unit) -> set[str]:
    """The name words of a named person who speaks of themself ("We will do our utmost", Tsai Ing-wen),
    else an empty set (a description, "the moderate West Virginia Democrat", names no one to compare).
    Two such statements by people sharing no name word are about two speakers: "we" is not the same "we"
    (Xi Jinping's "we will do our utmost to ..." is no second origin of Tsai's words)."""
    if not u.origin_key.startswith("named:") or not u.chain or u.chain[-1].kind != "person":
        return set()
    if not any(w[:1].isupper() and w.lower().strip(".") not in _TITLE_WORDS for w in u.chain[-1].name.split()):
        return set()  # "sheriff", "Sheriff": a title, no name to compare
    if not _FIRST_PERSON.search(u.text):
        return set()
    return set(name_words(u.chain[-1].name, u.chain[-1].kind))


def opposite(a: _Unit, b: _Unit) -> bool:
    """Whether one statement says is not so what the other states ("never paid" against "paid
    bribes"): one of them negates, the other negates nothing, and a word the one denies is one the
    other states. They may contradict each other, never state one claim."""
    if a.negative == b.negative:
        return False
    return bool(a.negated & b.stems or b.negated & a.stems)


def _opposed(units: list[_Unit]) -> np.ndarray:
    """Pairs of sentences (as a matrix) of which one denies a word the other states (:func:`opposite`)."""
    n = len(units)
    out = np.zeros((n, n), dtype=bool)
    for i, u in enumerate(units):
        if u.negated:
            for j, v in enumerate(units):
                if j != i and opposite(u, v):
                    out[i, j] = out[j, i] = True
    return out


def _incidence(sets: list[set[str]]) -> tuple[sparse.csr_matrix, list[str]]:
    """0/1 matrix of sets (rows) by members (columns), and the member of each column."""
    columns: dict[str, int] = {}
    rows, cols = [], []
    for r, members in enumerate(sets):
        for m in members:
            rows.append(r)
            cols.append(columns.setdefault(m, len(columns)))
    shape = (len(sets), max(len(columns), 1))
    return sparse.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=shape), list(columns)


def _overlaps(units: list[_Unit], idf: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_pair_overlaps` of every pair of sentences (up to rounding): (lex, cont) matrices."""
    has, stems = _incidence([u.stems for u in units])
    weighted = has @ sparse.diags(np.array([idf.get(s, 1.0) for s in stems] or [0.0]))
    shared = (weighted @ has.T).toarray()
    total = np.asarray(weighted.sum(axis=1)).ravel()
    union = total[:, None] + total[None, :] - shared
    smaller = np.minimum(total[:, None], total[None, :])
    lex = np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)
    return lex, np.divide(shared, smaller, out=np.zeros_like(shared), where=smaller > 0)


class _Topical:
    """How close two sentences are in topic (the weighted overlap of their stems, or, if higher,
    their cosine placed on 0..1 between the encoder's floor and ceiling less 0.3), computed when
    asked: contradictions look only at pairs of sentences that both state counts."""

    def __init__(self, units: list[_Unit], idf: dict[str, float], vectors: Vectors | None = None) -> None:
        self.units = units
        self.idf = idf
        self.vectors = vectors

    def get(self, pair: tuple[int, int], default: float = 0.0) -> float:
        i, j = pair
        a, b = self.units[i], self.units[j]
        if a.article_id == b.article_id:
            return default
        lex = _weighted_overlap(a.stems, b.stems, self.idf)
        if self.vectors is None:
            return lex
        sem = (self.vectors.cos(i, j) - COS_FLOOR) / (COS_CEIL - COS_FLOOR)
        return max(lex, sem - 0.3)


def _same_claim(a: _Unit, b: _Unit, idf: dict[str, float], sem: float | None) -> bool:
    """Whether two sentences state one claim (``sem``: their cosine, None without an encoder)."""
    return _pair_decision(a, b, idf, sem)[0]


def _pair_decision(
    a: _Unit, b: _Unit, idf: dict[str, float], sem: float | None, model: PairModel | None = None
) -> tuple[bool, float]:
    """(one claim?, score in 0..1): near-identical texts are one claim; sentences of one copy group
    are one claim only then; otherwise the pair model of :mod:`.sameness` decides (``MEANING`` with a
    cosine, ``WORDS`` without). Counts of people that conflict, or ages none shared, keep any two
    apart, near-identical ones too, as in the claim grouping (the score is the model's all the same).
    The decision takes the
    cosine only for candidates (shared words, the same time: the analysis encodes no other pair);
    the score takes it whenever given."""
    apart = _conflicting(a, b) or _other_people(a, b)
    near = fuzz.ratio(a.text, b.text) >= NEAR_DUPLICATE
    if near or a.group == b.group:
        return near and not apart, 1.0 if near else 0.0
    model = model or (WORDS if sem is None else MEANING)
    lex, cont, cos, share, differ, _ = _pair_features(a, b, idf, sem)
    z = float(model.value(lex, cont, cos, share, differ))
    cut = model.cut + (HEADLINE_CUT[model.name] if a.heading and b.heading else 0.0)
    score = 1.0 / (1.0 + math.exp(-(z - cut))) if z - cut > -700 else 0.0
    return _pair_margin(a, b, idf, sem, model) >= 0 and not apart and not two_speakers(a, b), score


def _pair_margin(a: _Unit, b: _Unit, idf: dict[str, float], sem: float | None, model: PairModel | None = None) -> float:
    """The pair model's logit less its threshold (lower for two headlines), the cosine taken only for a
    candidate pair: the pair decision is ``>= 0``, and the grouping of :func:`_clusters` reads its
    logistic (``sem``: the cosine, None without an encoder). Without the encoder, statements about
    different times are never one claim (with it, they are no candidates and keep the floor cosine,
    with which no pair passes): "voted on Friday" is not "voted Thursday"."""
    if sem is None and not _same_time(a, b):
        return -math.inf  # words alone do not join statements about different times either
    model = model or (WORDS if sem is None else MEANING)
    lex, cont, cos, share, differ, candidate = _pair_features(a, b, idf, sem)
    cut = model.cut + (HEADLINE_CUT[model.name] if a.heading and b.heading else 0.0)
    return float(model.value(lex, cont, cos if candidate else COS_FLOOR, share, differ)) - cut


def _pair_features(
    a: _Unit, b: _Unit, idf: dict[str, float], sem: float | None
) -> tuple[float, float, float, bool, bool, bool]:
    """The pair model's inputs (lex, cont, cos, fig_share, fig_differ; the floor cosine without a
    vector) and whether the pair is a candidate for the encoder (shared words, the same time)."""
    lex, cont = _pair_overlaps(a.stems, b.stems, idf)
    share = bool(a.figures & b.figures)
    differ = bool(a.figures and b.figures and not share)
    candidate = sem is not None and cont >= CANDIDATE_CONT and _same_time(a, b)
    return lex, cont, COS_FLOOR if sem is None else sem, share, differ, candidate


def _pair_overlaps(a: set[str], b: set[str], idf: dict[str, float]) -> tuple[float, float]:
    """(lex, cont) of two stem sets: their shared idf weight over the union's, and over the smaller side's."""
    weight = idf.get
    return overlaps(
        sum([weight(s, 1.0) for s in a & b]), sum([weight(s, 1.0) for s in a]), sum([weight(s, 1.0) for s in b])
    )


def _same_time(a: _Unit, b: _Unit) -> bool:
    """One sentence is undated, or a date of one overlaps a date of the other ("2023" holds "2023-05",
    "last week" holds "July 3"; "2021-07-10" and "2021-07-17" differ): neither meaning nor words join
    statements about different times. An undated sentence may restate a dated one: a headline
    ("Actress checks into clinic") rarely gives the date its lead does ("... checked into the clinic on Thursday")."""
    if not (a.when and b.when):
        return True
    return any(_one_period(x, y) for x in a.when for y in b.when)


@lru_cache(maxsize=65536)
def _one_period(x: str, y: str) -> bool:
    """Whether two calendar periods overlap: "2023" and "2023-05", a week and a day in it; two days
    one apart count as one, since a day read off "Monday" or "2am, Singapore time" may be a time
    zone's or a late night's off ("shortly after 1pm near Mexico's west coast", "(2am, Singapore time)")."""
    if x == y or y.startswith(x + "-") or x.startswith(y + "-"):
        return True
    rx, ry = day_range(x), day_range(y)
    if rx is None or ry is None:
        return False
    slack = 1 if rx[0] == rx[1] and ry[0] == ry[1] else 0
    return rx[0] <= ry[1] + slack and ry[0] <= rx[1] + slack


def _conflicting(a: _Unit, b: _Unit) -> bool:
    return any(kind in b.bounds and not bounds_agree(a.bounds[kind], b.bounds[kind]) for kind in a.bounds)


def _other_people(a: _Unit, b: _Unit) -> bool:
    """Both give ages and share none ("a 40-year-old man was shot" and "a man, 28, was shot": two victims),
    or both give large figures or tallies and share none ("claims fell to 498,000" and "claims dropped to
    293,000": two weeks' reports; "voted 54-35" and "passed 65-35": two votes): other facts, not one
    claim (nor a contradiction)."""
    if a.ages and b.ages and a.ages.isdisjoint(b.ages):
        return True
    big_a, big_b = _large(a.figures), _large(b.figures)
    return bool(big_a and big_b and big_a.isdisjoint(big_b))


def _large(figures: set[str]) -> set[str]:
    """The figures of 1,000 or more (amounts, counts of people, prices) and vote tallies: specific
    enough that two reports of one fact repeat them."""
    out = {f for f in figures if "-" in f}
    for f in figures - out:
        try:
            if float(f) >= 1000:
                out.add(f)
        except ValueError:
            continue
    return out


def _weighted_overlap(a: set[str], b: set[str], idf: dict[str, float]) -> float:
    weight = idf.get
    union = sum([weight(s, 1.0) for s in a | b])
    return sum([weight(s, 1.0) for s in a & b]) / union if union else 0.0


def _embed(texts: list[str], embedder: Embedder | None) -> Vectors | None:
    """The scope's sentence vectors, encoded lazily (only the rows a decision needs)."""
    if embedder is None or not texts:
        return None
    return Vectors(texts, embedder)


def _claim(units: list[_Unit], idx: list[int], articles: dict[str, Article], story_of: dict[str, str]) -> Claim:
    ordered = sorted(
        idx, key=lambda i: (articles[units[i].article_id].published or "9999", units[i].article_id, units[i].start)
    )
    first = next((units[i] for i in ordered if not units[i].heading), units[ordered[0]])
    origins: dict[str, tuple[str, list[Source], str]] = {}
    written: dict[str, list[str]] = {}  # the names a named origin's statements give it
    # A headline summarises its own article's reporting: beside a statement of that article it adds no origin.
    reported = {units[i].article_id for i in idx if not units[i].heading}
    for i in ordered:
        u = units[i]
        if u.heading and u.article_id in reported:
            continue
        chain = u.origin_chain or u.chain
        if u.origin_key not in origins or len(chain) > len(origins[u.origin_key][1]):
            origins[u.origin_key] = (u.origin_label, chain, u.reason)
        if u.origin_key.startswith("named:") and u.chain:
            written.setdefault(u.origin_key, []).append(u.chain[-1].name)
    for key, names in written.items():
        label, chain, why = origins[key]
        for name in dict.fromkeys(names):
            if name_key(name) != name_key(chain[-1].name) and f'"{name}"' not in why:
                why += f'; also cited as "{name}"'
        origins[key] = (label, chain, why)
    _merge_described(origins)
    _merge_surnames(origins)
    _merge_bodies(origins)
    _merge_spokespeople(origins, _roles_written(units, idx, articles))
    _merge_reports(origins, {s.name for i in idx for s in base_chain(articles[units[i].article_id])})
    _merge_cited_outlets(origins)
    _merge_same_outlet(origins)
    _fold_unsourced(origins)
    article_ids = sorted({units[i].article_id for i in idx})
    statements = []
    for i in ordered:
        u = units[i]
        start, end = given_span(articles[u.article_id], u.start, u.end)
        statements.append(Statement(u.article_id, start, end, u.text, list(u.chain)))
    # where the first statement stands, too: one article may say one sentence twice, by two speakers
    digest = hashlib.sha1(f"{first.article_id}\x00{first.start}\x00{first.text}".encode()).hexdigest()[:12]
    return Claim(
        id=f"c-{digest}",
        story=story_of.get(first.article_id, first.scope),
        text=first.text,
        article_ids=article_ids,
        origins=[label for label, _, _ in origins.values()],
        chains=[chain for _, chain, _ in origins.values()],
        statements=statements,
        origin_reasons=[why for _, _, why in origins.values()],
        denies=all(units[i].denial for i in idx),
    )


def _merge_reports(origins: dict[str, tuple[str, list[Source], str]], printers: set[str]) -> None:
    """Within one claim, "Velmar Wire reported X" is the same origin as Velmar Wire's own article
    saying X on someone's word: a report ending at an outlet or agency that printed the claim itself
    (under its name or a short form of it: "LA Times", "Los Angeles Times") counts under that
    article's origin; and so is another outlet's "Velmar Wire, citing unnamed sources" (one report,
    cited with or without its sources)."""
    for key, (label, chain, why) in list(origins.items()):
        if len(origins) < 2 or not key.startswith("named:") or chain[-1].kind not in ("agency", "outlet"):
            continue
        outlet = name_key(chain[-1].name, chain[-1].kind)
        if any(same_outlet(chain[-1].name, printer) for printer in printers):
            del origins[key]
        elif f"unnamed:{outlet}" in origins:
            cited_label, cited_chain, cited_why = origins[f"unnamed:{outlet}"]
            origins[f"unnamed:{outlet}"] = (cited_label, cited_chain, f"{cited_why}; also cited as {label}")
            del origins[key]


def _merge_cited_outlets(origins: dict[str, tuple[str, list[Source], str]]) -> None:
    """Within one claim, one outlet cited under two names ("CBS, citing the Chicago Tribune" and
    "DNAinfo, citing the Tribune") is one origin (:func:`.names.same_outlet`), counted under the longer name."""
    cited = [
        k for k, (_, chain, _) in origins.items() if k.startswith("named:") and chain[-1].kind in ("outlet", "agency")
    ]
    for key in sorted(cited, key=lambda k: len(origins[k][1][-1].name)):
        name = origins[key][1][-1].name
        longer = [
            k
            for k in cited
            if k != key
            and k in origins
            and len(origins[k][1][-1].name) > len(name)
            and same_outlet(name, origins[k][1][-1].name)
        ]
        if len(longer) == 1:
            label, chain, why = origins[longer[0]]
            origins[longer[0]] = (label, chain, f'{why}; also cited as "{name}" ({origins[key][0]})')
            del origins[key]


def _merge_same_outlet(origins: dict[str, tuple[str, list[Source], str]]) -> None:
    """Within one claim, an outlet stating it in two of its own articles that are not copies of one
    text (a first report and its update) is one origin, not two; so is its citing the same unnamed
    source ("wishtv.com, citing neighbors") in both."""
    first_of: dict[str, str] = {}
    for key, (label, _, _) in list(origins.items()):
        if not key.startswith(("voice:", "unnamed:")) or label.startswith(("\u201c", "article ")):
            continue
        first = first_of.setdefault(label.casefold(), key)
        if first != key:
            kept_label, kept_chain, kept_why = origins[first]
            if _MORE_ARTICLES not in kept_why:
                kept_why += _MORE_ARTICLES
            origins[first] = (kept_label, kept_chain, kept_why)
            del origins[key]


_MORE_ARTICLES = "; stated in more than one of its articles (one origin)"


def _fold_unsourced(origins: dict[str, tuple[str, list[Source], str]]) -> None:
    """Within one claim that some statement attributes, outlets stating it in their own voice are no
    origins of their own: they repeat what a source gave (a jobless figure one outlet credits to
    the Labor Department and two others print unsourced is one origin, not three). They are named
    in the first attributed origin's reason; a claim no statement attributes keeps them."""
    voiced = [k for k in origins if k.startswith("voice:")]
    attributed = [k for k in origins if not k.startswith("voice:")]
    if not voiced or not attributed:
        return
    label, chain, why = origins[attributed[0]]
    outlets = ", ".join(origins[k][0] for k in voiced)
    origins[attributed[0]] = (label, chain, f"{why}; also stated without a source by {outlets}")
    for k in voiced:
        del origins[k]


_ROLE_CLASS = {
    "rep": "representative",
    "reps": "representative",
    "representative": "representative",
    "publicist": "representative",
    "agent": "representative",
    "manager": "representative",
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "spokesperson": "spokesperson",
    "lawyer": "lawyer",
    "attorney": "lawyer",
}
_SPEAKS_FOR = re.compile(
    r"^(?:(?P<pronoun>her|his)\s+|(?:a|an|the)\s+|(?:the\s+)?(?P<owner>[\w .-]+?)\s?['\u2019]s\s+)?"
    r"(?P<role>rep|reps|representative|publicist|agent|manager|spokesman|spokeswoman|spokesperson|lawyer|attorney)"
    r"(?:\s*,\s*(?P<name>[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*){1,2}))?$",
    re.I,
)


_ROLE_BEFORE_NAME = re.compile(
    r"\b(rep|reps|representative|publicist|agent|manager|spokesman|spokeswoman|spokesperson|lawyer|attorney)"
    r"\s*,?\s+((?:[A-Z][\w'-]*\s+){1,2}[A-Z][\w'-]*|[A-Z][\w'-]*)",
    re.I,
)


def _roles_written(units: list[_Unit], idx: list[int], articles: dict[str, Article]) -> dict[str, set[str]]:
    """The roles the statements' sentences give each named source ("her publicist, Jon Adler, said")."""
    roles: dict[str, set[str]] = defaultdict(set)
    for i in idx:
        u = units[i]
        if not u.origin_key.startswith("named:") or not u.chain:
            continue
        text = articles[u.article_id].text
        begin, end = sentence_bounds(text, u.start, u.end)
        for m in _ROLE_BEFORE_NAME.finditer(text, begin, end):
            if name_key(m.group(2), "person") == name_key(u.chain[-1].name, "person"):
                roles[u.origin_key].add(_ROLE_CLASS[m.group(1).lower()])
    return roles


def _merge_spokespeople(origins: dict[str, tuple[str, list[Source], str]], roles: dict[str, set[str]]) -> None:
    """Within one claim, the one person who speaks for its subject is one origin however outlets
    describe them: "her rep", "Tara Reid's publicist", "a publicist" and "her publicist, Jack
    Ketsoyan" (and "Jack Ketsoyan" when a description or a sentence of the claim gives him that role)
    are one. Roles of one kind only
    (a representative, a spokesperson, a lawyer), described by no more than a possessive: "a police
    spokesman" and "a ministry spokesman" stay apart, and "her lawyer" and "his lawyer" too."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    for key, (_, chain, _) in origins.items():
        if key.startswith("voice:") or not chain:
            continue
        m = _SPEAKS_FOR.match(" ".join(chain[-1].name.split()))
        if m is None:
            continue
        role = _ROLE_CLASS[m.group("role").lower()]
        groups[(role, (m.group("pronoun") or "").lower())].append(key)
        if m.group("name"):
            names[(role, (m.group("pronoun") or "").lower())].add(name_key(m.group("name"), "person"))
    pronouns = {p for _, p in groups if p}
    for (role, pronoun), keys in list(groups.items()):
        if not pronoun and len(pronouns) == 1:  # "Tara Reid's publicist" beside "her publicist"
            groups[(role, next(iter(pronouns)))].extend(keys)
            names[(role, next(iter(pronouns)))] |= names.pop((role, pronoun), set())
            del groups[(role, pronoun)]
    for group, keys in groups.items():
        named = [
            k
            for k, (_, chain, _) in origins.items()
            if k.startswith("named:")
            and chain
            and (name_key(chain[-1].name, "person") in names.get(group, set()) or group[0] in roles.get(k, ()))
        ]
        members = list(dict.fromkeys(named + keys))
        if len(members) < 2:
            continue
        first, *rest = members
        for key in rest:
            label, chain, why = origins[first]
            origins[first] = (label, chain, f'{why}; also cited as "{origins[key][1][-1].name}" ({origins[key][0]})')
            del origins[key]


def _merge_described(origins: dict[str, tuple[str, list[Source], str]]) -> None:
    """Within one claim, a source only described ("the ministry") is the named source of another
    statement with that head ("Interior Ministry"), when exactly one matches: one origin, not two."""
    named: dict[str, list[str]] = defaultdict(list)
    for key, (_, chain, _) in origins.items():
        last = chain[-1].name if chain else ""
        if key.startswith("named:") and last[:1].isupper():
            named[last.split()[-1].lower()].append(key)
    for key, (label, chain, why) in list(origins.items()):
        last = chain[-1].name if chain else ""
        words = last.split()
        if len(words) != 2 or words[0].lower() not in ("the", "this", "that") or not words[1].islower():
            continue
        same = [k for k in named.get(words[1], []) if k != key]
        if len(same) == 1:
            target_label, target_chain, target_why = origins[same[0]]
            origins[same[0]] = (target_label, target_chain, f"{target_why}; also cited as \"{last}\" ({label})")
            del origins[key]


def _merge_surnames(origins: dict[str, tuple[str, list[Source], str]]) -> None:
    """Within one claim, a person named by surname alone ("Fanning") is the person another statement
    names in full ("Tim Fanning"), when exactly one full name ends with it: one origin, not two."""
    full: dict[str, list[str]] = defaultdict(list)
    for key, (_, chain, _) in origins.items():
        if key.startswith("named:") and chain and chain[-1].kind == "person" and len(chain[-1].name.split()) > 1:
            full[fold(chain[-1].name.split()[-1])].append(key)
    for key, (label, chain, _) in list(origins.items()):
        if not key.startswith("named:") or not chain or chain[-1].kind != "person":
            continue
        last = chain[-1].name
        if not last[:1].isupper():
            continue
        alone = len(last.split()) == 1
        same = [
            k
            for k in full.get(fold(last.split()[-1]), [])
            if k != key and k in origins and (alone or _one_person(origins[k][1][-1].name, last))
        ]
        if len(same) == 1:
            target_label, target_chain, target_why = origins[same[0]]
            origins[same[0]] = (target_label, target_chain, f"{target_why}; also cited as \"{last}\" ({label})")
            del origins[key]


def _one_person(a: str, b: str) -> bool:
    """Whether two names of a person differ only by middle initials one of them leaves out ("Janet L. Yellen",
    "Janet Yellen"; not "Janet L. Yellen", "Janet K. Yellen")."""
    x, y = name_words(a, "person"), name_words(b, "person")
    return x != y and (x == _without_initials(y) or y == _without_initials(x))


def _without_initials(words: tuple[str, ...]) -> tuple[str, ...]:
    """Name words without middle initials (("janet", "l", "yellen") -> ("janet", "yellen"))."""
    return tuple(w for i, w in enumerate(words) if len(w) > 1 or i in (0, len(words) - 1))


_SPOKESPERSON_OF = re.compile(
    r"^(?:an?\s+|the\s+)?(?:unnamed\s+)?(?!(?:a|an|the|her|his|their|its|our|my|your)\b)(?P<body>[\w-]+(?:\s+[\w-]+)?)"
    r"\s+(?:spokesman|spokeswoman|spokesperson)$",
    re.I,
)


def _body_spoken_for(name: str) -> str:
    """The body a spokesperson described by it speaks for ("a police spokesman" -> "police"), so
    that two outlets citing "a police spokesman" and "police" count one origin; else ``name``."""
    m = _SPOKESPERSON_OF.match(" ".join(name.split()))
    return m.group("body") if m else name


def _merge_bodies(origins: dict[str, tuple[str, list[Source], str]]) -> None:
    """Within one claim, descriptions of one body are one origin: "Amsel Evening Post, citing a
    committee of the Karsovian parliament" and "Vantage Daily, citing a parliamentary inquiry"
    (:func:`.bodies.same_body`); so are a body and the documents it issued ("Labor Department data",
    "figures released Thursday by the Labor Department", "the Labor Department"), and a body and its
    acronym ("CDC"). The most specific descriptions are grouped first; a description that fits more
    than one group ("the ministry" beside the Interior and the Defense Ministry) stays on its own. Each
    group counts once, under its most specific member."""
    ends = {k: d for k, (_, chain, _) in origins.items() if not k.startswith("voice:") and (d := _body_named(chain))}
    groups: list[list[str]] = []
    by_weight = sorted(
        ends,
        key=lambda k: (-specificity(ends[k]), not k.startswith("named:"), origins[k][1][-1].kind == "document"),
    )
    for key in by_weight:
        fits = [g for g in groups if all(_one_body(ends[key], ends[other]) for other in g)]
        if len(fits) == 1:
            fits[0].append(key)
        else:
            groups.append([key])
    for first, *rest in groups:
        for key in rest:
            label, chain, why = origins[first]
            origins[first] = (label, chain, f"{why}; also cited as \"{ends[key]}\" ({origins[key][0]})")
            del origins[key]


def _body_named(chain: list[Source]) -> str | None:
    """The body a chain ends at, as a description to compare: an organisation's name, the issuer of a
    document, the body a spokesperson speaks for; None for outlets, agencies, people and documents with
    no issuer named."""
    if not chain or chain[-1].kind in ("outlet", "agency"):
        return None
    end = chain[-1]
    if (panel := _advisers_of(end.name)) is not None:
        return panel  # "Vaccine advisers to the FDA", "An FDA advisory panel": one panel, not the FDA itself
    if (issuer := issuer_of(end.name)) is not None:
        return issuer  # "Labor Department data", "official FBI statistics released Monday"
    if end.kind == "document":
        return None
    if end.kind == "organisation" and end.name[:1].isupper():
        return end.name
    described = _body_spoken_for(end.name)
    if described == end.name:
        described = _body_of_officials(end.name)
    if described != end.name and described[:1].isupper():
        return described  # "White House officials", "a Harbour Council spokesman": the named body
    return described if specificity(described) >= 0 else None


_OFFICIALS_OF = re.compile(
    r"^(?:the\s+)?(?P<body>(?:[A-Z][\w&'.-]*\s+){0,3}[A-Z][\w&'.-]*)\s+(?:officials?|representatives?)$"
)


_ADVISERS = r"(?:advis[eo]rs|advisory\s+(?:panel|committee|board|council)|panel\s+of\s+(?:advis[eo]rs|experts))"
_PANEL_BODY = r"(?P<body>[A-Z][\w.&'-]{0,40}(?:\s+(?:of|for|and|the|&|\([A-Z.&]{2,10}\)|[A-Z][\w.&'-]{0,40})){0,8})"
_ADVISERS_TO = re.compile(
    rf"^(?:(?i:the|a|an|its)\s+)?(?:[a-z]+\s+){{0,2}}?(?:[A-Z][a-z]+\s+)?{_ADVISERS}\s+(?:to|of|for)\s+(?:the\s+)?"
    rf"(?:U\.?S\.?\s+|US\s+)?{_PANEL_BODY}$"
)
_BODY_ADVISERS = re.compile(
    rf"^(?:(?i:the|a|an)\s+)?(?:[a-z]+\s+)?(?:U\.?S\.?\s+|US\s+)?{_PANEL_BODY}\s+(?:vaccine\s+)?{_ADVISERS}$"
)
_ADVISERS_SUFFIX = " advisers"


def _advisers_of(name: str) -> str | None:
    """The advisory panel of a named body a source describes, as one name ("Vaccine advisers to the US Food and
    Drug Administration" and "A Food and Drug Administration (FDA) advisory panel" -> "... advisers"), or None.
    The panel is its own origin, not the body it advises."""
    text = " ".join(name.split())
    m = _ADVISERS_TO.match(text) or _BODY_ADVISERS.match(text)
    return f"{m.group('body').strip()}{_ADVISERS_SUFFIX}" if m else None


def _body_of_officials(name: str) -> str:
    """The named body whose officials a source is ("White House officials" -> "White House"), else ``name``."""
    m = _OFFICIALS_OF.match(" ".join(name.split()))
    return m.group("body") if m else name


def _one_body(a: str, b: str) -> bool:
    """Whether two descriptions name one body: :func:`.bodies.same_body`, the same name, a name and
    its acronym ("Centers for Disease Control and Prevention (CDC)", "CDC"), or an office that publishes
    for its department and the department ("Bureau of Labor Statistics", "Labor Department")."""
    if a.endswith(_ADVISERS_SUFFIX) or b.endswith(_ADVISERS_SUFFIX):
        # a panel and the body it advises are two origins; two descriptions of one body's panel are one
        panel_a, panel_b = a.removesuffix(_ADVISERS_SUFFIX), b.removesuffix(_ADVISERS_SUFFIX)
        return panel_a != a and panel_b != b and _one_body(panel_a, panel_b)
    parent_a, parent_b = _publisher(a), _publisher(b)
    if (parent_a or parent_b) and _one_name(parent_a or a, parent_b or b):
        return True
    return _one_name(a, b)


_OWNER = re.compile(r"^(?:the\s+)?(?:[\w.&-]+\s+){0,3}?[\w.&-]+['’]s\s+(?=[A-Z])")
_COUNTRY = re.compile(r"^(?:the\s+)?(?:U\.?S\.?|US|United States)\s+", re.I)


def _publisher(name: str) -> str | None:
    """The department an office publishes for (:data:`.lexicon.PUBLISHING_UNITS`), or None; the office may be
    written as its department's ("the department's Bureau of Labor Statistics")."""
    bare = _COUNTRY.sub("", _OWNER.sub("", " ".join(name.split())))
    return PUBLISHING_UNITS.get(fold(re.sub(r"^the\s+", "", bare, flags=re.I)).replace(".", ""))


def _one_name(a: str, b: str) -> bool:
    short_a, name_a = acronym_and_name(a)
    short_b, name_b = acronym_and_name(b)
    if same_body(name_a, name_b):
        return True
    key_a, key_b = name_key(name_a, "organisation"), name_key(name_b, "organisation")
    if key_a and key_a == key_b:
        return True
    acronyms_a = {x for x in (short_a, name_a.replace(".", "")) if x}
    acronyms_b = {x for x in (short_b, name_b.replace(".", "")) if x}
    return any(stands_for(x, name_b) for x in acronyms_a) or any(stands_for(x, name_a) for x in acronyms_b)


def _mark_contradictions(
    claims: list[Claim],
    members: list[list[int]],
    units: list[_Unit],
    topical: _Topical,
    articles: dict[str, Article],
    story_of: dict[str, str],
) -> None:
    """Claims giving different counts of one kind of people on one topic, in articles of one story, contradict
    each other, unless one is a later report of the count (:func:`_revision`): then it updates the other. Two
    stories of a thread are two events: their counts differ without contradicting, though a later report in
    one may still revise the other's (a follow-up with more charges)."""
    # Only sentences that state counts can conflict: the other claims and sentences are left out.
    counted = [(x, [i for i in members[x] if units[i].counts]) for x in range(len(claims))]
    counted = [(x, idx) for x, idx in counted if idx]
    for p, (x, xs) in enumerate(counted):
        for y, ys in counted[p + 1 :]:
            pair, one_story = _cluster_conflict(xs, ys, units, topical, story_of)
            if pair is None:
                continue
            later = _revision(units[pair[0]], units[pair[1]], articles)
            if later is None and one_story:
                claims[x].contradicts.append(claims[y].id)
                claims[y].contradicts.append(claims[x].id)
            elif later is not None:
                new, old = (claims[x], claims[y]) if later == 0 else (claims[y], claims[x])
                new.updates.append(old.id)
                old.updated_by.append(new.id)


def _cluster_conflict(
    xs: list[int], ys: list[int], units: list[_Unit], topical: _Topical, story_of: dict[str, str]
) -> tuple[tuple[int, int] | None, bool]:
    """The first pair of sentences, one of each claim, whose counts conflict on one topic and that are of one
    story, with True; else the first such pair of two stories, with False; else (None, False)."""
    across: tuple[int, int] | None = None
    for i in xs:
        for j in ys:
            a, b = units[i], units[j]
            if a.origin_key == b.origin_key or not _conflicting(a, b):
                continue
            if topical.get((min(i, j), max(i, j)), 0.0) < CONTRADICTION_TOPIC:
                continue
            if _same_story(a, b, story_of):
                return (i, j), True
            across = across or (i, j)
    return across, False


_REVISED = re.compile(
    r"\b(?:(?:has |have )?(?:rose|risen|rises|climbed|increased|jumped|fell|dropped|reached)\s+to|raising|raised|"
    r"revised|updated|up from|down from|lowering|lowered|now stands)\b",
    re.I,
)
"""Words by which a report gives a count as a revision of an earlier one ("the toll rose to 14",
"raising an earlier toll of 12")."""


def _revision(a: _Unit, b: _Unit, articles: dict[str, Article]) -> int | None:
    """Which of two sentences with conflicting counts revises the other (0 for ``a``, 1 for ``b``),
    or None when they contradict: the one published on a later day, or, on one day, the one that
    says it revises ("rose to 14", "raising an earlier toll")."""
    day_a = (articles[a.article_id].published or "")[:10]
    day_b = (articles[b.article_id].published or "")[:10]
    if day_a and day_b and day_a != day_b:
        return 0 if day_a > day_b else 1
    says_a, says_b = bool(_REVISED.search(a.text)), bool(_REVISED.search(b.text))
    if says_a != says_b:
        return 0 if says_a else 1
    return None


def _mark_denials(claims: list[Claim], members: list[list[int]], units: list[_Unit], idf: dict[str, float]) -> None:
    """A denial contradicts what it denies: for "X denied the charges", the attributed claims of the
    two sentences before it in its article; for a denial that states its content, the claim that
    shares most of its words (weighted overlap at least DENIAL_TOPIC)."""
    claim_of = {i: x for x, idx in enumerate(members) for i in idx}
    for x, idx in enumerate(members):
        if not claims[x].denies:
            continue
        targets: set[int] = set()
        for i in idx:
            u = units[i]
            if u.by_reference:
                earlier = [
                    j
                    for j in _earlier_in_article(i, units)
                    if not units[j].denial
                    and (units[j].origin_key != u.origin_key or u.origin_key.startswith("voice:"))
                ]
                # the nearest accusation within reach ("has been charged with taking bribes ... Her client
                # denies the charges" three sentences on), else the attributed claims just before
                charged = [j for j in earlier if units[j].accuses][:1]
                attributed = [j for j in earlier[:2] if not units[j].origin_key.startswith("voice:")]
                targets |= {claim_of[j] for j in (charged or attributed) if j in claim_of}
                continue
            best, score, denied = None, DENIAL_TOPIC, _denied_stems(u)
            for j, v in enumerate(units):
                if (
                    v.denial
                    or v.origin_key == u.origin_key
                    or j not in claim_of
                    or v.article_id == u.article_id
                    and abs(v.start - u.start) > 2000
                    or is_denial(v.text)
                ):
                    continue
                w = _weighted_overlap(denied, v.stems, idf)
                if w >= score:
                    best, score = j, w
            if best is None:
                best = _accusing_the_denier(i, units, claim_of)
            if best is not None:
                targets.add(claim_of[best])
        for y in sorted(targets):
            if claims[y].id not in claims[x].contradicts:
                claims[x].contradicts.append(claims[y].id)
            if claims[x].id not in claims[y].contradicts:
                claims[y].contradicts.append(claims[x].id)


def _earlier_in_article(i: int, units: list[_Unit]) -> list[int]:
    """The DENIAL_REACH statements of sentence ``i``'s article just before it, nearest first."""
    return [j for j in range(i - 1, -1, -1) if units[j].article_id == units[i].article_id][:DENIAL_REACH]


def _accusing_the_denier(i: int, units: list[_Unit], claim_of: dict[int, int]) -> int | None:
    """For a denial whose words match no claim ("The NSA denied he was a 'target'"), the nearest statement of
    another source before it in its article (within DENIAL_REACH) that names the denier ("... a whistle-blower
    had told him the NSA was monitoring him"), or None: what the denier answers."""
    u = units[i]
    if len(u.chain) < 2:
        return None
    denier = name_key(u.chain[-1].name, u.chain[-1].kind)
    if len(denier) < 3:
        return None
    for j in _earlier_in_article(i, units):
        v = units[j]
        if v.denial or v.origin_key == u.origin_key or j not in claim_of:
            continue
        if denier in name_key(v.text, u.chain[-1].kind):
            return j
    return None


def _denied_stems(u: _Unit) -> set[str]:
    """What a denial's statement denies: its stems without the denier's name and the verb of
    denying ("The Karsovian defence ministry denied sending troops to the border" -> send, troop,
    border), so a claim in other words is measured against the content alone."""
    words = _WORD.findall(" ".join(s.name for s in u.chain)) + [w for w in _WORD.findall(u.text) if is_denial(w)]
    return (u.stems - _stems_of(words)) or u.stems


def _same_story(a: _Unit, b: _Unit, story_of: dict[str, str]) -> bool:
    """Whether two sentences are of articles of one story (of one scope, where stories are not known)."""
    return story_of.get(a.article_id, a.scope) == story_of.get(b.article_id, b.scope)


def _mark_negations(
    claims: list[Claim],
    members: list[list[int]],
    units: list[_Unit],
    idf: dict[str, float],
    story_of: dict[str, str],
) -> None:
    """A statement that says is not so what another claim states, in at least half of its words
    (weighted overlap NEGATION_TOPIC), contradicts it ("X never paid any official" and "X paid
    bribes to two officials")."""
    claim_of = {i: x for x, idx in enumerate(members) for i in idx}
    for i, u in enumerate(units):
        if not u.negated or i not in claim_of:
            continue
        for j, v in enumerate(units):
            x, y = claim_of[i], claim_of.get(j, claim_of[i])
            if (
                x == y
                or not opposite(u, v)
                or not _same_story(u, v, story_of)
                or _weighted_overlap(u.stems, v.stems, idf) < NEGATION_TOPIC
            ):
                continue
            if claims[y].id not in claims[x].contradicts:
                claims[x].contradicts.append(claims[y].id)
            if claims[x].id not in claims[y].contradicts:
                claims[y].contradicts.append(claims[x].id)
