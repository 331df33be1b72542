"""The dossier web app: server-rendered pages (Jinja2, autoescaped) over the story store, a
JSON API for everything the pages show, and downloads of every export.

Design: pages are plain HTML that work without JavaScript (tables, filters as GET forms,
citations as links to `#passage`); small static scripts add the timeline, network and map
from JSON embedded with `|tojson`. Everything an article brings is untrusted: autoescaping,
a strict Content-Security-Policy (scripts only from /static), upload limits, names checked
against a pattern, ids looked up in the story and never used as paths, and a token on every
request when the app is served beyond loopback.
"""

from __future__ import annotations

import ipaddress
import secrets
import socket
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlencode, urlsplit

import httpx
from fastapi import FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from dossier import __version__
from dossier.export import FORMATS, MEDIA_TYPES, TABLES, export, export_sqlite, filename
from dossier.model import SECTIONS, Story
from dossier.store import NotFound, Store, StoreError, check_name, slugify
from dossier.store.diff import diff_versions
from dossier.summary.scoring import sentence_case
from dossier.web import views

HERE = Path(__file__).parent
TOKEN_COOKIE = "dossier_token"
TOKEN_HEADER = "x-dossier-token"
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "frame-ancestors 'none'; form-action 'self'"
)


@dataclass
class Limits:
    max_files: int = 50
    max_file_bytes: int = 5_000_000
    max_total_bytes: int = 25_000_000
    max_urls: int = 20
    fetch_timeout: float = 10.0
    # URLs that resolve to loopback, private, link-local or reserved addresses are refused:
    # a page on the web must not make this app fetch the user's router or cloud metadata.
    allow_private_urls: bool = False


class UserError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def create_app(
    store: Store, token: str | None = None, limits: Limits | None = None
) -> FastAPI:
    limits = limits or Limits()
    app = FastAPI(
        title="dossier",
        version=__version__,
        description="Stories built from news articles: articles, actors, events, quotes, "
        "claims, places, summary and timeline, with versions and exports.",
    )
    app.state.store = store
    app.state.token = token
    app.state.limits = limits
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals["version"] = __version__
    templates.env.filters["sentence"] = sentence_case
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.middleware("http")
    async def guard(request: Request, call_next):
        expected = request.app.state.token
        if expected:
            given = request.query_params.get("token")
            if given is not None and secrets.compare_digest(given, expected):
                rest = [(k, v) for k, v in request.query_params.multi_items() if k != "token"]
                target = request.url.path + (f"?{urlencode(rest)}" if rest else "")
                response = RedirectResponse(target, status_code=303)
                response.set_cookie(TOKEN_COOKIE, expected, httponly=True, samesite="strict")
                return _secure(response)
            offered = request.headers.get(TOKEN_HEADER) or request.cookies.get(TOKEN_COOKIE)
            bearer = request.headers.get("authorization", "")
            if bearer.lower().startswith("bearer "):
                offered = bearer[7:]
            if not offered or not secrets.compare_digest(offered, expected):
                return _secure(
                    JSONResponse(
                        {"detail": "a token is required: open the login link printed by "
                         "`dossier serve`, or send the X-Dossier-Token header"},
                        status_code=401,
                    )
                )
        if request.method == "POST":
            origin = request.headers.get("origin")
            if origin and origin != "null" and urlsplit(origin).netloc != request.url.netloc:
                return _secure(JSONResponse({"detail": "cross-site request refused"}, 403))
            length = request.headers.get("content-length")
            if length and length.isdigit() and int(length) > limits.max_total_bytes:
                return _error(request, templates, 413, _too_large(limits))
        return _secure(await call_next(request))

    @app.exception_handler(UserError)
    async def user_error(request: Request, exc: UserError):
        return _error(request, templates, exc.status, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return _error(request, templates, exc.status_code, str(exc.detail))

    # -- helpers -----------------------------------------------------------------------------

    def load(name: str, version: int | None = None) -> Story:
        try:
            return store.story(check_name(name), version)
        except NotFound as exc:
            raise UserError(404, str(exc)) from exc
        except StoreError as exc:
            raise UserError(400, str(exc)) from exc

    def page(request: Request, template: str, **context: Any) -> HTMLResponse:
        return templates.TemplateResponse(request, template, context)

    # -- pages ---------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request):
        return page(request, "index.html", stories=store.list_stories(), limits=limits)

    @app.post("/stories", include_in_schema=False)
    async def create_story_page(request: Request):
        name, version = await _create_or_add(request, store, limits, create=True)
        return RedirectResponse(f"/stories/{name}?v={version}", status_code=303)

    @app.post("/stories/{name}/add", include_in_schema=False)
    async def add_articles_page(request: Request, name: str):
        name, version = await _create_or_add(request, store, limits, create=False, name=name)
        return RedirectResponse(f"/stories/{name}?v={version}", status_code=303)

    @app.get("/stories/{name}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(
        request: Request,
        name: str,
        v: int | None = None,
        speaker: str | None = None,
        type: str | None = None,
        actor: str | None = None,
        since: str | None = None,
        until: str | None = None,
    ):
        story = load(name, v)
        version_list = store.versions(name)
        number = v or version_list[-1].number
        data = {
            "story": name,
            "version": number,
            "timeline": views.timeline_items(story),
            "network": views.network(story),
            "map": views.map_data(story),
        }
        return page(
            request, "story.html", name=name, story=story, versions=version_list,
            number=number, present=views.sections_present(story), names=views.names(story),
            places={p.id: p.name for p in story.places or []}, data=data,
            quotes=views.filter_quotes(story, speaker), speakers=views.speakers(story),
            speaker=speaker, events=views.filter_events(story, type, actor, since, until),
            filters={"type": type, "actor": actor, "since": since, "until": until},
            event_types=sorted({e.type for e in story.events or []}),
            ledger=views.claim_ledger(story), formats=FORMATS, tables=TABLES,
            articles={a.id: a for a in story.articles},
        )

    @app.get(
        "/stories/{name}/articles/{article_id}", response_class=HTMLResponse,
        include_in_schema=False,
    )
    def article_page(
        request: Request, name: str, article_id: str, v: int | None = None,
        start: int | None = None, end: int | None = None,
    ):
        story = load(name, v)
        article = _article(story, article_id)
        text = article.text
        if start is not None and end is not None and 0 <= start < end <= len(text):
            pieces = (text[:start], text[start:end], text[end:])
        else:
            pieces = (text, None, "")
        return page(request, "article.html", name=name, article=article, pieces=pieces, v=v)

    @app.get(
        "/stories/{name}/actors/{actor_id}", response_class=HTMLResponse,
        include_in_schema=False,
    )
    def actor_page(request: Request, name: str, actor_id: str, v: int | None = None):
        story = load(name, v)
        view = views.actor_view(story, actor_id)
        if view is None:
            raise UserError(404, f"no actor {actor_id!r} in this story")
        return page(request, "actor.html", name=name, names=views.names(story), v=v, **view)

    @app.get("/stories/{name}/diff", response_class=HTMLResponse, include_in_schema=False)
    def diff_page(request: Request, name: str, a: int, b: int):
        change = diff_versions(load(name, a), load(name, b))
        return page(request, "diff.html", name=name, a=a, b=b, diff=change)

    @app.get("/stories/{name}/export", include_in_schema=False)
    @app.get("/api/stories/{name}/export", tags=["exports"])
    def download(
        name: str,
        format: Literal[FORMATS] = "json",  # type: ignore[valid-type]
        table: Literal[TABLES] = "events",  # type: ignore[valid-type]
        v: int | None = None,
    ) -> Response:
        """The story (or one of its tables) in an export format, as a download."""
        story = load(name, v)
        file_name = filename(name, format, table)
        if format == "sqlite":
            with tempfile.TemporaryDirectory(prefix="dossier-export-") as tmp:
                path = Path(tmp) / file_name
                export_sqlite(store, name, path)
                content = path.read_bytes()
        else:
            title = store.story_info(name).title
            content = export(story, format, table, title=title)
        return Response(
            content, media_type=MEDIA_TYPES[format],
            headers={"Content-Disposition": f'attachment; filename="{file_name}"'},
        )

    # -- JSON API ------------------------------------------------------------------------------

    @app.get("/api/stories", tags=["stories"])
    def api_stories() -> list[dict[str, Any]]:
        return [
            {"name": s.name, "title": s.title, "created": s.created.isoformat(),
             "versions": s.versions, "articles": s.articles}
            for s in store.list_stories()
        ]

    @app.post("/api/stories", tags=["stories"], status_code=201)
    async def api_create(request: Request) -> dict[str, Any]:
        """Create a story (multipart form: name, title, files, text, urls)."""
        name, version = await _create_or_add(request, store, limits, create=True)
        return {"name": name, "version": version}

    @app.post("/api/stories/{name}/articles", tags=["stories"], status_code=201)
    async def api_add(request: Request, name: str) -> dict[str, Any]:
        """Add articles to a story: rebuilds it and stores a new version."""
        name, version = await _create_or_add(request, store, limits, create=False, name=name)
        return {"name": name, "version": version}

    @app.get("/api/stories/{name}", tags=["stories"])
    def api_story_info(name: str) -> dict[str, Any]:
        try:
            info = store.story_info(check_name(name))
        except StoreError as exc:
            raise UserError(404, str(exc)) from exc
        story = load(name)
        return {
            "name": info.name, "title": info.title,
            "versions": [
                {"number": v.number, "created": v.created.isoformat(), "note": v.note,
                 "articles": v.articles}
                for v in store.versions(name)
            ],
            "sections": views.sections_present(story),
        }

    @app.get("/api/stories/{name}/story", tags=["story"])
    def api_story(name: str, v: int | None = None) -> Response:
        """The whole story.json of a version (the latest by default)."""
        load(name, v)
        return Response(store.story_json(name, v), media_type="application/json")

    @app.get("/api/stories/{name}/sections/{section}", tags=["story"])
    def api_section(name: str, section: str, v: int | None = None) -> Any:
        if section not in (*SECTIONS, "articles", "problems"):
            raise UserError(404, f"no section {section!r}")
        items = getattr(load(name, v), section)
        if items is None:
            raise UserError(404, f"section {section!r} is not available in this story")
        return [item.model_dump(mode="json") for item in items]

    @app.get("/api/stories/{name}/articles/{article_id}", tags=["story"])
    def api_article(name: str, article_id: str, v: int | None = None) -> dict[str, Any]:
        return _article(load(name, v), article_id).model_dump(mode="json")

    @app.get("/api/stories/{name}/events", tags=["story"])
    def api_events(
        name: str,
        v: int | None = None,
        type: str | None = None,
        actor: str | None = None,
        since: Annotated[str | None, Query(description="ISO date prefix, inclusive")] = None,
        until: Annotated[str | None, Query(description="ISO date prefix, inclusive")] = None,
    ) -> list[dict[str, Any]]:
        story = load(name, v)
        return [
            e.model_dump(mode="json") for e in views.filter_events(story, type, actor, since, until)
        ]

    @app.get("/api/stories/{name}/quotes", tags=["story"])
    def api_quotes(
        name: str, v: int | None = None, speaker: str | None = None
    ) -> list[dict[str, Any]]:
        return [q.model_dump(mode="json") for q in views.filter_quotes(load(name, v), speaker)]

    @app.get("/api/stories/{name}/claims", tags=["story"])
    def api_claims(name: str, v: int | None = None) -> list[dict[str, Any]]:
        """The claims ledger: groups of claims about the same count, side by side."""
        return [
            {**group, "claims": [c.model_dump(mode="json") for c in group["claims"]]}
            for group in views.claim_ledger(load(name, v))
        ]

    @app.get("/api/stories/{name}/network", tags=["story"])
    def api_network(name: str, v: int | None = None) -> dict[str, Any]:
        return views.network(load(name, v))

    @app.get("/api/stories/{name}/timeline", tags=["story"])
    def api_timeline(name: str, v: int | None = None) -> list[dict[str, Any]]:
        return views.timeline_items(load(name, v))

    @app.get("/api/stories/{name}/map", tags=["story"])
    def api_map(name: str, v: int | None = None) -> dict[str, Any]:
        return views.map_data(load(name, v))

    @app.get("/api/stories/{name}/actors/{actor_id}", tags=["story"])
    def api_actor(name: str, actor_id: str, v: int | None = None) -> dict[str, Any]:
        view = views.actor_view(load(name, v), actor_id)
        if view is None:
            raise UserError(404, f"no actor {actor_id!r} in this story")
        return {
            "actor": view["actor"].model_dump(mode="json"),
            "quotes": [q.model_dump(mode="json") for q in view["quotes"]],
            "events": [e.model_dump(mode="json") for e in view["events"]],
            "interactions": view["interactions"],
        }

    @app.get("/api/stories/{name}/diff", tags=["story"])
    def api_diff(name: str, a: int, b: int) -> dict[str, Any]:
        """What version `b` adds to or changes from version `a`."""
        return diff_versions(load(name, a), load(name, b))

    return app


def _article(story: Story, article_id: str):
    article = next((a for a in story.articles if a.id == article_id), None)
    if article is None:
        raise UserError(404, f"no article {article_id!r} in this story")
    return article


def _secure(response: Response) -> Response:
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Frame-Options"] = "DENY"
    return response


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api/") or "application/json" in request.headers.get(
        "accept", ""
    )


