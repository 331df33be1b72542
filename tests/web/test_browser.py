"""The web app as a person uses it, in Debian's headless Chromium driven by Playwright.

Never downloads a browser: skipped when /usr/bin/chromium is absent. Screenshots of the main
pages go to tests/artifacts/.
"""

from __future__ import annotations

import csv
import io
import socket
import threading
import time
from pathlib import Path

import pytest

from dossier.store import Store
from dossier.web import create_app
from tests.conftest import REPO, SEEDS
from tests.store.sample import rich_story

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = REPO / "tests" / "artifacts"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update",
]

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (/usr/bin/chromium)"),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    import uvicorn

    store = Store(str(tmp_path_factory.mktemp("browser") / "stories.db"))
    store.create_story("syria", "Syria talks (every section)")
    store.add_version("syria", rich_story())
    port = _free_port()
    config = uvicorn.Config(create_app(store), host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}", store
    uv.should_exit = True
    thread.join(timeout=10)
    store.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    page.on("requestfailed", lambda r: page.problems.append(f"failed: {r.url}"))
    yield page
    context.close()


def _shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_create_a_story_by_uploading_the_seeds(server, page):
    base, store = server
    page.goto(base + "/")
    _shot(page, "index")
    page.fill("input[name=name]", "seeds")
    page.set_input_files("input[name=files]", sorted(str(p) for p in SEEDS.iterdir()))
    with page.expect_navigation(url=f"{base}/stories/seeds?v=1", timeout=180_000):
        page.click("#create-form button[type=submit]")
    assert page.inner_text("#story-name") == "seeds"
    assert page.locator("#articles tbody tr").count() == 5
    _shot(page, "story-built-from-seeds")
    assert not page.problems, page.problems
    assert len(store.story("seeds").articles) == 5


def test_story_page_draws_timeline_network_and_map(server, page):
    base, _ = server
    page.goto(base + "/stories/syria")
    page.wait_for_selector("#timeline .vis-item")
    page.wait_for_selector("#network canvas")
    # Countries outside the view are drawn as empty paths: count them rather than wait for
    # the first one to be visible.
    page.wait_for_function(
        "document.querySelectorAll('#map path.leaflet-interactive').length > 100"
    )
    page.wait_for_selector("#map path.leaflet-interactive[fill='#f2b84b']")  # mentioned country
    assert page.locator("#timeline .vis-item.status-planned").count() >= 1
    assert page.locator("#map path.leaflet-interactive").count() > 100  # country shapes
    _shot(page, "story")
    for section in ("timeline-section", "network-section", "map-section", "claims"):
        page.locator(f"#{section}").screenshot(path=str(ARTIFACTS / f"story-{section}.png"))
    assert not page.problems, page.problems  # no CSP violation, no script error


def test_click_a_summary_citation_and_see_the_highlighted_source(server, page):
    base, store = server
    cite = store.story("syria").summary[1]
    page.goto(base + "/stories/syria")
    page.locator("#summary a.cite").nth(1).click()
    passage = page.locator("mark#passage")
    passage.wait_for()
    assert passage.inner_text() == cite.text
    assert passage.is_visible()
    top = page.evaluate("document.getElementById('passage').getBoundingClientRect().top")
    assert 0 <= top < 900  # scrolled into view by the #passage anchor
    _shot(page, "article-cited-passage")


def test_filter_quotes_by_speaker(server, page):
    base, store = server
    speaker = next(q.speaker for q in store.story("syria").quotes if q.speaker)
    page.goto(base + "/stories/syria")
    rows = page.locator("#quotes-table tbody tr")
    total = rows.count()
    page.select_option("#speaker-filter", speaker)
    visible = page.locator("#quotes-table tbody tr:visible")
    expected = sum(1 for q in store.story("syria").quotes if q.speaker == speaker)
    assert 0 < visible.count() == expected < total
    for n in range(visible.count()):
        assert visible.nth(n).get_attribute("data-speaker") == speaker
    page.locator("#quotes").screenshot(path=str(ARTIFACTS / "quotes-filtered.png"))


def test_export_events_csv_from_the_download_button(server, page):
    base, store = server
    page.goto(base + "/stories/syria")
    with page.expect_download() as info:
        page.click("#download-events-csv")
    download = info.value
    assert download.suggested_filename == "syria-events.csv"
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert len(rows) == len(store.story("syria").events)
    assert rows[0]["event_type"] and "source_actor" in rows[0]


def test_actor_page_from_the_network(server, page):
    base, _ = server
    page.goto(base + "/stories/syria/actors/france")
    assert "France" in page.inner_text("h1")
    _shot(page, "actor")
