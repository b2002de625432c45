"""What each page shows, as plain data (and server-drawn SVG), shared by the web pages, the API and the report."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from hashlib import sha1
from typing import Any

from markupsafe import Markup

from . import charts, dates, diff
from .corpus import Corpus
from .graph import source_graph
from .search import MARK_CLOSE, MARK_OPEN, SearchIndex


def parse_day(value: str | None) -> date | None:
    """A ``YYYY-MM-DD`` filter value, or None when empty; ValueError when malformed."""
    if value is None or not str(value).strip():
        return None
    return date.fromisoformat(str(value).strip()[:10])


def uid(value: str) -> str:
    """A short stable token for an id, usable in HTML ids and fragments."""
    return sha1(value.encode("utf-8")).hexdigest()[:12]


def stories_view(
    corpus: Corpus,
    index: SearchIndex | None,
    q: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
    source: str | None = None,
    thread: str | None = None,
) -> dict[str, Any]:
    """The stories list (newest first) with search hits and the filter choices."""
    hits: list[dict[str, Any]] = []
    ids = None
    if q and q.strip() and index is not None:
        found = index.search(q)
        hits = [
            dict(corpus.article_summary(h["id"]), snippet=h["snippet"], stories=corpus.stories_of.get(h["id"], []))
            for h in found
        ]
        ids = corpus.stories_matching([h["id"] for h in found])
    stories = corpus.list_stories(ids, date_from, date_to, source or None, thread or None)
    return {
        "q": q or "",
        "date_from": date_from.isoformat() if date_from else "",
        "date_to": date_to.isoformat() if date_to else "",
        "source": source or "",
        "thread": thread or "",
        "stories": stories,
        "hits": hits,
        "loose": [] if q else corpus.loose_articles(),
        "sources": corpus.sources(),
        "threads": [{"id": t["id"], "title": t["title"] or t["id"]} for t in corpus.threads],
        "total_stories": len(corpus.stories),
        "total_articles": len(corpus.articles),
    }


def copy_diff(corpus: Corpus, aid: str) -> dict[str, Any] | None:
    """A copy against its origin: aligned rows and counts (stored diffs when the copies stage gave them)."""
    key = ("diff", aid)
    if key not in corpus.cache:
        pair = corpus.copy_pair(aid)
        if pair is None:
            corpus.cache[key] = None
        else:
            origin, copy, stored = pair
            rows = diff.stored_rows(stored) if stored else diff.diff_rows(origin["text"], copy["text"])
            corpus.cache[key] = {
                "origin": corpus.article_summary(origin["id"]),
                "copy": corpus.article_summary(aid),
                "stored": bool(stored),
                "rows": rows,
                "counts": diff.summary(rows),
            }
    return corpus.cache[key]


def story_view(corpus: Corpus, sid: str) -> dict[str, Any] | None:
    """Everything the story page shows: copy groups with diffs, claims, timeline, source graph."""
    if sid not in corpus.story_by_id:
        return None
    key = ("story", sid)
    if key not in corpus.cache:
        groups, singles = corpus.story_groups(sid)
        events = [
            dict(e, article=corpus.article_summary(str(e["article_id"])) if e["article_id"] is not None else None)
            for e in corpus.story_events(sid)
        ]
        graph = source_graph(corpus, sid)
        diffs = {m["id"]: copy_diff(corpus, m["id"]) for g in groups for m in g["members"] if not m["is_origin"]}
        corpus.cache[key] = {
            "story": corpus.summaries[sid],
            "groups": groups,
            "singles": singles,
            "claims": corpus.story_claims(sid),
            "events": events,
            "graph": graph,
            "diffs": {k: v for k, v in diffs.items() if v},
            "timeline_svg": charts.timeline_svg(events, f"Timeline of {corpus.summaries[sid]['title']}"),
            "graph_svg": charts.graph_svg(graph, uid(sid)),
            "uid": uid(sid),
        }
    return corpus.cache[key]


def thread_view(corpus: Corpus, tid: str, story_href: Callable[[str], str]) -> dict[str, Any] | None:
    """A thread's stories along a time axis."""
    if tid not in corpus.thread_by_id:
        return None
    key = ("thread", tid)
    if key not in corpus.cache:
        stories = corpus.thread_stories(tid)
        title = corpus.thread_summary(tid)["title"]
        ids = [s["id"] for s in stories]
        events = sorted(
            (
                dict(e, article=corpus.article_summary(str(e["article_id"])) if e["article_id"] is not None else None)
                for sid in ids
                for e in corpus.story_events(sid)
            ),
            key=lambda e: dates_key(e["date"]),
        )
        corpus.cache[key] = {
            "thread": corpus.thread_summary(tid),
            "stories": stories,
            "claims": [c for sid in ids for c in corpus.story_claims(sid)],
            "events": events,
            "timeline_svg": charts.timeline_svg(events, f"Timeline of {title}"),
        }
    v = corpus.cache[key]
    return dict(v, chart=charts.thread_svg(v["stories"], story_href, f"Stories of {v['thread']['title']}"))


