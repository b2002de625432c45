"""What a copy changed: a sentence alignment of a copy against its origin, with the kind of each edit."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from difflib import SequenceMatcher
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from ..languages import article_language
from ..model import Article
from .edits import Change, is_boilerplate, sentence_changes
from .sentences import split_sentences
from .translations import anchor_terms

MATCH = 0.7
MOVED = 0.8


@dataclass
class Edit:
    """One sentence-level difference: a sentence added, removed, or edited (with its changes)."""

    kind: str  # "added", "removed", "edited"
    origin: str | None
    copy: str | None
    kinds: list[str] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    similarity: float = 0.0


@dataclass
class CopyDiff:
    """How ``copy_id`` differs from ``origin_id``: sentences kept verbatim and the edits."""

    origin_id: str
    copy_id: str
    kept: int
    edits: list[Edit] = field(default_factory=list)

    @property
    def kinds(self) -> Counter:
        """How many edits of each kind (spelling, honorific, date, trim, wording, ...)."""
        return Counter(k for e in self.edits for k in e.kinds)

    def of_kind(self, kind: str) -> list[Edit]:
        """Edits of one sentence-level kind: added, removed or edited."""
        return [e for e in self.edits if e.kind == kind]

    @classmethod
    def from_plain(cls, d: dict[str, Any]) -> CopyDiff:
        """Inverse of ``model.to_plain`` on a CopyDiff (a diff saved in the store)."""
        edits = [Edit(**{**e, "changes": [Change(**c) for c in e["changes"]]}) for e in d["edits"]]
        return cls(d["origin_id"], d["copy_id"], d["kept"], edits)

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form for JSON output."""
        return {
            "origin": self.origin_id,
            "copy": self.copy_id,
            "kept": self.kept,
            "added": len(self.of_kind("added")),
            "removed": len(self.of_kind("removed")),
            "edited": len(self.of_kind("edited")),
            "kinds": dict(sorted(self.kinds.items())),
            "edits": [asdict(e) for e in self.edits],
        }


MAX_DIFF_CELLS = 250_000
"""Origin sentences times copy sentences above which only equal sentences are aligned (the full alignment is
quadratic)."""


def _norm(sentence: str) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in sentence.lower()).split())


def _align(sim: np.ndarray) -> list[tuple[int, int]]:
    """Monotone alignment maximising the summed similarity of matched sentences (those >= MATCH)."""
    m, n = sim.shape
    score = np.zeros((m + 1, n + 1))
    for i in range(m - 1, -1, -1):
        for j in range(n - 1, -1, -1):
            best = max(score[i + 1, j], score[i, j + 1])
            if sim[i, j] >= MATCH:
                best = max(best, sim[i, j] + score[i + 1, j + 1])
            score[i, j] = best
    pairs, i, j = [], 0, 0
    while i < m and j < n:
        if sim[i, j] >= MATCH and score[i, j] == sim[i, j] + score[i + 1, j + 1]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif score[i, j] == score[i + 1, j]:
            i += 1
        else:
            j += 1
    return pairs


def diff_sentences(origin: list[str], copy: list[str]) -> tuple[int, list[Edit]]:
    """Kept count and edits between two sentence lists, in the copy's order (removals where they were)."""
    if len(origin) * len(copy) > MAX_DIFF_CELLS:
        return _diff_exact(origin, copy)
    o_norm, c_norm = [_norm(s) for s in origin], [_norm(s) for s in copy]
    if origin and copy:
        sim = process.cdist(o_norm, c_norm, scorer=fuzz.ratio, dtype=np.float64, workers=1) / 100.0
    else:
        sim = np.zeros((len(origin), len(copy)))
    pairs = _align(sim)
    matched_o = {i for i, _ in pairs}
    matched_c = {j for _, j in pairs}
    moved = []
    for i in range(len(origin)):
        if i in matched_o:
            continue
        free = [j for j in range(len(copy)) if j not in matched_c]
        if free:
            j = max(free, key=lambda j: sim[i, j])
            if sim[i, j] >= MOVED:
                moved.append((i, j))
                matched_o.add(i)
                matched_c.add(j)
    by_copy = {j: i for i, j in pairs + moved}
    moved_set = set(moved)
    last_kept = max(matched_o) if matched_o else -1
    first_kept = min(matched_o) if matched_o else len(origin)
    kept = 0
    edits: list[Edit] = []
    removed_before: dict[int, list[int]] = {}
    for i in range(len(origin)):
        if i not in matched_o:
            after = [j for i2, j in pairs if i2 < i]
            removed_before.setdefault(max(after) if after else -1, []).append(i)

    def removed(i: int) -> Edit:
        kinds = ["trim"] if i > last_kept or i < first_kept else []
        if is_boilerplate(origin[i]):
            kinds.append("boilerplate")
        return Edit("removed", origin[i], None, kinds)

    edits.extend(removed(i) for i in removed_before.get(-1, []))
    for j, sentence in enumerate(copy):
        if j in by_copy:
            i = by_copy[j]
            if origin[i] == sentence:
                kept += 1
            else:
                changes = sentence_changes(origin[i], sentence)
                kinds = sorted({c.kind for c in changes} | ({"moved"} if (i, j) in moved_set else set()))
                edits.append(Edit("edited", origin[i], sentence, kinds, changes, round(float(sim[i, j]), 3)))
        else:
            edits.append(Edit("added", None, sentence, ["boilerplate"] if is_boilerplate(sentence) else []))
        edits.extend(removed(i) for i in removed_before.get(j, []))
    return kept, edits


