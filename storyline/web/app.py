"""The web application: pages, the HTTP API, static files, and how to serve them."""

from __future__ import annotations

import ipaddress
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
from .guard import LOOPBACK_HOSTS, Guard
from .render import STATIC, ServerLinks, render
from .search import SearchError
from .state import StoreView

MAX_UPLOAD_BYTES = 20_000_000


def create_app(
    store_path: str,
    token: str | None = None,
    *,
    max_upload_bytes: int = MAX_UPLOAD_BYTES,
    run_stages: Callable[[Store], Any] = pipeline.run_analysis,
    allowed_hosts: frozenset[str] | None = LOOPBACK_HOSTS,
) -> FastAPI:
    """The storyline web UI and API over the store at ``store_path``; with ``token``, every request must carry it.

    ``allowed_hosts``: the Host names answered, against DNS rebinding; by default only loopback names
    (127.0.0.1, localhost, ::1), so an app served by other means is as safe as ``serve``; None answers
    any Host (behind a proxy that checks it, or with a token). Writes from another origin are refused either way.
    """
    app = FastAPI(
        title="storyline",
        version="1",
        docs_url=None,
        redoc_url=None,
        description="Copies, stories, threads, claims with their sources, and timelines of a news corpus. "
        "Pages are at /, the JSON API under /api. With a token, send `Authorization: Bearer <token>`.",
    )
    app.state.view = StoreView(store_path, run_stages=run_stages, max_upload_bytes=max_upload_bytes)
    app.include_router(api.router)
    app.include_router(pages.router)

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request) -> HTMLResponse:
        """The API described from its OpenAPI schema, rendered here (Swagger UI would load from a CDN)."""
        return HTMLResponse(
            render("api_docs.html", links=ServerLinks(request.scope.get("root_path", "")), q="", spec=app.openapi())
        )

    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    app.add_middleware(Guard, token=token, max_body=max_upload_bytes + 65_536, allowed_hosts=allowed_hosts)

    @app.exception_handler(SearchError)
    async def bad_search(request: Request, exc: SearchError) -> Response:
        return await http_error(request, StarletteHTTPException(400, str(exc)))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if _wants_json(request):
            return JSONResponse(
                {"detail": exc.detail}, status_code=exc.status_code, headers=getattr(exc, "headers", None)
            )
        html = render(
            "error.html",
            links=ServerLinks(request.scope.get("root_path", "")),
            q="",
            status=exc.status_code,
            message=str(exc.detail),
        )
        return HTMLResponse(html, status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        detail = [{"loc": list(e.get("loc", [])), "msg": e.get("msg", "")} for e in exc.errors()]
        if _wants_json(request):
            return JSONResponse({"detail": detail}, status_code=422)
        message = "; ".join(f"{'.'.join(map(str, d['loc']))}: {d['msg']}" for d in detail)
        html = render(
            "error.html", links=ServerLinks(request.scope.get("root_path", "")), q="", status=422, message=message
        )
        return HTMLResponse(html, status_code=422)

    return app


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path.startswith("/static")


def is_loopback(host: str) -> bool:
    """True when ``host`` is a loopback address or name (only this machine can reach it)."""
    if host.strip("[]").lower() in LOOPBACK_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None, insecure: bool = False) -> None:
    """Run the web UI and API with uvicorn until interrupted (localhost only unless ``host`` says otherwise).

    Beyond loopback a token is required (anyone who can reach the port could upload), unless
    ``insecure``; on loopback only loopback Host names are answered (against DNS rebinding).
    """
    import uvicorn

    if not is_loopback(host) and not token and not insecure:
        raise ValueError(
            f"refusing to serve on {host} without --token: anyone who can reach it could add articles "
            "(give --token, or --insecure to accept that)"
        )
    hosts = LOOPBACK_HOSTS | {host.strip("[]").lower()} if is_loopback(host) else None
    uvicorn.run(
        create_app(db, token, allowed_hosts=hosts),
        host=host,
        port=port,
        log_level="info",
        proxy_headers=False,
        server_header=False,
    )
