"""Clean: one raw document in, one clean article (body, metadata, what was removed) out.

A pure function of its input, so it can run in any process or on any engine.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from dossier.clean.dates import parse_date
from dossier.clean.html import extract_html
from dossier.clean.language import detect_language, script_counts, script_shares
from dossier.clean.text import clean_text
from dossier.ingest.formats import RawDocument
from dossier.model import Article, Problem, Removed

__all__ = ["MetadataOverrides", "clean_document", "article_id"]

# Below this a "body" is a stray word or a menu, not an article.
MIN_ARTICLE_LETTERS = 20


@dataclass(frozen=True)
class MetadataOverrides:
    """What the user said about an article: a sidecar entry and/or a date for all articles."""

    sidecar: dict[str, str] | None = None
    date: dt.date | None = None


def article_id(title: str | None, text: str) -> str:
    digest = hashlib.blake2b(f"{title or ''}\n{text}".encode(), digest_size=6).hexdigest()
    return f"a{digest}"


def clean_document(
    raw: RawDocument, overrides: MetadataOverrides | None = None
) -> Article | Problem:
    overrides = overrides or MetadataOverrides()
    meta = dict(raw.meta)
    removed: list[Removed] = []
    if raw.html is not None:
        page = extract_html(raw.html, url=meta.get("url"))
        for key in ("title", "published", "byline", "source", "url"):
            value = getattr(page, key)
            if value and not meta.get(key):
                meta[key] = value
        removed.extend(
            Removed(text=line, reason="page text outside the article") for line in page.page_lines
        )
        body_source, scripts_of = page.body, page.body
        cleaned = clean_text(page.body, title=meta.get("title"), find_title=False)
    else:
        body_source = scripts_of = raw.text or ""
        cleaned = clean_text(body_source, title=meta.get("title"), find_title=True)
    removed.extend(cleaned.removed)
    letters = sum(script_counts(cleaned.text).values())
    if cleaned.text.strip() and letters < MIN_ARTICLE_LETTERS:
        return Problem(
            path=raw.path,
            severity="error",
            reason=f"too little text to be an article ({letters} letters)",
        )
    if not cleaned.text.strip():
        what = "no article text left after cleaning" if body_source.strip() else "no article text"
        return Problem(
            path=raw.path,
            severity="error",
            reason=f"{what} ({len(removed)} boilerplate lines removed)" if removed else what,
        )

    published, published_from = _publication_date(meta, cleaned.meta, overrides)
    sidecar = overrides.sidecar or {}
    title = sidecar.get("title") or cleaned.title or meta.get("title")
    return Article(
        id=article_id(title, cleaned.text),
        path=raw.path,
        format=raw.format,
        title=title,
        published=published,
        published_from=published_from,
        source=sidecar.get("source") or meta.get("source") or cleaned.meta.get("source")
        or cleaned.meta.get("agency"),
        url=sidecar.get("url") or meta.get("url"),
        byline=sidecar.get("byline") or meta.get("byline") or cleaned.meta.get("byline"),
        dateline=cleaned.meta.get("dateline"),
        language=detect_language(cleaned.text),
        scripts=script_shares(scripts_of),
        text=cleaned.text,
        removed=removed,
    )  # type: ignore[arg-type]


def _publication_date(
    meta: dict, found_in_text: dict, overrides: MetadataOverrides
) -> tuple[dt.date | None, str | None]:
    sidecar_date = parse_date((overrides.sidecar or {}).get("published"))
    if sidecar_date:
        return sidecar_date, "sidecar"
    if overrides.date:
        return overrides.date, "user"
    meta_date = parse_date(meta.get("published"))
    if meta_date:
        return meta_date, "meta"
    text_date = found_in_text.get("published")
    if isinstance(text_date, dt.date):
        return text_date, "text"
    return None, None
