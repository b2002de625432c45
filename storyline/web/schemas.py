"""Pydantic shapes of the HTTP API, so that /docs and /openapi.json describe every answer.

A model that shows one of the vocabulary's dataclasses as it is (an article, a claim, a statement, a
timeline event, a copy group) is made from the dataclass by :func:`mirror`, so a field added in model.py is
in the API at once; the summaries (stories, threads, article rows) are views computed by the web layer.
"""

from __future__ import annotations

import dataclasses
import typing
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from .. import model
from ..schema import json_fields


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


def mirror(
    cls: type,
    *,
    base: type[BaseModel] = BaseModel,
    name: str | None = None,
    types: dict[str, Any] | None = None,
    described: dict[str, str] | None = None,
    exclude: tuple[str, ...] = (),
    **more: Any,
) -> type[BaseModel]:
    """A pydantic model with a field for each JSON field of dataclass ``cls``, of its type and default.

    ``types`` replaces a field's type (a nested dataclass by its API model, or the richer form a view gives
    it), ``described`` gives fields a description, ``exclude`` leaves out what the view shows elsewhere,
    and ``more`` adds the view's own fields, each as ``name=(type, default or Field)``.
    """
    hints = typing.get_type_hints(cls)
    types, described = types or {}, described or {}
    spec: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        if f.name not in json_fields(cls) or f.name in exclude:
            continue
        if f.default is not dataclasses.MISSING:
            info = Field(f.default, description=described.get(f.name))
        elif f.default_factory is not dataclasses.MISSING:
            info = Field(default_factory=f.default_factory, description=described.get(f.name))
        else:
            info = Field(description=described.get(f.name))
        spec[f.name] = (types.get(f.name, hints[f.name]), info)
    spec.update(more)
    return create_model(name or cls.__name__, __base__=base, __module__=__name__, **spec)


class ArticleIn(BaseModel):
    """An article to add, in the Article JSONL interchange form (``id`` and ``text`` required)."""

    model_config = ConfigDict(
        extra="allow",
        json_schema_extra={
            "examples": [
                {
                    "id": "note-1",
                    "title": "Ferry service resumes",
                    "text": "The ferry to Oskar island resumed on Monday, the operator said.",
                    "published": "2025-03-10",
                    "source": "Harbour Weekly",
                    "url": "https://harbour.example/ferry",
                }
            ]
        },
    )

    id: str = Field(min_length=1, max_length=1000)
    text: str = Field(min_length=1)
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    language: str | None = None


class AddResult(BaseModel):
    """What adding articles did."""

    articles_read: int
    added: int
    unchanged: int
    article_ids: list[str]
    errors: list[str]


class ArticleSummary(_Open):
    id: str
    title: str | None = None
    source: str | None = None
    published: str | None = None
    url: str | None = None
    credits: list[str] = []
    missing: bool = False


class SearchHit(ArticleSummary):
    snippet: str = Field(description="text around the hits; hits lie between U+E000 and U+E001")
    stories: list[str] = []


class StorySummary(_Open):
    id: str
    title: str
    start: str | None = None
    end: str | None = None
    thread: str | None = None
    thread_title: str | None = None
    articles: int = Field(description="articles in the story")
    outlets: int = Field(description="distinct outlets")
    origins: int = Field(description="independent origins: each copy group counts once")
    sources: list[str] = []
    claims: int = 0


class StoriesPage(BaseModel):
    total: int
    stories: list[StorySummary]
    hits: list[SearchHit] = []


class ArticlesPage(BaseModel):
    total: int
    articles: list[ArticleSummary]


Member = mirror(
    model.CopyMember,
    base=ArticleSummary,
    name="Member",
    exclude=("article_id",),
    is_origin=(bool, False),
    edits=(list[str], []),
)

GroupView = mirror(
    model.CopyGroup,
    name="GroupView",
    exclude=("diffs",),
    types={"members": list[Member]},
    described={
        "origin_evidence": "what named the origin: a credit, the earliest date, or what the texts show a "
        "republisher did (a date made absolute, a sentence cut in the middle, story sentences cut from the end, "
        "a line added)"
    },
)

SourceLink = mirror(model.Source, name="SourceLink")

StatementView = mirror(
    model.Statement,
    base=_Open,
    name="StatementView",
    types={"chain": list[SourceLink]},
    described={"start": "character offset into the article's text as given (raw_text, or text when that is null)"},
)

ClaimView = mirror(
    model.Claim,
    base=_Open,
    name="ClaimView",
    types={
        "chains": list[list[SourceLink]],
        "statements": list[StatementView],
        "contradicts": list[dict[str, Any]],
        "updates": list[dict[str, Any]],
        "updated_by": list[dict[str, Any]],
    },
    described={
        "denies": "a denial or dispute: contradicts lists what it denies",
        "updates": "the claims whose count this later report revises (a toll raised the next day)",
        "updated_by": "the later reports that revise this claim's count",
    },
    n_origins=(int, ...),
    verdict=(str, ...),
    unnamed=(bool, ...),
    carriers=(list[ArticleSummary], []),
)

EventView = mirror(model.TimelineEvent, base=_Open, name="EventView")


class GraphNode(BaseModel):
    id: str
    name: str
    kind: str


class GraphEdge(BaseModel):
    source: str
    target: str
    kind: str = Field(description="cites, copies or credits")
    count: int


class Graph(BaseModel):
    nodes: list[GraphNode]
    edges: list[GraphEdge]


class Segment(BaseModel):
    text: str
    changed: bool


class DiffRow(BaseModel):
    kind: str = Field(description="same, edited, added or removed")
    origin: list[Segment]
    copy_: list[Segment] = Field(alias="copy")
    edits: list[str] = []

    model_config = ConfigDict(populate_by_name=True)


class DiffView(BaseModel):
    origin: ArticleSummary
    copy_: ArticleSummary = Field(alias="copy")
    stored: bool = Field(description="true when the rows come from the copies stage, false when computed here")
    counts: dict[str, int]
    rows: list[DiffRow]

    model_config = ConfigDict(populate_by_name=True)


class StoryDetail(BaseModel):
    story: StorySummary
    groups: list[GroupView]
    singles: list[ArticleSummary]
    claims: list[ClaimView]
    events: list[EventView]
    graph: Graph


class ThreadSummary(BaseModel):
    id: str
    title: str
    start: str | None = None
    end: str | None = None
    stories: int
    articles: int
    origins: int


class ThreadDetail(BaseModel):
    thread: ThreadSummary
    stories: list[StorySummary]
    claims: list[ClaimView] = Field([], description="claims of the thread's stories, aligned across them")
    events: list[EventView] = Field([], description="the timeline across the thread's stories, oldest first")


Removed = mirror(model.Removed)

ArticleFull = mirror(
    model.Article,
    base=_Open,
    name="ArticleFull",
    types={"removed": list[Removed]},
    described={"raw_text": "the text as given, when cleaning changed it; offsets point into it"},
)


class ArticleDetail(BaseModel):
    article: ArticleFull
    copies: GroupView | None
    stories: list[StorySummary]
    claims: list[ClaimView]


class Health(BaseModel):
    articles: int
    stories: int
    threads: int
