"""End to end in headless Chromium: the example corpus from the stories page to a story, and hostile text."""

from __future__ import annotations

from pathlib import Path

import pytest

from .web_e2e_support import LiveServer


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("dialog", lambda d: (errors.append(f"dialog: {d.message}"), d.dismiss()))
    pg.errors = errors
    yield pg
    context.close()


def test_stories_to_story_copies_claims_timeline(page, example_server: LiveServer, artifacts: Path) -> None:
    page.goto(example_server.url + "/")
    rows = page.locator("tr.story-row")
    assert rows.count() == 8
    assert rows.first.locator("a.story-link").inner_text() == "Water minister Dravec resigns"
    page.screenshot(path=str(artifacts / "stories.png"), full_page=True)

    page.get_by_role("link", name="Upper Lesna dam collapse").click()
    page.wait_for_url("**/stories/S1")
    assert page.locator("h1").inner_text() == "Upper Lesna dam collapse"
    group = page.locator("div.group").first
    assert group.locator(".badge.origin").count() == 1 and group.locator(".badge.copy").count() == 3
    assert group.locator("tr.origin").inner_text().count("Meridian News") == 1

    diff = page.locator("details.diff-box", has_text="The Brightwater Gazette")
    assert not diff.locator("table.diff").is_visible()
    diff.locator("summary").click()
    assert diff.locator("table.diff").is_visible()
    assert diff.locator("tr.added mark.chg").count() >= 1

    claims = page.locator("li.claim")
    assert claims.count() == 6
    assert "corroborated: 2 independent origins" in claims.nth(2).inner_text()
    assert page.locator("li.claim .src.unnamed").count() >= 3

    timeline = page.locator("svg.timeline")
    assert timeline.is_visible() and timeline.locator("g.event").count() == 7
    assert page.locator("svg.graph g.node").count() >= 10
    page.screenshot(path=str(artifacts / "story.png"), full_page=True)
    assert (artifacts / "story.png").stat().st_size > 10_000

    page.get_by_role(
        "link", name="Karsovia dam collapse kills 14 as floodwater sweeps through valley", exact=True
    ).first.click()
    page.wait_for_url("**/articles/text%2F02_reprint_northern_ledger")
    assert "Removed boilerplate" in page.locator("section.removed").inner_text()
    assert page.locator("table.diff").count() == 1
    assert page.errors == []


def test_search_and_filters(page, example_server: LiveServer) -> None:
    page.goto(example_server.url + "/")
    page.fill("form.filters input[name=q]", "spillway")
    page.locator("form.filters button").click()
    assert page.locator("tr.story-row").count() == 2
    assert page.locator(".hits mark").count() >= 1
    page.goto(example_server.url + "/")
    page.select_option("form.filters select[name=source]", "Vantage Daily")
    page.wait_for_url("**source=Vantage+Daily**")
    assert page.locator("tr.story-row").count() == 1


def test_thread_page_links_its_stories(page, example_server: LiveServer) -> None:
    page.goto(example_server.url + "/threads/T1")
    assert page.locator("svg.thread a.story-link").count() == 2
    page.locator("svg.thread a.story-link rect").nth(1).click()
    page.wait_for_url("**/stories/S2")


def test_script_bearing_article_is_shown_as_text(page, tmp_path: Path, artifacts: Path) -> None:
    from test_web_pages import HOSTILE_TITLE, _hostile_store

    server = LiveServer(_hostile_store(tmp_path / "hostile.db"))
    try:
        page.goto(server.url + "/articles/evil%2F1")
        assert page.locator("h1").inner_text() == HOSTILE_TITLE
        assert '<img src=x onerror="window.__pwned = 2">' in page.locator("section.text").inner_text()
        assert page.locator("section.text img").count() == 0
        page.goto(server.url + "/stories/s%3C1%3E")
        assert page.locator("h1").inner_text() == "<script>window.__pwned = 3</script>"
        assert page.locator("li.claim .claim-text").inner_text() == "<script>alert(7)</script>"
        page.screenshot(path=str(artifacts / "hostile.png"), full_page=True)
        assert page.evaluate("window.__pwned") is None
        assert page.errors == []
    finally:
        server.stop()


def test_report_opens_offline(page, tmp_path: Path) -> None:
    from test_web_fixture import build_store

    from storyline import pipeline
    from storyline.store import open_store
    from storyline.web import render_report

    with open_store(str(build_store(tmp_path / "r.db"))) as store:
        doc = pipeline.analysis_json(store)
    report = tmp_path / "report.html"
    report.write_text(render_report(doc), encoding="utf-8")
    requested: list[str] = []
    page.context.route(
        "**/*",
        lambda route: (
            (requested.append(route.request.url), route.abort())
            if not route.request.url.startswith("file:")
            else route.continue_()
        ),
    )
    page.goto(report.as_uri())
    assert page.locator("section.index").is_visible()
    page.fill("#report-filters input[name=q]", "turboprop")
    assert page.locator("section.index tr.story-row:visible").count() == 1
    page.fill("#report-filters input[name=q]", "")
    page.get_by_role("link", name="Upper Lesna dam collapse").click()
    story = page.locator("section.story-view:visible")
    assert story.count() == 1 and not page.locator("section.index").is_visible()
    assert story.locator("svg.timeline g.event").count() == 7 and story.locator("li.claim").count() == 6
    assert requested == [] and page.errors == []
