"""The summary section of a story: cited, ordered, within its length, on real articles."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import SEEDS

pytestmark = pytest.mark.slow


def _build(inputs: list[str], out: Path, words: int | None = 120) -> dict:
    import dossier.summary  # noqa: F401
    from dossier.pipeline import BuildOptions, build

    names = ["times", "actors", "places", "events", "claims"]
    build(
        inputs,
        out,
        BuildOptions(
            extractors=names,
            stages=[*names, "forums", "summary"],
            story_options={"summary_words": words} if words else {},
        ),
    )
    return json.loads((out / "story.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> dict:
    return _build([str(SEEDS)], tmp_path_factory.mktemp("summary-seeds"))


def test_every_sentence_cites_its_passage(seeds):
    texts = {a["id"]: a["text"] for a in seeds["articles"]}
    assert seeds["summary"]
    for sentence in seeds["summary"]:
        assert texts[sentence["article"]][sentence["start"] : sentence["end"]] == sentence["text"]
        for support in sentence["supports"]:
            assert support["article"] != sentence["article"]
            assert texts[support["article"]][support["start"] : support["end"]] == support["text"]


def test_no_sentence_leans_on_one_the_reader_does_not_have(seeds):
    """A sentence opening on a pronoun or a connective comes right after the sentence it
    follows in its article; no sentence opens on a dateline."""
    from dossier.summary.scoring import _DANGLING, _DATELINE

    texts = {a["id"]: a["text"] for a in seeds["articles"]}
    summary = seeds["summary"]
    for n, sentence in enumerate(summary):
        assert not _DATELINE.match(sentence["text"])
        if _DANGLING.match(sentence["text"]):
            before = summary[n - 1]
            assert n > 0 and before["article"] == sentence["article"]
            gap = texts[sentence["article"]][before["end"] : sentence["start"]]
            assert not any(c.isalnum() for c in gap)


def test_length_and_more_than_one_source(seeds):
    words = sum(len(s["text"].split()) for s in seeds["summary"])
    assert words <= 120
    assert len({s["article"] for s in seeds["summary"]}) >= 3


def test_the_default_length_is_120_words_for_a_handful_of_articles_and_grows_with_more(
    tmp_path, seeds
):
    from dossier.summary.stage import default_words

    assert [default_words(n) for n in (0, 1, 5, 6, 8, 10, 11, 40)] == [
        120, 120, 120, 144, 192, 240, 250, 250
    ]  # fmt: skip
    story = _build([str(SEEDS)], tmp_path / "default", words=None)
    assert story["summary"] == seeds["summary"]  # five articles: 120 words


def test_dated_sentences_come_in_date_order(tmp_path):
    story = _build([str(SEEDS)], tmp_path / "long", words=250)
    dated = next(a["id"] for a in story["articles"] if a["published"])
    order = [s["article"] for s in story["summary"]]
    # the only dated article's sentences come first; the undated follow, each article's
    # passages together, an article whose passage stands nearer its top first
    assert order[0] == dated
    rest = [article for article in order if article != dated]
    assert rest == sorted(rest, key=rest.index)  # together
    texts = {a["id"]: a["text"] for a in story["articles"]}
    tops = {s["article"]: s["start"] / len(texts[s["article"]]) for s in story["summary"][::-1]}
    firsts = list(dict.fromkeys(rest))
    assert tops[firsts[0]] <= min(tops[a] for a in firsts)


def test_an_articles_lead_comes_before_another_articles_details(tmp_path):
    """A Multi-News build (a shooting at UC Berkeley) told the police chief's account before
    the other report's lead on the shooting: both undated, in the order of the files."""
    details = tmp_path / "a.txt"
    details.write_text(
        "What did the officers see in the lab? Police Chief "
        "Mitch Celaya said at the press conference that the suspect pulled out the gun and "
        "displayed it in a threatening way. The suspect was taken to Highland Hospital in "
        "Oakland, where he was in stable condition.",
        encoding="utf-8",
    )
    lead = tmp_path / "b.txt"
    lead.write_text(
        "A UC Berkeley police officer shot and wounded a man brandishing a gun in a computer "
        "lab at the Haas School of Business on Tuesday. The shooting happened as students "
        "gathered for a protest on the campus.",
        encoding="utf-8",
    )
    story = _build([str(details), str(lead)], tmp_path / "out", words=60)
    articles = [s["article"] for s in story["summary"]]
    lead_id = next(a["id"] for a in story["articles"] if a["text"].startswith("A UC Berkeley"))
    assert lead_id in articles and articles[0] == lead_id


