"""Story grouping quality: mix several stories into one stream and see them come apart again.

Data: a Timeline17 folder (every topic folder's articles.jsonl; the true story of an article
is its topic — `bpoil_bbc` and `bpoil_guardian` are one story, the BP oil spill, told by two
outlets) or a Multi-News JSON Lines file (the true story is the cluster: one line). The stream
is ordered by publication date, as a newsroom would receive it (file order when undated).

dossier: the ingest and clean path, near-duplicate flags, spaCy names in each lead, MiniLM
embeddings of the lead, then the incremental `StoryClusterer` (one pass, no re-clustering).
Baseline, in the same run: TF-IDF of the full text with average-linkage agglomerative
clustering on cosine distance, *given the true number of stories* (an advantage dossier does
not get). Metrics: B-cubed precision/recall/F1, adjusted Rand index and normalised mutual
information (scikit-learn) against the true grouping.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from dossier.annotate import DEFAULT_MODEL, doc_entities, load_pipeline
from dossier.clean import clean_document
from dossier.clean.dedup import NearDuplicateIndex
from dossier.corpus.cluster import LEAD_CHARS, StoryClusterer, article_signal, lead_text
from dossier.ingest import iter_documents
from dossier.model import Article, Problem


def labelled_stream(data: Path) -> Iterator[tuple[str, Article]]:
    """(true story, clean article) for every usable document of the data set."""
    if data.is_dir():
        sources = sorted(data.glob("*/articles.jsonl"))
        if not sources and (data / "articles.jsonl").exists():
            sources = [data / "articles.jsonl"]
        if not sources:  # e.g. a Multi-News folder: its JSON Lines files
            sources = sorted(data.glob("*.jsonl"))
    else:
        sources = [data]
    for source in sources:
        for item in iter_documents([str(source)]):
            if isinstance(item, Problem):
                continue
            article = clean_document(item)
            if isinstance(article, Problem):
                continue
            if source.name == "articles.jsonl":
                label = source.parent.name.split("_")[0]
            else:
                label = item.path.rsplit("#", 1)[0]
            yield label, article


def bcubed(true: Sequence, predicted: Sequence) -> tuple[float, float, float]:
    by_true: dict = defaultdict(set)
    by_pred: dict = defaultdict(set)
    for index, (t, p) in enumerate(zip(true, predicted, strict=True)):
        by_true[t].add(index)
        by_pred[p].add(index)
    precision = recall = 0.0
    for t, p in zip(true, predicted, strict=True):
        shared = len(by_true[t] & by_pred[p])
        precision += shared / len(by_pred[p])
        recall += shared / len(by_true[t])
    n = len(true)
    precision, recall = precision / n, recall / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def scores(true: Sequence, predicted: Sequence) -> dict:
    from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

    precision, recall, f1 = bcubed(true, predicted)
    return {
        "bcubed_precision": round(precision, 4),
        "bcubed_recall": round(recall, 4),
        "bcubed_f1": round(f1, 4),
        "ari": round(float(adjusted_rand_score(true, predicted)), 4),
        "nmi": round(float(normalized_mutual_info_score(true, predicted)), 4),
        "stories": len(set(predicted)),
    }


def dossier_grouping(articles: list[Article], model: str) -> list[str]:
    from dossier.embed import encode

    nlp = load_pipeline(model)
    leads = [a.text[:LEAD_CHARS] for a in articles]
    disabled = [name for name in ("parser", "lemmatizer") if name in nlp.pipe_names]
    docs = nlp.pipe(leads, batch_size=64, disable=disabled)
    for article, doc in zip(articles, docs, strict=True):
        article.entities = doc_entities(doc)
    index = NearDuplicateIndex()
    for article in articles:
        article.duplicate_of = index.add(article.id, article.text)
    embeddings = encode([lead_text(a) for a in articles])
    clusterer = StoryClusterer()
    for article, embedding in zip(articles, embeddings, strict=True):
        clusterer.add(article_signal(article, embedding))
    assignments = clusterer.assignments()
    return [assignments[a.id] for a in articles]


def baseline_grouping(articles: list[Article], n_stories: int) -> list[int]:
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(articles) < 2:
        return [1] * len(articles)
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
        [a.text for a in articles]
    )
    similarity = (matrix @ matrix.T).toarray()
    distance = np.clip(1.0 - similarity, 0.0, None)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    return [int(c) for c in fcluster(tree, t=n_stories, criterion="maxclust")]


def evaluate_stories(
    data: Path, model: str = DEFAULT_MODEL, limit: int | None = None
) -> dict:
    started = time.perf_counter()
    stream = list(labelled_stream(data))
    # A newsroom receives articles in time order; undated ones keep their file order.
    stream.sort(key=lambda item: item[1].published or dt.date.min)
    if limit:
        stream = stream[:limit]
    if not stream:
        raise ValueError(
            f"no labelled articles in {data}: expected a Timeline17 folder (topic/articles.jsonl)"
            " or Multi-News JSON Lines"
        )
    labels = [label for label, _ in stream]
    articles = [article for _, article in stream]
    # Ids derive from content: an exact repeat keeps the id and the clusterer needs unique ones.
    seen: dict[str, int] = {}
    for article in articles:
        seen[article.id] = seen.get(article.id, 0) + 1
        if seen[article.id] > 1:
            article.id = f"{article.id}-{seen[article.id]}"
    t0 = time.perf_counter()
    ours = dossier_grouping(articles, model)
    dossier_seconds = time.perf_counter() - t0
    t0 = time.perf_counter()
    theirs = baseline_grouping(articles, len(set(labels)))
    baseline_seconds = time.perf_counter() - t0
    seconds = time.perf_counter() - started
    return {
        "n": len(articles),
        "true_stories": len(set(labels)),
        "seconds": round(seconds, 1),
        "articles_per_second": round(len(articles) / dossier_seconds, 1) if articles else None,
        "systems": {
            "dossier": {**scores(labels, ours), "seconds": round(dossier_seconds, 1)},
            "baseline": {**scores(labels, theirs), "seconds": round(baseline_seconds, 1)},
        },
    }


def format_table(report: dict) -> str:
    lines = [
        f"Stories: {report['n']} articles from {report['true_stories']} true stories, "
        f"{report['seconds']}s ({report['articles_per_second']} articles/s for dossier)",
        f"{'system':<10}{'stories':>8}{'B3 P':>8}{'B3 R':>8}{'B3 F1':>8}{'ARI':>8}{'NMI':>8}"
        f"{'sec':>8}",
    ]
    for name, s in report["systems"].items():
        lines.append(
            f"{name:<10}{s['stories']:>8}{s['bcubed_precision']:>8.3f}{s['bcubed_recall']:>8.3f}"
            f"{s['bcubed_f1']:>8.3f}{s['ari']:>8.3f}{s['nmi']:>8.3f}{s['seconds']:>8.1f}"
        )
    lines.append("baseline: TF-IDF + average-linkage agglomerative, given the true story count")
    return "\n".join(lines)
