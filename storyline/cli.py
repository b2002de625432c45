"""The ``storyline`` command line."""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from concurrent.futures.process import BrokenProcessPool
from importlib.metadata import version
from itertools import islice
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import pipeline
from . import settings as run_settings
from .commands import COMMANDS, InputError, existing_store, missing_paths, output_path
from .engines import open_engine
from .helptext import HelpFormatter
from .ingest import list_inputs
from .progress import RunProgress
from .shards import write_shards
from .store import StoreError, open_store
from .store.postgres import redact

DEFAULT_DB = "storyline.db"
EXIT_CODES = "Exit codes: 0 done, 1 done with problems in the input reported, 2 bad use or missing input."


def _error(message: str) -> None:
    """One line on stderr, however long (a wrapped message reads as several)."""
    Console(stderr=True).print(f"[red]error[/] {message}", highlight=False, soft_wrap=True)


def settings_of(args: argparse.Namespace) -> run_settings.Settings:
    """The run's one :class:`~storyline.settings.Settings`: the ``--settings`` file, then each ``--set``, then
    the named flags over it; a bad value is a :class:`~storyline.settings.SettingsError` naming it."""
    base = run_settings.load(args.settings) if args.settings else run_settings.Settings()
    if args.set:
        base = run_settings.from_mapping(run_settings.assignments(args.set), base)
    if args.max_article_mb is not None and not args.max_article_mb > 0:
        raise run_settings.SettingsError(f"--max-article-mb must be above 0, not {args.max_article_mb}")
    if args.story_windows is not None:
        base = dataclasses.replace(
            base, stories=run_settings.story_params({"split_days": args.story_windows}, base.stories)
        )
    if (args.address or args.workers) and (args.engine or base.engine) != "ray":
        raise run_settings.SettingsError("--address and --workers need --engine ray")
    return dataclasses.replace(
        base,
        replace=args.replace,
        reread=args.reread,
        nlp=None if args.no_spacy else base.nlp,
        embed=args.embed or base.embed,
        engine=args.engine or base.engine,
        address=args.address or base.address,
        workers=args.workers if args.workers is not None else base.workers,
        max_article_bytes=int(args.max_article_mb * 1_000_000)
        if args.max_article_mb is not None
        else base.max_article_bytes,
    )


def _analyze(args: argparse.Namespace, console: Console) -> int:
    try:
        options = settings_of(args)
    except run_settings.SettingsError as exc:
        return _failed(exc)
    missing = missing_paths(args.paths)
    if missing:
        _error(f"no such file or folder: {', '.join(missing)}")
        return 2
    if not list_inputs(args.paths)[0]:
        _error(f"no input files under {', '.join(args.paths)}")
        return 2
    try:
        for path in (args.json, args.html):
            if path:
                output_path(path)
        if args.out:
            output_path(args.out, folder=True)
    except InputError as exc:
        return _failed(exc)
    if args.shard_size < 1:
        _error(f"--shard-size must be at least 1, got {args.shard_size}")
        return 2
    try:
        pipeline.wants_embeddings(options.embed)
        engine = (
            open_engine(options.engine, address=options.address, num_cpus=options.workers)
            if options.engine == "ray"
            else None
        )
    except (ImportError, ConnectionError) as exc:
        return _failed(exc)
    try:
        return _analyze_with(args, console, options, engine)
    finally:
        if engine is not None:
            engine.close()


def _analyze_with(args: argparse.Namespace, console: Console, options: run_settings.Settings, engine: Any) -> int:
    with open_store(args.db) as store:
        with RunProgress(console, disable=args.quiet) as bars:
            report = pipeline.ingest(
                args.paths,
                store,
                options,
                on_start=bars.on_start,
                on_file=bars.on_file,
                engine=engine,
                on_position=bars.on_position,
            )
            if not args.ingest_only:
                pipeline.run_analysis(
                    store,
                    on_stage=bars.on_stage,
                    on_progress=bars.on_progress,
                    rebuild=args.replace,
                    engine=engine,
                    settings=options,
                )
        counts = {k: store.count_results(k) for k in pipeline.RESULT_KINDS}
        doc = pipeline.analysis_json(store) if args.json or args.html else None
        if args.out:
            write_shards(store, Path(args.out), args.shard_size)
        stored = store.count_articles()
        first = [pipeline.article_json(a) for a in islice(store.iter_articles(), 50)]
        shown = {a["id"] for a in first}
        anchors = {} if args.quiet else {r["id"]: r for r in store.iter_results("anchors") if r.get("id") in shown}
    if args.json:
        Path(args.json).write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if args.html:
        from .web import render_report

        Path(args.html).write_text(render_report(doc), encoding="utf-8")
    if not args.quiet:
        _print_summary(console, report, first, stored, counts, args, options.embed, anchors)
    for e in report.errors:
        console.print(f"[yellow]warning[/] {e}", highlight=False, soft_wrap=True) if args.quiet else None
    if report.files == 0:
        _error(f"no input files under {', '.join(args.paths)}")
        return 2
    return 1 if report.errors else 0


