"""Measure quote extraction on PolNeAR (attribution relations) next to textacy.

Each PolNeAR text goes through dossier's own annotation path (the `Annotator` over paragraphs
with the `quotes` extractor). Cleaning is bypassed: the raw file text is the article text, so
the extractor's offsets are offsets into the file and line up with the brat stand-off spans.
textacy 0.13.0's `direct_quotations` runs on the same spaCy Docs (per paragraph); it raises on
unbalanced quotation marks, and a document where it raises counts as producing nothing.

Scores, for sources (who) and contents (what) separately, over all documents pooled:

- exact: a predicted span matches a gold span when both are the same after stripping
  whitespace and punctuation at their edges;
- overlap: a predicted span matches a gold span when they share at least one character.

Matching is one-to-one (each gold and each predicted span is used at most once, greedily by
the largest overlap), precision = matched / predicted, recall = matched / gold, and F1 their
harmonic mean. Gold sources are the Source spans of PolNeAR's attributions (one per relation;
relations without a source are skipped for the source score), gold contents their Content
spans; discontinuous brat spans count as one span from the first to the last character.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel

from dossier.analysis import ArticleDoc
from dossier.annotate import Annotator
from dossier.evaluate import default_data_path
from dossier.model import Article
from dossier.quotes.extract import QuoteExtractor

Span = tuple[int, int]
_EDGE = set(
    string.punctuation + string.whitespace + "\u201c\u201d\u2018\u2019\u00ab\u00bb\u2014\u2013"
)


@dataclass
class PolnearDoc:
    name: str
    text: str
    sources: list[Span] = field(default_factory=list)
    contents: list[Span] = field(default_factory=list)


def _ann_spans(field_text: str) -> Span:
    """brat 'Label 10 20;25 30' -> (10, 30)."""
    numbers = [int(n) for n in re.findall(r"\d+", field_text.split(" ", 1)[1])]
    return min(numbers), max(numbers)


def read_polnear(folder: Path, limit: int | None = None) -> Iterator[PolnearDoc]:
    """PolNeAR documents of one split: text/NAME.txt with attributions/NAME_HASH.ann."""
    annotations = sorted((folder / "attributions").glob("*.ann"))
    for count, ann in enumerate(annotations):
        if limit is not None and count >= limit:
            break
        stem = ann.stem.rsplit("_", 1)[0]
        text_path = folder / "text" / f"{stem}.txt"
        if not text_path.exists():
            text_path = folder / "text" / f"{ann.stem}.txt"
        text = text_path.read_text(encoding="utf-8")
        spans: dict[str, tuple[str, Span]] = {}
        relations: list[dict[str, str]] = []
        for line in ann.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if line.startswith("T") and len(parts) >= 2:
                spans[parts[0]] = (parts[1].split(" ", 1)[0], _ann_spans(parts[1]))
            elif line.startswith("E") and len(parts) >= 2:
                roles = dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg)
                relations.append(roles)
        doc = PolnearDoc(ann.stem, text)
        for roles in relations:
            if "Source" in roles and roles["Source"] in spans:
                doc.sources.append(spans[roles["Source"]][1])
            if "Content" in roles and roles["Content"] in spans:
                doc.contents.append(spans[roles["Content"]][1])
        yield doc


def _strip(text: str, span: Span) -> Span:
    start, end = span
    while start < end and text[start] in _EDGE:
        start += 1
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return start, end


def match_counts(
    text: str, gold: Iterable[Span], predicted: Iterable[Span], exact: bool
) -> tuple[int, int, int]:
    """(matched, predicted, gold) with one-to-one matching (see the module docstring)."""
    gold_spans = sorted({_strip(text, s) for s in gold if _strip(text, s)[1] > _strip(text, s)[0]})
    predicted_spans = sorted(
        {_strip(text, s) for s in predicted if _strip(text, s)[1] > _strip(text, s)[0]}
    )
    if exact:
        matched = len(set(gold_spans) & set(predicted_spans))
        return matched, len(predicted_spans), len(gold_spans)
    pairs = []
    for gi, (gs, ge) in enumerate(gold_spans):
        for pi, (ps, pe) in enumerate(predicted_spans):
            overlap = min(ge, pe) - max(gs, ps)
            if overlap > 0:
                pairs.append((overlap, gi, pi))
    used_gold: set[int] = set()
    used_predicted: set[int] = set()
    for _, gi, pi in sorted(pairs, reverse=True):
        if gi not in used_gold and pi not in used_predicted:
            used_gold.add(gi)
            used_predicted.add(pi)
    return len(used_gold), len(predicted_spans), len(gold_spans)


def _f1(counts: list[tuple[int, int, int]]) -> dict[str, float]:
    matched = sum(c[0] for c in counts)
    predicted = sum(c[1] for c in counts)
    gold = sum(c[2] for c in counts)
    precision = matched / predicted if predicted else 0.0
    recall = matched / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def _scores(
    docs: list[PolnearDoc], predictions: list[tuple[list[Span], list[Span]]]
) -> dict[str, float]:
    report: dict[str, float] = {}
    for role, gold_of, index in (
        ("source", lambda d: d.sources, 0),
        ("content", lambda d: d.contents, 1),
    ):
        for mode, exact in (("exact", True), ("overlap", False)):
            counts = [
                match_counts(doc.text, gold_of(doc), predicted[index], exact)
                for doc, predicted in zip(docs, predictions, strict=True)
            ]
            scored = _f1(counts)
            report[f"{role}_f1_{mode}"] = scored["f1"]
            report[f"{role}_precision_{mode}"] = scored["precision"]
            report[f"{role}_recall_{mode}"] = scored["recall"]
    return report


class TextacySpan(BaseModel):
    speaker_start: int | None
    speaker_end: int | None
    start: int
    end: int


class TextacyQuotes:
    """textacy's `direct_quotations` as a dossier extractor, so it sees the very same Docs."""

    name = "textacy_quotes"

    def __call__(self, doc: ArticleDoc) -> list[TextacySpan]:
        from textacy.extract.triples import direct_quotations

        found = []
        for offset, parsed in doc.paragraphs:
            for triple in direct_quotations(parsed):
                speaker = sorted(triple.speaker, key=lambda t: t.i)
                found.append(
                    TextacySpan(
                        speaker_start=offset + speaker[0].idx if speaker else None,
                        speaker_end=(
                            offset + speaker[-1].idx + len(speaker[-1].text) if speaker else None
                        ),
                        start=offset + triple.content.start_char,
                        end=offset + triple.content.end_char,
                    )
                )
        return found


