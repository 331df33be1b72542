"""Time expressions from real articles, each rule of the normalizer on its own."""

from __future__ import annotations

import datetime as dt

import pytest

from dossier.times.normalize import anaphor, counted_from, cue_windows, readings

FEB_11_2016 = dt.date(2016, 2, 11)  # a Thursday


def _one(text: str, reference: dt.date | None, direction=None):
    found = readings(text, reference, (lambda s, e: direction) if direction else None)
    assert len(found) == 1, found
    return found[0]


def test_weekday_with_tense_goes_forward_or_back():
    # seeds: "will co-chair a meeting ... on Tuesday", "concluded on Thursday"
    ahead = _one("Lavrov will co-chair a meeting on Tuesday.", dt.date(2016, 5, 16), "future")
    assert (ahead.value, ahead.granularity) == ("2016-05-17", "day")
    back = _one("The eighth round concluded on Thursday.", dt.date(2017, 12, 16), "past")
    assert back.value == "2017-12-14"


def test_some_weekday_is_no_date():
    # IraqWar_guardian: "no coincidence that the Zawahiri tape emerged on a Thursday"
    reference = dt.date(2005, 8, 4)
    for text in (
        "It was no coincidence that the tape emerged on a Thursday.",
        "Oh and often there's football on a Saturday.",
        "They met one Monday in the spring.",
    ):
        told = " ".join(r.text for r in readings(text, reference))
        assert not any(day in told for day in ("Thursday", "Saturday", "Monday")), text
    assert _one("The tape emerged on Thursday.", reference, "past").value == "2005-08-04"
    assert _one("The tape emerged on the Thursday.", reference, "past").value == "2005-08-04"


def test_a_date_without_a_year_that_holds_the_publication_day_is_that_day():
    # Multi-News (April Fools, 1 April 2017): "retweeted ... April Fools" was read as a year
    # before, past tense choosing the past reading over the very day.
    fools = _one("It happened on April 1.", dt.date(2017, 4, 1), "past")
    assert fools.value == "2017-04-01"
    # and a month that holds it is that month: "concluded in December" on 16 December
    december = _one("The talks concluded in December.", dt.date(2017, 12, 16), "past")
    assert (december.value, december.granularity) == ("2017-12", "month")
    earlier = _one("The talks concluded in November.", dt.date(2017, 12, 16), "past")
    assert earlier.value == "2017-11"
    later = _one("The talks concluded in late December.", dt.date(2017, 6, 20), "past")
    assert later.value == "2016-12"


def test_weekday_of_the_publication_day_is_that_day():
    # bpoil_reuters, published Tuesday 2010-06-01: "Eric Holder said on Tuesday"
    same = _one("U.S. Attorney General Eric Holder said on Tuesday.", dt.date(2010, 6, 1), "past")
    assert same.value == "2010-06-01"


@pytest.mark.parametrize(
    ("text", "value", "granularity"),
    [
        ("dismiss a separate Russian initiative planned in Sochi next year.", "2017", "year"),
        ("Last week, the Chilean government stepped up measures.", "2016-W05", "week"),
        ("started in November previous year in Vienna", "2015", "year"),
        ("based on the June 2012 Geneva Communique", "2012-06", "month"),
        ("a summit on Aug. 6.", "2016-08-06", "day"),
        ("A UN Security Council resolution on December 18 approved", "2015-12-18", "day"),
        ("On a trip to Egypt last summer, we were shocked", "2015-SU", "season"),
        ("records from the 1990s to 2005", "199X", "decade"),
        # counted back in a unit, as precise as that unit: Multi-News MH370 and Ukraine
        # timelines had "almost three weeks ago" as a day three weeks back
        ("a jetliner presumed to have crashed almost three weeks ago", "2016-W03", "week"),
        ("The company was sold two years ago.", "2014", "year"),
        ("It began three months ago.", "2015-11", "month"),
        ("He left ten days ago.", "2016-02-01", "day"),
        # ... unless counted back from a day: an anniversary (Multi-News, Sandy Hook)
        ("children killed in Newtown two years ago on Sunday have taken", "2014-02-14", "day"),
        ("Ten years ago today, the levees broke.", "2006-02-11", "day"),
        # a day or month whose year is named after it (T17 IraqWar_guardian: "the meeting
        # between Bush and Blair, on 16 April last year" was read as this April 16)
        ("the meeting between Bush and Blair, on 16 April last year, has", "2015-04-16", "day"),
        ("The talks in April last year were secret.", "2015-04", "month"),
        ("on Sept. 11 last year, he", "2015-09-11", "day"),
        ("It began in early March this year.", "2016-03", "month"),
        ("He will visit on June 5 next year.", "2017-06-05", "day"),
    ],
)
def test_relative_and_partial_dates_resolve_against_the_publication_date(text, value, granularity):
    found = readings(text, FEB_11_2016)
    assert (value, granularity) in [(r.value, r.granularity) for r in found]


