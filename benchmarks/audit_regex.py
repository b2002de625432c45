"""Audit every module-level regex in storyline for super-linear time on hostile text.

Each compiled pattern is run (search and match) on inputs built by repeating short units
("A", "a ", "A-", "1 ", ...) with a character that breaks the match at the end, at two sizes;
a pattern whose time grows by more than ``--ratio`` when the input grows 4x, and takes over
``--floor`` seconds, is listed. Run: ``python benchmarks/audit_regex.py``.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import time

import regex

import storyline

UNITS = [
    "A",
    "a",
    "a ",
    "A ",
    "Aa ",
    "A-",
    "A.",
    "1",
    "1 ",
    " ",
    "-",
    ". ",
    "\n",
    "a\n",
    "A\n",
    "& ",
    "'",
    "(",
    "a,",
    "x:",
    "\u201c",
    "the ",
    "said ",
    "A B ",
    "1-",
    "12:",
    "<",
    "{",
    "\"",
    "\\",
    "|",
    "/",
    "ab",
]
ENDS = ["", "!", "\x00", " .", "\n"]


def patterns() -> list[tuple[str, re.Pattern[str]]]:
    """Every compiled str pattern bound at module level in the storyline package."""
    found = []
    for info in pkgutil.walk_packages(storyline.__path__, "storyline."):
        if info.name.endswith("__main__"):
            continue
        try:
            mod = importlib.import_module(info.name)
        except Exception:  # noqa: BLE001 - optional extras (ray, postgres) may be missing
            continue
        for name, value in vars(mod).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                found.append((f"{info.name}.{name}", value))
            elif isinstance(value, (list, tuple)):
                for i, item in enumerate(value):
                    rx = item[1] if isinstance(item, tuple) and len(item) == 2 else item
                    if isinstance(rx, re.Pattern) and isinstance(rx.pattern, str):
                        found.append((f"{info.name}.{name}[{i}]", rx))
    return found


def worst(rx: re.Pattern[str], n: int, timeout: float = 2.0) -> tuple[float, str]:
    """The slowest time of search+match over the hostile inputs of about ``n`` characters (inf past ``timeout``).

    Run through the ``regex`` package, whose timeout stops a runaway pattern, when it compiles there.
    """
    try:
        fast = regex.compile(rx.pattern, rx.flags & ~re.UNICODE)
    except Exception:  # noqa: BLE001 - a pattern only re understands runs without a timeout
        fast = None
    slow, which = 0.0, ""
    for unit in UNITS:
        for end in ENDS:
            text = unit * (n // len(unit)) + end
            t = time.perf_counter()
            try:
                if fast is not None:
                    fast.search(text, timeout=timeout)
                    fast.match(text, timeout=timeout)
                else:
                    rx.search(text)
                    rx.match(text)
            except TimeoutError:
                return float("inf"), f"{unit!r} x {n // len(unit)} + {end!r} (timed out)"
            dt = time.perf_counter() - t
            if dt > slow:
                slow, which = dt, f"{unit!r} x {n // len(unit)} + {end!r}"
    return slow, which


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", type=int, default=2000)
    ap.add_argument("--ratio", type=float, default=8.0)
    ap.add_argument("--floor", type=float, default=0.01)
    ap.add_argument("--only", default="", help="audit only patterns whose module name starts with this")
    ap.add_argument("--verbose", action="store_true", help="name each pattern before it is run")
    args = ap.parse_args()
    found = [(n, rx) for n, rx in patterns() if n.startswith(args.only)]
    bad = []
    for name, rx in found:
        if args.verbose:
            print(name, flush=True)
        small, _ = worst(rx, args.size)
        if small < args.floor / 16:
            continue
        big, which = worst(rx, args.size * 4)
        if big > args.floor and big / max(small, 1e-6) > args.ratio:
            bad.append((name, small, big, which))
    print(f"{len(found)} patterns audited; {len(bad)} super-linear")
    for name, small, big, which in bad:
        print(f"  {name}: {small * 1e3:.1f} ms at {args.size}, {big * 1e3:.1f} ms at {args.size * 4} ({which})")


if __name__ == "__main__":
    main()
