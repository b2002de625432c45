"""Plain-text articles: one file, one article; cleaning happens later."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Article, ReadError, Removed
from .decode import decode_document

_DATE_LINE = re.compile(
    r"^(published|updated|posted|last updated|date)\b|^\d{4}-\d{2}-\d{2}\b|^\d{1,2} \w+ \d{4}\b", re.I
)
_DATELINE_START = re.compile(
    r"^\(?[A-Z][\w .&'-]{1,40}\)\s*[-\u2013\u2014]{1,2}\s|^[A-Z][A-Z .'-]{2,30}\s*(\([^)]*\))?\s*[-\u2013\u2014]{1,2}\s"
)


def read_text(data: bytes, path: str, article_id: str) -> Iterator[Article | ReadError]:
    """Decode a text file into one raw Article (``text`` still holds boilerplate)."""
    decoded = decode_document(data, path)
    if isinstance(decoded, ReadError):
        yield decoded
        return
    text, encoding = decoded
    extra = {} if encoding in ("utf-8", "utf-8-sig") else {"encoding": encoding}
    title, body, labels = split_title(text)
    removed = [Removed(label, "section label") for label in labels]
    removed += [Removed(title, "headline (kept as title)")] if title else []
    yield Article(id=article_id, text=body, raw_text=text, title=title, path=path, extra=extra, removed=removed)


def split_title(text: str) -> tuple[str | None, str, list[str]]:
    """Take a scraped file's headline: the first line that reads like one, after short labels and date lines.

    A headline has four to thirty words, no sentence-final full stop and is no news dateline
    ("(Bloomberg) --", "SEOUL (Reuters) -"). Returns (title, body, section labels found above it);
    date lines above it stay in the body for cleaning to judge.
    """
    lines = text.split("\n")
    labels: list[int] = []
    for i, line in enumerate(lines[:6]):
        s = line.strip()
        if not s or _DATE_LINE.search(s):
            continue
        words = s.split()
        if len(words) <= 3 and not re.search(r"[.!?,;:\"\u201c\u201d]", s):
            labels.append(i)
            continue
        if len(words) <= 30 and not s.endswith((".", "\u201d", '"')) and not _DATELINE_START.search(s):
            body = [ln for j, ln in enumerate(lines) if j != i and j not in labels]
            return s, "\n".join(body).strip("\n"), [lines[j].strip() for j in labels]
        break
    return None, text, []
