"""The `summary` story stage: a cited multi-document summary of the story.

The sentences come from the articles as they are (extractive), chosen by
`dossier.summary.scoring.select_sentences` — the function the Multi-News evaluation measures —
with the story's own structure as two of its signals: a sentence that carries an event, a
figure, a dated expression or the story's main actors is worth more than one that carries
none, and one that names a main thread (actor, place, forum, agreement) no chosen sentence
has named yet is worth more than one that retells a thread already told. The chosen
sentences are then told in order: by the date of what they report where a time expression
gives one, else by their article's date; within a date (or none), an article whose chosen
passage stands nearer its top comes first, each article's passages together in their order,
and a sentence that leans on the one before it stays right after it. Each sentence cites its
passage (the sentence less any dateline; a quotation told over several sentences whole), and
the passages of other articles that say the same thing. A person named by surname alone
before the summary has named them in full is shown with the full name in brackets.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from dossier.actors.names import person_parts
from dossier.analysis import StoryContext, story_stage
from dossier.model import Citation, SummarySentence
from dossier.summary.scoring import (
    paragraph_openers,
    passage_vector,
    reading_order,
    select_sentences,
)
from dossier.summary.vectors import SentenceVectors, sentence_spans, vectors_for

# A handful of articles is told in ~120 words; a bigger story in more, up to a long paragraph.
DEFAULT_WORDS = 120
WORDS_PER_ARTICLE = 24
MAX_DEFAULT_WORDS = 250
SUPPORT_SIMILARITY = 0.75
MAX_SUPPORTS = 3
TOP_ACTORS = 8


def default_words(articles: int) -> int:
    """The summary's length when the user gives none, for a story of `articles` articles."""
    return max(DEFAULT_WORDS, min(MAX_DEFAULT_WORDS, WORDS_PER_ARTICLE * articles))


def _made_vectors(ctx: StoryContext, article_id: str) -> SentenceVectors | None:
    for item in ctx.findings.get(article_id, {}).get("sentence_vectors", []):
        if isinstance(item, SentenceVectors):
            return item
    return None


def _same_spans(made: SentenceVectors, article: Any) -> bool:
    """The vectors were made from this very text (a stage may not have changed it, but a
    stale finding must never point a citation at the wrong place)."""
    return [tuple(span) for span in made.spans] == sentence_spans(article)


def _labels_per_sentence(
    marks: dict[str, list[tuple[int, str]]], spans: dict[str, list[tuple[int, int]]]
) -> dict[str, list[set[str]]]:
    """Per article, per sentence: the labels of the marks (start offset, label) inside it."""
    labels: dict[str, list[set[str]]] = {}
    for article_id, article_spans in spans.items():
        sentences: list[set[str]] = [set() for _ in article_spans]
        starts = [start for start, _end in article_spans]
        for at, label in marks.get(article_id, []):
            n = bisect.bisect_right(starts, at) - 1
            if n >= 0 and at < article_spans[n][1]:
                sentences[n].add(label)
        labels[article_id] = sentences
    return labels


def _structure(ctx: StoryContext, spans: dict[str, list[tuple[int, int]]]) -> dict:
    """Per article, per sentence: the share of structure signals it carries (events, claims,
    dated times, main actors), in [0, 1]."""
    marks: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for event in ctx.sections.get("events") or []:
        for m in getattr(event, "mentions", []):
            marks[m.article].append((m.start, "event"))
    for claim in ctx.sections.get("claims") or []:
        marks[claim.article].append((claim.start, "claim"))
    for expression in ctx.sections.get("times") or []:
        if expression.value and expression.type in {"exact", "approximate", "range"}:
            marks[expression.article].append((expression.start, "time"))
    actors = sorted(ctx.sections.get("actors") or [], key=lambda a: -len(a.mentions))
    for actor in actors[:TOP_ACTORS]:
        for m in actor.mentions:
            marks[m.article].append((m.start, "actor"))
    return {
        article_id: [len(kinds) / 4 for kinds in sentences]
        for article_id, sentences in _labels_per_sentence(marks, spans).items()
    }


THREAD_SECTIONS = ("actors", "places", "forums", "agreements")