def threads_view(corpus: Corpus) -> list[dict[str, Any]]:
    """Every thread with its span and counts, newest first."""
    rows = [corpus.thread_summary(t["id"]) for t in corpus.threads]
    return sorted(rows, key=lambda t: dates.recency_key(t["end"] or t["start"]), reverse=True)


def article_view(corpus: Corpus, aid: str, claim: str | None = None) -> dict[str, Any] | None:
    """An article: cleaned text in paragraphs, removed boilerplate apart, metadata, copies, stories, claims;
    with ``claim``, the text as given with that claim's statements in it marked."""
    a = corpus.articles.get(aid)
    if a is None:
        return None
    claims = [corpus.claim_view(c) for c in corpus.claims if aid in [str(x) for x in c["article_ids"]]]
    chosen = next((c for c in claims if c["id"] == claim), None) if claim else None
    return {
        "article": a,
        "paragraphs": [p.strip() for p in a["text"].split("\n") if p.strip()],
        "copies": corpus.article_copies(aid),
        "diff": copy_diff(corpus, aid),
        "stories": [corpus.summaries[s] for s in corpus.stories_of.get(aid, [])],
        "claims": claims,
        "claim": chosen,
        "anchor": corpus.anchors.get(aid),
        "marked": marked_text(a, [s for s in chosen["statements"] if s["article_id"] == aid]) if chosen else None,
    }


def marked_text(article: dict[str, Any], statements: list[dict[str, Any]]) -> list[tuple[str, bool]]:
    """The article's text as given cut into (piece, is a statement) around the statements' spans."""
    text = article.get("raw_text") or article.get("text") or ""
    spans = sorted(
        (max(0, int(s["start"])), min(len(text), int(s["end"])))
        for s in statements
        if isinstance(s.get("start"), int) and isinstance(s.get("end"), int)
    )
    out: list[tuple[str, bool]] = []
    at = 0
    for start, end in spans:
        if start < at or end <= start:
            continue
        out += [(text[at:start], False), (text[start:end], True)]
        at = end
    out.append((text[at:], False))
    return [p for p in out if p[0]]


def highlight(snippet: str) -> Markup:
    """An FTS snippet escaped, its hit markers turned into <mark>."""
    return Markup(str(Markup.escape(snippet)).replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>"))


def safe_href(url: Any) -> str | None:
    """The URL if it is plain http(s) (safe to put in an href), else None."""
    if (
        isinstance(url, str)
        and url.lower().startswith(("http://", "https://"))
        and not any(c in url for c in "\"'<> \n\r\t")
    ):
        return url
    return None


def dates_key(value: str | None) -> tuple[int, str, str]:
    """Sort key of a date value of any precision, oldest first (unknown last)."""
    return dates.sort_key(value)


def recency_key(value: str | None) -> tuple[int, str, str]:
    """Sort key for newest first with ``reverse=True`` (unknown last)."""
    return dates.recency_key(value)
