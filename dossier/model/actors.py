"""Actors: one entry per real-world actor across all articles of the story."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from dossier.model.base import Mention, Strict

ActorType = Literal[
    "person",
    "state",  # a state or its government ("Russia", "Damascus", "the Assad regime")
    "igo",  # intergovernmental organisation (UN, ISSG, EU, Arab League)
    "armed_group",
    "political_org",  # political organisation or party, opposition body (HNC)
    "media",
    "organisation",  # other organisation (NGO, monitor, company)
    "other",
]


class Actor(Strict):
    id: str = Field(description="stable within the story, derived from the canonical name")
    name: str = Field(description="canonical name: the fullest proper form seen")
    type: ActorType
    aliases: list[str] = Field(default_factory=list, description="every surface form seen")
    roles: list[str] = Field(
        default_factory=list, description='e.g. "UN special envoy for Syria"'
    )
    affiliation: str | None = Field(
        default=None, description="id of the actor this one belongs to (Lavrov -> Russia)"
    )
    mentions: list[Mention] = Field(default_factory=list)
