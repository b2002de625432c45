"""Which member of a copy group is the origin the others derive from."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .overlap import Overlap

_CENTRALITY_SAMPLE = 200


@dataclass
class Candidate:
    """What origin choice looks at for one article."""

    id: str
    shingles: np.ndarray
    published: str | None = None
    source: str | None = None
    credits: tuple[str, ...] = field(default_factory=tuple)


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


def centrality(members: list[Candidate]) -> list[tuple[float, float]]:
    """For each member, its mean resemblance to the others and the mean share of its text found in them.

    Large groups are compared with a fixed sample of members, so the cost stays linear.
    """
    ordered = sorted(members, key=lambda m: m.id)
    step = max(1, len(ordered) // _CENTRALITY_SAMPLE)
    sample = ordered[::step]
    out = []
    for m in members:
        overlaps = [Overlap.of(m.shingles, o.shingles) for o in sample if o is not m]
        if not overlaps:
            out.append((0.0, 0.0))
            continue
        resemblance = sum(ov.jaccard for ov in overlaps) / len(overlaps)
        contained = sum(ov.a_in_b for ov in overlaps) / len(overlaps)
        out.append((round(resemblance, 9), round(contained, 9)))
    return out


def choose_origin(members: list[Candidate]) -> tuple[Candidate, list[str]]:
    """The origin of a group and the evidence that chose it.

    In order: the article whose source the others credit (a wire story), the earliest publication
    (when every remaining member has a date), the text most similar to the others, the text the
    others contain most of, the fuller text, the smallest id. Each step keeps the tied best; the result never depends on input order.
    """
    pool = sorted(members, key=lambda m: m.id)
    reasons: list[str] = []
    votes = credit_votes(pool)
    if max(votes) > 0:
        best = max(votes)
        pool = [m for m, v in zip(pool, votes) if v == best]
        reasons.append(f"credited as wire source by {best} other member(s)")
    if len(pool) > 1 and all(m.published for m in pool):
        first = min(m.published[:10] for m in pool)  # type: ignore[index]
        earlier = [m for m in pool if m.published[:10] == first]  # type: ignore[index]
        if len(earlier) < len(pool):
            reasons.append(f"earliest publication ({first})")
        pool = earlier
    if len(pool) > 1:
        by_id = {m.id: s for m, s in zip(members, centrality(members))}
        for i, what in (
            (0, "text most similar to the others (mean resemblance {:.2f})"),
            (1, "text the others contain most of (mean {:.2f} of it found in them)"),
        ):
            best_score = max(by_id[m.id][i] for m in pool)
            best = [m for m in pool if by_id[m.id][i] == best_score]
            if len(best) < len(pool):
                reasons.append(what.format(best_score))
            pool = best
    if len(pool) > 1:
        most = max(len(m.shingles) for m in pool)
        fuller = [m for m in pool if len(m.shingles) == most]
        if len(fuller) < len(pool):
            reasons.append("fuller text")
        pool = fuller
    if len(pool) > 1:
        reasons.append("smallest id among equals")
    return pool[0], reasons
