"""What every item of the story model shares: strict fields and a pointer to its evidence."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(Strict):
    """A passage of one article: `start`/`end` are character offsets into that article's
    clean `text`, so `text[start:end]` is the evidence."""

    article: str = Field(description="id of the article")
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Mention(Evidence):
    text: str = Field(description="the article's text between start and end")