def _error(request: Request, templates: Jinja2Templates, status: int, message: str) -> Response:
    if _wants_json(request):
        return _secure(JSONResponse({"detail": message}, status_code=status))
    response = templates.TemplateResponse(
        request, "error.html", {"status": status, "message": message}, status_code=status
    )
    return _secure(response)


def _too_large(limits: Limits) -> str:
    return (
        f"upload too large: at most {limits.max_total_bytes // 1_000_000} MB in all, "
        f"{limits.max_file_bytes // 1_000_000} MB per file"
    )


async def _create_or_add(
    request: Request, store: Store, limits: Limits, create: bool, name: str | None = None
) -> tuple[str, int]:
    try:
        form = await request.form(
            max_files=limits.max_files, max_fields=20, max_part_size=limits.max_file_bytes
        )
    except StarletteHTTPException as exc:
        raise UserError(
            400, f"{exc.detail} (at most {limits.max_files} files and "
            f"{limits.max_file_bytes // 1_000_000} MB of pasted text)",
        ) from exc
    documents: list[tuple[str, bytes]] = []
    total = 0
    for upload in form.getlist("files"):
        if not isinstance(upload, UploadFile) or not upload.filename:
            continue
        content = await upload.read(limits.max_file_bytes + 1)
        if len(content) > limits.max_file_bytes:
            raise UserError(413, f"file {upload.filename!r} is too large: " + _too_large(limits))
        total += len(content)
        if total > limits.max_total_bytes:
            raise UserError(413, _too_large(limits))
        documents.append((upload.filename, content))
    text = str(form.get("text") or "").strip()
    if text:
        documents.append(("pasted.txt", text.encode("utf-8")))
    urls = [u.strip() for u in str(form.get("urls") or "").splitlines() if u.strip()]
    if len(urls) > limits.max_urls:
        raise UserError(400, f"too many URLs: at most {limits.max_urls}")
    if urls:
        documents.extend(await _fetch_all(urls, limits))
    if len(documents) > limits.max_files:
        raise UserError(400, f"too many documents: at most {limits.max_files}")
    if not documents:
        raise UserError(400, "nothing to build: upload files, paste text or give URLs")
    title = str(form.get("title") or "").strip() or None
    if create:
        name = str(form.get("name") or "").strip() or slugify(title or documents[0][0])
    try:
        name = check_name(name or "")
        version = await run_in_threadpool(
            store.add_articles, name, documents, None, create, title
        )
    except NotFound as exc:
        raise UserError(404, str(exc)) from exc
    except StoreError as exc:
        raise UserError(400, str(exc)) from exc
    return name, version


