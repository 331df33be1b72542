"""The times extractor: what counts from a time the article named before it."""

from __future__ import annotations

import datetime as dt

import pytest

from dossier.times.extract import ANCHOR_REACH, TimeFinding, resolve_anaphora


def _found(text: str, expression: str, **fields) -> TimeFinding:
    start = text.index(expression)
    values = {"value": None, "granularity": None, "type": "unresolved", "reason": "absolute"}
    values.update(fields)
    return TimeFinding(start=start, end=start + len(expression), text=expression, **values)


def _resolved(text, findings, reference=None):
    return {f.text: f for f in resolve_anaphora(findings, text, reference)}


def test_a_count_takes_its_value_from_the_time_named_before():
    # Multi-News (Prodigy, undated): "a year later" was read as a year after the inferred
    # publication date, 2018, and marked planned.
    text = "They released a demo in 1992, which they followed up a year later with a debut."
    found = _resolved(
        text,
        [
            _found(text, "1992", value="1992", granularity="year", type="exact"),
            # what the recognizer gives: a year after the publication date
            _found(text, "a year later", value="2018-06-20", granularity="day", type="exact"),
        ],
        dt.date(2017, 6, 20),
    )
    later = found["a year later"]
    assert (later.value, later.granularity, later.type) == ("1993", "year", "exact")
    assert "'1992'" in later.reason and not later.relative


def test_counts_chain_and_days_stay_days():
    # Multi-News (Comey): the Watergate chronology of an undated explainer.
    text = (
        "The tape was released on August 5, 1974. Two days later, Scott went to the White "
        "House. The day after that, the president announced his resignation."
    )
    found = _resolved(
        text,
        [
            _found(text, "August 5, 1974", value="1974-08-05", granularity="day", type="exact"),
            _found(text, "Two days later", relative=True),
            _found(text, "The day after", relative=True, direction="past"),
        ],
    )
    days = [(found[t].value, found[t].granularity) for t in ("Two days later", "The day after")]
    assert days == [("1974-08-07", "day"), ("1974-08-08", "day")]


@pytest.mark.parametrize(
    ("text", "expression"),
    [
        # Timeline17 (swine flu): read as the day after the publication date, 6 May
        (
            "China suspended flights from Mexico on 2 May; the day after the first confirmed "
            "case of swine flu in Asia was found in Hong Kong.",
            "the day after",
        ),
        ("She arrived the day before the vote.", "the day before"),
        ("He resigned the week after the scandal broke.", "the week"),
    ],
)
def test_a_day_counted_from_an_event_is_no_day_the_text_gives(text, expression):
    reference = dt.date(2009, 5, 5)
    tomorrow = _found(text, expression, value="2009-05-06", granularity="day", type="exact")
    found = _resolved(text, [tomorrow], reference)[expression]
    assert found.value is None and found.type == "unresolved"
    assert "event" in found.reason


def test_the_day_before_told_with_its_verb_counts_from_no_event():
    # Timeline17 (CNN): "the day before" then the clause's verb, not an event
    text = "The same network the day before had carried Mubarak's speech."
    yesterday = _found(text, "the day before", value="2011-02-02", granularity="day",
                       type="exact")  # fmt: skip
    found = _resolved(text, [yesterday], dt.date(2011, 2, 3))["the day before"]
    assert found.value == "2011-02-02"


def test_the_day_after_a_time_named_before_still_counts_from_it():
    text = "He arrived on 2 May. He left the day after."
    found = _resolved(
        text,
        [
            _found(text, "2 May", value="2009-05-02", granularity="day", type="exact"),
            _found(text, "the day after", value="2009-05-06", granularity="day", type="exact"),
        ],
        dt.date(2009, 5, 5),
    )
    assert found["the day after"].value == "2009-05-03"


