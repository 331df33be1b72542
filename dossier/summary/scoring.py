"""Sentence scoring and greedy selection for the extractive multi-document summary.

One function, `select_sentences`, serves both the story stage and the Multi-News evaluation,
so what is measured is what ships. It takes each document's sentences (plain strings) and
their normalised embeddings, and scores every usable sentence by five signals: centrality
(cosine to the centroid of the documents, each document weighted equally so a long article
does not own the story), cross-document support (the share of the other documents that have
a similar sentence: what several sources say is what happened), lexical consensus (how many
of the documents use the sentence's content words: names, figures and terms every report
repeats are the story's core), a lead prior (news puts the essentials first) and, when the
caller has it, the story's structure (main actors, events, claims). Selection is greedy with
MMR-style redundancy removal and a soft per-document penalty; when the caller knows the
story's threads (the actors, places, forums and agreements each sentence names), a passage
also earns credit for every one of the story's main threads that no chosen passage names yet,
so a short summary tells several threads instead of the best-told one twice.

A sentence is cited as a span of itself: a dateline ("DENVER (AP) —"), a quotation mark the
sentence splitter left on the wrong side and an opening connective set off by a comma
("However, ...": `detached`; reports show what remains with a capital) are trimmed off. A
sentence that leans on the one before it (it opens on a pronoun or another connective) is
never used alone, but may follow its predecessor when that one is chosen; `reading_order`
keeps the two together. Photo captions and a web archive's notes on its crawl are furniture.

Quotations are followed across sentences (`quote_states`): a sentence inside a quotation
opened earlier is someone's words without the marks that say so, and is never used alone; a
quotation told over two or three sentences ("“We have reached the point... Nobody can
afford...,” de Mistura said.") is one candidate passage, cited from its first sentence to
its last.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np

from dossier.clean.boilerplate import archive_note

MIN_WORDS = 7
# Content words a passage needs before word overlap can call it a repeat.
MIN_LEXICAL_WORDS = 6
MAX_WORDS = 60
# A quotation that runs over more sentences than this is not taken whole (nor in part).
MAX_QUOTATION_SENTENCES = 3
# The story's main threads: its most-named actors, places, forums and agreements.
MAIN_THREADS = 8
# An article's own thread must be named by at least this many of its sentences.
OWN_THREAD_SENTENCES = 2

# A sentence opening on a pronoun or a connective leans on the one before it, which the
# reader of an extract does not have; "I" and "we" too, told by whoever the article quotes at
# length ("I definitely want to be a part of VR, but I will not work with Facebook.").
_DANGLING = re.compile(
    r"^(?:He|She|They|It|His|Her|Their|Its|This|That|These|Those|I|We|My|Our|But|And|Or|So|"
    r"Yet|Also|Still|Instead|Then|Thus|Hence|Moreover|Furthermore|Meanwhile|Nevertheless|"
    r"However|Otherwise|Besides|Worse|Likewise|Similarly|Conversely|Regardless|Accordingly|"
    r"Consequently|Therefore"
    # "Because it may be time we all moved to Sweden.": the answer to a question before it,
    # with no clause of its own ("Because of the storm, flights ..." has one)
    r"|Because(?!\s+of\b)(?![^,]*,)"
    # "With that, Keurig's CEO did what he had to do.", "Despite all this, ...": a preposition
    # whose object is what came before
    r"|(?:With|After|Despite|Beyond|Besides|Because of|For|Given|Like|Unlike|Before) "
    r"(?:all )?(?:that|this|these|those|it)(?=\s*,))\b"
)
# "However, on Friday ...", "In fact, ...": a connective set off by a comma only ties its
# sentence to the one before, and a summary may tell the sentence without it. Causal and
# temporal ones ("So", "Then", "Instead", "Otherwise") carry meaning the rest lacks, and stay;
# so do "And", "But" and "Yet": sentences told without them cost the Multi-News harness 0.11
# ROUGE-1 at 300 words, where those set off by a comma cost nothing.
_DETACHABLE = re.compile(
    r"(?:Also|Still|Meanwhile|However|Moreover|Furthermore|Nevertheless|Nonetheless|Indeed|"
    r"Besides|In addition|In fact|At the same time|First(?:ly)?|Second(?:ly)?|Third(?:ly)?|"
    r"Finally|Lastly)\s*,\s*",
    re.IGNORECASE,  # the second of a run ("In fact, moreover, ...") is lower-case
)
# "Hours later, he retweeted ...", "On Sunday, she urged ...": the subject is a pronoun after
# an opening phrase; "As a neurosurgeon, I did not believe ..." too, whoever "I" is.
# "Allowing for rounding, that only accounts for ...": so is a demonstrative standing for what
# came before (not one that goes with a noun: "Flowing in every day, these data are ...").
_LATE_PRONOUN = re.compile(
    r"[^,]{1,40},\s*(?:(?:he|she|they|it|we)\b|I\b(?!\.\w)"
    r"|(?:this|that)(?:['’]s\b|\s+(?:is|was|has|had|will|would|can|could|should|may|might|"
    r"must|only|also|just|seems?|means?|meant|accounts?|shows?|makes?|leaves?|comes?|came|"
    r"goes|went|happens?|happened)\b)"
    r"|(?:these|those)\s+(?:are|were|have|had|will|would|can|could|may|might|must|only|also|"
    r"just)\b)"
)
# Web furniture and agency credits that survive scraping; never summary material. Words like
# "Facebook" or "email" alone are not furniture: news reports what was posted and sent.
_BOILERPLATE = re.compile(
    r"https?://|www\.|@\w|\bclick here\b|\bsign up\b|\bsubscribe\b|\bnewsletter\b|"
    r"\ball rights reserved\b|\bcopyright\b|©|\bphoto(?:graph)?s?:|\bgetty images\b|"
    r"\bread more\b|\bfollow (?:us|him|her)\b|\b(?:share|like us) on\b|\bmailing list\b|"
    r"\bcontact details\b|\bform below\b|\be-?mail (?:address|us|updates|alerts)\b|"
    r"\badvertisement\b|\bthis (?:story|article) (?:has been|was) updated\b|"
    r"\bcontributed to this report\b|\bcookies?\b|\bjavascript\b|\bafter the jump\b|"
    # the site speaking to its reader: "please visit our help center", "log into your account"
    r"\bplease (?:visit|contact|see|click|note|log|sign|enter|try|read|check|enable|select|"
    r"choose)\b|\b(?:top|bottom) of this page\b|"
    r"\b(?:log|sign)\s+(?:in|into|on)\s*(?:to\s+)?your\b|"
    r"\byour (?:account|browser|inbox|cart|order|subscription|membership|password|custom domain)\b|"
    r"\bour (?:site|website|web site)\b|"
    # the page's layout: "The video shown here explains ...", "the Late Show clip above"
    r"\b(?:shown|pictured|seen|featured) (?:here|above|below)\b|"
    r"\b(?:video|clip|photo|graphic|image|gallery|slideshow) (?:above|below)\b|"
    # a broadcast transcript's header: "... Aired January 29, 2011 - 11:00 ET THIS IS A RUSH
    # TRANSCRIPT."
    r"\brush transcript\b|\bmay not be in its final form\b|"
    # ... and a radio transcript's footer: "NPR transcripts are created on a rush deadline by
    # Verb8tm, Inc.", "The authoritative record of NPR’s programming is the audio record."
    r"\brush deadline\b|\bauthoritative record of\b|"
    # ... and a paper's note on its print edition and its feed: "A version appeared on p4 of the
    # Main section section of the Guardian", "Follow all the top stories of the day on Twitter"
    r"\bappeared (?:on|in) p(?:age)?\s?\d+ of\b|\bfollow all the top stories\b",
    re.IGNORECASE,
)
# A photo caption ("FILE - In this Feb. 11, 2007, file photo, Stormy Daniels arrives ...", "A
# photo from the 1998 excavation, with ..."): it tells what a picture shows, and its date is
# when the picture was taken.
_CAPTION = re.compile(
    r"(?:FILE(?:\s+PHOTO)?\s*[-–—:]+\s*)?(?:In\s+this|This|A|An)\s+(?:(?:[^.]|\.(?=\s?\d)){0,40}?\s)?"
    r"(?:file\s+)?(?:photo(?:graph)?|image|picture|frame\s+grab|video\s+grab|screen\s*grab)"
    r"(?:\s+(?:taken|made|provided|released|shot|from|dated)\b|\s*,)",
    re.IGNORECASE,
)


# A photo gallery's marker between its captions, and how many sentences a caption may be split
# into between two markers.
_GALLERY = re.compile(r"\bHide Caption \d+ of \d+\b", re.IGNORECASE)
MAX_GALLERY_GAP = 4
# Caption wherever it shows in the sentence: a photo gallery run into the text ("... their
# families. Hide Caption 1 of 132 Photos: Photos: Crisis in Ukraine Crisis in Ukraine –
# Ukrainian marines wave ..."), or a caption that names its picture further on ("The car
# driven by Adam Lanza is pictured ..., in this evidence photo released by the ... Police").
# A caption's place in its picture ("A Ku Klux Klansman, left, uses an American flag to fend
# off ...", "Smith, second from right, ...") is set off by commas.
_CAPTION_ANYWHERE = re.compile(
    rf"{_GALLERY.pattern}|^Photos?:\s"
    r"|\bin this (?:[\w-]+ ){0,2}(?:photo(?:graph)?|image|picture)\b"
    r"|,\s(?:far\s|(?:second|third)\sfrom\s)?(?:left|right|center|centre)(?:\sto\sright)?,\s"
    # the news agencies' caption date: "..., in Rome, Friday, Oct. 14, 2011." (their prose
    # says "on Friday", or "on Oct. 14" when it is further back, not both)
    # (a tokenized text spaces its commas: "Monday , July 19 , 2010")
    r"|\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s?,\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|"
    r"Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}\s?,\s+(?:1[89]|20)\d\d\b",
    re.IGNORECASE,
)
# A caption without a picture's words: a scene told in the present and placed as captions
# place it, the town (and country, set off by commas), then the day ("Police officers protest
# in Cairo, Egypt, on Sunday.", "Egyptian protesters confront riot police during a
# demonstration in Cairo on Friday ."). Prose that places so tells in the past or the future
# ("Mr Hayward told a press conference in Houston, Texas, on Monday.") or what is set for the
# day ("The trial begins in Boston on Monday."); a caption with a word in "-ed" ("the stained
# beach") is let go with it.
_PLACED_SCENE = re.compile(
    r"\bin\s[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*)*(?:\s?,\s[A-Z][\w.]*(?:\s[A-Z][\w.]*)*\s?,)?\s"
    r"(?:on\s)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s?\.?\s*$"
)
# The same scene with its town earlier on and the day last ("Egyptian demonstrators in
# Alexandria tear a portrait of President Hosni Mubarak during a protest against his rule
# Thursday .").
_TOWN_THEN_DAY = re.compile(
    r"\bin\s[A-Z][\w'’.-]*\s.*\s(?:on\s)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s?\.?\s*$"
)
_TOLD_OR_AHEAD = re.compile(
    r"\b(?:said|says|told|tells|was|were|had|has|have|will|would|did|could|should)\b"
    r"|\b\w+ed\b"
    # the past of the irregular verbs news tells with ("... spoke to reporters in Geneva on
    # Monday.")
    r"|\b(?:spoke|met|took|went|gave|made|came|left|held|began|won|lost|fled|fought|flew|ran|"
    r"saw|sent|struck|shot|stood|threw|wrote|brought|built|bought|caught|chose|drew|drove|fell|"
    r"felt|found|got|grew|hit|kept|knew|led|paid|rose|sat|sold|spent|stole|swore|tore|broke|"
    r"became|sought|thought|heard|laid|rode|sank|beat|fed|froze|hid|hung|meant|withdrew|"
    r"overtook|shook|woke|wore|sang|drank|ate|dug|wept|slept|swept|bent|lit|spread|stuck|swung|"
    r"sprang|taught|knelt|leapt|lent|shone|slid|sped|spat|strode|bore|clung|crept|flung|"
    r"forgot|underwent|upheld|withheld|set|put|cut|let|shut|read|quit)\b"
    # a present that tells what is set for the day ("The trial begins in Boston on Monday.")
    r"|\b(?:(?:begin|open|start|resume|end|close|meet|vote|hold|face|hear|return)s?|"
    r"takes?\s+place)\b",
    re.IGNORECASE,
)
# A photo credit, written as credits are ("an AP photo showed" is news): "AP Photo/Brennan
# Linsley", "REUTERS/Arnd Wiegmann", "Michael Nagle/Getty Images", "Image copyright".
_PHOTO_CREDIT = re.compile(
    r"\b(?:AP|AFP) Photo\b|\bREUTERS/|/Getty Images\b|\bImage copyright\b|\btoggle caption\b"
)


def caption(text: str) -> bool:
    """Whether a sentence is a photo caption."""
    text = text.strip()
    return bool(
        _CAPTION.match(text) or _CAPTION_ANYWHERE.search(text) or _PHOTO_CREDIT.search(text)
    )


def placed_scene(text: str) -> bool:
    """Whether a sentence is a caption's scene ("Police officers protest in Cairo, Egypt, on
    Sunday."): no summary material, but a timeline's, for that day's scene of the story (on
    Timeline17 leaving such scenes out cost Egypt .0039 alignment ROUGE-1)."""
    return bool(
        (_PLACED_SCENE.search(text) or _TOWN_THEN_DAY.search(text))
        and not _TOLD_OR_AHEAD.search(text)
    )


# A caption goes on for a sentence or two after the one that opens it ("FILE - In this May 20,
# 2017 file photo, U.S. Rep. Jason Chaffetz waves .... Chaffetz, a five-term Republican, says
# .... But he told The Associated Press on Tuesday,... (Associated Press)"). A "paragraph"
# longer than this is text never split into paragraphs, where only the opening is caption.
MAX_CAPTION_CHARS = 700


def paragraph_openers(text: str, spans: Sequence[tuple[int, int]]) -> set[int]:
    """Indices of the sentences (`spans` in `text`) that begin a paragraph: the first, and any
    after a line break."""
    return {
        n
        for n, (start, _end) in enumerate(spans)
        if n == 0 or "\n" in text[spans[n - 1][1] : start]
    }


def _paragraph_end(n: int, count: int, paragraph_starts: Collection[int]) -> int:
    """The index of the last sentence of the paragraph that sentence `n` opens."""
    last = n
    while last + 1 < count and last + 1 not in paragraph_starts:
        last += 1
    return last


def caption_sentences(sentences: Sequence[str], paragraph_starts: Collection[int]) -> set[int]:
    """Indices of the sentences that are photo captions: each that is one, and the rest of a
    short paragraph that opens on one."""
    found: set[int] = set()
    # A photo gallery run into the text: what lies between one "Hide Caption 30 of 43" and
    # the next is the next picture's caption ("A Vietnamese military official looks out an
    # aircraft window during search operations March 13, 2014."), however it was split.
    markers = [n for n, sentence in enumerate(sentences) if _GALLERY.search(sentence)]
    for before, after in zip(markers, markers[1:], strict=False):
        if after - before <= MAX_GALLERY_GAP:
            found.update(range(before, after + 1))
    for n, sentence in enumerate(sentences):
        if not caption(sentence):
            continue
        found.add(n)
        if n not in paragraph_starts:
            continue
        last = _paragraph_end(n, len(sentences), paragraph_starts)
        if sum(len(s) for s in sentences[n : last + 1]) <= MAX_CAPTION_CHARS:
            found.update(range(n, last + 1))
    return found


def archive_note_sentences(
    sentences: Sequence[str], paragraph_starts: Collection[int]
) -> set[int]:
    """Indices of the sentences of paragraphs that are a web archive's note on its crawl (the
    cleaner removes them from articles; raw text, as the Multi-News harness reads, has them),
    or of each such sentence where paragraphs are not known."""
    opening = {0, *paragraph_starts} if paragraph_starts else set(range(len(sentences)))
    found: set[int] = set()
    for n in sorted(opening):
        last = _paragraph_end(n, len(sentences), opening)
        if n < len(sentences) and archive_note(" ".join(sentences[n : last + 1])):
            found.update(range(n, last + 1))
    return found


# "Anyone with information should contact the Sheriff's Office at 434-263-7050.": a tip line
# or a hotline is a call to the reader, not news. A number that is news ("his song
# "1-800-273-8255," named after the phone number") is not asked to be called.
_PHONE = r"(?:\+\d{1,3}[\s(]*\d[\d\s().-]{6,}\d|\(?\b\d{3}\)?[-.\s]\d{3}[-.\s]\d{4}\b|\b1-8\d\d-\d)"
_CALL_TO_ACTION = re.compile(
    rf"\b(?:call|contact|dial|phone|text)(?:s|ed|ing)?\b.{{0,80}}?{_PHONE}", re.IGNORECASE
)
# "DENVER (AP) — ", "(CNN) — ", "Washington (CNN) ", "NEW YORK, May 18 (UPI) -- ", "BEIRUT — ",
# "WASHINGTON—", "INDEPENDENCE, Mo. — ": where and when the report was filed, not what it
# says. Used with `match`, so it only ever takes a sentence's opening, and `trimmed` cuts it
# only where a capital letter follows.
# OTTAWA, NEW YORK, PALO ALTO; then any of ", Italy", ", Mo.", ", South Korea", ", Feb. 25"
# Tokenized corpora (Timeline17, Penn Treebank style) space out commas and write brackets as
# -LRB- and -RRB-: "TRIPOLI , March 2 -LRB- Reuters -RRB- - Libyan rebels ...".
_PLACE = (
    r"[A-Z][A-Z.'’-]{2,}(?: [A-Z][A-Z.'’-]*)*"
    r"(?: ?,\s*(?:[A-Z][a-z]{2,}\.?\s+\d{1,2}|[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)*))*"
)
_OPEN = r"(?:\(|-LRB- )"
_CLOSE = r"(?:\)| -RRB-)"
# (AP), (HealthDay News), (CBS SF)
_AGENCY = rf"{_OPEN}(?:[A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+){{0,2}}){_CLOSE}"
_DASH = r"(?:[—–]+|-{1,2})"
# The AP's abbreviations of US states, as datelines write them.
_STATE_ABBREVIATION = (
    r"(?:Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|"
    r"Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Vt|Va|Wash|W\.Va|Wis|Wyo|N\.[HJMYCD]|[RS]\.[ICD]|D\.C)\."
)
_DATELINE = re.compile(
    rf"(?:{_PLACE}\s*)?{_AGENCY}(?:\s*{_DASH})?\s*"
    rf"|[A-Z][a-z]+ {_OPEN}(?:CNN|AP|AFP|Reuters|UPI){_CLOSE}(?:\s*{_DASH})?\s*"
    # its tail, or an update's time's ("(Update 7:00 p.m. in Cairo, 12:00 p.m. ET) - ..."),
    # when the sentence splitter left the opening bracket with the line before
    rf"|(?:CNN|AP|AFP|Reuters|UPI|ET|EST|EDT|GMT|BST){_CLOSE}\s*{_DASH}\s*"
    rf"|{_PLACE}\s*(?:[—–]|--)\s*"
    # "NEWTOWN, Conn. Parents of ...": the dash lost in scraping, the state's abbreviation left
    rf"|[A-Z][A-Z'’-]{{2,}}(?: [A-Z][A-Z'’-]+)*,\s*{_STATE_ABBREVIATION}\s+(?:-\s+)?"
    # "UNION CITY, Ga. - One minute, ...", "WASHINGTON - The ...": a hyphen for the dash
    rf"|(?!FILE\b)[A-Z][A-Z'’]{{2,}}(?: [A-Z][A-Z'’]+)*"
    r"(?:,\s*[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)*)*\s+-\s+"
)
# Space, and the zero-width characters scraped pages carry along with it.
_BLANK = " \t\n\r\f\v\u00a0\u2009\u200a\u200b\u200c\u200d\u202f\u3000\ufeff"
# A sentence ends on a full stop; on "!" only inside a quotation: a writer's own exclamation
# ("Oh, Betty, you're in such high demand!") is a blog's tone, not a report's.
_SENTENCE_END = re.compile(r"(?:\.|!['\"”’])['\"”’)\]]*$")
# "As for why Khloe was even invited to the White House ...", "... flew into one of five
# airports in JFK, Newar...": a teaser or a line cut off, not a whole sentence.
_TRAILING_OFF = re.compile(r"(?:\.\s?\.\s?\.|…)\s*$")
# A sentence the splitter ended on the abbreviation of a title or a number, the name or the
# figure in the next one: '"We are investigating this as a crime scene," Indiana State Police
# Sgt.', "... giving Rih her 20th No.". ("Inc.", "Sr." and "St." may end a sentence.)
_CUT_AT_ABBREVIATION = re.compile(
    r"\b(?:Sgt|Lt|Gen|Gens|Col|Capt|Cmdr|Maj|Adm|Cpl|Pvt|Pfc|Spc|Rep|Reps|Sen|Sens|Gov|Atty|"
    r"Dr|Mr|Mrs|Ms|Prof|Rev|Supt|Det|Insp|No)\.\s*$"
)
_OPENING_QUOTES = "“‘«"
_CLOSING_QUOTES = "”»"
# Opening marks of a quotation proper: "‘" is also an apostrophe, so it is not counted.
_QUOTATION_OPENS = "“«"


def word_count(text: str) -> int:
    return len(text.split())


def _curly_quotes(text: str) -> str:
    """Tokenized text's quotation marks (`` and '') as the curly ones they stand for."""
    return text.replace("``", "“").replace("''", "”")


