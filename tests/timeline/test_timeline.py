"""Timeline construction from dated sentences (real sentences from the seed articles)."""

from __future__ import annotations

import datetime as dt

from dossier.model import Article, Sentence, TimeExpression
from dossier.timeline import (
    DatedSentence,
    DateRef,
    build_timeline,
    choose_events,
    dated_sentences,
    embedded_posts,
    key_terms,
    parse_value,
    rank_dates,
)

D = dt.date


MAY_2 = D(2016, 5, 2)


def sentence(article, start, text, refs=(), position=3, published=MAY_2):
    return DatedSentence(article, start, start + len(text), text, position, published, list(refs))


def ref(date, future=False, granularity="day"):
    return DateRef(date, granularity, True, future)


CEASEFIRE = [
    sentence("a", 0, "A cessation of hostilities took effect in Syria on February 27 after "
             "weeks of talks.", [ref(D(2016, 2, 27))]),
    sentence("b", 10, "The cessation of hostilities that took effect on February 27 has "
             "largely collapsed in Aleppo.", [ref(D(2016, 2, 27))]),
    sentence("c", 5, "Russia and the United States brokered the truce that began on "
             "February 27.", [ref(D(2016, 2, 27))]),
]  # fmt: skip
TALKS = [
    sentence("a", 200, "The International Syria Support Group will meet on Tuesday in "
             "Vienna to try to restore the truce.", [ref(D(2016, 5, 17), future=True)]),
]  # fmt: skip


def test_the_best_supported_date_comes_first_and_entries_read_in_date_order():
    entries = build_timeline(CEASEFIRE + TALKS, n_dates=1)
    assert [e.date for e in entries] == ["2016-02-27"]
    entries = build_timeline(CEASEFIRE + TALKS, n_dates=5)
    assert [e.date for e in entries] == ["2016-02-27", "2016-05-17"]


def test_one_event_told_by_several_sources_is_one_item_group_not_three_entries():
    entry = build_timeline(CEASEFIRE, n_dates=3, per_date=1)[0]
    # The first item is the headline sentence; the others are the same event in other articles.
    assert entry.headline == entry.items[0].text
    assert len({item.article for item in entry.items}) == len(entry.items) >= 2


def test_events_of_a_date_are_distinct_with_their_copies_kept_as_support():
    other = sentence("d", 40, "Aid convoys reached the besieged town of Madaya on February 27 "
                     "for the first time in months.", [ref(D(2016, 2, 27))])  # fmt: skip
    # another source on the convoys: they are a thread of the story too
    undated = sentence("e", 0, "Aid convoys to Madaya had been blocked since October.")
    # a and b tell the truce in nearly the same words: one event, cited twice.
    told = CEASEFIRE[:2] + [other, undated]
    [day] = choose_events(told, n_dates=1, per_date=2)
    assert [[s.article for s in event] for event in day.events] == [["a", "b"], ["d"]]
    entry = build_timeline(told, n_dates=1, per_date=2)[0]
    assert [item.article for item in entry.items] == ["a", "b", "d"]


def test_future_only_dates_are_planned_and_reported_dates_happened():
    entries = {e.date: e for e in build_timeline(CEASEFIRE + TALKS, n_dates=5)}
    assert entries["2016-05-17"].status == "planned"
    assert entries["2016-02-27"].status == "happened"
    assert entries["2016-02-27"].type == "exact"


def test_a_planned_date_is_not_planned_once_a_later_article_exists():
    later = sentence("d", 0, "Fighting went on in Aleppo as diplomats gathered in Vienna.",
                     published=D(2016, 5, 20))  # fmt: skip
    entries = {e.date: e for e in build_timeline(CEASEFIRE + TALKS + [later], n_dates=5)}
    assert entries["2016-05-17"].status == "happened"


def test_undated_lead_sentences_vote_for_their_publication_day_as_approximate():
    lead = sentence("e", 0, "Syrian rebels fought back against government forces near Aleppo "
                    "on the edge of the city.", position=0, published=D(2016, 4, 20))  # fmt: skip
    entries = build_timeline([lead], n_dates=2)
    assert entries[0].date == "2016-04-20" and entries[0].type == "approximate"


def test_a_month_named_is_exact_at_month_granularity_and_a_hedged_one_approximate():
    named = sentence("a", 0, "The talks rest on the June 2012 Geneva Communique.",
                     [ref(D(2012, 6, 1), granularity="month")])  # fmt: skip
    hedged = sentence("b", 0, "Several men set themselves on fire earlier in the month.",
                      [DateRef(D(2016, 1, 1), "month", False, False)])  # fmt: skip
    entries = {e.date: e for e in build_timeline([named, hedged], n_dates=2)}
    assert (entries["2012-06"].granularity, entries["2012-06"].type) == ("month", "exact")
    assert (entries["2016-01"].granularity, entries["2016-01"].type) == ("month", "approximate")