def test_last_month_by_name_is_the_one_just_gone():
    # the recognizer read "last March", written in November, as March of the year before
    november = dt.date(2005, 11, 27)
    assert _one("He came back last March.", november).value == "2005-03"
    assert _one("He came back last November.", november).value == "2004-11"
    assert _one("He comes back next December.", november).value == "2005-12"
    hedged = _one("The plan took shape in early May last year.", november)
    assert (hedged.value, hedged.type) == ("2004-05", "approximate")


def test_a_day_that_does_not_exist_is_unresolved():
    assert _one("The deal was signed on Feb 30.", FEB_11_2016).type == "unresolved"


def test_since_is_an_open_range():
    since = _one("Syria's war has killed more than 260 000 people since March 2011.", None)
    assert (since.value, since.value_end, since.type) == ("2011-03", None, "range")


def test_ranges_of_days_and_years():
    days = _one("talks from 1 to 3 March", FEB_11_2016)
    assert (days.value, days.value_end, days.type) == ("2016-03-01", "2016-03-03", "range")
    years = _one("prices rose between 2012 and 2014", None)
    assert (years.value, years.value_end, years.granularity) == ("2012", "2014", "year")
    span = _one("it has continued for the past thirty years", dt.date(2011, 2, 11))
    assert (span.value, span.value_end, span.granularity) == ("1981", "2011", "year")


def test_a_range_whose_start_names_no_year_takes_the_year_its_end_names():
    sent = _one("He sent it between April 16 and May 28 2004.", dt.date(2005, 9, 1))
    assert (sent.value, sent.value_end) == ("2004-04-16", "2004-05-28")
    winter = _one("Prices froze from December 1 to January 1, 2011.", dt.date(2011, 5, 1))
    assert (winter.value, winter.value_end) == ("2010-12-01", "2011-01-01")


def test_since_a_month_is_the_month_before_the_writing_not_after():
    since = _one("Prices have risen since February.", dt.date(2005, 9, 1))
    assert (since.value, since.value_end, since.type) == ("2005-02", None, "range")


def test_approximate_durations_keep_their_hedge():
    war = _one("after almost seven years of war", dt.date(2017, 12, 16))
    assert (war.text, war.value, war.type) == ("almost seven years", "P7Y", "duration")
    assert "approximate" in war.reason
    decades = _one("Mubarak, who has ruled Egypt for three decades", None)
    assert decades.value == "P30Y"


def test_undated_relative_expressions_stay_unresolved_with_a_reason():
    monday = _one("Staffan de Mistura is meeting again Monday with opposition delegates", None)
    assert monday.value is None and monday.type == "unresolved"
    assert "does not give" in monday.reason
    absolute = _one("He was brought to Israel in 1960.", None)
    assert absolute.value == "1960" and absolute.reason == "absolute"


@pytest.mark.parametrize(
    "text",
    [
        "This may sound a bit radical.",  # the modal verb
        "The DEC said it was monitoring the security situation.",  # a charity's acronym
        "the drug that contributed to the 50-year-old singer's death",  # an age
        "600,000 11-year olds",
        "talks may resume",
        "http://www.salon.com/2017/01/16/cat-f...",  # a link's path (Multi-News)
        # first names (Timeline17's swine flu reports)
        "Jan Slingenbergh, a senior animal health officer at the FAO, believes it.",
        "The question, said April Ryan of American Urban Radio, was fair.",
        "May God bless you all.",
    ],
)
def test_lookalikes_are_not_dates(text):
    assert [r.text for r in readings(text, FEB_11_2016)] == []