def _public_host(host: str) -> bool:
    """True if every address `host` resolves to is a public one."""
    try:
        infos = socket.getaddrinfo(host, None)
    except (socket.gaierror, UnicodeError):
        return True  # unresolvable: the fetch fails with the offline message
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global or address.is_multicast:
            return False
    return True


async def _fetch_all(urls: list[str], limits: Limits) -> list[tuple[str, bytes]]:
    documents = []

    async def check_request(request: httpx.Request) -> None:
        # Runs for the first request and every redirect.
        host = request.url.host
        if not limits.allow_private_urls and not await run_in_threadpool(_public_host, host):
            raise UserError(
                400, f"refusing to fetch {request.url}: {host} is a local or private address"
            )

    async with httpx.AsyncClient(
        timeout=limits.fetch_timeout,
        follow_redirects=True,
        max_redirects=5,
        event_hooks={"request": [check_request]},
    ) as client:
        for url in urls:
            parts = urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.netloc:
                raise UserError(400, f"not an http(s) URL: {url!r}")
            try:
                async with client.stream("GET", url) as response:
                    response.raise_for_status()
                    body = bytearray()
                    async for chunk in response.aiter_bytes():
                        body.extend(chunk)
                        if len(body) > limits.max_file_bytes:
                            raise UserError(413, f"{url} is too large: " + _too_large(limits))
            except httpx.TimeoutException as exc:
                raise UserError(504, f"fetching {url} timed out after "
                                f"{limits.fetch_timeout:.0f}s") from exc
            except httpx.HTTPStatusError as exc:
                raise UserError(502, f"fetching {url} failed: HTTP "
                                f"{exc.response.status_code}") from exc
            except httpx.HTTPError as exc:
                raise UserError(
                    502, f"could not fetch {url}: {type(exc).__name__} (is this machine "
                    "offline? upload the files or paste the text instead)",
                ) from exc
            kind = response.headers.get("content-type", "")
            suffix = ".html" if "html" in kind or not kind else ".txt"
            base = (parts.netloc + parts.path).strip("/").replace("/", "_") or "page"
            documents.append((base[:100] + suffix, bytes(body)))
    return documents