def univocal(findings: list) -> list:
    """PolNeAR labels each token at most once, so an attribution reported inside another's
    content ("X said Y claimed Z") is not annotated: drop findings whose cue lies inside the
    content of another finding."""
    kept = []
    for finding in findings:
        cue = getattr(finding, "cue_start", None)
        if cue is not None and any(
            other is not finding and other.start <= cue < other.end for other in findings
        ):
            continue
        kept.append(finding)
    return kept


def _spans(findings: list) -> tuple[list[Span], list[Span]]:
    return (
        [(f.speaker_start, f.speaker_end) for f in findings if f.speaker_start is not None],
        [(f.start, f.end) for f in findings],
    )


def evaluate_quotes(polnear_dir: Path | str | None = None, limit: int | None = None) -> dict:
    """Source and content F1 (exact and overlap) of dossier's quotes and textacy's direct
    quotations on PolNeAR (default `../shared/data/polnear/dev`)."""
    folder = Path(polnear_dir) if polnear_dir else default_data_path("polnear/dev")
    if folder is None or not folder.exists():
        raise FileNotFoundError("PolNeAR folder not found (pass --polnear DIR)")
    docs = list(read_polnear(folder, limit))
    annotator = Annotator(extractors=[QuoteExtractor(), TextacyQuotes()])
    articles = (
        Article(id=doc.name, path=doc.name, format="text", language="en", text=doc.text)
        for doc in docs
    )
    ours: list[tuple[list[Span], list[Span]]] = []
    theirs: list[tuple[list[Span], list[Span]]] = []
    textacy_failures = 0
    for _, findings, failures in annotator.annotate_with_findings(articles):
        ours.append(_spans(univocal(findings.get("quotes", []))))
        theirs.append(_spans(findings.get("textacy_quotes", [])))
        textacy_failures += any(f.startswith("textacy_quotes") for f in failures)
    return {
        "documents": len(docs),
        "gold_sources": sum(len(d.sources) for d in docs),
        "gold_contents": sum(len(d.contents) for d in docs),
        "dossier": _scores(docs, ours),
        "textacy_failed_documents": textacy_failures,
        "textacy": _scores(docs, theirs),
    }


def format_table(report: dict) -> str:
    """A plain-text table: dossier and textacy side by side."""
    rows = [
        f"PolNeAR: {report['documents']} documents, {report['gold_sources']} gold sources, "
        f"{report['gold_contents']} gold contents; textacy failed on "
        f"{report['textacy_failed_documents']} documents",
        f"{'metric':<24}{'dossier':>10}{'textacy':>10}",
    ]
    for key in (
        "source_f1_exact",
        "source_f1_overlap",
        "content_f1_exact",
        "content_f1_overlap",
        "source_precision_overlap",
        "source_recall_overlap",
        "content_precision_overlap",
        "content_recall_overlap",
    ):
        rows.append(f"{key:<24}{report['dossier'][key]:>10.3f}{report['textacy'][key]:>10.3f}")
    return "\n".join(rows)