@pytest.mark.parametrize(
    ("text", "expression"),
    [
        ("In March Obama signed the order.", "March"),
        ("Last June Parliament voted to leave.", "Last June"),
        ("The vote is due on Tuesday Brussels time.", "Tuesday"),
        # a day's name is no first name: a page's timestamp run into its next line (CNN)
        ("Sunday Many Egyptians marched to the square.", "Sunday"),
    ],
)
def test_a_month_or_day_led_into_stays_a_time_before_a_name(text, expression):
    assert expression in [r.text for r in readings(text, FEB_11_2016)]


def test_cue_windows_cover_the_expression_and_skip_the_rest():
    sentence = "The talks, which were hosted by the United Nations, will resume on Tuesday."
    windows = cue_windows(sentence)
    assert len(windows) == 1
    start, end = windows[0]
    assert "on Tuesday." in sentence[start:end] and "hosted" not in sentence[start:end]
    assert cue_windows("No date in this sentence at all.") == []


@pytest.mark.slow
def test_would_is_neither_past_nor_future_so_the_nearest_reading_wins():
    """bpoil_bbc, June 2010: "a decision would be made closer to 27 July" is this July, not
    last; but "would be held on Friday", written on a Saturday, was yesterday."""
    from dossier.annotate import load_pipeline
    from dossier.times.normalize import tense_direction

    nlp = load_pipeline()
    doc = nlp("Mr Svanberg indicated that a decision would be made closer to 27 July.")
    assert tense_direction([t for t in doc if t.text == "July"]) is None
    doc = nlp("The decision was made on 27 July.")
    assert tense_direction([t for t in doc if t.text == "July"]) == "past"
    july = _one("a decision would be made closer to 27 July.", dt.date(2010, 6, 20), None)
    assert july.value == "2010-07-27"
    friday = _one("the protest would be held on Friday.", dt.date(2011, 2, 5), None)
    assert friday.value == "2011-02-04"


@pytest.mark.slow
def test_what_was_scheduled_is_ahead_only_when_the_clause_is_not_told_in_the_past():
    """Multi-News (Kushner, 18 May 2017): "He canceled a hearing scheduled Wednesday" was put
    on the next Wednesday and marked planned."""
    from dossier.annotate import load_pipeline
    from dossier.times.normalize import tense_direction

    nlp = load_pipeline()

    def direction(text: str):
        return tense_direction([t for t in nlp(text) if t.text in ("Wednesday", "Tuesday")])

    assert direction("He canceled a hearing scheduled Wednesday after Comey declined.") is None
    assert direction("The vote, scheduled for Tuesday, was postponed.") is None
    assert direction("A hearing scheduled Wednesday will examine the memos.") == "future"
    # scheduling points ahead of when it was done, whatever the tense
    assert direction("The committee scheduled a hearing for Wednesday.") == "future"


@pytest.mark.slow
def test_the_day_something_was_braced_for_is_the_nearest_not_the_last():
    """Timeline17 (CNN on Egypt, Monday 31 January 2011): "Egypt braced for a 'march of
    millions' in anti-government protests Tuesday" was read as the Tuesday before, and headed
    the timeline's 25 January."""
    from dossier.annotate import load_pipeline
    from dossier.times.normalize import tense_direction

    text = "Egypt braced for a march of millions in anti-government protests Tuesday."
    doc = load_pipeline()(text)
    assert tense_direction([t for t in doc if t.text == "Tuesday"]) is None
    assert _one(text, dt.date(2011, 1, 31), None).value == "2011-02-01"


def test_a_hedged_weekday_of_an_undated_article_stays_unresolved():
    # Multi-News (Oscars, undated): "PwC ... said early Monday that Beatty and Dunaway had been
    # given the wrong envelope" was dated 2000-06-26, the Monday before the recognizer's base.
    early = _one("PwC said early Monday that Beatty had the wrong envelope.", None)
    assert (early.text, early.value, early.type) == ("early Monday", None, "unresolved")
    assert early.relative
    hedged_year = _one("Prices fell in early 2016.", None)
    assert (hedged_year.value, hedged_year.type) == ("2016", "approximate")


