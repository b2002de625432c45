"""Origins of REAL copies: the copy stage over Article JSONL files whose reprints are real, scored against
the earliest publication.

The planted corpora (:mod:`.planted`) say how the origin rules read one generator's reprints; this reads
reprints that outlets made. The articles are cleaned as the pipeline cleans them and indexed with their
publication dates hidden (``published`` is set to None after cleaning, so neither the given date nor one
inferred from the text reaches the origin decision); the origin is then decided from credits and texts
only (:func:`storyline.copies.origin.decide_origin`).

**Reference (a proxy).** A copy group counts when its members are of one ``gold.story`` (a group across
stories is shared page furniture, a sign-in or subscription page, not a reprint), its earliest publication
day is one member's alone, and a later member is of another outlet (``source``, else the address's host).
That earliest member is taken as the origin. A member's day is the earlier of its given ``published`` and a
"Posted: <date>" or "Published: <date>" line in its raw text (a crawl's date is often a page's last update).
It is a proxy: days only (no times), a date that may still be an update rather than the first publication,
and an earlier page that may itself copy a story that a later page of its source holds (a wire whose own
page was crawled later). Same-day groups and groups of one outlet are counted, not scored.

Pairs are scored too: every two members of one story, of two outlets, published on different days; the
verdict of :func:`storyline.copies.direction.copy_direction` on their texts (with the credit notes the
cleaner removed) against their order in time. ``gold`` is read here only to keep groups of one story.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from ..clean import clean_article
from ..clean.metadata import parse_date
from ..copies import CopyIndex
from ..copies.direction import copy_direction
from ..copies.origin import Candidate, Tie, decide_origin
from ..model import Article, Removed
from .runner import USAGE, fail, missing, parser, write_json

PROMPTS = frozenset(
    {
        "newsletter prompt",
        "audio prompt",
        "developing-story note",
        "photo caption",
        "read-more link",
        "sharing prompt",
        "advertisement",
    }
)
"""Kinds of removed lines that are a page's prompts and captions (the furniture rule measured on planted
reprints: "newsletter prompts, photo captions")."""


@dataclass
class Real:
    """One article of a real file: the cleaned article (date hidden) and what only evaluation reads."""

    article: Article
    day: str | None
    outlet: str | None
    story: str | None


def outlet_of(row: dict[str, Any]) -> str | None:
    """The outlet of a row: its ``source`` (lower case, a leading "www." or "m." dropped), else its URL's host."""
    name = row.get("source") or ""
    if not name and row.get("url"):
        name = urlparse(str(row["url"])).netloc
    name = re.sub(r"^(?:www\d?|m|mobile|amp)\.", "", str(name).strip().lower())
    return name or None


_POSTED = re.compile(
    r"\b(?:Posted|Published)\s*(?:on|at)?\s*:?\s*(?:[A-Z][a-z]+day,?\s+)?(?P<date>[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4})"
)


def posted_day(raw: str) -> str | None:
    """The earliest day a raw text says it was posted or published ("Posted: Sunday, March 10, 2013 ..."): a
    page's date in a crawl is often that of its last update."""
    days = [
        d for m in _POSTED.finditer(raw) if (d := parse_date(m.group("date").replace(".", "").replace("Sept ", "Sep ")))
    ]
    return min(days)[:10] if days else None


def read_real(paths: Iterable[str | Path]) -> list[Real]:
    """The articles of Article JSONL files, cleaned as the pipeline cleans them, with ``published`` hidden."""
    out = []
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                row = json.loads(line)
                text = row.get("text") or ""
                art = Article(
                    str(row["id"]),
                    text,
                    title=row.get("title"),
                    url=row.get("url"),
                    source=row.get("source"),
                    published=row.get("published"),
                    language=row.get("language"),
                )
                art.raw_text = text
                art = clean_article(art)
                art.published = None
                art.inferred.pop("published", None)
                gold = row.get("gold") or {}
                days = [d for d in ((row.get("published") or "")[:10], posted_day(text)) if d]
                day = min(days) if days else None
                out.append(Real(art, day, outlet_of(row), gold.get("story")))
    return out


