"""The command line: help texts, `dossier build` outputs, exit codes, messages, atomic writes."""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from dossier.cli import cli
from dossier.model import Story
from tests.conftest import REPO

BLANK = ["--model", "blank:en"]
BODY = (
    "Negotiators from both delegations returned to the United Nations offices in Geneva on "
    "Monday, hoping to salvage a ceasefire that has frayed badly over the past fortnight.\n\n"
    "The envoy said the talks would focus on humanitarian access to besieged towns."
)
OTHER = [
    "The UN envoy sounded upbeat after the first session, telling reporters that both "
    "delegations had agreed to meet again on Wednesday.",
    "Aid agencies warned that hundreds of thousands of civilians remain cut off from food and "
    "medical supplies, and urged all sides to let convoys through.",
]
OUTPUTS = {"story.json", "report.md", "report.html"}


def run(*args: str, input: bytes | str | None = None):
    return CliRunner().invoke(cli, [str(a) for a in args], input=input, catch_exceptions=False)


@pytest.fixture
def inputs(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(f"Talks resume in Geneva\n\n{BODY}\n", encoding="utf-8")
    (folder / "b.html").write_text(
        "<html><head><title>Envoy upbeat</title>"
        '<meta property="article:published_time" content="2016-05-03">'
        '<meta property="og:site_name" content="The Ledger"></head><body><article>'
        + "".join(f"<p>{p}</p>" for p in OTHER)
        + "</article></body></html>",
        encoding="utf-8",
    )
    (folder / "empty.txt").write_bytes(b"")
    return folder


def story_of(out: Path) -> dict:
    data = json.loads((out / "story.json").read_text(encoding="utf-8"))
    Story.model_validate(data)
    return data


def articles_by_name(story: dict) -> dict[str, dict]:
    return {Path(a["path"]).name: a for a in story["articles"]}


# --- help -------------------------------------------------------------------------------


def test_top_level_help_lists_commands_and_examples():
    result = run("--help")
    assert result.exit_code == 0
    for word in ("build", "schema", "eval", "--version", "--help", "Examples:"):
        assert word in result.output
    assert run("-h").output == result.output


@pytest.mark.parametrize(
    ("command", "options"),
    [
        (["build"], ["--out", "-o", "--date", "--meta", "--title", "--model", "--max-size",
                     "--quiet", "-q", "PATH...", "blank:LANG", "Exit status"]),
        (["schema"], ["--out"]),
        (["eval"], ["extract"]),
        (["eval", "extract"], ["--data", "--json", "--limit"]),
    ],
)  # fmt: skip
def test_subcommand_help_lists_options(command, options):
    result = run(*command, "--help")
    assert result.exit_code == 0, result.output
    for option in options:
        assert option in result.output, option


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and result.output.startswith("dossier, version ")


def test_python_dash_m_help():
    result = subprocess.run(
        [sys.executable, "-m", "dossier", "--help"],
        capture_output=True, text=True, cwd=REPO, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "Usage: dossier" in result.stdout and "build" in result.stdout


def test_build_without_arguments_is_a_usage_error(tmp_path):
    result = run("build", "--out", tmp_path / "out")
    assert result.exit_code == 2 and "PATH" in result.output
    result = run("build", tmp_path)
    assert result.exit_code == 2 and "--out" in result.output


# --- a successful build -------------------------------------------------------------------


def test_build_writes_the_three_outputs(tmp_path, inputs):
    out = tmp_path / "out"
    result = run("build", inputs, "--out", out, *BLANK)
    assert result.exit_code == 0, result.output
    assert {p.name for p in out.iterdir()} == OUTPUTS
    story = story_of(out)
    assert set(articles_by_name(story)) == {"a.txt", "b.html"}
    assert story["problems"] == [
        {"path": str(inputs / "empty.txt"), "reason": "empty file", "severity": "error"}
    ]
    assert "Talks resume in Geneva" in (out / "report.md").read_text(encoding="utf-8")
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.lstrip().lower().startswith("<!doctype html") and "Envoy upbeat" in html


def test_problems_and_summary_go_to_stderr(tmp_path, inputs):
    result = run("build", inputs, "--out", tmp_path / "out", *BLANK)
    assert result.exit_code == 0
    assert result.stdout == ""
    assert f"dossier: skipped: {inputs / 'empty.txt'}: empty file" in result.stderr
    summary = re.search(
        r"dossier: (\d+) articles read, (\d+) skipped, (\d+) near-duplicates flagged, "
        r"(\d+) warnings in (\d+\.\d)s -> (\S+)",
        result.stderr,
    )
    assert summary, result.stderr
    assert summary.group(1, 2, 3, 4) == ("2", "1", "0", "0")
    assert summary.group(6) == str(tmp_path / "out" / "report.html")


def test_quiet_drops_the_summary_but_not_the_problems(tmp_path, inputs):
    result = run("build", inputs, "--out", tmp_path / "out", "--quiet", *BLANK)
    assert result.exit_code == 0
    assert "articles read" not in result.stderr
    assert f"{inputs / 'empty.txt'}: empty file" in result.stderr


def test_warnings_are_reported_and_counted(tmp_path, inputs):
    (inputs / "legacy.txt").write_bytes(
        "Caf\u00e9 owners in Gen\u00e8ve said the talks were \u201cgood for business\u201d."
        .encode("cp1252")
    )  # fmt: skip
    result = run("build", inputs, "--out", tmp_path / "out", *BLANK)
    assert result.exit_code == 0
    assert f"dossier: warning: {inputs / 'legacy.txt'}: decoded as cp1252" in result.stderr
    assert "3 articles read, 1 skipped, 0 near-duplicates flagged, 1 warnings" in result.stderr
    legacy = articles_by_name(story_of(tmp_path / "out"))["legacy.txt"]
    assert "Caf\u00e9 owners in Gen\u00e8ve" in legacy["text"]


def test_build_from_stdin(tmp_path):
    out = tmp_path / "out"
    result = run("build", "-", "--out", out, *BLANK, input=f"Headline\n\n{BODY}\n".encode())
    assert result.exit_code == 0, result.output
    (article,) = story_of(out)["articles"]
    assert article["path"] == "<stdin>" and "Negotiators" in article["text"]


def test_build_from_gzipped_jsonl_and_glob(tmp_path):
    (tmp_path / "feed.jsonl.gz").write_bytes(
        gzip.compress(
            (json.dumps({"title": "One", "text": BODY, "source": {"name": "BBC News"}}) + "\n")
            .encode()
        )
    )  # fmt: skip
    out = tmp_path / "out"
    result = run("build", str(tmp_path / "*.jsonl.gz"), "--out", out, *BLANK)
    assert result.exit_code == 0, result.output
    (article,) = story_of(out)["articles"]
    assert article["source"] == "BBC News" and article["title"] == "One"


def test_title_option(tmp_path, inputs):
    out = tmp_path / "out"
    run("build", inputs, "--out", out, "--title", "Geneva talks, May 2016", *BLANK)
    assert "Geneva talks, May 2016" in (out / "report.md").read_text(encoding="utf-8")
    assert "Geneva talks, May 2016" in (out / "report.html").read_text(encoding="utf-8")


def test_max_size(tmp_path, inputs):
    (inputs / "long.txt").write_text(f"Long\n\n{BODY}\n" * 200, encoding="utf-8")
    result = run("build", inputs, "--out", tmp_path / "out", "--max-size", "0.01", *BLANK)
    assert result.exit_code == 0
    assert f"skipped: {inputs / 'long.txt'}: file too large" in result.stderr
    assert "long.txt" not in articles_by_name(story_of(tmp_path / "out"))


# --- metadata options ---------------------------------------------------------------------


def test_date_option(tmp_path, inputs):
    out = tmp_path / "out"
    result = run("build", inputs, "--out", out, "--date", "2016-05-02", *BLANK)
    assert result.exit_code == 0
    for article in story_of(out)["articles"]:
        assert article["published"] == "2016-05-02" and article["published_from"] == "user"


def test_bad_date_is_a_usage_error(tmp_path, inputs):
    result = run("build", inputs, "--out", tmp_path / "out", "--date", "someday", *BLANK)
    assert result.exit_code == 2
    assert "--date" in result.output and "someday" in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("meta.csv", "file,date,source,title\nb.html,2016-05-09,Sidecar Times,From sidecar\n"),
        (
            "meta.json",
            json.dumps(
                {"b": {"published": "2016-05-09", "outlet": "Sidecar Times",
                       "title": "From sidecar"}}
            ),
        ),
    ],
)  # fmt: skip
def test_meta_sidecar_overrides_the_page_and_the_date_option(tmp_path, inputs, name, content):
    meta = tmp_path / name
    meta.write_text(content, encoding="utf-8")
    out = tmp_path / "out"
    result = run("build", inputs, "--out", out, "--meta", meta, "--date", "2016-05-02", *BLANK)
    assert result.exit_code == 0, result.output
    articles = articles_by_name(story_of(out))
    page = articles["b.html"]
    assert (page["published"], page["published_from"]) == ("2016-05-09", "sidecar")
    assert page["source"] == "Sidecar Times" and page["title"] == "From sidecar"
    other = articles["a.txt"]
    assert (other["published"], other["published_from"]) == ("2016-05-02", "user")


