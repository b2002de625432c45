"""Article JSONL (the interchange format), read as a stream, one error per bad line."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from ..model import Article, ReadError
from .stream import read_lines
from .validate import valid_unicode, valid_unicode_json

_FIELDS = ("title", "published", "source", "url", "language")
MAX_BAD_RUN = 10_000
"""Bad lines in a row after which the rest of a file is taken for something other than Article JSONL."""


def read_jsonl(stream: BinaryIO, path: str, max_line_bytes: int) -> Iterator[Article | ReadError]:
    """Yield an Article per good line and a ReadError (with line number) per bad one or per ignored field."""
    bad_run = 0
    for n, raw in read_lines(stream, max_line_bytes):
        if isinstance(raw, int):
            got: list[Article | ReadError] = [
                ReadError(
                    path,
                    f"line is {raw / 1e6:.1f} MB, over the {max_line_bytes / 1e6:.0f} MB limit for one article",
                    line=n,
                )
            ]
        elif not raw.strip():
            continue
        else:
            got = list(_parse_line(raw, path, n))
        if any(isinstance(g, Article) for g in got):
            bad_run = 0
        else:
            bad_run += 1
        yield from got
        if bad_run >= MAX_BAD_RUN:
            yield ReadError(path, f"{MAX_BAD_RUN:,} bad lines in a row: the rest of the file is not read", line=n)
            return


def json_lines(path: str | Path, what: str = "JSON") -> Iterator[tuple[int, Any]]:
    """(line number, value) of each non-blank line of a small JSONL file (labels, pairs, dev sets), for the
    evaluations and tools that want the whole file or a one-line error; a line that is not JSON raises
    ValueError ``PATH:N: not WHAT (reason)``. Input to the pipeline goes through :func:`read_jsonl` instead,
    which keeps reading past bad lines."""
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                value = json.loads(line)
            except ValueError as exc:
                raise ValueError(f"{path}:{n}: not {what} ({exc})") from None
            yield n, value


def _parse_line(raw: bytes, path: str, n: int) -> Iterator[Article | ReadError]:
    try:
        obj = json.loads(raw.decode("utf-8-sig") if n == 1 else raw.decode("utf-8"), parse_constant=_no_constant)
    except UnicodeDecodeError as exc:
        yield ReadError(path, f"not UTF-8 ({exc.reason} at byte {exc.start})", line=n)
        return
    except RecursionError:
        yield ReadError(path, "JSON nested too deeply to read", line=n)
        return
    except ValueError as exc:
        yield ReadError(path, f"not valid JSON: {exc}", line=n)
        return
    if not isinstance(obj, dict):
        yield ReadError(path, f"expected a JSON object, got {_kind(obj)}", line=n)
        return
    missing = [k for k in ("id", "text") if obj.get(k) in (None, "")]
    if missing:
        yield ReadError(
            path, f"missing required key{'s' if len(missing) > 1 else ''} {', '.join(map(repr, missing))}", line=n
        )
        return
    aid, text = obj["id"], obj["text"]
    if isinstance(aid, bool) or not isinstance(aid, (str, int)):
        yield ReadError(path, f"'id' must be a string or integer, got {_kind(aid)}", line=n)
        return
    if not isinstance(text, str):
        yield ReadError(path, f"'text' must be a string, got {_kind(text)}", line=n)
        return
    aid = valid_unicode(str(aid)).strip()
    if not aid:
        yield ReadError(path, "'id' is blank", line=n)
        return
    fields: dict[str, Any] = {}
    for k in _FIELDS:
        v = obj.get(k)
        if v is None or isinstance(v, str):
            fields[k] = (valid_unicode(v).strip() or None) if isinstance(v, str) else None
        else:
            fields[k] = None
            yield ReadError(
                path, f"'{k}' must be a string, got {_kind(v)}: ignored (article {aid!r} kept without it)", line=n
            )
    extra = valid_unicode_json({k: v for k, v in obj.items() if k not in _FIELDS and k not in ("id", "text")})
    text = valid_unicode(text)
    yield Article(id=aid, text=text, raw_text=text, path=f"{path}:{n}", extra=extra, **fields)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def _kind(value: Any) -> str:
    """A JSON type name for a message ("object", "number", ...)."""
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return "a number" if not (isinstance(value, float) and math.isnan(value)) else "NaN"
    names: dict[type, str] = {dict: "an object", list: "an array", str: "a string"}
    return names.get(type(value), type(value).__name__)
