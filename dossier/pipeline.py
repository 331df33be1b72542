"""The build pipeline: ingest → clean → (flag duplicates) → annotate → story files.

Per-article stages are pure functions of one document; the only state carried across
articles is the near-duplicate index and the id registry, both small per article.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dossier.analysis import (
    Findings,
    StoryContext,
    StoryStage,
    make_extractors,
    make_story_stages,
)
from dossier.annotate import DEFAULT_MODEL, Annotator
from dossier.clean import MetadataOverrides, clean_document
from dossier.clean.dedup import NearDuplicateIndex
from dossier.ingest import DEFAULT_MAX_BYTES, Sidecar, iter_documents
from dossier.model import Article, Problem
from dossier.output import ArticleSpool, atomic_open, write_story_json
from dossier.report import StoryStats, render, story_title

STORY_FILE = "story.json"
MARKDOWN_REPORT = "report.md"
HTML_REPORT = "report.html"


@dataclass
class BuildOptions:
    model: str = DEFAULT_MODEL
    max_bytes: int = DEFAULT_MAX_BYTES
    date: dt.date | None = None
    sidecar: Sidecar | None = None
    title: str | None = None
    batch_size: int = 32
    # Registered components to run, by name; None runs every registered one.
    extractors: list[str] | None = None
    stages: list[str] | None = None
    # Options for story stages: {"aliases": Path, "summary_words": 120, ...}
    story_options: dict[str, Any] = field(default_factory=dict)


@dataclass
class BuildResult:
    out_dir: Path
    articles: int = 0
    skipped: int = 0
    warnings: int = 0
    duplicates: int = 0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)

    @property
    def built(self) -> bool:
        return self.articles > 0


class ProblemLog:
    """Collects problems and reports each one as it happens."""

    def __init__(self, echo: Callable[[Problem], None] | None = None):
        self.items: list[Problem] = []
        self._echo = echo

    def add(self, problem: Problem) -> None:
        self.items.append(problem)
        if self._echo:
            self._echo(problem)


def clean_articles(
    inputs: Iterable[str], options: BuildOptions, problems: ProblemLog, stdin=None
) -> Iterator[Article]:
    """Ingest and clean, one document at a time; failures go to `problems`."""
    for item in iter_documents(inputs, max_bytes=options.max_bytes, stdin=stdin):
        if isinstance(item, Problem):
            problems.add(item)
            continue
        entry = options.sidecar.lookup(item) if options.sidecar else None
        try:
            result = clean_document(item, MetadataOverrides(sidecar=entry, date=options.date))
        except Exception as exc:  # noqa: BLE001 - one odd document must not end the batch
            result = Problem(
                path=item.path,
                severity="error",
                reason=f"could not be cleaned ({type(exc).__name__}: {exc})",
            )
        if isinstance(result, Problem):
            problems.add(result)
        else:
            yield result


def flag_duplicates(articles: Iterable[Article]) -> Iterator[Article]:
    """Give every article a unique id and point near-copies at the first article seen."""
    index = NearDuplicateIndex()
    taken: set[str] = set()
    for article in articles:
        base, n = article.id, 1
        while article.id in taken:
            n += 1
            article.id = f"{base}-{n}"
        taken.add(article.id)
        article.duplicate_of = index.add(article.id, article.text)
        yield article


def check_language(articles: Iterable[Article], annotator: Annotator, problems: ProblemLog):
    for article in articles:
        if not annotator.handles(article):
            problems.add(
                Problem(
                    path=article.path,
                    severity="warning",
                    reason=f"language '{article.language}' is not supported by the "
                    f"'{annotator.language}' pipeline: kept with sentences but no entities",
                )
            )
        yield article


def build(
    inputs: Iterable[str],
    out_dir: Path,
    options: BuildOptions | None = None,
    on_problem: Callable[[Problem], None] | None = None,
    on_article: Callable[[Article], None] | None = None,
    stdin=None,
) -> BuildResult:
    """Build a story from `inputs` into `out_dir`. Writes nothing if no article is usable."""
    options = options or BuildOptions()
    started = time.perf_counter()
    problems = ProblemLog(on_problem)
    annotator = Annotator(
        options.model, batch_size=options.batch_size, extractors=make_extractors(options.extractors)
    )
    stages = make_story_stages(options.stages)
    created_out_dir = not out_dir.exists()
    spool = ArticleSpool(out_dir)
    findings: dict[str, Findings] = {}
    built = False
    try:
        stream = check_language(
            flag_duplicates(clean_articles(inputs, options, problems, stdin=stdin)),
            annotator,
            problems,
        )
        for article, found, failures in annotator.annotate_with_findings(stream):
            spool.add(article)
            findings[article.id] = found
            for failure in failures:
                problems.add(Problem(path=article.path, severity="warning", reason=failure))
            if on_article:
                on_article(article)
        result = BuildResult(
            out_dir=out_dir,
            articles=spool.count,
            skipped=sum(1 for p in problems.items if p.severity == "error"),
            warnings=sum(1 for p in problems.items if p.severity == "warning"),
            problems=problems.items,
        )
        if result.built:
            result.duplicates = finish_story(
                out_dir, spool, findings, stages, problems, options.story_options, options.title
            )
            built = True
    finally:
        spool.close()
        if created_out_dir and not built:
            with contextlib.suppress(OSError):
                out_dir.rmdir()
    result.seconds = time.perf_counter() - started
    return result


def finish_story(
    out_dir: Path,
    spool: ArticleSpool,
    findings: dict[str, Findings],
    stages: list[StoryStage],
    problems: ProblemLog,
    story_options: dict[str, Any] | None = None,
    title: str | None = None,
) -> int:
    """The per-story half of a build: run the story stages over the spooled articles and
    their findings, then write story.json and the reports. Returns the near-duplicate count."""
    ctx = StoryContext(
        articles=lambda: iter(spool),
        article=spool.get,
        findings=findings,
        options=dict(story_options or {}),
    )
    run_stages(stages, ctx, problems)
    spool.replaced.update(ctx.updated)
    stats = StoryStats()
    for article in spool:
        stats.add(article)
    write_outputs(out_dir, spool, problems.items, stats, title, ctx.sections)
    return stats.duplicates


def run_stages(stages: list[StoryStage], ctx: StoryContext, problems: ProblemLog) -> None:
    """Run the story stages in order; a failing stage is reported and leaves its section out."""
    for stage in stages:
        try:
            stage(ctx)
        except Exception as exc:  # noqa: BLE001 - the rest of the story is still worth having
            problems.add(
                Problem(
                    path="<story>",
                    severity="warning",
                    reason=f"story stage '{stage.name}' failed ({type(exc).__name__}: {exc})",
                )
            )


def write_outputs(
    out_dir: Path,
    spool: ArticleSpool,
    problems: list[Problem],
    stats: StoryStats,
    title: str | None = None,
    sections: dict | None = None,
) -> None:
    write_story_json(out_dir / STORY_FILE, spool, problems, sections)
    title = title or story_title(stats)
    for template, name in (("report.md", MARKDOWN_REPORT), ("report.html", HTML_REPORT)):
        with atomic_open(out_dir / name) as out:
            for chunk in render(template, iter(spool), problems, stats, title, sections):
                out.write(chunk)


def echo_problem(problem: Problem) -> None:
    kind = "skipped" if problem.severity == "error" else "warning"
    print(f"dossier: {kind}: {problem.path}: {problem.reason}", file=sys.stderr)