def furniture(removed: list[Removed], kinds: frozenset[str] | None = PROMPTS) -> list[str]:
    """The removed lines that count as page furniture for the furniture rule: of ``kinds`` (None: any removed
    line but a republisher's credit note, which the texts' rules read already)."""
    from ..copies.origin import removed_notes

    notes = set(removed_notes(removed))
    return [r.text for r in removed if r.text not in notes and (kinds is None or r.reason in kinds)]


def furniture_tie(lines: dict[str, list[str]]) -> Tie:
    """The furniture rule as a tie-break: the candidate whose raw text carried removed furniture (``lines``,
    by id), when the other carried none, is the copy."""

    def tie(a: Candidate, b: Candidate) -> tuple[int, str]:
        fa, fb = bool(lines.get(a.id)), bool(lines.get(b.id))
        if fa == fb:
            return 0, ""
        return (1 if fb else -1), "page furniture the other's raw text carried (prompts, captions)"

    return tie


RULES: dict[str, frozenset[str] | None] = {"furniture": PROMPTS, "furniture-any": None}
"""The furniture rules measured: ``furniture`` counts removed prompts and captions (:data:`PROMPTS`),
``furniture-any`` any removed line but a credit note (copyright lines, bylines, date lines too)."""


_OWNER_LINE = re.compile(
    r"(?:©|\(c\)|\bcopyright\b)\s*(?:\(c\)\s*)?(?:(?:19|20)\d\d\s*)?(?:by\s+)?(?P<who>[^.()\n]{2,60}?)"
    r"\s*(?:(?:19|20)\d\d)?\s*(?:[.(]|\s-\s|,|\ball rights\b|$)"
    r"|^\(?(?:courtesy(?: of)?|source)\s*:?\s+(?P<via>[A-Z][^.()\n]{1,60}?)\s*(?:[.()]|$)",
    re.I | re.M,
)
_SUFFIX = re.compile(r"(?:\d+|tv\d*|news\d*|actionnews\d*|\d+news)?")


def owners(raw: str) -> list[str]:
    """Outlets a raw text names as owning the story: a copyright line's holder ("Copyright 2017 WBTV. All rights
    reserved.", "Copyright 2016 by KSAT - All rights reserved.") or a "Courtesy of WKRN" / "(Source: ...)" line."""
    out: list[str] = []
    for m in _OWNER_LINE.finditer(raw):
        out.extend(x.strip() for x in re.split(r"©|\bcopyright\b", m.group("who") or m.group("via") or "") if x.strip())
    return out


def names_outlet(owner: str, outlet: str | None) -> bool:
    """Whether an owner's name is the outlet (a name or a web host): "WBTV" is wbtv.com, "WIS" wistv.com, "KFVS"
    kfvs12.com, "WAVE 3 News" wave3.com, "WMC Action News 5" wmcactionnews5.com, "Sun-Times Media Wire"
    homicides.suntimes.com (a call sign: three to five capitals, with a channel number, "tv" or "news" after it in
    the host)."""
    if not outlet or not owner:
        return False
    host = outlet.lower()
    labels = [x for x in re.split(r"[.\s]+", host) if x and x not in {"com", "org", "net", "tv", "www", "m"}]
    words = re.findall(r"[a-z0-9]+", owner.split("(")[0].lower())
    if not words or not labels:
        return False
    whole = "".join(words)
    if (
        whole in {"".join(labels), *labels}
        or (len(labels[-1]) >= 5 and whole.startswith(labels[-1]))
        or any(w + ".com" in owner.lower() and w in labels for w in words)
    ):
        return True
    sign = re.match(r"[A-Z]{3,5}\b", owner.strip())
    if not sign:
        return False
    key = sign.group().lower()
    return any(x.startswith(key) and _SUFFIX.fullmatch(x[len(key) :]) for x in labels)


