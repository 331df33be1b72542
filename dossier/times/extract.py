"""The `times` article extractor: every temporal expression of one article, normalized
against its publication date.

Sentences without a temporal cue word are skipped before the recognizer sees them (it costs
milliseconds a sentence; most news sentences have no date). The tense of the verb that
governs an expression comes from the spaCy parse and picks between the recognizer's past and
future readings. An expression that counts from a time named before it ("two days later",
"the following year") is then counted from that time, and one told in it ("September that
year", "later that month") placed in it (`resolve_anaphora`).
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel
from spacy.tokens import Span, Token

from dossier.analysis import ArticleDoc, extractor
from dossier.times.normalize import (
    Direction,
    anaphor,
    counted_from,
    counts_from_event,
    cue_windows,
    dated_noun,
    describes_a_noun,
    first_day,
    granularity_of,
    leading_hedge,
    readings,
    tense_direction,
)


class TimeFinding(BaseModel):
    """One temporal expression; offsets are into the article's clean text."""

    start: int
    end: int
    text: str
    value: str | None = None
    value_end: str | None = None
    granularity: str | None = None
    type: str
    reason: str
    direction: Direction | None = None
    # True when the value depends on a publication date the article does not give: the
    # story stage resolves it again if it can infer one.
    relative: bool = False
    # In a clause that describes a noun ("meetings Kushner had in December"): it dates
    # background, not what its sentence reports.
    describes_noun: bool = False
    # The phrase of the noun it dates, set before it or in a clause on it ("a September 15
    # accord between Russia, Turkey and Iran"), in the article's offsets: what happened then,
    # as the sentence tells it.
    noun_start: int | None = None
    noun_end: int | None = None
    # "September that year", "later that day": the value with the part the narrative named
    # before left as X ("XXXX-09", "XXXX-XX-XX"), which `resolve_anaphora` fills in.
    in_time_before: str | None = None


# A phrase keeps the closing mark of a quotation or bracket it holds.
_CLOSING = {")", "]", '"', "”", "’", "'"}
_ANCHOR_GRANULARITIES = {"day", "month", "year"}
# A narrative counts from a time it named a few sentences back at most; further back, the
# time named last is seldom the one counted from.
ANCHOR_REACH = 600


def resolve_anaphora(
    findings: list[TimeFinding], text: str, reference: dt.date | None
) -> list[TimeFinding]:
    """Expressions that count from the time the article named before them ("In 1992 ... a
    year later", "released on August 5, 1974. Two days later") take their value from that
    time, not from the publication date: 1993, 1974-08-07. With no time named within
    `ANCHOR_REACH` characters before, or one that is itself unknown, they are unresolved. One
    that would fall after the publication date though its anchor does not, and that is not
    told as ahead, has found the wrong anchor: unresolved too. Each such expression is the
    next one's anchor, resolved or not. One told in the time named before it ("September
    that year", "the same day") takes what it leaves out from the time named last within
    `ANCHOR_REACH`, a span's end included (`_in_time_before`)."""
    resolved: list[TimeFinding] = []
    anchor: TimeFinding | None = None
    # The time named last, a span's end included ("until Feb. 19, 1980 ... Jan. 7 of that
    # year"): what "that year" and "the same day" are in.
    named: TimeFinding | None = None
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.in_time_before is not None:
            near = named if named and finding.start - named.end <= ANCHOR_REACH else None
            finding = _in_time_before(finding, near)
            anchor = named = finding
            resolved.append(finding)
            continue
        names_a_time = finding.type in {"exact", "approximate", "range"} and bool(
            finding.value or finding.value_end
        )
        if names_a_time or (finding.type == "unresolved" and finding.relative):
            named = finding
        if counts_from_event(text, finding.start, finding.end):
            resolved.append(
                finding.model_copy(
                    update={
                        "value": None,
                        "value_end": None,
                        "granularity": None,
                        "type": "unresolved",
                        "relative": False,
                        "reason": "counted from an event the article names, not from a time",
                    }
                )
            )
            continue
        counted = (
            anaphor(text, finding.start, finding.end, finding.direction)
            if finding.type != "duration"
            else None
        )
        if counted is not None:
            near = anchor if anchor and finding.start - anchor.end <= ANCHOR_REACH else None
            finding = _counted(finding, near, *counted, reference)
            anchor = finding  # the narrative's time is now this one, known or not
        elif finding.value and (
            finding.type in {"exact", "approximate"}
            or (finding.type == "range" and finding.value_end)
        ):
            if finding.granularity in _ANCHOR_GRANULARITIES:
                anchor = finding
        elif finding.type == "unresolved" and finding.relative:
            anchor = finding  # a date the article gives but we cannot place: count from it
        resolved.append(finding)
    return resolved


