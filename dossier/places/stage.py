"""The `places` story stage: resolve every article's place candidates against the gazetteer and
gather the mentions of each place across the story.

Disambiguation is a score per gazetteer entry: its prominence (country > curated region >
population of a city), plus the story's country context (countries the story names, weighted by
how often) and the places named in the same sentence. A capital or a country that is the doer
of a verb ("Damascus accused", "Russia said") is an actor, not a place, and is left out; so is a
span the actors stage resolved to a state or government, unless a locative preposition governs
it ("in Syria").
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from dossier.analysis import StoryContext, story_stage
from dossier.model.base import Mention
from dossier.model.places import Place
from dossier.places.extract import PlaceCandidate
from dossier.places.gazetteer import Gazetteer, GazetteerEntry, load_gazetteer

LOCATIVE = {
    "in",
    "near",
    "from",
    "to",
    "at",
    "into",
    "outside",
    "inside",
    "around",
    "across",
    "towards",
    "toward",
    "throughout",
    "within",
    "through",
    "of",
    "on",
}
# "Idlib province", "the Aleppo governorate": the region named after its capital city.
REGION_SUFFIX = re.compile(
    r"\s+(province|governorate|region|district|area|countryside|suburbs?)$", re.IGNORECASE
)
CONTEXT_WEIGHT = 1.5
SENTENCE_WEIGHT = 0.5


@dataclass
class Resolution:
    article: str
    start: int
    end: int
    text: str
    entry: GazetteerEntry


@dataclass
class PlaceIndex:
    """What later stages ask of places: which place a span names, which places a span holds."""

    spans: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)

    def add(self, article: str, start: int, end: int, place_id: str) -> None:
        bisect.insort(self.spans.setdefault(article, []), (start, end, place_id))

    def resolve(self, article_id: str, start: int, end: int) -> str | None:
        """The place a span names: a mention that overlaps it (the span "the city of Homs"
        names Homs), the longest overlap first."""
        best: tuple[int, str] | None = None
        for m_start, m_end, place_id in self.spans.get(article_id, []):
            if m_start >= end:
                break
            overlap = min(end, m_end) - max(start, m_start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, place_id)
        return best[1] if best else None

    def in_span(self, article_id: str, start: int, end: int) -> list[str]:
        """Place ids mentioned inside the span, in order of mention, each once."""
        seen: list[str] = []
        for m_start, m_end, place_id in self.spans.get(article_id, []):
            if m_start >= end:
                break
            if m_start >= start and m_end <= end and place_id not in seen:
                seen.append(place_id)
        return seen


def lookup(gazetteer: Gazetteer, text: str) -> list[GazetteerEntry]:
    entries = gazetteer.lookup(text)
    if entries:
        return entries
    stripped = REGION_SUFFIX.sub("", text)
    if stripped != text:
        # The region takes its city's country and point: close enough for a map and a filter.
        return [
            GazetteerEntry(
                id=f"{e.id}:region",
                name=f"{e.name} region",
                country=e.country,
                lat=e.lat,
                lon=e.lon,
                kind="region",
                population=e.population,
            )
            for e in gazetteer.lookup(stripped)
            if e.kind == "city"
        ]
    return []


def is_actor_use(candidate: PlaceCandidate, entries: list[GazetteerEntry]) -> bool:
    """A country, or a capital, that does something: the state or government speaking."""
    statelike = any(e.kind == "country" or e.capital_of for e in entries)
    if not statelike or (candidate.preposition in LOCATIVE):
        return False
    if candidate.actor_like:
        return True
    return candidate.possessive and any(e.capital_of for e in entries)


def story_countries(
    candidates: dict[str, list[PlaceCandidate]], gazetteer: Gazetteer, datelines: list[str]
) -> Counter[str]:
    """How often the story names each country, counting only unambiguous names."""
    counts: Counter[str] = Counter()
    names = [c.text for found in candidates.values() for c in found] + datelines
    for name in names:
        entries = lookup(gazetteer, name)
        countries = {e.country for e in entries if e.country}
        if len(countries) == 1:
            counts[countries.pop()] += 1
        else:
            for entry in entries:
                if entry.kind == "country" and entry.country:
                    counts[entry.country] += 1
    return counts


def choose(
    entries: list[GazetteerEntry], context: dict[str, float], sentence_countries: Counter[str]
) -> GazetteerEntry:
    def score(entry: GazetteerEntry) -> float:
        country = entry.country or ""
        return (
            entry.weight
            + CONTEXT_WEIGHT * context.get(country, 0.0)
            + (SENTENCE_WEIGHT if sentence_countries.get(country) else 0.0)
        )

    return max(entries, key=score)


def resolve_story(
    candidates: dict[str, list[PlaceCandidate]],
    gazetteer: Gazetteer,
    datelines: list[str] | None = None,
    actors: Any = None,
) -> list[Resolution]:
    counts = story_countries(candidates, gazetteer, datelines or [])
    total = sum(counts.values()) or 1
    context = {country: n / total for country, n in counts.items()}
    resolutions: list[Resolution] = []
    for article_id, found in candidates.items():
        by_sentence: dict[int, Counter[str]] = defaultdict(Counter)
        options = [(c, lookup(gazetteer, c.text)) for c in found]
        for item, entries in options:
            countries = {e.country for e in entries}
            if len(countries) == 1 and None not in countries and not item.actor_like:
                by_sentence[item.sentence_start][next(iter(countries))] += 1
        for item, entries in options:
            if not entries or is_actor_use(item, entries):
                continue
            if (
                actors is not None
                and item.preposition not in LOCATIVE
                and _state_actor(actors, article_id, item)
            ):
                continue
            sentence = by_sentence[item.sentence_start].copy()
            own = {e.country for e in entries}
            if len(own) == 1:
                sentence[next(iter(own))] -= 1  # a name is no evidence for itself
            entry = choose(entries, context, +sentence)
            resolutions.append(Resolution(article_id, item.start, item.end, item.text, entry))
    return resolutions


def untagged_mentions(
    article_id: str, text: str, known: dict[str, GazetteerEntry], taken: list[tuple[int, int]]
) -> list[Resolution]:
    """Mentions the NER missed of places the story already resolved, where a locative
    preposition leaves no doubt that a place is meant ("camps in Port-au-Prince")."""
    if not known:
        return []
    names = "|".join(re.escape(n) for n in sorted(known, key=len, reverse=True))
    pattern = re.compile(rf"\b(?:in|near|at|into|outside)\s+(?:the\s+)?({names})\b")
    found = []
    for match in pattern.finditer(text):
        start, end = match.span(1)
        if any(s < end and start < e for s, e in taken):
            continue
        found.append(Resolution(article_id, start, end, match.group(1), known[match.group(1)]))
    return found


def _state_actor(actors: Any, article_id: str, item: PlaceCandidate) -> bool:
    actor_id = actors.resolve(article_id, item.start, item.end)
    if actor_id is None:
        return False
    return getattr(actors.get(actor_id), "type", None) == "state"


def _dateline_names(dateline: str | None) -> list[str]:
    if not dateline:
        return []
    return [part.strip().title() for part in re.split(r"[/,]", dateline) if part.strip()]


class PlacesStage:
    name = "places"

    def __call__(self, ctx: StoryContext) -> None:
        gazetteer = load_gazetteer()
        candidates: dict[str, list[PlaceCandidate]] = {
            article_id: [f for f in found if isinstance(f, PlaceCandidate)]
            for article_id, found in ctx.found("places")
        }
        datelines = [n for a in ctx.articles() for n in _dateline_names(a.dateline)]
        resolutions = resolve_story(candidates, gazetteer, datelines, ctx.shared.get("actors"))
        resolutions += self._untagged(ctx, candidates, resolutions)
        index = PlaceIndex()
        places: dict[str, Place] = {}
        for r in resolutions:
            place = places.get(r.entry.id)
            if place is None:
                place = places[r.entry.id] = Place(
                    id=r.entry.id,
                    name=r.entry.name,
                    country=r.entry.country,
                    lat=r.entry.lat,
                    lon=r.entry.lon,
                    kind=r.entry.kind,
                )
            place.mentions.append(Mention(article=r.article, start=r.start, end=r.end, text=r.text))
            index.add(r.article, r.start, r.end, r.entry.id)
        ctx.sections["places"] = sorted(places.values(), key=lambda p: -len(p.mentions))
        ctx.shared["places"] = index

    @staticmethod
    def _untagged(
        ctx: StoryContext, candidates: dict[str, list[PlaceCandidate]], found: list[Resolution]
    ) -> list[Resolution]:
        readings: dict[str, Counter[GazetteerEntry]] = defaultdict(Counter)
        for r in found:
            readings[r.text][r.entry] += 1
        known = {text: c.most_common(1)[0][0] for text, c in readings.items()}
        extra: list[Resolution] = []
        for article in ctx.articles():
            taken = [(c.start, c.end) for c in candidates.get(article.id, [])]
            extra.extend(untagged_mentions(article.id, article.text, known, taken))
        return extra


@story_stage("places")
def make_places_stage() -> PlacesStage:
    return PlacesStage()
