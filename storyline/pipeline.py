"""The one place that knows the order of the stages: read, clean, store, then the analyses."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import re
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from typing import Any

from . import incremental
from .clean import clean_article
from .copies import (
    CopyDiff,
    CopyIndex,
    CopyParams,
    Sketch,
    add_translations,
    diff_copy,
    sketch,
)
from .engines import Engine, LocalEngine, map_chunks
from .engines.processes import ProcessEngine
from .ingest import InputFile, list_inputs, read_input
from .model import (
    Anchor,
    Article,
    Claim,
    CopyGroup,
    ReadError,
    SentenceEdit,
    Story,
    Thread,
    TimelineEvent,
    to_plain,
)
from .offsets import offset_anchors
from .schema import to_json
from .settings import Settings
from .sources import attribute_many, attribution
from .sources.claims import build_claims, group_labels
from .sources.encoder import Encoder, default_encoder, encoder_available
from .sources.nlp import model_version
from .store import Store, result_row
from .stories import (
    StoryClusterer,
    StoryParams,
    StoryTerms,
    article_counts,
    link_threads,
    story_terms,
)
from .stories.windows import WindowPlacement, WindowTask
from .timeline import build_timeline, find_times
from .timeline.anchors import infer_anchors
from .timeline.merge import merge_copies, timeline_order

CHUNK = 200
STORY_SAVE_SECONDS = 600.0
STORY_SAVE_SHARE = 0.1
RESULT_KINDS = ("copy_groups", "stories", "threads", "claims", "timeline", "anchors")


Options = Settings
"""The name the reading settings had before :class:`~storyline.settings.Settings` held every setting."""


@dataclass
class IngestReport:
    """What reading the inputs did: counts and every problem met, each naming its file."""

    files: int = 0
    files_skipped: int = 0
    articles_read: int = 0
    added: int = 0
    unchanged: int = 0
    errors: list[ReadError] = field(default_factory=list)


def prepare(article: Article) -> Article:
    """Clean one raw article and infer the metadata its text states."""
    return clean_article(article)


def read_articles(paths: Iterable[str | os.PathLike], options: Options | None = None) -> tuple[list[Article], list[ReadError]]:
    """Read and clean every article under ``paths`` without a store (for the one-stage commands)."""
    options = options or Options()
    files, errors = list_inputs(paths)
    articles: list[Article] = []
    for item in files:
        for got in read_input(item, options.max_article_bytes):
            if isinstance(got, ReadError):
                errors.append(got)
            else:
                articles.append(prepare(got))
    return articles, errors


def copy_groups_of(articles: list[Article]) -> list[CopyGroup]:
    """Copy groups of a list of articles (a fresh index)."""
    index = CopyIndex()
    index.add(articles)
    return add_translations(index.groups({a.id: a.text for a in articles}.get), articles)


def ingest(
    paths: Iterable[str | os.PathLike],
    store: Store,
    options: Options | None = None,
    on_start: Callable[[list[InputFile]], None] | None = None,
    on_file: Callable[[InputFile], None] | None = None,
    engine: Engine | None = None,
    on_position: Callable[[InputFile, int], None] | None = None,
) -> IngestReport:
    """Read, clean and store every article under ``paths``, committing in batches.

    A file is marked done only after all its articles are committed, so a killed run resumes
    where it stopped: finished files are skipped and re-adding a committed article is a no-op.
    With an ``engine`` of other processes, files are read and cleaned by it (one task per file) while
    the store writes stay here, in input order; with the local one (the default), each file is streamed in
    this process, and ``on_position(file, offset)`` follows the bytes read of a streamed file (JSONL, WARC).
    """
    options = options or Options()
    files, errors = list_inputs(paths)
    report = IngestReport(files=len(files), errors=list(errors))
    if on_start:
        on_start(files)
    plan = []
    for item in files:
        mtime = os.path.getmtime(item.path)
        plan.append((item, mtime, not options.reread and store.input_done(item.path, item.size, mtime)))
    todo = [item for item, _, done in plan if not done]
    engine = engine or LocalEngine()
    task = functools.partial(_stream_file, max_article_bytes=options.max_article_bytes, on_position=on_position) \
        if engine.in_process else functools.partial(_read_file, max_article_bytes=options.max_article_bytes)
    read = engine.imap(task, todo)
    for item, mtime, done in plan:
        if done:
            report.files_skipped += 1
        else:
            _store_file(store, item, mtime, next(read), options, report)
        if on_file:
            on_file(item)
    if errors:
        store.add_errors(errors)
    return report


def _stream_file(item: InputFile, max_article_bytes: int,
                 on_position: Callable[[InputFile, int], None] | None = None) -> Iterator[Article | ReadError]:
    """One file's cleaned articles and read errors, lazily, in file order; an article cleaning fails on is reported."""
    for got in read_input(item, max_article_bytes, on_position=functools.partial(on_position, item) if on_position else None):
        if isinstance(got, ReadError):
            yield got
            continue
        try:
            yield prepare(got)
        except Exception as exc:  # noqa: BLE001 - one hostile article must not end the run
            yield ReadError(got.path or item.path, f"article {got.id!r} could not be cleaned: {type(exc).__name__}: {str(exc)[:200]}")


