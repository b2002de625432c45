"""WARC and WARC.gz archives: each HTML response record through the HTML reader.

Records are split here, with bounded header lines and blocks, and each is handed to warcio alone
(for HTTP headers, chunked and compressed bodies). A record with a bad header, a Content-Length
that runs into the next record, or junk between records is reported and skipped; reading resumes
at the next line that starts a WARC record, so one broken record does not cost the ones after it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator

from ..model import Article, ReadError
from .html import read_html
from .stream import CHUNK, InputProblem, open_input

MAX_HEADER_LINE = 65_536
MAX_HEADER_LINES = 500
_START = b"WARC/1."
_END = b"\r\n\r\n"
_START_ANYWHERE = re.compile(rb"WARC/1\.[01]\r?\n")
"""Where a record starts, also mid-line (a record cut short runs straight into the next one)."""


class _Pushback:
    """A binary stream that can take bytes back (read again before the rest), tracking its offset."""

    def __init__(self, fh: io.BufferedReader):
        self._fh = fh
        self._back = b""
        self.offset = 0

    def unread(self, data: bytes) -> None:
        self._back = data + self._back
        self.offset -= len(data)

    def readline(self, limit: int) -> bytes:
        if self._back:
            i = self._back.find(b"\n", 0, limit)
            cut = i + 1 if i >= 0 else min(limit, len(self._back))
            line, self._back = self._back[:cut], self._back[cut:]
            if not line.endswith(b"\n") and len(line) < limit and not self._back:
                line += self._fh.readline(limit - len(line))
        else:
            line = self._fh.readline(limit)
        self.offset += len(line)
        return line

    def read(self, n: int) -> bytes:
        head, self._back = self._back[:n], self._back[n:]
        rest = self._fh.read(n - len(head)) if len(head) < n else b""
        self.offset += len(head) + len(rest)
        return head + rest

    def skip(self, n: int) -> int:
        """Read and drop ``n`` bytes in chunks; return how many there were."""
        done = 0
        while done < n:
            got = self.read(min(CHUNK, n - done))
            if not got:
                break
            done += len(got)
        return done


def read_warc(
    path: str,
    max_record_bytes: int,
    max_input_bytes: int | None = None,
    on_position: Callable[[int], None] | None = None,
) -> Iterator[Article | ReadError]:
    """Stream the records of a WARC file (plain, gzip or zstd); a broken record is reported and skipped."""
    records = [0]
    try:
        yield from _records(path, max_record_bytes, max_input_bytes, records, on_position)
    except InputProblem as exc:
        yield ReadError(
            path, f"broken WARC record (in or after record {records[0]}): {exc}; the rest of the file is lost"
        )


def _records(
    path: str,
    max_record_bytes: int,
    max_input_bytes: int | None,
    count: list[int],
    on_position: Callable[[int], None] | None = None,
) -> Iterator[Article | ReadError]:
    with open_input(path, max_input_bytes, on_position) as fh:
        stream = _Pushback(fh)
        n = 0
        while True:
            start = stream.offset
            line = stream.readline(MAX_HEADER_LINE)
            if not line:
                return
            if not line.strip():
                continue
            if not line.startswith(_START) and not (n == 0 and line.startswith(b"filedesc://")):
                yield ReadError(
                    path, f"not a WARC record at byte {start:,} (junk or a broken record): skipped to the next record"
                )
                m = _START_ANYWHERE.search(line)
                if m:
                    stream.unread(line[m.start() :])
                else:
                    _skip_to_record(stream)
                continue
            if n == 0 and line.startswith(b"filedesc://"):
                stream.unread(line)
                yield from _arc(stream, path, max_record_bytes)
                return
            n += 1
            count[0] = n
            got = _record(stream, path, line, n, start, max_record_bytes)
            if got is not None:
                yield from got


def _skip_to_record(stream: _Pushback) -> None:
    """Drop lines up to the next one that starts a WARC record (left unread)."""
    while True:
        line = stream.readline(MAX_HEADER_LINE)
        if not line:
            return
        m = _START_ANYWHERE.search(line)
        if m:
            stream.unread(line[m.start() :])
            return


def _record(
    stream: _Pushback, path: str, first: bytes, n: int, start: int, max_record_bytes: int
) -> Iterator[Article | ReadError] | None:
    """Read record ``n`` (its version line already read) and what it yields; problems as ReadErrors."""
    where = f"{path}#record {n} (byte {start:,})"
    headers = [first]
    fields: dict[str, str] = {}
    for _ in range(MAX_HEADER_LINES):
        line = stream.readline(MAX_HEADER_LINE)
        if not line:
            return iter([ReadError(where, "the file ends inside the record's header (truncated)")])
        if not line.endswith(b"\n") and len(line) < MAX_HEADER_LINE:
            return iter([ReadError(where, "the file ends inside the record's header (truncated)")])
        if not line.endswith(b"\n"):
            return _bad(stream, path, ReadError(where, f"header line over {MAX_HEADER_LINE:,} bytes: record skipped"))
        if not line.strip():
            break
        m = _START_ANYWHERE.search(line)
        if m:
            stream.unread(line[m.start() :])
            return iter([ReadError(where, "the record is cut short: another record starts inside its header")])
        if b":" not in line:
            return _bad(stream, path, ReadError(where, f"header line without a colon ({line[:60]!r}): record skipped"))
        headers.append(line)
        name, _, value = line.decode("latin-1").partition(":")
        fields[name.strip().lower()] = value.strip()
    else:
        return _bad(stream, path, ReadError(where, f"over {MAX_HEADER_LINES} header lines: record skipped"))
    try:
        length = int(fields.get("content-length", ""))
        if length < 0:
            raise ValueError
    except ValueError:
        return _bad(stream, path, ReadError(where, "no valid Content-Length: record skipped"))
    url = fields.get("warc-target-uri") or None
    where = f"{path}#{url or n}"
    wanted = fields.get("warc-type") == "response"
    if not wanted or length > max_record_bytes + 65_536:
        got = stream.skip(length)
        block = b""
    else:
        block = stream.read(length)
        got = len(block)
    if got < length:
        m = _START_ANYWHERE.search(block)
        if m:
            stream.unread(block[m.start() :])
            return _bad(stream, path, ReadError(where, "Content-Length runs past the record's end: record skipped"))
        return iter([ReadError(where, f"the file ends inside the record ({got:,} of {length:,} bytes; truncated)")])
    tail = stream.read(4)
    if tail != _END:
        m = _START_ANYWHERE.search(block)
        stream.unread(tail)
        stream.unread(block[m.start() :] if m else block[-len(_START) - 4 :])
        return _bad(stream, path, ReadError(where, "Content-Length does not match the record: record skipped"))
    if not wanted:
        return None
    if length > max_record_bytes + 65_536:
        return iter([ReadError(where, f"record is over the {max_record_bytes / 1e6:.0f} MB limit for one article")])
    return _response(b"".join(headers) + b"\r\n" + block + _END, where, url, path, n, max_record_bytes)


def _bad(stream: _Pushback, path: str, error: ReadError) -> Iterator[ReadError]:
    yield error
    _skip_to_record(stream)


def _response(
    data: bytes, where: str, url: str | None, path: str, n: int, max_record_bytes: int
) -> Iterator[Article | ReadError]:
    """The article of one response record's bytes, through warcio (HTTP headers, chunking, content encoding)."""
    try:
        from warcio.archiveiterator import ArchiveIterator

        record = next(iter(ArchiveIterator(io.BytesIO(data))))
        ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
        if "html" not in ctype.lower():
            return
        payload = record.content_stream().read(max_record_bytes + 1)
    except Exception as exc:  # noqa: BLE001 - warcio raises many kinds on broken HTTP parts
        yield ReadError(where, f"record could not be read: {type(exc).__name__}: {str(exc)[:200]}")
        return
    if len(payload) > max_record_bytes:
        yield ReadError(where, f"record is over the {max_record_bytes / 1e6:.0f} MB limit for one article")
        return
    yield from read_html(payload, where, url or f"{path}#{n}", url=url)


