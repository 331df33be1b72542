"""Multi-document summaries measured on Multi-News, next to the usual extractive baselines.

Protocol (the issue's): every system gets the same sentences (spaCy's rule-based
sentencizer over each document's lines) and the same budget in words; each system's sentences
are joined in its own order until the budget is reached and the last one is cut to fit;
ROUGE-1/2/L F1 from `rouge-score` with stemming, against the human summary without its leading
"– ". Systems:

- `dossier`: `dossier.summary.scoring.select_sentences`, the function the story stage ships
  (here without the story structure, which a bare Multi-News cluster does not have), its
  sentences in `reading_order` and cited as it cites them (datelines and stray quotation
  marks trimmed);
- `lead`: round-robin lead, sentence 1 of every document, then sentence 2, ...;
- `lexrank`, `textrank`: sumy's summarizers, ranked over the same sentences;
- `mmr`: maximal marginal relevance over the same sentence encoder (all-MiniLM-L6-v2), query =
  the cluster's centroid, lambda 0.7.

Nothing is learned from the evaluation data: dossier's weights are set by hand
(`scoring.Weights`) and the same for every cluster.

With `pipeline`, each cluster is first built into a story by the whole pipeline (cleaning,
annotation, every extractor and the story stages before the summary), and every system
summarises the sentences the summary stage selects from. `dossier` is then the stage as it
ships, with the story's structure and threads; `dossier-plain` is the same scorer without
them. A further score, `threads`, is the share of the story's main threads (its most-named
actors, places, forums and agreements) named in the human summary that the system's summary
names too.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

SYSTEMS = ("dossier", "lead", "lexrank", "textrank", "mmr")
PIPELINE_SYSTEMS = ("dossier", "dossier-plain", "lead", "lexrank", "textrank", "mmr")
MMR_LAMBDA = 0.7


def load_clusters(path: Path, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Multi-News clusters from JSON Lines `{documents: [...], summary}` (or `document` with
    documents separated by `|||||`)."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    count = 0
    for file in files:
        with file.open(encoding="utf-8") as lines:
            for line in lines:
                if not line.strip():
                    continue
                record = json.loads(line)
                documents = record.get("documents")
                if documents is None:
                    documents = str(record.get("document", "")).split("|||||")
                yield {
                    "id": record.get("idx", count),
                    "documents": [d for d in documents if d.strip()],
                    "summary": record["summary"],
                }
                count += 1
                if limit is not None and count >= limit:
                    return


def reference_text(summary: str) -> str:
    return re.sub(r"^\s*[–-]\s*", "", summary.strip())


_splitter: Any = None


def split_paragraphs(document: str) -> list[list[str]]:
    """The one sentence splitter every system shares: the sentences of each non-empty line."""
    global _splitter
    if _splitter is None:
        import spacy

        _splitter = spacy.blank("en")
        _splitter.add_pipe("sentencizer")
    paragraphs = []
    for line in document.splitlines():
        line = line.strip()
        if not line:
            continue
        sentences = [s.text.strip() for s in _splitter(line).sents if s.text.strip()]
        if sentences:
            paragraphs.append(sentences)
    return paragraphs


def split_sentences(document: str) -> list[str]:
    return [sentence for paragraph in split_paragraphs(document) for sentence in paragraph]


def paragraph_starts(paragraphs: Sequence[Sequence[str]]) -> set[int]:
    """The indices, among a document's sentences, of those that begin a paragraph."""
    starts, index = set(), 0
    for paragraph in paragraphs:
        starts.add(index)
        index += len(paragraph)
    return starts


def fit_budget(sentences: Sequence[str], words: int) -> str:
    """Sentences joined in order until `words`, the last one cut to fit."""
    out: list[str] = []
    total = 0
    for sentence in sentences:
        tokens = sentence.split()
        if total + len(tokens) >= words:
            out.append(" ".join(tokens[: words - total]))
            break
        out.append(sentence)
        total += len(tokens)
    return " ".join(out)


def lead(documents: Sequence[Sequence[str]]) -> list[str]:
    order = []
    for rank in range(max((len(d) for d in documents), default=0)):
        order.extend(d[rank] for d in documents if rank < len(d))
    return order


def mmr(
    sentences: Sequence[str], embeddings: np.ndarray, words: int, weight: float = MMR_LAMBDA
) -> list[str]:
    if not len(sentences):
        return []
    centroid = embeddings.mean(axis=0)
    centroid /= np.linalg.norm(centroid) or 1.0
    relevance = embeddings @ centroid
    chosen: list[int] = []
    total = 0
    remaining = set(range(len(sentences)))
    while remaining and total < words:
        if chosen:
            redundancy = (embeddings[list(remaining)] @ embeddings[chosen].T).max(axis=1)
        else:
            redundancy = np.zeros(len(remaining))
        candidates = list(remaining)
        scores = weight * relevance[candidates] - (1 - weight) * redundancy
        best = candidates[int(np.argmax(scores))]
        chosen.append(best)
        remaining.discard(best)
        total += len(sentences[best].split())
    return [sentences[i] for i in chosen]


