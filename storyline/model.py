"""The vocabulary of storyline: one dataclass per concept, shared by every stage.

Stages take and return these types; nothing else crosses a stage boundary.
Dates are kept as ISO 8601 strings (``"2024-05-26"``, ``"2024-05"``, ``"2024-05-26T08:00:00+00:00"``)
so that a value keeps the precision its evidence gives and no more.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import asdict, dataclass, field, fields, is_dataclass
from datetime import date
from typing import Any

_FIELD_NAMES: dict[type, tuple[str, ...]] = {}

INTERNAL = {"json": False}
"""Metadata of a field kept in memory and in the store's columns but not written as JSON (:mod:`storyline.schema`)."""


def to_plain(obj: Any) -> Any:
    """``dataclasses.asdict`` for the vocabulary types, without its per-value deep copies.

    Dataclasses become dicts, lists and tuples keep their type, dicts are rebuilt; other values
    (strings, numbers, None) are returned as they are, being immutable. Results of a large corpus
    (hundreds of thousands of claims and events) are converted several times faster.
    """
    kind = type(obj)
    if kind in (str, int, float, bool) or obj is None:
        return obj
    names = _FIELD_NAMES.get(kind)
    if names is None and is_dataclass(obj) and not isinstance(obj, type):
        names = _FIELD_NAMES[kind] = tuple(f.name for f in fields(obj))
    if names is not None:
        return {n: to_plain(getattr(obj, n)) for n in names}
    if kind is list:
        return [to_plain(x) for x in obj]
    if kind is tuple:
        return tuple(to_plain(x) for x in obj)
    if kind is dict:
        return {to_plain(k): to_plain(v) for k, v in obj.items()}
    return copy.deepcopy(obj)


def day_ordinal(value: str | None) -> int | None:
    """Proleptic ordinal of an ISO date or datetime string; None when absent, coarser than a day, or unreadable."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10]).toordinal()
    except ValueError:
        return None


@dataclass(frozen=True)
class Removed:
    """A piece of the raw text that cleaning dropped, and why (kept so a user can check it)."""

    text: str
    reason: str


@dataclass
class Article:
    """One document, as read and cleaned.

    ``text`` is the cleaned body; ``raw_text`` what the reader found before cleaning.
    ``inferred`` maps a metadata field (``source``, ``published``, ``credits``) to how its value
    was inferred when it did not come from structured metadata; a field with no evidence stays None.
    ``offsets`` maps offsets of ``text`` to offsets of the given text (:mod:`storyline.offsets`),
    kept when ``raw_text`` is dropped from a lean copy; None means the identity or not computed.
    """

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    language: str | None = None
    credits: list[str] = field(default_factory=list)
    path: str | None = None
    raw_text: str | None = None
    removed: list[Removed] = field(default_factory=list)
    inferred: dict[str, str] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict, metadata=INTERNAL)
    offsets: Any = field(default=None, metadata=INTERNAL)

    @property
    def digest(self) -> str:
        """Content hash of what was read (raw text and title): equal digests mean the same input."""
        h = hashlib.sha256()
        h.update((self.title or "").encode("utf-8"))
        h.update(b"\x00")
        h.update((self.raw_text if self.raw_text is not None else self.text).encode("utf-8"))
        return h.hexdigest()

    @property
    def published_date(self) -> str | None:
        """The calendar-date part of ``published`` (``YYYY-MM-DD``, or coarser), or None."""
        return self.published[:10] if self.published else None

    def to_dict(self) -> dict[str, Any]:
        """Plain-data form used by the JSON output and the store."""
        d = asdict(self)
        d["removed"] = [asdict(r) for r in self.removed]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Article":
        """Inverse of :meth:`to_dict`; unknown keys go to ``extra``."""
        known = {f for f in cls.__dataclass_fields__}
        kwargs = {k: v for k, v in d.items() if k in known}
        extra = dict(kwargs.pop("extra", None) or {})
        extra.update({k: v for k, v in d.items() if k not in known})
        kwargs["removed"] = [r if isinstance(r, Removed) else Removed(**r) for r in kwargs.get("removed") or []]
        kwargs["credits"] = list(kwargs.get("credits") or [])
        kwargs["inferred"] = dict(kwargs.get("inferred") or {})
        return cls(extra=extra, **kwargs)


@dataclass(frozen=True)
class ReadError:
    """A problem with one input (a file, a line, a record): reported, never fatal to the run."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: {self.message}"