def _read_file(item: InputFile, max_article_bytes: int) -> list[Article | ReadError]:
    """One file's cleaned articles and read errors, as a list (an engine task)."""
    return list(_stream_file(item, max_article_bytes))


def _store_file(store: Store, item: InputFile, mtime: float, got: Iterable[Article | ReadError], options: Options,
                report: IngestReport) -> None:
    """Commit one file's articles in batches, record its errors, then mark it done."""
    batch: list[Article] = []
    file_errors: list[ReadError] = []
    for a in got:
        if isinstance(a, ReadError):
            file_errors.append(a)
            continue
        report.articles_read += 1
        batch.append(a)
        if len(batch) >= options.batch_size:
            _commit(store, batch, options, report, file_errors)
            batch = []
    _commit(store, batch, options, report, file_errors)
    if file_errors:
        store.add_errors(file_errors)
        report.errors.extend(file_errors)
    store.mark_input_done(item.path, item.size, mtime)


def _commit(store: Store, batch: list[Article], options: Options, report: IngestReport, errors: list[ReadError]) -> None:
    if not batch:
        return
    added, unchanged, conflicts = store.add_articles(batch, replace=options.replace)
    report.added += added
    report.unchanged += unchanged
    by_id = {a.id: a for a in batch}
    for c in conflicts:
        errors.append(ReadError(by_id[c.article_id].path or "?", str(c)))


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

    Order: copies (incremental index kept in the store) -> anchor dates -> stories and threads,
    which need the whole corpus; then attributions, time mentions, claims and timeline events,
    which need only one scope (a thread, or a story outside any thread) at a time, so they run as
    batches of whole scopes (:func:`analyse_scopes`), on the ``engine`` when given, each batch's
    results written to the store as it finishes. ``on_progress(task, done, total)`` follows the long
    parts: "stories" (copy groups placed) and "articles" (articles whose attributions, time
    mentions, claims and timeline events are written, a batch at a time, from 0). The new
    results replace the old ones in one step at the end; a killed run resumes at the first batch it
    had not written. ``rebuild`` drops the saved copy index and stories (needed after ``--replace``
    changed stored texts); ``nlp=None`` forces the rule-based attribution path. ``embed``: align
    claims with sentence embeddings too — "auto" when a model is installed, "on" (an error without
    one) or "off". ``story_windows`` (days): a first story placement over a longer span is made in
    windows of that many days, in parallel on the engine (:mod:`storyline.stories.windows`).
    Attributions, time mentions, claims and timeline events already computed for the same inputs by the
    same code and model are taken from the store's cache (:mod:`storyline.incremental`): a rerun with
    nothing new analyses nothing, new articles re-analyse only their scopes. ``workers``: with no
    ``engine``, local processes for the attributions (started at once, so they parse while this process
    places stories) and the scope batches; None is one per core when at least ``POOL_ARTICLES``
    articles need attributions, 1 runs everything here. ``settings``, when given, holds all of these
    (``nlp``, ``embed``, ``story_windows``, ``workers`` are then not read) and the copy and story parameters.
    """
    if settings is None:
        settings = Settings(nlp=nlp, embed=embed, workers=workers, stories=replace(StoryParams(), split_days=story_windows))
    pools: list[ProcessEngine] = []
    try:
        return _analysis(store, on_stage, rebuild, engine or LocalEngine(settings.workers), on_progress, settings, pools)
    finally:
        for pool in pools:
            pool.close()


POOL_ARTICLES = 200


def _analysis(store: Store, on_stage: Callable[[str], None] | None, rebuild: bool, engine: Engine,
              on_progress: Callable[[str, int, int], None] | None, settings: Settings,
              pools: list[ProcessEngine]) -> dict[str, int]:
    """The body of :func:`run_analysis`; a pool of worker processes it starts is put in ``pools``."""
    nlp = settings.nlp
    if not engine.in_process and nlp not in ("default", None):
        raise ValueError("with an engine of other processes, nlp must be 'default' or None (each worker loads its own)")
    step = on_stage or (lambda name: None)
    articles = [_lean(a) for a in store.iter_articles()]
    use_embed = wants_embeddings(settings.embed, len(articles))
    by_id = {a.id: a for a in articles}
    keys = incremental.versions(model_version(nlp) + (":runs" if attribution.PARSE_RUNS else ""),
                                {**settings.part("sources"), "embed": use_embed})
    pool, prefetch = _prefetch(store, articles, keys, nlp, engine)
    if pool is not None:
        pools.append(pool)

    step("copies")
    groups = _copy_groups(store, articles, rebuild, engine, settings)
    group_of = {m.article_id: g.id for g in groups for m in g.members}
    diffs = _copy_diffs(store, by_id, groups, rebuild)

    step("dates")
    dated, anchors = date_articles(articles, groups, diffs)

    step("stories")
    stories = _stories(store, dated, groups, group_of, rebuild, engine, settings,
                       on_chunk=functools.partial(on_progress, "stories") if on_progress else None)
    threads = _threads(store, stories, {a.id: a for a in dated}, rebuild, engine, settings)
    del dated, articles

    step("sources")
    for future in prefetch:
        store.put_cached(incremental.ATTRIBUTIONS, future.result())
    plan = _scope_plan(by_id, stories, group_of, anchors, keys)
    cached = set(store.cached_keys(incremental.SCOPES))
    fresh = {scope for scope, key in plan.keys.items() if key not in cached}
    batches = scope_batches(by_id, stories, group_of, anchors, scopes=fresh, versions=keys, plan=plan)
    work = functools.partial(_scope_rows, nlp=nlp, use_embed=use_embed)
    done, total = 0, sum(len(b.articles) for b in batches)
    if on_progress and total:
        on_progress("articles", 0, total)
    for batch, rows in zip(batches, (pool or engine).imap(work, (_with_cache(store, b) for b in batches))):
        for kind in (incremental.ATTRIBUTIONS, incremental.TIMES, incremental.SCOPES):
            store.put_cached(kind, rows[kind])
        done += len(batch.articles)
        if on_progress:
            on_progress("articles", done, total)
    logging.getLogger("storyline").info("scopes analysed: %d of %d (%d batches)", len(fresh), len(plan.keys), len(batches))

    step("results")
    others = {
        "copy_groups": [result_row(_with_diffs(g, diffs)) for g in groups],
        "stories": [result_row(s) for s in stories],
        "threads": [result_row(t) for t in threads],
        "anchors": [result_row(Anchor(aid, d, how)) for aid, (d, how) in sorted(anchors.items())],
    }
    order = [plan.keys[scope] for scope in sorted(plan.members)]
    counts = _publish(store, order, others)
    store.keep_cached(incremental.SCOPES, order)
    store.keep_cached(incremental.ATTRIBUTIONS, plan.attribution_keys.values())
    store.keep_cached(incremental.TIMES, plan.time_keys)
    return counts


def _prefetch(store: Store, articles: list[Article], keys: dict[str, str], nlp: Any,
              engine: Engine) -> tuple[ProcessEngine | None, list[Future]]:
    """Worker processes the engine lends, when they pay, and the attributions of the articles the cache lacks,
    started on them in chunks (collected by the sources stage)."""
    if not (nlp is None or nlp == "default"):
        return None, []
    have = set(store.cached_keys(incremental.ATTRIBUTIONS))
    todo = [(key, a) for a in articles if (key := incremental.attribution_key(a, keys[incremental.ATTRIBUTIONS])) not in have]
    pool = engine.workers_for(len(todo), POOL_ARTICLES)
    if pool is None:
        return None, []
    n = pool.workers
    size = max(8, min(50, len(todo) // (4 * n) + 1))
    return pool, [pool.submit(_attribute_chunk, todo[i : i + size], nlp) for i in range(0, len(todo), size)]


def _attribute_chunk(items: list[tuple[str, Article]], nlp: Any) -> dict[str, bytes]:
    """Attributions of some articles as cache entries by key (a worker task)."""
    kwargs = {} if nlp == "default" else {"nlp": nlp}
    keys = {a.id: key for key, a in items}
    return {keys[a.id]: incremental.encode_attributions(atts) for a, atts in attribute_many([a for _, a in items], **kwargs)}


@dataclass
class ScopeBatch:
    """Whole scopes (threads, or stories outside any thread) analysed together: their stored articles,
    and what the corpus-wide stages said of them (anchor dates, copy groups, scopes, stories, group names);
    with the cache keys of its articles' attributions and of its scopes, and the cached analyses found."""

    articles: list[Article]
    anchors: dict[str, tuple[str, str]]
    group_of: dict[str, str]
    scope_of: dict[str, str]
    story_of: dict[str, str]
    labels: dict[str, str]
    keys: dict[str, str] = field(default_factory=dict)
    scope_keys: dict[str, str] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)
    cached: dict[str, bytes] = field(default_factory=dict)


