"""Source chains across sentences: quotes that run on, reports that name their source next or in a
sentence of its own, phrases after "citing" that are reasons, not sources, pronouns and "the
official" resolved; readable names for unnamed sources. :func:`link_across_sentences` runs them all."""

from __future__ import annotations

import itertools
import re

from ..lexicon import MONTH_NAMES, WEEKDAY_NAMES
from ..model import Attribution, Source
from .assertions import sentence_bounds
from .lexicon import DOCUMENT_HEADS, UNNAMED_HEADS
from .names import name_key

QUOTES = "\"'\u201c\u201d\u2018\u2019"
_OPENING = re.compile(r"(?:^|(?<=\s))[\"'\u201c\u2018](?=\S)")
_CLOSING = re.compile(r"[\"'\u201d\u2019]\s*$")
_CLOSING_NEXT = re.compile(r"[ \t]{0,8}[\"\u201d\u2019](?:\s|$)")
"""A closing quote mark right after a sentence that the parser cut before it ('... two years.|"')."""
_CLOSED_AFTER = re.compile(r"[,.!?;:]?[ \t]{0,8}[\"'\u201d\u2019]")
"""A quotation closed right after a content span that stops before its punctuation ('"...schoolbook|," said')."""
_ANNOUNCES = re.compile(r"[^\n\"\u201c\u201d]{0,160}?:[ \t]*\n\s*[\"\u201c](?=\S)")
"""A statement announced at the end of a paragraph and quoted in the next ('Ortiz released the following
statement:|\n\n"We are saddened ...')."""
_IN_THE_KNOW = re.compile(
    r"(?<![\w-])(?:[\w-]+\s+){0,3}?(?:people|persons?|sources?|officials?|individuals?|insiders?)\s+"
    r"(?:familiar with|close to|briefed on|with (?:direct )?knowledge of|knowledgeable about|involved in)\b",
    re.I,
)
"""The stock phrase of an unnamed source by what it knows: "people familiar with the matter"."""
_CITING_CUES = frozenset({"citing", "cited", "quoting", "quoted"})
_DETERMINERS = frozenset(
    "a an the some several many two three four five six seven eight nine ten dozens numerous other others "
    "unnamed anonymous senior top local foreign western one its their his her".split()
)
_UNNAMED_TAIL = re.compile(
    r"(?<=\S),?\s+(?:it|they|he|she|which|who|that)\s+"
    r"(?:did not|didn't|does not|declined to|would not|wouldn't)\s+(?:name|identify)\b.*$"
    r"|(?<=\S),?\s+who\s+(?:asked|requested|spoke|declined|was not|were not|wasn't|weren't|did not|didn't)\b.*$"
    r"|(?<=\S),?\s+(?:speaking|talking)\s+on (?:the )?condition of anonymity\b.*$",
    re.I,
)


_TIME_WORDS = frozenset(
    [*WEEKDAY_NAMES, *MONTH_NAMES, "today", "yesterday", "tomorrow", "tonight", "morning", "evening", "afternoon"]
)

_QUANTITIES = frozenset("two three four five six seven eight nine ten several some many few other both".split())


def describe_unnamed(name: str) -> str:
    """A readable name for an unnamed source: "a senior defense official it did not name" ->
    "an unnamed senior defense official"."""
    short = _UNNAMED_TAIL.sub("", name).strip()
    if short == name or not short:
        return name
    words = short.split()
    if any(w.lower() in ("unnamed", "anonymous") for w in words):
        return short
    if words[0].lower() in ("a", "an"):
        return "an unnamed " + " ".join(words[1:])
    if words[0].lower() in ("the",):
        return "the unnamed " + " ".join(words[1:])
    if words[0].lower() in _QUANTITIES and len(words) > 1:
        return f"{words[0].lower()} unnamed " + " ".join(words[1:])  # "two unnamed people", mid-chain
    return "unnamed " + short


_NO_SOURCE_WORDS = frozenset({"a", "an", "the", "that", "this", "these", "those"})
"""Words that alone name no one: an article, or a demonstrative read as the subject ("That | this event is
another example ...")."""


