"""The trigger lexicon: which verbs and nouns express which PLOVER event type, and in which mode.

The words live in `lexicon.json` beside this module, one entry per PLOVER type with its
definition, so the vocabulary can be reviewed and extended without touching the matching code.
A pattern is a head lemma optionally followed by the lemmas of particles, prepositions or
objects that must hang on it ("call for", "walk out", "open fire"); for nouns the last word is
the head ("hunger strike"). Multi-word patterns win over the bare head ("back down" is CONCEDE,
"back" is SUPPORT).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

LEXICON_PATH = Path(__file__).with_name("lexicon.json")


@dataclass(frozen=True)
class Pattern:
    event_type: str
    head: str
    dependents: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, list[Pattern]]
    nouns: dict[str, list[Pattern]]
    modes: dict[str, dict[str, frozenset[str]]]
    light_verbs: frozenset[str]
    speech_verbs: frozenset[str]
    not_events: dict[str, frozenset[str]]
    actor_nouns: frozenset[str]
    definitions: dict[str, str]

    def verb_type(self, lemma: str, dependents: set[str]) -> Pattern | None:
        return _best(self.verbs.get(lemma, []), dependents)

    def noun_type(self, lemma: str, dependents: set[str]) -> Pattern | None:
        return _best(self.nouns.get(lemma, []), dependents)

    def mode(self, event_type: str, words: list[str]) -> str | None:
        """The first mode of `event_type` one of whose cue words is among `words` (the
        trigger first, then its dependents nearest first)."""
        cues = self.modes.get(event_type, {})
        for word in words:
            for mode, mode_cues in cues.items():
                if word in mode_cues:
                    return mode
        return None


def _best(patterns: list[Pattern], dependents: set[str]) -> Pattern | None:
    for pattern in sorted(patterns, key=lambda p: -len(p.dependents)):
        if all(word in dependents for word in pattern.dependents):
            return pattern
    return None


def _index(entries: dict[str, dict], kind: str) -> dict[str, list[Pattern]]:
    index: dict[str, list[Pattern]] = {}
    for event_type, entry in entries.items():
        for phrase in entry[kind]:
            words = phrase.lower().split()
            if kind == "verbs":
                head, dependents = words[0], tuple(words[1:])
            else:
                head, dependents = words[-1], tuple(words[:-1])
            index.setdefault(head, []).append(Pattern(event_type, head, dependents))
    return index


@lru_cache(maxsize=2)
def load_lexicon(path: Path = LEXICON_PATH) -> Lexicon:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    entries = data["types"]
    return Lexicon(
        verbs=_index(entries, "verbs"),
        nouns=_index(entries, "nouns"),
        modes={
            event_type: {mode: frozenset(cues) for mode, cues in entry["modes"].items()}
            for event_type, entry in entries.items()
        },
        light_verbs=frozenset(data["light_verbs"]),
        speech_verbs=frozenset(data["speech_verbs"]),
        not_events={lemma: frozenset(objs) for lemma, objs in data["not_events"].items()},
        actor_nouns=frozenset(data["actor_nouns"]),
        definitions={event_type: entry["definition"] for event_type, entry in entries.items()},
    )
