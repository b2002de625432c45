"""Decompressing input streams that keep what came before a cut and refuse decompression bombs.

gzip and zstd are decompressed chunk by chunk here, not by ``gzip.open`` or zstd's stream reader,
so that everything decoded before a truncation or a corrupt byte reaches the reader first, and
the problem then arrives as one :class:`InputProblem` with a message a user can act on.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Callable, Iterator
from typing import BinaryIO

CHUNK = 1 << 16
IN_CHUNK = 1 << 13
"""Compressed bytes fed at a time: what a corrupt byte costs of the output decoded just before it."""
SQUEEZED_IN_CHUNK = 64
"""zstd input fed at a time once it expands over 256 times (run-length blocks turn 4 bytes into 128 KB): bounds one
call's output."""
BOMB_FLOOR = 64 << 20
"""Decompressed bytes a file may produce before its compression ratio is checked."""
MAX_RATIO = 200
"""Decompressed-to-compressed ratio past which (beyond ``BOMB_FLOOR``) a file is taken for a bomb; text reaches
10-30."""

_GZIP = b"\x1f\x8b"
_ZSTD = b"\x28\xb5\x2f\xfd"


class InputProblem(ValueError):
    """A stream cannot be read on: truncated, corrupt, or expanding past a limit."""


def _zstd_decompressobj():
    import zstandard

    return zstandard.ZstdDecompressor(max_window_size=1 << 27).decompressobj(), zstandard.ZstdError


def decompressed_chunks(
    fh: BinaryIO, fmt: str, max_bytes: int | None = None, max_ratio: int = MAX_RATIO
) -> Iterator[bytes]:
    """Decompressed bytes of a gzip or zstd stream (members or frames one after another), chunk by chunk.

    Everything that decodes is yielded before an InputProblem says why the rest cannot be.
    """
    if fmt == "gzip":
        new, errors = (lambda: zlib.decompressobj(16 + zlib.MAX_WBITS)), (zlib.error,)
    else:
        new, errors = (lambda: _zstd_decompressobj()[0]), (_zstd_decompressobj()[1],)
    dec = new()
    started = False
    squeezed = fmt != "gzip"
    consumed = produced = 0
    pending = b""
    while True:
        chunk = pending or fh.read(IN_CHUNK if fmt == "gzip" or not squeezed else SQUEEZED_IN_CHUNK)
        pending = b""
        if not chunk:
            break
        consumed += len(chunk)
        try:
            out = dec.decompress(chunk)
        except errors as exc:
            raise InputProblem(f"corrupt {fmt} data near compressed byte {consumed:,} ({exc})") from None
        started = True
        squeezed = len(out) > 256 * len(chunk)
        if out:
            produced += len(out)
            if max_bytes is not None and produced > max_bytes:
                raise InputProblem(f"decompresses to over {max_bytes / 1e6:,.0f} MB, the limit for one input")
            if produced > BOMB_FLOOR and produced > max_ratio * consumed:
                raise InputProblem(
                    f"decompresses to over {max_ratio} times its size (a decompression bomb?); "
                    f"stopped after {produced / 1e6:,.0f} MB"
                )
            yield out
        if dec.eof:
            rest = dec.unused_data
            dec, started = new(), False
            if rest.strip(b"\x00"):
                pending = rest
                consumed -= len(rest)
    if started and not dec.eof:
        raise InputProblem(f"{fmt} data ends early: the file is truncated (after {produced:,} decompressed bytes)")


class _ChunkReader(io.RawIOBase):
    """A read-only raw stream over an iterator of byte chunks."""

    def __init__(self, chunks: Iterator[bytes], closer: BinaryIO):
        self._chunks = chunks
        self._buf = b""
        self._closer = closer

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:  # type: ignore[override]
        while not self._buf:
            nxt = next(self._chunks, None)
            if nxt is None:
                return 0
            self._buf = nxt
        n = min(len(b), len(self._buf))
        b[:n] = self._buf[:n]
        self._buf = self._buf[n:]
        return n

    def close(self) -> None:
        if not self.closed:
            self._closer.close()
        super().close()


def compression_of(head: bytes) -> str | None:
    """ "gzip", "zstd" or None from a stream's first bytes."""
    if head[:2] == _GZIP:
        return "gzip"
    if head[:4] == _ZSTD:
        return "zstd"
    return None


class _ReportingFile(io.FileIO):
    """A file read for binary that tells ``on_position`` how far into it reading has come, so a
    progress bar can move through one large file."""

    def __init__(self, path: str, on_position: Callable[[int], None]):
        super().__init__(path, "rb")
        self._on_position = on_position

    def readinto(self, b) -> int | None:  # type: ignore[override]
        n = super().readinto(b)
        self._on_position(self.tell())
        return n

    def read(self, size: int | None = -1) -> bytes:
        data = super().read(size)
        self._on_position(self.tell())
        return data


def open_input(
    path: str, max_bytes: int | None = None, on_position: Callable[[int], None] | None = None
) -> io.BufferedReader:
    """Open a file for binary reading, decompressing gzip or zstd as a guarded stream (see module doc).
    ``on_position`` is told the offset reached in the file (compressed bytes for gzip and zstd)."""
    fh = open(path, "rb") if on_position is None else _ReportingFile(path, on_position)
    fmt = compression_of(fh.read(4))
    fh.seek(0)
    if fmt is None:
        return io.BufferedReader(fh)  # type: ignore[arg-type]
    return io.BufferedReader(_ChunkReader(decompressed_chunks(fh, fmt, max_bytes), fh), CHUNK)


def read_lines(stream: BinaryIO, max_line: int) -> Iterator[tuple[int, bytes | int]]:
    """``(line number, line)`` for each line of ``stream``; a line over ``max_line`` bytes comes as its length instead.

    An overlong line is skipped in pieces, so it never sits in memory whole.
    """
    n = 0
    while True:
        raw = stream.readline(max_line + 1)
        if not raw:
            return
        n += 1
        if len(raw) > max_line and not raw.endswith(b"\n"):
            size = len(raw)
            while True:
                rest = stream.readline(CHUNK)
                size += len(rest)
                if not rest or rest.endswith(b"\n"):
                    break
            yield n, size
            continue
        yield n, raw
