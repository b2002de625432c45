"""Whether two descriptions of a source name one body: "a parliamentary committee" and "the
parliamentary inquiry", "the ministry" and "the Interior Ministry", "Ministry of the Interior" and
"Interior Ministry".

A body is an institution (ministry, committee, office, court...), named or only described by its
head noun. Two descriptions are one body when their heads are one kind of body (a committee of
inquiry is also "the inquiry" or "the panel"; a ministry is also "the department") and the words
that tell bodies apart (before the head, and in an "of/in/at/for" phrase after it) of one are all
words of the other. People described alike ("a senior official", "a spokesman") are never one
body: two outlets' unnamed officials may be two people. Claims use this to count independent
origins (:mod:`.claims`), where "the ministry" is also read as the ministry its article named
before (:func:`named_before`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..lexicon import MONTH_NAMES, WEEKDAY_NAMES
from .names import name_words

_SAME_KIND: dict[str, str] = {
    "committee": "inquiry",
    "commission": "inquiry",
    "inquiry": "inquiry",
    "panel": "inquiry",
    "probe": "inquiry",
    "investigation": "inquiry",
    "subcommittee": "inquiry",
    "ministry": "ministry",
    "department": "ministry",
}
BODY_HEADS: frozenset[str] = frozenset(_SAME_KIND) | frozenset(
    """
    office agency council board authority court tribunal government administration parliament
    assembly senate congress police army military navy bureau service regulator company firm
    consulate embassy university hospital union party institute center centre foundation charity
    airline operator utility cabinet presidency prosecutor prosecutors secretariat directorate
    inspectorate watchdog municipality
    """.split()
)
_ATTACHED = frozenset({"of", "in", "at", "for"})
_ENDS_PHRASE = frozenset("into on about over with from by to who which that whose it they he she said says".split())
_NOT_DISTINCTIVE = frozenset(
    """
    a an the this that these those its their his her our your one some any another other same
    unnamed anonymous whole entire full
    """.split()
)
_SUFFIXES = ("ary", "ian", "ial", "ese", "ish", "al", "an", "ia", "a", "s")
_WORD = re.compile(r"[^\W\d_][\w'-]*")


def _stem(word: str) -> str:
    """One form for a name and its adjective: parliamentary/parliament, Karsovian/Karsovia, regional/region."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=1 << 14)
def body_of(description: str) -> tuple[str, frozenset[str]] | None:
    """(kind of body, the words that tell it apart) for a description of a body, else None.

    "a committee of the Karsovian parliament investigating the collapse" -> ("inquiry",
    {"karsov", "parliament"}); "the ministry" -> ("ministry", {}); "a senior official" -> None.
    """
    words = [w for w in name_words(description) if _WORD.fullmatch(w)]
    cut = next((i for i, w in enumerate(words) if w in _ATTACHED or w in _ENDS_PHRASE or w.endswith("ing")), len(words))
    if not cut or words[cut - 1] not in BODY_HEADS:
        return None
    head = words[cut - 1]
    distinct = set(words[: cut - 1])
    if cut < len(words) and words[cut] in _ATTACHED:
        for w in words[cut + 1 :]:
            if w in _ATTACHED or w in _ENDS_PHRASE or w.endswith("ing"):
                break
            distinct.add(w)
    return _SAME_KIND.get(head, head), frozenset(_stem(w) for w in distinct - _NOT_DISTINCTIVE)


def same_body(a: str, b: str) -> bool:
    """Whether two descriptions can name one body: same kind of body, and the distinguishing
    words of one all among the other's ("the ministry" / "the Interior Ministry": yes; "the
    Interior Ministry" / "the Defense Ministry", "the committee" / "the ministry": no)."""
    x, y = body_of(a), body_of(b)
    if x is None or y is None or x[0] != y[0]:
        return False
    return x[1] <= y[1] or y[1] <= x[1]


def specificity(description: str) -> int:
    """How many distinguishing words a body's description has (0 for "the ministry"; -1: no body)."""
    body = body_of(description)
    return -1 if body is None else len(body[1])


_HEADS = "|".join(sorted(h.capitalize() for h in BODY_HEADS))
_BODY_NAME = re.compile(
    rf"(?<![\w'\u2019.-])(?:[A-Z][\w'\u2019.-]*+\s+){{1,4}}(?:{_HEADS})\b(?:\s+of\s+(?:the\s+)?(?:[A-Z][\w'-]*(?:\s+|\b))+)?"
    rf"|\b(?:{_HEADS})\s+of\s+(?:the\s+)?(?:[A-Z][\w'-]*(?:\s+|\b))+"
)
_DEFINITE = re.compile(r"^(?:the|this|that)\s+([a-z]+)$", re.I)


