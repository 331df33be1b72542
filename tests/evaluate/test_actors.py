"""The actor-resolution evaluation: its scoring, its gold, and a run on real data."""

from __future__ import annotations

import json
import re

import pytest

from dossier.evaluate.actors import GOLD, SEEDS, form_key, last_word_links, pairwise
from tests.conftest import shared_data


def test_pairwise_scores_links_not_clusters():
    gold = [["sergei lavrov", "lavrov"], ["russia", "moscow"], ["islamic state"]]
    perfect = {"sergei lavrov": "a", "lavrov": "a", "russia": "b", "moscow": "b"}
    assert pairwise(gold, perfect)["f1"] == 1.0
    merged = {**perfect, "islamic state": "b"}  # one false merge: 2 wrong links of 4
    scores = pairwise(gold, merged)
    assert scores["recall"] == 1.0 and scores["precision"] == 0.5
    assert pairwise(gold, {})["recall"] == 0.0


def test_form_keys_ignore_case_the_and_possessive():
    assert form_key("The Syrian government") == form_key("the syrian government")
    assert form_key("Lavrov's") == "lavrov"


def test_last_word_baseline_links_shared_last_words():
    links = last_word_links(["hosni mubarak", "mubarak", "barack obama"])
    assert links["hosni mubarak"] == links["mubarak"] != links["barack obama"]


def test_every_seed_gold_form_occurs_in_the_seeds():
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["corpora"]["seeds"]["clusters"]
    text = " ".join(p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt"))
    for cluster in gold:
        for form in cluster:
            assert re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text, re.IGNORECASE), form


@pytest.mark.slow
def test_actor_resolution_beats_the_baseline_on_the_seeds_and_t17():
    from dossier.evaluate.actors import evaluate_actors

    report = evaluate_actors(shared_data("t17"))
    for name in ("seeds", "t17"):
        systems = report["corpora"][name]["systems"]
        assert systems["dossier"]["f1"] > systems["last_word"]["f1"]
        assert systems["dossier"]["precision"] >= 0.9
        assert systems["dossier"]["recall"] >= 0.8