def test_meta_sidecar_without_key_column(tmp_path, inputs):
    meta = tmp_path / "meta.csv"
    meta.write_text("date,source\n2016-05-02,Reuters\n", encoding="utf-8")
    result = run("build", inputs, "--out", tmp_path / "out", "--meta", meta, *BLANK)
    assert result.exit_code == 2
    assert "no key column" in result.output and "meta.csv" in result.output
    assert not (tmp_path / "out").exists()


def test_meta_file_must_exist(tmp_path, inputs):
    result = run("build", inputs, "--out", tmp_path / "out", "--meta", tmp_path / "nope.csv")
    assert result.exit_code == 2 and "nope.csv" in result.output


# --- nothing usable -----------------------------------------------------------------------


def test_nothing_usable_exits_1_and_writes_nothing(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    out = tmp_path / "out"
    result = run("build", tmp_path / "empty.txt", tmp_path / "image.png", "--out", out, *BLANK)
    assert result.exit_code == 1
    assert f"skipped: {tmp_path / 'empty.txt'}: empty file" in result.stderr
    assert f"skipped: {tmp_path / 'image.png'}: binary file" in result.stderr
    assert "no usable article found in the inputs (2 skipped); nothing written" in result.stderr
    assert not out.exists()


def test_missing_inputs_exit_1(tmp_path):
    out = tmp_path / "out"
    result = run("build", tmp_path / "missing.txt", str(tmp_path / "*.html"), "--out", out, *BLANK)
    assert result.exit_code == 1
    assert f"{tmp_path / 'missing.txt'}: no such file or directory" in result.stderr
    assert "pattern matches no file" in result.stderr
    assert not out.exists()


def test_failed_build_leaves_previous_outputs_intact(tmp_path, inputs):
    out = tmp_path / "out"
    assert run("build", inputs, "--out", out, *BLANK).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert set(before) == OUTPUTS

    (tmp_path / "blank.txt").write_text("  \n")
    result = run("build", tmp_path / "blank.txt", "--out", out, *BLANK)
    assert result.exit_code == 1
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_no_temporary_files_are_left_behind(tmp_path, inputs):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    for _ in range(2):
        assert run("build", inputs, "--out", out, *BLANK).exit_code == 0
    assert {p.name for p in out.iterdir()} == OUTPUTS | {"notes.txt"}
    assert (out / "notes.txt").read_text() == "mine"


def test_outputs_are_readable_by_others(tmp_path, inputs):
    out = tmp_path / "out"
    run("build", inputs, "--out", out, *BLANK)
    for name in OUTPUTS:
        assert (out / name).stat().st_mode & 0o044 == 0o044  # not mkstemp's 0600


def test_unwritable_out_dir_is_a_clean_error(tmp_path, inputs):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run("build", inputs, "--out", blocker / "out", *BLANK)
    assert result.exit_code == 1
    assert "cannot write to" in result.output and "Traceback" not in result.output
