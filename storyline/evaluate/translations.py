"""Score translated copies against the ``gold.story`` labels of an Article JSONL file.

The versions of one article in several languages share ``gold.story`` (MEANTIME: English Wikinews
articles with their Spanish, Italian and Dutch translations). The copy stage runs over the file's
articles as the pipeline runs it (texts cleaned, languages as the file gives them, or told from
the text with ``--detect``); a translated-copy pair is two articles of one copy group in different
languages. Reported: their precision, recall and F1 against the pairs of one story in different
languages, and every pair and article that a group joins across stories (which must be none).
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path
from typing import Any

from ..clean import clean_text
from ..languages import language_of
from ..model import Article, CopyGroup
from .copies import pair_scores
from .planted import read_rows
from .runner import USAGE, fail, missing, parser, write_json


def articles_of(rows: list[dict], detect: bool = False) -> list[Article]:
    """The rows as the pipeline reads them: cleaned text, publication date, source and language (dropped with
    ``detect``, so the copy stage tells it from the text); ``gold`` is not passed on."""
    return [
        Article(
            str(r["id"]),
            clean_text(r.get("text") or "")[0],
            published=r.get("published"),
            source=r.get("source"),
            language=None if detect else r.get("language"),
        )
        for r in rows
    ]


def score_translations(
    groups: list[CopyGroup], story: dict[str, str], language: dict[str, str | None]
) -> dict[str, Any]:
    """Translated-copy pair scores of copy groups against the stories (two articles whose languages are known and
    differ), and what the groups join across stories."""
    ids = sorted(story)

    def translated(a: str, b: str) -> bool:
        return language[a] is not None and language[b] is not None and language[a] != language[b]

    true = {(a, b) for a, b in combinations(ids, 2) if story[a] == story[b] and translated(a, b)}
    found: set[tuple[str, str]] = set()
    across: set[tuple[str, str]] = set()
    same_language = 0
    for g in groups:
        for a, b in combinations(sorted(g.article_ids), 2):
            if story[a] != story[b]:
                across.add((a, b))
            if translated(a, b):
                found.add((a, b))
            elif language[a] == language[b]:
                same_language += story[a] == story[b]
    return {
        "translated": pair_scores(found, true),
        "pairs_across_stories": len(across),
        "articles_paired_across_stories": len({x for p in across for x in p}),
        "same_language_pairs_of_one_story": same_language,
        "missed": sorted(true - found),
        "across": sorted(across),
    }


def evaluate(rows: list[dict], detect: bool = False) -> dict[str, Any]:
    """Copy groups of the rows' articles (the pipeline's copy step) scored by :func:`score_translations`;
    a row's language is the one the file gives, else the one told from its text (None when unclear)."""
    from ..steps.copies import copy_groups_of

    if not rows:
        raise ValueError("no articles to score")
    unlabelled = [str(r.get("id")) for r in rows if "story" not in (r.get("gold") or {})]
    if unlabelled:
        raise ValueError(f"{len(unlabelled)} articles have no gold.story label (first: {unlabelled[0]})")
    articles = articles_of(rows, detect)
    story = {str(r["id"]): str(r["gold"]["story"]) for r in rows}
    language = {a.id: r.get("language") or language_of(a.text) for a, r in zip(articles, rows)}
    result = score_translations(copy_groups_of(articles), story, language)
    result["articles"] = len(rows)
    result["languages"] = "detected" if detect else "as given"
    return result


def main(argv: list[str] | None = None) -> int:
    """Print translated-copy pair scores of each file; ``--json`` writes them with the missed pairs."""
    ap = parser("translations", __doc__)
    ap.add_argument("files", nargs="+", help="Article JSONL files with gold.story labels (and language)")
    ap.add_argument(
        "--detect", action="store_true", help="tell languages from the texts instead of the files' language field"
    )
    ap.add_argument("--json", metavar="OUT", help="write the scores, the missed pairs included, to this file")
    args = ap.parse_args(argv)
    if missing(args.files):
        return USAGE
    try:
        results = {Path(f).name: evaluate(read_rows(f), args.detect) for f in args.files}
    except (ValueError, KeyError) as exc:
        return fail(str(exc))
    print(f"{'file':24} {'articles':>8} {'pairs':>6} {'found':>6} {'P':>7} {'R':>7} {'F1':>7} {'across stories':>14}")
    for name, r in results.items():
        t = r["translated"]
        print(
            f"{name:24} {r['articles']:8d} {t['pairs']:6d} {t['found']:6d} {t['precision']:7.4f} {t['recall']:7.4f} "
            f"{t['f1']:7.4f} {r['pairs_across_stories']:14d}"
        )
    if args.json:
        write_json(args.json, results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
