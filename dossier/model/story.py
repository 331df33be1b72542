"""The story file: articles, problems, and one section per analysis stage."""

from __future__ import annotations

from pydantic import Field

from dossier.model.actors import Actor
from dossier.model.article import Article, Problem
from dossier.model.base import Strict
from dossier.model.claims import Claim, ClaimGroup
from dossier.model.events import Event
from dossier.model.forums import Agreement, Forum
from dossier.model.narrative import SummarySentence, TimelineEntry
from dossier.model.places import Place
from dossier.model.quotes import Quote
from dossier.model.times import TimeExpression

SCHEMA_VERSION = "2.3"

# Sections a stage adds to the story, in the order they are written. A section appears in
# story.json only once the stage that fills it is part of the pipeline.
SECTIONS: dict[str, type[Strict]] = {
    "actors": Actor,
    "times": TimeExpression,
    "places": Place,
    "quotes": Quote,
    "events": Event,
    "claims": Claim,
    "claim_groups": ClaimGroup,
    "forums": Forum,
    "agreements": Agreement,
    "summary": SummarySentence,
    "timeline": TimelineEntry,
}


class Story(Strict):
    schema_version: str = SCHEMA_VERSION
    articles: list[Article]
    problems: list[Problem] = Field(default_factory=list)
    actors: list[Actor] | None = None
    times: list[TimeExpression] | None = None
    places: list[Place] | None = None
    quotes: list[Quote] | None = None
    events: list[Event] | None = None
    claims: list[Claim] | None = None
    claim_groups: list[ClaimGroup] | None = None
    forums: list[Forum] | None = None
    agreements: list[Agreement] | None = None
    summary: list[SummarySentence] | None = None
    timeline: list[TimelineEntry] | None = None


def story_json_schema() -> dict:
    schema = Story.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://dossier.invalid/schema/story-{SCHEMA_VERSION}.json"
    return schema
