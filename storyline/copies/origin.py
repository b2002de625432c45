"""Which member of a copy group is the origin the others derive from."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from ..model import Removed
from .direction import copy_direction, is_credit_note
from .overlap import Overlap

_CENTRALITY_SAMPLE = 200
DIRECTION_MARGIN = 0.02
_TEXT_POOL = 8


@dataclass
class Candidate:
    """What origin choice looks at for one article."""

    id: str
    shingles: np.ndarray
    published: str | None = None
    source: str | None = None
    credits: tuple[str, ...] = field(default_factory=tuple)
    notes: tuple[str, ...] = field(default_factory=tuple)
    """Republisher's credit notes that cleaning removed from the article (:func:`removed_notes`)."""


def removed_notes(removed: list[Removed]) -> tuple[str, ...]:
    """The lines cleaning removed that are a republisher's credit note ("Read more: This story was first
    published by ...", a copyright line ending "Republished with permission"): they mark the article as
    a copy as the same note left in its text does, so origin choice reads them with the text."""
    return tuple(r.text for r in removed if is_credit_note(r.text))


def _norm(name: str) -> str:
    return " ".join(name.lower().replace(".", " ").split())


def credit_votes(members: list[Candidate]) -> list[int]:
    """For each member, how many other members credit its source (a wire agency) as theirs."""
    votes = []
    for m in members:
        source = _norm(m.source) if m.source else ""
        n = 0
        if source:
            for other in members:
                if other is not m and any(_credits_match(source, _norm(c)) for c in other.credits):
                    n += 1
        votes.append(n)
    return votes


def _credits_match(source: str, credit: str) -> bool:
    if not credit:
        return False
    return source == credit or source.startswith(credit + " ") or credit.startswith(source + " ")


def direction(members: list[Candidate]) -> list[float]:
    """For each member, how much more of the others' text it holds than they hold of its own:
    the mean over others of (share of the other found in it) - (share of it found in the other).

    A reprint cut from the end is held whole by its original, which holds more besides: the
    original scores above its trimmed copies. Large groups are compared with a fixed sample of
    members, so the cost stays linear.
    """
    ordered = sorted(members, key=lambda m: m.id)
    step = max(1, len(ordered) // _CENTRALITY_SAMPLE)
    sample = ordered[::step]
    out = []
    for m in members:
        overlaps = [Overlap.of(m.shingles, o.shingles) for o in sample if o is not m]
        if not overlaps:
            out.append(0.0)
            continue
        out.append(round(sum(ov.b_in_a - ov.a_in_b for ov in overlaps) / len(overlaps), 9))
    return out


@dataclass
class OriginChoice:
    """The origin of a group, the evidence that named it, and, when the evidence does not decide,
    the candidates left (``undetermined``); ``origin`` is then the first candidate by id."""

    origin: Candidate
    evidence: list[str]
    undetermined: bool = False
    candidates: list[str] = field(default_factory=list)


def choose_origin(
    members: list[Candidate], margin: float = DIRECTION_MARGIN, texts: Callable[[str], str | None] | None = None
) -> tuple[Candidate, list[str]]:
    """The origin of a group and the evidence that chose it (see :func:`decide_origin`)."""
    choice = decide_origin(members, margin, texts)
    return choice.origin, choice.evidence


Tie = Callable[[Candidate, Candidate], tuple[int, str]]
"""A further rule for a pair of candidates whose texts do not tell (:func:`decide_origin`'s ``tie``): positive
when the second is the copy, negative when the first is, 0 when it does not tell; with its evidence."""


def decide_origin(
    members: list[Candidate],
    margin: float = DIRECTION_MARGIN,
    texts: Callable[[str], str | None] | None = None,
    tie: Tie | None = None,
) -> OriginChoice:
    """The origin of a group from evidence, in order: the article whose source the others credit
    (a wire story), the earliest publication (when every remaining member has a date), then, with
    ``texts`` (id -> text), what the texts show a republisher did (:mod:`.direction`: a relative
    date made absolute, a last sentence cut in the middle, story sentences cut from the end while
    the other version holds only its own notes, furniture or a line not about the story); without
    texts, the member that holds the others' text and more, by at least ``margin`` over the next.
    When none decides, the origin is undetermined and the candidates are kept. The result never
    depends on input order. ``tie`` (for evaluating a rule before it is made one) is read for the pairs whose
    texts do not tell.
    """
    pool = sorted(members, key=lambda m: m.id)
    reasons: list[str] = []
    votes = credit_votes(pool)
    if max(votes) > 0:
        best = max(votes)
        pool = [m for m, v in zip(pool, votes) if v == best]
        reasons.append(f"credited as wire source by {best} other member(s)")
    if len(pool) > 1 and all(m.published for m in pool):
        timed = all(len(m.published or "") >= 16 and "T" in (m.published or "") for m in pool)
        first = min(_when(m, timed) for m in pool)
        earlier = [m for m in pool if _when(m, timed) == first]
        if len(earlier) < len(pool):
            reasons.append(f"earliest publication ({first})")
        pool = earlier
    read = 1 < len(pool) <= _TEXT_POOL and texts is not None
    if read:
        pool = _not_copies(pool, texts, reasons, tie)  # type: ignore[arg-type]
    if len(pool) > 1 and not read:
        scores = dict(zip((m.id for m in members), direction(members)))
        ranked = sorted(pool, key=lambda m: (-scores[m.id], m.id))
        lead = scores[ranked[0].id] - scores[ranked[1].id]
        if lead >= margin:
            reasons.append(f"its text holds the others' and more (by {lead:.2f} of a text over the next)")
            pool = ranked[:1]
    if len(pool) > 1:
        reasons.append("undetermined: no credit, date or text direction tells the candidates apart")
        return OriginChoice(pool[0], reasons, True, [m.id for m in pool])
    return OriginChoice(pool[0], reasons)


def _not_copies(
    pool: list[Candidate], texts: Callable[[str], str | None], reasons: list[str], tie: Tie | None = None
) -> list[Candidate]:
    """The candidates with the most votes over every pair (:func:`copy_direction` gives its score
    to the version the other is a copy of), when that count is positive and not everyone's; else
    all of them. The evidence kept is what the winners won by."""
    body = {m.id: _with_notes(texts(m.id), m.notes) for m in pool}
    votes = {m.id: 0 for m in pool}
    won: dict[str, set[str]] = {m.id: set() for m in pool}
    for i, a in enumerate(pool):
        for b in pool[i + 1 :]:
            if body[a.id] is None or body[b.id] is None:
                continue
            score, evidence = copy_direction(body[a.id], body[b.id])  # type: ignore[arg-type]
            if not score and tie is not None:
                score, evidence = tie(a, b)
            if score:
                votes[a.id] += score
                votes[b.id] -= score
                won[a.id if score > 0 else b.id].add(evidence)
    best = max(votes.values())
    left = [m for m in pool if votes[m.id] == best]
    if len(left) < len(pool) and best > 0:
        why = set().union(*(won[m.id] for m in left))
        who = "its copies show it" if len(left) == 1 else f"the {len(left)} candidates left beat the other members"
        reasons.append(who + " by " + " and ".join(sorted(why)))
        return left
    return pool


def _with_notes(text: str | None, notes: tuple[str, ...]) -> str | None:
    """The text with the credit notes cleaning removed from it put back as closing paragraphs."""
    if text is None or not notes:
        return text
    return "\n\n".join((text, *notes))


def _when(m: Candidate, timed: bool) -> str:
    """The publication time to compare by: the timestamp when every candidate has one, else the day."""
    value = m.published or ""
    return value[:19] if timed else value[:10]
