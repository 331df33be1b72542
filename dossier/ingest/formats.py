"""Input formats: detect what a file is and turn it into raw documents.

Single-document formats (plain text, HTML) are read whole, under a size limit. Container
formats (JSON Lines, Multi-News) are streamed record by record so a corpus of any size
never sits in memory; a bad record is reported and the rest of the file is still read.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from dossier.ingest.decode import GZIP_MAGIC, InputError, decode, gunzip
from dossier.model import InputFormat, Problem

MULTINEWS_SEPARATOR = "|||||"

_HTML_EXT = {".html", ".htm", ".xhtml", ".shtml"}
_JSONL_EXT = {".jsonl", ".ndjson", ".jl"}
_MULTINEWS_EXT = {".src"}
_HTML_SNIFF = re.compile(r"<(!doctype html|html|head|body|article|div|p)[\s>]", re.IGNORECASE)
_ANY_TAG = re.compile(r"<[a-zA-Z!/]")
# What a JSON array must start with; "[Updated 5:30 pm] The minister..." is a plain-text article.
_JSON_ARRAY_START = re.compile(r"\[\s*(?:[{\[\"\]\d-]|true|false|null)")

TEXT_FIELDS = (
    "text", "body", "content", "maintext", "article", "articleBody", "story",
    "document",  # Multi-News as distributed on the Hugging Face hub: {"document", "summary"}
)  # fmt: skip
HTML_FIELDS = ("html", "raw_html", "page")
TITLE_FIELDS = ("title", "headline")
DATE_FIELDS = (
    "date", "published", "publish_date", "published_at", "publishedAt", "pubdate",
    "date_publish", "datePublished", "time", "timestamp", "created_at",
)  # fmt: skip
URL_FIELDS = ("url", "link", "uri")
SOURCE_FIELDS = ("source", "outlet", "sitename", "site", "publisher", "source_name", "domain")
BYLINE_FIELDS = ("byline", "author", "authors")
MULTI_DOC_FIELDS = ("documents", "articles", "docs")


@dataclass
class RawDocument:
    """One article as read, before cleaning: text or HTML plus whatever metadata came with it."""

    path: str
    format: InputFormat
    text: str | None = None
    html: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


def detect_format(name: str, head: str) -> InputFormat:
    suffixes = [s.lower() for s in Path(name).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    ext = suffixes[-1] if suffixes else ""
    if ext in _HTML_EXT:
        # A page saved as plain text under an .html name has no tag to parse.
        return "html" if _ANY_TAG.search(head) else "text"
    if ext in _JSONL_EXT:
        return "jsonl"
    if ext == ".json":
        # JSON Lines are often named .json: a complete object on the first line, and more.
        lines = head.strip().count("\n")
        return "jsonl" if lines and sniff_format(head) == "jsonl" else "json"
    if ext in _MULTINEWS_EXT:
        return "multinews"
    return sniff_format(head)


def sniff_format(head: str) -> InputFormat:
    stripped = head.lstrip("\ufeff \t\r\n")
    if stripped.startswith("<") and _HTML_SNIFF.search(stripped[:4096]):
        return "html"
    if stripped.startswith("{"):
        first = stripped.split("\n", 1)[0]
        try:
            json.loads(first)
            return "jsonl"
        except ValueError:
            # A pretty-printed object opens with a key or closes at once; a plain-text
            # article may open with "{Editor's note: ...}".
            if re.match(r"\{\s*[\"}]", stripped):
                return "json"
    elif _JSON_ARRAY_START.match(stripped):
        return "json"
    if MULTINEWS_SEPARATOR in head:
        return "multinews"
    return "text"


def read_file(path: Path, label: str, max_bytes: int) -> Iterator[RawDocument | Problem]:
    """Read one file of any supported format. Errors become Problems, never exceptions."""
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
            gzipped = head.startswith(GZIP_MAGIC)
            preview = _preview(head, gzipped)
            fmt = detect_format(path.name, preview)
            # UTF-16/32 (NUL bytes) and binary junk under a .jsonl name are read whole below,
            # where they are decoded or reported once, not as one problem per line.
            if fmt == "jsonl" and "\x00" not in preview:
                handle.seek(0)
                yield from _stream_jsonl(handle, label, gzipped, max_bytes)
                return
            size = path.stat().st_size
            if size > max_bytes:
                yield Problem(
                    path=label,
                    severity="error",
                    reason=f"file too large ({size / 1e6:.0f} MB; limit {max_bytes / 1e6:.0f} MB,"
                    " see --max-size)",
                )
                return
            data = head + handle.read()
    except PermissionError:
        yield Problem(path=label, severity="error", reason="permission denied")
        return
    except IsADirectoryError:
        yield Problem(path=label, severity="error", reason="is a directory")
        return
    except OSError as exc:
        yield Problem(path=label, severity="error", reason=f"cannot read ({exc.strerror or exc})")
        return
    yield from read_bytes(data, label, max_bytes, name=path.name)


def read_bytes(
    data: bytes, label: str, max_bytes: int, name: str = ""
) -> Iterator[RawDocument | Problem]:
    """Read an in-memory input (a small file, or standard input)."""
    try:
        if data.startswith(GZIP_MAGIC):
            data = gunzip(data, max_bytes)
        if len(data) > max_bytes:
            raise InputError(
                f"too large ({len(data) / 1e6:.0f} MB; limit {max_bytes / 1e6:.0f} MB)"
            )
        text, encoding = decode(data)
    except InputError as exc:
        yield Problem(path=label, severity="error", reason=str(exc))
        return
    if encoding not in ("utf-8", "utf-8-sig", "ascii"):
        yield Problem(path=label, severity="warning", reason=f"decoded as {encoding}")
    fmt = detect_format(name, text[:65536]) if name else sniff_format(text[:65536])
    if fmt == "html":
        yield RawDocument(path=label, format="html", html=text)
    elif fmt == "text":
        yield RawDocument(path=label, format="text", text=text)
    elif fmt == "multinews":
        for lineno, line in enumerate(text.splitlines(), 1):
            yield from _multinews_cluster(line, f"{label}:{lineno}", {})
    elif fmt == "jsonl":
        for lineno, line in enumerate(text.splitlines(), 1):
            yield from _json_line(line, f"{label}:{lineno}")
    else:
        yield from _json_document(text, label)


def _preview(head: bytes, gzipped: bool) -> str:
    if gzipped:
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 65536)
        except zlib.error:
            return ""
    return head.decode("utf-8", errors="replace")


def _stream_jsonl(
    handle: BinaryIO, label: str, gzipped: bool, max_bytes: int
) -> Iterator[RawDocument | Problem]:
    stream: BinaryIO = gzip.GzipFile(fileobj=handle) if gzipped else handle  # type: ignore[assignment]
    lineno = 0
    records = 0
    try:
        for raw_line in stream:
            lineno += 1
            if not raw_line.strip():
                continue
            records += 1
            where = f"{label}:{lineno}"
            if len(raw_line) > max_bytes:
                yield Problem(path=where, severity="error", reason="record larger than --max-size")
                continue
            try:
                line = raw_line.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError:
                yield Problem(path=where, severity="error", reason="record is not valid UTF-8")
                continue
            yield from _json_line(line, where)
    except (EOFError, OSError, zlib.error) as exc:
        reason = "truncated gzip file" if isinstance(exc, EOFError) else f"corrupt input ({exc})"
        yield Problem(path=label, severity="error", reason=f"{reason} after line {lineno}")
        return
    if not records:
        yield Problem(path=label, severity="error", reason="empty file")


def _json_line(line: str, where: str) -> Iterator[RawDocument | Problem]:
    if not line.strip():
        return
    try:
        record = json.loads(line)
    except ValueError as exc:
        yield Problem(path=where, severity="error", reason=f"invalid JSON ({exc.msg})")
        return
    yield from _json_record(record, where)


def _json_document(text: str, label: str) -> Iterator[RawDocument | Problem]:
    try:
        data = json.loads(text)
    except ValueError as exc:
        yield Problem(path=label, severity="error", reason=f"invalid JSON ({exc.msg})")
        return
    records = data if isinstance(data, list) else [data]
    if not records:
        yield Problem(path=label, severity="error", reason="empty JSON array")
    for index, record in enumerate(records):
        yield from _json_record(record, f"{label}[{index}]" if isinstance(data, list) else label)


def _first(record: dict[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = record.get(name)
        if value not in (None, "", []):
            return value
    return None


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dict):  # e.g. NewsAPI's {"source": {"id": ..., "name": ...}}
        value = value.get("name") or value.get("title") or value.get("id")
        # Not the text "None" or "{'id': 3}" when the object has none of these.
        return None if isinstance(value, dict) else _as_text(value)
    if isinstance(value, list):  # authors: ["A", "B"] or [{"name": "A"}, {"name": "B"}]
        return ", ".join(filter(None, map(_as_text, value))) or None
    value = str(value).strip()
    return value or None


def _json_record(record: Any, where: str) -> Iterator[RawDocument | Problem]:
    if not isinstance(record, dict):
        yield Problem(path=where, severity="error", reason="JSON record is not an object")
        return
    meta = {
        "title": _as_text(_first(record, TITLE_FIELDS)),
        "published": _as_text(_first(record, DATE_FIELDS)),
        "url": _as_text(_first(record, URL_FIELDS)),
        "source": _as_text(_first(record, SOURCE_FIELDS)),
        "byline": _as_text(_first(record, BYLINE_FIELDS)),
        "record_id": _as_text(record.get("id")),
    }
    meta = {key: value for key, value in meta.items() if value}
    documents = _first(record, MULTI_DOC_FIELDS)
    if isinstance(documents, list):
        for index, document in enumerate(documents):
            if isinstance(document, dict):
                yield from _json_record(document, f"{where}#{index}")
            elif isinstance(document, str) and document.strip():
                yield RawDocument(path=f"{where}#{index}", format="multinews", text=document)
        return
    body = _first(record, TEXT_FIELDS)
    if isinstance(body, str) and MULTINEWS_SEPARATOR in body:
        yield from _multinews_cluster(body, where, meta)
        return
    if isinstance(body, str) and body.strip():
        yield RawDocument(path=where, format="jsonl", text=body, meta=meta)
        return
    html = _first(record, HTML_FIELDS)
    if isinstance(html, str) and html.strip():
        yield RawDocument(path=where, format="jsonl", html=html, meta=meta)
        return
    yield Problem(
        path=where,
        severity="error",
        reason="record has no article text (looked for: " + ", ".join(TEXT_FIELDS) + ")",
    )


def _multinews_cluster(line: str, where: str, meta: dict[str, Any]) -> Iterator[RawDocument]:
    # Multi-News source files encode newlines inside a document as the token NEWLINE_CHAR.
    for index, document in enumerate(line.split(MULTINEWS_SEPARATOR)):
        document = document.replace("NEWLINE_CHAR", "\n").strip()
        if document:
            yield RawDocument(path=f"{where}#{index}", format="multinews", text=document, meta=meta)
