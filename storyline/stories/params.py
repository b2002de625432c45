"""Default settings of story clustering and threading, and the learned merge model's weights.

MERGE_WEIGHTS/MERGE_BIAS were fitted by ``python -m storyline.evaluate.clusters --fit`` (logistic
regression on copy-group/story pairs from the three dev sets); the held-out figures in
docs/stories.md come from leave-one-dataset-out fits made the same way.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

# cos_w, cos_e, cos_n, max_w, max_e, gap, cross, cross_cos_n, cross_cos_e, max_t
MERGE_BIAS = -5.241
MERGE_WEIGHTS = (2.812, 3.582, 3.370, 4.950, 2.854, -4.619, 1.956, 0.394, 1.918, 2.270)
MERGE_THRESHOLD = 0.2
# the same fit with the dense cosine cos_d appended (used when dense=True and weights are not given)
MERGE_BIAS_DENSE = -5.726
MERGE_WEIGHTS_DENSE = (1.933, 3.543, 3.392, 4.341, 2.861, -4.600, 2.012, 0.514, 2.114, 2.186, 1.384)


@dataclass
class StoryParams:
    """Knobs of the story stage; defaults are what the documented figures were measured with."""

    threshold: float = MERGE_THRESHOLD
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
