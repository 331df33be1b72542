"""Quote extraction on real sentences: the seeds (Syrian talks) and US campaign news."""

from __future__ import annotations

import pytest

from dossier.analysis import ArticleDoc, StoryContext
from dossier.model import Article
from dossier.quotes.extract import QuoteExtractor, QuoteFinding, quotation_spans
from dossier.quotes.stage import QuoteStage


def test_quotation_spans_pairs_marks_of_every_style() -> None:
    text = 'A “b c” d "e f" g ‘h i’ j «k l» m'
    assert [text[s:e] for s, e in quotation_spans(text)] == [
        "“b c”",
        '"e f"',
        "‘h i’",
        "«k l»",
    ]


def test_unbalanced_opening_mark_does_not_swallow_the_rest() -> None:
    text = (
        "A statement by the Russian Foreign Ministry said that the foreign ministers would "
        "meet in Lausanne, Switzerland, “to consider possible further steps.\n\n"
        "“We would like to have a meeting in this narrow format,” Lavrov said."
    )
    spans = [text[s:e] for s, e in quotation_spans(text)]
    assert spans == ["“We would like to have a meeting in this narrow format,”"]


def test_doubled_apostrophes_are_quotation_marks() -> None:
    text = "''Hopefully,'' the president said, ''this museum can help.'' It's Obama's day."
    assert [text[s:e] for s, e in quotation_spans(text)] == [
        "''Hopefully,''",
        "''this museum can help.''",
    ]


def test_apostrophes_are_not_quotes() -> None:
    assert quotation_spans("the country’s war and Paris’ support") == []


@pytest.fixture(scope="session")
def extract():
    from dossier.annotate import load_pipeline

    nlp = load_pipeline()
    extractor = QuoteExtractor()

    def run(text: str) -> tuple[Article, list[QuoteFinding]]:
        from dossier.annotate import paragraph_spans

        article = Article(id="a1", path="a1", format="text", language="en", text=text)
        spans = paragraph_spans(text)
        docs = list(nlp.pipe(text[s:e] for s, e in spans))
        doc = ArticleDoc(article, [(s, d) for (s, _), d in zip(spans, docs, strict=True)])
        return article, extractor(doc)

    return run


def _check_offsets(article: Article, findings: list[QuoteFinding]) -> None:
    for finding in findings:
        assert article.text[finding.start : finding.end] == finding.text
        if finding.speaker_start is not None:
            assert article.text[finding.speaker_start : finding.speaker_end] == (
                finding.speaker_text
            )


@pytest.mark.slow
def test_direct_quote_with_statement_cue(extract) -> None:
    text = (
        '"The United States urges all parties to work seriously toward a political resolution '
        'to this conflict," spokeswoman Heather Nauert said in a statement.'
    )
    article, findings = extract(text)
    _check_offsets(article, findings)
    (quote,) = findings
    assert quote.direct and quote.cue == "said"
    assert quote.speaker_text == "spokeswoman Heather Nauert"
    assert quote.text.startswith('"The United States urges')


@pytest.mark.slow
def test_told_reporters(extract) -> None:
    text = (
        "“There is no alternative to a negotiated political solution agreed by both parties "
        "under the auspices of the United Nations,” deputy foreign ministry spokesman Alexandre "
        "Giorgini told reporters in a daily briefing."
    )
    article, findings = extract(text)
    _check_offsets(article, findings)
    assert findings[0].cue == "told"
    assert findings[0].speaker_text.endswith("Alexandre Giorgini")


@pytest.mark.slow
def test_split_quote_around_the_cue(extract) -> None:
    text = (
        "“Maybe I can, by speaking directly to white people, say, look, this is not who we "
        "are,” she continued. “We have got to do better.”"
    )
    article, findings = extract(text)
    _check_offsets(article, findings)
    assert any(f.speaker_text == "she" and f.text.startswith("“Maybe I can") for f in findings)


