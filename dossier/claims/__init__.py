"""Numeric claims: who says how many of what, and where sources disagree."""

from dossier.claims import extract, stage  # noqa: F401 - importing registers the components
