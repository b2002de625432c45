"""Date intervals, search queries, diffs, charts and the tolerant corpus reader of the web package."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.web import charts, dates, diff
from storyline.web.corpus import Corpus
from storyline.web.search import MARK_OPEN, SearchIndex, fts_query


@pytest.mark.parametrize(
    "value, lo, hi",
    [
        ("2025-03-09", date(2025, 3, 9), date(2025, 3, 9)),
        ("2025-03-10T21:14:00+01:00", date(2025, 3, 10), date(2025, 3, 10)),
        ("2025-03-09TAF", date(2025, 3, 9), date(2025, 3, 9)),
        ("2024-09", date(2024, 9, 1), date(2024, 9, 30)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2025-W15", date(2025, 4, 7), date(2025, 4, 13)),
        ("2024-FA", date(2024, 9, 1), date(2024, 11, 30)),
        ("2024-WI", date(2024, 12, 1), date(2025, 2, 28)),
        ("2025-Q2", date(2025, 4, 1), date(2025, 6, 30)),
        ("197X", date(1970, 1, 1), date(1979, 12, 31)),
        ("1978", date(1978, 1, 1), date(1978, 12, 31)),
    ],
)
def test_intervals(value: str, lo: date, hi: date) -> None:
    assert dates.interval(value) == (lo, hi)


@pytest.mark.parametrize("value", [None, "", "soon", "by 2025-04-30", "2025-13", "2025-02-30", 2025])
def test_unparseable_dates_are_unknown(value) -> None:
    assert dates.interval(value) is None


def test_newest_first_puts_unknown_last() -> None:
    values = ["2024", None, "2025-03-10", "2025-W15"]
    assert sorted(values, key=dates.recency_key, reverse=True) == ["2025-W15", "2025-03-10", "2024", None]
    assert sorted(values, key=dates.sort_key) == ["2024", "2025-03-10", "2025-W15", None]


def test_fts_query_neutralises_syntax() -> None:
    assert fts_query('dam NEAR(x) "Upper Lesna" col:umn wat*') == '"dam" "NEAR" "x" "Upper Lesna" "col" "umn" "wat"*'
    assert fts_query("  ^*()  ") is None


def test_search_index_ranks_and_marks() -> None:
    idx = SearchIndex(
        [
            {"id": "a", "title": "Dam fails", "text": "The dam failed on Sunday.", "source": "X"},
            {"id": "b", "title": "Ferry", "text": "A ferry sailed past the old dam wall.", "source": "Y"},
            {"id": "c", "title": "Café", "text": "Nothing here.", "source": "Z"},
        ]
    )
    hits = idx.search("dam")
    assert [h["id"] for h in hits] == ["a", "b"] and MARK_OPEN in hits[0]["snippet"]
    assert [h["id"] for h in idx.search("cafe")] == ["c"]
    assert idx.search('"AND OR NOT" )(') == []


def test_diff_rows_align_edits_additions_and_removals() -> None:
    origin = "The dam failed on Sunday. Officials counted the losses. Power was cut to 600 homes."
    copy = "The dam failed on March 9. Officials counted the losses. A local charity collected blankets."
    rows = diff.diff_rows(origin, copy)
    assert [r["kind"] for r in rows] == ["edited", "same", "removed", "added"]
    assert ("March 9", True) in rows[0]["copy"] and ("Sunday", True) in rows[0]["origin"]
    assert diff.summary(rows) == {"same": 1, "edited": 1, "added": 1, "removed": 1}


def test_sentences_keep_honorifics() -> None:
    assert diff.sentences("Mr. Sarkany spoke. Then he left.\nNext line") == [
        "Mr. Sarkany spoke.",
        "Then he left.",
        "Next line",
    ]


def test_charts_escape_text_and_survive_odd_input() -> None:
    svg = str(
        charts.timeline_svg(
            [
                {"date": "2025-01-01", "text": "</text><script>x</script>", "reported": "nonsense"},
                {"date": "whenever", "text": "skipped"},
            ]
        )
    )
    assert "<script>" not in svg and "&lt;/text&gt;&lt;script&gt;" in svg and "skipped" not in svg
    assert "No dated events" in str(charts.timeline_svg([]))
    graph = {
        "nodes": [{"id": "a", "name": "<A>", "kind": "outlet"}, {"id": "b", "name": "B", "kind": "x\" onload=\"y"}],
        "edges": [
            {"source": "a", "target": "b", "kind": "cites", "count": 2},
            {"source": "b", "target": "a", "kind": "cites", "count": 1},
        ],
    }
    g = str(charts.graph_svg(graph, "u"))
    assert "&lt;A&gt;" in g and 'onload="y' not in g and g.count('class="edge cites"') == 2
    t = str(
        charts.thread_svg(
            [{"id": "s", "title": "<T>", "start": "2025-03-09", "end": "2025-03-11"}], lambda s: f"#{s}\"x"
        )
    )
    assert "&lt;T&gt;" in t and 'href="#s&quot;x"' in t


def test_timeline_text_is_cut_to_the_chart_not_to_a_character_count() -> None:
    import re

    wide = "WORLD WATER MINISTERS MEET IN WARSAW OVER MEMBRANE WASTEWATER WORKS " * 2
    svg = str(
        charts.timeline_svg([{"date": "2025-03-10", "text": wide}, {"date": "2025-03-11", "text": "Ferry resumes."}])
    )
    texts = re.findall(r'class="event-text">([^<]*)<', svg)
    assert texts[1] == "Ferry resumes."
    assert texts[0].endswith("…") and charts.text_width(texts[0], 12) <= 1000 - 520
    assert len(texts[0]) < 60, "capitals and Ws are wide: 80 characters of them ran off the chart"


def test_corpus_counts_independent_origins_once_per_copy_group() -> None:
    doc = {
        "articles": [{"id": i, "text": "t", "source": s} for i, s in [("w", "Wire"), ("r", "Paper"), ("x", "Other")]],
        "copy_groups": [
            {"id": "g", "origin": "w", "members": [{"article_id": "r", "relation": "exact", "similarity": 1}]}
        ],
        "stories": [{"id": "s", "title": "", "copy_group_ids": ["g"], "article_ids": ["x"]}],
    }
    c = Corpus(doc)
    s = c.summaries["s"]
    assert (s["articles"], s["outlets"], s["origins"]) == (3, 3, 2)
    groups, singles = c.story_groups("s")
    assert [m["id"] for m in groups[0]["members"]] == ["w", "r"] and groups[0]["members"][0]["is_origin"]
    assert [a["id"] for a in singles] == ["x"]
    assert c.loose_articles() == []


def test_counts_read_in_the_right_number() -> None:
    from storyline.web import render_report

    doc = {
        "articles": [
            {
                "id": f"a{i}",
                "title": f"Ferry news {i}",
                "text": "The ferry resumed service on Monday.",
                "published": "2025-03-10",
            }
            for i in (1, 2)
        ],
        "stories": [{"id": "s1", "title": "Ferry resumes", "article_ids": ["a1", "a2"], "thread": "t1"}],
        "threads": [{"id": "t1", "title": "Ferries", "story_ids": ["s1"]}],
    }
    html = render_report(doc)
    assert "1 story · 1 thread · 2 articles" in html and "1 threads" not in html


SHOWN_ELSEWHERE = {
    "Story": {"article_ids": "StoryDetail.groups and .singles", "copy_group_ids": "StoryDetail.groups"},
    "Thread": {"story_ids": "ThreadDetail.stories"},
    "CopyGroup": {"diffs": "DiffView, one copy at a time"},
    "CopyMember": {"article_id": "Member.id"},
}


def test_api_models_hold_every_field_of_the_vocabulary() -> None:
    """A field added to a dataclass of model.py must reach the API (or be named here with where it is shown)."""
    from storyline import model
    from storyline.schema import json_fields
    from storyline.web import schemas

    api = {
        model.Article: schemas.ArticleFull,
        model.Removed: schemas.Removed,
        model.Story: schemas.StorySummary,
        model.Thread: schemas.ThreadSummary,
        model.CopyGroup: schemas.GroupView,
        model.CopyMember: schemas.Member,
        model.Claim: schemas.ClaimView,
        model.Statement: schemas.StatementView,
        model.Source: schemas.SourceLink,
        model.TimelineEvent: schemas.EventView,
    }
    for cls, shown in api.items():
        missing = set(json_fields(cls)) - set(shown.model_fields) - set(SHOWN_ELSEWHERE.get(cls.__name__, {}))
        assert not missing, f"{cls.__name__} fields missing from {shown.__name__}: {sorted(missing)}"


def test_the_diff_view_splits_sentences_as_the_claims_do():
    from storyline.web.diff import sentences

    text = "He said “the ferry is late.” Then the Jan. 6 vote came, and Sen. Ek left. (It passed.)\n\nNext one."
    assert sentences(text) == [
        "He said “the ferry is late.”",
        "Then the Jan. 6 vote came, and Sen. Ek left.",
        "(It passed.)",
        "Next one.",
    ]
