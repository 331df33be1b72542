"""Numeric claims (who says how many of what) and where sources agree or disagree."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from dossier.model.base import Evidence, Strict


class Claim(Evidence):
    id: str
    text: str = Field(description="the number as written: '260,000', 'hundreds'")
    value: float | None = Field(default=None, description="the number, when a single one")
    low: float | None = None
    high: float | None = None
    qualifier: str | None = Field(default=None, description='"more than", "about", "at least"')
    what: str = Field(description="the counted thing, normalized: killed, displaced, ...")
    unit: str | None = Field(default=None, description="people, nations, rounds, days, ...")
    claimant: str | None = Field(default=None, description="actor id of who says so")
    claimant_text: str | None = None
    as_of: str | None = Field(default=None, description="ISO date (or month/year) it holds at")
    place: str | None = Field(default=None, description="place id")


class ClaimGroup(Strict):
    id: str
    what: str
    claims: list[str] = Field(description="claim ids")
    agreement: Literal["agree", "evolves", "conflicts"]
