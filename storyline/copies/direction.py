"""Which of two versions of one text is the republisher's copy, read from the two texts.

A republisher takes a story and changes it in ways that leave marks an editor can read:

- **a republisher's credit note**: "This article originally appeared on ...", "republished with
  permission", "shared through a content partnership": a line only the copy carries;
- **house edits**: a relative date made absolute ("Sunday" -> "May 26") only makes sense in the copy;
- **a sentence cut in the middle**: a version whose last sentence is the start of a sentence the
  other has in full was cut from it;
- **the outlet's own page**: a story whose dateline names its outlet ("LOUISVILLE, Ky. (WHAS11) --")
  was written for that outlet's page, so where the texts tell nothing else, the version whose own
  page furniture names that outlet ("Stay on WHAS11.com for updates", "WHAS11 will be following this
  story") is the original: a republisher drops the other outlet's prompts and adds its own (a line
  that sends readers to the outlet, "visit ...", "read more at ...", is a credit and does not count);
- **story text the other lacks**: republishers cut from the end, so the original holds closing
  sentences that are about the story (they share its words and names), while what a copy holds
  and the original lacks is a line of its own: a note ("This article originally appeared on ..."),
  a sign-up prompt, a line inserted in the middle, or a line that is not about the story at all.
  A republisher adds lines whole; so text ending in an unfinished sentence that the other version
  lacks was cut from the other.

Where the two versions each hold a closing sentence about as much about the story as the other's,
or only page furniture, the texts do not tell and the verdict is 0 (the group stays undetermined).

Spelling and honorifics are not read for direction: house styles change them both ways.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from .diff import Edit, diff_sentences
from .edits import RELATIVE_DAYS, is_boilerplate
from .sentences import split_sentences
from .spelling import fold

CREDIT_NOTE = 3
HOUSE_EDIT = 2
MID_SENTENCE = 2
STORY_TEXT = 1
STORY_MARGIN = 0.3
"""Story weight (:func:`story_weight`, summed over the sentences only one version has) by which one
version must lead the other for its extra text to count as the story the other cut."""
LONE_SENTENCE = 0.15
"""Story weight the closing sentences only one version has need, when the other has no story text
of its own, to count as cut from the other rather than as a line added that is not about the story."""
OUTLET_PAGE = 1
MIN_WORDS = 4

_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d,.]*\d|\d")
_ELLIPSIS = re.compile(r"(?<!\s)\s*+(\.\.\.|…)\s*+$")
_ABSOLUTE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\b(?:19|20)\d\d\b",
    re.I,
)
_NOTE = re.compile(
    r"\b(?:originally|first) (?:appeared|published|ran|posted)\b"
    r"|\b(?:re)?published (?:here )?(?:with|by) (?:permission|arrangement)\b"
    r"|\breprinted\b|\bcontributed to this (?:report|story|article)\b|^editor[’']?s note\b"
    r"|\bthis (?:story|article|post|report) (?:has been|was|is being) (?:updated|corrected)\b|\bwill be updated\b"
    r"|\bdeveloping story\b|\bcheck back\b|\bstay (?:with|tuned)\b"
    r"|\bfor (?:more|the latest) (?:stories|news|updates|coverage) (?:like this|visit|on|from|go)\b"
    r"|^have a (?:news )?tip\b|^(?:listen to|watch|video|related|more from|more:)\b"
    r"|https?://|\bwww\.|(?<![\w.-])[.-]*+\b[\w.-]+@[\w-]+\.\w+"
    r"|\b(?:visit|at|on|to|see)\s+[\w-]+\.(?:com|org|net|co\.uk)\b"
    r"|(?<![\w-])[\w-]++\.(?:com|org|net|co\.uk)\)?$"
    r"|\(photo\b|\bphotos?:|\b(?:photo|image) (?:by|credit)\b"
    r"|\b(?:additional |writing and )?(?:reporting|writing|editing) by\b"
    r"|\bmay not be (?:published|broadcast|rewritten|redistributed)\b"
    r"|\bsign up (?:for|to|now)\b|\bnewsletters?\b|\bthis (?:story|article)\b|\bour (?:coverage|newsroom|app)\b"
    r"|(?:^|\s)\.?@\w{2,}"
    r"|\bdownload (?:the|our) (?:\w+ ){0,3}app\b|\bfollow \w+(?: \w+){0,3} on (?:twitter|facebook|instagram|x)\b",
    re.I,
)
_CREDIT = re.compile(
    r"\b(?:originally|first) (?:appeared|published|ran|posted) (?:on|in|at|by)\b"
    r"|\b(?:re)?(?:published|printed|posted) (?:here )?(?:with|by|under) (?:the )?(?:kind )?"
    r"(?:permission|arrangement|license|licence)\b"
    r"|\breprinted\b|\bcontent[- ](?:sharing|partnership)\b"
    r"|\b(?:appears|published|shared) (?:here )?(?:courtesy of|through|via) (?:a |our )?(?:content |news )?partner",
    re.I,
)
"""A republisher's credit to the outlet it took the story from: only a copy carries one."""
_DATELINE_OUTLET = re.compile(r"\(([A-Z][A-Z0-9]{2,7})\)")
"""An outlet's call sign or short name in a dateline's brackets: "(WHAS11)", "(KVLM)"."""
_OUTLET_WORD = re.compile(
    r"(?<![\w.@-])([A-Z][A-Z0-9]{2,7})(?![\w@-])|(?<![\w-])([A-Za-z][\w-]*+)\.(?:com|org|net|tv)\b"
)
"""An outlet named in a line: a word in capitals ("WHAS11") or a web address's name ("wavy.com")."""
_SENDS_AWAY = re.compile(
    r"\b(?:visit|read (?:more|the (?:full|original))|more (?:at|on|from)|via|source|courtesy|originally|first"
    r"|contributed|full story|see)\b",
    re.I,
)
"""Words of a line that sends readers to another outlet or credits it: a republisher may write one."""
_COPYRIGHT = re.compile(r"©|\(c\)|\bcopyright\b|\ball rights reserved\b", re.I)
"""A copyright line credits the outlet that owns a story, and a republisher keeps or writes one."""
_TERMINATED = re.compile(r"[.!?][\"”’')\]]*$")
_UNFINISHED = re.compile(r"(?:^|\s)[a-z][\w'’-]*+[,;]?(?:\s*(?:\.\.\.|…))?$")
_STOPWORDS = frozenset(
    """a about above after again against all almost along already also although always am among an and another any
    anyone are around as at back be became because become been before being below between both but by can cannot
    could did do does doing done down during each either else enough even ever every few for from further get gets
    got had has have having he her here hers herself him himself his how however i if in into is it its itself just
    last least less like made make many may me might more most much must my myself neither never next no none nor
    not now of off often on once one only onto or other others otherwise our ours out over own per perhaps rather
    same say says said see seen she should since so some still such than that the their theirs them themselves then
    there these they this those though through thus to together too toward under until up upon us very via was we
    well were what whatever when where whether which while who whom whose why will with within without would yet
    you your yours told""".split()
)


