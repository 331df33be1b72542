"""The two kinds of analysis component, modelled on spaCy's pipeline components.

*Article extractors* read one article's spaCy Docs (one Doc per paragraph) and return
findings: candidate mentions, quotes, event mentions, time expressions, numbers, each with
offsets into the article's clean text. They are pure functions of one article, so they run
wherever annotation runs (in this process, a process pool or a Ray worker), and what they
return is plain pydantic data that travels between processes.

*Story stages* run once per story, in order, over all articles and their findings. Each adds
one or more sections to the story (`actors`, `times`, ...) and may leave indexes in
`StoryContext.shared` for later stages (the actor resolver that maps a speaker's span to an
actor id, for example).

Both are registered by name (`@extractor("quotes")`, `@story_stage("actors")`) and made once
per process by `make_extractors` / `make_story_stages`, so models load once.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from pydantic import BaseModel
from spacy.tokens import Doc, Span

from dossier.model import Article

# Modules that register components when imported, in pipeline order: a story stage may use
# what the stages of earlier modules left in `StoryContext.shared`.
COMPONENT_MODULES: list[str] = [
    "dossier.times",
    "dossier.actors",
    "dossier.places",
    "dossier.quotes",
    "dossier.events",
    "dossier.claims",
    "dossier.forums",
    "dossier.timeline",
    "dossier.summary",
]

Findings = dict[str, list[BaseModel]]


@dataclass
class ArticleDoc:
    """One article with its spaCy Docs: one Doc per paragraph, and where each starts."""

    article: Article
    paragraphs: list[tuple[int, Doc]]
    # False when the article went through the rule-based fallback: no parse, no entities.
    parsed: bool = True

    def sentences(self) -> Iterator[tuple[int, Span]]:
        """(offset of the sentence's paragraph in the article text, sentence span)."""
        for offset, doc in self.paragraphs:
            for sent in doc.sents:
                yield offset, sent


class Extractor(Protocol):
    name: str

    def __call__(self, doc: ArticleDoc) -> list[BaseModel]: ...


class StoryStage(Protocol):
    name: str

    def __call__(self, ctx: StoryContext) -> None: ...


@dataclass
class StoryContext:
    """What story stages read and write.

    `articles` iterates the annotated articles (from disk, so a large story does not sit in
    memory) and `article(id)` fetches one; `findings[article_id][extractor_name]` holds what
    the extractors found; stages put their output in `sections` and indexes for later stages
    in `shared`. A stage that changes an article (an inferred publication date) calls
    `update_article`, and the change reaches story.json and the reports.
    """

    articles: Callable[[], Iterator[Article]]
    article: Callable[[str], Article]
    findings: dict[str, Findings]
    options: dict[str, Any] = field(default_factory=dict)
    sections: dict[str, list[BaseModel]] = field(default_factory=dict)
    shared: dict[str, Any] = field(default_factory=dict)
    updated: dict[str, Article] = field(default_factory=dict)

    def found(self, name: str) -> Iterator[tuple[str, list[BaseModel]]]:
        """(article id, items) for every article that has findings of extractor `name`."""
        for article_id, findings in self.findings.items():
            if name in findings:
                yield article_id, findings[name]

    def update_article(self, article: Article) -> None:
        self.updated[article.id] = article


_EXTRACTORS: dict[str, Callable[..., Extractor]] = {}
_STAGES: dict[str, Callable[..., StoryStage]] = {}


def extractor(name: str):
    """Register a factory of an article extractor under `name`."""

    def register(factory: Callable[..., Extractor]):
        _EXTRACTORS[name] = factory
        return factory

    return register


def story_stage(name: str):
    """Register a factory of a story stage under `name`."""

    def register(factory: Callable[..., StoryStage]):
        _STAGES[name] = factory
        return factory

    return register


def _load_components() -> None:
    for module in COMPONENT_MODULES:
        importlib.import_module(module)


def _pipeline_order(registry: dict[str, Callable]) -> list[str]:
    """Names in the order of their modules in COMPONENT_MODULES (others last, as registered),
    whatever order the modules happened to be imported in."""

    def rank(name: str) -> int:
        module = registry[name].__module__
        for index, prefix in enumerate(COMPONENT_MODULES):
            if module == prefix or module.startswith(prefix + "."):
                return index
        return len(COMPONENT_MODULES)

    return sorted(registry, key=rank)


def available() -> tuple[list[str], list[str]]:
    """Names of the registered (extractors, story stages), in pipeline order."""
    _load_components()
    return _pipeline_order(_EXTRACTORS), _pipeline_order(_STAGES)


def make_extractors(names: Sequence[str] | None = None) -> list[Extractor]:
    _load_components()
    chosen = names if names is not None else _pipeline_order(_EXTRACTORS)
    return [_EXTRACTORS[name]() for name in chosen]


def make_story_stages(names: Sequence[str] | None = None) -> list[StoryStage]:
    _load_components()
    chosen = names if names is not None else _pipeline_order(_STAGES)
    return [_STAGES[name]() for name in chosen]


def run_extractors(extractors: Sequence[Extractor], doc: ArticleDoc) -> Findings:
    return {ex.name: ex(doc) for ex in extractors}


def run_story_stages(stages: Sequence[StoryStage], ctx: StoryContext) -> StoryContext:
    for stage in stages:
        stage(ctx)
    return ctx
