"""Score cleaning on labelled Article JSONL: no body sentence lost, planted boilerplate removed.

The dev sets hold clean article bodies, so every sentence of each body must survive cleaning
(sentence retention). Boilerplate lines of the kinds scrapes carry are then planted between the
body's paragraphs, and the cleaner must remove them (boilerplate recall) while still keeping the
body (retention on the planted text).
"""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

from ..clean import clean_text
from .runner import USAGE, missing, parser

_SENT = re.compile(r"(?<=[.!?\"\u201d])\s+(?=[A-Z\u201c\"])|\n+")
PLANTED = [
    "Sign up now: Get our morning briefing delivered to your inbox",
    "FILE PHOTO: A view of the city centre at dusk, January 4, 2022. AGENCY/File Photo",
    "PHOTO: AFP",
    "Read more: Five things to know before the vote",
    "Share this article",
    "Follow us on Telegram for the latest updates",
    "Copyright 2022 The Daily Example. All rights reserved.",
    "© 2022 Example Media Ltd",
    "Published: 12 March 2022",
    "Advertisement",
    "Click here to subscribe to our newsletter",
    "A police officer stands guard outside the court building. (Taken with a Canon EOS R5)",
]


def sentences(text: str) -> list[str]:
    """Sentences of a clean body, whitespace-normalised."""
    return [" ".join(s.split()) for s in _SENT.split(text) if len(s.split()) >= 3]


def _kept(sents: list[str], cleaned: str) -> int:
    flat = " ".join(cleaned.split())
    return sum(1 for s in sents if s in flat)


def score_file(path: str | Path, seed: int = 13) -> dict[str, Any]:
    """Retention on the bodies as given, and removal and retention after planting boilerplate."""
    rng = random.Random(seed)
    n_art = n_sent = kept = whole = 0
    p_sent = p_kept = planted = planted_removed = 0
    lost: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            try:
                row = json.loads(line)
            except ValueError as exc:
                raise ValueError(f"{path}:{n}: not an Article JSONL line ({exc})") from None
            text = row.get("text") or ""
            sents = sentences(text)
            cleaned, _ = clean_text(text)
            k = _kept(sents, cleaned)
            n_art += 1
            n_sent += len(sents)
            kept += k
            whole += k == len(sents)
            if k < len(sents) and len(lost) < 5:
                lost.append(next(s for s in sents if s not in " ".join(cleaned.split()))[:120])
            paras = [p for p in re.split(r"\n\s*\n|\n", text) if p.strip()]
            plants = rng.sample(PLANTED, 3)
            for b in plants:
                paras.insert(rng.randrange(len(paras) + 1), b)
            cleaned_p, _ = clean_text("\n\n".join(paras))
            flat_p = "\n" + cleaned_p + "\n"
            planted += len(plants)
            planted_removed += sum(1 for b in plants if b not in flat_p)
            p_sent += len(sents)
            p_kept += _kept(sents, cleaned_p)
    return {
        "file": Path(path).name,
        "articles": n_art,
        "sentences": n_sent,
        "sentence_retention": kept / max(n_sent, 1),
        "articles_fully_kept": whole / max(n_art, 1),
        "planted_boilerplate_removed": planted_removed / max(planted, 1),
        "sentence_retention_with_boilerplate": p_kept / max(p_sent, 1),
        "examples_lost": lost,
    }


def main(argv: list[str] | None = None) -> int:
    """Print the cleaning scores of each file."""
    ap = parser("cleaning", __doc__)
    ap.add_argument("files", nargs="+", help="Article JSONL files of clean article bodies (id and text per line)")
    args = ap.parse_args(argv)
    if missing(args.files):
        return USAGE
    print(
        f"{'file':22} {'articles':>8} {'sentences':>9} {'kept':>8} {'art.whole':>9} {'bp.removed':>10} {'kept+bp':>8}"
    )
    for f in args.files:
        r = score_file(f)
        print(
            f"{r['file']:22} {r['articles']:8d} {r['sentences']:9d} {r['sentence_retention']:8.4f} "
            f"{r['articles_fully_kept']:9.4f} {r['planted_boilerplate_removed']:10.4f} "
            f"{r['sentence_retention_with_boilerplate']:8.4f}"
        )
        for s in r["examples_lost"]:
            print(f"    lost: {s}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
