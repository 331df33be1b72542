"""The timeline stage on the bundled sample, built with the real English pipeline."""

from __future__ import annotations

import pytest

from dossier.summary.scoring import dangles

pytestmark = pytest.mark.slow


def test_every_headline_reads_alone_and_every_item_cites_its_text(seed_story):
    texts = {article["id"]: article["text"] for article in seed_story["articles"]}
    timeline = seed_story["timeline"]
    assert timeline
    for entry in timeline:
        assert not dangles(entry["headline"]), entry["headline"]
        for item in entry["items"]:
            assert texts[item["article"]][item["start"] : item["end"]] == item["text"]


def test_a_pronoun_that_opens_a_headline_is_named(seed_story):
    """The September 15 accord is told only in a sentence opening on "He": the deputy
    foreign ministry spokesman quoted just before it."""
    [entry] = [e for e in seed_story["timeline"] if e["date"] == "2017-09-15"]
    assert entry["headline"].startswith("[Alexandre Giorgini] also pointed the finger")
    assert entry["items"][0]["text"].startswith("He also pointed the finger")
