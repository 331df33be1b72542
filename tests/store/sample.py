"""Stories with every section, made from the real seed articles without the NLP models.

The articles are the seeds as ingested and cleaned by the real pipeline (fast: no spaCy);
section items are placed on phrases that occur in those articles, so every offset is a real
span. Used by the store, web and export tests, which must not wait for a model load.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from dossier.model import (
    Actor,
    Article,
    Citation,
    Claim,
    ClaimGroup,
    Event,
    EventDate,
    Forum,
    Mention,
    Place,
    Quote,
    Sentence,
    Story,
    SummarySentence,
    TimelineEntry,
)
from tests.conftest import SEEDS

INJECTION = '<script>alert("x")</script>" onmouseover="alert(1)'


@cache
def seed_articles(folder: Path = SEEDS) -> tuple[Article, ...]:
    from dossier.pipeline import BuildOptions, ProblemLog, clean_articles, flag_duplicates

    cleaned = list(flag_duplicates(clean_articles([str(folder)], BuildOptions(), ProblemLog())))
    for article in cleaned:
        article.sentences = [
            Sentence(start=m.start(), end=m.end())
            for m in re.finditer(r"[^\s].*?(?:[.!?][”\"’]?(?=\s)|$)", article.text, re.M)
        ]
    return tuple(cleaned)


def seed_builder(folder: Path) -> Story:
    """A fast stand-in for the pipeline: the seed articles whose text opens one of the input
    files in `folder`, with every section (see `rich_story`)."""
    from dossier.store import StoreError

    contents = [p.read_text(encoding="utf-8", errors="replace") for p in folder.iterdir()]
    chosen = [a for a in seed_articles() if any(a.text[:120] in c for c in contents)]
    if not chosen:
        raise StoreError("no usable article in the inputs")
    return rich_story(chosen)


def _find(article: Article, needle: str) -> tuple[int, int] | None:
    index = article.text.find(needle)
    return None if index < 0 else (index, index + len(needle))


def _mentions(articles: list[Article], needle: str) -> list[Mention]:
    found = []
    for article in articles:
        for m in re.finditer(re.escape(needle), article.text):
            found.append(Mention(article=article.id, start=m.start(), end=m.end(), text=needle))
    return found


def _sentence_at(article: Article, offset: int) -> tuple[int, int]:
    for sentence in article.sentences:
        if sentence.start <= offset < sentence.end:
            return sentence.start, sentence.end
    return offset, min(len(article.text), offset + 80)


ACTORS = [
    ("united-states", "United States", "state", ["United States", "Washington"]),
    ("france", "France", "state", ["France"]),
    ("russia", "Russia", "state", ["Russia", "Moscow"]),
    ("syria", "Syrian government", "state", ["Damascus", "the regime"]),
    ("de-mistura", "Staffan de Mistura", "person", ["Staffan de Mistura", "De Mistura"]),
    ("lavrov", "Sergei Lavrov", "person", ["Sergei Lavrov", "Sergey Lavrov"]),
    ("kerry", "John Kerry", "person", ["John Kerry"]),
    ("opposition", "Syrian opposition", "political_org", ["the opposition"]),
    ("issg", "International Syria Support Group", "igo", ["ISSG"]),
]
PLACES = [
    ("geneva", "Geneva", "CH", 46.20, 6.15, "city"),
    ("vienna", "Vienna", "AT", 48.21, 16.37, "city"),
    ("lausanne", "Lausanne", "CH", 46.52, 6.63, "city"),
    ("syria-country", "Syria", "SY", 35.0, 38.0, "country"),
]


def rich_story(articles: list[Article] | None = None) -> Story:
    """The seeds with every section filled from phrases found in their text."""
    articles = [a.model_copy(deep=True) for a in (articles or seed_articles())]
    actors = []
    for actor_id, name, kind, aliases in ACTORS:
        mentions = [m for alias in aliases for m in _mentions(articles, alias)]
        if mentions:
            actors.append(
                Actor(id=actor_id, name=name, type=kind, aliases=aliases, mentions=mentions,
                      roles=["UN special envoy for Syria"] if actor_id == "de-mistura" else [])
            )
    actor_ids = {a.id for a in actors}
    alias_of = {alias: a[0] for a in ACTORS for alias in a[3] if a[0] in actor_ids}

    places = [
        Place(id=pid, name=name, country=cc, lat=lat, lon=lon, kind=kind,
              mentions=_mentions(articles, name))
        for pid, name, cc, lat, lon, kind in PLACES
        if _mentions(articles, name)
    ]

    quotes = []
    for article in articles:
        for n, m in enumerate(re.finditer(r"[“\"]([^”\"]{20,400})[”\"]", article.text)):
            sentence_start, _ = _sentence_at(article, m.start())
            before = article.text[sentence_start : m.start()]
            speaker = next((alias_of[a] for a in alias_of if a in before), None)
            quotes.append(
                Quote(id=f"q-{article.id}-{n}", article=article.id, start=m.start(1),
                      end=m.end(1), text=m.group(1), direct=True, cue="said",
                      speaker=speaker, speaker_text=None)
            )

    events = []
    patterns = [
        ("ACCUSE", "France", "Damascus", "condemn"),
        ("CONSULT", "John Kerry", "Sergei Lavrov", "co-chair"),
        ("REQUEST", "United States", "the regime", "called on"),
        ("CONSULT", "Staffan de Mistura", "the opposition", "meeting"),
        ("REJECT", "the regime", "the opposition", "refused"),
        ("AGREE", "Moscow", "Washington", "talks will be held"),
    ]
    for article in articles:
        for kind, source, target, trigger in patterns:
            span = _find(article, trigger)
            if not span or source not in article.text or target not in article.text:
                continue
            start, end = _sentence_at(article, span[0])
            planned = "will" in article.text[start:end]
            date = article.published.isoformat() if article.published else "2016-05"
            events.append(
                Event(id=f"e{len(events)}", type=kind, article=article.id, start=start, end=end,
                      source=[alias_of[source]], target=[alias_of[target]], trigger=trigger,
                      context="future" if planned else "asserted",
                      place=places[0].id if places else None,
                      date=EventDate(value=date, granularity="day" if len(date) == 10 else
                                     "month", type="exact" if len(date) == 10 else "approximate"),
                      mentions=[Mention(article=article.id, start=start, end=end,
                                        text=article.text[start:end])])
            )

    claims = []
    for article in articles:
        for m in re.finditer(r"(more than |about )?(\d[\d ,]*\d) (people|civilians)", article.text):
            value = float(re.sub(r"[ ,]", "", m.group(2)))
            claims.append(
                Claim(id=f"c{len(claims)}", article=article.id, start=m.start(), end=m.end(),
                      text=m.group(0), value=value, qualifier=(m.group(1) or "").strip() or None,
                      what="killed", unit="people",
                      claimant="de-mistura" if "Mistura" in article.text else None)
            )
    groups = []
    if len(claims) > 1:
        groups.append(ClaimGroup(id="g0", what="killed", claims=[c.id for c in claims],
                                 agreement="conflicts"))

    summary = []
    for article in articles[:3]:
        first = article.sentences[0]
        text = article.text[first.start : first.end]
        summary.append(SummarySentence(article=article.id, start=first.start, end=first.end,
                                       text=text))
    timeline = []
    for event in events:
        article = next(a for a in articles if a.id == event.article)
        timeline.append(
            TimelineEntry(date=event.date.value, granularity=event.date.granularity,
                          type=event.date.type,
                          status="planned" if event.context == "future" else "happened",
                          headline=article.text[event.start : event.end][:100],
                          items=[Citation(article=article.id, start=event.start, end=event.end,
                                          text=article.text[event.start : event.end])])
        )
    forums = []
    geneva = _mentions(articles, "Geneva talks")
    if geneva:
        forums.append(Forum(id="geneva-talks", name="Geneva talks", kind="talks",
                            mediators=["de-mistura"], mentions=geneva))
    return Story(
        articles=articles, actors=actors, places=places, quotes=quotes, events=events,
        claims=claims, claim_groups=groups, forums=forums, agreements=[], summary=summary,
        timeline=timeline,
    )


def injected_story() -> Story:
    """A story whose title, path, text and removed boilerplate carry HTML/JS injections."""
    story = rich_story()
    article = story.articles[0]
    extra = f"\n\nA reader wrote {INJECTION} here."
    article.text += extra
    article.title = f"Title {INJECTION}"
    article.path = f"evil{INJECTION}.txt"
    article.removed.append(article.removed[0].model_copy(update={"text": INJECTION}))
    start = article.text.index(INJECTION)
    story.quotes.append(
        Quote(id="q-evil", article=article.id, start=start, end=start + len(INJECTION),
              text=INJECTION, direct=True, speaker=None, speaker_text=INJECTION)
    )
    story.summary.append(SummarySentence(article=article.id, start=start,
                                         end=start + len(INJECTION), text=INJECTION))
    return story
