"""The cited multi-document summary (selection shared with its evaluation + story stage)."""

from dossier.summary import stage, vectors  # noqa: F401 - importing registers them