@dataclass
class _ScopePlan:
    """The corpus by scope: each article's scope and story, group names, each scope's members and cache key."""

    scope_of: dict[str, str]
    story_of: dict[str, str]
    labels: dict[str, str]
    members: dict[str, list[str]]
    keys: dict[str, str]
    attribution_keys: dict[str, str]
    time_keys: list[str]


def _scope_plan(articles: dict[str, Article], stories: list[Story], group_of: dict[str, str],
                anchors: dict[str, tuple[str, str]], versions: dict[str, str] | None = None) -> _ScopePlan:
    """Scopes of the corpus; with ``versions``, the cache key of each scope (a digest of everything its
    claims and events are computed from: members, their texts and metadata, anchors, groups, stories)."""
    scope_of = {aid: (s.thread or s.id) for s in stories for aid in s.article_ids}
    story_of = {aid: s.id for s in stories for aid in s.article_ids}
    labels = group_labels(articles, group_of)
    members: dict[str, list[str]] = {}
    for aid in articles:
        members.setdefault(scope_of.get(aid, aid), []).append(aid)
    keys: dict[str, str] = {}
    attribution_keys: dict[str, str] = {}
    time_keys: list[str] = []
    if versions:
        time_keys = [key for aid, a in articles.items() for key, _, _ in _texts_to_date(a, anchors.get(aid), versions[incremental.TIMES])]
        version = versions[incremental.ATTRIBUTIONS]
        attribution_keys = {aid: incremental.attribution_key(a, version) for aid, a in articles.items()}
        for scope, ids in members.items():
            parts = [[aid, attribution_keys[aid], _article_digest(articles[aid]), anchors.get(aid), group_of.get(aid),
                      story_of.get(aid), labels.get(group_of.get(aid, aid))] for aid in ids]
            keys[scope] = incremental.scope_key(versions[incremental.SCOPES], [scope, parts])
    return _ScopePlan(scope_of, story_of, labels, members, keys, attribution_keys, time_keys)


