"""Plain-data form of an article's time mentions, as written by ``storyline dates``."""

from __future__ import annotations

from typing import Any, Iterable, Iterator, Mapping

from storyline.model import Article
from storyline.timeline.expressions import find_times


def mentions_record(article: Article, anchor: str | None = None, *, tense_hint: bool = True) -> dict[str, Any]:
    """``{"id", "anchor", "mentions": [{start, end, text, value, kind, how}]}`` for one article.

    The anchor is ``anchor`` when given (e.g. a date carried over from a copy), else the
    article's own publication date; offsets index ``article.text`` as given.
    """
    anchor = anchor or article.published_date
    mentions = find_times(article.text, anchor, tense_hint=tense_hint)
    return {
        "id": article.id,
        "anchor": anchor,
        "mentions": [
            {"start": m.start, "end": m.end, "text": m.text, "value": m.value, "kind": m.kind, "how": m.how}
            for m in mentions
        ],
    }


def date_records(articles: Iterable[Article], anchors: Mapping[str, str] | None = None) -> Iterator[dict[str, Any]]:
    """:func:`mentions_record` for each article, anchors looked up by article id when given."""
    for art in articles:
        yield mentions_record(art, (anchors or {}).get(art.id))
