"""Actors: who is who across the articles of a story (extractor + story stage)."""

from dossier.actors import extract, stage  # noqa: F401 - importing registers the components
