"""The results step: every list the steps made, published as the store's results in one step."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from .. import incremental
from ..copies import CopyDiff
from ..model import Anchor, CopyGroup, SentenceEdit, Story, Thread
from ..schema import to_json
from ..store import result_row
from .base import Run, Step
from .sources import ScopePlan


def _with_diffs(group: CopyGroup, diffs: dict[str, CopyDiff]) -> CopyGroup:
    """The copy group as the results hold it: for each copy, its sentence edits against the origin."""
    return replace(
        group,
        diffs={
            m.article_id: [
                SentenceEdit(e.kind, e.origin, e.copy, e.kinds, to_json(e.changes)) for e in diffs[m.article_id].edits
            ]
            for m in group.members
            if m.article_id in diffs
        },
    )


def _run(
    run: Run,
    groups: list[CopyGroup],
    diffs: dict[str, CopyDiff],
    stories: list[Story],
    threads: list[Thread],
    anchors: dict[str, tuple[str, str]],
    plan: ScopePlan,
) -> dict[str, Any]:
    others = {
        "copy_groups": [result_row(_with_diffs(g, diffs)) for g in groups],
        "stories": [result_row(s) for s in stories],
        "threads": [result_row(t) for t in threads],
        "anchors": [result_row(Anchor(aid, d, how)) for aid, (d, how) in sorted(anchors.items())],
    }
    order = [plan.keys[scope] for scope in sorted(plan.members)]
    counts = incremental.publish(run.store, order, others)
    run.store.keep_cached(incremental.SCOPES, order)
    run.store.keep_cached(incremental.ATTRIBUTIONS, plan.attribution_keys.values())
    run.store.keep_cached(incremental.TIMES, plan.time_keys)
    return {"counts": counts}


STEP = Step(
    "results",
    reads=("groups", "diffs", "stories", "threads", "anchors", "plan"),
    writes=("counts",),
    fn=_run,
    stage="results",
)
"""How many of each result kind the store now holds."""