@dataclass(frozen=True)
class Verdict:
    """Which version is the copy: ``score`` > 0 when the second is, < 0 when the first is, 0 when
    the texts do not tell; ``evidence`` names what told."""

    score: int
    evidence: str = ""


def is_credit_note(sentence: str) -> bool:
    """A republisher's note crediting the outlet a story was taken from ("This article originally
    appeared on ...", "republished with permission", "shared through a content partnership")."""
    return bool(_CREDIT.search(sentence))


def is_unfinished(sentence: str) -> bool:
    """A sentence of at least six words that stops in the middle: it ends in a lower-case word or a
    comma, with or without "...", not in a full stop. Text that stops there was cut, not added."""
    s = sentence.strip()
    ellipsis = s.endswith("...") or s.endswith("…")
    return len(s.split()) >= 6 and (ellipsis or not _TERMINATED.search(s)) and bool(_UNFINISHED.search(s))


def is_furniture(sentence: str) -> bool:
    """A line that is page furniture or a republisher's note rather than story text: a sign-up or
    share prompt, a photo or copyright line, "This article originally appeared on ...", a link, a
    fragment of fewer than four words. Either version may carry such lines, so they tell nothing."""
    s = sentence.strip()
    return len(s.split()) < MIN_WORDS or is_boilerplate(s) or bool(_NOTE.search(s) or _CREDIT.search(s))


def content_words(sentence: str) -> set[str]:
    """Lower-cased words of a sentence that carry content (no stop words; British spellings folded)."""
    out = set()
    for w in _WORD.findall(sentence):
        low = fold(w.lower())
        if (len(low) >= 3 or low[0].isdigit()) and low not in _STOPWORDS:
            out.add(low)
    return out


def names(sentence: str) -> set[str]:
    """Capitalised words that do not start the sentence, and numbers: the names and figures of a story."""
    tokens = _WORD.findall(sentence)
    return {fold(t.lower()) for i, t in enumerate(tokens) if t[0].isdigit() or (i > 0 and t[0].isupper())}