def orphan_quote(text: str) -> bool:
    """True when the sentence starts inside a quotation or leaves one open or unopened."""
    text = _curly_quotes(text)
    if text.count('"') % 2:
        return True
    first_open = min((i for i in (text.find(q) for q in _OPENING_QUOTES) if i >= 0), default=-1)
    first_close = min((i for i in (text.find(q) for q in _CLOSING_QUOTES) if i >= 0), default=-1)
    if first_close >= 0 and (first_open < 0 or first_close < first_open):
        return True
    opened = sum(text.count(q) for q in _QUOTATION_OPENS)
    closed = sum(text.count(q) for q in _CLOSING_QUOTES)
    return opened != closed


# A quotation that ends on "?" or "!" ends the sentence for the splitter, which then cuts its
# speech tag off as a sentence of its own: '“Should Reagan not have talked about it?" |
# Gingrich said on CNN's "State of the Union."'.
# A tag goes on with where or when it was said, not with what ("Smith said the plan failed").
_SPEECH_TAG = re.compile(
    r"(?:[A-Z][\w.'’-]*\s){1,4}(?:said|says|asked|asks|added|wrote|tweeted|replied)"
    r"(?:\s*[,.;]|\s+(?:on|in|at|during|from|while|as|after|before|via|through|last|this|"
    r"yesterday|today|tonight|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b)"
)
_ASKED_OR_EXCLAIMED = re.compile(r"[?!][\"”’]\s*$")


