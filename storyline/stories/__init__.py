"""Stories (one event each) and threads (one developing subject each), built incrementally."""

from .clusterer import StoryClusterer, cluster_stories
from .features import article_counts
from .output import cluster_rows
from .params import StoryParams
from .threads import StoryTerms, link_threads, story_features, story_terms

__all__ = [
    "StoryClusterer",
    "StoryParams",
    "article_counts",
    "cluster_rows",
    "cluster_stories",
    "link_threads",
    "story_features",
    "story_terms",
    "StoryTerms",
]