def _in_time_before(finding: TimeFinding, anchor: TimeFinding | None) -> TimeFinding:
    """`finding` ("September that year", "XXXX-09" known) in the time `anchor` names; the
    anchor must name the unknown part (a day for "the same day", a year at least for "that
    year"), and a span must name one ("from 2004 to 2006 ... that year" names none)."""
    known = finding.in_time_before or ""
    unknown = len(known[: len(known) - len(known.lstrip("X-"))].rstrip("-"))
    values = [v for v in (anchor.value, anchor.value_end) if v] if anchor is not None else []
    parts = {v[:unknown] for v in values}
    if (
        anchor is None
        or not values
        or len(parts) != 1
        or not all(len(v) >= unknown and v[:4].isdigit() for v in values)
    ):
        return finding.model_copy(
            update={
                "value": None,
                "value_end": None,
                "type": "unresolved",
                "relative": False,
                "reason": "in a time named before it that the article does not give",
            }
        )
    value = parts.pop() + known[unknown:]
    granularity = granularity_of(value)
    if granularity is None or (granularity == "day" and first_day(value) is None):
        return finding.model_copy(
            update={
                "value": None,
                "type": "unresolved",
                "relative": False,
                "reason": f"no such day in the time named before it, '{anchor.text}'",
            }
        )
    hedged = anchor.type == "approximate" or leading_hedge(finding.text)
    return finding.model_copy(
        update={
            "value": value,
            "value_end": None,
            "granularity": granularity,
            "type": "approximate" if hedged else "exact",
            "relative": False,
            "reason": f"in the time named before it, '{anchor.text}'",
        }
    )


def _counted(
    finding: TimeFinding,
    anchor: TimeFinding | None,
    count: int,
    unit: str,
    reference: dt.date | None,
) -> TimeFinding:
    unresolved = {"value": None, "value_end": None, "granularity": None, "type": "unresolved"}
    if anchor is None:
        return finding.model_copy(
            update={
                **unresolved,
                "relative": False,
                "reason": "counted from an earlier time the article does not name",
            }
        )
    if anchor.value is None or anchor.granularity is None:
        return finding.model_copy(
            update={
                **unresolved,
                "relative": anchor.relative,  # resolved again once the anchor is
                "reason": f"counted from '{anchor.text}', which is not resolved",
            }
        )
    moved = counted_from(anchor.value, anchor.granularity, count, unit)
    if moved is None:
        return finding
    value, granularity = moved
    if anchor.type == "range" and anchor.value_end:
        # "The ISSG will meet on Monday. Two days later, ..." where Monday is any of several
        # weeks: as many days after each.
        moved_end = counted_from(anchor.value_end, anchor.granularity, count, unit)
        if moved_end is None:
            return finding
        return finding.model_copy(
            update={
                "value": value,
                "value_end": moved_end[0],
                "granularity": granularity,
                "type": "range",
                "relative": False,
                "reason": f"counted from '{anchor.text}' ({anchor.value} to "
                f"{anchor.value_end}), the time named before it",
            }
        )
    lands, counted_from_day = first_day(value), first_day(anchor.value)
    if (
        reference is not None
        and finding.direction != "future"
        and lands is not None
        and counted_from_day is not None
        and lands > reference >= counted_from_day
    ):
        return finding.model_copy(
            update={
                **unresolved,
                "relative": False,
                "reason": f"counted from '{anchor.text}' it falls after the publication date, "
                "though not told as ahead",
            }
        )
    coarser = granularity != anchor.granularity or unit == "decade"
    return finding.model_copy(
        update={
            "value": value,
            "value_end": None,
            "granularity": granularity,
            "type": "approximate" if coarser or anchor.type == "approximate" else "exact",
            "relative": False,
            "reason": f"counted from '{anchor.text}' ({anchor.value}), the time named before it",
        }
    )


