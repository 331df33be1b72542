"""Place resolution measured against a hand-written gold: the place names of the five seed
articles and of 25 articles of one Timeline17 topic (haiti_bbc).

Each gold row names one occurrence of a string in one article (`occurrence`: 0 for the first)
and says either where it is (country, lat, lon) or that it is not a place there (a capital
acting as its government). The articles are built with the real pipeline (spaCy model,
extractor, story stage); a row counts as right when the story resolves that span to an entry
within `MAX_KM` of the gold point in the gold country, or leaves a non-place unresolved. The
baseline reads every string as the most prominent gazetteer entry of that name.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path
from typing import Any

from dossier.evaluate import default_data_path
from dossier.places.gazetteer import distance_km, load_gazetteer

GOLD = Path(__file__).with_name("data") / "places_gold.jsonl"
SEEDS = Path(__file__).resolve().parents[2] / "examples" / "syria-talks"
T17_TOPIC = "haiti_bbc"
T17_ARTICLES = 25
MAX_KM = 50.0


def load_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _t17_inputs(topic_dir: Path, ids: set[str], folder: Path) -> list[str]:
    """The gold's T17 articles as plain-text files named after their id (the news-tls text is
    tokenised with spaces before punctuation; spaCy reads it as it is)."""
    paths = []
    with (topic_dir / "articles.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if str(record["id"]) in ids:
                path = folder / f"t17-{record['id']}.txt"
                path.write_text(record["text"], encoding="utf-8")
                paths.append(str(path))
    return paths


def _build(inputs: list[str], out: Path) -> tuple[dict[str, dict], Any]:
    import dossier.places  # noqa: F401 - registers the extractor and the stage
    from dossier.pipeline import BuildOptions, build

    build(inputs, out, BuildOptions(extractors=["places"], stages=["places"]))
    story = json.loads((out / "story.json").read_text(encoding="utf-8"))
    by_file = {Path(a["path"]).stem: a for a in story["articles"]}
    places = {p["id"]: p for p in story.get("places", [])}
    spans: dict[tuple[str, int, int], dict] = {}
    for place in places.values():
        for m in place["mentions"]:
            spans[(m["article"], m["start"], m["end"])] = place
    return by_file, spans


def _occurrence(text: str, name: str, nth: int) -> tuple[int, int] | None:
    start = -1
    for _ in range(nth + 1):
        start = text.find(name, start + 1)
        if start < 0:
            return None
    return start, start + len(name)


def _right(gold: dict, predicted: dict | None) -> bool:
    if not gold.get("place", True):
        return predicted is None
    if predicted is None or predicted.get("country") != gold["country"]:
        return False
    if gold.get("lat") is None:  # a country or a US state: the right kind of the right country
        return predicted.get("kind") == gold.get("kind", "country")
    if predicted.get("lat") is None:
        return False
    return distance_km(predicted["lat"], predicted["lon"], gold["lat"], gold["lon"]) <= MAX_KM


def _predicted(spans: dict, article_id: str, start: int, end: int) -> dict | None:
    for (art, m_start, m_end), place in spans.items():
        if art == article_id and m_start < end and start < m_end:
            return place
    return None


def evaluate_places(
    data_path: Path | None = None, gold_path: Path = GOLD, limit: int | None = None
) -> dict[str, Any]:
    """Accuracy of the story stage and of the most-prominent-entry baseline, per corpus."""
    data_path = data_path or default_data_path("t17")
    gold = load_gold(gold_path)[:limit]
    gazetteer = load_gazetteer()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        seed_files = sorted(str(p) for p in SEEDS.glob("*.txt"))
        t17_ids = {row["article"][4:] for row in gold if row["corpus"] == T17_TOPIC}
        t17_files = (
            _t17_inputs(data_path / T17_TOPIC, t17_ids, folder)
            if data_path and (data_path / T17_TOPIC).exists()
            else []
        )
        articles, spans = {}, {}
        for name, inputs in (("seeds", seed_files), (T17_TOPIC, t17_files)):
            if inputs:
                by_file, found = _build(inputs, folder / f"out-{name}")
                articles.update(by_file)
                spans.update(found)
    report: dict[str, Any] = {"corpora": {}, "errors": []}
    for row in gold:
        article = articles.get(row["article"])
        if article is None:
            continue
        where = _occurrence(article["text"], row["text"], row.get("occurrence", 0))
        if where is None:
            report["errors"].append({**row, "problem": "text not found"})
            continue
        predicted = _predicted(spans, article["id"], *where)
        best = gazetteer.most_populous(row["text"])
        baseline = (
            None
            if best is None
            else {"country": best.country, "lat": best.lat, "lon": best.lon, "kind": best.kind}
        )
        stats = report["corpora"].setdefault(
            row["corpus"], {"rows": 0, "ours": 0, "baseline": 0, "places": 0, "not_places": 0}
        )
        stats["rows"] += 1
        stats["places" if row.get("place", True) else "not_places"] += 1
        ours_right, base_right = _right(row, predicted), _right(row, baseline)
        stats["ours"] += ours_right
        stats["baseline"] += base_right
        if not ours_right:
            got = None if predicted is None else f"{predicted['name']} ({predicted['country']})"
            report["errors"].append({**row, "got": got})
    for stats in report["corpora"].values():
        stats["accuracy"] = round(stats.pop("ours") / stats["rows"], 4)
        stats["baseline_accuracy"] = round(stats.pop("baseline") / stats["rows"], 4)
    report["seconds"] = round(time.perf_counter() - started, 1)
    return report


def format_table(report: dict[str, Any]) -> str:
    lines = [
        f"{'corpus':<12} {'rows':>5} {'places':>7} {'not':>5} {'ours':>7} {'baseline':>9}",
    ]
    for name, s in report["corpora"].items():
        lines.append(
            f"{name:<12} {s['rows']:>5} {s['places']:>7} {s['not_places']:>5} "
            f"{s['accuracy']:>7.3f} {s['baseline_accuracy']:>9.3f}"
        )
    lines.append(f"({len(report['errors'])} rows wrong or unmatched; {report['seconds']} s)")
    return "\n".join(lines)
