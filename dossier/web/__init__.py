"""The dossier web app (`dossier serve`): pages, JSON API and downloads over the story store.

`create_app` and `Limits` are imported on first use, so `dossier --help` (which registers the
commands of `dossier.web.cli`) does not pay for importing FastAPI.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Limits", "create_app"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from dossier.web import app

        return getattr(app, name)
    raise AttributeError(name)