def plausible_source(name: str, cue: str | None) -> bool:
    """False for what follows "citing" when it is a reason, not a source ("citing increased human toll");
    a phrase the text says it does not name ("engineers it did not name") is a source. A day or month
    alone is never a source ("..., who visited Velitsa on Monday, announced ..." read as "Monday announced"), nor
    is an article or a demonstrative alone (the typo "$3.5 trillion, an includes ..." read as "an includes")."""
    if name.strip().lower() in _TIME_WORDS or name.strip().lower() in _NO_SOURCE_WORDS:
        return False
    if (cue or "").lower() not in _CITING_CUES:
        return True
    words = re.findall(r"[\w'-]+", name)
    if not words or words[0][0].isupper() or words[0].lower() in _DETERMINERS or _UNNAMED_TAIL.search(name):
        return True
    if _IN_THE_KNOW.match(name):
        return True
    head = re.split(r"\s+(?:in|of|on|at|from|for|with|over|about)\s+", name)[0].split()[-1].lower()
    return head in UNNAMED_HEADS or head in DOCUMENT_HEADS


def _left_open(span: str) -> bool:
    """Whether ``span`` opens a quotation (a mark before a word) that it does not close: no closing mark
    follows its last opening mark, an apostrophe inside a word ("Kim's") not counting."""
    opening = None
    for opening in _OPENING.finditer(span):
        pass
    if opening is None:
        return False
    return not _closes_inside(span[opening.start() + 1 :])


_CLOSERS = "\"'\u201d\u2019"


def continue_quotes(text: str, attributions: list[Attribution]) -> None:
    """Give a quote's later sentences the speaker of its first: a sentence with no cue that follows an
    attributed quote still open ("..., 'It is hard to predict. But there seem to be signs.'") is said
    by the same chain, and so is a paragraph that opens with a quotation mark while the quotation is
    still open (the news convention for a quote of several paragraphs: no closing mark until the
    last), or that quotes the statement the paragraph before announced ('Ortiz released the following
    statement:'). ``attributions`` sorted by start; changed in place."""
    open_chain: list[Source] | None = None
    open_cue: str | None = None
    quoted: tuple[list[Source], str, int] | None = None  # the last attributed quote: chain, cue, end
    open_from = 0  # where the open quotation's content starts
    for k, att in enumerate(attributions):
        if (
            att.cue is not None
            and open_chain is not None
            and len(open_chain) > 1
            and _inside_open_quote(text, att, open_from)
        ):
            # a cue inside the quotation ("... But the family asks the occupiers to go home.") is the speaker's
            # report: the speaker first, then whom they cite; the quotation goes on
            own = att.chain[len(list(itertools.takewhile(lambda p: p[0] == p[1], zip(att.chain, open_chain)))) :]
            if own and own[-1].name.lower() in _SPEAKING_PRONOUNS:
                att.chain = list(open_chain)
            elif own:
                att.chain = list(open_chain) + own
            begin, _ = sentence_bounds(text, att.start, att.end)
            if _CLOSING.search(text[begin : att.end]) or _CLOSING_NEXT.match(text, att.end):
                open_chain = None
            continue
        if att.cue is not None:
            before = text[max(0, att.start - 2) : att.start]
            starts_quoted = _left_open(att.text) and not _CLOSED_AFTER.match(text, att.end)
            opened = (any(q in before for q in QUOTES) or starts_quoted) and not _CLOSING.search(att.text)
            opened = opened or (len(att.chain) > 1 and _ANNOUNCES.match(text, att.end) is not None)
            open_chain, open_cue = (list(att.chain), att.cue) if opened else (None, None)
            open_from = att.start
            near = text[max(0, att.start - 2) : min(len(text), att.end + 2)]
            quoted = (
                (list(att.chain), att.cue, att.end) if any(q in near for q in QUOTES) and len(att.chain) > 1 else None
            )
            continue
        whole = att.text.strip()
        closed = _CLOSING.search(whole) or _CLOSING_NEXT.match(text, att.end)
        if open_chain is None:
            # A quotation on its own right after an attributed one is the same speaker's
            # ('"...," Sorvik said. "But ..."'); left open, it goes on in the sentences after it.
            if (
                quoted is not None
                and att.start - quoted[2] <= 200
                and _OPENING.match(whole)
                and not _quote_follows_in_paragraph(text, att.start + len(att.text.rstrip()))
                and not _named_at_its_close(text, attributions, k)
            ):
                att.chain, att.cue = list(quoted[0]), quoted[1]
                if not closed:
                    open_chain, open_cue = list(quoted[0]), quoted[1]
            else:
                quoted = None
            continue
        new_paragraph = _starts_paragraph(text, att.start)
        if (
            _OPENING.search(att.text)
            and not (_OPENING.match(whole) and new_paragraph)
            or new_paragraph
            and not _OPENING.match(whole)
            and not _inside_quotation(text, att.start)
        ):
            # another quotation opens, or a paragraph that does not open with a mark: the reporter's
            open_chain = None
            continue
        att.chain, att.cue = list(open_chain), open_cue
        if closed:
            open_chain = None


