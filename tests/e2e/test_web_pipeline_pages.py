"""In headless Chromium, on the analysis the pipeline itself makes of examples/: a thread page, an
article reached from one of the thread's claims, and the API docs, none of them reaching past localhost."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.request import urlopen

from .web_e2e_support import LiveServer

SVG_TEXT_OUTSIDE = """() => [...document.querySelectorAll('svg.chart')].flatMap(svg => {
  const width = svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll('text')].filter(t => { const b = t.getBBox(); return b.x < -1 || b.x + b.width > \
width + 1; })
    .map(t => t.textContent);
})"""

NODE_TEXT_OUTSIDE = """() => [...document.querySelectorAll('svg.graph g.node')].filter(g => {
  const box = g.querySelector('rect').getBBox(), text = g.querySelector('text').getBBox();
  return text.x + text.width > box.x + box.width;
}).map(g => g.querySelector('text').textContent)"""


def _api(server: LiveServer, path: str) -> dict:
    with urlopen(server.url + path) as response:
        return json.load(response)


def test_thread_page_holds_its_stories_claims_and_one_timeline(
    local_page, pipeline_server: LiveServer, artifacts: Path
) -> None:
    page = local_page
    [thread] = _api(pipeline_server, "/api/threads")
    detail = _api(pipeline_server, f"/api/threads/{thread['id']}")
    page.goto(pipeline_server.url + "/threads")
    page.get_by_role("link", name=thread["title"], exact=True).first.click()
    page.wait_for_url(f"**/threads/{thread['id']}")
    assert page.locator("h1").inner_text() == thread["title"]
    assert f"{thread['stories']} stories" in page.locator("p.meta").inner_text()
    assert page.locator("svg.thread a.story-link").count() == len(detail["stories"]) == thread["stories"] >= 2
    claims = page.locator("li.claim")
    assert claims.count() == len(detail["claims"]) > 0
    assert page.locator("li.claim .contradicts").count() >= 1, "the 14 dead against 17 dead of the examples"
    events = page.locator("svg.timeline g.event")
    assert events.count() == len(detail["events"]) > 0
    stories_of_events = {e.get("story") for e in detail["events"]}
    assert len(stories_of_events) >= 2, "one timeline across the thread's stories"
    assert page.evaluate(SVG_TEXT_OUTSIDE) == [], "chart text runs past its chart"
    page.screenshot(path=str(artifacts / "pipeline-thread.png"), full_page=True)
    for story in detail["stories"]:
        page.goto(pipeline_server.url + f"/stories/{story['id']}")
        assert page.evaluate(SVG_TEXT_OUTSIDE) == [], story["id"]
        assert page.evaluate(NODE_TEXT_OUTSIDE) == [], story["id"]
    assert page.outside == [] and page.errors == []


def test_article_reached_from_a_claim_marks_the_statement(
    local_page, pipeline_server: LiveServer, artifacts: Path
) -> None:
    page = local_page
    [thread] = _api(pipeline_server, "/api/threads")
    page.goto(pipeline_server.url + f"/threads/{thread['id']}")
    claim = page.locator("li.claim", has=page.locator("details.statements")).first
    claim_text = claim.locator(".claim-text").inner_text()
    claim.locator("details.statements summary").click()
    link = claim.locator("details.statements a.note").first
    link.click()
    page.wait_for_url("**/articles/**?claim=*")
    given = page.locator("section.given")
    assert given.is_visible()
    assert given.locator("q").inner_text() == claim_text
    marked = given.locator("mark.statement").inner_text()
    assert marked and set(marked.lower().split()) & set(claim_text.lower().split())
    text = page.locator("section.text").inner_text()
    assert len(text) > 200 and page.locator("h1").inner_text()
    published = page.locator("dl.meta-table dt:text-is('published') + dd").inner_text()
    assert published[:4].isdigit() and "unknown" not in published
    page.screenshot(path=str(artifacts / "pipeline-article.png"), full_page=True)
    assert page.outside == [] and page.errors == []


def test_api_docs_list_every_endpoint_offline(local_page, pipeline_server: LiveServer) -> None:
    page = local_page
    spec = _api(pipeline_server, "/openapi.json")
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(pipeline_server.url + "/docs")
    assert "API" in page.locator("h1").inner_text()
    shown = set(page.locator("section.endpoint h2").all_inner_texts())
    listed = {f"{method.upper()} {path}" for path, ops in spec["paths"].items() for method in ops}
    assert listed and shown == listed
    assert "GET /api/stories" in shown and any(s.startswith("GET /api/threads/{") for s in shown)
    assert page.locator("section.endpoint table.params").count() >= 1
    assert all(url.startswith(pipeline_server.url) for url in requested), requested
    assert page.outside == [] and page.errors == []
