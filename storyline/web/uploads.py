"""Articles arriving over HTTP: checked, written to a private temp file, read by the ordinary pipeline."""

from __future__ import annotations

import io
import json
import re
import tempfile
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path, PurePosixPath
from typing import Any

from .. import pipeline
from ..ingest.detect import NAME_SUFFIXES, detect_kind, is_gzip
from ..ingest.stream import InputProblem, compression_of, decompressed_chunks
from ..model import Article
from ..store import Store, open_store

_BINARY_MAGIC = {
    b"\x89PNG": "a PNG image",
    b"%PDF": "a PDF document",
    b"PK\x03\x04": "a ZIP archive (or Office document)",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "a program",
    b"MZ": "a program",
    b"BZh": "a bzip2 archive",
    b"\xfd7zXZ": "an xz archive",
    b"7z\xbc\xaf": "a 7-Zip archive",
    b"RIFF": "a media file",
    b"SQLite format 3": "a database file",
}


MAX_DECOMPRESSED_BYTES = 200_000_000
"""What one compressed upload may expand to; the upload limit itself counts the compressed bytes."""


class UploadError(Exception):
    """An upload refused, with the HTTP status and the message to show."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def safe_name(filename: str | None) -> str:
    """A file name that cannot leave the upload folder: last path part, plain characters only."""
    base = PurePosixPath((filename or "").replace("\\", "/")).name
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", base).lstrip(".")[-120:]
    return base or "upload"


def check_upload(name: str, head: bytes) -> str:
    """The input kind of an upload from its name and first bytes; UploadError(415) for what no reader takes."""
    lower = name.lower()
    inner_name = lower[:-3] if lower.endswith(".gz") else lower
    suffix = PurePosixPath(inner_name).suffix
    if suffix and suffix not in NAME_SUFFIXES:
        raise UploadError(
            415, f"unsupported file type {suffix!r}: send text, JSONL, HTML, RSS/Atom or WARC (gzip allowed)"
        )
    if not head:
        raise UploadError(400, "the file is empty")
    body = head
    if is_gzip(head):
        try:
            body = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 65536)
        except zlib.error:
            raise UploadError(415, "the file looks like gzip but cannot be decompressed") from None
    for magic, what in _BINARY_MAGIC.items():
        if body.startswith(magic):
            raise UploadError(415, f"unsupported file type: this is {what}, not text, JSONL, HTML, a feed or WARC")
    kind = detect_kind(head, name)
    if kind != "warc" and b"\x00" in body[:8192]:
        raise UploadError(415, "unsupported file type: binary data, not text, JSONL, HTML, a feed or WARC")
    return kind


class _Recorder:
    """A store wrapper that remembers the ids of the articles it is asked to add."""

    def __init__(self, store: Store):
        self._store = store
        self.ids: list[str] = []

    def add_articles(self, articles: Iterable[Article], replace: bool = False) -> Any:
        batch = list(articles)
        self.ids.extend(a.id for a in batch)
        return self._store.add_articles(batch, replace=replace)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def ingest_path(store_path: str, path: Path, replace: bool, run_stages: Callable[[Store], Any]) -> dict[str, Any]:
    """Read one saved upload into the store, re-run the analyses, and say what happened."""
    with open_store(store_path) as store:
        rec = _Recorder(store)
        report = pipeline.ingest([str(path)], rec, pipeline.Options(replace=replace, reread=True))  # type: ignore[arg-type]
        if report.added:
            run_stages(store)
    folder = str(path.parent)
    return {
        "articles_read": report.articles_read,
        "added": report.added,
        "unchanged": report.unchanged,
        "article_ids": list(dict.fromkeys(rec.ids)),
        "errors": [str(e).replace(folder + "/", "") for e in report.errors],
    }


def check_decompressed(data: bytes, limit: int | None = None) -> None:
    """UploadError(413) when compressed ``data`` expands past ``limit`` bytes (or like a bomb); decoded in chunks,
    nothing kept.

    A corrupt or truncated stream passes: the reader reports it with what came before the break.
    """
    fmt = compression_of(data[:4])
    if fmt is None:
        return
    try:
        for _ in decompressed_chunks(io.BytesIO(data), fmt, max_bytes=limit or MAX_DECOMPRESSED_BYTES):
            pass
    except InputProblem as exc:
        if "limit" in str(exc) or "bomb" in str(exc):
            raise UploadError(413, f"the upload {exc}") from None


def ingest_bytes(
    store_path: str, name: str, data: bytes, replace: bool, run_stages: Callable[[Store], Any]
) -> dict[str, Any]:
    """Write ``data`` as ``name`` in a fresh private folder and ingest it (after checking what it decompresses to)."""
    check_upload(name, data[:65536])
    check_decompressed(data)
    with tempfile.TemporaryDirectory(prefix="storyline-upload-") as tmp:
        path = Path(tmp) / safe_name(name)
        path.write_bytes(data)
        return ingest_path(store_path, path, replace, run_stages)


def parse_articles_json(body: bytes) -> list[Any]:
    """The article objects of a JSON body: a list, ``{"articles": [...]}`` or one object; ValueError when broken."""
    try:
        doc = json.loads(body.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ValueError(f"the body is not UTF-8: {exc.reason} at byte {exc.start}") from None
    except json.JSONDecodeError as exc:
        raise ValueError(f"broken JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise ValueError("JSON nested too deeply to read") from None
    if isinstance(doc, dict) and isinstance(doc.get("articles"), list):
        return doc["articles"]
    if isinstance(doc, list):
        return doc
    if isinstance(doc, dict):
        return [doc]
    raise ValueError("expected an article object, a list of them, or {\"articles\": [...]}")


def articles_jsonl(items: list[dict[str, Any]]) -> bytes:
    """Validated article objects as Article JSONL, the interchange format the readers take."""
    return "".join(json.dumps(i) + "\n" for i in items).encode("utf-8")
