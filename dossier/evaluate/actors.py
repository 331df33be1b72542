"""Actor resolution measured as alias merging: which surface forms name the same actor.

The gold (`data/actors_gold.json`) lists, for the five seed articles and for 30 articles of
one Timeline17 topic (EgyptianProtest_cnn: CNN transcripts and reader comments, full of
first-name-only references, misspellings and shouted names), every form that names each actor.
Both corpora are built with the real pipeline (spaCy model, `actors` extractor and stage); a
gold form's actor is the one most of its mentions resolved to. Only the gold forms that the
cleaned articles still hold are scored: the cleaner cuts readers' comments, and 10 of the
Timeline17 forms ("Mubarik", "Obam", "Jack Cafferty") occur only there. Scored pairwise over
the gold forms: precision of the "same actor" links the system makes, recall of those the
gold makes. The baseline in the same run links two forms when their last word matches
("Mubarak" with "Hosni Mubarak", but also "Syrian government" with "government" of any
country), the usual string heuristic.
"""

from __future__ import annotations

import json
import re
import tempfile
import time
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

from dossier.evaluate import default_data_path

GOLD = Path(__file__).with_name("data") / "actors_gold.json"
SEEDS = Path(__file__).resolve().parents[2] / "examples" / "syria-talks"


def form_key(text: str) -> str:
    text = re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE)
    text = re.sub(r"['’]s$", "", text)
    return " ".join(text.lower().split())


def _t17_inputs(topic_dir: Path, count: int, folder: Path) -> list[str]:
    paths = []
    with (topic_dir / "articles.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            if len(paths) >= count:
                break
            record = json.loads(line)
            path = folder / f"t17-{record['id']}.txt"
            path.write_text(record["text"], encoding="utf-8")
            paths.append(str(path))
    return paths


def build_actors(inputs: list[str], out: Path) -> tuple[list[dict[str, Any]], str]:
    """The story's actors and its articles' cleaned text."""
    import dossier.actors  # noqa: F401 - registers the extractor and the stage
    from dossier.pipeline import BuildOptions, build

    build(inputs, out, BuildOptions(extractors=["actors"], stages=["actors"]))
    story = json.loads((out / "story.json").read_text(encoding="utf-8"))
    text = "\n".join(article.get("text", "") for article in story.get("articles", []))
    return story.get("actors", []), text


def forms_read(clusters: list[list[str]], text: str) -> list[list[str]]:
    """The gold clusters kept to the forms the text holds (whole words, any case)."""
    kept = [
        [f for f in cluster if re.search(rf"(?<!\w){re.escape(f)}(?!\w)", text, re.IGNORECASE)]
        for cluster in clusters
    ]
    return [cluster for cluster in kept if cluster]


def system_links(actors: list[dict[str, Any]], forms: list[str]) -> dict[str, str]:
    """Gold form -> the actor most of its mentions resolved to (forms never resolved are
    left out: they link to nothing)."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    wanted = set(forms)
    for actor in actors:
        for mention in actor.get("mentions", []):
            key = form_key(mention["text"])
            if key in wanted:
                votes[key][actor["id"]] += 1
    return {form: counts.most_common(1)[0][0] for form, counts in votes.items()}


def last_word_links(forms: list[str]) -> dict[str, str]:
    return {form: form.split()[-1] for form in forms if form}


def pairwise(gold: list[list[str]], links: dict[str, str]) -> dict[str, float]:
    cluster_of = {form: n for n, cluster in enumerate(gold) for form in cluster}
    forms = sorted(cluster_of)
    gold_pairs = system_pairs = both = 0
    for a, b in combinations(forms, 2):
        same_gold = cluster_of[a] == cluster_of[b]
        same_system = a in links and b in links and links[a] == links[b]
        gold_pairs += same_gold
        system_pairs += same_system
        both += same_gold and same_system
    precision = both / system_pairs if system_pairs else 0.0
    recall = both / gold_pairs if gold_pairs else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "gold_links": gold_pairs,
        "system_links": system_pairs,
    }


def evaluate_actors(
    t17_dir: Path | None = None,
    gold_path: Path = GOLD,
    seeds_dir: Path = SEEDS,
) -> dict[str, Any]:
    """Alias-merge precision/recall on the seeds and (when the data is present) a T17 topic,
    dossier next to the last-word baseline."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["corpora"]
    report: dict[str, Any] = {"corpora": {}}
    t17_root = t17_dir or default_data_path("t17")
    with tempfile.TemporaryDirectory(prefix="dossier-eval-actors-") as tmp:
        work = Path(tmp)
        inputs: dict[str, list[str]] = {"seeds": [str(seeds_dir)]}
        topic = gold["t17"]["topic"]
        if t17_root is not None and (Path(t17_root) / topic).is_dir():
            folder = work / "t17-input"
            folder.mkdir()
            inputs["t17"] = _t17_inputs(Path(t17_root) / topic, gold["t17"]["articles"], folder)
        for name, paths in inputs.items():
            every = [[form_key(f) for f in c] for c in gold[name]["clusters"]]
            started = time.perf_counter()
            actors, text = build_actors(paths, work / f"out-{name}")
            seconds = time.perf_counter() - started
            clusters = forms_read(every, text)
            forms = [f for c in clusters for f in c]
            report["corpora"][name] = {
                "description": gold[name].get("topic", gold[name].get("source")),
                "actors_found": len(actors),
                "gold_actors": len(clusters),
                "gold_forms": len(forms),
                "gold_forms_cut": sum(len(c) for c in every) - len(forms),
                "seconds": round(seconds, 1),
                "systems": {
                    "dossier": pairwise(clusters, system_links(actors, forms)),
                    "last_word": pairwise(clusters, last_word_links(forms)),
                },
            }
    return report


def format_table(report: dict[str, Any]) -> str:
    lines = ["Actor resolution: alias-merge links over the gold forms (pairwise)", ""]
    header = f"{'corpus':<22}{'system':<12}{'P':>7}{'R':>7}{'F1':>7}{'links':>8}"
    lines += [header, "-" * len(header)]
    for name, corpus in report["corpora"].items():
        label = f"{name} ({corpus['gold_forms']} forms)"
        if corpus.get("gold_forms_cut"):
            lines.append(f"{name}: {corpus['gold_forms_cut']} gold forms are only in cut text")
        for system, scores in corpus["systems"].items():
            lines.append(
                f"{label:<22}{system:<12}{scores['precision']:>7.3f}{scores['recall']:>7.3f}"
                f"{scores['f1']:>7.3f}{scores['system_links']:>8}"
            )
            label = ""
    return "\n".join(lines)