def _anaphor(text: str, expression: str, direction=None):
    start = text.index(expression)
    return anaphor(text, start, start + len(expression), direction)


@pytest.mark.parametrize(
    ("text", "expression", "direction", "counted"),
    [
        ("the 1992 demo, which they followed up a year later", "a year later", None, (1, "year")),
        ("Two days later, Scott went to the White House", "Two days later", "past", (2, "day")),
        ("down 3 weeks earlier", "3 weeks earlier", None, (-3, "week")),
        ("three decades later he revealed it", "three decades later", "past", (3, "decade")),
        ("The next day, Fitch downgraded AIG.", "The next day", "past", (1, "day")),
        ("on CD single the day after.", "the day after", "future", (1, "day")),
        ("The day after that, the president resigned.", "The day after", "past", (1, "day")),
        ("He died the previous day", "the previous day", "past", (-1, "day")),
        ("Completed the following year, these pieces", "following year", None, (1, "year")),
        # from the writing, not from a time named before
        ("the next week will be crucial", "the next week", None, None),
        ("decisions would be made in the next day or two", "the next day", "past", None),
        ("GDP would shrink 3.3 percent over the next year", "the next year", "past", None),
        ("up 68% compared with the previous year", "previous year", "past", None),
        ("he wanted to meet the day after the election", "the day after", "past", None),
        ("the day after tomorrow", "the day after", None, None),
        ("a following year's budget", "following year", "past", None),
        ("Later this year, the court will rule", "Later this year", "future", None),
        ("He will be back next week", "next week", "future", None),
    ],
)
def test_what_counts_from_a_time_named_before(text, expression, direction, counted):
    assert _anaphor(text, expression, direction) == counted


@pytest.mark.parametrize(
    ("anchor", "granularity", "count", "unit", "moved"),
    [
        ("1992", "year", 1, "year", ("1993", "year")),
        ("1974-08-05", "day", 2, "day", ("1974-08-07", "day")),
        ("2010-01-31", "day", -1, "week", ("2010-01-24", "day")),
        ("2004-05-05", "day", 1, "month", ("2004-06", "month")),  # "A month later": June
        ("2004-11", "month", 3, "month", ("2005-02", "month")),
        ("1972-06-17", "day", 3, "decade", ("2002", "year")),
        ("2004-06", "month", 2, "day", ("2004-06", "month")),  # no finer than the anchor
        ("2004-W05", "week", 1, "day", None),
    ],
)
def test_counting_from_an_anchor_is_told_no_finer_than_either(
    anchor, granularity, count, unit, moved
):
    assert counted_from(anchor, granularity, count, unit) == moved


@pytest.mark.slow
def test_a_time_in_a_clause_describing_a_noun_is_told_as_background():
    from dossier.annotate import load_pipeline
    from dossier.times.normalize import describes_a_noun

    nlp = load_pipeline()

    def background(text: str, word: str) -> bool:
        return describes_a_noun([t for t in nlp(text) if t.text == word])

    assert background("The FBI is investigating meetings Kushner had in December.", "December")
    assert background("The talks, which began in January, resumed on Monday.", "January")
    assert not background("The talks, which began in January, resumed on Monday.", "Monday")
    assert not background("Officials said on Tuesday that the attack killed 20.", "Tuesday")


