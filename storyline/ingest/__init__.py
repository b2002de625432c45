"""Readers, one per input kind, all producing Article (or ReadError for what cannot be read)."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..model import Article, ReadError
from .detect import detect_kind, is_compressed
from .feed import read_feed
from .html import read_html
from .jsonl import read_jsonl
from .stream import InputProblem, open_input
from .text import read_text
from .validate import check_article
from .warc import read_warc

MAX_ARTICLE_BYTES = 5_000_000
_SKIP_NAMES = {".DS_Store", "Thumbs.db"}
_SKIP_SUFFIXES = (".py", ".sh", ".pyc", ".md", ".rst", ".cfg", ".toml", ".yaml", ".yml", ".lock")
_SKIP_PREFIXES = ("README", "LICENSE", "COPYING", "CHANGELOG")


@dataclass(frozen=True)
class InputFile:
    """A file to read and the id base its articles get (its path under the root, without extension)."""

    path: str
    id_base: str
    size: int


def list_inputs(paths: Iterable[str | os.PathLike]) -> tuple[list[InputFile], list[ReadError]]:
    """Every file under ``paths`` (folders walked in name order), plus errors for paths that do not exist."""
    files: list[InputFile] = []
    errors: list[ReadError] = []
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and not _hidden(f.relative_to(p)):
                    files.append(InputFile(str(f), _strip_ext(f.relative_to(p).as_posix()), f.stat().st_size))
        elif p.is_file():
            files.append(InputFile(str(p), _strip_ext(p.name), p.stat().st_size))
        else:
            errors.append(ReadError(str(p), "no such file or folder"))
    return files, errors


MAX_ERRORS_PER_FILE = 1000
"""Problems listed one by one for a file; past this many, one line counts the rest."""


def read_input(
    item: InputFile,
    max_article_bytes: int = MAX_ARTICLE_BYTES,
    max_input_bytes: int | None = None,
    on_position: Callable[[int], None] | None = None,
) -> Iterator[Article | ReadError]:
    """Read one file of any kind; every problem comes back as a ReadError naming the file (and line or record).

    Nothing a file holds stops the run: a reader that fails part-way has yielded what came before
    the failure, and the failure itself becomes the file's last ReadError. ``max_input_bytes``
    bounds what a compressed file may decompress to. ``on_position`` is told the offset reached in a
    streamed file (JSONL, WARC) as it is read, for progress through one large file.
    """
    shown = hidden = 0
    try:
        for got in _read_kind(item, max_article_bytes, max_input_bytes, on_position):
            if isinstance(got, Article):
                where = got.path or item.path
                article, problems = check_article(got, where)
                out: list[Article | ReadError] = [_at_line(p, item.path) for p in problems]
                if article is not None:
                    out.append(article)
            else:
                out = [got]
            for g in out:
                if isinstance(g, ReadError) and "rest of the file" not in g.message:
                    if shown >= MAX_ERRORS_PER_FILE:
                        hidden += 1
                        continue
                    shown += 1
                yield g
    except Exception as exc:  # noqa: BLE001 - a hostile file must never end the run; say why it stopped
        yield ReadError(item.path, f"reading stopped: {_why(exc)}")
    if hidden:
        yield ReadError(item.path, f"{hidden:,} more problems in this file not listed")


def _read_kind(
    item: InputFile,
    max_article_bytes: int,
    max_input_bytes: int | None,
    on_position: Callable[[int], None] | None = None,
) -> Iterator[Article | ReadError]:
    path = item.path
    if item.size == 0:
        yield ReadError(path, "empty file")
        return
    try:
        with open(path, "rb") as fh:
            head = fh.read(8192)
    except OSError as exc:
        yield ReadError(path, f"cannot be read: {exc.strerror or exc}")
        return
    kind = detect_kind(head, path)
    if kind == "warc":
        yield from read_warc(path, max_article_bytes, max_input_bytes, on_position)
    elif kind == "jsonl":
        with open_input(path, max_input_bytes, on_position) as stream:
            yield from read_jsonl(stream, path, max_article_bytes)
    else:
        data = _read_whole(path, head, max_article_bytes * (20 if kind == "feed" else 1), max_input_bytes)
        if isinstance(data, ReadError):
            yield data
        elif kind == "feed":
            yield from read_feed(data, path, item.id_base)
        elif kind == "html":
            yield from read_html(data, path, item.id_base)
        else:
            yield from read_text(data, path, item.id_base)


def _at_line(error: ReadError, path: str) -> ReadError:
    """A JSONL article's problem with its line number split off its path ("f.jsonl:12")."""
    rest = error.path[len(path) + 1 :] if error.path.startswith(path + ":") else ""
    return ReadError(path, error.message, line=int(rest)) if rest.isdigit() else error


def _why(exc: BaseException) -> str:
    """A user-facing reason for an exception raised while reading."""
    if isinstance(exc, InputProblem):
        return str(exc)
    if isinstance(exc, OSError):
        return f"read failed: {exc.strerror or exc}"
    if isinstance(exc, RecursionError):
        return "the content is nested too deeply to read"
    if isinstance(exc, MemoryError):
        return "the content needs more memory than is available"
    return f"{type(exc).__name__}: {str(exc)[:200]}"


def _read_whole(path: str, head: bytes, limit: int, max_input_bytes: int | None) -> bytes | ReadError:
    size = os.path.getsize(path)
    if not is_compressed(head) and size > limit:
        return ReadError(
            path,
            f"file is {size / 1e6:.1f} MB, over the {limit / 1e6:.0f} MB limit"
            " for one article (raise it with --max-article-mb)",
        )
    with open_input(path, max_input_bytes) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        return ReadError(path, f"decompressed file is over the {limit / 1e6:.0f} MB limit for one article")
    return data


def _strip_ext(name: str) -> str:
    for ext in (
        ".gz",
        ".zst",
        ".zstd",
        ".txt",
        ".text",
        ".html",
        ".htm",
        ".xhtml",
        ".xml",
        ".rss",
        ".atom",
        ".jsonl",
        ".ndjson",
        ".json",
        ".warc",
        ".md",
    ):
        if name.lower().endswith(ext):
            name = name[: -len(ext)]
    return name


def _hidden(rel: Path) -> bool:
    """Files a folder walk skips: hidden or underscore folders, and project files such as READMEs and scripts.

    Naming such a file directly still reads it.
    """
    return (
        any(part.startswith((".", "_")) for part in rel.parts[:-1])
        or rel.name.startswith(".")
        or rel.name in _SKIP_NAMES
        or rel.name.endswith(_SKIP_SUFFIXES)
        or rel.name.startswith(_SKIP_PREFIXES)
    )


__all__ = ["InputFile", "list_inputs", "read_input", "MAX_ARTICLE_BYTES", "MAX_ERRORS_PER_FILE"]