def speech_tag(sentences: Sequence[str], i: int) -> bool:
    """Whether sentence `i` is the speech tag of the quotation that ends sentence `i - 1`."""
    return (
        0 < i < len(sentences)
        and bool(_ASKED_OR_EXCLAIMED.search(sentences[i - 1]))
        and bool(_SPEECH_TAG.match(sentences[i].strip()))
    )


_QUOTATION = re.compile(r"“[^”]*”|\"[^\"]*\"|«[^»]*»")


def unattributed(text: str) -> bool:
    """True when the passage is all quotation ("“Obstruction of justice is an impeachable
    offense.”"): who said it is told in another sentence."""
    text = text.strip()
    if not text or text[0] not in '“"«':
        return False
    return not re.search(r"[^\W\d_]", _QUOTATION.sub("", text))


# "“...,” he maintained.": a quote whose speaker is a pronoun leans on the sentence before.
_PRONOUN_SPEAKER = re.compile(
    r"[”\"’,]\s+(?:he|she|they|it|we)\s+(?:\w+ly\s+)?\w+(?:\s+\w+)?\s*[.!]?$", re.IGNORECASE
)


# A share button's label run into the first sentence ("Email This Even at 88, Betty White
# ...").
_SHARE_WIDGET = re.compile(r"(?:Email|Print|Share|Tweet) This\s+")
# A live page's label ("Live blog : The WHO has raised its pandemic alert level ...").
_LIVE_LABEL = re.compile(r"Live(?: blog| updates?| text)?\s*:\s+")
# A choice's buttons left of a question the cleaner took out ("Would you like to make this
# your default edition? YES | NO Egyptian President Hosni Mubarak stepped down ...").
# The splitter may cut after the first button ("YES |"), leaving "NO Egyptian President ...".
_CHOICE_BUTTONS = re.compile(r"(?:[A-Z]{2,}\s*\|\s*)+[A-Z]{2,}\s+|(?:YES|NO)\s+(?=[A-Z][a-z])")
# A byline run into the first sentence: "By Michael Martinez , CNN It was 17 days of ...".
_BYLINE = re.compile(r"By\s[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){1,3}\s?,\s[A-Z]{2,}\s+")
# A picture's credit, the end of a caption, run into the sentence after it (the Guardian's
# "Photograph : Gerald Herbert/AP The giant steel and concrete box ..."; Timeline17 escapes
# the slash).
_CREDIT_LEFT = re.compile(
    r"Photograph\s*:\s*[^.:|/\\]{1,60}?\s*\\?/\s*"
    r"(?:Getty Images|Rex Features|Press Association|White House|[A-Z][\w.&'’-]*)\s+"
)
# The end of a parenthesis the sentence splitter cut the sentence inside, when it held only
# a picture's credit or a clock time: "By Ariana Cubillos -- Associated Press -RRB- President
# Bush ... warned yesterday", "ET -RRB- Parliamentary speaker Ahmed Fathi Srour tells Nile TV
# ..." (a live page's "(10:35 a.m. ET)"). Capitalised words, numbers and dashes only: the rest
# of "USAID -RRB- said on Monday ..." has lost its subject, and stays a fragment.
_CLOSED_ELSEWHERE = re.compile(r"(?:(?:[A-Z0-9#][^\s()]*|[-–—]{1,2})\s+){0,6}(?:\)|-RRB-)\s+")
# The time zone of a timestamp the sentence splitter cut after its clock time ("Thursday 11
# June 2009 18.39 | BST Swine flu has become ...").
_TIME_ZONE_LEFT = re.compile(r"(?:BST|GMT|UTC|CET|CEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT)\s+")
# A page's timestamp ("Tuesday 5 May 2009 14.37 BST", "Jun 11, 2009 6:39 PM EDT", tokenized
# "Tue May 12 , 2009 8:56 am EDT", Fortune's "February 7 , 2011 : 10:44 AM ET", the BBC's "7
# November 2011 Last updated at 21:40 GMT Help", its blogs' "Fergus Walsh | 18:17 UK time ,
# Tuesday , 16 June 2009") ends the page's header; a sentence the scrape ran on from the
# headline and the standfirst starts after it. Prose never tells the time that way.
_HEADER_DAY = (
    r"(?:\d{1,2}\s+[A-Z][a-z]{2,8}\.?|[A-Z][a-z]{2,8}\.?\s+\d{1,2} ?,)\s+\d{4}(?: ?[,:])?\s+"
)
_HEADER_CLOCK = r"\d{1,2}[.:]\d\d(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4}\b)?"
_PAGE_TIMESTAMP = re.compile(
    rf"(?:\b{_HEADER_DAY}(?:Last updated at\s+)?{_HEADER_CLOCK}(?:\s+Help)?"
    r"|\b\d{1,2}[.:]\d\d\s+(?:UK time|[A-Z]{2,4})\s*,\s*[A-Z][a-z]+day\s*,\s*"
    r"\d{1,2}\s+[A-Z][a-z]{2,8}\s+\d{4})\s+(?=[A-Z“\"])"
)
# ... and a header that is all the sentence holds: the headline and its standfirst, then the
# page's timestamp ("Iraq Survey Group concludes dictator destroyed weapons years before
# invasion Thursday 13 January 2005 03.10 GMT", the Guardian), the lead in the next sentence.
_PAGE_TIMESTAMP_END = re.compile(
    rf"\s+(?:[A-Z][a-z]+day\s*,?\s+)?{_HEADER_DAY}{_HEADER_CLOCK}$"
)
# A heading run into the sentence it heads: a function word with a capital, then a lower-case
# word or a number, right after a word or a number, no punctuation between ("The influenza
# pandemic of 1918 The current swine flu outbreak is ...", "Trial of Michael Jackson 's doctor
# to begin in America The trial of ...", "Treating the victims of the Haiti earthquake Between
# 100,000 and 200,000 people ...", "Haiti earthquake : Your stories Wednesday 13 January It is
# feared ...", a caption's "... the worst to hit Haiti in 200 years There are reports ...").
# What comes after is the sentence.
_RUN_IN_HEADING = re.compile(
    r"(?:[^\s.!?;,\"“”]+\s+){0,11}?[A-Za-z0-9)]+\s+(?=(?:The|This|It|There|In|When|After)\s+[a-z]"
    r"|(?:Between|More than|Up to|At least|Nearly|Almost)\s+\d)"
)
# A caption or headline run into the sentence it stands over, longer than a heading: a
# determiner with a capital, then either up to four capitalised words (a name) and a word in
# lower case that goes on the clause, or a word in lower case ("Bill Clinton appeals for Haiti
# earthquake aid The United Nations has ...", "in Haiti The EU has pledged ...", "... to
# allow more space for aid The scenes of devastation ...", "... getting aid to survivors Some
# three million ..."), right after a word that cannot lead into a name: not a function word,
# nor a verb that names a paper, a book or a band ("told The Associated Press news agency",
# "reads The Guardian").
_FUNCTION_WORDS = (
    r"a|an|the|and|or|nor|but|of|in|on|at|to|for|from|with|by|as|than|into|that|which|who|whose"
)
_NAME_LEAD_IN = (
    rf"{_FUNCTION_WORDS}|like|onto|upon|"
    r"about|after|before|over|under|along|across|through|between|among|against|during|via|"
    r"including|whom|where|when|while|if|is|was|are|were|be|been|being|"
    r"has|have|had|do|does|did|said|says|say|told|tells|tell|read|reads|reported|reports|"
    r"wrote|writes|write|published|publishes|presents|presented|starring|stars|star|joined|"
    r"joins|join|watch|watched|watches|see|sees|saw|seen|called|named|titled|entitled|dubbed|"
    r"featuring|features|featured|hosted|hosts|host|directed|produced|owns|owned|bought|"
    r"sold|edited|edits|quoted|cited|visited|visit|visits|examine|examines|examined|"
    r"remind|reminds|reminded|order|ordered|won|wins|win"
)
_NAME_GOES_ON = rf"{_FUNCTION_WORDS}|every|each|this|these|those|its|his|her|their|our|my|your"
_RUN_IN_CAPTION = re.compile(
    rf"(?:[^\s.!?:;,\"“”]+\s+){{1,24}}?(?!(?:{_NAME_LEAD_IN})\s)(?:[A-Za-z][\w'’&-]*[a-z0-9]|\d+)\s+"
    rf"(?=(?:The|A|An)\s+(?:[A-Z][\w'’.&-]*\s+){{1,4}}(?!(?:{_NAME_GOES_ON})\b)[a-z]{{2,}}\b"
    rf"|(?:The|A|An|Some|Many|Most|Several)\s+(?!(?:{_NAME_GOES_ON})\b)[a-z]{{2,}}\b)"
)
MAX_RUN_INS = 3
# A picture's furniture, which keeps its caption out as it stands.
_PICTURE_CREDIT = re.compile(r"\b(?:image|photo|picture|caption|copyright|credit)s?\b", re.I)


