"""Bad input: each bad file becomes a Problem naming it and saying why; the batch goes on."""

from __future__ import annotations

import gzip
import json
import os
import random
import time
from pathlib import Path

import pytest

from dossier.ingest import DEFAULT_MAX_BYTES, RawDocument, iter_documents
from dossier.model import Problem
from dossier.pipeline import BuildOptions, build

BODY = (
    "Negotiators from both delegations returned to the United Nations offices in Geneva on "
    "Monday, hoping to salvage a ceasefire that has frayed badly over the past fortnight. "
    "The envoy said the talks would focus on humanitarian access to besieged towns."
)
PAGE = (
    "<!DOCTYPE html><html><head><title>Talks resume | The Daily Ledger</title>"
    '<meta property="og:site_name" content="The Daily Ledger"></head><body>'
    "<nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>Talks resume</h1>"
    + "".join(f"<p>{BODY} Paragraph {n}.</p>" for n in range(40))
    + "</article><footer>Privacy policy</footer></body></html>"
)
FRENCH = (
    "Les négociations sur la Syrie ont repris lundi à Genève sous l'égide des Nations unies. "
    "L'envoyé spécial a déclaré que les discussions porteraient d'abord sur l'accès "
    "humanitaire aux villes assiégées et sur la libération des détenus.\n\n"
    "Les diplomates restent prudents : plusieurs cycles précédents ont échoué en quelques "
    "jours après une reprise des combats autour d'Alep."
)


def read(*args: str, **kwargs) -> list[RawDocument | Problem]:
    return list(iter_documents([str(a) for a in args], **kwargs))


def problems_by_path(items) -> dict[str, Problem]:
    return {p.path: p for p in items if isinstance(p, Problem)}


def docs_of(items) -> list[RawDocument]:
    return [d for d in items if isinstance(d, RawDocument)]


@pytest.fixture
def good(tmp_path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(f"Talks resume\n\n{BODY}\n", encoding="utf-8")
    return path


def assert_skipped(items, path, *words: str) -> Problem:
    problem = problems_by_path(items)[str(path)]
    assert problem.severity == "error"
    for word in words:
        assert word in problem.reason, problem.reason
    return problem


def assert_batch_goes_on(items, good) -> None:
    assert [d.path for d in docs_of(items)] == [str(good)]


# --- empty and binary -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.txt", b""),
        ("empty.html", b""),
        ("empty.jsonl", b""),
        ("empty.json", b""),
        ("noext", b""),
        ("blank.txt", b"   \n\n\t  \r\n"),
        ("blank.jsonl", b"\n   \n\n"),
        ("blank.html", b"\n \n"),
        ("empty.jsonl.gz", gzip.compress(b"")),
        ("empty.txt.gz", gzip.compress(b"\n\n")),
    ],
)
def test_empty_and_whitespace_only(tmp_path, good, name, content):
    bad = tmp_path / name
    bad.write_bytes(content)
    items = read(bad, good)
    assert_skipped(items, bad, "empty")
    assert_batch_goes_on(items, good)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4),
        ("scan.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
        ("random.bin", random.Random(7).randbytes(4096) + b"\x00" * 16),
        ("random.html", b"\x00\x01" + random.Random(8).randbytes(2048)),
        ("random.jsonl", b"\x00\x17" + random.Random(9).randbytes(2048)),
        ("archive.zip", b"PK\x03\x04" + random.Random(10).randbytes(512)),
    ],
)
def test_binary_files(tmp_path, good, name, content):
    bad = tmp_path / name
    bad.write_bytes(content)
    items = read(bad, good)
    assert_skipped(items, bad, "binary")
    assert len(problems_by_path(items)) == 1  # one problem for the file, not one per "line"
    assert_batch_goes_on(items, good)


def test_binary_without_nul_bytes(tmp_path, good):
    bad = tmp_path / "noise.txt"
    noise = bytes(b for b in random.Random(3).randbytes(8192) if b)
    bad.write_bytes(noise)
    items = read(bad, good)
    problem = assert_skipped(items, bad)
    assert "binary" in problem.reason or "encoding" in problem.reason
    assert_batch_goes_on(items, good)


# --- gzip -------------------------------------------------------------------------------


