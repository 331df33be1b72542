"""The `claims` article extractor: reported quantities that matter, what they count and who
says so.

A number is found by pattern (digits with thousands separators or a scale word, spelled-out
numbers, vague plurals like "hundreds", fractions like "half"), then read through the parse:
the noun it counts ("260 000 people", "hundreds of civilians"), the verb that says what
happened to them ("killed", "displaced", "besieged"), and the attribution of the sentence
("according to the UN", "the Observatory said"). Numbers that are dates, times, ages,
ordinals, money or document numbers ("Resolution 2254") are left out, and so is any number
whose counted thing is not one the story is about (see `LABELS`).
"""

from __future__ import annotations

import re

from pydantic import BaseModel
from spacy.tokens import Span, Token

from dossier.analysis import ArticleDoc, extractor
from dossier.claims.numbers import FRACTIONS, VAGUE, hedge, parse_number

_SPELLED = (
    r"(?:(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety)(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"(?:\s(?:hundred|thousand|million|dozen))*)"
)
NUMBER = re.compile(
    r"(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:\u00a0|\s)\d{3}(?!\d)|\d+(?:\.\d+)?)"
    r"(?:\s(?:million|billion|thousand|hundred))?(?![\w])"
    r"|\b(?:" + "|".join(sorted((re.escape(v) for v in VAGUE), key=len, reverse=True)) + r")\b"
    r"|\b(?:" + "|".join(re.escape(f) for f in FRACTIONS) + r")(?=\s+(?:of|the)\b)"
    r"|\b" + _SPELLED + r"\b",
    re.IGNORECASE,
)
# Lemmas of the verb or noun around a number -> what it counts. Verbs win over nouns:
# "400,000 people have been killed" counts the killed, not people.
EVENT_LABELS = {
    "kill": "killed",
    "die": "killed",
    "dead": "killed",
    "death": "killed",
    "fatality": "killed",
    "massacre": "killed",
    "execute": "killed",
    "slaughter": "killed",
    "injure": "injured",
    "wound": "injured",
    "hurt": "injured",
    "injury": "injured",
    "displace": "displaced",
    "flee": "displaced",
    "uproot": "displaced",
    "evacuate": "evacuated",
    "besiege": "besieged",
    "siege": "besieged",
    "trap": "besieged",
    "starve": "besieged",
    "detain": "detained",
    "arrest": "detained",
    "imprison": "detained",
    "jail": "detained",
    "abduct": "detained",
    "kidnap": "detained",
    "release": "released",
    "free": "released",
    "miss": "missing",
}
NOUN_LABELS = {
    "refugee": "refugees",
    "detainee": "detained",
    "prisoner": "detained",
    "casualty": "casualties",
    "victim": "casualties",
    "body": "killed",
    "participant": "participants",
    "delegate": "participants",
    "delegation": "participants",
    "country": "countries",
    "nation": "countries",
    "state": "countries",
    "round": "rounds",
    "troop": "troops",
    "soldier": "troops",
    "fighter": "fighters",
    "militant": "fighters",
    "rebel": "fighters",
    "jihadist": "fighters",
    "truck": "aid deliveries",
    "convoy": "aid deliveries",
    "airstrike": "airstrikes",
    "strike": "airstrikes",
    "raid": "airstrikes",
    "rocket": "rockets",
    "missile": "rockets",
    "barrel": "barrels",
    "case": "cases",
    "infection": "cases",
    "vote": "votes",
    "seat": "seats",
    "job": "jobs",
    "home": "homes",
    "house": "homes",
    "building": "buildings",
}
PEOPLE = {
    "people",
    "civilian",
    "child",
    "woman",
    "man",
    "person",
    "resident",
    "protester",
    "demonstrator",
    "worker",
    "patient",
    "student",
    "family",
    "syrian",
    "migrant",
    "inhabitant",
    "citizen",
}
SPEECH_VERBS = {
    "say",
    "estimate",
    "report",
    "tell",
    "claim",
    "put",
    "count",
    "document",
    "record",
    "announce",
    "state",
    "confirm",
    "add",
    "note",
    "warn",
    "calculate",
}
_SKIP_BEFORE = re.compile(
    r"\b(?:resolution|no\.|number|article|flight|route|highway|page|chapter|room|"
    r"line|level|phase|item|code|grade)\s*$",
    re.IGNORECASE,
)


class ClaimFinding(BaseModel):
    start: int
    end: int
    text: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str | None
    what: str
    counted: str  # the counted noun phrase's head as written ("people", "civilians")
    unit: str | None
    claimant_start: int | None = None
    claimant_end: int | None = None
    claimant_text: str | None = None
    sentence_start: int
    sentence_end: int


# Fewer people than this, counted with nothing done to them, are no figure.
FEW_PEOPLE = 10