def _article_digest(article: Article) -> str:
    """A digest of every field of a stored article the scope analyses may read."""
    return hashlib.sha1(json.dumps(article_json(article), default=str).encode("utf-8", "surrogatepass")).hexdigest()


def scope_batches(articles: dict[str, Article], stories: list[Story], group_of: dict[str, str],
                  anchors: dict[str, tuple[str, str]], size: int | None = None, scopes: Iterable[str] | None = None,
                  versions: dict[str, str] | None = None, plan: _ScopePlan | None = None) -> list[ScopeBatch]:
    """The corpus (or only ``scopes`` of it) cut into batches of whole scopes, in sorted scope order, of
    about ``size`` (default ``CHUNK``) articles each; with ``versions``, each carries its cache keys."""
    size = size or CHUNK
    plan = plan or _scope_plan(articles, stories, group_of, anchors, versions)
    wanted = None if scopes is None else set(scopes)
    cuts: list[list[str]] = [[]]
    count = 0
    for scope in sorted(plan.members):
        if wanted is not None and scope not in wanted:
            continue
        if count >= size:
            cuts.append([])
            count = 0
        cuts[-1].append(scope)
        count += len(plan.members[scope])
    batches = []
    for cut in cuts:
        ids = [aid for scope in cut for aid in plan.members[scope]]
        if not ids:
            continue
        batches.append(ScopeBatch(
            [articles[a] for a in ids], {a: anchors[a] for a in ids if a in anchors},
            {a: group_of[a] for a in ids if a in group_of}, {a: plan.scope_of[a] for a in ids if a in plan.scope_of},
            {a: plan.story_of[a] for a in ids if a in plan.story_of},
            {g: plan.labels[g] for g in {group_of.get(a, a) for a in ids} if g in plan.labels},
            keys={a: plan.attribution_keys[a] for a in ids if a in plan.attribution_keys},
            scope_keys={scope: plan.keys[scope] for scope in cut if scope in plan.keys}, versions=dict(versions or {}),
        ))
    return batches


def _with_cache(store: Store, batch: ScopeBatch) -> ScopeBatch:
    """The batch with the attributions and time mentions the store keeps for its articles."""
    if batch.versions:
        batch.cached = store.get_cached(incremental.ATTRIBUTIONS, batch.keys.values())
        batch.cached.update(store.get_cached(incremental.TIMES, [key for key, _, _ in _time_texts(batch)]))
    return batch


def _time_texts(batch: ScopeBatch) -> list[tuple[str, str | None, Article]]:
    """(cache key, anchor, article with the text to read) of each text whose time mentions a batch needs: each
    article's text and, when it had photo captions, their text."""
    version = batch.versions.get(incremental.TIMES, "")
    return [got for a in batch.articles for got in _texts_to_date(a, batch.anchors.get(a.id), version)]


