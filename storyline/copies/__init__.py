"""The copy stage: near-duplicate detection, copy groups with their origin, and what each copy changed.

Public API::

    CopyIndex(params=None, **overrides)     incremental, persistable index -> .add(), .groups(), .to_bytes()
    find_copies(articles, **params)         one-shot copy groups
    add_translations(groups, articles)      translated copies joined to the groups (names and numbers)
    diff_copy(copy, origin) -> CopyDiff     sentence-level edits with their kinds
    explain(a, b) -> dict                   why two articles are or are not copies
    write_copies_jsonl(ids, groups, path)   the ``storyline copies`` output
"""

from .diff import CopyDiff, Edit, diff_copy
from .edits import Change
from .explain import explain, format_explanation
from .index import CopyIndex, Sketch, find_copies, group_id, sketch
from .output import copy_records, groups_json, write_copies_jsonl
from .params import CopyParams
from .translations import add_translations, find_translations

__all__ = [
    "Change",
    "CopyDiff",
    "CopyIndex",
    "CopyParams",
    "Edit",
    "Sketch",
    "add_translations",
    "copy_records",
    "diff_copy",
    "explain",
    "find_copies",
    "find_translations",
    "format_explanation",
    "group_id",
    "groups_json",
    "sketch",
    "write_copies_jsonl",
]