def named_before(text: str, description: str, before: int) -> str | None:
    """The name an article gave, before ``before``, to the body a definite description refers to:
    "the ministry" after "..., the country's Interior Ministry said." -> "Interior Ministry". None
    when the description is no "the + body", or the bodies of that kind named before are not all
    one ("the Transport Ministry ... the Defense Ministry ... the ministry")."""
    m = _DEFINITE.match(description.strip())
    if m is None or m.group(1).lower() not in BODY_HEADS:
        return None
    named = [
        n for n in (_without_the(x.group(0)) for x in _BODY_NAME.finditer(text, 0, before)) if same_body(description, n)
    ]
    if not named or not all(same_body(x, y) for x in named for y in named):
        return None
    return max(reversed(named), key=specificity)


def _without_the(name: str) -> str:
    name = name.strip()
    return name[4:] if name[:4].lower() == "the " else name


_DOCUMENT_WORDS = (
    r"report|reports|data|figures|statistics|numbers|study|survey|poll|analysis|estimate|estimates|"
    r"assessment|review|guidance|findings|count|tally|records|documents|filing|statement|release|research"
)
_NAME_RUN = r"[A-Z][\w.&'\u2019-]{0,40}(?:[ \t]{1,2}(?:of|for|and|on|the|&|[A-Z][\w.&'\u2019-]{0,40})){0,8}"
_ISSUED_BY = re.compile(
    rf"\b(?i:{_DOCUMENT_WORDS})\b[^()]{{0,60}}?(?:,[ \t]?)?\b(?:by|from)[ \t]{{1,2}}(?:the[ \t]{{1,2}})?"
    rf"(?P<body>{_NAME_RUN})"
)
"""A document and who issued it, after it: "figures released Thursday by the Labor Department", "data from
Johns Hopkins University", "The study, by the Centers for Disease Control and Prevention"."""
_ISSUER_FIRST = re.compile(
    rf"^(?i:(?:the|a|an|latest|new|newly|updated|first|final|annual|weekly|monthly|\d{{4}})[ \t]{{1,2}}){{0,4}}"
    rf"(?:[a-z][\w-]{{0,30}}[ \t]{{1,2}})?"
    rf"(?P<body>{_NAME_RUN})(?:['\u2019]s)?[ \t]{{1,2}}(?:[a-z-]{{1,30}}[ \t]{{1,2}})?(?i:{_DOCUMENT_WORDS})\b"
)
"""A document named after who issued it: "Labor Department data", "The Labor Department's report", "A 2020
Pew Research Center poll"."""
_NAMED_DOCUMENT = re.compile(
    rf"\b(?P<body>{_NAME_RUN})(?:['\u2019]s)?[ \t]{{1,2}}(?:[a-z-]{{1,30}}[ \t]{{1,2}})?"
    rf"(?P<doc>(?i:{_DOCUMENT_WORDS}))\b"
)
"""A document named after its issuer anywhere in a text ("official FBI statistics released Monday")."""
_NOT_ISSUERS = frozenset(WEEKDAY_NAMES) | frozenset(MONTH_NAMES) | {"today", "yesterday", "tonight"}
_OWNED_BY_A_BODY = re.compile(
    rf"^(?P<owner>(?:the\s+)?(?:[\w-]+\s+){{0,3}}?[\w-]+)['\u2019]s\s+(?:[\w-]+\s+){{0,2}}(?i:{_DOCUMENT_WORDS})\b",
    re.I,
)
_PASSED_ON = re.compile(r"\b(?:received|obtained|seen|reviewed|cited|quoted|acquired|reported|leaked)\b", re.I)
_CONNECTORS = frozenset({"of", "for", "and", "on", "the", "&"})
_CAPITALISED_LAST = re.compile(r"(?:^|\s)[A-Z][a-z]+$")
_CLOSING_ACRONYM = re.compile(r"\s*\(\s*([A-Z][A-Z.&]{1,9})\s*\)?\s*$")


