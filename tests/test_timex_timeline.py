"""build_timeline and the dates records: ordering, filtering, reported dates, and the seed articles."""

from __future__ import annotations

import pytest
from conftest import SHARED  # noqa: E402

from storyline.model import Article, TimeMention
from storyline.timeline import build_timeline, date_records, find_times, mentions_record
from storyline.timeline.order import value_key


def _articles() -> list[Article]:
    return [
        Article(
            id="b",
            text="The lighthouse keeper retired last September. Visitors are now welcome.",
            published="2024-05-27",
        ),
        Article(
            id="a",
            text="The lighthouse reopened on Sunday after a long repair. Repairs took two months.",
            published="2023-10-02",
        ),
    ]


def test_events_are_ordered_by_date_with_report_dates() -> None:
    arts = _articles()
    mentions = {a.id: find_times(a.text, a.published) for a in arts}
    events = build_timeline(arts, mentions, story_of={"a": "s1", "b": "s1"})
    assert [(e.date, e.article_id, e.reported) for e in events] == [
        ("2023-09", "b", "2024-05-27"),
        ("2023-10-01", "a", "2023-10-02"),
    ]
    assert events[0].text == "The lighthouse keeper retired last September."
    assert {e.story for e in events} == {"s1"}
    assert all(e.sources == [] for e in events)


def test_general_references_durations_and_credit_lines_are_left_out() -> None:
    art = Article(
        id="c", text="Now the port is busy. It was closed for two weeks.\n\n©2024 Harbour Post", published="2024-05-27"
    )
    mentions = {"c": find_times(art.text, art.published)}
    assert {m.value for m in mentions["c"]} >= {"PRESENT_REF", "P2W", "2024"}
    assert build_timeline([art], mentions) == []


def test_same_date_and_sentence_twice_in_one_article_is_one_event() -> None:
    art = Article(id="d", text="The ferry sank on May 3.", published="2024-05-27")
    twice = [TimeMention(20, 25, "May 3", "2024-05-03"), TimeMention(20, 25, "May 3", "2024-05-03")]
    assert len(build_timeline([art], {"d": twice})) == 1


def test_an_event_of_an_endless_sentence_quotes_only_the_words_around_its_date() -> None:
    """A text with no full stops is one sentence: each of its events used to quote all of it (gigabytes)."""
    filler = " ".join(["and the ferry ran along the harbour wall"] * 400)
    text = f"{filler} in 1905 {filler} in 1987 {filler}"
    art = Article(id="e", text=text, published="2024-05-27")
    events = build_timeline([art], {"e": find_times(text, art.published)})
    assert [e.date for e in events] == ["1905", "1987"]
    for e in events:
        assert len(e.text) < 1000
        assert f"in {e.date}" in e.text and e.text.startswith("… ") and e.text.endswith(" …")
    short = Article(id="f", text="The ferry sank on May 3 near the harbour wall.", published="2024-05-27")
    assert build_timeline([short], {"f": [TimeMention(17, 22, "May 3", "2024-05-03")]})[0].text == short.text


def test_ties_on_date_are_ordered_by_report_date() -> None:
    arts = [
        Article(id="late", text="The museum opened in 2019 to large crowds.", published="2024-01-01"),
        Article(id="early", text="The museum opened in 2019 to small crowds.", published="2020-01-01"),
    ]
    events = build_timeline(arts, {a.id: find_times(a.text, a.published) for a in arts})
    assert [e.article_id for e in events] == ["early", "late"]


def test_value_key_puts_periods_before_what_they_hold() -> None:
    vals = ["2023-Q3", "2023-05-02", "2023", "2023-05", "2022-W52", "2023-08-01T15:00"]
    assert sorted(vals, key=value_key) == ["2022-W52", "2023", "2023-05", "2023-05-02", "2023-Q3", "2023-08-01T15:00"]


def test_mentions_record_uses_a_given_anchor_over_the_article_date() -> None:
    art = Article(id="e", text="The mayor spoke on May 26.", published=None)
    rec = mentions_record(art, "2024-05-27")
    assert rec["id"] == "e" and rec["anchor"] == "2024-05-27"
    assert [(m["start"], m["end"], m["value"]) for m in rec["mentions"]] == [(19, 25, "2024-05-26")]
    bare = next(date_records([art]))
    assert bare["mentions"][0]["value"] == "XXXX-05-26"


@pytest.mark.skipif(not (SHARED / "seeds").is_dir(), reason="shared seeds not present")
def test_seed_timeline_holds_the_dates_of_the_story() -> None:
    seeds = SHARED / "seeds"
    texts = {p.name[:3]: p.read_text(encoding="utf-8") for p in seeds.glob("*.txt")}
    anchors = {"000": "2024-05-27", "001": "2024-05-27", "002": "2023-11-08"}
    arts = [Article(id=k, text=v, published=anchors[k]) for k, v in texts.items()]
    events = build_timeline(arts, {a.id: find_times(a.text, a.published) for a in arts})
    dated = {(e.article_id, e.date) for e in events}
    for need in [
        ("002", "2023-05"),
        ("002", "2023-08"),
        ("001", "2023-09"),
        ("000", "2023-09"),
        ("001", "2023-11"),
        ("001", "2024-05-24"),
        ("001", "2024-05-26"),
        ("000", "2024-05-24"),
        ("000", "2024-05-26"),
    ]:
        assert need in dated, need


def _bounds_by_rescanning(text: str, start: int, end: int) -> tuple[int, int]:
    """Sentence bounds by scanning ``text[:start]`` from its beginning on every call (the plain way)."""
    from storyline.lexicon import ends_sentence
    from storyline.timeline.tense import _SENTENCE_END

    left = 0
    for m in _SENTENCE_END.finditer(text, 0, start):
        if ends_sentence(text, m):
            left = m.end()
    after = [m for m in _SENTENCE_END.finditer(text, end) if ends_sentence(text, m)]
    return left, (after[0].start() if after else len(text))


def test_sentence_bounds_from_one_scan_match_rescanning_on_every_span():
    import random

    from storyline.timeline.tense import sentence_bounds

    rng = random.Random(3)
    pieces = [
        "He left",
        ".",
        "!",
        "?",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\n \n",
        '"',
        "'",
        "“",
        "”",
        "’",
        ")",
        "(",
        "A",
        "9",
        "on May 3",
        "x",
    ]
    checked = 0
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        for start in range(len(text)):
            end = min(len(text), start + rng.randint(0, 6))
            assert sentence_bounds(text, start, end) == _bounds_by_rescanning(text, start, end), (text, start, end)
            checked += 1
    assert checked > 5000
