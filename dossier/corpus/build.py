"""Corpus mode: from a news archive to stories, resumably.

The driver streams the inputs in a stable order, a batch at a time. Each batch is analysed
by the engine's workers (clean, annotate, extract, embed), then, in the driver, ids are made
unique, near-copies flagged and every article placed in a story by the incremental
clusterer. The batch is committed by writing its folder aside, renaming it into place and
only then appending a line to `manifest.jsonl` (flushed and fsynced): a run killed at any
point restarts from the last committed batch, skipping exactly the inputs already consumed,
with no record lost or written twice. Then every story whose membership changed is built
(the same story stages as `dossier build`) and the tables are rewritten from the committed
data.

Layout of OUT:
    manifest.jsonl                  one line per committed batch
    batches/000001/                 articles.jsonl, findings.pkl, embeddings.npy,
                                    problems.jsonl, cluster/ (clusterer state after it)
    stories/<story>/                story.json, report.md, report.html
    stories.jsonl                   stories built, with a hash of their membership
    tables/*.parquet                articles, stories, and one table per story section
    summary.json                    the last run's report
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pickle
import shutil
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

import numpy as np

from dossier.annotate import DEFAULT_MODEL
from dossier.clean.dedup import NearDuplicateIndex
from dossier.corpus.cluster import StoryClusterer, article_signal
from dossier.corpus.engine import ArticleResult, make_engine
from dossier.ingest import DEFAULT_MAX_BYTES, iter_documents
from dossier.model import Article, Problem

MANIFEST = "manifest.jsonl"
STORIES_DONE = "stories.jsonl"


@dataclass
class CorpusOptions:
    model: str = DEFAULT_MODEL
    engine: str = "local"
    workers: int = 0
    ray_address: str | None = None
    batch_size: int = 256
    max_bytes: int = DEFAULT_MAX_BYTES
    extractors: list[str] | None = None
    stages: list[str] | None = None
    story_options: dict[str, Any] = field(default_factory=dict)


@dataclass
class CorpusResult:
    out_dir: Path
    articles: int = 0
    skipped: int = 0
    batches: int = 0
    resumed_batches: int = 0
    stories: int = 0
    stories_built: int = 0
    seconds: float = 0.0
    story_sizes: Counter = field(default_factory=Counter)
    skipped_reasons: Counter = field(default_factory=Counter)

    def as_dict(self) -> dict:
        sizes = sorted(self.story_sizes.values(), reverse=True)
        return {
            "articles": self.articles,
            "skipped": self.skipped,
            "batches": self.batches,
            "resumed_batches": self.resumed_batches,
            "stories": self.stories,
            "stories_built": self.stories_built,
            "seconds": round(self.seconds, 1),
            "articles_per_story": {
                "max": sizes[0] if sizes else 0,
                "median": sizes[len(sizes) // 2] if sizes else 0,
                "single_article_stories": sum(1 for s in sizes if s == 1),
            },
            "largest_stories": dict(self.story_sizes.most_common(10)),
            "skipped_reasons": dict(self.skipped_reasons.most_common()),
        }


# -- the manifest -----------------------------------------------------------------------


def read_manifest(out_dir: Path) -> list[dict]:
    path = out_dir / MANIFEST
    if not path.exists():
        return []
    entries = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            entries.append(json.loads(line))
        except ValueError:
            break  # a line cut by a crash: that batch was not committed
    return entries


def _append_line(path: Path, record: dict) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(record) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def _repair_manifest(out_dir: Path, entries: list[dict]) -> None:
    """Drop a torn last line, and batch folders that were written but never committed."""
    path = out_dir / MANIFEST
    if entries or path.exists():
        text = "".join(json.dumps(e) + "\n" for e in entries)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            tmp = path.with_suffix(".tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(path)
    committed = {e["dir"] for e in entries}
    batches = out_dir / "batches"
    if batches.exists():
        for folder in batches.iterdir():
            if f"batches/{folder.name}" not in committed:
                shutil.rmtree(folder, ignore_errors=True)


# -- the run --------------------------------------------------------------------------


def build_corpus(
    inputs: Iterable[str],
    out_dir: Path,
    options: CorpusOptions | None = None,
    progress: Callable[[int, int], None] | None = None,
    on_problem: Callable[[Problem], None] | None = None,
) -> CorpusResult:
    """Analyse, group and build everything in `inputs` into `out_dir`; resumes a killed run.
    `progress(articles, skipped)` is called after every batch."""
    options = options or CorpusOptions()
    started = time.perf_counter()
    out_dir.mkdir(parents=True, exist_ok=True)
    entries = read_manifest(out_dir)
    _repair_manifest(out_dir, entries)
    result = CorpusResult(out_dir=out_dir, resumed_batches=len(entries))
    clusterer, dedup, taken = _restore(out_dir, entries, result)
    consumed = entries[-1]["consumed"] if entries else 0
    stream = islice(iter_documents(list(inputs), max_bytes=options.max_bytes), consumed, None)
    engine = make_engine(
        options.engine, options.model, options.extractors, options.workers, options.ray_address
    )
    try:
        batch_number = len(entries)
        while True:
            items = list(islice(stream, options.batch_size))
            if not items:
                break
            batch_number += 1
            consumed += len(items)
            _run_batch(
                items, batch_number, consumed, out_dir, engine, clusterer, dedup, taken, result,
                on_problem,
            )  # fmt: skip
            result.batches += 1
            if progress:
                progress(result.articles, result.skipped)
        result.stories_built = _build_stories(out_dir, clusterer, engine, options, result)
    finally:
        engine.close()
    write_tables(out_dir, clusterer.assignments())
    result.stories = len(result.story_sizes)
    result.seconds = time.perf_counter() - started
    (out_dir / "summary.json").write_text(json.dumps(result.as_dict(), indent=2), "utf-8")
    return result


def _restore(
    out_dir: Path, entries: list[dict], result: CorpusResult
) -> tuple[StoryClusterer, NearDuplicateIndex, set[str]]:
    """The driver's state as of the last committed batch."""
    dedup, taken = NearDuplicateIndex(), set()
    if not entries:
        return StoryClusterer(keep_members=False), dedup, taken
    clusterer = StoryClusterer.load(out_dir / entries[-1]["dir"] / "cluster")
    clusterer.keep_members = False
    for entry in entries:
        folder = out_dir / entry["dir"]
        clusterer.story_of.update(json.loads((folder / "assign.json").read_text("utf-8")))
        for article in _read_articles(folder):
            taken.add(article.id)
            dedup.add(article.id, article.text)
            result.articles += 1
        for problem in _read_problems(folder):
            if problem.severity == "error":
                result.skipped += 1
                result.skipped_reasons[_reason_kind(problem.reason)] += 1
    return clusterer, dedup, taken


