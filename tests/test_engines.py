"""Engines: the Ray engine gives the same store and the same analysis as the local one."""

from __future__ import annotations

import functools
import gc
import json
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import WIRE, events_over_months

from storyline import pipeline
from storyline.engines import LocalEngine, map_chunks, open_engine
from storyline.model import Article
from storyline.steps import base as steps_base
from storyline.steps import sources as steps_sources
from storyline.steps import stories as steps_stories
from storyline.steps import threads as steps_threads
from storyline.steps.stored import stored_articles
from storyline.store import StoreError, open_store
from storyline.stories import StoryClusterer
from storyline.timeline import find_times

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def _double_all(xs: list[int]) -> list[int]:
    return [2 * x for x in xs]


def test_map_chunks_keeps_order_across_chunks():
    assert map_chunks(LocalEngine(), _double_all, list(range(11)), 3) == [2 * x for x in range(11)]


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown engine"):
        open_engine("spark")


@pytest.fixture(scope="module")
def ray_engine():
    """One local Ray instance with two workers for the module, shut down at the end."""
    pytest.importorskip("ray")
    engine = open_engine("ray", num_cpus=2)
    yield engine
    engine.close()


def test_ray_imap_is_ordered(ray_engine):
    texts = [f"The vote was on March {day}, 2031." for day in range(1, 10)]
    got = list(ray_engine.imap(functools.partial(find_times, anchor=None), texts))
    assert [m[0].value for m in got] == [f"2031-03-{day:02d}" for day in range(1, 10)]


def test_story_windows_on_ray_match_windows_in_process(ray_engine):
    arts, _ = events_over_months()
    here, there = StoryClusterer(split_days=30), StoryClusterer(split_days=30)
    here.add(arts)
    there.add(arts, imap=ray_engine.imap)
    assert [(s.id, s.article_ids, s.start, s.end) for s in here.stories()] == [
        (s.id, s.article_ids, s.start, s.end) for s in there.stories()
    ]
    assert here.to_bytes() == there.to_bytes()


def _analyse(db: Path, engine, nlp="default") -> tuple[dict, pipeline.IngestReport, list[str]]:
    done: list[str] = []
    with open_store(str(db)) as store:
        report = pipeline.ingest([str(EXAMPLES)], store, on_file=lambda f: done.append(f.path), engine=engine)
        pipeline.run_stages(store, nlp=nlp, engine=engine)
        return pipeline.analysis_json(store), report, done


def test_ray_analysis_matches_local(ray_engine, tmp_path):
    local, local_report, local_done = _analyse(tmp_path / "local.db", None)
    remote, ray_report, ray_done = _analyse(tmp_path / "ray.db", ray_engine)
    assert len(local["articles"]) > 5 and local["copy_groups"] and local["claims"] and local["timeline"]
    assert local["articles"] == remote["articles"]
    for kind in pipeline.RESULT_KINDS:
        assert local[kind] == remote[kind], kind
    assert ray_report == local_report
    assert ray_done == local_done


def test_cli_ray_engine_writes_the_same_json(ray_engine, tmp_path):
    from storyline.cli import main

    outs = []
    for engine in ("local", "ray"):
        out = tmp_path / f"{engine}.json"
        args = [
            "analyze",
            str(EXAMPLES),
            "--db",
            str(tmp_path / f"{engine}.db"),
            "--json",
            str(out),
            "--quiet",
            "--no-spacy",
        ]
        assert main(args + (["--engine", "ray"] if engine == "ray" else [])) == 0
        outs.append(json.loads(out.read_text(encoding="utf-8")))
    assert outs[0] == outs[1]


def test_address_without_ray_engine_is_refused(tmp_path, capsys):
    from storyline.cli import main

    assert main(["analyze", str(EXAMPLES), "--db", str(tmp_path / "x.db"), "--address", "auto"]) == 2
    assert "--engine ray" in capsys.readouterr().err


