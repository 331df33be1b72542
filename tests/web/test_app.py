from __future__ import annotations

import re

import httpx
import pytest
from fastapi.testclient import TestClient

from dossier.model import Story
from dossier.store import Store
from dossier.web import Limits, create_app
from tests.conftest import SEEDS
from tests.store.sample import INJECTION, injected_story, seed_articles, seed_builder


@pytest.fixture
def store(tmp_path):
    made = Store(str(tmp_path / "web.db"), builder=seed_builder)
    made.create_story("syria", "Syria talks")
    made.add_version("syria", injected_story())
    yield made
    made.close()


@pytest.fixture
def client(store):
    return TestClient(create_app(store))


def _seed_files():
    return [("files", (p.name, p.read_bytes(), "text/plain")) for p in sorted(SEEDS.iterdir())]


def test_story_page_shows_every_section_with_links_to_sources(client, store):
    story = store.story("syria")
    page = client.get("/stories/syria")
    assert page.status_code == 200
    html = page.text
    for section in ("summary", "timeline", "network", "map", "quotes-table", "claims",
                    "events-table", "downloads"):
        assert f'id="{section}' in html
    first = story.summary[0]
    assert f"/articles/{first.article}?start={first.start}&amp;end={first.end}" in html
    # Conflicting figures appear side by side in one group.
    group = story.claim_groups[0]
    assert html.count('class="claim"') >= len(group.claims)
    assert "Not available" not in html


def test_absent_sections_say_not_available(store):
    bare = Story(articles=list(seed_articles()))
    store.create_story("bare")
    store.add_version("bare", bare)
    html = TestClient(create_app(store)).get("/stories/bare").text
    assert html.count("Not available") >= 6
    assert 'id="timeline"' not in html


def test_citation_opens_the_article_with_the_passage_highlighted(client, store):
    cite = store.story("syria").summary[1]
    page = client.get(f"/stories/syria/articles/{cite.article}?start={cite.start}&end={cite.end}")
    marked = re.search(r'<mark id="passage" class="passage">(.*?)</mark>', page.text, re.S)
    assert marked and marked.group(1) == cite.text.replace("&", "&amp;").replace('"', "&#34;")
    # Removed boilerplate is viewable on the same page.
    article = next(a for a in store.story("syria").articles if a.id == cite.article)
    assert 'id="removed"' in page.text
    assert all(f'class="removed-text">{r.text}<' in page.text for r in article.removed)


