"""One serialiser for the vocabulary of :mod:`storyline.model`: each dataclass as a JSON object, and back.

The JSON output (``analyze --json``/``--out``), the store's result rows and the web layer all write and
read results through :func:`to_json` and :func:`from_json`, both derived from the dataclass fields, so a
field added to a dataclass in model.py reaches every one of them at once. A field whose metadata holds
``json: False`` (see :data:`storyline.model.INTERNAL`) is kept in memory and the store's columns but not
written as JSON.

Reading is the one place that checks a row: :func:`from_json` fills a missing field (or a JSON null
where the field takes no None) with the dataclass default, drops unknown keys, and refuses a row of the
wrong shape with a :class:`SchemaError` naming the field.
"""

from __future__ import annotations

import functools
import types
import typing
from dataclasses import MISSING, fields, is_dataclass
from typing import Any, TypeVar

from .model import Anchor, Article, Claim, CopyGroup, Story, Thread, TimelineEvent

T = TypeVar("T")

RESULT_TYPES: dict[str, type] = {
    "copy_groups": CopyGroup,
    "stories": Story,
    "threads": Thread,
    "claims": Claim,
    "timeline": TimelineEvent,
    "anchors": Anchor,
}
"""The dataclass of each stored result list, by the name the store and the JSON document give it."""

DOCUMENT_TYPES: dict[str, type] = {"articles": Article, **RESULT_TYPES}
"""The dataclass of each list of the analysis document (``pipeline.analysis_json``)."""


class SchemaError(ValueError):
    """A row that does not fit its dataclass (not an object, a required field missing, a value of the wrong type)."""


@functools.cache
def json_fields(cls: type) -> tuple[str, ...]:
    """The fields of dataclass ``cls`` written as JSON, in declaration order."""
    return tuple(f.name for f in fields(cls) if f.metadata.get("json", True))


def to_json(obj: Any) -> Any:
    """The JSON form of a vocabulary value: a dataclass becomes an object of its :func:`json_fields` (nested
    dataclasses likewise), lists and tuples become lists, dicts are rebuilt, scalars are returned as they are."""
    kind = type(obj)
    if kind in (str, int, float, bool) or obj is None:
        return obj
    if is_dataclass(obj) and not isinstance(obj, type):
        return {n: to_json(getattr(obj, n)) for n in json_fields(kind)}  # type: ignore[arg-type]  # a class is hashable
    if kind in (list, tuple):
        return [to_json(x) for x in obj]
    if kind is dict:
        return {k: to_json(v) for k, v in obj.items()}
    return obj


def from_json(cls: type[T], row: Any) -> T:
    """The ``cls`` instance a JSON row describes (the inverse of :func:`to_json`), nested vocabulary types
    rebuilt from the field types; raises :class:`SchemaError` when the row does not fit."""
    from pydantic import ValidationError

    if not isinstance(row, dict):
        raise SchemaError(f"{cls.__name__}: expected an object, got {type(row).__name__}")
    not_null = _defaulted_not_null(cls)  # type: ignore[arg-type]  # a class is hashable
    if not_null:
        row = {k: v for k, v in row.items() if v is not None or k not in not_null}
    try:
        return _adapter(cls).validate_python(row)  # type: ignore[arg-type]  # a class is hashable
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "row"
        raise SchemaError(f"{cls.__name__}.{where}: {first['msg']}") from None


def conform(cls: type, row: Any) -> dict[str, Any]:
    """``row`` as :func:`to_json` writes a ``cls``: every field present, defaults filled, unknown keys dropped."""
    return to_json(from_json(cls, row))


def conform_all(cls: type, rows: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """:func:`conform` on each of ``rows`` (a list; anything else counts as empty): the rows that fit,
    and a message for each that does not (its position and why)."""
    good: list[dict[str, Any]] = []
    problems: list[str] = []
    for n, row in enumerate(rows if isinstance(rows, list) else []):
        try:
            good.append(conform(cls, row))
        except SchemaError as exc:
            problems.append(f"row {n}: {exc}")
    return good, problems


@functools.cache
def _adapter(cls: type) -> Any:
    from pydantic import TypeAdapter

    return TypeAdapter(cls)


@functools.cache
def _defaulted_not_null(cls: type) -> frozenset[str]:
    """Fields of ``cls`` with a default whose type takes no None: a JSON null there means "absent"."""
    hints = typing.get_type_hints(cls)
    out = set()
    for f in fields(cls):
        if f.default is MISSING and f.default_factory is MISSING:
            continue
        hint = hints[f.name]
        if hint is Any or type(None) in _union_args(hint):
            continue
        out.add(f.name)
    return frozenset(out)


def _union_args(hint: Any) -> tuple[Any, ...]:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        return typing.get_args(hint)
    return ()
