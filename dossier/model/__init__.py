"""The story model: the typed contract every stage writes to and every tool reads from.

`story.json` is a serialised `Story`. Every offset (`start`/`end`) is a character offset into
the `text` of the article it belongs to, so any item can be traced back to its passage.
The JSON Schema in `dossier/schema/story.schema.json` is generated from these classes
(`dossier schema`); a test keeps the committed file in sync. One module per section.
"""

from dossier.model.actors import Actor, ActorType
from dossier.model.article import (
    Article,
    DateRange,
    Entity,
    InputFormat,
    Problem,
    PublishedFrom,
    Removed,
    Sentence,
)
from dossier.model.base import Evidence, Mention, Strict
from dossier.model.claims import Claim, ClaimGroup
from dossier.model.events import Event, EventContext, EventDate, EventType
from dossier.model.forums import Agreement, Forum
from dossier.model.narrative import Citation, SummarySentence, TimelineEntry
from dossier.model.places import Place
from dossier.model.quotes import Quote
from dossier.model.story import SCHEMA_VERSION, SECTIONS, Story, story_json_schema
from dossier.model.times import Granularity, TimeExpression, TimeType

__all__ = [
    "SCHEMA_VERSION", "SECTIONS", "Actor", "ActorType", "Agreement", "Article", "Citation",
    "Claim", "ClaimGroup", "DateRange", "Entity", "Event", "EventContext", "EventDate",
    "EventType", "Evidence", "Forum", "Granularity", "InputFormat", "Mention", "Place",
    "Problem", "PublishedFrom", "Quote", "Removed", "Sentence", "Story", "Strict",
    "SummarySentence", "TimeExpression", "TimeType", "TimelineEntry", "story_json_schema",
]  # fmt: skip
