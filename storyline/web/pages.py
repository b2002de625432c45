"""The server-rendered pages: stories, a story, threads, a thread, an article, and an upload form."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse

from . import views
from .api import ingest_upload, one_file, read_limited
from .render import ServerLinks, render
from .state import StoreView

router = APIRouter(include_in_schema=False)


def _links(request: Request) -> ServerLinks:
    return ServerLinks(request.scope.get("root_path", ""))


def _view(request: Request) -> StoreView:
    return request.app.state.view


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """One rendered page."""
    context.setdefault("q", "")
    return HTMLResponse(render(template, links=_links(request), **context), status_code=status)


@router.get("/", response_class=HTMLResponse)
def stories(
    request: Request, q: str = "", date_from: str = "", date_to: str = "", source: str = "", thread: str = ""
) -> HTMLResponse:
    snap = _view(request).snapshot()
    error = None
    try:
        d_from, d_to = views.parse_day(date_from), views.parse_day(date_to)
    except ValueError:
        d_from = d_to = None
        error = "Dates must look like 2025-03-10; the date filter was ignored."
    v = views.stories_view(snap.corpus, snap.index, q, d_from, d_to, source, thread)
    return page(request, "stories.html", 400 if error else 200, error=error, **v)


@router.get("/stories/{story_id:path}", response_class=HTMLResponse)
def story(request: Request, story_id: str) -> HTMLResponse:
    v = views.story_view(_view(request).snapshot().corpus, story_id)
    if v is None:
        raise HTTPException(404, f"There is no story {story_id!r}.")
    return page(request, "story.html", v=v)


@router.get("/threads", response_class=HTMLResponse)
def threads(request: Request) -> HTMLResponse:
    return page(request, "threads.html", threads=views.threads_view(_view(request).snapshot().corpus))


@router.get("/threads/{thread_id:path}", response_class=HTMLResponse)
def thread(request: Request, thread_id: str) -> HTMLResponse:
    v = views.thread_view(_view(request).snapshot().corpus, thread_id, _links(request).story)
    if v is None:
        raise HTTPException(404, f"There is no thread {thread_id!r}.")
    return page(request, "thread.html", v=v)


@router.get("/articles/{article_id:path}", response_class=HTMLResponse)
def article(request: Request, article_id: str) -> HTMLResponse:
    v = views.article_view(_view(request).snapshot().corpus, article_id, request.query_params.get("claim"))
    if v is None:
        raise HTTPException(404, f"There is no article {article_id!r}.")
    return page(request, "article.html", v=v)


@router.get("/add", response_class=HTMLResponse)
def add_form(request: Request) -> HTMLResponse:
    return page(request, "add.html", result=None, max_mb=_view(request).max_upload_bytes / 1e6)


@router.post("/add", response_class=HTMLResponse)
async def add(request: Request, file: UploadFile = File(...), replace: bool = Form(False)) -> HTMLResponse:
    view = _view(request)
    try:
        await one_file(request)
        data = await read_limited(file, view.max_upload_bytes)
        r = await ingest_upload(view, file.filename or "upload", data, replace)
    except HTTPException as exc:
        status = exc.status_code
        result = {"status": status, "message": str(exc.detail), "errors": []}
    else:
        status = 422 if r["articles_read"] == 0 else 200
        message = (
            f"Read {r['articles_read']} article(s): {r['added']} new, {r['unchanged']} already stored."
            if r["articles_read"]
            else "No article could be read from this file."
        )
        result = {"status": status, "message": message, "errors": r["errors"]}
    return page(request, "add.html", status, result=result, max_mb=view.max_upload_bytes / 1e6)
