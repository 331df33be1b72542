"""Exports of a story for other tools: the story file, reports, tables, graphs, timelines.

Everything is computed from a `Story` (so it works for any stored version and for any mix of
sections present); tables are lists of flat dicts first, then written as CSV or Parquet, so
both formats always have the same columns. Events follow a PLOVER/GDELT-like layout.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from dossier.model import Story

if TYPE_CHECKING:
    import networkx as nx

    from dossier.report import StoryStats

FORMATS = (
    "json", "md", "html", "csv", "parquet", "gexf", "graphml", "timelinejs", "sqlite",
)  # fmt: skip
TABLES = ("events", "quotes", "claims")
MEDIA_TYPES = {
    "json": "application/json",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
    "gexf": "application/xml",
    "graphml": "application/xml",
    "timelinejs": "application/json",
    "sqlite": "application/vnd.sqlite3",
}
COOPERATION = {"AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"}
CONFLICT = {
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    "REQUEST",
}  # fmt: skip

EVENT_COLUMNS = [
    "event_id", "date", "date_granularity", "source_actor", "source_actor_id", "source_country",
    "event_type", "quad_class", "mode", "context", "target_actor", "target_actor_id",
    "target_country", "place", "lat", "lon", "evidence", "article_id", "start", "end", "url",
    "source_outlet",
]  # fmt: skip
QUOTE_COLUMNS = [
    "quote_id", "speaker", "speaker_id", "speaker_text", "text", "direct", "cue", "article_id",
    "start", "end", "published", "url",
]  # fmt: skip
CLAIM_COLUMNS = [
    "claim_id", "what", "text", "value", "low", "high", "qualifier", "unit", "claimant",
    "claimant_id", "as_of", "place", "group_id", "agreement", "article_id", "start", "end",
    "url",
]  # fmt: skip


def filename(story_name: str, fmt: str, table: str = "events") -> str:
    suffix = {"timelinejs": "timeline.json", "sqlite": "sqlite", "md": "md"}.get(fmt, fmt)
    if fmt in ("csv", "parquet"):
        return f"{story_name}-{table}.{suffix}"
    return f"{story_name}.{suffix}"


def interaction(event_type: str) -> str:
    if event_type in COOPERATION:
        return "cooperation"
    if event_type in CONFLICT:
        return "conflict"
    return "other"


class _Lookup:
    def __init__(self, story: Story):
        self.actors = {a.id: a for a in story.actors or []}
        self.places = {p.id: p for p in story.places or []}
        self.articles = {a.id: a for a in story.articles}

    def name(self, actor_id: str | None) -> str | None:
        if not actor_id:
            return None
        actor = self.actors.get(actor_id)
        return actor.name if actor else actor_id

    def country(self, actor_id: str) -> str | None:
        """The country an actor acts for: itself when a state, else what it belongs to."""
        seen: set[str] = set()
        while actor_id and actor_id not in seen:
            seen.add(actor_id)
            actor = self.actors.get(actor_id)
            if actor is None:
                return None
            if actor.type == "state":
                return actor.name
            actor_id = actor.affiliation or ""
        return None

    def url(self, article_id: str) -> str | None:
        article = self.articles.get(article_id)
        return article.url if article else None

    def evidence(self, article_id: str, start: int, end: int) -> str:
        article = self.articles.get(article_id)
        return article.text[start:end] if article else ""


def _join(values) -> str | None:
    values = [v for v in values if v]
    return "; ".join(values) if values else None


def event_rows(story: Story) -> list[dict[str, Any]]:
    look = _Lookup(story)
    rows = []
    for event in story.events or []:
        place = look.places.get(event.place or "")
        article = look.articles.get(event.article)
        rows.append(
            {
                "event_id": event.id,
                "date": event.date.value if event.date else None,
                "date_granularity": event.date.granularity if event.date else None,
                "source_actor": _join(look.name(a) for a in event.source),
                "source_actor_id": _join(event.source),
                "source_country": _join(dict.fromkeys(look.country(a) for a in event.source)),
                "event_type": event.type,
                "quad_class": interaction(event.type),
                "mode": event.mode,
                "context": event.context,
                "target_actor": _join(look.name(a) for a in event.target),
                "target_actor_id": _join(event.target),
                "target_country": _join(dict.fromkeys(look.country(a) for a in event.target)),
                "place": place.name if place else None,
                "lat": place.lat if place else None,
                "lon": place.lon if place else None,
                "evidence": look.evidence(event.article, event.start, event.end),
                "article_id": event.article,
                "start": event.start,
                "end": event.end,
                "url": look.url(event.article),
                "source_outlet": article.source if article else None,
            }
        )
    return rows


def quote_rows(story: Story) -> list[dict[str, Any]]:
    look = _Lookup(story)
    rows = []
    for quote in story.quotes or []:
        article = look.articles.get(quote.article)
        rows.append(
            {
                "quote_id": quote.id,
                "speaker": look.name(quote.speaker),
                "speaker_id": quote.speaker,
                "speaker_text": quote.speaker_text,
                "text": quote.text,
                "direct": quote.direct,
                "cue": quote.cue,
                "article_id": quote.article,
                "start": quote.start,
                "end": quote.end,
                "published": article.published.isoformat() if article and article.published
                else None,
                "url": look.url(quote.article),
            }
        )
    return rows


def claim_rows(story: Story) -> list[dict[str, Any]]:
    look = _Lookup(story)
    group_of = {c: g for g in story.claim_groups or [] for c in g.claims}
    rows = []
    for claim in story.claims or []:
        group = group_of.get(claim.id)
        place = look.places.get(claim.place or "")
        rows.append(
            {
                "claim_id": claim.id,
                "what": claim.what,
                "text": claim.text,
                "value": claim.value,
                "low": claim.low,
                "high": claim.high,
                "qualifier": claim.qualifier,
                "unit": claim.unit,
                "claimant": look.name(claim.claimant) or claim.claimant_text,
                "claimant_id": claim.claimant,
                "as_of": claim.as_of,
                "place": place.name if place else claim.place,
                "group_id": group.id if group else None,
                "agreement": group.agreement if group else None,
                "article_id": claim.article,
                "start": claim.start,
                "end": claim.end,
                "url": look.url(claim.article),
            }
        )
    return rows


TABLE_ROWS: dict[str, tuple[Callable[[Story], list[dict]], list[str]]] = {
    "events": (event_rows, EVENT_COLUMNS),
    "quotes": (quote_rows, QUOTE_COLUMNS),
    "claims": (claim_rows, CLAIM_COLUMNS),
}


def _table(story: Story, table: str) -> tuple[list[dict], list[str]]:
    if table not in TABLE_ROWS:
        raise ValueError(f"unknown table {table!r}; one of {', '.join(TABLES)}")
    rows_of, columns = TABLE_ROWS[table]
    return rows_of(story), columns


def to_csv(story: Story, table: str = "events") -> bytes:
    rows, columns = _table(story, table)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def to_parquet(story: Story, table: str = "events") -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows, columns = _table(story, table)
    arrow = pa.Table.from_pylist(rows, schema=_arrow_schema(table, columns))
    sink = io.BytesIO()
    pq.write_table(arrow, sink)
    return sink.getvalue()


def _arrow_schema(table: str, columns: list[str]):
    import pyarrow as pa

    numeric = {"lat", "lon", "value", "low", "high"}
    integer = {"start", "end"}
    fields = []
    for column in columns:
        if column in numeric:
            kind = pa.float64()
        elif column in integer:
            kind = pa.int64()
        elif column == "direct":
            kind = pa.bool_()
        else:
            kind = pa.string()
        fields.append(pa.field(column, kind))
    return pa.schema(fields, metadata={"dossier_table": table})


def actor_graph(story: Story) -> nx.DiGraph:
    """Actors as nodes, one directed edge per (source, target) pair with counts of the
    cooperative and conflictual events between them and the dominant kind."""
    import networkx as nx

    look = _Lookup(story)
    graph = nx.DiGraph()
    for actor in story.actors or []:
        graph.add_node(actor.id, label=actor.name, type=actor.type, mentions=len(actor.mentions))
    for event in story.events or []:
        kind = interaction(event.type)
        for source in event.source:
            for target in event.target:
                if source == target:
                    continue
                for node in (source, target):
                    if node not in graph:
                        graph.add_node(node, label=look.name(node) or node, type="other",
                                       mentions=0)
                if not graph.has_edge(source, target):
                    graph.add_edge(source, target, weight=0, cooperation=0, conflict=0, other=0,
                                   types="")
                data = graph.edges[source, target]
                data["weight"] += 1
                data[kind] += 1
                data["types"] = ",".join(sorted(set(filter(None, data["types"].split(",")))
                                                | {event.type}))
    for _, _, data in graph.edges(data=True):
        data["kind"] = "cooperation" if data["cooperation"] >= data["conflict"] else "conflict"
        if not data["cooperation"] and not data["conflict"]:
            data["kind"] = "other"
    return graph


def to_gexf(story: Story) -> bytes:
    import networkx as nx

    out = io.BytesIO()
    nx.write_gexf(actor_graph(story), out)
    return out.getvalue()


def to_graphml(story: Story) -> bytes:
    import networkx as nx

    out = io.BytesIO()
    nx.write_graphml(actor_graph(story), out)
    return out.getvalue()


def _timelinejs_date(value: str) -> dict[str, str] | None:
    parts = value.split("-")
    if not parts or not parts[0].isdigit():
        return None
    date = {"year": parts[0]}
    if len(parts) > 1 and parts[1].isdigit():
        date["month"] = str(int(parts[1]))
    if len(parts) > 2 and parts[2][:2].isdigit():
        date["day"] = str(int(parts[2][:2]))
    return date


def to_timelinejs(story: Story, title: str | None = None) -> dict[str, Any]:
    """TimelineJS3 JSON: one slide per timeline entry, or per dated event when the story has
    no timeline section. Planned entries are grouped apart so they read as such."""
    look = _Lookup(story)
    events = []
    if story.timeline:
        for entry in story.timeline:
            start = _timelinejs_date(entry.date)
            if start is None:
                continue
            text = " ".join(f"<p>{_html(c.text)}</p>" for c in entry.items)
            slide = {
                "start_date": start,
                "text": {"headline": _html(entry.headline), "text": text},
                "group": "planned" if entry.status == "planned" else entry.type,
                "unique_id": f"t{len(events)}",
            }
            if entry.end and (end := _timelinejs_date(entry.end)):
                slide["end_date"] = end
            events.append(slide)
    else:
        for event in story.events or []:
            if not event.date or not (start := _timelinejs_date(event.date.value)):
                continue
            who = ", ".join(look.name(a) or a for a in event.source) or "?"
            events.append(
                {
                    "start_date": start,
                    "text": {
                        "headline": _html(f"{who}: {event.type}"),
                        "text": f"<p>{_html(look.evidence(event.article, event.start, event.end))}"
                        "</p>",
                    },
                    "group": "planned" if event.context == "future" else event.type,
                    "unique_id": event.id,
                }
            )
    if title is None:
        from dossier.report import story_title

        title = story_title(_stats(story))
    return {"title": {"text": {"headline": _html(title), "text": ""}}, "events": events}


def _html(text: str) -> str:
    import html

    return html.escape(text or "", quote=True)


def report(story: Story, template: str, title: str | None = None) -> str:
    """The Markdown ("report.md") or HTML ("report.html") report, as `dossier build` writes."""
    from dossier.model import SECTIONS
    from dossier.report import render, story_title

    stats = _stats(story)
    sections = {
        name: getattr(story, name) for name in SECTIONS if getattr(story, name) is not None
    }
    title = title or story_title(stats)
    return "".join(render(template, iter(story.articles), story.problems, stats, title, sections))


def _stats(story: Story) -> StoryStats:
    from dossier.report import StoryStats

    stats = StoryStats()
    for article in story.articles:
        stats.add(article)
    return stats


def export(story: Story, fmt: str, table: str = "events", title: str | None = None) -> bytes:
    """The story in `fmt` (all formats but "sqlite", which needs the store)."""
    if fmt == "json":
        return story.model_dump_json(indent=1).encode("utf-8")
    if fmt == "md":
        return report(story, "report.md", title).encode("utf-8")
    if fmt == "html":
        return report(story, "report.html", title).encode("utf-8")
    if fmt == "csv":
        return to_csv(story, table)
    if fmt == "parquet":
        return to_parquet(story, table)
    if fmt == "gexf":
        return to_gexf(story)
    if fmt == "graphml":
        return to_graphml(story)
    if fmt == "timelinejs":
        return json.dumps(to_timelinejs(story, title), ensure_ascii=False, indent=1).encode()
    raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")


def export_sqlite(store, story_name: str, path) -> None:
    """A SQLite file with one story (every version, its inputs and tables), from any store."""
    from pathlib import Path

    from sqlalchemy import select

    from dossier.store import Store, inputs, stories, versions

    path = Path(path)
    path.unlink(missing_ok=True)
    target = Store(str(path))
    try:
        info = store.story_info(story_name)
        target.create_story(story_name, info.title)
        with store._read() as conn:
            story_id = conn.scalar(select(stories.c.id).where(stories.c.name == story_name))
            documents = conn.execute(
                select(inputs.c.name, inputs.c.content).where(inputs.c.story_id == story_id)
            ).all()
            notes = dict(
                conn.execute(
                    select(versions.c.number, versions.c.note).where(
                        versions.c.story_id == story_id
                    )
                ).all()
            )
        if documents:
            target.add_inputs(story_name, [(d.name, d.content) for d in documents])
        for version in store.versions(story_name):
            target.add_version(story_name, store.story(story_name, version.number),
                               notes.get(version.number))
    finally:
        target.close()