def test_a_stretch_opening_on_a_named_date_is_a_range_entry_and_a_vague_one_no_date():
    text = ("The war has killed 260,000 people since March 2011. The storm season runs "
            "from June 1 to November 30. Fighting raged over the last few days.")  # fmt: skip
    cuts = [0, text.index("The storm"), text.index("Fighting"), len(text)]
    article = Article(
        id="a1", path="x", format="text", language="en", text=text, published=D(2016, 5, 2),
        sentences=[Sentence(start=a, end=b - 1 if b < len(text) else b)
                   for a, b in zip(cuts, cuts[1:], strict=False)],
    )  # fmt: skip

    def stretch(phrase, value, end):
        at = text.index(phrase)
        return TimeExpression(article="a1", start=at, end=at + len(phrase), text=phrase,
                              value=value, value_end=end, granularity=("month" if len(value) == 7
                              else "day"), type="range")  # fmt: skip

    times = [
        stretch("since March 2011", "2011-03", None),
        stretch("from June 1 to November 30", "2016-06-01", "2016-11-30"),
        stretch("the last few days", "2016-04-28", "2016-05-02"),
    ]
    sentences = dated_sentences([article], times)
    assert [len(s.refs) for s in sentences] == [1, 1, 0]
    entries = {e.date: e for e in build_timeline(sentences, n_dates=5)}
    assert set(entries) == {"2011-03", "2016-06-01"}
    assert (entries["2011-03"].type, entries["2011-03"].end) == ("range", None)
    assert (entries["2016-06-01"].type, entries["2016-06-01"].end) == ("range", "2016-11-30")
    assert entries["2016-06-01"].status == "planned"


def test_a_date_named_as_a_point_anywhere_is_that_point_not_a_range():
    point = sentence("a", 0, "The truce took effect on February 27.", [ref(D(2016, 2, 27))])
    since = sentence("b", 0, "Since February 27, the truce has mostly held.",
                     [DateRef(D(2016, 2, 27), "day", False, False, ranged=True)])  # fmt: skip
    entry = build_timeline([point, since], n_dates=1)[0]
    assert (entry.date, entry.type, entry.end) == ("2016-02-27", "exact", None)


def test_span_restricts_the_dates():
    entries = build_timeline(CEASEFIRE + TALKS, n_dates=5, span=(D(2016, 5, 1), D(2016, 5, 31)))
    assert [e.date for e in entries] == ["2016-05-17"]


def test_key_terms_are_the_content_words_the_most_articles_use():
    # five words are in two articles each (ties go to the word); stop words and calendar
    # words ("February") never count
    assert key_terms(CEASEFIRE + TALKS, count=3) == {"cessation", "effect", "hostiliti"}
    assert "february" not in key_terms(CEASEFIRE + TALKS, count=50)
    assert key_terms([]) == set()
    # every word of a one-article story would tie: none is a key term, every date counts
    assert key_terms(CEASEFIRE[:1] + TALKS) == set()


def test_treebank_bracket_escapes_are_not_key_terms():
    """Tokenized corpora (Timeline17 among them) write brackets as -LRB- and -RRB-; in a
    story full of parentheses they would otherwise be its most widely used words."""
    bracketed = [
        sentence(article, 0, f"Talks -LRB- in Geneva -RRB- resumed -LSB- again -RSB- {aside}.")
        for article, aside in zip("vwxyz", ("today", "at noon", "as planned", "late", "anew"),
                                  strict=True)
    ]
    terms = key_terms(bracketed, count=3)
    assert not terms & {"lrb", "rrb", "lsb", "rsb"}
    assert terms == {"geneva", "resum", "talk"}


def test_a_line_every_page_of_a_site_prints_gives_no_key_term():
    sidebar = "The pun - ancient artform, or the lowest form of wit?"
    story = [
        *(sentence(article, 900, sidebar) for article in "vwx"),
        sentence("v", 0, "The oil spill reached the Louisiana coast."),
        sentence("w", 0, "BP said the oil spill would be capped within days."),
    ]
    terms = key_terms(story, count=3)
    assert not terms & {"pun", "ancient", "artform", "wit"}
    assert {"oil", "spill"} <= terms
    # two sources printing one sentence word for word is syndication, still the story's
    syndicated = [sentence(article, 0, sidebar) for article in "vw"]
    assert "pun" in key_terms(syndicated)


def test_dates_named_on_topic_rank_before_dates_named_in_passing():
    passing = [
        sentence(article, 300, "What to do on Thursday?", [ref(D(2016, 5, 5))])
        for article in "defg"
    ]
    story = [*CEASEFIRE, *passing]
    terms = key_terms(story, count=3)
    assert [(d, g) for d, g, _ in rank_dates(story, terms)] == [
        (D(2016, 2, 27), "day"),
        (D(2016, 5, 5), "day"),  # still ranked, last: nothing on topic names it
    ]
    assert [e.date for e in build_timeline(story, n_dates=1)] == ["2016-02-27"]


