"""The one-stage commands: ``copies``, ``explain``, ``cluster`` and ``dates`` over input files or a store."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from . import pipeline
from .copies import explain, format_explanation, write_copies_jsonl
from .helptext import HelpFormatter, plain
from .model import Article, ReadError
from .settings import Settings, SettingsError
from .settings import load as load_settings
from .sources import sources_jsonl
from .store import open_store
from .stories import cluster_stories
from .stories.output import cluster_rows
from .timeline import date_records


class InputError(Exception):
    """Bad use of a command: an input or store that does not exist, or nothing to read (exit code 2)."""


def missing_paths(paths: Iterable[str]) -> list[str]:
    """The paths that name no file or folder."""
    return [p for p in paths if not Path(p).exists()]


def existing_store(db: str) -> str:
    """``db`` when it names a store that exists (a PostgreSQL address is taken as given), else InputError:
    commands that only read a store must not create an empty one on a typo."""
    if "://" not in db and not Path(db).is_file():
        raise InputError(
            f"no store at {db} (run `storyline analyze ... --db {db}` first; `serve --create` starts an empty one)"
        )
    return db


def output_path(path: str, folder: bool = False) -> str:
    """``path`` when a result can be written there (its folder exists; it is not a folder, or, with
    ``folder``, not a file), else InputError: checked before a long run, not after it."""
    p = Path(path)
    if folder:
        if p.exists() and not p.is_dir():
            raise InputError(f"{path} is a file, not a folder to write into")
        return path
    if p.is_dir():
        raise InputError(f"{path} is a folder, not a file to write")
    if not p.parent.is_dir():
        raise InputError(f"cannot write {path}: no folder {p.parent}")
    return path


def _read(paths: list[str]) -> list[Article]:
    missing = missing_paths(paths)
    if missing:
        raise InputError(f"no such file or folder: {', '.join(missing)}")
    articles, errors = pipeline.read_articles(paths)
    _warn(errors)
    if not articles:
        raise InputError(f"no article could be read from {', '.join(paths)}" + (" (problems above)" if errors else ""))
    return articles


def _warn(errors: Iterable[ReadError]) -> None:
    for e in errors:
        print(f"warning: {e}", file=sys.stderr)


def _write(rows: Iterable[dict[str, Any]], path: str) -> int:
    n = 0
    with open(path, "w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
            n += 1
    return n


SETTINGS_HELP = "copy and story parameters from a TOML or JSON file, as `storyline analyze --settings` reads it"


def _settings(args: argparse.Namespace) -> Settings:
    """The ``--settings`` file's settings (the shipped ones without it); a bad file is bad use."""
    try:
        return load_settings(args.settings) if args.settings else Settings()
    except SettingsError as exc:
        raise InputError(str(exc)) from None


def _io_args(name: str, doc: str | None, argv: list[str], settings: bool = False) -> argparse.Namespace:
    """Arguments of a one-stage command that reads inputs and writes one JSONL file."""
    ap = argparse.ArgumentParser(prog=f"storyline {name}", description=plain(doc), formatter_class=HelpFormatter)
    ap.add_argument("inputs", nargs="+", help="files or folders of any input kind")
    ap.add_argument("-o", "--output", required=True, help="JSONL file to write")
    if settings:
        ap.add_argument("--settings", metavar="FILE", help=SETTINGS_HELP)
    args = ap.parse_args(argv)
    output_path(args.output)
    return args


def copies(argv: list[str]) -> int:
    """``storyline copies IN... -o OUT.jsonl [--settings FILE]``: each article's copy group, origin, relation
    and similarity."""
    args = _io_args("copies", copies.__doc__, argv, settings=True)
    params = _settings(args).copies
    articles = _read(args.inputs)
    groups = pipeline.copy_groups_of(articles, params)
    n = write_copies_jsonl([a.id for a in articles], groups, args.output)
    print(f"{n} articles, {len(groups)} copy groups -> {args.output}")
    return 0


def explain_pair(argv: list[str]) -> int:
    """``storyline explain ID_A ID_B [--db FILE]``: why two stored articles are or are not copies."""
    ap = argparse.ArgumentParser(
        prog="storyline explain", description=plain(explain_pair.__doc__), formatter_class=HelpFormatter
    )
    ap.add_argument(
        "a", metavar="ID_A", help="id of a stored article (as the analyze summary, --json or the web pages show it)"
    )
    ap.add_argument("b", metavar="ID_B", help="id of the other article")
    ap.add_argument(
        "--db",
        default="storyline.db",
        help="store the articles are in: a SQLite file or a postgresql:// URL (default storyline.db)",
    )
    ap.add_argument("--json", action="store_true", help="print the explanation as JSON")
    args = ap.parse_args(argv)
    with open_store(existing_store(args.db)) as store:
        found = {i: store.get_article(i) for i in (args.a, args.b)}
    missing = [i for i, a in found.items() if a is None]
    if missing:
        print(f"error: not in {args.db}: {', '.join(missing)}", file=sys.stderr)
        return 2
    a, b = found[args.a], found[args.b]
    assert a is not None and b is not None
    result = explain(a, b)
    print(json.dumps(result, ensure_ascii=False, indent=2, default=str) if args.json else format_explanation(result))
    return 0