def test_truncated_html_gz(tmp_path, good):
    data = gzip.compress(PAGE.encode())
    bad = tmp_path / "page.html.gz"
    bad.write_bytes(data[: len(data) // 2])
    items = read(bad, good)
    assert_skipped(items, bad, "truncated gzip")
    assert_batch_goes_on(items, good)


def test_truncated_jsonl_gz_keeps_records_before_the_cut(tmp_path, good):
    # Incompressible text, so that half of the file is about half of the records.
    rng = random.Random(1)
    records = [
        {"id": f"r{n}", "text": f"{BODY} " + " ".join(str(rng.random()) for _ in range(40))}
        for n in range(100)
    ]
    data = gzip.compress("".join(json.dumps(r) + "\n" for r in records).encode())
    bad = tmp_path / "feed.jsonl.gz"
    bad.write_bytes(data[: len(data) // 2])
    items = read(bad, good)
    problem = assert_skipped(items, bad, "truncated gzip")
    recovered = [d for d in docs_of(items) if d.path.startswith(str(bad))]
    assert 20 < len(recovered) < 80
    assert [d.meta["record_id"] for d in recovered] == [f"r{n}" for n in range(len(recovered))]
    assert problem.reason.endswith(f"after line {len(recovered)}")
    assert str(good) in [d.path for d in docs_of(items)]


def test_gzip_bomb_is_refused(tmp_path, good):
    bad = tmp_path / "bomb.txt.gz"
    bad.write_bytes(gzip.compress(b"a" * 3_000_000))
    items = read(bad, good, max_bytes=1_000_000)
    assert_skipped(items, bad, "more than")
    assert_batch_goes_on(items, good)


def test_corrupt_gzip(tmp_path, good):
    data = bytearray(gzip.compress(PAGE.encode()))
    data[20:40] = b"\xff" * 20
    bad = tmp_path / "corrupt.html.gz"
    bad.write_bytes(bytes(data))
    items = read(bad, good)
    assert_skipped(items, bad, "gzip")
    assert_batch_goes_on(items, good)


# --- encodings --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The minister\u2019s caf\u00e9 \u201cstatement\u201d was read on Monday in Geneva.",
        "Se\u00f1or Garc\u00eda called the plan na\u00efve \u2014 \u201cd\u00e9j\u00e0 vu\u201d, "
        "he said \u2013 \u20ac5 million.",
        "Le ministre a d\u00e9clar\u00e9 \u00e0 la presse que les n\u00e9gociations "
        "reprendraient d\u00e8s lundi \u00e0 Gen\u00e8ve. \u00ab\u00a0C\u2019est un pas en "
        "avant\u00a0\u00bb, a-t-il ajout\u00e9. Le c\u0153ur du probl\u00e8me reste "
        "l\u2019acc\u00e8s humanitaire.",
        "Der Au\u00dfenminister sagte am Montag in Genf, die Gespr\u00e4che seien "
        "schwierig, aber n\u00f6tig \u2013 \u201eein Schritt nach vorn\u201c.",
    ],
)
def test_cp1252_is_decoded_with_a_warning(tmp_path, good, text):
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1252"))
    items = read(path, good)
    (doc,) = [d for d in docs_of(items) if d.path == str(path)]
    assert doc.text == text
    warning = problems_by_path(items)[str(path)]
    assert warning.severity == "warning" and "cp1252" in warning.reason


def test_latin1_html_is_decoded(tmp_path):
    path = tmp_path / "legacy.html"
    page = PAGE.replace("Talks resume</h1>", "Caf\u00e9 talks in Z\u00fcrich</h1>")
    path.write_bytes(page.encode("latin-1"))
    items = read(path)
    (doc,) = docs_of(items)
    assert "Caf\u00e9 talks in Z\u00fcrich" in doc.html
    assert problems_by_path(items)[str(path)].severity == "warning"


def test_central_european_cp1250_is_not_forced_to_cp1252(tmp_path):
    text = (
        "Minister spraw zagranicznych Polski powiedzia\u0142, \u017ce rozmowy w Genewie "
        "s\u0105 trudne. \u015arodowe spotkanie potrwa do wieczora."
    )
    path = tmp_path / "pl.txt"
    path.write_bytes(text.encode("cp1250"))
    (warning, doc) = read(path)
    assert doc.text == text and "cp1250" in warning.reason


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(tmp_path, good, encoding):
    text = "The minister\u2019s caf\u00e9 statement \u2014 \u201cGen\u00e8ve\u201d. " * 3
    path = tmp_path / "wide.txt"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path.write_bytes(data)
    items = read(path, good)
    (doc,) = [d for d in docs_of(items) if d.path == str(path)]
    assert doc.text == text
    assert problems_by_path(items)[str(path)].severity == "warning"


def test_utf16_jsonl_is_decoded_not_reported_line_by_line(tmp_path):
    path = tmp_path / "wide.jsonl"
    lines = [json.dumps({"text": BODY, "title": "Caf\u00e9"}), json.dumps({"text": BODY + "!"})]
    path.write_bytes("\n".join(lines).encode("utf-16"))
    items = read(path)
    assert [d.meta.get("title") for d in docs_of(items)] == ["Caf\u00e9", None]
    assert [p.severity for p in items if isinstance(p, Problem)] == ["warning"]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    "text",
    [
        "Talks resume in Geneva on Monday, the envoy said. ",
        "\u041f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440\u044b \u0432 "
        "\u0416\u0435\u043d\u0435\u0432\u0435 \u0432\u043e\u0437\u043e\u0431"
        "\u043d\u043e\u0432\u0438\u043b\u0438\u0441\u044c. ",
    ],
)
def test_utf16_without_bom(tmp_path, encoding, text):
    path = tmp_path / "nobom.txt"
    path.write_bytes((text * 4).encode(encoding))
    docs = docs_of(read(path))
    assert docs[0].text == text * 4


def test_random_bytes_with_nuls_are_never_taken_for_utf16(tmp_path):
    # Decoded as UTF-16, random bytes give CJK-looking "text" without control characters.
    rng = random.Random(5)
    for n in range(300):
        path = tmp_path / f"junk{n}.dat"
        path.write_bytes(b"\x00" + rng.randbytes(rng.randrange(1, 200)))
    items = read(tmp_path)
    assert docs_of(items) == []
    assert len(items) == 300
    assert {p.reason for p in items} == {"binary file (contains NUL bytes)"}


def test_invalid_utf8_in_jsonl_line(tmp_path, good):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(
        json.dumps({"text": BODY}).encode()
        + b"\n"
        + '{"text": "caf\u00e9 au lait"}'.encode("cp1252")
        + b"\n"
        + json.dumps({"text": BODY + " Three."}).encode()
        + b"\n"
    )
    items = read(path)
    assert [d.path for d in docs_of(items)] == [f"{path}:1", f"{path}:3"]
    assert "UTF-8" in problems_by_path(items)[f"{path}:2"].reason


# --- size -------------------------------------------------------------------------------


def test_file_over_max_bytes(tmp_path, good):
    big = tmp_path / "big.txt"
    big.write_text(BODY * 100)
    items = read(big, good, max_bytes=5_000)
    assert_skipped(items, big, "too large", "--max-size")
    assert_batch_goes_on(items, good)


def test_jsonl_record_over_max_bytes(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"text": BODY}) + "\n" + json.dumps({"text": BODY * 100}) + "\n"
        + json.dumps({"text": BODY + "!"}) + "\n"
    )  # fmt: skip
    items = read(path, max_bytes=5_000)
    assert [d.path for d in docs_of(items)] == [f"{path}:1", f"{path}:3"]
    assert "larger than" in problems_by_path(items)[f"{path}:2"].reason


