"""The story model: the typed contract every stage writes to and every tool reads from.

`story.json` is a serialised `Story`. Every offset (`start`/`end`) is a character offset into
the `text` of the article it belongs to, so any item can be traced back to its passage.
The JSON Schema in `dossier/schema/story.schema.json` is generated from these classes
(`dossier schema`); a test keeps the committed file in sync.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

PublishedFrom = Literal["meta", "text", "sidecar", "user"]
InputFormat = Literal["text", "html", "jsonl", "json", "multinews"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Sentence(_Strict):
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Entity(_Strict):
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    label: str = Field(description="spaCy NER label (PERSON, ORG, GPE, NORP, DATE, ...)")
    text: str


class Removed(_Strict):
    """A piece of the input that is not part of the clean body, kept so nothing is lost."""

    text: str
    reason: str = Field(description="why it was removed, e.g. 'comment form', 'share counter'")


class Problem(_Strict):
    path: str = Field(description="the input (file, 'file.jsonl:LINE', '<stdin>') concerned")
    reason: str
    severity: Literal["error", "warning"] = Field(
        description="error: the input was skipped; warning: it was used, with a caveat"
    )


class Article(_Strict):
    id: str = Field(description="stable identifier derived from the article's content")
    path: str = Field(description="where the article came from")
    format: InputFormat
    title: str | None = None
    published: dt.date | None = None
    published_from: PublishedFrom | None = Field(
        default=None, description="where the publication date came from"
    )
    source: str | None = Field(default=None, description="outlet or site name")
    url: str | None = None
    byline: str | None = None
    dateline: str | None = Field(default=None, description='e.g. "PARIS", "GENEVA/BEIRUT"')
    language: str = Field(description="ISO 639-1 code of the body, 'und' when undetermined")
    scripts: dict[str, float] = Field(
        default_factory=dict, description="share of the input's letters in each writing system"
    )
    text: str = Field(description="the clean body; paragraphs separated by a blank line")
    removed: list[Removed] = Field(default_factory=list)
    duplicate_of: str | None = Field(
        default=None, description="id of an earlier article this one is a (near-)copy of"
    )
    sentences: list[Sentence] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)


class Story(_Strict):
    schema_version: str = SCHEMA_VERSION
    articles: list[Article]
    problems: list[Problem] = Field(default_factory=list)


def story_json_schema() -> dict:
    schema = Story.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = f"https://dossier.invalid/schema/story-{SCHEMA_VERSION}.json"
    return schema
