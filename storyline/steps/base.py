"""What a step of the analysis is, and what a run carries from one step to the next.

A :class:`Step` names the values it reads and the values it writes; :func:`run_steps` runs a list of them
in order over one :class:`Run`, checking that each finds what it reads and gives what it says it writes,
and drops a value once no later step reads it (a large corpus's dated copies need not outlive the stories).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..engines import Engine
from ..settings import Settings
from ..store import Store

CHUNK = 200
"""Items per engine task (copy sketches take ten chunks a task)."""


@dataclass
class Run:
    """One analysis run: the store, the settings, the engine, what the caller follows, and the values the steps
    have written so far (by name)."""

    store: Store
    settings: Settings
    engine: Engine
    rebuild: bool = False
    on_progress: Callable[[str, int, int], None] | None = None
    pools: list[Any] = field(default_factory=list)
    values: dict[str, Any] = field(default_factory=dict)

    def progress(self, task: str) -> Callable[[int, int], None] | None:
        """``on_progress`` for one task ("stories", "articles"), or None when nothing follows it."""
        on_progress = self.on_progress
        return None if on_progress is None else (lambda done, total: on_progress(task, done, total))


@dataclass(frozen=True)
class Step:
    """One step: ``fn(run, *reads)`` returns the values named in ``writes``; ``stage`` is the stage of the
    progress display it belongs to (None: the stage before it goes on)."""

    name: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]
    fn: Callable[..., dict[str, Any]]
    stage: str | None = None


def run_steps(steps: Sequence[Step], run: Run, on_stage: Callable[[str], None] | None = None) -> Run:
    """Run ``steps`` in order; ``on_stage(name)`` as each new stage starts."""
    last_read = {name: i for i, step in enumerate(steps) for name in step.reads}
    stage = None
    for i, step in enumerate(steps):
        missing = [name for name in step.reads if name not in run.values]
        if missing:
            raise RuntimeError(f"step {step.name!r} reads {', '.join(missing)}, which no earlier step wrote")
        if step.stage and step.stage != stage:
            stage = step.stage
            if on_stage:
                on_stage(stage)
        got = step.fn(run, *(run.values[name] for name in step.reads))
        if set(got) != set(step.writes):
            raise RuntimeError(f"step {step.name!r} wrote {sorted(got)}, not {sorted(step.writes)}")
        run.values.update(got)
        for name in [n for n in run.values if last_read.get(n, -1) <= i and n not in steps[-1].writes]:
            del run.values[name]
    return run