def test_nothing_named_before_or_too_far_back_leaves_it_unresolved():
    text = "Eichmann's appeal was refused and he was hanged two days later."
    alone = _resolved(text, [_found(text, "two days later", value="2017-06-22", type="exact")])
    assert alone["two days later"].value is None
    assert alone["two days later"].type == "unresolved"
    assert "does not name" in alone["two days later"].reason

    far = "In 1992 they met. " + "x" * ANCHOR_REACH + " A year later they split."
    found = _resolved(
        far,
        [
            _found(far, "1992", value="1992", granularity="year", type="exact"),
            _found(far, "A year later", value="2018", granularity="year", type="exact"),
        ],
    )
    assert found["A year later"].value is None


def test_a_count_from_an_unresolved_date_waits_for_it():
    text = "The meeting is on Monday. Two days later, the talks resume."
    found = _resolved(
        text,
        [
            _found(text, "Monday", relative=True),
            _found(text, "Two days later", value=None, relative=True),
        ],
    )
    assert found["Two days later"].value is None and found["Two days later"].relative


def test_a_past_count_that_lands_after_the_publication_date_is_not_trusted():
    # bpoil_foxnews, 3 May 2010: "came nine days later", counted from "Sunday" (2 May), is
    # nine days after the explosion, which the article does not date.
    text = "White House said Sunday the first order was rescue. A declaration came nine days later."
    found = _resolved(
        text,
        [
            _found(text, "Sunday", value="2010-05-02", granularity="day", type="exact"),
            _found(text, "nine days later", value="2010-05-12", type="exact", direction="past"),
        ],
        dt.date(2010, 5, 3),
    )
    assert found["nine days later"].value is None
    ahead = _resolved(
        text,
        [
            _found(text, "Sunday", value="2010-05-02", granularity="day", type="exact"),
            _found(text, "nine days later", value=None, direction="future"),
        ],
        dt.date(2010, 5, 3),
    )
    assert ahead["nine days later"].value == "2010-05-11"


@pytest.mark.slow
def test_the_extractor_counts_from_the_time_named_before():
    """Multi-News (Comey, undated): the Watergate chronology of one explainer."""
    from dossier.analysis import ArticleDoc
    from dossier.annotate import load_pipeline
    from dossier.model import Article
    from dossier.times.extract import TimeExtractor

    text = (
        "When the tape was released on August 5, 1974, Nixon's support evaporated. "
        "Two days later, Senate leaders went to the White House. "
        "Restaurants are to reopen on Wednesday; libraries are to follow a day later."
    )
    article = Article(
        id="a", path="a", format="text", language="en", text=text, published=dt.date(2009, 5, 4)
    )
    found = {f.text: f for f in TimeExtractor()(ArticleDoc(article, [(0, load_pipeline()(text))]))}
    assert found["Two days later"].value == "1974-08-07"
    assert found["Wednesday"].value == "2009-05-06"
    assert found["a day later"].value == "2009-05-07"


@pytest.mark.slow
def test_the_extractor_gives_the_phrase_of_the_noun_a_time_dates():
    """In the article's offsets, also when the article is parsed in pieces."""
    from dossier.analysis import ArticleDoc
    from dossier.annotate import load_pipeline
    from dossier.model import Article
    from dossier.times.extract import TimeExtractor

    first = "Talks ended on Thursday.\n\n"
    second = (
        "Eastern Ghouta, which according to a September 15 accord between Russia, Turkey and "
        "Iran, is among several de-escalation zones."
    )
    text = first + second
    article = Article(
        id="a", path="a", format="text", language="en", text=text, published=dt.date(2017, 12, 16)
    )
    nlp = load_pipeline()
    doc = ArticleDoc(article, [(0, nlp(first.rstrip())), (len(first), nlp(second))])
    found = {f.text: f for f in TimeExtractor()(doc)}
    accord = found["September 15"]
    assert accord.describes_noun and accord.value == "2017-09-15"
    assert accord.noun_start is not None and accord.noun_end is not None
    assert text[accord.noun_start : accord.noun_end] == (
        "a September 15 accord between Russia, Turkey and Iran"
    )
    assert not found["Thursday"].describes_noun and found["Thursday"].noun_start is None


