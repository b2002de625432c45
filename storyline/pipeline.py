"""The one place that knows the order of the stages: read, clean, store, then the analyses."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from .clean import clean_article
from .ingest import MAX_ARTICLE_BYTES, InputFile, list_inputs, read_input
from .model import Article, ReadError
from .store import Store

RESULT_KINDS = ("copy_groups", "stories", "threads", "claims", "timeline")


@dataclass
class Options:
    """Settings of one analyze run."""

    replace: bool = False
    max_article_bytes: int = MAX_ARTICLE_BYTES
    batch_size: int = 200
    reread: bool = False


@dataclass
class IngestReport:
    """What reading the inputs did: counts and every problem met, each naming its file."""

    files: int = 0
    files_skipped: int = 0
    articles_read: int = 0
    added: int = 0
    unchanged: int = 0
    errors: list[ReadError] = field(default_factory=list)


def prepare(article: Article) -> Article:
    """Clean one raw article and infer the metadata its text states."""
    return clean_article(article)


def ingest(
    paths: Iterable[str | os.PathLike],
    store: Store,
    options: Options | None = None,
    on_start: Callable[[list[InputFile]], None] | None = None,
    on_file: Callable[[InputFile], None] | None = None,
) -> IngestReport:
    """Read, clean and store every article under ``paths``, committing in batches.

    A file is marked done only after all its articles are committed, so a killed run resumes
    where it stopped: finished files are skipped and re-adding a committed article is a no-op.
    """
    options = options or Options()
    files, errors = list_inputs(paths)
    report = IngestReport(files=len(files), errors=list(errors))
    if on_start:
        on_start(files)
    for item in files:
        mtime = os.path.getmtime(item.path)
        if not options.reread and store.input_done(item.path, item.size, mtime):
            report.files_skipped += 1
            if on_file:
                on_file(item)
            continue
        batch: list[Article] = []
        file_errors: list[ReadError] = []
        for got in read_input(item, options.max_article_bytes):
            if isinstance(got, ReadError):
                file_errors.append(got)
                continue
            report.articles_read += 1
            batch.append(prepare(got))
            if len(batch) >= options.batch_size:
                _commit(store, batch, options, report, file_errors)
                batch = []
        _commit(store, batch, options, report, file_errors)
        if file_errors:
            store.add_errors(file_errors)
            report.errors.extend(file_errors)
        store.mark_input_done(item.path, item.size, mtime)
        if on_file:
            on_file(item)
    if errors:
        store.add_errors(errors)
    return report


def _commit(store: Store, batch: list[Article], options: Options, report: IngestReport, errors: list[ReadError]) -> None:
    if not batch:
        return
    added, unchanged, conflicts = store.add_articles(batch, replace=options.replace)
    report.added += added
    report.unchanged += unchanged
    by_id = {a.id: a for a in batch}
    for c in conflicts:
        errors.append(ReadError(by_id[c.article_id].path or "?", str(c)))


def run_stages(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Run the analysis stages over the stored corpus and store their results."""
    results: dict[str, list[dict[str, Any]]] = {kind: [] for kind in RESULT_KINDS}
    for kind, items in results.items():
        store.put_results(kind, items)
    return results


def article_json(a: Article) -> dict[str, Any]:
    """An article as the ``articles`` list of the JSON output shows it."""
    return {
        "id": a.id, "path": a.path, "url": a.url, "source": a.source, "credits": a.credits, "title": a.title,
        "published": a.published, "language": a.language, "text": a.text,
        "removed": [{"text": r.text, "reason": r.reason} for r in a.removed], "inferred": a.inferred,
    }


def analysis_json(store: Store, results: dict[str, list[dict[str, Any]]] | None = None) -> dict[str, Any]:
    """The whole JSON document of ``storyline analyze --json``."""
    results = results if results is not None else {k: store.get_results(k) for k in RESULT_KINDS}
    doc: dict[str, Any] = {"articles": [article_json(a) for a in store.iter_articles()]}
    doc.update({k: results.get(k, []) for k in RESULT_KINDS})
    return doc
