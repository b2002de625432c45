"""The HTTP API: JSON for everything the pages show, and adding articles (JSON or an uploaded file)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, File, HTTPException, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from pydantic import TypeAdapter, ValidationError

from . import schemas, uploads, views
from .state import StoreView

_ARTICLES_IN = TypeAdapter(list[schemas.ArticleIn])
_CHUNK = 1 << 20


def _view(request: Request) -> StoreView:
    return request.app.state.view


def _day(value: str | None, name: str) -> Any:
    try:
        return views.parse_day(value)
    except ValueError:
        raise HTTPException(400, f"{name} must be a date like 2025-03-10, not {value!r}") from None


def _segs(segs: list[tuple[str, bool]]) -> list[dict[str, Any]]:
    return [{"text": t, "changed": c} for t, c in segs]


def diff_json(d: dict[str, Any]) -> dict[str, Any]:
    """A copy diff with its segments as objects."""
    return dict(d, rows=[dict(r, origin=_segs(r["origin"]), copy=_segs(r["copy"])) for r in d["rows"]])


def _added_status(result: dict[str, Any]) -> int:
    if result["articles_read"] == 0:
        return 422
    return 201 if result["added"] else 200


router = APIRouter(prefix="/api", tags=["storyline"])


@router.get("/health", response_model=schemas.Health, summary="Counts of what the store holds")
def health(request: Request) -> dict[str, int]:
    c = _view(request).snapshot().corpus
    return {"articles": len(c.articles), "stories": len(c.stories), "threads": len(c.threads)}


@router.get("/stories", response_model=schemas.StoriesPage, summary="Stories, newest first, with search and filters")
def list_stories(
    request: Request,
    q: str = Query("", description='full-text search over every article (words, "a phrase", prefix*)'),
    date_from: str | None = Query(None, description="first day (YYYY-MM-DD) a story must reach"),
    date_to: str | None = Query(None, description="last day (YYYY-MM-DD) a story may start"),
    source: str | None = Query(None, description="an outlet that must have an article in the story"),
    thread: str | None = Query(None, description="thread id"),
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0),
) -> dict[str, Any]:
    snap = _view(request).snapshot()
    v = views.stories_view(
        snap.corpus, snap.index, q, _day(date_from, "date_from"), _day(date_to, "date_to"), source, thread
    )
    return {"total": len(v["stories"]), "stories": v["stories"][offset : offset + limit], "hits": v["hits"]}


@router.get(
    "/stories/{story_id:path}",
    response_model=schemas.StoryDetail,
    summary="One story: copy groups, claims with corroboration and source chains, timeline, source graph",
)
def get_story(request: Request, story_id: str) -> dict[str, Any]:
    v = views.story_view(_view(request).snapshot().corpus, story_id)
    if v is None:
        raise HTTPException(404, f"no story {story_id!r}")
    return {k: v[k] for k in ("story", "groups", "singles", "claims", "events", "graph")}


@router.get("/threads", response_model=list[schemas.ThreadSummary], summary="Threads, newest first")
def list_threads(request: Request) -> list[dict[str, Any]]:
    return views.threads_view(_view(request).snapshot().corpus)


@router.get(
    "/threads/{thread_id:path}", response_model=schemas.ThreadDetail, summary="One thread and its stories in time order"
)
def get_thread(request: Request, thread_id: str) -> dict[str, Any]:
    v = views.thread_view(_view(request).snapshot().corpus, thread_id, lambda s: s)
    if v is None:
        raise HTTPException(404, f"no thread {thread_id!r}")
    return {k: v[k] for k in ("thread", "stories", "claims", "events")}


@router.get(
    "/articles", response_model=schemas.ArticlesPage, summary="Articles (newest first), or those matching a search"
)
def list_articles(
    request: Request,
    q: str = Query("", description="full-text search"),
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0),
) -> dict[str, Any]:
    snap = _view(request).snapshot()
    if q.strip():
        rows = [
            dict(snap.corpus.article_summary(h["id"]), snippet=h["snippet"]) for h in snap.index.search(q, limit=10_000)
        ]
    else:
        rows = sorted(
            (snap.corpus.article_summary(a) for a in snap.corpus.articles),
            key=lambda r: views.recency_key(r["published"]),
            reverse=True,
        )
    return {"total": len(rows), "articles": rows[offset : offset + limit]}


@router.get(
    "/articles/{article_id:path}",
    response_model=schemas.ArticleDetail,
    summary="One article: cleaned text, removed boilerplate, metadata, copies, stories, claims",
)
def get_article(request: Request, article_id: str) -> dict[str, Any]:
    v = views.article_view(_view(request).snapshot().corpus, article_id)
    if v is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return {"article": v["article"], "copies": v["copies"], "stories": v["stories"], "claims": v["claims"]}


@router.get(
    "/diffs/{article_id:path}",
    response_model=schemas.DiffView,
    summary="A copy against its origin, sentence by sentence",
)
def get_diff(request: Request, article_id: str) -> dict[str, Any]:
    corpus = _view(request).snapshot().corpus
    if article_id not in corpus.articles:
        raise HTTPException(404, f"no article {article_id!r}")
    d = views.copy_diff(corpus, article_id)
    if d is None:
        raise HTTPException(404, f"article {article_id!r} is not a copy of another article")
    return diff_json(d)


@router.get("/sources", response_model=list[str], summary="Every outlet named by an article")
def list_sources(request: Request) -> list[str]:
    return _view(request).snapshot().corpus.sources()


@router.get("/copy_groups", summary="Copy groups as the copies stage stored them")
def list_copy_groups(request: Request) -> list[dict[str, Any]]:
    return _view(request).snapshot().corpus.groups


@router.get(
    "/claims", response_model=list[schemas.ClaimView], summary="Claims with corroboration, optionally of one story"
)
def list_claims(request: Request, story: str | None = None) -> list[dict[str, Any]]:
    c = _view(request).snapshot().corpus
    return [c.claim_view(x) for x in c.claims if story is None or x["story"] == story]


@router.get(
    "/timeline",
    response_model=list[schemas.EventView],
    summary="Timeline events, optionally of one story, in date order",
)
def list_timeline(request: Request, story: str | None = None) -> list[dict[str, Any]]:
    c = _view(request).snapshot().corpus
    if story is not None:
        return c.story_events(story)
    return sorted(c.events, key=lambda e: (views.dates_key(e["date"]), e["text"]))


@router.post(
    "/articles",
    response_model=schemas.AddResult,
    status_code=201,
    summary="Add articles as JSON: one object, a list, or {\"articles\": [...]}",
    responses={
        200: {"description": "nothing new (all already stored)"},
        400: {"description": "broken JSON"},
        413: {"description": "body too large"},
        415: {"description": "not JSON"},
        422: {"description": "invalid articles"},
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "oneOf": [
                            {"$ref": "#/components/schemas/ArticleIn"},
                            {"type": "array", "items": {"$ref": "#/components/schemas/ArticleIn"}},
                            {
                                "type": "object",
                                "properties": {
                                    "articles": {"type": "array", "items": {"$ref": "#/components/schemas/ArticleIn"}}
                                },
                            },
                        ]
                    }
                }
            },
        }
    },
)
async def add_articles(
    request: Request, replace: bool = Query(False, description="overwrite articles stored under the same id")
) -> Any:
    view = _view(request)
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype != "application/json":
        raise HTTPException(
            415, f"send the articles as application/json, not {ctype or 'no content type'}; files go to /api/upload"
        )
    body = await request.body()
    if len(body) > view.max_upload_bytes:
        raise HTTPException(413, f"body of {len(body)} bytes is over the limit of {view.max_upload_bytes}")
    try:
        items = uploads.parse_articles_json(body)
        articles = _ARTICLES_IN.validate_python(items)
    except ValueError as exc:
        if isinstance(exc, ValidationError):
            return JSONResponse(
                {"detail": [{"loc": list(e["loc"]), "msg": e["msg"]} for e in exc.errors()]}, status_code=422
            )
        raise HTTPException(400, str(exc)) from None
    if not articles:
        raise HTTPException(422, "no articles in the body")
    data = uploads.articles_jsonl([a.model_dump(exclude_none=True) for a in articles])
    result = await ingest_upload(view, "api-articles.jsonl", data, replace)
    return JSONResponse(result, status_code=_added_status(result))


@router.post(
    "/upload",
    response_model=schemas.AddResult,
    status_code=201,
    summary="Add articles from one file of any input kind (text, JSONL, HTML, RSS/Atom, WARC; gzip allowed)",
    responses={
        200: {"description": "nothing new"},
        400: {"description": "empty file"},
        413: {"description": "file too large"},
        415: {"description": "a kind of file no reader takes"},
        422: {"description": "no article could be read"},
    },
)
async def upload(
    request: Request,
    file: UploadFile = File(..., description="the file"),
    replace: bool = Query(False, description="overwrite articles stored under the same id"),
) -> Any:
    view = _view(request)
    await one_file(request)
    data = await read_limited(file, view.max_upload_bytes)
    result = await ingest_upload(view, file.filename or "upload", data, replace)
    return JSONResponse(result, status_code=_added_status(result))


async def one_file(request: Request) -> None:
    """400 unless the form holds exactly one file (a second one would otherwise be dropped without a word)."""
    form = await request.form()
    files = [k for k, v in form.multi_items() if not isinstance(v, str)]
    if len(files) > 1:
        raise HTTPException(400, f"send one file per upload; this form holds {len(files)}")


async def read_limited(file: UploadFile, limit: int) -> bytes:
    """The whole upload, or 413 as soon as it passes ``limit`` bytes."""
    parts, size = [], 0
    while chunk := await file.read(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, f"file over the upload limit of {limit} bytes")
        parts.append(chunk)
    return b"".join(parts)


async def ingest_upload(view: StoreView, name: str, data: bytes, replace: bool) -> dict[str, Any]:
    """Read one uploaded file into the store and run the stages, off the event loop and one upload at a time;
    the add result, or the upload's problem as an HTTPException. Shared by the API and the add page."""

    def work() -> dict[str, Any]:
        with view.write_lock:
            try:
                return uploads.ingest_bytes(view.store_path, name, data, replace, view.run_stages)
            finally:
                view.invalidate()

    try:
        return await run_in_threadpool(work)
    except uploads.UploadError as exc:
        raise HTTPException(exc.status, exc.message) from None
