"""Cleaning of scraped text (boilerplate lines, broken sentences) and metadata from the text."""

from __future__ import annotations

import re

from ..model import Article, Removed
from .boilerplate import classify_line, could_be_caption, is_photo_credit, is_wire_credit, split_trailing_credit
from .lines import rejoin
from .metadata import infer_metadata, parse_date

MIN_YEAR, MAX_YEAR = 1000, 2999
"""Publication years kept; a date outside them is dropped (and listed in ``removed``): arithmetic near year 1 or 9999
overflows."""
_LABEL = re.compile(r"^[A-Z&][\w&'-]*(?:\s[A-Z&][\w&'-]*){0,2}\s?$")
_WS = re.compile(r"[ \t\u00a0\u2009\u202f]+")


def clean_text(text: str) -> tuple[str, list[Removed]]:
    """Drop boilerplate lines and rejoin broken sentences; return the clean text and what was removed.

    Paragraphs stay paragraphs: the output separates them by a blank line when the input did,
    by a single newline when the input put one sentence or paragraph per line.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blank_separated = "\n\n" in text.strip()
    lines = [_WS.sub(" ", ln).strip() for ln in text.split("\n")]
    lines = [ln for ln in lines if ln]
    removed: list[Removed] = []
    keep = [True] * len(lines)
    for i, line in enumerate(lines):
        reason = classify_line(line)
        if reason is None and is_photo_credit(line):
            reason = "photo caption"
        if reason:
            keep[i] = False
            removed.append(Removed(line, reason))
            if (
                is_photo_credit(line)
                and i > 0
                and keep[i - 1]
                and could_be_caption(lines[i - 1], after_photo=i > 1 and not keep[i - 2])
            ):
                keep[i - 1] = False
                removed.insert(len(removed) - 1, Removed(lines[i - 1], "photo caption"))
    for i in range(len(lines)):
        if not keep[i]:
            continue
        if len(lines[i].split()) >= 8:
            break
        if _LABEL.match(lines[i]):
            keep[i] = False
            removed.append(Removed(lines[i], "section label"))
    kept_idx = [i for i in range(len(lines)) if keep[i]]
    if kept_idx:
        last = kept_idx[-1]
        if len(kept_idx) > 1 and is_wire_credit(lines[last]):
            keep[last] = False
            removed.append(Removed(lines[last], "wire credit"))
        else:
            body, credit = split_trailing_credit(lines[last])
            if credit:
                lines[last] = body
                removed.append(Removed(credit, "wire credit"))
    kept = [lines[i] for i in range(len(lines)) if keep[i]]
    kept, _ = rejoin(kept)
    return ("\n\n" if blank_separated else "\n").join(kept), removed


def clean_article(article: Article) -> Article:
    """Clean an article's text in place of its raw text and infer metadata the text states."""
    text, removed = clean_text(article.text)
    article.text = text
    article.removed = list(article.removed) + removed
    if article.published:
        parsed = (
            parse_date(article.published)
            if not re.match(r"^\d{4}(-\d{2}){0,2}$", article.published)
            else article.published
        )
        if parsed:
            article.published = parsed
    article = infer_metadata(article)
    year = re.match(r"\s*([+-]?\d+)(?=-\d|T|$)", article.published or "")
    if year and not MIN_YEAR <= int(year.group(1)) <= MAX_YEAR:
        article.removed.append(
            Removed(article.published or "", f"published date outside the years {MIN_YEAR}-{MAX_YEAR}")
        )
        article.published = None
        article.inferred.pop("published", None)
    return article


__all__ = ["clean_text", "clean_article", "infer_metadata", "parse_date"]
