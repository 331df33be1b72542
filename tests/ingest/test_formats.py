"""Input formats, detected automatically: plain text, HTML, JSON Lines, JSON, Multi-News, stdin."""

from __future__ import annotations

import gzip
import io
import json

import pytest

from dossier.clean import clean_document
from dossier.ingest import RawDocument, iter_documents
from dossier.ingest.formats import detect_format, sniff_format
from dossier.model import Article, Problem

BODY = (
    "Negotiators from both delegations returned to the United Nations offices in Geneva on "
    "Monday, hoping to salvage a ceasefire that has frayed badly over the past fortnight."
)

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Ceasefire talks resume in Geneva | The Daily Ledger</title>
<meta property="og:title" content="Ceasefire talks resume in Geneva">
<meta property="og:site_name" content="The Daily Ledger">
<meta property="og:url" content="https://ledger.example/world/geneva-talks">
<meta property="article:published_time" content="2016-05-02T09:30:00Z">
<meta name="author" content="Jane Doe">
</head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav>
<header><div class="logo">The Daily Ledger</div></header>
<article>
<h1>Ceasefire talks resume in Geneva</h1>
<p class="byline">By Jane Doe</p>
<p>Negotiators from both delegations returned to the United Nations offices in Geneva on
Monday, hoping to salvage a ceasefire that has frayed badly over the past fortnight.</p>
<p>The UN special envoy said the talks would focus on humanitarian access to besieged towns,
the release of detainees and a timetable for a political transition.</p>
<p>Diplomats cautioned that expectations were low. Several previous rounds collapsed within
days after fighting intensified around the northern city of Aleppo.</p>
<p>Aid agencies have warned that hundreds of thousands of civilians remain cut off from food
and medical supplies, and urged all sides to allow convoys through.</p>
</article>
<footer><p>&copy; 2016 The Daily Ledger. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/cookies">Cookie settings</a></footer>
</body>
</html>
"""


def read(*args: str, **kwargs) -> list[RawDocument | Problem]:
    return list(iter_documents(list(args), **kwargs))


def docs_of(items) -> list[RawDocument]:
    return [item for item in items if isinstance(item, RawDocument)]


def problems_of(items) -> list[Problem]:
    return [item for item in items if isinstance(item, Problem)]


def clean(doc: RawDocument) -> Article:
    result = clean_document(doc)
    assert isinstance(result, Article), result
    return result


def write_jsonl(path, records) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")


# --- plain text and HTML ------------------------------------------------------------------


def test_plain_text(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(f"Ceasefire talks resume\n\n{BODY}\n\nA second paragraph follows.\n")
    (doc,) = read(str(path))
    assert doc.format == "text" and doc.path == str(path)
    assert BODY in doc.text and doc.html is None
    assert BODY in clean(doc).text


@pytest.mark.parametrize("name", ["page.html", "page.htm", "page.HTML", "page.html.gz"])
def test_html_metadata_and_body(tmp_path, name):
    path = tmp_path / name
    data = PAGE.encode("utf-8")
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    (doc,) = read(str(path))
    assert doc.format == "html" and doc.html.startswith("<!DOCTYPE html>")
    article = clean(doc)
    assert article.title == "Ceasefire talks resume in Geneva"
    assert str(article.published) == "2016-05-02" and article.published_from == "meta"
    assert article.byline == "Jane Doe"
    assert article.source == "The Daily Ledger"
    assert article.language == "en"
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("Negotiators from both delegations")
    assert paragraphs[-1].endswith("allow convoys through.")
    # Page furniture is not body text, but it is kept among what was removed.
    for furniture in ("Privacy policy", "Subscribe", "All rights reserved", "Cookie settings"):
        assert furniture not in article.text
    removed = " | ".join(r.text for r in article.removed)
    assert "Privacy policy" in removed and "Home" in removed


# --- JSON Lines -------------------------------------------------------------------------


def test_jsonl_field_name_conventions(tmp_path):
    path = tmp_path / "feed.jsonl"
    write_jsonl(
        path,
        [
            {
                "text": BODY, "title": "One", "date": "2016-05-02", "url": "https://a.example/1",
                "source": "Reuters", "author": ["Jane Doe", "John Roe"],
            },
            {
                "body": BODY + " Two.", "headline": "Two", "published": "2016-05-03",
                "link": "https://b.example/2", "source": {"id": "bbc-news", "name": "BBC News"},
            },
            {
                "content": BODY + " Three.", "title": "Three",
                "publishedAt": "2016-05-04T10:00:00Z", "url": "https://c.example/3",
                "source": {"id": None, "name": "Al Jazeera English"}, "author": "Sam Poe",
            },
            {"maintext": BODY + " Four.", "title": "Four", "time": "2016-05-05"},
        ],
    )  # fmt: skip
    items = read(str(path))
    assert problems_of(items) == []
    one, two, three, four = docs_of(items)
    assert [d.path for d in (one, two, three, four)] == [f"{path}:{n}" for n in range(1, 5)]
    assert all(d.format == "jsonl" and d.text.startswith("Negotiators") for d in items)
    assert one.meta == {
        "title": "One", "published": "2016-05-02", "url": "https://a.example/1",
        "source": "Reuters", "byline": "Jane Doe, John Roe",
    }  # fmt: skip
    assert two.meta["title"] == "Two" and two.meta["url"] == "https://b.example/2"
    assert two.meta["source"] == "BBC News" and two.meta["published"] == "2016-05-03"
    assert three.meta["source"] == "Al Jazeera English" and three.meta["byline"] == "Sam Poe"
    assert four.meta == {"title": "Four", "published": "2016-05-05"}

    articles = [clean(d) for d in (one, two, three, four)]
    assert [str(a.published) for a in articles] == [
        "2016-05-02", "2016-05-03", "2016-05-04", "2016-05-05",
    ]  # fmt: skip
    assert {a.published_from for a in articles} == {"meta"}
    assert articles[1].source == "BBC News" and articles[1].url == "https://b.example/2"
    assert articles[0].byline == "Jane Doe, John Roe"


def test_jsonl_record_with_html_field(tmp_path):
    path = tmp_path / "pages.jsonl"
    write_jsonl(path, [{"url": "https://ledger.example/x", "html": PAGE}])
    (doc,) = read(str(path))
    assert doc.html == PAGE and doc.text is None
    article = clean(doc)
    assert article.url == "https://ledger.example/x"
    assert article.source == "The Daily Ledger"


def test_timeline17_articles_jsonl(tmp_path):
    folder = tmp_path / "haiti_bbc"
    folder.mkdir()
    text = (
        "The confirmed death toll from Haiti 's devastating earthquake has risen above 150,000 "
        "in the Port-au-Prince area alone , a government minister has said . \n"
        "Communications Minister Marie-Laurence Jocelyn Lassegue said the count was based on "
        "bodies collected in and around the capital by state company CNE . \n"
        "The search for survivors has officially ended and the focus has shifted to aid . "
    )
    write_jsonl(
        folder / "articles.jsonl",
        [
            {"id": "572", "time": "2010-01-25", "text": text},
            {"id": "573", "time": "2010-01-26", "text": text.replace("150,000", "170,000")},
        ],
    )
    first, second = read(str(folder))
    assert first.path == f"{folder / 'articles.jsonl'}:1"
    assert first.meta == {"published": "2010-01-25", "record_id": "572"}
    assert second.meta["record_id"] == "573"
    article = clean(first)
    assert str(article.published) == "2010-01-25" and article.published_from == "meta"
    assert "Marie-Laurence Jocelyn Lassegue" in article.text
    assert article.language == "en"


def test_gzipped_jsonl(tmp_path):
    path = tmp_path / "feed.jsonl.gz"
    records = [{"id": f"r{n}", "text": f"{BODY} Record {n}."} for n in range(200)]
    path.write_bytes(gzip.compress("".join(json.dumps(r) + "\n" for r in records).encode()))
    items = read(str(path))
    assert problems_of(items) == []
    assert len(items) == 200
    assert items[0].path == f"{path}:1" and items[-1].meta["record_id"] == "r199"
    assert items[-1].text.endswith("Record 199.")


def test_jsonl_with_crlf_and_utf8_bom(tmp_path):
    path = tmp_path / "windows.jsonl"
    lines = [json.dumps({"text": BODY, "title": "Caf\u00e9"}), json.dumps({"text": BODY + "!"})]
    path.write_bytes(b"\xef\xbb\xbf" + "\r\n".join(lines).encode("utf-8") + b"\r\n")
    items = read(str(path))
    assert problems_of(items) == []
    assert [d.meta.get("title") for d in items] == ["Caf\u00e9", None]


def test_json_array(tmp_path):
    path = tmp_path / "dump.json"
    path.write_text(
        json.dumps(
            [
                {"headline": "One", "articleBody": BODY, "datePublished": "2016-05-02"},
                {"title": "Two", "story": BODY + " Again.", "publisher": "AP"},
            ],
            indent=2,
        )
    )
    first, second = read(str(path))
    assert (first.path, second.path) == (f"{path}[0]", f"{path}[1]")
    assert first.meta == {"title": "One", "published": "2016-05-02"}
    assert second.meta == {"title": "Two", "source": "AP"}
    assert first.text == BODY


def test_json_single_object(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"title": "Only", "text": BODY}, indent=2))
    (doc,) = read(str(path))
    assert doc.path == str(path) and doc.meta == {"title": "Only"} and doc.text == BODY


# --- Multi-News -------------------------------------------------------------------------


def test_multinews_src_file(tmp_path):
    path = tmp_path / "test.txt.src"
    clusters = [
        "Talks resume in Geneva . NEWLINE_CHAR NEWLINE_CHAR The envoy said aid comes first . "
        "||||| Second outlet : the talks resumed on Monday . NEWLINE_CHAR Diplomats were wary . "
        "|||||",
        "A different story entirely . ||||| Its second document . ||||| Its third document .",
    ]
    path.write_text("\n".join(clusters) + "\n")
    items = read(str(path))
    assert problems_of(items) == []
    assert [d.path for d in items] == [
        f"{path}:1#0", f"{path}:1#1", f"{path}:2#0", f"{path}:2#1", f"{path}:2#2",
    ]  # fmt: skip
    assert {d.format for d in items} == {"multinews"}
    first = items[0]
    assert "NEWLINE_CHAR" not in first.text and "|||||" not in first.text
    assert first.text.startswith("Talks resume in Geneva .")
    assert "\n" in first.text and first.text.endswith("aid comes first .")
    assert items[1].text.endswith("Diplomats were wary .")
    article = clean(first)
    assert "NEWLINE_CHAR" not in article.text


def test_multinews_jsonl_documents_list(tmp_path):
    path = tmp_path / "sample_validation.jsonl"
    write_jsonl(
        path,
        [
            {
                "idx": 0,
                "documents": [BODY + " \n \n The envoy spoke.", "  ", BODY + " Another view."],
                "summary": "\u2013 Talks resumed in Geneva.",
            },
            {"idx": 1, "documents": [{"title": "Nested", "text": BODY}], "summary": "x"},
        ],
    )
    items = read(str(path))
    assert problems_of(items) == []
    assert [d.path for d in items] == [f"{path}:1#0", f"{path}:1#2", f"{path}:2#0"]
    assert items[0].text.endswith("The envoy spoke.")
    assert items[2].meta == {"title": "Nested"}


def test_multinews_hugging_face_document_field(tmp_path):
    # The Hugging Face copy of Multi-News keeps the cluster as one string field `document`.
    path = tmp_path / "multi_news.jsonl"
    write_jsonl(path, [{"document": f"{BODY} ||||| {BODY} Again.", "summary": "\u2013 x"}])
    first, second = read(str(path))
    assert (first.path, second.path) == (f"{path}:1#0", f"{path}:1#1")
    assert second.text.endswith("Again.")


# --- detection by content -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("article", PAGE, "html"),  # no extension
        ("article.txt", PAGE, "html"),  # misleading extension
        ("feed", '{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        ("feed.txt", '{"text": "a"}\n{"text": "b"}\n', "jsonl"),
        ("dump.dat", '[\n  {"text": "a"}\n]', "json"),
        ("dump", '{\n  "text": "a"\n}', "json"),
        ("cluster", "Doc one . ||||| Doc two .", "multinews"),
        ("notes.md", BODY, "text"),
        ("lines.json", '{"text": "a"}\n{"text": "b"}\n', "jsonl"),  # JSON Lines named .json
        ("plain.html", f"Headline\n\n{BODY}", "text"),  # no markup at all
        ("update.txt", f"[Updated 5:30 pm] {BODY}", "text"),
        ("note.txt", f"{{Editor's note: corrected.}}\n\n{BODY}", "text"),
    ],
)
def test_detect_format_by_content(name, content, expected):
    assert detect_format(name, content) == expected


def test_misleading_extension_end_to_end(tmp_path):
    (tmp_path / "feed.txt").write_text(json.dumps({"text": BODY, "title": "J"}) + "\n")
    (tmp_path / "page.txt").write_text(PAGE)
    (tmp_path / "noext").write_text(f"Plain headline\n\n{BODY}\n")
    (tmp_path / "lines.json").write_text(
        json.dumps({"text": BODY}) + "\n" + json.dumps({"text": BODY + " 2"}) + "\n"
    )
    (tmp_path / "update.txt").write_text(f"[Updated 5:30 pm] {BODY}\n")
    items = read(str(tmp_path))
    assert problems_of(items) == []
    by_name = {d.path.rsplit("/", 1)[-1]: d for d in items}
    assert by_name["feed.txt:1"].format == "jsonl" and by_name["feed.txt:1"].meta["title"] == "J"
    assert by_name["page.txt"].format == "html"
    assert by_name["noext"].format == "text"
    assert {"lines.json:1", "lines.json:2"} <= set(by_name)
    assert by_name["update.txt"].text.startswith("[Updated 5:30 pm]")
    assert clean(by_name["page.txt"]).source == "The Daily Ledger"


def test_sniff_ignores_leading_bom_and_blank_lines():
    assert sniff_format("\ufeff\n\n  <html><body><p>x</p></body></html>") == "html"
    assert sniff_format('\n\n{"text": "x"}\n') == "jsonl"


# --- standard input -----------------------------------------------------------------------


def test_stdin_plain_text():
    (doc,) = read("-", stdin=io.BytesIO(f"Headline\n\n{BODY}\n".encode()))
    assert doc.path == "<stdin>" and doc.format == "text" and BODY in doc.text


def test_stdin_html_gzipped():
    (doc,) = read("-", stdin=io.BytesIO(gzip.compress(PAGE.encode())))
    assert doc.format == "html"
    assert clean(doc).title == "Ceasefire talks resume in Geneva"


def test_stdin_jsonl():
    data = "".join(json.dumps({"text": f"{BODY} {n}"}) + "\n" for n in range(3)).encode()
    items = read("-", stdin=io.BytesIO(data))
    assert [d.path for d in items] == ["<stdin>:1", "<stdin>:2", "<stdin>:3"]


def test_stdin_mixed_with_files(tmp_path):
    (tmp_path / "a.txt").write_text(BODY)
    items = read(str(tmp_path / "a.txt"), "-", stdin=io.BytesIO(b"From standard input."))
    assert [d.path for d in items] == [str(tmp_path / "a.txt"), "<stdin>"]


def test_stdin_over_the_limit():
    (problem,) = read("-", stdin=io.BytesIO(b"x" * 2000), max_bytes=1000)
    assert problem.path == "<stdin>" and "larger than" in problem.reason


# --- paths: folders, globs, order -----------------------------------------------------------


def test_folders_are_walked_recursively_in_order_skipping_hidden(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".git").mkdir()
    (tmp_path / "b" / "2.txt").write_text(BODY + " b2")
    (tmp_path / "a" / "1.txt").write_text(BODY + " a1")
    (tmp_path / "a" / "0.txt").write_text(BODY + " a0")
    (tmp_path / ".git" / "config.txt").write_text(BODY)
    (tmp_path / "a" / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    items = read(str(tmp_path))
    names = [d.path.removeprefix(str(tmp_path) + "/") for d in items]
    assert names == ["a/0.txt", "a/1.txt", "b/2.txt"]


def test_glob_patterns(tmp_path):
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "one.html").write_text(PAGE)
    (tmp_path / "two.html").write_text(PAGE)
    (tmp_path / "skip.txt").write_text(BODY)
    items = read(str(tmp_path / "**" / "*.html"))
    assert sorted(d.path for d in items) == sorted(
        [str(tmp_path / "x" / "one.html"), str(tmp_path / "two.html")]
    )


def test_single_line_json_object_keeps_its_plain_label(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps({"title": "Minified", "text": BODY}))
    (doc,) = read(str(path))
    assert doc.path == str(path) and doc.meta == {"title": "Minified"}


def test_odd_metadata_values(tmp_path):
    path = tmp_path / "odd.jsonl"
    write_jsonl(
        path,
        [
            {
                "text": BODY, "title": {"lang": "en"}, "source": {"id": None, "name": None},
                "authors": [{"name": "Jane Doe"}, {"@type": "Person"}, "John Roe", None, ""],
                "url": "",
            },
            {"text": BODY, "title": 12, "source": [], "author": []},
        ],
    )  # fmt: skip
    first, second = read(str(path))
    assert first.meta == {"byline": "Jane Doe, John Roe"}
    assert second.meta == {"title": "12"}
