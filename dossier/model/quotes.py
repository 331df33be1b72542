"""Who said what: direct, indirect and mixed quotes with their speakers."""

from __future__ import annotations

from pydantic import Field

from dossier.model.base import Evidence


class Quote(Evidence):
    id: str
    text: str = Field(description="the content of the quote (the article's text at start:end)")
    direct: bool = Field(description="true for quoted words, false for reported speech")
    cue: str | None = Field(default=None, description='the speech verb or phrase: "said"')
    speaker: str | None = Field(default=None, description="actor id of the speaker")
    speaker_text: str | None = Field(
        default=None, description="how the article names the speaker at this quote"
    )
    speaker_start: int | None = Field(default=None, ge=0)
    speaker_end: int | None = Field(default=None, ge=0)
