from __future__ import annotations

import csv
import io
import json
import sqlite3

import networkx as nx
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from dossier.export import (
    CLAIM_COLUMNS,
    EVENT_COLUMNS,
    QUOTE_COLUMNS,
    export,
    export_sqlite,
    to_timelinejs,
)
from dossier.model import Story
from dossier.store import Store
from dossier.web.cli import export_command
from tests.store.sample import INJECTION, injected_story, rich_story, seed_articles


@pytest.fixture(scope="module")
def story() -> Story:
    return rich_story()


def test_events_csv_has_the_plover_like_layout_and_real_evidence(story):
    rows = list(csv.DictReader(io.StringIO(export(story, "csv", "events").decode())))
    assert list(rows[0]) == EVENT_COLUMNS
    assert len(rows) == len(story.events)
    texts = {a.id: a.text for a in story.articles}
    for row, event in zip(rows, story.events, strict=True):
        assert row["event_type"] == event.type
        assert row["evidence"] == texts[event.article][event.start : event.end]
        assert row["source_actor_id"] == "; ".join(event.source)
    france = next(r for r in rows if r["source_actor_id"] == "france")
    assert france["source_country"] == "France"
    assert france["quad_class"] == "conflict"
    assert float(france["lat"]) and float(france["lon"])


@pytest.mark.parametrize(
    ("table", "columns", "section"),
    [("events", EVENT_COLUMNS, "events"), ("quotes", QUOTE_COLUMNS, "quotes"),
     ("claims", CLAIM_COLUMNS, "claims")],
)
def test_parquet_tables_are_readable_with_the_same_columns_as_csv(story, table, columns, section):
    frame = pq.read_table(io.BytesIO(export(story, "parquet", table)))
    assert frame.column_names == columns
    assert frame.num_rows == len(getattr(story, section))
    header = next(csv.reader(io.StringIO(export(story, "csv", table).decode())))
    assert header == columns


def test_claims_table_carries_their_group_and_agreement(story):
    rows = list(csv.DictReader(io.StringIO(export(story, "csv", "claims").decode())))
    grouped = {c for g in story.claim_groups for c in g.claims}
    assert {r["claim_id"] for r in rows if r["agreement"] == "conflicts"} == grouped


def test_gexf_and_graphml_open_in_networkx_with_coloured_edges(story):
    for fmt, reader in (("gexf", nx.read_gexf), ("graphml", nx.read_graphml)):
        graph = reader(io.BytesIO(export(story, fmt)))
        assert graph.number_of_nodes() >= len({a for e in story.events for a in e.source})
        kinds = {d["kind"] for _, _, d in graph.edges(data=True)}
        assert kinds <= {"cooperation", "conflict", "other"} and "conflict" in kinds
        pairs = {(s, t) for e in story.events for s in e.source for t in e.target if s != t}
        assert set(graph.edges()) == pairs


def test_timelinejs_structure_and_fallback_to_events(story):
    data = to_timelinejs(story, "Syria <b>talks</b>")
    assert data["title"]["text"]["headline"] == "Syria &lt;b&gt;talks&lt;/b&gt;"
    assert len(data["events"]) == len(story.timeline)
    for slide in data["events"]:
        assert slide["start_date"]["year"].isdigit()
        assert set(slide["text"]) == {"headline", "text"}
    assert {"planned"} <= {s["group"] for s in data["events"]}
    without = story.model_copy(update={"timeline": None})
    fallback = json.loads(export(without, "timelinejs"))
    assert len(fallback["events"]) == sum(1 for e in story.events if e.date)


def test_untitled_exports_are_named_as_the_build_names_the_story(story):
    """Not after the first article's headline, and the same in every format."""
    from dossier.export import _stats
    from dossier.report import story_title

    expected = story_title(_stats(story))
    assert expected.endswith(f"{len(story.articles)} articles")
    assert expected != story.articles[0].title
    assert to_timelinejs(story)["title"]["text"]["headline"] == expected
    assert export(story, "md").decode().startswith(f"# {expected}\n")


def test_reports_escape_injected_text():
    story = injected_story()
    html_report = export(story, "html").decode()
    assert "<script>alert" not in html_report
    assert "&lt;script&gt;" in html_report
    markdown = export(story, "md").decode()
    assert "<script>" not in markdown
    assert Story.model_validate_json(export(story, "json")) == story
    assert INJECTION in story.articles[0].text  # the data itself is kept verbatim


def test_story_without_sections_exports_empty_tables():
    bare = Story(articles=list(seed_articles()))
    assert export(bare, "csv", "events").decode().strip() == ",".join(EVENT_COLUMNS)
    assert pq.read_table(io.BytesIO(export(bare, "parquet", "quotes"))).num_rows == 0
    assert nx.read_gexf(io.BytesIO(export(bare, "gexf"))).number_of_nodes() == 0
    assert export(bare, "md")


def test_sqlite_export_holds_every_version(tmp_path, story):
    store = Store(str(tmp_path / "main.db"))
    store.create_story("syria", "Syria")
    store.add_version("syria", story)
    store.add_version("syria", injected_story())
    out = tmp_path / "syria.sqlite"
    export_sqlite(store, "syria", out)
    with sqlite3.connect(out) as conn:
        assert conn.execute("select count(*) from versions").fetchone()[0] == 2
        assert conn.execute("select count(*) from quotes").fetchone()[0] == (
            len(story.quotes) * 2 + 1
        )
    copy = Store(str(out))
    assert copy.story("syria", 1) == story


def test_export_command_writes_each_format(tmp_path, story):
    db = tmp_path / "cli.db"
    store = Store(str(db))
    store.create_story("syria")
    store.add_version("syria", story)
    store.close()
    runner = CliRunner()
    for fmt in ("csv", "parquet", "gexf", "graphml", "timelinejs", "json", "md", "html",
                "sqlite"):
        out = tmp_path / f"out.{fmt}"
        result = runner.invoke(
            export_command, ["syria", "--db", str(db), "--format", fmt, "--table", "quotes",
                             "--out", str(out)],
        )
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 0
    missing = runner.invoke(export_command, ["nope", "--db", str(db), "--out", str(out)])
    assert missing.exit_code == 1 and "no story named" in missing.output
    nowhere = tmp_path / "none.db"
    absent = runner.invoke(export_command, ["syria", "--db", str(nowhere), "--out", str(out)])
    assert absent.exit_code == 1 and "no story database" in absent.output
    assert not nowhere.exists()


def test_timelinejs_gives_a_range_its_end_and_leaves_an_open_one_without(story):
    first = story.timeline[0]
    closed = first.model_copy(update={"date": "2016-06-01", "granularity": "day",
                                      "type": "range", "end": "2016-11-30"})  # fmt: skip
    open_ = first.model_copy(update={"date": "2011-03", "granularity": "month",
                                     "type": "range", "end": None})  # fmt: skip
    slides = to_timelinejs(story.model_copy(update={"timeline": [closed, open_]}))["events"]
    assert slides[0]["end_date"] == {"year": "2016", "month": "11", "day": "30"}
    assert slides[0]["group"] == "range"
    assert "end_date" not in slides[1]
