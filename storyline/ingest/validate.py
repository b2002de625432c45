"""What every reader's article must satisfy before it is stored: valid Unicode, text, a sane date."""

from __future__ import annotations

import json
import re
from typing import Any

from ..model import Article, ReadError

MIN_YEAR, MAX_YEAR = 1000, 2999
"""Publication years accepted; outside them a date is dropped (calendar arithmetic near year 1 or 9999 overflows)."""

_BAD_CHARS = re.compile("[\ud800-\udfff\x00]")
_YEAR = re.compile(r"^\s*([+-]?\d{1,9})(?=-\d|$|T)")
_STR_FIELDS = ("title", "url", "source", "published", "language")


def valid_unicode(text: str) -> str:
    """``text`` with lone surrogates and NUL characters replaced by U+FFFD, so it encodes as UTF-8 anywhere."""
    return _BAD_CHARS.sub("\ufffd", text) if _BAD_CHARS.search(text) else text


def valid_unicode_json(value: Any) -> Any:
    """A JSON value with every string (keys included) made valid Unicode."""
    try:
        dumped = json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (ValueError, TypeError, RecursionError):
        return {}
    return json.loads(valid_unicode(dumped)) if _BAD_CHARS.search(dumped) else value


def year_of(published: str) -> int | None:
    """The year an ISO-like date string starts with, or None when it does not start with one."""
    m = _YEAR.match(published)
    return int(m.group(1)) if m else None


def check_article(article: Article, where: str) -> tuple[Article | None, list[ReadError]]:
    """The article fit to store (or None) and what was wrong with it, each as a ReadError naming ``where``."""
    problems: list[ReadError] = []
    for name in _STR_FIELDS:
        value = getattr(article, name)
        if value is not None and not isinstance(value, str):
            problems.append(
                ReadError(where, f"{name} of article {article.id!r} is not text ({type(value).__name__}): ignored")
            )
            setattr(article, name, None)
        elif isinstance(value, str):
            setattr(article, name, valid_unicode(value).strip() or None)
    article.id = valid_unicode(str(article.id))
    article.text = valid_unicode(article.text or "")
    if article.raw_text is not None:
        article.raw_text = valid_unicode(article.raw_text)
    if not article.text.strip():
        what = (
            f"only a headline ({article.title[:60]!r}), no article text"
            if article.title
            else "no article text (empty or only whitespace)"
        )
        return None, problems + [ReadError(where, what)]
    if article.published:
        year = year_of(article.published)
        if year is not None and not MIN_YEAR <= year <= MAX_YEAR:
            problems.append(
                ReadError(
                    where,
                    f"published date {article.published[:40]!r} is outside the years {MIN_YEAR}-{MAX_YEAR}: "
                    f"article {article.id!r} stored without a date",
                )
            )
            article.published = None
            article.inferred.pop("published", None)
    return article, problems