def _opens_sentence(opening: str) -> bool:
    """Whether a sentence can begin with these characters: a capital, or a quotation mark
    (tokenized "``" too) before one."""
    return opening[:1].isupper() or opening[:1] in _OPENING_QUOTES + '"' or opening == "``"


def trimmed(text: str) -> tuple[int, int]:
    """The (start, end) of what a sentence says within its text. Left out: surrounding space;
    at the start the end of a parenthesis that held only a credit or a clock time, a dateline,
    a share button's label, a live page's label, a choice's buttons, a byline, a picture's
    credit, the page's header up to its timestamp, a timestamp's time zone and the headings
    and captions run into the sentence; at the end the timestamp of a header that is the whole
    sentence; a closing quotation mark at the start and an opening one at the end (the
    sentence splitter puts those on the wrong side of a sentence break), and at the end the
    closing bracket of a parenthesis opened in an earlier sentence."""
    start = len(text) - len(text.lstrip(_BLANK))
    end = max(start, len(text.rstrip(_BLANK)))
    residue = _CLOSED_ELSEWHERE.match(text, start)
    if residue and _opens_sentence(text[residue.end() : residue.end() + 2]):
        start = residue.end()
    dateline = _DATELINE.match(text, start)
    if dateline and text[dateline.end() : dateline.end() + 1].isupper():
        start = dateline.end()
    for furniture in (_SHARE_WIDGET, _LIVE_LABEL, _CHOICE_BUTTONS, _BYLINE, _CREDIT_LEFT):
        widget = furniture.match(text, start)
        if widget and text[widget.end() : widget.end() + 1].isupper():
            start = widget.end()
    stamp = _PAGE_TIMESTAMP.search(text, start, end)
    if stamp and len(text[stamp.end() : end].split()) >= 4:
        start = stamp.end()
    else:
        stamp = None  # the header is cut only where a sentence follows its timestamp
    closing = _PAGE_TIMESTAMP_END.search(text, start, end)
    if closing and word_count(text[start : closing.start()]) >= 4:
        end = closing.start()
    zone = _TIME_ZONE_LEFT.match(text, start)
    if zone and text[zone.end() : zone.end() + 1].isupper():
        start = zone.end()
    # "HONG KONG | Tue May 12 , 2009 8:56 am EDT HONG KONG (Reuters) - A leading ...": the
    # header's timestamp, then the dateline
    dateline = _DATELINE.match(text, start)
    if stamp and dateline and text[dateline.end() : dateline.end() + 1].isupper():
        start = dateline.end()
    for _ in range(MAX_RUN_INS):  # a headline, then a picture's caption, then the sentence
        heading = _RUN_IN_HEADING.match(text, start)
        if heading is None and (caption := _RUN_IN_CAPTION.match(text, start)):
            # "described as so violent `` it makes A Clockwork Orange look ...": a quotation
            # opened before the name goes on past it
            whole = word_count(text[caption.end() : end]) >= MIN_WORDS
            heading = caption if whole and not _scan_quotes(caption.group(), False) else None
        if (
            not heading
            or not text[start : start + 1].isupper()
            or _PICTURE_CREDIT.search(heading.group())  # "Image caption The man was ..."
        ):
            break
        start = heading.end()
    if text[start : start + 1] in _CLOSING_QUOTES + "’" and text[start + 1 : start + 2] == " ":
        start += 2
    stray = re.search(r"\s*[“\"‘]$", text[start:end])
    if stray and (text[start:end].count('"') % 2 or stray.group().strip() != '"'):
        end = start + stray.start()
    # "... until an election is held in 2014.)": the last sentence of a parenthesis, whose
    # closing bracket the splitter leaves on it
    if text[start:end].endswith((".)", "!)", ".”)", '.")')) and unbalanced_brackets(
        text[start:end]
    ):
        end -= 1
    return start, max(start, end)


