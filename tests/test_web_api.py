"""The HTTP API on the example corpus: every endpoint, adding articles, bad uploads, the token."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")
from fastapi.testclient import TestClient  # noqa: E402
from test_web_fixture import A1, E2, F1, H1, I1, J4, R1, R2, W, analysed_examples, build_store, copy_store  # noqa: E402

from storyline.store import open_store  # noqa: E402
from storyline.web import create_app  # noqa: E402

H2 = "html/continental_observer_followup"


def _keep_results(store) -> None:
    """Stand-in for the analysis stages in tests that add articles: leaves the stored results alone."""


@pytest.fixture(scope="module")
def built() -> Path:
    return analysed_examples()


@pytest.fixture(scope="module")
def client(built: Path) -> TestClient:
    return TestClient(create_app(str(built)), base_url="http://localhost")


@pytest.fixture
def writable(built: Path, tmp_path: Path) -> TestClient:
    db = copy_store(built, tmp_path / "w.db")
    return TestClient(
        create_app(str(db), max_upload_bytes=50_000, run_stages=_keep_results), base_url="http://localhost"
    )


def _story_of(client: TestClient, article_id: str) -> dict:
    """The summary of the one story holding ``article_id``."""
    [story] = client.get(f"/api/articles/{article_id}").json()["stories"]
    return story


def test_health_counts_the_store(client: TestClient, built: Path) -> None:
    with open_store(str(built)) as store:
        expected = {
            "articles": 16,
            "stories": store.count_results("stories"),
            "threads": store.count_results("threads"),
        }
    assert client.get("/api/health").json() == expected
    assert expected["stories"] >= 2 and expected["threads"] >= 1


def test_stories_newest_first_with_counts(client: TestClient) -> None:
    body = client.get("/api/stories").json()
    assert body["total"] == len(body["stories"]) >= 2
    ids = [s["id"] for s in body["stories"]]
    dam, resignation = _story_of(client, W), _story_of(client, E2)
    assert ids.index(resignation["id"]) < ids.index(dam["id"])
    assert (dam["articles"], dam["outlets"], dam["origins"]) == (7, 7, 4), "four copies of the wire count as one origin"
    claims = client.get("/api/claims", params={"story": dam["id"]}).json()
    assert dam["claims"] == len(claims) > 0
    [thread] = client.get("/api/threads").json()
    assert dam["thread"] == resignation["thread"] == thread["id"] and dam["thread_title"] == thread["title"]


def test_stories_search_filters_and_paging(client: TestClient) -> None:
    dam, resignation, air = _story_of(client, W), _story_of(client, E2), _story_of(client, J4)
    hit = client.get("/api/stories", params={"q": "spillway"}).json()
    assert dam["id"] in {s["id"] for s in hit["stories"]} and air["id"] not in {s["id"] for s in hit["stories"]}
    assert hit["hits"] and all("\ue000" in h["snippet"] for h in hit["hits"])
    assert [
        s["id"] for s in client.get("/api/stories", params={"q": '"penalty shoot-out" OR nothing'}).json()["stories"]
    ] == []
    april = {s["id"] for s in client.get("/api/stories", params={"date_from": "2025-04-01"}).json()["stories"]}
    assert {resignation["id"], air["id"]} <= april and dam["id"] not in april
    assert dam["id"] not in {
        s["id"] for s in client.get("/api/stories", params={"date_to": "2025-03-09"}).json()["stories"]
    }
    assert [s["id"] for s in client.get("/api/stories", params={"source": "Vantage Daily"}).json()["stories"]] == [
        resignation["id"]
    ]
    assert {s["id"] for s in client.get("/api/stories", params={"thread": dam["thread"]}).json()["stories"]} == {
        dam["id"],
        resignation["id"],
    }
    total = client.get("/api/stories").json()["total"]
    page = client.get("/api/stories", params={"limit": 3, "offset": total - 2}).json()
    assert page["total"] == total and len(page["stories"]) == 2
    assert client.get("/api/stories", params={"date_from": "March"}).status_code == 400
    assert client.get("/api/stories", params={"limit": 0}).status_code == 422


def test_story_detail(client: TestClient) -> None:
    dam = _story_of(client, W)
    d = client.get(f"/api/stories/{dam['id']}").json()
    (group,) = d["groups"]
    assert group["origin"] == W and group["members"][0]["is_origin"] and group["members"][0]["id"] == W
    assert {m["id"] for m in group["members"]} == {W, R1, R2, H1}
    assert {m["relation"] for m in group["members"][1:]} == {"edited"} and all(m["edits"] for m in group["members"][1:])
    assert {a["id"] for a in d["singles"]} == {I1, H2, F1}
    assert any(c["verdict"] == "corroborated" and c["n_origins"] >= 2 for c in d["claims"])
    assert any(c["unnamed"] for c in d["claims"])
    disputed = [c for c in d["claims"] if c["contradicts"]]
    assert disputed and all(ref["text"] for c in disputed for ref in c["contradicts"])
    dates = [e["date"] for e in d["events"]]
    assert dates and dates[0] == "1978" and all(e["story"] == dam["id"] for e in d["events"])
    edges = {(e["source"], e["target"], e["kind"]) for e in d["graph"]["edges"]}
    assert ("the northern ledger", "meridian news", "copies") in edges
    assert any(kind == "cites" for _, _, kind in edges)
    assert client.get("/api/stories/S404").status_code == 404


def test_threads(client: TestClient) -> None:
    (t,) = client.get("/api/threads").json()
    dam, resignation = _story_of(client, W), _story_of(client, E2)
    assert (t["stories"], t["articles"]) == (2, dam["articles"] + resignation["articles"])
    d = client.get(f"/api/threads/{t['id']}").json()
    assert [s["id"] for s in d["stories"]] == [dam["id"], resignation["id"]], "oldest first"
    assert client.get("/api/threads/nope").status_code == 404


def test_articles_list_search_and_detail(client: TestClient) -> None:
    body = client.get("/api/articles", params={"limit": 2}).json()
    assert body["total"] == 16 and len(body["articles"]) == 2
    assert body["articles"][0]["published"].startswith("2025-04-15")
    found = client.get("/api/articles", params={"q": "turboprops"}).json()
    assert [a["id"] for a in found["articles"]] == [J4]
    d = client.get(f"/api/articles/{R1}").json()
    assert d["article"]["credits"] == ["Meridian News"]
    assert any("newsletter" in r["text"].lower() for r in d["article"]["removed"])
    assert d["copies"]["origin"] == W and [s["id"] for s in d["stories"]] == [_story_of(client, W)["id"]]
    assert all(R1 in c["article_ids"] for c in d["claims"]) and d["claims"]
    assert client.get("/api/articles/" + A1).json()["article"]["source"] == "Amsel Evening Post"
    assert client.get("/api/articles/no-such").status_code == 404


def test_diffs_stored_by_the_copies_stage(client: TestClient) -> None:
    stored = client.get(f"/api/diffs/{R1}").json()
    assert stored["stored"] and stored["counts"]["edited"] >= 1
    assert "date" in {t for r in stored["rows"] for t in r["edits"]}, "the reprint made 'Sunday' a date"
    assert client.get(f"/api/diffs/{W}").status_code == 404
    assert client.get(f"/api/diffs/{E2}").status_code == 404


def test_diffs_computed_when_none_was_stored(tmp_path: Path) -> None:
    """The hand-written results store a diff for one copy only (the pipeline stores one for every copy)."""
    c = TestClient(create_app(str(build_store(tmp_path / "hand.db"))), base_url="http://localhost")
    stored = c.get(f"/api/diffs/{R1}").json()
    assert (
        stored["stored"]
        and stored["counts"]["removed"] == 1
        and stored["rows"][0]["edits"] == ["honorific", "spelling"]
    )
    computed = c.get(f"/api/diffs/{R2}").json()
    assert not computed["stored"] and computed["counts"]["added"] >= 1 and computed["counts"]["same"] > 5
    changed = [s["text"] for r in computed["rows"] for s in r["copy"] if s["changed"]]
    assert any("Brightwater" in t for t in changed)


def test_raw_result_lists(client: TestClient, built: Path) -> None:
    sources = client.get("/api/sources").json()
    assert sources[0] == "Amsel Evening Post" and sources == sorted(sources, key=str.lower)
    assert client.get("/api/copy_groups").json()[0]["origin"] == W
    resignation = _story_of(client, E2)
    claims = client.get("/api/claims", params={"story": resignation["id"]}).json()
    assert claims and {c["story"] for c in claims} == {resignation["id"]}
    events = client.get("/api/timeline", params={"story": resignation["id"]}).json()
    assert events and {e["story"] for e in events} == {resignation["id"]}
    with open_store(str(built)) as store:
        assert len(client.get("/api/timeline").json()) == store.count_results("timeline")


def test_openapi_documents_every_endpoint(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for p in (
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/threads",
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/diffs/{article_id}",
        "/api/upload",
        "/api/claims",
        "/api/timeline",
        "/api/health",
    ):
        assert p in paths, p
    assert "post" in paths["/api/articles"] and "requestBody" in paths["/api/articles"]["post"]
    assert client.get("/docs").status_code == 200


def test_add_articles_as_json(writable: TestClient) -> None:
    art = {
        "id": "note-1",
        "title": "Ferry service resumes",
        "text": "The ferry to Oskar island resumed on Monday, the operator said.",
        "published": "2025-03-10",
        "source": "Harbour Weekly",
    }
    r = writable.post("/api/articles", json=[art])
    assert r.status_code == 201, r.text
    assert r.json()["added"] == 1 and r.json()["article_ids"] == ["note-1"]
    assert writable.get("/api/articles/note-1").json()["article"]["source"] == "Harbour Weekly"
    assert writable.get("/api/articles", params={"q": "Oskar"}).json()["articles"][0]["id"] == "note-1"
    again = writable.post("/api/articles", json={"articles": [art]})
    assert again.status_code == 200 and again.json()["unchanged"] == 1
    clash = writable.post("/api/articles", json=dict(art, text="A different text under the same id."))
    assert clash.status_code == 200 and clash.json()["added"] == 0 and "already stored" in clash.json()["errors"][0]
    replaced = writable.post("/api/articles?replace=true", json=dict(art, text="A different text under the same id."))
    assert replaced.status_code == 201


def test_add_articles_bad_json(writable: TestClient) -> None:
    broken = writable.post(
        "/api/articles", content=b'[{"id": "x", "text": "y"', headers={"content-type": "application/json"}
    )
    assert broken.status_code == 400 and "broken JSON" in broken.json()["detail"]
    missing = writable.post("/api/articles", json=[{"id": "x"}])
    assert missing.status_code == 422 and missing.json()["detail"][0]["loc"] == [0, "text"]
    assert writable.post("/api/articles", json=[]).status_code == 422
    assert writable.post("/api/articles", json=42).status_code == 400
    wrong = writable.post("/api/articles", content=b"id,text", headers={"content-type": "text/csv"})
    assert wrong.status_code == 415
    big = writable.post("/api/articles", json=[{"id": "big", "text": "word " * 20_000}])
    assert big.status_code == 413
    assert writable.get("/api/health").json()["articles"] == 16


def test_upload_every_input_kind(writable: TestClient) -> None:
    text = (
        b"Harbour crane toppled\n\n"
        b"A crane toppled at the Velm harbour on Tuesday, port officials said. Nobody was hurt.\n"
    )
    r = writable.post("/api/upload", files={"file": ("crane.txt", text, "text/plain")})
    assert r.status_code == 201 and r.json()["article_ids"] == ["crane"]
    jsonl = gzip.compress(b'{"id": "gz-1", "text": "Tram line 4 reopened after repairs, the city said."}\n')
    r = writable.post("/api/upload", files={"file": ("more.jsonl.gz", jsonl, "application/gzip")})
    assert r.status_code == 201 and r.json()["article_ids"] == ["gz-1"]
    html = (
        b"<html><head><title>Bridge opens</title></head><body><article><h1>Bridge opens</h1>"
        b"<p>The new footbridge over the Lesna river opened to walkers on Friday"
        b" after two years of work, the council said.</p>"
        b"<p>It links the old town with the station.</p></article></body></html>"
    )
    r = writable.post("/api/upload", files={"file": ("../../etc/bridge.html", html, "text/html")})
    assert r.status_code == 201 and r.json()["article_ids"] == ["bridge"]
    assert "/etc/" not in writable.get("/api/articles/bridge").json()["article"]["path"]
    assert writable.get("/api/health").json()["articles"] == 19


def test_bad_uploads(writable: TestClient) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 100
    r = writable.post("/api/upload", files={"file": ("photo.png", png, "image/png")})
    assert r.status_code == 415 and "unsupported" in r.json()["detail"]
    r = writable.post("/api/upload", files={"file": ("photo.txt", png, "text/plain")})
    assert r.status_code == 415 and "PNG" in r.json()["detail"]
    r = writable.post("/api/upload", files={"file": ("tool.exe", b"MZ\x90\x00", "application/octet-stream")})
    assert r.status_code == 415
    r = writable.post("/api/upload", files={"file": ("big.txt", b"a" * 60_000, "text/plain")})
    assert r.status_code == 413 and "limit" in r.json()["detail"]
    r = writable.post("/api/upload", files={"file": ("huge.txt", b"a" * 200_000, "text/plain")})
    assert r.status_code == 413
    r = writable.post("/api/upload", files={"file": ("empty.txt", b"", "text/plain")})
    assert r.status_code == 400
    r = writable.post(
        "/api/upload", files={"file": ("broken.jsonl", b'{"id": "a", "text": \n{nope\n', "application/json")}
    )
    assert r.status_code == 422 and r.json()["added"] == 0 and r.json()["errors"]
    assert "storyline-upload" not in " ".join(r.json()["errors"])
    assert writable.post("/api/upload").status_code == 422
    assert writable.get("/api/health").json()["articles"] == 16


def test_upload_reruns_the_stages(built: Path, tmp_path: Path) -> None:
    calls = []
    db = copy_store(built, tmp_path / "s.db")
    c = TestClient(
        create_app(str(db), run_stages=lambda store: calls.append(store.count_articles())), base_url="http://localhost"
    )
    c.post("/api/articles", json={"id": "n1", "text": "A short note about the weather."})
    assert calls == [17]


def test_token_required_when_set(built: Path) -> None:
    c = TestClient(create_app(str(built), token="s3cret"), base_url="http://localhost")
    assert c.get("/api/health").status_code == 401
    assert c.get("/").status_code == 401
    assert c.get("/static/style.css").status_code == 401
    assert c.get("/api/health", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert c.get("/api/health", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    r = c.get("/?token=s3cret")
    assert (
        r.status_code == 200
        and "storyline_token" in r.headers["set-cookie"]
        and "s3cret" not in r.headers["set-cookie"]
    )
    story = c.get("/api/stories").json()["stories"][0]["id"]
    assert c.get(f"/stories/{story}").status_code == 200
    c.cookies.clear()
    assert c.get(f"/stories/{story}").status_code == 401
    assert c.post("/api/articles", json={"id": "t", "text": "x"}).status_code == 401


def test_security_headers(client: TestClient) -> None:
    r = client.get(f"/stories/{_story_of(client, W)['id']}")
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-content-type-options"] == "nosniff"


def test_path_traversal_is_refused(client: TestClient) -> None:
    for url in ("/static/../app.py", "/static/..%2fapp.py", "/static/%2e%2e/%2e%2e/store/sqlite.py"):
        r = client.get(url)
        assert r.status_code == 404 and "import" not in r.text, url
    assert client.get("/articles/..%2F..%2Fetc%2Fpasswd").status_code == 404


def test_store_changes_are_picked_up(built: Path, tmp_path: Path) -> None:
    db = copy_store(built, tmp_path / "c.db")
    c = TestClient(create_app(str(db)), base_url="http://localhost")
    assert c.get("/api/health").json()["stories"] > 2
    with open_store(str(db)) as store:
        store.put_results("stories", json.loads(json.dumps(store.get_results("stories")[:2])))
    assert c.get("/api/health").json()["stories"] == 2


def test_rows_that_do_not_fit_the_schema_are_left_out_and_the_rest_renders(tmp_path: Path) -> None:
    from storyline.model import Article

    db = tmp_path / "odd.db"
    with open_store(str(db)) as store:
        store.add_articles(
            [Article(id="a1", text="The ferry resumed on Monday.", title="One"), Article(id="a2", text="Other text.")]
        )
        store.put_results(
            "stories",
            [
                {"title": "No id", "article_ids": ["a1"]},
                "junk",
                {"id": "s2", "title": "Only some fields", "article_ids": None},
                {"id": "s3", "title": "Ferry", "article_ids": ["a1", "ghost"]},
            ],
        )
        store.put_results(
            "copy_groups",
            [{"id": "g", "origin": "a1", "members": [{"article_id": "a2", "relation": "edited", "similarity": 0.9}]}],
        )
        store.put_results(
            "claims",
            [
                {"id": "c", "story": "s3", "text": "x", "chains": [["Someone", "person"], "bad"]},
                {"id": "c2", "story": "s3", "text": "The ferry resumed on Monday.", "article_ids": ["a1"]},
            ],
        )
        store.put_results(
            "timeline",
            [
                {"date": "whenever", "text": "?"},
                {"date": "2025-03-10", "text": "The ferry resumes.", "article_id": "a1", "story": "s3"},
            ],
        )
    app = create_app(str(db))
    c = TestClient(app, base_url="http://localhost")
    assert {s["id"] for s in c.get("/api/stories").json()["stories"]} == {"s2", "s3"}
    d = c.get("/api/stories/s3").json()
    assert {m["id"] for m in d["groups"][0]["members"]} == {"a1", "a2"}
    assert [x["id"] for x in d["claims"]] == ["c2"] and [e["text"] for e in d["events"]] == ["The ferry resumes."]
    for url in ("/stories/s3", "/stories/s2", "/articles/a2", "/articles/a1"):
        assert c.get(url).status_code == 200, url
    problems = app.state.view.snapshot().corpus.problems
    assert len(problems) == 4 and any("Story.id" in p for p in problems) and any("Claim.chains" in p for p in problems)


def test_docs_page_works_offline(client: TestClient) -> None:
    page = client.get("/docs").text
    assert "GET /api/stories/{story_id}" in page and "POST /api/upload" in page
    assert "cdn" not in page.lower() and not re.search(r'(src|href)="https?://', page), (
        "nothing fetched from the network"
    )
