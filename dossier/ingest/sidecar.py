"""Metadata sidecars: let a user supply or correct date, url, source, title or byline without
touching the articles.

Accepted layouts:
- CSV with a header: a key column (`path`, `file`, `filename`, `id` or `url`) and any of
  `date`/`published`, `url`, `source`, `title`, `byline`;
- JSON (or YAML): either an object mapping keys to field objects, or a list of objects each
  carrying a key field.

A key matches an article by its path as given, its file name, its file name without
extension, its record id (JSON Lines) or its URL.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path, PurePath
from typing import Any

import yaml

from dossier.ingest.formats import RawDocument

KEY_FIELDS = ("path", "file", "filename", "id", "url")
FIELD_ALIASES = {
    "date": "published",
    "published": "published",
    "url": "url",
    "source": "source",
    "outlet": "source",
    "title": "title",
    "byline": "byline",
    "author": "byline",
}


# Where a record sits in its file: "feed.jsonl:12", "dump.json[3]", "train.src:4#1".
_RECORD_LOCATOR = re.compile(r"(?::\d+)?(?:\[\d+\])?(?:#\d+)?$")


class SidecarError(ValueError):
    pass


class Sidecar:
    def __init__(self, entries: dict[str, dict[str, str]]):
        self._entries = entries

    def __len__(self) -> int:
        return len(self._entries)

    @classmethod
    def load(cls, path: str | Path) -> Sidecar:
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise SidecarError(f"{path}: cannot read metadata file ({exc})") from exc
        if path.suffix.lower() == ".csv":
            rows: Any = list(csv.DictReader(text.splitlines()))
        else:
            try:
                rows = json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
            except (ValueError, yaml.YAMLError) as exc:
                raise SidecarError(f"{path}: not valid JSON/YAML ({exc})") from exc
        return cls(_normalise(rows, path))

    def lookup(self, doc: RawDocument) -> dict[str, str]:
        for key in _keys_of(doc):
            if key in self._entries:
                return self._entries[key]
        return {}


def _keys_of(doc: RawDocument) -> list[str]:
    # Keys naming this very document first, then the file it came from (which, for a record
    # of a JSON Lines, JSON or Multi-News file, names every record of that file).
    keys = [doc.path]
    for meta_key in ("record_id", "url"):
        if doc.meta.get(meta_key):
            keys.append(str(doc.meta[meta_key]))
    base = doc.path if doc.format in ("text", "html") else _RECORD_LOCATOR.sub("", doc.path)
    name = PurePath(base).name
    stem = name[:-3] if name.lower().endswith(".gz") else name
    keys += [PurePath(doc.path).name, base, name, PurePath(stem).stem, name.split(".", 1)[0]]
    return list(dict.fromkeys(keys))


def _normalise(rows: Any, path: Path) -> dict[str, dict[str, str]]:
    if isinstance(rows, dict):
        for key, value in rows.items():
            if value is not None and not isinstance(value, dict):
                raise SidecarError(
                    f"{path}: the entry for {key!r} should map field names to values, "
                    f"e.g. {{date: 2016-05-02, source: Reuters}}, not {value!r}"
                )
        rows = [{"path": key, **(value or {})} for key, value in rows.items()]
    if not isinstance(rows, list):
        raise SidecarError(f"{path}: expected a list of records or a mapping of file to fields")
    entries: dict[str, dict[str, str]] = {}
    for index, row in enumerate(rows):
        if not isinstance(row, dict):
            raise SidecarError(f"{path}: record {index + 1} is not an object")
        row = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
        key = next((str(row[k]).strip() for k in KEY_FIELDS if row.get(k)), None)
        if key is None:
            raise SidecarError(
                f"{path}: record {index + 1} has no key column ({', '.join(KEY_FIELDS)})"
            )
        fields = {
            FIELD_ALIASES[name]: str(value).strip()
            for name, value in row.items()
            if name in FIELD_ALIASES and value not in (None, "") and str(value).strip()
        }
        if row.get("url"):
            fields["url"] = str(row["url"]).strip()
        entries[key] = fields
    return entries
