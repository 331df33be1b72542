"""The whole build on the bundled sample: the regression test of the foundation."""

import json

import pytest

from dossier.pipeline import BuildOptions, build
from tests.conftest import SEEDS

pytestmark = pytest.mark.slow

KEY_NAMES = [
    "Staffan de Mistura", "Sergei Lavrov", "Sergey Lavrov", "John Kerry", "Heather Nauert",
    "Gerard Araud", "Emmanuel Macron", "Alexandre Giorgini", "Jean-Marc Ayrault", "Aleppo",
    "Eastern Ghouta", "Geneva", "Vienna", "Lausanne", "Moscow", "Russia", "Iran", "Turkey",
    "Riyad Hijab", "Mohammed Alloush", "Romain Nadal", "ISSG", "Vladimir Putin",
    "Alexander Yakovenko", "Zakariya Hamdo",
]  # fmt: skip


def _article(story, prefix):
    return next(a for a in story["articles"] if a["path"].rsplit("/", 1)[-1].startswith(prefix))


def test_every_offset_points_at_its_text(seed_story):
    for article in seed_story["articles"]:
        text = article["text"]
        for entity in article["entities"]:
            assert text[entity["start"] : entity["end"]] == entity["text"]
        for sentence in article["sentences"]:
            span = text[sentence["start"] : sentence["end"]]
            assert span == span.strip() and span


def test_metadata_recovered_from_the_seeds(seed_story):
    first = _article(seed_story, "000")
    assert first["published"] == "2017-12-16" and first["published_from"] == "text"
    assert first["title"].startswith("US Urges Negotiations between Syria Regime")
    ara = _article(seed_story, "003")
    assert ara["source"] == "ARA News"
    assert ara["byline"] == "Laila Majdalawi & Helin Saeed"
    assert ara["dateline"] == "Damascus"
    assert _article(seed_story, "004")["dateline"] == "PARIS"
    assert {a["language"] for a in seed_story["articles"]} == {"en"}
    assert seed_story["problems"] == []


def test_boilerplate_is_removed_and_kept(seed_story):
    ara = _article(seed_story, "003")
    assert "Leave a Reply" not in ara["text"]
    assert "4 × 2" not in ara["text"]
    reasons = {r["reason"] for r in ara["removed"]}
    assert {"comment form", "photo caption", "byline"} <= reasons
    arabic = _article(seed_story, "002")
    assert "التعليقات" not in arabic["text"]
    assert any("Arabic" in r["reason"] for r in arabic["removed"])


def test_the_tagger_finds_the_key_names(seed_story):
    found = {e["text"] for a in seed_story["articles"] for e in a["entities"]}
    missing = [name for name in KEY_NAMES if name not in found]
    assert len(missing) <= 5, missing


def test_subheadings_are_sentences_of_their_own(seed_story):
    ara = _article(seed_story, "003")
    sentences = {ara["text"][s["start"] : s["end"]] for s in ara["sentences"]}
    assert "War Crimes in Aleppo" in sentences
    assert "Aleppo Under Fire" in sentences


def test_ids_are_stable_across_builds(seed_story, tmp_path):
    build([str(SEEDS)], tmp_path, BuildOptions())
    again = json.loads((tmp_path / "story.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in again["articles"]] == [a["id"] for a in seed_story["articles"]]


def test_syndicated_copy_is_flagged_not_dropped(tmp_path):
    original = (SEEDS / "004_07c0c039424cdcd0.txt").read_text(encoding="utf-8")
    copy = original.replace("Leave a Reply", "Share this story").replace("PARIS –", "PARIS (AFP) -")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(original, encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text(copy, encoding="utf-8")
    build([str(tmp_path / "in")], tmp_path / "out", BuildOptions(model="blank:en"))
    story = json.loads((tmp_path / "out" / "story.json").read_text(encoding="utf-8"))
    first, second = story["articles"]
    assert first["duplicate_of"] is None
    assert second["duplicate_of"] == first["id"]
