"""Articles as cleaned and annotated, and the problems met reading the inputs."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from dossier.model.base import Strict as _Strict

PublishedFrom = Literal["meta", "text", "sidecar", "user", "inferred"]
InputFormat = Literal["text", "html", "jsonl", "json", "multinews"]


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


class DateRange(_Strict):
    earliest: dt.date
    latest: dt.date
    reason: str = Field(description="what the range was inferred from")


class Article(_Strict):
    id: str = Field(description="stable identifier derived from the article's content")
    path: str = Field(description="where the article came from")
    format: InputFormat
    title: str | None = None
    published: dt.date | None = None
    published_from: PublishedFrom | None = Field(
        default=None,
        description="where the publication date came from; 'inferred' when the article had "
        "none and a range was inferred from what it says (see published_range)",
    )
    published_range: DateRange | None = Field(
        default=None,
        description="for an undated article: the bounded range its publication date must lie "
        "in, inferred from its dated mentions and the dated articles it shares events with",
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
