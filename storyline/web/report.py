"""The analysis as one self-contained HTML file: every view of the web UI, no network needed to open it."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from markupsafe import Markup

from . import views
from .corpus import Corpus
from .render import STATIC, ReportLinks, render


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"


def render_report(doc: dict[str, Any], title: str = "storyline report") -> str:
    """The whole analysis document (``pipeline.analysis_json``) as one HTML page with inline CSS, script and SVG."""
    corpus = Corpus(doc)
    links = ReportLinks()
    css = (STATIC / "style.css").read_text(encoding="utf-8")
    script = (STATIC / "report.js").read_text(encoding="utf-8")
    csp = (
        f"default-src 'none'; style-src {_hash(css)}; script-src {_hash(script)}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    index = views.stories_view(corpus, None)
    articles = [dict(corpus.article_summary(a), stories=len(corpus.stories_of.get(a, []))) for a in corpus.articles]
    return render(
        "report.html",
        links=links,
        title=title,
        css=Markup(css),
        script=Markup(script),
        csp=csp,
        story_views=[views.story_view(corpus, s["id"]) for s in corpus.stories],
        thread_views=[views.thread_view(corpus, t["id"], links.story) for t in corpus.threads],
        article_views=[views.article_view(corpus, a) for a in corpus.articles],
        all_articles=articles,
        stories=index["stories"],
        loose=index["loose"],
        sources=index["sources"],
        threads=index["threads"],
        totals={"stories": len(corpus.stories), "threads": len(corpus.threads), "articles": len(corpus.articles)},
    )