@pytest.mark.slow
def test_quote_then_cue_in_its_own_sentence(extract) -> None:
    text = (
        "“How many times do we have to see this in our country?” Clinton said. “In Tulsa, an "
        "unarmed man with his hands in the air.”"
    )
    article, findings = extract(text)
    _check_offsets(article, findings)
    first = findings[0]
    assert first.speaker_text == "Clinton"
    assert first.text == "“How many times do we have to see this in our country?”"


@pytest.mark.slow
def test_indirect_speech_and_according_to(extract) -> None:
    text = (
        "Stein spokeswoman Melezia Figueroa said the candidate was headed to the venue to "
        "participate in media interviews.\n\n"
        "Clinton beats Trump by 46 percent to 42 percent, according to the poll."
    )
    article, findings = extract(text)
    _check_offsets(article, findings)
    said = next(f for f in findings if f.cue == "said")
    assert not said.direct
    assert said.speaker_text == "Stein spokeswoman Melezia Figueroa"
    assert said.text.startswith("the candidate was headed")
    according = next(f for f in findings if f.cue == "according to")
    assert according.speaker_text == "the poll"
    assert according.text == "Clinton beats Trump by 46 percent to 42 percent"


@pytest.mark.slow
def test_mixed_quote_and_called_for(extract) -> None:
    text = (
        "In Washington US Secretary of State John Kerry urged the HNC and the regime to “make "
        "the most of this moment” with the future of Syria in mind.\n\n"
        "The talks are based on the June 2012 Geneva Communiqué of the Action Group on Syria "
        "that called for political transition in the country."
    )
    article, findings = extract(text)
    _check_offsets(article, findings)
    urged = next(f for f in findings if f.cue == "urged")
    assert urged.speaker_text.endswith("John Kerry") and urged.direct
    assert "make the most of this moment" in urged.text
    assert any(f.cue == "called" and "political transition" in f.text for f in findings)


@pytest.mark.slow
def test_accusation_is_a_speech_act(extract) -> None:
    text = "The Syrian government accused Turkey of sending fighters across the border."
    article, findings = extract(text)
    _check_offsets(article, findings)
    (accusation,) = findings
    assert accusation.cue == "accused"
    assert accusation.speaker_text == "The Syrian government"
    assert accusation.text == "Turkey of sending fighters across the border"


@pytest.mark.slow
def test_scare_quotes_have_no_speaker(extract) -> None:
    text = (
        "Russia insists the Kurds be invited and has described Turkey’s support of some rebel "
        "groups as “terrorist” backing.\n\n"
        "The rebels hold the “moderate” districts east of the city, and the “political "
        "transition” remains out of reach."
    )
    article, findings = extract(text)
    _check_offsets(article, findings)
    assert not any(f.text in ("“moderate”", "“political transition”") for f in findings)
    assert all(f.start < text.index("The rebels") for f in findings)


@pytest.mark.slow
def test_pronoun_speaker_keeps_its_antecedent(extract) -> None:
    text = (
        "Khawla Mattar, spokeswoman for special envoy Staffan de Mistura, spoke to AFP on "
        "Monday. She said a meeting with the government would happen “maybe another day”."
    )
    article, findings = extract(text)
    _check_offsets(article, findings)
    said = next(f for f in findings if f.cue == "said")
    assert said.speaker_text == "She"
    assert said.speaker_antecedent_start is not None
    antecedent = article.text[said.speaker_antecedent_start : said.speaker_antecedent_end]
    assert "Mattar" in antecedent or "Mistura" in antecedent


@pytest.mark.slow
def test_unbalanced_quote_in_an_article_keeps_later_quotes(extract) -> None:
    text = (
        "A statement said the ministers would meet in Lausanne “to consider further steps.\n\n"
        "“We hope the meeting would result in launching a serious dialogue,” Lavrov said."
    )
    article, findings = extract(text)
    _check_offsets(article, findings)
    lavrov = next(f for f in findings if f.speaker_text == "Lavrov")
    assert lavrov.text.startswith("“We hope")
    assert all(f.end - f.start < 200 for f in findings)