_DOUBLE_MARK = re.compile("[\"\u201c\u201d]")


def _inside_quotation(text: str, at: int, reach: int = 1500) -> bool:
    """Whether ``at`` lies inside a quotation: the next double quotation mark after it closes one ('...
    remembered."' or '”') and comes before any mark that would open another. A line that neither opens nor
    closes a quotation in a text of one sentence a line (MMDS, ABCD) goes on the quotation still open."""
    m = _DOUBLE_MARK.search(text, at, at + reach)
    if m is None:
        return False
    mark = m.group()
    if mark == "\u201c":
        return False
    if mark == "\u201d":
        return True
    after = text[m.end() : m.end() + 1]
    return m.start() > at and not text[m.start() - 1].isspace() and not after.isalnum()


_CLOSE_THEN_NAME = re.compile(r"[,.!?]?[\"\u201d][ \t]+")


def _named_at_its_close(text: str, attributions: list[Attribution], k: int, reach: int = 4) -> bool:
    """Whether the quotation ``attributions[k]`` opens closes in its paragraph before the cue of an attribution
    of its own ('"A. B," Mr. Biden said'): then its speaker is the one named there, not the one before it."""
    end = text.find("\n", attributions[k].start)
    end = len(text) if end < 0 else end
    for b in attributions[k + 1 : k + 1 + reach]:
        if b.start >= end or b.cue is None:
            continue
        m = _CLOSE_THEN_NAME.match(text, b.end)
        if m is not None and b.cue.lower() in text[m.end() : m.end() + 80].lower():
            return True
    return False


def _inside_open_quote(text: str, att: Attribution, open_from: int) -> bool:
    """Whether the sentence of a cued attribution goes on a quotation still open before it, within its paragraph:
    no mark closes a quotation between the open quotation's content (from ``open_from``) and the sentence, which
    neither starts a paragraph nor opens a quotation of its own (a paragraph opening with a mark and naming its
    speaker, '"..." McKenzie told reporters', is a quotation of its own)."""
    begin, _ = sentence_bounds(text, att.start, att.end)
    if begin < open_from or _closes_inside(text[open_from:begin]) or _starts_paragraph(text, begin):
        return False
    return not _OPENING.search(text[begin : att.end])


def quote_heads(text: str, attributions: list[Attribution], reach: int = 6) -> None:
    """Give the earlier sentences of a quotation the speaker named where it closes: in '"I think it
    would work. We can't stop all crime. But we can make a dent," Williams said.' the first two
    sentences are Williams's too. Only sentences in the reporter's voice (no cue, no source) of the
    same paragraph, back to the one that opens the quotation, with no mark closing it between them;
    where no opening mark is found, nothing changes. ``attributions`` sorted by start; in place."""
    for i, att in enumerate(attributions):
        closes = _CLOSED_AFTER.match(text, att.end) or _CLOSING.search(att.text)
        if att.cue is None or len(att.chain) < 2 or not closes or att.chain[-1].name.lower() in _SPEAKING_PRONOUNS:
            continue
        begin, _ = sentence_bounds(text, att.start, att.end)
        if _OPENING.search(text, begin, att.start + 1):
            continue
        heads: list[Attribution] = []
        for b in reversed(attributions[max(0, i - reach) : i]):
            if b.end > att.start:
                continue
            between = text[b.start : att.start]
            if b.cue is not None or any(s.kind not in ("outlet", "agency") for s in b.chain):
                break
            if "\n" in between.strip() or _closes_inside(between[1:]):
                break
            heads.append(b)
            if _OPENING.match(b.text.strip()):
                for head in heads:
                    head.chain, head.cue = list(att.chain), att.cue
                break


