"""The story told: a cited multi-document summary and a dated timeline."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from dossier.model.base import Evidence, Strict
from dossier.model.times import Granularity


class Citation(Evidence):
    text: str


class SummarySentence(Citation):
    supports: list[Citation] = Field(
        default_factory=list, description="other articles' passages saying the same thing"
    )
    shown: str | None = Field(
        default=None,
        description="the sentence as the summary tells it, when that differs from `text`: a "
        "person named by surname alone before the summary names them in full is named in "
        "brackets ('[Ken Auerbach] made it back to shore')",
    )


class TimelineEntry(Strict):
    date: str = Field(description="ISO value (2016-02-27, 2016-02, 2016)")
    granularity: Granularity
    type: Literal["exact", "approximate", "range"]
    end: str | None = Field(
        default=None,
        description="a range's last day or month where the articles name one (from June 1 to "
        "November 30); none for a range still open (since March 2011)",
    )
    status: Literal["happened", "planned"] = Field(
        default="happened", description="planned: reported as future at the time of writing"
    )
    headline: str = Field(
        description="the date's first event in a sentence that reads alone: an opening "
        "connective dropped, an opening pronoun replaced by [who] where known; the items "
        "cite the sentences as written"
    )
    items: list[Citation]