@dataclass
class CopyMember:
    """An article's place in its copy group: how it relates to the origin."""

    article_id: str
    relation: (
        str  # "origin", "exact", "edited", "partial" (holds part of the origin), "contains" (embeds it), "translated"
    )
    similarity: float
    languages: list[str] = field(default_factory=list)  # [origin's, this one's] for a translation


@dataclass
class SentenceEdit:
    """One sentence of a copy set against its origin: ``kind`` is "added", "removed" or "edited";
    ``origin_text``/``copy_text`` the two sentences (None on the side that lacks it); ``edits`` the kinds
    of edit it holds (spelling, honorific, date, trim, wording, ...); ``changes`` the word changes of an
    edited sentence, each ``{"kind", "before", "after"}``."""

    kind: str
    origin_text: str | None = None
    copy_text: str | None = None
    edits: list[str] = field(default_factory=list)
    changes: list[dict[str, str]] = field(default_factory=list)


@dataclass
class CopyGroup:
    """Articles that are copies or light edits of one text, with the article they derive from.

    ``origin_evidence`` says what named the origin (a credit, the earliest date, the direction of
    the text). When nothing decides, ``origin_undetermined`` is set, ``origin_candidates`` lists the
    articles it could be, and ``origin`` is the first of them (copies are compared against it).
    ``diffs`` maps each copy's id to its sentence edits against the origin (filled for the results)."""

    id: str
    origin: str
    members: list[CopyMember] = field(default_factory=list)
    origin_evidence: list[str] = field(default_factory=list)
    origin_undetermined: bool = False
    origin_candidates: list[str] = field(default_factory=list)
    diffs: dict[str, list[SentenceEdit]] = field(default_factory=dict)

    @property
    def article_ids(self) -> list[str]:
        return [m.article_id for m in self.members]


@dataclass
class Story:
    """Articles (through their copy groups) about one event."""

    id: str
    title: str
    article_ids: list[str] = field(default_factory=list)
    copy_group_ids: list[str] = field(default_factory=list)
    start: str | None = None
    end: str | None = None
    sources: list[str] = field(default_factory=list)
    thread: str | None = None


@dataclass
class Thread:
    """Stories about one developing subject, ordered in time."""

    id: str
    title: str
    story_ids: list[str] = field(default_factory=list)
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True)
class Source:
    """One link of a source chain: a name and its kind.

    kind is one of "outlet", "agency", "person", "organisation", "document", "unnamed".
    """

    name: str
    kind: str


@dataclass
class Attribution:
    """A span of an article and the chain of sources behind it, outermost first."""

    article_id: str
    start: int
    end: int
    text: str
    chain: list[Source] = field(default_factory=list)
    cue: str | None = None


@dataclass
class Statement:
    """Where an article makes a claim: ``start``/``end`` are character offsets into the article's
    text as the user gave it (``raw_text`` when cleaning changed it), ``text`` that slice."""

    article_id: str
    start: int
    end: int
    text: str
    chain: list[Source] = field(default_factory=list)


@dataclass
class Claim:
    """An assertion of fact made in a scope (thread or story), the statements that make it and
    the independent origins behind it. ``denies`` is set on a denial or dispute: the claim ids it
    contradicts are then in ``contradicts`` as well. A later count of the same thing (a death toll
    raised the next day) is no contradiction: ``updates`` lists the claims it revises, and
    ``updated_by`` the claims that revise this one."""

    id: str
    story: str
    text: str
    article_ids: list[str] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)
    chains: list[list[Source]] = field(default_factory=list)
    contradicts: list[str] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    origin_reasons: list[str] = field(default_factory=list)
    denies: bool = False
    updates: list[str] = field(default_factory=list)
    updated_by: list[str] = field(default_factory=list)

    @property
    def independent_origins(self) -> int:
        return len(self.origins)


@dataclass
class Anchor:
    """The date an article is placed at by the dates stage, and how it was found (its publication date,
    or a date inferred from its text or its copies when that is missing or gives only a year)."""

    id: str
    date: str
    how: str


@dataclass
class TimeMention:
    """A time expression in a text, its span and its normalised TIMEX3-style value.

    ``how`` says how the value was resolved (e.g. "weekday before publication 2024-05-27").
    """

    start: int
    end: int
    text: str
    value: str | None
    kind: str = "DATE"  # DATE, TIME, DURATION, SET
    how: str | None = None
    article_id: str | None = None


@dataclass
class TimelineEvent:
    """A dated event of a story or thread: when it happened, when it was reported, and by whom."""

    date: str
    text: str
    article_id: str
    reported: str | None = None
    sources: list[str] = field(default_factory=list)
    story: str | None = None