def sentences_of_a_quoted_content(text: str, attributions: list[Attribution]) -> None:
    """A cue whose content is a quotation of several sentences ('X issued this statement: "A. B. C."'
    read as one span) gives its speaker to the sentences inside that span that stand in the reporter's
    voice. ``attributions`` sorted by start; changed in place."""
    for i, att in enumerate(attributions):
        if att.cue is None or len(att.chain) < 2 or att.chain[-1].name.lower() in _SPEAKING_PRONOUNS:
            continue
        if not _OPENING.match(att.text.lstrip()):
            continue
        for b in attributions[i + 1 :]:
            if b.start >= att.end:
                break
            inside = b.end <= att.end or not text[att.end : b.end].strip(_CLOSERS + "\u201c.,!?;: \n")
            if b.cue is None and att.start < b.start and inside:
                if all(s.kind in ("outlet", "agency") for s in b.chain):
                    b.chain, b.cue = list(att.chain), att.cue


_SPEAKING_PRONOUNS = frozenset({"i", "we", "you", "me", "us"})
"""Sources that are the quotation's own voice ("The First Lady and I send ..."), not a speaker named at its close."""


def _closes_inside(span: str) -> bool:
    """Whether ``span`` holds a closing quote mark (an apostrophe inside a word, "can't", not counting)."""
    return any(
        ch in _CLOSERS and not (ch in "'\u2019" and k and span[k - 1].isalnum() and span[k + 1 : k + 2].isalnum())
        for k, ch in enumerate(span)
    )


def _quote_follows_in_paragraph(text: str, end: int) -> bool:
    """Whether another quotation opens right after ``end`` in the same paragraph ('"A." "B," Berg said':
    the next one names its own speaker)."""
    after = text[end : end + 4]
    return "\n" not in after and _OPENING.search(text, end, min(len(text), end + 4)) is not None


def _starts_paragraph(text: str, start: int) -> bool:
    """Whether the text before ``start`` ends a paragraph (or there is none)."""
    head = text[max(0, start - 200) : start].rstrip(" \t")
    return start == 0 or head.endswith("\n") or not head


def carry_citations(attributions: list[Attribution], reach: int = 400) -> None:
    """A report whose chain stops at an agency or outlet ("..., Yonhap reported.") takes the source
    the next sentence says that report cited ("Yonhap reported Sunday, citing a senior official").
    ``attributions`` sorted by start; changed in place."""
    cued = [a for a in attributions if a.cue is not None]
    for a, b in zip(cued, cued[1:]):
        if not a.chain or a.chain[-1].kind not in ("agency", "outlet") or b.start - a.end > reach:
            continue
        if (b.cue or "").lower() not in _CITING_CUES or len(b.chain) != len(a.chain) + 1:
            continue
        if b.chain[: len(a.chain)] == a.chain and b.chain[-1].kind in ("unnamed", "person", "organisation", "document"):
            a.chain = a.chain + [b.chain[-1]]


_CITED_CUES = frozenset({"cited", "quoted", "cites", "quotes"})
_REPORTER_ANAPHOR = re.compile(
    r"^(?:the|that|this)\s+(?:newspaper|paper|daily|agency|news agency|wire|wire service|broadcaster|station|"
    r"network|channel|magazine|outlet|website|site|report)$",
    re.I,
)


def names_only_a_source(text: str) -> bool:
    """Whether a "cited"/"quoted" object is a source and no statement: "a government official it did
    not name", "two unnamed officials"."""
    t = " ".join(text.split()).rstrip(".")
    words = re.findall(r"[\w'-]+", t)
    if not words or len(words) > 12:
        return False
    if _UNNAMED_TAIL.search(t) or _IN_THE_KNOW.match(t):
        return True
    return words[0].lower() in _DETERMINERS and words[-1].lower() in UNNAMED_HEADS


