"""Settings of the copy stage, in one object so an index can be persisted with them."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any


@dataclass(frozen=True)
class CopyParams:
    """How texts are shingled, sketched, indexed and judged to be copies.

    ``resemblance`` is the Jaccard similarity of shingle sets above which two texts are copies;
    ``containment`` the share of the smaller text found in the larger one above which they are
    (partial) copies too. ``edited`` is the share both ways above which a copy counts as an edited
    reprint rather than a partial copy or a container. ``window_days`` expires articles from the
    index once they are that many days older than the newest one (None keeps everything).
    """

    shingle_size: int = 5
    num_perm: int = 128
    bands: int = 64
    seed: int = 42
    resemblance: float = 0.5
    containment: float = 0.4
    edited: float = 0.6
    min_shared: int = 10
    window_days: int | None = None

    def __post_init__(self) -> None:
        if self.shingle_size < 1:
            raise ValueError("shingle_size must be at least 1")
        if self.bands < 1 or self.num_perm % self.bands:
            raise ValueError(f"bands ({self.bands}) must divide num_perm ({self.num_perm})")
        for name in ("resemblance", "containment", "edited"):
            v = getattr(self, name)
            if not 0.0 < v <= 1.0:
                raise ValueError(f"{name} must be in (0, 1], got {v}")

    @property
    def rows(self) -> int:
        """MinHash values per LSH band."""
        return self.num_perm // self.bands

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form, stored beside a persisted index."""
        return asdict(self)
