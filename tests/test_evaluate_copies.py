"""storyline evaluate copies / translations: scoring by hand-made groups whose origin is known, the planted
generator, and the commands' bad use (text written for the project)."""

from __future__ import annotations

import json
import random

import pytest

from storyline.cli import main as cli_main
from storyline.evaluate.copies import evaluate, main, score_groups, score_origins
from storyline.evaluate.planted import MarkovText, origin_corpus, reprint_varied
from storyline.evaluate.translations import score_translations
from storyline.model import CopyGroup, CopyMember

ARTICLES = [
    "The town council of Brindlemoor voted on Tuesday to close the old footbridge over the Wend river after "
    "engineers found cracks in two of its iron supports. Council leader Agnes Porrow said the bridge would stay "
    "shut until at least September. Repairs are expected to cost 420,000 pounds, to be shared with the county. "
    "Shopkeepers on Mill Lane said the closure would cut the number of people walking past their doors. A "
    "temporary crossing will be built downstream by the end of the month, the council said.",
    "A freight train carrying grain left the tracks near the village of Osterwick early on Sunday, blocking "
    "the main line between Harlow Junction and the coast for most of the day. Nobody was hurt, the rail "
    "operator said. Eleven wagons tipped over and spilled about 300 tonnes of wheat onto the embankment. "
    "Investigators from the accident branch arrived at noon and will examine a section of rail that had been "
    "replaced in the spring. Passenger services ran on a diverted route with delays of up to an hour.",
    "Researchers at the Kelvane marine station have counted the largest number of grey seal pups on the Farrow "
    "islands since records began in 1978. Volunteers tagged 1,146 pups over six weeks, up from 982 last year. "
    "Station director Imre Voss said calmer autumn weather had helped more pups survive their first days. The "
    "count is carried out every year with boats lent by local fishermen. The results will be published in "
    "the station's annual report in March.",
    "The chess club of Tallowfield celebrated its hundredth anniversary on Saturday with a simultaneous "
    "exhibition in the market hall, where grandmaster Lidia Marsh played forty boards at once. She won "
    "thirty-six games, drew three and lost one, to a twelve-year-old pupil of the club's junior section. The "
    "club was founded in 1924 by four railway clerks and now has 180 members. A book on its history, written "
    "by former secretary Owen Pike, went on sale at the event.",
]


def _group(origin: str, members: list[str], undetermined: bool = False) -> CopyGroup:
    return CopyGroup(
        id=f"cg-{origin}",
        origin=origin,
        origin_undetermined=undetermined,
        members=[CopyMember(m, "origin" if m == origin else "edited", 1.0) for m in members],
    )


def test_pairs_and_origins_of_hand_made_groups():
    truth = {"a": "a", "a1": "a", "a2": "a", "b": "b", "b1": "b", "c": "c", "c1": "c"}
    groups = [
        _group("a", ["a", "a1"]),  # right origin; a2 missed
        _group("b1", ["b", "b1"]),  # the reprint named origin: wrong
        _group("c", ["c", "c1"], undetermined=True),
    ]
    r = score_groups(groups, truth)
    # true pairs: a-a1, a-a2, a1-a2, b-b1, c-c1 (5); found: a-a1, b-b1, c-c1 (3, all right)
    assert r["pairs"]["precision"] == 1.0
    assert r["pairs"]["recall"] == pytest.approx(3 / 5, abs=1e-4)
    assert r["missed"] == [("a", "a2"), ("a1", "a2")]
    assert r["origins"]["origin_right"] == pytest.approx(1 / 3, abs=1e-4)
    assert r["origins"]["undetermined"] == pytest.approx(1 / 3, abs=1e-4)
    assert r["origins"]["wrong"] == pytest.approx(1 / 3, abs=1e-4)


def test_a_group_mixing_families_is_wrong_and_its_pairs_false():
    truth = {"a": "a", "a1": "a", "b": "b"}
    groups = [_group("a", ["a", "a1", "b"])]
    r = score_groups(groups, truth)
    assert r["false"] == [("a", "b"), ("a1", "b")]
    assert r["pairs"]["precision"] == pytest.approx(1 / 3, abs=1e-4)
    assert score_origins(groups, truth)["wrong"] == 1.0


def test_translated_pairs_need_two_known_languages_and_count_other_stories():
    story = {"en1": "s1", "es1": "s1", "it1": "s1", "en2": "s2", "es2": "s2", "xx": "s2"}
    language = {"en1": "en", "es1": "es", "it1": "it", "en2": "en", "es2": "es", "xx": None}
    groups = [_group("en1", ["en1", "es1"]), _group("en2", ["en2", "es2", "it1"])]
    r = score_translations(groups, story, language)
    # true: en1-es1, en1-it1, es1-it1, en2-es2 (xx has no language); found: en1-es1, en2-es2, en2-it1, es2-it1
    assert r["translated"]["pairs"] == 4 and r["translated"]["found"] == 4
    assert r["translated"]["precision"] == 0.5 and r["translated"]["recall"] == 0.5
    assert r["pairs_across_stories"] == 2 and r["articles_paired_across_stories"] == 3


def test_varied_reprint_never_carries_a_line_long_enough_to_copy_the_other_article():
    short_other = (
        "The ferry to Kessel island was cancelled on Monday because of a strong gale that kept every boat in "
        "the harbour of Dunmore for the whole of the afternoon and the evening."
    )
    local = MarkovText(ARTICLES, 1).sentences
    for seed in range(40):
        _, info = reprint_varied(ARTICLES[0], short_other, local, random.Random(seed), "Valley Post")
        assert info["line"] != "other", info  # its one sentence is over a fifth of its words


def test_planted_reprints_of_project_text_are_all_found_with_their_origin():
    result = evaluate(ARTICLES, "reprint", seed=3)
    assert result["originals"] == 4
    assert result["pairs"]["precision"] == 1.0 and result["pairs"]["recall"] == 1.0
    assert result["origins"]["groups"] == 4


def test_origin_corpus_needs_two_texts():
    with pytest.raises(ValueError, match="fewer than two"):
        origin_corpus(ARTICLES[:1], None, 7, "varied")


def test_evaluate_copies_command_writes_json(tmp_path, capsys):
    data = tmp_path / "a.jsonl"
    data.write_text("".join(json.dumps({"id": f"x{i}", "text": t}) + "\n" for i, t in enumerate(ARTICLES)))
    out = tmp_path / "scores.json"
    assert cli_main(["evaluate", "copies", str(data), "--seed", "5", "--json", str(out)]) == 0
    doc = json.loads(out.read_text())
    assert set(doc["generators"]) == {"reprint", "varied"}
    assert "origin_right" in doc["generators"]["varied"]["origins"]
    assert "reprint" in capsys.readouterr().out


@pytest.mark.parametrize("what", ["copies", "translations"])
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, what):
    assert cli_main(["evaluate", what, str(tmp_path / "none.jsonl")]) == 2
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n")
    assert cli_main(["evaluate", what, str(bad)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 2 and all(line.startswith("error") for line in err)


def test_too_few_texts_and_unlabelled_rows_are_bad_input(tmp_path, capsys):
    one = tmp_path / "one.jsonl"
    one.write_text(json.dumps({"id": "x", "text": ARTICLES[0]}) + "\n")
    assert main([str(one)]) == 2
    assert cli_main(["evaluate", "translations", str(one)]) == 2
    assert "gold.story" in capsys.readouterr().err
