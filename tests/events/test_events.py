"""Event extraction on real sentences from the seed articles, and the story stage."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import pytest

from dossier.analysis import ArticleDoc, StoryContext
from dossier.events.extract import ActorSpan, EventExtractor, EventFinding, sentence_events
from dossier.events.lexicon import load_lexicon
from dossier.events.stage import EventsStage
from dossier.model import Article
from tests.conftest import SEEDS


@pytest.fixture(scope="session")
def nlp():
    from dossier.annotate import load_pipeline

    return load_pipeline()


def events_of(nlp, text: str) -> list[EventFinding]:
    doc = nlp(text)
    return [f for sent in doc.sents for f in sentence_events(sent, 0, load_lexicon())]


def only(findings: list[EventFinding], event_type: str) -> EventFinding:
    matching = [f for f in findings if f.type == event_type]
    assert len(matching) == 1, findings
    return matching[0]


def test_lexicon_codes_each_word_to_one_type_and_covers_every_type():
    from typing import get_args

    from dossier.model import EventType

    lexicon = load_lexicon()
    for index in (lexicon.verbs, lexicon.nouns):
        for head, patterns in index.items():
            keys = Counter(p.dependents for p in patterns)
            assert max(keys.values()) == 1, head
    assert set(lexicon.definitions) == set(get_args(EventType))


@pytest.mark.slow
def test_accusation_with_source_and_target(nlp):
    event = only(events_of(nlp, "France Accuses Damascus of Mass Crimes"), "ACCUSE")
    assert [s.text for s in event.source] == ["France"]
    assert [t.text for t in event.target] == ["Damascus"]
    assert event.context == "asserted"


@pytest.mark.slow
def test_compound_source_and_future(nlp):
    event = only(
        events_of(nlp, "Russia and the United States will meet in Lausanne on Saturday."),
        "CONSULT",
    )
    assert [s.text for s in event.source] == ["Russia", "the United States"]
    assert event.context == "future"
    assert event.target == []  # "on Saturday" is a date, not a target


@pytest.mark.slow
def test_demanded_event_is_the_content_of_the_demand(nlp):
    findings = events_of(nlp, "The US urged negotiations between the regime and the opposition.")
    event = only(findings, "REQUEST")
    assert [s.text for s in event.source] == ["The US"]
    assert event.mode == "meeting"
    assert not [f for f in findings if f.type == "CONSULT"]


@pytest.mark.slow
def test_aerial_assault_noun_with_possessive_source_and_target(nlp):
    text = (
        "The renewed peace talks coincide with mounting international pressure on Russia "
        "for its airstrikes on Syria’s Aleppo."
    )
    event = only(events_of(nlp, text), "ASSAULT")
    assert event.mode == "aerial"
    assert [s.text for s in event.source] == ["its"]
    assert "Aleppo" in event.target[0].text


@pytest.mark.slow
def test_siege_mode_and_condemned_strikes_are_events(nlp):
    siege = events_of(
        nlp,
        "The joint air campaign aims to reinforce Shia militias and the Syrian Army as they "
        "lay siege to rebel-held districts.",
    )
    assert only(siege, "ASSAULT").mode == "siege"
    text = (
        "PARIS – France called on the International Syria Support Group (ISSG) to hold urgent "
        "ministerial-level talks on Monday in an attempt to restore the country’s tattered "
        "ceasefire, condemning deadly air strikes by the Damascus regime."
    )
    findings = events_of(nlp, text)
    request = only(findings, "REQUEST")
    assert request.source[0].text == "France"
    assert "International Syria Support Group" in request.target[0].text
    accuse = only(findings, "ACCUSE")
    assert accuse.source[0].text == "France"
    assert accuse.target[0].text == "the Damascus regime"
    strikes = only(findings, "ASSAULT")
    assert strikes.mode == "aerial" and strikes.source[0].text == "the Damascus regime"


@pytest.mark.slow
def test_walking_out_of_talks(nlp):
    event = only(events_of(nlp, "The rebels walked out of the talks on Monday."), "RETREAT")
    assert event.trigger == "walked out"
    assert [s.text for s in event.source] == ["The rebels"]


@pytest.mark.slow
def test_negated_hypothetical_and_raised_future(nlp):
    negated = events_of(
        nlp,
        'The United Nations says about 400,000 civilians are besieged and face "complete '
        'catastrophe" because aid deliveries by the Syrian regime were blocked and hundreds of '
        "people who need urgent medical evacuation have not been allowed outside the enclave.",
    )
    assert only(negated, "CONCEDE").context == "negated"
    hypothetical = events_of(
        nlp,
        "Khawla Mattar, spokeswoman for special envoy Staffan de Mistura, told AFP there was "
        "“the need to meet” with opposition first, and that a meeting with the government "
        "would happen “maybe another day”.",
    )
    meeting = [f for f in hypothetical if f.trigger == "meeting"]
    assert meeting and meeting[0].context == "hypothetical"
    future = only(
        events_of(
            nlp,
            "Delegations from several countries with influence inside Syria, headed by the US "
            "and Russia, are expected to meet on Saturday.",
        ),
        "CONSULT",
    )
    assert future.context == "future"
    assert future.source[0].text.startswith("Delegations")


@pytest.mark.slow
def test_conditional(nlp):
    text = (
        "Minister Ayrault, told France’s Inter Radio that, “if the president decides [to meet "
        "Putin], this will not be to trade pleasantries.”"
    )
    event = only(events_of(nlp, text), "CONSULT")
    assert event.context == "conditional"
    assert event.target[0].text == "Putin"


@pytest.mark.slow
def test_said_alone_is_no_event(nlp):
    assert events_of(nlp, "“We have nothing to add,” Lavrov said on Wednesday.") == []


@pytest.mark.slow
def test_offsets_point_into_the_article_text(tmp_path):
    import dossier.events  # noqa: F401 - registers the components
    from dossier.pipeline import BuildOptions, build

    build([str(SEEDS)], tmp_path, BuildOptions(extractors=["events"], stages=["events"]))
    story = json.loads((tmp_path / "story.json").read_text(encoding="utf-8"))
    texts = {a["id"]: a["text"] for a in story["articles"]}
    assert len(story["events"]) > 20
    for event in story["events"]:
        assert event["trigger"].split()[0] in texts[event["article"]][event["start"] : event["end"]]
        for mention in event["mentions"]:
            assert texts[mention["article"]][mention["start"] : mention["end"]] == mention["text"]
    types = Counter(event["type"] for event in story["events"])
    assert {"ACCUSE", "REQUEST", "CONSULT", "ASSAULT"} <= set(types)


class _Actors:
    """Resolves by the spanned text, as an actors stage would after aliasing."""

    def __init__(self, articles: dict[str, Article], ids: dict[str, str]):
        self.articles, self.ids = articles, ids

    def resolve(self, article_id: str, start: int, end: int) -> str | None:
        return self.ids.get(self.articles[article_id].text[start:end])

    def get(self, actor_id: str):
        return None


def _finding(text: str, trigger: str, source: str, target: str) -> EventFinding:
    def span(word: str) -> ActorSpan:
        start = text.index(word)
        return ActorSpan(start=start, end=start + len(word), text=word)

    start = text.index(trigger)
    return EventFinding(
        type="ACCUSE", trigger=trigger, trigger_start=start, trigger_end=start + len(trigger),
        sentence_start=0, sentence_end=len(text), source=[span(source)], target=[span(target)],
    )  # fmt: skip


def test_one_event_reported_by_two_articles_is_merged():
    first = "The Russian FM blamed the United States for the collapse of the last ceasefire."
    second = "Lavrov blamed Washington for the collapse of the truce."
    third = "Lavrov blamed Washington for the collapse of the truce in May."
    articles = {
        "a1": Article(id="a1", path="a1", format="text", language="en", text=first,
                      published=dt.date(2016, 10, 5)),
        "a2": Article(id="a2", path="a2", format="text", language="en", text=second,
                      published=dt.date(2016, 10, 6)),
        "a3": Article(id="a3", path="a3", format="text", language="en", text=third,
                      published=dt.date(2017, 6, 1)),
    }  # fmt: skip
    ids = {"The Russian FM": "lavrov", "Lavrov": "lavrov", "the United States": "usa",
           "Washington": "usa"}  # fmt: skip
    findings = {
        "a1": {"events": [_finding(first, "blamed", "The Russian FM", "the United States")]},
        "a2": {"events": [_finding(second, "blamed", "Lavrov", "Washington")]},
        "a3": {"events": [_finding(third, "blamed", "Lavrov", "Washington")]},
    }
    ctx = StoryContext(
        articles=lambda: iter(articles.values()), article=articles.__getitem__, findings=findings
    )
    ctx.shared["actors"] = _Actors(articles, ids)
    EventsStage()(ctx)
    events = ctx.sections["events"]
    assert len(events) == 2  # the third report is eight months later: another event
    merged = events[0]
    assert merged.source == ["lavrov"] and merged.target == ["usa"]
    assert [m.article for m in merged.mentions] == ["a1", "a2"]
    assert merged.source_text == ["The Russian FM"]
    assert merged.date is not None and merged.date.type == "approximate"


def test_events_without_known_actors_are_not_merged():
    text = "Russian airstrikes hit Aleppo."
    articles = {
        name: Article(id=name, path=name, format="text", language="en", text=text)
        for name in ("a1", "a2")
    }
    finding = EventFinding(
        type="ASSAULT", trigger="airstrikes", trigger_start=8, trigger_end=18,
        sentence_start=0, sentence_end=len(text),
    )  # fmt: skip
    ctx = StoryContext(
        articles=lambda: iter(articles.values()),
        article=articles.__getitem__,
        findings={name: {"events": [finding]} for name in articles},
    )
    EventsStage()(ctx)
    assert len(ctx.sections["events"]) == 2
    assert all(event.source == [] and event.date is None for event in ctx.sections["events"])


def test_unparsed_articles_give_no_events():
    article = Article(id="x", path="x", format="text", language="fr", text="La France accuse.")
    assert EventExtractor()(ArticleDoc(article, [], parsed=False)) == []


def _plover_text(record_id: str) -> str:
    from tests.conftest import shared_data

    records = json.loads(shared_data("plover/gold_dev.json").read_text(encoding="utf-8"))
    return next(r["text"] for r in records if r["id"] == record_id)


@pytest.mark.slow
def test_declared_acts_are_threats_or_intents(nlp):
    """PLOVER codes an announced hostile act as THREATEN, an announced conciliatory one as
    AGREE (sentences read from the shared PLOVER file, not copied here)."""
    threat = events_of(nlp, _plover_text("PLOVER-GSR01-THREATEN-0029"))
    assert any(f.type == "THREATEN" and f.context == "asserted" for f in threat)
    intent = events_of(nlp, _plover_text("PLOVER-GSR01-AGREE-0034"))
    agree = only(intent, "AGREE")
    assert agree.source[0].text == "Syria"


@pytest.mark.slow
def test_a_month_is_no_march(nlp):
    text = "Ukrainian marines wave as they leave a base in Feodosia, Crimea, on Tuesday, March 25."
    assert not [f for f in events_of(nlp, text) if f.type == "PROTEST"]
    protest = only(events_of(nlp, "Thousands joined the march on Saturday."), "PROTEST")
    assert protest.trigger == "march"


@pytest.mark.slow
def test_crimes_committed_are_no_commitment(nlp):
    text = (
        "Illustrating the pressure now faced by Russia, French officials said on Monday that "
        "the International Criminal Court (ICC) must investigate possible war crimes committed "
        "by Russian and Syrian governments."
    )
    findings = events_of(nlp, text)
    assert not [f for f in findings if f.type == "AGREE"]
    assert only(findings, "INVESTIGATE").source[0].text.startswith("the International")
