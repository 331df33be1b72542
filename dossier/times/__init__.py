"""Time: temporal expressions normalized against publication dates (extractor + story stage)."""

from dossier.times import extract, stage  # noqa: F401 - importing registers the components