def test_a_date_tells_what_is_on_topic_before_what_is_not():
    off_topic = sentence("e", 0, "Readers can sign up to our daily email bulletin on February "
                         "27 for free.", [ref(D(2016, 2, 27))])  # fmt: skip
    more = [
        sentence(article, 0, "Russia and the United States said the cessation of hostilities "
                 "took effect in Aleppo on February 27 after talks in Geneva.",
                 [ref(D(2016, 2, 27))])
        for article in ("f", "g")
    ]  # fmt: skip
    story = [off_topic, *CEASEFIRE, *more, *TALKS]
    assert "bulletin" not in key_terms(story)
    entry = choose_events(story, n_dates=1, per_date=3)[0]
    told = [event[0].text for event in entry.events]
    assert told and off_topic.text not in told
    # a date where nothing names a key term still gets its best sentence
    from dossier.timeline import _on_topic

    assert _on_topic([(off_topic, 1.0)], {"cessation"}) == [(off_topic, 1.0)]
    assert _on_topic([(off_topic, 1.0), (more[0], 1.0)], {"cessation"}) == [(more[0], 1.0)]


SEPT_15 = D(2017, 9, 15)
ACCORD = ("He also pointed the finger at Russia and Iran over their inability to enforce a "
          "ceasefire in Eastern Ghouta, included in a September 15 accord.")  # fmt: skip


def test_a_headline_reads_alone_without_its_opening_connective():
    told = sentence("a", 0, "Meanwhile, Russia, Turkey and Iran agreed on September 15 to set "
                    "up de-escalation zones.", [ref(SEPT_15)])  # fmt: skip
    entry = build_timeline([told], n_dates=1)[0]
    assert entry.headline == (
        "Russia, Turkey and Iran agreed on September 15 to set up de-escalation zones."
    )
    assert entry.items[0].text == told.text  # the citation is the sentence as written
    # a run of them (a Multi-News Oscars story)
    run = sentence("a", 0, "And, indeed, in every other category where Moonlight and La La "
                   "Land faced off, Moonlight lost.", [ref(SEPT_15)])  # fmt: skip
    assert build_timeline([run], n_dates=1)[0].headline.startswith("In every other category")


def test_a_headline_that_opens_on_a_pronoun_is_another_sources_telling_or_names_who():
    leaning = sentence("a", 500, ACCORD, [ref(SEPT_15)])
    # alone and with no one to name, the sentence is the headline as it is
    assert build_timeline([leaning], n_dates=1)[0].headline == ACCORD

    def name_of(article, start, end):
        return "Alexandre Giorgini" if (article, start, end) == ("a", 500, 502) else None

    entry = build_timeline([leaning], n_dates=1, name_of=name_of)[0]
    assert entry.headline == "[Alexandre Giorgini]" + ACCORD[2:]
    assert entry.items[0].text == ACCORD
    # another source telling the same event on its own comes first
    other = sentence("b", 0, "France pointed the finger at Russia and Iran over their inability "
                     "to enforce a ceasefire in Eastern Ghouta, under a September 15 accord.",
                     [ref(SEPT_15)])  # fmt: skip
    entry = build_timeline([leaning, other], n_dates=1, per_date=1, name_of=name_of)[0]
    assert entry.headline == other.text
    assert {item.article for item in entry.items} == {"a", "b"}
    # "On Friday, he ..." leans just the same; a question asks rather than tells
    late = sentence("c", 0, "On September 15, he pointed the finger at Russia and Iran over "
                    "the ceasefire in Eastern Ghouta.", [ref(SEPT_15)])  # fmt: skip
    asked = sentence("d", 0, "Will the September 15 accord hold a ceasefire in Eastern Ghouta?",
                     [ref(SEPT_15)])  # fmt: skip
    from dossier.timeline import _standalone

    assert _standalone(late.text) is None and _standalone(asked.text) is None
    assert _standalone("And on Sunday , he urged the president to leave .") is None
    assert _standalone("in Cairo as the president said he would go.") is None
    assert _standalone(other.text) == other.text
    # a video page's menu line (Multi-News, the Tonight Show) and a teaser are no headline
    menu = "Watch The Tonight Show Starring Jimmy Fallon Weeknights 11:35/10:35c"
    assert _standalone(menu) is None
    assert _standalone("As for why Khloe was even invited to the White House ...") is None


def test_empty_story_gives_an_empty_timeline():
    assert build_timeline([]) == []


def test_parse_value_keeps_days_and_months_only():
    assert parse_value("2016-02-27") == (D(2016, 2, 27), "day")
    assert parse_value("2016-02") == (D(2016, 2, 1), "month")
    assert parse_value("2016") is None and parse_value("2016-W08") is None
    assert parse_value("2016-02-30") is None and parse_value(None) is None


