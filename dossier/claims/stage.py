"""The `claims` story stage: claims with their claimant, date and place, and groups of claims
about the same quantity across articles.

Two claims count the same thing when they have the same `what` and unit, were made about the
same place (or no place is named), and are within a factor `SAME_QUANTITY_RATIO` of each
other: "260 000 killed since 2011" and "400,000 killed in the five-year conflict" are one
quantity, "50 children killed since April 22" is another. A group is labelled `agree` when
the claims' ranges overlap, `evolves` when every claim is dated and the figures grow with the
date, and `conflicts` otherwise; the figures are kept side by side, never merged into one.
Only groups with claims from two articles or more are kept: comparing sources is the point.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from dossier.analysis import StoryContext, story_stage
from dossier.claims.extract import ClaimFinding
from dossier.model import Claim, ClaimGroup

SAME_QUANTITY_RATIO = 4.0
_DATED = {"exact", "approximate"}


def _as_of(times: Any, article_id: str, finding: ClaimFinding, published: dt.date | None):
    """The date a figure holds at: a dated expression of its sentence that is not the start
    of a count ("since March 2011" says when the counting began), else the article's date."""
    if times is not None:
        for expression in times.in_span(article_id, finding.sentence_start, finding.sentence_end):
            if (
                expression.type in _DATED
                and expression.value
                and expression.granularity in {"day", "month"}
            ):
                return expression.value
        reference = times.reference_date(article_id)
        return reference.isoformat() if reference else None
    return published.isoformat() if published else None


def _bounds(claim: Claim) -> tuple[float, float]:
    low = claim.low if claim.low is not None else (claim.value or 0.0)
    high = claim.high if claim.high is not None else float("inf")
    return low, high


def _magnitude(claim: Claim) -> float:
    """The figure, or the middle (geometric) of a vague one: "hundreds" is about 450."""
    if claim.value is not None:
        return claim.value
    low, high = _bounds(claim)
    return (low * high) ** 0.5 if high != float("inf") else low


def agreement(claims: list[Claim]) -> str:
    ranges = [_bounds(c) for c in claims]
    if max(low for low, _ in ranges) <= min(high for _, high in ranges):
        return "agree"
    if all(c.as_of for c in claims):
        ordered = sorted(claims, key=lambda c: c.as_of or "")
        values = [_magnitude(c) for c in ordered]
        dates = [c.as_of for c in ordered]
        if len(set(dates)) == len(dates) and all(
            a <= b for a, b in zip(values, values[1:], strict=False)
        ):
            return "evolves"
    return "conflicts"


def group_claims(claims: list[Claim]) -> list[ClaimGroup]:
    groups: list[list[Claim]] = []
    for claim in sorted(claims, key=_magnitude):
        if claim.unit == "fraction":
            continue
        for group in groups:
            first = group[0]
            same = (
                first.what == claim.what
                and first.unit == claim.unit
                and (first.place == claim.place or None in (first.place, claim.place))
                and all(
                    _magnitude(member) > 0
                    and _magnitude(claim) / _magnitude(member) <= SAME_QUANTITY_RATIO
                    for member in group
                )
            )
            if same:
                group.append(claim)
                break
        else:
            groups.append([claim])
    result = []
    for group in groups:
        if len({c.article for c in group}) < 2:
            continue  # one article's figures: nothing to compare across sources
        result.append(
            ClaimGroup(
                id=f"cg{len(result) + 1}",
                what=group[0].what,
                claims=[c.id for c in sorted(group, key=lambda c: (c.as_of or "", c.id))],
                agreement=agreement(group),  # type: ignore[arg-type]
            )
        )
    return result


class ClaimsStage:
    name = "claims"

    def __call__(self, ctx: StoryContext) -> None:
        actors = ctx.shared.get("actors")
        places = ctx.shared.get("places")
        times = ctx.shared.get("times")
        claims: list[Claim] = []
        for article_id, found in sorted(ctx.found("claims")):
            if not found:
                continue
            article = ctx.article(article_id)
            for finding in found:
                if not isinstance(finding, ClaimFinding):
                    finding = ClaimFinding.model_validate(finding)
                claimant = None
                if actors is not None and finding.claimant_start is not None:
                    claimant = actors.resolve(
                        article_id, finding.claimant_start, finding.claimant_end
                    )
                place_ids = (
                    places.in_span(article_id, finding.sentence_start, finding.sentence_end)
                    if places is not None
                    else []
                )
                claims.append(
                    Claim(
                        id=f"c{len(claims) + 1}",
                        article=article_id,
                        start=finding.start,
                        end=finding.end,
                        text=finding.text,
                        value=finding.value,
                        low=finding.low,
                        high=finding.high,
                        qualifier=finding.qualifier,
                        what=finding.what,
                        unit=finding.unit,
                        claimant=claimant,
                        claimant_text=finding.claimant_text,
                        as_of=_as_of(times, article_id, finding, article.published),
                        place=place_ids[0] if place_ids else None,
                    )
                )
        ctx.sections["claims"] = claims
        ctx.sections["claim_groups"] = group_claims(claims)


@story_stage("claims")
def make_claims_stage() -> ClaimsStage:
    return ClaimsStage()