def fold_cited_sources(attributions: list[Attribution], reach: int = 400) -> list[Attribution]:
    """ "X reported that ... . The newspaper cited a government official it did not name.": the second
    sentence states no claim; it names the source of the report before it, whose chain takes that
    source. Returns the attributions without the sentences folded in (sorted by start, as given)."""
    out: list[Attribution] = []
    for b in attributions:
        if (b.cue or "").lower() in _CITED_CUES and b.chain and names_only_a_source(b.text):
            said_by = b.chain[-1].name
            for a in reversed(out):
                if a.cue is None or b.start - a.end > reach:
                    continue
                if (
                    a.chain
                    and a.chain[-1].kind in ("agency", "outlet")
                    and (_REPORTER_ANAPHOR.match(said_by.strip()) or said_by == a.chain[-1].name)
                ):
                    a.chain = a.chain + [Source(describe_unnamed(b.text.strip().rstrip(".")), "unnamed")]
                    break
            else:
                out.append(b)
            continue
        out.append(b)
    return out


_CITING_PREFIX = re.compile(r"^citing\s+([^,;]{3,160}?),\s*(?:that\s+)?(?=\S)", re.I)


def trim_citing_prefix(attributions: list[Attribution]) -> None:
    """ "X reported on Sunday, citing an official it did not name, that Y": the content is Y, and the
    official joins X's chain. Changed in place."""
    for a in attributions:
        m = _CITING_PREFIX.match(a.text)
        if m is None or not names_only_a_source(m.group(1)) or not a.text[m.end() :].strip():
            continue
        a.start += m.end()
        a.text = a.text[m.end() :]
        cited = describe_unnamed(m.group(1).strip())
        if not a.chain or describe_unnamed(a.chain[-1].name) != cited:
            a.chain = a.chain + [Source(cited, "unnamed")]


_CITING_ONLY = re.compile(r"^(?:on\s+[^,]{1,40},\s*)?citing\s+(.+?)[.\s]*$", re.I)


def reclaim_reported_clause(text: str, attributions: list[Attribution]) -> None:
    """ "The reservoir had risen to 98 per cent, Horizon TV reported on March 7, citing officials it did
    not name.": when the content found is only the citing phrase, the statement is the clause before
    the source, and the cited officials join the chain. ``text`` is the article's. Changed in place."""
    for a in attributions:
        m = _CITING_ONLY.match(a.text)
        if m is None or not a.chain or not names_only_a_source(m.group(1)):
            continue
        begin, _ = sentence_bounds(text, a.start, a.end)
        at = text.rfind(a.chain[-1].name, begin, a.start)
        comma = text.rfind(",", begin, at) if at > begin else -1
        if comma <= begin:
            continue
        clause = text[begin:comma]
        a.start, a.end, a.text = begin, begin + len(clause.rstrip()), clause.rstrip()
        a.chain = a.chain + [Source(describe_unnamed(m.group(1).strip()), "unnamed")]


_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "him", "her", "them"})


def resolve_pronoun_sources(attributions: list[Attribution], reach: int = 600) -> None:
    """A source left as a bare pronoun ("..., they said") is the source of the attribution just before
    it in the article (within ``reach`` characters), or, with none, no source of its own: the
    statement stays with the outlet. ``attributions`` sorted by start; changed in place."""
    last: Attribution | None = None
    for a in attributions:
        if a.chain and a.chain[-1].name.strip().lower() in _PRONOUNS:
            if last is not None and a.start - last.end <= reach:
                a.chain = a.chain[:-1] + [last.chain[-1]]
            else:
                a.chain = a.chain[:-1]
        if a.cue is not None and a.chain and len(a.chain) > 1:
            last = a


def resolve_first_person(text: str, attributions: list[Attribution], reach: int = 200) -> None:
    """A source "I" or "me" is inside someone's quotation ('"When people visit, I tell them it is quiet," he
    said'): the statement is the speaker's, the one named by the nearest attribution of the same paragraph
    (after it first, where a quotation names its speaker), or, with none, the outlet's. ``attributions``
    sorted by start; changed in place."""
    for i, a in enumerate(attributions):
        if not a.chain or a.chain[-1].name.strip().lower() not in ("i", "me"):
            continue
        after = (b for b in attributions[i + 1 : i + 4] if 0 <= b.start - a.end <= reach)
        before = (b for b in reversed(attributions[max(0, i - 3) : i]) if 0 <= a.start - b.end <= reach)
        speaker = next(
            (
                b
                for b in itertools.chain(after, before)
                if b.cue is not None
                and len(b.chain) > 1
                and b.chain[-1].name.strip().lower() not in _SPEAKING_PRONOUNS
                and "\n" not in text[min(a.end, b.end) : max(a.start, b.start)]
            ),
            None,
        )
        a.chain = list(speaker.chain) if speaker is not None else a.chain[:-1]