def test_dated_sentences_cite_exact_spans_and_skip_duplicates():
    text = "The truce began on February 27. It collapsed in April."
    article = Article(
        id="a1", path="x", format="text", language="en", text=text, published=D(2016, 5, 2),
        sentences=[Sentence(start=0, end=31), Sentence(start=32, end=len(text))],
    )  # fmt: skip
    copy = article.model_copy(update={"id": "a2", "duplicate_of": "a1"})
    times = [
        TimeExpression(article="a1", start=19, end=30, text="February 27", value="2016-02-27",
                       granularity="day", type="exact"),
        TimeExpression(article="a1", start=48, end=53, text="April", value="2016-04",
                       granularity="month", type="approximate"),
    ]  # fmt: skip
    sentences = dated_sentences([article, copy], times)
    assert [s.article for s in sentences] == ["a1", "a1"]
    assert all(s.text == text[s.start : s.end] for s in sentences)
    assert sentences[0].refs[0].date == D(2016, 2, 27)
    assert sentences[1].refs[0].granularity == "month"
    entry = build_timeline(sentences, n_dates=1)[0]
    assert entry.items[0].text == text[entry.items[0].start : entry.items[0].end]


def test_a_lead_sentence_after_one_naming_a_past_day_reports_that_day():
    """"The United States called on Friday ..." then the statement that call was: one event on
    Friday, not a second one on the publication day."""
    text = (
        "The United States called on Friday on the regime to negotiate in Geneva. "
        "In a statement, a spokeswoman said the regime must negotiate in Geneva."
    )
    cut = text.index("In a")
    article = Article(
        id="a1", path="x", format="text", language="en", text=text, published=D(2017, 12, 16),
        sentences=[Sentence(start=0, end=cut - 1), Sentence(start=cut, end=len(text))],
    )  # fmt: skip
    friday = text.index("Friday")
    times = [
        TimeExpression(article="a1", start=friday, end=friday + 6, text="Friday",
                       value="2017-12-15", granularity="day", type="exact"),
    ]  # fmt: skip
    sentences = dated_sentences([article], times)
    assert sentences[1].lead_day == D(2017, 12, 15)
    entries = build_timeline(sentences, n_dates=3)
    assert [e.date for e in entries] == ["2017-12-15"]
    assert [item.start for item in entries[0].items] == [0, cut]
    # without a day in the lead, the publication day it is
    no_day = dated_sentences([article], [])
    assert no_day[1].lead_day is None
    assert [e.date for e in build_timeline(no_day, n_dates=3)] == ["2017-12-16"]
    # an undated article's lead votes for nothing it does not name: "Friday" might lie ahead
    undated = article.model_copy(update={"published": None})
    assert [s.lead_day for s in dated_sentences([undated], times)] == [None, None]


def test_a_date_that_describes_a_noun_is_a_weaker_telling_of_it():
    """A Multi-News MH370 build headed the crash day with 'An air search ... resumed on
    Friday, seeking ... debris from a Malaysian jetliner presumed to have crashed ...'."""
    crash, search = D(2014, 3, 8), D(2014, 3, 21)
    told = sentence("a", 0, "Flight MH370 vanished from civilian radar over the sea.", [ref(crash)])
    background = sentence(
        "b", 0, "An air search resumed on Friday, seeking debris from the Malaysia Airlines "
        "flight MH370 that vanished from radar on March 8.",
        [ref(search), DateRef(crash, "day", True, False, background=True)],
    )  # fmt: skip
    # the report of the day heads it, though the other sentence is the more central
    [day] = choose_events([background, told], n_dates=1, per_date=1)
    assert day.date == crash and [s.article for e in day.events for s in e] == ["a"]
    # the vote counts in full: two articles name the crash day, one the search's
    entries = build_timeline([told, background], n_dates=2, per_date=1)
    assert [e.date for e in entries] == ["2014-03-08", "2014-03-21"]
    # and a date named only so still has its entry ("the September 15 accord")
    assert "2014-03-08" in [e.date for e in build_timeline([background], n_dates=2)]


SEPTEMBER_15 = D(2017, 9, 15)
GIORGINI = (
    "He also pointed the finger at Russia and Iran, who both back Assad, over their inability "
    "to enforce a ceasefire in Eastern Ghouta, which according to a September 15 accord "
    "between Russia, Turkey and Iran, is included among several de-escalation zones."
)


def _accord(start: int = 100) -> DatedSentence:
    """The seeds' December 2017 report names the accord's day only in describing it."""
    phrase = GIORGINI.index("a September 15 accord")
    noun = (start + phrase, start + GIORGINI.index(", is included"))
    accord = DateRef(SEPTEMBER_15, "day", True, False, background=True, noun=noun)
    return sentence("a", start, GIORGINI, [accord])


def test_a_date_named_only_in_describing_a_noun_is_headed_by_that_noun():
    """The seeds' timeline gave 2017-09-15 to '[Alexandre Giorgini] also pointed the finger
    ...', which he did in December."""
    [entry] = build_timeline([_accord()], n_dates=1)
    assert entry.date == "2017-09-15"
    assert entry.headline == "A September 15 accord between Russia, Turkey and Iran"
    # the item cites the whole sentence it comes from
    assert [item.text for item in entry.items] == [GIORGINI]
    # a source that reports the day itself heads it instead
    signed = sentence("b", 0, "Russia, Turkey and Iran agreed on four de-escalation zones "
                      "in Astana on Friday.", [ref(SEPTEMBER_15)])  # fmt: skip
    [entry] = build_timeline([_accord(), signed], n_dates=1, per_date=1)
    assert entry.headline.startswith("Russia, Turkey and Iran agreed")


