"""`dossier eval stories`: metrics, and the whole command on a small mixed stream."""

from __future__ import annotations

import json

import pytest

from dossier.evaluate.stories import bcubed, evaluate_stories, format_table, scores

DOCS = {
    0: ["Rescuers in Haiti pulled survivors from the rubble of Port-au-Prince after the "
        "earthquake that killed thousands on Tuesday.",
        "Survivors were pulled from the rubble in Port-au-Prince as Haiti counted the dead "
        "from the earthquake that killed thousands."],
    1: ["BP said it had stopped the oil leak from its well in the Gulf of Mexico, months "
        "after the Deepwater Horizon rig exploded.",
        "Oil stopped flowing into the Gulf of Mexico after BP capped the Deepwater Horizon well."],
}  # fmt: skip


def test_bcubed_of_perfect_and_lumped_groupings():
    assert bcubed(["a", "a", "b"], [1, 1, 2]) == (1.0, 1.0, 1.0)
    precision, recall, _ = bcubed(["a", "a", "b"], [1, 1, 1])
    assert recall == 1.0 and precision == pytest.approx(5 / 9)


def test_scores_are_fractions():
    result = scores(["a", "a", "b", "b"], [1, 1, 1, 2])
    assert all(0.0 <= result[k] <= 1.0 for k in ("bcubed_f1", "ari", "nmi"))


@pytest.mark.slow
def test_evaluate_on_a_multinews_shaped_file(tmp_path):
    data = tmp_path / "mn.jsonl"
    data.write_text(
        "\n".join(json.dumps({"idx": k, "documents": v, "summary": "x"}) for k, v in DOCS.items()),
        encoding="utf-8",
    )
    report = evaluate_stories(data, model="blank:en")
    assert report["n"] == 4 and report["true_stories"] == 2
    assert report["systems"]["dossier"]["bcubed_f1"] == 1.0
    assert set(report["systems"]) == {"dossier", "baseline"}
    assert "B3 F1" in format_table(report)


@pytest.mark.slow
def test_a_multinews_folder_is_read_like_its_file(tmp_path):
    (tmp_path / "mn.jsonl").write_text(
        "\n".join(json.dumps({"idx": k, "documents": v, "summary": "x"}) for k, v in DOCS.items()),
        encoding="utf-8",
    )
    report = evaluate_stories(tmp_path, model="blank:en")
    assert report["n"] == 4 and report["true_stories"] == 2


def test_a_folder_without_labelled_articles_is_a_clear_error(tmp_path):
    (tmp_path / "notes.txt").write_text("nothing to evaluate", encoding="utf-8")
    with pytest.raises(ValueError, match="no labelled articles"):
        evaluate_stories(tmp_path, model="blank:en")
