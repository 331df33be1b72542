"""Readable reports of a story: Markdown and one self-contained HTML file.

Both are rendered by streaming over the articles (Jinja2 `generate`), so they never need
the whole story in memory. Everything that comes from an article is escaped: HTML-escaped
by autoescaping in the HTML report, and HTML-escaped in Markdown too (Markdown renderers
pass raw HTML through).
"""

from __future__ import annotations

import bisect
import datetime as dt
import html
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from dossier import __version__
from dossier.model import Article, Problem
from dossier.summary.scoring import sentence_case

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
    # Per article: its number in the report, title and sentence starts, so a citation
    # anywhere in the report can point at the sentence it comes from.
    numbers: dict[str, int] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)
    sentence_starts: dict[str, list[int]] = field(default_factory=dict)

    def add(self, article: Article) -> None:
        self.articles += 1
        self.numbers[article.id] = self.articles
        self.titles[article.id] = article.title or "(untitled)"
        self.sentence_starts[article.id] = [s.start for s in article.sentences]
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


def anchor(article_id: str, start: int, stats: StoryStats) -> str:
    """The id of the sentence of `article_id` that contains offset `start`."""
    starts = stats.sentence_starts.get(article_id) or [0]
    index = max(bisect.bisect_right(starts, start) - 1, 0)
    return f"{article_id}-s{starts[index]}"


def article_html(article: Article) -> Markup:
    """The article text as HTML: each sentence a target for citations (`:target` highlights
    it, no script needed), entities marked inside. Every piece of text is escaped."""
    text = article.text
    out: list[str] = []
    cursor = 0
    entities = sorted(article.entities, key=lambda e: e.start)
    # Entities ended before the current sentence are never looked at again: without this
    # skip a long article costs sentences x entities.
    first = 0
    for sentence in sorted(article.sentences, key=lambda s: s.start):
        if sentence.start < cursor:
            continue
        out.append(html.escape(text[cursor : sentence.start]))
        out.append(f'<span class="sent" id="{html.escape(article.id)}-s{sentence.start}">')
        position = sentence.start
        while first < len(entities) and entities[first].end <= position:
            first += 1
        for entity in entities[first:]:
            start, end = max(entity.start, position), min(entity.end, sentence.end)
            if entity.end <= position or start >= end:
                continue
            if entity.start >= sentence.end:
                break
            out.append(html.escape(text[position:start]))
            label = html.escape(entity.label)
            out.append(
                f'<mark class="{label}" data-label="{label}">{html.escape(text[start:end])}</mark>'
            )
            position = end
        out.append(html.escape(text[position : sentence.end]))
        out.append("</span>")
        cursor = sentence.end
    out.append(html.escape(text[cursor:]))
    return Markup("".join(out))


@dataclass
class SectionView:
    """Lookups the report's section tables need: names for ids, events by type."""

    sections: dict[str, list]

    def __post_init__(self) -> None:
        self.actor_names = {a.id: a.name for a in self.sections.get("actors") or []}
        self.place_names = {p.id: p.name for p in self.sections.get("places") or []}
        self.claims = {c.id: c for c in self.sections.get("claims") or []}

    def has(self, name: str) -> bool:
        return bool(self.sections.get(name))

    def get(self, name: str) -> list:
        return self.sections.get(name) or []

    def actor(self, actor_id: str | None, fallback: str | None = None) -> str:
        if actor_id and actor_id in self.actor_names:
            return self.actor_names[actor_id]
        return fallback or "?"

    def actors(self, ids: list[str]) -> str:
        return ", ".join(self.actor(i) for i in dict.fromkeys(ids)) if ids else ""

    def forum_parts(self, forum: Any) -> str:
        """"chairs: United States, Russia; mediator: Staffan de Mistura; with: Syria, ...",
        each actor once, in the part that says most about them."""
        seen: set[str] = set()
        parts = []
        for label, ids in (
            ("chairs", forum.chairs),
            ("mediators", forum.mediators),
            ("guarantors", forum.guarantors),
            ("with", forum.participants),
        ):
            fresh = [i for i in dict.fromkeys(ids) if i not in seen]
            seen.update(fresh)
            if fresh:
                parts.append(f"{label}: {self.actors(fresh)}")
        return "; ".join(parts)

    def place(self, place_id: str | None) -> str:
        return self.place_names.get(place_id or "", "")

    def events_by_type(self) -> list[tuple[str, list]]:
        """Events by type, the most frequent type first; within a type, the events that name
        who acted or on whom first, then those dated: "talks" with neither says least."""
        groups: dict[str, list] = {}
        for event in self.get("events"):
            groups.setdefault(event.type, []).append(event)
        for events in groups.values():
            events.sort(key=lambda e: (not (e.source or e.target), e.date is None))
        return sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))

    def top_actors(self, n: int = 30) -> list:
        return sorted(self.get("actors"), key=lambda a: -len(a.mentions))[:n]

    def group_claims(self, group) -> list:
        return [self.claims[c] for c in group.claims if c in self.claims]


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


def story_title(stats: StoryStats) -> str:
    """Name the story after what it names most: "Syria, Aleppo, Russia: 5 articles"."""
    ranked = stats.top_entities(len(stats.entity_mentions), labels=("GPE", "PERSON", "ORG"))
    # "Jordan" the boy and "Jordan" the country, as the NER had it, are one word in a title.
    names = list(dict.fromkeys(text for _, text, _, _ in ranked))[:3]
    noun = "article" if stats.articles == 1 else "articles"
    lead = ", ".join(names) + ": " if names else "Story of "
    return f"{lead}{stats.articles} {noun}"


def md_escape(value: object) -> str:
    """Escape for Markdown: HTML-escape (raw HTML passes through renderers) and neutralise
    Markdown syntax characters so article text cannot create links, tables or headings.
    Quotation marks stay as they are: without "<" they cannot open a tag, and their entity
    ("&#x27;") would have its "#" escaped below and show as "&#x27;" in every viewer."""
    text = html.escape("" if value is None else str(value), quote=False)
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
    # A summary sentence told without its opening connective starts lower-case in its span.
    env.filters["sentence"] = sentence_case
    env.globals["highlight"] = highlight
    env.globals["article_html"] = article_html
    env.globals["anchor"] = anchor
    return env


def render(
    template: str,
    articles: Iterable[Article],
    problems: list[Problem],
    stats: StoryStats,
    title: str,
    sections: dict[str, list] | None = None,
) -> Iterator[str]:
    env = _environment()
    return env.get_template(template).generate(
        articles=articles,
        problems=problems,
        stats=stats,
        title=title,
        view=SectionView(sections or {}),
        version=__version__,
        generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )
