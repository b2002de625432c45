"""Server-rendered pages, the one-file report, and escaping of hostile article text."""

from __future__ import annotations

import base64
import hashlib
import re
from html import unescape
from pathlib import Path

import pytest
from markupsafe import escape

from storyline import pipeline
from storyline.model import Article
from storyline.store import open_store
from storyline.web import render_report

HOSTILE_TITLE = '<script>window.__pwned = 1</script>Hostile "title"'
HOSTILE_TEXT = (
    'First line <img src=x onerror="window.__pwned = 2"> end.\nSecond <a href="javascript:alert(3)">link</a> & more.'
)
HOSTILE_DOC = {
    "articles": [
        {
            "id": "evil/1",
            "title": HOSTILE_TITLE,
            "text": HOSTILE_TEXT,
            "source": "<b>Outlet</b>",
            "url": "javascript:alert(4)",
            "published": "2025-01-02",
            "credits": ["<i>Wire</i>"],
            "removed": [{"text": "<script>x()</script>", "reason": "ad"}],
            "inferred": {"source": "<u>guess</u>"},
        },
        {
            "id": "evil/2",
            "title": "A copy",
            "text": HOSTILE_TEXT + "\nAdded <svg onload=alert(5)>.",
            "source": "Copy outlet",
            "url": "https://x.example/a?b=1&c=2",
            "published": "2025-01-03",
        },
    ],
    "copy_groups": [
        {
            "id": "g<1>",
            "origin": "evil/1",
            "members": [
                {"article_id": "evil/1", "relation": "origin", "similarity": 1},
                {"article_id": "evil/2", "relation": "edited", "similarity": 0.9},
            ],
        }
    ],
    "stories": [
        {
            "id": "s<1>",
            "title": "<script>window.__pwned = 3</script>",
            "article_ids": ["evil/1", "evil/2"],
            "thread": "t1",
        }
    ],
    "threads": [{"id": "t1", "title": "<img src=x onerror=alert(6)>", "story_ids": ["s<1>"]}],
    "claims": [
        {
            "id": "c1",
            "story": "s<1>",
            "text": "<script>alert(7)</script>",
            "article_ids": ["evil/1"],
            "origins": ["o"],
            "chains": [
                [{"name": "<b>Agency</b>", "kind": "agency"}, {"name": "\"quoted\" <person>", "kind": "person"}]
            ],
        }
    ],
    "timeline": [
        {
            "date": "2025-01-01",
            "text": "<script>alert(8)</script>",
            "article_id": "evil/1",
            "story": "s<1>",
            "reported": "2025-01-02",
        }
    ],
}


def _hostile_store(path: Path) -> Path:
    with open_store(str(path)) as store:
        store.add_articles([Article.from_dict(a) for a in HOSTILE_DOC["articles"]])
        for kind in pipeline.RESULT_KINDS:
            store.put_results(kind, HOSTILE_DOC.get(kind, []))
    return path


def _assert_inert(html: str) -> None:
    assert "<script>window.__pwned" not in html and "<script>alert" not in html
    assert "<img src=x" not in html and "<svg onload" not in html and "<b>" not in html
    assert 'href="javascript:' not in html
    assert "&lt;script&gt;" in html


def test_report_escapes_article_text() -> None:
    html = render_report(HOSTILE_DOC)
    _assert_inert(html)
    assert "&lt;img src=x onerror=&#34;window.__pwned = 2&#34;&gt;" in html or "&lt;img src=x onerror=&#34;" in html
    assert html.count("<script") == 1


def test_report_is_self_contained_and_hashes_its_inline_code() -> None:
    html = render_report(HOSTILE_DOC)
    assert not re.search(r"<(link|img|iframe|object|embed)\b", html)
    assert not re.search(r"<[^>]*\ssrc=", html)
    csp = unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1))
    script = re.search(r"<script>(.*?)</script>", html, re.S).group(1)
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    for code in (script, style):
        digest = base64.b64encode(hashlib.sha256(code.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in csp
    assert "default-src 'none'" in csp


def test_report_holds_every_view() -> None:
    from storyline.web.views import uid

    html = render_report(HOSTILE_DOC)
    for section in (
        f"story-{uid('s<1>')}",
        f"thread-{uid('t1')}",
        f"article-{uid('evil/1')}",
        f"article-{uid('evil/2')}",
        "threads",
    ):
        assert f'id="{section}"' in html, section
    assert 'class="chart timeline"' in html and 'class="chart graph"' in html and 'class="chart thread"' in html
    assert "https://x.example/a?b=1&amp;c=2" in html


def test_report_of_an_empty_document() -> None:
    html = render_report({"articles": []})
    assert "0 stories" in html and "No story matches." in html


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient
    from test_web_fixture import analysed_examples

    from storyline.web import create_app

    return TestClient(create_app(str(analysed_examples())), base_url="http://localhost")


def _story_of(pages, article_id: str) -> dict:
    [story] = pages.get(f"/api/articles/{article_id}").json()["stories"]
    return story


def test_stories_page(pages) -> None:
    from test_web_fixture import E2, W

    dam, resignation = _story_of(pages, W), _story_of(pages, E2)
    html = pages.get("/").text
    assert html.index(_link(resignation)) < html.index(_link(dam)), "newest first"
    assert "4 independent origins" in html and "7 outlets" in html, (
        "the dam story: four copies of the wire, three others"
    )
    [thread] = pages.get("/api/threads").json()
    assert f'<option value="{thread["id"]}">{escape(thread["title"])}</option>' in html


def _link(story: dict) -> str:
    return f'href="/stories/{story["id"]}"'


def test_stories_page_search_and_filters(pages) -> None:
    from test_web_fixture import E2, J4, W

    html = pages.get("/", params={"q": "turboprops"}).text
    assert _link(_story_of(pages, J4)) in html and _link(_story_of(pages, W)) not in html
    assert "<mark>turboprop</mark>" in html
    filtered = pages.get("/", params={"source": "Vantage Daily"}).text
    assert _link(_story_of(pages, E2)) in filtered and _link(_story_of(pages, W)) not in filtered
    bad = pages.get("/", params={"date_from": "soon"})
    assert bad.status_code == 400 and "Dates must look like" in bad.text


def test_story_page(pages) -> None:
    from test_web_fixture import W

    html = pages.get(f"/stories/{_story_of(pages, W)['id']}").text
    assert html.count('class="badge origin"') == 1 and html.count('class="badge copy"') == 3
    assert "The Northern Ledger against the origin" in html and '<table class="diff">' in html
    assert "rests on an unnamed source" in html and "corroborated: 3 independent origins" in html
    assert 'class="chart timeline"' in html and 'class="chart graph"' in html and ">KNA</text>" in html


def test_thread_article_and_other_pages(pages) -> None:
    from test_web_fixture import W

    [thread] = pages.get("/api/threads").json()
    html = pages.get(f"/threads/{thread['id']}").text
    assert 'class="chart thread"' in html and _link(_story_of(pages, W)) in html
    assert str(escape(thread["title"])) in pages.get("/threads").text
    art = pages.get("/articles/text%2F02_reprint_northern_ledger").text
    assert "Removed boilerplate" in art and "newsletter" in art.lower() and "Against its origin" in art
    assert "Meridian News" in art
    assert pages.get("/articles/nope").status_code == 404
    assert "Upload" in pages.get("/add").text


def test_every_story_thread_claim_and_article_of_the_examples_renders(pages) -> None:
    """Each page of the real analysis answers 200 with its content, and the API's answer fits its model."""
    from urllib.parse import quote

    stories = pages.get("/api/stories").json()["stories"]
    threads = pages.get("/api/threads").json()
    articles = pages.get("/api/articles", params={"limit": 1000}).json()["articles"]
    assert len(stories) >= 2 and threads and len(articles) == 16
    claims = 0
    for story in stories:
        api = pages.get(f"/api/stories/{quote(story['id'], safe='')}")
        html = pages.get(f"/stories/{quote(story['id'], safe='')}")
        assert api.status_code == html.status_code == 200, story["id"]
        page = unescape(html.text)
        for claim in api.json()["claims"]:
            assert claim["text"] in page, (story["id"], claim["id"])
            claims += 1
    assert claims > 0
    for thread in threads:
        assert pages.get(f"/api/threads/{quote(thread['id'], safe='')}").status_code == 200
        assert pages.get(f"/threads/{quote(thread['id'], safe='')}").status_code == 200
    for article in articles:
        aid = quote(article["id"], safe="")
        detail = pages.get(f"/api/articles/{aid}")
        assert detail.status_code == 200, article["id"]
        assert pages.get(f"/articles/{aid}").status_code == 200, article["id"]
        for claim in detail.json()["claims"][:3]:
            marked = pages.get(f"/articles/{aid}", params={"claim": claim["id"]})
            assert marked.status_code == 200 and "<q>" in marked.text, (article["id"], claim["id"])


def test_add_form_reports_errors(pages) -> None:
    r = pages.post("/add", files={"file": ("x.pdf", b"%PDF-1.4", "application/pdf")})
    assert r.status_code == 415 and "unsupported file type" in r.text


def test_hostile_article_pages_are_inert(tmp_path: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from storyline.web import create_app

    c = TestClient(create_app(str(_hostile_store(tmp_path / "h.db"))), base_url="http://localhost")
    for url in (
        "/",
        "/stories/s%3C1%3E",
        "/threads/t1",
        "/threads",
        "/articles/evil%2F1",
        "/articles/evil%2F2",
        "/?q=script",
    ):
        r = c.get(url)
        assert r.status_code == 200, url
        html = r.text.replace('<script src="/static/app.js" defer></script>', "")
        assert "<script" not in html and not re.search(r"<[^>]*\son\w+=", html), url
    _assert_inert(c.get("/stories/s%3C1%3E").text)
    detail = c.get("/api/stories/s<1>").json()
    assert detail["claims"][0]["text"] == "<script>alert(7)</script>"


def test_a_claim_in_the_outlets_own_voice_says_so(tmp_path: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from storyline.web import create_app

    with open_store(str(tmp_path / "v.db")) as store:
        store.add_articles(
            [
                Article.from_dict(
                    {"id": "own/1", "title": "Ferry resumes", "text": "The ferry resumed service on Monday."}
                )
            ]
        )
        store.put_results("stories", [{"id": "s1", "title": "Ferry resumes", "article_ids": ["own/1"]}])
        store.put_results(
            "claims",
            [
                {
                    "id": "c1",
                    "story": "s1",
                    "text": "The ferry resumed service on Monday",
                    "article_ids": ["own/1"],
                    "origins": ["“Ferry resumes”"],
                    "chains": [[]],
                }
            ],
        )
    page = TestClient(create_app(str(tmp_path / "v.db")), base_url="http://localhost").get("/stories/s1").text
    claim = page.split('<li class="claim"', 1)[1].split("</li>\n</ol>", 1)[0]
    assert "stated in the article&#39;s own voice" in claim or "stated in the article's own voice" in claim
    assert "<li></li>" not in claim and "source chains:" not in claim
