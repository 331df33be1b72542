"""Quotes: who said what. Importing this package registers the `quotes` extractor and stage."""

from __future__ import annotations

from dossier.quotes.extract import QuoteExtractor, QuoteFinding, quotation_spans
from dossier.quotes.stage import QuoteStage

__all__ = ["QuoteExtractor", "QuoteFinding", "QuoteStage", "quotation_spans"]
