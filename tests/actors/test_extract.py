"""Who a subject "he" or "she" refers to, on sentences from Multi-News reports."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _antecedents(text: str) -> list[tuple[str, str]]:
    """(pronoun, the name it was taken to refer to) for each subject pronoun of the text."""
    from dossier.actors.extract import Antecedents
    from dossier.annotate import load_pipeline

    doc = load_pipeline()(text)
    reader = Antecedents()
    found = []
    for sent in doc.sents:
        for token, (start, end) in reader.read(sent, 0):
            found.append((token.text, text[start:end]))
    return found


def test_the_subject_of_the_clause_a_pronoun_hangs_on_comes_before_the_nearest_name():
    # nearest name first read McCabe, and "Lewis said she" as Goodlatte
    text = (
        "House oversight committee chairman Jason Chaffetz told acting FBI Director Andrew "
        "McCabe that he wants records of Comey's contacts with the White House."
    )
    assert _antecedents(text) == [("he", "Jason Chaffetz")]
    text = (
        "Bobby Goodlatte gave the maximum donation to Jennifer Lewis. Lewis said she was "
        "surprised by Goodlatte's public donation when she woke up Monday."
    )
    assert [name for _, name in _antecedents(text)] == ["Lewis", "Lewis"]


def test_the_subject_of_the_sentence_before_comes_before_a_name_it_mentions():
    text = (
        "Martinez had Williams syndrome, a rare genetic disorder. He had previous heart "
        "surgery."
    )
    assert _antecedents(text) == [("He", "Martinez")]


def test_a_person_taken_for_one_gender_is_passed_over_by_the_other():
    text = (
        "Jim Reischl arrived in Saigon in 1969. That night, he met a bar girl named Linh Hoa "
        "and bought her a cup of tea. She was a sex worker."
    )
    assert _antecedents(text) == [("he", "Jim Reischl"), ("She", "Linh Hoa")]
