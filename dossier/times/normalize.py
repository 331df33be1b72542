"""Temporal expressions to TIMEX-style values, with Microsoft's Recognizers-Text doing the
heavy lifting (`recognizers-text-date-time`: dates, ranges, durations, relative expressions,
both readings of an under-specified one).

What is ours is the choice among its readings and the description of the result: a weekday
or a date without a year comes back as two candidates (the past and the future one), and the
tense of the verb governing the expression decides ("will meet on Tuesday" forward,
"concluded on Thursday" back); without a tense, the reading nearest the reference date wins.
A few forms it does not know are added by pattern (decades, "between 2012 and 2014"). The
recognizer counts "two days later" and "the following year" from the reference date; a
narrative counts them from the time it named before, so `anaphor` tells them apart and
`counted_from` moves that time.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

Direction = Literal["past", "future"]

# A sentence without any of these has no date in it worth the recognizer's time.
TEMPORAL_CUE = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|today|tonight|yesterday|tomorrow|week(?:end)?s?|"
    r"months?|years?|decades?|centur(?:y|ies)|days?|ago|since|spring|summer|autumn|fall|"
    r"winter|(?:1[89]|20)\d\d|\d{1,2}/\d{1,2})\b",
    re.IGNORECASE,
)
# Characters of context the recognizer gets on each side of a cue word: enough for "from 1
# to 3 March" or "approximately two years", and its cost grows faster than the text it reads.
CUE_MARGIN = 20


def cue_windows(text: str, margin: int = CUE_MARGIN) -> list[tuple[int, int]]:
    """Spans of `text` around its temporal cue words, widened to whole words and merged."""
    spans: list[tuple[int, int]] = []
    for match in TEMPORAL_CUE.finditer(text):
        start, end = max(0, match.start() - margin), min(len(text), match.end() + margin)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        while end < len(text) and not text[end].isspace():
            end += 1
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
        else:
            spans.append((start, end))
    return spans


# Words a recognizer reads as a month or a day but English writers use otherwise, unless
# capitalized: "may" (modal), "march" (verb), "sat", "sun", "wed".
_NEEDS_CAPITAL = {"may", "march", "sat", "sun", "wed", "mar", "jan", "dec", "aug", "fall"}
_HEDGES = (
    r"(?:about|around|almost|nearly|roughly|some|approximately|early|late|mid|more than|"
    r"less than|over|under|up to|beginning of|end of|middle of)\s*-?\s*"
)
_APPROXIMATE = re.compile(rf"\b{_HEDGES}$", re.IGNORECASE)
_LEADING_HEDGE = re.compile(rf"^{_HEDGES}", re.IGNORECASE)
_DECADE = re.compile(r"\b(?:the\s+)?(?:early\s+|late\s+|mid-?)?((?:1[0-9]|20)\d)0s\b", re.I)
_YEAR_SPAN = re.compile(
    r"\b(?:between|from)\s+((?:1[89]|20)\d\d)\s+(?:and|to|until|till)\s+((?:1[89]|20)\d\d)\b",
    re.IGNORECASE,
)
_SEASONS = {"SP": "spring", "SU": "summer", "FA": "autumn", "WI": "winter"}
_LINK = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
# "emerged on a Thursday", "football on a Saturday", "one Monday in May": some such day, not
# one the reader could put on a calendar.
_ANY_WEEKDAY = re.compile(r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day")
_INDEFINITE = re.compile(r"\b(?:a|an|any|another|one)\s+$", re.IGNORECASE)


# A month's name alone before a capitalized word is a first name ("Jan Slingenbergh", "April
# Ryan asked", "May God bless") unless a word that leads into a time comes before it ("in
# March Obama said", "Last June Parliament voted"). A day's name is not: pages run a
# timestamp's day into the next line ("Sunday Many Egyptians ...").
_NAME_FOLLOWS = re.compile(r"\s+[A-Z][a-z]")
_LEADS_INTO_A_TIME = re.compile(
    r"\b(?:in|on|at|by|since|until|till|through|throughout|during|from|to|into|before|after|"
    r"of|for|last|next|this|that|each|every|early|late|mid|end|beginning|between|and|or|"
    r"around|about|past|coming|following|previous)\W*$",
    re.IGNORECASE,
)


def _first_name(surface: str, before: str, after: str) -> bool:
    return bool(
        re.fullmatch(_MONTH, surface)
        and _NAME_FOLLOWS.match(after)
        and not _LEADS_INTO_A_TIME.search(before)
    )


def leading_hedge(surface: str) -> bool:
    """Whether an expression opens on a hedge ("early June that year", not "Later that
    year")."""
    hedge = _LEADING_HEDGE.match(surface)
    return hedge is not None and not hedge.group()[-1:].isalnum()


@dataclass
class Reading:
    start: int  # offsets into the text that was parsed
    end: int
    text: str
    value: str | None
    value_end: str | None
    granularity: str | None
    type: str
    reason: str
    relative: bool = False
    # Set when the year (month, day) is the one the narrative named before ("September that
    # year"): the value with that part left as X ("XXXX-09"), filled in from the earlier time.
    in_time_before: str | None = None


@lru_cache(maxsize=1)
def datetime_model() -> Any:
    """The recognizer's English date-time model: building it takes a while, once per
    process."""
    from recognizers_date_time import DateTimeRecognizer
    from recognizers_text import Culture

    return DateTimeRecognizer(Culture.English).get_datetime_model()


def granularity_of(timex: str) -> str | None:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", timex):
        return "day"
    if re.fullmatch(r"\d{4}-W\d{2}(?:-WE)?", timex):
        return "week"
    if re.fullmatch(r"\d{4}-\d{2}", timex):
        return "month"
    if re.fullmatch(r"\d{4}-(?:SP|SU|FA|WI)", timex):
        return "season"
    if re.fullmatch(r"\d{4}", timex):
        return "year"
    if re.fullmatch(r"\d{3}X", timex):
        return "decade"
    return None


def _duration_granularity(timex: str) -> str | None:
    unit = timex[-1:] if timex.startswith("P") else ""
    if "T" in timex:
        return None
    return {"Y": "year", "M": "month", "W": "week", "D": "day"}.get(unit)


def _pick(
    candidates: list[str],
    reference: dt.date | None,
    direction: Direction | None,
    ends: list[str] | None = None,
) -> int:
    """Index of the reading to keep among past/future candidates (ISO dates, sorted; `ends`,
    exclusive, for spans such as a month). The one holding the reference date itself comes
    first: "happened on April 1" in the paper of April 1 is that day, "in April" that April."""
    if len(candidates) < 2:
        return 0
    for k, value in enumerate(candidates):
        try:
            first = dt.date.fromisoformat(value[:10])
            end = ends[k] if ends and k < len(ends) and ends[k] else ""
            last = dt.date.fromisoformat(end[:10]) if end else first + dt.timedelta(days=1)
        except ValueError:
            continue
        if reference is not None and first <= reference < last:
            return k
    if direction == "past":
        return 0
    if direction == "future":
        return len(candidates) - 1
    if reference is None:
        return 0
    distances = []
    for value in candidates:
        try:
            distances.append(abs((dt.date.fromisoformat(value[:10]) - reference).days))
        except ValueError:
            distances.append(10**6)
    return distances.index(min(distances))


def _choice_reason(timex: str, direction: Direction | None, n: int) -> str:
    if n < 2:
        return ""
    what = "weekday" if "WXX" in timex else "no year"
    if direction:
        return f"{what}: {direction} tense"
    return f"{what}: reading nearest the reference date"


def readings(
    text: str,
    reference: dt.date | None,
    direction_at: Any = None,
    determined_by_that: Any = None,
) -> list[Reading]:
    """Every temporal expression in `text`, resolved against `reference` (a publication
    date). `direction_at(start, end)` gives the tense around a span, when known;
    `determined_by_that(start, end)` whether the word before it is a "that" that determines
    it ("visited that June", not "said that June was the wettest")."""
    base = reference or dt.date(2000, 7, 1)
    found: list[Reading] = []
    links = [m.span() for m in _LINK.finditer(text)]
    for result in datetime_model().parse(text, dt.datetime.combine(base, dt.time())):
        start, end = result.start, result.end + 1
        surface = text[start:end]
        if any(s < end and start < e for s, e in links):
            continue  # "salon.com/2017/01/16/...": a link's path, not a date the text tells
        last_word = surface.split()[-1]
        if last_word.lower() in _NEEDS_CAPITAL and not last_word[:1].isupper():
            continue  # "this may sound": the modal verb
        if not TEMPORAL_CUE.search(surface):
            continue  # "first", "second": an ordinal the recognizer took for a day
        if surface.isupper() and len(surface) <= 4:
            continue  # "DEC", "MAR": an acronym, not a month
        if re.match(r"\s?-?olds?\b", text[end : end + 6]):
            continue  # "50-year-old", "6-week-old": an age, not a time
        if _first_name(surface, text[:start], text[end:]):
            continue  # "Jan Slingenbergh, a senior animal health officer": a person
        if _ANY_WEEKDAY.fullmatch(surface) and _INDEFINITE.search(text[max(0, start - 10) : start]):
            continue
        direction = direction_at(start, end) if direction_at else None
        reading = _reading(result, surface, start, end, reference, direction, text)
        if reading is not None:
            found.append(reading)
    found = _in_time_named_before(found, text, determined_by_that)
    if reference is None:
        _mark_relative(found)
    found.extend(_pattern_readings(text, found))
    found = _year_named_after(found, text, reference)
    return _anniversaries(sorted(found, key=lambda r: r.start), text)


_MONTH = (
    r"(?P<month>(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
# A month's name with the day before or after it, if any: "16 April", "March 3rd", "May".
_MONTH_AND_DAY = (
    rf"(?:(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?{_MONTH}"
    r"(?:\s+(?P<day_after>\d{1,2})(?:st|nd|rd|th)?\b)?"
)
# "16 April last year", "on March 3 this year", "in May next year": a day or month whose
# year the text names as the writing's, the year before or the year after. The recognizer
# reads the day alone (with the year nearest the writing, or none) and "last year" apart,
# or "April last year" as the year alone.
_YEAR_NAMED_AFTER = re.compile(
    rf"{_MONTH_AND_DAY}\s*,?\s+(?i:of\s+)?(?P<which>(?i:last|this|next))\s+(?i:year)\b"
)
_YEAR_SHIFT = {"last": -1, "this": 0, "next": 1}
# "last March", "next December": the nearest such month before (after) the writing's month.
# The recognizer reads "last March" as March of the year before even in November, when news
# means the March just gone.
_MONTH_NAMED_NEAR = re.compile(rf"\b(?P<which>(?i:last|next))\s+{_MONTH}(?!\s*\d)")


def _year_named_after(found: list[Reading], text: str, reference: dt.date | None) -> list[Reading]:
    """The readings with each day or month followed by "last year", "this year" or "next
    year" read as one expression in that year, and "last March" as the March just gone."""
    if reference is None:
        return found  # the year moves with the writing, which is not known
    for match in _YEAR_NAMED_AFTER.finditer(text):
        month = _month_number(match["month"])
        year = reference.year + _YEAR_SHIFT[match["which"].lower()]
        number = match["day"] or match["day_after"]
        if number is None:
            month_value = f"{year:04d}-{month:02d}"
            found = _replace(found, text, match, month_value, "month", reference, "named year")
        elif 1 <= int(number) <= calendar.monthrange(year, month)[1]:
            day = dt.date(year, month, int(number)).isoformat()
            found = _replace(found, text, match, day, "day", reference, "named year")
    for match in _MONTH_NAMED_NEAR.finditer(text):
        month = _month_number(match["month"])
        if match["which"].lower() == "last":
            year = reference.year if month < reference.month else reference.year - 1
        else:
            year = reference.year if month > reference.month else reference.year + 1
        nearest = f"{year:04d}-{month:02d}"
        found = _replace(found, text, match, nearest, "month", reference, "nearest such month")
    return sorted(found, key=lambda r: r.start)


# "September that year", "June 10 of the same year", "that June", "later that year", "the
# same day": a time told by the one the narrative named before it ("invaded in January 2003
# ... demobilised in September that year"), not by the writing's date. The recognizer reads
# the month against the publication date and "that year" not at all. "That day" alone is
# left out: as often as not it is a day the text never dates ("the violent images of that
# day", "can't wait for that day"); so is "the same month last year", and "the same day the
# government fell", counted from an event.
_THAT_YEAR_AFTER = re.compile(r"\s*,?\s+(?:of\s+)?(?:that|the\s+same)\s+year\b(?![-\w])", re.I)
_THAT_TIME = re.compile(
    r"\b(?P<later>(?:later|earlier)\s+(?:in\s+|on\s+)?)?(?P<which>that|the\s+same)\s+"
    r"(?P<same>same\s+)?(?P<unit>year|month|day)\b(?![-\w])"
    r"(?!\s+(?:(?:as(?!\s+well)|when|that|of|last|next|this|before|after)\b|in\s+\d))",
    re.IGNORECASE,
)
# "the same day the government fell", "the same month a year earlier": the same as something
# the sentence goes on to name. ("Later that year the Fed cut rates" is the narrative's.)
_NAMED_NEXT = re.compile(r"\s+(?:a|an|the)\b", re.IGNORECASE)
_MONTH_DAY = re.compile(_MONTH_AND_DAY)
# Between two days or months of one year: "on 15 October and 9 November that year".
_JOINED = re.compile(r"\s*(?:,|and|or|to|-|–)\s*(?:and\s+|on\s+)?")
_THAT_BEFORE = re.compile(r"\bthat\s+$", re.IGNORECASE)
_UNKNOWN_PART = {"year": "XXXX", "month": "XXXX-XX", "day": "XXXX-XX-XX"}
_HAS_YEAR = re.compile(r"\b\d{4}\b|'\d\d\b")


def _without_year(reading: Reading) -> str | None:
    """The month or day a reading names without its year, the year left as X: "XXXX-09" for
    "September", "XXXX-06-10" for "June 10"; None for anything else."""
    if reading.type not in {"exact", "approximate", "unresolved"} or _HAS_YEAR.search(reading.text):
        return None
    named = _MONTH_DAY.search(reading.text)
    if named is None:
        return None
    day = named["day"] or named["day_after"]
    month = _month_number(named["month"])
    if day is None:
        return f"XXXX-{month:02d}"
    if not 1 <= int(day) <= calendar.monthrange(2000, month)[1]:
        return None
    return f"XXXX-{month:02d}-{int(day):02d}"


def _in_time_named_before(
    found: list[Reading], text: str, determined_by_that: Any = None
) -> list[Reading]:
    """The readings with a month or day named as in the year told before ("September that
    year", "that June", "15 October and 9 November that year") left for that year to fill
    in, and "later that year", "the same day" added, to be filled in from the time told
    before."""
    out = sorted(found, key=lambda r: r.start)
    for k in range(len(out) - 1, -1, -1):
        reading = out[k]
        known = _without_year(reading)
        if known is None:
            continue
        after = _THAT_YEAR_AFTER.match(text, reading.end)
        start, end = reading.start, after.end() if after else reading.end
        later = out[k + 1] if k + 1 < len(out) else None
        joined = (
            later is not None
            and later.in_time_before is not None
            and _JOINED.fullmatch(text, reading.end, later.start) is not None
        )
        if not after and not joined and determined_by_that and determined_by_that(start, end):
            start = _THAT_BEFORE.search(text, 0, start).start()  # type: ignore[union-attr]
        if (start, end) == (reading.start, reading.end) and not joined:
            continue
        out[k] = Reading(
            start,
            end,
            text[start:end],
            None,
            None,
            "day" if known.count("-") == 2 else "month",
            "unresolved",
            "in the year named before it, which the article does not give",
            in_time_before=known,
        )
    for match in _THAT_TIME.finditer(text):
        if any(r.start < match.end() and match.start() < r.end for r in out):
            continue
        unit = match["unit"].lower()
        that = match["which"].lower() == "that"
        if unit == "day" and that and not (match["later"] or match["same"]):
            continue  # "that day" alone
        if not that and _NAMED_NEXT.match(text, match.end()):
            continue
        if that and determined_by_that and not determined_by_that(*match.span("unit")):
            continue  # "said that year after year ...": the conjunction
        out.append(
            Reading(
                *match.span(),
                match.group(),
                None,
                None,
                unit,
                "unresolved",
                f"the {unit} named before it, which the article does not give",
                in_time_before=_UNKNOWN_PART[unit],
            )
        )
    return sorted(out, key=lambda r: r.start)


def _month_number(name: str) -> int:
    stem = name.rstrip(".")
    return next(n for n in range(1, 13) if calendar.month_name[n].startswith(stem))


def _replace(
    found: list[Reading],
    text: str,
    match: re.Match[str],
    value: str,
    granularity: str,
    reference: dt.date,
    why: str,
) -> list[Reading]:
    """`found` with the readings inside `match` (and a hedge before it: "early May last
    year") replaced by one reading of the whole, unless one of them reaches beyond it ("from
    May to July last year")."""
    start, end = match.span()
    covered = [r for r in found if r.start < end and start < r.end]
    if any(r.end > end or r.start < start - 20 for r in covered):
        return found
    window = max(0, start - 20)
    hedge = _APPROXIMATE.search(text[window:start])
    if hedge:
        start = window + hedge.start()
    start = min([start, *(r.start for r in covered)])
    approximate = bool(hedge) or any(r.type == "approximate" for r in covered)
    reading = Reading(
        start,
        end,
        text[start:end],
        value,
        None,
        granularity,
        "approximate" if approximate else "exact",
        _reason(why, reference, match.group()),
        relative=True,
    )
    return [r for r in found if r not in covered] + [reading]


def _anniversaries(found: list[Reading], text: str) -> list[Reading]:
    """"Two years ago on Sunday", "ten years ago today": the day that many units before the
    day named next to it, as one expression (the recognizer reads the two halves apart)."""
    out: list[Reading] = []
    for reading in found:
        before = out[-1] if out else None
        counted = _COUNTED_BACK.search(before.text) if before is not None else None
        day = first_day(reading.value) if reading.granularity == "day" else None
        if (
            before is None
            or counted is None
            or counted["count"] is None
            or counted.end() != len(before.text)
            or day is None
            or not re.fullmatch(r"\s*(?:on\s+)?", text[before.end : reading.start])
        ):
            out.append(reading)
            continue
        count = _COUNTS.get(counted["count"].lower()) or int(counted["count"])
        unit = counted["unit"].lower()
        if unit == "week":
            back = day - dt.timedelta(weeks=count)
        else:
            year, month = _month_shift(day.year, day.month, -count * (12 if unit == "year" else 1))
            back = dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
        out[-1] = Reading(
            before.start,
            reading.end,
            text[before.start : reading.end],
            back.isoformat(),
            None,
            "day",
            before.type if before.type == "approximate" else reading.type,
            f"{before.text} counted back from {reading.text} ({reading.value})",
            relative=True,
        )
    return out


def _reading(
    result: Any,
    surface: str,
    start: int,
    end: int,
    reference: dt.date | None,
    direction: Direction | None,
    text: str,
) -> Reading | None:
    kind = result.type_name.rsplit(".", 1)[-1]
    values = (result.resolution or {}).get("values") or []
    if not values or kind in {"time", "timerange", "set"}:
        return None  # times of day and recurrences carry no date
    timex = values[0].get("timex", "")
    if timex == "PRESENT_REF":
        return None  # "now": nothing beyond the publication date itself
    before = text[max(0, start - 20) : start]
    hedge = _APPROXIMATE.search(before)
    approximate = bool(hedge) or values[0].get("Mod") == "approx"
    if hedge:
        # "almost seven years", "early 2016": the hedge belongs to the expression.
        start -= len(before) - hedge.start()
        surface = text[start:end]
    if kind == "duration":
        decades = re.fullmatch(r"P(\d+(?:\.\d+)?)1", timex)
        if decades and "decade" in surface.lower():
            # The recognizer writes "three decades" as P31 and "decade" as P11.
            deictic = re.search(r"\b(this|last|next|previous|past)\s+$", before, re.I)
            if deictic and reference is not None:
                shift = {"this": 0, "next": 10}.get(deictic[1].lower(), -10)
                decade = f"{(reference.year + shift) // 10}X"
                return Reading(
                    start - len(deictic[0]),
                    end,
                    text[start - len(deictic[0]) : end],
                    decade,
                    None,
                    "decade",
                    "exact",
                    _reason("decade", reference, "this"),
                )
            timex = f"P{int(float(decades[1]) * 10)}Y"
        return Reading(
            start,
            end,
            surface,
            timex,
            None,
            _duration_granularity(timex),
            "duration",
            "duration" + (" (approximate)" if approximate else ""),
        )
    mod = values[0].get("Mod")
    if kind in {"date", "datetime"}:
        candidates = [v.get("value", "")[:10] for v in values if v.get("value")]
        if not candidates or candidates[0] == "not resolved"[:10]:
            return _unresolved(start, end, surface, timex)
        index = _pick(candidates, reference, direction)
        reason = _choice_reason(timex, direction, len(candidates))
        weekday = re.fullmatch(r"XXXX-WXX-(\d)", timex)
        if weekday and reference is not None and reference.isoweekday() == int(weekday[1]):
            # News convention: "said on Tuesday" in Tuesday's paper is that very day.
            return Reading(
                start,
                end,
                surface,
                reference.isoformat(),
                None,
                "day",
                "exact",
                _reason("weekday of the publication date itself", reference, surface),
            )
        value, granularity = _counted_back(candidates[index], surface)
        return Reading(
            start,
            end,
            surface,
            value,
            None,
            granularity,
            "approximate" if approximate else "exact",
            _reason(reason, reference, surface),
        )
    # date ranges: a year, a month, a week, a season, or an explicit span
    if timex.startswith("("):
        starts = [v.get("start") for v in values if v.get("start")]
        ends = [v.get("end") for v in values if v.get("end")]
        if not starts:
            return _unresolved(start, end, surface, timex)
        index = _pick(starts, reference, direction)
        yearless = re.match(r"\(XXXX-(\d\d)-(\d\d),(\d{4})-(\d\d)-(\d\d),", timex)
        if yearless:
            # "between April 16 and May 28 2004": the year named at the end is the start's
            # too, or the one before ("from December 1 to January 1, 2011"); the recognizer
            # takes the start's from the writing.
            month, day, year, end_month, end_day = (int(n) for n in yearless.groups())
            year -= (month, day) > (end_month, end_day)
            with contextlib.suppress(ValueError):
                starts[index] = dt.date(year, month, day).isoformat()
        unit = re.search(r"P\d*([YMWD])\)$", timex)
        cut = {"Y": 4, "M": 7}.get(unit[1]) if unit else None
        if cut:
            # "the past thirty years": a span of years is told in years, not days.
            first, last = starts[index][:cut], (ends[min(index, len(ends) - 1)] if ends else "")
            return Reading(
                start,
                end,
                surface,
                first,
                last[:cut] or None,
                "year" if cut == 4 else "month",
                "range",
                _reason("span", reference, surface),
            )
        return Reading(
            start,
            end,
            surface,
            starts[index],
            ends[min(index, len(ends) - 1)] if ends else None,
            "day",
            "range",
            _reason(_choice_reason(timex, direction, len(starts)), reference, surface),
        )
    if re.fullmatch(r"XXXX-WXX-\d", timex) and mod:
        # "since Sunday", "after Tuesday's earthquake": an open range from a weekday.
        starts = [v.get("start") or v.get("end") or "" for v in values]
        index = _pick(starts, reference, direction or "past")
        day = starts[index][:10] or None
        if day is None:
            return _unresolved(start, end, surface, timex)
        open_start = mod in {"since", "after"}
        return Reading(
            start,
            end,
            surface,
            day if open_start else None,
            None if open_start else day,
            "day",
            "range",
            _reason(f"weekday, {mod}", reference, surface),
        )
    point = timex
    if "XXXX" in timex:
        starts = [v.get("start", "") for v in values]
        # "since February" reaches up to the writing: the February before it, never after
        toward = "past" if mod == "since" else direction
        index = _pick(starts, reference, toward, [v.get("end", "") for v in values])
        year = starts[index][:4] if starts[index] else None
        if not year:
            return _unresolved(start, end, surface, timex)
        point = timex.replace("XXXX", year)
    granularity = granularity_of(point)
    if granularity is None:
        return _unresolved(start, end, surface, timex)
    if mod in {"since", "after", "before", "until"}:
        open_start = mod in {"since", "after"}
        return Reading(
            start,
            end,
            surface,
            point if open_start else None,
            None if open_start else point,
            granularity,
            "range",
            f"open range: {mod} {point}",
        )
    reason = _choice_reason(timex, direction, len(values)) if "XXXX" in timex else ""
    return Reading(
        start,
        end,
        surface,
        point,
        None,
        granularity,
        "approximate" if approximate else "exact",
        _reason(reason, reference, surface),
    )


# "two days later", "a year earlier", "the following week", "the day before": a narrative's
# time, counted from the time the text named last, not from the publication date.
_COUNTS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip
_COUNTED = re.compile(
    rf"(?P<count>\d{{1,3}}|{'|'.join(_COUNTS)})\s+(?P<unit>day|week|month|year|decade)s?\s+"
    r"(?P<way>later|earlier)",
    re.IGNORECASE,
)
# "three weeks ago", "several years ago": counted back from the writing in a unit, and as
# precise as that unit; with a count, also from a day named next to it ("two years ago on
# Sunday").
_COUNTED_BACK = re.compile(
    rf"(?:\b(?P<count>\d{{1,3}}|{'|'.join(_COUNTS)})\s+)?\b(?P<unit>week|month|year)s?\s+ago\b",
    re.IGNORECASE,
)
_NEIGHBOUR = re.compile(
    r"(?:the\s+)?(?P<way>following|next|previous|preceding|prior)\s+(?P<unit>day|week|month|year)"
    r"|the\s+(?P<unit2>day)\s+(?P<way2>after|before)",
    re.IGNORECASE,
)
_SPAN_BEFORE = re.compile(
    r"\b(?:in|within|over|during|for|throughout|into|through)\s+(?:the\s+)?$", re.I
)
_SPAN_AFTER = re.compile(r"\s*(?:or\s+(?:two|so|even|three)|and\s+a\s+half)\b", re.I)
_COMPARED = re.compile(r"\b(?:with|to|from|than|of)\s+(?:the\s+)?$", re.I)
_DAY_ALONE = re.compile(r"""\s*(?:[-,.;:)!?\]'"”’]|that\b|$)""", re.I)
_FORWARD = {"later", "following", "next", "after"}
_UNIT_GRANULARITY = {
    "day": "day", "week": "day", "month": "month", "year": "year", "decade": "year"
}  # fmt: skip
_FINENESS = {"day": 0, "month": 1, "year": 2}


def anaphor(
    text: str, start: int, end: int, direction: Direction | None = None
) -> tuple[int, str] | None:
    """(signed count, unit) when `text[start:end]` counts from a time named before it:
    "two days later" (2, day), "the day before" (-1, day). "Next year", "later this year"
    and "the day after tomorrow" count from the publication date: None. "The next day" counts
    from a time before only in a past narrative ("The next day, Fitch downgraded AIG"); with
    any other tense it looks ahead from the writing ("the next week will be crucial"), so
    its `direction` must be past. "The following day" and "the day after" have no such
    reading."""
    surface = text[start:end].strip()
    counted = _COUNTED.fullmatch(surface)
    if counted:
        count = _COUNTS.get(counted["count"].lower()) or int(counted["count"])
        sign = 1 if counted["way"].lower() in _FORWARD else -1
        return sign * count, counted["unit"].lower()
    neighbour = _NEIGHBOUR.fullmatch(surface)
    if neighbour is None:
        return None
    before, after = text[max(0, start - 40) : start], text[end : end + 40]
    if not surface.lower().startswith("the") and not re.search(r"\bthe\s+$", before, re.I):
        return None  # "following year's election" is not told from a time before it
    if _SPAN_BEFORE.search(before) or _SPAN_AFTER.match(after):
        return None  # "over the next year", "in the next day or two": from the writing
    if _COMPARED.search(before):
        return None  # "up 68% compared with the previous year": a comparison, not a time
    if neighbour["unit2"] and not _DAY_ALONE.match(after):
        return None  # "the day after the election": counted from the event that follows
    way = (neighbour["way"] or neighbour["way2"]).lower()
    if way == "next" and direction != "past":
        return None
    unit = (neighbour["unit"] or neighbour["unit2"]).lower()
    return (1 if way in _FORWARD else -1), unit


_FROM_EVENT = re.compile(r"the\s+(?:day|week|month|year)(?:\s+(?:after|before))?", re.I)
_EVENT_FOLLOWS = re.compile(r"\s+(?:after|before)\s+(?!tomorrow|yesterday|last|next)\w", re.I)
# "The same network the day before had carried ...": the verb of the clause, no event
_VERB_FOLLOWS = re.compile(
    r"\s*(?:had|has|have|was|were|is|are|will|would|could|should|did|does|do|also|saw|"
    r"brought|came|began|ended)\b",
    re.I,
)


def counts_from_event(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` counts from an event the text names rather than from a time:
    "the day after the first confirmed case", "the week before the vote". The recognizer
    reads those as the day after or before the writing."""
    surface = text[start:end].strip()
    if not _FROM_EVENT.fullmatch(surface):
        return False
    if re.search(r"(?:after|before)$", surface, re.I):
        return not (_DAY_ALONE.match(text[end:]) or _VERB_FOLLOWS.match(text[end:]))
    return bool(_EVENT_FOLLOWS.match(text[end:]))


def first_day(value: str | None) -> dt.date | None:
    """The first day of a day, month or year value ("2002" -> 2002-01-01); None otherwise."""
    if value is None or not re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", value):
        return None
    return dt.date.fromisoformat((value + "-01-01")[:10] if len(value) < 10 else value)


def _counted_back(day: str, surface: str) -> tuple[str, str]:
    """The value and granularity of a day the recognizer counted back to: "three weeks ago"
    names a week, "two years ago" a year, not the very day that many days back."""
    counted = _COUNTED_BACK.search(surface)
    first = first_day(day) if counted else None
    if counted is None or first is None:
        return day, "day"
    unit_name = counted["unit"].lower()
    if unit_name == "week":
        year, week, _ = first.isocalendar()
        return f"{year}-W{week:02d}", "week"
    return (day[:7], "month") if unit_name == "month" else (day[:4], "year")


def _month_shift(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def counted_from(value: str, granularity: str, count: int, unit: str) -> tuple[str, str] | None:
    """The time `count` units after (before, when negative) the anchor `value` of
    `granularity` (day, month or year): (value, granularity), told no finer than either."""
    if granularity not in _FINENESS:
        return None
    told = max(granularity, _UNIT_GRANULARITY[unit], key=_FINENESS.__getitem__)
    try:
        year = int(value[:4])
        month = int(value[5:7]) if granularity != "year" else 1
        day = dt.date.fromisoformat(value) if granularity == "day" else None
    except ValueError:
        return None
    if unit in {"day", "week"}:
        if day is None:
            return value, granularity  # two days after "June 2004": still June 2004
        moved = day + dt.timedelta(days=count * (7 if unit == "week" else 1))
        return moved.isoformat(), "day"
    if unit == "month":
        if told == "year":
            return f"{year + count // 12:04d}", "year"
        year, month = _month_shift(year, month, count)
        return f"{year:04d}-{month:02d}", "month"
    years = count * (10 if unit == "decade" else 1)
    return f"{year + years:04d}", "year"


_RELATIVE_WORDS = re.compile(
    r"\b(?:next|last|previous|past|this|coming|ago|yesterday|today|tomorrow|tonight|"
    r"earlier|later|following|monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.IGNORECASE,
)


def _reason(choice: str, reference: dt.date | None, surface: str = "") -> str:
    relative = bool(choice) or bool(_RELATIVE_WORDS.search(surface))
    if reference is None or not relative:
        return "absolute"
    anchor = f"relative to the publication date {reference.isoformat()}"
    return f"{anchor}; {choice}" if choice else anchor


def _unresolved(start: int, end: int, surface: str, timex: str) -> Reading:
    return Reading(
        start,
        end,
        surface,
        None,
        None,
        None,
        "unresolved",
        f"the recognizer could not resolve it ({timex or 'no value'})",
    )


def _pattern_readings(text: str, taken: list[Reading]) -> list[Reading]:
    """Decades and year spans, which the recognizer leaves out."""
    found = []

    def free(s: int, e: int) -> bool:
        return not any(r.start < e and s < r.end for r in taken + found)

    for match in _YEAR_SPAN.finditer(text):
        if free(*match.span()):
            first, last = match.group(1), match.group(2)
            found.append(
                Reading(*match.span(), match.group(), first, last, "year", "range", "absolute")
            )
    for match in _DECADE.finditer(text):
        if free(*match.span()):
            decade = match.group(1) + "X"
            found.append(
                Reading(*match.span(), match.group(), decade, None, "decade", "exact", "absolute")
            )
    return found


def _mark_relative(found: list[Reading]) -> None:
    """With no reference date, an expression whose value moves with the reference ("next
    year", "Tuesday", "December 18") cannot be resolved: parse it again against another
    reference and say so when it moved."""
    other = dt.date(2010, 1, 15)
    for reading in found:
        if reading.type in {"duration", "unresolved"}:
            continue
        # Parsed again without its hedge: alone, "early Monday" is a time of day, which
        # carries no date and would pass for absolute.
        hedge = _LEADING_HEDGE.match(reading.text)
        core = reading.text[hedge.end() :] if hedge else reading.text
        again = datetime_model().parse(core, dt.datetime.combine(other, dt.time()))
        if not again:
            continue
        second = _reading(again[0], core, 0, len(core), None, None, core)
        if second is None or (second.value, second.value_end) == (
            reading.value,
            reading.value_end,
        ):
            reading.reason = "absolute"
            continue
        reading.value = reading.value_end = None
        reading.type = "unresolved"
        reading.relative = True
        reading.reason = "relative to the publication date, which the article does not give"


def _governing_verb(token: Any) -> Any:
    """The verb (or the root) a spaCy token hangs on, a few steps up at most."""
    for _ in range(6):
        if token.pos_ in {"VERB", "AUX"} or token.head.i == token.i:
            break
        token = token.head
    return token


def _told_in_the_past(token: Any) -> bool:
    """Whether the clause holding `token` (a spaCy token) is told in the past tense."""
    token = _governing_verb(token)
    return token.tag_ == "VBD" or any(
        child.dep_ in {"aux", "auxpass"} and child.tag_ == "VBD" for child in token.children
    )


# Words a day is set before to name a part of it ("Monday morning"), not a thing it dates.
_PART_OF_A_DAY = {"morning", "afternoon", "evening", "night", "noon", "midnight", "time"}


def _clause_on_a_noun(tokens: list[Any]) -> Any | None:
    """The noun the clause holding an expression's tokens (spaCy tokens) describes, if it is
    such a clause."""
    if not tokens:
        return None
    token = tokens[0]
    for _ in range(12):
        if token.dep_ in {"relcl", "acl"}:
            return token.head
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def describes_a_noun(tokens: list[Any]) -> bool:
    """Whether an expression's tokens (spaCy tokens) sit in a clause that describes a noun
    ("meetings Kushner had in December", "a tornado that hit Joplin on May 22, 2011"): what it
    dates is background to the sentence, not what the sentence reports."""
    return _clause_on_a_noun(tokens) is not None


def dated_noun(tokens: list[Any]) -> Any | None:
    """The noun an expression's tokens (spaCy tokens) date: the one they are set before ("a
    September 15 accord", "the June 2012 Geneva Communiqué"), else the one their clause
    describes (`describes_a_noun`); None if neither. A time set before a noun is no
    background: its sentence mostly tells of that noun ("the June 25 death of Michael
    Jackson"), and Timeline17's dates lose their best sentences when it counts as one
    (alignment ROUGE-1 .1434 -> .1418). A possessive ("Sunday's vote was peaceful") is left
    out: its sentence tells of that day's event."""
    if not tokens:
        return None
    inside = {token.i for token in tokens}
    root = next((t for t in tokens if t.head.i not in inside), tokens[0])
    head = root.head
    if (
        root.dep_ in {"nmod", "compound", "amod"}
        and head.pos_ in {"NOUN", "PROPN"}
        and head.i > root.i
        and head.ent_type_ not in {"DATE", "TIME"}
        and head.lower_ not in _PART_OF_A_DAY
    ):
        return head
    return _clause_on_a_noun(tokens)


# Verbs whose time is what is awaited ("braced for ... Tuesday"), not when the verb happened.
_AWAITING = {"brace", "prepare", "await", "gear", "ready", "anticipate"}


def tense_direction(tokens: list[Any]) -> Direction | None:
    """Past or future from the verb governing an expression's tokens (spaCy tokens)."""
    if not tokens:
        return None
    verb = _governing_verb(tokens[0])
    would = False
    for word in [*verb.children, *verb.head.children] if verb.dep_ == "xcomp" else verb.children:
        if word.dep_ == "aux" and word.lower_ in {"will", "shall", "'ll", "wo", "’ll"}:
            return "future"
        would = would or (word.dep_ == "aux" and word.lower_ == "would")  # not "'d": had
    if would:
        # Reported speech's future is future from when it was said, which may be before or
        # after the writing: "a decision would be made closer to 27 July" (in June: ahead),
        # "said the protest would be held on Friday" (on Saturday: yesterday). Neither past
        # nor future, so the reading nearest the reference date.
        return None
    if verb.dep_ == "xcomp" and verb.head.lemma_ in {"set", "due", "expect", "plan", "schedule"}:
        return "future"
    if verb.lemma_ in {"plan", "schedule"} and verb.dep_ == "acl" and _told_in_the_past(verb.head):
        # "He canceled a hearing scheduled Wednesday": what was planned when the clause
        # tells of may since have passed, so the reading nearest the reference date.
        return None
    if any(c.lower_ == "going" for c in verb.children) or verb.lemma_ in {"plan", "schedule"}:
        return "future"
    if verb.lemma_ in _AWAITING:
        # "Egypt braced for a 'march of millions' in anti-government protests Tuesday" (on a
        # Monday): the day is what was awaited, ahead of the bracing, whenever that was told;
        # so the reading nearest the reference date
        return None
    if verb.tag_ in {"VBD", "VBN"}:
        return "past"
    return None
