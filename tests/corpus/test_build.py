"""Corpus mode end to end: stories and tables, bad inputs, resuming after SIGKILL, Ray."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from dossier.corpus.build import CorpusOptions, build_corpus, plan_chunks, read_manifest
from dossier.corpus.query import run_query

TOPICS = {
    "quake": "Rescuers in Haiti pulled survivors from the rubble of Port-au-Prince after the "
    "earthquake that killed thousands. Aid flights landed as Haiti counted its dead.",
    "oil": "BP said it had stopped the oil leak from its well in the Gulf of Mexico, months after "
    "the Deepwater Horizon rig exploded and fouled the coast of Louisiana.",
    "talks": "Syrian government and opposition delegations met the UN envoy in Geneva for a new "
    "round of peace talks as fighting around Aleppo went on.",
}


def write_stream(path: Path, n: int) -> list[str]:
    """n articles cycling through three stories, each text distinct."""
    labels = []
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            label = list(TOPICS)[i % 3]
            text = f"{TOPICS[label]} Report number {i} added detail {i * 7} on the day."
            out.write(json.dumps({"id": str(i), "time": f"2016-03-{1 + i % 20:02d}",
                                  "title": f"{label} {i}", "text": text}) + "\n")  # fmt: skip
            labels.append(label)
    return labels


def article_ids(out: Path) -> list[str]:
    return pq.read_table(out / "tables" / "articles.parquet").column("id").to_pylist()


def test_chunks_start_with_the_giant_article_and_cover_every_index_once():
    sizes = [2_000] * 30 + [400_000] + [3_000] * 20
    plan = plan_chunks(sizes, workers=2)
    assert plan[0] == [30]  # the live blog alone, dispatched first
    assert sorted(i for chunk in plan for i in chunk) == list(range(len(sizes)))
    assert len(plan) <= 2 * 4 + 1


def test_one_worker_keeps_the_batch_whole_and_in_order():
    assert plan_chunks([5, 50, 500], workers=1) == [[0, 1, 2]]
    assert plan_chunks([], workers=2) == []


@pytest.mark.slow
def test_two_workers_give_the_same_stories_and_ids_as_one(tmp_path):
    stream = tmp_path / "in.jsonl"
    write_stream(stream, 10)
    outputs = []
    for workers in (1, 2):
        out = tmp_path / f"out{workers}"
        build_corpus([str(stream)], out, CorpusOptions(model="blank:en", workers=workers,
                                                       batch_size=10))  # fmt: skip
        table = pq.read_table(out / "tables" / "articles.parquet").to_pylist()
        outputs.append([(row["id"], row["story"]) for row in table])
    assert outputs[0] == outputs[1]


@pytest.mark.slow
def test_build_groups_stories_writes_tables_and_reports_bad_input(tmp_path):
    stream = tmp_path / "in.jsonl"
    write_stream(stream, 12)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "ok but far too short"}\n{not json\n', encoding="utf-8")
    out = tmp_path / "out"
    options = CorpusOptions(model="blank:en", workers=1, batch_size=5)
    result = build_corpus([str(stream), str(bad)], out, options)
    assert result.articles == 12 and result.skipped == 2
    assert result.stories == 3 and result.stories_built == 3
    ids = article_ids(out)
    assert len(ids) == len(set(ids)) == 12
    stories = pq.read_table(out / "tables" / "stories.parquet").to_pylist()
    assert sorted(s["articles"] for s in stories) == [4, 4, 4]
    for story in stories:
        built = json.loads((out / "stories" / story["story"] / "story.json").read_text("utf-8"))
        assert len(built["articles"]) == 4
    answer = run_query(out, "SELECT count(DISTINCT story) AS n FROM articles", "json")
    assert json.loads(answer) == [{"n": 3}]
    # Running again finds everything done: no new batch, no story rebuilt.
    again = build_corpus([str(stream), str(bad)], out, options)
    assert again.batches == 0 and again.stories_built == 0 and again.articles == 12


def test_corpus_stories_land_in_the_store_once(tmp_path):
    from click.testing import CliRunner

    from dossier.cli import cli
    from dossier.store import Store

    stream = tmp_path / "in.jsonl"
    write_stream(stream, 8)
    db = tmp_path / "stories.db"
    command = ["corpus", "build", str(stream), "--out", str(tmp_path / "out"),
               "--model", "blank:en", "--workers", "1", "--batch-size", "4", "--db", str(db)]
    first = CliRunner().invoke(cli, command)
    assert first.exit_code == 0, first.output
    store = Store(str(db))
    try:
        names = sorted(info.name for info in store.list_stories())
        assert len(names) == 3 and all(n.startswith("corpus-") for n in names)
        assert sum(len(store.story(n).articles) for n in names) == 8
    finally:
        store.close()
    again = CliRunner().invoke(cli, command)
    assert again.exit_code == 0 and "0 stories stored" in again.output


@pytest.mark.slow
def test_a_new_batch_of_inputs_joins_the_existing_stories(tmp_path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    write_stream(first, 6)
    lines = first.read_text(encoding="utf-8").splitlines()
    second.write_text(
        "\n".join(line.replace("Report number", "Follow-up report") for line in lines) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    options = CorpusOptions(model="blank:en", workers=1, batch_size=4)
    build_corpus([str(first)], out, options)
    result = build_corpus([str(first), str(second)], out, options)
    assert result.articles == 12 and result.stories == 3


@pytest.mark.slow
def test_sigkill_mid_run_then_rerun_loses_and_duplicates_nothing(tmp_path):
    stream = tmp_path / "in.jsonl"
    n = 150
    write_stream(stream, n)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "dossier", "corpus", "build", str(stream), "--out", str(out),
               "--model", "blank:en", "--workers", "1", "--batch-size", "5", "--quiet"]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(read_manifest(out)) < 3:
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    committed = len(read_manifest(out))
    assert 3 <= committed < n // 5, "the run was not killed midway"
    finished = subprocess.run(command, capture_output=True, timeout=600)
    assert finished.returncode == 0, finished.stderr.decode()[-2000:]
    ids = article_ids(out)
    assert len(ids) == n and len(set(ids)) == n
    manifest = read_manifest(out)
    assert [e["batch"] for e in manifest] == list(range(1, len(manifest) + 1))
    assert manifest[-1]["consumed"] == n


@pytest.mark.slow
@pytest.mark.skipif(
    os.environ.get("DOSSIER_SKIP_RAY") == "1", reason="DOSSIER_SKIP_RAY=1: no local Ray here"
)
def test_ray_engine_on_loopback(tmp_path):
    pytest.importorskip("ray")
    import ray

    from dossier.corpus.engine import RayEngine

    engine = RayEngine("blank:en", [], workers=1)
    try:
        gcs = ray.get_runtime_context().gcs_address
        assert gcs.startswith("127.0.0.1:"), f"local Ray must bind to loopback, not {gcs}"
    finally:
        engine.close()
    assert not ray.is_initialized()

    stream = tmp_path / "in.jsonl"
    write_stream(stream, 9)
    out = tmp_path / "out"
    options = CorpusOptions(model="blank:en", engine="ray", workers=2, batch_size=5)
    try:
        result = build_corpus([str(stream)], out, options)
    finally:
        if ray.is_initialized():
            ray.shutdown()
    assert result.articles == 9 and result.stories == 3
    assert not ray.is_initialized()