def owner_tie(owned: dict[str, list[str]]) -> Tie:
    """The owner rule as a tie-break: where one version's raw text names the other's outlet as the story's owner
    (a copyright line, "Courtesy of ..."), and not its own, the other is the origin."""

    def tie(a: Candidate, b: Candidate) -> tuple[int, str]:
        a_names_b = any(names_outlet(o, b.source) for o in owned.get(a.id, ())) and not any(
            names_outlet(o, a.source) for o in owned.get(a.id, ())
        )
        b_names_a = any(names_outlet(o, a.source) for o in owned.get(b.id, ())) and not any(
            names_outlet(o, b.source) for o in owned.get(b.id, ())
        )
        if a_names_b == b_names_a:
            return 0, ""
        return (1 if b_names_a else -1), "the other names its outlet as the story's owner (a copyright line)"

    return tie


TIES = (*RULES, "owner")
"""The rules measured for the pairs the texts leave tied."""


def tie_rule(name: str, articles: Iterable[Article]) -> Tie:
    """One of :data:`TIES` over these articles (their removed lines and raw texts)."""
    if name == "owner":
        return owner_tie({a.id: owners(a.raw_text or a.text) for a in articles})
    return furniture_tie({a.id: furniture(a.removed, RULES[name]) for a in articles})


def _share(counts: Counter[str], n: int) -> dict[str, Any]:
    return {
        "n": n,
        "right": counts["right"],
        "undetermined": counts["undetermined"],
        "wrong": counts["wrong"],
        "right_share": round(counts["right"] / n, 4) if n else None,
        "undetermined_share": round(counts["undetermined"] / n, 4) if n else None,
        "wrong_share": round(counts["wrong"] / n, 4) if n else None,
    }