def cluster(argv: list[str]) -> int:
    """``storyline cluster IN... -o OUT.jsonl [--encoder off|auto|on] [--settings FILE]``: each article's
    story, thread and copy group (the path ``storyline evaluate clusters`` scores)."""
    ap = argparse.ArgumentParser(
        prog="storyline cluster", description=plain(cluster.__doc__), formatter_class=HelpFormatter
    )
    ap.add_argument("inputs", nargs="+", help="files or folders of any input kind")
    ap.add_argument("-o", "--output", required=True, help="JSONL file to write")
    ap.add_argument(
        "--encoder",
        choices=("auto", "on", "off"),
        default="off",
        help="compare headlines with the sentence encoder too"
        " (auto: when installed; off by default, see docs/stories.md)",
    )
    ap.add_argument("--settings", metavar="FILE", help=SETTINGS_HELP)
    args = ap.parse_args(argv)
    output_path(args.output)
    settings = _settings(args)
    articles = _read(args.inputs)
    dated, groups, group_of = pipeline.story_inputs(articles, settings.copies)
    shipped = Settings().story_params().to_dict()
    changed = {k: v for k, v in settings.story_params().to_dict().items() if v != shipped[k]}
    stories = cluster_stories(
        dated,
        copy_group_of=group_of,
        embedder=pipeline.story_embedder(args.encoder),
        **{k: getattr(settings.stories, k) for k in changed},
    )
    threads = pipeline.linked_threads(stories, {a.id: a for a in dated}, params=settings.stories)
    n = _write(cluster_rows(stories, groups), args.output)
    print(f"{n} articles, {len(stories)} stories, {len(threads)} threads -> {args.output}")
    return 0


def dates(argv: list[str]) -> int:
    """``storyline dates IN... -o OUT.jsonl``: each article's time expressions with normalised values."""
    args = _io_args("dates", dates.__doc__, argv)
    articles = _read(args.inputs)
    _, anchors = pipeline.date_articles(articles, pipeline.copy_groups_of(articles))
    n = _write(date_records(articles, {aid: d for aid, (d, _) in anchors.items()}), args.output)
    print(f"{n} articles -> {args.output}")
    return 0


def sources(argv: list[str]) -> int:
    """``storyline sources IN... -o OUT.jsonl [--rules] [--reported-only]``: each article's attributions
    with their source chains; offsets point into the text as given."""
    ap = argparse.ArgumentParser(
        prog="storyline sources", description=plain(sources.__doc__), formatter_class=HelpFormatter
    )
    ap.add_argument("inputs", nargs="+", help="files or folders of any input kind")
    ap.add_argument("-o", "--output", required=True, help="JSONL file to write")
    ap.add_argument("--rules", action="store_true", help="use the rule-based path even when spaCy is installed")
    ap.add_argument("--reported-only", action="store_true", help="leave out sentences with no reporting cue")
    args = ap.parse_args(argv)
    output_path(args.output)
    articles = _read(args.inputs)
    n = sources_jsonl(articles, args.output, rules=args.rules, all_sentences=not args.reported_only)
    print(f"{n} articles -> {args.output}")
    return 0


def match_claims(argv: list[str]) -> int:
    """``storyline match-claims PAIRS.jsonl -o OUT.jsonl``: for each ``{"id", "a", "b"}`` line,
    ``{"id", "same", "score"}``, decided as the analysis decides for two undated statements."""
    from .sources.match import main

    return main(argv)


COMMANDS = {
    "copies": (copies, "copy groups of the input: IN... -o OUT.jsonl"),
    "explain": (explain_pair, "why two stored articles are or are not copies, with the diff"),
    "cluster": (cluster, "stories and threads of the input: IN... -o OUT.jsonl"),
    "dates": (dates, "normalised time expressions of the input: IN... -o OUT.jsonl"),
    "sources": (sources, "attributions (source chains) of each article: IN... -o OUT.jsonl"),
    "match-claims": (match_claims, "whether two statements state one claim: PAIRS.jsonl -o OUT.jsonl"),
}
