"""The `sentence_vectors` extractor: each article's sentence embeddings, made per article.

Encoding every sentence is most of what the summary costs. It depends on one article only,
so it belongs with the per-article work: it runs in parallel on any engine, in even pieces,
and an article that joins a story later does not make the others' sentences be encoded
again. The summary stage reads these and encodes only what an article lacks (an article
annotated without this extractor).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from pydantic import BaseModel, ConfigDict

from dossier.analysis import ArticleDoc, extractor

DIMENSIONS = 384


class SentenceVectors(BaseModel):
    """One article's sentence spans and their unit vectors, float16 (half the bytes in a
    corpus's batch files; cosines stay good to about 1e-3)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    spans: list[tuple[int, int]]
    vectors: bytes

    def matrix(self) -> np.ndarray:
        rows = np.frombuffer(self.vectors, dtype=np.float16).reshape(len(self.spans), -1)
        return rows.astype(np.float32)


def sentence_spans(article: Any) -> list[tuple[int, int]]:
    """Sentence spans of an article, trimmed of surrounding whitespace."""
    spans = []
    for sentence in article.sentences:
        start, end = sentence.start, sentence.end
        text = article.text[start:end]
        stripped = text.strip()
        if not stripped:
            continue
        start += len(text) - len(text.lstrip())
        spans.append((start, start + len(stripped)))
    return spans


def vectors_for(article: Any, spans: list[tuple[int, int]]) -> SentenceVectors:
    from dossier.embed import encode

    matrix = encode([article.text[s:e] for s, e in spans]) if spans else np.zeros((0, DIMENSIONS))
    return SentenceVectors(spans=spans, vectors=matrix.astype(np.float16).tobytes())


class SentenceVectorExtractor:
    name = "sentence_vectors"

    def __call__(self, doc: ArticleDoc) -> list[SentenceVectors]:
        article = doc.article
        if article.duplicate_of is not None or article.language not in ("en", "und"):
            return []
        return [vectors_for(article, sentence_spans(article))]


@extractor("sentence_vectors")
def make_sentence_vector_extractor() -> SentenceVectorExtractor:
    return SentenceVectorExtractor()
