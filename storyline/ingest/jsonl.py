"""Article JSONL (the interchange format), read as a stream, one error per bad line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from ..model import Article, ReadError

_FIELDS = ("title", "published", "source", "url", "language")


def read_jsonl(stream: BinaryIO, path: str, max_line_bytes: int) -> Iterator[Article | ReadError]:
    """Yield an Article per good line and a ReadError (with line number) per bad one."""
    for n, raw in enumerate(stream, 1):
        if len(raw) > max_line_bytes:
            yield ReadError(path, f"line is {len(raw) / 1e6:.1f} MB, over the {max_line_bytes / 1e6:.0f} MB limit for one article", line=n)
            continue
        if not raw.strip():
            continue
        try:
            obj = json.loads(raw.decode("utf-8-sig") if n == 1 else raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield ReadError(path, f"not UTF-8 ({exc.reason} at byte {exc.start})", line=n)
            continue
        except ValueError as exc:
            yield ReadError(path, f"not valid JSON: {exc}", line=n)
            continue
        if not isinstance(obj, dict):
            yield ReadError(path, f"expected a JSON object, got {type(obj).__name__}", line=n)
            continue
        missing = [k for k in ("id", "text") if obj.get(k) in (None, "")]
        if missing:
            yield ReadError(path, f"missing required key{'s' if len(missing) > 1 else ''} {', '.join(map(repr, missing))}", line=n)
            continue
        if not isinstance(obj["text"], str) or not isinstance(obj["id"], (str, int)):
            yield ReadError(path, "'id' must be a string or integer and 'text' a string", line=n)
            continue
        fields = {k: (str(obj[k]) if obj.get(k) is not None else None) for k in _FIELDS}
        extra = {k: v for k, v in obj.items() if k not in _FIELDS and k not in ("id", "text")}
        yield Article(id=str(obj["id"]), text=obj["text"], raw_text=obj["text"], path=f"{path}:{n}", extra=extra, **fields)
