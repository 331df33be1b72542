"""Timeline quality on Timeline17 with the news-tls protocol, next to the PUBCOUNT baseline.

For every gold timeline of a topic: the system sees the topic's articles (publication dates
from `articles.jsonl`), restricted to the gold timeline's first-to-last date; it is asked for
as many dates as the gold has and, per date, the gold's average number of sentences. Scores
are tilse's alignment-based ROUGE-1/2 F (`align_date_content_costs_many_to_one`, ROUGE-1.5.5
with stemming) and date F1, averaged over all gold timelines.

dossier runs its real pipeline over each topic (annotation, the time extractor and stage) once,
then builds one timeline per gold timeline with `dossier.timeline.choose_events` (the dates
and events `build_timeline` cites), one sentence per event, without the dateline its headline
leaves out too ("HOUSTON (Reuters) -" is where the report was filed, not what happened). PUBCOUNT
ranks dates by the number of articles published on them and takes the lead sentences of those
articles.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path
from statistics import mean

from dossier.analysis import available
from dossier.annotate import DEFAULT_MODEL
from dossier.model import Article, TimeExpression
from dossier.summary.scoring import trimmed
from dossier.timeline import DatedSentence, choose_events, dated_sentences

SYSTEMS = ("dossier", "pubcount")


def rouge_155_ready() -> bool:
    """Whether tilse's bundled ROUGE-1.5.5 can run: it needs Perl's XML::Parser."""
    try:
        return subprocess.run(["perl", "-MXML::Parser", "-e1"], capture_output=True).returncode == 0
    except OSError:
        return False


def topic_folders(data: Path) -> list[Path]:
    """Topic folders under `data` (or `data` itself) holding articles.jsonl and timelines.jsonl."""
    if (data / "articles.jsonl").exists():
        return [data]
    gold_files = data.glob("*/timelines.jsonl")
    return sorted(p.parent for p in gold_files if (p.parent / "articles.jsonl").exists())


def read_gold(topic: Path) -> list[dict[dt.date, list[str]]]:
    timelines = []
    with (topic / "timelines.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                timelines.append(
                    {
                        dt.date.fromisoformat(date[:10]): [s.strip() for s in sentences]
                        for date, sentences in json.loads(line)
                    }
                )
    return [t for t in timelines if t]


def analyse_topic(
    topic: Path, model: str = DEFAULT_MODEL, max_articles: int | None = None
) -> tuple[list[Article], list[TimeExpression]]:
    """Build the topic with dossier's pipeline (time extraction only) and read it back."""
    from dossier.pipeline import BuildOptions, build

    extractors, stages = available()
    options = BuildOptions(
        model=model,
        extractors=["times"] if "times" in extractors else [],
        stages=["times"] if "times" in stages else [],
    )
    with tempfile.TemporaryDirectory(prefix="dossier-t17-") as tmp:
        source = topic / "articles.jsonl"
        if max_articles:
            source = Path(tmp) / "articles.jsonl"
            with (topic / "articles.jsonl").open(encoding="utf-8") as src:
                lines = [line for _, line in zip(range(max_articles), src, strict=False)]
            source.write_text("".join(lines), encoding="utf-8")
        build([str(source)], Path(tmp) / "out", options)
        story = json.loads((Path(tmp) / "out" / "story.json").read_text(encoding="utf-8"))
    articles = [Article.model_validate(a) for a in story["articles"]]
    times = [TimeExpression.model_validate(t) for t in story.get("times") or []]
    return articles, times


def pubcount_timeline(
    sentences: list[DatedSentence], n_dates: int, per_date: int, span: tuple[dt.date, dt.date]
) -> dict[dt.date, list[str]]:
    leads: dict[dt.date, list[DatedSentence]] = defaultdict(list)
    for sentence in sentences:
        if sentence.position == 0 and sentence.published:
            leads[sentence.published].append(sentence)
    counts = Counter({date: len(v) for date, v in leads.items() if span[0] <= date <= span[1]})
    return {
        date: [s.text for s in leads[date][:per_date]] for date, _ in counts.most_common(n_dates)
    }


