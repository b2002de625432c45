"""Origins of real copies (storyline.evaluate.real_origins) and the tie hook of origin choice, on texts written
for the project."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from storyline.copies.origin import Candidate, decide_origin
from storyline.evaluate.real_origins import evaluate, names_outlet, owners, posted_day, read_real

STORY = (
    "Firefighters in Dunmore Falls rescued two hikers from a flooded ravine on Tuesday night after a storm "
    "swept through the valley. The pair had been walking the Calder ridge trail when the creek rose by more "
    "than a metre in under an hour, fire chief Wendell Orcutt said. Crews used ropes and an inflatable boat "
    "to reach them shortly after nine o'clock. Both hikers were treated for cold at Dunmore General Hospital "
    "and released the next morning. The county has closed the trail until engineers inspect two footbridges "
    "that were damaged by the water."
)
SIGN_IN = (
    "Thank you for registering with our website today. We look forward to seeing you here again very soon, "
    "so please sign in to update your profile and to receive the latest local news alerts on your phone."
)


def _cand(i: str) -> Candidate:
    return Candidate(i, np.arange(20, dtype=np.uint32))


def test_a_tie_rule_decides_only_the_pairs_the_texts_leave_tied():
    texts = {"a": STORY, "b": STORY}
    plain = decide_origin([_cand("a"), _cand("b")], texts=texts.get)
    assert plain.undetermined
    calls = []

    def tie(x: Candidate, y: Candidate) -> tuple[int, str]:
        calls.append((x.id, y.id))
        return (1, "b carries the mark") if y.id == "b" else (-1, "a carries the mark")

    choice = decide_origin([_cand("b"), _cand("a")], texts=texts.get, tie=tie)
    assert not choice.undetermined and choice.origin.id == "a"
    assert "b carries the mark" in choice.evidence[-1]
    # a trimmed reprint is told by the texts: the tie rule is not read
    calls.clear()
    cut = STORY.rsplit(" The county", 1)[0]
    told = decide_origin([_cand("a"), _cand("b")], texts={"a": STORY, "b": cut}.get, tie=tie)
    assert told.origin.id == "a" and not calls


def test_owners_and_outlets():
    raw = (
        "Copyright 2017 WBTV. All rights reserved.\nCopyright 2016 by KSAT - All rights reserved.\n"
        "Courtesy of WKRN\nCopyright 2016 WAVE 3 News. All rights reserved."
    )
    assert owners(raw) == ["WBTV", "KSAT", "WKRN", "WAVE 3 News"]
    assert names_outlet("WBTV", "wbtv.com") and names_outlet("WIS", "wistv.com") and names_outlet("KFVS", "kfvs12.com")
    assert names_outlet("WAVE 3 News", "wave3.com") and names_outlet("Sun-Times Media Wire", "homicides.suntimes.com")
    assert not names_outlet("WIS", "wisn.com") and not names_outlet("KSLA", "msnewsnow.com")
    assert not names_outlet("Chicago Sun-Times", "chicago.cbslocal.com")
    assert not names_outlet("The Associated Press", "apnews.com")


def test_posted_day_is_the_earliest_posted_line():
    assert posted_day("Shots fired Posted: Sunday, March 10, 2013 10:41 PM CDT Updated: Mar 25, 2013") == "2013-03-10"
    assert posted_day("Published Sept. 7, 2013") == "2013-09-07"
    assert posted_day("Updated: Mar 25, 2013") is None


def _write(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "real.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_real_copies_scored_against_the_earliest_day_with_dates_hidden(tmp_path):
    rows = [
        # the original's page carries its own photo caption; the reprint, two days later, the owner's copyright
        {
            "id": "o",
            "text": "(Photo: KDFT)\n\n" + STORY,
            "published": "2016-05-01",
            "source": "kdft.com",
            "gold": {"story": "s1"},
        },
        {
            "id": "r",
            "text": STORY + "\n\nCopyright 2016 KDFT. All rights reserved.",
            "published": "2016-05-03",
            "source": "wxyr.com",
            "gold": {"story": "s1"},
        },
        # a sign-in page crawled for two stories: no reprint
        {"id": "p1", "text": SIGN_IN, "published": "2016-01-01", "source": "a.com", "gold": {"story": "s2"}},
        {"id": "p2", "text": SIGN_IN, "published": "2016-02-01", "source": "b.com", "gold": {"story": "s3"}},
    ]
    path = _write(tmp_path, rows)
    assert all(r.article.published is None for r in read_real([path]))
    result = evaluate([path])
    assert result["groups"]["groups across stories (shared page furniture)"] == 1
    assert result["groups"]["scored: earliest member alone, a later one of another outlet"] == 1
    scored = result["scored_groups"]
    assert (scored["texts (shipped)"]["undetermined"], scored["texts (shipped)"]["right"]) == (1, 0)
    # the furniture rule names the original's page the copy: it carries a caption, the reprint none
    assert scored["furniture"]["wrong"] == 1
    # counting the copyright line too, both carry furniture: still tied
    assert scored["furniture-any"]["undetermined"] == 1
    # the reprint names the original's outlet as the owner
    assert scored["owner"]["right"] == 1
    assert result["furniture_of_dated_pairs"]["furniture: earlier yes, later no"] == 1


def test_the_command_writes_its_figures_and_refuses_a_missing_file(tmp_path, capsys):
    from storyline.evaluate.real_origins import main

    path = _write(tmp_path, [{"id": "a", "text": STORY, "published": "2016-05-01", "source": "a.com"}])
    out = tmp_path / "out.json"
    assert main([str(path), "--json", str(out)]) == 0
    assert json.loads(out.read_text())["articles"] == 1
    assert main([str(tmp_path / "none.jsonl")]) == 2
    assert "not a file" in capsys.readouterr().err


def test_real_origins_is_a_storyline_evaluate_subcommand(tmp_path, capsys):
    from storyline.cli import main

    path = _write(tmp_path, [{"id": "a", "text": STORY, "published": "2016-05-01", "source": "a.com"}])
    assert main(["evaluate", "real-origins", str(path)]) == 0
    assert json.loads(capsys.readouterr().out)["articles"] == 1
    assert main(["evaluate", "real-origins", str(tmp_path / "none.jsonl")]) == 2
