"""Who did what to whom, when and where: event records coded to PLOVER."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from dossier.model.base import Evidence, Mention, Strict
from dossier.model.times import Granularity

EventType = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    "INVESTIGATE",
]  # fmt: skip
EventContext = Literal["asserted", "negated", "future", "hypothetical", "conditional"]


class EventDate(Strict):
    value: str = Field(description="ISO 8601 value as in times (2016-02-27, 2016-02, 2016)")
    granularity: Granularity
    type: Literal["exact", "approximate", "range"]


class Event(Evidence):
    id: str
    type: EventType = Field(
        description="PLOVER event type (REQUEST covers DEMAND, ACCUSE "
        "covers DISAPPROVE, ASSAULT covers FIGHT)"
    )
    mode: str | None = Field(default=None, description="aerial, siege, ceasefire, ...")
    source: list[str] = Field(default_factory=list, description="actor ids (compound allowed)")
    target: list[str] = Field(default_factory=list, description="actor ids; may be empty")
    source_text: list[str] = Field(
        default_factory=list, description="the source as written, one entry per actor"
    )
    target_text: list[str] = Field(
        default_factory=list, description="the target as written, one entry per actor"
    )
    date: EventDate | None = None
    place: str | None = Field(default=None, description="place id")
    context: EventContext = "asserted"
    trigger: str | None = Field(default=None, description="the words that express the event")
    mentions: list[Mention] = Field(
        default_factory=list, description="every passage reporting this event, in any article"
    )