def test_real_51_mb_file_is_skipped_at_the_default_limit_without_reading_it(
    tmp_path, good, monkeypatch
):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.write(f"Headline\n\n{BODY}\n".encode())
        handle.truncate(51_000_000)  # sparse: instant to write, 51 MB to read
    assert huge.stat().st_size == 51_000_000 > DEFAULT_MAX_BYTES

    bytes_read = {}
    real_open = Path.open

    class Counting:
        def __init__(self, handle):
            self._handle = handle

        def read(self, *args):
            data = self._handle.read(*args)
            bytes_read[self._handle.name] = bytes_read.get(self._handle.name, 0) + len(data)
            return data

        def __getattr__(self, name):
            return getattr(self._handle, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return self._handle.__exit__(*exc)

    def counting_open(self, *args, **kwargs):
        return Counting(real_open(self, *args, **kwargs))

    monkeypatch.setattr(Path, "open", counting_open)
    started = time.perf_counter()
    items = read(huge, good)
    assert time.perf_counter() - started < 5
    problem = assert_skipped(items, huge, "too large", "51 MB", "limit 50 MB")
    assert problem.path == str(huge)
    assert bytes_read[str(huge)] <= 1_000_000
    assert_batch_goes_on(items, good)


# --- access and paths -------------------------------------------------------------------


def test_permission_denied(tmp_path, good, monkeypatch):
    locked = tmp_path / "locked.txt"
    locked.write_text(BODY)
    real_open = Path.open

    def guarded_open(self, *args, **kwargs):
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", guarded_open)
    items = read(tmp_path)
    assert_skipped(items, locked, "permission denied")
    assert_batch_goes_on(items, good)


def test_other_os_error(tmp_path, good, monkeypatch):
    flaky = tmp_path / "flaky.txt"
    flaky.write_text(BODY)
    real_open = Path.open

    def failing_open(self, *args, **kwargs):
        if self == flaky:
            raise OSError(5, "Input/output error")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", failing_open)
    items = read(flaky, good)
    assert_skipped(items, flaky, "cannot read", "Input/output error")
    assert_batch_goes_on(items, good)


def test_nonexistent_path_and_empty_glob(tmp_path, good):
    missing = tmp_path / "missing.txt"
    pattern = tmp_path / "nothing" / "*.html"
    items = read(missing, pattern, good)
    assert_skipped(items, missing, "no such file")
    assert_skipped(items, pattern, "matches no file")
    assert_batch_goes_on(items, good)


def test_broken_symlink(tmp_path, good):
    link = tmp_path / "dangling.txt"
    link.symlink_to(tmp_path / "gone.txt")
    items = read(link, good)
    assert_skipped(items, link, "cannot read")
    assert_batch_goes_on(items, good)


# --- JSON -------------------------------------------------------------------------------


def test_invalid_json_lines_among_valid_ones(tmp_path, good):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"text": BODY, "title": "first"}),
                '{"text": "unterminated',
                "not json at all",
                "",
                "[1, 2, 3]",
                json.dumps({"text": BODY, "title": "last"}),
            ]
        )
        + "\n"
    )
    items = read(path, good)
    problems = problems_by_path(items)
    assert "invalid JSON" in problems[f"{path}:2"].reason
    assert "invalid JSON" in problems[f"{path}:3"].reason
    assert f"{path}:4" not in problems  # a blank line is not a problem
    assert "not an object" in problems[f"{path}:5"].reason
    titles = [d.meta.get("title") for d in docs_of(items)]
    assert titles == ["first", "last", None]


