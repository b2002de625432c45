"""The threads step: stories linked into threads, kept in the store for the stories and parameters they came from."""

from __future__ import annotations

from typing import Any

from .. import incremental
from ..engines import Engine, map_chunks
from ..model import Article, Story, Thread, to_plain
from ..settings import Settings
from ..store import Store
from ..stories import StoryParams, StoryTerms, link_threads, story_terms
from . import base
from .base import Run, Step


def linked_threads(
    stories: list[Story],
    articles: dict[str, Article],
    features: dict[str, StoryTerms] | None = None,
    params: StoryParams | None = None,
) -> list[Thread]:
    """Threads of two or more stories (sets ``Story.thread``; a story alone in its thread gets None), linked
    with the thread parameters of ``params`` (default: the shipped ones)."""
    params = params or StoryParams()
    threads = [
        t
        for t in link_threads(
            stories,
            articles,
            threshold=params.thread_threshold,
            window_days=params.thread_window_days,
            features=features,
        )
        if len(t.story_ids) > 1
    ]
    threaded = {sid for t in threads for sid in t.story_ids}
    for story in stories:
        story.thread = story.thread if story.id in threaded else None
    return threads


def _threads(
    store: Store, stories: list[Story], articles: dict[str, Article], rebuild: bool, engine: Engine, settings: Settings
) -> list[Thread]:
    """Threads of the stories (sets ``Story.thread``), reused from the store when the stories and the thread
    parameters are the ones they were linked with (a rerun after a kill in a later stage skips linking the
    corpus again); story terms are made on the ``engine``."""
    token = incremental.key(
        ["threads", settings.part("threads")], [[s.id, s.article_ids, s.start, s.end, s.title] for s in stories]
    )
    state = incremental.Saved(store, "threads", token, rebuild)
    saved = state.load_json()
    if saved:
        thread_of = saved["thread_of"]
        for story in stories:
            story.thread = thread_of.get(story.id)
        return [Thread(**t) for t in saved["threads"]]
    members = [(s, [articles[a] for a in s.article_ids if a in articles]) for s in stories]
    feats = dict(zip([s.id for s in stories], map_chunks(engine, _story_terms_chunk, members, base.CHUNK)))
    threads = linked_threads(stories, articles, feats, settings.stories)
    state.save_json(
        {"thread_of": {s.id: s.thread for s in stories if s.thread}, "threads": [to_plain(t) for t in threads]}
    )
    return threads


def _story_terms_chunk(members: list[tuple[Story, list[Article]]]) -> list[StoryTerms]:
    """Thread-linking features of a chunk of stories, each with its articles (an engine task)."""
    return [story_terms(s, {a.id: a for a in arts}) for s, arts in members]


def _run(run: Run, stories: list[Story], dated: list[Article]) -> dict[str, Any]:
    return {"threads": _threads(run.store, stories, {a.id: a for a in dated}, run.rebuild, run.engine, run.settings)}


STEP = Step("threads", reads=("stories", "dated"), writes=("threads",), fn=_run, stage="stories")
"""Threads of two or more stories (each story's ``thread`` set)."""
