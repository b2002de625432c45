"""Shared fixtures: small articles written for these tests, and the seeds when they are beside the repo."""

from __future__ import annotations

import os
import random
from datetime import date, timedelta
from pathlib import Path

import pytest

from storyline.model import Article

# The shared folder (seeds, dev data) sits beside the repository; STORYLINE_SHARED points elsewhere.
SHARED = Path(os.environ.get("STORYLINE_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")
SEEDS = SHARED / "seeds"


def pytest_terminal_summary(terminalreporter, exitstatus, config):  # noqa: ARG001
    """Say why the seed and dev-data tests, or the browser tests, were skipped, without -rs."""
    if not SEEDS.is_dir():
        terminalreporter.write_line(
            f"note: {SEEDS} not found: the tests on the seeds and dev data were skipped "
            "(set STORYLINE_SHARED to the shared folder to run them)",
            yellow=True,
        )
    reasons = {
        str(r.longrepr[2])
        for r in terminalreporter.stats.get("skipped", [])
        if isinstance(r.longrepr, tuple) and "/e2e/" in str(r.longrepr[0]).replace("\\", "/")
    }
    for reason in sorted(reasons):
        terminalreporter.write_line(f"note: browser tests skipped: {reason.removeprefix('Skipped: ')}", yellow=True)


WIRE = """(Meridian News) -- Dock workers at the port of Velm ended a nine-day strike on Sunday after the harbour \
authority agreed to a 6% pay rise, the union said.

The deal was reached late on Saturday, union leader Ada Okafor told reporters, citing a draft she had signed.

Shipping lines had diverted 40 vessels to other ports during the stoppage, according to the harbour authority.

©2025 Meridian News Service
"""

REPRINT = """Velm dock strike ends after nine days

Sign up now: Get our newsletters delivered to your inbox

FILE PHOTO: Cranes stand idle at the port of Velm, March 3, 2025. MERIDIAN/File Photo

Cranes at the port of Velm stood idle for more than a week.

PHOTO: MERIDIAN

Dock workers at the port of Velm ended a nine-day strike on March 9 after the harbour authority agreed to a 6% pay \
rise, the union said.

The deal was reached late on Saturday, union leader Ms Okafor told reporters, citing a draft she had signed.

Shipping lines had diverted 40 vessels to other

harbours on the coast

during the stoppage, according to the harbour authority.

Read more: Velm harbour authority names new chief

Share this article

Shipping lines expect the backlog to clear within a fortnight. Meridian News
"""

DATED = """Business

published : 2025-03-10

Velm port reopens as ships return

Ships began returning to the port of Velm on Monday, a day after a strike ended.

The first container vessel docked shortly after dawn, port officials said.
"""


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder with one article of every input kind."""
    d = tmp_path / "corpus"
    d.mkdir()
    (d / "wire.txt").write_text(WIRE, encoding="utf-8")
    (d / "reprint.txt").write_text(REPRINT, encoding="utf-8")
    (d / "dated.txt").write_text(DATED, encoding="utf-8")
    return d


def events_over_months(seed: int = 11) -> tuple[list[Article], dict[str, int]]:
    """Articles of 14 events spread over four months, three reports each over five days; the events
    dated 2031-01-28 and 2031-03-29 run across a 30-day window boundary."""
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(3))

    common = [word() for _ in range(150)]
    arts, gold = [], {}
    starts = [2, 9, 16, 23, 28, 36, 44, 52, 60, 67, 75, 82, 87, 100]
    for ev, start in enumerate(starts):
        topic = [word() for _ in range(10)]
        names = [word().capitalize() + " " + word().capitalize() for _ in range(2)]
        for k, lag in enumerate((0, 2, 5)):
            day = date(2031, 1, 1) + timedelta(days=start + lag)
            body = (
                f"{names[k % 2]} said "
                + " ".join(rng.sample(topic, 8) + rng.sample(common, 12))
                + f". {names[0]} agreed."
            )
            a = Article(
                id=f"e{ev}-{k}",
                title=f"{names[0]} " + " ".join(rng.sample(topic, 4)),
                text=body,
                published=day.isoformat(),
            )
            arts.append(a)
            gold[a.id] = ev
    return arts, gold
