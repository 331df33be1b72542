"""The times story stage: offsets, the index, and publication ranges inferred from evidence."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from dossier.times.extract import TimeFinding
from dossier.times.stage import infer_range
from tests.conftest import SEEDS


def _finding(value: str, direction=None, relative=False) -> TimeFinding:
    return TimeFinding(
        start=0,
        end=1,
        text="x",
        value=value,
        granularity="day",
        type="exact",
        reason="absolute",
        direction=direction,
        relative=relative,
    )


def test_a_range_is_inferred_from_dated_past_and_future_mentions():
    window = infer_range([_finding("2016-04-22"), _finding("2016-05-17", "future")], None)
    assert (window.earliest, window.latest) == (dt.date(2016, 4, 22), dt.date(2016, 5, 17))
    assert "reports 2016-04-22 as past" in window.reason


def test_a_range_from_shared_events_narrows_the_own_one():
    shared = (dt.date(2016, 4, 20), dt.date(2016, 5, 5), ["a1"])
    window = infer_range([_finding("2016-04-22")], shared)
    assert (window.earliest, window.latest) == (dt.date(2016, 4, 22), dt.date(2016, 5, 5))
    assert "shares events with articles a1" in window.reason


def test_the_reports_it_shares_events_with_beat_the_within_60_days_guess():
    # Multi-News (Stanford case): a June 2016 report's latest day was a photo caption's
    # "arrest on Jan. 18, 2015"; the reports it shares events with are of June 2016.
    shared = (dt.date(2016, 5, 25), dt.date(2016, 6, 23), ["a1", "a2"])
    window = infer_range([_finding("2015-01-18")], shared)
    assert (window.earliest, window.latest) == (dt.date(2016, 5, 25), dt.date(2016, 6, 23))
    assert window.reason == "reports 2015-01-18 as past; shares events with articles a1, a2"
    # a date it announces is no guess: the shared window after it is not taken
    announced = infer_range([_finding("2015-01-18"), _finding("2015-02-01", "future")], shared)
    assert announced.latest == dt.date(2015, 2, 1) and "shares" not in announced.reason


def test_the_reference_day_is_the_middle_of_the_shared_window_within_the_range():
    """Hiding the dates of a third of 45 articles each of 7 T17 topics, the reference day was
    within 3 days of the true date for 42 of the 63 dated again, 30 with the earliest day."""
    from dossier.model import DateRange
    from dossier.times.stage import reference_day

    shared = (dt.date(2018, 7, 30), dt.date(2018, 8, 27), ["a1"])  # a peer of 13 August
    alone = DateRange(earliest=dt.date(2018, 7, 30), latest=dt.date(2018, 8, 27), reason="")
    assert reference_day(alone, shared) == dt.date(2018, 8, 13)
    narrowed = DateRange(earliest=dt.date(2018, 8, 20), latest=dt.date(2018, 8, 27), reason="")
    assert reference_day(narrowed, shared) == dt.date(2018, 8, 20)
    assert reference_day(alone, None) == dt.date(2018, 7, 30)
    # its own dates won over the shared window: read from them
    own = DateRange(earliest=dt.date(2018, 9, 1), latest=dt.date(2018, 10, 30), reason="")
    assert reference_day(own, shared) == dt.date(2018, 9, 1)


def test_undated_reports_dated_by_their_text_date_the_ones_like_them():
    from dossier.model import Article
    from dossier.times.stage import bounds_from_shared_events

    text = "Judge Persky refused to recuse himself from the Turner sexual assault case. "
    articles = [
        Article(id=n, path=n, format="text", language="en", text=text + extra)
        for n, extra in (("a", "Jurors protested."), ("b", "Jurors walked out."))
    ]
    windows = bounds_from_shared_events(articles, [], {"b": dt.date(2016, 6, 9)})
    assert windows == {"a": (dt.date(2016, 5, 26), dt.date(2016, 6, 23), ["b"])}


def test_a_history_is_not_dated_by_its_last_day():
    # Multi-News (Comey): a Watergate explainer's latest day is 8 August 1974, but it tells
    # of what Magruder "revealed three decades later": it was not written in 1974.
    later = _finding("2002", direction="past").model_copy(update={"granularity": "year"})
    assert infer_range([_finding("1974-08-08"), later], None) is None
    # a year it looks ahead to, or one earlier than its last day, changes nothing
    ahead = later.model_copy(update={"value": "2018", "direction": None})
    earlier = later.model_copy(update={"value": "1974"})
    window = infer_range([_finding("2017-05-16"), ahead, earlier], None)
    assert window is not None and window.earliest == dt.date(2017, 5, 16)


def test_a_past_day_within_the_inferred_range_is_not_put_a_year_back():
    # Multi-News (Stormy Daniels): a report inferred to be from 27 February 2018 or after
    # read "On Feb. 28, Cohen emailed the restraining order" as 2017-02-28.
    from dossier.model import DateRange
    from dossier.times.stage import resolve_again

    window = DateRange(earliest=dt.date(2018, 2, 27), latest=dt.date(2018, 4, 28), reason="x")

    def again(text: str) -> str | None:
        finding = TimeFinding(start=0, end=len(text), text=text, type="unresolved",
                              reason="r", direction="past", relative=True)  # fmt: skip
        return resolve_again(finding, window.earliest, window).value

    assert again("Feb. 28") == "2018-02-28"
    assert again("Jan. 5") == "2018-01-05"
    assert again("Tuesday") == "2018-02-27"  # the first of the range's Tuesdays


def test_a_deictic_day_of_a_report_written_any_day_of_two_months_is_a_range():
    # Multi-News (MH370): a report written between the crash (8 March 2014) and May read
    # "told CNN's Pamela Brown on Monday" as 3 March, before the plane vanished.
    from dossier.model import DateRange
    from dossier.times.stage import resolve_again

    wide = DateRange(earliest=dt.date(2014, 3, 8), latest=dt.date(2014, 5, 7), reason="x")
    narrow = DateRange(earliest=dt.date(2014, 3, 8), latest=dt.date(2014, 3, 12), reason="x")

    def again(text: str, window: DateRange) -> tuple[str | None, str | None, str]:
        finding = TimeFinding(start=0, end=len(text), text=text, type="unresolved",
                              reason="r", direction="past", relative=True)  # fmt: skip
        found = resolve_again(finding, window.earliest, window)
        return found.value, found.value_end, found.type

    assert again("Monday", wide) == ("2014-03-03", "2014-05-05", "range")
    assert again("yesterday", wide) == ("2014-03-07", "2014-05-06", "range")
    assert again("last week", wide) == ("2014-W09", "2014-W18", "range")
    # within a few days, the day read from the range's first one is near enough
    assert again("Monday", narrow) == ("2014-03-03", None, "approximate")
    # a month's name is one of few candidates, chosen from the range as a whole
    assert again("March 8", wide) == ("2014-03-08", None, "approximate")
    assert again("last March", wide)[2] == "approximate"


def test_nothing_to_go_on_infers_nothing():
    assert infer_range([_finding("2016-05-17", "future")], None) is None
    assert infer_range([], None) is None


def _build(tmp_path: Path, texts: dict[str, str]) -> dict:
    import dossier.times  # noqa: F401 - registers the extractor and the stage
    from dossier.pipeline import BuildOptions, build

    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    build(
        [str(tmp_path / n) for n in texts],
        out,
        BuildOptions(extractors=["times"], stages=["times"]),
    )
    return json.loads((out / "story.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_an_undated_article_gets_a_range_and_its_weekdays_span_it(tmp_path):
    story = _build(
        tmp_path,
        {
            "undated.txt": "Syria truce shattered\n\nMore than 250 civilians have been killed "
            "since 22 April 2016, mostly in air raids. The ISSG will hold talks on Monday. "
            "Two days later, ministers will meet in Vienna.",
        },
    )
    article = story["articles"][0]
    assert article["published"] is None and article["published_from"] == "inferred"
    assert article["published_range"]["earliest"] == "2016-04-22"
    assert article["published_range"]["latest"] == "2016-06-21"
    # written any day of two months, "on Monday" is any Monday of them, the first after the
    # range's first day to the first after its last
    monday = [t for t in story["times"] if t["text"] == "Monday"][0]
    assert (monday["value"], monday["value_end"], monday["type"]) == (
        "2016-04-25",
        "2016-06-27",
        "range",
    )
    assert "inferred publication range" in monday["reason"]
    # counted again from Monday, both ends, not from the inferred publication date
    later = [t for t in story["times"] if t["text"] == "Two days later"][0]
    assert (later["value"], later["value_end"], later["type"]) == (
        "2016-04-27",
        "2016-06-29",
        "range",
    )
    assert "'Monday'" in later["reason"]


@pytest.mark.slow
def test_a_captions_date_does_not_date_the_article(tmp_path):
    """A Multi-News MH370 report of April 2014 carries a CNN gallery updated in 2016; its
    caption "... burns incense in Beijing on March 8, 2016." had put the report in 2016."""
    story = _build(
        tmp_path,
        {
            "undated.txt": "Search for Flight 370 goes under water\n\nFlight 370 vanished on "
            "March 8, 2014, as it flew from Kuala Lumpur to Beijing. Hide Caption 1 of 43 "
            "Photos: The search for MH370\n\nA relative of one of the passengers burns incense "
            "in Beijing on March 8, 2016. Hide Caption 2 of 43\n\nThe search went on on Monday.",
        },
    )
    window = story["articles"][0]["published_range"]
    assert window["earliest"] == "2014-03-08"


@pytest.mark.slow
def test_seed_times_point_at_their_text_and_stay_unresolved_without_evidence(tmp_path):
    import dossier.times  # noqa: F401
    from dossier.pipeline import BuildOptions, build

    out = tmp_path / "seeds"
    build([str(SEEDS)], out, BuildOptions(extractors=["times"], stages=["times"]))
    story = json.loads((out / "story.json").read_text(encoding="utf-8"))
    texts = {a["id"]: a["text"] for a in story["articles"]}
    for t in story["times"]:
        assert texts[t["article"]][t["start"] : t["end"]] == t["text"]
    dated = next(a for a in story["articles"] if a["published"] == "2017-12-16")
    values = {t["text"]: t["value"] for t in story["times"] if t["article"] == dated["id"]}
    assert values["Thursday"] == "2017-12-14"  # the eighth round concluded on Thursday
    assert values["September 15"] == "2017-09-15"  # the de-escalation accord
    assert values["next year"] == "2018"
    unresolved = [t for t in story["times"] if t["type"] == "unresolved"]
    assert unresolved and all(t["value"] is None and t["reason"] for t in unresolved)


@pytest.mark.slow
def test_that_month_of_an_undated_article_waits_for_the_month_it_is_in(tmp_path):
    story = _build(
        tmp_path,
        {
            "undated.txt": "Syria truce shattered\n\nMore than 250 civilians have been killed "
            "since 22 April 2016, mostly in air raids. Rebels withdrew from the town on 3 May. "
            "Later that month, ministers met in Vienna.",
        },
    )
    withdrew = [t for t in story["times"] if t["text"] == "3 May"][0]
    assert withdrew["value"] == "2016-05-03"
    later = [t for t in story["times"] if t["text"] == "Later that month"][0]
    assert (later["value"], later["granularity"]) == ("2016-05", "month")
    assert "'3 May'" in later["reason"]
