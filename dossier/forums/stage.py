"""The `forums` story stage: negotiation tracks, bodies and agreements as persistent entities.

Mentions are found by patterns generic to news about negotiations, not by a list of this
story's names: a place before or after a meeting noun ("the Geneva talks", "talks in
Vienna"), numbered rounds ("the eighth round of the Geneva talks"), bodies that meet
(organisations named Group, Council, Committee, Commission, Conference, Quartet), and
agreements (cessation of hostilities, ceasefire, truce, de-escalation accord, deal, communiqué,
Resolution N), with the date written with them ("the February 27 cessation of hostilities").
What was found by the earlier stages fills them in: the place (places), the participants,
chairs, mediators and guarantors (actors in the sentences that mention the forum, by the word
that gives their part: "co-chaired by", "envoy", "guarantor"), the dates (times), and the
events told in those sentences.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from dossier.analysis import StoryContext, story_stage
from dossier.model import Agreement, Forum, Mention

MEETING = r"(?:peace\s+)?(?:talks|negotiations|conference|summit|meeting|congress|process)"
PLACE_FIRST = re.compile(rf"\b([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)\s+{MEETING}\b")
# "talks to restart in Vienna", "the foreign ministers would meet in Lausanne", "a Russian
# initiative planned in Sochi": the meeting word and its place a few words apart.
PLACE_AFTER = re.compile(
    rf"\b(?:{MEETING}|meet|initiative)\b[^.;:]{{0,45}}?\b(?:in|at)\s+"
    r"([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)"
)
ROUND = re.compile(
    r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|new|next|latest)\s+"
    r"round\b(?:\s+of\s+(?:the\s+)?(?:[A-Z][a-z]+\s+)?(?:peace\s+)?(?:talks|negotiations))?",
    re.IGNORECASE,
)
BODY = re.compile(
    r"\b((?:[A-Z][\w.-]*\s+){0,5}(?:Support Group|Contact Group|Security Council|Quartet|"
    r"Commission|Committee|Conference|Council))\b(?:\s*\(([A-Z]{2,8})\))?"
)
AGREEMENT = re.compile(
    r"\b(?:(?P<date>(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s+\d{1,2}|\d{1,2}\s+(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December))\s+)?[“\"']?(?P<kind>cessation of hostilities"
    r"|ceasefire|cease-fire|truce|de-escalation (?:zones? )?(?:accord|agreement|deal|zones?)|"
    r"(?:peace\s+)?(?:accord|agreement|deal)|(?:[A-Z][a-z]+\s+)?Communiqu[ée])[”\"']?"
    r"(?:\s+(?:deal|agreement|accord))?"
    r"|\b[Rr]esolution\s+(?P<number>\d{3,4})\b"
)
KINDS = {
    "cessation of hostilities": "ceasefire",
    "ceasefire": "ceasefire",
    "cease-fire": "ceasefire",
    "truce": "ceasefire",
}
ORDINALS = {
    w: n
    for n, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
        ],
        start=1,
    )
}
NOT_PLACES = {"The", "Peace", "New", "Next", "Direct", "Indirect", "Syria", "Russia"}


@dataclass
class _Entity:
    key: str
    name: str
    kind: str
    parent: str | None = None
    place: str | None = None
    date: str | None = None
    base: str = ""  # the agreement's name without its date
    written: bool = False  # its date is written with it
    mentions: list[Mention] = field(default_factory=list)
    sentences: list[tuple[str, int, int]] = field(default_factory=list)


def _sentence_of(article: Any, start: int) -> tuple[int, int]:
    for sentence in article.sentences:
        if sentence.start <= start < sentence.end:
            return sentence.start, sentence.end
    return max(0, start - 200), min(len(article.text), start + 200)


class ForumsStage:
    name = "forums"

    def __call__(self, ctx: StoryContext) -> None:
        # Per story: acronyms defined in it ("(ISSG)") and its sentences by (article, start).
        self._acronyms: dict[str, str] = {}
        self._texts = _sentence_texts(ctx)
        places, actors = ctx.shared.get("places"), ctx.shared.get("actors")
        times = ctx.shared.get("times")
        forums: dict[str, _Entity] = {}
        agreements: dict[str, _Entity] = {}
        for article in ctx.articles():
            self._forums(article, forums, places)
            self._agreements(article, agreements, times)
        self._attach_generic(agreements)
        events = ctx.sections.get("events") or []
        ctx.sections["forums"] = [
            self._forum(e, forums, actors, times, events) for e in self._ranked(forums)
        ]
        ctx.sections["agreements"] = [
            self._agreement(e, actors, events) for e in self._ranked(agreements)
        ]

    @staticmethod
    def _ranked(entities: dict[str, _Entity]) -> list[_Entity]:
        return sorted(
            (e for e in entities.values() if e.mentions), key=lambda e: (-len(e.mentions), e.key)
        )

    def _add(
        self, table: dict[str, _Entity], article: Any, start: int, end: int, **fields: Any
    ) -> _Entity:
        key = fields.pop("key")
        entity = table.get(key)
        if entity is None:
            entity = table[key] = _Entity(key=key, **fields)
        entity.mentions.append(
            Mention(article=article.id, start=start, end=end, text=article.text[start:end])
        )
        entity.sentences.append((article.id, *_sentence_of(article, start)))
        return entity

    def _forums(self, article: Any, forums: dict[str, _Entity], places: Any) -> None:
        text = article.text
        for pattern in (PLACE_FIRST, PLACE_AFTER):
            for match in pattern.finditer(text):
                name = match.group(1)
                if name in NOT_PLACES:
                    continue
                place = places.resolve(article.id, *match.span(1)) if places else None
                if place is None:
                    continue  # "Direct talks", "Tuesday's meeting": no place, no track
                self._add(
                    forums,
                    article,
                    *match.span(),
                    key=f"talks:{place}",
                    name=f"{name} talks",
                    kind="talks",
                    place=place,
                )
        for match in ROUND.finditer(text):
            word = match.group(1).lower()
            parent = self._nearest_track(forums, article.id, match.start())
            if parent is None:
                continue
            number = ORDINALS.get(word)
            key = f"{parent.key}:round:{number or 'next'}"
            label = f"round {number}" if number else "a new round"
            self._add(
                forums,
                article,
                *match.span(),
                key=key,
                name=f"{parent.name}, {label}",
                kind="round",
                parent=parent.key,
                place=parent.place,
            )
        for match in BODY.finditer(text):
            name = re.sub(r"^(?:The|the|A|a)\s+", "", match.group(1)).strip()
            if len(name.split()) < 2:
                continue
            kind = "contact group" if "Group" in name or "Quartet" in name else "council"
            self._add(
                forums, article, *match.span(1), key=f"body:{name.lower()}", name=name, kind=kind
            )
            if match.group(2):  # "International Syria Support Group (ISSG)"
                self._acronyms[match.group(2)] = f"body:{name.lower()}"
        for short, key in self._acronyms.items():
            for match in re.finditer(rf"\b{re.escape(short)}\b", text):
                if key in forums and not any(
                    m.article == article.id and m.start <= match.start() < m.end
                    for m in forums[key].mentions
                ):
                    self._add(
                        forums,
                        article,
                        *match.span(),
                        key=key,
                        name=forums[key].name,
                        kind=forums[key].kind,
                    )

    @staticmethod
    def _nearest_track(forums: dict[str, _Entity], article_id: str, position: int):
        best = None
        for entity in forums.values():
            if entity.kind != "talks":
                continue
            for mention in entity.mentions:
                if mention.article == article_id and abs(mention.start - position) < 300:
                    distance = abs(mention.start - position)
                    if best is None or distance < best[0]:
                        best = (distance, entity)
        return best[1] if best else None

    def _agreements(self, article: Any, agreements: dict[str, _Entity], times: Any) -> None:
        for match in AGREEMENT.finditer(article.text):
            if match.group("number"):
                number = match.group("number")
                self._add(
                    agreements,
                    article,
                    *match.span(),
                    key=f"resolution:{number}",
                    name=f"Resolution {number}",
                    kind="resolution",
                )
                continue
            raw = match.group("kind").lower()
            kind = KINDS.get(raw) or (
                "de-escalation"
                if raw.startswith("de-escalation")
                else "communiqué"
                if raw.endswith(("communiqué", "communique"))
                else "accord"
            )
            date = written = None
            if match.group("date"):
                written = match.group("date")
                found = (
                    times.in_span(article.id, match.start("date"), match.end("date"))
                    if times is not None
                    else []
                )
                date = found[0].value if found and found[0].value else None
            if kind == "accord" and not written:
                continue  # "a deal", "the agreement": too vague to be an entity of its own
            name = {
                "ceasefire": "cessation of hostilities" if "cessation" in raw else "ceasefire"
            }.get(kind, match.group("kind").strip("“”\"'"))
            base = name
            if written:
                name = f"{written} {name}"  # "February 27 cessation of hostilities"
            key = (
                f"{kind}:{date}"
                if date
                else f"{kind}:{name.lower()}"
                if written
                else f"{kind}:{name.lower()}:undated"
            )
            entity = self._add(
                agreements, article, *match.span(), key=key, name=name, kind=kind, date=date
            )
            entity.base, entity.written = base, bool(written)

    @staticmethod
    def _attach_generic(agreements: dict[str, _Entity]) -> None:
        """ "the cessation of hostilities" without a date is the story's dated cessation of
        hostilities, when there is exactly one: same kind, same name."""
        dated: dict[tuple[str, str], list[_Entity]] = defaultdict(list)
        for entity in agreements.values():
            if entity.date or entity.written:
                dated[(entity.kind, entity.base)].append(entity)
        for key, entity in list(agreements.items()):
            targets = dated.get((entity.kind, entity.base), [])
            if entity.date or entity.written or len(targets) != 1:
                continue
            target = targets[0]
            target.mentions.extend(entity.mentions)
            target.sentences.extend(entity.sentences)
            del agreements[key]

    @staticmethod
    def _actors_in(actors: Any, sentences: list[tuple[str, int, int]]) -> Counter[str]:
        found: Counter[str] = Counter()
        if actors is None:
            return found
        for article_id, start, end in sentences:
            for actor_id in actors.in_span(article_id, start, end):
                found[actor_id] += 1
        return found

    def _roles(self, actors: Any, sentences: list[tuple[str, int, int]], texts: dict) -> dict:
        roles: dict[str, list[str]] = defaultdict(list)
        if actors is None:
            return roles
        for article_id, start, end in sentences:
            sentence = texts.get((article_id, start))
            if sentence is None:
                continue
            lowered = sentence.lower()
            for actor_id in actors.in_span(article_id, start, end):
                actor = actors.get(actor_id)
                if actor is None:
                    continue
                if "co-chair" in lowered and actor.type in {"state", "igo"}:
                    roles["chairs"].append(actor_id)
                if "guarantor" in lowered and actor.type == "state":
                    roles["guarantors"].append(actor_id)
                if actor.type == "person" and any(
                    word in " ".join(actor.roles).lower() for word in ("envoy", "mediator")
                ):
                    roles["mediators"].append(actor_id)
        return roles

    def _forum(self, entity: _Entity, forums: dict, actors: Any, times: Any, events: list) -> Forum:
        texts = self._texts
        roles = self._roles(actors, entity.sentences, texts)
        itself = {
            a
            for m in entity.mentions
            for a in (actors.in_span(m.article, m.start, m.end) if actors else [])
        }
        roles = {k: [a for a in v if a not in itself] for k, v in roles.items()}
        participants = [
            a
            for a, _ in self._actors_in(actors, entity.sentences).most_common()
            if actors
            and a not in itself
            and getattr(actors.get(a), "type", None)
            in {"state", "igo", "political_org", "armed_group"}
        ]
        dates: list[str] = []
        if times is not None:
            for article_id, start, end in entity.sentences:
                for expression in times.in_span(article_id, start, end):
                    if (
                        expression.type in {"exact", "approximate"}
                        and expression.granularity == "day"
                        and expression.value not in dates
                    ):
                        dates.append(expression.value)
        return Forum(
            id=f"forum-{entity.key.replace(':', '-')}",
            name=entity.name,
            kind=entity.kind,
            parent=f"forum-{entity.parent.replace(':', '-')}" if entity.parent else None,
            participants=participants[:12],
            chairs=list(dict.fromkeys(roles.get("chairs", []))),
            mediators=list(dict.fromkeys(roles.get("mediators", []))),
            guarantors=list(dict.fromkeys(roles.get("guarantors", []))),
            dates=sorted(dates),
            place=entity.place,
            events=self._events(entity, events),
            mentions=entity.mentions,
        )

    def _agreement(self, entity: _Entity, actors: Any, events: list) -> Agreement:
        texts = self._texts
        parties: list[str] = []
        for article_id, start, end in entity.sentences:
            sentence = (texts.get((article_id, start)) or "").lower()
            if actors is not None and re.search(
                r"brokered|signed|agreed|reached|between", sentence
            ):
                for actor_id in actors.in_span(article_id, start, end):
                    if (
                        getattr(actors.get(actor_id), "type", None) in {"state", "igo"}
                        and actor_id not in parties
                    ):
                        parties.append(actor_id)
        return Agreement(
            id=f"agreement-{re.sub(r'[^a-z0-9]+', '-', entity.key.lower()).strip('-')}",
            name=entity.name,
            kind=entity.kind,
            date=entity.date,
            parties=parties,
            events=self._events(entity, events),
            mentions=entity.mentions,
        )

    @staticmethod
    def _events(entity: _Entity, events: list) -> list[str]:
        spans = set(entity.sentences)
        return [
            e.id
            for e in events
            if any(m.article == a and s <= m.start < t for a, s, t in spans for m in e.mentions)
        ]


def _sentence_texts(ctx: StoryContext) -> dict[tuple[str, int], str]:
    return {(a.id, s.start): a.text[s.start : s.end] for a in ctx.articles() for s in a.sentences}


@story_stage("forums")
def make_forums_stage() -> ForumsStage:
    return ForumsStage()