def test_a_date_set_before_a_noun_heads_with_that_noun_only_when_the_sentence_tells_another():
    june_25, friday = D(2009, 6, 25), D(2009, 8, 28)
    ruled = "Michael Jackson's June 25 death was ruled a homicide by the coroner on Friday."
    noun = (0, ruled.index(" was ruled"))
    told = [DateRef(june_25, "day", True, False, noun=noun), ref(friday)]
    [entry] = build_timeline([sentence("a", 0, ruled, told)], n_dates=1)
    assert entry.date == "2009-06-25" and entry.headline == "Michael Jackson's June 25 death"
    # the sentence reports the crash itself: told whole
    crash = "The June 25 crash of the airliner killed 50 people near the coast."
    noun = (0, crash.index(" killed"))
    told = [DateRef(june_25, "day", True, False, noun=noun)]
    [entry] = build_timeline([sentence("a", 0, crash, told)], n_dates=1)
    assert entry.headline == crash


def test_a_noun_phrase_headline_drops_a_quotation_mark_it_cut_in_two():
    text = "Aleppo was spared the bombing under the February 27 “cessation of hostilities” deal."
    start = text.index("the February")
    noun = (start, text.index("” deal"))
    told = sentence("a", 0, text, [DateRef(D(2016, 2, 27), "day", True, False, True, noun)])
    [entry] = build_timeline([told], n_dates=1)
    assert entry.headline == "The February 27 cessation of hostilities"


def test_a_background_expression_brings_its_noun_phrase_into_the_sentence():
    text = "Talks resumed. A September 15 accord between Russia, Turkey and Iran set four zones."
    phrase = (text.index("A September"), text.index(" set four"))
    sentences = [Sentence(start=0, end=14), Sentence(start=15, end=len(text))]
    article = Article(id="a", path="a.txt", format="text", language="en", text=text,
                      published=D(2017, 12, 16), sentences=sentences)  # fmt: skip
    at = text.index("September 15")
    times = [TimeExpression(article="a", start=at, end=at + 12, text="September 15",
                            value="2017-09-15", granularity="day", type="exact",
                            background=True, noun_start=phrase[0], noun_end=phrase[1])]  # fmt: skip
    second = dated_sentences([article], times)[1]
    assert second.refs[0].noun == phrase
    # a phrase reaching past its sentence is not taken (offsets from another reading)
    times[0] = times[0].model_copy(update={"noun_start": 0})
    assert dated_sentences([article], times)[1].refs[0].noun is None


def test_a_piece_of_a_sentence_tells_no_date():
    piece = sentence("a", 0, "in Donetsk on March 13.", [ref(D(2014, 3, 13))])
    other = sentence("b", 0, "Pro-Russian activists clashed with police in Donetsk on Thursday.",
                     [ref(D(2014, 3, 13))])  # fmt: skip
    assert build_timeline([piece], n_dates=1) == []
    [entry] = build_timeline([piece, other], n_dates=1)
    assert [i.article for i in entry.items] == ["b"]
    # a citation standing alone (Multi-News, Blagojevich's motion); a lead that opens on its
    # source's name in brackets is no parenthesis
    cited = sentence("c", 0, "(Labor union official 302, February 3, 2009 p. 3).",
                     [ref(D(2009, 2, 3))])  # fmt: skip
    assert build_timeline([cited], n_dates=1) == []
    linked = sentence("e", 0, "Stunt man - https://instagram.com/jedidiahhuie/ on February 3.",
                      [ref(D(2009, 2, 3))])  # fmt: skip
    assert build_timeline([linked], n_dates=1) == []
    # cut before the bracket it opens (Timeline17, Reuters on H1N1)
    opened = sentence("h", 0, "Monday , the World Heath Organization -LRB-", [ref(D(2009, 2, 3))])
    assert build_timeline([opened], n_dates=1) == []
    # cut inside a parenthesis (Timeline17: the BBC on Haiti, Reuters after "(BP.L)"); what
    # follows a credit the splitter cut off is whole (the Washington Post)
    for inside in ("USAID -RRB- said on Monday that American teams had pulled 10 people alive .",
                   "L -RRB- said on Thursday it stopped the flow of oil into the Gulf ."):
        assert build_timeline([sentence("i", 0, inside, [ref(D(2009, 2, 3))])], n_dates=1) == []
    credited = sentence("j", 0, "Evan Vucci - AP -RRB- President Bush announced plans yesterday "
                        "to host an emergency summit .", [ref(D(2009, 2, 3))])  # fmt: skip
    [entry] = build_timeline([credited], n_dates=1)
    assert entry.headline.startswith("President Bush announced")
    # other sites' headlines, each with its age (Timeline17, the BBC on Haiti)
    listed = sentence("f", 0, "Haiti begs for more aid - 11 hrs ago Telegraph West urged to "
                      "write off Haiti 's debt - 17 hrs ago The Scotsman .", [ref(D(2009, 2, 3))])
    assert build_timeline([listed], n_dates=1) == []
    told = sentence("g", 0, "The speech was live on CNN just 20 minutes ago on February 3.",
                    [ref(D(2009, 2, 3))])  # fmt: skip
    assert len(build_timeline([told], n_dates=1)) == 1
    lead = sentence("d", 0, "(CNN) -- Rebels took the airport in Donetsk on February 3.",
                    [ref(D(2009, 2, 3))])  # fmt: skip
    assert len(build_timeline([lead], n_dates=1)) == 1


