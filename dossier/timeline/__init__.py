"""The timeline: the key dates of a story, each with a short, cited description.

Dates come first from what the articles say happened when (normalized time expressions at
day or month granularity), and only then from when articles were published: an article's
opening sentences without a date of their own are taken to report its publication day, or
the day an earlier one of them names: after "The United States called on Friday ...", the
statement the next sentence quotes is Friday's too. Dates are ranked by how many distinct
articles point at them in sentences that name one of the story's key terms, in the manner of
the DATEWISE method of Gholipour Ghalandari & Ifrim (2020) without its supervised date model
(DATEWISE keeps only sentences with a topic keyword; a story has no query, so its key terms
are the content words the most articles use, leaving out lines a site prints on every page);
each chosen date gets the sentences most central to what is said about it (TF-IDF centroid)
among those that name a key term, one per event: near-copies told by other
sources are folded into the same item list rather than repeated, and a sentence is told on
one date only (a report syndicated on two days puts its "today" on both). A sentence that
names a date only in a clause describing a noun ("the accord reached on September 15") tells
of it less surely than one that reports it, and a piece the sentence splitter cut off ("in
Donetsk on March 13.") tells of nothing. A date reported
only in the future tense, with no article from after it, is marked `planned`. A date named
only as the opening of a stretch ("since March 2011", "from June 1 to November 30") makes a
`range` entry, with the stretch's end where the articles name one; it votes for its date
with a quarter of the weight of a date that is itself reported.

An entry's headline is read on its own, away from the article, so it is the first of the
date's sentences that stands alone: one that opens on a connective ("Meanwhile, ...") is
taken without it, and one that opens on a pronoun ("He returned to Babylon ...") is passed
over for another source's telling of the same event, else names who it is ("[Alexandre
Giorgini] also pointed ...") where the actors stage resolved the pronoun.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from dossier.analysis import StoryContext, story_stage
from dossier.model import Article, Citation, TimeExpression, TimelineEntry
from dossier.summary.scoring import (
    caption_sentences,
    complete,
    content_words,
    dangles,
    furniture,
    not_a_report,
    orphan_quote,
    paragraph_openers,
    sentence_case,
    trimmed,
    unbalanced_brackets,
)

# An article's first sentences without a date of their own report its publication day.
LEAD_SENTENCES = 2
# Weight of a publication-date vote against an explicit mention of the date in the text.
IMPLICIT_WEIGHT = 0.5
# Weight of a sentence as the telling of a date it names only in describing a noun ("a
# jetliner presumed to have crashed almost three weeks ago", in a report of the search): it
# tells of that date no more surely than an undated lead tells of its publication day.
BACKGROUND_WEIGHT = IMPLICIT_WEIGHT
# A date that opens a stretch ("since March 2011") is told less surely than a date that is
# itself reported: a quarter of a vote, enough to rank a date nothing else names, too little
# for a listing of stretches to outrank dates reported as points. At a full or a half vote a
# film festival's "August 30 - September 9", in a listing the Guardian printed on several
# pages, took a gold date's place in the Iraq war's timeline (Timeline17 date F1 .7208 ->
# .7203).
RANGE_WEIGHT = 0.25
# Sentences closer than this (TF-IDF cosine) tell the same thing.
SAME_EVENT = 0.5
# A sentence sharing this much of its content words (Jaccard) with one told of another date is
# that sentence retold.
RETOLD = 0.8
MAX_HEADLINE_CHARS = 220
# A noun's phrase is a headline when it says more than its date ("the 2012 elections" does not).
MIN_PHRASE_WORDS = 4
# A date's sentences must name one of the story's this many most widely used content words.
KEY_TERMS = 10
# A line in this many articles word for word is the site's, not the story's.
REPEATED_LINE = 3
# Words that say when, not what: never a story's key term.
_CALENDAR = {
    *("january", "february", "march", "april", "may", "june", "july", "august"),
    *("september", "october", "november", "december", "monday", "tuesday", "wednesday"),
    *("thursday", "friday", "saturday", "sunday", "today", "yesterday", "tomorrow"),
    *("week", "month", "year"),
}
# Penn Treebank's escapes for brackets (-LRB-, -RSB-, ...) in tokenized corpora: markup, which
# a story's parentheses would otherwise make one of its key terms.
_ESCAPES = {"lrb", "rrb", "lsb", "rsb", "lcb", "rcb"}
# A headline does without the connective its sentence opens on ("Meanwhile, ...").
_CONNECTIVE = re.compile(
    r"(?:And|But|Also|Still|Meanwhile|However|Moreover|Furthermore|Nevertheless|Nonetheless|"
    r"Indeed|Besides|In addition|At the same time)\b\s*,?\s*"
)
# A sentence that opens on the writer ("I was watching the BBC London TV morning program
# today ...", a reader's story; a columnist's "I am bewildered by ..."), or has them for subject
# after an opening phrase or two ("Last Wednesday , after the earthquake , I decided to go to
# Haiti ."), tells of them, not of the story's events: it heads a date only when no report does.
_FIRST_PERSON = re.compile(
    r"(?:I|I'm|I 'm|I've|I 've|My|We|We're|We 're|Our)\b(?![.'’]\w)"
    r"|(?![`'\"“‘])(?:[^,]{1,60},\s*){1,2}(?:I|I'm|I 'm|I've|I 've|we|we're|we 're)\b(?![.'’]\w)"
)
_PERSONAL_PRONOUN = re.compile(r"(?:He|She)\b")  # what the actors stage resolves
# An embedded post is a paragraph that signs off with its author's handle and its posting
# date ("— Ryan Seacrest (@RyanSeacrest) February 27, 2017", "A post shared by ...
# (@therealnoreaga) on Jun 20, 2017"): a reaction, dated when it was posted, not what
# happened when. A tweet is short and a caption not much longer; a "paragraph" longer than
# this is text that was never split into paragraphs, and only the signature is the post's.
_EMBEDDED_POST = re.compile(r"\(@\w{1,15}\)\s*(?:on\s+)?[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}")
MAX_POST_CHARS = 1000
# A reader's comment signs off the same way on a news site ("Posted by : Nclwtk | September
# 17 , 2008 10:53 AM | Report abuse", "Posted by irritant on April 16 , 2005 03:12 PM"), or
# opens on its signature ("At 4:55 pm on 21 Jan 2010 , WebAliceinwonderland wrote :", the
# BBC's): the day it was written, not a day of the story.
_COMMENT_SIGNATURE = re.compile(
    r"\bPosted by\s*:?\s*[^|\n]{1,60}?\s*(?:\|\s*|\bon\s+|\bat\s+)"
    r"[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*,?\s*\d{4}"
    r"|\bAt\s+\d{1,2}[:.]\d\d\s*[AaPp]\.?[Mm]\.?\s+on\s+"
    r"(?:\d{1,2}\s+[A-Z][a-z]{2,8}\.?|[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*,?)\s+\d{4}"
    r"\s*,\s*[^,\n]{1,60}?\s+wrote\s*:"
)
# A stretch of time that opens on a day or month the text names ("since March 2011", "from
# June 1 to November 30"), not one counted from the writing ("the last few days"), which
# points at no date of the story.
_NAMED_MONTH = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b"
)
# (article, start, end) -> the name of the actor that span names, if known.
NameOf = Callable[[str, int, int], str | None]
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass
class DateRef:
    """A date a sentence points at."""

    date: dt.date
    granularity: str  # day | month
    exact: bool
    future: bool  # said before it happened
    # Dates a noun's description ("the accord reached on September 15"): a full vote for the
    # date, a weaker telling of it.
    background: bool = False
    # The phrase of the noun it dates, if any ("a September 15 accord between Russia, Turkey
    # and Iran"), in the article's offsets.
    noun: tuple[int, int] | None = None
    # The date opens a stretch of time ("since March 2011", "from June 1 to November 30"),
    # which ends on `end` where the text says.
    ranged: bool = False
    end: dt.date | None = None


@dataclass
class DatedSentence:
    article: str
    start: int
    end: int
    text: str
    position: int  # index of the sentence in its article
    published: dt.date | None
    refs: list[DateRef] = field(default_factory=list)
    # A lead sentence after one that names a past day reports that day, not the publication's.
    lead_day: dt.date | None = None
    # Whether `published` is the article's own date: a lead without a date of its own reports
    # that day, not a day inferred for an undated article (the first its range allows, which
    # is a 1936 letter's date in a report on Gone with the Wind at 75).
    dated: bool = True


def parse_value(value: str | None) -> tuple[dt.date, str] | None:
    """(date, granularity) for a day or month value; None for anything coarser or odd."""
    if not value:
        return None
    match = _DAY.match(value)
    try:
        if match:
            return dt.date(int(match[1]), int(match[2]), int(match[3])), "day"
        match = _MONTH.match(value)
        if match:
            return dt.date(int(match[1]), int(match[2]), 1), "month"
    except ValueError:
        return None
    return None


def _votes(sentences: Sequence[DatedSentence]) -> dict[tuple[dt.date, str], dict[str, float]]:
    """date -> article -> strongest vote of that article for it (one vote per article, so
    a long article repeating a date does not outweigh several sources)."""
    votes: dict[tuple[dt.date, str], dict[str, float]] = defaultdict(dict)
    for sentence in sentences:
        for key, weight in _sentence_dates(sentence):
            current = votes[key].get(sentence.article, 0.0)
            votes[key][sentence.article] = max(current, weight)
    return votes


def _sentence_dates(sentence: DatedSentence) -> list[tuple[tuple[dt.date, str], float]]:
    dated = [((ref.date, ref.granularity),
              (1.0 if ref.granularity == "day" else 0.6) * (RANGE_WEIGHT if ref.ranged else 1.0))
             for ref in sentence.refs]  # fmt: skip
    if dated:
        return dated
    day = sentence.lead_day or sentence.published
    if day and sentence.dated and sentence.position < LEAD_SENTENCES:
        return [((day, "day"), IMPLICIT_WEIGHT)]
    return []


def _told_dates(sentence: DatedSentence) -> set[tuple[dt.date, str]]:
    """The dates whose events the sentence tells: all it points at but those it names only
    in describing a noun."""
    background = {(r.date, r.granularity) for r in sentence.refs if r.background}
    told = {(r.date, r.granularity) for r in sentence.refs if not r.background}
    return {key for key, _ in _sentence_dates(sentence)} - (background - told)


def rank_dates(
    sentences: Sequence[DatedSentence], terms: set[str] | None = None
) -> list[tuple[dt.date, str, float]]:
    """Dates by the articles that point at them in sentences naming a key term of the story,
    as DATEWISE counts only sentences with a query keyword: a date an article names in
    passing ("what to do on Thursday?" in an election piece, a reader's comment "today")
    is no key date of the story. Votes from other sentences only break ties, so a date
    nothing on topic names still ranks, last."""
    terms = key_terms(sentences) if terms is None else terms
    everywhere = {key: sum(by.values()) for key, by in _votes(sentences).items()}
    named = [s for s in sentences if not terms or terms.intersection(content_words(s.text))]
    on_topic = {key: sum(by.values()) for key, by in _votes(named).items()}
    ranked = [(date, gran, on_topic.get((date, gran), 0.0)) for date, gran in everywhere]
    # Ties go to the day over the month and to the earlier date, for a stable order.
    ranked.sort(key=lambda item: (-item[2], -everywhere[item[:2]], item[1] != "day", item[0]))
    return ranked


def default_length(sentences: Sequence[DatedSentence]) -> int:
    articles = {s.article for s in sentences}
    return max(1, min(20, round(2 * math.sqrt(len(articles))) + 2))


@dataclass
class DateEvents:
    """One chosen date: its events (each a group of sentences telling it, the most central
    first) and every sentence that pointed at the date."""

    date: dt.date
    granularity: str
    events: list[list[DatedSentence]]
    candidates: list[tuple[DatedSentence, float]]


def choose_events(
    sentences: Sequence[DatedSentence],
    n_dates: int | None = None,
    per_date: int = 2,
    granularities: Iterable[str] = ("day", "month"),
    span: tuple[dt.date, dt.date] | None = None,
) -> list[DateEvents]:
    """The `n_dates` best-supported dates (within `span`, if given), in date order, with up to
    `per_date` distinct events each."""
    allowed = set(granularities)
    terms = key_terms(sentences)
    ranked = [
        item
        for item in rank_dates(sentences, terms)
        if item[1] in allowed and (span is None or span[0] <= item[0] <= span[1])
    ]
    if not ranked:
        return []
    n_dates = n_dates or default_length(sentences)
    candidates: dict[tuple[dt.date, str], list[tuple[DatedSentence, float]]] = defaultdict(list)
    for sentence in sentences:
        tells = _told_dates(sentence)
        for key, weight in _sentence_dates(sentence):
            candidates[key].append((sentence, weight if key in tells else BACKGROUND_WEIGHT))
    out: list[DateEvents] = []
    # A report syndicated on two days puts one sentence on both ("today"): it tells the
    # better-supported date only, and a date left with nothing new gives way to the next.
    told: set[str] = set()
    told_words: list[set[str]] = []
    for date, gran, _ in ranked:
        if len(out) == n_dates:
            break
        # the page's furniture names its day ("Letters for publication should be sent to :
        # letters@guardian.co.uk", under Guardian pages of 2005) but tells nothing of it
        fresh = [
            (s, w)
            for s, w in candidates[(date, gran)]
            if _said(s.text) not in told
            and not _fragment(s.text)
            and not furniture(s.text)
            and not _retold(set(content_words(s.text)), told_words)
        ]
        events = _pick_sentences(_on_topic(fresh, terms), per_date) if fresh else []
        if events:
            out.append(DateEvents(date, gran, events, candidates[(date, gran)]))
            told.update(_said(s.text) for event in events for s in event)
            told_words.extend(set(content_words(s.text)) for event in events for s in event)
    out.sort(key=lambda d: d.date)
    return out


def _retold(words: set[str], told: list[set[str]]) -> bool:
    """Whether a sentence says what a sentence already told of another date says, in nearly
    the same words: a copy edited in another edition ("Protesters (who were) gathered in
    Cairo's Tahrir Square said Monday that they were organizing a 'million man march' ... for
    Tuesday")."""
    return bool(words) and any(
        len(words & other) >= RETOLD * len(words | other) for other in told
    )


# A sentence that is all parenthesis: a citation ("(Labor union official 302, February 3,
# 2009 p. 3).") or an aside, not an event.
_PARENTHETICAL = re.compile(r"\s*\([^()]*\)\.?\s*")
# A link in the line: a page's list of links ("Stunt man - https://instagram.com/..."), or
# other sites' headlines with their age ("Haiti begs for more aid - 11 hrs ago Telegraph").
_LINK = re.compile(
    r"https?://|www\.|\s[-–—]+\s+\d{1,2}\s+(?:hrs?|hours?|mins?|minutes?|days?)\s+ago\b"
)


# A question ("Could Hosni Mubarak step down Thursday ?", a reader's "why is he still going to
# the Clinton Global Initiative on Thursday ?") asks what happened and tells no event; with the
# quotation marks that close it ("sceptics asked : `` Is this the new Vietnam ? ''").
_QUESTION = re.compile(r"\?(?:\s*(?:''|[\"”’'»)]|-RRB-))*\s*$")


def _fragment(text: str) -> bool:
    """A piece of a sentence the splitter cut off ('in Donetsk on March 13.' after a quote
    that ends on '!', 'Monday , the World Heath Organization -LRB-' before the bracket it
    opens, 'BP oil spill : Clean-up efforts along the Gulf coast 24 June 2010 :' before what
    its colon announces), a parenthesis standing alone or a line with a link: it names a date
    but tells nothing on its own. So is what the splitter cut inside a parenthesis: "USAID
    -RRB- said on Monday that ...", "L -RRB- said on Thursday ." (after a ticker, "(BP.L)")."""
    start, end = trimmed(text)
    return (
        text.lstrip()[:1].islower()
        or unbalanced_brackets(text[start:end])
        or text.rstrip().endswith(":")
        or bool(_PARENTHETICAL.fullmatch(text))
        or bool(_LINK.search(text))
    )


def _said(text: str) -> str:
    return " ".join(text.casefold().split())


def key_terms(sentences: Sequence[DatedSentence], count: int = KEY_TERMS) -> set[str]:
    """The `count` content words used by the most articles (ties to the word), not counting
    lines a site prints on every page ("The pun - ancient artform, or the lowest form of
    wit?" in a BBC sidebar): a sentence found word for word in several articles. A word only
    one article uses is no term of the story: a one-article story has none, so nothing is
    set aside for naming none (its words would all tie, and the alphabet would choose)."""
    lines = [_said(sentence.text) for sentence in sentences]
    sources: dict[str, set[str]] = defaultdict(set)
    for line, sentence in zip(lines, sentences, strict=True):
        sources[line].add(sentence.article)
    words: dict[str, set[str]] = defaultdict(set)
    for line, sentence in zip(lines, sentences, strict=True):
        if len(sources[line]) >= REPEATED_LINE:
            continue
        for word in content_words(sentence.text):
            if word not in _CALENDAR and word not in _ESCAPES:
                words[word].add(sentence.article)
    shared = [word for word, used_by in words.items() if len(used_by) > 1]
    return set(sorted(shared, key=lambda w: (-len(words[w]), w))[:count])


def _on_topic(
    candidates: list[tuple[DatedSentence, float]], terms: set[str]
) -> list[tuple[DatedSentence, float]]:
    """The candidates that name a key term; all of them if none does."""
    kept = [(s, w) for s, w in candidates if terms.intersection(content_words(s.text))]
    return kept or candidates


def build_timeline(
    sentences: Sequence[DatedSentence],
    n_dates: int | None = None,
    per_date: int = 2,
    granularities: Iterable[str] = ("day", "month"),
    span: tuple[dt.date, dt.date] | None = None,
    name_of: NameOf | None = None,
) -> list[TimelineEntry]:
    """Pick the `n_dates` best-supported dates (within `span`, if given) and `per_date`
    events for each, every event cited with all the sentences that tell it. `name_of` names
    the actor a span refers to, for a headline that opens on a pronoun."""
    latest_published = max((s.published for s in sentences if s.published), default=None)
    return [
        _entry(d.date, d.granularity, d.events, d.candidates, latest_published, name_of)
        for d in choose_events(sentences, n_dates, per_date, granularities, span)
    ]


def _pick_sentences(
    candidates: list[tuple[DatedSentence, float]], k: int
) -> list[list[DatedSentence]]:
    """Up to k groups of sentences, each group one event (its first sentence the most
    central), best first."""
    unique: dict[tuple[str, int], tuple[DatedSentence, float]] = {}
    for sentence, weight in candidates:
        key = (sentence.article, sentence.start)
        if key not in unique or unique[key][1] < weight:
            unique[key] = (sentence, weight)
    items = list(unique.values())
    texts = [s.text for s, _ in items]
    try:
        matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(texts)
    except ValueError:  # only stop words
        return [[s] for s, _ in items[:k]]
    centroid = np.asarray(matrix.mean(axis=0)).ravel()
    norm = np.linalg.norm(centroid) or 1.0
    centrality = (matrix @ centroid) / norm
    # Explicitly dated sentences first, then the most central; short fragments lose.
    scores = [
        weight
        + float(centrality[i])
        + (0.0 if len(texts[i].split()) >= 6 else -1.0)
        + (-1.0 if _FIRST_PERSON.match(texts[i].lstrip()) else 0.0)
        # a question heads a date only when no report does: dropped, it took a headline's
        # words from Timeline17's Egypt (ROUGE-2 .0867 -> .0673)
        + (-1.0 if _QUESTION.search(texts[i]) else 0.0)
        # nor a line that is no report's ("DODD : With nearly 10,000 families ...", a
        # transcript; "You ca n't show up AFTER the crisis began ...", a reader to the writer)
        + (-1.0 if not_a_report(texts[i].lstrip()) else 0.0)
        for i, (_, weight) in enumerate(items)
    ]
    order = sorted(range(len(items)), key=lambda i: -scores[i])
    similarity = (matrix @ matrix.T).toarray()
    groups: list[list[int]] = []
    for i in order:
        for group in groups:
            if similarity[i, group[0]] >= SAME_EVENT:
                if items[i][0].article not in {items[j][0].article for j in group}:
                    group.append(i)
                break
        else:
            if len(groups) < k:
                groups.append([i])
    return [[items[i][0] for i in group] for group in groups]


def _entry(
    date: dt.date,
    granularity: str,
    groups: list[list[DatedSentence]],
    candidates: list[tuple[DatedSentence, float]],
    latest_published: dt.date | None,
    name_of: NameOf | None = None,
) -> TimelineEntry:
    refs = [
        ref
        for sentence, _ in candidates
        for ref in sentence.refs
        if ref.date == date and ref.granularity == granularity
    ]
    explicit = bool(refs)
    # "the June 2012 Geneva Communiqué" is exact: a month named is certain, only coarse,
    # which the granularity says; approximate is for what is hedged or inferred.
    exact = explicit and any(ref.exact for ref in refs)
    # A date named only as the opening of a stretch ("since March 2011") is a range's; named
    # as a point anywhere, it is that point.
    ranged = explicit and all(ref.ranged for ref in refs)
    ends = sorted({ref.end for ref in refs if ref.end is not None}) if ranged else []
    planned = explicit and all(ref.future for ref in refs) and not (
        latest_published and latest_published > date
    )
    headline = _headline(groups, name_of, (date, granularity))
    if len(headline) > MAX_HEADLINE_CHARS:
        headline = headline[:MAX_HEADLINE_CHARS].rsplit(" ", 1)[0] + "…"
    return TimelineEntry(
        date=_iso(date, granularity),
        end=_iso(ends[-1], granularity) if ends else None,
        granularity="day" if granularity == "day" else "month",
        type="range" if ranged else "exact" if exact else "approximate",
        status="planned" if planned else "happened",
        headline=headline,
        items=[
            Citation(article=s.article, start=s.start, end=s.end, text=s.text)
            for group in groups
            for s in group
        ],
    )


def _iso(date: dt.date, granularity: str) -> str:
    return date.isoformat() if granularity == "day" else date.strftime("%Y-%m")


def _standalone(text: str) -> str | None:
    """The sentence as a headline that reads without the one before it, or None."""
    start, end = trimmed(text)  # without a dateline
    text = text[start:end]
    # "And, indeed, in every other category ...": connectives come in runs.
    while (connective := _CONNECTIVE.match(text)) and connective.end() < len(text):
        rest = text[connective.end() :]
        text = rest[0].upper() + rest[1:]
    if not text or not (text[0].isupper() or text[0].isdigit() or text[0] in '"“'):
        return None  # a fragment, or a line of web furniture
    if text.rstrip('"”’\' ').endswith("?"):
        return None  # asks rather than tells
    if not complete(text.rstrip()):
        return None  # a heading, a menu line or a line cut off
    if dangles(text) or orphan_quote(text):  # dangles: also "On Sunday, he ..."
        return None
    return text


def _named_pronoun(sentence: DatedSentence, name_of: NameOf) -> str | None:
    """The sentence with its opening personal pronoun replaced by "[name]" of who it is."""
    text = sentence.text.strip()
    pronoun = _PERSONAL_PRONOUN.match(text)
    if not pronoun:
        return None
    start = sentence.start + len(sentence.text) - len(sentence.text.lstrip())
    name = name_of(sentence.article, start, start + pronoun.end())
    return f"[{name}]{text[pronoun.end() :]}" if name else None


def _dated_phrase(sentence: DatedSentence, key: tuple[dt.date, str]) -> str | None:
    """When the sentence names the date only in describing a noun and reports something else,
    that noun's phrase ("A September 15 accord between Russia, Turkey and Iran", of "He also
    pointed the finger at Russia and Iran ... in Eastern Ghouta, which according to a
    September 15 accord between Russia, Turkey and Iran, is included among several
    de-escalation zones"). It reports something else when the date sits in a clause on the
    noun, or when the date is set before the noun and the sentence tells another date ("the
    June 25 death was ruled a homicide on Friday", not "the June 25 crash killed 50")."""
    refs = [ref for ref in sentence.refs if (ref.date, ref.granularity) == key]
    nouns = [ref.noun for ref in refs if ref.noun is not None]
    if not refs or len(nouns) < len(refs):
        return None
    elsewhen = any(
        (ref.date, ref.granularity) != key and not ref.background for ref in sentence.refs
    )
    if not (all(ref.background for ref in refs) or elsewhen):
        return None
    noun = nouns[0]
    phrase = sentence.text[noun[0] - sentence.start : noun[1] - sentence.start].strip()
    if len(phrase.split()) < MIN_PHRASE_WORDS:
        return None
    # A quotation the phrase cuts in two ('the February 27 “cessation of hostilities') loses
    # its marks rather than show one alone.
    if phrase.count("“") != phrase.count("”"):
        phrase = phrase.replace("“", "").replace("”", "")
    if phrase.count('"') % 2:
        phrase = phrase.replace('"', "")
    return sentence_case(phrase)


def _headline(
    groups: list[list[DatedSentence]],
    name_of: NameOf | None,
    key: tuple[dt.date, str] | None = None,
) -> str:
    """The top event told by a sentence that stands alone (another source's, if need be) and
    reports the date `key`; else the phrase of the noun it dates; else that event's
    standalone sentence, else its pronoun named, else another event's standalone sentence,
    else as it is."""
    if key is not None:
        phrases = [_dated_phrase(sentence, key) for sentence in groups[0]]
        for sentence, phrase in zip(groups[0], phrases, strict=True):
            if phrase is None and (text := _standalone(sentence.text)):
                return text
        if phrase := next((p for p in phrases if p), None):
            return phrase
    for sentence in groups[0]:
        if text := _standalone(sentence.text):
            return text
    if name_of is not None and (text := _named_pronoun(groups[0][0], name_of)):
        return text
    for group in groups[1:]:
        for sentence in group:
            if text := _standalone(sentence.text):
                return text
    return groups[0][0].text.strip()


def embedded_posts(text: str) -> list[tuple[int, int]]:
    """Spans of the embedded social media posts and readers' comments in an article's
    text."""
    posts = []
    signatures = [*_EMBEDDED_POST.finditer(text), *_COMMENT_SIGNATURE.finditer(text)]
    for signature in sorted(signatures, key=lambda m: m.start()):
        start = text.rfind("\n", 0, signature.start()) + 1
        if signature.start() - start > MAX_POST_CHARS:
            start = signature.start()
        posts.append((start, signature.end()))
    return posts


def dated_sentences(
    articles: Iterable[Article],
    expressions: Iterable[TimeExpression],
    reference_date: Callable[[Article], dt.date | None] = lambda a: a.published,
) -> list[DatedSentence]:
    """Every sentence of the articles (near-duplicates, embedded social media posts and photo
    captions left out) with the dates it points at: day- and month-level values of the time
    expressions inside it."""
    by_article: dict[str, list[TimeExpression]] = defaultdict(list)
    for expression in expressions:
        by_article[expression.article].append(expression)
    out: list[DatedSentence] = []
    for article in articles:
        if article.duplicate_of:
            continue
        reference = reference_date(article)
        # An undated article's inferred day is the earliest it can have been written: a day
        # it tells after that may still lie in its past ("a few weeks later" in a report
        # written any day up to the range's end). Only one after the range is ahead of it.
        window = article.published_range if article.published is None else None
        horizon = window.latest if window is not None and reference is not None else reference
        found = sorted(by_article.get(article.id, []), key=lambda e: e.start)
        lead_day: dt.date | None = None
        posts = embedded_posts(article.text)
        spans = [(s.start, s.end) for s in article.sentences]
        # "FILE - In this Feb. 11, 2007, file photo, ...": when it was taken
        captions = caption_sentences(
            [article.text[start:end] for start, end in spans],
            paragraph_openers(article.text, spans),
        )
        for position, sentence in enumerate(article.sentences):
            if any(start < sentence.end and sentence.start < end for start, end in posts):
                continue
            if position in captions:
                continue
            refs = []
            for expression in found:
                if not sentence.start <= expression.start < sentence.end:
                    continue
                ranged = expression.type == "range"
                if ranged and not _NAMED_MONTH.search(expression.text):
                    continue
                if expression.type not in ("exact", "approximate") and not ranged:
                    continue
                parsed = parse_value(expression.value)
                if parsed is None:
                    continue
                date, granularity = parsed
                end = parse_value(expression.value_end) if ranged else None
                future = horizon is not None and date > horizon
                refs.append(
                    DateRef(
                        date,
                        granularity,
                        expression.type == "exact",
                        future,
                        expression.background,
                        _phrase(expression, sentence.start, sentence.end),
                        ranged,
                        end[0] if end and end[0] > date else None,
                    )
                )
            out.append(
                DatedSentence(
                    article=article.id,
                    start=sentence.start,
                    end=sentence.end,
                    text=article.text[sentence.start : sentence.end],
                    position=position,
                    published=reference,
                    refs=refs,
                    lead_day=lead_day,
                    dated=article.published is not None,
                )
            )
            # Only a dated article's lead: without a reference day, a named day may lie ahead.
            if position < LEAD_SENTENCES and lead_day is None and reference is not None:
                days = [r for r in refs if r.granularity == "day"]
                lead_day = next((r.date for r in days if not (r.future or r.background)), None)
    return out


def _phrase(expression: TimeExpression, start: int, end: int) -> tuple[int, int] | None:
    """The phrase of the noun an expression dates, when it lies in the sentence."""
    if expression.noun_start is None or expression.noun_end is None:
        return None
    if not start <= expression.noun_start < expression.noun_end <= end:
        return None
    return expression.noun_start, expression.noun_end


def story_sentences(ctx: StoryContext) -> list[DatedSentence]:
    """`dated_sentences` of a story, with the reference dates the time stage inferred."""
    times_index = ctx.shared.get("times")

    def reference(article: Article) -> dt.date | None:
        return times_index.reference_date(article.id) if times_index else article.published

    return dated_sentences(ctx.articles(), ctx.sections.get("times") or [], reference)


@story_stage("timeline")
def make_timeline_stage():
    def timeline(ctx: StoryContext) -> None:
        actors = ctx.shared.get("actors")

        def name_of(article: str, start: int, end: int) -> str | None:
            actor_id = actors.resolve(article, start, end) if actors is not None else None
            actor = actors.get(actor_id) if actor_id else None
            return actor.name if actor is not None else None

        entries = build_timeline(
            story_sentences(ctx),
            n_dates=ctx.options.get("timeline_dates"),
            per_date=ctx.options.get("timeline_sentences", 2),
            name_of=name_of,
        )
        if entries:
            ctx.sections["timeline"] = entries

    timeline.name = "timeline"  # type: ignore[attr-defined]
    return timeline
