"""Reading: every input file's articles, cleaned, into the store in batches, resumable file by file."""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from ..clean import clean_article
from ..engines import Engine, LocalEngine
from ..ingest import InputFile, list_inputs, read_input
from ..model import Article, ReadError
from ..settings import Settings
from ..store import Store


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


def read_articles(
    paths: Iterable[str | os.PathLike], options: Settings | None = None
) -> tuple[list[Article], list[ReadError]]:
    """Read and clean every article under ``paths`` without a store (for the one-stage commands)."""
    options = options or Settings()
    files, errors = list_inputs(paths)
    articles: list[Article] = []
    for item in files:
        for got in read_input(item, options.max_article_bytes):
            if isinstance(got, ReadError):
                errors.append(got)
            else:
                articles.append(prepare(got))
    return articles, errors


def ingest(
    paths: Iterable[str | os.PathLike],
    store: Store,
    options: Settings | None = None,
    on_start: Callable[[list[InputFile]], None] | None = None,
    on_file: Callable[[InputFile], None] | None = None,
    engine: Engine | None = None,
    on_position: Callable[[InputFile, int], None] | None = None,
) -> IngestReport:
    """Read, clean and store every article under ``paths``, committing in batches.

    A file is marked done only after all its articles are committed, so a killed run resumes
    where it stopped: finished files are skipped and re-adding a committed article is a no-op.
    With an ``engine`` of other processes, files are read and cleaned by it (one task per file) while
    the store writes stay here, in input order; with the local one (the default), each file is streamed in
    this process, and ``on_position(file, offset)`` follows the bytes read of a streamed file (JSONL, WARC).
    """
    options = options or Settings()
    files, errors = list_inputs(paths)
    report = IngestReport(files=len(files), errors=list(errors))
    if on_start:
        on_start(files)
    plan = []
    for item in files:
        mtime = os.path.getmtime(item.path)
        plan.append((item, mtime, not options.reread and store.input_done(item.path, item.size, mtime)))
    todo = [item for item, _, done in plan if not done]
    engine = engine or LocalEngine()
    task = (
        functools.partial(_stream_file, max_article_bytes=options.max_article_bytes, on_position=on_position)
        if engine.in_process
        else functools.partial(_read_file, max_article_bytes=options.max_article_bytes)
    )
    read = engine.imap(task, todo)
    for item, mtime, done in plan:
        if done:
            report.files_skipped += 1
        else:
            _store_file(store, item, mtime, next(read), options, report)
        if on_file:
            on_file(item)
    if errors:
        store.add_errors(errors)
    return report


def _stream_file(
    item: InputFile, max_article_bytes: int, on_position: Callable[[InputFile, int], None] | None = None
) -> Iterator[Article | ReadError]:
    """One file's cleaned articles and read errors, lazily, in file order; an article cleaning fails on is reported."""
    follow = functools.partial(on_position, item) if on_position else None
    for got in read_input(item, max_article_bytes, on_position=follow):
        if isinstance(got, ReadError):
            yield got
            continue
        try:
            yield prepare(got)
        except Exception as exc:  # noqa: BLE001 - one hostile article must not end the run
            why = f"{type(exc).__name__}: {str(exc)[:200]}"
            yield ReadError(got.path or item.path, f"article {got.id!r} could not be cleaned: {why}")


def _read_file(item: InputFile, max_article_bytes: int) -> list[Article | ReadError]:
    """One file's cleaned articles and read errors, as a list (an engine task)."""
    return list(_stream_file(item, max_article_bytes))


def _store_file(
    store: Store,
    item: InputFile,
    mtime: float,
    got: Iterable[Article | ReadError],
    options: Settings,
    report: IngestReport,
) -> None:
    """Commit one file's articles in batches, record its errors, then mark it done."""
    batch: list[Article] = []
    file_errors: list[ReadError] = []
    for a in got:
        if isinstance(a, ReadError):
            file_errors.append(a)
            continue
        report.articles_read += 1
        batch.append(a)
        if len(batch) >= options.batch_size:
            _commit(store, batch, options, report, file_errors)
            batch = []
    _commit(store, batch, options, report, file_errors)
    if file_errors:
        store.add_errors(file_errors)
        report.errors.extend(file_errors)
    store.mark_input_done(item.path, item.size, mtime)


def _commit(
    store: Store, batch: list[Article], options: Settings, report: IngestReport, errors: list[ReadError]
) -> None:
    if not batch:
        return
    added, unchanged, conflicts = store.add_articles(batch, replace=options.replace)
    report.added += added
    report.unchanged += unchanged
    by_id = {a.id: a for a in batch}
    for c in conflicts:
        errors.append(ReadError(by_id[c.article_id].path or "?", str(c)))