def detached(text: str) -> int:
    """Where a sentence starts to tell once its opening connectives are left out ("However,
    on Friday the lack of progress ..." -> "on Friday ..."): 0 when it opens on none, or when
    what follows them does not stand alone either ("However, he said ...")."""
    at = 0
    while (connective := _DETACHABLE.match(text, at)) and connective.end() < len(text):
        at = connective.end()
    return at if at and usable(sentence_case(text[at:])) else 0


def sentence_case(text: str) -> str:
    """The text with its first letter a capital, as a sentence left without its opening
    connective is shown."""
    return text[:1].upper() + text[1:]


# A turn of a broadcast transcript ("LEE: I have no idea, but I'll be trying.", "MICHEL
# MARTIN, HOST: ..."): speech in the form of a script, not a sentence of a report.
_TRANSCRIPT_TURN = re.compile(r"[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][A-Z.'’ -]{1,30})?:\s")


# A review's credits ("Produced by Rob Tapert, Sam Raimi, Bruce Campbell."): names, no news.
_NAME = r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*"
_CREDITS = re.compile(
    r"(?:Co-|Executive\s+)?(?:Produced|Directed|Written|Edited|Created|Photographed|Narrated|"
    rf"Adapted|Hosted)\s+by\s+{_NAME}(?:(?:,\s*|,?\s+and\s+){_NAME})*\.$"
)


# The writer urging the reader ("Let's help the Kleins through this hard time ...", "Join us
# on Facebook"): a call, not a report.
_EXHORTATION = re.compile(r"(?:Let['’]s|Let us|Join us|Help us)\b")
# The writer speaking to the reader ("You can expect some amazing things to occur over the
# next 48 hours", a horoscope; "You can add location information to your Tweets"; "If you
# are looking for an older news story, it may no longer be here.", a missing page) or a
# note on the story itself ("Correction: An earlier version ...", "Update:Judge calls ...").
_TO_THE_READER = re.compile(
    r"(?:If you|You|Your|You['’](?:ll|re|ve|d)"
    # ... and bidding the reader: "Just look at the two women who tie for first place on our
    # list", "Imagine enjoying a court side seat", "Think about the man Colbert would replace"
    r"|Look|Consider|Imagine|Think about|Note that|Keep in mind"
    r"|(?:Just|Now) (?:look|consider|imagine|think about|note that|keep in mind))\b"
)
_EDITORS_NOTE = re.compile(
    r"(?:Update|Updated|Correction|Clarification|Editor['’]s note|Note)\s*:"
    # ... and the note unlabelled: "This story has been corrected to show Gomes lived in
    # Raynham, not Rayham.", "An earlier version of this post incorrectly gave ..."
    r"|(?:This|The) (?:story|article|report|post) (?:has been|had been|was) (?:corrected|"
    r"updated|revised|amended)\b|An? (?:earlier|previous) version of this (?:story|article|"
    r"report|post)\b",
    re.IGNORECASE,
)
# A live page's listing or description ("As it happened : Haiti earthquake 15 Jan Live coverage
# following Tuesday 's earthquake ...", "Live coverage of the trial of Michael Jackson 's
# personal physician ...").
_LIVE_PAGE = re.compile(
    r"As it happened\s*:|Live (?:coverage|updates|text commentary) (?:of|on|from|following)\b"
)
# The page sending its reader elsewhere: "Visit Harvard Medical School's Healthy Sleep website
# for more about sleep ...", "For more about chronic pain, visit the U.S. National Library of
# Medicine."
_FOR_MORE = re.compile(
    r"(?:Visit|See|Go to|Check out|Head (?:over )?to|Read)\b.{0,150}\bfor (?:more|further|"
    r"additional)\b|For (?:more|further|additional) (?:information|details|on|about)\b.{0,150}"
    r"\b(?:visit|see|go to|check out|call|contact|click|read)\b",
    re.IGNORECASE,
)

