"""Fixtures of the browser tests: a live server on localhost and headless Chromium driven by Playwright (skipped when
absent)."""

from __future__ import annotations

import os
import shutil
import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def chromium_path() -> str | None:
    """The system Chromium (Debian's package), or the one named by STORYLINE_CHROMIUM."""
    for candidate in (
        os.environ.get("STORYLINE_CHROMIUM"),
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
        "/usr/bin/chromium",
    ):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    exe = chromium_path()
    if exe is None:
        pytest.skip("no chromium executable (apt-get install chromium)")
    with sync_api.sync_playwright() as p:
        try:
            b = p.chromium.launch(executable_path=exe, args=["--no-sandbox", "--disable-gpu"])
        except Exception as exc:  # a broken or incompatible browser install is a skip, not a failure
            pytest.skip(f"chromium did not start: {exc}")
        yield b
        b.close()


@pytest.fixture(scope="session")
def artifacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: $STORYLINE_ARTIFACTS, or a pytest temp folder."""
    folder = Path(os.environ.get("STORYLINE_ARTIFACTS") or tmp_path_factory.mktemp("artifacts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """uvicorn serving a storyline app in a background thread."""

    def __init__(self, db: Path, token: str | None = None):
        import uvicorn

        from storyline.web import create_app

        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(str(db), token), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def example_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    pytest.importorskip("uvicorn")
    from test_web_fixture import build_store

    server = LiveServer(build_store(tmp_path_factory.mktemp("e2e") / "examples.db"))
    yield server
    server.stop()


@pytest.fixture(scope="session")
def pipeline_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A live server over what the analysis itself makes of examples/ (the README's first command, with
    the sentence encoder off to keep it short), not the hand-written results of ``example_server``."""
    pytest.importorskip("uvicorn")
    from test_web_fixture import EXAMPLES

    from storyline import pipeline
    from storyline.store import open_store

    db = tmp_path_factory.mktemp("e2e-pipeline") / "examples.db"
    with open_store(str(db)) as store:
        pipeline.ingest([str(EXAMPLES)], store)
        pipeline.run_analysis(store, embed="off")
    server = LiveServer(db)
    yield server
    server.stop()


@pytest.fixture
def local_page(browser: Any) -> Iterator[Any]:
    """A page that may only reach the test server: any other request is refused and kept in
    ``page.outside``; script errors and dialogs are kept in ``page.errors``."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.errors, pg.outside = [], []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    pg.on("dialog", lambda d: (pg.errors.append(f"dialog: {d.message}"), d.dismiss()))

    def guard(route: Any) -> None:
        if route.request.url.startswith("http://127.0.0.1:"):
            route.continue_()
        else:
            pg.outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    yield pg
    context.close()
