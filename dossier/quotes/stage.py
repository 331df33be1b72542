"""The `quotes` story stage: findings become `Quote` items with ids and speaker actor ids.

The speaker's span is resolved by the actor resolver (`ctx.shared["actors"]`) when an earlier
stage left one; a pronoun the resolver cannot place falls back to its antecedent's span.
"""

from __future__ import annotations

from typing import Any

from dossier.analysis import StoryContext, story_stage
from dossier.model.quotes import Quote
from dossier.quotes.extract import QuoteFinding


def _speaker_id(resolver: Any, article_id: str, finding: QuoteFinding) -> str | None:
    if resolver is None or finding.speaker_start is None or finding.speaker_end is None:
        return None
    actor = resolver.resolve(article_id, finding.speaker_start, finding.speaker_end)
    if actor is None and finding.speaker_antecedent_start is not None:
        actor = resolver.resolve(
            article_id, finding.speaker_antecedent_start, finding.speaker_antecedent_end
        )
    return actor


class QuoteStage:
    name = "quotes"

    def __call__(self, ctx: StoryContext) -> None:
        resolver = ctx.shared.get("actors")
        quotes: list[Quote] = []
        for article_id, findings in sorted(ctx.found("quotes")):
            for finding in sorted(findings, key=lambda f: (f.start, f.end)):
                if not isinstance(finding, QuoteFinding):
                    finding = QuoteFinding.model_validate(finding.model_dump())
                quotes.append(
                    Quote(
                        id=f"q{len(quotes) + 1}",
                        article=article_id,
                        start=finding.start,
                        end=finding.end,
                        text=finding.text,
                        direct=finding.direct,
                        cue=finding.cue,
                        speaker=_speaker_id(resolver, article_id, finding),
                        speaker_text=finding.speaker_text,
                        speaker_start=finding.speaker_start,
                        speaker_end=finding.speaker_end,
                    )
                )
        ctx.sections["quotes"] = quotes


@story_stage("quotes")
def make_quote_stage() -> QuoteStage:
    return QuoteStage()