def story_weight(sentence: str, words: set[str], known: set[str]) -> float:
    """How much a sentence reads as part of a story whose text has ``words`` (content words) and
    ``known`` (names and figures): the share of its content words the story uses, plus a quarter
    for each of up to two of its names the story mentions, at most 1. A closing sentence of the
    story scores high; a line from elsewhere scores near 0."""
    own = content_words(sentence)
    share = len(own & words) / len(own) if own else 0.0
    return min(1.0, share + 0.25 * min(2, len(names(sentence) & known)))


def copy_direction(first: str, second: str) -> tuple[int, str]:
    """Which of two versions of one text is the republisher's copy: positive when ``second`` is,
    negative when ``first`` is, 0 when the texts do not tell; with the evidence used."""
    v = direction_of(split_sentences(first), split_sentences(second))
    return v.score, v.evidence


def direction_of(a: list[str], b: list[str]) -> Verdict:
    """:func:`copy_direction` on the sentences of the two versions: house edits, then a sentence
    cut in the middle, then the story text each holds that the other lacks, then which is the page of
    the outlet the dateline names; a republisher's credit note that only one version carries comes
    before all of them."""
    first, second = "\n\n".join(a), "\n\n".join(b)
    notes = credit_notes(first, second) - credit_notes(second, first) if _CREDIT.search(first + "\n" + second) else 0
    if notes:
        return Verdict(CREDIT_NOTE if notes < 0 else -CREDIT_NOTE, _CREDITED)
    _, forward = diff_sentences(a, b)
    edits = house_edits(forward)
    if edits:
        return Verdict(HOUSE_EDIT if edits > 0 else -HOUSE_EDIT, "house edits (relative dates made absolute)")
    cut = cut_mid_sentence(a, b) - cut_mid_sentence(b, a)
    if cut:
        return Verdict(MID_SENTENCE * cut, "its last sentence cut off in the middle in the other (a trimmed reprint)")
    told = _story_text(first, second)
    return told if told.score else outlet_page(a, b)


def outlet_page(a: list[str], b: list[str]) -> Verdict:
    """The version whose own page furniture (furniture lines the other lacks) names the outlet that the
    story's dateline names, while the other's names none such, is that outlet's page: the original
    (see the module docstring). Only a mention the other version does not have counts (a republisher
    may keep the outlet's prompt), and not in a line that sends readers elsewhere or credits the
    outlet (a copyright line)."""
    mine, theirs = _page_lines(a, b), _page_lines(b, a)
    grams_a, grams_b = _grams(_tokens("\n".join(a)), 4), _grams(_tokens("\n".join(b)), 4)
    first = _names_dateline_outlet(mine, [s for s in b if s not in theirs], grams_b)
    second = _names_dateline_outlet(theirs, [s for s in a if s not in mine], grams_a)
    if first == second:
        return Verdict(0)
    return Verdict(OUTLET_PAGE if first else -OUTLET_PAGE, _OUTLET_PAGE)


def _page_lines(own: list[str], other: list[str]) -> list[str]:
    """Furniture lines of ``own`` that ``other`` does not have."""
    whole = " ".join(_norm(s) for s in other)
    return [s for s in own if is_furniture(s) and _norm(s) not in whole]


def _names_dateline_outlet(lines: list[str], story: list[str], other: set[tuple[str, ...]]) -> bool:
    """Whether one of ``lines`` (not one that sends readers away or claims copyright) names, in words of its
    own (no 4-word run around the name is in ``other``, the other version's 4-word runs), an outlet that
    ``story`` names in a dateline's brackets."""
    datelined = {m.upper() for s in story for m in _DATELINE_OUTLET.findall(s)}
    if not datelined:
        return False
    for line in lines:
        if _SENDS_AWAY.search(line) or _COPYRIGHT.search(line):
            continue
        tokens = _tokens(line)
        words = [t[0] for t in tokens]
        for m in _OUTLET_WORD.finditer(line):
            if (m.group(1) or m.group(2)).upper() not in datelined:
                continue
            k = next((i for i, t in enumerate(tokens) if t[1] <= m.start() < t[2] or t[1] >= m.start()), len(words))
            runs = [tuple(words[i : i + 4]) for i in range(max(0, k - 3), k + 1) if i + 4 <= len(words)]
            if not any(run in other for run in runs):
                return True
    return False


