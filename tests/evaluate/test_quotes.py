"""The PolNeAR quote benchmark: span matching, the brat reader and a small run."""

from __future__ import annotations

import pytest

from dossier.evaluate.quotes import evaluate_quotes, format_table, match_counts, read_polnear
from tests.conftest import shared_data

TEXT = "“We were there under legitimate pretenses,” Figueroa told UPI."


def test_exact_match_ignores_edge_punctuation_and_spaces() -> None:
    gold = [(0, 44)]  # with the closing comma and quote mark
    predicted = [(1, 41)]  # the words only
    assert match_counts(TEXT, gold, predicted, exact=True) == (1, 1, 1)


def test_overlap_match_is_one_to_one() -> None:
    gold = [(45, 53)]  # Figueroa
    predicted = [(45, 49), (49, 53)]  # two halves of it
    assert match_counts(TEXT, gold, predicted, exact=False) == (1, 2, 1)
    assert match_counts(TEXT, gold, predicted, exact=True) == (0, 2, 1)


def test_reader_spans_point_at_their_text() -> None:
    folder = shared_data("polnear") / "dev"
    doc = next(read_polnear(folder, limit=1))
    assert doc.sources and doc.contents
    for start, end in doc.sources:
        assert doc.text[start:end].strip()


@pytest.mark.slow
def test_small_run_beats_textacy() -> None:
    folder = shared_data("polnear") / "dev"
    report = evaluate_quotes(folder, limit=4)
    for system in ("dossier", "textacy"):
        for key in ("source_f1_exact", "source_f1_overlap", "content_f1_exact"):
            assert 0.0 <= report[system][key] <= 1.0
    assert report["dossier"]["source_f1_overlap"] > report["textacy"]["source_f1_overlap"]
    assert "source_f1_overlap" in format_table(report)