@pytest.mark.slow
def test_a_time_set_before_a_noun_dates_that_noun():
    from dossier.annotate import load_pipeline
    from dossier.times.normalize import dated_noun, describes_a_noun

    nlp = load_pipeline()

    def noun(text: str, words: str) -> str | None:
        doc = nlp(text)
        first = text.index(words)
        tokens = [t for t in doc if first <= t.idx < first + len(words)]
        found = dated_noun(tokens)
        return None if found is None else found.text

    def background(text: str, words: str) -> bool:
        first = text.index(words)
        return describes_a_noun([t for t in nlp(text) if first <= t.idx < first + len(words)])

    accord = "Eastern Ghouta, which according to a September 15 accord between Russia, Turkey "
    accord += "and Iran, is a de-escalation zone."
    assert noun(accord, "September 15") == "accord"
    assert background(accord, "September 15")  # in a clause on Eastern Ghouta
    communique = "The talks rest on the June 2012 Geneva Communiqué of the Action Group."
    assert noun(communique, "June 2012") == "Communiqué"
    assert not background(communique, "June 2012")  # set before a noun: no background
    # a clause on a noun, as before
    assert noun("The FBI is investigating meetings Kushner had in December.", "December") == (
        "meetings"
    )
    # a part of the day, a possessive and a plain adverbial date no noun
    assert noun("Rebels attacked on Monday morning.", "Monday") is None
    assert noun("Sunday's vote was peaceful.", "Sunday") is None
    assert noun("Officials met on Monday to discuss the crisis.", "Monday") is None


@pytest.mark.parametrize(
    ("text", "expression", "known"),
    [
        # IraqWar_guardian: "mobilised ... in January 2003 , and demobilised in September
        # that year", read as September 2005 from the publication date
        ("and demobilised in September that year .", "September that year", "XXXX-09"),
        # H1N1_reuters: SARS "a pandemic in March 2003 . By June of that year , ..."
        ("By June of that year , it had lifted an advisory .", "By June of that year", "XXXX-06"),
        ("ratified on June 10 of the same year .", "June 10 of the same year", "XXXX-06-10"),
    ],
)
def test_a_month_in_the_year_named_before_waits_for_that_year(text, expression, known):
    found = _one(text, dt.date(2005, 11, 14), "past")
    assert (found.text, found.value, found.in_time_before) == (expression, None, known)


def test_days_joined_before_that_year_are_both_in_it():
    # bpoil_guardian: "Straw was lobbied on 15 October and 9 November that year", the year
    # being 2007, named two sentences before
    found = readings(
        "Straw was lobbied on 15 October and 9 November that year by Sir Mark Allen .",
        dt.date(2010, 7, 15),
    )
    assert [(r.text, r.in_time_before) for r in found] == [
        ("15 October", "XXXX-10-15"),
        ("9 November that year", "XXXX-11-09"),
    ]


@pytest.mark.parametrize(
    ("text", "expression", "known"),
    [
        ("North American carriers saw traffic fall by 3.7 percent that year .", "that year",
         "XXXX"),
        ("Earlier that month , Duelfer had handed me a paper .", "Earlier that month",
         "XXXX-XX"),
        ("Later on the same day , another official recognised the risks .",
         "Later on the same day", "XXXX-XX-XX"),
    ],
)  # fmt: skip
def test_that_year_alone_is_the_year_named_before(text, expression, known):
    found = _one(text, dt.date(2009, 4, 28))
    assert (found.text, found.type, found.in_time_before) == (expression, "unresolved", known)


@pytest.mark.parametrize(
    "text",
    [
        # EgyptianProtest_cnn: "the violent images of that day", a day the text never dates
        "The violent images of that day helped scare the last tourists away .",
        # Finan_washingtonpost: "compared with the same month last year"
        "Production was down 7.7 percent compared with the same month last year .",
        # EgyptianProtest_cnn: counted from an event, not from a time
        "Mubarak steps down on the same day that the Iranian government was overthrown .",
        "Bonuses are paid at year-end , and that year-end payout is large .",
    ],
)
def test_that_day_alone_and_the_same_time_of_something_else_are_not_told_from_before(text):
    assert not [r for r in readings(text, dt.date(2011, 2, 11)) if r.in_time_before]


def test_that_year_goes_on_in_the_narrative_but_the_same_day_as_another_does_not():
    # H1N1_guardian: "about 3 million to 4 million people died that year because of ..."
    found = readings("About 3 million people died that year in the pandemic .", None)
    assert [(r.text, r.in_time_before) for r in found] == [("that year", "XXXX")]
    for text in (
        "He resigned on the same day the government fell .",
        "Mubarak steps down on the same day in 1979 .",
    ):
        assert not [r for r in readings(text, dt.date(2011, 2, 11)) if r.in_time_before], text
