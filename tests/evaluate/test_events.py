"""The event evaluation: its metrics on hand-made cases and the full run on PLOVER gold."""

from __future__ import annotations

import pytest

from dossier.evaluate.events import (
    baseline_type,
    evaluate_events,
    format_table,
    main_event,
    spans_match,
    type_scores,
)
from dossier.events.extract import EventFinding
from tests.conftest import shared_data


def test_type_scores_accuracy_and_macro_f1():
    gold = ["AGREE", "AGREE", "REJECT", "ASSAULT"]
    predicted = ["AGREE", "REJECT", "REJECT", "NONE"]
    scores = type_scores(gold, predicted)
    assert scores["accuracy"] == 0.5
    # AGREE: tp1 fn1 -> 2/3; REJECT: tp1 fp1 -> 2/3; ASSAULT: 0
    assert scores["macro_f1"] == pytest.approx((2 / 3 + 2 / 3 + 0) / 3, abs=1e-4)


def test_spans_match_on_shared_content_words():
    assert spans_match(["Senior Hungarian and Romanian officials"], ["Hungarian", "Romanian"])
    assert spans_match(["French and Egyptian warships"], ["French warships"])
    assert not spans_match(["the White House"], ["United States"])
    assert not spans_match([], ["Libya"])


def test_main_event_is_the_shallowest_then_the_first():
    def finding(trigger_start: int, depth: int, event_type: str) -> EventFinding:
        return EventFinding(
            type=event_type, trigger="x", trigger_start=trigger_start,
            trigger_end=trigger_start + 1, sentence_start=0, sentence_end=50, depth=depth,
        )  # fmt: skip

    chosen = main_event([finding(30, 2, "ASSAULT"), finding(10, 0, "ACCUSE"), finding(5, 0, "AID")])
    assert chosen is not None and chosen.type == "AID"
    assert main_event([]) is None


def test_baseline_takes_the_first_lexicon_verb():
    tokens = [("Libya", "PROPN"), ("have", "AUX"), ("say", "VERB"), ("threaten", "VERB")]
    assert baseline_type(tokens) == "THREATEN"
    assert baseline_type([("rain", "VERB")]) == "NONE"


@pytest.mark.slow
def test_full_run_beats_the_verb_lexicon_baseline():
    path = shared_data("plover/gold_dev.json")
    report = evaluate_events(path)
    assert set(report) == {"dossier", "baseline"}
    for system in ("dossier", "baseline"):
        assert set(report[system]) == {"accuracy", "macro_f1", "source_match", "target_match"}
        assert all(0.0 <= value <= 1.0 for value in report[system].values())
    assert report["dossier"]["accuracy"] > report["baseline"]["accuracy"]
    assert report["dossier"]["source_match"] > 0.5
    assert "baseline" in format_table(report)