def _serve(args: argparse.Namespace, console: Console) -> int:
    from .web import serve

    try:
        if not args.create:
            existing_store(args.db)
        serve(
            args.db,
            host=args.host,
            port=args.port,
            token=args.token or os.environ.get("STORYLINE_TOKEN"),
            insecure=args.insecure,
        )
    except (ValueError, InputError) as exc:
        return _failed(exc)
    return 0


def _print_summary(
    console: Console,
    report: pipeline.IngestReport,
    first: list[dict[str, Any]],
    stored: int,
    counts: dict[str, int],
    args: argparse.Namespace,
    embed: str = "auto",
    anchors: dict[str, dict[str, Any]] | None = None,
) -> None:
    console.print(
        f"[bold]storyline[/] read {report.files} file(s) ({report.files_skipped} already done), "
        f"{report.articles_read} article(s): {report.added} new, {report.unchanged} unchanged.",
        highlight=False,
    )
    console.print(f"store [cyan]{redact(args.db)}[/] holds {stored} article(s).", highlight=False, soft_wrap=True)
    console.print(summary_table(first, console.width, anchors))
    if stored > len(first):
        console.print(f"… and {stored - len(first)} more (see --json or --out)")
    for kind in pipeline.RESULT_KINDS:
        if counts.get(kind):
            console.print(f"{kind.replace('_', ' ')}: {counts[kind]}")
    if counts.get("claims") and not args.ingest_only:
        if pipeline.wants_embeddings(embed, stored):
            console.print("claims aligned by words, dates and meaning")
        elif embed == "auto":
            console.print(
                f"claims aligned by words and dates: over {pipeline.AUTO_EMBED_ARTICLES} articles the slow "
                "sentence encoder stays off unless --embed on (docs/sources.md)"
            )
        else:
            console.print("claims aligned by words and dates only (--embed off)")
    if report.errors:
        console.print(f"[yellow]{len(report.errors)} problem(s) with the input:[/]")
        for e in report.errors[:30]:
            console.print(f"  [yellow]•[/] {e}", highlight=False, soft_wrap=True)
        if len(report.errors) > 30:
            console.print(f"  … and {len(report.errors) - 30} more")
    if args.json:
        console.print(f"JSON written to [cyan]{args.json}[/]", soft_wrap=True)
    if args.html:
        console.print(f"HTML report written to [cyan]{args.html}[/] (opens with no network)", soft_wrap=True)
    if args.out:
        console.print(f"JSONL shards written to [cyan]{args.out}[/]", soft_wrap=True)


def shown_date(article: dict[str, Any], anchor: dict[str, Any] | None) -> str:
    """An article's date as the table shows it, to the day: its own when it gives the day, else the
    anchor date the analysis inferred (its copies, its text), marked with "≈"; "" when neither."""
    published = article.get("published") or ""
    if len(published) >= 10 or not (anchor and anchor.get("date")):
        return published[:10]
    return "≈" + str(anchor["date"])[:10]


