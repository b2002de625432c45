"""Incremental reruns: cached attributions, time mentions and per-scope results; only changed scopes are analysed."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline import incremental, pipeline
from storyline.model import Article
from storyline.steps import load as steps_load
from storyline.steps import sources as steps_sources
from storyline.store import open_store

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

NEW = [
    Article(
        id="new/harbour-1",
        source="Kestrel Coast Herald",
        published="2031-06-02",
        title="Harbour crane collapses at Port Ilsen",
        text="A container crane collapsed at Port Ilsen on Monday, the harbour authority said. "
        "No one was hurt, according to a spokeswoman for the port. "
        "Engineers will inspect the other cranes this week, the authority added.",
    ),
    Article(
        id="new/harbour-2",
        source="Ilsen Evening Star",
        published="2031-06-03",
        title="Port Ilsen crane collapse: inspections begin",
        text="Inspections of the cranes at Port Ilsen began on Tuesday after one collapsed on Monday, "
        "the harbour authority said. Dock workers said the crane had shaken in high winds for weeks.",
    ),
]


class Counting:
    """Wraps ``pipeline.analyse_scopes`` and ``attribute_many``, recording the scopes and articles analysed."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.scopes: list[str] = []
        self.attributed: list[str] = []
        real, real_attr = steps_sources.analyse_scopes, steps_sources.attribute_many

        def analyse(batch, **kw):
            self.scopes.extend(batch.scope_keys)
            return real(batch, **kw)

        def attribute(articles, **kw):
            articles = list(articles)
            self.attributed.extend(a.id for a in articles)
            return real_attr(articles, **kw)

        monkeypatch.setattr(steps_sources, "analyse_scopes", analyse)
        monkeypatch.setattr(steps_sources, "attribute_many", attribute)

    def reset(self) -> None:
        self.scopes.clear()
        self.attributed.clear()


def _results(store) -> dict:
    return {kind: store.get_results(kind) for kind in pipeline.RESULT_KINDS}


def _scope_of(results: dict) -> dict[str, str]:
    return {aid: s["thread"] or s["id"] for s in results["stories"] for aid in s["article_ids"]}


def test_rerun_with_nothing_new_analyses_nothing(tmp_path, monkeypatch):
    counting = Counting(monkeypatch)
    with open_store(str(tmp_path / "s.db")) as store:
        pipeline.ingest([str(EXAMPLES)], store)
        first = pipeline.run_analysis(store, nlp=None)
        before = _results(store)
        total = len(set(_scope_of(before).values()))
        assert len(counting.scopes) == total > 3
        counting.reset()
        again = pipeline.run_analysis(store, nlp=None)
        assert counting.scopes == [] and counting.attributed == []
        assert again == first and _results(store) == before


def test_rerun_with_nothing_new_decides_no_origin_and_aligns_no_text_again(tmp_path, monkeypatch):
    """Copy groups (origins, translations) and the offset maps into the given texts are read back when the
    corpus is unchanged, and computed again for what a new article changes."""
    from storyline.steps import copies as steps_copies

    with open_store(str(tmp_path / "s.db")) as store:
        pipeline.ingest([str(EXAMPLES)], store)
        pipeline.run_analysis(store, nlp=None)
        before = _results(store)
        calls = {"groups": 0, "offsets": 0}
        real_groups, real_offsets = steps_copies.add_translations, steps_load.offset_anchors

        def groups(*a, **kw):
            calls["groups"] += 1
            return real_groups(*a, **kw)

        def offsets(*a, **kw):
            calls["offsets"] += 1
            return real_offsets(*a, **kw)

        monkeypatch.setattr(steps_copies, "add_translations", groups)
        monkeypatch.setattr(steps_load, "offset_anchors", offsets)
        pipeline.run_analysis(store, nlp=None)
        assert calls == {"groups": 0, "offsets": 0}
        assert _results(store) == before
        store.add_articles([pipeline.prepare(a) for a in NEW])
        pipeline.run_analysis(store, nlp=None)
        assert calls["groups"] == 1


def test_adding_articles_reanalyses_only_their_scopes(tmp_path, monkeypatch):
    with open_store(str(tmp_path / "all.db")) as store:
        pipeline.ingest([str(EXAMPLES)], store)
        store.add_articles([pipeline.prepare(a) for a in NEW])
        pipeline.run_analysis(store, nlp=None)
        whole = _results(store)
    counting = Counting(monkeypatch)
    with open_store(str(tmp_path / "s.db")) as store:
        pipeline.ingest([str(EXAMPLES)], store)
        pipeline.run_analysis(store, nlp=None)
        before = _scope_of(_results(store))
        counting.reset()
        store.add_articles([pipeline.prepare(a) for a in NEW])
        pipeline.run_analysis(store, nlp=None)
        after = _results(store)
    scope_of = _scope_of(after)
    changed = {scope for aid, scope in scope_of.items() if before.get(aid) != scope or aid not in before}
    assert {scope_of[a.id] for a in NEW} <= changed
    assert len(counting.scopes) == len(changed) < len(set(scope_of.values()))
    assert sorted(counting.attributed) == sorted(a.id for a in NEW)
    assert after == whole, "the incremental run gives what a run over all the articles at once gives"


