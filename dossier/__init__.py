"""dossier: turn a pile of raw news articles about one story into a sourced model of it."""

__version__ = "0.1.0"