_DEFINITE = re.compile(r"^(?:the|that|this)\s+([\w-]+)$", re.I)


def resolve_definite_unnamed(attributions: list[Attribution]) -> None:
    """ "the official" after "a senior defense official it did not name" is that official: a definite
    unnamed source takes the description of the last unnamed source of the same head earlier in the
    article. ``attributions`` sorted by start; changed in place."""
    described: dict[str, Source] = {}
    for a in attributions:
        for k, src in enumerate(a.chain):
            if src.kind != "unnamed":
                continue
            m = _DEFINITE.match(src.name.strip())
            words = _UNNAMED_TAIL.sub("", src.name).split()
            head = (m.group(1) if m else words[-1] if words else "").lower()
            if m and head in described:
                a.chain = a.chain[:k] + [described[head]] + a.chain[k + 1 :]
            elif not m and head:
                described[head] = Source(describe_unnamed(src.name), "unnamed")


_THE_OUTLET = re.compile(
    r"^the\s+(?:newspaper|paper|daily|broadcaster|agency|news agency|wire service|magazine|outlet|website|"
    r"channel|network|station)$",
    re.I,
)


def resolve_the_outlet(attributions: list[Attribution]) -> None:
    """ "the newspaper said", "the paper, citing unnamed sources": the outlet or agency the article
    cited last before it (not its own outlet, the chain's first), so its report counts with the
    sentence that named it. ``attributions`` sorted by start; changed in place."""
    last: Source | None = None
    for a in attributions:
        for k, src in enumerate(a.chain):
            if k == 0:
                continue
            if _THE_OUTLET.match(src.name.strip()):
                if last is not None:
                    a.chain = a.chain[:k] + [last] + a.chain[k + 1 :]
            elif src.kind in ("outlet", "agency"):
                last = src


_ROLE = (
    r"(?:(?:prime|foreign|interior|finance|defen[cs]e|health|justice|transport|energy|deputy|vice|police|"
    r"fire|state|county|city|chief)\s+)?(?:president|minister|premier|chancellor|secretary|senator|governor|mayor|"
    r"chairman|chairwoman|chair|director|ambassador|judge|commissioner|spokesman|spokeswoman|chief|prosecutor|coach)"
)
_THE_ROLE = re.compile(rf"^the\s+({_ROLE})$", re.I)


def name_roles(text: str, attributions: list[Attribution]) -> None:
    """ "The mayor said ..." in an article that names "Mayor Lena Ortiz" (and no other mayor) is Lena Ortiz, so an
    outlet writing "the mayor" and one writing her name are one origin, not two. Changed in place."""
    named: dict[str, set[str]] = {}
    for a in attributions:
        for k, src in enumerate(a.chain):
            m = _THE_ROLE.match(src.name.strip())
            if m is None:
                continue
            role = " ".join(m.group(1).lower().split())
            if role not in named:
                title = r"(?i:\b" + r"\s+".join(map(re.escape, role.split())) + r")"
                name = r"([A-Z][\w'\u2019-]+(?:\s+[A-Z][\w'\u2019-]+){1,2})"
                pattern = rf"{title}\s+{name}|{title}\s+of\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?,\s+{name}"
                found = (" ".join((a or b).split()) for a, b in re.findall(pattern, text))
                named[role] = {n.removesuffix("'s").removesuffix("\u2019s") for n in found}
            if len(named[role]) == 1:
                a.chain = a.chain[:k] + [Source(next(iter(named[role])), "person")] + a.chain[k + 1 :]


_THE_DOCUMENT = re.compile(r"^the\s+(statement|release|letter|post|email|e-mail|note|bulletin)$", re.I)


