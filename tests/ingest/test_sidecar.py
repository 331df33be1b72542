"""Metadata sidecars: CSV, JSON and YAML; matching by path, file name, stem, record id, url."""

from __future__ import annotations

import json

import pytest

from dossier.clean import MetadataOverrides, clean_document
from dossier.ingest import RawDocument, Sidecar, SidecarError, iter_documents
from dossier.model import Article
from dossier.pipeline import BuildOptions, build

BODY = (
    "Negotiators from both delegations returned to the United Nations offices in Geneva on "
    "Monday, hoping to salvage a ceasefire that has frayed badly over the past fortnight."
)


def text_doc(path: str, **meta) -> RawDocument:
    return RawDocument(path=path, format="text", text=BODY, meta=meta)


def record_doc(path: str, **meta) -> RawDocument:
    return RawDocument(path=path, format="jsonl", text=BODY, meta=meta)


def load(tmp_path, name: str, content: str) -> Sidecar:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return Sidecar.load(path)


# --- layouts ----------------------------------------------------------------------------


def test_csv_with_aliases_and_blank_cells(tmp_path):
    sidecar = load(
        tmp_path,
        "meta.csv",
        "\ufeffFile,Date,Outlet,Title,Author,URL\n"
        "a.txt,2016-05-02,Reuters,Talks resume,Jane Doe,https://r.example/a\n"
        "b.html,,AP,,,\n",
    )
    assert len(sidecar) == 2
    assert sidecar.lookup(text_doc("in/a.txt")) == {
        "published": "2016-05-02", "source": "Reuters", "title": "Talks resume",
        "byline": "Jane Doe", "url": "https://r.example/a",
    }  # fmt: skip
    # Blank cells say nothing; they do not erase what the article has.
    assert sidecar.lookup(RawDocument(path="in/b.html", format="html", html="<p>x</p>")) == {
        "source": "AP"
    }
    assert sidecar.lookup(text_doc("in/c.txt")) == {}


def test_json_mapping(tmp_path):
    sidecar = load(
        tmp_path,
        "meta.json",
        json.dumps({"a.txt": {"published": "2016-05-02", "source": "BBC"}, "b.txt": None}),
    )
    assert sidecar.lookup(text_doc("x/a.txt")) == {"published": "2016-05-02", "source": "BBC"}
    assert sidecar.lookup(text_doc("x/b.txt")) == {}


def test_json_list(tmp_path):
    sidecar = load(
        tmp_path,
        "meta.json",
        json.dumps(
            [
                {"id": "572", "date": "2010-01-25", "byline": "BBC staff"},
                {"url": "https://n.example/story", "title": "By URL"},
            ]
        ),
    )
    assert sidecar.lookup(record_doc("t17.jsonl:1", record_id="572")) == {
        "published": "2010-01-25", "byline": "BBC staff",
    }  # fmt: skip
    found = sidecar.lookup(record_doc("feed.jsonl:9", url="https://n.example/story"))
    assert found == {"title": "By URL", "url": "https://n.example/story"}


@pytest.mark.parametrize("suffix", [".yaml", ".yml"])
def test_yaml_mapping_with_native_dates(tmp_path, suffix):
    sidecar = load(
        tmp_path,
        "meta" + suffix,
        "a.txt:\n  date: 2016-05-02\n  source: Le Monde\n"
        "'002_587f93a3c3b3fd9e':\n  title: Stem key\n",
    )
    assert sidecar.lookup(text_doc("a.txt")) == {"published": "2016-05-02", "source": "Le Monde"}
    assert sidecar.lookup(text_doc("seeds/002_587f93a3c3b3fd9e.txt")) == {"title": "Stem key"}


def test_yaml_list(tmp_path):
    sidecar = load(tmp_path, "meta.yaml", "- path: in/a.txt\n  published: 2016-05-02\n")
    assert sidecar.lookup(text_doc("in/a.txt")) == {"published": "2016-05-02"}


# --- matching ---------------------------------------------------------------------------


def test_matching_by_path_name_and_stem(tmp_path):
    sidecar = load(
        tmp_path,
        "meta.json",
        json.dumps(
            {
                "archive/2016/story.html": {"title": "by path"},
                "page.html.gz": {"title": "by name"},
                "report": {"title": "by stem"},
                "2016.05.02-brief": {"title": "by dotted stem"},
            }
        ),
    )

    def title_of(path):
        return sidecar.lookup(text_doc(path)).get("title")

    assert title_of("archive/2016/story.html") == "by path"
    assert title_of("other/story.html") is None  # the path key is the whole path
    assert title_of("x/page.html.gz") == "by name"
    assert title_of("x/report.txt") == "by stem"
    assert title_of("x/report.html.gz") == "by stem"
    assert title_of("x/2016.05.02-brief.txt") == "by dotted stem"


def test_matching_records_of_a_container_file(tmp_path):
    sidecar = load(
        tmp_path,
        "meta.csv",
        "key_is,path,source,title\n"
        ",feed.jsonl,Reuters,\n"
        ",feed.jsonl:2,,Second record\n"
        ",dump.json,AFP,\n"
        ",train.src,Multi-News,\n",
    )
    # The file's name applies to each of its records; a record's own key comes first.
    assert sidecar.lookup(record_doc("data/feed.jsonl:1")) == {"source": "Reuters"}
    assert sidecar.lookup(record_doc("data/feed.jsonl:2")) == {"title": "Second record"}
    assert sidecar.lookup(record_doc("data/dump.json[3]")) == {"source": "AFP"}
    mn = RawDocument(path="data/train.src:4#1", format="multinews", text=BODY)
    assert sidecar.lookup(mn) == {"source": "Multi-News"}