# The page promoting itself: "Watch The Late Show with Stephen Colbert weeknights at 11:35 PM
# ET", "Get new episodes of shows you love ... with CBS All Access", "Download the Click2Houston
# news app", "Get full access to our signature journalism for just 99 cents", "Buy Photo" (a
# newspaper's button on a caption). Only an imperative with what such a line goes on to:
# "Watch groups say ..." and "Read, 45, said ..." are reports.
_PROMOTION = re.compile(
    r"(?:Watch (?:the|The|our|it|this|live|now|full|more|video|below|here)"
    r"|Stream (?:it|the|live|now|full)|Download (?:the|our|it|now)|Listen (?:to|now|here|live)"
    r"|Subscribe|Tune in|Sign up"
    r"|Get (?:new episodes|the latest|full access|unlimited|breaking|our|exclusive)"
    r"|Visit (?:us|our|the|[A-Z])|Read (?:on|more|the full|our)"
    r"|See\s*:|See (?:PDF|the full|more|below|also)|Buy Photo)\b"
)


# Openings of lines that are not a report's: a broadcast script, the writer or the page
# speaking to the reader, a review's credits, a note on the story itself, a live page's
# listing.
_NOT_REPORTS = (
    _TRANSCRIPT_TURN,
    _EXHORTATION,
    _FOR_MORE,
    _PROMOTION,
    _CREDITS,
    _TO_THE_READER,
    _EDITORS_NOTE,
    _LIVE_PAGE,
)


def complete(text: str) -> bool:
    """Whether a line ends as a told sentence does: not a question, a heading, a menu line
    ("Watch The Tonight Show Starring Jimmy Fallon Weeknights 11:35/10:35c") or a line cut
    off."""
    return (
        bool(_SENTENCE_END.search(text))
        and not _TRAILING_OFF.search(text)
        and not _CUT_AT_ABBREVIATION.search(text)
    )


_BRACKET = re.compile(r"[()]|-LRB-|-RRB-")


def unbalanced_brackets(text: str) -> bool:
    """True when the sentence closes a bracket it did not open or leaves one open: a piece the
    splitter cut inside a parenthesis ("Mubarak -RRB- to leave , '' said one 19-year-old
    man")."""
    depth = 0
    for mark in _BRACKET.findall(text):
        depth += 1 if mark in ("(", "-LRB-") else -1
        if depth < 0:
            return True
    return depth != 0


def furniture(text: str) -> bool:
    """Web furniture, an agency credit or a call to the reader ("If you need help using the
    site : userhelp@guardian.co.uk"): no sentence of a report."""
    return bool(_BOILERPLATE.search(text) or _CALL_TO_ACTION.search(text))


def not_a_report(text: str) -> bool:
    """Whether a line opens as no report's does (a broadcast script's speaker, the writer or
    the page speaking to the reader, a review's credits, a note on the story itself)."""
    return any(p.match(text) for p in _NOT_REPORTS)


def _well_formed(text: str) -> bool:
    """A whole sentence of summary length that is not web furniture."""
    if not text or not MIN_WORDS <= word_count(text) <= MAX_WORDS:
        return False
    if not_a_report(text):
        return False
    if not text[0].isupper() and _curly_quotes(text)[0] not in _OPENING_QUOTES + '"':
        return False  # a fragment cut from its sentence, or a caption
    if orphan_quote(text) or unbalanced_brackets(text):
        return False
    if not complete(text):
        return False  # questions, headlines, bylines and cut-off lines
    return not (
        furniture(text)
        or caption(text)
        or placed_scene(text)
    )


def usable(text: str) -> bool:
    """Whether a sentence can stand alone in a summary."""
    text = text.strip()
    return (
        _well_formed(text)
        and not dangles(text)
        and not _PRONOUN_SPEAKER.search(text)
        and not unattributed(text)
    )


def dangles(text: str) -> bool:
    """Whether a sentence opens on a pronoun or a connective, or has a pronoun for subject
    after an opening phrase, leaning on the one before it."""
    text = text.strip()
    return bool(_DANGLING.match(text) or _LATE_PRONOUN.match(text))


def leaning(text: str) -> bool:
    """A sentence that could be used but for opening on a pronoun or a connective, for giving
    its quotation's speaker as a pronoun ("...," he said) or for being all quotation: it reads
    well right after the sentence before it, and only there."""
    text = text.strip()
    return bool(dangles(text) or _PRONOUN_SPEAKER.search(text) or unattributed(text)) and (
        _well_formed(text)
    )


_WORD = re.compile(r"[a-z0-9]+")
_SUFFIXES = ("ing", "ed", "es", "s")


