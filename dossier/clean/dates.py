"""Publication dates from metadata fields and date-only lines."""

from __future__ import annotations

import datetime as dt
import re

from dateutil import parser as date_parser

_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d|2100)\b")
_NUMERIC = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})\s*$")
_MISSING = dt.datetime(1, 1, 1)
_EPOCH = re.compile(r"^\d{9,10}$|^\d{12,13}$")  # Unix seconds or milliseconds
MIN_YEAR, MAX_YEAR = 1900, 2100


def parse_date(value: object) -> dt.date | None:
    """A calendar date from a metadata value (ISO string, '12/16/2017', 'Dec 16, 2017',
    epoch seconds). None if the value holds no full date with a year."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return _valid(value.date())
    if isinstance(value, dt.date):
        return _valid(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value
        try:
            return _valid(dt.datetime.fromtimestamp(seconds, tz=dt.UTC).date())
        except (OverflowError, OSError, ValueError):
            return None
    text = str(value).strip()
    if not text:
        return None
    if _EPOCH.match(text):
        return parse_date(int(text))
    iso = _ISO.match(text)
    if iso:
        try:
            return _valid(dt.date(int(iso[1]), int(iso[2]), int(iso[3])))
        except ValueError:
            return None
    numeric = _NUMERIC.match(text)
    if numeric:
        return _numeric_date(*numeric.groups())
    if not _YEAR.search(text):
        return None
    try:
        # Only the day is kept, so a zone name dateutil does not know ("10:53 AM OH") is
        # ignored rather than warned about (and, dateutil says, one day raised).
        parsed = date_parser.parse(text, default=_MISSING, fuzzy=False, ignoretz=True)
    except (ValueError, OverflowError):
        return None
    return _valid(parsed.date())


def _numeric_date(first: str, second: str, year: str) -> dt.date | None:
    y = int(year) + (2000 if len(year) == 2 else 0)
    a, b = int(first), int(second)
    # US order (month/day) first, as on most English sites; fall back to day/month.
    for month, day in ((a, b), (b, a)):
        try:
            return _valid(dt.date(y, month, day))
        except ValueError:
            continue
    return None


def _valid(date: dt.date) -> dt.date | None:
    return date if MIN_YEAR <= date.year <= MAX_YEAR else None