def _threads(ctx: StoryContext, spans: dict[str, list[tuple[int, int]]]) -> dict:
    """Per article, per sentence: the story threads it names, each an actor, place, forum or
    agreement keyed by its name (so the state "Russia" and the place "Russia" are one thread)."""
    named: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for section in THREAD_SECTIONS:
        for item in ctx.sections.get(section) or []:
            key = item.name.casefold()
            for m in getattr(item, "mentions", []):
                named[m.article].append((m.start, key))
    return _labels_per_sentence(named, spans)


def _people(ctx: StoryContext) -> set[str]:
    """The thread keys of the actors that are persons."""
    return {
        actor.name.casefold()
        for actor in ctx.sections.get("actors") or []
        if getattr(actor, "type", None) == "person"
    }


def _sentence_date(ctx: StoryContext, article_id: str, start: int, end: int) -> str | None:
    """The date of what a passage reports: its first day or month that does not date a noun's
    description ("amid reports that the FBI was investigating meetings Kushner had in
    December" is not told in December), else its article's date."""
    times = ctx.shared.get("times")
    if times is not None:
        for expression in times.in_span(article_id, start, end):
            if (
                expression.type in {"exact", "approximate"}
                and expression.granularity in {"day", "month"}
                and expression.value
                and not expression.background
            ):
                return expression.value
        reference = times.reference_date(article_id)
        return reference.isoformat() if reference else None
    published = ctx.article(article_id).published
    return published.isoformat() if isinstance(published, dt.date) else None


@dataclass
class SummaryInputs:
    """What the stage selects from: the story's English articles (near-duplicates left out),
    each one's sentence spans, texts and embeddings, and per sentence the structure signal,
    the threads it names and whether it opens a paragraph; and which threads are persons. The
    Multi-News evaluation's pipeline mode selects from the very same inputs."""

    articles: list[Any]
    spans: dict[str, list[tuple[int, int]]]
    documents: list[list[str]]
    embeddings: list[np.ndarray]
    structure: list[list[float]]
    threads: list[list[set[str]]]
    paragraph_starts: list[set[int]]
    people: set[str] = field(default_factory=set)


def summary_inputs(ctx: StoryContext) -> SummaryInputs:
    articles = [
        a for a in ctx.articles() if a.duplicate_of is None and a.language in ("en", "und")
    ]
    spans: dict[str, list[tuple[int, int]]] = {}
    embeddings: list[np.ndarray] = []
    for article in articles:
        made = _made_vectors(ctx, article.id)
        if made is None or not _same_spans(made, article):
            made = vectors_for(article, sentence_spans(article))
        spans[article.id] = list(made.spans)
        embeddings.append(made.matrix())
    structure = _structure(ctx, spans)
    threads = _threads(ctx, spans)
    return SummaryInputs(
        articles=articles,
        spans=spans,
        documents=[[a.text[s:e] for s, e in spans[a.id]] for a in articles],
        embeddings=embeddings,
        structure=[structure.get(a.id, [0.0] * len(spans[a.id])) for a in articles],
        threads=[threads[a.id] for a in articles],
        paragraph_starts=[paragraph_openers(a.text, spans[a.id]) for a in articles],
        people=_people(ctx),
    )


