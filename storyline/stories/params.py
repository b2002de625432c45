"""Default settings of story clustering and threading, and the learned merge model's weights.

MERGE_WEIGHTS/MERGE_BIAS were fitted by ``python -m storyline.evaluate.clusters ECB+ AllSides MMDS
--fit --regimes GVA MEANTIME UCI --headline-views``: a logistic regression on copy-group/story pairs
from the ECB+, AllSides and MMDS dev sets for the core inputs (the specifics year_conflict,
name_conflict and subject_conflict included), then the two regime inputs (text_gap, name_gap), the
short groups' threshold and the headline stories' merge cosine (short_merge) set by a grid search on
the mean BCubed F1 of all six dev files and the headline views of AllSides, MMDS and GVA, the core
held (see docs/stories.md, which gives the leave-one-file-out figures of both steps).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

# cos_w, cos_e, cos_n, max_w, max_e, gap, cross, cross_cos_n, cross_cos_e, max_t, year_conflict, name_conflict,
# text_gap, name_gap, subject_conflict, number_conflict
MERGE_BIAS = -4.002
MERGE_WEIGHTS = (
    2.592,
    3.595,
    2.66,
    4.099,
    2.33,
    -4.467,
    1.698,
    -0.006,
    1.782,
    2.59,
    -2.204,
    -0.645,
    -1.0,
    1.0,
    -1.619,
    -0.959,
)
MERGE_THRESHOLD = 0.15
MERGE_SHORT_THRESHOLD: float | None = None
MERGE_SHORT_MERGE: float | None = 0.1
# the 2026-11-23 fit with the dense cosine cos_d appended (used when dense=True and weights are not given);
# not refitted with the specifics inputs or the headline encoder, whose inputs stay at weight 0 here
MERGE_BIAS_DENSE = -5.786
MERGE_WEIGHTS_DENSE = (
    1.535,
    3.809,
    3.512,
    3.975,
    3.389,
    -4.898,
    2.111,
    0.395,
    2.138,
    2.153,
    0.0,
    0.0,
    0.0,
    0.0,
    0.0,
    0.0,
    1.273,
)


@dataclass
class StoryParams:
    """Knobs of the story stage; defaults are what the documented figures were measured with."""

    threshold: float = MERGE_THRESHOLD
    short_threshold: float | None = MERGE_SHORT_THRESHOLD  # a short group's (None: ``threshold``)
    short_terms: int = 16  # fewer distinct words than this: a short group (a headline, a feed item)
    short_merge: float | None = MERGE_SHORT_MERGE  # headline-only stories merged at this centroid cosine
    window_days: int = 30
    max_idle_groups: int = 50_000
    top_terms: dict[str, int] = field(default_factory=lambda: {"w": 12, "e": 8, "n": 6})
    max_candidates: int = 20
    nearest_candidates: int = 5
    keep_members: int = 20
    chunk_groups: int = 5000
    weights: tuple[float, ...] = MERGE_WEIGHTS
    bias: float = MERGE_BIAS
    dense: bool = False
    thread_threshold: float = 0.30
    thread_window_days: int = 365
    split_days: int = 0  # > 0: place spans of this many days apart, in parallel (stories/windows.py)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["weights"] = list(self.weights)
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "StoryParams":
        d = dict(d)
        if "weights" in d:
            d["weights"] = tuple(d["weights"])
        return cls(**d)
