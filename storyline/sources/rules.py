"""Find attributions without a parser: reporting-verb patterns around capitalised names and source nouns.

The fallback when no spaCy model is installed; lower recall than the parser path (see docs/sources.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..lexicon import abbreviation_stop
from .kinds import source_kind
from .lexicon import CUE_WORDS, DOCUMENT_HEADS, HEARSAY_ADVERBS, HONORIFICS, ORG_WORDS, UNNAMED_HEADS
from .spans import Found, SourceMention, Span

_SENT_END = re.compile(r"[.!?][\"”’'»]?(?=\s+(?:«\s?|[\"“‘(])?[A-Z0-9À-ÖØ-Þ])|[。！？][」』”’]?|\n\s*")

# Names are written so that no text makes them backtrack far: a capitalised word (of at most
# MAX_WORD_CHARS characters) is taken whole (possessive), words are joined by whitespace that only one
# quantifier can take, and a name before a cue word (_SUBJ_CUE, searched from every character) has at
# most MAX_NAME_WORDS words; so each start costs a bounded amount of work.
MAX_WORD_CHARS = 80
MAX_NAME_WORDS = 20
_W = rf"[A-Z][\w.’'&-]{{0,{MAX_WORD_CHARS - 1}}}+"
_JOIN = rf"\s++(?:(?:of|for|and|de|al|the)\s*+)?{_W}"
_NAMED = rf"(?:(?:[Tt]he\s+)?{_W}(?:{_JOIN})*)"
_NAMED_SHORT = rf"(?:(?:[Tt]he\s+)?{_W}(?:{_JOIN}){{0,{MAX_NAME_WORDS - 1}}})"
_ROLES = {h for h in HONORIFICS if len(h) > 3}
_HEADS = "|".join(sorted((h for h in UNNAMED_HEADS | DOCUMENT_HEADS | _ROLES if h.isalpha()), key=len, reverse=True))
_UNNAMED = (
    rf"(?:(?:[Aa]n?|[Tt]he|[Tt]wo|[Tt]hree|[Ss]everal|[Ss]ome|[Oo]ther|[Mm]any|{_W})\s+(?:[\w’'-]+\s+){{0,4}}"
    rf"(?:{_HEADS})\b(?:\s+(?:who|it|he|she|they)\s+(?:did|does|asked|declined|spoke)\b[^,.;]{{0,300}})?|"
    rf"\b(?:[Ss]ources|[Oo]fficials|[Aa]uthorities|[Ee]xperts|[Aa]nalysts)\b"
    rf"(?:\s+(?:in|from|at)\s+{_W}(?:\s+{_W}){{0,2}})?)"
)
_PRON = r"\b(?:[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e|[Ii]t)\b"
_SRC = rf"(?P<src>{_UNNAMED}|{_NAMED}|{_PRON})"
_CUES = "|".join(sorted(CUE_WORDS, key=len, reverse=True))

_ACCORDING = re.compile(rf"\b[Aa]ccording to\s+{_SRC}")
_CITED_AS = re.compile(rf"{_SRC}\s+(?P<cue>cited|quoted)\s+(?P<src2>{_UNNAMED}|{_NAMED}|{_PRON})\s+as\s+saying")
_SUBJ_CUE = re.compile(
    rf"(?P<src>{_UNNAMED}|{_NAMED_SHORT}|{_PRON}),?\s++(?:\w+ly\s++)?(?:(?:has|have|had|was|were)\s++)?"
    rf"(?P<cue>{_CUES})\b"
)
_INVERTED = re.compile(rf"[,”\"]\s*(?P<cue>said|reported|says|wrote|added)\s+{_SRC}")
_CITING = re.compile(rf"\b(?P<cue>citing|quoting)\s+{_SRC}")
_HEARER = re.compile(
    r"(?<!\s)\s++(?:her|him|them|us|me|you|reporters|journalists|"
    r"[A-Z][\w.’'-]*+(?:\s++[A-Z][\w.’'-]*+(?=\s))*+)(?=\s)"
)
_HEARSAY = re.compile(r"\b(?:" + "|".join(sorted(HEARSAY_ADVERBS)) + r")\b")
_LEAD = re.compile(r"^[\s,;:—–-]+|[\s,;:—–-]+$")
_NOT_SOURCE = {"The", "A", "An", "But", "And", "In", "On", "It", "This", "That", "There"}
_OWNER = re.compile(r"[’']s\s+(?=[A-Z])")
_THAT_END = re.compile(r"\bthat$")
_CONTENT_AFTER = re.compile(r"(?<!\s)\s*+(?:that\b|:|,?\s*+[“\"])")
# Sentences are searched only for patterns whose fixed words they hold: a match of _CITED_AS holds
# "cited" or "quoted" and "saying", one of _ACCORDING "ccording to", one of _HEARSAY an adverb; one
# of _SUBJ_CUE ends with a space and a cue word, so it is not searched past the last cue word.
_CUE_WORD = re.compile(rf"\s(?:{_CUES})\b")
_HEARSAY_WORD = re.compile("|".join(sorted(HEARSAY_ADVERBS)))
_LEADING = re.compile(r"^(?:While|But|And|When|If|As|Although|Because|So|Then|Yet|Meanwhile|However|Still|Also),?\s+")


def split_sentences(text: str, cut: list[int] | None = None) -> list[Span]:
    """Sentences of a text by punctuation and line breaks, skipping common abbreviations; one longer than
    MAX_SENTENCE_CHARS is read in pieces, and its start goes in ``cut`` when given (so callers can say so)."""
    spans: list[Span] = []
    start = 0
    for m in _SENT_END.finditer(text):
        stop = m.start()
        if abbreviation_stop(text, stop):
            continue
        end = m.end() if text[stop] in ".!?。！？" else stop
        _add(spans, text, start, end, cut)
        start = m.end()
    _add(spans, text, start, len(text), cut)
    return spans


MAX_SENTENCE_CHARS = 2000
"""A longer "sentence" (a list or dump with no full stops) is read as pieces of at most this many characters, cut
at spaces. Attributions in one sentence each take the rest of it as content, so a 130,000-character sentence
with 4,000 cue words took 3 minutes and 700 MB; the longest sentence of the 3,629 dev texts has 1,442."""


def _add(spans: list[Span], text: str, start: int, end: int, cut_at: list[int] | None = None) -> None:
    piece = text[start:end]
    lead = len(piece) - len(piece.lstrip())
    piece = piece.strip()
    if not piece:
        return
    start += lead
    end = start + len(piece)
    if end - start > MAX_SENTENCE_CHARS and cut_at is not None:
        cut_at.append(start)
    while end - start > MAX_SENTENCE_CHARS:
        cut = text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, start + MAX_SENTENCE_CHARS)
        cut = cut if cut > start else start + MAX_SENTENCE_CHARS
        head = text[start:cut].rstrip()
        spans.append(Span(start, start + len(head), head))
        start = cut + (len(text[cut:end]) - len(text[cut:end].lstrip()))
    spans.append(Span(start, end, text[start:end]))


def _trimmed(text: str, start: int, end: int) -> Span | None:
    piece = text[start:end]
    m = _LEAD.search(piece)
    lead = m.end() if m and m.start() == 0 else 0
    piece = _LEAD.sub("", piece)
    if piece.endswith(".") and not piece.endswith(("..", ".”", ".\"")):
        piece = piece[:-1]
    if len(piece.split()) < 2:
        return None
    return Span(start + lead, start + lead + len(piece), piece)


def _mention(text: str, start: int, end: int, last_person: str | None) -> SourceMention | None:
    src = text[start:end].strip()
    lead = _LEADING.match(src)
    if lead:
        start, src = start + lead.end(), src[lead.end() :]
    if not src or src in _NOT_SOURCE:
        return None
    words = src.split()
    titled = [i for i, w in enumerate(words) if w.lower().strip(".") in HONORIFICS]
    label = "ORG" if ORG_WORDS.search(src) else None
    name = src
    if titled and titled[-1] + 1 < len(words) and words[titled[-1] + 1][:1].isupper():
        label, name = "PERSON", " ".join(words[titled[-1] + 1 :])
    head = next((w for w in reversed(words) if w.lower() in UNNAMED_HEADS), words[-1].strip(".,"))
    kind = source_kind(src, head, label)
    owner = _OWNER.search(name)
    if owner and kind in ("agency", "outlet", "organisation"):
        name = name[owner.end() :]
    if words[-1].lower() in ("he", "she") and len(words) == 1:
        kind, name = "person", last_person or src
    return SourceMention(start, start + len(src), src, kind, name)


def find_in_text(text: str) -> list[Found]:
    """All attributions in a plain text, found by patterns; ``outer`` links "citing" to its reporter."""
    return find_in_sentences(text, split_sentences(text))


def _subj_cue_matches(body: str) -> Iterator[re.Match[str]]:
    """``_SUBJ_CUE.finditer(body)``, searching only up to the end of the last cue word."""
    last = None
    for last in _CUE_WORD.finditer(body):
        pass
    if last is None:
        return iter(())
    return _SUBJ_CUE.finditer(body, 0, last.end())


def find_in_sentences(text: str, sentences: list[Span]) -> list[Found]:
    """:func:`find_in_text` over sentences already split by :func:`split_sentences`."""
    found: list[Found] = []
    last_person: str | None = None
    for sent in sentences:
        s, body = sent.start, sent.text
        taken: list[tuple[int, int]] = []

        def free(a: int, b: int) -> bool:
            return all(b <= x or a >= y for x, y in taken)

        def add(
            cue: tuple[int, int], src: tuple[int, int] | None, content: Span | None, outer: int | None = None
        ) -> int:
            nonlocal last_person
            mention = _mention(text, s + src[0], s + src[1], last_person) if src else None
            if src and mention is None:
                return -1
            if (
                mention is not None
                and mention.kind == "person"
                and mention.text[:1].isupper()
                and len(mention.text) > 3
            ):
                last_person = mention.name
            taken.append(cue)
            found.append(Found(Span(s + cue[0], s + cue[1], body[cue[0] : cue[1]]), content, mention, sent, outer))
            return len(found) - 1

        if ("cited" in body or "quoted" in body) and "saying" in body:
            for m in _CITED_AS.finditer(body):
                content = _side(text, s, body, m.start(), m.end())
                outer = add((m.start("cue"), m.end("cue")), m.span("src"), content)
                if outer >= 0:
                    add((m.end() - len("saying"), m.end()), m.span("src2"), content, outer)
        for m in _ACCORDING.finditer(body) if "ccording to" in body else ():
            if free(m.start(), m.end()):
                add((m.start(), m.start("src") - 1), m.span("src"), _side(text, s, body, m.start(), m.end()))
        for pattern in (_INVERTED, _SUBJ_CUE):
            matches = _subj_cue_matches(body) if pattern is _SUBJ_CUE else pattern.finditer(body)
            for m in matches:
                if not free(m.start("cue"), m.end("cue")):
                    continue
                after = body[m.end("cue") :]
                before = body[: m.start("src")].strip()
                leading = pattern is _SUBJ_CUE and (not before or _THAT_END.search(before))
                if pattern is _SUBJ_CUE and (leading or _CONTENT_AFTER.match(after)):
                    hearer = (
                        _HEARER.match(after) if m.group("cue").startswith("tell") or m.group("cue") == "told" else None
                    )
                    content = _trimmed(text, s + m.end("cue") + (hearer.end() if hearer else 0), sent.end)
                else:
                    content = _side(text, s, body, m.start(), m.end())
                if content is not None:
                    c = _CITING.search(body, m.end())
                    if c and content.end > s + c.start():
                        content = _trimmed(text, content.start, s + c.start())
                    idx = add((m.start("cue"), m.end("cue")), m.span("src"), content)
                    if idx >= 0 and c:
                        add((c.start("cue"), c.end("cue")), c.span("src"), content, idx)
        for m in _HEARSAY.finditer(body) if _HEARSAY_WORD.search(body) else ():
            add((m.start(), m.end()), None, _trimmed(text, sent.start, sent.end))
    return found


def _side(text: str, s: int, body: str, a: int, b: int) -> Span | None:
    """The content around a cue phrase at body[a:b]: the longer side of the sentence."""
    left = _trimmed(text, s, s + a)
    right = _trimmed(text, s + b, s + len(body))
    if left is None or (
        right is not None and len(right.text) > len(left.text) and not body[:a].rstrip().endswith(("”", '"', ","))
    ):
        return right
    return left
