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
                rows = (
                    json.loads(text) if path.suffix.lower() == ".json" else yaml.safe_load(text)
                )
            except (ValueError, yaml.YAMLError) as exc:
                raise SidecarError(f"{path}: not valid JSON/YAML ({exc})") from exc
        return cls(_normalise(rows, path))

    def lookup(self, doc: RawDocument) -> dict[str, str]:
        for key in _keys_of(doc):
            if key in self._entries:
                return self._entries[key]
        return {}


def _keys_of(doc: RawDocument) -> list[str]:
    keys = [doc.path]
    base = doc.path.split(":", 1)[0] if ":" in doc.path and "#" in doc.path else doc.path
    name = PurePath(base).name
    keys += [name, name.split(".", 1)[0]]
    for meta_key in ("record_id", "url"):
        if doc.meta.get(meta_key):
            keys.append(str(doc.meta[meta_key]))
    return keys


def _normalise(rows: Any, path: Path) -> dict[str, dict[str, str]]:
    if isinstance(rows, dict):
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
