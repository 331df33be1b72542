"""The `events` section: event mentions turned into story events, one per real-world event.

Actor spans become actor ids through the actors stage's resolver, the event's date is the time
expression of its sentence nearest the trigger (else the article's reference date, marked
approximate), its place the first place named in the sentence. Whatever index is missing
leaves ids empty or null; the written source and target stay in `source_text`/`target_text`.

Mentions of the same event are merged: same type, context and mode (or no mode), same source
and target actors (ids when resolved, else the normalized text), and compatible dates (one
value a prefix of the other, or within a few days when one of them is only a publication date).
An event whose actors are all unknown is never merged: nothing says it is the same event.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from dossier.analysis import StoryContext, story_stage
from dossier.events.extract import ActorSpan, EventFinding
from dossier.model import Event, EventDate, Mention

# A publication date stands for "about then": a report dated by it may be a few days off.
REFERENCE_DATE_SLACK = dt.timedelta(days=3)
_DATE_TYPES = {"exact", "approximate", "range"}


@dataclass
class _Draft:
    event: Event
    key: tuple
    by_reference: bool
    mentions: list[Mention] = field(default_factory=list)


def _normalized(text: str) -> str:
    words = text.lower().split()
    if words and words[0] in ("the", "a", "an"):
        words = words[1:]
    return " ".join(words)


def _actor_ids(
    resolver: Any, article_id: str, spans: list[ActorSpan]
) -> tuple[list[str], list[str]]:
    """(actor ids, merge keys): the id where the resolver knows the actor, else the text."""
    ids: list[str] = []
    keys: list[str] = []
    for span in spans:
        actor_id = resolver.resolve(article_id, span.start, span.end) if resolver else None
        if actor_id and actor_id not in ids:
            ids.append(actor_id)
        keys.append(actor_id or f"text:{_normalized(span.text)}")
    return ids, sorted(set(keys))


def _event_date(
    ctx: StoryContext, article_id: str, finding: EventFinding, published: dt.date | None
) -> tuple[EventDate | None, bool]:
    """(date, whether it is only the article's reference date)."""
    times = ctx.shared.get("times")
    if times is not None:
        expressions = [
            expression
            for expression in times.in_span(
                article_id, finding.sentence_start, finding.sentence_end
            )
            if expression.value and expression.granularity and expression.type in _DATE_TYPES
        ]
        if expressions:
            nearest = min(expressions, key=lambda e: abs(e.start - finding.trigger_start))
            return (
                EventDate(value=nearest.value, granularity=nearest.granularity, type=nearest.type),
                False,
            )
        reference = times.reference_date(article_id)
    else:
        reference = published
    if reference is None:
        return None, False
    return EventDate(value=reference.isoformat(), granularity="day", type="approximate"), True


def _parse_day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def dates_compatible(first: _Draft, second: _Draft) -> bool:
    a, b = first.event.date, second.event.date
    if a is None or b is None:
        return True
    if a.value.startswith(b.value) or b.value.startswith(a.value):
        return True
    if first.by_reference or second.by_reference:
        day_a, day_b = _parse_day(a.value), _parse_day(b.value)
        return bool(day_a and day_b and abs(day_a - day_b) <= REFERENCE_DATE_SLACK)
    return False


def _merge_into(kept: _Draft, other: _Draft) -> None:
    kept.mentions.extend(other.mentions)
    event, incoming = kept.event, other.event
    if event.mode is None:
        event.mode = incoming.mode
    if kept.by_reference and not other.by_reference and incoming.date is not None:
        event.date, kept.by_reference = incoming.date, False
    if event.place is None:
        event.place = incoming.place
    for ids, more in ((event.source, incoming.source), (event.target, incoming.target)):
        ids.extend(actor for actor in more if actor not in ids)


class EventsStage:
    name = "events"

    def __call__(self, ctx: StoryContext) -> None:
        actors = ctx.shared.get("actors")
        places = ctx.shared.get("places")
        drafts: list[_Draft] = []
        for article_id, findings in ctx.found("events"):
            if not findings:
                continue
            article = ctx.article(article_id)
            for finding in findings:
                if not isinstance(finding, EventFinding):
                    finding = EventFinding.model_validate(finding)
                drafts.append(self._draft(ctx, article, finding, actors, places))
        merged: list[_Draft] = []
        for draft in drafts:
            match = next(
                (
                    kept
                    for kept in merged
                    if draft.key is not None
                    and kept.key == draft.key
                    and (kept.event.mode is None or draft.event.mode in (None, kept.event.mode))
                    and dates_compatible(kept, draft)
                ),
                None,
            )
            if match is None:
                merged.append(draft)
            else:
                _merge_into(match, draft)
        events = []
        for number, draft in enumerate(merged, start=1):
            draft.event.id = f"event-{number}"
            draft.event.mentions = draft.mentions
            events.append(draft.event)
        ctx.sections["events"] = events
        ctx.shared["events"] = {event.id: event for event in events}

    def _draft(self, ctx, article, finding: EventFinding, actors, places) -> _Draft:
        source, source_keys = _actor_ids(actors, article.id, finding.source)
        target, target_keys = _actor_ids(actors, article.id, finding.target)
        date, by_reference = _event_date(ctx, article.id, finding, article.published)
        place_ids = (
            places.in_span(article.id, finding.sentence_start, finding.sentence_end)
            if places is not None
            else []
        )
        start, end = finding.sentence_start, finding.sentence_end
        event = Event(
            id="",
            article=article.id,
            start=start,
            end=end,
            type=finding.type,
            mode=finding.mode,
            source=source,
            target=target,
            source_text=[span.text for span in finding.source],
            target_text=[span.text for span in finding.target],
            date=date,
            place=place_ids[0] if place_ids else None,
            context=finding.context,
            trigger=finding.trigger,
        )
        key = (
            (finding.type, finding.context, tuple(source_keys), tuple(target_keys))
            if source_keys or target_keys
            else None
        )
        mention = Mention(article=article.id, start=start, end=end, text=article.text[start:end])
        return _Draft(event=event, key=key, by_reference=by_reference, mentions=[mention])


@story_stage("events")
def make_events_stage() -> EventsStage:
    return EventsStage()
