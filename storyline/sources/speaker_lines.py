"""Speakers a text names by its layout rather than by a verb of saying.

- A quotation signed with a dash: "“He represents our greatest shame.” ― Sonya Herridge" (quote roundups,
  epigraphs, reader comments).
- An embedded post's signature: "Big news tonight. — Jane Roe (@janeroe) September 27, 2016".
- A transcript's speaker label: "PENCE: Well, look, ..." (an upper-case name, a colon, the words spoken), in a
  dialogue of two speakers or more.
- A quotation introduced by its speaker's name and a colon: 'Clinton: "Our goal is not to contain ISIS."',
  "... TOO EARLY - Mark Blumenthal and Jon Cohen: “Although the polls ...”" (debate roundups, poll digests).
- A headline credited to its speaker: "Pence: Flowers Won't Be at Debate" (the text's first line, a name or a
  poll, a colon, the words credited).

Neither the parser nor the rules see a cue in these lines: the cue is the dash or the colon. Each is found on
one line of the text, so nothing here spans paragraphs.
"""

from __future__ import annotations

import re
from collections import Counter

from .kinds import source_kind
from .spans import Found, SourceMention, Span

_NAME_WORD = r"[A-Z][\w'’.-]{0,30}"
_SIGNED = re.compile(
    rf"(?P<close>[”\"])[ \t\u00a0]{{0,3}}(?P<dash>[―—–]|--)[ \t\u00a0]{{0,3}}"
    rf"(?P<name>{_NAME_WORD}(?:[ \t]{{1,2}}(?:(?:de|van|von|del|la|bin|al)[ \t])?{_NAME_WORD}){{0,4}})"
    r"(?=[ \t\u00a0]*(?:$|[.,;(]|[ \t\u00a0]{2}|[“\"]))",
    re.M,
)
"""A closing quote mark, a dash, a name of one to five capitalised words, then the end of the line, a stop,
a bracket or the next quotation."""
_POSTED = re.compile(
    rf"^(?P<content>[^\n]{{15,600}}?)[ \t\u00a0]{{1,3}}(?P<dash>[―—–]|--)[ \t\u00a0]{{1,3}}"
    rf"(?P<name>{_NAME_WORD}(?:[ \t]{_NAME_WORD}){{0,4}})[ \t]{{1,3}}\(@\w{{1,30}}\)",
    re.M,
)
"""An embedded post: the post's words, a dash, the author's name and handle (a date may follow)."""
_LABEL = re.compile(
    r"^[ \t]{0,8}[\"“]?(?P<name>[A-Z][A-Z'’.-]{1,30}(?:[ \t][A-Z][A-Z'’.-]{0,30}){0,3})(?P<cue>:)[ \t]{1,4}"
    r"(?P<content>[^\n]{2,})$",
    re.M,
)
"""A transcript line: an upper-case speaker name, a colon, and the words spoken."""
_NOT_SPEAKERS = frozenset(
    """update updated updates watch read related note correction clarification photo photos video videos source
    sources breaking exclusive advertisement live alert editor's editors more also see plus topics tags file credit
    warning caution disclaimer summary background analysis opinion editorial poll question answer q a transcript
    crosstalk applause laughter announcer narrator fact check reality bottom line what why how when where who
    listen subscribe contact email tel phone fax address date time location ps ps. tl;dr faq faqs""".split()
)
"""Upper-case labels that head a line and are no speaker ("UPDATE:", "WATCH:", "CORRECTION:")."""
_OPEN_QUOTES = "“\"”"
_TITLED = re.compile(
    r"\A[ \t\n]{0,8}(?P<name>[A-Z][\w'’.&-]{0,30}(?:[ \t][A-Z][\w'’.&-]{0,30}){0,3})(?P<cue>:)[ \t]{1,3}"
    r"(?P<content>[^\n]{12,200}?)[ \t.]*$",
    re.M,
)
"""A text's first line: one to four capitalised words, a colon and the words the line credits to them."""
_NAMED_QUOTE = re.compile(
    rf"(?:^|(?<=[.!?”\"] )|(?<=[.!?”\"]  )|(?<= [-–—] ))[ \t]{{0,2}}"
    rf"(?P<name>{_NAME_WORD}(?:[ \t](?:and[ \t])?{_NAME_WORD}){{0,4}})(?P<cue>:)[ \t]{{0,2}}"
    r"(?P<content>[“\"][^“”\"\n]{12,}[”\"])",
    re.M,
)
"""A name of one to five capitalised words opening a line or a sentence (or after a digest's dash), a colon,
and a quotation."""
_INVERTED_CUES = frozenset(
    "said says added adds continued continues stated wrote writes asked explained noted concluded replied".split()
)
"""Verbs that open an inverted speaker line ("Said Ellis: “...”", "Continued Stone: “...”")."""
_EVENT_WORDS = frozenset(
    """fire fires crash attack attacks finale storm quake earthquake explosion blast riot riots protest protests
    trial verdict election elections debate update recap review preview deal strike strikes war flood floods
    outbreak scandal case killings death deaths dead dies posted updated published""".split()
)
"""Last words of a headline label that name an event or are a page's furniture, not a speaker ("Bachelor Finale:",
"Waitrose Fire:", "Esther Williams Dead:", "Posted:")."""
_TITLE_REPORTS = frozenset({"poll", "polls", "report", "study", "survey"})
"""Documents a headline credits as it credits a speaker ("Poll: Clinton and Trump in dead heat")."""
_NOT_TITLE_SPEAKERS = frozenset(
    """the a an this that these those my our your his her its their just big new more first last top
    latest revealed bombshell look boom wow busted leaked paid daily weekly morning evening
    on in is are at to for with vs about after over
    monday monday's monday’s tuesday tuesday's tuesday’s wednesday wednesday's wednesday’s thursday thursday's
    thursday’s friday friday's friday’s saturday saturday's saturday’s sunday sunday's sunday’s""".split()
)
"""Words that make a headline's label a kicker, a column or a headline of its own ("The Latest:", "Just In:",
"Monday's Briefing:", "Clinton Wades In:")."""