def dossier_timeline(
    sentences: list[DatedSentence], n_dates: int, per_date: int, span: tuple[dt.date, dt.date]
) -> dict[dt.date, list[str]]:
    # One sentence per event: the other sources telling the same event are citations in
    # the story's timeline, not more text.
    chosen = choose_events(sentences, n_dates, per_date, granularities=("day",), span=span)
    return {d.date: [_told(event[0].text) for event in d.events] for d in chosen}


def _told(text: str) -> str:
    start, end = trimmed(text)
    return text[start:end]


def score(predicted: dict[dt.date, list[str]], gold: dict[dt.date, list[str]]) -> dict:
    from tilse.data.timelines import GroundTruth, Timeline
    from tilse.evaluation import dates as tilse_dates
    from tilse.evaluation import rouge

    evaluator = rouge.TimelineRougeEvaluator(measures={"rouge_1", "rouge_2"})
    truth = GroundTruth([Timeline(gold)])
    if not predicted:
        return {"rouge1": 0.0, "rouge2": 0.0, "date_f1": 0.0}
    timeline = Timeline(predicted)
    scores = evaluator.evaluate_align_date_content_costs_many_to_one(timeline, truth)
    return {
        "rouge1": float(scores["rouge_1"]["f_score"]),
        "rouge2": float(scores["rouge_2"]["f_score"]),
        "date_f1": float(tilse_dates.evaluate_dates(timeline, truth)["f_score"]),
    }


def evaluate_timelines(
    data: Path,
    model: str = DEFAULT_MODEL,
    limit: int | None = None,
    max_articles: int | None = None,
) -> dict:
    started = time.perf_counter()
    per_system: dict[str, list[dict]] = {name: [] for name in SYSTEMS}
    topics_report = {}
    n_articles = 0
    for topic in topic_folders(data)[:limit]:
        articles, times = analyse_topic(topic, model, max_articles)
        n_articles += len(articles)
        sentences = dated_sentences(articles, times)
        topic_scores: dict[str, list[dict]] = {name: [] for name in SYSTEMS}
        for gold in read_gold(topic):
            dates = sorted(gold)
            n_dates = len(dates)
            per_date = max(1, round(mean(len(v) for v in gold.values())))
            span = (dates[0], dates[-1])
            predictions = {
                "dossier": dossier_timeline(sentences, n_dates, per_date, span),
                "pubcount": pubcount_timeline(sentences, n_dates, per_date, span),
            }
            for name, predicted in predictions.items():
                result = score(predicted, gold)
                per_system[name].append(result)
                topic_scores[name].append(result)
        topics_report[topic.name] = {
            name: _average(results) for name, results in topic_scores.items()
        }
    seconds = time.perf_counter() - started
    return {
        "n": len(per_system["dossier"]),
        "topics": len(topics_report),
        "articles": n_articles,
        "seconds": round(seconds, 1),
        "articles_per_second": round(n_articles / seconds, 2) if seconds else None,
        "systems": {name: _average(results) for name, results in per_system.items()},
        "per_topic": topics_report,
    }


def _average(results: list[dict]) -> dict:
    keys = ("rouge1", "rouge2", "date_f1")
    return {k: round(mean(r[k] for r in results), 4) if results else 0.0 for k in keys}


def format_table(report: dict) -> str:
    lines = [
        f"Timeline17: {report['n']} gold timelines, {report['topics']} topics, "
        f"{report['articles']} articles, {report['seconds']}s "
        f"({report['articles_per_second']} articles/s)",
        f"{'system':<12}{'ROUGE-1':>10}{'ROUGE-2':>10}{'date F1':>10}",
    ]
    for name, values in report["systems"].items():
        lines.append(
            f"{name:<12}{values['rouge1']:>10.3f}{values['rouge2']:>10.3f}{values['date_f1']:>10.3f}"
        )
    lines.append("per topic (dossier / pubcount ROUGE-1, ROUGE-2, date F1):")
    for topic, systems in report["per_topic"].items():
        d, p = systems["dossier"], systems["pubcount"]
        lines.append(
            f"  {topic:<24}{d['rouge1']:.3f} {d['rouge2']:.3f} {d['date_f1']:.3f}   "
            f"{p['rouge1']:.3f} {p['rouge2']:.3f} {p['date_f1']:.3f}"
        )
    return "\n".join(lines)