def test_a_sentence_syndicated_on_two_days_tells_one_date_and_the_next_date_fills_in():
    text = "Negotiators in Geneva agreed today on a cessation of hostilities across Syria."
    # the same report published on two days: "today" is each one's publication day
    copies = [
        sentence(article, 0, text, [ref(day)])
        for article, day in (("a", D(2016, 2, 12)), ("b", D(2016, 2, 12)), ("c", D(2016, 2, 13)))
    ]
    other = sentence("d", 0, "Aid convoys reached the besieged town of Madaya on February 17.",
                     [ref(D(2016, 2, 17))])  # fmt: skip
    entries = build_timeline([*copies, other], n_dates=2)
    assert [e.date for e in entries] == ["2016-02-12", "2016-02-17"]
    assert {item.article for item in entries[0].items} == {"a", "b"}


def test_a_sentence_edited_in_another_edition_tells_one_date_too():
    """The Egypt story (Timeline17, CNN) headed both January 31 and February 1 with "Protesters
    (who were) gathered in Cairo's Tahrir Square said Monday that they were organizing a
    'million man march' around Cairo for Tuesday", one copy on each date."""
    said, planned = D(2011, 1, 31), D(2011, 2, 1)
    copies = [
        sentence("a", 0, "Protesters who were gathered in Cairo's Tahrir Square said Monday "
                 "that they were organizing a million man march around Cairo for Tuesday.",
                 [ref(said), ref(planned)]),
        sentence("b", 0, "Protesters who were gathered in Cairo's Tahrir Square said Monday "
                 "that they were organizing a million man march around Cairo for Tuesday.",
                 [ref(said), ref(planned)]),
        # the update's copy, further down the same page
        sentence("a", 900, "Protesters gathered in Cairo's Tahrir Square said Monday that they "
                 "were organizing a million man march around Cairo for Tuesday.",
                 [ref(said), ref(planned)]),
    ]  # fmt: skip
    march = sentence("d", 0, "Hundreds of thousands of protesters marched through Cairo on "
                     "Tuesday demanding that Mubarak leave.", [ref(planned)])  # fmt: skip
    cabinet = sentence("e", 0, "Mubarak swore in a new cabinet in Cairo on Monday as protesters "
                       "massed in Tahrir Square.", [ref(said)])  # fmt: skip
    entries = build_timeline([*copies, march, cabinet], n_dates=2, per_date=1)
    assert [e.date for e in entries] == ["2011-01-31", "2011-02-01"]
    assert sum("million man march" in e.headline for e in entries) == 1


def test_an_embedded_post_is_no_evidence_of_a_date_nor_an_item():
    """An Oscars build's timeline had an entry for a tweet's posting date, headed "Summary:
    Deserved win ... — Ryan Seacrest (@RyanSeacrest) February 27, 2017"; the post is its
    paragraph, however many sentences it splits into."""
    news = "PwC apologized on February 27 for the envelope mix-up."
    post = (
        "Deserved win by Moonlight. Gracious concession on February 26 by La La Land. #Oscars "
        "— Ryan Seacrest (@RyanSeacrest) February 27, 2017"
    )
    text = f"{news}\n\n{post}"
    cut = len(news) + 2
    second = cut + post.index("Gracious")
    article = Article(
        id="a1", path="x", format="text", language="en", text=text, published=D(2017, 2, 28),
        sentences=[Sentence(start=0, end=len(news)), Sentence(start=cut, end=second - 1),
                   Sentence(start=second, end=len(text))],
    )  # fmt: skip
    times = [
        TimeExpression(article="a1", start=start, end=start + 11, text=text[start : start + 11],
                       value=text[start : start + 11].replace("February ", "2017-02-"),
                       granularity="day", type="exact")
        for start in (text.index("February 27"), text.index("February 26"))
    ]  # fmt: skip
    sentences = dated_sentences([article], times)
    assert [s.start for s in sentences] == [0]
    assert [item.start for e in build_timeline(sentences, n_dates=2) for item in e.items] == [0]
    # text never split into paragraphs loses only the signature's sentence
    blob = "The talks went on for days. " * 40 + "— A. Reporter (@areporter) June 20, 2017"
    assert embedded_posts(blob) == [(blob.index("(@"), len(blob))]


