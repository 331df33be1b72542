import json

import pytest
from click.testing import CliRunner

from dossier.cli import cli
from dossier.evaluate.extract import page_counts, score
from tests.conftest import shared_data


def test_identical_bodies_score_one():
    counts = [page_counts("one two three four five six", "one two three four five six")]
    assert score(counts) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_extra_text_costs_precision_missing_text_costs_recall():
    gold = "the talks in geneva ended without a deal on thursday evening"
    noisy = gold + " share this story on facebook and twitter now please"
    short = "the talks in geneva ended without"
    assert score([page_counts(gold, noisy)])["precision"] < 1.0
    assert score([page_counts(gold, noisy)])["recall"] == 1.0
    assert score([page_counts(gold, short)])["recall"] < 1.0
    assert score([page_counts(gold, short)])["precision"] == 1.0


def test_empty_prediction_scores_zero_recall():
    assert score([page_counts("a b c d e f", "")])["recall"] == 0.0


@pytest.mark.slow
def test_eval_extract_on_the_benchmark_sample():
    data = shared_data("article_extraction")
    result = CliRunner().invoke(cli, ["eval", "extract", "--data", str(data), "--limit", "25",
                                      "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["n"] == 25
    assert set(report["systems"]) == {"dossier", "trafilatura"}
    assert report["systems"]["dossier"]["f1"] > 0.9


def test_eval_extract_without_data_says_what_to_pass(monkeypatch, tmp_path):
    monkeypatch.setattr("dossier.evaluate.default_data_path", lambda name: None)
    result = CliRunner().invoke(cli, ["eval", "extract"])
    assert result.exit_code != 0
    assert "--data" in result.output
