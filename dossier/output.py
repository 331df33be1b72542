"""Writing the story: articles are spooled to disk as they are annotated, then `story.json`
and the reports are streamed from the spool. Memory stays flat however many articles come
through, and every output file appears atomically (written aside, then renamed)."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import IO

from pydantic import BaseModel

from dossier.model import SCHEMA_VERSION, SECTIONS, Article, Problem


@contextlib.contextmanager
def atomic_open(path: Path, mode: str = "w") -> Iterator[IO]:
    """Open a temporary file beside `path`; rename it over `path` only on success."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, mode, encoding=None if "b" in mode else "utf-8") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _umask() -> int:
    # mkstemp creates files readable by the owner only; outputs should get normal permissions.
    current = os.umask(0)
    os.umask(current)
    return current


class ArticleSpool:
    """Annotated articles, one JSON line each, in a temporary file in the output folder."""

    def __init__(self, directory: Path):
        directory.mkdir(parents=True, exist_ok=True)
        # Closed in close(); the spool outlives any single with-block.
        self._file = tempfile.NamedTemporaryFile(  # noqa: SIM115
            "w+", dir=directory, prefix=".articles.", suffix=".jsonl", encoding="utf-8"
        )
        self.count = 0
        self._offsets: dict[str, int] = {}
        # Articles changed after they were spooled (by a story stage), by id.
        self.replaced: dict[str, Article] = {}

    def add(self, article: Article) -> None:
        self._file.seek(0, os.SEEK_END)
        self._offsets[article.id] = self._file.tell()
        self._file.write(article.model_dump_json())
        self._file.write("\n")
        self.count += 1

    def raw(self) -> Iterator[str]:
        self._file.flush()
        self._file.seek(0)
        position = 0
        while True:
            # readline, not iteration: the file may be read at random between two lines.
            self._file.seek(position)
            line = self._file.readline()
            if not line:
                return
            position = self._file.tell()
            text = line.rstrip("\n")
            if self.replaced:
                article_id = json.loads(text)["id"]
                if article_id in self.replaced:
                    text = self.replaced[article_id].model_dump_json()
            yield text

    def __iter__(self) -> Iterator[Article]:
        for line in self.raw():
            yield Article.model_validate_json(line)

    def get(self, article_id: str) -> Article:
        if article_id in self.replaced:
            return self.replaced[article_id]
        self._file.flush()
        self._file.seek(self._offsets[article_id])
        return Article.model_validate_json(self._file.readline())

    def close(self) -> None:
        self._file.close()


def write_story_json(
    path: Path,
    spool: ArticleSpool,
    problems: list[Problem],
    sections: Mapping[str, Sequence[BaseModel]] | None = None,
) -> None:
    """Stream story.json: articles from the spool, then problems, then each section built."""
    sections = sections or {}
    with atomic_open(path) as out:
        out.write(f'{{"schema_version": {json.dumps(SCHEMA_VERSION)}, "articles": [\n')
        for index, line in enumerate(spool.raw()):
            if index:
                out.write(",\n")
            out.write(line)
        out.write("\n]")
        for name, items in [("problems", problems), *_ordered(sections)]:
            out.write(f", {json.dumps(name)}: [\n")
            out.write(",\n".join(item.model_dump_json() for item in items))
            out.write("\n]")
        out.write("}\n")


def _ordered(sections: Mapping[str, Sequence[BaseModel]]) -> list[tuple[str, Sequence]]:
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        raise ValueError(f"not sections of the story model: {sorted(unknown)}")
    return [(name, sections[name]) for name in SECTIONS if name in sections]
