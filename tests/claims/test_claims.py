"""Numeric claims on real sentences: numbers, hedges, counted things, claimants, groups."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.claims.numbers import hedge, parse_number
from dossier.claims.stage import agreement, group_claims
from dossier.model import Claim
from tests.conftest import SEEDS


@pytest.mark.parametrize(
    ("text", "value", "low", "high"),
    [
        ("260 000", 260_000, 260_000, 260_000),
        ("400,000", 400_000, 400_000, 400_000),
        ("2.5 million", 2_500_000, 2_500_000, 2_500_000),
        ("fifty", 50, 50, 50),
        ("two dozen", 24, 24, 24),
        ("hundreds", None, 200, 999),
        ("tens of thousands", None, 20_000, 99_999),
    ],
)
def test_numbers_as_news_writes_them(text, value, low, high):
    quantity = parse_number(text)
    assert (quantity.value, quantity.low, quantity.high) == (value, low, high)


def test_half_is_a_fraction_and_hedges_bound_the_figure():
    assert parse_number("half").fraction
    more = hedge(parse_number("260 000"), "the war has killed more than ")
    assert (more.low, more.high, more.qualifier) == (260_000, 286_000, "more than")
    about = hedge(parse_number("400,000"), "The United Nations says about ")
    assert (about.low, about.high) == (360_000, 440_000)
    assert hedge(parse_number("400,000"), "where ").qualifier is None


def _claim(id_: str, article: str, low: float, high: float, as_of=None) -> Claim:
    return Claim(
        id=id_,
        article=article,
        start=0,
        end=1,
        text="x",
        value=low,
        low=low,
        high=high,
        what="killed",
        unit="people",
        as_of=as_of,
    )


def test_agreement_labels():
    assert agreement([_claim("a", "1", 250, 275), _claim("b", "2", 200, 999)]) == "agree"
    grows = [
        _claim("a", "1", 260_000, 286_000, "2016-02"),
        _claim("b", "2", 400_000, 440_000, "2016-05"),
    ]
    assert agreement(grows) == "evolves"
    shrinks = [
        _claim("a", "1", 400_000, 440_000, "2016-02"),
        _claim("b", "2", 260_000, 286_000, "2016-05"),
    ]
    assert agreement(shrinks) == "conflicts"
    assert (
        agreement([_claim("a", "1", 260_000, 286_000), _claim("b", "2", 400_000, 440_000)])
        == "conflicts"
    )  # no dates: nothing says which came later


def test_groups_keep_other_quantities_and_single_sources_out():
    claims = [
        _claim("war1", "1", 260_000, 286_000),
        _claim("war2", "2", 400_000, 440_000),
        _claim("strike", "2", 50, 50),
        _claim("alone", "1", 5, 5),
    ]
    groups = group_claims(claims)
    assert [g.claims for g in groups] == [["war1", "war2"]]


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> dict:
    import dossier.claims  # noqa: F401
    from dossier.pipeline import BuildOptions, build

    out = tmp_path_factory.mktemp("claims-seeds")
    names = ["times", "actors", "places", "claims"]
    build([str(SEEDS)], out, BuildOptions(extractors=names, stages=names))
    return json.loads((out / "story.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_seed_death_tolls_disagree_side_by_side(seeds):
    by_id = {c["id"]: c for c in seeds["claims"]}
    killed = [
        g
        for g in seeds["claim_groups"]
        if {by_id[c]["text"] for c in g["claims"]} == {"260 000", "400,000"}
    ]
    assert len(killed) == 1 and killed[0]["what"] == "killed"
    assert killed[0]["agreement"] in {"conflicts", "evolves"}
    de_mistura = next(by_id[c] for c in killed[0]["claims"] if by_id[c]["text"] == "400,000")
    assert de_mistura["claimant_text"] == "De Mistura"
    assert de_mistura["claimant"] == "staffan-de-mistura"
    assert de_mistura["qualifier"] == "more than"


@pytest.mark.slow
def test_seed_claims_carry_claimant_place_and_offsets(seeds):
    texts = {a["id"]: a["text"] for a in seeds["articles"]}
    for claim in seeds["claims"]:
        assert texts[claim["article"]][claim["start"] : claim["end"]] == claim["text"]
    besieged = [c for c in seeds["claims"] if c["what"] == "besieged"]
    un = [c for c in besieged if c["claimant_text"] == "The United Nations"]
    assert un and un[0]["qualifier"] == "about" and un[0]["claimant"] == "united-nations"
    assert any(c["place"] == "sup:eastern-ghouta" for c in besieged)
    assert any(c["unit"] == "fraction" and c["what"] == "displaced" for c in seeds["claims"])


def _claims_story(tmp_path: Path, text: str) -> dict:
    """The story of one article built with the claims extractor and stage only."""
    import dossier.claims  # noqa: F401
    from dossier.pipeline import BuildOptions, build

    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    build(
        [str(tmp_path / "a.txt")],
        tmp_path / "out",
        BuildOptions(extractors=["claims"], stages=["claims"]),
    )
    return json.loads((tmp_path / "out" / "story.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_dates_ages_and_document_numbers_are_not_claims(tmp_path: Path):
    story = _claims_story(
        tmp_path,
        "Resolution 2254 was adopted in 2015. The 50-year-old singer died in June 2009. "
        "At least 1,294 people have been infected, the health ministry said.",
    )
    assert [c["text"] for c in story["claims"]] == ["1,294"]
    assert story["claims"][0]["claimant_text"] == "the health ministry"


@pytest.mark.slow
def test_a_few_people_in_an_anecdote_are_no_figure_but_a_crowd_is(tmp_path: Path):
    """The Egypt story (Timeline17) had 118 "man" claims in conflict: "The three men are
    charged ...", "One man said ...", "the two young men"."""
    story = _claims_story(
        tmp_path,
        "The three men are charged with conspiring to obstruct justice. One man said Egypt is "
        "not Tunisia. Tens of thousands of protesters gathered in Tahrir Square. Two people "
        "were killed in the clashes.",
    )
    assert [c["text"] for c in story["claims"]] == ["Tens of thousands", "Two"]
