"""Reports never render article content unescaped."""

import re

from dossier.pipeline import BuildOptions, build

ATTACK = (
    'Attack <script>alert("x")</script> headline\n\n'
    'The minister said <img src=x onerror="alert(1)"> that talks would resume. '
    'A link [click](javascript:alert(1)) and a "quote" with \' and & too.\n\n'
    "Another paragraph with <b>bold</b> markup and \" onmouseover=\"alert(2) text."
)


def _build(tmp_path, text, name="evil<script>.txt"):
    src = tmp_path / "in"
    src.mkdir()
    (src / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = build([str(src)], out, BuildOptions(model="blank:en"))
    assert result.articles == 1
    return (out / "report.html").read_text(encoding="utf-8"), (out / "report.md").read_text(
        encoding="utf-8"
    )


def test_html_report_escapes_everything(tmp_path):
    html, _ = _build(tmp_path, ATTACK)
    assert "<script>" not in html
    assert "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    assert re.search(r"<[^>]*onerror", html) is None
    assert re.search(r"<[^>]*onmouseover", html) is None


def test_html_report_is_self_contained(tmp_path):
    html, _ = _build(tmp_path, ATTACK)
    assert "Content-Security-Policy" in html
    assert re.search(r"(src|href)=[\"']https?:", html) is None
    assert "<script" not in html.lower()


def test_markdown_report_escapes_html_and_links(tmp_path):
    _, md = _build(tmp_path, ATTACK)
    assert "<script>" not in md and "<img" not in md
    # Brackets are escaped, so no Markdown link can be formed from article text.
    assert re.search(r"(?<!\\)\]\(", md) is None
    assert "evil&lt;script&gt;.txt" in md


def test_a_title_names_each_word_once():
    """A Multi-News build was titled "Stinson, Jordan, Jordan": the boy Jordan and the
    country the NER took the name for."""
    from collections import Counter

    from dossier.report import StoryStats, story_title

    stats = StoryStats(articles=4)
    stats.entity_mentions = Counter(
        {("PERSON", "Stinson"): 28, ("PERSON", "Jordan"): 12, ("GPE", "Jordan"): 4,
         ("GPE", "Largo"): 3}
    )  # fmt: skip
    assert story_title(stats) == "Stinson, Jordan, Largo: 4 articles"
