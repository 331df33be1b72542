"""Temporal expressions, normalized against their article's publication date."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from dossier.model.base import Mention

Granularity = Literal["day", "week", "month", "season", "year", "decade"]
TimeType = Literal["exact", "approximate", "range", "duration", "unresolved"]


class TimeExpression(Mention):
    value: str | None = Field(
        default=None,
        description="ISO 8601 / TIMEX3-style value: 2016-02-27, 2016-W08, 2016-02, 2016-SU, "
        "2016, 201X; for a range its start; for a duration e.g. P7Y; null when unresolved",
    )
    value_end: str | None = Field(default=None, description="end of a range, same format")
    granularity: Granularity | None = None
    type: TimeType
    reason: str | None = Field(
        default=None,
        description="how the value was obtained, or why it could not be resolved",
    )
    background: bool = Field(
        default=False,
        description="in a clause describing a noun ('a tornado that hit Joplin on May 22, "
        "2011'): it dates background, not what its sentence reports",
    )
    noun_start: int | None = Field(
        default=None,
        description="where the phrase of the noun the expression dates begins, the "
        "expression set before that noun or in a clause on it ('a September 15 accord between "
        "Russia, Turkey and Iran'): what happened then, as its sentence tells it",
    )
    noun_end: int | None = Field(default=None, description="where that phrase ends")
