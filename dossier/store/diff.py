"""What changed between two versions of a story: new articles, events, quotes, actors and
revised figures.

Item ids are only stable within one build, so items are matched by what they say rather
than by id: an event by its type, actors and date; a quote by speaker and text; a figure by
what is counted and who counts it (a different number for the same pair is a revision).
"""

from __future__ import annotations

import re
from typing import Any

from dossier.model import Story


def _norm(text: str | None) -> str:
    return re.sub(r"\W+", " ", (text or "").lower()).strip()


def _names(story: Story) -> dict[str, str]:
    return {a.id: a.name for a in story.actors or []}


def _event_key(event, names: dict[str, str]) -> tuple:
    def who(ids: list[str]) -> tuple[str, ...]:
        return tuple(sorted(_norm(names.get(i, i)) for i in ids))

    return (
        event.type, who(event.source), who(event.target),
        event.date.value if event.date else None, event.context,
    )


def _quote_key(quote, names: dict[str, str]) -> tuple:
    speaker = names.get(quote.speaker or "", quote.speaker or quote.speaker_text or "")
    return (_norm(speaker), _norm(quote.text))


def _claim_key(claim, names: dict[str, str]) -> tuple:
    claimant = names.get(claim.claimant or "", claim.claimant or claim.claimant_text or "")
    return (_norm(claim.what), _norm(claimant), claim.unit or "")


def _figure(claim) -> tuple:
    return (claim.value, claim.low, claim.high)


def diff_versions(old: Story, new: Story) -> dict[str, Any]:
    """A JSON-able account of what `new` adds to or changes from `old`."""
    old_names, new_names = _names(old), _names(new)
    old_articles = {a.id for a in old.articles}
    new_articles = {a.id for a in new.articles}

    old_events = {_event_key(e, old_names) for e in old.events or []}
    old_quotes = {_quote_key(q, old_names) for q in old.quotes or []}
    old_actor_names = {_norm(a.name) for a in old.actors or []}
    old_claims: dict[tuple, set] = {}
    for claim in old.claims or []:
        old_claims.setdefault(_claim_key(claim, old_names), set()).add(_figure(claim))

    revised = []
    new_claims = []
    for claim in new.claims or []:
        key = _claim_key(claim, new_names)
        before = old_claims.get(key)
        if before is None:
            new_claims.append(claim.model_dump(mode="json"))
        elif _figure(claim) not in before:
            revised.append(
                {
                    "what": claim.what,
                    "claimant": key[1] or None,
                    "before": sorted(
                        ({"value": v, "low": lo, "high": hi} for v, lo, hi in before),
                        key=lambda f: str(f),
                    ),
                    "after": claim.model_dump(mode="json"),
                }
            )
    return {
        "articles_added": [
            {"id": a.id, "title": a.title} for a in new.articles if a.id not in old_articles
        ],
        "articles_removed": sorted(old_articles - new_articles),
        "new_events": [
            e.model_dump(mode="json")
            for e in new.events or []
            if _event_key(e, new_names) not in old_events
        ],
        "new_quotes": [
            q.model_dump(mode="json")
            for q in new.quotes or []
            if _quote_key(q, new_names) not in old_quotes
        ],
        "new_actors": [
            {"id": a.id, "name": a.name}
            for a in new.actors or []
            if _norm(a.name) not in old_actor_names
        ],
        "new_claims": new_claims,
        "revised_claims": revised,
    }