class _WordTokenizer:
    """Words for sumy's sentence objects. sumy's own tokenizer needs NLTK's punkt data, which
    is downloaded at run time (no network here); the sentences are already split anyway."""

    language = "english"

    @staticmethod
    def to_words(text: str) -> tuple[str, ...]:
        return tuple(re.findall(r"[^\W_]+(?:['’][^\W_]+)?", text))


def _sumy_ranked(kind: str, sentences: Sequence[str]) -> list[str]:
    """sumy's LexRank or TextRank ranking of the given sentences (best first): its
    `_get_best_sentences` keeps a top k in document order; we keep the whole ranking so
    every system fills the same budget the same way."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    tokenizer = _WordTokenizer()
    base = LexRankSummarizer if kind == "lexrank" else TextRankSummarizer

    class Ranking(base):  # type: ignore[valid-type, misc]
        def _get_best_sentences(self, sentences, count, rating, *args, **kwargs):
            rate = (lambda s: rating[s]) if isinstance(rating, dict) else rating
            order = sorted(
                range(len(sentences)),
                key=lambda i: -rate(sentences[i], *args, **kwargs),
            )
            return tuple(sentences[i] for i in order)

    summarizer = Ranking(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    document = ObjectDocumentModel([Paragraph([SumySentence(s, tokenizer) for s in sentences])])
    return [str(s) for s in summarizer(document, len(sentences))]


def summaries_for(
    documents: list[list[str]],
    embeddings: list[np.ndarray],
    words: int,
    paragraph_starts: Sequence[Collection[int]] | None = None,
    structure: Sequence[Sequence[float]] | None = None,
    threads: Sequence[Sequence[Collection[str]]] | None = None,
    people: Collection[str] = (),
) -> dict[str, str]:
    """Every system's summary of one cluster. Only dossier reads `paragraph_starts` (where a
    quotation left open at a paragraph's end stops) and, when the cluster was built into a
    story, its `structure`, `threads` and `people` (then `dossier-plain` is dossier without
    them); the sentences are the same for all."""
    from dossier.summary.scoring import reading_order, select_sentences

    def dossier(with_story: bool) -> str:
        chosen = select_sentences(
            documents,
            embeddings,
            words,
            fill=True,
            paragraph_starts=paragraph_starts,
            structure=structure if with_story else None,
            threads=threads if with_story else None,
            people=people,
        )
        return fit_budget([c.text for c in reading_order(chosen)], words)

    flat = [s for d in documents for s in d]
    stacked = np.concatenate([e for e in embeddings if len(e)], axis=0) if flat else None
    out = {"dossier": dossier(True)}
    if structure is not None or threads is not None:
        out["dossier-plain"] = dossier(False)
    out.update(
        {
            "lead": fit_budget(lead(documents), words),
            "lexrank": fit_budget(_sumy_ranked("lexrank", flat), words),
            "textrank": fit_budget(_sumy_ranked("textrank", flat), words),
            "mmr": fit_budget(mmr(flat, stacked, words) if stacked is not None else [], words),
        }
    )
    return out


class ClusterStories:
    """Builds a cluster's documents into a story with the whole pipeline up to the summary:
    models are loaded once, for every cluster."""

    def __init__(self, model: str | None = None):
        from dossier.analysis import available, make_extractors, make_story_stages
        from dossier.annotate import DEFAULT_MODEL, Annotator

        extractors, stages = available()
        self.annotator = Annotator(model or DEFAULT_MODEL, extractors=make_extractors(extractors))
        self.stages = make_story_stages([s for s in stages if s not in ("summary", "timeline")])

    def build(self, documents: Sequence[str]) -> tuple[Any, dict[str, set[str]]]:
        """The summary stage's inputs for the story, and each thread's written forms (its
        name and every mention's text)."""
        import tempfile

        from dossier.analysis import StoryContext
        from dossier.pipeline import (
            BuildOptions,
            ProblemLog,
            check_language,
            clean_articles,
            flag_duplicates,
            run_stages,
        )
        from dossier.summary.stage import THREAD_SECTIONS, summary_inputs

        problems = ProblemLog()
        with tempfile.TemporaryDirectory(prefix="dossier-multinews-") as tmp:
            paths = []
            for n, document in enumerate(documents):
                path = Path(tmp) / f"{n:03d}.txt"
                path.write_text(document, encoding="utf-8")
                paths.append(str(path))
            articles = check_language(
                flag_duplicates(clean_articles(paths, BuildOptions(), problems)),
                self.annotator,
                problems,
            )
            annotated, findings = {}, {}
            for article, found, _failures in self.annotator.annotate_with_findings(articles):
                annotated[article.id] = article
                findings[article.id] = found
        ctx = StoryContext(
            articles=lambda: iter(list(annotated.values())),
            article=annotated.__getitem__,
            findings=findings,
        )
        run_stages(self.stages, ctx, problems)
        forms: dict[str, set[str]] = {}
        for section in THREAD_SECTIONS:
            for item in ctx.sections.get(section) or []:
                written = forms.setdefault(item.name.casefold(), set())
                written.add(item.name)
                written.update(m.text for m in getattr(item, "mentions", []))
        return summary_inputs(ctx), forms


def threads_named(text: str, forms: dict[str, set[str]], threads: Collection[str]) -> set[str]:
    """Which of `threads` the text names: any written form of at least three characters, as
    written (case matters: "US" is not "us"), as a whole word."""
    named = set()
    for thread in threads:
        for form in forms.get(thread, ()):
            if len(form) >= 3 and re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text):
                named.add(thread)
                break
    return named


