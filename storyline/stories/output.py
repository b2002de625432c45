"""Plain-data form of stories for the ``storyline cluster`` lines."""

from __future__ import annotations

from storyline.model import CopyGroup, Story


def cluster_rows(stories: list[Story], groups: list[CopyGroup] | None = None) -> list[dict]:
    """One row per article: {"id", "story", "thread", "copy_group", "copy_of"}, in story order.

    ``copy_of`` is the origin article of the article's copy group (None for the origin itself
    and for articles in no group of more than one).
    """
    group_of: dict[str, CopyGroup] = {}
    for group in groups or []:
        for a in group.article_ids:
            group_of[a] = group
    rows = []
    for s in stories:
        for a in s.article_ids:
            g = group_of.get(a)
            rows.append(
                {
                    "id": a,
                    "story": s.id,
                    "thread": s.thread,
                    "copy_group": g.id if g else None,
                    "copy_of": g.origin if g and g.origin != a else None,
                }
            )
    return rows
