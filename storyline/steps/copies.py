"""The copies step: copy groups from the index kept in the store, and each copy's edits against its origin."""

from __future__ import annotations

import functools
import hashlib
from typing import Any

from .. import incremental
from ..copies import CopyDiff, CopyIndex, CopyParams, Sketch, add_translations, diff_copy, sketch
from ..engines import Engine
from ..model import Article, CopyGroup, CopyMember, SentenceEdit, to_plain
from ..settings import Settings
from ..store import Store
from . import base
from .base import Run, Step


def copy_groups_of(articles: list[Article], params: CopyParams | None = None) -> list[CopyGroup]:
    """Copy groups of a list of articles (a fresh index, with ``params`` or the shipped parameters)."""
    index = CopyIndex(params)
    index.add(articles)
    return add_translations(index.groups({a.id: a.text for a in articles}.get), articles)


def copy_diffs(articles: dict[str, Article], groups: list[CopyGroup]) -> dict[str, CopyDiff]:
    """Each copy's sentence edits against its group's origin, by copy id."""
    return {
        m.article_id: diff_copy(articles[m.article_id], articles[g.origin], m.relation == "translated")
        for g in groups
        for m in g.members
        if m.article_id != g.origin
    }


def _copy_diffs(
    store: Store, articles: dict[str, Article], groups: list[CopyGroup], rebuild: bool
) -> dict[str, CopyDiff]:
    """:func:`copy_diffs`, reusing the diffs the last run saved for copies whose text and origin's text
    are unchanged (a rerun need not align every copy again: ~2 ms a copy)."""
    state = incremental.Saved(store, "copy_diffs", incremental.key("copy_diffs"), rebuild)
    saved = state.load_json()
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
        state.save_json(keep)
    return diffs


def _copy_groups(
    store: Store, articles: list[Article], rebuild: bool, engine: Engine, settings: Settings
) -> list[CopyGroup]:
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
        chunks = [new[i : i + base.CHUNK * 10] for i in range(0, len(new), base.CHUNK * 10)]
        for chunk, sketched in zip(chunks, engine.imap(work, [[a.text for a in c] for c in chunks])):
            index.add_sketched(chunk, sketched)
        saved.save_parts(index.to_parts())
    kept = incremental.Saved(store, "copy_groups", _groups_token(articles, params), rebuild)
    plain = kept.load_json().get("groups")
    if isinstance(plain, list):
        return [_group_from_plain(g) for g in plain]
    groups = add_translations(index.groups({a.id: a.text for a in articles}.get), articles)
    kept.save_json({"groups": to_plain(groups)})
    return groups


def _groups_token(articles: list[Article], params: CopyParams) -> str:
    """What copy groups are computed from: the code, the copy parameters and each article's input and the fields
    the origin is decided by (a rerun with nothing new reads the groups back instead of deciding origins again)."""
    what = hashlib.sha1()
    for a in sorted(articles, key=lambda a: a.id):
        what.update(repr((a.id, a.title, a.text, a.published, a.source, a.credits, a.language, a.url)).encode())
    version = incremental.code_version("storyline.copies", "storyline.model", "storyline.steps.copies")
    return incremental.key(version, params.to_dict(), what.hexdigest())


def _group_from_plain(d: dict[str, Any]) -> CopyGroup:
    group = CopyGroup(**{k: v for k, v in d.items() if k not in ("members", "diffs")})
    group.members = [CopyMember(**m) for m in d.get("members", [])]
    group.diffs = {k: [SentenceEdit(**e) for e in v] for k, v in d.get("diffs", {}).items()}
    return group


def _sketch_chunk(texts: list[str], params: CopyParams) -> Sketch:
    """Copy sketches of a chunk of texts (an engine task)."""
    return sketch(texts, params)


def _run(run: Run, articles: list[Article], by_id: dict[str, Article]) -> dict[str, Any]:
    groups = _copy_groups(run.store, articles, run.rebuild, run.engine, run.settings)
    return {
        "groups": groups,
        "group_of": {m.article_id: g.id for g in groups for m in g.members},
        "diffs": _copy_diffs(run.store, by_id, groups, run.rebuild),
    }


STEP = Step("copies", reads=("articles", "by_id"), writes=("groups", "group_of", "diffs"), fn=_run, stage="copies")
"""Copy groups (``group_of``: article id -> group id) and each copy's edits against its origin."""
