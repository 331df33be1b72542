"""Negotiation forums and agreements as persistent entities of the story."""

from __future__ import annotations

from pydantic import Field

from dossier.model.base import Mention, Strict


class Forum(Strict):
    id: str
    name: str = Field(description='"Geneva talks", "International Syria Support Group", ...')
    kind: str = Field(description="talks, round, contact group, conference, ...")
    parent: str | None = Field(default=None, description="forum id (a round of the Geneva talks)")
    participants: list[str] = Field(default_factory=list, description="actor ids")
    chairs: list[str] = Field(default_factory=list, description="actor ids (co-chairs)")
    mediators: list[str] = Field(default_factory=list, description="actor ids")
    guarantors: list[str] = Field(default_factory=list, description="actor ids")
    dates: list[str] = Field(default_factory=list, description="ISO dates it met or will meet")
    place: str | None = Field(default=None, description="place id")
    events: list[str] = Field(default_factory=list, description="ids of events about it")
    mentions: list[Mention] = Field(default_factory=list)


class Agreement(Strict):
    id: str
    name: str = Field(description='"cessation of hostilities", "Resolution 2254", ...')
    kind: str = Field(description="ceasefire, de-escalation, resolution, accord, ...")
    date: str | None = Field(default=None, description="ISO date it was agreed or took effect")
    parties: list[str] = Field(default_factory=list, description="actor ids")
    forum: str | None = Field(default=None, description="forum id where it was made")
    events: list[str] = Field(default_factory=list, description="ids of events about it")
    mentions: list[Mention] = Field(default_factory=list)