def content_words(text: str) -> list[str]:
    """Lower-cased content words with plural and verb endings cut, so "talks" and "talk",
    "bombed" and "bombing" count as one word across documents."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = []
    for word in _WORD.findall(text.lower()):
        if word in STOP_WORDS or len(word) < 3 or word.isdigit():
            continue
        for suffix in _SUFFIXES:
            if len(word) > len(suffix) + 3 and word.endswith(suffix):
                word = word[: -len(suffix)]
                break
        words.append(word)
    return words


def consensus(documents: Sequence[Sequence[str]]) -> list[list[float]]:
    """Per sentence: the mean, over its content words, of the share of documents that use
    the word, standardised within the story (so one weight fits a story of two documents
    and one of twenty)."""
    words = [[content_words(text) for text in sentences] for sentences in documents]
    used_by: dict[str, int] = {}
    for document in words:
        for word in {w for sentence in document for w in sentence}:
            used_by[word] = used_by.get(word, 0) + 1
    total = max(1, sum(1 for document in documents if document))
    raw = [
        [
            sum(used_by[w] for w in sentence) / (len(sentence) * total) if sentence else 0.0
            for sentence in document
        ]
        for document in words
    ]
    flat = np.array([value for document in raw for value in document], dtype=np.float64)
    if not len(flat):
        return raw
    mean, spread = float(flat.mean()), float(flat.std()) or 1.0
    return [[(value - mean) / spread for value in document] for document in raw]


@dataclass(frozen=True)
class Weights:
    """Hand-set on the even-`idx` half of the 250 Multi-News validation clusters and checked
    on the odd half. Learned scorers (ridge, gradient boosting, logistic regression on the
    greedy oracle's choices, with and without the sentence embedding) fitted on the even half
    all did worse on the odd half than these, and a coordinate search of these weights that
    gained 0.4 ROUGE-1 on the even half lost 0.25 on the odd one; so the weights stay round."""

    centrality: float = 1.0
    support: float = 0.25
    consensus: float = 0.3
    position: float = 1.0
    structure: float = 0.4
    # Lead prior: exp(-rank / position_scale), rank among a document's usable sentences.
    position_scale: float = 3.0
    # Subtracted per sentence already taken from the same document (soft coverage rule).
    coverage: float = 0.05
    # Added to a leaning sentence: right after its predecessor it adds context cheaply.
    continuation: float = 0.2
    support_threshold: float = 0.7
    redundancy: float = 0.7
    # A passage is a repeat, too, when this share of its content words (or of the chosen
    # passage's, whichever has fewer) is in a chosen passage: a paraphrase the sentence
    # encoder rates below `redundancy`.
    lexical_redundancy: float | None = 0.7
    # Added per main thread a passage is the first chosen to name. Chosen among 0.25 / 0.35 /
    # 0.5 on the 250 Multi-News clusters built through the whole pipeline, where 0.5 lifts the
    # share of the human summary's main threads that the summary names from .74 to .88 at 120
    # words for -0.45 ROUGE-1 (`dossier eval summaries --pipeline`), and on the seeds, where
    # below 0.5 Aleppo is never told.
    threads: float = 0.5


@dataclass(frozen=True)
class Candidate:
    """A scored passage of document `document`: sentences `index` to `last` (one sentence
    unless it is a quotation told over several), `text` running from `start` within the first
    to `end` within the last; with `follows` it may only come right after sentence
    `index - 1`."""

    document: int
    index: int
    text: str
    words: int
    score: float
    start: int = 0
    end: int = 0
    follows: bool = False
    length: int = 1

    @property
    def last(self) -> int:
        """The index of the passage's last sentence."""
        return self.index + self.length - 1


def _centroid(embeddings: Sequence[np.ndarray]) -> np.ndarray:
    means = [e.mean(axis=0) for e in embeddings if len(e)]
    centroid = np.mean(means, axis=0)
    norm = float(np.linalg.norm(centroid))
    return centroid / norm if norm else centroid


# Rows of the sentence similarity matrix computed at a time. A large story's whole matrix
# does not fit (31,000 sentences in one Timeline17 topic make 3.8 GB), and OpenBLAS 0.3.31
# crashes computing it in one call.
SIMILARITY_BLOCK = 1024


def support_counts(
    embeddings: Sequence[np.ndarray], threshold: float, block: int = SIMILARITY_BLOCK
) -> tuple[np.ndarray, np.ndarray]:
    """For every sentence (documents concatenated): the number of OTHER documents holding a
    sentence at cosine >= threshold; and the sentence vectors, one row per sentence."""
    kept = [e for e in embeddings if len(e)]
    matrix = np.concatenate(kept, axis=0)
    sizes = [len(e) for e in kept]
    starts = np.cumsum([0, *sizes[:-1]])
    owner = np.repeat(np.arange(len(kept)), sizes)
    counts = np.zeros(len(matrix), dtype=np.float32)
    for first in range(0, len(matrix), block):
        similarity = matrix[first : first + block] @ matrix.T
        close = np.maximum.reduceat(similarity, starts, axis=1) >= threshold
        close[np.arange(len(close)), owner[first : first + block]] = False
        counts[first : first + block] = close.sum(axis=1)
    return counts, matrix


def score_sentences(
    documents: Sequence[Sequence[str]],
    embeddings: Sequence[np.ndarray],
    weights: Weights = Weights(),
    structure: Sequence[Sequence[float]] | None = None,
    paragraph_starts: Sequence[Collection[int]] | None = None,
) -> tuple[list[Candidate], np.ndarray, list[tuple[int, int]]]:
    """Score each usable sentence. Returns the candidates, the sentence vectors (one row per
    sentence, documents concatenated) and the (document, index) of each row.
    `paragraph_starts`, per document, holds the indices of the sentences that begin a
    paragraph, where they are known."""
    rows = [(d, i) for d, sentences in enumerate(documents) for i in range(len(sentences))]
    if not rows:
        return [], np.zeros((0, 0), dtype=np.float32), rows
    centroid = _centroid(embeddings)
    counts, vectors = support_counts(embeddings, weights.support_threshold)
    agreement = consensus(documents)
    others = max(1, sum(1 for s in documents if s) - 1)
    first_row = np.cumsum([0] + [len(sentences) for sentences in documents])

    def value(d: int, i: int, length: int, rank: int) -> float:
        """The signals of sentences i .. i+length-1 of document d taken as one passage."""
        rows_ = slice(int(first_row[d]) + i, int(first_row[d]) + i + length)
        members = slice(i, i + length)
        vector = passage_vector(embeddings[d], i, i + length - 1)
        score = (
            weights.centrality * float(vector @ centroid)
            + weights.support * float(counts[rows_].mean()) / others
            + weights.consensus * float(np.mean(agreement[d][members]))
            + weights.position * math.exp(-rank / weights.position_scale)
        )
        if structure is not None:
            score += weights.structure * float(np.mean(structure[d][members]))
        return score

    candidates: list[Candidate] = []
    for d, sentences in enumerate(documents):
        rank = 0
        starts = paragraph_starts[d] if paragraph_starts else ()
        states = quote_states(sentences, starts)
        furniture = caption_sentences(sentences, starts) | archive_note_sentences(sentences, starts)
        for i, sentence in enumerate(sentences):
            inside, still_open = states[i]
            if inside or speech_tag(sentences, i):
                continue  # part of a quotation opened, or told, in an earlier sentence
            if i in furniture:
                continue
            length = 1
            start, end = trimmed(sentence)
            text = sentence[start:end]
            skip = detached(text) if not still_open else 0
            if skip:
                start, text = start + skip, text[skip:]
            if still_open:  # the quotation it opens is one passage with the sentences that close it
                span = quotation_span(sentences, states, i)
                if span is None:
                    continue
                length, start, end, text = span
            if speech_tag(sentences, i + length):
                # '“... 444 days?" Gingrich said on CNN.': the splitter cut the speaker off
                tag_start, end = trimmed(sentences[i + length])
                text = f"{text} {sentences[i + length][tag_start:end]}"
                length += 1
            alone = usable(sentence_case(text) if skip else text)
            if alone or (i > 0 and leaning(text)):
                score = value(d, i, length, rank)
                if not alone:
                    score += weights.continuation
                candidates.append(
                    Candidate(d, i, text, word_count(text), score, start, end, not alone, length)
                )
                if alone:
                    rank += 1
    return candidates, vectors, rows


def passage_vector(matrix: np.ndarray, first: int, last: int) -> np.ndarray:
    """The unit-length mean of the embeddings of sentences `first` to `last`."""
    vector = matrix[first : last + 1].mean(axis=0)
    return vector / (float(np.linalg.norm(vector)) or 1.0)


def _scan_quotes(text: str, open_: bool) -> bool:
    """Whether a quotation is open after `text`, given whether one was open before it. A
    straight double quote opens when it follows a space or an opening bracket or dash and is
    followed by text; otherwise it closes."""
    text = _curly_quotes(text).replace("’’", "”")  # typewriter closing quotes too
    for k, char in enumerate(text):
        if char in _QUOTATION_OPENS:
            open_ = True
        elif char in _CLOSING_QUOTES:
            open_ = False
        elif char == '"':
            before = text[k - 1] if k else " "
            after = text[k + 1] if k + 1 < len(text) else " "
            open_ = (before.isspace() or before in "([{—–-:") and not after.isspace()
    return open_


def quote_states(
    sentences: Sequence[str], paragraph_starts: Collection[int] = ()
) -> list[tuple[bool, bool]]:
    """Per sentence of one document: (whether its text starts inside a quotation opened in an
    earlier sentence, whether a quotation is still open at its end). A sentence that itself
    opens on a quotation mark starts afresh, and so does a paragraph: news reopens a long
    quotation at every paragraph, so a quotation left open at a paragraph's end (a missing
    closing mark) does not run on into the rest of the article."""
    open_ = False
    states = []
    for n, sentence in enumerate(sentences):
        if n in paragraph_starts:
            open_ = False
        start, end = trimmed(sentence)
        open_ = _scan_quotes(sentence[:start], open_)
        inside = open_ and sentence[start : start + 1] not in _QUOTATION_OPENS + '"'
        open_ = _scan_quotes(sentence[start:end], open_)
        states.append((inside, open_))
        open_ = _scan_quotes(sentence[end:], open_)
    return states


def quotation_span(
    sentences: Sequence[str], states: Sequence[tuple[bool, bool]], first: int
) -> tuple[int, int, int, str] | None:
    """A quotation opened in sentence `first` and closed within MAX_QUOTATION_SENTENCES:
    (number of sentences, start within the first sentence, end within the last, text), or
    None when it runs on longer, past MAX_WORDS or ends unbalanced."""
    joined = sentences[first]
    for k in range(first + 1, min(len(sentences), first + MAX_QUOTATION_SENTENCES)):
        if not states[k][0]:
            return None  # the quotation was dropped (a new paragraph) before it closed
        offset = len(joined) + 1
        joined = f"{joined} {sentences[k]}"
        if not states[k][1]:
            start, end = trimmed(joined)
            text = joined[start:end]
            if word_count(text) > MAX_WORDS or orphan_quote(text):
                return None
            return k - first + 1, start, end - offset, text
    return None


def _sentences_naming(threads: Sequence[Sequence[Collection[str]]]) -> list[Counter[str]]:
    """Per document: how many of its sentences name each thread."""
    return [Counter(t for sentence in document for t in set(sentence)) for document in threads]


def main_threads(
    threads: Sequence[Sequence[Collection[str]]], count: int = MAIN_THREADS
) -> set[str]:
    """The `count` threads named by the most sentences (ties to the name, for a stable
    choice)."""
    named: Counter[str] = Counter()
    for counts in _sentences_naming(threads):
        named.update(counts)
    return set(sorted(named, key=lambda t: (-named[t], t))[:count])


def own_threads(
    threads: Sequence[Sequence[Collection[str]]],
    people: Collection[str] = (),
    least: int = OWN_THREAD_SENTENCES,
    count: int = MAIN_THREADS,
) -> set[str]:
    """Per document, the thread that no other document names and that it names in the most
    sentences (at least `least`; ties to the name): what that report alone brings to the
    story, like the siege of an enclave in the one report that covers it. A story's most-named
    threads come from its most-covered events; these are its other developments. Of a large
    story's, the `count` named by the most sentences. `people` are left out: a person named in
    one report only is mostly the voice it quotes, a spokesman say, rather than a thread."""
    per_document = _sentences_naming(threads)
    documents_naming = Counter(t for counts in per_document for t in counts)
    own: list[tuple[int, str]] = []
    for counts in per_document:
        alone = [
            (-n, thread)
            for thread, n in counts.items()
            if n >= least and documents_naming[thread] == 1 and thread not in people
        ]
        if alone:
            own.append(min(alone))
    return {thread for _, thread in sorted(own)[:count]}


def select_sentences(
    documents: Sequence[Sequence[str]],
    embeddings: Sequence[np.ndarray],
    words: int,
    weights: Weights = Weights(),
    structure: Sequence[Sequence[float]] | None = None,
    fill: bool = False,
    paragraph_starts: Sequence[Collection[int]] | None = None,
    threads: Sequence[Sequence[Collection[str]]] | None = None,
    people: Collection[str] = (),
) -> list[Candidate]:
    """Greedy selection in order of choice. With `fill` (evaluation) sentences are added
    until the budget is reached or passed (the caller cuts the last one); without it only
    sentences that fit are taken, but always at least one. `threads`, per document and
    sentence, holds the story threads the sentence names; a passage earns credit for each
    main thread (the story's most-named and each report's own) it is first to tell. `people`
    are the threads that are persons."""
    candidates, sentence_matrix, rows = score_sentences(
        documents, embeddings, weights, structure, paragraph_starts
    )
    main = main_threads(threads) | own_threads(threads, people) if threads is not None else set()

    def named(candidate: Candidate) -> set[str]:
        if not main or threads is None:
            return set()
        sentences = threads[candidate.document][candidate.index : candidate.last + 1]
        return set().union(*sentences) & main

    vectors: dict[tuple[int, int], np.ndarray] = {}

    def passage(candidate: Candidate) -> np.ndarray:
        key = (candidate.document, candidate.index)
        if key not in vectors:
            vectors[key] = passage_vector(
                embeddings[candidate.document], candidate.index, candidate.last
            )
        return vectors[key]

    content: dict[tuple[int, int], set[str]] = {}

    def words_of(candidate: Candidate) -> set[str]:
        key = (candidate.document, candidate.index)
        if key not in content:
            content[key] = set(content_words(candidate.text))
        return content[key]

    told: set[str] = set()
    row_of = {key: r for r, key in enumerate(rows)}
    chosen: list[Candidate] = []
    chosen_vectors: list[np.ndarray] = []
    chosen_words: list[set[str]] = []
    long_chosen = False
    # per sentence, its cosine with the closest chosen sentence
    closest = np.full(len(rows), -math.inf, dtype=np.float32)
    chosen_keys: set[tuple[int, int]] = set()
    taken: dict[int, int] = {}
    total = 0
    remaining = sorted(candidates, key=lambda c: -c.score)
    while remaining and total < words:
        best: Candidate | None = None
        best_value = -math.inf
        for candidate in remaining:
            if not fill and chosen and total + candidate.words > words:
                continue
            if candidate.follows and (candidate.document, candidate.index - 1) not in chosen_keys:
                continue
            members = [(candidate.document, j) for j in range(candidate.index, candidate.last + 1)]
            if any(member in chosen_keys for member in members):
                continue  # a quotation overlapping one already taken
            value = candidate.score - weights.coverage * taken.get(candidate.document, 0)
            value += weights.threads * len(named(candidate) - told)
            if value <= best_value:
                continue
            if max(float(closest[row_of[member]]) for member in members) > weights.redundancy:
                continue
            if weights.lexical_redundancy is not None and chosen_words:
                words_ = words_of(candidate)
                if len(words_) >= MIN_LEXICAL_WORDS and any(
                    len(words_ & other) >= weights.lexical_redundancy * min(len(words_), len(other))
                    for other in chosen_words
                    if len(other) >= MIN_LEXICAL_WORDS
                ):
                    continue
            if chosen_vectors and (candidate.length > 1 or long_chosen):
                # a quotation told over two sentences says what another passage says though
                # neither half alone does ("You know how things are with Trump's laws now.
                # Someone goes to court ...," told twice, by two reports)
                vector = passage(candidate)
                if max(float(vector @ other) for other in chosen_vectors) > weights.redundancy:
                    continue
            best, best_value = candidate, value
        if best is None:
            break
        remaining.remove(best)
        chosen.append(best)
        chosen_vectors.append(passage(best))
        chosen_words.append(words_of(best))
        long_chosen = long_chosen or best.length > 1
        for j in range(best.index, best.last + 1):
            row = row_of[(best.document, j)]
            np.maximum(closest, sentence_matrix @ sentence_matrix[row], out=closest)
            chosen_keys.add((best.document, j))
        taken[best.document] = taken.get(best.document, 0) + 1
        told |= named(best)
        total += best.words
    return chosen


def reading_order(chosen: Sequence[Candidate]) -> list[Candidate]:
    """The chosen sentences in order of choice, each leaning sentence moved to right after
    the sentence it follows."""
    ordered: list[Candidate] = []
    for candidate in chosen:
        if candidate.follows:
            for position, earlier in enumerate(ordered):
                if (earlier.document, earlier.last) == (candidate.document, candidate.index - 1):
                    ordered.insert(position + 1, candidate)
                    break
            else:
                ordered.append(candidate)
        else:
            ordered.append(candidate)
    return ordered
