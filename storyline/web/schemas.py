"""Pydantic shapes of the HTTP API, so that /docs and /openapi.json describe every answer."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ArticleIn(BaseModel):
    """An article to add, in the Article JSONL interchange form (``id`` and ``text`` required)."""

    model_config = ConfigDict(extra="allow", json_schema_extra={"examples": [
        {"id": "note-1", "title": "Ferry service resumes", "text": "The ferry to Oskar island resumed on Monday, the operator said.",
         "published": "2025-03-10", "source": "Harbour Weekly", "url": "https://harbour.example/ferry"}]})

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


class Member(ArticleSummary):
    relation: str = ""
    similarity: float | None = None
    is_origin: bool = False
    edits: list[str] = []


class GroupView(BaseModel):
    id: str
    origin: str | None
    members: list[Member]
    origin_evidence: list[str] = Field([], description="what named the origin: a credit, the earliest date, or what the texts show a republisher did (a date made absolute, a sentence cut in the middle, story sentences cut from the end, a line added)")
    origin_undetermined: bool = False
    origin_candidates: list[str] = []


class SourceLink(BaseModel):
    name: str
    kind: str


class StatementView(_Open):
    article_id: str
    start: int = Field(description="character offset into the article's text as given (raw_text, or text when that is null)")
    end: int
    text: str = ""
    chain: list[SourceLink] = []


class ClaimView(_Open):
    id: str
    story: str | None = None
    text: str
    denies: bool = Field(False, description="a denial or dispute: contradicts lists what it denies")
    statements: list[StatementView] = []
    origin_reasons: list[str] = []
    origins: list[Any] = []
    n_origins: int
    verdict: str
    unnamed: bool
    chains: list[list[SourceLink]] = []
    contradicts: list[dict[str, Any]] = []
    carriers: list[ArticleSummary] = []


class EventView(_Open):
    date: str | None = None
    text: str = ""
    article_id: str | None = None
    reported: str | None = None
    sources: list[Any] = []
    story: str | None = None


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


class Removed(BaseModel):
    text: str = ""
    reason: str = ""


class ArticleFull(_Open):
    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    language: str | None = None
    credits: list[str] = []
    path: str | None = None
    raw_text: str | None = Field(None, description="the text as given, when cleaning changed it; offsets point into it")
    removed: list[Removed] = []
    inferred: dict[str, Any] = {}


class ArticleDetail(BaseModel):
    article: ArticleFull
    copies: GroupView | None
    stories: list[StorySummary]
    claims: list[ClaimView]


class Health(BaseModel):
    articles: int
    stories: int
    threads: int
