"""Cross-document actor resolution: candidates from every article become one actor each.

The order matters and mirrors how a reader does it. First the sure things: a user's alias
file, countries (by name, demonym, or a capital or seat of government that acts), acronyms
defined in parentheses. Then people, grouped by surname and split where first names
disagree ("Bashar" vs "Hafez"), with surname-only mentions ("Lavrov", "De Mistura" — even when
the NER called them an organisation) joining the person of that surname named nearest, in the
same article first. Then organisations by their content words, an acronym joining the
expansion whose initials it spells. Last the descriptions, which need all of that: "the
Russian FM" is the person whose office is foreign minister and who belongs to Russia, "the
regime" is the state another description of the story called a regime.

Nothing is merged on a hunch: a surname shared by two people named in full is left to the one
named nearest in the same article; a description that fits two people in the story and none
in its article stays unresolved.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from dossier.actors.aliases import AliasEntry, AliasTable
from dossier.actors.extract import COURTESY_SEX, ROLE_NOUNS, STATE_HEADS, ActorCandidate
from dossier.actors.names import (
    GOVERNMENT_BODIES,
    GOVERNMENT_SEATS,
    HONORIFICS,
    acronym,
    all_given_names,
    capital_country,
    country_by_code,
    country_of,
    first_names_match,
    initials,
    institution,
    org_key,
    organisation_type,
    person_parts,
    similar,
    slug,
    strip_article,
)
from dossier.model import Actor, Mention
from dossier.places.gazetteer import load_gazetteer
from dossier.places.gazetteer import normalize as place_key

# Offices that name the same job in different words.
ROLE_SYNONYMS = {
    "fm": "foreign minister",
    "spokeswoman": "spokesperson",
    "spokesman": "spokesperson",
    "spokesperson": "spokesperson",
    "advisor": "adviser",
    "mediator": "envoy",
}


@dataclass
class _Cluster:
    kind: str  # person | country | org | other
    key: str
    type: str
    name: str | None = None  # fixed canonical name (a country, an alias file entry)
    country: str | None = None
    first_names: set[str] = field(default_factory=set)
    # The given names written first in a full name: "Michael" of "Michael Joseph Jackson",
    # whose "Joseph" is no call for Joseph Jackson, his father.
    leading_names: set[str] = field(default_factory=set)
    surname: str = ""
    names: Counter[str] = field(default_factory=Counter)  # proper surface forms
    descriptions: Counter[str] = field(default_factory=Counter)
    roles: list[str] = field(default_factory=list)
    affiliation_texts: Counter[tuple[str, str]] = field(default_factory=Counter)
    fixed: bool = False
    mentions: list[Mention] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)
    # how often the reports title the person as a man ("Mr") and as a woman ("Mrs", "Ms")
    titled: Counter[str] = field(default_factory=Counter)

    def add(self, article: str, candidate: ActorCandidate, proper: bool = True) -> None:
        if candidate.courtesy is not None:
            self.titled[COURTESY_SEX[candidate.courtesy]] += 1
        if proper:
            self.names[candidate.text] += 1
        else:
            self.descriptions[candidate.text] += 1
        self.mentions.append(
            Mention(article=article, start=candidate.start, end=candidate.end, text=candidate.text)
        )
        self.articles.add(article)
        if candidate.role:
            for role in re.split(r"\s+and\s+", candidate.role):
                if role and role not in self.roles:
                    self.roles.append(role)
            if candidate.role_affiliation:
                self.affiliation_texts[
                    (candidate.role_affiliation, candidate.role_affiliation_label or "")
                ] += 1


class ActorIndex:
    """What later stages ask: which actor a span of an article names, and who that is."""

    def __init__(self) -> None:
        self._spans: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        self._starts: dict[str, list[int]] = {}
        self.actors: dict[str, Actor] = {}

    def add(self, article: str, start: int, end: int, actor_id: str) -> None:
        self._spans[article].append((start, end, actor_id))
        self._starts.pop(article, None)

    def resolve(self, article_id: str, start: int, end: int) -> str | None:
        """The actor of the mention that covers most of the span; on a tie the rightmost,
        since the head of an English noun phrase is at its right ("Russian Foreign Minister
        Sergei Lavrov" is Lavrov, "Russian warplanes" is Russia)."""
        spans = self._spans.get(article_id)
        if not spans:
            return None
        if article_id not in self._starts:
            spans.sort()
            self._starts[article_id] = [s for s, _, _ in spans]
        starts = self._starts[article_id]
        best: tuple[int, int, str] | None = None
        # Mentions are short: any that overlaps starts at most 200 characters before `start`.
        index = bisect.bisect_left(starts, start - 200)
        while index < len(spans) and spans[index][0] < end:
            s, e, actor = spans[index]
            overlap = min(e, end) - max(s, start)
            if overlap > 0 and (best is None or (overlap, s) >= (best[0], best[1])):
                best = (overlap, s, actor)
            index += 1
        return best[2] if best else None

    def get(self, actor_id: str) -> Actor | None:
        return self.actors.get(actor_id)

    def in_span(self, article_id: str, start: int, end: int) -> list[str]:
        seen: list[str] = []
        for s, e, actor in sorted(self._spans.get(article_id, [])):
            if s < end and start < e and actor not in seen:
                seen.append(actor)
        return seen


class Resolver:
    def __init__(self, aliases: AliasTable | None = None) -> None:
        self.aliases = aliases or AliasTable()
        self.clusters: dict[str, _Cluster] = {}
        # (article, start, end) -> cluster key, for the index and for pronouns.
        self.assigned: dict[tuple[str, int, int], str] = {}
        self.by_surname: dict[str, list[_Cluster]] = defaultdict(list)
        self.surnames_by_first: dict[str, set[str]] = defaultdict(set)
        # (article, start, end, cluster key) of pronouns whose antecedent is an actor.
        self.pronouns: list[tuple[str, int, int, str]] = []
        self.role_like: list[tuple[str, ActorCandidate]] = []
        # How often the NER tagged each name's text with each label, across the story.
        self.labels_of: dict[str, Counter[str]] = defaultdict(Counter)
        # Names tagged as a person's that the people pass hands on as organisations'.
        self.retagged: list[tuple[str, ActorCandidate]] = []
        # Names the story mostly puts as places: no one's, whatever the NER tagged.
        self.places: set[str] = set()

    # -- clusters -------------------------------------------------------------------------
    def _cluster(self, key: str, kind: str, type_: str, **fixed) -> _Cluster:
        cluster = self.clusters.get(key)
        if cluster is None:
            cluster = self.clusters[key] = _Cluster(kind=kind, key=key, type=type_, **fixed)
        return cluster

    def _assign(
        self, article: str, candidate: ActorCandidate, cluster: _Cluster, proper: bool = True
    ) -> None:
        cluster.add(article, candidate, proper)
        self.assigned[(article, candidate.start, candidate.end)] = cluster.key

    def _country(self, code: str) -> _Cluster:
        entry = country_by_code(code)
        name = entry.name if entry else code
        return self._cluster(f"country:{code}", "country", "state", name=name, country=code)

    def _alias(self, entry: AliasEntry) -> _Cluster:
        country = country_of(entry.name) if entry.type in (None, "state") else None
        if country is not None and country.country:
            # The user's "Syria" is the country the rest of the story resolves to.
            cluster = self._country(country.country)
            cluster.name, cluster.fixed = entry.name, True
            return cluster
        key = f"alias:{slug(entry.name)}"
        kind = "person" if entry.type == "person" else "alias"
        cluster = self._cluster(key, kind, entry.type or "other", name=entry.name, fixed=True)
        if kind == "person" and not cluster.surname:
            # Full names and surnames the file does not list still find this person.
            first, surname = person_parts(entry.name)
            cluster.surname = surname
            self.by_surname[surname].append(cluster)
            given = all_given_names(entry.name) or ([first] if first else [])
            for name in given:
                cluster.first_names.add(name)
                self.surnames_by_first[name].add(surname)
            cluster.leading_names.update(given[:1])
        if entry.roles:
            cluster.roles = list(dict.fromkeys([*entry.roles, *cluster.roles]))
        if entry.affiliation and not cluster.affiliation_texts:
            cluster.affiliation_texts[(entry.affiliation, "")] = 10**6  # the user's word wins
        return cluster

    # -- passes ---------------------------------------------------------------------------
    def run(self, candidates: dict[str, list[ActorCandidate]]) -> None:
        names = [
            (a, _as_institution(c)) for a, found in candidates.items() for c in found
            if c.kind == "name"
        ]  # fmt: skip
        located: Counter[str] = Counter()
        for _, candidate in names:
            self.labels_of[candidate.text][candidate.label] += 1
            located[candidate.text] += candidate.located
        # "fighting in Baba Amr", "entered Baba Amr", "the suburb of Baba Amr": a name the
        # NER takes for a person's that the story mostly puts as a place is the place.
        self.places = {
            text
            for text, n in located.items()
            if n >= 2 and 2 * n > sum(self.labels_of[text].values())
        }
        rest: list[tuple[str, ActorCandidate]] = []
        for article, candidate in names:
            if not self._sure(article, candidate):
                rest.append((article, candidate))
        self._people(rest)
        self._organisations(rest + self.retagged)
        self._descriptions(candidates)
        self._pronouns(candidates)

    def _sure(self, article: str, candidate: ActorCandidate) -> bool:
        """Alias-file names, countries and capitals that act, state demonyms; True if done."""
        entry = self.aliases.match(candidate.text)
        if entry is not None:
            if entry.ignore:
                return True
            if candidate.label in {"GPE", "NORP"} and not candidate.acts:
                return True  # "talks in Paris": a place, even if Paris is France's alias
            cluster = self._alias(entry)
            if entry.type is None and not cluster.mentions:
                cluster.type = _type_from_label(candidate)
            self._assign(article, candidate, cluster)
            return True
        label, text = candidate.label, candidate.text
        if label == "PERSON":
            return False
        if label in {"GPE", "ORG"}:
            seat = GOVERNMENT_SEATS.get(place_key(text))
            if seat:
                self._assign(article, candidate, self._country(seat), proper=True)
                return True
            body = GOVERNMENT_BODIES.get(place_key(text))
            if body is None and len(text.split()) > 2:
                # "U.S. State Department" is the State Department.
                head, rest = text.split(maxsplit=1)
                country = country_of(head)
                if (
                    country is not None
                    and GOVERNMENT_BODIES.get(place_key(rest)) == country.country
                ):
                    body, text = country.country, rest
            if body:
                cluster = self._cluster(f"org:{org_key(text)}", "org", "state")
                cluster.affiliation_texts[(country_by_code(body).name, "GPE")] += 1  # type: ignore[union-attr]
                self._assign(article, candidate, cluster)
                return True
        if label == "GPE":
            country = country_of(text)
            if country is not None and country.country:
                if candidate.acts:
                    self._assign(article, candidate, self._country(country.country))
                return True
            capital = capital_country(text)
            if capital is not None and capital.country and candidate.acts:
                self._assign(article, candidate, self._country(capital.country))
                return True
            if load_gazetteer().lookup(text):
                return True  # a place named where something happens, not an actor
            return not self._looks_like_person(text)
        if label == "NORP":
            country = country_of(text)
            if country is not None and country.country and candidate.acts:
                self._assign(article, candidate, self._country(country.country))
            return True
        return False

    def _looks_like_person(self, text: str) -> bool:
        # The NER sometimes tags a surname as a place ("Hollande"): leave it to the people pass.
        return text[:1].isupper() and " " not in text.strip() and not acronym(text)

    def _people(self, names: list[tuple[str, ActorCandidate]]) -> None:
        full: list[tuple[str, ActorCandidate, str | None, str]] = []
        partial: list[tuple[str, ActorCandidate, str]] = []
        place_words = {text.split()[-1] for text in self.places if " " in text}
        for article, candidate in names:
            if candidate.label != "PERSON":
                continue
            first, surname = person_parts(candidate.text)
            if not surname or (first is not None and candidate.text in self.places):
                continue
            if first is None:
                partial.append((article, candidate, surname))
            else:
                full.append((article, candidate, first, surname))
        by_surname = self.by_surname
        # Names with fewer given names first, so the names people go by ("Joseph Jackson",
        # "Hosni Mubarak") found persons before a fuller form ("Michael Joseph Jackson",
        # "Mohamed Hosni Mubarak") joins the one it belongs to.
        full.sort(key=lambda item: len(all_given_names(item[1].text)))
        for article, candidate, first, surname in full:
            self._full_name(article, candidate, first, surname)
        # "Meredith Kercher" tagged as an organisation in a story of the Kerchers: a relative.
        for article, candidate in names:
            first, surname = person_parts(candidate.text)
            relative = candidate.label == "ORG" and first is not None and surname in by_surname
            if relative and _person_like(candidate.text):
                self._full_name(article, candidate, first, surname)
        # Surname-only mentions, and organisation/place tags that are in fact a known surname.
        for article, candidate in names:
            done = (article, candidate.start, candidate.end) in self.assigned
            if candidate.label == "PERSON" or done:
                continue
            first, surname = person_parts(candidate.text)
            known = surname in by_surname
            # "AJAMI" in a transcript is a surname shouted, not an acronym.
            bare_surname = first is None and (not acronym(candidate.text) or len(surname) >= 5)
            if known and (bare_surname or any(first in c.first_names for c in by_surname[surname])):
                partial.append((article, candidate, surname))
        for article, candidate, surname in partial:
            if candidate.text in place_words and surname not in by_surname:
                continue  # "the Amr battlefront", after "in Baba Amr"
            options = (
                self._called_by_first_name_here(article, candidate.start, surname)
                or by_surname.get(surname)
                or self._by_first_name(surname)
                or self._misspelled(surname)
            )
            # "Ms Jackson" is not Michael Jackson, whom the reports call "Mr Jackson"
            options = [c for c in options if not _other_sex(candidate, c)] or options
            if not options:
                if candidate.label != "PERSON":
                    continue
                # "Yatsenyuk said Kiev was in no hurry": the NER takes a place named alone
                # for a person now and then. With nobody of that surname, a name the story
                # tags as a place more often than as a person is the place (its state when
                # a capital or country acts); "Sam said" stays Sam, whatever Damascus is
                # also called.
                text = candidate.text
                tagged = self.labels_of[text]
                if tagged["GPE"] + tagged["LOC"] > tagged["PERSON"] or text in self.places:
                    place = country_of(text) or capital_country(text)
                    if place is not None and place.country and candidate.acts:
                        self._assign(article, candidate, self._country(place.country))
                    continue
                if tagged["ORG"] > tagged["PERSON"]:
                    # "Asked why Northwestern gave him ...": the university, named so 11 times
                    self.retagged.append((article, candidate.model_copy(update={"label": "ORG"})))
                    continue
                cluster = self._cluster(f"person:{surname}:1", "person", "person")
                cluster.surname = surname
                by_surname[surname].append(cluster)
                options = by_surname[surname]
            self._assign(article, candidate, self._nearest(article, candidate.start, options))

    def _full_name(self, article: str, candidate: ActorCandidate, first: str, surname: str) -> None:
        """A full name joins the person of that surname who goes by its first given name, else
        by another of its given names ("Mohamed Hosni Mubarak" joins Hosni Mubarak), or is a
        new person. Its first given name matching only a middle name is no match: "Joseph
        Jackson" is not Michael Joseph Jackson."""
        by_surname = self.by_surname
        given = all_given_names(candidate.text) or [first]
        surname = self._known_spelling(surname, first, given)
        people = by_surname[surname]
        cluster = next(
            (c for c in people if any(first_names_match(given[0], f) for f in c.leading_names)),
            None,
        ) or next(
            (
                c
                for c in people
                if any(first_names_match(g, f) for f in c.leading_names for g in given[1:])
            ),
            None,
        )
        if cluster is None:
            number = len(by_surname[surname]) + 1
            cluster = self._cluster(f"person:{surname}:{number}", "person", "person")
            cluster.surname = surname
            by_surname[surname].append(cluster)
        for name in given:
            cluster.first_names.add(name or "")
            self.surnames_by_first[name or ""].add(surname)
        cluster.leading_names.add(given[0] or "")
        self._assign(article, candidate, cluster)

    def _known_spelling(self, surname: str, first: str | None, given: list[str]) -> str:
        """A surname spelled another way by another article ("Karroubi" / "Karrubi",
        "Mubarek" / "Mubarak"), only when the first names agree: exactly, or spelled another
        way too ("Moammar Gadhafi" / "Muammar Gaddafi"); and no second given name of each
        differs ("Ali Akbar Salehi" is not "Ali Abdullah Saleh" spelled another way)."""
        if surname in self.by_surname or first is None or len(surname) < 5:
            return surname
        for name, surnames in self.surnames_by_first.items():
            if name != first and (len(first) < 3 or not first_names_match(first, name)):
                continue
            for known in surnames:
                close_length = abs(len(known) - len(surname)) <= 2
                if (
                    len(known) >= 5
                    and close_length
                    and similar(known, surname) >= 0.85
                    and not any(_middle_names_differ(given, c) for c in self.by_surname[known])
                ):
                    return known
        return surname

    def _called_by_first_name_here(self, article: str, position: int, name: str) -> list[_Cluster]:
        """ "Abdullah" after "Turkish President Abdullah Gul" in the same article is Gul, even
        if another article has an Abdullah Abdullah: a person named in this article by that
        first name, when nobody of that surname is."""

        def named_here(cluster: _Cluster) -> bool:
            return any(m.article == article and m.start < position for m in cluster.mentions)

        if any(named_here(c) for c in self.by_surname.get(name, [])):
            return []
        return [
            c
            for surname in self.surnames_by_first.get(name, ())
            for c in self.by_surname[surname]
            if name in c.leading_names and named_here(c)
        ]

    def _misspelled(self, surname: str) -> list[_Cluster]:
        """A surname alone, misspelled ("Mubarik", "Obam", "Karroubi"), when exactly one
        person's surname is that close."""
        if len(surname) < 4:
            return []
        close = [
            known
            for known in self.by_surname
            if abs(len(known) - len(surname)) <= 2
            and known[:1] == surname[:1]
            and similar(known, surname) >= 0.85
        ]
        return self.by_surname[close[0]] if len(close) == 1 else []

    def _by_first_name(self, name: str) -> list[_Cluster]:
        """A person called by first name alone (transcripts: "Wolf", "Anderson"), when exactly
        one person of the story goes by that first name; "Abdullah" with two Abdullahs stays
        alone, and "Katherine" is not Michael Jackson, whose daughter's names he had as middle
        names once ("Paris Michael Katherine Jackson", the NER's "Paris" a capital)."""
        matches = [
            c
            for surname in self.surnames_by_first.get(name, ())
            for c in self.by_surname[surname]
            if name in c.leading_names
        ]
        return matches if len(matches) == 1 else []

    @staticmethod
    def _nearest(article: str, position: int, options: list[_Cluster]) -> _Cluster:
        """Of several people sharing a surname, the one named last before this point in the
        same article; else the first named in the article; else the most mentioned."""
        if len(options) == 1:
            return options[0]

        def rank(cluster: _Cluster) -> tuple[int, int, int]:
            here = [m.start for m in cluster.mentions if m.article == article]
            before = [s for s in here if s <= position]
            return (
                1 if before else 0,
                max(before) if before else (-min(here) if here else -(10**9)),
                len(cluster.mentions),
            )

        return max(options, key=rank)

    def _organisations(self, names: list[tuple[str, ActorCandidate]]) -> None:
        defined: dict[str, str] = {}  # acronym -> org key of its expansion
        for _, candidate in names:
            if (
                candidate.label == "ORG"
                and candidate.expansion
                and candidate.expansion != candidate.text
            ):
                defined[candidate.expansion.replace(".", "").upper()] = org_key(candidate.text)
        orgs = [
            (a, c)
            for a, c in names
            if c.label == "ORG" and (a, c.start, c.end) not in self.assigned
        ]
        spelled: dict[str, str] = {}
        for _, candidate in orgs:
            if acronym(candidate.text) is None:
                key = org_key(candidate.text)
                if len(key.split()) >= 2:
                    spelled.setdefault(initials(candidate.text), key)
        in_full = _short_forms(org_key(c.text) for _, c in orgs if acronym(c.text) is None)
        in_full.update(_national_forms([c.text for _, c in orgs], in_full))
        for article, candidate in orgs:
            head = candidate.text.split()[-1].lower()
            if (head in ROLE_NOUNS or head in STATE_HEADS) and len(candidate.text.split()) <= 3:
                # "The Russian FM" tagged as an organisation: an office, i.e. a description.
                modifier = " ".join(candidate.text.split()[:-1]) or None
                self.role_like.append(
                    (
                        article,
                        candidate.model_copy(
                            update={
                                "kind": "description",
                                "head": head,
                                "modifier": modifier,
                                "modifier_label": "NORP"
                                if modifier and country_of(modifier)
                                else None,
                            }
                        ),
                    )
                )
                continue
            short = acronym(candidate.text)
            key = org_key(candidate.text)
            if not key or key in {"state", "government"}:
                continue
            if short is not None:
                key = defined.get(short) or spelled.get(short) or key
            key = in_full.get(key, key)
            cluster = self._cluster(
                f"org:{key}", "org", organisation_type(candidate.text + " " + key)
            )
            self._assign(article, candidate, cluster)
            if not cluster.affiliation_texts:
                # "Russian Foreign Ministry", "Syrian Army", "US Army": a state's own body.
                first = candidate.text.split()[0]
                country = country_of(first) if first[:1].isupper() else None
                if country is not None and len(candidate.text.split()) > 1:
                    cluster.affiliation_texts[(country.name, "GPE")] += 1

    def _descriptions(self, candidates: dict[str, list[ActorCandidate]]) -> None:
        state_by_head: dict[str, Counter[str]] = defaultdict(Counter)
        pending: list[tuple[str, ActorCandidate]] = []
        descriptions = [
            (article, candidate)
            for article, found in candidates.items()
            for candidate in found
            if candidate.kind == "description"
        ]
        for article, candidate in [*descriptions, *self.role_like]:
            if candidate.head in STATE_HEADS:
                cluster = self._state_description(article, candidate)
                if cluster is not None:
                    self._assign(article, candidate, cluster, proper=False)
                    state_by_head[candidate.head or ""][cluster.key] += 1
                    continue
            pending.append((article, candidate))
        for article, candidate in pending:
            if candidate.head in STATE_HEADS:
                # A bare "the regime": the state this story calls a regime, in this article
                # first.
                cluster = self._last_state(article, candidate.start, candidate.head or "")
                if cluster is None and len(state_by_head[candidate.head or ""]) == 1:
                    cluster = self.clusters[next(iter(state_by_head[candidate.head or ""]))]
            else:
                cluster = self._office_holder(article, candidate)
            if cluster is not None:
                self._assign(article, candidate, cluster, proper=False)

    def _state_description(self, article: str, candidate: ActorCandidate) -> _Cluster | None:
        if candidate.head == "kremlin":
            return self._country("RU")
        modifier, label = candidate.modifier, candidate.modifier_label
        if not modifier:
            return None
        if label in {"NORP", "GPE"} or label is None:
            country = country_of(modifier) or (capital_country(modifier) if label else None)
            if country is not None and country.country:
                return self._country(country.country)
        if label == "PERSON" or (label is None and modifier[:1].isupper()):
            # "the Assad regime": the state its leader belongs to.
            _, surname = person_parts(modifier)
            for cluster in self.by_surname.get(surname, []):
                country = self._affiliated_country(cluster)
                if country is not None:
                    return country
        return None

    def _affiliated_country(self, cluster: _Cluster) -> _Cluster | None:
        for (text, _label), _n in cluster.affiliation_texts.most_common():
            country = country_of(text)
            if country is not None and country.country:
                return self._country(country.country)
        return None

    def _last_state(self, article: str, position: int, head: str) -> _Cluster | None:
        """The state named last before `position` in the article by a description with the
        same head ("the Syrian regime" ... "the regime")."""
        best: tuple[int, str] | None = None
        for (a, start, _end), key in self.assigned.items():
            if a != article or start >= position or self.clusters[key].kind != "country":
                continue
            if any(head in d.lower() for d in self.clusters[key].descriptions) and (
                best is None or start > best[0]
            ):
                best = (start, key)
        return self.clusters[best[1]] if best else None

    def _office_holder(self, article: str, candidate: ActorCandidate) -> _Cluster | None:
        """The person whose office matches "the Russian FM", "the UN envoy", "the
        spokeswoman"."""
        office = ROLE_SYNONYMS.get(candidate.head or "", candidate.head or "")
        country = None
        if candidate.modifier and candidate.modifier_label in {"NORP", "GPE"}:
            country = country_of(candidate.modifier)
        people = []
        for cluster in self.clusters.values():
            if cluster.kind not in {"person", "alias"} or cluster.type != "person":
                continue
            roles = " ".join(cluster.roles).lower()
            for word, synonym in ROLE_SYNONYMS.items():
                roles = roles.replace(word, synonym)
            if office not in roles:
                continue
            if candidate.modifier:
                modifier = candidate.modifier.lower()
                affiliations = " ".join(t for t, _ in cluster.affiliation_texts).lower()
                own = country_of(next(iter(cluster.affiliation_texts), ("", ""))[0])
                if (
                    modifier not in roles
                    and modifier not in affiliations
                    and not (
                        country is not None and own is not None and own.country == country.country
                    )
                ):
                    continue
            people.append(cluster)
        if not people:
            return None
        here = [
            c
            for c in people
            if any(m.article == article and m.start < candidate.start for m in c.mentions)
        ]
        if len(here) == 1:
            return here[0]
        if here:
            return self._nearest(article, candidate.start, here)
        return people[0] if len(people) == 1 else None

    def _pronouns(self, candidates: dict[str, list[ActorCandidate]]) -> None:
        by_article: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for (article, start, end), key in self.assigned.items():
            if self.clusters[key].type == "person":
                by_article[article].append((start, end, key))
        for article, found in candidates.items():
            spans = by_article.get(article, [])
            for candidate in found:
                if candidate.kind != "pronoun" or candidate.antecedent_start is None:
                    continue
                low, high = candidate.antecedent_start, candidate.antecedent_end or 0
                key = next((k for s, e, k in spans if s < high and low < e), None)
                if key is not None:
                    self.pronouns.append((article, candidate.start, candidate.end, key))

    # -- output ---------------------------------------------------------------------------
    def actors(self) -> tuple[list[Actor], ActorIndex]:
        index = ActorIndex()
        ids: dict[str, str] = {}
        taken: set[str] = set()
        ordered = sorted(
            (c for c in self.clusters.values() if c.mentions),
            key=lambda c: (-len(c.mentions), c.key),
        )
        for cluster in ordered:
            name = canonical_name(cluster)
            base = slug(name)
            actor_id, n = base, 2
            while actor_id in taken:
                actor_id, n = f"{base}-{n}", n + 1
            taken.add(actor_id)
            ids[cluster.key] = actor_id
        by_country = {c.country: ids[c.key] for c in ordered if c.country}
        by_name: dict[str, str] = {}
        for cluster in ordered:
            if cluster.kind == "country":
                continue
            for form in [canonical_name(cluster), *cluster.names]:
                key = org_key(form)
                if not key:
                    continue  # "Mr", "The", a name in another script: nothing to find it by
                by_name.setdefault(key, ids[cluster.key])
                if not acronym(form) and len(key.split()) >= 2:
                    by_name.setdefault(initials(form).lower(), ids[cluster.key])
        actors: list[Actor] = []
        for cluster in ordered:
            actor_id = ids[cluster.key]
            affiliation = self._affiliation_id(cluster, by_country, by_name)
            if affiliation == actor_id:
                affiliation = None
            aliases = list(dict.fromkeys([*cluster.names, *cluster.descriptions]))
            actor = Actor(
                id=actor_id,
                name=canonical_name(cluster),
                type=cluster.type,  # type: ignore[arg-type]
                aliases=aliases,
                roles=_distinct_roles(cluster.roles),
                affiliation=affiliation,
                mentions=sorted(cluster.mentions, key=lambda m: (m.article, m.start)),
            )
            actors.append(actor)
            index.actors[actor_id] = actor
            for mention in cluster.mentions:
                index.add(mention.article, mention.start, mention.end, actor_id)
        for article, start, end, key in self.pronouns:
            if key in ids:
                index.add(article, start, end, ids[key])
        return actors, index

    @staticmethod
    def _affiliation_id(
        cluster: _Cluster, by_country: dict[str, str], by_name: dict[str, str]
    ) -> str | None:
        for (text, label), _n in cluster.affiliation_texts.most_common():
            if label != "ORG":
                country = country_of(text) or capital_country(text)
                if country is not None and country.country in by_country:
                    return by_country[country.country]
            short = acronym(text)
            actor_id = by_name.get(org_key(text)) or (by_name.get(short.lower()) if short else None)
            if actor_id is not None:
                return actor_id
        return None


# Last words an organisation's name goes without once it has been named: "Northwestern
# University" is "Northwestern" after, "Apple Inc." "Apple", "the Labour Party" "Labour",
# "Channel 11 News" "Channel 11", "the Heritage Foundation" "Heritage".
GENERIC_TAILS = {
    "university", "college", "inc", "incorporated", "corporation", "company", "co", "ltd",
    "limited", "plc", "llc", "group", "party", "news", "foundation", "institution", "institute",
}  # fmt: skip


def _short_forms(keys: Iterable[str]) -> dict[str, str]:
    """Organisation key -> the key of its name in full, where the story names it both with
    and without a generic last word and that short form is no place and names no other."""
    full: dict[str, set[str]] = defaultdict(set)
    keys = set(keys)
    for key in keys:
        parts = key.split()  # none for a name of function words only
        if len(parts) > 1 and parts[-1] in GENERIC_TAILS:
            full[" ".join(parts[:-1])].add(key)
    return {
        short: next(iter(named))
        for short, named in full.items()
        if short in keys
        and len(named) == 1
        and country_of(short) is None
        and not load_gazetteer().lookup(short)
    }


def _national_forms(texts: list[str], taken: dict[str, str]) -> dict[str, str]:
    """Organisation key -> the key of its name with its country before it, where the story
    names a body both ways ("the Senate", "the U.S. Senate") and no other country's."""
    keys = {org_key(text) for text in texts}
    national: dict[str, set[str]] = defaultdict(set)
    for text in texts:
        head, _, rest = strip_article(text).partition(" ")
        if rest and country_of(head) is not None and (short := org_key(rest)) in keys:
            national[short].add(org_key(text))
    return {
        short: next(iter(full))
        for short, full in national.items()
        if len(full) == 1 and short not in taken
    }


def _person_like(text: str) -> bool:
    """Whether a name written as an organisation's reads as a person's: two or three
    capitalised words, none an institution's or a body's ("Meredith Kercher", not "Kercher
    Foundation")."""
    parts = text.split()
    return (
        2 <= len(parts) <= 3
        and all(p[:1].isupper() and not p.isupper() for p in parts)
        and not institution(text)
        and organisation_type(text) == "organisation"
        and not GENERIC_TAILS & {w.lower().rstrip(".") for w in parts}
    )


def _as_institution(candidate: ActorCandidate) -> ActorCandidate:
    """A name the NER took for a person's that names an institution, as an organisation's."""
    if candidate.label == "PERSON" and institution(candidate.text):
        return candidate.model_copy(update={"label": "ORG", "role": None})
    return candidate


def _distinct_roles(roles: list[str]) -> list[str]:
    """Roles, leaving out one that only repeats part of a fuller one ("Minister" beside
    "French Foreign Minister")."""
    kept = []
    for role in roles:
        lowered = role.lower()
        if not any(lowered != other.lower() and lowered in other.lower() for other in roles):
            kept.append(role)
    return kept


def _type_from_label(candidate: ActorCandidate) -> str:
    if candidate.label == "PERSON":
        return "person"
    if candidate.label in {"GPE", "NORP"}:
        return "state"
    if candidate.label == "ORG":
        return organisation_type(candidate.text)
    return "other"


def _other_sex(candidate: ActorCandidate, cluster: _Cluster) -> bool:
    """Whether a name written with a title of courtesy ("Ms Jackson") is of the other sex than
    the person the reports mostly title otherwise (Michael Jackson, "Mr Jackson")."""
    if candidate.courtesy is None:
        return False
    sex = COURTESY_SEX[candidate.courtesy]
    return cluster.titled["f" if sex == "m" else "m"] > cluster.titled[sex]


def _middle_names_differ(given: list[str], cluster: _Cluster) -> bool:
    """Both name given names besides the first, and none of them agree."""
    mine = given[1:]
    theirs = [n for n in cluster.first_names if n and not first_names_match(n, given[0])]
    if not mine or not theirs:
        return False
    return not any(first_names_match(a, b) for a in mine for b in theirs)


def canonical_name(cluster: _Cluster) -> str:
    """A country's gazetteer name; the full name (first name and surname) written most for a
    person, the fuller of equally frequent ones; else the longest spelled-out form, the most
    frequent of equally long ones (an organisation, or a person named by surname alone)."""
    if cluster.name:
        return cluster.name
    forms = [strip_article(n) for n in cluster.names] or [
        strip_article(d) for d in cluster.descriptions
    ]
    counts: Counter[str] = Counter()
    for form, n in zip(
        forms, [*cluster.names.values()] or [*cluster.descriptions.values()], strict=False
    ):
        counts[form] += n
    spelled = [f for f in counts if not acronym(f)] or list(counts)

    def fullness(form: str) -> tuple[int, int, int]:
        # "Lyle Kercher" is fuller than "Ms Kercher", however often each is written
        named = [w for w in form.split() if w.lower().rstrip(".") not in HONORIFICS]
        return (len(named), counts[form], form[:1].isupper())

    if cluster.kind == "person":
        # A person goes by the full name the reports write most: "Hosni Mubarak", not
        # "Mohamed Hosni Mubarak" written once, nor "Arguably Omar Suleiman" (the NER taking
        # in the sentence's first word); ties to the fuller form.
        full = [f for f in spelled if person_parts(f)[0] is not None and not f.isupper()]
        if full:
            return max(full, key=lambda form: (counts[form], fullness(form)))
    return max(spelled, key=fullness)
