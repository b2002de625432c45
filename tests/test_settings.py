"""The one settings object: built from a file, ``--set`` and flags, checked, and in every stage's state key."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline import incremental, pipeline, settings
from storyline.cli import main
from storyline.copies import CopyParams
from storyline.settings import Settings, SettingsError
from storyline.store import open_store
from storyline.stories import StoryParams

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_defaults_are_the_shipped_parameters():
    s = Settings()
    assert s.copies == CopyParams() and s.stories == StoryParams()
    assert s.nlp == "default" and s.embed == "auto" and s.story_windows == 0


def test_settings_are_frozen():
    with pytest.raises(AttributeError):
        Settings().embed = "off"  # type: ignore[misc]


@pytest.mark.parametrize(
    "data, words",
    [
        ({"stories": {"threshold": 1.5}}, "threshold"),
        ({"stories": {"short_merge": "high"}}, "short_merge"),
        ({"stories": {"weights": [1.0, 2.0]}}, "weights"),
        ({"stories": {"top_terms": {"w": 3}}}, "top_terms"),
        ({"stories": {"keep_member": 3}}, "keep_member"),
        ({"copies": {"bands": 7}}, "bands"),
        ({"copies": {"resemblance": 0}}, "resemblance"),
        ({"copies": {"shingle_size": 2.5}}, "shingle_size"),
        ({"copies": 3}, "copies"),
        ({"embed": "sometimes"}, "embed"),
        ({"workers": 0}, "workers"),
        ({"nlp": "large"}, "nlp"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_bad_values_are_refused_naming_the_setting(data, words):
    with pytest.raises(SettingsError, match=words):
        settings.from_mapping(data)


def test_a_settings_file_in_toml_or_json(tmp_path):
    toml = tmp_path / "run.toml"
    toml.write_text('nlp = "rules"\nembed = "off"\n[stories]\nthread_threshold = 0.5\n[copies]\nresemblance = 0.7\n')
    js = tmp_path / "run.json"
    js.write_text(
        '{"nlp": "rules", "embed": "off", "stories": {"thread_threshold": 0.5}, "copies": {"resemblance": 0.7}}'
    )
    for path in (toml, js):
        s = settings.load(path)
        assert s.nlp is None and s.embed == "off"
        assert s.stories.thread_threshold == 0.5 and s.stories.threshold == StoryParams().threshold
        assert s.copies.resemblance == 0.7 and s.copies.bands == CopyParams().bands


def test_set_assignments_read_values_as_json():
    data = settings.assignments(["stories.threshold=0.2", "copies.window_days=null", "embed=off", "stories.dense=true"])
    assert data == {"stories": {"threshold": 0.2, "dense": True}, "copies": {"window_days": None}, "embed": "off"}
    with pytest.raises(SettingsError):
        settings.assignments(["threshold"])
    with pytest.raises(SettingsError, match="tables"):
        settings.assignments(["story.threshold=0.2"])


def test_each_stage_keys_only_the_settings_it_reads():
    base, threads = Settings(), Settings(stories=StoryParams(thread_threshold=0.9))
    assert base.part("stories") == threads.part("stories"), "a thread parameter does not redo the stories"
    assert base.part("threads") != threads.part("threads")
    assert base.part("copies") != Settings(copies=CopyParams(resemblance=0.8)).part("copies")
    assert Settings(nlp=None).part("sources") != base.part("sources")


@pytest.mark.parametrize(
    "argv, words",
    [
        (["--set", "stories.threshold=2"], "threshold"),
        (["--set", "novel=1"], "novel"),
        (["--settings", "missing.toml"], "cannot read settings file"),
        (["--max-article-mb", "0"], "max-article-mb"),
        (["--story-windows", "-3"], "split_days"),
    ],
)
def test_cli_bad_settings_are_one_line_and_exit_2(argv, words, tmp_path, capsys):
    db = tmp_path / "s.db"
    assert main(["analyze", str(EXAMPLES), "--db", str(db), "-q", *argv]) == 2
    err = capsys.readouterr().err.strip()
    assert words in err and "\n" not in err and "Traceback" not in err
    assert not db.exists(), "nothing is stored on bad use"


def test_cli_bad_settings_file_is_one_line_and_exit_2(tmp_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("[stories\nthreshold = 0.1\n")
    assert main(["analyze", str(EXAMPLES), "--db", str(tmp_path / "s.db"), "--settings", str(bad), "-q"]) == 2
    err = capsys.readouterr().err.strip()
    assert "not valid TOML" in err and "\n" not in err


def _analysis(db: Path, s: Settings) -> dict:
    with open_store(str(db)) as store:
        if not store.count_articles():
            pipeline.ingest([str(EXAMPLES)], store)
        pipeline.run_analysis(store, settings=s)
        return {k: store.get_results(k) for k in ("copy_groups", "stories", "threads")}


def test_a_changed_thread_parameter_relinks_threads_in_a_kept_store(tmp_path):
    """Old code keyed the threads' saved state on the default StoryParams(), so a store analysed once kept
    its threads whatever thread parameters a later run used."""
    rules = Settings(nlp=None, embed="off")
    first = _analysis(tmp_path / "kept.db", rules)
    assert first["threads"], "the examples have a thread under the shipped parameters"
    apart = Settings(nlp=None, embed="off", stories=StoryParams(thread_threshold=1.0))
    again = _analysis(tmp_path / "kept.db", apart)
    fresh = _analysis(tmp_path / "fresh.db", apart)
    assert again["threads"] == fresh["threads"] == []
    assert again["stories"] == fresh["stories"]


def test_a_changed_story_or_copy_parameter_redoes_that_stage_in_a_kept_store(tmp_path):
    rules = Settings(nlp=None, embed="off")
    first = _analysis(tmp_path / "kept.db", rules)
    strict = Settings(
        nlp=None,
        embed="off",
        stories=StoryParams(threshold=0.99, short_threshold=0.99, short_merge=0.99),
        copies=CopyParams(resemblance=1.0, containment=1.0, edited=1.0),
    )
    again = _analysis(tmp_path / "kept.db", strict)
    fresh = _analysis(tmp_path / "fresh.db", strict)
    assert again == fresh
    assert len(again["stories"]) > len(first["stories"]) and len(again["copy_groups"]) < len(first["copy_groups"])
    back = _analysis(tmp_path / "kept.db", rules)
    assert back == first


def test_saved_state_is_kept_only_for_its_token(tmp_path):
    with open_store(str(tmp_path / "state.db")) as store:
        incremental.Saved(store, "thing", "a").save(b"one")
        assert incremental.Saved(store, "thing", "a").load() == b"one"
        assert incremental.Saved(store, "thing", "b").load() is None
        assert incremental.Saved(store, "thing", "a", rebuild=True).load() is None
        incremental.Saved(store, "thing", "b").save(b"two")
        assert incremental.Saved(store, "thing", "a").load() is None
        assert incremental.Saved(store, "thing", "b").load() == b"two"


@pytest.mark.parametrize(
    "build, message",
    [
        (lambda: settings.story_params({"split_dayz": 3}), "unknown story setting 'split_dayz' (known: "),
        (lambda: settings.copy_params({"shingles": 4, "bandz": 2}), "unknown copy setting 'bandz' (known: "),
    ],
)
def test_an_unknown_setting_is_named_with_the_known_ones(build, message):
    with pytest.raises(SettingsError) as caught:
        build()
    assert str(caught.value).startswith(message)
    assert "window_days" in str(caught.value) or "split_days" in str(caught.value)