def _texts_to_date(article: Article, anchor: tuple[str, str] | None, version: str) -> list[tuple[str, str | None, Article]]:
    """:func:`_time_texts` of one article."""
    date = anchor[0] if anchor else None
    out = [(incremental.times_key(article.text, date, version), date, article)]
    if any(r.reason == "photo caption" for r in article.removed):
        caption = replace(article, text="\n\n".join(r.text for r in article.removed if r.reason == "photo caption"))
        out.append((incremental.times_key(caption.text, date, version), date, caption))
    return out


def analyse_scopes(batch: ScopeBatch, nlp: Any = "default", use_embed: bool = False,
                   fresh: dict[str, dict[str, bytes]] | None = None) -> tuple[list[Claim], list[TimelineEvent]]:
    """Claims and timeline events of a batch of whole scopes (an engine task; spaCy and the embedder are
    loaded once per process): attributions and time mentions of each article (from ``batch.cached`` when
    there, else computed and, with ``fresh``, added to it by cache key), then the claims its sentences make
    and the dated events it reports, copies of one text merged, ordered by scope and then in timeline order
    (so the corpus's list does not depend on how it was cut into batches)."""
    kwargs = {} if nlp == "default" else {"nlp": nlp}
    fresh = fresh if fresh is not None else {}
    new_attributions = fresh.setdefault(incremental.ATTRIBUTIONS, {})
    new_times = fresh.setdefault(incremental.TIMES, {})
    found: dict[str, list] = {}
    todo = []
    for a in batch.articles:
        blob = batch.cached.get(batch.keys.get(a.id, ""))
        if blob is None:
            todo.append(a)
        else:
            found[a.id] = incremental.decode_attributions(blob)
    if todo:
        for a, atts in attribute_many(todo, **kwargs):
            found[a.id] = atts
            if a.id in batch.keys:
                new_attributions[batch.keys[a.id]] = incremental.encode_attributions(atts)
    attributions = {a.id: found[a.id] for a in batch.articles}
    mentions: dict[str, list] = {}
    caption_mentions: dict[str, list] = {}
    captions = []
    for key, anchor, a in _time_texts(batch):
        blob = batch.cached.get(key) if batch.versions else None
        if blob is not None:
            got = incremental.decode_times(blob)
        else:
            got = _times_or_none(a.id, a.text, anchor)
            if batch.versions:
                new_times[key] = incremental.encode_times(got)
        if a.id in mentions:
            caption_mentions[a.id] = got
            captions.append(a)
        else:
            mentions[a.id] = got
    claims = build_claims({a.id: a for a in batch.articles}, attributions, batch.group_of, batch.scope_of, batch.story_of,
                          labels=batch.labels, times=mentions, embedder=_embedder() if use_embed else None)
    dated = [_with_anchor(a, batch.anchors.get(a.id)) for a in batch.articles]
    events = build_timeline(dated, mentions, batch.story_of)
    captions = [_with_anchor(c, batch.anchors.get(c.id)) for c in captions]
    caption_events = build_timeline(captions, caption_mentions, batch.story_of)
    for ev in caption_events:
        ev.sources = ["photo caption"]
        ev.text = _CAPTION_LABEL.sub("", ev.text, count=1) or ev.text
    merged = merge_copies(sorted(events + caption_events, key=timeline_order), attributions, batch.group_of)
    return claims, sorted(merged, key=lambda e: (batch.scope_of.get(e.article_id, e.article_id), timeline_order(e)))


_CAPTION_LABEL = re.compile(r"^\s*(?:file\s+photo|photo|file|pictured)\s*[:\-\u2013\u2014]\s*", re.IGNORECASE)


def _times_or_none(article_id: str, text: str, anchor: str | None) -> list:
    """The article's time mentions; none (and a warning naming it) when the expression stage fails on it."""
    try:
        return find_times(text, anchor)
    except Exception as exc:  # noqa: BLE001 - one hostile article must not end the analysis
        logging.getLogger("storyline").warning("time expressions of article %r skipped: %s: %s", article_id, type(exc).__name__, exc)
        return []


def _scope_rows(batch: ScopeBatch, nlp: Any = "default", use_embed: bool = False) -> dict[str, dict[str, bytes]]:
    """:func:`analyse_scopes` as the cache entries it makes (an engine task: the workers serialise, the process
    that owns the store only inserts): new attributions and time mentions by key, and each scope's claims and
    events, written as the store's JSON rows, by scope key."""
    fresh: dict[str, dict[str, bytes]] = {incremental.ATTRIBUTIONS: {}, incremental.TIMES: {}}
    claims, events = analyse_scopes(batch, nlp=nlp, use_embed=use_embed, fresh=fresh)
    rows: dict[str, tuple[list[str], list[str]]] = {scope: ([], []) for scope in batch.scope_keys}
    for c in claims:
        first = c.article_ids[0] if c.article_ids else c.statements[0].article_id
        rows[batch.scope_of.get(first, first)][0].append(result_row(c))
    for e in events:
        rows[batch.scope_of.get(e.article_id, e.article_id)][1].append(result_row(e))
    fresh[incremental.SCOPES] = {batch.scope_keys[scope]: incremental.encode_rows(*got) for scope, got in rows.items()}
    return fresh


