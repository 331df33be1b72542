"""Readable reports of a story: Markdown and one self-contained HTML file.

Both are rendered by streaming over the articles (Jinja2 `generate`), so they never need
the whole story in memory. Everything that comes from an article is escaped: HTML-escaped
by autoescaping in the HTML report, and HTML-escaped in Markdown too (Markdown renderers
pass raw HTML through).
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from jinja2 import Environment, PackageLoader, select_autoescape

from dossier import __version__
from dossier.model import Article, Problem

REPORT_ENTITY_LABELS = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW")
TOP_ENTITIES = 40


@dataclass
class StoryStats:
    """What the report's overview needs, accumulated one article at a time."""

    articles: int = 0
    words: int = 0
    dated: int = 0
    first: dt.date | None = None
    last: dt.date | None = None
    duplicates: int = 0
    removed: int = 0
    sources: Counter = field(default_factory=Counter)
    languages: Counter = field(default_factory=Counter)
    entity_mentions: Counter = field(default_factory=Counter)
    entity_articles: Counter = field(default_factory=Counter)

    def add(self, article: Article) -> None:
        self.articles += 1
        self.words += len(article.text.split())
        self.removed += len(article.removed)
        self.languages[article.language] += 1
        if article.source:
            self.sources[article.source] += 1
        if article.duplicate_of:
            self.duplicates += 1
        if article.published:
            self.dated += 1
            self.first = min(filter(None, (self.first, article.published)))
            self.last = max(filter(None, (self.last, article.published)))
        seen = set()
        for entity in article.entities:
            if entity.label in REPORT_ENTITY_LABELS:
                key = (entity.label, display_name(entity.text))
                self.entity_mentions[key] += 1
                seen.add(key)
        self.entity_articles.update(seen)

    def top_entities(
        self, n: int = TOP_ENTITIES, labels: tuple[str, ...] = REPORT_ENTITY_LABELS
    ) -> list[tuple[str, str, int, int]]:
        ranked = (
            (label, text, count, self.entity_articles[(label, text)])
            for (label, text), count in self.entity_mentions.most_common()
            if label in labels
        )
        return [row for _, row in zip(range(n), ranked, strict=False)]


def display_name(text: str) -> str:
    """Group "the United States" with "The United States" in the overview table."""
    words = text.split()
    if len(words) > 1 and words[0].lower() == "the":
        words = words[1:]
    return " ".join(words)


def highlight(article: Article) -> list[tuple[str, str | None]]:
    """The article text cut into (piece, entity label or None) for rendering."""
    pieces: list[tuple[str, str | None]] = []
    cursor = 0
    for entity in sorted(article.entities, key=lambda e: e.start):
        if entity.start < cursor:
            continue
        if entity.start > cursor:
            pieces.append((article.text[cursor : entity.start], None))
        pieces.append((article.text[entity.start : entity.end], entity.label))
        cursor = entity.end
    if cursor < len(article.text):
        pieces.append((article.text[cursor:], None))
    return pieces


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]#|])")


def md_escape(value: object) -> str:
    """Escape for Markdown: HTML-escape (raw HTML passes through renderers) and neutralise
    Markdown syntax characters so article text cannot create links, tables or headings."""
    text = html.escape("" if value is None else str(value), quote=True)
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_block(value: object) -> str:
    """Escaped paragraphs, each line prefixed for a Markdown blockquote."""
    return "\n>\n".join("> " + md_escape(p) for p in str(value).split("\n\n") if p.strip())


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("dossier.report", "templates"),
        autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = md_escape
    env.filters["md_block"] = md_block
    env.globals["highlight"] = highlight
    return env


def render(
    template: str,
    articles: Iterable[Article],
    problems: list[Problem],
    stats: StoryStats,
    title: str,
) -> Iterator[str]:
    env = _environment()
    return env.get_template(template).generate(
        articles=articles,
        problems=problems,
        stats=stats,
        title=title,
        version=__version__,
        generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )
