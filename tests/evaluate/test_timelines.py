"""`dossier eval timelines` on a small Timeline17-shaped topic, and on the real data."""

from __future__ import annotations

import json

import pytest

from dossier.evaluate.timelines import (
    evaluate_timelines,
    format_table,
    rouge_155_ready,
    topic_folders,
)
from tests.conftest import shared_data

ARTICLES = [
    ("2010-01-13", "A massive earthquake struck Haiti , killing thousands in Port-au-Prince .\n"
     "Rescue teams from many countries were sent to the island ."),
    ("2010-01-13", "The earthquake flattened much of the Haitian capital Port-au-Prince .\n"
     "Aid agencies appealed for money and water ."),
    ("2010-01-20", "A strong aftershock shook Haiti on Wednesday morning .\n"
     "Survivors fled buildings in the capital ."),
    ("2010-01-25", "Donors met in Montreal to plan the rebuilding of Haiti .\n"
     "Canada hosted the conference of ministers ."),
]  # fmt: skip
GOLD = [
    ["2010-01-12", ["A massive earthquake struck Haiti , killing thousands ."]],
    ["2010-01-20", ["A strong aftershock shook Haiti ."]],
    ["2010-01-25", ["Donors met in Montreal to plan the rebuilding of Haiti ."]],
]


requires_rouge = pytest.mark.skipif(
    not rouge_155_ready(), reason="ROUGE-1.5.5 needs Perl's XML::Parser (libxml-parser-perl)"
)


@pytest.fixture
def topic(tmp_path):
    folder = tmp_path / "haiti_test"
    folder.mkdir()
    with (folder / "articles.jsonl").open("w", encoding="utf-8") as out:
        for n, (date, text) in enumerate(ARTICLES):
            out.write(json.dumps({"id": str(n), "time": date, "text": text}) + "\n")
    (folder / "timelines.jsonl").write_text(json.dumps(GOLD) + "\n", encoding="utf-8")
    (folder / "keywords.json").write_text('["haiti"]', encoding="utf-8")
    return tmp_path


@requires_rouge
def test_eval_reports_both_systems_with_fractions(topic):
    assert [p.name for p in topic_folders(topic)] == ["haiti_test"]
    report = evaluate_timelines(topic, model="blank:en")
    assert report["n"] == 1 and report["articles"] == 4
    for system in ("dossier", "pubcount"):
        values = report["systems"][system]
        assert set(values) == {"rouge1", "rouge2", "date_f1"}
        assert all(0.0 <= v <= 1.0 for v in values.values())
    # Two of the three gold dates are publication days of articles that report them.
    assert report["systems"]["pubcount"]["date_f1"] > 0
    assert report["systems"]["dossier"]["rouge1"] > 0
    assert "pubcount" in format_table(report)


@requires_rouge
@pytest.mark.slow
@pytest.mark.shared
def test_eval_on_one_real_topic_runs():
    data = shared_data("t17") / "H1N1_guardian"
    report = evaluate_timelines(data, max_articles=40)
    assert report["n"] >= 1 and report["articles"] > 0


def test_cli_says_what_is_missing_before_building_anything(topic, tmp_path, monkeypatch):
    from click.testing import CliRunner

    from dossier.cli import cli
    from dossier.evaluate import timelines

    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(cli, ["eval", "timelines", "--data", str(empty)])
    assert result.exit_code == 2 and "no topic in" in result.output

    monkeypatch.setattr(timelines, "rouge_155_ready", lambda: False)
    monkeypatch.setattr(timelines, "analyse_topic", lambda *a, **k: pytest.fail("built a topic"))
    result = CliRunner().invoke(cli, ["eval", "timelines", "--data", str(topic)])
    assert result.exit_code == 1 and "libxml-parser-perl" in result.output


def test_dossier_is_scored_on_what_its_timeline_tells_without_the_dateline():
    import datetime as dt

    from dossier.evaluate.timelines import dossier_timeline, pubcount_timeline
    from dossier.timeline import DatedSentence, DateRef

    day = dt.date(2011, 3, 2)
    texts = [
        "TRIPOLI , March 2 -LRB- Reuters -RRB- - Libyan rebels pushed west on Wednesday .",
        "BENGHAZI -LRB- Reuters -RRB- - Rebels in Libya pushed west toward Tripoli on Wednesday .",
    ]
    sentences = [
        DatedSentence(str(n), 0, len(text), text, 0, day, [DateRef(day, "day", True, False)])
        for n, text in enumerate(texts)
    ]
    told = dossier_timeline(sentences, 1, 1, (day, day))[day]
    assert told and all("Reuters" not in text and "LRB" not in text for text in told)
    assert told[0].startswith(("Libyan rebels", "Rebels in Libya"))
    # the baseline takes its lead sentences as they are
    assert pubcount_timeline(sentences, 1, 1, (day, day))[day][0] == texts[0]
