"""Event coding measured on PLOVER's human-coded gold records, next to a verb-lexicon baseline.

Each record's sentence goes through dossier's annotation and the `events` extractor. The main
event of the sentence is the one whose clause is closest to the root of the parse (ties: the
earliest trigger); no event counts as a wrong type. Gold DEMAND, DISAPPROVE and FIGHT are
folded into REQUEST, ACCUSE and ASSAULT, as in the story model. Accuracy is over all records;
macro-F1 averages the per-type F1 over the types of the gold records.

Source (target) match: over the records whose gold has a source (target), the share where a
predicted actor span overlaps a gold actorText, i.e. shares a content word with it (gold
actorTexts are not always contiguous: "French warships" for "French and Egyptian warships").

Baseline, same run: the first verb of the sentence (spaCy's tagger, no parse) whose lemma
alone is in the lexicon's verbs gives the type; it finds no actors, so its matches are 0.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from dossier.annotate import DEFAULT_MODEL, Annotator
from dossier.evaluate import default_data_path
from dossier.events.extract import EventExtractor, EventFinding
from dossier.events.lexicon import load_lexicon
from dossier.model import Article

FOLDED = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT"}
NO_EVENT = "NONE"
_WORD = re.compile(r"[\w'-]+")
_STOP = {"the", "a", "an", "of", "in", "and", "'s", "its", "his", "her", "their", "to", "on"}


def _actors(value) -> list[str]:
    if not isinstance(value, list):
        return []
    return [item["actorText"] for item in value if isinstance(item, dict) and item.get("actorText")]


def _content_words(text: str) -> set[str]:
    return {w for w in (m.lower() for m in _WORD.findall(text)) if w not in _STOP}


def spans_match(predicted: list[str], gold: list[str]) -> bool:
    gold_words = set().union(*(_content_words(text) for text in gold)) if gold else set()
    return any(_content_words(text) & gold_words for text in predicted)


def main_event(findings: list[EventFinding]) -> EventFinding | None:
    if not findings:
        return None
    return min(findings, key=lambda f: (f.depth, f.trigger_start))


def baseline_type(tokens: list[tuple[str, str]]) -> str:
    """(lemma, coarse POS) pairs of the sentence -> type of its first lexicon verb."""
    lexicon = load_lexicon()
    for lemma, pos in tokens:
        if pos == "VERB":
            for pattern in lexicon.verbs.get(lemma.lower(), []):
                if not pattern.dependents:
                    return pattern.event_type
    return NO_EVENT


def type_scores(gold: list[str], predicted: list[str]) -> dict[str, float]:
    accuracy = sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold)
    f1s = []
    for label in sorted(set(gold)):
        tp = sum(g == p == label for g, p in zip(gold, predicted, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, predicted, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, predicted, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return {"accuracy": round(accuracy, 4), "macro_f1": round(sum(f1s) / len(f1s), 4)}


def _fraction(hits: list[bool]) -> float:
    return round(sum(hits) / len(hits), 4) if hits else 0.0


def evaluate_events(
    plover_file: Path | str | None = None,
    limit: int | None = None,
    model: str = DEFAULT_MODEL,
    progress: Callable[[int], None] | None = None,
) -> dict:
    path = Path(plover_file) if plover_file else default_data_path("plover/gold_dev.json")
    if path is None:
        raise FileNotFoundError("no PLOVER gold file: pass plover_file")
    records = json.loads(Path(path).read_text(encoding="utf-8"))[:limit]
    annotator = Annotator(model, extractors=[EventExtractor()])
    articles = [
        Article(id=f"plover-{i}", path=str(path), format="text", language="en", text=r["text"])
        for i, r in enumerate(records)
    ]
    nlp = annotator.nlp
    gold_types, ours, baseline = [], [], []
    source_hits, target_hits = [], []
    results = annotator.annotate_with_findings(articles)
    for index, (record, (_, findings, _)) in enumerate(zip(records, results, strict=True)):
        gold_types.append(FOLDED.get(record["event"], record["event"]))
        event = main_event([f for f in findings.get("events", []) if isinstance(f, EventFinding)])
        ours.append(event.type if event else NO_EVENT)
        gold_source, gold_target = _actors(record.get("source")), _actors(record.get("target"))
        if gold_source:
            source_hits.append(
                bool(event) and spans_match([s.text for s in event.source], gold_source)
            )
        if gold_target:
            target_hits.append(
                bool(event) and spans_match([t.text for t in event.target], gold_target)
            )
        doc = nlp(record["text"], disable=["parser", "ner"])
        baseline.append(baseline_type([(t.lemma_, t.pos_) for t in doc]))
        if progress:
            progress(index + 1)
    return {
        "dossier": {
            **type_scores(gold_types, ours),
            "source_match": _fraction(source_hits),
            "target_match": _fraction(target_hits),
        },
        "baseline": {
            **type_scores(gold_types, baseline),
            "source_match": 0.0,
            "target_match": 0.0,
        },
    }


def format_table(report: dict) -> str:
    columns = ("accuracy", "macro_f1", "source_match", "target_match")
    lines = [
        "PLOVER event coding (type accuracy and macro-F1; source/target span match)",
        f"{'system':<10}" + "".join(f"{c:>14}" for c in columns),
    ]
    for system in ("dossier", "baseline"):
        lines.append(f"{system:<10}" + "".join(f"{report[system][c]:>14.3f}" for c in columns))
    return "\n".join(lines)
