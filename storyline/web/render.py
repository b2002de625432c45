"""The Jinja2 environment (autoescape always on) and the two ways of linking: server URLs or report anchors."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import ChainableUndefined, Environment, FileSystemLoader

from .views import highlight, safe_href, uid

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"


class ServerLinks:
    """Links of the web server, under ``root`` (the ASGI root path)."""

    report = False

    def __init__(self, root: str = ""):
        self.root = root.rstrip("/")

    def home(self, **params: Any) -> str:
        kept = {k: v for k, v in params.items() if v not in (None, "")}
        return self.root + "/" + (("?" + urlencode(kept)) if kept else "")

    def story(self, sid: str) -> str:
        return f"{self.root}/stories/{quote(str(sid), safe='')}"

    def thread(self, tid: str) -> str:
        return f"{self.root}/threads/{quote(str(tid), safe='')}"

    def threads(self) -> str:
        return f"{self.root}/threads"

    def article(self, aid: str) -> str:
        return f"{self.root}/articles/{quote(str(aid), safe='')}"

    def static(self, name: str) -> str:
        return f"{self.root}/static/{name}"

    def add(self) -> str:
        return f"{self.root}/add"

    def docs(self) -> str:
        return f"{self.root}/docs"


class ReportLinks:
    """Links inside the one-file report: fragments of the sections it holds."""

    report = True

    def home(self, **params: Any) -> str:
        return "#"

    def story(self, sid: str) -> str:
        return "#story-" + uid(str(sid))

    def thread(self, tid: str) -> str:
        return "#thread-" + uid(str(tid))

    def threads(self) -> str:
        return "#threads"

    def article(self, aid: str) -> str:
        return "#article-" + uid(str(aid))


def counted(n: int, one: str, many: str | None = None) -> str:
    """``n`` with its noun in the right number: "1 thread", "2 threads", "1 story", "3 stories"."""
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _when(start: Any, end: Any = None) -> str:
    if not start and not end:
        return "date unknown"
    if not end or end == start:
        return str(start or end)
    return f"{start} – {end}"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The shared template environment; every ``{{ }}`` is HTML-escaped."""
    env = Environment(
        loader=FileSystemLoader(str(TEMPLATES)),
        autoescape=True,
        undefined=ChainableUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["highlight"] = highlight
    env.filters["href"] = safe_href
    env.filters["uid"] = uid
    env.filters["counted"] = counted
    env.globals["when"] = _when
    return env


def render(template: str, **context: Any) -> str:
    """Render one template with the given context."""
    return environment().get_template(template).render(**context)
