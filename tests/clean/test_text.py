"""`clean_text` end to end on the five seed articles, and the paragraph, title and dateline
handling it is built from."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from dossier.clean.text import clean_text, normalise_line, paragraphs, split_dateline, wrap_width
from tests.conftest import SEEDS


def seed(prefix: str) -> Path:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


SEED_EXPECTATIONS = {
    "000": {
        "title": "US Urges Negotiations between Syria Regime, Opposition as France Accuses "
        "Damascus of Mass Crimes",
        "meta": {"published": dt.date(2017, 12, 16)},
        "first": "The United States called on Friday the supporters of the Syrian regime",
        "last": '"By denying humanitarian access, the Damascus regime is responsible for mass '
        'crimes, particularly through the use of the siege as a weapon of war," Giorgini said.',
        "sentences": [
            "The eighth round of the Geneva talks concluded on Thursday in what United Nations "
            "special envoy Staffan de Mistura called a “missed opportunity” after the regime "
            "refused to hold direct talks with the opposition.",
            '"They dont look for a political compromise but for the eradication of their '
            'enemies."',
        ],
        "removed": {
            "title (moved to metadata)": 1,
            "share counter": 5,
            "site text in another script (Arabic)": 1,
        },
    },
    "001": {
        "title": "Syria Regime ‘At Talks To Buy Time To Kill’",
        "meta": {"dateline": "GENEVA/BEIRUT"},
        "first": "United Nations envoy for Syria Staffan de Mistura is meeting again Monday",
        "last": "Some of the opposition groups in the umbrella organization are fighting between "
        "themselves as much as they are fighting President Assad.",
        "sentences": [
            "The meeting is scheduled for 1700 (1600 GMT).",
            "“We don’t deal with terrorists”, Jaafari said.",
            "Syrian rebels fought back against an offensive by government forces near a supply "
            "route into the city of Aleppo on Monday",
        ],
        "removed": {"title (moved to metadata)": 1, "dateline": 1},
    },
    "002": {
        "title": "Syria ceasefire talks to restart in Vienna as differences remain",
        "meta": {},
        "first": "John Kerry and Sergei Lavrov will co-chair a meeting of the International "
        "Syria Support Group on Tuesday",
        "last": "has shown no sign he is prepared to leave and his forces are still battling for "
        "territory.",
        "sentences": [
            "De Mistura has estimated that more than 400,000 people have been killed in the "
            "five-year conflict, which has displaced more than half of Syria’s pre-war "
            "population of 23 million.",
            "Syrian opposition insists that Assad must go.",
        ],
        "removed": {
            "title (moved to metadata)": 1,
            "repeated title": 1,
            "site text in another script (Arabic)": 4,
        },
    },
    "003": {
        "title": "Russia, US to launch new Syria peace talks",
        "meta": {
            "dateline": "Damascus",
            "source": "ARA News",
            "byline": "Laila Majdalawi & Helin Saeed",
        },
        "first": "The Russian Foreign Ministry said on Wednesday that a new round of Syria talks "
        "will be held between Moscow and Washington.",
        "last": "“The building was destroyed completely, leaving the city with an acute shortage "
        "of medicine.”",
        "sentences": ["War Crimes in Aleppo", "Aleppo Under Fire"],
        "removed": {
            "title (moved to metadata)": 1,
            "photo caption": 1,
            "outlet name": 1,
            "dateline": 1,
            "byline": 1,
            "site navigation": 1,
            "comment form": 2,
            "captcha": 1,
        },
    },
    "004": {
        "title": "France calls on ISSG in a bid to restore Syria truce",
        "meta": {"dateline": "PARIS"},
        "first": "France called on the International Syria Support Group (ISSG) to hold urgent "
        "ministerial-level talks on Monday",
        "last": "is expected to hold talks with Russian Foreign Minister Sergei Lavrov in Moscow "
        "on Tuesday.",
        "sentences": [
            "“We have told our US partners that we want the greatest pressure put on Russia to "
            "intervene with the Damascus regime which Moscow supports, to stop the bombing of "
            "Aleppo,” he said.",
        ],
        "removed": {"title (moved to metadata)": 1, "dateline": 1, "comment form": 3},
    },
}


@pytest.mark.parametrize("prefix", sorted(SEED_EXPECTATIONS))
def test_seed_article(prefix):
    expected = SEED_EXPECTATIONS[prefix]
    cleaned = clean_text(seed(prefix).read_text(encoding="utf-8"))
    assert cleaned.title == expected["title"]
    for key, value in expected["meta"].items():
        assert cleaned.meta.get(key) == value, key
    body = cleaned.text.split("\n\n")
    assert body[0].startswith(expected["first"])
    assert body[-1].endswith(expected["last"])
    for sentence in expected["sentences"]:
        assert sentence in cleaned.text
    assert Counter(r.reason for r in cleaned.removed) == Counter(expected["removed"])


@pytest.mark.parametrize("prefix", sorted(SEED_EXPECTATIONS))
def test_every_line_of_a_seed_is_kept_or_listed_as_removed(prefix):
    raw = seed(prefix).read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    removed = [r.text for r in cleaned.removed]
    datelines = [r.text for r in cleaned.removed if r.reason == "dateline"]
    for line in filter(None, map(normalise_line, raw.splitlines())):
        if line in cleaned.text or line in removed:
            continue
        # a paragraph that opened with a dateline: the dateline went to the metadata
        (dateline,) = [d for d in datelines if line.startswith(d)]
        assert line[len(dateline) :].strip() in cleaned.text


def test_readers_comments_end_the_body_and_are_kept_as_removed():
    # Timeline17's CNN blog pages: 784 comments under 31 reports of the Egyptian protests
    raw = (
        "Protesters marched on Tahrir Square on Monday.\n\n"
        "The army said it would not fire on them.\n\n"
        "Power to the people, this is the moment.\n\n"
        "January 31, 2011 at 2:28 pm | Report abuse | Who's next?\n\n"
        "Could be us if they don't wake up.\n\n"
        "February 2, 2011 at 6:17 pm | Reply"
    )
    cleaned = clean_text(raw, title="Egypt")
    assert cleaned.text.endswith("Power to the people, this is the moment.")
    [comments] = [r for r in cleaned.removed if r.reason == "readers' comments"]
    assert comments.text.startswith("January 31, 2011 at 2:28 pm |")
    assert comments.text.endswith("February 2, 2011 at 6:17 pm | Reply")
    # a time told in a sentence is no comment's stamp
    told = "January 31, 2011 at 2:28 pm was when the army moved in.\n\nIt did."
    assert clean_text(told, title="Egypt").text.startswith("January 31")


def test_furniture_does_not_reach_the_body():
    for path in SEEDS.glob("*.txt"):
        text = clean_text(path.read_text(encoding="utf-8")).text
        for furniture in ("Leave a Reply", "Related Items", "12/16/2017", "التعليقات", "× 2 =",
                          "File photo", "Reporting by"):
            assert furniture not in text, (path.name, furniture)


@pytest.mark.parametrize("prefix", sorted(SEED_EXPECTATIONS))
@pytest.mark.parametrize("width", [60, 72, 80])
def test_hard_wrapped_seeds_clean_to_the_same_text(prefix, width):
    # textwrap does not break at a no-break space; a real wrapper would
    raw = seed(prefix).read_text(encoding="utf-8").replace("\u00a0", " ")
    wrapped = "\n".join(textwrap.fill(line, width) for line in raw.splitlines())
    assert wrapped != raw
    original, rewrapped = clean_text(raw), clean_text(wrapped)
    assert rewrapped.title == original.title
    assert rewrapped.meta == original.meta
    # Where blank lines separate paragraphs the paragraphs come back exactly; seed 001 has
    # none, and a full line that ends a sentence may end its paragraph there.
    if prefix == "001":
        assert rewrapped.text.replace("\n\n", " ") == original.text.replace("\n\n", " ")
    else:
        assert rewrapped.text == original.text


def test_hard_wrapped_lines_are_joined():
    raw = (
        "Russia, US to launch new Syria peace talks\n\n"
        "The Russian Foreign Ministry said on Wednesday that a new round of Syria\n"
        "talks will be held between Moscow and Washington. Delegations from several\n"
        "countries with influence inside Syria, headed by the US and Russia, are\n"
        "expected to attend the meeting.\n\n"
        "The Russian FM blamed the United States for the collapse of the last\n"
        "ceasefire and accompanying talks.\n"
    )
    assert paragraphs(raw) == [
        "Russia, US to launch new Syria peace talks",
        "The Russian Foreign Ministry said on Wednesday that a new round of Syria talks will be "
        "held between Moscow and Washington. Delegations from several countries with influence "
        "inside Syria, headed by the US and Russia, are expected to attend the meeting.",
        "The Russian FM blamed the United States for the collapse of the last ceasefire and "
        "accompanying talks.",
    ]


def test_a_word_broken_at_its_hyphen_is_put_back_together():
    lines = ["While virtually all parties agree that IS and the al-Qaida-",
             "linked Nusra Front should be excluded, the two sides are divided."]
    assert paragraphs("\n".join(lines)) == [
        "While virtually all parties agree that IS and the al-Qaida-linked Nusra Front should be "
        "excluded, the two sides are divided."
    ]


def test_one_paragraph_per_line_is_not_taken_for_wrapped_text():
    raw = seed("001").read_text(encoding="utf-8")
    assert wrap_width(raw.splitlines()) is None
    assert len(paragraphs(raw)) == len([line for line in raw.splitlines() if line.strip()])


def test_repeated_title_with_the_site_name_is_removed():
    cleaned = clean_text(
        "Cat found in New Mexico after going missing in Oregon\n\n"
        "SANTA FE, N.M. (AP) — A cat that went missing in Oregon turned up in New Mexico.",
        title="Cat found in New Mexico after going missing in Oregon | KOIN.com",
        find_title=False,
    )
    assert cleaned.removed[0].reason == "repeated title"
    assert cleaned.text == "A cat that went missing in Oregon turned up in New Mexico."
    assert cleaned.meta == {"dateline": "SANTA FE, N.M.", "agency": "AP"}


def test_a_subheading_that_opens_a_headline_with_a_subtitle_stays():
    cleaned = clean_text(
        "Aleppo Under Fire\n\nThe French call for accountability comes amid intensifying "
        "Russian and Syrian airstrikes on eastern Aleppo.",
        title="Aleppo Under Fire: Russia and Syria step up strikes",
        find_title=False,
    )
    assert cleaned.removed == []
    assert cleaned.text.startswith("Aleppo Under Fire\n\n")


@pytest.mark.parametrize(
    ("para", "place", "agency", "rest"),
    [
        ("PARIS – France called on the ISSG to hold urgent talks.", "PARIS", None,
         "France called on the ISSG to hold urgent talks."),
        ("Damascus – The Russian Foreign Ministry said on Wednesday.", "Damascus", None,
         "The Russian Foreign Ministry said on Wednesday."),
        ("GENEVA/BEIRUT Syrian rebels fought back on Monday.", "GENEVA/BEIRUT", None,
         "Syrian rebels fought back on Monday."),
        ("WASHINGTON (AP) — The House voted on Friday.", "WASHINGTON", "AP",
         "The House voted on Friday."),
        ("(CNN) The search resumed on Sunday.", None, "CNN", "The search resumed on Sunday."),
    ],
)
def test_datelines(para, place, agency, rest):
    assert split_dateline(para, opening=True) == (place, agency, rest)


@pytest.mark.parametrize(
    "para",
    [
        # AP captions open with "FILE -"
        "FILE - In this May 24, 2016, file photo, Rep. John Conyers speaks on Capitol Hill.",
        # a list item, not a sentence
        "Mobb Deep – “Shook Ones” (Spaveech Remix)",
    ],
)
def test_not_datelines(para):
    assert split_dateline(para, opening=True) == (None, None, para)


def test_a_capitalised_heading_further_down_is_not_a_dateline():
    heading = (
        "STOCKS KEEP TANKING - Reuters/Tokyo: “Global stocks fell to a 15-month low on "
        "Tuesday, pinning Asian stocks near a 16-month low.”"
    )
    assert split_dateline(heading, opening=False) == (None, None, heading)
    cleaned = clean_text(f"Good morning.\n\n{heading}", find_title=False)
    assert heading in cleaned.text and "dateline" not in cleaned.meta
    # a wire dateline with its agency still counts in a roundup
    wire = "PERTH (Reuters) - The search for the missing plane resumed on Monday."
    assert split_dateline(wire, opening=False)[:2] == ("PERTH", "Reuters")
