"""Name keys, acronyms, demonyms and actor types: the string side of actor resolution.

Everything here is a pure function of a surface form, so the resolver can compare names from
different articles (and different spellings) through keys: a person by surname and first name,
an organisation by its content words, an acronym by the initials of an expansion.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from functools import lru_cache

from dossier.places.gazetteer import GazetteerEntry, load_gazetteer
from dossier.places.gazetteer import normalize as place_key

# Arabic and European name particles: "Bashar al-Assad", "Staffan de Mistura".
NAME_PARTICLES = {"al", "el", "de", "da", "di", "du", "van", "von", "der", "bin", "ibn", "le", "la"}
# Words an organisation's key leaves out: "the Army of Islam" and "Army al-Islam" are one name.
FUNCTION_WORDS = {"the", "of", "for", "and", "al", "el", "in", "on", "s", "a", "an"}
NICKNAMES = {
    "jim": "james",
    "jimmy": "james",
    "joe": "joseph",
    "bill": "william",
    "will": "william",
    "bob": "robert",
    "rob": "robert",
    "mike": "michael",
    "tom": "thomas",
    "dick": "richard",
    "rick": "richard",
    "tony": "anthony",
    "ted": "edward",
    "ed": "edward",
    "dave": "david",
    "steve": "stephen",
    "chris": "christopher",
    "alex": "alexander",
    "sasha": "alexander",
    "kate": "katherine",
    "liz": "elizabeth",
    "beth": "elizabeth",
    "fred": "frederick",
    "nick": "nicholas",
    "dan": "daniel",
    "sam": "samuel",
    "ben": "benjamin",
    "pete": "peter",
    "andy": "andrew",
    "matt": "matthew",
    "jon": "jonathan",
}
HONORIFICS = {"mr", "mrs", "ms", "dr", "sir", "president", "gen", "general", "col", "sheikh"}

DEMONYMS: dict[str, str] = {
    # The irregular ones; regular "-n"/"-ian" forms are derived from the gazetteer.
    "american": "US",
    "british": "GB",
    "english": "GB",
    "french": "FR",
    "turkish": "TR",
    "saudi": "SA",
    "israeli": "IL",
    "iraqi": "IQ",
    "chinese": "CN",
    "japanese": "JP",
    "german": "DE",
    "dutch": "NL",
    "swiss": "CH",
    "qatari": "QA",
    "emirati": "AE",
    "kuwaiti": "KW",
    "yemeni": "YE",
    "omani": "OM",
    "pakistani": "PK",
    "afghan": "AF",
    "bangladeshi": "BD",
    "thai": "TH",
    "greek": "GR",
    "spanish": "ES",
    "portuguese": "PT",
    "polish": "PL",
    "danish": "DK",
    "swedish": "SE",
    "finnish": "FI",
    "norwegian": "NO",
    "irish": "IE",
    "lebanese": "LB",
    "sudanese": "SD",
    "vietnamese": "VN",
    "filipino": "PH",
    "haitian": "HT",
    "egyptian": "EG",
    "israel's": "IL",
}
# Seats of government that stand for their state when they act ("the Kremlin said").
GOVERNMENT_SEATS = {
    "kremlin": "RU",
    "white house": "US",
    "elysee": "FR",
    "élysée": "FR",
    "elysee palace": "FR",
    "downing street": "GB",
    "whitehall": "GB",
    "zhongnanhai": "CN",
}
# Departments that are actors of their own, belonging to a state.
GOVERNMENT_BODIES = {
    "state department": "US",
    "department of state": "US",
    "pentagon": "US",
    "quai d orsay": "FR",
    "foreign office": "GB",
}

_IGO = re.compile(
    r"\b(?:united nations|u\.?n\.?|security council|general assembly|european union|e\.?u\.?|"
    r"nato|arab league|league of arab states|african union|support group|contact group|"
    r"international criminal court|icc|opcw|unhcr|unicef|who|world health organization|"
    r"world food programme|wfp|imf|world bank|osce|asean|opec|g7|g8|g20|quartet|"
    r"organisation for|organization for|commission of inquiry|iaea|unesco|ocha|unrwa)\b",
    re.IGNORECASE,
)
_ARMED = re.compile(
    r"\b(?:army|brigades?|battalions?|front|militias?|forces|legion|islamic state|isis|isil|"
    r"daesh|is|nusra|al-?qaida|al-?qaeda|qaeda|qaida|taliban|hezbollah|hizbollah|hamas|"
    r"jaish|ahrar|tahrir|jabhat|faylaq|liwa|rebels?|insurgents?|peshmerga|ypg|sdf|pkk|"
    r"guards?|shabab|boko haram|mujahideen|jihadists?)\b",
    re.IGNORECASE,
)
_POLITICAL = re.compile(
    r"\b(?:party|committee|coalition|council|opposition|movement|congress|parliament|"
    r"assembly|bloc|alliance|union|national|delegation|federation|league|brotherhood|hnc|"
    r"snc)\b",
    re.IGNORECASE,
)
_MEDIA = re.compile(
    r"\b(?:news|times|post|journal|tribune|herald|gazette|guardian|telegraph|reuters|afp|"
    r"ap|associated press|bbc|cnn|fox|al jazeera|tass|ria|sana|news agency|press agency|radio|"
    r"tv|television|"
    r"broadcasting|channel|magazine|press|daily|voice of america|sky|npr|twitter|facebook)\b",
    re.IGNORECASE,
)
# A US broadcaster's call sign: "KDKA", "WPXI", "WJZ-TV" (three letters alone are too often
# something else: "KFC", "WWF").
_CALL_SIGN = re.compile(r"[KW](?:[A-Z]{3}\b|[A-Z]{2,3}-(?:TV|FM|AM|DT)\b)")
_GOVERNMENT = re.compile(
    r"\b(?:ministry|department|foreign office|pentagon|kremlin|white house|cabinet|"
    r"government|administration|presidency|embassy|mission to|intelligence)\b",
    re.IGNORECASE,
)


def ascii_fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """Lower-case word tokens, hyphenated particles split off ("al-Assad" -> al, assad)."""
    return re.findall(r"[a-z0-9]+", ascii_fold(text).lower())


def strip_article(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.IGNORECASE)


def strip_possessive(text: str) -> str:
    return re.sub(r"\s*['’]s?$", "", text.strip())


def person_parts(text: str) -> tuple[str | None, str]:
    """(first name or None, surname key) of a person's name: "Bashar al-Assad" -> (bashar,
    assad); "De Mistura" -> (None, mistura); "Sergey Lavrov" -> (sergey, lavrov); "Mohamed
    ElBaradei" -> (mohamed, baradei). A leading country or demonym is not a first name
    ("Egypt Mubarak" is the NER running two names together)."""
    raw = strip_possessive(text).split()
    shouting = all(t.isupper() for t in raw)
    while len(raw) > 1 and _leading_noise(raw[0], shouting):
        raw = raw[1:]
    tokens = [w for w in words(" ".join(raw)) if w not in HONORIFICS]
    if not tokens:
        return None, ""
    surname = tokens[-1]
    if len(surname) > 5 and surname[:2] in {"al", "el"}:
        surname = surname[2:]  # "ElBaradei" and "El Baradei", "Al-Assad" and "Assad"
    rest = given_names(_before_surname(raw) + tokens[-1:])
    return (rest[0] if rest else None), surname


def _before_surname(raw: list[str]) -> list[str]:
    """The name's words before its last word: a double-barrelled surname's first half is no
    given name ("Laurel Bowman-Cryer" and "Rachel Bowman-Cryer" share no given name)."""
    return [w for w in words(" ".join(raw[:-1])) if w not in HONORIFICS]


def given_names(tokens: list[str]) -> list[str]:
    rest = tokens[:-1]
    while rest and rest[-1] in NAME_PARTICLES:
        rest = rest[:-1]
    return [t for t in rest if t not in NAME_PARTICLES]


def all_given_names(text: str) -> list[str]:
    """Every given name of a full name: "Mohamed Hosni Mubarak" -> mohamed, hosni."""
    raw = strip_possessive(text).split()
    shouting = all(t.isupper() for t in raw)
    while len(raw) > 1 and _leading_noise(raw[0], shouting):
        raw = raw[1:]
    tokens = [w for w in words(" ".join(raw)) if w not in HONORIFICS]
    return given_names(_before_surname(raw) + tokens[-1:]) if tokens else []


def _not_a_first_name(token: str) -> bool:
    """A country, a demonym or a capital by its own name ("Egypt Mubarak", "Cairo Suleiman":
    the NER running two names together); not a capital's byname in the gazetteer ("Nic" for
    Nicosia is Nic Robertson's first name)."""
    if country_of(token) is not None:
        return True
    key = place_key(token)
    return key in GOVERNMENT_SEATS or any(
        e.capital_of and place_key(e.name) == key for e in load_gazetteer().lookup(token)
    )