def evaluate(paths: list[str | Path], show: int = 0) -> dict[str, Any]:
    """Copy groups of the files' real articles, origins decided without dates, scored against the earliest
    publication (see the module docstring): groups and pairs, with the texts' rules alone and with each
    furniture rule added, and what furniture the real pairs' raw texts carried."""
    reals = read_real(paths)
    by_id = {r.article.id: r for r in reals}
    index = CopyIndex()
    index.add([r.article for r in reals])
    texts = {r.article.id: r.article.text for r in reals}
    row_of = {i: r for r, i in enumerate(index.ids)}
    body = {i: "\n\n".join((t, *index.candidate(row_of[i]).notes)) for i, t in texts.items() if i in row_of}
    lines = {name: {i: furniture(r.article.removed, kinds) for i, r in by_id.items()} for name, kinds in RULES.items()}
    rules: dict[str, Tie | None] = {"texts (shipped)": None}
    rules.update({name: tie_rule(name, [r.article for r in reals]) for name in TIES})

    kinds: Counter[str] = Counter()
    group_counts: dict[str, Counter[str]] = {name: Counter() for name in rules}
    pair_counts: dict[str, Counter[str]] = {name: Counter() for name in rules}
    same_day: dict[str, Counter[str]] = {name: Counter() for name in rules}
    tie_decided: list[dict[str, Any]] = []
    carried: Counter[str] = Counter()
    carried_all: Counter[str] = Counter()
    shown: list[dict[str, Any]] = []
    for rows in index.components():
        cands = [index.candidate(r) for r in rows]
        ids = [c.id for c in cands]
        if len({by_id[i].story for i in ids}) > 1:
            kinds["groups across stories (shared page furniture)"] += 1
            continue
        kinds["groups of one story"] += 1
        for a, b in combinations(sorted(ids), 2):
            ra, rb = by_id[a], by_id[b]
            if not ra.outlet or not rb.outlet or ra.outlet == rb.outlet:
                continue
            first, later = (a, b) if (ra.day or "") <= (rb.day or "") else (b, a)
            dated = bool(ra.day and rb.day and ra.day != rb.day)
            for name in RULES:
                who = (bool(lines[name][first]), bool(lines[name][later])) if dated else None
                if who is not None:
                    carried[f"{name}: earlier {'yes' if who[0] else 'no'}, later {'yes' if who[1] else 'no'}"] += 1
                both = (bool(lines[name][a]), bool(lines[name][b]))
                carried_all[f"{name}: {sum(both)} of 2 carry"] += 1
            score, _ = copy_direction(body[first], body[later])
            for name, tie in rules.items():
                s = score
                if not s and tie is not None:
                    s, _ = tie(next(c for c in cands if c.id == first), next(c for c in cands if c.id == later))
                if dated:
                    pair_counts[name]["right" if s > 0 else "wrong" if s < 0 else "undetermined"] += 1
                else:
                    same_day[name]["decided" if s else "undetermined"] += 1
                if s and not score:
                    named = first if s > 0 else later
                    tie_decided.append(
                        {
                            "rule": name,
                            "pair": f"{ra.outlet} / {rb.outlet}",
                            "same day": not dated,
                            "origin": by_id[named].outlet,
                        }
                    )
        times = sorted((by_id[i].day or "", i) for i in ids if by_id[i].day)
        if len(times) < 2:
            kinds["one story: fewer than two dated members"] += 1
            continue
        if times[0][0] == times[1][0]:
            kinds["one story: earliest day shared (same-day copies)"] += 1
            continue
        origin = times[0][1]
        if not any(by_id[i].outlet and by_id[i].outlet != by_id[origin].outlet for _, i in times[1:]):
            kinds["one story: later members of the same outlet only"] += 1
            continue
        kinds["scored: earliest member alone, a later one of another outlet"] += 1
        verdicts = {}
        for name, tie in rules.items():
            choice = decide_origin(cands, texts=texts.get, tie=tie)
            verdict = "undetermined" if choice.undetermined else "right" if choice.origin.id == origin else "wrong"
            group_counts[name][verdict] += 1
            verdicts[name] = (verdict, choice.evidence)
        if len(shown) < show:
            shown.append(
                {
                    "earliest": origin,
                    "members": {
                        i: {
                            "day": by_id[i].day,
                            "outlet": by_id[i].outlet,
                            "removed": [f"{r.reason}: {r.text[:70]}" for r in by_id[i].article.removed],
                        }
                        for i in sorted(ids)
                    },
                    "verdicts": verdicts,
                }
            )
    out: dict[str, Any] = {
        "files": [Path(p).name for p in paths],
        "articles": len(reals),
        "reference": "earliest publication day (a proxy; dates hidden from the decision)",
        "groups": dict(kinds),
        "scored_groups": {name: _share(c, sum(c.values())) for name, c in group_counts.items()},
        "scored_pairs": {name: _share(c, sum(c.values())) for name, c in pair_counts.items()},
        "same_day_pairs_decided": {name: dict(c) for name, c in same_day.items()},
        "pairs_decided_by_a_tie_rule": tie_decided,
        "furniture_of_dated_pairs": dict(sorted(carried.items())),
        "furniture_of_all_cross_outlet_pairs": dict(sorted(carried_all.items())),
    }
    if show:
        out["shown"] = shown
    return out


def main(argv: list[str] | None = None) -> int:
    """Print the real-copy origin scores of the files as JSON; ``--json`` writes them."""
    ap = parser("real-origins", __doc__)
    ap.add_argument("files", nargs="+", help="Article JSONL files with published, source or url, gold.story")
    ap.add_argument("--show", type=int, default=0, help="list this many scored groups in full")
    ap.add_argument("--json", metavar="OUT", help="write the result to this file")
    args = ap.parse_args(argv)
    if missing(args.files):
        return USAGE
    try:
        result = evaluate(args.files, args.show)
    except (ValueError, KeyError) as exc:
        return fail(str(exc))
    print(json.dumps(result, indent=2))
    if args.json:
        write_json(args.json, result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
