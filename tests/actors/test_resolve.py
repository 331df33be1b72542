"""The resolver on candidates given directly, without a model."""

from __future__ import annotations

from dossier.actors.extract import ActorCandidate
from dossier.actors.resolve import Resolver


def _organisation(start: int, text: str) -> ActorCandidate:
    return ActorCandidate(kind="name", start=start, end=start + len(text), text=text, label="ORG")


def test_an_organisation_named_in_another_script_does_not_stop_the_story():
    """An Arabic name tagged as an organisation (the Guardian's Iraq war pages, an Arabic site
    menu) has no Latin words to key it by; the stage used to fail on it and lose every actor."""
    resolver = Resolver()
    resolver.run(
        {
            "a": [
                _organisation(0, "الجزيرة"),
                _organisation(10, "Apple Inc"),
                _organisation(30, "Apple"),
                _organisation(40, "The"),
            ]
        }
    )
    actors, index = resolver.actors()
    assert [actor.name for actor in actors] == ["Apple Inc"]
    assert index.resolve("a", 30, 35) == actors[0].id