class SummaryStage:
    name = "summary"

    def __call__(self, ctx: StoryContext) -> None:
        inputs = summary_inputs(ctx)
        words = int(ctx.options.get("summary_words") or default_words(len(inputs.articles)))
        articles, spans, embeddings = inputs.articles, inputs.spans, inputs.embeddings
        if not any(inputs.documents):
            ctx.sections["summary"] = []
            return
        chosen = select_sentences(
            inputs.documents,
            embeddings,
            words,
            structure=inputs.structure,
            paragraph_starts=inputs.paragraph_starts,
            threads=inputs.threads,
            people=inputs.people,
        )
        # Among sentences of one date (or none), an article whose chosen passage stands
        # nearer its top comes first: its lead tells what the others' details are about.
        order = {a.id: n for n, a in enumerate(articles)}
        depth: dict[str, float] = {}
        for candidate in chosen:
            article_id = articles[candidate.document].id
            share = candidate.index / max(1, len(inputs.documents[candidate.document]))
            depth[article_id] = min(share, depth.get(article_id, 1.0))
        sentences = []
        dates: dict[tuple[int, int], str] = {}
        for candidate in reading_order(chosen):
            article = articles[candidate.document]
            # A quotation told over several sentences is cited whole: from its first
            # sentence to its last.
            start = spans[article.id][candidate.index][0] + candidate.start
            end = spans[article.id][candidate.last][0] + candidate.end
            # A leaning sentence is told with the one it follows, whatever its own date.
            date = (
                dates.get((candidate.document, candidate.index - 1)) if candidate.follows else None
            )
            date = date or _sentence_date(ctx, article.id, start, end) or "9999"
            for member in range(candidate.index, candidate.last + 1):
                dates[(candidate.document, member)] = date
            supports = self._supports(
                candidate.document,
                passage_vector(embeddings[candidate.document], candidate.index, candidate.last),
                articles,
                spans,
                embeddings,
            )
            sentences.append(
                (
                    date,
                    depth[article.id],
                    order[article.id],
                    start,
                    SummarySentence(
                        article=article.id,
                        start=start,
                        end=end,
                        text=article.text[start:end],
                        supports=supports,
                    ),
                )
            )
        sentences.sort(key=lambda item: item[:4])
        ordered = [item[4] for item in sentences]
        name_people(ordered, ctx.sections.get("actors") or [])
        ctx.sections["summary"] = ordered

    @staticmethod
    def _supports(
        document: int,
        vector: np.ndarray,
        articles: list[Any],
        spans: dict[str, list[tuple[int, int]]],
        embeddings: list[np.ndarray],
    ) -> list[Citation]:
        """The passage of each other article closest to the sentence, when it says the same."""
        found = []
        for other, article in enumerate(articles):
            if other == document or not len(embeddings[other]):
                continue
            similarity = embeddings[other] @ vector
            best = int(np.argmax(similarity))
            if float(similarity[best]) >= SUPPORT_SIMILARITY:
                start, end = spans[article.id][best]
                found.append(
                    (
                        float(similarity[best]),
                        Citation(
                            article=article.id, start=start, end=end, text=article.text[start:end]
                        ),
                    )
                )
        found.sort(key=lambda item: -item[0])
        return [citation for _, citation in found[:MAX_SUPPORTS]]


def name_people(sentences: list[SummarySentence], actors: list[Any]) -> None:
    """Give each sentence that names a person by surname alone ("Auerbach eventually made it
    back to shore"), before any sentence of the summary names them in full, the full name in
    brackets as `shown`: the reader of a summary has not met them in the article."""
    mentions: dict[str, list[tuple[int, int, str, Any, str]]] = defaultdict(list)
    for actor in actors:
        if getattr(actor, "type", None) != "person" or len(actor.name.split()) < 2:
            continue
        surname = person_parts(actor.name)[1]
        for m in actor.mentions:
            mentions[m.article].append((m.start, m.end, m.text, actor, surname))
    named: set[str] = set()
    for sentence in sentences:
        shown, cursor = [], sentence.start
        inside = sorted(
            (found for found in mentions.get(sentence.article, [])
             if sentence.start <= found[0] and found[1] <= sentence.end),
            key=lambda found: found[:2],
        )  # fmt: skip
        for start, end, text, actor, actor_surname in inside:
            first, surname = person_parts(text)
            if actor.id in named or start < cursor or surname != actor_surname:
                continue  # told already, or a pronoun or a description ("the president")
            before = sentence.text[: start - sentence.start]
            if re.search(r"\b(?:the|a|an)\s+$", before, re.IGNORECASE):
                continue  # "the Zimmerman trial": the name of a thing, not of whom
            named.add(actor.id)
            if before.endswith(actor.name[: -len(text)]):
                continue  # "Pope Francis": the NER left the title out of the mention
            # one word: "Jordan Belliveau" is a full name, though Jordan is a country too
            if first is None and len(text.split()) == 1 and text[:1].isupper():
                shown += [sentence.text[cursor - sentence.start : start - sentence.start]]
                shown += [f"[{actor.name}]"]
                cursor = end
        if cursor != sentence.start:
            sentence.shown = "".join(shown) + sentence.text[cursor - sentence.start :]


@story_stage("summary")
def make_summary_stage() -> SummaryStage:
    return SummaryStage()
