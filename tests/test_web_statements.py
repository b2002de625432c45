"""Real pipeline output on the pages: a claim lists its statements, and the article page marks a
statement in the text as given (offsets into the raw text, boilerplate and all)."""

from __future__ import annotations

from html import unescape
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from storyline.cli import main  # noqa: E402
from storyline.web import create_app  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
REPRINT = "02_reprint_northern_ledger"


@pytest.fixture(scope="module")
def client(tmp_path_factory) -> TestClient:
    db = tmp_path_factory.mktemp("web") / "ex.db"
    assert main(["analyze", str(EXAMPLES / "text"), "--db", str(db), "-q"]) == 0
    return TestClient(create_app(str(db)), base_url="http://localhost")


def test_api_claims_carry_statements_into_the_given_text(client: TestClient) -> None:
    article = client.get(f"/api/articles/{REPRINT}").json()
    given = article["article"]["raw_text"]
    assert given and given != article["article"]["text"], "the reprint's boilerplate makes the given text differ"
    statements = [s for c in article["claims"] for s in c["statements"] if s["article_id"] == REPRINT]
    assert len(statements) >= 5
    for s in statements:
        assert " ".join(given[s["start"] : s["end"]].split()) == " ".join(s["text"].split())


def test_article_page_marks_the_statement_it_came_from(client: TestClient) -> None:
    claims = client.get(f"/api/articles/{REPRINT}").json()["claims"]
    claim = next(c for c in claims if "Another 23 people were missing" in c["text"])
    page = client.get(f"/articles/{REPRINT}", params={"claim": claim["id"]}).text
    marked = unescape(page.split('<mark class="statement">', 1)[1].split("</mark>", 1)[0])
    assert marked.startswith("Another 23 people were missing")
    plain = client.get(f"/articles/{REPRINT}").text
    assert '<mark class="statement">' not in plain


def test_source_graph_labels_are_names_and_every_node_has_an_edge(client: TestClient) -> None:
    stories = client.get("/api/stories").json()
    rows = stories["stories"] if isinstance(stories, dict) else stories
    for s in rows:
        graph = client.get(f"/api/stories/{s['id']}").json()["graph"]
        ends = {e["source"] for e in graph["edges"]} | {e["target"] for e in graph["edges"]}
        for n in graph["nodes"]:
            assert n["id"] in ends, f"{n['name']} has no edge"
            assert "c-" not in n["name"], n["name"]


def test_an_inferred_date_shows_on_the_article_page(client: TestClient) -> None:
    wire = "01_wire_meridian"
    article = client.get(f"/api/articles/{wire}").json()["article"]
    assert article["published"] == "2025", "the wire gives only a year (from its copyright line)"
    page = client.get(f"/articles/{wire}").text
    published = page.split("<dt>published</dt><dd>", 1)[1].split("</dd>", 1)[0]
    assert published.startswith("2025-03-10") and "inferred" in published
    listed = client.get("/api/articles").json()["articles"]
    assert next(a for a in listed if a["id"] == wire)["published"] == "2025-03-10 (inferred)"


def test_a_thread_page_shows_claims_and_a_timeline_across_its_stories(client: TestClient) -> None:
    [thread] = [t for t in client.get("/api/threads").json() if t["stories"] >= 2]
    detail = client.get(f"/api/threads/{thread['id']}").json()
    story_ids = {s["id"] for s in detail["stories"]}
    assert detail["claims"] and {c["story"] for c in detail["claims"]} <= story_ids
    assert len({c["story"] for c in detail["claims"]}) >= 2, "claims of more than one story"
    dates = [e["date"] for e in detail["events"] if e["date"]]
    assert len({e["story"] for e in detail["events"]}) >= 2 and [d[:4] for d in dates] == sorted(d[:4] for d in dates)
    page = client.get(f"/threads/{thread['id']}").text
    assert "Claims and their sources" in page and "Timeline of" in page
