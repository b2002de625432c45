"""The one place that knows the order of the steps: read, clean, store, then the analyses.

Each step (:mod:`storyline.steps`) names what it reads and what it writes; this module only lists them in
order. What a step keeps in the store between runs is keyed in :mod:`storyline.incremental`, and every step
reads its parameters from the run's one :class:`~storyline.settings.Settings`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from .engines import Engine, LocalEngine
from .incremental import RESULT_KINDS
from .settings import Settings
from .steps import copies, dates, load, results, sources, stories, threads
from .steps.base import Run, Step, run_steps
from .steps.copies import copy_diffs, copy_groups_of
from .steps.dates import date_articles
from .steps.embedding import AUTO_EMBED_ARTICLES, story_embedder, wants_embeddings
from .steps.ingest import IngestReport, ingest, prepare, read_articles
from .steps.output import analysis_json, article_json
from .steps.sources import ScopeBatch, analyse_scopes, scope_batches
from .steps.stories import story_inputs
from .steps.threads import linked_threads
from .store import Store
from .stories import StoryParams

Options = Settings
"""The name the reading settings had before :class:`~storyline.settings.Settings` held every setting."""

STEPS: tuple[Step, ...] = (
    load.STEP,
    sources.PREFETCH,
    copies.STEP,
    dates.STEP,
    stories.STEP,
    threads.STEP,
    sources.PLAN,
    sources.STEP,
    results.STEP,
)
"""The analysis in order: the corpus-wide steps (copies, dates, stories, threads), then the steps that need one
scope (a thread, or a story outside any thread) at a time, then the results published together."""


def run_stages(store: Store, **options: Any) -> dict[str, list[dict[str, Any]]]:
    """:func:`run_analysis` with the same ``options``, then every stored result list read back (for
    corpora that fit in memory)."""
    run_analysis(store, **options)
    return {kind: store.get_results(kind) for kind in RESULT_KINDS}


def run_analysis(
    store: Store,
    on_stage: Callable[[str], None] | None = None,
    rebuild: bool = False,
    nlp: Any = "default",
    engine: Engine | None = None,
    embed: str = "auto",
    on_progress: Callable[[str, int, int], None] | None = None,
    story_windows: int = 0,
    workers: int | None = None,
    settings: Settings | None = None,
) -> dict[str, int]:
    """Run every analysis over the stored corpus and store the results; return how many of each kind.

    Order (:data:`STEPS`): copies (incremental index kept in the store) -> anchor dates -> stories and
    threads, which need the whole corpus; then attributions, time mentions, claims and timeline events,
    which need only one scope (a thread, or a story outside any thread) at a time, so they run as
    batches of whole scopes (:func:`analyse_scopes`) on the engine, each batch's results written to the
    store as it finishes. ``on_stage(name)`` as each stage starts; ``on_progress(task, done, total)``
    follows the long parts: "stories" (copy groups placed) and "articles" (articles whose attributions,
    time mentions, claims and timeline events are written, a batch at a time, from 0). The new results
    replace the old ones in one step at the end; a killed run resumes at the first batch it had not
    written. ``rebuild`` drops the saved copy index and stories (needed after ``--replace`` changed
    stored texts).

    ``settings`` holds the copy and story parameters, the attribution path (``nlp``: "default", None for
    the rules, or a loaded spaCy pipeline), ``embed`` ("auto", "on", "off": align claims by meaning too),
    ``stories.split_days`` (``story_windows``: a first story placement over a longer span made in windows
    of that many days, in parallel on the engine) and ``workers``; without ``settings`` they come from
    the keyword arguments of the same names. ``engine``: where the work runs (default: this process,
    with ``workers`` local processes for the attributions and scope batches, started at once so they
    parse while this process places stories; None is one per core when enough articles need them).
    Analyses already computed for the same inputs, code, model and settings are taken from the store
    (:mod:`storyline.incremental`): a rerun with nothing new analyses nothing, new articles re-analyse
    only their scopes, a changed parameter redoes the steps that read it.
    """
    if settings is None:
        settings = Settings(
            nlp=nlp, embed=embed, workers=workers, stories=replace(StoryParams(), split_days=story_windows)
        )
    run = Run(store, settings, engine or LocalEngine(settings.workers), rebuild=rebuild, on_progress=on_progress)
    try:
        return run_steps(STEPS, run, on_stage).values["counts"]
    finally:
        for pool in run.pools:
            pool.close()


__all__ = [
    "AUTO_EMBED_ARTICLES",
    "IngestReport",
    "Options",
    "RESULT_KINDS",
    "STEPS",
    "ScopeBatch",
    "analyse_scopes",
    "analysis_json",
    "article_json",
    "copy_diffs",
    "copy_groups_of",
    "date_articles",
    "ingest",
    "linked_threads",
    "prepare",
    "read_articles",
    "run_analysis",
    "run_stages",
    "scope_batches",
    "story_embedder",
    "story_inputs",
    "wants_embeddings",
]