@pytest.mark.slow
def test_signed_quote_and_transcript_turn(extract) -> None:
    text = (
        "“The most unqualified child to ever run for president.” ― Francisco Herrero\n"
        "PENCE: Well, the question really should be why was Hillary Clinton inviting her."
    )
    article, findings = extract(text)
    _check_offsets(article, findings)
    speakers = {f.speaker_text for f in findings}
    assert {"Francisco Herrero", "PENCE"} <= speakers


def _pairs(findings: list[QuoteFinding]) -> set[tuple[str | None, str | None]]:
    return {(f.speaker_text, f.cue) for f in findings}


@pytest.mark.slow
def test_parenthetical_cue_reports_the_clause_around_it(extract) -> None:
    text = (
        "Acts of protest, Mr. Obama said, are acts of patriotism. The latest test, North "
        "Korea said, was its biggest yet."
    )
    article, findings = extract(text)
    _check_offsets(article, findings)
    assert {("Mr. Obama", "said"), ("North Korea", "said")} <= _pairs(findings)
    obama = next(f for f in findings if f.speaker_text == "Mr. Obama")
    assert "acts of patriotism" in obama.text


@pytest.mark.slow
def test_cue_closing_or_inside_a_relative_clause(extract) -> None:
    text = (
        "Language unclear on whether single mothers are covered, experts say. He attacked "
        "other candidates for accepting donations, which he said were accompanied by favors."
    )
    article, findings = extract(text)
    _check_offsets(article, findings)
    experts = next(f for f in findings if f.speaker_text == "experts")
    assert experts.text == "Language unclear on whether single mothers are covered"
    assert any(f.speaker_text == "he" and "accompanied by favors" in f.text for f in findings)


@pytest.mark.slow
def test_inverted_cue_after_a_quote_ending_in_a_noun(extract) -> None:
    # the parser takes "Full panic mode" for a subject of "said" too
    text = (
        "“Hillary Clinton’s campaign is in panic mode. Full panic mode,” said Leslie Wimes, "
        "a South Florida-based president of the Democratic African-American Women Caucus."
    )
    article, findings = extract(text)
    _check_offsets(article, findings)
    (quote,) = [f for f in findings if f.cue == "said"]
    assert quote.speaker_text == "Leslie Wimes" and quote.direct


@pytest.mark.slow
def test_document_pronoun_and_evidence_subjects(extract) -> None:
    text = (
        "The city sent a cease-and-desist letter Thursday. It says the campaign violated "
        "federal and state law.\n\nPOLITICO’s Battleground States average shows Clinton "
        "likewise ahead by 3.7 percentage points.\n\nIn the previous Washington Post/ABC News "
        "national poll, conducted in early September, Clinton led Trump by 5 points."
    )
    article, findings = extract(text)
    _check_offsets(article, findings)
    speakers = {f.speaker_text: f for f in findings}
    assert speakers["It"].text.startswith("the campaign violated")
    assert speakers["POLITICO’s Battleground States average"].text.startswith("Clinton")
    poll = next(f for f in findings if f.cue == "In")
    assert "national poll" in poll.speaker_text and poll.text.startswith("Clinton led")


@pytest.mark.slow
def test_stances_by_adjective_and_view(extract) -> None:
    text = (
        "Many Democrats are afraid that Mrs. Clinton's large edge may be undercut by apathy. "
        "Protesters were frustrated that the city's police department released only some of "
        "the video footage. The comments have drawn scrutiny from some who saw the comment as "
        "a dig at America’s military."
    )
    article, findings = extract(text)
    _check_offsets(article, findings)
    assert {("Many Democrats", "afraid"), ("Protesters", "frustrated"), ("who", "saw")} <= (
        _pairs(findings)
    )