def cut_mid_sentence(origin: list[str], copy: list[str]) -> int:
    """1 when the last story sentence of ``copy`` is the start of a longer sentence of ``origin``
    whose rest ``copy`` does not have anywhere (a reprint cut in mid-sentence, often with "..."), else 0."""
    last = next((s for s in reversed(copy) if not is_furniture(s)), None)
    if last is None:
        return 0
    head = _norm(_ELLIPSIS.sub("", last))
    if len(head.split()) < MIN_WORDS:
        return 0
    whole = " ".join(_norm(c) for c in copy)
    for s in origin:
        full = _norm(s)
        if len(full) >= len(head) + 12 and fuzz.ratio(head, full[: len(head)]) >= 90:
            rest = full[len(head) :].strip()
            if rest and rest not in whole and not is_furniture(rest):
                return 1
    return 0


def credit_notes(text: str, other: str) -> int:
    """Sentences of ``text`` that credit another outlet as a republisher does and that ``other``
    does not have (their words are not in it)."""
    tokens = _tokens(text)
    pieces, _ = _pieces(text, tokens, _grams(_tokens(other), 4), 4)
    return sum(1 for p in pieces if is_credit_note(p[1]))


@lru_cache(maxsize=8192)
def _norm(sentence: str) -> str:
    return " ".join(fold(w.lower()) for w in _WORD.findall(sentence))


@dataclass(frozen=True)
class OwnText:
    """The story sentences one version has and the other lacks, by where they sit: after the last
    shared sentence (``tail``), or before the first or between shared ones (``inside``); each with its
    story weight. Furniture and notes are left out."""

    tail: tuple[float, ...]
    inside: tuple[float, ...]
    unfinished: bool = False
    """Whether the version's last story sentence is its own and stops in mid-sentence."""

    @property
    def weight(self) -> float:
        """Story weight, a sentence inside at half: a republisher cuts from the end and adds lines anywhere."""
        return sum(self.tail) + 0.5 * sum(self.inside)

    def __bool__(self) -> bool:
        return bool(self.tail or self.inside)


def _story_text(first: str, second: str) -> Verdict:
    """The version that holds story text the other lacks (see the module docstring).

    When only one version has text of its own, it is the original if that text includes closing
    sentences about the story (story weight at least ``LONE_SENTENCE``, or ``STORY_MARGIN`` in
    all), and the copy if its text sits only inside (a line inserted, not clearly about the story).
    When both have, the original is the one whose text weighs ``STORY_MARGIN`` more; else the one
    whose own text is all at its end while the other's is all inside; else the one with several
    closing sentences against the other's single line. Otherwise the texts do not tell.

    A republisher adds lines whole: own text that ends the version in an unfinished sentence was cut
    from the other, whatever its story weight, unless the other has more story text of its own.
    """
    a, b = own_text(first, second)
    lead = a.weight - b.weight
    for sign, x, y in ((1, a, b), (-1, b, a)):
        if x and not y:
            if x.unfinished:
                return Verdict(sign * STORY_TEXT, _UNFINISHED_TAIL)
            if sum(x.tail) >= LONE_SENTENCE or x.weight >= STORY_MARGIN:
                return Verdict(sign * STORY_TEXT, _STORY)
            if not x.tail:
                return Verdict(-sign * STORY_TEXT, _ADDED)
    if a and b:
        if abs(lead) >= STORY_MARGIN:
            return Verdict(STORY_TEXT if lead > 0 else -STORY_TEXT, _STORY)
        for sign, x, y in ((1, a, b), (-1, b, a)):
            if x.tail and not x.inside and not y.tail:
                return Verdict(sign * STORY_TEXT, _STORY)
            if len(x.tail) > 1 and len(y.tail) + len(y.inside) == 1 and sign * lead >= 0:
                return Verdict(sign * STORY_TEXT, _STORY)
        for sign, x, y in ((1, a, b), (-1, b, a)):
            if x.unfinished and not y.unfinished and len(y.tail) + len(y.inside) == 1:
                return Verdict(sign * STORY_TEXT, _UNFINISHED_TAIL)
    return Verdict(0)


