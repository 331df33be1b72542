"""Writing systems per line and language per article.

Script shares are counted with character-class regexes (fast, no per-character Python
loop); the language is identified with py3langid, whose model ships inside the package.
"""

from __future__ import annotations

import re
from functools import lru_cache

_SCRIPT_CLASSES = {
    "Latin": "A-Za-z\u00c0-\u024f\u1e00-\u1eff",
    "Arabic": "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff",
    "Cyrillic": "\u0400-\u052f",
    "Greek": "\u0370-\u03ff",
    "Hebrew": "\u0590-\u05ff",
    "Devanagari": "\u0900-\u097f",
    "Han": "\u4e00-\u9fff\u3400-\u4dbf",
    "Kana": "\u3040-\u30ff",
    "Hangul": "\uac00-\ud7af\u1100-\u11ff",
    "Thai": "\u0e00-\u0e7f",
}
_SCRIPT_RES = {name: re.compile(f"[{chars}]") for name, chars in _SCRIPT_CLASSES.items()}
_LANG_SAMPLE = 4000
_MIN_LANG_LETTERS = 20


def script_counts(text: str) -> dict[str, int]:
    counts = {}
    for name, pattern in _SCRIPT_RES.items():
        n = len(pattern.findall(text))
        if n:
            counts[name] = n
    return counts


def script_shares(text: str) -> dict[str, float]:
    counts = script_counts(text)
    total = sum(counts.values())
    return {name: round(n / total, 4) for name, n in counts.items()} if total else {}


def dominant_script(text: str) -> str | None:
    counts = script_counts(text)
    return max(counts, key=counts.__getitem__) if counts else None


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    # Normalised probabilities let us say "und" when the identifier is unsure.
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language, or 'und' when there is too little to tell."""
    sample = text[:_LANG_SAMPLE]
    if sum(script_counts(sample).values()) < _MIN_LANG_LETTERS:
        return "und"
    language, probability = _identifier().classify(sample)
    return language if probability >= 0.5 else "und"
