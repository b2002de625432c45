"""Which parts of an article the parser needs to see: sentences that hold a reporting cue, with the
neighbours a cue may take its content from; everything else gets the outer chain without a parse.

The filter only has to keep every sentence in which :func:`storyline.sources.parse.find_in_doc` could
find a cue (a verb whose lemma is a reporting or stance lemma, "according to", a hearsay adverb), so it
matches every regular inflection of those lemmas, and their irregular forms, on the raw text.
"""

from __future__ import annotations

import re

from .lexicon import HEARSAY_ADVERBS, REPORT_LEMMAS, STANCE_LEMMAS
from .spans import Span

_IRREGULAR = {"say": ("said",), "tell": ("told",), "write": ("wrote", "written"), "find": ("found",), "seek": ("sought",),
              "think": ("thought",), "show": ("shown",)}
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
    r"\b(?:" + "|".join(f for w in sorted(REPORT_LEMMAS | STANCE_LEMMAS) for f in _forms(w)) + r"|according\s+to|"
    + "|".join(sorted(HEARSAY_ADVERBS)) + r")\b",
    re.IGNORECASE,
)


def has_cue(text: str) -> bool:
    """Whether a sentence holds a word that may be a reporting cue (so it must be parsed)."""
    return CUE.search(text) is not None


def chunks(text: str, sentences: list[Span]) -> list[tuple[int, int]]:
    """Character ranges of ``text`` to parse: runs of sentences with a cue, each widened by the sentence
    before it when that one holds a quote mark ("“...,” she said.") and by the sentence after it when the
    cue sentence ends in a colon or holds one before a quote (content on the next line)."""
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
        if out and i > 0 and wanted[i - 1]:
            out[-1] = (out[-1][0], s.end)
        else:
            out.append((s.start, s.end))
    return out