@pytest.mark.slow
def test_not_speech(extract) -> None:
    text = (
        "Russia called a meeting of the Security Council on Friday. The streets were quiet as "
        "many regulars continued to stay away. Let's say you think a degree is worth it. "
        "The top 1 percent would see their incomes go up."
    )
    article, findings = extract(text)
    assert {f.cue for f in findings} <= {"think"}  # "you think ...": a (generic) reader's view


@pytest.mark.slow
def test_signed_line_with_mistyped_mark_and_headline_sources(extract) -> None:
    text = (
        "”Mr. Trump embodies the lasting legacy of racism in the United States. He represents "
        "our greatest shame.” ― Sonya Herridge\n\n"
        "Poll: Clinton and Trump in dead heat heading into first debate.\n\n"
        "Aleppo: The siege tightens.\n\n"
        "Syria: the war in numbers."
    )
    article, findings = extract(text)
    _check_offsets(article, findings)
    assert {f.speaker_text for f in findings} == {"Sonya Herridge", "Poll"}
    signed = next(f for f in findings if f.speaker_text == "Sonya Herridge")
    assert signed.text.startswith("”Mr. Trump") and signed.text.endswith("shame.”")


def test_a_pages_links_are_no_one_speaking(extract) -> None:
    # Multi-News (the Tonight Show): a video page's list of links
    text = (
        "Like Jimmy: https://Facebook.com/JimmyFallon\n"
        "Follow NBC: http://Twitter.com/NBC\n\n"
        "FALLON: Remind me again, what is your real name?"
    )
    article, findings = extract(text)
    _check_offsets(article, findings)
    assert [f.speaker_text for f in findings] == ["FALLON"]


@pytest.mark.slow
def test_a_day_is_when_something_was_said_not_what(extract) -> None:
    # Multi-News (climbers found in Tibet): "said on Monday" had "on Monday" for its content
    text = (
        "The bodies of two renowned U.S. climbers, found in Tibet 16 years after they died on "
        "one of the world's tallest mountains, have been left untouched out of respect, one of "
        "the mountaineers who found the remains said on Monday."
    )
    article, findings = extract(text)
    _check_offsets(article, findings)
    assert all(f.text != "on Monday" for f in findings)


@pytest.mark.slow
def test_a_charge_is_told_with_whom_it_accuses(extract) -> None:
    # Multi-News (a Mannequin Challenge arrest): the content had been "him"
    text = (
        "Investigators also arrested 23-year-old Terry Brown and charged him with possession "
        "of drug paraphernalia and loitering."
    )
    article, findings = extract(text)
    _check_offsets(article, findings)
    [charge] = [f for f in findings if f.cue == "charged"]
    assert charge.text.startswith("him with possession") and charge.text.endswith("loitering")


class _Actors:
    def __init__(self, article: Article):
        self.article = article

    def resolve(self, article_id: str, start: int, end: int) -> str | None:
        return "a-mattar" if "Mattar" in self.article.text[start:end] else None


@pytest.mark.slow
def test_stage_makes_quotes_and_resolves_speakers(extract) -> None:
    article, findings = extract(
        "Khawla Mattar, spokeswoman for special envoy Staffan de Mistura, spoke to AFP on "
        "Monday. She said a meeting with the government would happen “maybe another day”."
    )
    for shared in ({}, {"actors": _Actors(article)}):
        ctx = StoryContext(
            articles=lambda: iter([article]),
            article=lambda _id: article,
            findings={article.id: {"quotes": findings}},
            shared=shared,
        )
        QuoteStage()(ctx)
        quotes = ctx.sections["quotes"]
        said = next(q for q in quotes if q.cue == "said")
        assert article.text[said.start : said.end] == said.text
        assert said.speaker_text == "She"
        assert said.speaker == ("a-mattar" if shared else None)
        assert len({q.id for q in quotes}) == len(quotes)