@lru_cache(maxsize=1 << 14)
def issuer_of(document: str) -> str | None:
    """The body that issued a document a source is described as, or None: "Figures released Thursday by
    the Labor Department" -> "Labor Department"; "Johns Hopkins University data" -> "Johns Hopkins
    University"; "Friday's report from the Labor Department" -> "Labor Department"; "a new study" -> None.
    A document counts under its issuer, so that an outlet citing the department's data and another
    citing the department are one origin."""
    text = " ".join(document.split())[:300]
    owned = _OWNED_BY_A_BODY.match(text)
    if owned is not None and body_of(owned.group("owner")) is not None:
        return _without_the(owned.group("owner"))  # "The inquiry's interim report": the inquiry's
    m = _ISSUED_BY.search(text)
    if m is not None and _PASSED_ON.search(m.group(0)):
        m = None  # "documents obtained by Reuters": the outlet that has them, not who issued them
    if m is None:
        m = _ISSUER_FIRST.match(text)
        if m is None:
            return None
        if m.end() == len(text) and text[m.end() - 1 : m.end()].isalpha() and _CAPITALISED_LAST.search(text):
            return None  # "Bureau of Labor Statistics", "Office for National Statistics": a name, not a document
        possessive = m.group("body").endswith(("'s", "\u2019s"))
        if m.start("body") == 0 and " " not in m.group("body") and not possessive and not m.group("body").isupper():
            return None  # one capitalised word opening the sentence: "Initial reports", "Preliminary data"
    words = re.sub(r"['\u2019]s$", "", m.group("body")).split()
    if words and words[-1].endswith(".") and "." not in words[-1][:-1]:
        words[-1] = words[-1][:-1]  # the sentence's full stop, not initials ("F.B.I.")
    while words and (words[-1].lower() in _CONNECTORS or _fold_word(words[-1]) in _NOT_ISSUERS):
        words.pop()
    if not words or (len(words) == 1 and _fold_word(words[0]) in _NOT_ISSUERS):
        return None
    return " ".join(words)


def _fold_word(word: str) -> str:
    """A word compared without case, possessive or stops ("Friday's" -> "friday")."""
    return re.sub(r"['\u2019]s$", "", word).strip(".").lower()


def acronym_and_name(name: str) -> tuple[str | None, str]:
    """(the acronym a name gives in brackets at its end, the name without it): "Centers for Disease Control
    and Prevention (CDC" -> ("CDC", "Centers for Disease Control and Prevention")."""
    m = _CLOSING_ACRONYM.search(name)
    if m is None:
        return None, name
    return m.group(1).replace(".", ""), name[: m.start()].rstrip()


def stands_for(acronym: str, name: str) -> bool:
    """Whether an acronym ("CDC", "F.B.I.") is the initials of a name's capitalised words ("Centers for
    Disease Control and Prevention": C D C P, the acronym may leave out the last one)."""
    letters = acronym.replace(".", "")
    if not (2 <= len(letters) <= 8 and letters.isupper() and letters.isalpha()):
        return False
    for written in _written_forms(name):
        words = written.replace("-", " ").split()
        for initials in (
            "".join(w[0] for w in words if w[:1].isupper()),
            "".join(w[0].upper() for w in words if w[:1].isupper() or w.lower() in ("of", "for", "and")),
        ):
            if len(initials) >= 2 and (letters == initials or (len(letters) >= 3 and letters == initials[:-1])):
                return True
    return False


def _written_forms(name: str) -> list[str]:
    """A body's name and its other word order ("Health Ministry" -> also "Ministry of Health")."""
    words = _without_the(name).split()
    if len(words) >= 2 and words[-1].lower() in BODY_HEADS and "of" not in (w.lower() for w in words):
        return [name, f"{words[-1]} of {' '.join(words[:-1])}"]
    return [name]


_DOCUMENT_FAMILIES: tuple[frozenset[str], ...] = (
    frozenset("data figures numbers statistics count tally records".split()),
    frozenset(
        "report reports study survey poll analysis review assessment findings estimate estimates research "
        "summary".split()
    ),
)
_DEFINITE_DOCUMENT = re.compile(r"^(?:the|this|these|that|those)\s+(?:[\w-]+\s+){0,2}?(?P<head>[\w-]+)$", re.I)


def issued_before(text: str, description: str, before: int) -> str | None:
    """The issuer an article named, before ``before``, for the document a definite description refers to:
    "The data" after "new figures released Monday by the Velm Harbour Office ..." or after "official Harbour
    Office statistics" -> "Velm Harbour Office", "Harbour Office".
    None when the description is no "the + document", or the documents of its kind named before are not all
    one body's."""
    m = _DEFINITE_DOCUMENT.match(" ".join(description.split()))
    if m is None or issuer_of(description) is not None:
        return None
    family = next((f for f in _DOCUMENT_FAMILIES if m.group("head").lower() in f), None)
    if family is None:
        return None
    issuers = []
    for found in _ISSUED_BY.finditer(text, 0, before):
        word = re.match(r"\w+", found.group(0))
        if word is not None and word.group(0).lower() in family and (issuer := issuer_of(found.group(0))):
            issuers.append(issuer)
    for found in _NAMED_DOCUMENT.finditer(text, 0, before):
        body = found.group("body")
        if " " not in body and not (body.isupper() and len(body) > 1):
            continue  # "A police report", "Preliminary data": one capitalised word is no issuer
        if found.group("doc").lower() in family and (issuer := issuer_of(found.group(0))):
            issuers.append(issuer)  # "official FBI statistics released Monday. The data show ..."
    if not issuers or len({name_words(x, "organisation") for x in issuers}) > 1:
        return None
    return issuers[-1]
