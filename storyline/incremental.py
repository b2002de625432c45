"""Keys and encodings of what a store keeps between runs, so a rerun redoes only what changed.

Every kept thing is a result keyed by a digest of its inputs and a version (:func:`key`):

Attributions and time mentions are per article: kept under a digest of what they are computed from
(the article's cleaned text, outlet and credits; the text and anchor date) and of the code and model
that computed them. Claims and timeline events are per scope (a thread, or a story outside any
thread): kept under a digest of the scope's members and everything the corpus-wide stages said of
them. A code or model upgrade changes the version part of the keys, so it invalidates exactly the
analyses whose code changed; entries no current article or scope needs are dropped after a run.

The corpus-wide stages keep one state each (the copy index, the copies' diffs, the story clusterer, the
threads): a :class:`Saved` state is valid only for the token it was saved with, a digest of the settings
the stage reads (:meth:`storyline.settings.Settings.part`), so a changed parameter redoes that stage.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .model import Attribution, Source, TimeMention, to_plain

RESULT_KINDS = ("copy_groups", "stories", "threads", "claims", "timeline", "anchors")
"""The result lists an analysis stores (and publishes together: :func:`publish`)."""

ATTRIBUTIONS = "attributions"
TIMES = "times"
SCOPES = "scopes"

_ATTRIBUTION_CODE = ("storyline.sources", "storyline.languages", "storyline.model")
_TIMES_CODE = ("storyline.timeline", "storyline.model")
_SCOPE_CODE = (
    "storyline.sources",
    "storyline.timeline",
    "storyline.model",
    "storyline.steps",
    "storyline.stories.embed",
    "storyline.incremental",
)


@functools.cache
def code_version(*modules: str) -> str:
    """A digest of the source files of these modules and packages: every file under a package (its ``.py``
    files and the data shipped with them, such as the attribution model's weights, so new weights alone
    invalidate what they computed), less compiled caches."""
    h = hashlib.sha1()
    for name in modules:
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            h.update(f"{name}:missing".encode())
            continue
        origin = Path(spec.origin)
        files = (
            sorted(p for p in origin.parent.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
            if spec.submodule_search_locations
            else [origin]
        )
        for path in files:
            h.update(f"{name}:{path.relative_to(origin.parent)}\x00".encode())
            h.update(path.read_bytes())
    return h.hexdigest()[:16]


def versions(nlp_version: str, settings: dict[str, Any]) -> dict[str, str]:
    """The version part of each kind of key: the code computing it, the NLP model, the run's settings."""
    attributions = f"{code_version(*_ATTRIBUTION_CODE)}:{nlp_version}"
    scope = json.dumps([code_version(*_SCOPE_CODE), attributions, code_version(*_TIMES_CODE), settings], sort_keys=True)
    return {ATTRIBUTIONS: attributions, TIMES: code_version(*_TIMES_CODE), SCOPES: _digest(scope)}


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def key(version: Any, *parts: Any) -> str:
    """The digest a result is kept under: its version (code, model, settings) and everything it is computed from."""
    return _digest(json.dumps([version, *parts], sort_keys=True, separators=(",", ":"), default=str))


