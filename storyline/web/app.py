"""The web application: pages, the HTTP API, static files, and how to serve them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import pipeline
from ..store import Store
from . import api, pages
from .guard import Guard
from .render import STATIC, ServerLinks, render
from .state import StoreView

MAX_UPLOAD_BYTES = 20_000_000


def create_app(store_path: str, token: str | None = None, *, max_upload_bytes: int = MAX_UPLOAD_BYTES,
               run_stages: Callable[[Store], Any] = pipeline.run_analysis) -> FastAPI:
    """The storyline web UI and API over the store at ``store_path``; with ``token``, every request must carry it."""
    app = FastAPI(
        title="storyline", version="1",
        description="Copies, stories, threads, claims with their sources, and timelines of a news corpus. "
                    "Pages are at /, the JSON API under /api. With a token, send `Authorization: Bearer <token>`.",
    )
    app.state.view = StoreView(store_path, run_stages=run_stages, max_upload_bytes=max_upload_bytes)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.add_middleware(Guard, token=token, max_body=max_upload_bytes + 65_536)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None))
        html = render("error.html", links=ServerLinks(request.scope.get("root_path", "")), q="",
                      status=exc.status_code, message=str(exc.detail))
        return HTMLResponse(html, status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        detail = [{"loc": list(e.get("loc", [])), "msg": e.get("msg", "")} for e in exc.errors()]
        if _wants_json(request):
            return JSONResponse({"detail": detail}, status_code=422)
        message = "; ".join(f"{'.'.join(map(str, d['loc']))}: {d['msg']}" for d in detail)
        html = render("error.html", links=ServerLinks(request.scope.get("root_path", "")), q="", status=422, message=message)
        return HTMLResponse(html, status_code=422)

    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path.startswith("/static")


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    """Run the web UI and API with uvicorn until interrupted (localhost only unless ``host`` says otherwise)."""
    import uvicorn

    uvicorn.run(create_app(db, token), host=host, port=port, log_level="info", proxy_headers=False, server_header=False)