class _Reader(io.RawIOBase):
    """A raw stream over a _Pushback (for warcio on ARC files)."""

    def __init__(self, stream: _Pushback):
        self._s = stream

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[override]
        data = self._s.read(len(b))
        b[: len(data)] = data
        return len(data)


def _arc(stream: _Pushback, path: str, max_record_bytes: int) -> Iterator[Article | ReadError]:
    """An ARC file, record by record through warcio; a broken record ends it with an error."""
    from warcio.archiveiterator import ArchiveIterator  # on first use: a rerun reads no WARC

    records = ArchiveIterator(io.BufferedReader(_Reader(stream)))
    n = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except Exception as exc:  # noqa: BLE001
            yield ReadError(path, f"broken ARC record after record {n}: {type(exc).__name__}: {str(exc)[:200]}")
            return
        n += 1
        if record.rec_type != "response":
            continue
        ctype = (record.http_headers.get_header("Content-Type") if record.http_headers else "") or ""
        if "html" not in ctype.lower():
            continue
        url = record.rec_headers.get_header("WARC-Target-URI") or record.rec_headers.get_header("uri")
        where = f"{path}#{url or n}"
        payload = record.content_stream().read(max_record_bytes + 1)
        if len(payload) > max_record_bytes:
            yield ReadError(where, f"record is over the {max_record_bytes / 1e6:.0f} MB limit for one article")
            continue
        yield from read_html(payload, where, url or f"{path}#{n}", url=url)
