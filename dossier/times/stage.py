"""The `times` story stage: all time expressions of the story, publication ranges inferred for
undated articles, and the index later stages ask.

An article without a date gets a bounded range only from evidence, said in `published_range`
with its reason, and `published_from: inferred`; its `published` stays empty. Two kinds of
evidence, combined when both exist:

- what it says: it was written after the latest fully dated thing it reports in the past
  tense (with news, within `RECENT_DAYS` of it, unless it tells of a later month or year in
  the past tense, as a history does), and before a dated thing it announces;
- whom it shares events with: articles of the story it is most similar to (TF-IDF cosine
  of the texts at least `SHARED_EVENTS_SIMILARITY`), dated or dated by their own text, were
  published within a window around their dates. Where the two disagree, these win over the
  "within 60 days" guess, not over the dates the text gives.

Its relative expressions ("on Tuesday", "next year") are then resolved against the range's
reference day (`reference_day`: its earliest day, or the middle of the dates of the articles
it shares events with), typed `approximate`, the reason naming the inferred range. Nothing
bounded: the article stays undated and they stay `unresolved`.

`shared["times"]`: `reference_date(article)` (publication date, else the inferred range's
reference day, else None) and `in_span(article, start, end)`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import defaultdict

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from dossier.analysis import StoryContext, story_stage
from dossier.model import Article, DateRange, TimeExpression
from dossier.summary.scoring import caption_sentences, paragraph_openers
from dossier.times.extract import TimeFinding, resolve_anaphora
from dossier.times.normalize import Reading, first_day, readings

RECENT_DAYS = 60
# A range counts by its start ("since 22 April 2016"): a past day the article knows about.
DATED_TYPES = {"exact", "approximate", "range"}
SHARED_EVENTS_SIMILARITY = 0.3
SHARED_EVENTS_WINDOW = dt.timedelta(days=14)
WEEK = dt.timedelta(days=7)
# A date by its month's name ("Feb. 28", "last March") is one of few candidates, chosen from
# the inferred range as a whole, not a day counted from the day of writing.
_MONTH_NAME = re.compile(
    r"\b(?:"
    + "|".join(m[:3] for m in calendar.month_name[1:])
    + r")[a-z]*\b\.?",
    re.IGNORECASE,
)


class TimeIndex:
    def __init__(self) -> None:
        self.by_article: dict[str, list[TimeExpression]] = defaultdict(list)
        self.references: dict[str, dt.date | None] = {}

    def reference_date(self, article_id: str) -> dt.date | None:
        return self.references.get(article_id)

    def in_span(self, article_id: str, start: int, end: int) -> list[TimeExpression]:
        return [t for t in self.by_article.get(article_id, []) if start <= t.start and t.end <= end]


def _day(value: str | None) -> dt.date | None:
    if value is None or len(value) != 10:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def bounds_from_text(findings: list[TimeFinding]) -> tuple[dt.date | None, dt.date | None]:
    """(written after, written before) from the article's own absolute day-precise dates. An
    article that tells of a later month or year in the past tense ("revealed three decades
    later") was not written within days of its latest day-precise date: no "after" then."""
    known = [f for f in findings if not f.relative and f.type in DATED_TYPES]
    past = [_day(f.value) for f in known if f.direction != "future"]
    future = [_day(f.value) for f in known if f.direction == "future"]
    after = max((d for d in past if d), default=None)
    told_later = [
        d for f in known if f.direction == "past" and (d := first_day(f.value)) is not None
    ]
    if after is not None and max(told_later, default=after) > after:
        after = None
    before = min((d for d in future if d and (after is None or d >= after)), default=None)
    return after, before


def bounds_from_shared_events(
    undated: list[Article], dated: list[Article], inferred: dict[str, dt.date] | None = None
) -> dict[str, tuple[dt.date, dt.date, list[str]]]:
    """Undated article id -> window around the dates of the articles it resembles: the dated
    ones, and the undated ones whose own text dated them (`inferred`: id -> earliest day)."""
    inferred = inferred or {}
    peers = [(a, a.published) for a in dated if a.published] + [
        (a, inferred[a.id]) for a in undated if a.id in inferred
    ]
    if not undated or not peers:
        return {}
    vectorizer = TfidfVectorizer(stop_words="english", min_df=1, sublinear_tf=True)
    matrix = vectorizer.fit_transform([a.text for a in [*undated, *(p for p, _ in peers)]])
    similarity = (matrix[: len(undated)] @ matrix[len(undated) :].T).toarray()
    windows = {}
    for row, article in enumerate(undated):
        close = [
            k
            for k in np.flatnonzero(similarity[row] >= SHARED_EVENTS_SIMILARITY)
            if peers[k][0].id != article.id
        ]
        if not close:
            continue
        dates = sorted(peers[k][1] for k in close)
        windows[article.id] = (
            dates[0] - SHARED_EVENTS_WINDOW,
            dates[-1] + SHARED_EVENTS_WINDOW,
            [peers[k][0].id for k in close],
        )
    return windows


def infer_range(
    findings: list[TimeFinding], shared: tuple[dt.date, dt.date, list[str]] | None
) -> DateRange | None:
    after, before = bounds_from_text(findings)
    reasons = []
    earliest = latest = None
    if after is not None:
        earliest = after
        latest = before or after + dt.timedelta(days=RECENT_DAYS)
        reasons.append(
            f"reports {after.isoformat()} as past"
            + (
                f" and announces {before.isoformat()}"
                if before
                else f" (news: within {RECENT_DAYS} days of it)"
            )
        )
    if shared is not None:
        low, high, ids = shared
        told = f"shares events with articles {', '.join(ids[:3])}"
        if earliest is None:
            earliest, latest = low, high
            reasons.append(told)
        elif low <= latest and high >= earliest:
            earliest, latest = max(earliest, low), min(latest, high)
            reasons.append(told)
        elif before is None and latest < low:
            # "Within 60 days" is a guess, and the reports it shares events with say later
            # (a photo caption's old date in a June 2016 story): they win, after its date.
            earliest, latest = low, high
            reasons[-1] = f"reports {after.isoformat()} as past"
            reasons.append(told)
    if earliest is None or latest is None or latest < earliest:
        return None
    return DateRange(earliest=earliest, latest=latest, reason="; ".join(reasons))


def reference_day(
    window: DateRange, shared: tuple[dt.date, dt.date, list[str]] | None
) -> dt.date:
    """The day an undated article's relative expressions are read from. From what it says, the
    range's earliest day: news is written soon after what it reports. Where the articles it
    shares events with shaped the range, the middle of their dates, within the range: the
    window around them reaches two weeks either side, and its earliest day would put "on
    Monday" a fortnight early."""
    if shared is None:
        return window.earliest
    low, high, _ids = shared
    if not (low <= window.earliest and window.latest <= high):
        return window.earliest  # its own dates won over theirs
    middle = low + (high - low) // 2
    return min(max(middle, window.earliest), window.latest)


def _expression(article_id: str, finding: TimeFinding) -> TimeExpression:
    return TimeExpression(
        article=article_id,
        start=finding.start,
        end=finding.end,
        text=finding.text,
        value=finding.value,
        value_end=finding.value_end,
        granularity=finding.granularity,  # type: ignore[arg-type]
        type=finding.type,  # type: ignore[arg-type]
        reason=finding.reason,
        background=finding.describes_noun,
        noun_start=finding.noun_start,
        noun_end=finding.noun_end,
    )


def _week_or_first_day(value: str | None) -> dt.date | None:
    """The first day of a value, a week's ("2014-W09", "2014-W09-WE") included."""
    week = re.fullmatch(r"(\d{4})-W(\d{2})(?:-WE)?", value or "")
    if week:
        try:
            return dt.date.fromisocalendar(int(week[1]), int(week[2]), 1)
        except ValueError:
            return None
    return first_day((value or "")[:10])


def _read(finding: TimeFinding, reference: dt.date) -> Reading | None:
    found = readings(finding.text, reference, lambda s, e: finding.direction)
    return found[0] if found and found[0].value is not None else None


def spread_over_window(finding: TimeFinding, window: DateRange) -> tuple[Reading, str] | None:
    """The reading of a deictic expression of an undated article ("on Monday", "yesterday",
    "last week") on the first day the article can have been written, and the last value it
    can have (read on the range's last day), when those lie more than a week apart; None when
    it means about the same whatever day it was written, or names a month ("last March",
    "Feb. 28": which one is chosen from the range as a whole)."""
    if _MONTH_NAME.search(finding.text):
        return None
    first, last = _read(finding, window.earliest), _read(finding, window.latest)
    if first is None or last is None or first.value is None:
        return None
    end = last.value_end or last.value
    earliest, latest = _week_or_first_day(first.value), _week_or_first_day(end)
    if earliest is None or latest is None or latest - earliest <= WEEK:
        return None
    return first, end


def resolve_again(finding: TimeFinding, reference: dt.date, window: DateRange) -> TimeFinding:
    """A relative expression of an undated article, against its inferred date. A day told in
    the past that the reference day would put in the year before may lie within the range
    ("On Feb. 28, Cohen emailed ..." written between 27 February and April): then it does.
    A deictic one whose reading moves by more than a week across the range ("told CNN on
    Monday", written some day in the two months after the crash) is the range of its
    readings: any one day would be false precision, and a Monday read from the range's first
    day lies before the crash the article reports."""
    between = f"(between {window.earliest.isoformat()} and {window.latest.isoformat()})"
    spread = spread_over_window(finding, window)
    if spread is not None:
        first_reading, end = spread
        return finding.model_copy(
            update={
                "value": first_reading.value,
                "value_end": end,
                "granularity": first_reading.granularity,
                "type": "range",
                "reason": f"read on each day of the inferred publication range {between}",
            }
        )
    first = _read(finding, reference)
    if first is None:
        return finding
    if finding.direction == "past" and first.granularity == "day" and first.type != "range":
        later = readings(finding.text, window.latest, lambda s, e: finding.direction)
        day = _day(later[0].value) if later else None
        same_day_of_year = day is not None and later[0].value[4:] == (first.value or "")[4:]
        if same_day_of_year and window.earliest <= day <= window.latest:
            first = later[0]  # a weekday stays by the reference day
    return finding.model_copy(
        update={
            "value": first.value,
            "value_end": first.value_end,
            "granularity": first.granularity,
            "type": "range" if first.type == "range" else "approximate",
            "reason": f"relative to the inferred publication date {between}",
        }
    )


def outside_captions(article: Article, findings: list[TimeFinding]) -> list[TimeFinding]:
    """The findings that are not in a photo caption: a caption's date is when its picture was
    taken ("a relative ... burns incense in Beijing on March 8, 2016", in a gallery updated
    two years after the 2014 report it sits in), no evidence of when the text was written."""
    spans = [(s.start, s.end) for s in article.sentences]
    captions = caption_sentences(
        [article.text[start:end] for start, end in spans], paragraph_openers(article.text, spans)
    )
    if not captions:
        return findings
    cut = [spans[n] for n in captions]
    return [f for f in findings if not any(start <= f.start < end for start, end in cut)]


class TimesStage:
    name = "times"

    def __call__(self, ctx: StoryContext) -> None:
        findings: dict[str, list[TimeFinding]] = {
            article_id: [
                f if isinstance(f, TimeFinding) else TimeFinding.model_validate(f) for f in found
            ]
            for article_id, found in ctx.found("times")
        }
        index = TimeIndex()
        articles = list(ctx.articles())
        dated = [a for a in articles if a.published is not None and a.duplicate_of is None]
        undated = [a for a in articles if a.published is None]
        evidence = {a.id: outside_captions(a, findings.get(a.id, [])) for a in undated}
        # What an undated article's own text dates it to is evidence for the others too.
        own_dates = {
            a.id: window.earliest
            for a in undated
            if a.duplicate_of is None and (window := infer_range(evidence[a.id], None)) is not None
        }
        shared = bounds_from_shared_events(undated, dated, own_dates)
        for article in articles:
            index.references[article.id] = article.published
        for article in undated:
            own = findings.get(article.id, [])
            window = infer_range(evidence[article.id], shared.get(article.id))
            if window is None:
                continue
            reference = reference_day(window, shared.get(article.id))
            index.references[article.id] = reference
            # What counts from a time the article names ("two days later") counts again
            # from that time as now resolved.
            findings[article.id] = resolve_anaphora(
                [resolve_again(f, reference, window) if f.relative else f for f in own],
                article.text,
                window.latest,
            )
            ctx.update_article(
                article.model_copy(update={"published_from": "inferred", "published_range": window})
            )
        expressions: list[TimeExpression] = []
        for article in articles:
            for finding in sorted(findings.get(article.id, []), key=lambda f: f.start):
                expression = _expression(article.id, finding)
                expressions.append(expression)
                index.by_article[article.id].append(expression)
        ctx.sections["times"] = expressions
        ctx.shared["times"] = index


@story_stage("times")
def make_times_stage() -> TimesStage:
    return TimesStage()
