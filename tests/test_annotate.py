import pytest

from dossier.annotate import Annotator, load_pipeline
from dossier.model import Article


def _article(text: str, language: str = "en") -> Article:
    return Article(id="a1", path="t", format="text", language=language, text=text)


def test_blank_pipeline_respects_paragraph_breaks():
    # A headline with no full stop must not run into the next paragraph.
    text = "Aleppo Under Fire\n\nThe French call for accountability comes amid airstrikes."
    [article] = Annotator("blank:en").annotate([_article(text)])
    spans = [text[s.start : s.end] for s in article.sentences]
    assert spans == [
        "Aleppo Under Fire",
        "The French call for accountability comes amid airstrikes.",
    ]


def test_pipeline_is_loaded_once_per_process():
    assert load_pipeline("blank:en") is load_pipeline("blank:en")


def test_non_english_article_gets_sentences_but_no_entities():
    text = "Le ministre a parlé à Genève. Les négociations reprennent lundi."
    [article] = Annotator("blank:en").annotate([_article(text, language="fr")])
    assert len(article.sentences) == 2
    assert article.entities == []


@pytest.mark.slow
def test_real_pipeline_offsets_point_into_the_text():
    text = (
        "War Crimes in Aleppo\n\n"
        "French Foreign Minister Jean-Marc Ayrault said Russia was bombarding Aleppo. "
        "Sergei Lavrov met Staffan de Mistura in Geneva."
    )
    [article] = Annotator().annotate([_article(text)])
    assert text[article.sentences[0].start : article.sentences[0].end] == "War Crimes in Aleppo"
    assert len(article.sentences) == 3
    for entity in article.entities:
        assert text[entity.start : entity.end] == entity.text
    found = {(e.text, e.label) for e in article.entities}
    assert ("Jean-Marc Ayrault", "PERSON") in found
    assert ("Geneva", "GPE") in found
    assert any(e.text == "Aleppo" and e.label == "GPE" for e in article.entities)


@pytest.mark.slow
def test_a_sentence_goes_on_after_a_quoted_exclamation_when_lower_case_follows():
    """A Multi-News gallery caption was cut after 'wait for you!"', and its last words, 'in
    Donetsk on March 13.', headed a timeline entry."""
    text = (
        'Activists stand by a poster reading "Ukraine\'s armed forces wait for you!" in '
        'Donetsk on March 13. "What now?" she asked. "Enough!" Lavrov said.'
    )
    [article] = Annotator().annotate([_article(text)])
    told = [text[s.start : s.end] for s in article.sentences]
    assert told[0].endswith("in Donetsk on March 13.")
    assert told[1] == '"What now?" she asked.'