CHUNKS_PER_WORKER = 4


def _document_size(document: Any) -> int:
    return len(document.text or "") + len(document.html or "") // 4


def plan_chunks(sizes: list[int], workers: int) -> list[list[int]]:
    """Indices of a batch cut into chunks for `workers`, largest work first.

    One article can cost as much as a hundred others (a 400 KB live blog against 2 KB
    reports), and the batch ends only when its slowest chunk does. So with several
    workers the batch goes out in about CHUNKS_PER_WORKER chunks a worker, cut by text
    size in descending order: a giant article is a chunk of its own and starts first,
    small ones travel together (spaCy pipes them in one go), and the pool hands the next
    chunk to whichever worker is free.
    """
    if not sizes:
        return []
    if workers <= 1:
        return [list(range(len(sizes)))]
    order = sorted(range(len(sizes)), key=lambda i: (-sizes[i], i))
    target = max(1, sum(sizes) // (workers * CHUNKS_PER_WORKER))
    chunks: list[list[int]] = []
    current: list[int] = []
    load = 0
    for index in order:
        current.append(index)
        load += sizes[index]
        if load >= target:
            chunks.append(current)
            current, load = [], 0
    if current:
        chunks.append(current)
    return chunks


def _run_batch(
    items: list,
    number: int,
    consumed: int,
    out_dir: Path,
    engine,
    clusterer: StoryClusterer,
    dedup: NearDuplicateIndex,
    taken: set[str],
    result: CorpusResult,
    on_problem: Callable[[Problem], None] | None,
) -> None:
    problems = [item for item in items if isinstance(item, Problem)]
    documents = [item for item in items if not isinstance(item, Problem)]
    plan = plan_chunks([_document_size(d) for d in documents], engine.workers)
    chunks = [[documents[i] for i in chunk] for chunk in plan]
    # Results come back in the input's order, however the chunks were cut: ids, near-copy
    # flags and clustering must not depend on the number of workers.
    analysed: list[Any] = [None] * len(documents)
    for chunk, chunk_result in zip(plan, engine.map_chunks(chunks) if chunks else [], strict=True):
        for index, item in zip(chunk, chunk_result, strict=True):
            analysed[index] = item
    articles: list[Article] = []
    findings: dict[str, Any] = {}
    vectors: list[np.ndarray] = []
    for item in analysed:
        if isinstance(item, Problem):
            problems.append(item)
            continue
        assert isinstance(item, ArticleResult)
        article = item.article
        base, n = article.id, 1
        while article.id in taken:
            n += 1
            article.id = f"{base}-{n}"
        taken.add(article.id)
        article.duplicate_of = dedup.add(article.id, article.text)
        clusterer.add(article_signal(article, item.embedding))
        problems.extend(
            Problem(path=article.path, severity="warning", reason=failure)
            for failure in item.failures
        )
        articles.append(article)
        findings[article.id] = item.findings
        vectors.append(item.embedding)
    name = f"batches/{number:06d}"
    tmp = out_dir / f"{name}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    with (tmp / "articles.jsonl").open("w", encoding="utf-8") as handle:
        for article in articles:
            handle.write(article.model_dump_json() + "\n")
    with (tmp / "findings.pkl").open("wb") as handle:
        pickle.dump(findings, handle, protocol=pickle.HIGHEST_PROTOCOL)
    np.save(tmp / "embeddings.npy", np.stack(vectors) if vectors else np.zeros((0, 384)))
    with (tmp / "problems.jsonl").open("w", encoding="utf-8") as handle:
        for problem in problems:
            handle.write(problem.model_dump_json() + "\n")
    clusterer.save(tmp / "cluster", with_assignments=False)
    (tmp / "assign.json").write_text(
        json.dumps({a.id: clusterer.story_of[a.id] for a in articles}), encoding="utf-8"
    )
    for path in [*tmp.iterdir(), *(tmp / "cluster").iterdir()]:
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
    (out_dir / name).parent.mkdir(exist_ok=True)
    tmp.replace(out_dir / name)
    previous = out_dir / f"batches/{number - 1:06d}" / "cluster"
    _append_line(
        out_dir / MANIFEST,
        {"batch": number, "dir": name, "consumed": consumed, "articles": len(articles),
         "problems": len(problems)},
    )  # fmt: skip
    # Only the newest state is ever read back; the older one is dead weight.
    shutil.rmtree(previous, ignore_errors=True)
    result.articles += len(articles)
    for problem in problems:
        if on_problem:
            on_problem(problem)
        if problem.severity == "error":
            result.skipped += 1
            result.skipped_reasons[_reason_kind(problem.reason)] += 1


def _reason_kind(reason: str) -> str:
    return reason.split(" (", 1)[0].split(":", 1)[0][:80]


def _read_articles(folder: Path) -> Iterator[Article]:
    with (folder / "articles.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            yield Article.model_validate_json(line)


def _read_problems(folder: Path) -> Iterator[Problem]:
    with (folder / "problems.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            yield Problem.model_validate_json(line)


def _batch_folders(out_dir: Path) -> list[Path]:
    return [out_dir / entry["dir"] for entry in read_manifest(out_dir)]


# -- stories ----------------------------------------------------------------------------


def _membership_hash(members: list[str]) -> str:
    return hashlib.blake2b("\n".join(sorted(members)).encode(), digest_size=8).hexdigest()


def _build_stories(
    out_dir: Path, clusterer: StoryClusterer, engine, options: CorpusOptions, result: CorpusResult
) -> int:
    """Build every story whose membership changed since it was last built."""
    assignments = clusterer.assignments()
    members: dict[str, list[str]] = defaultdict(list)
    for article_id, story_id in assignments.items():
        members[story_id].append(article_id)
    result.story_sizes = Counter({sid: len(ids) for sid, ids in members.items()})
    done: dict[str, str] = {}
    done_path = out_dir / STORIES_DONE
    if done_path.exists():
        for line in done_path.read_text(encoding="utf-8").splitlines():
            with contextlib.suppress(ValueError):
                record = json.loads(line)
                done[record["story"]] = record["members"]
    stories_root = out_dir / "stories"
    # Stories merged away since an earlier run are gone.
    if stories_root.exists():
        for folder in stories_root.iterdir():
            if folder.name not in members:
                shutil.rmtree(folder, ignore_errors=True)
    todo = {
        sid: ids
        for sid, ids in members.items()
        if done.get(sid) != _membership_hash(ids)
        or not (stories_root / sid / "story.json").exists()
    }
    if not todo:
        return 0
    # One pass over the committed batches sorts every article into its story's input file.
    inputs = out_dir / "work"
    shutil.rmtree(inputs, ignore_errors=True)
    inputs.mkdir()
    for folder in _batch_folders(out_dir):
        with (folder / "findings.pkl").open("rb") as handle:
            findings = pickle.load(handle)
        grouped: dict[str, list] = defaultdict(list)
        for article in _read_articles(folder):
            story_id = assignments.get(article.id)
            if story_id in todo:
                grouped[story_id].append((article, findings.get(article.id, {})))
        for story_id, records in grouped.items():
            with (inputs / f"{story_id}.pkl").open("ab") as handle:
                for record in records:
                    pickle.dump(record, handle, protocol=pickle.HIGHEST_PROTOCOL)
    args = [
        (str(inputs / f"{sid}.pkl"), str(stories_root / sid), options.stages,
         options.story_options)
        # Largest first: the pool then ends on small stories instead of one big one
        # running alone while the other workers wait.
        for sid in sorted(todo, key=lambda sid: (-len(todo[sid]), sid))
    ]  # fmt: skip
    engine.map_stories(build_one_story, args)
    for sid in sorted(todo):
        _append_line(done_path, {"story": sid, "members": _membership_hash(todo[sid])})
    shutil.rmtree(inputs, ignore_errors=True)
    return len(todo)


def build_one_story(
    input_file: str, out_dir: str, stages: list[str] | None, story_options: dict
) -> str:
    """Run the story stages over one story's articles and write its story.json and reports
    (runs in any process: a worker of the pool or a Ray task)."""
    from dossier.analysis import make_story_stages
    from dossier.output import ArticleSpool
    from dossier.pipeline import ProblemLog, finish_story

    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    spool = ArticleSpool(target)
    findings: dict[str, Any] = {}
    try:
        with open(input_file, "rb") as handle:
            while True:
                try:
                    article, found = pickle.load(handle)
                except EOFError:
                    break
                spool.add(article)
                findings[article.id] = found
        problems = ProblemLog()
        finish_story(target, spool, findings, make_story_stages(stages), problems, story_options)
    finally:
        spool.close()
    return out_dir


# -- tables -----------------------------------------------------------------------------


def write_tables(out_dir: Path, assignments: dict[str, str]) -> None:
    """Parquet tables of the committed corpus: articles and stories from the batches, and one
    table per story section from the stories' story.json files, each row with its story id."""
    from dossier.corpus.tables import write_article_tables, write_section_tables

    tables = out_dir / "tables"
    tables.mkdir(exist_ok=True)
    write_article_tables(tables, _batch_folders(out_dir), assignments, _read_articles)
    write_section_tables(tables, out_dir / "stories")


def store_stories(out_dir: Path, db: str) -> int:
    """Put every built story of a corpus into the store the web app serves, as `corpus-<id>`;
    a story is stored again only when its membership changed (the note of its latest version
    holds the membership hash). Returns how many were stored."""
    from dossier.model import Story
    from dossier.store import Store

    hashes: dict[str, str] = {}
    done_path = out_dir / STORIES_DONE
    if done_path.exists():
        for line in done_path.read_text(encoding="utf-8").splitlines():
            with contextlib.suppress(ValueError):
                record = json.loads(line)
                hashes[record["story"]] = record["members"]
    store = Store(db)
    stored = 0
    try:
        existing = {info.name for info in store.list_stories()}
        for folder in sorted((out_dir / "stories").glob("*")):
            story_file = folder / "story.json"
            if not story_file.exists():
                continue
            name = f"corpus-{folder.name}".lower()
            note = f"corpus {out_dir.name}: members {hashes.get(folder.name, '?')}"
            if name in existing:
                versions = store.versions(name)
                if versions and versions[-1].note == note:
                    continue
            story = Story.model_validate_json(story_file.read_text(encoding="utf-8"))
            title = story.articles[0].title if story.articles else None
            store.import_story(name, story, note=note, title=title)
            stored += 1
    finally:
        store.close()
    return stored