PUBLISHED = "analysis_published"


def _publish(store: Store, order: list[str], others: dict[str, list[str]]) -> dict[str, int]:
    """Make the cached claims and events of the scopes (cache keys in scope order) and the ``others`` lists
    the stored results, in one step; nothing is written when the stored results are already these."""
    h = hashlib.sha256(json.dumps(order).encode())
    for kind in sorted(others):
        h.update(kind.encode())
        for row in others[kind]:
            h.update(row.encode("utf-8", "surrogatepass"))
    token = h.hexdigest()[:24]
    saved = _load_json(store.get_state(PUBLISHED))
    if saved.get("token") == token and all(store.count_results(k) == n for k, n in saved.get("counts", {}).items()):
        return saved["counts"]
    store.put_state(PUBLISHED, b"{}")
    writer = _StagedResults(store)
    for i in range(0, len(order), 500):
        part = order[i : i + 500]
        got = store.get_cached(incremental.SCOPES, part)
        claims: list[str] = []
        timeline: list[str] = []
        for key in part:
            c, t = incremental.decode_rows(got[key])
            claims.extend(c)
            timeline.extend(t)
        writer.add_rows("claims", claims)
        writer.add_rows("timeline", timeline)
    for kind, rows in others.items():
        writer.add_rows(kind, rows)
    counts = writer.publish()
    store.put_state(PUBLISHED, json.dumps({"token": token, "counts": counts}).encode())
    return counts


class _StagedResults:
    """Result lists written to the store piece by piece under names of this run's own, published together
    at the end; the run's name is saved so that a later run drops the lists of one that was killed."""

    STATE = "analysis_run"

    def __init__(self, store: Store) -> None:
        self.store = store
        saved = _load_json(store.get_state(self.STATE))
        if saved.get("run"):
            store.delete_results(f"{kind}~{saved['run']}" for kind in RESULT_KINDS)
        self.run, self.counts = uuid.uuid4().hex[:12], {}
        store.put_state(self.STATE, json.dumps({"run": self.run}).encode())

    def _name(self, kind: str) -> str:
        return f"{kind}~{self.run}"

    def add_rows(self, kind: str, rows: list[str]) -> None:
        """Append items already written as JSON to this run's list of ``kind``."""
        start = self.counts.get(kind, 0)
        if rows:
            self.store.add_result_rows(self._name(kind), rows, start)
        self.counts[kind] = start + len(rows)

    def publish(self) -> dict[str, int]:
        """Make this run's lists the stored results (all kinds in one transaction); their sizes."""
        self.store.publish_results({self._name(kind): kind for kind in RESULT_KINDS}, clear_state=self.STATE)
        return {kind: self.counts.get(kind, 0) for kind in RESULT_KINDS}


def _load_json(blob: bytes | None) -> dict[str, Any]:
    try:
        got = json.loads(blob) if blob else {}
    except ValueError:
        return {}
    return got if isinstance(got, dict) else {}


def linked_threads(stories: list[Story], articles: dict[str, Article], features: dict[str, StoryTerms] | None = None,
                   params: StoryParams | None = None) -> list[Thread]:
    """Threads of two or more stories (sets ``Story.thread``; a story alone in its thread gets None), linked
    with the thread parameters of ``params`` (default: the shipped ones)."""
    params = params or StoryParams()
    threads = [t for t in link_threads(stories, articles, threshold=params.thread_threshold,
                                       window_days=params.thread_window_days, features=features) if len(t.story_ids) > 1]
    threaded = {sid for t in threads for sid in t.story_ids}
    for story in stories:
        story.thread = story.thread if story.id in threaded else None
    return threads


def story_inputs(articles: list[Article]) -> tuple[list[Article], list[CopyGroup], dict[str, str]]:
    """What the story stage takes, made one way for ``storyline cluster`` and the story evaluation:
    the articles as later stages date them, their copy groups, and article id -> copy group id."""
    groups = copy_groups_of(articles)
    group_of = {m.article_id: g.id for g in groups for m in g.members}
    dated, _ = date_articles(articles, groups)
    return dated, groups, group_of


def story_embedder(setting: str = "auto") -> Encoder | None:
    """The sentence encoder stories compare headlines with ("auto": when installed), or None."""
    return _embedder() if wants_embeddings(setting) else None


def copy_diffs(articles: dict[str, Article], groups: list[CopyGroup]) -> dict[str, CopyDiff]:
    """Each copy's sentence edits against its group's origin, by copy id."""
    return {m.article_id: diff_copy(articles[m.article_id], articles[g.origin], m.relation == "translated")
            for g in groups for m in g.members if m.article_id != g.origin}


