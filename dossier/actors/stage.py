"""The `actors` story stage: one actor per real-world actor, and the index later stages ask.

It reads every article's candidates (the `actors` extractor), resolves them across the story
(`dossier.actors.resolve`), with the user's alias file (`story_options["aliases"]`, a path or
an `AliasTable`) taking precedence, writes `sections["actors"]` (most mentioned first) and
leaves `shared["actors"]`: `resolve(article, start, end)` and `get(actor_id)`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Collection
from pathlib import Path

from dossier.actors.aliases import AliasTable, load_aliases
from dossier.actors.extract import ActorCandidate
from dossier.actors.resolve import ActorIndex, Resolver
from dossier.analysis import StoryContext, story_stage
from dossier.model import Actor, Mention


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
        places = {
            form
            for form, labels in resolver.labels_of.items()
            if labels["GPE"] > labels["ORG"] + labels["PERSON"]
        }
        add_untagged_mentions(ctx, actors, index, places)
        ctx.sections["actors"] = actors
        ctx.shared["actors"] = index


# Names the NER tagged somewhere but missed elsewhere are found again by their text; states
# are left out (whether "Syria" acts or is a place needs the parse), and so are short or
# lower-case forms, which are too easily something else, and forms the NER tags as a place
# more often than not ("Flint", tagged once as an organisation among 23 times as a city: the
# city's other mentions were not missed).
SEARCHED_TYPES = {"person", "igo", "armed_group", "political_org", "media", "organisation"}
MIN_FORM_LENGTH = 4


def add_untagged_mentions(
    ctx: StoryContext, actors: list[Actor], index: ActorIndex, places: Collection[str] = ()
) -> None:
    forms: dict[str, Actor | None] = {}
    for actor in actors:
        if actor.type not in SEARCHED_TYPES:
            continue
        for form in {m.text for m in actor.mentions}:
            if len(form) < MIN_FORM_LENGTH or not form[:1].isupper() or form.isupper():
                continue
            if form in places:
                continue
            if form.lower().startswith("the "):
                continue  # a description ("The spokesman") fits whoever holds the office
            if actor.type == "person" and " " not in form and form != actor.name.split()[-1]:
                continue  # a first name alone ("Jack") is someone else's name just as well
            # A form that names two actors ("Abdullah") is no evidence for either.
            forms[form] = actor if forms.get(form, actor) is actor else None
    known = {form: actor for form, actor in forms.items() if actor is not None}
    if not known:
        return
    pattern = re.compile(
        r"(?<![\w-])(?:"
        + "|".join(re.escape(f) for f in sorted(known, key=len, reverse=True))
        + r")(?![\w-])"
    )
    taken: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for actor in actors:
        for m in actor.mentions:
            taken[m.article].append((m.start, m.end))
    for article in ctx.articles():
        spans = taken.get(article.id, [])
        for match in pattern.finditer(article.text):
            start, end = match.span()
            if any(s < end and start < e for s, e in spans):
                continue
            actor = known[match.group()]
            actor.mentions.append(
                Mention(article=article.id, start=start, end=end, text=match.group())
            )
            index.add(article.id, start, end, actor.id)
    for actor in actors:
        actor.mentions.sort(key=lambda m: (m.article, m.start))


@story_stage("actors")
def make_actors_stage() -> ActorsStage:
    return ActorsStage()
