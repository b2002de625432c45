"""Which parts of an article the parser needs to see: sentences that hold a reporting cue, with the
neighbours a cue may take its content from; everything else gets the outer chain without a parse.

The filter only has to keep every sentence in which :func:`storyline.sources.parse.find_in_doc` could
find a cue (a verb whose lemma is a reporting or stance lemma, "according to", a hearsay adverb), so it
matches every regular inflection of those lemmas, and their irregular forms, on the raw text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import HEARSAY_ADVERBS, POLL_WORDS, REPORT_LEMMAS, STANCE_LEMMAS
from .spans import Span

_IRREGULAR = {
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote", "written"),
    "find": ("found",),
    "seek": ("sought",),
    "think": ("thought",),
    "show": ("shown",),
}
_QUOTE_MARKS = "\"“”«»‘’"


def _forms(lemma: str) -> list[str]:
    """A lemma's inflections: -s, -ed and -ing forms (with a final e dropped, y turned to i, a final
    consonant doubled) and its irregular forms."""
    stems = [lemma]
    if lemma.endswith("e"):
        stems.append(lemma[:-1])
    if lemma.endswith("y") and lemma[-2:-1] not in tuple("aeiou"):
        stems.append(lemma[:-1] + "i")
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        stems.append(lemma + lemma[-1])
    forms = {lemma, *_IRREGULAR.get(lemma, ())}
    for stem in stems:
        forms.update(stem + end for end in ("s", "es", "ed", "d", "ing"))
    return sorted(forms, key=len, reverse=True)


CUE = re.compile(
    r"\b(?:"
    + "|".join(f for w in sorted(REPORT_LEMMAS | STANCE_LEMMAS) for f in _forms(w))
    + r"|according\s+to|"
    + "|".join(sorted(HEARSAY_ADVERBS))
    + r")\b",
    re.IGNORECASE,
)


# Irregular forms of verbs the learned model takes as cues ("knew", "felt"), beyond those above.
_IRREGULAR_MORE = {
    "know": ("knew", "known"),
    "feel": ("felt",),
    "see": ("saw", "seen"),
    "make": ("made",),
    "take": ("took", "taken"),
    "come": ("came",),
    "speak": ("spoke", "spoken"),
    "give": ("gave", "given"),
    "hear": ("heard",),
    "send": ("sent",),
    "begin": ("began", "begun"),
    "hold": ("held",),
    "bring": ("brought",),
    "fight": ("fought",),
    "lead": ("led",),
    "mean": ("meant",),
    "stand": ("stood",),
    "understand": ("understood",),
    "teach": ("taught",),
    "meet": ("met",),
    "choose": ("chose", "chosen"),
    "forget": ("forgot", "forgotten"),
    "strike": ("struck",),
    "throw": ("threw", "thrown"),
    "keep": ("kept",),
    "leave": ("left",),
    "put": ("put",),
    "run": ("ran",),
    "win": ("won",),
    "draw": ("drew", "drawn"),
    "spend": ("spent",),
    "sell": ("sold",),
    "pay": ("paid",),
    "build": ("built",),
    "lay": ("laid",),
    "break": ("broke", "broken"),
}
# Learned cue lemmas too common to be worth a parse of every sentence that holds them.
_TOO_COMMON = frozenset(
    {"be", "have", "do", "'s", "get", "go", "in", "to", "for", "on", "of", "with", "at", "as", "by"}
)


@lru_cache(maxsize=1)
def _learned_cue() -> re.Pattern[str] | None:
    """The forms of the lemmas the learned attribution model takes as cues, when it is in use."""
    from .learned import active_model

    model = active_model()
    if model is None:
        return None
    words = [
        w for w in model.cue_lemmas if w.isalpha() and w not in _TOO_COMMON and w not in REPORT_LEMMAS | STANCE_LEMMAS
    ]
    forms = {f for w in words for f in _forms(w)} | {f for w in words for f in _IRREGULAR_MORE.get(w, ())}
    if not forms:
        return None
    return re.compile(r"\b(?:" + "|".join(sorted(forms, key=len, reverse=True)) + r")\b|[―—–]", re.IGNORECASE)


IN_A_POLL = re.compile(
    r"\bin\s+(?:[\w'’/.,-]+\s+){0,8}?(?:" + "|".join(sorted(POLL_WORDS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
"""A finding credited to a poll ("In a Velm Courier poll released Monday, ..."; see ``learned.poll_cues``)."""


def has_cue(text: str) -> bool:
    """Whether a sentence holds a word that may be a reporting cue (so it must be parsed): one of the
    lexicon, a poll credited by "in", or, with the learned attribution model, one of the lemmas it has
    learned as cues."""
    if CUE.search(text) is not None or IN_A_POLL.search(text) is not None:
        return True
    learned = _learned_cue()
    return learned is not None and learned.search(text) is not None


MAX_RUN_CHARS = 20_000
"""A run to parse ends before it would pass this many characters (the parser's memory grows with a document's
length; the longest run of the 3,629 dev texts has 7,579)."""


def chunks(text: str, sentences: list[Span]) -> list[tuple[int, int]]:
    """Character ranges of ``text`` to parse: runs of sentences with a cue, each widened by the sentence
    before it when that one holds a quote mark ("“...,” she said.") and by the sentence after it when the
    cue sentence ends in a colon or holds one before a quote (content on the next line); a run of more than
    MAX_RUN_CHARS characters is cut between sentences."""
    keep = [has_cue(s.text) for s in sentences]
    wanted = list(keep)
    for i, cue in enumerate(keep):
        if not cue:
            continue
        if i > 0 and any(q in sentences[i - 1].text for q in _QUOTE_MARKS):
            wanted[i - 1] = True
        if i + 1 < len(sentences) and ":" in sentences[i].text:
            wanted[i + 1] = True
    out: list[tuple[int, int]] = []
    for i, s in enumerate(sentences):
        if not wanted[i]:
            continue
        if out and i > 0 and wanted[i - 1] and s.end - out[-1][0] <= MAX_RUN_CHARS:
            out[-1] = (out[-1][0], s.end)
        else:
            out.append((s.start, s.end))
    return out
