"""Places, resolved offline against a gazetteer."""

from __future__ import annotations

from pydantic import Field

from dossier.model.base import Mention, Strict


class Place(Strict):
    id: str
    name: str = Field(description="the gazetteer's name for the place")
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 country code")
    lat: float | None = None
    lon: float | None = None
    kind: str = Field(description="city, region, country, venue, ...")
    mentions: list[Mention] = Field(default_factory=list)