def test_injected_text_titles_and_file_names_are_escaped_everywhere(client, store):
    story = store.story("syria")
    article = story.articles[0]
    urls = [
        "/", "/stories/syria", f"/stories/syria/articles/{article.id}",
        "/stories/syria/actors/france", "/stories/syria?speaker=%3Cscript%3E",
    ]
    for url in urls:
        page = client.get(url)
        assert page.status_code == 200, url
        assert "<script>alert" not in page.text, url
        assert '" onmouseover="' not in page.text, url
    assert "&lt;script&gt;alert" in client.get(f"/stories/syria/articles/{article.id}").text
    # JSON embedded in the page is escaped by |tojson.
    page = client.get("/stories/syria").text
    embedded = re.search(r'id="story-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in embedded
    # Every script is an external file (the CSP forbids inline ones).
    assert not re.search(r"<script(?![^>]*(src=|application/json))", page)


def test_security_headers_on_pages_and_api(client):
    for url in ("/", "/api/stories", "/stories/syria", "/nope"):
        response = client.get(url)
        csp = response.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("style-src")[0]
        assert response.headers["x-content-type-options"] == "nosniff"


def test_api_lists_filters_and_describes_itself(client, store):
    story = store.story("syria")
    assert client.get("/api/stories").json()[0]["name"] == "syria"
    info = client.get("/api/stories/syria").json()
    assert info["sections"]["quotes"] == len(story.quotes)
    speaker = next(q.speaker for q in story.quotes if q.speaker)
    quotes = client.get("/api/stories/syria/quotes", params={"speaker": speaker}).json()
    assert quotes and {q["speaker"] for q in quotes} == {speaker}
    event = story.events[0]
    found = client.get(
        "/api/stories/syria/events",
        params={"type": event.type, "actor": event.source[0], "since": event.date.value[:7]},
    ).json()
    assert event.id in {e["id"] for e in found}
    assert all(e["type"] == event.type for e in found)
    assert client.get("/api/stories/syria/events", params={"until": "1999"}).json() == []
    network = client.get("/api/stories/syria/network").json()
    assert {e["data"]["kind"] for e in network["edges"]} <= {"cooperation", "conflict", "other"}
    assert "conflict" in {e["data"]["kind"] for e in network["edges"]}
    timeline = client.get("/api/stories/syria/timeline").json()
    assert {"status-planned", "status-happened"} & {
        c for item in timeline for c in item["className"].split()
    }
    places = client.get("/api/stories/syria/map").json()
    assert "756" in places["countries"]  # Switzerland, as world-atlas numbers it
    actor = client.get("/api/stories/syria/actors/france").json()
    assert actor["actor"]["name"] == "France" and actor["events"]
    assert client.get("/api/stories/syria/sections/summary").json()[0]["text"]
    assert Story.model_validate_json(client.get("/api/stories/syria/story").text) == story
    schema = client.get("/openapi.json").json()
    assert "/api/stories/{name}/quotes" in schema["paths"]


def test_unknown_things_and_traversal_attempts_are_404s(client):
    for url in (
        "/stories/nope", "/api/stories/nope/story", "/stories/syria/articles/..%2F..%2Fetc",
        "/api/stories/syria/sections/__class__", "/stories/syria?v=99",
        "/stories/..%2Fsyria", "/static/..%2F..%2Fapp.py", "/api/stories/syria/actors/nobody",
    ):
        assert client.get(url).status_code in (400, 404), url
    assert client.get("/api/stories/syria/export", params={"format": "exe"}).status_code == 422


def test_create_story_by_upload_and_add_articles_makes_a_version(client, store):
    files = _seed_files()
    response = client.post("/stories", data={"name": "seeds"}, files=files[:2])
    assert response.status_code == 200 and "/stories/seeds" in str(response.url)
    response = client.post("/api/stories/seeds/articles", files=files[2:4])
    assert response.status_code == 201 and response.json()["version"] == 2
    diff = client.get("/api/stories/seeds/diff", params={"a": 1, "b": 2}).json()
    assert len(diff["articles_added"]) == 2
    assert "articles added (2)" in client.get("/stories/seeds/diff?a=1&b=2").text.lower()


def test_upload_limits_give_clear_errors(store):
    limits = Limits(max_files=2, max_file_bytes=2_000, max_total_bytes=10_000)
    client = TestClient(create_app(store, limits=limits))
    files = _seed_files()
    tiny = [("files", (f"{n}.txt", b"Short note.", "text/plain")) for n in range(4)]
    too_many = client.post("/api/stories", data={"name": "many"}, files=tiny)
    assert too_many.status_code == 400 and "at most 2 files" in too_many.json()["detail"]
    too_big = client.post("/api/stories", data={"name": "big"}, files=files[:1])
    assert too_big.status_code == 413 and "too large" in too_big.json()["detail"]
    huge = client.post("/stories", data={"text": "x" * 20_000})
    assert huge.status_code == 413 and "too large" in huge.text
    nothing = client.post("/api/stories", data={"name": "empty"})
    assert nothing.status_code == 400 and "nothing to build" in nothing.json()["detail"]
    bad_name = client.post("/api/stories", data={"name": "../x"}, files=files[:1])
    assert bad_name.status_code in (400, 413)


def test_unreachable_urls_give_a_clear_message(client):
    response = client.post(
        "/api/stories", data={"name": "web", "urls": "http://dossier-test.invalid/nothing-here"}
    )
    assert response.status_code == 502
    assert "could not fetch" in response.json()["detail"]
    bad = client.post("/api/stories", data={"name": "web", "urls": "file:///etc/passwd"})
    assert bad.status_code == 400


def test_fetched_urls_become_articles(store, monkeypatch):
    page = (SEEDS / sorted(p.name for p in SEEDS.iterdir())[0]).read_bytes()

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=page, headers={"content-type": "text/plain"})

    real = httpx.AsyncClient

    def mocked(**kwargs):
        return real(transport=httpx.MockTransport(handler), **kwargs)

    monkeypatch.setattr("dossier.web.app.httpx.AsyncClient", mocked)
    client = TestClient(create_app(store))
    response = client.post(
        "/api/stories", data={"name": "fetched", "urls": "https://example.org/a"}
    )
    assert response.status_code == 201, response.text
    assert store.input_names("fetched") == ["example.org_a.txt"]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/admin",
        "http://localhost/",
        "http://169.254.169.254/latest/meta-data/",
        "http://10.0.0.1/router",
        "http://[::1]/",
    ],
)
def test_urls_of_local_and_private_addresses_are_refused(client, url):
    response = client.post("/api/stories", data={"name": "web", "urls": url})
    assert response.status_code == 400
    assert "local or private address" in response.json()["detail"]


