"""The copy stage's JSONL output: one line per article with its group, origin, relation and similarity."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..model import CopyGroup


def copy_records(article_ids: Iterable[str], groups: list[CopyGroup]) -> list[dict[str, Any]]:
    """One record per article id, in the given order: {id, copy_group, copy_of, relation, similarity}."""
    where: dict[str, tuple[CopyGroup, int]] = {}
    for g in groups:
        for i, m in enumerate(g.members):
            where[m.article_id] = (g, i)
    out: list[dict[str, Any]] = []
    for aid in article_ids:
        if aid not in where:
            out.append({"id": aid, "copy_group": None, "copy_of": None, "relation": None, "similarity": None})
            continue
        g, i = where[aid]
        m = g.members[i]
        copy_of = None if m.relation == "origin" else g.origin
        out.append(
            {"id": aid, "copy_group": g.id, "copy_of": copy_of, "relation": m.relation, "similarity": m.similarity}
        )
    return out


def write_copies_jsonl(article_ids: Iterable[str], groups: list[CopyGroup], path: str | Path) -> int:
    """Write :func:`copy_records` as JSON lines to ``path``; returns the number of lines."""
    records = copy_records(article_ids, groups)
    with open(path, "w", encoding="utf-8") as f:
        f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    return len(records)


def groups_json(groups: list[CopyGroup]) -> list[dict[str, Any]]:
    """Copy groups as plain data, for ``storyline analyze``'s ``copy_groups``."""
    return [
        {
            "id": g.id,
            "origin": g.origin,
            "members": [{"id": m.article_id, "relation": m.relation, "similarity": m.similarity} for m in g.members],
        }
        for g in groups
    ]
