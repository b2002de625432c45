"""Plain-data form of an article's time mentions, as written by ``storyline dates``."""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Mapping

from storyline.model import Article
from storyline.offsets import given_span
from storyline.timeline.expressions import find_times


def mentions_record(article: Article, anchor: str | None = None, *, tense_hint: bool = True) -> dict[str, Any]:
    """``{"id", "anchor", "mentions": [{start, end, text, value, kind, how}]}`` for one article.

    The anchor is ``anchor`` when given (e.g. a date carried over from a copy), else the
    article's own publication date. Mentions are found in the cleaned text; their offsets and text
    are those of the text as the user gave it (``raw_text`` when cleaning changed it).
    """
    anchor = anchor or article.published_date
    mentions = find_times(article.text, anchor, tense_hint=tense_hint)
    given = article.raw_text if article.raw_text is not None else article.text
    rows = []
    for m in mentions:
        start, end = given_span(article, m.start, m.end)
        rows.append(
            {"start": start, "end": end, "text": given[start:end], "value": m.value, "kind": m.kind, "how": m.how}
        )
    return {"id": article.id, "anchor": anchor, "mentions": rows}


def date_records(articles: Iterable[Article], anchors: Mapping[str, str] | None = None) -> Iterator[dict[str, Any]]:
    """:func:`mentions_record` for each article, anchors looked up by article id when given."""
    for art in articles:
        yield mentions_record(art, (anchors or {}).get(art.id))
