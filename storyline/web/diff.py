"""A copy set against its origin sentence by sentence, changed words marked, for side-by-side display."""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from typing import Any

from ..lexicon import ends_sentence

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])|\n+")
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)

Segment = tuple[str, bool]


def sentences(text: str) -> list[str]:
    """Sentences (and lines) of a text, whitespace collapsed; an abbreviation's or an initial's full stop ends none
    ("the Jan. 6 riot", "Sen. Ek", "John F. Kennedy")."""
    text = text or ""
    out: list[str] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if ends_sentence(text, m):
            closing = 1 if m.group()[:1] in "\"'”’)" else 0
            out.append(" ".join(text[start : m.start() + closing].split()))
            start = m.end()
    out.append(" ".join(text[start:].split()))
    return [part for part in out if part]


def word_diff(a: str, b: str) -> tuple[list[Segment], list[Segment]]:
    """Both texts as segments, each flagged True where it differs from the other."""
    ta, tb = _TOKENS.findall(a), _TOKENS.findall(b)
    left: list[Segment] = []
    right: list[Segment] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        changed = op != "equal"
        if i2 > i1:
            left.append(("".join(ta[i1:i2]), changed))
        if j2 > j1:
            right.append(("".join(tb[j1:j2]), changed))
    return _merge(left), _merge(right)


def _merge(segs: list[Segment]) -> list[Segment]:
    out: list[Segment] = []
    for text, flag in segs:
        if out and out[-1][1] == flag:
            out[-1] = (out[-1][0] + text, flag)
        else:
            out.append((text, flag))
    return out


def _ratio(a: str, b: str) -> float:
    return SequenceMatcher(None, a.lower().split(), b.lower().split(), autojunk=False).ratio()


def _pair(olds: list[str], news: list[str]) -> list[dict[str, Any]]:
    """Rows for a changed block: each origin sentence matched, in order, to the next similar copy sentence."""
    rows: list[dict[str, Any]] = []
    j = 0
    for o in olds:
        best, best_k = 0.0, -1
        for k in range(j, len(news)):
            r = _ratio(o, news[k])
            if r > best:
                best, best_k = r, k
        if best >= 0.4:
            rows.extend({"kind": "added", "origin": [], "copy": [(n, True)]} for n in news[j:best_k])
            left, right = word_diff(o, news[best_k])
            rows.append({"kind": "edited", "origin": left, "copy": right})
            j = best_k + 1
        else:
            rows.append({"kind": "removed", "origin": [(o, True)], "copy": []})
    rows.extend({"kind": "added", "origin": [], "copy": [(n, True)]} for n in news[j:])
    return rows


def diff_rows(origin_text: str, copy_text: str) -> list[dict[str, Any]]:
    """Aligned rows ``{"kind": same|edited|added|removed, "origin": segments, "copy": segments}``."""
    a, b = sentences(origin_text), sentences(copy_text)
    rows: list[dict[str, Any]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            rows.extend({"kind": "same", "origin": [(s, False)], "copy": [(s, False)]} for s in a[i1:i2])
        else:
            rows.extend(_pair(a[i1:i2], b[j1:j2]))
    return rows


def stored_rows(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows from the diff items the copies stage stored (changes only), in the same shape as :func:`diff_rows`."""
    rows = []
    for it in items:
        if not isinstance(it, dict):
            continue
        kind = it.get("kind") if it.get("kind") in ("added", "removed", "edited") else "edited"
        o, c = str(it.get("origin_text") or ""), str(it.get("copy_text") or "")
        if kind == "edited" and o and c:
            left, right = word_diff(o, c)
        else:
            left, right = ([(o, True)] if o else []), ([(c, True)] if c else [])
        edits = [str(e) for e in it.get("edits") or [] if isinstance(e, str)]
        rows.append({"kind": kind, "origin": left, "copy": right, "edits": edits})
    return rows


def summary(rows: list[dict[str, Any]]) -> dict[str, int]:
    """How many rows of each kind."""
    out = {"same": 0, "edited": 0, "added": 0, "removed": 0}
    for r in rows:
        out[r["kind"]] = out.get(r["kind"], 0) + 1
    return out
