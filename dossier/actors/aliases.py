"""The user's alias file: who is who, as a person who knows the story says it.

A YAML or JSON file with a list of actors (optionally under an `actors:` key), each
`{name, aliases, type, affiliation, roles}`; an entry with `ignore: true` lists surface forms
that are not actors at all. A mention whose text is one of an entry's names belongs to that
entry, whatever the inference would have said, and the entry's name, type and affiliation
win. `dossier actors` writes the inferred table in the same format, so the loop is: build,
export, correct, build again with `--aliases`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from dossier.actors.names import org_key
from dossier.model import Actor

ACTOR_TYPES = {
    "person",
    "state",
    "igo",
    "armed_group",
    "political_org",
    "media",
    "organisation",
    "other",
}


class AliasFileError(ValueError):
    """The alias file cannot be read or does not have the expected shape."""


@dataclass
class AliasEntry:
    name: str
    aliases: list[str] = field(default_factory=list)
    type: str | None = None
    affiliation: str | None = None
    roles: list[str] = field(default_factory=list)
    ignore: bool = False


@dataclass
class AliasTable:
    entries: list[AliasEntry] = field(default_factory=list)
    _by_key: dict[str, AliasEntry] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for entry in self.entries:
            for form in [entry.name, *entry.aliases]:
                key = self.key(form)
                if key:
                    self._by_key[key] = entry

    @staticmethod
    def key(text: str) -> str:
        # Case, "the", possessives and punctuation do not make another name; "al"/"of" do
        # not either, as in the resolver's organisation keys.
        return org_key(text)

    def match(self, text: str) -> AliasEntry | None:
        return self._by_key.get(self.key(text)) if self._by_key else None


def _entry(raw: Any, where: str) -> AliasEntry:
    if not isinstance(raw, dict):
        raise AliasFileError(f"{where}: expected a mapping with a 'name', got {type(raw).__name__}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.strip():
        raise AliasFileError(f"{where}: 'name' is missing or empty")
    aliases = raw.get("aliases") or []
    roles = raw.get("roles") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise AliasFileError(f"{where}: 'aliases' must be a list of strings")
    if not isinstance(roles, list) or not all(isinstance(r, str) for r in roles):
        raise AliasFileError(f"{where}: 'roles' must be a list of strings")
    type_ = raw.get("type")
    if type_ is not None and type_ not in ACTOR_TYPES:
        raise AliasFileError(
            f"{where}: type {type_!r} is not one of {', '.join(sorted(ACTOR_TYPES))}"
        )
    affiliation = raw.get("affiliation")
    if affiliation is not None and not isinstance(affiliation, str):
        raise AliasFileError(f"{where}: 'affiliation' must be an actor's name")
    return AliasEntry(
        name=name.strip(),
        aliases=[a.strip() for a in aliases if a.strip()],
        type=type_,
        affiliation=affiliation,
        roles=roles,
        ignore=bool(raw.get("ignore", False)),
    )


def load_aliases(path: Path | str) -> AliasTable:
    """Read a YAML or JSON alias file; errors name the file and the entry."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise AliasFileError(f"{path}: cannot read the alias file ({exc})") from exc
    try:
        data = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
    except (json.JSONDecodeError, yaml.YAMLError) as exc:
        kind = path.suffix.lstrip(".") or "YAML"
        raise AliasFileError(f"{path}: not valid {kind}: {exc}") from exc
    if isinstance(data, dict):
        data = data.get("actors")
    if data is None:
        data = []
    if not isinstance(data, list):
        raise AliasFileError(f"{path}: expected a list of actors (or an 'actors:' list)")
    return AliasTable([_entry(raw, f"{path}: entry {n}") for n, raw in enumerate(data, 1)])


def alias_records(actors: list[Actor]) -> list[dict[str, Any]]:
    """The inferred actors in the alias file's shape: proper names only as aliases (a
    description like "the spokeswoman" would catch every spokeswoman of the next story)."""
    names = {actor.id: actor.name for actor in actors}
    records = []
    for actor in actors:
        aliases = [
            a
            for a in actor.aliases
            if a != actor.name and a[:1].isupper() and not a.lower().startswith("the ")
        ]
        record: dict[str, Any] = {"name": actor.name, "type": actor.type, "aliases": aliases}
        if actor.affiliation:
            record["affiliation"] = names.get(actor.affiliation, actor.affiliation)
        if actor.roles:
            record["roles"] = actor.roles
        records.append(record)
    return records


def dump_aliases(actors: list[Actor], fmt: str = "yaml") -> str:
    records = {"actors": alias_records(actors)}
    if fmt == "json":
        return json.dumps(records, ensure_ascii=False, indent=2) + "\n"
    return yaml.safe_dump(records, allow_unicode=True, sort_keys=False, width=100)
