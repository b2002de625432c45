"""Tell an input's kind (text, jsonl, html, feed, warc) from its first bytes, then its name."""

from __future__ import annotations

import json
import re
import zlib

KINDS = ("text", "jsonl", "html", "feed", "warc")

_FEED = re.compile(rb"<(rss|feed|rdf:RDF)\b[^>]*", re.I)
_HTML = re.compile(rb"<!doctype\s+html|<html\b|<head\b|<body\b|<article\b|<p\b|<div\b", re.I)
# The opening of a JSON object's first member: what a JSONL line longer than the sniffed head shows.
_JSON_MEMBER = re.compile(rb'\{\s*"(?:[^"\\\n]|\\.){0,200}"\s*:')
_NAME_HINTS = {
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".warc": "warc",
    ".arc": "warc",
    ".txt": "text",
    ".text": "text",
    ".md": "text",
}
NAME_SUFFIXES = frozenset(_NAME_HINTS)
"""File name endings a reader takes (lower case, compression aside): what an upload may be called."""


_ZSTD = b"\x28\xb5\x2f\xfd"


def is_gzip(head: bytes) -> bool:
    return head[:2] == b"\x1f\x8b"


def is_zstd(head: bytes) -> bool:
    return head[:4] == _ZSTD


def is_compressed(head: bytes) -> bool:
    """True for gzip or zstd data."""
    return is_gzip(head) or is_zstd(head)


def gunzip_head(head: bytes, size: int = 4096) -> bytes:
    """Decompress what can be decompressed of a gzip or zstd head (for sniffing only)."""
    if is_zstd(head):
        import zstandard

        dec = zstandard.ZstdDecompressor(max_window_size=1 << 27).decompressobj()
        out = b""
        try:
            for i in range(0, len(head), 64):
                out += dec.decompress(head[i : i + 64])
                if len(out) >= size or dec.eof:
                    break
        except zstandard.ZstdError:
            pass
        return out[:size]
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, size)
    except zlib.error:
        return b""


def name_hint(name: str) -> str | None:
    """Kind suggested by the file name, ignoring a trailing .gz."""
    lower = name.lower()
    for suffix in (".gz", ".zst", ".zstd"):
        if lower.endswith(suffix):
            lower = lower[: -len(suffix)]
    for ext, kind in _NAME_HINTS.items():
        if lower.endswith(ext):
            return kind
    return None


def detect_kind(head: bytes, name: str = "") -> str:
    """Kind of an input from its first few KB (decompressed if gzip), falling back on its name."""
    if is_compressed(head):
        inner = gunzip_head(head)
        if inner.startswith(b"WARC/") or inner.startswith(b"filedesc://"):
            return "warc"
        head = inner
    if head.startswith(b"WARC/"):
        return "warc"
    sniff = _strip_bom(head[:4096])
    stripped = sniff.lstrip()
    if stripped.startswith(b"{"):
        first, newline, _ = stripped.partition(b"\n")
        if not newline and len(head) >= 4096 and _JSON_MEMBER.match(first):
            return "jsonl"
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except (ValueError, RecursionError):
            pass
        if name_hint(name) == "jsonl":
            return "jsonl"
    if stripped.startswith(b"<"):
        if _FEED.search(sniff) and not re.search(rb"<html\b", sniff, re.I):
            return "feed"
        if _HTML.search(sniff):
            return "html"
    hint = name_hint(name)
    if hint in ("html", "feed") and not stripped.startswith(b"<"):
        return "text"
    return hint or "text"


def _strip_bom(head: bytes) -> bytes:
    for bom in (b"\xef\xbb\xbf",):
        if head.startswith(bom):
            return head[len(bom) :]
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return head.decode("utf-16", errors="ignore").encode("utf-8")
        except UnicodeError:
            return head
    return head


def open_maybe_gzip(path: str):
    """Open a file for binary reading as a stream, transparently decompressing gzip or zstd (see ingest.stream)."""
    from .stream import open_input

    return open_input(path)