def _counted_noun(tokens: Span) -> Token | None:
    last = tokens[-1]
    if last.dep_ in {"nummod", "quantmod", "compound", "amod"} and last.head.pos_ in {
        "NOUN",
        "PROPN",
    }:
        return last.head
    for child in last.children:  # "hundreds of civilians", "half of the population"
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _label(noun: Token | None, number: Token) -> str | None:
    anchor = noun or number
    lemmas = [anchor.lemma_.lower()]
    lemmas += [c.lemma_.lower() for c in anchor.children if c.dep_ in {"acl", "relcl", "amod"}]
    head = anchor.head
    for _ in range(4):  # "people have been killed", "killing more than 260 000 people"
        lemmas.append(head.lemma_.lower())
        if (head.pos_ in {"VERB", "AUX"} and head.dep_ != "prep") or head.head.i == head.i:
            break  # ("including" is a preposition here: climb over it)
        head = head.head
    for lemma in lemmas:
        if lemma in EVENT_LABELS:
            return EVENT_LABELS[lemma]
    noun_lemma = anchor.lemma_.lower()
    if noun_lemma in NOUN_LABELS:
        return NOUN_LABELS[noun_lemma]
    return None


def _claimant(sent: Span) -> Span | None:
    """Who the sentence says the figure comes from: "according to X", or the subject of a
    speech verb ("the UN estimates", "the Observatory said")."""
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < sent.end:
            to = sent.doc[token.i + 1]
            objects = [c for c in to.children if c.dep_ == "pobj"]
            if objects:
                obj = objects[0]
                return sent.doc[obj.left_edge.i : obj.i + 1]
    for token in sent:
        if token.lemma_ in SPEECH_VERBS and token.pos_ == "VERB":
            subjects = [c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if subjects and subjects[0].pos_ != "PRON":
                subject = subjects[0]
                return sent.doc[subject.left_edge.i : subject.i + 1]
    return None


class ClaimExtractor:
    name = "claims"

    def __call__(self, doc: ArticleDoc) -> list[BaseModel]:
        if not doc.parsed:
            return []
        found: list[BaseModel] = []
        for offset, sent in doc.sentences():
            claimant = None
            for match in NUMBER.finditer(sent.text):
                finding = self._number(doc, offset, sent, match)
                if finding is None:
                    continue
                if claimant is None:
                    claimant = _claimant(sent) or False
                if claimant:
                    finding.claimant_start = offset + claimant.start_char
                    finding.claimant_end = offset + claimant.end_char
                    finding.claimant_text = claimant.text
                found.append(finding)
        return found

    @staticmethod
    def _number(doc: ArticleDoc, offset: int, sent: Span, match: re.Match) -> ClaimFinding | None:
        text = match.group()
        before = sent.text[max(0, match.start() - 25) : match.start()]
        if _SKIP_BEFORE.search(before):
            return None
        span = sent.char_span(match.start(), match.end(), alignment_mode="expand")
        if span is None or any(t.ent_type_ in {"DATE", "TIME", "ORDINAL", "MONEY"} for t in span):
            return None
        if re.fullmatch(r"(?:19|20)\d\d", text):
            return None  # a year
        after = sent.text[match.end() : match.end() + 6]
        if re.match(r"\s?-?(?:year|month|week|day)s?-?old", after) or re.match(
            r"\s?%|\s?per", after
        ):
            return None
        quantity = parse_number(text)
        if quantity is None:
            return None
        quantity = hedge(quantity, before)
        noun = _counted_noun(span)
        what = _label(noun, span[-1])
        counted = noun.text if noun is not None else span[-1].text
        if what is None:
            if noun is None or noun.lemma_.lower() not in PEOPLE:
                return None
            small = quantity.value is not None and quantity.value < FEW_PEOPLE
            if small and not quantity.fraction:
                # "three men are charged", "one man said": people in an anecdote, not a
                # figure of the story as crowds and tolls are
                return None
            what = noun.lemma_.lower()
        unit = (
            "fraction"
            if quantity.fraction
            else (
                "people" if noun is not None and noun.lemma_.lower() in PEOPLE else counted.lower()
            )
        )
        start = offset + sent.start_char + match.start()
        end = offset + sent.start_char + match.end()
        return ClaimFinding(
            start=start,
            end=end,
            text=doc.article.text[start:end],
            value=quantity.value,
            low=quantity.low,
            high=quantity.high,
            qualifier=quantity.qualifier,
            what=what,
            counted=counted,
            unit=unit,
            sentence_start=offset + sent.start_char,
            sentence_end=offset + sent.end_char,
        )


@extractor("claims")
def make_claim_extractor() -> ClaimExtractor:
    return ClaimExtractor()