def author_of_the_statement(text: str, attributions: list[Attribution], reach: int = 1500) -> None:
    """ "The grid operator, in a statement, said ... . 'Some villages may wait,' the statement said.": the
    statement is the grid operator's, so its words are the operator's. Changed in place."""
    for i, a in enumerate(attributions):
        m = _THE_DOCUMENT.match(a.chain[-1].name.strip()) if a.chain else None
        if m is None:
            continue
        noun = m.group(1).lower()
        for b in reversed(attributions[:i]):
            if a.start - b.end > reach:
                break
            begin, end = sentence_bounds(text, b.start, b.end)
            speaker = b.chain[-1] if b.cue is not None and b.chain else None
            if speaker is not None and re.search(rf"\b{noun}\b", text[begin:end], re.I):
                if speaker.kind in ("person", "organisation", "unnamed"):
                    a.chain = a.chain[:-1] + [speaker]
                break


_SAYING_BEFORE = re.compile(r",\s*(?:saying|adding|insisting|noting|arguing|stating)\s*$", re.I)


def same_speaker_participle(text: str, attributions: list[Attribution]) -> None:
    """ "Velm Terminals denied that it had refused to negotiate, saying it remains open to talks": the
    "saying" clause is the denier's own next statement, not a report by someone inside it (the parser
    may take the clause's subject, "it", for its source). Changed in place."""
    for a in attributions:
        if a.cue is None or len(a.chain) < 2 or not _SAYING_BEFORE.search(text, max(0, a.start - 40), a.start):
            continue
        for b in attributions:
            if b is not a and b.start <= a.start <= b.end and b.chain == a.chain[:-1]:
                a.chain = list(b.chain)
                break


_THE_SHORT_NAME = re.compile(r"^the\s+([A-Z][\w'\u2019-]*)$")


def drop_repeated_sources(attributions: list[Attribution]) -> None:
    """A chain passes through one body once: "according to the Meridian News agency, which cited a union
    official" read as the agency, the official, then the agency again keeps the first two; "company
    documents seen by the Post" in the Dravenna Daily Post is the Post's own documents (its short name,
    "the Post", is the last word of a body before it). Changed in place."""
    for a in attributions:
        seen: set[str] = set()
        last_words: set[str] = set()
        kept = []
        for src in a.chain:
            key = name_key(src.name, src.kind) or src.name.lower()
            short = _THE_SHORT_NAME.match(src.name.strip())
            if key in seen or short is not None and short.group(1).lower() in last_words:
                continue
            kept.append(src)
            seen.add(key)
            if src.name.split():
                last_words.add(src.name.split()[-1].lower())
        if len(kept) < len(a.chain):
            a.chain = kept


def drop_enclosing_repeats(attributions: list[Attribution]) -> list[Attribution]:
    """Of a "cited" or "quoted" attribution and another with its chain inside it, the inner:
    "Thousands went on strike, according to the Meridian News agency, which cited a union official"
    read both as "according to" (the clause) and as "cited" (the clause and "according to ..."): the
    statement is the clause. (A denial holding its denier's "saying ..." keeps both.)"""
    keep = []
    for a in attributions:
        inner = (a.cue or "").lower() in _CITING_CUES and any(
            b is not a
            and b.chain == a.chain
            and a.start <= b.start
            and b.end <= a.end
            and (b.start, b.end) != (a.start, a.end)
            for b in attributions
        )
        if not inner:
            keep.append(a)
    return keep


def link_across_sentences(text: str, attributions: list[Attribution]) -> list[Attribution]:
    """Every pass of this module over one article's attributions (sorted by start), in the order
    they depend on each other: contents and cited sources mended first, then pronouns and "the
    official" resolved, quotes continued and citations carried, and the sentences that only name
    a cited source folded into the report they source. Returns the attributions that remain."""
    same_speaker_participle(text, attributions)
    drop_repeated_sources(attributions)
    trim_citing_prefix(attributions)
    reclaim_reported_clause(text, attributions)
    resolve_pronoun_sources(attributions)
    resolve_first_person(text, attributions)
    resolve_definite_unnamed(attributions)
    resolve_the_outlet(attributions)
    name_roles(text, attributions)
    author_of_the_statement(text, attributions)
    continue_quotes(text, attributions)
    sentences_of_a_quoted_content(text, attributions)
    quote_heads(text, attributions)
    carry_citations(attributions)
    return drop_enclosing_repeats(fold_cited_sources(attributions))