def test_jsonl_record_without_text(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text(
        json.dumps({"title": "No body", "url": "https://x.example/1"}) + "\n"
        + json.dumps({"title": "Empty body", "text": "   "}) + "\n"
        + json.dumps({"title": "Fine", "text": BODY}) + "\n"
    )  # fmt: skip
    items = read(path)
    problems = problems_by_path(items)
    for line in (1, 2):
        assert "no article text" in problems[f"{path}:{line}"].reason
        assert "text, body, content" in problems[f"{path}:{line}"].reason
    assert [d.meta["title"] for d in docs_of(items)] == ["Fine"]


def test_invalid_json_file_and_empty_array(tmp_path, good):
    broken = tmp_path / "broken.json"
    broken.write_text('{\n  "text": "never closed"\n')
    empty = tmp_path / "empty_array.json"
    empty.write_text("[]")
    items = read(broken, empty, good)
    assert_skipped(items, broken, "invalid JSON")
    assert_skipped(items, empty, "empty")
    assert_batch_goes_on(items, good)


# --- at the pipeline level ------------------------------------------------------------------


def test_non_english_article_is_kept_with_a_warning(tmp_path):
    (tmp_path / "fr.txt").write_text(f"Reprise des pourparlers\n\n{FRENCH}\n", encoding="utf-8")
    (tmp_path / "en.txt").write_text(f"Talks resume\n\n{BODY}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = build([str(tmp_path / "fr.txt"), str(tmp_path / "en.txt")], out,
                   BuildOptions(model="blank:en"))  # fmt: skip
    assert result.articles == 2
    story = json.loads((out / "story.json").read_text(encoding="utf-8"))
    french, english = story["articles"]
    assert french["language"] == "fr" and english["language"] == "en"
    assert french["sentences"] and french["entities"] == []
    (warning,) = story["problems"]
    assert warning["path"] == str(tmp_path / "fr.txt") and warning["severity"] == "warning"
    assert "'fr'" in warning["reason"] and "no entities" in warning["reason"]


def test_german_article_language_is_detected(tmp_path):
    german = (
        "Die Gespräche über Syrien wurden am Montag in Genf unter Vermittlung der Vereinten "
        "Nationen wieder aufgenommen. Der Sondergesandte sagte, zunächst gehe es um den "
        "humanitären Zugang zu den belagerten Städten und um die Freilassung von Gefangenen."
    )
    (tmp_path / "de.txt").write_text(german, encoding="utf-8")
    result = build([str(tmp_path / "de.txt")], tmp_path / "out", BuildOptions(model="blank:en"))
    assert result.articles == 1 and result.warnings == 1
    assert "'de'" in result.problems[0].reason


def test_ten_thousand_files(tmp_path):
    folder = tmp_path / "dump"
    folder.mkdir()
    rng = random.Random(42)
    real = set()
    for n in range(10_000):
        path = folder / f"{n:05d}.txt"
        if n % 2000 == 17:
            path.write_text(
                f"Report {n}\n\n{BODY} This report, number {n}, covers a separate round of "
                f"talks with its own details: {rng.random()} {rng.random()}.\n",
                encoding="utf-8",
            )
            real.add(str(path))
        elif n % 3 == 0:
            path.write_bytes(b"")
        elif n % 3 == 1:
            path.write_bytes(b"\x00" + rng.randbytes(rng.randrange(1, 64)))
        else:
            path.write_bytes(b" \n\t\n")
    (folder / "page.html").write_text(PAGE, encoding="utf-8")
    real.add(str(folder / "page.html"))

    out = tmp_path / "out"
    reported = []
    started = time.perf_counter()
    result = build([str(folder)], out, BuildOptions(model="blank:en"), on_problem=reported.append)
    elapsed = time.perf_counter() - started
    assert elapsed < 60, f"10,000 files took {elapsed:.0f}s"

    assert result.articles == len(real) == 6
    assert result.skipped == 10_000 - 5
    bad = {p.path for p in reported if p.severity == "error"}
    assert len(bad) == result.skipped
    assert bad == {str(p) for p in folder.iterdir()} - real
    story = json.loads((out / "story.json").read_text(encoding="utf-8"))
    assert {a["path"] for a in story["articles"]} == real
    assert len(story["problems"]) == len(reported)
    assert {p["reason"] for p in story["problems"]} <= {
        "empty file", "binary file (contains NUL bytes)",
    }  # fmt: skip


def test_tiny_junk_text_is_not_an_article(tmp_path):
    (tmp_path / "junk.txt").write_text("x")
    result = build([str(tmp_path / "junk.txt")], tmp_path / "out", BuildOptions(model="blank:en"))
    assert result.articles == 0
    assert "too little text" in result.problems[0].reason


def test_an_exception_in_one_document_does_not_end_the_batch(tmp_path, monkeypatch):
    import dossier.pipeline

    real_clean = dossier.pipeline.clean_document

    def flaky(raw, overrides=None):
        if raw.path.endswith("bad.txt"):
            raise RuntimeError("boom")
        return real_clean(raw, overrides)

    monkeypatch.setattr(dossier.pipeline, "clean_document", flaky)
    for name in ("bad.txt", "good.txt"):
        (tmp_path / name).write_text("Talks resumed in Geneva on Monday after a long pause.")
    result = build([str(tmp_path / "bad.txt"), str(tmp_path / "good.txt")], tmp_path / "out",
                   BuildOptions(model="blank:en"))
    assert result.articles == 1
    assert "RuntimeError: boom" in result.problems[0].reason


def test_problem_paths_are_the_inputs_as_given(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("in").mkdir()
    Path("in/empty.txt").write_bytes(b"")
    items = read("in")
    assert [p.path for p in items] == [os.path.join("in", "empty.txt")]
