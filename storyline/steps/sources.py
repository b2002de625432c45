"""The sources step: attributions, time mentions, claims and timeline events, a batch of whole scopes (a thread,
or a story outside any thread) at a time, each kept in the store's cache under the digest of its inputs."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import re
from collections.abc import Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from typing import Any

from .. import incremental
from ..engines import Engine
from ..engines.processes import ProcessEngine
from ..model import Article, Claim, Story, TimelineEvent
from ..sources import attribute_many, load_nlp
from ..sources.claims import build_claims, group_labels
from ..store import Store, result_row
from ..timeline import build_timeline, find_times
from ..timeline.merge import merge_copies, timeline_order
from . import base
from .base import Run, Step
from .dates import with_anchor
from .embedding import sentence_encoder
from .output import article_json
from .stored import reader, stored_articles, worker_store, writer

POOL_ARTICLES = 200


def _prefetch(
    store: Store, articles: list[Article], keys: dict[str, str], nlp: Any, engine: Engine
) -> tuple[ProcessEngine | None, list[Future]]:
    """Worker processes the engine lends, when they pay, and the attributions of the articles the cache lacks,
    started on them in chunks (collected by the sources stage). The spaCy pipeline is loaded here first, so
    forked workers share it instead of each loading its own (about 2 s of CPU a worker). Where the workers can
    open the store, a chunk travels as ids and its worker reads the articles and keeps their attributions in
    the store's cache itself (:func:`_attribute_stored`), so the driver holds none of them."""
    if not (nlp is None or nlp == "default"):
        return None, []
    have = set(store.cached_keys(incremental.ATTRIBUTIONS))
    version = keys[incremental.ATTRIBUTIONS]
    todo = [(key, a) for a in articles if (key := incremental.attribution_key(a, version)) not in have]
    pool = engine.workers_for(len(todo), POOL_ARTICLES)
    if pool is None:
        return None, []
    if nlp == "default" and todo:
        load_nlp()
    n = pool.workers
    size = max(8, min(50, len(todo) // (4 * n) + 1))
    chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
    address = worker_store(store, pool)
    if address is None:
        return pool, [pool.submit(_attribute_chunk, chunk, nlp) for chunk in chunks]
    return pool, [pool.submit(_attribute_stored, [(k, a.id) for k, a in chunk], nlp, address) for chunk in chunks]


def _attribute_chunk(items: list[tuple[str, Article]], nlp: Any) -> dict[str, bytes]:
    """Attributions of some articles as cache entries by key (a worker task)."""
    kwargs = {} if nlp == "default" else {"nlp": nlp}
    keys = {a.id: key for key, a in items}
    found = attribute_many([a for _, a in items], **kwargs)
    return {keys[a.id]: incremental.encode_attributions(atts) for a, atts in found}


def _attribute_stored(items: list[tuple[str, str]], nlp: Any, address: str) -> dict[str, bytes]:
    """:func:`_attribute_chunk` of articles read from the store at ``address`` by id, the entries kept in its
    cache here (a worker task); returns the entries only when they could not be written (the store busy
    past its timeout), for the driver to write."""
    articles = stored_articles(address, [aid for _, aid in items])
    entries = _attribute_chunk([(key, a) for (key, _), a in zip(items, articles)], nlp)
    try:
        writer(address).put_cached(incremental.ATTRIBUTIONS, entries)
    except Exception:  # noqa: BLE001 - a locked or lost connection: the driver writes them instead
        writer.cache_clear()
        return entries
    return {}


@dataclass
class ScopeBatch:
    """Whole scopes (threads, or stories outside any thread) analysed together: their stored articles,
    and what the corpus-wide stages said of them (anchor dates, copy groups, scopes, stories, group names);
    with the cache keys of its articles' attributions and of its scopes, and the cached analyses found.

    With ``store`` (an address a worker can open), the batch travels as ``ids`` alone and the worker reads
    the articles and their cached analyses from the store itself (:func:`read_batch`)."""

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
    ids: list[str] = field(default_factory=list)
    store: str | None = None


@dataclass
class ScopePlan:
    """The corpus by scope: each article's scope and story, group names, each scope's members and cache key."""

    scope_of: dict[str, str]
    story_of: dict[str, str]
    labels: dict[str, str]
    members: dict[str, list[str]]
    keys: dict[str, str]
    attribution_keys: dict[str, str]
    time_keys: list[str]


def _scope_plan(
    articles: dict[str, Article],
    stories: list[Story],
    group_of: dict[str, str],
    anchors: dict[str, tuple[str, str]],
    versions: dict[str, str] | None = None,
) -> ScopePlan:
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
        time_keys = [
            key
            for aid, a in articles.items()
            for key, _, _ in _texts_to_date(a, anchors.get(aid), versions[incremental.TIMES])
        ]
        version = versions[incremental.ATTRIBUTIONS]
        attribution_keys = {aid: incremental.attribution_key(a, version) for aid, a in articles.items()}
        for scope, ids in members.items():
            parts = [
                [
                    aid,
                    attribution_keys[aid],
                    _article_digest(articles[aid]),
                    anchors.get(aid),
                    group_of.get(aid),
                    story_of.get(aid),
                    labels.get(group_of.get(aid, aid)),
                ]
                for aid in ids
            ]
            keys[scope] = incremental.scope_key(versions[incremental.SCOPES], [scope, parts])
    return ScopePlan(scope_of, story_of, labels, members, keys, attribution_keys, time_keys)


def _article_digest(article: Article) -> str:
    """A digest of every field of a stored article the scope analyses may read."""
    return hashlib.sha1(json.dumps(article_json(article), default=str).encode("utf-8", "surrogatepass")).hexdigest()


def scope_batches(
    articles: dict[str, Article],
    stories: list[Story],
    group_of: dict[str, str],
    anchors: dict[str, tuple[str, str]],
    size: int | None = None,
    scopes: Iterable[str] | None = None,
    versions: dict[str, str] | None = None,
    plan: ScopePlan | None = None,
    store: str | None = None,
) -> list[ScopeBatch]:
    """The corpus (or only ``scopes`` of it) cut into batches of whole scopes, in sorted scope order, of
    about ``size`` (default ``CHUNK``) articles each; with ``versions``, each carries its cache keys. With
    ``store`` (a worker's address of the store), batches carry article ids, not articles."""
    size = size or base.CHUNK
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
        batches.append(
            ScopeBatch(
                [] if store else [articles[a] for a in ids],
                {a: anchors[a] for a in ids if a in anchors},
                {a: group_of[a] for a in ids if a in group_of},
                {a: plan.scope_of[a] for a in ids if a in plan.scope_of},
                {a: plan.story_of[a] for a in ids if a in plan.story_of},
                {g: plan.labels[g] for g in {group_of.get(a, a) for a in ids} if g in plan.labels},
                keys={a: plan.attribution_keys[a] for a in ids if a in plan.attribution_keys},
                scope_keys={scope: plan.keys[scope] for scope in cut if scope in plan.keys},
                versions=dict(versions or {}),
                ids=ids,
                store=store,
            )
        )
    return batches


def read_batch(batch: ScopeBatch) -> ScopeBatch:
    """A batch that travelled as ids (``batch.store`` set) with its articles and cached analyses read from the
    store, in this process (a worker's); any other batch as it is."""
    address = batch.store
    if address is None:
        return batch
    return _with_cache(reader(address), replace(batch, articles=stored_articles(address, batch.ids), store=None))


def _with_cache(store: Store, batch: ScopeBatch) -> ScopeBatch:
    """The batch with the attributions and time mentions the store keeps for its articles (a batch that
    travels as ids reads them in the worker: :func:`read_batch`)."""
    if batch.versions and batch.store is None:
        batch.cached = store.get_cached(incremental.ATTRIBUTIONS, batch.keys.values())
        batch.cached.update(store.get_cached(incremental.TIMES, [key for key, _, _ in _time_texts(batch)]))
    return batch


def _time_texts(batch: ScopeBatch) -> list[tuple[str, str | None, Article]]:
    """(cache key, anchor, article with the text to read) of each text whose time mentions a batch needs: each
    article's text and, when it had photo captions, their text."""
    version = batch.versions.get(incremental.TIMES, "")
    return [got for a in batch.articles for got in _texts_to_date(a, batch.anchors.get(a.id), version)]


def _texts_to_date(
    article: Article, anchor: tuple[str, str] | None, version: str
) -> list[tuple[str, str | None, Article]]:
    """:func:`_time_texts` of one article."""
    date = anchor[0] if anchor else None
    out = [(incremental.times_key(article.text, date, version), date, article)]
    if any(r.reason == "photo caption" for r in article.removed):
        caption = replace(article, text="\n\n".join(r.text for r in article.removed if r.reason == "photo caption"))
        out.append((incremental.times_key(caption.text, date, version), date, caption))
    return out


def analyse_scopes(
    batch: ScopeBatch, nlp: Any = "default", use_embed: bool = False, fresh: dict[str, dict[str, bytes]] | None = None
) -> tuple[list[Claim], list[TimelineEvent]]:
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
    claims = build_claims(
        {a.id: a for a in batch.articles},
        attributions,
        batch.group_of,
        batch.scope_of,
        batch.story_of,
        labels=batch.labels,
        times=mentions,
        embedder=sentence_encoder() if use_embed else None,
    )
    dated = [with_anchor(a, batch.anchors.get(a.id)) for a in batch.articles]
    events = build_timeline(dated, mentions, batch.story_of)
    captions = [with_anchor(c, batch.anchors.get(c.id)) for c in captions]
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
        logging.getLogger("storyline").warning(
            "time expressions of article %r skipped: %s: %s", article_id, type(exc).__name__, exc
        )
        return []


def _scope_rows(batch: ScopeBatch, nlp: Any = "default", use_embed: bool = False) -> dict[str, dict[str, bytes]]:
    """:func:`analyse_scopes` as the cache entries it makes (an engine task: the workers serialise, the process
    that owns the store only inserts): new attributions and time mentions by key, and each scope's claims and
    events, written as the store's JSON rows, by scope key."""
    batch = read_batch(batch)
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


def _start(run: Run, articles: list[Article], keys: dict[str, str]) -> dict[str, Any]:
    pool, futures = _prefetch(run.store, articles, keys, run.settings.nlp, run.engine)
    if pool is not None:
        run.pools.append(pool)
    return {"attributing": (pool, futures)}


PREFETCH = Step("prefetch", reads=("articles", "keys"), writes=("attributing",), fn=_start)
"""Worker processes, when they pay, start on the attributions the cache lacks while the corpus-wide steps run."""


def _plan(
    run: Run,
    by_id: dict[str, Article],
    stories: list[Story],
    group_of: dict[str, str],
    anchors: dict[str, tuple[str, str]],
    keys: dict[str, str],
    attributing: tuple[ProcessEngine | None, list[Future]],
) -> dict[str, Any]:
    address = worker_store(run.store, attributing[0] or run.engine)
    return {
        "scope_plan": _scope_plan(by_id, stories, group_of, anchors, keys),
        "scope_store": address,
        "scope_articles": {} if address else by_id,
    }


PLAN = Step(
    "plan",
    reads=("by_id", "stories", "group_of", "anchors", "keys", "attributing"),
    writes=("scope_plan", "scope_store", "scope_articles"),
    fn=_plan,
    stage="sources",
)
"""The corpus by scope with each scope's cache key, and whether the scope batches travel as ids (the workers
read their articles from the store at ``scope_store``) or carry their articles (``scope_articles``): after this
step the driver holds no article unless it sends them."""


def _run(
    run: Run,
    plan: ScopePlan,
    address: str | None,
    articles: dict[str, Article],
    stories: list[Story],
    group_of: dict[str, str],
    anchors: dict[str, tuple[str, str]],
    keys: dict[str, str],
    use_embed: bool,
    attributing: tuple[ProcessEngine | None, list[Future]],
) -> dict[str, Any]:
    store, on_progress = run.store, run.progress("articles")
    pool, prefetched = attributing
    for future in prefetched:
        store.put_cached(incremental.ATTRIBUTIONS, future.result())
    cached = set(store.cached_keys(incremental.SCOPES))
    fresh = {scope for scope, key in plan.keys.items() if key not in cached}
    batches = scope_batches(articles, stories, group_of, anchors, scopes=fresh, versions=keys, plan=plan, store=address)
    work = functools.partial(_scope_rows, nlp=run.settings.nlp, use_embed=use_embed)
    done, total = 0, sum(len(b.ids) for b in batches)
    if on_progress and total:
        on_progress(0, total)
    for batch, rows in zip(batches, (pool or run.engine).imap(work, (_with_cache(store, b) for b in batches))):
        for kind in (incremental.ATTRIBUTIONS, incremental.TIMES, incremental.SCOPES):
            store.put_cached(kind, rows[kind])
        done += len(batch.ids)
        if on_progress:
            on_progress(done, total)
    logging.getLogger("storyline").info(
        "scopes analysed: %d of %d (%d batches)", len(fresh), len(plan.keys), len(batches)
    )
    return {"plan": plan}


STEP = Step(
    "sources",
    reads=(
        "scope_plan",
        "scope_store",
        "scope_articles",
        "stories",
        "group_of",
        "anchors",
        "keys",
        "use_embed",
        "attributing",
    ),
    writes=("plan",),
    fn=_run,
    stage="sources",
)
"""Each scope's attributions, claims and timeline events into the store's cache (only scopes whose key is new)."""
