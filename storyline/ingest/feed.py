"""RSS and Atom feed files: one Article per entry, the feed's title as the outlet."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

from ..model import Article, ReadError


def fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment, one paragraph per block element."""
    if "<" not in fragment:
        return fragment.strip()
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:
        return fragment.strip()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    blocks = []
    for el in root.iter("p", "h1", "h2", "h3", "h4", "li", "blockquote"):
        t = " ".join(el.text_content().split())
        if t:
            blocks.append(t)
    if not blocks:
        blocks = [" ".join(root.text_content().split())]
    return "\n\n".join(b for b in blocks if b)


_DTD_END = re.compile(rb"\]\s*>")


def _without_entity_declarations(data: bytes) -> tuple[bytes, bool]:
    """``data`` with a DOCTYPE's internal subset removed when it declares entities; and whether it did."""
    start = data.find(b"<!DOCTYPE", 0, 65_536)
    if start < 0 or b"<!ENTITY" not in data[start : start + 1_000_000]:
        return data, False
    end = _DTD_END.search(data, start)
    return (data[:start] + data[end.end() :] if end else data[:start]), True


def _iso(struct: time.struct_time | None) -> str | None:
    if not struct:
        return None
    return time.strftime("%Y-%m-%dT%H:%M:%S+00:00", struct)


def read_feed(data: bytes, path: str, stem: str) -> Iterator[Article | ReadError]:
    """Parse a feed; a broken feed still yields the entries that could be read."""
    data, dropped = _without_entity_declarations(data)
    if dropped:
        yield ReadError(
            path, "the feed declares its own entities (<!ENTITY>, as entity bombs do): the declarations were ignored"
        )
    import feedparser  # imported on first use: a run that reads no feed (a rerun) does not load it

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if parsed.get("bozo") and not entries:
        yield ReadError(path, f"broken feed, no entries could be read: {parsed.get('bozo_exception')}")
        return
    if parsed.get("bozo"):
        yield ReadError(
            path, f"feed is not well-formed ({parsed.get('bozo_exception')}); read {len(entries)} entries anyway"
        )
    if not entries:
        yield ReadError(path, "the feed holds no items")
        return
    outlet = (parsed.get("feed") or {}).get("title") or None
    for n, entry in enumerate(entries, 1):
        content = ""
        if entry.get("content"):
            content = max((c.get("value", "") for c in entry["content"]), key=len)
        summary = entry.get("summary", "")
        body = fragment_to_text(content if len(content) >= len(summary) else summary)
        if not body:
            yield ReadError(path, f"feed entry {n} has no content or summary", line=None)
            continue
        eid = entry.get("id") or entry.get("link") or f"{stem}#{n}"
        published = _iso(entry.get("published_parsed") or entry.get("updated_parsed"))
        yield Article(
            id=str(eid),
            text=body,
            raw_text=body,
            title=(entry.get("title") or None),
            url=entry.get("link"),
            source=outlet,
            published=published,
            path=path,
            language=(parsed.get("feed") or {}).get("language"),
            inferred={"published": "feed entry date"} if published else {},
        )