def _before(text: str, expression: str, known: str) -> TimeFinding:
    return _found(text, expression, in_time_before=known)


def test_a_month_that_year_takes_the_year_named_before():
    # IraqWar_guardian, published 2005-11-14: read as September 2005
    text = (
        "He was mobilised for the invasion of Iraq in January 2003 , and demobilised in "
        "September that year . Later that month he left the army ."
    )
    found = _resolved(
        text,
        [
            _found(text, "January 2003", value="2003-01", granularity="month", type="exact"),
            _before(text, "September that year", "XXXX-09"),
            _before(text, "Later that month", "XXXX-XX"),
        ],
        dt.date(2005, 11, 14),
    )
    september = found["September that year"]
    assert (september.value, september.granularity, september.type) == ("2003-09", "month", "exact")
    assert "'January 2003'" in september.reason and not september.relative
    # and it is the narrative's time now
    assert found["Later that month"].value == "2003-09"


def test_the_same_day_needs_a_day_named_before():
    text = "In 2003 the inspectors reported . On the same day , the council met ."
    found = _resolved(
        text,
        [
            _found(text, "2003", value="2003", granularity="year", type="exact"),
            _before(text, "the same day", "XXXX-XX-XX"),
        ],
    )
    assert (found["the same day"].value, found["the same day"].type) == (None, "unresolved")


def test_that_year_takes_the_end_a_span_names_but_not_a_span_of_years():
    # Finan_washingtonpost: "until Feb. 19 , 1980 , and ... until Jan. 7 of that year"
    text = "He did not sue until Feb. 19 , 1980 , and they lived together until Jan. 7 of that year"
    found = _resolved(
        text,
        [
            _found(text, "until Feb. 19 , 1980", value_end="1980-02-19", granularity="day",
                   type="range"),
            _before(text, "until Jan. 7 of that year", "XXXX-01-07"),
        ],
    )  # fmt: skip
    assert found["until Jan. 7 of that year"].value == "1980-01-07"
    text = "Subprime lending peaked from 2004 to 2006 . Firms made most of the loans that year ."
    found = _resolved(
        text,
        [
            _found(text, "from 2004 to 2006", value="2004", value_end="2006", granularity="year",
                   type="range"),
            _before(text, "that year", "XXXX"),
        ],
    )  # fmt: skip
    assert found["that year"].type == "unresolved"


def test_that_year_with_nothing_named_before_in_reach_is_unresolved():
    text = "It happened in 1998 ." + " A sentence ." * (ANCHOR_REACH // 12 + 1) + " That year ."
    found = _resolved(
        text,
        [
            _found(text, "1998", value="1998", granularity="year", type="exact"),
            _before(text, "That year", "XXXX"),
        ],
        dt.date(2005, 1, 1),
    )
    assert found["That year"].value is None and not found["That year"].relative


@pytest.mark.slow
def test_the_extractor_reads_that_june_but_not_said_that_june():
    """IraqWar_guardian: "established ... in April 2003, and damage was already visible when
    Dr Curtis first visited part of the site that June" was read as June 2004."""
    from dossier.analysis import ArticleDoc
    from dossier.annotate import load_pipeline
    from dossier.model import Article
    from dossier.times.extract import TimeExtractor

    text = (
        "The camp was established by the American forces in April 2003 , and damage was "
        "already visible when Dr Curtis first visited part of the site that June . "
        "Forecasters said that June was the wettest month on record ."
    )
    article = Article(
        id="a", path="a", format="text", language="en", text=text, published=dt.date(2005, 1, 15)
    )
    found = TimeExtractor()(ArticleDoc(article, [(0, load_pipeline()(text))]))
    visited, said = [f for f in found if "June" in f.text]
    assert (visited.text, visited.value) == ("that June", "2003-06")
    assert said.text == "June" and said.value != "2003-06"