def test_a_code_or_model_upgrade_invalidates_what_it_changes(tmp_path, monkeypatch):
    counting = Counting(monkeypatch)
    with open_store(str(tmp_path / "s.db")) as store:
        pipeline.ingest([str(EXAMPLES)], store)
        pipeline.run_analysis(store, nlp=None)
        first, n_scopes, n_articles = _results(store), len(counting.scopes), store.count_articles()
        real = incremental.code_version

        def timeline_upgraded(*modules: str) -> str:
            return real(*modules) + ("+1" if "storyline.timeline" in modules else "")

        monkeypatch.setattr(incremental, "code_version", timeline_upgraded)
        counting.reset()
        pipeline.run_analysis(store, nlp=None)
        assert len(counting.scopes) == n_scopes, "every scope's claims and timeline are redone"
        assert counting.attributed == [], "attributions do not depend on the timeline code"
        monkeypatch.setattr(steps_load, "model_version", lambda nlp: "another-model")
        counting.reset()
        pipeline.run_analysis(store, nlp=None)
        assert len(counting.attributed) == n_articles and len(counting.scopes) == n_scopes
        assert _results(store) == first
        assert len(list(store.cached_keys(incremental.ATTRIBUTIONS))) == n_articles, "stale entries are dropped"


def test_cached_attributions_and_times_read_back_equal():
    from storyline.sources import attribute
    from storyline.timeline import find_times

    a = pipeline.prepare(NEW[0])
    atts = attribute(a, nlp=None)
    assert incremental.decode_attributions(incremental.encode_attributions(atts)) == atts
    times = find_times(a.text, "2031-06-02")
    assert times and incremental.decode_times(incremental.encode_times(times)) == times
    assert incremental.decode_rows(incremental.encode_rows(['{"a": 1}'], [])) == (['{"a": 1}'], [])
    assert incremental.decode_rows(incremental.encode_rows([], ['{"b": "x\\ny"}'])) == ([], ['{"b": "x\\ny"}'])


@pytest.mark.parametrize("nlp", [None, "default"])
def test_worker_processes_give_the_same_results(tmp_path, nlp):
    got = []
    for workers in (1, 2):
        with open_store(str(tmp_path / f"w{workers}.db")) as store:
            pipeline.ingest([str(EXAMPLES)], store)
            counts = pipeline.run_analysis(store, nlp=nlp, workers=workers)
            got.append((counts, _results(store), sorted(store.cached_keys(incremental.ATTRIBUTIONS))))
    assert got[0] == got[1]
    assert got[0][0]["claims"] > 0 and len(got[0][2]) > 5


def test_worker_processes_keep_the_attributions_they_make_in_the_store(tmp_path):
    """Prefetched attributions travel to the workers as ids and come back as nothing: each worker reads its
    articles and writes their attributions into the store's cache, so the driver holds none of them."""
    from storyline.engines import LocalEngine

    with open_store(str(tmp_path / "s.db")) as store:
        pipeline.ingest([str(EXAMPLES)], store)
        articles = [steps_load.lean(a) for a in store.iter_articles()]
        keys = incremental.versions("rules", {})
        pool, futures = steps_sources._prefetch(store, articles, keys, None, LocalEngine(2))
        try:
            assert pool is not None and len(futures) > 1
            assert [f.result() for f in futures] == [{} for _ in futures]
        finally:
            pool.close()
        want = {incremental.attribution_key(a, keys[incremental.ATTRIBUTIONS]) for a in articles}
        assert set(store.cached_keys(incremental.ATTRIBUTIONS)) == want


class _Busy:
    """A worker's store writer that always finds the store locked."""

    def __call__(self, address: str) -> None:
        raise RuntimeError("database is locked")

    def cache_clear(self) -> None:
        pass


def test_attributions_a_worker_cannot_write_go_back_to_the_driver(tmp_path, monkeypatch):
    with open_store(str(tmp_path / "s.db")) as store:
        pipeline.ingest([str(EXAMPLES)], store)
        address = store.worker_address()
        ids = [a.id for a in store.iter_articles()][:3]
    monkeypatch.setattr(steps_sources, "writer", _Busy())
    got = steps_sources._attribute_stored([(f"k{i}", aid) for i, aid in enumerate(ids)], None, address)
    assert sorted(got) == ["k0", "k1", "k2"] and all(got.values())


def test_parsed_runs_keep_the_article_offsets(monkeypatch):
    from storyline.sources import attribution
    from storyline.sources.nlp import load_nlp

    nlp = load_nlp()
    if nlp is None:
        pytest.skip("no spaCy model installed")
    monkeypatch.setattr(attribution, "PARSE_RUNS", True)
    article = pipeline.prepare(
        Article(
            id="x",
            source="Kestrel Coast Herald",
            text=(
                "The ferry left late. Crews worked through the night.\n\n"
                "“We had no choice,” the harbour master said. Officials denied any fault, according to a statement."
            ),
        )
    )
    found = list(attribution.find_spans([article], nlp=nlp))[0][1]
    assert found and all(article.text[f.cue.start : f.cue.end] == f.cue.text for f in found)
    assert all(f.content is None or article.text[f.content.start : f.content.end] == f.content.text for f in found)
    atts = list(attribution.attribute_many([article], nlp=nlp))[0][1]
    assert all(article.text[a.start : a.end] == a.text for a in atts)
    assert any(a.chain[-1].name == "harbour master" or "master" in a.chain[-1].name for a in atts if a.cue)


def test_new_model_weights_alone_change_the_code_version(tmp_path, monkeypatch):
    """Shipping new attribution weights with unchanged code must invalidate the attributions they computed."""
    pkg = tmp_path / "weighted_pkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text("VALUE = 1\n")
    (pkg / "weights.npz").write_bytes(b"old weights")
    monkeypatch.syspath_prepend(str(tmp_path))
    before = incremental.code_version.__wrapped__("weighted_pkg")
    (pkg / "__pycache__").mkdir()
    (pkg / "__pycache__" / "x.pyc").write_bytes(b"compiled")
    assert incremental.code_version.__wrapped__("weighted_pkg") == before, "compiled caches are not part of the version"
    (pkg / "weights.npz").write_bytes(b"new weights")
    assert incremental.code_version.__wrapped__("weighted_pkg") != before
