"""Place-name candidates of one article: spaCy GPE/LOC/FAC entities with the syntax that tells
a place where something happens ("talks in Paris") from a capital that acts ("Paris accused").

The extractor only describes each candidate; whether it is a place, and which one, is decided
by the story stage, which sees the whole story (its countries, the other places).
"""

from __future__ import annotations

from pydantic import BaseModel
from spacy.tokens import Span, Token

from dossier.analysis import ArticleDoc, extractor

PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Dependencies that make a noun phrase the doer of its verb ("Moscow said", "backed by Riyadh").
ACTOR_DEPS = {"nsubj", "agent"}
# Nouns a country or capital modifies when it stands for its state ("the Damascus regime",
# "US troops", "the US Secretary of State"): the name is an actor there, not a location.
STATE_NOUNS = {
    "regime",
    "government",
    "authorities",
    "administration",
    "delegation",
    "officials",
    "leadership",
    "forces",
    "army",
    "troops",
    "military",
    "secretary",
    "president",
    "minister",
    "ambassador",
    "envoy",
    "diplomat",
    "diplomats",
    "partners",
    "embassy",
}


class PlaceCandidate(BaseModel):
    start: int
    end: int
    text: str
    label: str
    preposition: str | None = None
    actor_like: bool = False
    possessive: bool = False
    sentence_start: int
    sentence_end: int


def _governing_preposition(root: Token) -> str | None:
    # Climb over conjunctions and appositions: "in Geneva and Vienna", "in Lausanne, Switzerland".
    token = root
    while token.dep_ in {"conj", "appos"} and token.head.i != token.i:
        token = token.head
    if token.dep_ == "pobj" and token.head.pos_ == "ADP":
        head = token.head
        # "the city of Aleppo": the preposition that counts is the one before "city".
        if head.lower_ == "of" and head.head.dep_ == "pobj" and head.head.head.pos_ == "ADP":
            return head.head.head.lower_
        return head.lower_
    return None


def _acts(root: Token) -> bool:
    token = root
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ == "pobj" and (token.head.dep_ == "agent" or token.head.lower_ == "by"):
        return True
    if token.dep_ == "compound" and token.head.lower_ in STATE_NOUNS:
        return True
    return token.dep_ in ACTOR_DEPS and token.head.pos_ in {"VERB", "AUX"}


def candidate(ent: Span, offset: int, sent: Span) -> PlaceCandidate | None:
    root = ent.root
    if root.pos_ == "ADJ":
        return None  # a demonym or adjective ("Syrian") names no place
    return PlaceCandidate(
        start=offset + ent.start_char,
        end=offset + ent.end_char,
        text=ent.text,
        label=ent.label_,
        preposition=_governing_preposition(root),
        actor_like=_acts(root),
        possessive=any(t.tag_ == "POS" for t in ent) or root.dep_ == "poss",
        sentence_start=offset + sent.start_char,
        sentence_end=offset + sent.end_char,
    )


class PlaceExtractor:
    name = "places"

    def __call__(self, doc: ArticleDoc) -> list[BaseModel]:
        if not doc.parsed:
            return []
        found: list[BaseModel] = []
        for offset, sent in doc.sentences():
            for ent in sent.ents:
                if ent.label_ in PLACE_LABELS:
                    item = candidate(ent, offset, sent)
                    if item is not None:
                        found.append(item)
        return found


@extractor("places")
def make_place_extractor() -> PlaceExtractor:
    return PlaceExtractor()
