"""Stories (one event each) and threads (one developing subject each), built incrementally."""

from .clusterer import StoryClusterer, cluster_stories
from .output import cluster_rows
from .params import StoryParams
from .threads import link_threads

__all__ = [
    "StoryClusterer",
    "StoryParams",
    "cluster_rows",
    "cluster_stories",
    "link_threads",
]
