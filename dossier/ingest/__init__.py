"""Ingest: from command-line paths (files, directories, globs, `-`) to raw documents.

Everything is lazy: directories are walked and files read one at a time, so a folder of
10,000 files or a multi-gigabyte JSON Lines corpus streams through in constant memory.
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from dossier.ingest.formats import RawDocument, read_bytes, read_file
from dossier.ingest.sidecar import Sidecar, SidecarError
from dossier.model import Problem

__all__ = ["RawDocument", "Sidecar", "SidecarError", "iter_documents", "DEFAULT_MAX_BYTES"]

DEFAULT_MAX_BYTES = 50_000_000
STDIN = "-"


def iter_paths(args: Iterable[str]) -> Iterator[Path | str | Problem]:
    """Expand arguments into files, in a stable order; '-' stands for standard input."""
    for arg in args:
        if arg == STDIN:
            yield STDIN
            continue
        path = Path(arg)
        if path.is_dir():
            yield from _walk(path)
        elif path.exists() or path.is_symlink():
            yield path
        elif glob.has_magic(arg):
            matches = sorted(glob.iglob(arg, recursive=True))
            if not matches:
                yield Problem(path=arg, severity="error", reason="pattern matches no file")
            for match in matches:
                match_path = Path(match)
                yield from _walk(match_path) if match_path.is_dir() else [match_path]
        else:
            yield Problem(path=arg, severity="error", reason="no such file or directory")


def _walk(root: Path) -> Iterator[Path]:
    # Hidden files and folders (.git, .DS_Store) are not inputs; everything else is tried.
    for dirpath, dirnames, filenames in os.walk(root, onerror=None):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith("."):
                yield Path(dirpath) / name


def iter_documents(
    args: Iterable[str],
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
) -> Iterator[RawDocument | Problem]:
    for item in iter_paths(args):
        if isinstance(item, Problem):
            yield item
        elif item == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            data = stream.read(max_bytes + 1)
            if len(data) > max_bytes:
                yield Problem(
                    path="<stdin>", severity="error", reason="input larger than --max-size"
                )
            else:
                yield from read_bytes(data, "<stdin>", max_bytes)
        else:
            assert isinstance(item, Path)
            yield from read_file(item, str(item), max_bytes)
