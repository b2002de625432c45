"""Why two articles are or are not copies: the measures, the verdict, the reasons and the diff."""

from __future__ import annotations

from typing import Any

from ..model import Article
from .diff import diff_copy
from .origin import Candidate, choose_origin, removed_notes
from .overlap import Overlap
from .params import CopyParams
from .shingles import shingle_sets

_DIFF_FLOOR = 0.2


def explain(a: Article, b: Article, params: CopyParams | None = None) -> dict[str, Any]:
    """Similarity, containment both ways, verdict, reasons and (for related texts) the diff of a pair."""
    p = params or CopyParams()
    sa, sb = shingle_sets([a.text, b.text], p.shingle_size)
    ov = Overlap.of(sa, sb)
    copy = ov.is_copy(p)
    reasons = [
        f"{ov.shared} shared {p.shingle_size}-word shingles of {ov.size_a} ({a.id}) and {ov.size_b} ({b.id})",
        f"resemblance {ov.jaccard:.3f} {'>=' if ov.jaccard >= p.resemblance else '<'} {p.resemblance}",
        (
            f"{ov.a_in_b:.3f} of {a.id} is in {b.id}, {ov.b_in_a:.3f} of {b.id} is in {a.id} "
            f"({'>=' if max(ov.a_in_b, ov.b_in_a) >= p.containment else 'both <'} {p.containment})"
        ),
    ]
    if ov.shared < p.min_shared:
        reasons.append(f"fewer than {p.min_shared} shared shingles")
    out: dict[str, Any] = {
        "a": a.id,
        "b": b.id,
        "similarity": round(ov.jaccard, 4),
        "containment": {f"{a.id} in {b.id}": round(ov.a_in_b, 4), f"{b.id} in {a.id}": round(ov.b_in_a, 4)},
        "shared_shingles": ov.shared,
        "verdict": "copy" if copy else "not a copy",
        "origin": None,
        "relation": None,
        "reasons": reasons,
        "diff": None,
    }
    cands = [
        Candidate(x.id, s, x.published, x.source, tuple(x.credits), removed_notes(x.removed))
        for x, s in ((a, sa), (b, sb))
    ]
    if copy:
        origin, why = choose_origin(cands, texts={a.id: a.text, b.id: b.text}.get)
        rel = Overlap.of(origin.shingles, cands[1].shingles if origin.id == a.id else cands[0].shingles)
        out["origin"] = origin.id
        out["relation"] = rel.relation(p)
        out["reasons"].append(f"origin {origin.id}: " + ("; ".join(why) or "only candidate"))
    if copy or max(ov.a_in_b, ov.b_in_a) >= _DIFF_FLOOR:
        first, second = (a, b) if out["origin"] in (None, a.id) else (b, a)
        out["diff"] = diff_copy(second, first).to_dict()
    return out


def format_explanation(result: dict[str, Any]) -> str:
    """A terminal rendering of :func:`explain`'s result."""
    lines = [f"{result['a']} vs {result['b']}: {result['verdict'].upper()}"]
    if result["origin"]:
        copy_id = result["b"] if result["origin"] == result["a"] else result["a"]
        lines.append(f"  origin {result['origin']}; {copy_id} is {result['relation']}")
    lines.extend(f"  - {r}" for r in result["reasons"])
    diff = result["diff"]
    if diff:
        kinds = ", ".join(f"{k} {n}" for k, n in diff["kinds"].items()) or "none"
        lines.append(
            f"  diff of {diff['copy']} against {diff['origin']}: {diff['kept']} kept, {diff['edited']} edited, "
            f"{diff['added']} added, {diff['removed']} removed (edit kinds: {kinds})"
        )
        for e in diff["edits"]:
            tag = f"{e['kind']}" + (f" [{', '.join(e['kinds'])}]" if e["kinds"] else "")
            if e["kind"] == "edited":
                changes = "; ".join(f"{c['kind']}: {c['before']!r} -> {c['after']!r}" for c in e["changes"])
                lines.append(f"    ~ {tag}: {changes}")
            else:
                sign = "+" if e["kind"] == "added" else "-"
                text = e["copy"] if e["kind"] == "added" else e["origin"]
                lines.append(f"    {sign} {tag}: {text[:100]}")
    return "\n".join(lines)