def _copy_diffs(store: Store, articles: dict[str, Article], groups: list[CopyGroup], rebuild: bool) -> dict[str, CopyDiff]:
    """:func:`copy_diffs`, reusing the diffs the last run saved for copies whose text and origin's text
    are unchanged (a rerun need not align every copy again: ~2 ms a copy)."""
    saved = {} if rebuild else _load_json(store.get_state("copy_diffs"))
    diffs: dict[str, CopyDiff] = {}
    keep: dict[str, list[Any]] = {}
    fresh = 0
    for g in groups:
        origin = articles[g.origin]
        of_origin = f"{origin.id}\x00{origin.digest}\x00"
        for m in g.members:
            if m.article_id == g.origin:
                continue
            copy = articles[m.article_id]
            key = hashlib.sha1(f"{of_origin}{copy.digest}".encode()).hexdigest()
            got = saved.get(m.article_id)
            if isinstance(got, list) and len(got) == 2 and got[0] == key:
                diffs[m.article_id] = CopyDiff.from_plain(got[1])
                keep[m.article_id] = got
            else:
                diffs[m.article_id] = diff_copy(copy, origin, m.relation == "translated")
                keep[m.article_id] = [key, to_plain(diffs[m.article_id])]
                fresh += 1
    if fresh or len(keep) != len(saved):
        store.put_state("copy_diffs", json.dumps(keep, separators=(",", ":")).encode("utf-8"))
    return diffs


def date_articles(
    articles: list[Article], groups: list[CopyGroup], diffs: dict[str, CopyDiff] | None = None
) -> tuple[list[Article], dict[str, tuple[str, str]]]:
    """Anchor dates of the articles, and the articles as later stages date them (anchor standing in
    for a missing or year-only publication date, with how it was inferred)."""
    by_id = {a.id: a for a in articles}
    diffs = copy_diffs(by_id, groups) if diffs is None else diffs
    aligned = [(d.origin_id, d.copy_id, e.origin, e.copy) for d in diffs.values() for e in d.edits if e.kind == "edited" and e.origin and e.copy]
    anchors = infer_anchors(by_id, groups, aligned)
    return [_with_anchor(a, anchors.get(a.id)) for a in articles], anchors


def _copy_groups(store: Store, articles: list[Article], rebuild: bool, engine: Engine,
                 settings: Settings) -> list[CopyGroup]:
    """Copy groups from the index saved in the store for these copy parameters, after adding the articles it
    has not seen (sketched by the ``engine`` in chunks: the band join and union stay here)."""
    params = settings.copies
    saved = incremental.Saved(store, "copy_index", incremental.key("copies", params.to_dict()), rebuild)
    blob = saved.load()
    try:
        index = CopyIndex.from_bytes(blob) if blob else CopyIndex(params)
    except ValueError:
        index = CopyIndex(params)
    new = [a for a in articles if a.id not in index]
    if new:
        work = functools.partial(_sketch_chunk, params=index.params)
        chunks = [new[i : i + CHUNK * 10] for i in range(0, len(new), CHUNK * 10)]
        for chunk, sketched in zip(chunks, engine.imap(work, [[a.text for a in c] for c in chunks])):
            index.add_sketched(chunk, sketched)
        saved.save(index.to_bytes())
    return add_translations(index.groups({a.id: a.text for a in articles}.get), articles)


def _stories(store: Store, articles: list[Article], groups: list[CopyGroup], group_of: dict[str, str],
             rebuild: bool, engine: Engine, settings: Settings,
             on_chunk: Callable[[int, int], None] | None = None) -> list[Story]:
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
        counts = functools.partial(map_chunks, engine, _counts_chunk, size=CHUNK)
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


class _SavedWindows:
    """The ``imap`` story windows run through (:mod:`storyline.stories.windows`): on the engine, each
    window's placement kept in the store as it arrives, so a rerun after a kill places only the
    windows it has not kept (a kept one is reused when its digest says its groups are unchanged)."""

    def __init__(self, store: Store, engine: Engine) -> None:
        self.store, self.engine, self.kept = store, engine, set()

    def __call__(self, fn: Callable[[WindowTask], WindowPlacement], tasks: Iterable[WindowTask]) -> Iterator[WindowPlacement]:
        tasks = list(tasks)
        digests = {t.index: t.digest() for t in tasks}
        saved = {}
        for t in tasks:
            blob = self.store.get_state(f"story_window:{t.index}")
            placement = WindowPlacement.from_bytes(blob) if blob else None
            if placement is not None and placement.digest == digests[t.index]:
                saved[t.index] = placement
        fresh = self.engine.imap(fn, (t for t in tasks if t.index not in saved))
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


