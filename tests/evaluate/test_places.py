"""Regression over the seeds (and the Timeline17 topic when the shared data is there)."""

from __future__ import annotations

import pytest

from dossier.evaluate.places import GOLD, evaluate_places, format_table, load_gold
from tests.conftest import shared_data


def test_gold_rows_are_complete():
    for row in load_gold(GOLD):
        assert row["corpus"] in {"seeds", "haiti_bbc"}
        if row["place"]:
            assert len(row["country"]) == 2
        else:
            assert row["why"]


@pytest.mark.slow
def test_seed_place_accuracy_beats_the_most_populous_baseline(tmp_path):
    report = evaluate_places(data_path=tmp_path)  # no Timeline17 there: seeds only
    seeds = report["corpora"]["seeds"]
    assert seeds["rows"] >= 40
    assert seeds["accuracy"] >= 0.85
    assert seeds["accuracy"] > seeds["baseline_accuracy"]
    assert "seeds" in format_table(report)


@pytest.mark.slow
def test_timeline17_place_accuracy():
    report = evaluate_places(data_path=shared_data("t17"))
    haiti = report["corpora"]["haiti_bbc"]
    assert haiti["accuracy"] >= 0.8
    assert haiti["accuracy"] >= haiti["baseline_accuracy"]
