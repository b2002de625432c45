"""WARC and WARC.gz archives: each HTML response record through the HTML reader."""

from __future__ import annotations

from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..model import Article, ReadError
from .detect import is_zstd, open_maybe_gzip
from .html import read_html


def _zstd(path: str) -> bool:
    with open(path, "rb") as fh:
        return is_zstd(fh.read(4))


def read_warc(path: str, max_record_bytes: int) -> Iterator[Article | ReadError]:
    """Stream the records of a WARC file; a broken record ends the file with an error, keeping what came before."""
    with open_maybe_gzip(path) if _zstd(path) else open(path, "rb") as fh:
        records = ArchiveIterator(fh)
        n = 0
        while True:
            try:
                record = next(records)
            except StopIteration:
                return
            except (ArchiveLoadFailed, ValueError, EOFError, OSError) as exc:
                yield ReadError(path, f"broken WARC record after record {n}: {exc}")
                return
            n += 1
            if record.rec_type != "response":
                continue
            ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
            if "html" not in ctype.lower():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{path}#{url or n}"
            try:
                payload = record.content_stream().read(max_record_bytes + 1)
            except Exception as exc:  # truncated gzip members and bad chunked encodings surface here
                yield ReadError(where, f"record payload could not be read: {exc}")
                return
            if len(payload) > max_record_bytes:
                yield ReadError(where, f"record is over the {max_record_bytes / 1e6:.0f} MB limit for one article")
                continue
            yield from read_html(payload, where, url or f"{path}#{n}", url=url)
