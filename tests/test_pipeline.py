"""The whole pipeline end to end, on the seeds (when present) and on the bundled example corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEEDS

from storyline.cli import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _analyze(paths: list[str], tmp_path: Path, name: str) -> dict:
    out = tmp_path / f"{name}.json"
    assert main(["analyze", *paths, "--db", str(tmp_path / f"{name}.db"), "--json", str(out), "-q"]) == 0
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seeds_doc(tmp_path_factory) -> dict:
    if not SEEDS.is_dir():
        pytest.skip("shared seeds not present")
    return _analyze([str(SEEDS)], tmp_path_factory.mktemp("seeds"), "seeds")


@pytest.fixture(scope="module")
def examples_doc(tmp_path_factory) -> dict:
    return _analyze([str(EXAMPLES)], tmp_path_factory.mktemp("examples"), "examples")


def _sid(name: str) -> str:
    return next(p.stem for p in SEEDS.glob(f"{name}_*.txt"))


def test_seeds_copy_group_origin_and_diff(seeds_doc):
    [group] = seeds_doc["copy_groups"]
    assert group["origin"] == _sid("001")
    relations = {m["article_id"]: m["relation"] for m in group["members"]}
    assert relations == {_sid("001"): "origin", _sid("000"): "edited"}
    kinds = {k for e in group["diffs"][_sid("000")] for k in e["edits"]}
    assert {"spelling", "honorific", "date"} <= kinds


def test_seeds_two_stories_one_thread(seeds_doc):
    stories = sorted(sorted(s["article_ids"]) for s in seeds_doc["stories"])
    assert stories == [sorted([_sid("000"), _sid("001")]), [_sid("002")]]
    [thread] = seeds_doc["threads"]
    assert len(thread["story_ids"]) == 2 and all(s["thread"] == thread["id"] for s in seeds_doc["stories"])


def test_seeds_anchor_dates_carried_through_the_copy(seeds_doc):
    anchors = {a["id"]: a for a in seeds_doc["anchors"]}
    assert anchors[_sid("001")]["date"] == "2024-05-26" and "Sunday" in anchors[_sid("001")]["how"]
    assert anchors[_sid("000")]["date"] == "2024-05-26" and _sid("001") in anchors[_sid("000")]["how"]
    assert anchors[_sid("002")] == {"id": _sid("002"), "date": "2023-11-08", "how": "publication date"}


def test_seeds_timeline(seeds_doc):
    dates = {e["date"] for e in seeds_doc["timeline"]}
    assert {"2023-05", "2023-08", "2023-09-13", "2023-11", "2024-05-24", "2024-05-26"} <= dates
    yonhap = [e for e in seeds_doc["timeline"] if e["date"] == "2024-05-26"]
    assert yonhap and "Yonhap" in yonhap[0]["sources"]


def test_seeds_claims_count_independent_origins(seeds_doc):
    claims = seeds_doc["claims"]
    experts = next(c for c in claims if "Russian experts went to North Korea" in c["text"])
    assert sorted(experts["article_ids"]) == sorted([_sid("000"), _sid("001")])
    assert len(experts["origins"]) == 1 and "Yonhap" in experts["origins"][0]
    dispatched = next(c for c in claims if c["text"].startswith("Russia dispatched the experts"))
    assert dispatched["origins"] == ["Yonhap, citing an unnamed senior defense official"]
    assisting = next(c for c in claims if "reportedly been assisting" in c["text"])
    assert assisting["article_ids"] == [_sid("002")] and len(assisting["origins"]) == 1
    # The report names its source in the next sentence: the experts claim's chain runs on to it.
    assert [[s["kind"] for s in ch] for ch in experts["chains"]] == [["outlet", "agency", "unnamed"]]


def test_seeds_non_claims_are_left_out(seeds_doc):
    texts = " | ".join(c["text"] for c in seeds_doc["claims"])
    for gone in (
        "how many Russian experts have visited",
        "Expects North Korea to Make a 3rd Attempt",
        "This development raises concerns",
        "not immediately available for comment",
    ):
        assert gone not in texts


def test_seeds_quote_keeps_its_speaker_and_denials_contradict(seeds_doc):
    claims = {c["id"]: c for c in seeds_doc["claims"]}
    signs = next(c for c in claims.values() if c["text"].startswith("But there seem to be signs"))
    assert [s["name"] for s in signs["chains"][0]] == ["Kim Yung-ho"]
    denied = next(c for c in claims.values() if "denied the charges" in c["text"])
    assert denied["denies"] and {"Pyongyang and Moscow"} == {ch[-1]["name"] for ch in denied["chains"]}
    assert any("artillery shells" in claims[o]["text"] for o in denied["contradicts"])
    disputed = next(c for c in claims.values() if "disputed the allegations" in c["text"])
    assert any("supply of munitions" in claims[o]["text"] for o in disputed["contradicts"])
    for target in denied["contradicts"] + disputed["contradicts"]:
        assert not claims[target]["denies"]


def test_statement_offsets_point_into_the_given_text(seeds_doc):
    given = {p.stem: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}
    statements = [s for c in seeds_doc["claims"] for s in c["statements"]]
    assert len(statements) >= 20
    for s in statements:
        text = given[s["article_id"]]
        assert " ".join(text[s["start"] : s["end"]].split()) == " ".join(s["text"].split())


def test_examples_copies_stories_threads(examples_doc):
    [group] = examples_doc["copy_groups"]
    assert group["origin"] == "text/01_wire_meridian"
    assert {m["article_id"] for m in group["members"]} == {
        "text/01_wire_meridian",
        "text/02_reprint_northern_ledger",
        "text/03_reprint_brightwater_gazette",
        "html/eastport_chronicle_reprint",
    }
    story_of = {a: s["id"] for s in examples_doc["stories"] for a in s["article_ids"]}
    assert len({story_of[m["article_id"]] for m in group["members"]}) == 1, "copies of one text share a story"
    resign = {story_of[a] for a in ("j3_rki_dravec_resigns", "text/05_second_event_vantage_daily")}
    assert len(resign) == 1 and resign != {story_of["text/01_wire_meridian"]}
    thread_of = {s["id"]: s["thread"] for s in examples_doc["stories"]}
    assert thread_of[story_of["text/01_wire_meridian"]] == thread_of[resign.pop()] is not None
    for unrelated in ("j1_sport_amsel_rovers", "j2_court_eastport_clerk", "j4_business_nordvik_air"):
        assert thread_of[story_of[unrelated]] is None


def test_examples_contradiction_and_corroboration(examples_doc):
    claims = {c["id"]: c for c in examples_doc["claims"]}
    fourteen = next(c for c in claims.values() if "killing 14 people" in c["text"])
    # The later toll of 17 revises the 14 (an update, Claim.updated_by) or, reported for the same time, contradicts it.
    assert any(
        "Seventeen people died" in claims[o]["text"] or "17" in claims[o]["text"]
        for o in fourteen["contradicts"] + fourteen.get("updated_by", [])
    )
    resigned = next(c for c in claims.values() if "resigned" in c["text"] and "Dravec" in c["text"])
    assert len(resigned["origins"]) >= 2
    # "Meridian News, citing the ministry" and "Interior Ministry" are one source, not two.
    missing = next(c for c in claims.values() if c["text"].startswith("Another 23 people were missing"))
    assert missing["origins"] == ["Interior Ministry"]
    # The wire's "the ministry" is named as the body its article named before.
    wire = next(s for s in missing["statements"] if s["article_id"] == "text/01_wire_meridian")
    assert [link["name"] for link in wire["chain"]] == ["Meridian News", "Interior Ministry"]


def test_examples_html_report(tmp_path):
    report = tmp_path / "r.html"
    assert main(["analyze", str(EXAMPLES), "--db", str(tmp_path / "r.db"), "--html", str(report), "-q"]) == 0
    html = report.read_text(encoding="utf-8")
    assert "Karsovia" in html and "<svg" in html
    assert "<script src=" not in html and "<link rel=\"stylesheet\" href=" not in html, (
        "self-contained: nothing fetched"
    )


def test_stories_persist_and_grow_across_runs(tmp_path):
    from conftest import DATED, REPRINT, WIRE

    from storyline import pipeline
    from storyline.store import open_store

    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    (first / "reprint.txt").write_text(REPRINT, encoding="utf-8")
    (first / "dated.txt").write_text(DATED, encoding="utf-8")
    (second / "wire.txt").write_text(WIRE, encoding="utf-8")

    def story_of(results):
        return {aid: s["id"] for s in results["stories"] for aid in s["article_ids"]}

    with open_store(str(tmp_path / "grow.db")) as store:
        pipeline.ingest([str(first)], store)
        before = story_of(pipeline.run_stages(store, nlp=None))
        assert store.get_state("stories")
        pipeline.ingest([str(second)], store)
        results = pipeline.run_stages(store, nlp=None)
        after = story_of(results)
    reprint = next(a for a in before if "reprint" in a)
    wire = next(a for a in after if "wire" in a)
    assert after[reprint] == before[reprint]
    assert after[wire] == after[reprint]
    origin = next(g for g in results["copy_groups"] if wire in [m["article_id"] for m in g["members"]])
    assert origin["origin"] == wire
    assert all(after[a] == before[a] for a in before)
    with open_store(str(tmp_path / "grow.db")) as store:
        assert story_of(pipeline.run_stages(store, nlp=None)) == after


def test_analysis_reports_progress_of_its_long_parts(tmp_path):
    from storyline import pipeline
    from storyline.store import open_store

    seen: dict[str, list[tuple[int, int]]] = {}
    with open_store(str(tmp_path / "progress.db")) as store:
        pipeline.ingest([str(EXAMPLES)], store)
        pipeline.run_analysis(
            store, nlp=None, on_progress=lambda name, done, total: seen.setdefault(name, []).append((done, total))
        )
        articles = store.count_articles()
    assert set(seen) == {"stories", "articles"}
    placed, groups = seen["stories"][-1]
    assert placed == groups and 0 < groups <= articles
    assert seen["articles"][0] == (0, articles), "the bar starts at 0 with every article to analyse"
    assert seen["articles"][-1] == (articles, articles)


def test_rerun_reuses_copy_diffs_of_unchanged_copies(tmp_path, monkeypatch):
    from storyline import pipeline
    from storyline.steps import copies as steps_copies
    from storyline.store import open_store

    calls = []
    real = steps_copies.diff_copy
    monkeypatch.setattr(
        steps_copies, "diff_copy", lambda copy, origin, *rest: calls.append(copy.id) or real(copy, origin, *rest)
    )
    with open_store(str(tmp_path / "diffs.db")) as store:
        pipeline.ingest([str(EXAMPLES)], store)
        pipeline.run_analysis(store, nlp=None)
        first, computed = pipeline.analysis_json(store), len(calls)
        assert computed > 0
        pipeline.run_analysis(store, nlp=None)
        assert len(calls) == computed, "no copy is aligned again"
        assert pipeline.analysis_json(store)["copy_groups"] == first["copy_groups"]
        pipeline.run_analysis(store, nlp=None, rebuild=True)
        assert len(calls) == 2 * computed
        assert pipeline.analysis_json(store)["copy_groups"] == first["copy_groups"]


def test_photo_captions_date_events_without_their_label(examples_doc):
    captions = [e for e in examples_doc["timeline"] if e["sources"] == ["photo caption"]]
    assert any(e["date"] == "2022-08-02" and e["text"].startswith("A view of the Upper Lesna dam") for e in captions)
    assert not any(e["text"].upper().startswith(("FILE PHOTO", "PHOTO:")) for e in examples_doc["timeline"])


def test_every_step_reads_only_what_an_earlier_step_wrote():
    from storyline import pipeline

    written: set[str] = set()
    for step in pipeline.STEPS:
        assert set(step.reads) <= written, f"{step.name} reads {set(step.reads) - written} before any step writes it"
        assert not set(step.writes) & written, f"{step.name} overwrites what an earlier step wrote"
        written |= set(step.writes)
    assert pipeline.STEPS[-1].writes == ("counts",)


def test_run_steps_checks_reads_and_writes_and_drops_what_no_later_step_reads():
    from storyline.steps.base import Run, Step, run_steps

    seen: dict[str, list[str]] = {}

    def record(name, out):
        def fn(run, *values):
            seen[name] = sorted(run.values)
            return out

        return fn

    steps = [
        Step("a", (), ("x", "y"), record("a", {"x": 1, "y": 2}), stage="one"),
        Step("b", ("x",), ("z",), record("b", {"z": 3}), stage="one"),
        Step("c", ("y", "z"), ("done",), record("c", {"done": 4}), stage="two"),
    ]
    stages: list[str] = []
    run = run_steps(steps, Run(store=None, settings=None, engine=None), stages.append)  # type: ignore[arg-type]
    assert run.values == {"done": 4}
    assert seen["c"] == ["y", "z"], "x was dropped once b, its last reader, ran"
    assert stages == ["one", "two"]
    with pytest.raises(RuntimeError, match="reads x"):
        run_steps(steps[1:], Run(store=None, settings=None, engine=None))  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match="wrote"):
        run_steps([Step("a", (), ("x",), record("a", {"y": 1}))], Run(store=None, settings=None, engine=None))  # type: ignore[arg-type]
