"""Parquet tables of a corpus, written a batch or a story at a time (never all in memory).

Columns follow the story model: numbers stay numbers, `start`/`end` offsets stay integers,
and nested values (lists of ids, mentions, dates) are JSON text a query can unpack with
DuckDB's JSON functions. Every row carries its `story` id.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel

from dossier.model import SECTIONS, Article

ARTICLE_COLUMNS = pa.schema(
    [
        ("story", pa.string()), ("id", pa.string()), ("path", pa.string()),
        ("title", pa.string()), ("published", pa.date32()), ("published_from", pa.string()),
        ("source", pa.string()), ("url", pa.string()), ("byline", pa.string()),
        ("dateline", pa.string()), ("language", pa.string()), ("duplicate_of", pa.string()),
        ("words", pa.int64()), ("sentences", pa.int64()), ("entities", pa.int64()),
    ]
)  # fmt: skip


def _arrow_type(annotation: object) -> pa.DataType:
    """int -> int64, float -> float64, bool -> bool; anything else (str, lists, models,
    literals) -> string."""
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        annotation = args[0]
    if annotation is bool:
        return pa.bool_()
    if annotation is int:
        return pa.int64()
    if annotation is float:
        return pa.float64()
    return pa.string()


def section_schema(model: type[BaseModel]) -> pa.Schema:
    fields = [pa.field("story", pa.string())]
    for name, info in model.model_fields.items():
        fields.append(pa.field(name, _arrow_type(info.annotation)))
    return pa.schema(fields)


def _row(item: dict, schema: pa.Schema) -> dict:
    row = {}
    for column in schema:
        value = item.get(column.name)
        if column.type == pa.string() and value is not None and not isinstance(value, str):
            value = json.dumps(value, ensure_ascii=False)
        row[column.name] = value
    return row


def write_article_tables(
    tables: Path,
    batch_folders: Iterable[Path],
    assignments: dict[str, str],
    read_articles: Callable[[Path], Iterator[Article]],
) -> None:
    sizes: dict[str, dict] = {}
    with _writer(tables / "articles.parquet", ARTICLE_COLUMNS) as writer:
        for folder in batch_folders:
            rows = []
            for article in read_articles(folder):
                story = assignments.get(article.id)
                rows.append(
                    {
                        "story": story, "id": article.id, "path": article.path,
                        "title": article.title, "published": article.published,
                        "published_from": article.published_from, "source": article.source,
                        "url": article.url, "byline": article.byline,
                        "dateline": article.dateline, "language": article.language,
                        "duplicate_of": article.duplicate_of, "words": len(article.text.split()),
                        "sentences": len(article.sentences), "entities": len(article.entities),
                    }
                )  # fmt: skip
                info = sizes.setdefault(story or "", {"articles": 0, "first": None, "last": None,
                                                      "title": article.title})  # fmt: skip
                info["articles"] += 1
                if article.published:
                    first, last = info["first"], info["last"]
                    info["first"] = min(filter(None, (first, article.published)))
                    info["last"] = max(filter(None, (last, article.published)))
            if rows:
                writer.write_table(pa.Table.from_pylist(rows, schema=ARTICLE_COLUMNS))
    story_schema = pa.schema(
        [("story", pa.string()), ("articles", pa.int64()), ("first", pa.date32()),
         ("last", pa.date32()), ("title", pa.string())]
    )  # fmt: skip
    rows = [{"story": story, **info} for story, info in sorted(sizes.items())]
    target = tables / "stories.parquet"
    pq.write_table(pa.Table.from_pylist(rows, schema=story_schema), _tmp(target))
    _tmp(target).replace(target)


def write_section_tables(tables: Path, stories_root: Path) -> None:
    """One table per section (actors, events, quotes, claims, ...) over every story."""
    schemas = {name: section_schema(model) for name, model in SECTIONS.items()}
    writers = {name: _writer(tables / f"{name}.parquet", s) for name, s in schemas.items()}
    opened = {name: w.__enter__() for name, w in writers.items()}
    try:
        folders = sorted(stories_root.iterdir()) if stories_root.exists() else []
        for folder in folders:
            story_file = folder / "story.json"
            if not story_file.exists():
                continue
            story = json.loads(story_file.read_text(encoding="utf-8"))
            for name, schema in schemas.items():
                items = story.get(name) or []
                if items:
                    rows = [_row({**item, "story": folder.name}, schema) for item in items]
                    opened[name].write_table(pa.Table.from_pylist(rows, schema=schema))
    finally:
        for writer in writers.values():
            writer.__exit__(None, None, None)


def _tmp(path: Path) -> Path:
    return path.with_name(f".{path.name}.tmp")


class _writer:
    """A ParquetWriter to a temporary file, renamed over the target on a clean exit."""

    def __init__(self, path: Path, schema: pa.Schema):
        self.path, self.schema = path, schema
        self._writer: pq.ParquetWriter | None = None

    def __enter__(self) -> pq.ParquetWriter:
        self._writer = pq.ParquetWriter(_tmp(self.path), self.schema)
        return self._writer

    def __exit__(self, kind, value, traceback) -> None:
        assert self._writer is not None
        self._writer.close()
        if kind is None:
            _tmp(self.path).replace(self.path)
        else:
            _tmp(self.path).unlink(missing_ok=True)
