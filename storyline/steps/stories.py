"""The stories step: stories from the clusterer kept in the store, after placing the articles it has not seen."""

from __future__ import annotations

import functools
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from .. import incremental
from ..copies import CopyParams
from ..engines import Engine, map_chunks
from ..model import Article, CopyGroup, Story
from ..settings import Settings
from ..store import Store
from ..stories import StoryClusterer, article_counts
from ..stories.windows import WindowPlacement, WindowTask
from . import base
from .base import Run, Step
from .copies import copy_groups_of
from .dates import date_articles
from .stored import stored_articles, worker_store

STORY_SAVE_SECONDS = 600.0


STORY_SAVE_SHARE = 0.1


def story_inputs(
    articles: list[Article], copies: CopyParams | None = None
) -> tuple[list[Article], list[CopyGroup], dict[str, str]]:
    """What the story stage takes, made one way for ``storyline cluster`` and the story evaluation:
    the articles as later stages date them, their copy groups (made with ``copies``), and article id -> copy
    group id."""
    groups = copy_groups_of(articles, copies)
    group_of = {m.article_id: g.id for g in groups for m in g.members}
    dated, _ = date_articles(articles, groups)
    return dated, groups, group_of


def _stories(
    store: Store,
    articles: list[Article],
    groups: list[CopyGroup],
    group_of: dict[str, str],
    rebuild: bool,
    engine: Engine,
    settings: Settings,
    on_chunk: Callable[[int, int], None] | None = None,
) -> list[Story]:
    """Stories from the clusterer saved in the store for these story parameters, after placing the articles
    it has not seen.

    Stories keep their ids across runs; a new copy of an article already placed joins that
    article's story, even when the new copy renamed its group by becoming the origin. The clusterer
    is saved between chunks every ``STORY_SAVE_SECONDS``, or less often when saving would take more
    than ``STORY_SAVE_SHARE`` of the time (its state grows with the corpus), so a run killed in a
    long story stage resumes at its last saved chunk and ends as an unbroken run would.
    """
    saved = incremental.Saved(store, "stories", incremental.key("stories", settings.part("stories")), rebuild)
    blob = saved.load()
    try:
        clusterer = StoryClusterer.from_bytes(blob) if blob else StoryClusterer(settings.story_params())
    except (ValueError, KeyError, TypeError):
        clusterer = StoryClusterer(settings.story_params())
    placed = clusterer.placed()
    new = [a for a in articles if a.id not in placed]
    if new:
        for g in groups:
            earlier = [placed[m.article_id] for m in g.members if m.article_id in placed]
            if earlier:
                clusterer.attach(g.id, earlier[0])
        counts = functools.partial(map_chunks, engine, _counts_chunk, size=base.CHUNK)
        last, cost = [time.monotonic()], [0.0]

        def checkpoint(done: int, total: int) -> None:
            due = time.monotonic() - last[0] >= max(STORY_SAVE_SECONDS, cost[0] / STORY_SAVE_SHARE)
            if done < total and due and clusterer.stories_by_id:  # windows: nothing to save until they are joined
                start = time.monotonic()
                saved.save(clusterer.to_bytes())
                last[0] = time.monotonic()
                cost[0] = last[0] - start
            if on_chunk:
                on_chunk(done, total)

        kept = _SavedWindows(store, engine)
        clusterer.add(new, copy_group_of=group_of, counts=counts, on_chunk=checkpoint, imap=kept)
        saved.save(clusterer.to_bytes())
        kept.clear()
    return clusterer.stories()


@dataclass
class StoredWindow:
    """A window task as it travels to a worker that reads the store: its groups as article ids, and each
    article's date as the dates step gave it (a stored article may lack its inferred date)."""

    task: WindowTask
    warmup: dict[str, list[str]]
    home: dict[str, list[str]]
    dates: dict[str, tuple[str | None, dict[str, str]]]
    store: str

    @classmethod
    def of(cls, task: WindowTask, store: str) -> StoredWindow:
        """``task`` without its articles."""
        arts = [a for part in (task.warmup, task.home) for group in part.values() for a in group]
        return cls(
            replace(task, warmup={}, home={}),
            {k: [a.id for a in group] for k, group in task.warmup.items()},
            {k: [a.id for a in group] for k, group in task.home.items()},
            {a.id: (a.published, a.inferred) for a in arts},
            store,
        )

    def task_with_articles(self) -> WindowTask:
        """The task as it was made, its articles read from the store (in this process: a worker's)."""
        ids = [i for part in (self.warmup, self.home) for group in part.values() for i in group]
        found = {a.id: a for a in stored_articles(self.store, list(dict.fromkeys(ids)))}
        dated = {i: replace(a, published=self.dates[i][0], inferred=self.dates[i][1]) for i, a in found.items()}
        return replace(
            self.task,
            warmup={k: [dated[i] for i in group] for k, group in self.warmup.items()},
            home={k: [dated[i] for i in group] for k, group in self.home.items()},
        )


def _place_stored(window: StoredWindow, fn: Callable[[WindowTask], WindowPlacement]) -> WindowPlacement:
    """``fn`` (a window's placement) over a window that travelled as ids (an engine task)."""
    return fn(window.task_with_articles())


class _SavedWindows:
    """The ``imap`` story windows run through (:mod:`storyline.stories.windows`): on the engine, each
    window's placement kept in the store as it arrives, so a rerun after a kill places only the
    windows it has not kept (a kept one is reused when its digest says its groups are unchanged). Where the
    engine's workers can open the store, windows travel as ids (:class:`StoredWindow`)."""

    def __init__(self, store: Store, engine: Engine) -> None:
        self.store, self.engine = store, engine
        self.kept: set[int] = set()
        self.address = worker_store(store, engine)

    def __call__(
        self, fn: Callable[[WindowTask], WindowPlacement], tasks: Iterable[WindowTask]
    ) -> Iterator[WindowPlacement]:
        tasks = list(tasks)
        digests = {t.index: t.digest() for t in tasks}
        saved = {}
        for t in tasks:
            blob = self.store.get_state(f"story_window:{t.index}")
            placement = WindowPlacement.from_bytes(blob) if blob else None
            if placement is not None and placement.digest == digests[t.index]:
                saved[t.index] = placement
        todo = (t for t in tasks if t.index not in saved)
        address = self.address
        if address is None:
            fresh = self.engine.imap(fn, todo)
        else:
            place = functools.partial(_place_stored, fn=fn)
            fresh = self.engine.imap(place, (StoredWindow.of(t, address) for t in todo))
        for t in tasks:
            placement = saved.get(t.index)
            if placement is None:
                placement = next(fresh)
                placement.digest = digests[t.index]
                self.store.put_state(f"story_window:{t.index}", placement.to_bytes())
            self.kept.add(t.index)
            yield placement

    def clear(self) -> None:
        """Empty the kept placements once the joined stories are saved."""
        for i in sorted(self.kept):
            self.store.put_state(f"story_window:{i}", b"")


def _counts_chunk(articles: list[Article]) -> list[dict[str, Counter[str]]]:
    """Story-stage term counts of a chunk of articles (an engine task)."""
    return [article_counts(a) for a in articles]


def _run(run: Run, dated: list[Article], groups: list[CopyGroup], group_of: dict[str, str]) -> dict[str, Any]:
    return {
        "stories": _stories(
            run.store, dated, groups, group_of, run.rebuild, run.engine, run.settings, on_chunk=run.progress("stories")
        )
    }


STEP = Step("stories", reads=("dated", "groups", "group_of"), writes=("stories",), fn=_run, stage="stories")
"""Stories of the dated articles, their copies kept together."""