def evaluate_summaries(
    data_path: Path, words: int = 300, limit: int | None = None, pipeline: bool = False
) -> dict[str, Any]:
    from rouge_score import rouge_scorer

    from dossier.embed import encode
    from dossier.summary.scoring import main_threads

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    systems = PIPELINE_SYSTEMS if pipeline else SYSTEMS
    totals = {name: {"rouge1": 0.0, "rouge2": 0.0, "rougeL": 0.0} for name in systems}
    named = dict.fromkeys(systems, 0)
    wanted = 0
    stories = ClusterStories() if pipeline else None
    started = time.perf_counter()
    clusters = articles = 0
    for cluster in load_clusters(data_path, limit):
        reference = reference_text(cluster["summary"])
        structure = threads = None
        people: set[str] = set()
        forms: dict[str, set[str]] = {}
        if stories is not None:
            inputs, forms = stories.build(cluster["documents"])
            documents, embeddings = inputs.documents, inputs.embeddings
            starts = inputs.paragraph_starts
            structure, threads, people = inputs.structure, inputs.threads, inputs.people
            if not any(documents):
                continue
        else:
            split = [p for p in (split_paragraphs(d) for d in cluster["documents"]) if p]
            documents = [[s for paragraph in d for s in paragraph] for d in split]
            if not documents:
                continue
            vectors = encode([s for d in documents for s in d])
            embeddings, offset = [], 0
            for document in documents:
                embeddings.append(vectors[offset : offset + len(document)])
                offset += len(document)
            starts = [paragraph_starts(d) for d in split]
        summaries = summaries_for(
            documents, embeddings, words, starts, structure, threads, people
        )
        if threads is not None:
            told = threads_named(reference, forms, main_threads(threads))
            wanted += len(told)
            for name, summary in summaries.items():
                named[name] += len(threads_named(summary, forms, told))
        for name, summary in summaries.items():
            scores = scorer.score(reference, summary)
            for metric in ("rouge1", "rouge2", "rougeL"):
                totals[name][metric] += scores[metric].fmeasure
        clusters += 1
        articles += len(documents)
    seconds = time.perf_counter() - started
    report = {
        "n": clusters,
        "words": words,
        "pipeline": pipeline,
        "seconds": round(seconds, 1),
        "articles_per_second": round(articles / seconds, 2) if seconds else None,
        "systems": {
            name: {m: round(v / clusters, 4) if clusters else 0.0 for m, v in metrics.items()}
            for name, metrics in totals.items()
        },
    }
    if pipeline:
        for name in systems:
            report["systems"][name]["threads"] = round(named[name] / wanted, 4) if wanted else 0.0
    return report


def format_table(report: dict[str, Any]) -> str:
    threads = bool(report.get("pipeline"))
    lines = [
        f"Multi-News summaries{' (whole pipeline)' if threads else ''}: {report['n']} clusters, "
        f"{report['words']} words, {report['seconds']}s "
        f"({report['articles_per_second']} articles/s)",
        "",
        f"{'system':<14}{'R-1':>8}{'R-2':>8}{'R-L':>8}" + (f"{'threads':>9}" if threads else ""),
    ]
    ranked = sorted(report["systems"].items(), key=lambda kv: -kv[1]["rouge1"])
    for name, scores in ranked:
        lines.append(
            f"{name:<14}{scores['rouge1'] * 100:>8.2f}{scores['rouge2'] * 100:>8.2f}"
            f"{scores['rougeL'] * 100:>8.2f}"
            + (f"{scores['threads']:>9.3f}" if threads else "")
        )
    return "\n".join(lines)