def summary_table(
    articles: list[dict[str, Any]], width: int, anchors: dict[str, dict[str, Any]] | None = None
) -> Table:
    """The end-of-run table of stored articles, laid out for ``width`` columns. Ids are shown whole
    (folded over lines when the console is narrow) because they are what ``explain`` and the web
    pages take; sources and titles are cut to fit, dates shown to the day (inferred ones too)."""
    anchors = anchors or {}
    rows = [
        (
            a["id"],
            a["source"] or (f"via {', '.join(a['credits'])}" if a["credits"] else ""),
            shown_date(a, anchors.get(a["id"])),
            str(len(a["removed"])),
            a["title"] or "",
        )
        for a in articles
    ]
    longest = [max((len(r[i]) for r in rows), default=0) for i in range(5)]
    published, removed, padding = max(10, longest[2]), 7, 8
    rest = width - published - removed - padding
    source = min(22, max(6, longest[1]), max(8, rest // 4))
    rest -= source
    id_w = max(12, min(max(2, longest[0]), rest - min(max(5, longest[4]), 18)))
    title = max(5, min(max(5, longest[4]), rest - id_w))
    table = Table(
        header_style="bold",
        box=None,
        pad_edge=False,
        caption="removed: boilerplate lines cleaned out of the text (listed under \"removed\" in --json); "
        "≈: date inferred by the analysis (\"anchors\" in --json say how)",
        caption_justify="left",
    )
    table.add_column("id", overflow="fold", width=id_w)
    table.add_column("source", no_wrap=True, overflow="ellipsis", width=source)
    table.add_column("published", no_wrap=True, width=published)
    table.add_column("removed", justify="right", no_wrap=True, width=removed)
    table.add_column("title", no_wrap=True, overflow="ellipsis", width=title)
    unknown = Text("unknown", style="dim")
    for aid, src, pub, rem, ttl in rows:
        table.add_row(
            Text(aid),
            Text(src) if src else unknown,
            Text(pub) if pub else unknown,
            rem,
            Text(ttl) if ttl else Text("untitled", style="dim"),
        )
    return table


EVALUATIONS = {
    "cleaning": ("cleaning", "sentence retention and boilerplate removal on Article JSONL files"),
    "clusters": ("clusters", "BCubed, pairwise and ARI of stories against gold.story labels"),
    "dates": ("timex", "time expressions on TempEval-3 TimeML files"),
    "attribution": ("attribution", "source spans on PolNeAR brat files"),
    "claims": ("claims", "claim alignment: pair sets (AUC, F1) and ABCD-Link sentence links of the whole analysis"),
    "copies": ("copies", "copy pairs and origins on reprints planted from Article JSONL files"),
    "translations": ("translations", "translated-copy pairs against gold.story labels (MEANTIME)"),
    "real-origins": ("real_origins", "copy origins of real reprints against the earliest publication (a proxy)"),
}


def _evaluate(args: argparse.Namespace, console: Console) -> int:
    import importlib

    module = importlib.import_module(f"storyline.evaluate.{EVALUATIONS[args.what][0]}")
    try:
        return module.main(args.rest)
    except (OSError, ValueError) as exc:  # a missing or unreadable file, one that is not JSON, no labels to score
        return _failed(exc)


def _command(args: argparse.Namespace, console: Console) -> int:
    """Run a one-stage command of :data:`storyline.commands.COMMANDS`, its bad use as one line and exit code 2."""
    try:
        return COMMANDS[args.command][0](args.rest)
    except (InputError, OSError) as exc:  # OSError: an output that cannot be written after all (a full disk)
        return _failed(exc)


def _failed(exc: Exception) -> int:
    """An exception that ends a command as one error line (an OSError as file and reason), and exit code 2."""
    _error(_os_reason(exc) if isinstance(exc, OSError) else str(exc))
    return 2


def _os_reason(exc: OSError) -> str:
    """An OSError as one line: the file and the reason, without the errno."""
    return f"{exc.filename}: {exc.strerror}" if exc.filename and exc.strerror else str(exc)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of every subcommand."""
    parser = argparse.ArgumentParser(
        prog="storyline",
        description="Copies, stories, threads, sources and timelines in news corpora.",
        epilog=EXIT_CODES,
        formatter_class=HelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"storyline {version('storyline')}")
    sub = parser.add_subparsers(dest="command", required=True)
    a = sub.add_parser(
        "analyze",
        help="read articles, store them and run every analysis",
        formatter_class=HelpFormatter,
        description="Read articles, store them and run every analysis: copies, dates, stories and threads, "
        "sources and claims, timeline.",
        epilog=EXIT_CODES,
    )
    a.add_argument("paths", nargs="+", help="files or folders: text, JSONL, HTML, RSS/Atom, WARC (gzip allowed)")
    a.add_argument(
        "--db", default=DEFAULT_DB, help=f"store: a SQLite file or a postgresql:// URL (default {DEFAULT_DB})"
    )
    a.add_argument("--json", help="write the whole analysis as one JSON document to this file")
    a.add_argument("--out", help="write the analysis as sharded JSONL files into this folder")
    a.add_argument(
        "--shard-size", type=int, default=10_000, help="lines per shard file of each list with --out (default 10000)"
    )
    a.add_argument("--html", help="write a self-contained HTML report (opens with no network) to this file")
    a.add_argument(
        "--replace", action="store_true", help="overwrite stored articles whose id arrives with a different text"
    )
    a.add_argument("--reread", action="store_true", help="read files again even if an earlier run finished them")
    a.add_argument("--max-article-mb", type=float, help="largest single article or document accepted (default 5 MB)")
    a.add_argument("--ingest-only", action="store_true", help="read and store only; analyse on a later run")
    a.add_argument("--no-spacy", action="store_true", help="find attributions with rules only (faster, less accurate)")
    a.add_argument(
        "--embed",
        choices=["auto", "on", "off"],
        help="align claims by meaning too (multilingual-e5-small, installed with storyline; about 15 "
        "sentences a second): auto (default) for stores of up to 200 articles, on, off",
    )
    a.add_argument(
        "--engine",
        choices=["local", "ray"],
        help="where the per-file and per-article work runs: this process (default) or Ray workers",
    )
    a.add_argument(
        "--address", help="with --engine ray: the Ray cluster to join (HOST:PORT or 'auto'); default: start Ray locally"
    )
    a.add_argument(
        "--workers", type=int, help="with --engine ray and no --address: CPUs for the local Ray instance (default: all)"
    )
    a.add_argument(
        "--story-windows",
        type=int,
        metavar="DAYS",
        help="place stories in windows of DAYS days, in parallel with --engine ray, joined where they overlap "
        "(for corpora of many months; default 0: one pass in date order)",
    )
    a.add_argument(
        "--settings",
        metavar="FILE",
        help="copy and story parameters and run settings from a TOML or JSON file "
        "(tables [copies] and [stories]; docs/scale.md); flags override it",
    )
    a.add_argument(
        "--set",
        action="append",
        metavar="TABLE.NAME=VALUE",
        help="one parameter as the settings file names it, e.g. stories.threshold=0.2 or copies.resemblance=0.6 "
        "(repeatable; the value is read as JSON, else as text)",
    )
    a.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    a.set_defaults(func=_analyze, own_parser=a)
    s = sub.add_parser(
        "serve",
        help="web UI and HTTP API over a store",
        formatter_class=HelpFormatter,
        description="The web UI and HTTP API over a store (OpenAPI at /openapi.json, rendered at /docs).",
        epilog=EXIT_CODES,
    )
    s.add_argument(
        "--db", default=DEFAULT_DB, help=f"store: a SQLite file or a postgresql:// URL (default {DEFAULT_DB})"
    )
    s.add_argument("--host", default="127.0.0.1", help="address to bind (default: localhost only)")
    s.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    s.add_argument(
        "--create", action="store_true", help="start with an empty store when --db does not exist (to upload into)"
    )
    s.add_argument("--token", help="require this token on every request (shared server); or set STORYLINE_TOKEN")
    s.add_argument(
        "--insecure",
        action="store_true",
        help="allow --host beyond loopback without --token (anyone reaching it can add articles)",
    )
    s.set_defaults(func=_serve, own_parser=s)
    e = sub.add_parser(
        "evaluate",
        help="score storyline on labelled data",
        formatter_class=HelpFormatter,
        description="Score storyline on labelled data. WHAT is one of:\n\n"
        + "\n".join(f"  {k:<12} {v[1]}" for k, v in EVALUATIONS.items()),
        epilog="storyline evaluate WHAT --help shows the files each one takes.",
    )
    e.add_argument("what", choices=sorted(EVALUATIONS), metavar="WHAT", help="what to score (listed above)")
    e.add_argument("rest", nargs=argparse.REMAINDER, help="files or folders to score (see --help of each)")
    e.set_defaults(func=_evaluate, own_parser=e)
    for name, (_, help_text) in COMMANDS.items():
        t = sub.add_parser(name, help=help_text, add_help=False, formatter_class=HelpFormatter)
        t.add_argument("rest", nargs=argparse.REMAINDER)
        t.set_defaults(func=_command, own_parser=t)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``storyline`` program."""
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in COMMANDS:
        return _command(argparse.Namespace(command=argv[0], rest=argv[1:]), Console())
    if len(argv) > 1 and argv[0] == "evaluate" and argv[1] in EVALUATIONS:
        return _evaluate(argparse.Namespace(what=argv[1], rest=argv[2:]), Console())
    parser = build_parser()
    args, unknown = parser.parse_known_args(argv)
    if unknown:
        args.own_parser.error(f"unrecognized arguments: {' '.join(unknown)}")
    console = Console(stderr=False)
    try:
        return args.func(args, console)
    except (StoreError, OSError) as exc:  # OSError: an output that cannot be written after all (a full disk)
        return _failed(exc)
    except KeyboardInterrupt:
        Console(stderr=True).print("[red]interrupted[/]: what was committed stays in the store; run again to finish")
        return 130
    except BrokenProcessPool:
        _error(
            "a worker process died (killed, or out of memory): what was committed stays in the store; "
            "run again to finish (a settings file's `workers = 1` keeps the work in one process if memory is short)"
        )
        return 3


if __name__ == "__main__":
    sys.exit(main())
