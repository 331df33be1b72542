"""Numbers as news writes them, to a value or a range: "260 000", "400,000", "2.5 million",
"two dozen", "hundreds", "tens of thousands", "half", with the hedge around them ("more
than", "about", "at least", "up to") turned into bounds. A vague quantity is never collapsed
to one number: it becomes a range with no value."""

from __future__ import annotations

import re
from dataclasses import dataclass

WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "a": 1,
    "an": 1,
}
SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "dozen": 12,
}
# Plural scale words alone: "hundreds" is 200 to 999, "tens of thousands" 20,000 to 99,999.
VAGUE = {
    "dozens": (24, 99),
    "scores": (40, 99),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "tens of thousands": (20_000, 99_999),
    "hundreds of thousands": (200_000, 999_999),
    "millions": (2_000_000, 9_999_999),
    "tens of millions": (20_000_000, 99_999_999),
}
FRACTIONS = {
    "half": 0.5,
    "a third": 1 / 3,
    "one third": 1 / 3,
    "a quarter": 0.25,
    "two thirds": 2 / 3,
    "three quarters": 0.75,
}
# hedge -> (low factor, high factor) applied to the value.
# A reporter writing "more than 260,000" means somewhat above it, not any figure above it:
# the open side is read as 10%, so "more than 260,000" and "more than 400,000" never agree.
HEDGES = {
    "more than": (1.0, 1.1),
    "over": (1.0, 1.1),
    "at least": (1.0, 1.1),
    "upwards of": (1.0, 1.1),
    "in excess of": (1.0, 1.1),
    "less than": (0.9, 1.0),
    "fewer than": (0.9, 1.0),
    "under": (0.9, 1.0),
    "up to": (0.9, 1.0),
    "as many as": (0.9, 1.0),
    "at most": (0.9, 1.0),
    "nearly": (0.9, 1.0),
    "almost": (0.9, 1.0),
    "close to": (0.9, 1.0),
    "about": (0.9, 1.1),
    "around": (0.9, 1.1),
    "some": (0.9, 1.1),
    "roughly": (0.9, 1.1),
    "approximately": (0.9, 1.1),
    "an estimated": (0.9, 1.1),
    "estimated": (0.9, 1.1),
}
HEDGE_PATTERN = re.compile(
    r"\b(" + "|".join(sorted((re.escape(h) for h in HEDGES), key=len, reverse=True)) + r")\s+$",
    re.IGNORECASE,
)


@dataclass
class Quantity:
    value: float | None
    low: float | None
    high: float | None
    qualifier: str | None = None
    fraction: bool = False


def parse_number(text: str) -> Quantity | None:
    """ "260 000", "400,000", "2.5 million", "two dozen", "hundreds", "half"."""
    cleaned = text.strip().lower().replace("\u00a0", " ")
    if cleaned in VAGUE:
        low, high = VAGUE[cleaned]
        return Quantity(None, low, high)
    if cleaned in FRACTIONS:
        return Quantity(FRACTIONS[cleaned], None, None, fraction=True)
    digits = re.fullmatch(r"(\d{1,3}(?:[ ,]\d{3})+|\d+(?:\.\d+)?)(?:\s+(\w+))?", cleaned)
    if digits:
        number = float(re.sub(r"[ ,]", "", digits[1]))
        scale = digits[2]
        if scale:
            if scale not in SCALES:
                return None
            number *= SCALES[scale]
        return Quantity(number, number, number)
    total, current = 0.0, 0.0
    seen = False
    for word in re.split(r"[\s-]+", cleaned):
        if word in WORDS:
            current += WORDS[word]
            seen = True
        elif word in SCALES:
            current = (current or 1) * SCALES[word]
            if SCALES[word] >= 1000:
                total, current = total + current, 0.0
            seen = True
        elif word != "and":
            return None
    if not seen:
        return None
    number = total + current
    return Quantity(number, number, number)


def hedge(quantity: Quantity, before: str) -> Quantity:
    """Bounds from the words just before a number: "more than 260 000" is 260,000 or more."""
    match = HEDGE_PATTERN.search(before)
    if match is None or quantity.value is None or quantity.fraction:
        return quantity
    word = match.group(1).lower()
    low_factor, high_factor = HEDGES[word]
    value = quantity.value
    return Quantity(
        value,
        round(value * low_factor) if low_factor is not None else None,
        round(value * high_factor) if high_factor is not None else None,
        qualifier=word,
    )
