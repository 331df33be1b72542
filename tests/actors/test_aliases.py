"""The alias file: reading, clear errors, and the export a user edits and feeds back."""

from __future__ import annotations

import json

import pytest
import yaml
from click.testing import CliRunner

from dossier.actors.aliases import AliasFileError, alias_records, dump_aliases, load_aliases
from dossier.cli import cli
from dossier.model import Actor, Mention


def test_yaml_and_json_alias_files_read_the_same(tmp_path):
    entries = [
        {
            "name": "Sergei Lavrov",
            "aliases": ["Sergey Lavrov"],
            "type": "person",
            "affiliation": "Russia",
        }
    ]
    (tmp_path / "a.yaml").write_text(yaml.safe_dump({"actors": entries}), encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps(entries), encoding="utf-8")
    for name in ("a.yaml", "a.json"):
        table = load_aliases(tmp_path / name)
        assert table.match("Sergey Lavrov").name == "Sergei Lavrov"
        assert table.match("the sergei lavrov").affiliation == "Russia"
        assert table.match("Lavrov") is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("actors: [{aliases: [x]}]", "'name' is missing"),
        ("- name: X\n  type: spaceship\n", "type 'spaceship' is not one of"),
        ("- name: X\n  aliases: notalist\n", "'aliases' must be a list"),
        ("actors: {name: [unclosed\n", "not valid"),
        ("42\n", "expected a list of actors"),
    ],
)
def test_bad_alias_files_say_where_and_why(tmp_path, content, message):
    path = tmp_path / "aliases.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(AliasFileError, match=message) as info:
        load_aliases(path)
    assert str(path) in str(info.value)


def _actors() -> list[Actor]:
    mention = Mention(article="a", start=0, end=6, text="Russia")
    return [
        Actor(
            id="russia",
            name="Russia",
            type="state",
            aliases=["Russia", "Moscow", "Russian"],
            mentions=[mention],
        ),
        Actor(
            id="sergei-lavrov",
            name="Sergei Lavrov",
            type="person",
            aliases=["Sergei Lavrov", "Lavrov", "the Russian FM"],
            roles=["Russian Foreign Minister"],
            affiliation="russia",
        ),
    ]


def test_export_keeps_proper_names_and_names_the_affiliation():
    records = alias_records(_actors())
    lavrov = records[1]
    assert lavrov["aliases"] == ["Lavrov"]  # not "the Russian FM": it fits any Russian FM
    assert lavrov["affiliation"] == "Russia"
    assert lavrov["roles"] == ["Russian Foreign Minister"]


def test_exported_file_reads_back(tmp_path):
    for fmt in ("yaml", "json"):
        path = tmp_path / f"actors.{fmt}"
        path.write_text(dump_aliases(_actors(), fmt), encoding="utf-8")
        table = load_aliases(path)
        assert table.match("Moscow").name == "Russia"
        assert table.match("Lavrov").type == "person"


def test_actors_command_writes_the_table_and_build_reads_it(tmp_path):
    story = {"actors": [a.model_dump() for a in _actors()]}
    (tmp_path / "story.json").write_text(json.dumps(story), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["actors", str(tmp_path), "--out", str(tmp_path / "a.yaml")])
    assert result.exit_code == 0, result.output
    assert load_aliases(tmp_path / "a.yaml").match("Lavrov").name == "Sergei Lavrov"
    printed = runner.invoke(cli, ["actors", str(tmp_path / "story.json"), "--format", "json"])
    assert json.loads(printed.output)["actors"][0]["name"] == "Russia"


def test_actors_command_on_a_story_without_actors_fails_clearly(tmp_path):
    (tmp_path / "story.json").write_text(json.dumps({"articles": []}), encoding="utf-8")
    result = CliRunner().invoke(cli, ["actors", str(tmp_path)])
    assert result.exit_code != 0
    assert "has no actors" in result.output


def test_build_rejects_a_bad_alias_file_before_reading_articles(tmp_path):
    bad = tmp_path / "aliases.yaml"
    bad.write_text("- aliases: [x]\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Lavrov said so.", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["build", str(article), "--out", str(tmp_path / "out"), "--aliases", str(bad)]
    )
    assert result.exit_code == 2
    assert "'name' is missing" in result.output
    assert not (tmp_path / "out" / "story.json").exists()