def test_a_readers_comment_is_no_evidence_of_a_date():
    """T17 Finan_washingtonpost and IraqWar_guardian pages carry their comment threads, each
    comment signed with the day it was written."""
    thread = (
        "We make money the old fashioned way. Posted by : Nclwtk | September 17 , 2008 10:53 AM "
        "| Report abuse Far too much is being made of it."
    )
    assert embedded_posts(thread) == [(0, thread.index(" 10:53"))]  # the comment is its paragraph
    talkboard = "The war was a mistake.\nPosted by irritant on April 16 , 2005 03:12 PM ."
    assert [talkboard[s:e] for s, e in embedded_posts(talkboard)] == [
        "Posted by irritant on April 16 , 2005"
    ]
    assert embedded_posts("The bill was posted by the clerk on May 2, 2008.") == []
    # the BBC's comments open on their signature
    blog = "Aid is arriving.\nAt 4:55 pm on 21 Jan 2010 , WebAlice wrote : And how can you compare?"
    assert [blog[s:e] for s, e in embedded_posts(blog)] == [
        "At 4:55 pm on 21 Jan 2010 , WebAlice wrote :"
    ]
    other = "At 6:53 P.M. on Jan 13 , 2010 , Jessica Clark wrote : My heartfelt condolences ."
    assert embedded_posts(other) == [(0, other.index(" My"))]
    assert embedded_posts("At 4:55 pm on 21 Jan 2010 , the envoy wrote to the council .") == []


def test_a_photo_caption_is_no_evidence_of_a_date():
    """A Multi-News Stormy Daniels build's timeline opened on the day a file photo was taken."""
    caption = "FILE - In this Feb. 11, 2007, file photo, Stormy Daniels arrives at the Grammys."
    news = "The lawsuit says the agreement of Oct. 28, 2016, is invalid."
    text = f"{caption}\n\n{news}"
    cut = len(caption) + 2
    article = Article(
        id="a1", path="x", format="text", language="en", text=text, published=D(2018, 3, 7),
        sentences=[Sentence(start=0, end=len(caption)), Sentence(start=cut, end=len(text))],
    )  # fmt: skip
    times = [
        TimeExpression(article="a1", start=13, end=27, text="Feb. 11, 2007", value="2007-02-11",
                       granularity="day", type="exact"),
        TimeExpression(article="a1", start=cut + 30, end=cut + 43, text="Oct. 28, 2016",
                       value="2016-10-28", granularity="day", type="exact"),
    ]  # fmt: skip
    assert [s.start for s in dated_sentences([article], times)] == [cut]


def test_the_sentences_after_a_caption_in_its_paragraph_are_caption_too():
    """A Multi-News Kushner build's timeline had 'But he told The Associated Press on
    Tuesday,... (Associated Press)', the end of an AP caption, for a headline."""
    caption = (
        "FILE - In this May 20, 2017 file photo, U.S. Rep. Jason Chaffetz waves in Sandy, Utah. "
        "But he told The Associated Press on Tuesday,... (Associated Press)"
    )
    news = "Chaffetz canceled a hearing scheduled for Wednesday after Comey declined to testify."
    text = f"{caption}\n\n{news}"
    second = caption.index("But")
    cut = len(caption) + 2
    article = Article(
        id="a1", path="x", format="text", language="en", text=text, published=D(2017, 5, 19),
        sentences=[Sentence(start=0, end=second - 1), Sentence(start=second, end=len(caption)),
                   Sentence(start=cut, end=len(text))],
    )  # fmt: skip
    tuesday = caption.index("Tuesday")
    wednesday = cut + news.index("Wednesday")
    times = [
        TimeExpression(article="a1", start=tuesday, end=tuesday + 7, text="Tuesday",
                       value="2017-05-16", granularity="day", type="exact"),
        TimeExpression(article="a1", start=wednesday, end=wednesday + 9, text="Wednesday",
                       value="2017-05-17", granularity="day", type="exact"),
    ]  # fmt: skip
    assert [s.start for s in dated_sentences([article], times)] == [cut]


def _undated(text: str, first_end: int, earliest: dt.date, latest: dt.date) -> Article:
    """An undated article of two sentences, the first ending at `first_end`, dated only by
    an inferred range."""
    from dossier.model import DateRange

    return Article(
        id="a1", path="x", format="text", language="en", text=text, published=None,
        published_range=DateRange(earliest=earliest, latest=latest, reason="r"),
        sentences=[Sentence(start=0, end=first_end), Sentence(start=first_end + 1, end=len(text))],
    )  # fmt: skip


def test_an_undated_articles_day_within_its_inferred_range_is_not_planned():
    """A Multi-News build (a Baltimore lawyer's case) marked "... called Vasiliades a few
    weeks later" planned: the report was dated only by a range from 23 March to 22 May, and
    its days after 23 March counted as ahead of it."""
    text = "The husband called him a few weeks later. The trial will open on June 30."
    article = _undated(text, 41, D(2016, 3, 23), D(2016, 5, 22))
    times = [
        TimeExpression(article="a1", start=26, end=40, text="a few weeks later",
                       value="2016-04-15", granularity="day", type="approximate"),
        TimeExpression(article="a1", start=text.index("June"), end=len(text) - 1,
                       text="June 30", value="2016-06-30", granularity="day", type="exact"),
    ]  # fmt: skip
    sentences = dated_sentences([article], times, reference_date=lambda a: D(2016, 3, 23))
    assert [[r.future for r in s.refs] for s in sentences] == [[False], [True]]