def test_longer_budget_gives_a_longer_summary(tmp_path):
    short = _build([str(SEEDS)], tmp_path / "short", words=60)
    long = _build([str(SEEDS)], tmp_path / "long", words=250)
    assert len(long["summary"]) > len(short["summary"])


def test_one_article_and_an_empty_story(tmp_path):
    one = sorted(SEEDS.iterdir())[0]
    story = _build([str(one)], tmp_path / "one")
    assert story["summary"] and {s["article"] for s in story["summary"]} == {
        story["articles"][0]["id"]
    }
    assert all(not s["supports"] for s in story["summary"])


def test_vectors_made_per_article_give_the_same_summary(tmp_path, seeds):
    """The sentence_vectors extractor moves encoding to the per-article stage; the summary
    read from its vectors is the one the stage makes when it encodes by itself."""
    import dossier.summary  # noqa: F401
    from dossier.pipeline import BuildOptions, build

    names = ["times", "actors", "places", "events", "claims"]
    build(
        [str(SEEDS)],
        tmp_path,
        BuildOptions(extractors=[*names, "sentence_vectors"], stages=[*names, "summary"]),
    )
    story = json.loads((tmp_path / "story.json").read_text(encoding="utf-8"))
    cited = [(s["article"], s["start"], s["end"]) for s in story["summary"]]
    assert cited == [(s["article"], s["start"], s["end"]) for s in seeds["summary"]]


QUOTATION = (
    "“We have reached the point where the Geneva talks must resume. Nobody can afford "
    "another round of bombing in Aleppo,” the UN envoy Staffan de Mistura told reporters."
)


def test_a_quotation_over_two_sentences_is_cited_whole(tmp_path):
    """The quotation's second sentence is never told without its first, and when the
    quotation is chosen its citation runs from the opening mark to the speaker."""
    articles = [
        "The UN envoy Staffan de Mistura met the Syrian government delegation in Geneva on "
        "Monday to restart the talks.\n\n" + QUOTATION + "\n\nThe opposition said it would "
        "attend the Geneva talks only if the siege of Aleppo was lifted.",
        "Syrian peace talks resumed in Geneva on Monday under the UN envoy Staffan de "
        "Mistura.\n\n" + QUOTATION + "\n\nRussia and the United States urged both sides in "
        "Geneva to respect the cessation of hostilities.",
    ]
    for n, text in enumerate(articles):
        (tmp_path / f"article{n}.txt").write_text(text, encoding="utf-8")
    story = _build([str(tmp_path / "article0.txt"), str(tmp_path / "article1.txt")],
                   tmp_path / "out", words=200)  # fmt: skip
    texts = {a["id"]: a["text"] for a in story["articles"]}
    summary = story["summary"]
    for sentence in summary:
        assert texts[sentence["article"]][sentence["start"] : sentence["end"]] == sentence["text"]
        assert not sentence["text"].startswith("Nobody can afford")
    assert QUOTATION in [s["text"] for s in summary]


def test_the_seeds_summary_tells_several_threads(seeds):
    """The issue's threads for the seeds, at the default 120 words: the Geneva talks and de
    Mistura, the ceasefire, Aleppo, and the positions of the US, Russia and France (Eastern
    Ghouta, named in one article only, does not fit; see the README)."""
    text = " ".join(s["text"] for s in seeds["summary"])
    for thread in ("Geneva", "Mistura", "ceasefire", "Aleppo", "France", "Russia"):
        assert thread in text
    assert "United States" in text or "Washington" in text


def test_at_200_words_the_seeds_summary_tells_every_thread_of_the_issue(tmp_path):
    """Eastern Ghouta is the one report's own thread (no other names it, three of its
    sentences do), so a 200-word summary tells it along with all the others."""
    summary = _build([str(SEEDS)], tmp_path, words=200)["summary"]
    text = " ".join(s["text"] for s in summary)
    for thread in ("Geneva", "Mistura", "ceasefire", "Aleppo", "Eastern Ghouta", "France"):
        assert thread in text
    assert "Russia" in text and "United States" in text
    assert sum(len(s["text"].split()) for s in summary) <= 200