def test_a_redirect_to_a_private_address_is_refused(store, monkeypatch):
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "example.org":
            return httpx.Response(302, headers={"location": "http://127.0.0.1/secret"})
        return httpx.Response(200, content=b"secret", headers={"content-type": "text/plain"})

    real = httpx.AsyncClient

    def mocked(**kwargs):
        return real(transport=httpx.MockTransport(handler), **kwargs)

    monkeypatch.setattr("dossier.web.app.httpx.AsyncClient", mocked)
    client = TestClient(create_app(store))
    response = client.post("/api/stories", data={"name": "r", "urls": "https://example.org/a"})
    assert response.status_code == 400
    assert "127.0.0.1" in response.json()["detail"]


def test_token_is_required_when_set(store):
    client = TestClient(create_app(store, token="s3cret"))
    assert client.get("/").status_code == 401
    assert client.get("/api/stories", headers={"X-Dossier-Token": "wrong"}).status_code == 401
    assert client.get("/api/stories", headers={"X-Dossier-Token": "s3cret"}).status_code == 200
    login = client.get("/stories/syria?token=s3cret", follow_redirects=False)
    assert login.status_code == 303 and login.headers["location"] == "/stories/syria"
    assert client.get("/stories/syria").status_code == 200  # the cookie now carries it


def test_cross_site_posts_are_refused(client):
    response = client.post(
        "/api/stories", data={"text": "x"}, headers={"Origin": "https://evil.example"}
    )
    assert response.status_code == 403


def test_download_buttons_serve_every_format(client):
    page = client.get("/stories/syria").text
    links = re.findall(r'href="(/stories/syria/export\?[^"]+)"', page)
    assert len(links) >= 13
    for link in links:
        response = client.get(link.replace("&amp;", "&"))
        assert response.status_code == 200, link
        assert "attachment" in response.headers["content-disposition"]
    csv_text = client.get("/stories/syria/export?format=csv&table=quotes").text
    assert csv_text.splitlines()[0].startswith("quote_id,speaker")
    assert INJECTION.split('"')[0] in csv_text  # data is exported as is, not HTML-escaped


def test_a_failed_build_leaves_no_story_behind(client, store):
    response = client.post("/api/stories", data={"name": "junk", "text": "Nothing to see."})
    assert response.status_code == 400 and "no usable article" in response.json()["detail"]
    assert "junk" not in {s["name"] for s in client.get("/api/stories").json()}
    page = client.post("/stories", data={"name": "junk", "text": "Nothing to see."})
    assert page.status_code == 400 and "no usable article" in page.text