def test_an_undated_articles_lead_is_not_dated_by_the_day_inferred_for_it():
    """A Multi-News build (Gone with the Wind at 75) dated a report by its latest past day, a
    1936 letter's, and then told its lead "Katharine Brown was one of David O. Selznick's most
    trusted employees." on that day, as exact."""
    text = "Katharine Brown was one of Selznick's most trusted employees. She wrote often."
    article = _undated(text, 62, D(1936, 7, 6), D(1936, 9, 4))
    undated = dated_sentences([article], [], reference_date=lambda a: D(1936, 7, 6))
    assert build_timeline(undated, n_dates=2) == []
    dated = dated_sentences([article.model_copy(update={"published": D(2016, 6, 30)})], [])
    assert [e.date for e in build_timeline(dated, n_dates=2)] == ["2016-06-30"]


def _heading_article(sentences: list[DatedSentence]) -> str:
    """The article of the sentence that heads the one date these sentences tell."""
    [entry] = build_timeline(sentences, n_dates=1, per_date=1)
    return entry.items[0].article


def test_a_reader_telling_of_themselves_heads_a_date_only_when_no_report_does():
    """Timeline17's BBC Haiti pages carry readers' stories ("I am organising a meeting with
    him, meanwhile I'm planning to go back to Haiti on Wednesday ...") beside the news."""
    day = D(2010, 1, 20)
    reader = sentence("a", 0, "I was watching the morning news about the relief efforts in "
                      "Port-au-Prince on Wednesday .", [ref(day)])  # fmt: skip
    report = sentence("b", 0, "The US Geological Survey said Wednesday 's tremor was centred "
                      "35 miles north-west of the capital .", [ref(day)])  # fmt: skip
    assert _heading_article([reader, report]) == "b"
    assert _heading_article([reader]) == "a"
    # ... and one who is the subject after an opening phrase or two (the Haiti story built
    # whole)
    later = sentence("c", 0, "Last Wednesday , after the earthquake , I decided to fly out to "
                     "Port-au-Prince .", [ref(day)])  # fmt: skip
    assert _heading_article([later, report]) == "b"


def test_a_question_heads_a_date_only_when_no_report_does():
    """Timeline17: "Could Hosni Mubarak step down Thursday ?" (CNN on Egypt) beside the
    report of the day; readers' questions under the Washington Post's financial crisis pages."""
    day = D(2011, 2, 10)
    question = sentence("a", 0, "Could Hosni Mubarak step down Thursday ?", [ref(day)])
    asked = sentence("c", 0, "Sceptics asked on Thursday : `` Is this the end of Mubarak ? ''",
                     [ref(day)])  # fmt: skip
    report = sentence("b", 0, "CIA Director Leon Panetta said Thursday that he assumes Hosni "
                      "Mubarak will hand over more power .", [ref(day)])  # fmt: skip
    assert _heading_article([question, asked, report]) == "b"
    assert _heading_article([question]) == "a"


def test_a_heading_that_ends_on_its_colon_tells_no_date():
    """Timeline17, the Guardian on the BP spill: a gallery's heading, cut from what its colon
    announces."""
    day = D(2010, 6, 24)
    heading = sentence("a", 0, "BP oil spill : Clean-up efforts along the Gulf coast 24 June "
                       "2010 :", [ref(day)])  # fmt: skip
    assert build_timeline([heading], n_dates=1) == []
    told = sentence("b", 0, "Clean-up crews worked along the Gulf coast on 24 June 2010 : "
                    "beaches in Alabama were closed .", [ref(day)])  # fmt: skip
    assert len(build_timeline([told], n_dates=1)) == 1


def test_the_pages_furniture_tells_no_date_and_a_line_no_report_opens_heads_none_it_can_share():
    """Timeline17: the Guardian's footer under its 2005 pages, a Senate transcript's speaker
    and a reader answering the writer under the Washington Post's financial crisis pages."""
    day = D(2008, 9, 22)
    footer = sentence("a", 0, "War of the Worlds is released on Monday Letters for publication "
                      "should be sent to : letters@observer.co.uk", [ref(day)])  # fmt: skip
    assert build_timeline([footer], n_dates=1) == []
    reader = sentence("b", 0, "You ca n't show up AFTER the crisis began and play Monday-morning "
                      "quarterback .", [ref(day)])  # fmt: skip
    speaker = sentence("c", 0, "DODD : With nearly 10,000 families facing foreclosure on Monday "
                       ", we understand the crisis .", [ref(day)])  # fmt: skip
    report = sentence("d", 0, "The Treasury asked Congress on Monday for $ 700 billion to end "
                      "the crisis in the banks .", [ref(day)])  # fmt: skip
    assert _heading_article([reader, speaker, report]) == "d"
    assert _heading_article([speaker]) == "c"
