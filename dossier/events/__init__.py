"""Coded events: who did what to whom, when and where, in the PLOVER ontology.

Importing the package registers the `events` article extractor (triggers and roles from the
dependency parse, `extract.py`) and the `events` story stage (actor ids, dates, places and the
merging of one event reported by several articles, `stage.py`).
"""

from __future__ import annotations

from dossier.events import extract, stage

__all__ = ["extract", "stage"]
