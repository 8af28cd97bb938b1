"""In a real browser: the speaker search, a statement's diffs and timeline, hostile text inert.

Runs `quotetrace serve` in a subprocess and drives Debian's chromium with
Playwright (never `playwright install`: the network is closed). Skipped when
/usr/bin/chromium or the playwright package is missing. Saves the screenshots
docs/datasette.md shows to tests/screenshots/.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from serve_helpers import start_server

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-background-networking",  # the network is closed: no update or sync calls
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason=f"{CHROMIUM} is not installed"),
]
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed", exc_type=ImportError
)


@pytest.fixture(scope="module")
def palmyra_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from quotetrace import store
    from quotetrace.pipeline import ingest

    path = tmp_path_factory.mktemp("browser") / "palmyra.db"
    db = store.open_db(path)
    ingest([ROOT / "data" / "palmyra"], db)
    db.close()
    yield from start_server(path)


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from test_datasette_corpus import build_db

    yield from start_server(build_db(tmp_path_factory.mktemp("browser") / "corpus.db"))


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.dialogs = dialogs  # alert() from injected script would land here
    yield page
    context.close()


def shot(page: Any, name: str) -> None:
    # The footer holds query timings: hidden so an unchanged page gives the same PNG.
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True, style="footer.ft { display: none; }")


def test_speaker_search_finds_every_spelling(page: Any, palmyra_url: str) -> None:
    expect = sync_api.expect
    page.goto(f"{palmyra_url}/palmyra/quotes_by_speaker")
    expect(page.get_by_role("heading", name="Quotes by speaker (any spelling)")).to_be_visible()
    # a person types the name one way and presses Enter
    page.locator("input[name=name]").fill("Hawash")
    page.locator("input[name=name]").press("Enter")
    page.wait_for_url("**name=Hawash**")
    table = page.locator("table.rows-and-columns")
    expect(table).to_be_visible()
    expect(table.locator("td.col-speaker_as_written", has_text="Hawach").first).to_be_visible()
    expect(table.locator("td.col-person").first).to_have_text("Nanar Hawash")
    assert table.locator("tbody tr").count() >= 2
    shot(page, "speaker-search.png")


def test_statement_page_shows_diffs_and_timeline(page: Any, palmyra_url: str) -> None:
    expect = sync_api.expect
    page.goto(f"{palmyra_url}/palmyra/first_appearances")
    # the statement that travelled furthest is first: open it from its cluster_id link
    page.locator("table.rows-and-columns tbody tr").first.locator("td.col-cluster_id a").click()
    page.wait_for_url("**/-/statement/**")
    expect(page.get_by_role("heading", name="Propagation timeline")).to_be_visible()
    versions = page.locator("article.qt-version")
    assert versions.count() >= 2
    expect(versions.first).to_contain_text("earliest")
    inserted = page.locator("article.qt-version blockquote ins")
    assert inserted.count() >= 1
    expect(inserted.first).to_be_visible()
    # inserted words are highlighted: a background colour, not just the default underline
    background = inserted.first.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    timeline = page.locator("svg.qt-timeline")
    expect(timeline).to_be_visible()
    assert timeline.locator("circle.qt-mark").count() == versions.count()
    shot(page, "statement.png")


def test_database_page_lists_the_canned_questions(page: Any, palmyra_url: str) -> None:
    page.goto(f"{palmyra_url}/palmyra")
    for title in ("Quotes by speaker (any spelling)", "Where each statement appeared first",
                  "Statements credited to more than one person"):  # fmt: skip
        sync_api.expect(page.get_by_role("link", name=title)).to_be_visible()
    shot(page, "database.png")


def test_hostile_quotes_render_as_text(page: Any, hostile_url: str) -> None:
    from test_datasette_corpus import XSS_CLUSTER, XSS_SCRIPT

    page.goto(f"{hostile_url}/corpus/-/statement/{XSS_CLUSTER}")
    sync_api.expect(page.get_by_text(XSS_SCRIPT).first).to_be_visible()
    assert page.locator("img[src=x]").count() == 0
    page.goto(f"{hostile_url}/corpus/quotes")
    sync_api.expect(page.get_by_text(XSS_SCRIPT).first).to_be_visible()
    assert page.dialogs == []


def test_a_pasted_quote_finds_its_statement_and_what_changed(page: Any, palmyra_url: str) -> None:
    expect = sync_api.expect
    page.goto(f"{palmyra_url}/palmyra/find_statement")
    expect(page.get_by_role("heading", name="Check a quote: which statement is it?")).to_be_visible()
    field = page.locator("[name=text]")
    field.fill("The Palmyra attack points to structural flaws rather than a simple one-off event")
    field.press("Enter")
    page.wait_for_url("**text=**")
    table = page.locator("table.rows-and-columns")
    expect(table).to_be_visible()
    expect(table.locator("td.col-what_differs", has_text="the pasted text says 'simple'; the earliest version says 'mere'")).to_be_visible()
    assert "Nanar Hawash" in table.locator("tbody tr").first.inner_text()
    assert table.locator("tbody tr").count() >= 3  # every version of the statement
    shot(page, "find-statement.png")


def test_the_statement_page_offers_its_claimreview(page: Any, palmyra_url: str) -> None:
    import json

    page.goto(f"{palmyra_url}/palmyra/find_statement?text=The+Palmyra+attack+points+to+structural+flaws")
    page.locator("table.rows-and-columns tbody tr").first.locator("td.col-cluster_id a").click()
    page.wait_for_url("**/-/statement/**")
    link = page.locator("a.qt-claimreview")
    sync_api.expect(link).to_be_visible()
    from urllib.parse import urljoin

    response = page.request.get(urljoin(page.url, link.get_attribute("href")))
    assert response.ok
    review = json.loads(response.text())
    assert review["@type"] == "ClaimReview" and review["itemReviewed"]["@type"] == "Claim"
    assert review["itemReviewed"]["author"]["name"] == "Nanar Hawash"
    assert review["reviewRating"]["ratingValue"] is None
