"""Writing the story: articles are spooled to disk as they are annotated, then `story.json`
and the reports are streamed from the spool. Memory stays flat however many articles come
through, and every output file appears atomically (written aside, then renamed)."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from dossier.model import SCHEMA_VERSION, Article, Problem


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

    def add(self, article: Article) -> None:
        self._file.write(article.model_dump_json())
        self._file.write("\n")
        self.count += 1

    def raw(self) -> Iterator[str]:
        self._file.flush()
        self._file.seek(0)
        for line in self._file:
            yield line.rstrip("\n")

    def __iter__(self) -> Iterator[Article]:
        for line in self.raw():
            yield Article.model_validate_json(line)

    def close(self) -> None:
        self._file.close()


def write_story_json(path: Path, spool: ArticleSpool, problems: list[Problem]) -> None:
    with atomic_open(path) as out:
        out.write(f'{{"schema_version": {json.dumps(SCHEMA_VERSION)}, "articles": [\n')
        for index, line in enumerate(spool.raw()):
            if index:
                out.write(",\n")
            out.write(line)
        out.write('\n], "problems": [\n')
        out.write(",\n".join(problem.model_dump_json() for problem in problems))
        out.write("\n]}\n")
