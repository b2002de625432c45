"""The progress bars of ``storyline analyze``: input bytes read, then each long stage in its own units."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console
from rich.filesize import decimal
from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeRemainingColumn

from .ingest import InputFile

UNITS = {
    "stories": ("stories", "copy groups placed"),
    "articles": ("sources", "articles: attributions, claims, timeline"),
}
"""Progress task -> (the stage it belongs to, what its count counts)."""

STEP_BYTES = 1 << 18
"""Bytes read between two updates of the reading bar (a large file reports every buffer)."""


class RunProgress:
    """Bars fed by :func:`storyline.pipeline.ingest` and :func:`storyline.pipeline.run_analysis`.

    Reading counts bytes, so one large JSONL or WARC file moves the bar as it streams (a file count
    would sit at 0/1); the stage bars count copy groups placed and articles analysed, and show no
    count until the stage reports its total."""

    def __init__(self, console: Console, disable: bool = False):
        self.progress = Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[count]}"),
            TextColumn("{task.fields[name]}"),
            TimeRemainingColumn(),
            console=console,
            transient=True,
            disable=disable,
        )
        self.reading: TaskID | None = None
        self.stage: TaskID | None = None
        self.bars: dict[str, TaskID] = {}
        self.total = self.done = self.shown = 0

    def __enter__(self) -> RunProgress:
        self.progress.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.progress.__exit__(*exc)

    def task(self, key: str) -> Any:
        """The rich task behind ``reading``, ``stage`` or a stage bar (for tests)."""
        task_id = self.bars[key] if key in self.bars else getattr(self, key)
        return next(t for t in self.progress.tasks if t.id == task_id)

    def on_start(self, files: list[InputFile]) -> None:
        """The files to read are known: the reading bar's total is their size."""
        self.total = sum(f.size for f in files)
        self.reading = self.progress.add_task("reading", total=max(1, self.total), count=self._bytes(0), name="")

    def on_position(self, item: InputFile, offset: int) -> None:
        """``offset`` bytes of ``item`` are read."""
        at = self.done + min(offset, item.size)
        if at - self.shown >= STEP_BYTES:
            self._show(at, item)

    def on_file(self, item: InputFile) -> None:
        """``item`` is read and stored (or was already)."""
        self.done += item.size
        self._show(self.done, item)

    def _show(self, at: int, item: InputFile) -> None:
        self.shown = at
        if self.reading is not None:
            self.progress.update(self.reading, completed=at, count=self._bytes(at), name=Path(item.path).name[-40:])

    def _bytes(self, at: int) -> str:
        return f"{decimal(at)}/{decimal(self.total)}"

    def on_stage(self, name: str) -> None:
        """An analysis stage starts: the reading bar gives way to the stage's name, and a stage with a
        long part gets its bar (counting from the first report)."""
        if self.reading is not None:
            self.progress.remove_task(self.reading)
            self.reading = None
        for key in [k for k, t in self.bars.items() if self.task(k).total is None]:
            self.progress.remove_task(self.bars.pop(key))
        if self.stage is None:
            self.stage = self.progress.add_task(f"analysing: {name}", total=None, count="", name="")
        self.progress.update(self.stage, description=f"analysing: {name}")
        for key, (stage, what) in UNITS.items():
            if stage == name and key not in self.bars:
                self.bars[key] = self.progress.add_task(key, total=None, count="", name=what)

    def on_progress(self, key: str, done: int, total: int) -> None:
        """``done`` of ``total`` units of a long part (see ``UNITS``)."""
        if key not in self.bars:
            self.bars[key] = self.progress.add_task(key, total=None, count="", name=UNITS.get(key, ("", ""))[1])
        self.progress.update(self.bars[key], total=max(1, total), completed=done, count=f"{done:,}/{total:,}")