class Saved:
    """One stage's state in the store under ``name``, valid only for ``token``: :meth:`load` gives nothing
    when it was saved for another token (other settings) or ``rebuild`` is set.

    The token is kept beside the state (``name@token``) and cleared before a state for a new token is
    written, so a run killed between the two writes leaves no state that claims the wrong token.
    """

    def __init__(self, store: Any, name: str, token: str, rebuild: bool = False) -> None:
        self.store, self.name, self.token, self.rebuild = store, name, token, rebuild

    def load(self) -> bytes | None:
        """The saved state, when it was saved for this token."""
        if self.rebuild or self._saved_token() != self.token:
            return None
        return self.store.get_state(self.name)

    def save(self, blob: bytes) -> None:
        """Keep ``blob`` as the state for this token."""
        self._save(lambda: self.store.put_state(self.name, blob))

    def save_parts(self, parts: Iterable[bytes]) -> None:
        """:meth:`save` of a blob given as consecutive parts (each under 1 GB), each written as it is made."""
        self._save(lambda: self.store.put_state_parts(self.name, parts))

    def _save(self, put: Callable[[], None]) -> None:
        fresh = self._saved_token() != self.token
        if fresh:
            self.store.put_state(self.name + "@token", b"")
        put()
        if fresh:
            self.store.put_state(self.name + "@token", self.token.encode())
        self.rebuild = False

    def load_json(self) -> dict[str, Any]:
        """:meth:`load` of a state saved by :meth:`save_json`; {} when there is none or it does not parse."""
        return _load_json(self.load())

    def save_json(self, state: dict[str, Any]) -> None:
        """:meth:`save` of plain data as compact JSON."""
        self.save(json.dumps(state, separators=(",", ":")).encode("utf-8", "surrogatepass"))

    def _saved_token(self) -> str | None:
        blob = self.store.get_state(self.name + "@token")
        return blob.decode() if blob else None


def attribution_key(article: Any, version: str) -> str:
    """The key of an article's attributions: its id, cleaned text, outlet and credits, and the version."""
    return _digest(json.dumps([version, article.id, article.text, article.source, article.credits]))


def times_key(text: str, anchor: str | None, version: str) -> str:
    """The key of the time mentions of a text read against an anchor date."""
    return _digest(json.dumps([version, text, anchor]))


def scope_key(version: str, parts: list[Any]) -> str:
    """The key of a scope's claims and timeline events: the version and everything they are computed from."""
    return _digest(json.dumps([version, parts], sort_keys=True, separators=(",", ":")))


def encode_attributions(items: list[Attribution]) -> bytes:
    """Attributions as stored in the cache."""
    return json.dumps(to_plain(items), separators=(",", ":")).encode("utf-8", "surrogatepass")


def decode_attributions(blob: bytes) -> list[Attribution]:
    """Attributions from :func:`encode_attributions`."""
    items = json.loads(blob.decode("utf-8", "surrogatepass"))
    return [Attribution(**{**d, "chain": [Source(**s) for s in d["chain"]]}) for d in items]


def encode_times(items: list[TimeMention]) -> bytes:
    """Time mentions as stored in the cache."""
    return json.dumps(to_plain(items), separators=(",", ":")).encode("utf-8", "surrogatepass")


def decode_times(blob: bytes) -> list[TimeMention]:
    """Time mentions from :func:`encode_times`."""
    return [TimeMention(**d) for d in json.loads(blob.decode("utf-8", "surrogatepass"))]


def encode_rows(claims: list[str], timeline: list[str]) -> bytes:
    """One scope's claims and timeline events (each a result row, JSON on one line) as one cached value."""
    return "\n".join([str(len(claims)), *claims, *timeline]).encode("utf-8", "surrogatepass")


def decode_rows(blob: bytes) -> tuple[list[str], list[str]]:
    """The claims and timeline rows of :func:`encode_rows`."""
    lines = blob.decode("utf-8", "surrogatepass").split("\n")
    n = int(lines[0])
    return lines[1 : 1 + n], lines[1 + n :]


PUBLISHED = "analysis_published"


def publish(store: Any, order: list[str], others: dict[str, list[str]]) -> dict[str, int]:
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
        got = store.get_cached(SCOPES, part)
        claims: list[str] = []
        timeline: list[str] = []
        for key in part:
            c, t = decode_rows(got[key])
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

    def __init__(self, store: Any) -> None:
        self.store = store
        saved = _load_json(store.get_state(self.STATE))
        if saved.get("run"):
            store.delete_results(f"{kind}~{saved['run']}" for kind in RESULT_KINDS)
        self.run = uuid.uuid4().hex[:12]
        self.counts: dict[str, int] = {}
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
