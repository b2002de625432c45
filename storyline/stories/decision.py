"""The merge decision: does a copy group belong to a candidate story? A small logistic model.

Features follow Miranda et al. (2018): one cosine per TF-IDF sub-space (words, entities,
numbers and dates) against the story centroid, plus time features; we add the script change
(a CJK text meeting a Latin-script story shares only names, numbers and dates with it) so the
model can weigh those spaces differently across languages, the best headline-to-headline cosine
with the story's recent members (a headline names the event; short texts share little else), and
an optional dense cosine.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

FEATURES = (
    "cos_w",
    "cos_e",
    "cos_n",
    "max_w",
    "max_e",
    "gap",
    "cross",
    "cross_cos_n",
    "cross_cos_e",
    "max_t",
    "year_conflict",
    "name_conflict",
    "text_gap",
    "name_gap",
    "subject_conflict",
    "number_conflict",
)
REGIME_FEATURES = ("text_gap", "name_gap")
"""Inputs the three core dev files cannot teach (none of them has undated look-alikes with datelines,
or reports of one event on different days): weighted by a grid search over all six files, the other
weights held (``evaluate.clusters.fit_regimes``)."""
DENSE_FEATURES = FEATURES + ("cos_d",)


def time_gap(day: int | None, start: int | None, end: int | None, since: int | None = None) -> float | None:
    """Days between a date and a story's span (0 inside it); None when either side is undated.

    ``since`` is the earliest day the group's text names (see ``features.event_since``): a group
    published after the story whose text names a day of the story's span (a follow-up on Monday
    about 'Saturday's shooting') is no days away from it; one that names no such day keeps its
    publication gap."""
    if day is None or start is None or end is None:
        return None
    if day < start:
        return float(start - day)
    if day > end:
        return 0.0 if since is not None and since <= end else float(day - end)
    return 0.0


def feature_vector(
    cos: Mapping[str, float],
    nearest: Mapping[str, float],
    gap: float | None,
    cross: bool,
    cos_d: float | None = None,
    title: float = 0.0,
    conflicts: tuple[float, float] = (0.0, 0.0),
    text_gap: float | None = None,
    name_gap: float | None = None,
    subject_conflict: float = 0.0,
    number_conflict: float = 0.0,
) -> list[float]:
    """Assemble the model's inputs in FEATURES order (DENSE_FEATURES when a dense cosine is given).

    ``cos`` holds cosines with the centroid, ``nearest`` the best cosine with any recent member,
    ``title`` the best headline cosine with any recent member, ``conflicts`` whether the group's
    years and key names are disjoint from the story's (specifics that keep look-alike events apart),
    ``text_gap`` the days between them when a dateline read from the text stands in for a missing
    publication date (``gap`` covers two publication dates), and ``name_gap`` the publication gap
    again when the two share a rare name (a follow-up on one incident names its victim or street),
    ``subject_conflict`` whether each side's subject (the person its lead names and its text keeps
    naming) is one the other never names: Mark Felt's death against Fred LaRue's, and
    ``number_conflict`` whether the group's lead gives a number or date the story never gives while the
    story's leads keep one the group never gives ('$200 million offer' against '$160 million').
    """
    c = 1.0 if cross else 0.0
    row = [
        cos.get("w", 0.0),
        cos.get("e", 0.0),
        cos.get("n", 0.0),
        nearest.get("w", 0.0),
        nearest.get("e", 0.0),
        math.log1p(gap) if gap is not None else 0.0,
        c,
        c * cos.get("n", 0.0),
        c * cos.get("e", 0.0),
        title,
        *conflicts,
        math.log1p(text_gap) if text_gap else 0.0,
        math.log1p(name_gap) if name_gap else 0.0,
        subject_conflict,
        number_conflict,
    ]
    if cos_d is not None:
        row.append(cos_d)
    return row


def probability(row: Sequence[float], weights: Sequence[float], bias: float) -> float:
    """Logistic merge probability of one feature row."""
    z = bias + sum(w * x for w, x in zip(weights, row))
    if z < -30:
        return 0.0
    return 1.0 / (1.0 + math.exp(-z))
