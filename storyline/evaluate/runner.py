"""What every ``storyline evaluate`` subcommand's ``main()`` does the same way: its argument parser, the
one-line error with exit code 2 on bad use, the check that the named inputs exist, and the JSON file of
figures. One place, so the subcommands word their errors and help alike."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..helptext import HelpFormatter, plain

USAGE = 2


def parser(name: str, doc: str | None, first_paragraph: bool = False) -> argparse.ArgumentParser:
    """The parser of ``storyline evaluate NAME``, its description taken from ``doc`` (a module docstring,
    cut to its first paragraph when ``first_paragraph``)."""
    return argparse.ArgumentParser(
        prog=f"storyline evaluate {name}",
        description=plain(doc, first_paragraph=first_paragraph),
        formatter_class=HelpFormatter,
    )


def fail(message: str) -> int:
    """Print ``error: MESSAGE`` on stderr and give the bad-use exit code, for ``return fail(...)``."""
    print(f"error: {message}", file=sys.stderr)
    return USAGE


def missing(
    paths: Iterable[str | Path], what: str = "not a file", present: Callable[[Path], bool] = Path.is_file
) -> list[str]:
    """The paths that fail ``present``; when there are any, ``error: WHAT: a, b`` is printed on stderr, so
    the caller only returns 2."""
    absent = [str(p) for p in paths if not present(Path(p))]
    if absent:
        fail(f"{what}: {', '.join(absent)}")
    return absent


def write_json(path: str | Path, doc: Any) -> None:
    """Write ``doc`` as indented JSON with a final newline (the ``--json OUT`` file of figures)."""
    Path(path).write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