# "P.J. Crowley", "J.K. Rowling": initials, a given name, not an acronym run into the name
_INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")


def _leading_noise(token: str, shouting: bool) -> bool:
    """A word the NER ran into a name before its first name: a country or capital, or an
    acronym ("CNN Anderson Cooper") in a name not written all in capitals."""
    if _not_a_first_name(token):
        return True
    return token.isupper() and not shouting and not _INITIALS.fullmatch(token)


def similar(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def first_names_match(a: str | None, b: str | None) -> bool:
    """Sergei ~ Sergey, Mohamed ~ Mohammed, Joe ~ Joseph, M. ~ Mohammed, missing ~ anything;
    but not Barack ~ Mubarak."""
    if a is None or b is None:
        return True
    if a == b or NICKNAMES.get(a) == b or NICKNAMES.get(b) == a:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    if min(len(a), len(b)) >= 3 and (a.startswith(b) or b.startswith(a)):
        return True
    return a[0] == b[0] and similar(a, b) >= 0.8


# Abbreviated words of organisations' names, spelled out so "College Athletes Players Assn."
# is "College Athletes Players Association".
ORG_ABBREVIATIONS = {
    "assn": "association", "assoc": "association", "corp": "corporation", "dept": "department",
    "univ": "university", "intl": "international", "natl": "national", "govt": "government",
    "inst": "institute", "cmte": "committee", "comm": "commission", "bros": "brothers",
}  # fmt: skip


def org_key(text: str) -> str:
    """Content words of an organisation's name, in order, abbreviations spelled out: "the
    Army of Islam" and "Army al-Islam" -> "army islam"; "The United Nations" -> "united
    nations"."""
    tokens = [
        ORG_ABBREVIATIONS.get(w, w)
        for w in words(strip_possessive(strip_article(text)))
        if w not in FUNCTION_WORDS
    ]
    return " ".join(tokens)


def acronym(text: str) -> str | None:
    """ "ISSG", "U.N.", "HNC" -> the acronym in capitals; None for an ordinary word."""
    bare = text.strip().replace(".", "")
    if 2 <= len(bare) <= 7 and bare.isalpha() and bare.isupper():
        return bare
    return None


def initials(text: str) -> str:
    """ "International Syria Support Group" -> ISSG; "High Negotiations Committee" -> HNC."""
    parts = re.findall(r"[A-Za-z][\w'-]*", ascii_fold(strip_article(text)))
    return "".join(p[0].upper() for p in parts if p.lower() not in FUNCTION_WORDS)


@lru_cache(maxsize=65536)
def country_of(text: str) -> GazetteerEntry | None:
    """The country a name or a demonym stands for: "Russia", "the US", "Russian", "French".
    Cached: resolution asks about the same few hundred names thousands of times a story."""
    gazetteer = load_gazetteer()
    cleaned = strip_possessive(text)
    for entry in gazetteer.lookup(cleaned):
        if entry.kind == "country":
            return entry
    key = place_key(cleaned)
    code = DEMONYMS.get(key)
    if code is None:
        for stem in _demonym_stems(key):
            entry = next((e for e in gazetteer.lookup(stem) if e.kind == "country"), None)
            if entry is not None:
                return entry
        return None
    return country_by_code(code)


def _demonym_stems(key: str) -> list[str]:
    # Russian -> Russia, Syrian -> Syria, Iranian -> Iran, Jordanian -> Jordan, Libyan -> Libya,
    # Ukrainian -> Ukraine, Italian -> Italy, Mexican -> Mexico.
    stems = []
    if key.endswith("ian"):
        stems += [key[:-1], key[:-3], key[:-3] + "e", key[:-3] + "y", key[:-3] + "o"]
    if key.endswith("an"):
        stems += [key[:-1], key[:-2], key[:-2] + "o", key[:-2] + "a"]
    if key.endswith("ese"):
        stems += [key[:-3], key[:-3] + "a"]
    if key.endswith("i"):
        stems += [key[:-1], key[:-1] + "a"]
    return [s for s in stems if len(s) >= 3]


def capital_country(text: str) -> GazetteerEntry | None:
    """The country whose capital (or seat of government) this name is: "Moscow" -> Russia."""
    key = place_key(text)
    code = GOVERNMENT_SEATS.get(key)
    if code is None:
        capitals = [e for e in load_gazetteer().lookup(text) if e.capital_of]
        if not capitals:
            return None
        code = max(capitals, key=lambda e: e.population).capital_of
    return country_by_code(code) if code else None


def country_by_code(code: str) -> GazetteerEntry | None:
    return _countries_by_code().get(code)


@lru_cache(maxsize=1)
def _countries_by_code() -> dict[str, GazetteerEntry]:
    return {
        e.country: e
        for e in load_gazetteer().by_id.values()
        if e.kind == "country" and e.country is not None
    }


# Words no person's name holds: "Sandy Hook Elementary School", "Bank Rossiya" and "Largo
# Police" tagged as persons are institutions.
_INSTITUTION = re.compile(
    r"\b(?:school|elementary|university|college|academy|hospital|police|department|bank|"
    r"airlines?|airways|corporation|inc|ltd|llc|foundation|institute|council|committee|"
    r"ministry|agency|association|museum|commission)\b",
    re.IGNORECASE,
)


def institution(name: str) -> bool:
    """Whether a name tagged as a person's names an institution."""
    return bool(_INSTITUTION.search(name))


def organisation_type(name: str) -> str:
    """The actor type an organisation's name suggests, most specific first."""
    if (_MEDIA.search(name) or _CALL_SIGN.match(name)) and not _IGO.search(name):
        return "media"
    if _IGO.search(name):
        return "igo"
    if _GOVERNMENT.search(name):
        return "state"
    if _ARMED.search(name):
        return "armed_group"
    if _POLITICAL.search(name):
        return "political_org"
    return "organisation"


def slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", ascii_fold(name).lower()).strip("-") or "actor"
