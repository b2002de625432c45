"""Sharded JSONL output (`analyze --out DIR`): every list streamed from the store in files of at
most ``shard_size`` lines, so no list (claims at a million articles run to gigabytes) is one file
or is held in memory, with a manifest that names the files and counts the items."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import Any

from . import pipeline
from .store import Store

MANIFEST = "manifest.json"


def write_shards(store: Store, folder: Path, shard_size: int) -> dict[str, Any]:
    """Write the stored analysis into ``folder``: ``articles-00000.jsonl``, ``claims-00000.jsonl``
    and so on, one series per list, and ``manifest.json``; returns the manifest."""
    if shard_size < 1:
        raise ValueError(f"shard size must be at least 1, got {shard_size}")
    folder.mkdir(parents=True, exist_ok=True)
    lists: dict[str, Iterable[dict[str, Any]]] = {"articles": (pipeline.article_json(a) for a in store.iter_articles())}
    lists.update({kind: store.iter_results(kind) for kind in pipeline.RESULT_KINDS})
    manifest: dict[str, Any] = {"shard_size": shard_size, "lists": {}}
    for kind, items in lists.items():
        files, count = _write_series(folder, kind, iter(items), shard_size)
        manifest["lists"][kind] = {"items": count, "files": files}
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return manifest


def _write_series(folder: Path, kind: str, items: Iterator[dict[str, Any]], shard_size: int) -> tuple[list[str], int]:
    """One list as ``kind-NNNNN.jsonl`` files (at least one, empty for an empty list)."""
    files: list[str] = []
    count = 0
    while True:
        chunk = list(islice(items, shard_size))
        if not chunk and files:
            break
        name = f"{kind}-{len(files):05d}.jsonl"
        with open(folder / name, "w", encoding="utf-8") as fh:
            fh.writelines(json.dumps(item, ensure_ascii=False) + "\n" for item in chunk)
        files.append(name)
        count += len(chunk)
        if len(chunk) < shard_size:
            break
    return files, count
