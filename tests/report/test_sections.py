"""The reports show each story section once it is built, cite back to the source sentence,
and escape what the sections carry (names and quotes come from articles too)."""

from __future__ import annotations

import re

import pytest

from dossier.model import (
    Actor,
    Article,
    Citation,
    Claim,
    ClaimGroup,
    Event,
    Mention,
    Quote,
    Sentence,
    SummarySentence,
    TimelineEntry,
)
from dossier.report import StoryStats, anchor, render

TEXT = (
    "France accused Damascus of mass crimes on Friday. "
    "The UN says 400,000 people have been killed <script>."
)
FIRST, SECOND = (0, 49), (50, len(TEXT))


def story():
    article = Article(
        id="a1", path="x.txt", format="text", title="T <b>", language="en", text=TEXT,
        sentences=[Sentence(start=s, end=e) for s, e in (FIRST, SECOND)],
    )  # fmt: skip
    sections = {
        "summary": [SummarySentence(article="a1", start=0, end=49, text=TEXT[0:49])],
        "timeline": [
            TimelineEntry(
                date="2016-05", granularity="month", type="approximate", status="planned",
                headline="Talks <i>resume</i>",
                items=[Citation(article="a1", start=50, end=len(TEXT), text=TEXT[50:])],
            )  # fmt: skip
        ],
        "actors": [
            Actor(id="france", name="France", type="state", mentions=[
                Mention(article="a1", start=0, end=6, text="France")]),
            Actor(id="syria", name="Syrian <government>", type="state"),
        ],  # fmt: skip
        "events": [
            Event(id="e1", article="a1", start=0, end=49, type="ACCUSE", source=["france"],
                  target=["syria"], trigger="accused")
        ],  # fmt: skip
        "quotes": [
            Quote(id="q1", article="a1", start=50, end=len(TEXT), text=TEXT[50:], direct=False,
                  speaker_text="The UN")
        ],  # fmt: skip
        "claims": [
            Claim(id="c1", article="a1", start=59, end=66, text="400,000", value=400000,
                  what="killed", claimant_text="The UN", as_of="2016-05")
        ],  # fmt: skip
        "claim_groups": [ClaimGroup(id="g1", what="killed", claims=["c1"], agreement="conflicts")],
    }
    stats = StoryStats()
    stats.add(article)
    return article, sections, stats


def _render(template: str) -> str:
    article, sections, stats = story()
    return "".join(render(template, [article], [], stats, "Story", sections))


def test_anchor_is_the_sentence_holding_the_offset():
    _, _, stats = story()
    assert anchor("a1", 0, stats) == "a1-s0"
    assert anchor("a1", 60, stats) == "a1-s50"


def test_html_summary_cites_a_sentence_that_exists_in_the_article():
    page = _render("report.html")
    href = re.search(r'<h2 id="summary">.*?<a class="cite" href="#([^"]+)"', page, re.S)[1]
    assert href == "a1-s0"
    assert f'<span class="sent" id="{href}">France accused' in page


def test_a_summary_sentence_told_without_its_connective_is_shown_with_a_capital():
    article, sections, stats = story()
    sections["summary"] = [SummarySentence(article="a1", start=7, end=49, text=TEXT[7:49])]
    for template in ("report.md", "report.html"):
        page = "".join(render(template, [article], [], stats, "Story", sections))
        assert "Accused Damascus of mass crimes" in page


def test_a_summary_sentence_is_shown_with_whom_it_names_in_full_and_escaped():
    article, sections, stats = story()
    shown = "[Jean-Marc <Ayrault>] accused Damascus of mass crimes on Friday."
    sections["summary"] = [
        SummarySentence(article="a1", start=0, end=49, text=TEXT[0:49], shown=shown)
    ]
    html = "".join(render("report.html", [article], [], stats, "Story", sections))
    assert "[Jean-Marc &lt;Ayrault&gt;] accused Damascus" in html
    markdown = "".join(render("report.md", [article], [], stats, "Story", sections))
    assert r"\[Jean-Marc &lt;Ayrault&gt;\] accused Damascus" in markdown


def test_html_sections_are_rendered_and_escaped():
    page = _render("report.html")
    for heading in ("Timeline", "Who is who", "Who did what to whom", "Who said what",
                    "Figures and where sources disagree"):  # fmt: skip
        assert heading in page
    assert "<script>" not in page and "<i>" not in page and "<government>" not in page
    assert "Syrian &lt;government&gt;" in page
    assert 'class="conflicts"' in page and "planned" in page


def test_markdown_sections_are_rendered_and_escaped():
    page = _render("report.md")
    assert "## Summary" in page and "France accused Damascus of mass crimes on Friday. [1]" in page
    assert "| France | Syrian &lt;government&gt; |" in page
    assert "<script>" not in page and "<i>" not in page


def test_markdown_shows_apostrophes_and_quotes_as_written_and_no_markup():
    markdown_it = pytest.importorskip("markdown_it")
    from dossier.report import md_escape

    text = """BP's "top kill" <b>failed</b> | # [link](http://x) *now*"""
    rendered = markdown_it.MarkdownIt("commonmark").render(md_escape(text))
    assert rendered == (
        "<p>BP's &quot;top kill&quot; &lt;b&gt;failed&lt;/b&gt; | # [link](http://x) *now*</p>\n"
    )


def test_markdown_timeline_names_each_source_article_once():
    article, sections, stats = story()
    entry = sections["timeline"][0]
    two = entry.model_copy(update={"items": [*entry.items, *entry.items]})
    page = "".join(render("report.md", [article], [], stats, "Story", {"timeline": [two]}))
    row = next(line for line in page.splitlines() if line.startswith("| 2016-05"))
    assert row.endswith("| 1 |")


def test_reports_show_a_range_as_its_span_and_an_open_one_as_onward():
    article, sections, stats = story()
    entry = sections["timeline"][0]
    closed = entry.model_copy(update={"date": "2016-06-01", "granularity": "day",
                                      "type": "range", "end": "2016-11-30"})  # fmt: skip
    open_ = entry.model_copy(update={"date": "2011-03", "type": "range", "status": "happened"})
    for template in ("report.md", "report.html"):
        page = "".join(render(template, [article], [], stats, "Story",
                              {"timeline": [open_, closed]}))  # fmt: skip
        assert "2011-03 onward" in page and "2016-06-01 – 2016-11-30" in page
        assert "(range)" not in page


def test_no_section_no_heading(tmp_path):
    article, _, stats = story()
    page = "".join(render("report.html", [article], [], stats, "Story", {}))
    assert "Who did what to whom" not in page and 'id="summary"' not in page


def test_events_that_name_their_parties_come_first_in_their_type():
    article, sections, stats = story()
    sections["events"] = [
        Event(id="e0", article="a1", start=0, end=49, type="ACCUSE", trigger="blame"),
        *sections["events"],
    ]
    markdown = "".join(render("report.md", [article], [], stats, "Story", sections))
    rows = [line for line in markdown.splitlines() if line.startswith("|") and "[1]" in line]
    evidence = [row for row in rows if "accused" in row or "blame" in row]
    assert "accused" in evidence[0] and "blame" in evidence[1]
