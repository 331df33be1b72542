"""String rules of actor resolution: name keys, first names, acronyms, demonyms, capitals."""

from __future__ import annotations

import pytest

from dossier.actors.names import (
    acronym,
    all_given_names,
    capital_country,
    country_of,
    first_names_match,
    initials,
    institution,
    org_key,
    organisation_type,
    person_parts,
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Bashar al-Assad", ("bashar", "assad")),
        ("Bashar Assad", ("bashar", "assad")),
        ("Staffan de Mistura", ("staffan", "mistura")),
        ("De Mistura", (None, "mistura")),
        ("Sergey Lavrov's", ("sergey", "lavrov")),
        ("Mohamed ElBaradei", ("mohamed", "baradei")),
        ("Mohammed El Baradei", ("mohammed", "baradei")),
        ("Egypt Mubarak", (None, "mubarak")),  # the NER ran a country into the name
        ("INAUDIBLE Mubarak", (None, "mubarak")),  # a transcript's stage note
        ("ANDERSON COOPER", ("anderson", "cooper")),
        ("P.J. Crowley", ("p", "crowley")),  # initials, not an acronym run into the name
        ("Nic Robertson", ("nic", "robertson")),  # "Nic" is a byname of Nicosia, no more
        ("Cairo Suleiman", (None, "suleiman")),
    ],
)
def test_person_parts_give_first_name_and_surname_key(name, expected):
    assert person_parts(name) == expected


def test_all_given_names_keep_middle_names():
    assert all_given_names("Mohamed Hosni Mubarak") == ["mohamed", "hosni"]
    # a double-barrelled surname's first half is no given name: a Multi-News build made
    # Laurel and Rachel Bowman-Cryer, a couple, one person through "Bowman"
    assert all_given_names("Laurel Bowman-Cryer") == ["laurel"]
    assert all_given_names("Jean-Marc Ayrault") == ["jean", "marc"]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("sergei", "sergey", True),
        ("mohamed", "mohammed", True),
        ("joe", "joseph", True),
        ("jim", "james", True),
        ("m", "mohammed", True),
        (None, "bashar", True),
        ("barack", "mubarak", False),
        ("bashar", "hafez", False),
        ("abdullah", "khalid", False),
    ],
)
def test_first_names_match_spellings_and_nicknames_only(a, b, same):
    assert first_names_match(a, b) is same


def test_organisation_keys_ignore_articles_and_arabic_article():
    assert org_key("the Army of Islam") == org_key("Army al-Islam") == "army islam"
    assert org_key("The United Nations") == org_key("United Nations")
    assert org_key("Islamic State") != org_key("Army al-Islam")


def test_acronyms_and_initials():
    assert acronym("ISSG") == "ISSG"
    assert acronym("U.N.") == "UN"
    assert acronym("Assad") is None
    assert initials("International Syria Support Group") == "ISSG"
    assert initials("the High Negotiations Committee") == "HNC"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Russia", "RU"),
        ("Russian", "RU"),
        ("Syrian", "SY"),
        ("French", "FR"),
        ("the United States", "US"),
        ("U.S.", "US"),
        ("Iranian", "IR"),
        ("Turkish", "TR"),
    ],
)
def test_countries_from_names_and_demonyms(text, code):
    entry = country_of(text)
    assert entry is not None and entry.country == code


def test_capitals_and_seats_of_government_stand_for_their_state():
    assert capital_country("Moscow").country == "RU"
    assert capital_country("Damascus").country == "SY"
    assert capital_country("Washington").country == "US"
    assert capital_country("Kremlin").country == "RU"
    assert capital_country("Aleppo") is None


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("United Nations", "igo"),
        ("International Syria Support Group", "igo"),
        ("Army of Islam", "armed_group"),
        ("Nusra Front", "armed_group"),
        ("High Negotiations Committee", "political_org"),
        ("Muslim Brotherhood", "political_org"),
        ("Voice of America", "media"),
        ("Russian Foreign Ministry", "state"),
        ("Central Intelligence Agency", "state"),
        ("ElSaad Pharmaceutical Company", "organisation"),
        # US broadcasters by call sign and channel (Multi-News, a Pittsburgh teacher's case)
        ("WPXI", "media"),
        ("KOIN-TV", "media"),
        ("Channel 11", "media"),
        ("WJZ-TV", "media"),
        ("KFC", "organisation"),
        ("WHO", "igo"),
    ],
)
def test_organisation_types_from_names(name, kind):
    assert organisation_type(name) == kind


def test_names_the_ner_takes_for_persons_that_name_institutions():
    """Multi-News builds had "Sandy Hook Elementary School", "Bank Rossiya" and "Largo
    Police" as persons."""
    from dossier.actors.extract import ActorCandidate
    from dossier.actors.resolve import _as_institution

    for name in ("Sandy Hook Elementary School", "Bank Rossiya", "Largo Police"):
        assert institution(name)
        tagged = ActorCandidate(kind="name", start=0, end=len(name), text=name, label="PERSON")
        assert _as_institution(tagged).label == "ORG"
    for name in ("Cliven Bundy", "Margaret Court", "Frank Church", "Sandy Hook"):
        assert not institution(name)
