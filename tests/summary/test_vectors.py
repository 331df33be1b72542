"""Per-article sentence vectors: what the summary stage reads instead of encoding again."""

from __future__ import annotations

import numpy as np
import pytest

from dossier.model import Article
from dossier.model.article import Sentence

pytestmark = pytest.mark.slow


def _article(text: str) -> Article:
    article = Article(id="a1", path="a1.txt", format="text", language="en", text=text)
    starts = [0, text.index("The second")]
    article.sentences = [
        Sentence(start=starts[0], end=starts[1]),
        Sentence(start=starts[1], end=len(text)),
    ]
    return article


def test_spans_are_trimmed_and_vectors_round_trip():
    from dossier.embed import encode
    from dossier.summary.vectors import sentence_spans, vectors_for

    article = _article("Talks resumed in Geneva on Monday.  The second round ended early.\n")
    spans = sentence_spans(article)
    assert [article.text[s:e] for s, e in spans] == [
        "Talks resumed in Geneva on Monday.",
        "The second round ended early.",
    ]
    made = vectors_for(article, spans)
    matrix = made.matrix()
    assert matrix.shape == (2, 384) and matrix.dtype == np.float32
    exact = encode([article.text[s:e] for s, e in spans])
    # float16 storage keeps every cosine within a few thousandths
    assert np.allclose(np.sum(matrix * exact, axis=1), 1.0, atol=5e-3)


def test_stale_vectors_are_not_used():
    from dossier.summary.stage import _same_spans
    from dossier.summary.vectors import sentence_spans, vectors_for

    article = _article("Talks resumed in Geneva on Monday. The second round ended early.")
    made = vectors_for(article, sentence_spans(article))
    assert _same_spans(made, article)
    article.sentences = article.sentences[:1]
    assert not _same_spans(made, article)