def own_text(first: str, second: str, n: int = 4) -> tuple[OwnText, OwnText]:
    """The story text only ``first`` has and the story text only ``second`` has.

    Read by words, not by aligned sentences, so that two versions that break sentences differently
    do not show fragments of shared sentences as new text: a word is shared when one of the
    ``n``-word runs it is part of occurs in the other version (spelling folded). A sentence with at
    least four unshared words is its version's own (only those words count); one with at least four
    shared words is shared text, which the story weight of the own sentences is measured against.
    """
    ta, tb = _tokens(first), _tokens(second)
    pieces_a, shared_a = _pieces(first, ta, _grams(tb, n), n)
    pieces_b, shared_b = _pieces(second, tb, _grams(ta, n), n)
    words, known = set(), set()
    for tokens, rows in ((ta, shared_a), (tb, shared_b)):
        for row in rows:
            for i, (w, start, _) in enumerate(tokens[row[0] : row[-1] + 1]):
                if (len(w) >= 3 or w[0].isdigit()) and w not in _STOPWORDS:
                    words.add(w)
                if w[0].isdigit() or (i > 0 and (first if tokens is ta else second)[start].isupper()):
                    known.add(w)
    return _own(pieces_a, words, known), _own(pieces_b, words, known)


def _own(pieces: list[tuple[str, str]], words: set[str], known: set[str]) -> OwnText:
    tail = [story_weight(s, words, known) for where, s in pieces if where in ("tail", "end") and not is_furniture(s)]
    inside = [story_weight(s, words, known) for where, s in pieces if where == "inside" and not is_furniture(s)]
    return OwnText(tuple(tail), tuple(inside), any(where == "end" for where, _ in pieces))


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(fold(m.group().lower()), m.start(), m.end()) for m in _WORD.finditer(text)]


def _grams(tokens: list[tuple[str, int, int]], n: int) -> set[tuple[str, ...]]:
    words = [t[0] for t in tokens]
    return set(zip(*(words[i:] for i in range(n))))


def _pieces(
    text: str, tokens: list[tuple[str, int, int]], other: set[tuple[str, ...]], n: int
) -> tuple[list[tuple[str, str]], list[list[int]]]:
    """The sentences of ``text`` the other version lacks, as (where, unshared words), and the token
    rows of the sentences it shares. ``where`` is "inside", "tail", or "end" for a tail sentence that is
    the text's last story sentence and stops unfinished (:func:`is_unfinished`)."""
    words = [t[0] for t in tokens]
    covered = [False] * len(words)
    for i, gram in enumerate(zip(*(words[j:] for j in range(n)))):
        if gram in other:
            covered[i : i + n] = [True] * n
    own: list[tuple[int, str]] = []
    shared: list[list[int]] = []
    at, k, last = 0, 0, -1
    sentences = split_sentences(text)
    closing = next((i for i in range(len(sentences) - 1, -1, -1) if not is_furniture(sentences[i])), -1)
    for idx, sentence in enumerate(sentences):
        start = text.find(sentence[:20], at)
        end = (at if start < 0 else start) + len(sentence)
        mine = []
        while k < len(tokens) and tokens[k][1] < end:
            mine.append(k)
            k += 1
        at = end
        loose = [i for i in mine if not covered[i]]
        if len(loose) >= MIN_WORDS:
            own.append((idx, text[tokens[loose[0]][1] : tokens[loose[-1]][2]]))
        elif len(mine) - len(loose) >= MIN_WORDS:
            shared.append(mine)
            last = idx
    unfinished = closing >= 0 and is_unfinished(sentences[closing])
    where = ["inside" if idx <= last else "end" if idx == closing and unfinished else "tail" for idx, _ in own]
    return [(w, piece) for w, (_, piece) in zip(where, own)], shared


_STORY = "story sentences the other lacks (cut from it: a trimmed reprint)"
_ADDED = "a line the other added that is not about the story"
_CREDITED = "a republisher's credit note the other carries (\"originally appeared on ...\")"
_UNFINISHED_TAIL = "an unfinished closing sentence the other lacks (text cut, not added)"
_OUTLET_PAGE = "its page furniture names the outlet of the story's dateline (the outlet's own page)"


def house_edits(edits: list[Edit]) -> int:
    """Relative dates a diff's copy made absolute over its origin ("Sunday" -> "May 26": positive)
    or the other way (negative). Only this edit tells direction: spelling and honorifics are
    changed both ways by house styles (a British paper adds "Mr", an American one drops it)."""
    score = 0
    for e in edits:
        for c in e.changes:
            if c.kind != "date":
                continue
            before, after = set(c.before.lower().split()), set(c.after.lower().split())
            rel_before, rel_after = bool(RELATIVE_DAYS & before), bool(RELATIVE_DAYS & after)
            abs_before, abs_after = bool(_ABSOLUTE.search(c.before)), bool(_ABSOLUTE.search(c.after))
            score += (rel_before and abs_after and not rel_after) - (rel_after and abs_before and not rel_before)
    return score
