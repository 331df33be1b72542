"""Body extraction quality on the article extraction benchmark (181 news pages with gold
bodies). The metric is the benchmark's: multisets of 4-word shingles, per-page true/false
positives and negatives normalised to sum to one, precision and recall averaged over pages,
F1 from the averages."""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import trafilatura

from dossier.clean import clean_document
from dossier.ingest.formats import RawDocument

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


def shingles(text: str, n: int = SHINGLE) -> Counter:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def page_counts(gold: str, predicted: str) -> tuple[float, float, float]:
    """Normalised (tp, fp, fn) of one page."""
    true, pred = shingles(gold), shingles(predicted)
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float | None:
    if fp == fn == 0:
        return 1.0
    return None if tp + fp == 0 else tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float | None:
    if fp == fn == 0:
        return 1.0
    return None if tp + fn == 0 else tp / (tp + fn)


def score(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    precisions = [p for p in (_precision(*c) for c in counts) if p is not None]
    recalls = [r for r in (_recall(*c) for c in counts) if r is not None]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def dossier_body(html: str) -> str:
    result = clean_document(RawDocument(path="page", format="html", html=html))
    return getattr(result, "text", "")


def trafilatura_body(html: str) -> str:
    return trafilatura.extract(html, include_comments=False) or ""


SYSTEMS: dict[str, Callable[[str], str]] = {
    "dossier": dossier_body,
    "trafilatura": trafilatura_body,
}


def evaluate_extraction(data: Path, limit: int | None = None) -> dict:
    gold = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(gold)[:limit] if limit else sorted(gold)
    counts: dict[str, list] = {name: [] for name in SYSTEMS}
    seconds: dict[str, float] = dict.fromkeys(SYSTEMS, 0.0)
    for page_id in ids:
        with gzip.open(data / "html" / f"{page_id}.html.gz", "rt", encoding="utf-8") as handle:
            html = handle.read()
        truth = gold[page_id].get("articleBody", "")
        for name, system in SYSTEMS.items():
            started = time.perf_counter()
            predicted = system(html)
            seconds[name] += time.perf_counter() - started
            counts[name].append(page_counts(truth, predicted))
    return {
        "n": len(ids),
        "systems": {
            name: {**score(counts[name]), "seconds": round(seconds[name], 2)} for name in SYSTEMS
        },
    }


def format_table(report: dict) -> str:
    lines = [
        f"Article body extraction, {report['n']} pages (4-gram shingles)",
        f"{'system':<14}{'precision':>10}{'recall':>10}{'F1':>10}{'seconds':>10}",
    ]
    for name, metrics in report["systems"].items():
        lines.append(
            f"{name:<14}{metrics['precision']:>10.3f}{metrics['recall']:>10.3f}"
            f"{metrics['f1']:>10.3f}{metrics['seconds']:>10.1f}"
        )
    return "\n".join(lines)