def find_speaker_lines(text: str) -> list[Found]:
    """Signed quotations, embedded posts and transcript lines of a text, as attributions in text order."""
    found: list[Found] = []
    if "―" in text or "—" in text or "–" in text or "--" in text:
        found += _signed(text)
        found += _posted(text, [f.cue for f in found])
    if ":" in text:
        found += _labelled(text)
        found += _titled(text)
        found += _named_quotes(text, [f.cue for f in found])
    found.sort(key=lambda f: f.cue.start)
    return found


def _line_start(text: str, i: int) -> int:
    return text.rfind("\n", 0, i) + 1


def _signed(text: str) -> list[Found]:
    """Quotations that open their line (or follow the last one's signature) and close before a dash and a name."""
    out: list[Found] = []
    bound = 0
    for m in _SIGNED.finditer(text):
        close = m.start("close")
        start = max(bound, _line_start(text, close))
        while start < close and text[start] in " \t\u00a0":
            start += 1
        bound = m.end()
        if text[start] not in _OPEN_QUOTES or close + 1 - start < 15:
            continue  # a quotation inside a paragraph signed by its writer ('... "the No. 1 force."--Kim Roe')
        content = Span(start, close + 1, text[start : close + 1])
        out.append(_found(text, m.span("dash"), m.span("name"), content, _paragraph(text, start, m.end())))
    return out


def _posted(text: str, taken: list[Span]) -> list[Found]:
    out: list[Found] = []
    for m in _POSTED.finditer(text):
        a, b = m.span("dash")
        if any(s.start < b and a < s.end for s in taken):
            continue
        c0, c1 = m.span("content")
        while c0 < c1 and text[c0] in " \t\u00a0":
            c0 += 1
        content = Span(c0, c1, text[c0:c1])
        out.append(_found(text, (a, b), m.span("name"), content, _paragraph(text, c0, m.end())))
    return out


def _labelled(text: str) -> list[Found]:
    """Transcript lines, only where the text is a dialogue: two speakers or more, each labelling two lines or
    more. A label met once is a dateline ("SINGAPORE: A team of scientists ...") or a page's furniture
    ("READ MORE:", "STORY:"), not a speaker."""
    lines = [
        m
        for m in _LABEL.finditer(text)
        if m.group("name").lower().strip(".") not in _NOT_SPEAKERS
        and any(ch.isalpha() for ch in m.group("name").replace(".", ""))
    ]
    times = Counter(m.group("name") for m in lines)
    speakers = {name for name, n in times.items() if n >= 2}
    if len(speakers) < 2:
        return []
    out: list[Found] = []
    for m in lines:
        if m.group("name") not in speakers:
            continue
        c0, c1 = m.span("content")
        while c1 > c0 and text[c1 - 1] in " \t\u00a0\r":
            c1 -= 1
        content = Span(c0, c1, text[c0:c1])
        out.append(_found(text, m.span("cue"), m.span("name"), content, _paragraph(text, m.start("name"), c1)))
    return out


def _titled(text: str) -> list[Found]:
    """The first line's speaker when the line is a headline that credits its words ("Sanders: Clinton needs
    to ..."): a name or a poll, not a kicker, a shouted label ("BREAKING:", "EXCLUSIVE:") or a dateline
    ("VELM:"); an upper-case word of four letters or more is one of those, an outlet's initials ("AP") are not.
    An event ("Kraft Shooting:", "Harbour Fire:") is no speaker."""
    m = _TITLED.match(text)
    if m is None:
        return []
    words = m.group("name").split()
    lowered = [w.lower().rstrip(".") for w in words]
    if any(w in _NOT_TITLE_SPEAKERS or w in _NOT_SPEAKERS - _TITLE_REPORTS for w in lowered):
        return []
    if any(len(w) > 3 and w.isupper() for w in words) or any(ch.isdigit() for ch in m.group("name")):
        return []
    if len(m.group("content").split()) < 3:
        return []
    if lowered[-1].endswith("ing") or lowered[-1] in _EVENT_WORDS:
        return []  # "Kraft Shooting: ...", "Waitrose Fire: ...": an event, not a speaker
    c0, c1 = m.span("content")
    content = Span(c0, c1, text[c0:c1])
    return [_found(text, m.span("cue"), m.span("name"), content, _paragraph(text, m.start("name"), c1))]


def _named_quotes(text: str, taken: list[Span]) -> list[Found]:
    """Quotations a name and a colon introduce ('Bush: "The mission is to destroy ISIS."'), a speaker label
    met once in running text; a furniture label ("UPDATE:", "WATCH:") is none."""
    out: list[Found] = []
    for m in _NAMED_QUOTE.finditer(text):
        a, b = m.span("cue")
        if any(s.start < b and a < s.end for s in taken):
            continue
        words = m.group("name").split()
        if any(w.lower().rstrip(".") in _NOT_SPEAKERS or w.lower() in _NOT_TITLE_SPEAKERS for w in words):
            continue
        c0, c1 = m.span("content")
        content = Span(c0, c1, text[c0:c1])
        n0, n1 = m.span("name")
        if len(words) > 1 and words[0].lower() in _INVERTED_CUES:  # "Said Ellis: “...”": the verb is the cue
            a, b = n0, n0 + len(words[0])
            n0 = text.index(words[1], b)
        out.append(_found(text, (a, b), (n0, n1), content, _paragraph(text, m.start("name"), c1)))
    return out


def _paragraph(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def _found(text: str, cue: tuple[int, int], name: tuple[int, int], content: Span, sentence: Span) -> Found:
    said = text[name[0] : name[1]].rstrip(".")
    shown = said.title() if said.isupper() else said
    kind = source_kind(shown, shown.split()[-1].lower(), "PERSON", named=True)
    if kind not in ("person", "outlet", "agency", "organisation", "official"):
        kind = "person"
    mention = SourceMention(name[0], name[0] + len(said), said, kind, shown)
    return Found(Span(cue[0], cue[1], text[cue[0] : cue[1]]), content, mention, sentence)


def with_speaker_lines(text: str, found: list[Found]) -> list[Found]:
    """``found`` with the speaker lines of ``text`` whose cue no attribution of it already holds, in text order;
    an attribution with no source whose content a speaker line's content holds gives way to it."""
    lines = find_speaker_lines(text)
    if not lines:
        return found

    def overlaps(a: Span, b: Span) -> bool:
        return a.start < b.end and b.start < a.end

    new = [s for s in lines if not any(overlaps(f.cue, s.cue) for f in found)]
    if not new:
        return found
    linked = any(f.outer is not None for f in found)
    if linked:
        kept = list(found)
    else:
        kept = [
            f
            for f in found
            if f.source is not None
            or f.content is None
            or not any(
                s.content is not None and overlaps(f.cue, s.content) and overlaps(f.content, s.content) for s in new
            )
        ]
    out = kept + new
    out.sort(key=lambda f: (f.sentence.start, f.cue.start))
    if linked:
        position = {id(f): i for i, f in enumerate(out)}
        for f in found:
            if f.outer is not None:
                f.outer = position[id(found[f.outer])]
    return out
