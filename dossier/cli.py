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
    "--summary-words", type=click.IntRange(min=10), default=120, show_default=True,
    help="Length of the cited summary, in words.",
)
@click.option(
    "--timeline-dates", type=click.IntRange(min=1), default=None,
    help="Number of dates in the timeline [default: grows with the number of articles].",
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
    summary_words: int,
    timeline_dates: int | None,
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
    from dossier.evaluate.timelines import evaluate_timelines, format_table

    data = data or default_data_path("t17")
    if data is None:
        raise click.UsageError("no data: pass --data DIR (Timeline17 in the news-tls layout)")
    report = evaluate_timelines(data, model=model, limit=limit, max_articles=max_articles)
    if as_json:
        report = {k: report[k] for k in ("n", "seconds", "systems", "articles", "per_topic")}
        click.echo(json.dumps(report, indent=2))
    else:
        click.echo(format_table(report))


@evaluate.command(name="stories")
@click.option(
    "--data", type=click.Path(exists=True, path_type=Path), default=None,
    help="A Timeline17 folder (topics mixed into one stream) or a Multi-News JSON Lines file "
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
    report = evaluate_stories(data, model=model, limit=limit)
    click.echo(json.dumps(report, indent=2) if as_json else format_table(report))


def main() -> None:
    cli(prog_name="dossier")
