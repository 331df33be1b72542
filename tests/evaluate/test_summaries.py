"""`dossier eval summaries`: the shared splitter, budget and baselines, and a small run."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from dossier.evaluate.summaries import (
    PIPELINE_SYSTEMS,
    SYSTEMS,
    fit_budget,
    lead,
    load_clusters,
    paragraph_starts,
    reference_text,
    split_paragraphs,
    split_sentences,
    summaries_for,
    threads_named,
)
from tests.conftest import shared_data

DOCUMENTS = [
    "UN envoy Staffan de Mistura opened a new round of Syria talks in Geneva on Monday. "
    "He met the government delegation first.\n \n"
    "“We have reached the point where the talks must resume. Nobody can afford another "
    "round of bombing,” de Mistura told reporters after the meeting.",
    "The Syrian opposition arrived in Geneva on Monday for talks with the UN envoy. "
    "Its delegation said it would not negotiate while Aleppo was under siege.\n"
    "Russia and the United States, the co-chairs of the support group, urged both sides "
    "to keep the cessation of hostilities.",
]
REFERENCE = (
    "– A new round of Syria talks opened in Geneva on Monday, where UN envoy Staffan de "
    "Mistura met the government and the opposition, which refuses to negotiate while Aleppo "
    "is besieged."
)


def _cluster_file(tmp_path, layout: str = "documents"):
    path = tmp_path / "clusters.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for idx in range(2):
            record = {"idx": idx, "summary": REFERENCE}
            if layout == "documents":
                record["documents"] = [*DOCUMENTS, "  "]
            else:
                record["document"] = " ||||| ".join(DOCUMENTS)
            out.write(json.dumps(record) + "\n\n")
    return path


@pytest.mark.parametrize("layout", ["documents", "document"])
def test_clusters_load_in_both_layouts_without_empty_documents(tmp_path, layout):
    clusters = list(load_clusters(_cluster_file(tmp_path, layout)))
    assert [c["id"] for c in clusters] == [0, 1]
    assert [d.strip() for d in clusters[0]["documents"]] == DOCUMENTS
    assert len(list(load_clusters(_cluster_file(tmp_path, layout), limit=1))) == 1


def test_the_reference_loses_its_leading_dash():
    assert reference_text(REFERENCE).startswith("A new round")
    assert reference_text("Plain text – with a dash.") == "Plain text – with a dash."


def test_sentences_are_split_per_line_and_paragraph_starts_are_kept():
    paragraphs = split_paragraphs(DOCUMENTS[0])
    assert [len(p) for p in paragraphs] == [2, 2]
    assert split_sentences(DOCUMENTS[0]) == [s for p in paragraphs for s in p]
    assert paragraphs[1][0].startswith("“We have reached")
    assert paragraph_starts(paragraphs) == {0, 2}
    assert split_paragraphs("") == [] and paragraph_starts([]) == set()


def test_the_budget_cuts_the_last_sentence_and_lead_goes_round_robin():
    assert fit_budget(["one two three", "four five six"], 4) == "one two three four"
    assert fit_budget(["one two"], 10) == "one two"
    assert lead([["a1", "a2", "a3"], ["b1"], ["c1", "c2"]]) == ["a1", "b1", "c1", "a2", "c2", "a3"]


def test_every_system_summarises_the_same_sentences_within_the_budget():
    paragraphs = [split_paragraphs(d) for d in DOCUMENTS]
    documents = [[s for p in d for s in p] for d in paragraphs]
    rng = np.random.default_rng(0)
    embeddings = []
    for document in documents:
        vectors = rng.normal(size=(len(document), 8)).astype(np.float32)
        embeddings.append(vectors / np.linalg.norm(vectors, axis=1, keepdims=True))
    summaries = summaries_for(documents, embeddings, 30, [paragraph_starts(d) for d in paragraphs])
    assert set(summaries) == set(SYSTEMS)
    sentences = {s for d in documents for s in d}
    for name, summary in summaries.items():
        assert 0 < len(summary.split()) <= 30, name
        assert any(summary.startswith(s[:20]) for s in sentences), name
    # The quotation told over two sentences is one passage in dossier's summary, or absent.
    dossier = summaries["dossier"]
    assert ("Nobody can afford" in dossier) <= ("We have reached the point" in dossier)


@pytest.mark.slow
def test_eval_summaries_prints_fractions_for_every_system(tmp_path):
    from dossier.cli import cli

    result = CliRunner().invoke(
        cli,
        ["eval", "summaries", "--data", str(_cluster_file(tmp_path)), "--words", "40", "--json"],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["n"] == 2 and report["seconds"] >= 0
    assert set(report["systems"]) == set(SYSTEMS)
    for values in report["systems"].values():
        assert set(values) == {"rouge1", "rouge2", "rougeL"}
        assert all(0.0 <= v <= 1.0 for v in values.values())
    assert report["systems"]["dossier"]["rouge1"] > 0.2


def test_threads_are_named_by_any_written_form_as_a_whole_word_with_its_case():
    forms = {
        "united states": {"United States", "US", "U.S."},
        "staffan de mistura": {"Staffan de Mistura", "de Mistura"},
        "aleppo": {"Aleppo"},
        "geneva talks": {"Geneva talks"},
    }
    threads = set(forms)
    assert threads_named("The U.S. envoy met de Mistura.", forms, threads) == {
        "united states",
        "staffan de mistura",
    }
    # two-letter forms are too ambiguous to count; a form inside a longer word is not named
    assert threads_named("He told us about Aleppos and Geneva.", forms, threads) == set()
    assert threads_named("aleppo was shelled", forms, threads) == set()
    assert threads_named("Aleppo was shelled.", forms, {"geneva talks"}) == set()


def test_with_the_story_dossier_is_also_run_without_it():
    paragraphs = [split_paragraphs(d) for d in DOCUMENTS]
    documents = [[s for p in d for s in p] for d in paragraphs]
    embeddings = [np.eye(len(d), 8, dtype=np.float32) for d in documents]
    structure = [[0.0] * len(d) for d in documents]
    threads = [[{"geneva"} for _ in d] for d in documents]
    summaries = summaries_for(documents, embeddings, 30, None, structure, threads)
    assert set(summaries) == set(PIPELINE_SYSTEMS)


@pytest.mark.slow
def test_eval_summaries_pipeline_builds_each_cluster_and_scores_threads(tmp_path):
    from dossier.cli import cli

    result = CliRunner().invoke(
        cli,
        [
            "eval", "summaries", "--data", str(_cluster_file(tmp_path)), "--words", "40",
            "--json", "--pipeline",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["n"] == 2 and report["pipeline"] is True
    assert set(report["systems"]) == set(PIPELINE_SYSTEMS)
    for values in report["systems"].values():
        assert set(values) == {"rouge1", "rouge2", "rougeL", "threads"}
        assert all(0.0 <= v <= 1.0 for v in values.values())
    # the reference names Geneva, de Mistura and Aleppo: the story's threads
    assert report["systems"]["dossier"]["threads"] > 0


@pytest.mark.slow
def test_eval_summaries_on_multi_news_beats_lead():
    from dossier.evaluate.summaries import evaluate_summaries

    report = evaluate_summaries(shared_data("multinews/sample_validation.jsonl"), limit=20)
    systems = report["systems"]
    assert report["n"] == 20
    assert systems["dossier"]["rouge1"] > systems["lead"]["rouge1"]
