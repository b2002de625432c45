"""Plain-data forms of stories and threads: the ``storyline cluster`` lines and ``analyze`` JSON."""

from __future__ import annotations

from storyline.model import CopyGroup, Story, Thread


def cluster_rows(stories: list[Story], groups: list[CopyGroup] | None = None) -> list[dict]:
    """One row per article: {"id", "story", "thread", "copy_group", "copy_of"}, in story order.

    ``copy_of`` is the origin article of the article's copy group (None for the origin itself
    and for articles in no group of more than one).
    """
    group_of: dict[str, CopyGroup] = {}
    for g in groups or []:
        for a in g.article_ids:
            group_of[a] = g
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


def story_dict(story: Story) -> dict:
    """A story for the ``stories`` list of ``storyline analyze`` JSON."""
    return {
        "id": story.id,
        "title": story.title,
        "start": story.start,
        "end": story.end,
        "articles": list(story.article_ids),
        "copy_groups": list(story.copy_group_ids),
        "sources": list(story.sources),
        "thread": story.thread,
    }


def thread_dict(thread: Thread) -> dict:
    """A thread for the ``threads`` list of ``storyline analyze`` JSON."""
    return {
        "id": thread.id,
        "title": thread.title,
        "start": thread.start,
        "end": thread.end,
        "stories": list(thread.story_ids),
    }
