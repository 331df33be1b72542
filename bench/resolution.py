"""What actors, time and places cost next to the spaCy annotation they build on.

Run from the repository root:

    .venv/bin/python bench/resolution.py [--data articles.jsonl] [--articles 300] [--json]

One process, one topic (default: the first 300 articles of Timeline17's IraqWar_guardian):
the articles are annotated once with the spaCy pipeline while the `actors`, `times` and
`places` extractors run on the same Docs, each extractor timed on its own; then the three
story stages run over the findings, each timed. The figure is

    (extractors + story stages of actors, times and places) / spaCy annotation alone

and the issue's target is a ratio below 1. Components that are not installed in this checkout
are reported as missing, not silently counted as free.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data" / "t17" / "IraqWar_guardian" / "articles.jsonl"
COMPONENTS = ("actors", "times", "places")
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


class Timed:
    """An extractor that adds the time it spends to a running total."""

    def __init__(self, inner: Any) -> None:
        self.inner, self.name, self.seconds = inner, inner.name, 0.0

    def __call__(self, doc: Any) -> list:
        started = time.perf_counter()
        try:
            return self.inner(doc)
        finally:
            self.seconds += time.perf_counter() - started


def load_articles(path: Path, count: int) -> list:
    import datetime as dt

    from dossier.model import Article

    articles = []
    with path.open(encoding="utf-8") as lines:
        for line in itertools.islice(lines, count):
            record = json.loads(line)
            published = (
                dt.date.fromisoformat(str(record["time"])[:10]) if record.get("time") else None
            )
            articles.append(
                Article(
                    id=f"a{len(articles):04}",
                    path=f"{path}#{len(articles)}",
                    format="jsonl",
                    language="en",
                    text=record["text"],
                    published=published,
                    published_from="sidecar" if published else None,
                )
            )
    return articles


def run(path: Path, count: int) -> dict[str, Any]:
    from dossier.analysis import StoryContext, available, make_extractors, make_story_stages
    from dossier.annotate import Annotator

    extractor_names, stage_names = available()
    present = [c for c in COMPONENTS if c in extractor_names]
    missing = [c for c in COMPONENTS if c not in extractor_names]
    articles = load_articles(path, count)
    extractors = [Timed(e) for e in make_extractors(present)]
    stages = make_story_stages([c for c in present if c in stage_names])
    annotator = Annotator(extractors=extractors)
    # Warm up models (spaCy, gazetteer, recognizers) outside the measured run.
    list(annotator.annotate_with_findings([articles[0].model_copy()]))
    for extractor in extractors:
        extractor.seconds = 0.0

    started = time.perf_counter()
    annotated, findings = {}, {}
    for article, found, _failures in annotator.annotate_with_findings(articles):
        annotated[article.id], findings[article.id] = article, found
    total = time.perf_counter() - started
    extract_seconds = {e.name: round(e.seconds, 2) for e in extractors}
    spacy_seconds = total - sum(e.seconds for e in extractors)

    ctx = StoryContext(
        articles=lambda: iter(annotated.values()),
        article=annotated.__getitem__,
        findings=findings,
    )
    stage_seconds = {}
    for stage in stages:
        started = time.perf_counter()
        stage(ctx)
        stage_seconds[stage.name] = round(time.perf_counter() - started, 2)
    cost = sum(extract_seconds.values()) + sum(stage_seconds.values())
    return {
        "data": str(path),
        "articles": len(articles),
        "characters": sum(len(a.text) for a in articles),
        "spacy_annotation_seconds": round(spacy_seconds, 2),
        "extractor_seconds": extract_seconds,
        "stage_seconds": stage_seconds,
        "components_seconds": round(cost, 2),
        "ratio": round(cost / spacy_seconds, 3) if spacy_seconds else None,
        "target": "< 1",
        "missing_components": missing,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="T17 articles.jsonl")
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    if not args.data.exists():
        sys.exit(f"bench/resolution.py: {args.data} not found (pass --data articles.jsonl)")
    report = run(args.data, args.articles)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    print(f"{report['articles']} articles ({report['characters']:,} characters) of {args.data}")
    print(f"spaCy annotation            {report['spacy_annotation_seconds']:>8.1f} s")
    for name, seconds in report["extractor_seconds"].items():
        print(f"  extractor {name:<16}{seconds:>8.1f} s")
    for name, seconds in report["stage_seconds"].items():
        print(f"  story stage {name:<14}{seconds:>8.1f} s")
    print(f"actors + times + places     {report['components_seconds']:>8.1f} s")
    print(f"ratio to spaCy annotation   {report['ratio']:>8.3f}   (target {report['target']})")
    if report["missing_components"]:
        print(f"not installed: {', '.join(report['missing_components'])}")


if __name__ == "__main__":
    main()