def test_record_id_beats_the_file_name(tmp_path):
    sidecar = load(
        tmp_path,
        "meta.json",
        json.dumps([{"file": "articles.jsonl", "source": "BBC"}, {"id": "7", "title": "Seven"}]),
    )
    assert sidecar.lookup(record_doc("t/articles.jsonl:3", record_id="7")) == {"title": "Seven"}
    assert sidecar.lookup(record_doc("t/articles.jsonl:4", record_id="8")) == {"source": "BBC"}


def test_read_from_real_files(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "one.txt").write_text(BODY)
    (tmp_path / "in" / "feed.jsonl").write_text(
        json.dumps({"id": "x1", "text": BODY, "url": "https://f.example/1"}) + "\n"
        + json.dumps({"id": "x2", "text": BODY + " More."}) + "\n"
    )  # fmt: skip
    sidecar = load(
        tmp_path,
        "meta.csv",
        "id,date,title\none,2016-01-01,From stem\nx2,2016-02-02,From id\n"
        "https://f.example/1,2016-03-03,From url\n",
    )
    found = {d.path: sidecar.lookup(d) for d in iter_documents([str(tmp_path / "in")])}
    assert found == {
        str(tmp_path / "in" / "feed.jsonl:1"): {"published": "2016-03-03", "title": "From url"},
        str(tmp_path / "in" / "feed.jsonl:2"): {"published": "2016-02-02", "title": "From id"},
        str(tmp_path / "in" / "one.txt"): {"published": "2016-01-01", "title": "From stem"},
    }  # fmt: skip


# --- effect on articles --------------------------------------------------------------------


def test_sidecar_overrides_what_the_article_says(tmp_path):
    sidecar = load(
        tmp_path, "meta.csv", "file,date,source,title\nfeed.jsonl,2016-05-02,Sidecar News,Fixed\n"
    )
    doc = record_doc("feed.jsonl:1", published="2015-01-01", source="Feed", title="Wrong")
    article = clean_document(doc, MetadataOverrides(sidecar=sidecar.lookup(doc), date=None))
    assert isinstance(article, Article)
    assert str(article.published) == "2016-05-02" and article.published_from == "sidecar"
    assert article.source == "Sidecar News" and article.title == "Fixed"


def test_sidecar_date_beats_the_user_date_which_beats_the_article(tmp_path):
    import datetime as dt

    sidecar = load(tmp_path, "meta.json", json.dumps({"a.txt": {"date": "2016-05-02"}}))
    with_entry = text_doc("a.txt", published="2015-01-01")
    without = text_doc("b.txt", published="2015-01-01")
    user = dt.date(2017, 1, 1)
    first = clean_document(with_entry, MetadataOverrides(sidecar.lookup(with_entry), user))
    second = clean_document(without, MetadataOverrides(sidecar.lookup(without), user))
    assert (str(first.published), first.published_from) == ("2016-05-02", "sidecar")
    assert (str(second.published), second.published_from) == ("2017-01-01", "user")


def test_sidecar_in_a_build(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(f"Talks resume\n\n{BODY}\n")
    (tmp_path / "in" / "b.txt").write_text(f"Talks stall\n\n{BODY} They stalled.\n")
    sidecar = load(tmp_path, "meta.yaml", "a:\n  date: 2016-05-02\n  source: Reuters\n")
    out = tmp_path / "out"
    build([str(tmp_path / "in")], out, BuildOptions(model="blank:en", sidecar=sidecar))
    a, b = json.loads((out / "story.json").read_text())["articles"]
    assert (a["published"], a["published_from"], a["source"]) == (
        "2016-05-02", "sidecar", "Reuters",
    )  # fmt: skip
    assert b["published_from"] != "sidecar" and b["source"] != "Reuters"


# --- errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("meta.csv", "date,source\n2016-05-02,Reuters\n"),
        ("meta.json", json.dumps([{"date": "2016-05-02", "source": "Reuters"}])),
        ("meta.yaml", "- date: 2016-05-02\n  source: Reuters\n"),
    ],
)
def test_no_key_column(tmp_path, name, content):
    with pytest.raises(SidecarError) as error:
        load(tmp_path, name, content)
    message = str(error.value)
    assert name in message and "no key column" in message
    for key in ("path", "file", "filename", "id", "url"):
        assert key in message


def test_key_missing_in_one_row_names_the_row(tmp_path):
    with pytest.raises(SidecarError, match="record 2 has no key column"):
        load(tmp_path, "meta.csv", "path,date\na.txt,2016-05-02\n,2016-05-03\n")


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("meta.json", '{"a.txt": {"date": ', "not valid JSON"),
        ("meta.yaml", "a.txt: [unclosed\n", "not valid JSON/YAML"),
        ("meta.json", '"just a string"', "expected a list"),
        ("meta.json", "[1, 2]", "record 1 is not an object"),
        ("meta.yaml", "a.txt: 2016-05-02\n", "should map field names to values"),
        ("meta.json", json.dumps({"a.txt": "Reuters"}), "should map field names to values"),
        ("meta.yaml", "", "expected a list"),
    ],
)
def test_malformed_sidecars(tmp_path, name, content, words):
    with pytest.raises(SidecarError, match=words):
        load(tmp_path, name, content)


def test_unreadable_sidecar(tmp_path):
    with pytest.raises(SidecarError, match="cannot read metadata file"):
        Sidecar.load(tmp_path / "missing.csv")
    (tmp_path / "latin.csv").write_bytes("path,title\na.txt,Caf\u00e9\n".encode("utf-16"))
    with pytest.raises(SidecarError, match="cannot read metadata file"):
        Sidecar.load(tmp_path / "latin.csv")