def _diff_exact(origin: list[str], copy: list[str]) -> tuple[int, list[Edit]]:
    """Kept count and edits of texts too long for the similarity alignment: equal sentences only, in
    near-linear time (a sentence that changed is one removed and one added)."""
    o_norm, c_norm = [_norm(s) for s in origin], [_norm(s) for s in copy]
    edits: list[Edit] = []
    kept, i, j = 0, 0, 0
    for oi, ci, size in SequenceMatcher(None, o_norm, c_norm, autojunk=True).get_matching_blocks():
        edits.extend(Edit("removed", origin[k], None, []) for k in range(i, oi))
        edits.extend(Edit("added", None, copy[k], []) for k in range(j, ci))
        kept += sum(origin[oi + k] == copy[ci + k] for k in range(size))
        edits.extend(
            Edit("edited", origin[oi + k], copy[ci + k], ["wording"])
            for k in range(size)
            if origin[oi + k] != copy[ci + k]
        )
        i, j = oi + size, ci + size
    return kept, edits


def diff_copy(copy: Article, origin: Article, translated: bool | None = None) -> CopyDiff:
    """The sentence-level differences of ``copy`` from ``origin``: added, removed and edited sentences;
    for a translation, the sentences aligned across the languages (:func:`align_translation`).
    ``translated``: whether the copy stage found ``copy`` to be a translation; None tells it from the languages."""
    if translated is None:
        lang_copy, lang_origin = article_language(copy), article_language(origin)
        translated = bool(lang_copy and lang_origin and lang_copy != lang_origin)
    if translated:
        return align_translation(copy, origin)
    kept, edits = diff_sentences(split_sentences(origin.text), split_sentences(copy.text))
    return CopyDiff(origin.id, copy.id, kept, edits)


def align_translation(copy: Article, origin: Article, window: int = 3) -> CopyDiff:
    """A translation's sentences aligned in order with the origin's by the names and numbers they share:
    each aligned pair is an ``edited`` edit of kind ``translated``; the rest are added or removed."""
    o, c = split_sentences(origin.text), split_sentences(copy.text)
    o_terms, c_terms = [anchor_terms(s) for s in o], [anchor_terms(s) for s in c]
    edits: list[Edit] = []
    at = 0
    for j, sentence in enumerate(c):
        scored = [
            (len(o_terms[i] & c_terms[j]) / max(1, len(o_terms[i] | c_terms[j])), i)
            for i in range(at, min(len(o), at + window))
        ]
        score, i = max(scored, default=(0.0, -1))
        if score <= 0 and at < len(o) and not o_terms[at] and not c_terms[j]:
            score, i = 0.01, at
        if score <= 0:
            edits.append(Edit("added", None, sentence, ["translated"]))
            continue
        edits.extend(Edit("removed", o[k], None, ["translated"]) for k in range(at, i))
        edits.append(Edit("edited", o[i], sentence, ["translated"], [], round(score, 3)))
        at = i + 1
    edits.extend(Edit("removed", o[k], None, ["translated"]) for k in range(at, len(o)))
    return CopyDiff(origin.id, copy.id, 0, edits)
