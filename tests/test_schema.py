"""The one serialiser of the vocabulary: JSON forms derived from the dataclass fields, read back with defaults and
checks."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest

from storyline import pipeline
from storyline.model import (
    Anchor,
    Article,
    Claim,
    CopyGroup,
    CopyMember,
    Removed,
    SentenceEdit,
    Source,
    Statement,
    Story,
    Thread,
    TimelineEvent,
)
from storyline.schema import DOCUMENT_TYPES, SchemaError, conform, from_json, json_fields, to_json
from storyline.store import result_row

FERRY = Source("Harbour Weekly", "outlet")
OPERATOR = Source("the ferry operator", "organisation")

SAMPLES = [
    Article(
        id="ferry/1",
        text="The ferry resumed on Monday.",
        title="Ferry resumes",
        source="Harbour Weekly",
        published="2025-03-10",
        credits=["Coast Wire"],
        raw_text="Ad. The ferry resumed on Monday.",
        removed=[Removed("Ad.", "boilerplate")],
        inferred={"source": "byline"},
    ),
    CopyGroup(
        id="g1",
        origin="ferry/1",
        members=[CopyMember("ferry/1", "origin", 1.0), CopyMember("ferry/2", "edited", 0.9)],
        origin_evidence=["earliest date"],
        diffs={
            "ferry/2": [
                SentenceEdit(
                    "edited",
                    "on Monday.",
                    "on March 10.",
                    ["date"],
                    [{"kind": "date", "before": "Monday", "after": "March 10"}],
                )
            ]
        },
    ),
    Story(
        id="s1", title="Ferry resumes", article_ids=["ferry/1"], copy_group_ids=["g1"], start="2025-03-10", thread="t1"
    ),
    Thread(id="t1", title="Island ferries", story_ids=["s1"], start="2025-03-10", end="2025-03-12"),
    Claim(
        id="c1",
        story="s1",
        text="The ferry resumed on Monday.",
        article_ids=["ferry/1"],
        origins=["the ferry operator"],
        chains=[[FERRY, OPERATOR]],
        statements=[Statement("ferry/1", 4, 32, "The ferry resumed on Monday.", [FERRY, OPERATOR])],
        denies=True,
        contradicts=["c2"],
    ),
    TimelineEvent(
        date="2025-03-10", text="The ferry resumes.", article_id="ferry/1", reported="2025-03-10", story="s1"
    ),
    Anchor(id="ferry/1", date="2025-03-10", how="publication date"),
]


@pytest.mark.parametrize("obj", SAMPLES, ids=lambda o: type(o).__name__)
def test_every_type_reads_back_what_it_writes(obj) -> None:
    row = json.loads(json.dumps(to_json(obj)))
    assert list(row) == list(json_fields(type(obj)))
    back = from_json(type(obj), row)
    if isinstance(obj, Article):
        assert to_json(back) == to_json(obj)
    else:
        assert back == obj
    assert json.loads(result_row(obj)) == row


def test_every_list_of_the_document_has_a_dataclass() -> None:
    assert set(DOCUMENT_TYPES) == {"articles", *pipeline.RESULT_KINDS}


def test_internal_fields_stay_out_of_the_json() -> None:
    a = Article(id="x", text="t", extra={"author": "someone"}, offsets=[(0, 0)])
    assert "extra" not in to_json(a) and "offsets" not in to_json(a)
    assert from_json(Article, to_json(a)).extra == {}


def test_the_articles_of_the_json_output_are_the_schema_form() -> None:
    a = SAMPLES[0]
    assert pipeline.article_json(a) == to_json(a)
    assert list(pipeline.article_json(a)) == list(json_fields(Article))
    same = Article(id="y", text="Unchanged.", raw_text="Unchanged.")
    assert pipeline.article_json(same)["raw_text"] is None, "raw_text only when cleaning changed the text"


def test_missing_fields_and_nulls_take_the_defaults_unknown_keys_go() -> None:
    row = conform(Story, {"id": "s", "title": "T", "article_ids": None, "colour": "blue"})
    assert row == {
        "id": "s",
        "title": "T",
        "article_ids": [],
        "copy_group_ids": [],
        "start": None,
        "end": None,
        "sources": [],
        "thread": None,
    }
    group = conform(
        CopyGroup, {"id": "g", "origin": "a", "members": [{"article_id": "a", "relation": "origin", "similarity": 1}]}
    )
    assert group["diffs"] == {} and group["members"][0]["languages"] == []


@pytest.mark.parametrize(
    "cls, row, where",
    [
        (Story, "junk", "expected an object"),
        (Story, {"title": "no id"}, "Story.id"),
        (Story, {"id": 5, "title": "t"}, "Story.id"),
        (Claim, {"id": "c", "story": "s", "text": "x", "chains": [["Someone", "person"]]}, "Claim.chains.0.0"),
        (TimelineEvent, {"date": "2025", "text": "x"}, "TimelineEvent.article_id"),
    ],
)
def test_rows_of_the_wrong_shape_are_refused_by_name(cls, row, where) -> None:
    with pytest.raises(SchemaError, match=where.replace(".", r"\.")):
        from_json(cls, row)


def test_a_field_added_to_a_dataclass_is_written_and_read_with_no_other_change() -> None:
    @dataclass
    class Note:
        id: str
        tags: list[str] = field(default_factory=list)
        mood: str | None = None

    assert to_json(Note("n", ["a"], "calm")) == {"id": "n", "tags": ["a"], "mood": "calm"}
    assert from_json(Note, {"id": "n"}) == Note("n")
