"""The three seed articles (read at run time from ../shared, skipped where absent)."""

import pytest
from conftest import SEEDS  # noqa: E402

from storyline.copies import diff_copy, explain, find_copies
from storyline.model import Article

BOILERPLATE = (
    "Sign up now",
    "FILE PHOTO",
    "PHOTO:",
    "Russia dispatched the experts after President Vladimir Putin met North Korean",
)

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not present")


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def minimal_clean(text: str) -> str:
    """Drop the photo and newsletter lines (the cleaning stage's job) and rejoin the broken link sentence."""
    paragraphs = [p for p in text.split("\n\n") if p.strip() and not p.strip().startswith(BOILERPLATE)]
    paragraphs = [p for p in paragraphs if not p.strip().startswith("Sputnik/")]
    return "\n\n".join(paragraphs)


@pytest.fixture(scope="module")
def seeds() -> list[Article]:
    return [
        Article("000", minimal_clean(seed("000")), source="The Straits Times", credits=["Bloomberg"]),
        Article("001", seed("001"), source="Bloomberg", published="2024-05-26"),
        Article("002", seed("002"), published="2023-11-08"),
    ]


def test_000_is_an_edited_copy_of_001(seeds):
    [group] = find_copies(seeds)
    assert group.origin == "001"
    relations = {m.article_id: m.relation for m in group.members}
    assert relations == {"001": "origin", "000": "edited"}


def test_origin_found_without_metadata_and_despite_boilerplate():
    raw = [Article("000", seed("000")), Article("001", seed("001")), Article("002", seed("002"))]
    [group] = find_copies(raw)
    assert group.origin == "001" and sorted(group.article_ids) == ["000", "001"]


def test_002_is_no_copy_of_either(seeds):
    for other in seeds[:2]:
        assert explain(seeds[2], other)["verdict"] == "not a copy"


def test_diff_names_spelling_honorific_and_date_edits(seeds):
    diff = diff_copy(seeds[0], seeds[1])
    changes = {(c.kind, c.before, c.after) for e in diff.of_kind("edited") for c in e.changes}
    assert ("spelling", "Defense", "Defence") in changes
    assert ("spelling", "program", "programme") in changes
    assert ("honorific", "", "Mr") in changes
    assert ("date", "Sunday", "on May 26") in changes
    assert ("date", "Friday", "on May 24") in changes
    assert any(e.origin.startswith("Read more") for e in diff.of_kind("removed"))
