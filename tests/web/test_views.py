from __future__ import annotations

from dossier.model import Citation, Story, TimelineEntry
from dossier.web.views import timeline_items


def _entry(date: str, granularity: str, kind: str, end: str | None = None) -> TimelineEntry:
    return TimelineEntry(
        date=date, granularity=granularity, type=kind, end=end, headline="h",
        items=[Citation(article="a1", start=0, end=1, text="x")],
    )  # fmt: skip


def test_timeline_items_span_a_range_to_its_last_day_or_month():
    story = Story(articles=[], timeline=[
        _entry("2016-06-01", "day", "range", "2016-11-30"),
        _entry("2016-02", "month", "range", "2016-04"),
        _entry("2011-03", "month", "range"),
        _entry("2016-02-27", "day", "exact"),
    ])  # fmt: skip
    closed, months, open_, point = timeline_items(story)
    assert (closed["start"], closed["end"], closed["type"]) == ("2016-06-01", "2016-12-01", "range")
    assert (months["start"], months["end"]) == ("2016-02-01", "2016-05-01")
    assert (open_["start"], open_["end"]) == ("2011-03-01", "2011-04-01")  # the month it opens
    assert point["type"] == "point" and "end" not in point
    assert "date-range" in closed["className"]
