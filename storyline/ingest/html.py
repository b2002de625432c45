"""HTML pages: main text, title, date and site name through trafilatura."""

from __future__ import annotations

import warnings
from collections.abc import Iterator

from ..model import Article, ReadError
from .decode import decode_document

_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def html_to_article(html: str, path: str, article_id: str, url: str | None = None) -> Article | ReadError:
    """Extract one Article from an HTML page, or say why it holds none."""
    import trafilatura  # imported on first use: a run that reads no HTML (a rerun) does not load it

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            doc = trafilatura.bare_extraction(
                html,
                url=url,
                with_metadata=True,
                include_comments=False,
                date_extraction_params=_DATE_PARAMS,
            )
        except Exception as exc:  # trafilatura raises many lxml and parser errors on broken pages
            return ReadError(path, f"HTML could not be parsed: {exc}")
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text or doc is None or isinstance(doc, dict):
        return ReadError(path, "HTML page holds no article text that could be extracted")
    title = (doc.title or "").strip() or None
    lines = text.split("\n")
    if title and lines and lines[0].strip() == title:
        text = "\n".join(lines[1:]).strip()
    paragraphs = "\n\n".join(line for line in text.split("\n") if line.strip())
    inferred = {}
    if doc.date:
        inferred["published"] = "HTML metadata (trafilatura)"
    return Article(
        id=article_id,
        text=paragraphs,
        raw_text=paragraphs,
        title=title,
        url=url or doc.url or None,
        source=doc.sitename or None,
        published=doc.date or None,
        language=doc.language or None,
        path=path,
        inferred=inferred,
    )


def read_html(data: bytes, path: str, article_id: str, url: str | None = None) -> Iterator[Article | ReadError]:
    """Decode and extract one HTML page."""
    decoded = decode_document(data, path)
    yield decoded if isinstance(decoded, ReadError) else html_to_article(decoded[0], path, article_id, url)
