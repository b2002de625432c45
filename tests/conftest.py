"""Shared fixtures: small articles written for these tests, and the seeds when they are beside the repo."""

from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEEDS = SHARED / "seeds"

WIRE = """(Meridian News) -- Dock workers at the port of Velm ended a nine-day strike on Sunday after the harbour authority agreed to a 6% pay rise, the union said.

The deal was reached late on Saturday, union leader Ada Okafor told reporters, citing a draft she had signed.

Shipping lines had diverted 40 vessels to other ports during the stoppage, according to the harbour authority.

©2025 Meridian News Service
"""

REPRINT = """Velm dock strike ends after nine days

Sign up now: Get our newsletters delivered to your inbox

FILE PHOTO: Cranes stand idle at the port of Velm, March 3, 2025. MERIDIAN/File Photo

Cranes at the port of Velm stood idle for more than a week.

PHOTO: MERIDIAN

Dock workers at the port of Velm ended a nine-day strike on March 9 after the harbour authority agreed to a 6% pay rise, the union said.

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
