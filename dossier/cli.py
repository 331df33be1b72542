"""The `dossier` command line."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click

from dossier import __version__
from dossier.annotate import DEFAULT_MODEL

EXAMPLES = """
\b
Examples:
  dossier build examples/syria-talks --out out/syria
  dossier build 'archive/**/*.html' feed.jsonl.gz --out out/story --date 2016-05-02
  cat article.txt | dossier build - --out out/one
  dossier eval extract --json
"""


@click.group(
    epilog=EXAMPLES,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, prog_name="dossier")
def cli() -> None:
    """dossier turns raw news articles about one story into a sourced story model:
    clean articles with metadata, sentences and named entities, every item pointing
    back to its article and character span.

    Run `dossier COMMAND --help` for the options of each command.
    """


def _register_web_commands() -> None:
    # The web package imports FastAPI lazily, inside the commands.
    from dossier.web.cli import export_command, serve

    cli.add_command(serve)
    cli.add_command(export_command)


_register_web_commands()


def _parse_user_date(ctx: click.Context, param: click.Parameter, value: str | None):
    if value is None:
        return None
    from dossier.clean.dates import parse_date

    date = parse_date(value)
    if date is None:
        raise click.BadParameter(f"not a date with a year: {value!r} (try 2016-05-02)")
    return date


@cli.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--out", "-o", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
    help="Folder for story.json, report.md and report.html (created if missing).",
)
@click.option(
    "--date", "date", callback=_parse_user_date, metavar="DATE",
    help="Publication date for every article (e.g. 2016-05-02); a sidecar entry still wins.",
)
@click.option(
    "--meta", "meta_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Sidecar CSV/JSON/YAML mapping files (path, file name, id or url) to "
    "date, url, source, title, byline. Overrides what is found in the articles.",
)
@click.option("--title", help="Title of the story in the reports (default: from its main names).")
@click.option(
    "--model", default=DEFAULT_MODEL, show_default=True,
    help="spaCy pipeline package to annotate with, or blank:LANG for sentences only.",
)
@click.option(
    "--max-size", "max_mb", type=click.FloatRange(min=0.001), default=50, show_default=True,
    help="Skip single files (and JSON Lines records) larger than this many MB.",
)
@click.option(
    "--summary-words", type=click.IntRange(min=10), default=None,
    help="Length of the cited summary, in words [default: 120 for up to five articles, 24 "
    "per article for more, at most 250].",
)
@click.option(
    "--timeline-dates", type=click.IntRange(min=1), default=None,
    help="Number of dates in the timeline [default: grows with the number of articles].",
)
@click.option(
    "--db", metavar="DB", help="Also store the story in this database (a SQLite file, created if "
    "missing, or a postgresql:// URL) as its next version; see `dossier serve`.",
)
@click.option(
    "--story", "story_name", metavar="NAME", help="Name of the story in --db (lower-case "
    "letters, digits, - and _) [default: from the --out folder's name].",
)
@click.option(
    "--aliases", "aliases_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="YAML or JSON file of actors (name, aliases, type, affiliation, roles) that overrides "
    "and extends what is inferred; `dossier actors` writes one to start from.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary line.")
def build(
    paths: tuple[str, ...],
    out_dir: Path,
    date: dt.date | None,
    meta_file: Path | None,
    title: str | None,
    model: str,
    max_mb: float,
    summary_words: int | None,
    timeline_dates: int | None,
    db: str | None,
    story_name: str | None,
    aliases_file: Path | None,
    quiet: bool,
) -> None:
    """Build a story from articles.

    PATH can be files, folders (read recursively), glob patterns ('news/**/*.html')
    or - for standard input. Formats are detected: plain text, HTML (.html/.htm, also
    gzipped), JSON Lines and JSON (fields text/body/content, title, date/published/time,
    url, source, author), Multi-News clusters (documents separated by |||||).

    Inputs that cannot be used are reported on stderr and in story.json's `problems`;
    the rest of the batch is still built. Exit status is 0 if any article was built,
    1 if none was usable.
    """
    from tqdm import tqdm

    from dossier.ingest import Sidecar, SidecarError
    from dossier.pipeline import HTML_REPORT, BuildOptions, echo_problem
    from dossier.pipeline import build as run_build

    sidecar = None
    if meta_file:
        try:
            sidecar = Sidecar.load(meta_file)
        except SidecarError as exc:
            raise click.UsageError(str(exc)) from exc
    story_options: dict = {"summary_words": summary_words}
    if aliases_file:
        from dossier.actors.aliases import AliasFileError, load_aliases

        try:
            story_options["aliases"] = load_aliases(aliases_file)
        except AliasFileError as exc:
            raise click.UsageError(str(exc)) from exc
    if timeline_dates:
        story_options["timeline_dates"] = timeline_dates
    options = BuildOptions(
        model=model,
        max_bytes=int(max_mb * 1_000_000),
        date=date,
        sidecar=sidecar,
        title=title,
        story_options=story_options,
    )
    show_bar = not quiet and sys.stderr.isatty()
    bar = tqdm(desc="articles", unit=" art", disable=not show_bar, file=sys.stderr, leave=False)

    def on_problem(problem):
        if show_bar:
            kind = "skipped" if problem.severity == "error" else "warning"
            bar.write(f"dossier: {kind}: {problem.path}: {problem.reason}", file=sys.stderr)
        else:
            echo_problem(problem)

    try:
        result = run_build(
            paths, out_dir, options, on_problem=on_problem, on_article=lambda _: bar.update()
        )
    except OSError as exc:
        raise click.ClickException(f"cannot write to {out_dir}: {exc}") from exc
    finally:
        bar.close()
    if not result.built:
        click.echo(
            f"dossier: no usable article found in the inputs ({result.skipped} skipped); "
            "nothing written",
            err=True,
        )
        sys.exit(1)
    if not quiet:
        click.echo(
            f"dossier: {result.articles} articles read, {result.skipped} skipped, "
            f"{result.duplicates} near-duplicates flagged, {result.warnings} warnings "
            f"in {result.seconds:.1f}s -> {out_dir / HTML_REPORT}",
            err=True,
        )
    if db:
        from sqlalchemy.exc import SQLAlchemyError

        from dossier.store import StoreError
        from dossier.web.cli import store_build

        try:
            name, version = store_build(db, story_name, out_dir, paths, title=title)
        except (StoreError, SQLAlchemyError, OSError) as exc:
            raise click.ClickException(f"cannot store the story in {db}: {exc}") from exc
        if not quiet:
            click.echo(f"dossier: stored as story {name!r} version {version} in {db}", err=True)


@cli.command()
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of standard output.")
def schema(out: Path | None) -> None:
    """Print the JSON Schema of story.json."""
    from dossier.model import story_json_schema

    text = json.dumps(story_json_schema(), indent=2, ensure_ascii=False) + "\n"
    if out:
        out.write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


@cli.group(name="eval")
def evaluate() -> None:
    """Measure each analytic stage against gold data, side by side with a baseline."""


@evaluate.command(name="extract")
@click.option(
    "--data", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
    help="Folder with html/*.html.gz and ground-truth.json "
    "[default: ../shared/data/article_extraction when present].",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N pages (quick check).")
def eval_extract(data: Path | None, as_json: bool, limit: int | None) -> None:
    """Body-text precision/recall/F1 of the HTML path on the article extraction benchmark,
    next to trafilatura alone (4-gram shingles, the benchmark's own metric)."""
    from dossier.evaluate import default_data_path
    from dossier.evaluate.extract import evaluate_extraction, format_table

    data = data or default_data_path("article_extraction")
    if data is None:
        raise click.UsageError(
            "no data: pass --data DIR (the article extraction benchmark: html/*.html.gz and "
            "ground-truth.json)"
        )
    report = evaluate_extraction(data, limit=limit)
    click.echo(json.dumps(report, indent=2) if as_json else format_table(report))


@evaluate.command(name="extraction")
@click.option(
    "--polnear", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
    help="PolNeAR split folder with brat Source/Cue/Content spans "
    "[default: ../shared/data/polnear/dev when present].",
)
@click.option(
    "--plover", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=None,
    help="PLOVER gold records (JSON list: text, event, source, target) "
    "[default: ../shared/data/plover/gold_dev.json when present].",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of tables.")
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N documents/records.")
def eval_extraction(
    polnear: Path | None, plover: Path | None, as_json: bool, limit: int | None
) -> None:
    """Quotes (source and content span F1, exact and overlap, next to textacy's
    direct_quotations) on PolNeAR, and events (PLOVER type accuracy and macro-F1,
    source/target match, next to a verb-lexicon baseline) on PLOVER gold records."""
    from dossier.evaluate import default_data_path

    polnear = polnear or default_data_path("polnear/dev")
    plover = plover or default_data_path("plover/gold_dev.json")
    if polnear is None and plover is None:
        raise click.UsageError("no data: pass --polnear DIR and/or --plover FILE")
    report: dict = {}
    tables: list[str] = []
    if polnear is not None:
        from dossier.evaluate.quotes import evaluate_quotes
        from dossier.evaluate.quotes import format_table as quotes_table

        report["quotes"] = evaluate_quotes(polnear, limit=limit)
        tables.append(quotes_table(report["quotes"]))
    if plover is not None:
        from dossier.evaluate.events import evaluate_events
        from dossier.evaluate.events import format_table as events_table

        report["events"] = evaluate_events(plover, limit=limit)
        tables.append(events_table(report["events"]))
    click.echo(json.dumps(report, indent=2) if as_json else "\n\n".join(tables))


@cli.command()
@click.argument("story", type=click.Path(exists=True, path_type=Path))
@click.option(
    "--out", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
    help="Write the table to this file [default: standard output].",
)
@click.option(
    "--format", "fmt", type=click.Choice(["yaml", "json"]), default=None,
    help="File format [default: from --out's extension, else yaml].",
)
def actors(story: Path, out: Path | None, fmt: str | None) -> None:
    """Export a story's actors as an alias file to correct and pass back with
    `dossier build --aliases`.

    STORY is a story.json or the folder holding it.
    """
    from dossier.actors.aliases import dump_aliases
    from dossier.model import Actor
    from dossier.output import atomic_open

    path = story / "story.json" if story.is_dir() else story
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise click.ClickException(f"cannot read {path}: {exc}") from exc
    found = [Actor.model_validate(a) for a in data.get("actors") or []]
    if not found:
        raise click.ClickException(f"{path} has no actors (built without the actors stage?)")
    chosen = fmt or ("json" if out is not None and out.suffix.lower() == ".json" else "yaml")
    text = dump_aliases(found, chosen)
    if out is None:
        click.echo(text, nl=False)
    else:
        try:
            with atomic_open(out) as handle:
                handle.write(text)
        except OSError as exc:
            raise click.ClickException(f"cannot write {out}: {exc}") from exc
        click.echo(f"dossier: {len(found)} actors -> {out}", err=True)


@evaluate.command(name="actors")
@click.option(
    "--data", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
    help="Timeline17 folder holding EgyptianProtest_cnn/articles.jsonl "
    "[default: ../shared/data/t17 when present; the seeds are always evaluated].",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
def eval_actors(data: Path | None, as_json: bool) -> None:
    """Actor resolution: alias-merge precision/recall against hand-made actor clusters of the
    seeds and 30 Timeline17 articles, next to a last-word-match baseline."""
    from dossier.evaluate.actors import evaluate_actors, format_table

    report = evaluate_actors(data)
    click.echo(json.dumps(report, indent=2) if as_json else format_table(report))


@evaluate.command(name="times")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N gold rows.")
def eval_times(as_json: bool, limit: int | None) -> None:
    """Time normalization accuracy (value + granularity) on 217 hand-checked expressions from
    the seeds, Timeline17 and Multi-News, next to dateparser."""
    from dossier.evaluate.times import evaluate_times, format_table

    report = evaluate_times(limit=limit)
    click.echo(json.dumps(report, indent=2) if as_json else format_table(report))


@evaluate.command(name="resolution")
@click.option(
    "--data", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
    help="Timeline17 folder [default: ../shared/data/t17 when present; the seeds and the "
    "bundled time gold are always evaluated].",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of tables.")
def eval_resolution(data: Path | None, as_json: bool) -> None:
    """Who is who, when is when, where is where: actor alias merging, time normalization and
    place resolution on the seeds and a second real corpus, each next to its baseline."""
    from dossier.evaluate import actors, places, times

    report = {
        "actors": actors.evaluate_actors(data),
        "times": times.evaluate_times(),
        "places": places.evaluate_places(data),
    }
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    click.echo(actors.format_table(report["actors"]))
    click.echo()
    click.echo(times.format_table(report["times"]))
    click.echo()
    click.echo(places.format_table(report["places"]))


@evaluate.command(name="places")
@click.option(
    "--data", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
    help="Timeline17 folder holding haiti_bbc/articles.jsonl "
    "[default: ../shared/data/t17 when present; the seeds are always evaluated].",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N gold rows.")
def eval_places(data: Path | None, as_json: bool, limit: int | None) -> None:
    """Place resolution accuracy (right entry within 50 km, place vs capital-as-actor) on the
    seeds and a Timeline17 topic, next to the most-populous-gazetteer-entry baseline."""
    from dossier.evaluate.places import evaluate_places, format_table

    report = evaluate_places(data, limit=limit)
    click.echo(json.dumps(report, indent=2) if as_json else format_table(report))


@evaluate.command(name="summaries")
@click.option(
    "--data", type=click.Path(exists=True, path_type=Path), default=None,
    help="Multi-News JSON Lines file or folder "
    "[default: ../shared/data/multinews/sample_validation.jsonl when present].",
)
@click.option("--words", type=click.IntRange(min=10), default=300, show_default=True,
              help="Summary length budget in words, the same for every system.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N clusters.")
@click.option(
    "--pipeline", is_flag=True,
    help="Build each cluster into a story with the whole pipeline first: dossier then uses the "
    "story's structure and threads (as `dossier build` does), every system reads the cleaned "
    "articles' sentences, and a thread-coverage score is added (slower: ~1.5 s a cluster).",
)
def eval_summaries(
    data: Path | None, words: int, as_json: bool, limit: int | None, pipeline: bool
) -> None:
    """ROUGE-1/2/L of dossier's cited summary on Multi-News, next to round-robin lead, LexRank,
    TextRank and MMR with the same sentences and budget."""
    from dossier.evaluate import default_data_path
    from dossier.evaluate.summaries import evaluate_summaries, format_table

    path = data or default_data_path("multinews/sample_validation.jsonl")
    if path is None:
        raise click.UsageError("no --data given and ../shared/data/multinews is not present")
    report = evaluate_summaries(path, words=words, limit=limit, pipeline=pipeline)
    click.echo(json.dumps(report, indent=2) if as_json else format_table(report))


@evaluate.command(name="timelines")
@click.option(
    "--data", type=click.Path(exists=True, file_okay=False, path_type=Path), default=None,
    help="Timeline17 / news-tls folder: topic folders with articles.jsonl and timelines.jsonl, "
    "or one topic folder [default: ../shared/data/t17 when present].",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N topics.")
@click.option(
    "--max-articles", type=click.IntRange(min=1), help="Only the first N articles of each topic."
)
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="spaCy pipeline.")
def eval_timelines(
    data: Path | None, as_json: bool, limit: int | None, max_articles: int | None, model: str
) -> None:
    """Alignment-based ROUGE-1/2 F and date F1 of dossier's timelines on Timeline17 (news-tls
    protocol: length and sentences per date from each gold timeline), next to the PUBCOUNT
    baseline in the same run. Needs Perl's XML::Parser (Debian: libxml-parser-perl) for
    ROUGE-1.5.5."""
    from dossier.evaluate import default_data_path
    from dossier.evaluate.timelines import (
        evaluate_timelines,
        format_table,
        rouge_155_ready,
        topic_folders,
    )

    data = data or default_data_path("t17")
    if data is None:
        raise click.UsageError("no data: pass --data DIR (Timeline17 in the news-tls layout)")
    if not topic_folders(data):
        raise click.UsageError(
            f"no topic in {data}: expected articles.jsonl and timelines.jsonl in it or in its "
            "subfolders"
        )
    # Found out before the first topic is built, not minutes later at its first score.
    if not rouge_155_ready():
        raise click.ClickException(
            "ROUGE-1.5.5 cannot run: it needs Perl's XML::Parser "
            "(Debian: apt-get install libxml-parser-perl; or make system-deps)"
        )
    report = evaluate_timelines(data, model=model, limit=limit, max_articles=max_articles)
    if as_json:
        report = {k: report[k] for k in ("n", "seconds", "systems", "articles", "per_topic")}
        click.echo(json.dumps(report, indent=2))
    else:
        click.echo(format_table(report))


@evaluate.command(name="stories")
@click.option(
    "--data", type=click.Path(exists=True, path_type=Path), default=None,
    help="A Timeline17 folder (topics mixed into one stream), or a Multi-News JSON Lines file "
    "or folder "
    "[default: ../shared/data/t17 when present].",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of a table.")
@click.option("--limit", type=click.IntRange(min=1), help="Only the first N articles.")
@click.option("--model", default=DEFAULT_MODEL, show_default=True, help="spaCy pipeline.")
def eval_stories(data: Path | None, as_json: bool, limit: int | None, model: str) -> None:
    """B-cubed F1, ARI and NMI of the stories dossier recovers from a mixed stream, next to a
    TF-IDF + agglomerative baseline (given the true number of stories) in the same run."""
    from dossier.evaluate import default_data_path
    from dossier.evaluate.stories import evaluate_stories, format_table

    data = data or default_data_path("t17")
    if data is None:
        raise click.UsageError("no data: pass --data (a Timeline17 folder or Multi-News file)")
    try:
        report = evaluate_stories(data, model=model, limit=limit)
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    click.echo(json.dumps(report, indent=2) if as_json else format_table(report))


@cli.group()
def corpus() -> None:
    """Corpus mode: find the stories in an archive of articles and build each one."""


@corpus.command(name="build")
@click.argument("paths", nargs=-1, required=True, metavar="INPUT...")
@click.option(
    "--out", "-o", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path),
    help="Output folder; re-running the same command on it resumes an interrupted run.",
)
@click.option(
    "--engine", type=click.Choice(["local", "ray"]), default="local", show_default=True,
    help="local: a process pool on this machine; ray: a Ray cluster (pip install 'dossier[ray]').",
)
@click.option("--ray-address", help="A running Ray cluster's address [default: start one here].")
@click.option(
    "--workers", type=click.IntRange(min=1), default=None,
    help="Parallel workers [default: one per CPU core].",
)
@click.option(
    "--batch-size", type=click.IntRange(min=1), default=256, show_default=True,
    help="Articles analysed and committed together.",
)
@click.option(
    "--model", default=DEFAULT_MODEL, show_default=True,
    help="spaCy pipeline package to annotate with, or blank:LANG for sentences only.",
)
@click.option(
    "--max-size", "max_mb", type=click.FloatRange(min=0.001), default=50, show_default=True,
    help="Skip single files (and JSON Lines records) larger than this many MB.",
)
@click.option(
    "--db", metavar="DB", help="Also store every story in this database (SQLite file or "
    "postgresql:// URL) for `dossier serve`; a story whose articles did not change since its "
    "stored version is not stored again.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no report.")
def corpus_build(
    paths: tuple[str, ...],
    out_dir: Path,
    engine: str,
    ray_address: str | None,
    workers: int | None,
    batch_size: int,
    model: str,
    max_mb: float,
    db: str | None,
    quiet: bool,
) -> None:
    """Read every article in INPUT (files, folders, globs, large JSON Lines or gzip, streamed),
    analyse them in parallel, group them into stories and build each story.

    Writes OUT/stories/<story>/story.json (and reports), Parquet tables in OUT/tables
    (articles, stories, actors, events, quotes, claims, ... with story ids) for
    `dossier query`, and a manifest that makes the run resumable: kill it at any point and
    run the same command again to finish the job, with nothing lost or duplicated.
    """
    from tqdm import tqdm

    from dossier.corpus.build import CorpusOptions, build_corpus

    options = CorpusOptions(
        model=model, engine=engine, workers=workers or 0, ray_address=ray_address,
        batch_size=batch_size, max_bytes=int(max_mb * 1_000_000),
    )  # fmt: skip
    total = None if quiet else _count_records(paths)
    bar = tqdm(
        total=total, desc="articles", unit=" art", disable=quiet or not sys.stderr.isatty(),
        file=sys.stderr, smoothing=0.1,
    )  # fmt: skip
    seen = [0]

    def progress(articles: int, skipped: int) -> None:
        bar.update(articles + skipped - seen[0])
        seen[0] = articles + skipped

    try:
        result = build_corpus(paths, out_dir, options, progress=progress)
    finally:
        bar.close()
    if result.articles == 0:
        click.echo(f"dossier: no usable article found ({result.skipped} skipped)", err=True)
        sys.exit(1)
    if not quiet:
        report = result.as_dict()
        click.echo(
            f"dossier: {result.articles} articles in {result.stories} stories "
            f"({result.stories_built} built this run), {result.skipped} inputs skipped, "
            f"{result.batches} new batches ({result.resumed_batches} already done) "
            f"in {result.seconds:.1f}s -> {out_dir}",
            err=True,
        )
        sizes = report["articles_per_story"]
        click.echo(
            f"  articles per story: max {sizes['max']}, median {sizes['median']}, "
            f"{sizes['single_article_stories']} single-article stories",
            err=True,
        )
        for reason, n in report["skipped_reasons"].items():
            click.echo(f"  skipped {n}: {reason}", err=True)
    if db:
        from sqlalchemy.exc import SQLAlchemyError

        from dossier.corpus.build import store_stories
        from dossier.store import StoreError

        try:
            stored = store_stories(out_dir, db)
        except (StoreError, SQLAlchemyError, OSError) as exc:
            raise click.ClickException(f"cannot store the stories in {db}: {exc}") from exc
        if not quiet:
            click.echo(f"dossier: {stored} stories stored in {db}", err=True)


def _count_records(paths: tuple[str, ...]) -> int | None:
    """Inputs to expect, for the progress bar's ETA: lines of plain JSON Lines files, one per
    other file. None when that is not cheap to know (stdin, gzip)."""
    from dossier.ingest import iter_paths

    total = 0
    for item in iter_paths(paths):
        if not isinstance(item, Path):
            return None
        if item.suffix == ".gz":
            return None
        if item.suffix in (".jsonl", ".ndjson", ".jl"):
            with item.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            total += 1
    return total


@cli.command()
@click.argument("sql")
@click.option(
    "--corpus", "corpus_dir", required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Output folder of `dossier corpus build`.",
)
@click.option(
    "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
    show_default=True,
)
def query(sql: str, corpus_dir: Path, fmt: str) -> None:
    """Run SQL (DuckDB) over a corpus's Parquet tables: articles, stories, actors, events,
    quotes, claims, claim_groups, places, times, forums, agreements, summary, timeline.

    \b
    Example, events per actor pair per month:
      dossier query "SELECT strftime(date_trunc('month', a.published), '%Y-%m') AS month,
        e.source, e.target, count(*) AS n FROM events e JOIN articles a ON a.id = e.article
        GROUP BY ALL ORDER BY n DESC" --corpus out/corpus
    """
    from dossier.corpus.query import QueryError, run_query

    try:
        click.echo(run_query(corpus_dir, sql, fmt), nl=False)
    except QueryError as exc:
        raise click.ClickException(str(exc)) from exc


def main() -> None:
    cli(prog_name="dossier")