def _tokens(sent: Span, start: int, end: int) -> list:
    """The sentence's tokens covering characters start..end of it (none if out of it)."""
    span = sent.char_span(start, end, alignment_mode="expand")
    return list(span) if span is not None else []


def _noun_phrase(noun: Token, sent: Span) -> tuple[int, int] | None:
    """The characters (in the parsed text) of the phrase a noun heads, within its sentence and
    without the commas that set it off."""
    words = [t for t in noun.subtree if sent.start <= t.i < sent.end]
    while words and words[0].is_punct:
        words.pop(0)
    while words and words[-1].is_punct and words[-1].text not in _CLOSING:
        words.pop()
    if not words:
        return None
    return words[0].idx, words[-1].idx + len(words[-1].text)


def _direction_finder(sent: Span):
    def direction_at(start: int, end: int) -> Direction | None:
        return tense_direction(_tokens(sent, start, end))

    return direction_at


def _that_finder(sent: Span):
    def determined_by_that(start: int, end: int) -> bool:
        tokens = _tokens(sent, start, end)
        if not tokens or tokens[0].i == sent.start:
            return False
        before = tokens[0].nbor(-1)
        return before.lower_ == "that" and before.dep_ == "det" and before.head in tokens

    return determined_by_that


class TimeExtractor:
    name = "times"

    def __call__(self, doc: ArticleDoc) -> list[BaseModel]:
        found: list[TimeFinding] = []
        for offset, sent in doc.sentences():
            text = sent.text
            for window_start, window_end in cue_windows(text):
                found.extend(
                    self._window(doc, sent, offset, window_start, text[window_start:window_end])
                )
        resolved: list[BaseModel] = [
            *resolve_anaphora(found, doc.article.text, doc.article.published)
        ]
        return resolved

    @staticmethod
    def _window(
        doc: ArticleDoc, sent: Span, offset: int, window_start: int, text: str
    ) -> list[TimeFinding]:
        reference = doc.article.published
        sentence_finder = _direction_finder(sent) if doc.parsed else None

        def finder(start: int, end: int) -> Direction | None:
            if sentence_finder is None:
                return None
            return sentence_finder(window_start + start, window_start + end)

        that_finder = _that_finder(sent) if doc.parsed else None

        def determined_by_that(start: int, end: int) -> bool:
            if that_finder is None:
                return False
            return that_finder(window_start + start, window_start + end)

        base = offset + sent.start_char + window_start
        found = []
        for reading in readings(text, reference, finder, determined_by_that):
            direction = finder(reading.start, reading.end)
            tokens = (
                _tokens(sent, window_start + reading.start, window_start + reading.end)
                if doc.parsed
                else []
            )
            noun = dated_noun(tokens)
            phrase = _noun_phrase(noun, sent) if noun is not None else None
            at = sent.start_char + window_start + reading.start
            if phrase and not phrase[0] <= at < phrase[1]:
                phrase = None  # a parse that hangs the time on a noun whose phrase lacks it
            found.append(
                TimeFinding(
                    start=base + reading.start,
                    end=base + reading.end,
                    text=reading.text,
                    value=reading.value,
                    value_end=reading.value_end,
                    granularity=reading.granularity,
                    type=reading.type,
                    reason=reading.reason,
                    direction=direction,
                    relative=reading.relative,
                    describes_noun=describes_a_noun(tokens),
                    noun_start=offset + phrase[0] if phrase else None,
                    noun_end=offset + phrase[1] if phrase else None,
                    in_time_before=reading.in_time_before,
                )
            )
        return found


@extractor("times")
def make_time_extractor() -> TimeExtractor:
    return TimeExtractor()
