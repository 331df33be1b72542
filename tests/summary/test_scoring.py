"""Sentence selection for the summary: what may stand alone, redundancy, budget, coverage."""

from __future__ import annotations

import numpy as np
import pytest

from dossier.summary.scoring import select_sentences, usable


@pytest.mark.parametrize(
    "text",
    [
        "He said the talks would resume on Tuesday in Geneva after a short break.",
        "But the opposition delegation refused to attend the meeting with the envoy.",
        "“For that the strikes on Aleppo must stop,” he maintained.",
        "the strikes on Aleppo must stop before the talks can resume in earnest",
        "Follow us on Twitter for the latest news about the Syrian peace talks today.",
        "Syria talks?",
        "Short sentence here.",
    ],
)
def test_sentences_that_cannot_stand_alone_are_never_used(text):
    assert not usable(text)


def test_a_quote_with_a_named_speaker_can_stand_alone():
    assert usable("“For that the strikes on Aleppo must stop,” Ayrault said on Monday.")
    assert usable(
        "France called on the International Syria Support Group to hold urgent talks on Monday."
    )


def _unit(vector: list[float]) -> np.ndarray:
    array = np.asarray(vector, dtype=np.float32)
    return array / np.linalg.norm(array)


def _docs():
    a = [
        "France called on the support group to hold urgent ministerial talks on Monday.",
        "France urged the support group to hold urgent ministerial talks on Monday again.",
        "The French foreign ministry condemned deadly air strikes on Aleppo hospitals.",
    ]
    b = [
        "Russia said it would co-chair a new meeting of the group in Vienna next week.",
        "Diplomats said the ceasefire agreed in February had all but collapsed in Aleppo.",
    ]
    embeddings = [
        np.stack([_unit([1, 0.1, 0, 0]), _unit([1, 0.12, 0, 0]), _unit([0.2, 1, 0, 0])]),
        np.stack([_unit([0.2, 0, 1, 0]), _unit([0, 0.2, 0, 1])]),
    ]
    return [a, b], embeddings


def test_near_duplicates_are_not_both_chosen_and_every_document_gets_a_turn():
    documents, embeddings = _docs()
    chosen = select_sentences(documents, embeddings, words=60)
    texts = [c.text for c in chosen]
    assert not (documents[0][0] in texts and documents[0][1] in texts)
    assert {c.document for c in chosen} == {0, 1}


def test_the_budget_is_kept_unless_nothing_fits():
    documents, embeddings = _docs()
    chosen = select_sentences(documents, embeddings, words=30)
    assert sum(c.words for c in chosen) <= 30
    one = select_sentences(documents, embeddings, words=5)
    assert len(one) == 1  # never empty: the best sentence even if it is too long


def test_empty_input_gives_an_empty_summary():
    assert select_sentences([], [], words=100) == []
    assert select_sentences([[]], [np.zeros((0, 4), dtype=np.float32)], words=100) == []
