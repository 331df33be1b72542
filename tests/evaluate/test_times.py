"""The time evaluation: its gold is well-formed and dossier beats dateparser on it."""

from __future__ import annotations

import pytest

from dossier.evaluate.times import GOLD, _judge, load_gold


def test_gold_has_150_real_expressions_whose_text_is_in_their_sentence():
    rows = load_gold(GOLD)
    assert len([r for r in rows if r["type"] != "none"]) >= 150
    for row in rows:
        assert row["text"] in row["sentence"]
        assert row["type"] in {"exact", "approximate", "range", "duration", "unresolved", "none"}
        assert {row["source"].split("/")[0]} <= {"seeds", "t17", "multinews"}


def test_judging_needs_value_and_granularity():
    row = {
        "sentence": "on Tuesday",
        "text": "Tuesday",
        "value": "2016-05-17",
        "granularity": "day",
        "type": "exact",
    }
    hit = {"start": 3, "end": 10, "value": "2016-05-17", "granularity": "day"}
    assert _judge(row, [hit]) == (True, True)
    assert _judge(row, [{**hit, "granularity": "week"}]) == (True, False)
    assert _judge(row, []) == (False, False)
    decoy = {**row, "type": "none"}
    assert _judge(decoy, [hit]) == (False, False) and _judge(decoy, []) == (False, True)


@pytest.mark.slow
def test_dossier_beats_dateparser():
    from dossier.evaluate.times import evaluate_times

    report = evaluate_times()
    dossier, baseline = report["systems"]["dossier"]["all"], report["systems"]["dateparser"]["all"]
    assert dossier["accuracy"] >= 0.9
    assert dossier["accuracy"] > baseline["accuracy"] + 0.2
