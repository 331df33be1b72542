"""Sentence scoring and greedy selection for the extractive multi-document summary.

One function, `select_sentences`, serves both the story stage and the Multi-News evaluation,
so what is measured is what ships. It takes each document's sentences (plain strings) and
their normalised embeddings, and scores every usable sentence by four signals: centrality
(cosine to the centroid of the documents, each document weighted equally so a long article
does not own the story), cross-document support (the share of the other documents that have
a similar sentence: what several sources say is what happened), a lead prior (news puts the
essentials first) and, when the caller has it, the story's structure (main actors, events,
claims). Selection is greedy with MMR-style redundancy removal and a soft per-document
penalty, so every thread gets a sentence before one article gets a second.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

MIN_WORDS = 8
MAX_WORDS = 60

# A sentence opening on a pronoun or a connective leans on the one before it, which the
# reader of an extract does not have.
_DANGLING = re.compile(
    r"^(?:He|She|They|It|His|Her|Their|Its|This|That|These|Those|But|And|Or|So|Yet|Also|"
    r"Still|Instead|Then|Thus|Hence|Moreover|Furthermore|Meanwhile|Nevertheless|However|"
    r"Otherwise|Besides)\b"
)
# Web furniture and agency credits that survive scraping; never summary material.
_BOILERPLATE = re.compile(
    r"https?://|www\.|@\w|\bclick here\b|\bsign up\b|\bsubscribe\b|\bnewsletter\b|"
    r"\ball rights reserved\b|\bcopyright\b|©|\bphoto(?:graph)?s?:|\bgetty images\b|"
    r"\bread more\b|\bfollow (?:us|him|her)\b|\bfacebook\b|\btwitter\b|\binstagram\b|"
    r"\badvertisement\b|\bthis (?:story|article) (?:has been|was) updated\b|"
    r"\bcontributed to this report\b|\bemail\b|\be-mail\b|\bcookies?\b|\bjavascript\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!]['\"”’)\]]*$")
_OPENING_QUOTES = "“‘«"
_CLOSING_QUOTES = "”»"


def word_count(text: str) -> int:
    return len(text.split())


def orphan_quote(text: str) -> bool:
    """True when the sentence starts inside a quotation or leaves one open or unopened."""
    if text.count('"') % 2:
        return True
    first_open = min((i for i in (text.find(q) for q in _OPENING_QUOTES) if i >= 0), default=-1)
    first_close = min((i for i in (text.find(q) for q in _CLOSING_QUOTES) if i >= 0), default=-1)
    if first_close >= 0 and (first_open < 0 or first_close < first_open):
        return True
    opened = sum(text.count(q) for q in _OPENING_QUOTES if q != "‘")
    closed = sum(text.count(q) for q in _CLOSING_QUOTES)
    return opened != closed


# "“...,” he maintained.": a quote whose speaker is a pronoun leans on the sentence before.
_PRONOUN_SPEAKER = re.compile(
    r"[”\"’,]\s+(?:he|she|they|it|we)\s+(?:\w+ly\s+)?\w+(?:\s+\w+)?\s*[.!]?$", re.IGNORECASE
)


def usable(text: str) -> bool:
    """Whether a sentence can stand alone in a summary."""
    text = text.strip()
    if not text or not MIN_WORDS <= word_count(text) <= MAX_WORDS:
        return False
    if not text[0].isupper() and text[0] not in _OPENING_QUOTES + '"':
        return False  # a fragment cut from its sentence, or a caption
    if _DANGLING.match(text) or orphan_quote(text) or _PRONOUN_SPEAKER.search(text):
        return False
    if not _SENTENCE_END.search(text):
        return False  # questions, headlines, bylines and cut-off lines
    return not _BOILERPLATE.search(text)


@dataclass(frozen=True)
class Weights:
    """Hand-set. Tuned once on the even-`idx` half of the 250 Multi-News validation clusters
    (position 0.5 -> 1.0, support 0.5 -> 0.25, support threshold 0.6 -> 0.7) and checked on
    the odd half; a ridge regression of the same features on per-sentence ROUGE did worse on
    the held-out half and is not used."""

    centrality: float = 1.0
    support: float = 0.25
    position: float = 1.0
    structure: float = 0.4
    # Lead prior: exp(-rank / position_scale), rank among a document's usable sentences.
    position_scale: float = 3.0
    # Subtracted per sentence already taken from the same document (soft coverage rule).
    coverage: float = 0.15
    support_threshold: float = 0.7
    redundancy: float = 0.7


@dataclass(frozen=True)
class Candidate:
    document: int
    index: int
    text: str
    words: int
    score: float


def _centroid(embeddings: Sequence[np.ndarray]) -> np.ndarray:
    means = [e.mean(axis=0) for e in embeddings if len(e)]
    centroid = np.mean(means, axis=0)
    norm = float(np.linalg.norm(centroid))
    return centroid / norm if norm else centroid


def support_counts(
    embeddings: Sequence[np.ndarray], threshold: float
) -> tuple[np.ndarray, np.ndarray]:
    """For every sentence (documents concatenated): the number of OTHER documents holding a
    sentence at cosine >= threshold, and the full similarity matrix."""
    matrix = np.concatenate([e for e in embeddings if len(e)], axis=0)
    similarity = matrix @ matrix.T
    owner = np.concatenate([np.full(len(e), d) for d, e in enumerate(embeddings) if len(e)])
    counts = np.zeros(len(matrix), dtype=np.float32)
    for document in range(len(embeddings)):
        columns = owner == document
        if not columns.any():
            continue
        best = similarity[:, columns].max(axis=1)
        counts += (best >= threshold) & (owner != document)
    return counts, similarity


def score_sentences(
    documents: Sequence[Sequence[str]],
    embeddings: Sequence[np.ndarray],
    weights: Weights = Weights(),
    structure: Sequence[Sequence[float]] | None = None,
) -> tuple[list[Candidate], np.ndarray, list[tuple[int, int]]]:
    """Score each usable sentence. Returns the candidates, the sentence similarity matrix and
    the (document, index) of each matrix row."""
    rows = [(d, i) for d, sentences in enumerate(documents) for i in range(len(sentences))]
    if not rows:
        return [], np.zeros((0, 0), dtype=np.float32), rows
    centroid = _centroid(embeddings)
    counts, similarity = support_counts(embeddings, weights.support_threshold)
    others = max(1, sum(1 for s in documents if s) - 1)
    candidates: list[Candidate] = []
    row = 0
    for d, sentences in enumerate(documents):
        rank = 0
        for i, text in enumerate(sentences):
            if usable(text):
                score = (
                    weights.centrality * float(embeddings[d][i] @ centroid)
                    + weights.support * float(counts[row]) / others
                    + weights.position * math.exp(-rank / weights.position_scale)
                )
                if structure is not None:
                    score += weights.structure * float(structure[d][i])
                candidates.append(Candidate(d, i, text.strip(), word_count(text), score))
                rank += 1
            row += 1
    return candidates, similarity, rows


def select_sentences(
    documents: Sequence[Sequence[str]],
    embeddings: Sequence[np.ndarray],
    words: int,
    weights: Weights = Weights(),
    structure: Sequence[Sequence[float]] | None = None,
    fill: bool = False,
) -> list[Candidate]:
    """Greedy selection in order of choice. With `fill` (evaluation) sentences are added
    until the budget is reached or passed (the caller cuts the last one); without it only
    sentences that fit are taken, but always at least one."""
    candidates, similarity, rows = score_sentences(documents, embeddings, weights, structure)
    row_of = {key: r for r, key in enumerate(rows)}
    chosen: list[Candidate] = []
    chosen_rows: list[int] = []
    taken: dict[int, int] = {}
    total = 0
    remaining = sorted(candidates, key=lambda c: -c.score)
    while remaining and total < words:
        best: Candidate | None = None
        best_value = -math.inf
        for candidate in remaining:
            if not fill and chosen and total + candidate.words > words:
                continue
            value = candidate.score - weights.coverage * taken.get(candidate.document, 0)
            if value <= best_value:
                continue
            r = row_of[(candidate.document, candidate.index)]
            if chosen_rows and float(similarity[r, chosen_rows].max()) > weights.redundancy:
                continue
            best, best_value = candidate, value
        if best is None:
            break
        remaining.remove(best)
        chosen.append(best)
        chosen_rows.append(row_of[(best.document, best.index)])
        taken[best.document] = taken.get(best.document, 0) + 1
        total += best.words
    return chosen
