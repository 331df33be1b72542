"""The `actors` story stage: one actor per real-world actor, and the index later stages ask.

It reads every article's candidates (the `actors` extractor), resolves them across the story
(`dossier.actors.resolve`), with the user's alias file (`story_options["aliases"]`, a path or
an `AliasTable`) taking precedence, writes `sections["actors"]` (most mentioned first) and
leaves `shared["actors"]`: `resolve(article, start, end)` and `get(actor_id)`.
"""

from __future__ import annotations

from pathlib import Path

from dossier.actors.aliases import AliasTable, load_aliases
from dossier.actors.extract import ActorCandidate
from dossier.actors.resolve import Resolver
from dossier.analysis import StoryContext, story_stage


def _alias_table(option: object) -> AliasTable | None:
    if option is None or isinstance(option, AliasTable):
        return option
    if isinstance(option, str | Path):
        return load_aliases(option)
    raise TypeError(f"aliases option must be a path or an AliasTable, not {type(option)}")


class ActorsStage:
    name = "actors"

    def __call__(self, ctx: StoryContext) -> None:
        candidates: dict[str, list[ActorCandidate]] = {}
        for article_id, found in sorted(ctx.found("actors")):
            candidates[article_id] = [
                f if isinstance(f, ActorCandidate) else ActorCandidate.model_validate(f)
                for f in found
            ]
        resolver = Resolver(_alias_table(ctx.options.get("aliases")))
        resolver.run(candidates)
        actors, index = resolver.actors()
        ctx.sections["actors"] = actors
        ctx.shared["actors"] = index


@story_stage("actors")
def make_actors_stage() -> ActorsStage:
    return ActorsStage()