def test_ray_skips_done_files_and_reports_conflicts(ray_engine, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "port.txt").write_text(WIRE, encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    with open_store(str(tmp_path / "s.db")) as store:
        first = pipeline.ingest([str(corpus), str(tmp_path / "missing")], store, engine=ray_engine)
        assert (first.files, first.added, first.files_skipped) == (2, 1, 0)
        assert sorted(Path(e.path).name for e in first.errors) == ["empty.txt", "missing"]
        again = pipeline.ingest([str(corpus)], store, engine=ray_engine)
        assert (again.files_skipped, again.added, again.articles_read) == (2, 0, 0)
        (corpus / "port.txt").write_text(WIRE.replace("nine-day", "ten-day"), encoding="utf-8")
        changed = pipeline.ingest([str(corpus)], store, engine=ray_engine)
        assert (changed.files_skipped, changed.added, changed.unchanged) == (1, 0, 0)
        assert [Path(e.path).name for e in changed.errors] == ["port.txt"]


def test_engine_paths_in_small_chunks_match_the_plain_path(tmp_path, monkeypatch):
    """Every engine code path (sketch chunks, counts, thread features, attribution and time chunks,
    claims by scope batch) run in chunks of three gives the plain path's results."""
    plain, _, _ = _analyse(tmp_path / "plain.db", None, nlp=None)
    monkeypatch.setattr(steps_base, "CHUNK", 3)
    chunked, _, _ = _analyse(tmp_path / "chunked.db", LocalEngine(), nlp=None)
    assert len({c["story"] for c in plain["claims"]}) > 3
    for kind in pipeline.RESULT_KINDS:
        assert chunked[kind] == plain[kind], kind


def _articles_alive() -> int:
    gc.collect()
    return sum(isinstance(o, Article) for o in gc.get_objects())


class _WorkersHere:
    """An engine whose tasks run in this process but are treated as another process's (as Ray's or local
    worker processes' are), recording the scope batches sent and how many articles the driver holds then."""

    name, in_process, sees_local_files = "here", False, True

    def __init__(self) -> None:
        self.batches: list[steps_sources.ScopeBatch] = []
        self.windows: list[steps_stories.StoredWindow] = []
        self.held: list[int] = []

    def imap(self, fn, items):
        for item in items:
            if isinstance(item, steps_stories.StoredWindow):
                self.windows.append(item)
            if isinstance(item, steps_sources.ScopeBatch):
                self.held.append(_articles_alive())
                self.batches.append(item)
            yield fn(item)

    def workers_for(self, tasks: int, least: int) -> None:
        return None

    def close(self) -> None:
        pass


def test_scope_batches_travel_as_ids_and_the_driver_holds_no_article_meanwhile(tmp_path, monkeypatch):
    """With workers in other processes and a store they can open, each scope batch carries article ids and the
    store's address, the worker reads the articles itself, and the driver holds no article (text or not) while
    the batches run; the results are those of the plain path, where batches carry the articles."""
    monkeypatch.setattr(steps_base, "CHUNK", 3)
    plain, _, _ = _analyse(tmp_path / "plain.db", None, nlp=None)
    engine, before = _WorkersHere(), _articles_alive()
    got, _, _ = _analyse(tmp_path / "ids.db", engine, nlp=None)
    assert len(engine.batches) > 1
    assert all(b.articles == [] and b.ids and b.store == str((tmp_path / "ids.db").resolve()) for b in engine.batches)
    assert engine.held and max(engine.held) <= before
    for kind in pipeline.RESULT_KINDS:
        assert got[kind] == plain[kind], kind


def test_a_killed_run_whose_batches_travel_as_ids_resumes(tmp_path, monkeypatch):
    """Batches that travel as ids are kept as they arrive like any others: a run killed after two of them
    resumes at the third and ends with the results of an unbroken run."""
    monkeypatch.setattr(steps_base, "CHUNK", 2)
    clean, _, _ = _analyse(tmp_path / "clean.db", None, nlp=None)
    real, analysed = steps_sources.analyse_scopes, []

    def killed(batch, **kw):
        if kill_at and len(analysed) == kill_at:
            raise KeyboardInterrupt
        analysed.append(batch.ids)
        return real(batch, **kw)

    monkeypatch.setattr(steps_sources, "analyse_scopes", killed)
    kill_at = 2
    with open_store(str(tmp_path / "killed.db")) as store:
        pipeline.ingest([str(EXAMPLES)], store)
        with pytest.raises(KeyboardInterrupt):
            pipeline.run_analysis(store, nlp=None, engine=_WorkersHere())
    first, kill_at, analysed[:] = list(analysed), 0, []
    with open_store(str(tmp_path / "killed.db")) as store:
        pipeline.run_analysis(store, nlp=None, engine=_WorkersHere())
        resumed = pipeline.analysis_json(store)
    assert len(first) == 2 and analysed and not set(map(tuple, first)) & set(map(tuple, analysed))
    for kind in pipeline.RESULT_KINDS:
        assert resumed[kind] == clean[kind], kind


def test_story_windows_travel_as_ids_and_place_as_in_process(tmp_path):
    """Story windows sent to workers that can open the store carry article ids and the dates the dates step gave
    (here a year-only article dated by the day it reports), and place the stories the in-process windows do."""
    arts, _ = events_over_months()
    words = " ".join(reversed(arts[4].text.split()))  # event 4's terms, none of its shingles: not a copy
    arts.append(replace(arts[4], id="year-only", published="2031", text=words + ". It was on January 29."))
    engine, got = _WorkersHere(), {}
    for name, runner in (("here", None), ("ids", engine)):
        with open_store(str(tmp_path / f"{name}.db")) as store:
            store.add_articles(arts)
            pipeline.run_analysis(store, nlp=None, engine=runner, story_windows=30)
            got[name] = store.get_results("stories")
    assert len(engine.windows) > 2
    assert all(w.home and not w.task.home and not w.task.warmup for w in engine.windows)
    assert any(w.dates.get("year-only", ("",))[0] == "2031-01-29" for w in engine.windows)
    assert got["ids"] == got["here"] and len(got["here"]) > 5


def test_a_worker_reads_a_store_replaced_at_its_path_and_refuses_ids_it_lacks(tmp_path):
    db = tmp_path / "s.db"
    with open_store(str(db)) as store:
        store.add_articles([Article(id="a", text="One.")])
        address = store.worker_address()
    assert address and [a.text for a in stored_articles(address, ["a"])] == ["One."]
    for f in tmp_path.glob("s.db*"):
        f.unlink()
    with open_store(str(db)) as store:
        store.add_articles([Article(id="b", text="Two.")])
        assert [a.text for a in stored_articles(address, ["b"])] == ["Two."]
        with pytest.raises(StoreError, match="not stored"):
            stored_articles(address, ["b", "a"])


def test_batches_carry_their_articles_where_workers_cannot_open_the_store(tmp_path):
    """An in-memory store, or a SQLite file on a machine the workers do not see (a Ray cluster joined by
    address), keeps today's path: the batches carry the articles."""
    engine = _WorkersHere()
    with open_store(":memory:") as store:
        pipeline.ingest([str(EXAMPLES)], store)
        pipeline.run_analysis(store, nlp=None, engine=engine)
    engine.sees_local_files = False
    with open_store(str(tmp_path / "s.db")) as store:
        pipeline.ingest([str(EXAMPLES)], store)
        pipeline.run_analysis(store, nlp=None, engine=engine)
    assert engine.batches and all(b.articles and b.store is None for b in engine.batches)


def test_killed_analysis_keeps_old_results_and_resumes(tmp_path, monkeypatch):
    """A run killed after some scope batches leaves the previous results in place; the rerun
    computes only the batches not yet written and ends with the results of an unbroken run."""
    monkeypatch.setattr(steps_base, "CHUNK", 1)
    real, calls = pipeline.analyse_scopes, []

    def counted(batch, **kw):
        if kill_at and len(calls) == kill_at:
            raise KeyboardInterrupt
        calls.append([a.id for a in batch.articles])
        return real(batch, **kw)

    monkeypatch.setattr(steps_sources, "analyse_scopes", counted)
    kill_at = 0
    clean, _, _ = _analyse(tmp_path / "clean.db", None, nlp=None)
    unbroken, calls[:] = list(calls), []
    assert len(unbroken) > 3
    db = tmp_path / "killed.db"
    with open_store(str(db)) as store:
        pipeline.ingest([str(EXAMPLES)], store)
        store.put_results("claims", [{"id": "from an earlier run"}])
        kill_at = 2
        with pytest.raises(KeyboardInterrupt):
            pipeline.run_analysis(store, nlp=None)
        assert store.get_results("claims") == [{"id": "from an earlier run"}]
    kill_at, calls[:] = 0, []
    linked = []
    real_link = pipeline.linked_threads
    monkeypatch.setattr(steps_threads, "linked_threads", lambda *a, **kw: linked.append(1) or real_link(*a, **kw))
    with open_store(str(db)) as store:
        counts = pipeline.run_analysis(store, nlp=None)
        resumed = pipeline.analysis_json(store)
    assert calls == unbroken[2:]
    assert linked == [], "the threads saved by the killed run are reused"
    for kind in pipeline.RESULT_KINDS:
        assert resumed[kind] == clean[kind], kind
        assert counts[kind] == len(resumed[kind])


def test_killed_story_stage_resumes_at_its_last_saved_chunk(tmp_path, monkeypatch):
    """With the clusterer saved after every chunk, a run killed in the story stage places only the
    groups it had not saved when rerun, and ends with the stories of an unbroken run."""

    class SmallChunks(StoryClusterer):
        def __init__(self, params=None, embedder=None, **overrides):
            super().__init__(params, embedder, **{**overrides, "chunk_groups": 2})

    monkeypatch.setattr(steps_stories, "StoryClusterer", SmallChunks)
    monkeypatch.setattr(steps_stories, "STORY_SAVE_SECONDS", 0.0)
    monkeypatch.setattr(steps_stories, "STORY_SAVE_SHARE", float("inf"))

    def run(db: Path, kill_after: int = 0) -> tuple[dict, list[tuple[int, int]]]:
        seen: list[tuple[int, int]] = []

        def on_progress(task: str, done: int, total: int) -> None:
            if task == "stories":
                seen.append((done, total))
                if len(seen) == kill_after:
                    raise KeyboardInterrupt

        with open_store(str(db)) as store:
            if not store.count_articles():
                pipeline.ingest([str(EXAMPLES)], store)
            pipeline.run_analysis(store, nlp=None, on_progress=on_progress)
            return pipeline.analysis_json(store), seen

    clean, unbroken = run(tmp_path / "clean.db")
    groups = unbroken[-1][1]
    assert len(unbroken) > 3
    with pytest.raises(KeyboardInterrupt):
        run(tmp_path / "killed.db", kill_after=3)
    resumed, rest = run(tmp_path / "killed.db")
    assert rest[-1] == (groups - 6, groups - 6), "the three saved chunks of two groups are not placed again"
    assert resumed["stories"] == clean["stories"]
    assert resumed["threads"] == clean["threads"]


def test_story_checkpoints_thin_out_when_saving_is_slow(tmp_path, monkeypatch):
    """A save that takes longer than its share of the time pushes the next one further away."""

    class SmallChunks(StoryClusterer):
        def __init__(self, params=None, embedder=None, **overrides):
            super().__init__(params, embedder, **{**overrides, "chunk_groups": 2})

    monkeypatch.setattr(steps_stories, "StoryClusterer", SmallChunks)
    monkeypatch.setattr(steps_stories, "STORY_SAVE_SECONDS", 0.0)
    saves = {}
    for share in (float("inf"), 1e-12):
        monkeypatch.setattr(steps_stories, "STORY_SAVE_SHARE", share)
        with open_store(str(tmp_path / f"{share}.db")) as store:
            pipeline.ingest([str(EXAMPLES)], store)
            real = store.put_state
            count = []
            monkeypatch.setattr(
                store,
                "put_state",
                lambda name, blob: (count.append(name) if name == "stories" else None) or real(name, blob),
            )
            pipeline.run_analysis(store, nlp=None)
        saves[share] = len(count)
    assert saves[float("inf")] > 3
    assert saves[1e-12] == 2, (
        "one save between chunks, then none (it would take more than its share), then the final one"
    )


def test_killed_windowed_story_stage_places_only_the_windows_it_had_not_kept(tmp_path, monkeypatch):
    from storyline.stories import windows

    real = windows.place_window
    calls: list[int] = []

    def counted(task, kill_at=None):
        calls.append(task.index)
        if len(calls) == kill_at:
            raise KeyboardInterrupt
        return real(task)

    def run(db: Path, kill_at: int | None = None) -> dict:
        calls.clear()
        monkeypatch.setattr(windows, "place_window", functools.partial(counted, kill_at=kill_at))
        with open_store(str(db)) as store:
            if not store.count_articles():
                pipeline.ingest([str(EXAMPLES)], store)
            pipeline.run_analysis(store, nlp=None, story_windows=1)
            return pipeline.analysis_json(store)

    clean = run(tmp_path / "clean.db")
    total = len(calls)
    assert total >= 4
    with pytest.raises(KeyboardInterrupt):
        run(tmp_path / "killed.db", kill_at=3)
    resumed = run(tmp_path / "killed.db")
    assert len(calls) == total - 2, "the two windows placed before the kill are reused"
    assert resumed["stories"] == clean["stories"] and resumed["threads"] == clean["threads"]
    with open_store(str(tmp_path / "killed.db")) as store:
        assert store.get_state("story_window:0") == b"", "kept windows are emptied once the stories are saved"


def test_local_engine_lends_worker_processes_only_when_they_pay(monkeypatch):
    from storyline.engines import processes

    monkeypatch.setattr(processes, "cores", lambda: 4)
    assert LocalEngine(workers=1).workers_for(10_000, 200) is None, "1 worker: everything in this process"
    assert LocalEngine().workers_for(10, 200) is None, "too few tasks to pay for starting processes"
    pool = LocalEngine().workers_for(500, 200)
    try:
        assert pool is not None and pool.workers == 4 and not pool.in_process
        assert list(pool.imap(abs, [-1, -2, 3])) == [1, 2, 3]
    finally:
        pool.close()
    pool = LocalEngine(workers=2).workers_for(1, 200)
    assert pool is not None and pool.workers == 2, "workers set: used however few the tasks"
    pool.close()


def test_local_engine_streams_files_in_this_process(tmp_path):
    """The local engine reads a file lazily here, so the reading bar follows the bytes read."""
    corpus = tmp_path / "in.jsonl"
    corpus.write_text(
        "\n".join(json.dumps({"id": f"a{i}", "text": f"Line {i} of the Ferrow ferry report."}) for i in range(5))
    )
    seen: list[int] = []
    with open_store(str(tmp_path / "s.db")) as store:
        report = pipeline.ingest(
            [str(corpus)], store, engine=LocalEngine(), on_position=lambda f, pos: seen.append(pos)
        )
    assert report.added == 5 and seen and seen == sorted(seen)
