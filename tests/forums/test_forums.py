"""Forums and agreements found in the seeds by generic patterns, filled in by earlier stages."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SEEDS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def seeds(tmp_path_factory) -> dict:
    import dossier.forums  # noqa: F401
    from dossier.pipeline import BuildOptions, build

    out = tmp_path_factory.mktemp("forums-seeds")
    extractors = ["times", "actors", "places", "events"]
    stages = [*extractors, "forums"]
    build([str(SEEDS)], out, BuildOptions(extractors=extractors, stages=stages))
    return json.loads((out / "story.json").read_text(encoding="utf-8"))


def _forum(story: dict, name: str) -> dict:
    return next(f for f in story["forums"] if f["name"] == name)


def test_negotiation_tracks_of_the_seeds(seeds):
    names = {f["name"] for f in seeds["forums"]}
    assert {"Geneva talks", "Astana talks", "Sochi talks", "Lausanne talks"} <= names
    assert "International Syria Support Group" in names
    geneva = _forum(seeds, "Geneva talks")
    assert geneva["place"] == "geonames:2660646"
    assert "staffan-de-mistura" in geneva["mediators"]
    round8 = _forum(seeds, "Geneva talks, round 8")
    assert round8["parent"] == geneva["id"] and round8["kind"] == "round"
    assert "2017-12-14" in round8["dates"]  # the eighth round concluded on Thursday


def test_issg_is_co_chaired_and_known_by_its_acronym(seeds):
    issg = _forum(seeds, "International Syria Support Group")
    assert {"united-states", "russia"} <= set(issg["chairs"])
    assert any(m["text"] == "ISSG" for m in issg["mentions"])
    assert issg["kind"] == "contact group"


def test_astana_guarantors(seeds):
    assert {"russia", "iran"} <= set(_forum(seeds, "Astana talks")["guarantors"])


def test_agreements_with_their_dates_and_parties(seeds):
    by_name = {a["name"]: a for a in seeds["agreements"]}
    truce = by_name["February 27 cessation of hostilities"]
    assert truce["kind"] == "ceasefire"
    assert {"united-states", "russia"} <= set(truce["parties"])  # which brokered it
    assert len(truce["mentions"]) >= 2  # the later bare "cessation of hostilities" too
    accord = by_name["September 15 accord"]
    assert accord["date"] == "2017-09-15"
    assert {"russia", "turkey", "iran"} <= set(accord["parties"])
    assert "Geneva Communiqué" in by_name


def test_mentions_point_at_their_text_and_events_exist(seeds):
    texts = {a["id"]: a["text"] for a in seeds["articles"]}
    events = {e["id"] for e in seeds["events"]}
    for item in [*seeds["forums"], *seeds["agreements"]]:
        for m in item["mentions"]:
            assert texts[m["article"]][m["start"] : m["end"]] == m["text"]
        assert set(item["events"]) <= events
