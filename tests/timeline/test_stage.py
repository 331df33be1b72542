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


def test_a_date_named_in_describing_a_noun_is_headed_by_the_noun(seed_story):
    """The September 15 accord is told only in a sentence of December ("He also pointed the
    finger at Russia and Iran ... which according to a September 15 accord ... is included
    among several de-escalation zones"): the entry says what that day brought, the accord,
    and cites the sentence."""
    [entry] = [e for e in seed_story["timeline"] if e["date"] == "2017-09-15"]
    assert entry["headline"] == "A September 15 accord between Russia, Turkey and Iran"
    assert entry["items"][0]["text"].startswith("He also pointed the finger")
    # a sentence that names no other time tells of the noun its date is set before
    [entry] = [e for e in seed_story["timeline"] if e["date"] == "2012-06"]
    assert entry["headline"].startswith("The talks are also based on the June 2012 Geneva")