def test_threads_are_the_named_actors_places_forums_and_agreements():
    from dossier.analysis import StoryContext
    from dossier.model import Mention
    from dossier.summary.stage import _threads

    class Named:
        def __init__(self, name: str, *mentions: tuple[str, int]):
            self.name = name
            self.mentions = [Mention(article=a, start=s, end=s + 3, text="x") for a, s in mentions]

    ctx = StoryContext(articles=lambda: iter(()), article=lambda _id: None, findings={})
    ctx.sections.update(
        actors=[Named("Russia", ("a", 0)), Named("Staffan de Mistura", ("a", 40))],
        places=[Named("Russia", ("b", 5)), Named("Aleppo", ("a", 12))],
        forums=[Named("Geneva talks", ("b", 30))],
        agreements=[Named("ceasefire", ("b", 31))],
        events=[Named("attack", ("a", 1))],
    )
    threads = _threads(ctx, {"a": [(0, 30), (30, 60)], "b": [(0, 20), (20, 50)]})
    assert threads["a"] == [{"russia", "aleppo"}, {"staffan de mistura"}]
    assert threads["b"] == [{"russia"}, {"geneva talks", "ceasefire"}]


def test_a_passage_is_dated_by_what_it_reports_not_by_a_nouns_description():
    """A Multi-News Kushner build opened its summary on 'The statement ... was issued amid
    reports that the FBI was investigating meetings Kushner had in December ...'."""
    import datetime as dt

    from dossier.analysis import StoryContext
    from dossier.model import TimeExpression
    from dossier.summary.stage import _sentence_date
    from dossier.times.stage import TimeIndex

    text = (
        "The statement was issued amid reports that the FBI was investigating meetings "
        "Kushner had in December with Russian officials. Trump fired Comey on May 9."
    )
    december, may = text.index("December"), text.index("May 9")
    times = TimeIndex()
    times.references["a1"] = dt.date(2017, 5, 26)
    times.by_article["a1"] = [
        TimeExpression(article="a1", start=december, end=december + 8, text="December",
                       value="2016-12", granularity="month", type="approximate",
                       background=True),
        TimeExpression(article="a1", start=may, end=may + 5, text="May 9",
                       value="2017-05-09", granularity="day", type="exact"),
    ]  # fmt: skip
    ctx = StoryContext(articles=lambda: iter(()), article=lambda _id: None, findings={})
    ctx.shared["times"] = times
    first = text.index(" Trump")
    assert _sentence_date(ctx, "a1", 0, first) == "2017-05-26"  # the article's date
    assert _sentence_date(ctx, "a1", first + 1, len(text)) == "2017-05-09"


def test_a_person_named_by_surname_alone_is_named_in_full_until_the_summary_has():
    """A Multi-News Ipswich build's summary had "Auerbach eventually made it back to shore"
    with nobody named Auerbach before it."""
    from dossier.model import Actor, Mention, SummarySentence
    from dossier.summary.stage import name_people

    texts = [
        "After the Auerbach rescue, Auerbach made it back to shore, and he said Kim's boat "
        "was gone.",
        "Ken Auerbach and Alex Kim had set out at dawn; Auerbach swam.",
        "Kim called for help.",
    ]
    sentences = [
        SummarySentence(article=f"a{n}", start=10, end=10 + len(t), text=t)
        for n, t in enumerate(texts)
    ]

    def mentions(name: str) -> list[Mention]:
        return [
            Mention(article=s.article, start=s.start + m.start(), end=s.start + m.end(),
                    text=m.group())
            for s in sentences
            for m in re.finditer(rf"\b(?:{name}|{name.split()[-1]}|he)\b", s.text)
        ]  # fmt: skip

    actors = [
        Actor(id="p1", name="Ken Auerbach", type="person", mentions=mentions("Ken Auerbach")),
        Actor(id="p2", name="Alex Kim", type="person", mentions=mentions("Alex Kim")),
    ]
    name_people(sentences, actors)
    # "the Auerbach rescue" names a thing
    assert sentences[0].shown == (
        "After the Auerbach rescue, [Ken Auerbach] made it back to shore, and he said "
        "[Alex Kim]'s boat was gone."
    )
    # named in full already: as written
    assert sentences[1].shown is None and sentences[2].shown is None
    assert sentences[0].text == texts[0]
    # a full name is as written, even one whose first name is a country's
    jordan = SummarySentence(article="b", start=0, end=27, text="Jordan Belliveau's death.")
    boy = Actor(id="p3", name="Jordan Belliveau", type="person",
                mentions=[Mention(article="b", start=0, end=16, text="Jordan Belliveau")])
    name_people([jordan], [boy])
    assert jordan.shown is None
    # a title the NER left out of the mention makes the full name (Multi-News: "Pope
    # [Pope Francis]'s speech")
    text = "He came for Pope Francis's speech."
    speech = SummarySentence(article="c", start=0, end=len(text), text=text)
    pope = Actor(id="p4", name="Pope Francis", type="person",
                 mentions=[Mention(article="c", start=17, end=24, text="Francis")])
    name_people([speech], [pope])
    assert speech.shown is None
