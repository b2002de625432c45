"""When a report is about: a follow-up that names the day of the first reports ('late on Friday') is
measured from that day when it shares a rare name with them, and dated headline stories are merged
only when their days meet."""

import json
import math
from datetime import date

import pytest

from storyline.evaluate.clusters import has_headline_view, headline_view, prepared
from storyline.model import Article
from storyline.stories import StoryClusterer, cluster_stories
from storyline.stories.decision import FEATURES, time_gap
from storyline.stories.features import event_since

SHOT = (
    "Police in Delby said {victim} was shot on {street} late on Friday and died at the hospital. "
    "Officers are asking witnesses to call the Delby police."
)


def _gap_of_follow_up(victim: str, street: str) -> float:
    first = Article(
        id="a",
        title="Man shot in Delby",
        text=SHOT.format(victim="Aldo Venn", street="Corran Avenue"),
        published="2030-05-03",
    )
    later = Article(
        id="b",
        title="Shooting victim named",
        text=SHOT.format(victim=victim, street=street),
        published="2030-05-06",
    )
    rows: list = []
    c = StoryClusterer()
    c.add([first])
    c.add([later], trace=lambda feats, cands, chosen: rows.append(feats))
    assert rows[-1]
    return rows[-1][0][FEATURES.index("gap")]


def test_a_follow_up_that_names_the_first_reports_day_and_their_victim_is_no_days_away():
    assert _gap_of_follow_up("Aldo Venn", "Corran Avenue") == 0.0
    assert _gap_of_follow_up("Pim Rusk", "Osler Road") == math.log1p(3)


def _day(iso: str) -> int:
    return date.fromisoformat(iso).toordinal()


def _since(text: str, published: str = "2030-05-06") -> int | None:
    doc = Article(id="x", title="Update", text=text, published=published)
    from storyline.stories.features import article_counts

    return event_since([doc], article_counts(doc)["n"], _day(published) if published else None)


def test_the_day_a_report_reaches_back_to():
    assert _since("The fire broke out on Saturday.") == _day("2030-05-04")
    assert _since("Crews left yesterday.") == _day("2030-05-05")
    assert _since("The vote of May 2 stands.") == _day("2030-05-02")
    assert _since("The vote of April 2 stands.") == _day("2030-05-06")  # more than a week before
    assert _since("Nothing named.") == _day("2030-05-06")
    assert _since("On Monday the crews met.") == _day("2030-05-06")  # the day it came out
    assert _since("The vote of May 2 stands.", published="") is None


def test_a_named_day_inside_the_story_closes_the_gap_any_other_leaves_it():
    assert time_gap(10, 5, 7, since=6) == 0.0
    assert time_gap(10, 5, 7, since=9) == 3.0  # names a day after the story: the publication gap
    assert time_gap(4, 5, 7, since=1) == 1.0
    assert time_gap(10, 5, 7) == 3.0


HEADS = [
    ("h1", "Mayor Ruth Anso resigns", "2031-03-02"),
    ("h2", "Kellby budget row deepens as council splits", "2031-03-05"),
    ("h3", "Ruth Anso quits amid Kellby budget row", "2031-03-02"),
    ("h4", "Anso exit leaves Kellby council split over budget", "2031-03-02"),
    ("h5", "Ilse Varga wins Nordport chess open", "2031-03-02"),
    ("h6", "Varga takes Nordport title in 61 moves", "2031-03-02"),
]


def _partition(rows):
    stories = cluster_stories([Article(id=i, title=t, text=t, published=d) for i, t, d in rows])
    return sorted(sorted(s.article_ids) for s in stories)


def test_dated_headline_stories_days_apart_are_not_merged():
    assert _partition(HEADS) == [["h1", "h3", "h4"], ["h2"], ["h5", "h6"]]
    same_day = [(i, t, "2031-03-02") for i, t, _ in HEADS]
    assert _partition(same_day) == [["h1", "h2", "h3", "h4"], ["h5", "h6"]]


def test_a_headline_view_is_the_files_headlines_as_texts(tmp_path):
    rows = [
        {"id": "p1", "title": "Ferry runs aground off Velm", "text": "A long report. " * 20, "published": "2031-01-02"},
        {"id": "p2", "title": "Velm ferry refloated", "text": "Another report. " * 20, "published": "2031-01-03"},
    ]
    for r in rows:
        r["gold"] = {"story": "ferry"}
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    view = prepared(headline_view(path))
    assert sorted(a.text for a in view.articles) == ["Ferry runs aground off Velm", "Velm ferry refloated"]
    assert all(not a.title for a in view.articles) and view.gold == {"p1": "ferry", "p2": "ferry"}
    assert has_headline_view(path)
    undated = tmp_path / "undated.jsonl"
    undated.write_text("".join(json.dumps({**r, "published": None}) + "\n" for r in rows), encoding="utf-8")
    assert not has_headline_view(undated)
    untitled = tmp_path / "untitled.jsonl"
    untitled.write_text("".join(json.dumps({**r, "title": None}) + "\n" for r in rows), encoding="utf-8")
    with pytest.raises(ValueError, match="no article has a headline"):
        prepared(headline_view(untitled))


LAUNCH = (
    "{when}\nHarlow Devices unveiled the {name} tablet at its spring event, chief executive Uma Kestrel said. "
    "The first Harlow tablet came out in 2021 and the second in 2024."
)


def test_an_undated_reports_years_are_its_datelines_not_the_history_it_cites():
    col = FEATURES.index("year_conflict")
    first = Article(id="a", title="Harlow unveils tablet", text=LAUNCH.format(when="June 2, 2027", name="Pebble"))
    rows: list = []
    c = StoryClusterer()
    c.add([first])
    later = Article(id="b", title="Harlow unveils tablet", text=LAUNCH.format(when="June 9, 2028", name="Slate"))
    c.add([later], trace=lambda feats, cands, chosen: rows.append(feats))
    assert rows[-1] and rows[-1][0][col] == 1.0
    rows.clear()
    c2 = StoryClusterer()
    c2.add([first])
    same_year = Article(id="c", title="Harlow unveils tablet", text=LAUNCH.format(when="June 9, 2027", name="Pebble"))
    c2.add([same_year], trace=lambda feats, cands, chosen: rows.append(feats))
    assert rows[-1] and rows[-1][0][col] == 0.0


def test_headline_views_go_with_the_regime_fit(tmp_path, capsys):
    from storyline.evaluate.clusters import main

    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "p1", "text": "A report.", "gold": {"story": "s"}}) + "\n", encoding="utf-8")
    with pytest.raises(SystemExit) as stop:
        main([str(path), "--headline-views"])
    assert stop.value.code == 2
    assert "--headline-views goes with --regimes" in capsys.readouterr().err
