"""Where per-article work runs: this process, a local process pool, or a Ray cluster.

Every engine runs the same `ArticleWorker.analyze` on chunks of raw documents: clean,
annotate (spaCy and the registered extractors) and embed the lead for story clustering.
Workers load their models once, when they start, and keep them for every chunk; per-story
work goes through `run_story` the same way. The driver hands out one batch at a time and
waits for it, so memory stays bounded however large the corpus (backpressure by design).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from dossier.analysis import Findings
from dossier.ingest.formats import RawDocument
from dossier.model import Article, Problem


@dataclass
class ArticleResult:
    article: Article
    findings: Findings
    embedding: Any  # numpy float32 vector of the lead
    failures: list[str]


class ArticleWorker:
    """Models loaded once per worker process; `analyze` is a pure function of its input."""

    def __init__(self, model: str, extractors: Sequence[str] | None):
        from dossier.analysis import make_extractors
        from dossier.annotate import Annotator

        self.annotator = Annotator(model, extractors=make_extractors(extractors))

    def analyze(self, documents: list[RawDocument]) -> list[ArticleResult | Problem]:
        from dossier.clean import clean_document
        from dossier.corpus.cluster import lead_text
        from dossier.embed import encode

        cleaned: list[Article | Problem] = []
        for document in documents:
            try:
                cleaned.append(clean_document(document))
            except Exception as exc:  # noqa: BLE001 - one odd document must not end the batch
                cleaned.append(
                    Problem(path=document.path, severity="error",
                            reason=f"could not be cleaned ({type(exc).__name__}: {exc})")
                )  # fmt: skip
        articles = [a for a in cleaned if isinstance(a, Article)]
        annotated = {
            article.id: (article, found, failures)
            for article, found, failures in self.annotator.annotate_with_findings(articles)
        }
        embeddings = encode([lead_text(a) for a in articles])
        vectors = {a.id: vector for a, vector in zip(articles, embeddings, strict=True)}
        out: list[ArticleResult | Problem] = []
        for item in cleaned:
            if isinstance(item, Problem):
                out.append(item)
            else:
                article, found, failures = annotated[item.id]
                out.append(ArticleResult(article, found, vectors[item.id], failures))
        return out


def limit_threads(threads: int) -> None:
    """Cap this process's math threads (torch, BLAS/OpenMP) at its share of the cores: each
    library sizes its pool to the whole machine, so two workers on two cores would each run
    two threads and spend the difference contending."""
    import threadpoolctl
    import torch

    torch.set_num_threads(threads)
    threadpoolctl.threadpool_limits(threads)


def run_story(task: Callable[..., Any], *args: Any) -> Any:
    return task(*args)


class LocalEngine:
    """`workers` processes on this machine (or this very process when `workers` is 1)."""

    def __init__(self, model: str, extractors: Sequence[str] | None, workers: int = 0):
        self.workers = workers or os.cpu_count() or 1
        self._pool: ProcessPoolExecutor | None = None
        self._local: ArticleWorker | None = None
        self._args = (model, extractors)

    def map_chunks(self, chunks: list[list[RawDocument]]) -> list[list[ArticleResult | Problem]]:
        if self.workers == 1:
            if self._local is None:
                self._local = ArticleWorker(*self._args)
            return [self._local.analyze(chunk) for chunk in chunks]
        return list(self._executor().map(_analyze_in_worker, chunks))

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # Spawned, not forked: a fork of a process that has run torch (the summary's
            # sentence encoder) inherits its thread pools' locks and can hang for ever.
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                initializer=_init_worker,
                initargs=(*self._args, max(1, (os.cpu_count() or 1) // self.workers)),
                mp_context=multiprocessing.get_context("spawn"),
            )
        return self._pool

    def map_stories(self, task: Callable[..., Any], args: list[tuple]) -> list[Any]:
        if self.workers == 1 or len(args) < 2:
            return [task(*a) for a in args]
        return list(
            self._executor().map(run_story, [task] * len(args), *zip(*args, strict=True))
        )

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


_WORKER: ArticleWorker | None = None


def _init_worker(model: str, extractors: Sequence[str] | None, threads: int = 1) -> None:
    global _WORKER
    limit_threads(threads)
    _WORKER = ArticleWorker(model, extractors)


def _analyze_in_worker(chunk: list[RawDocument]) -> list[ArticleResult | Problem]:
    assert _WORKER is not None
    return _WORKER.analyze(chunk)


class RayEngine:
    """An actor pool on a Ray cluster: one `ArticleWorker` actor per worker, each loading the
    models once; per-story work runs as Ray tasks. `address=None` starts a local Ray bound to
    127.0.0.1 (and shuts it down in `close`)."""

    def __init__(
        self,
        model: str,
        extractors: Sequence[str] | None,
        workers: int = 0,
        address: str | None = None,
    ):
        if not address:
            # Ray swaps a loopback node address for the machine's outward one unless it
            # believes it runs outside a cluster; this switch keeps a local Ray (GCS, raylet,
            # object store) on 127.0.0.1 only. Read when Ray is imported, so set it first.
            os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
        import ray
        from ray.util import ActorPool

        if not address and not ray.is_initialized():
            from ray._private import ray_constants

            # Ray was imported before this engine (by the caller): same switch, same reason.
            ray_constants.ENABLE_RAY_CLUSTER = False
        self._ray = ray
        self._started = False
        if not ray.is_initialized():
            if address:
                ray.init(address=address, include_dashboard=False, log_to_driver=False)
            else:
                ray.init(
                    num_cpus=workers or os.cpu_count(),
                    include_dashboard=False,
                    log_to_driver=False,
                    _node_ip_address="127.0.0.1",
                )
            self._started = True
        self.workers = workers or int(ray.available_resources().get("CPU", 1)) or 1
        remote_worker = ray.remote(num_cpus=1)(ArticleWorker)
        self._actors = [remote_worker.remote(model, extractors) for _ in range(self.workers)]
        self._pool = ActorPool(self._actors)

    def map_chunks(self, chunks: list[list[RawDocument]]) -> list[list[ArticleResult | Problem]]:
        return list(self._pool.map(lambda actor, chunk: actor.analyze.remote(chunk), chunks))

    def map_stories(self, task: Callable[..., Any], args: list[tuple]) -> list[Any]:
        # The article actors hold one CPU each for the whole run (a pool as wide as the
        # cluster holds them all); story tasks reserving a CPU too would wait forever. They
        # alternate with article batches, so they run unreserved beside the idle actors.
        remote = self._ray.remote(num_cpus=0)(run_story)
        return self._ray.get([remote.remote(task, *a) for a in args])

    def close(self) -> None:
        for actor in self._actors:
            self._ray.kill(actor)
        if self._started:
            self._ray.shutdown()


def make_engine(
    name: str,
    model: str,
    extractors: Sequence[str] | None,
    workers: int = 0,
    address: str | None = None,
) -> LocalEngine | RayEngine:
    if name == "ray":
        return RayEngine(model, extractors, workers, address)
    if name == "local":
        return LocalEngine(model, extractors, workers)
    raise ValueError(f"unknown engine {name!r} (local or ray)")