def _threads(store: Store, stories: list[Story], articles: dict[str, Article], rebuild: bool,
             engine: Engine, settings: Settings) -> list[Thread]:
    """Threads of the stories (sets ``Story.thread``), reused from the store when the stories and the thread
    parameters are the ones they were linked with (a rerun after a kill in a later stage skips linking the
    corpus again); story terms are made on the ``engine``."""
    token = incremental.key(["threads", settings.part("threads")],
                            [[s.id, s.article_ids, s.start, s.end, s.title] for s in stories])
    state = incremental.Saved(store, "threads", token, rebuild)
    saved = state.load_json()
    if saved:
        thread_of = saved["thread_of"]
        for story in stories:
            story.thread = thread_of.get(story.id)
        return [Thread(**t) for t in saved["threads"]]
    members = [(s, [articles[a] for a in s.article_ids if a in articles]) for s in stories]
    feats = dict(zip([s.id for s in stories], map_chunks(engine, _story_terms_chunk, members, CHUNK)))
    threads = linked_threads(stories, articles, feats, settings.stories)
    state.save_json({"thread_of": {s.id: s.thread for s in stories if s.thread}, "threads": [to_plain(t) for t in threads]})
    return threads


AUTO_EMBED_ARTICLES = 200


def wants_embeddings(embed: str, articles: int | None = None) -> bool:
    """Resolve an ``embed`` setting ("auto", "on", "off") to whether claims use the sentence encoder.

    "auto" uses it when it is installed and the store holds at most AUTO_EMBED_ARTICLES articles: the
    encoder reads about 15 sentences a second on 2 cores, so alignment by meaning costs minutes per
    hundred articles; a larger corpus is aligned by words and dates unless ``embed`` is "on".
    """
    if embed not in ("auto", "on", "off"):
        raise ValueError(f"embed must be 'auto', 'on' or 'off', not {embed!r}")
    if embed == "off":
        return False
    if embed == "on":
        encoder_available(required=True)
        return True
    return encoder_available() and (articles is None or articles <= AUTO_EMBED_ARTICLES)


@functools.lru_cache(maxsize=1)
def _embedder() -> Encoder:
    """The sentence encoder, loaded once per process (driver or worker)."""
    return default_encoder()


def _counts_chunk(articles: list[Article]) -> list[dict[str, Counter[str]]]:
    """Story-stage term counts of a chunk of articles (an engine task)."""
    return [article_counts(a) for a in articles]


def _story_terms_chunk(members: list[tuple[Story, list[Article]]]) -> list[StoryTerms]:
    """Thread-linking features of a chunk of stories, each with its articles (an engine task)."""
    return [story_terms(s, {a.id: a for a in arts}) for s, arts in members]


def _sketch_chunk(texts: list[str], params: CopyParams) -> Sketch:
    """Copy sketches of a chunk of texts (an engine task)."""
    return sketch(texts, params)


def _lean(article: Article) -> Article:
    """A stored article without what no analysis reads (the text before cleaning, unknown input keys),
    so a large corpus fits in memory; a small offset map stands in for the given text, so spans
    written out still point into it."""
    if article.raw_text is not None and article.offsets is None:
        article.offsets = offset_anchors(article.raw_text, article.text)
    article.raw_text, article.extra = None, {}
    return article


def _with_anchor(article: Article, anchor: tuple[str, str] | None) -> Article:
    """The article as later stages should date it: its anchor stands in for a missing or year-only date."""
    if anchor is None or (article.published and len(article.published) >= 10) or len(anchor[0]) < 10:
        return article
    return replace(article, published=anchor[0], inferred={**article.inferred, "published": anchor[1]})


def _with_diffs(group: CopyGroup, diffs: dict[str, CopyDiff]) -> CopyGroup:
    """The copy group as the results hold it: for each copy, its sentence edits against the origin."""
    return replace(group, diffs={
        m.article_id: [SentenceEdit(e.kind, e.origin, e.copy, e.kinds, to_json(e.changes))
                       for e in diffs[m.article_id].edits]
        for m in group.members if m.article_id in diffs
    })


def article_json(a: Article) -> dict[str, Any]:
    """An article as the ``articles`` list of the JSON output shows it (:func:`schema.to_json`): ``raw_text``
    is the text as given when cleaning changed it (every offset storyline writes points into it), else None."""
    d = to_json(a)
    if a.raw_text is not None and a.raw_text == a.text:
        d["raw_text"] = None
    return d


def analysis_json(store: Store, results: dict[str, list[dict[str, Any]]] | None = None) -> dict[str, Any]:
    """The whole JSON document of ``storyline analyze --json``."""
    results = results if results is not None else {k: store.get_results(k) for k in RESULT_KINDS}
    doc: dict[str, Any] = {"articles": [article_json(a) for a in store.iter_articles()]}
    doc.update({k: results.get(k, []) for k in RESULT_KINDS})
    return doc
