"""The `actors` article extractor: every span of one article that may name an actor.

It describes, it does not decide: names (spaCy's PERSON, ORG, GPE and NORP entities) with the
role written next to them ("Russian Foreign Minister Sergei Lavrov", "Staffan de Mistura, the
UN special envoy for Syria"), acronyms defined in parentheses, descriptions that stand for an
actor ("the Russian FM", "the spokeswoman", "the Assad regime"), and subject pronouns with the
person they most likely refer to. Which real-world actor each one is, is the story stage's job:
only it sees the other articles.
"""

from __future__ import annotations

import re

from pydantic import BaseModel
from spacy.tokens import Span, Token

from dossier.analysis import ArticleDoc, extractor

NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
# Head nouns of a description that stands for a person by office.
ROLE_NOUNS = {
    "minister",
    "fm",
    "secretary",
    "president",
    "envoy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "chancellor",
    "premier",
    "king",
    "emir",
    "leader",
    "chief",
    "commander",
    "negotiator",
    "mediator",
    "representative",
    "official",
    "director",
    "coordinator",
    "adviser",
    "advisor",
    "mayor",
    "governor",
    "general",
    "prosecutor",
    "head",
    "diplomat",
    "chairman",
    "chairwoman",
    "monarch",
    "prince",
    "sheikh",
    "pope",
    "deputy",
    "counterpart",
    "member",
    "founder",
}
# Head nouns of a description that stands for a state's government.
STATE_HEADS = {"regime", "government", "administration", "authorities", "kremlin", "junta"}
# Nouns a demonym modifies when it stands for its state ("Russian warplanes bombed").
STATE_AGENT_NOUNS = STATE_HEADS | {
    "forces",
    "troops",
    "army",
    "military",
    "navy",
    "warplanes",
    "jets",
    "aircraft",
    "planes",
    "helicopters",
    "strikes",
    "airstrikes",
    "raids",
    "bombing",
    "bombardment",
    "attacks",
    "offensive",
    "soldiers",
    "police",
    "artillery",
    "coalition",
    "officials",
    "diplomats",
    "delegation",
    "negotiators",
    "ministry",
    "side",
    "leadership",
    "president",
    "minister",
    "fm",
    "envoy",
    "ambassador",
    "spokesman",
    "spokeswoman",
    "spokesperson",
}
TITLE_WORDS = ROLE_NOUNS | {
    "foreign",
    "defense",
    "defence",
    "state",
    "special",
    "senior",
    "top",
    "prime",
    "vice",
    "former",
    "interior",
    "finance",
    "of",
    "for",
    "and",
    "un",
    "u.n.",
    "chief",
    "lead",
    "opposition",
    "army",
    "affairs",
    "general",
    "ministry",
    "department",
    "office",
    "military",
    "rebel",
    "group",
    "party",
    "union",
}
SUBJECT_PRONOUNS = {"he", "she"}
_PAREN_ACRONYM = re.compile(r"\s*\(([A-Z][A-Za-z.]{1,8})\)")
_ROLE_TRIM = re.compile(r"^(?:the|a|an|its|his|her|their)\s+|[\s,;:]+$", re.IGNORECASE)


class ActorCandidate(BaseModel):
    """A span that may name an actor; offsets are into the article's clean text."""

    kind: str  # name | description | pronoun
    start: int
    end: int
    text: str
    label: str = ""
    sentence_start: int = 0
    acts: bool = False  # the name is the agent, subject, object or possessor of something
    located: bool = False  # the name is where something is: "in Baba Amr", "the village of X"
    head: str | None = None  # description: its head noun, lower-case ("envoy", "regime")
    modifier: str | None = None  # description: "Russian", "UN", "Assad"
    modifier_label: str | None = None
    role: str | None = None  # name: the office written next to it
    role_start: int | None = None
    role_end: int | None = None
    role_affiliation: str | None = None  # the organisation or state inside the role
    role_affiliation_label: str | None = None
    expansion: str | None = None  # an acronym's long form, when defined in parentheses
    # name: the title of courtesy it is written with, before it or as its first word ("Mr",
    # "Mrs", "Ms", "Miss"; the NER takes in the last three more often than "Mr")
    courtesy: str | None = None
    antecedent_start: int | None = None  # pronoun: the person it most likely refers to
    antecedent_end: int | None = None


# Nouns of what a party says or gives, whose "from" names the party ("scathing criticism from
# Paris", "pressure from Washington"), unlike a place left or come from ("a flight from Paris").
SOURCE_NOUNS = {
    "criticism", "condemnation", "rebuke", "warning", "warnings", "threat", "threats",
    "pressure", "support", "backing", "praise", "response", "reaction", "protest", "protests",
    "objection", "objections", "demand", "demands", "call", "calls", "appeal", "appeals",
    "request", "offer", "proposal", "statement", "message", "invitation", "assurances",
}  # fmt: skip


def _acts(root: Token) -> bool:
    token = root
    while token.dep_ in {"conj", "appos"} and token.head.i != token.i:
        token = token.head
    if token.dep_ in {"nsubj", "nsubjpass", "dobj", "dative", "poss"}:
        return True
    if token.dep_ == "pobj" and token.head.lower_ in {"by", "with", "against", "between"}:
        return True
    if token.dep_ == "pobj" and token.head.lower_ == "from":
        # the parser hangs "from" on the noun or on the verb that has it ("drew criticism")
        source = token.head.head
        return source.lower_ in SOURCE_NOUNS or any(
            child.dep_ == "dobj" and child.lower_ in SOURCE_NOUNS for child in source.children
        )
    # "Russian warplanes", "the Damascus regime", "Russian Foreign Minister": the state acts.
    return token.dep_ in {"compound", "amod", "nmod"} and token.head.lower_ in STATE_AGENT_NOUNS


# Prepositions that put what follows them as a place ("fighting in Baba Amr"), and nouns
# whose "of" names a place ("the besieged suburb of Baba Amr", "the village of Sarmeen").
LOCATIVE_PREPOSITIONS = {"in", "into", "inside", "outside", "near", "across", "throughout"}
PLACE_NOUNS = {
    "city", "town", "village", "suburb", "district", "neighbourhood", "neighborhood",
    "province", "region", "county", "state", "island", "capital", "port", "enclave", "area",
}  # fmt: skip


def _located(root: Token) -> bool:
    """Whether a name is put as a place: the object of a locative preposition, or what a
    place noun is "of"."""
    if root.dep_ != "pobj":
        return False
    preposition = root.head
    if preposition.lower_ in LOCATIVE_PREPOSITIONS:
        return True
    return preposition.lower_ == "of" and preposition.head.lemma_.lower() in PLACE_NOUNS


_NOT_IN_OFFICES = {"SCONJ", "CCONJ", "ADV", "VERB"}


# The titles of courtesy that tell a person's sex: a man's, "m", or a woman's, "f".
COURTESY_SEX = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
# Titles of courtesy before a name, which hold no office.
_COURTESY_TITLES = {*COURTESY_SEX, "dr", "prof", "sir", "dame", "rev"}


def _title_span(ent: Span) -> Span | None:
    """The office written before a name: "Russian Foreign Minister" Sergei Lavrov, "US
    Secretary of State" John Kerry, "HNC chief negotiator and Army al-Islam member" Mohammed
    Alloush."""
    doc = ent.doc
    start = ent.start
    while start > ent.sent.start:
        token = doc[start - 1]
        titled = token.lower_ in TITLE_WORDS or (
            token.is_title or token.is_upper or token.ent_type_ in {"NORP", "GPE", "ORG"}
        )
        inside_name = token.ent_type_ in {"ORG", "NORP", "GPE"} and token.text == "-"
        if not titled or (token.is_punct and not inside_name) or token.ent_type_ == "PERSON":
            break
        if token.pos_ == "ADP" and token.lower_ not in {"of", "for"}:
            break  # "In Washington US Secretary of State": the office starts after "In"
        if token.pos_ in _NOT_IN_OFFICES and token.lower_ not in {"and", "acting"}:
            # "But U.S. President", "After Russian Foreign Minister", "Watching President":
            # capitalised for opening the sentence ("Acting FBI Director" is an office)
            break
        span = doc[start : ent.start]
        if token.lower_ in {"of", "for"} and any(t.lower_ in ROLE_NOUNS for t in span):
            break  # "spokeswoman for special envoy" de Mistura: the office is "special envoy"
        start -= 1
    if start > ent.sent.start and doc[start - 1].pos_ == "ADP" and doc[start].ent_iob_ == "B":
        # "In Washington US Secretary of State": of two names side by side after a
        # preposition, the first is its object, not part of the office.
        end = start + 1
        while end < ent.start and doc[end].ent_iob_ == "I":
            end += 1
        if end < ent.start and doc[end].ent_iob_ == "B":
            start = end
    while start < ent.start and doc[start].lower_ in {"of", "for", "and"}:
        start += 1
    before = ent.start - 1
    while before > start and doc[before].lower_.rstrip(".") in _COURTESY_TITLES:
        before -= 1
    if start == ent.start or doc[before].lower_ in {"of", "for"}:
        # "a spokesman for Heller" is Heller's spokesman, not Heller; so is "a spokeswoman
        # for Dr Murray"
        return None
    span = doc[start : ent.start]
    if not any(t.lower_ in ROLE_NOUNS for t in span):
        return None
    return span


def _appositive_span(ent: Span) -> Span | None:
    """The office in apposition: "de Mistura, the UN special envoy for Syria," or "the UN
    envoy, Staffan de Mistura"."""
    root = ent.root
    for child in root.children:
        if child.dep_ == "appos" and child.i > ent.end - 1:
            end = child.right_edge.i + 1
            # "chairman of the ... Commission that is entering its final phase": the office
            # ends where a clause describing it begins.
            clauses = [t.left_edge.i for t in child.subtree if t.dep_ in {"relcl", "acl"}]
            end = min([end, *(i for i in clauses if i > child.i)])
            span = ent.doc[child.left_edge.i : end]
            if child.lower_ in ROLE_NOUNS or any(t.lower_ in ROLE_NOUNS for t in span[:6]):
                return span
    if root.dep_ == "appos" and root.head.i < ent.start and root.head.lower_ in ROLE_NOUNS:
        head = root.head
        span = ent.doc[head.left_edge.i : head.i + 1]
        return span
    return None


def _affiliation(role: Span) -> tuple[str | None, str | None]:
    """The state or organisation an office belongs to: "Russian" Foreign Minister,
    spokeswoman for "the State Department", "UN" special envoy for Syria; of two offices joined
    by "and", the one written next to the name."""
    conjunctions = [t.i for t in role if t.lower_ == "and"]
    start = conjunctions[-1] + 1 if conjunctions else role.start
    entities = [e for e in role.doc.ents if e.start >= start and e.end <= role.end]
    before = [
        e for e in entities if not any(t.lower_ in {"for", "of"} for t in role.doc[start : e.start])
    ]
    for e in before:
        if e.label_ in {"NORP", "GPE", "ORG"}:
            return e.text, e.label_
    for e in entities:
        if e.label_ == "ORG" or (e.label_ in {"GPE", "NORP"} and not before):
            return e.text, e.label_
    return None, None


def _clean_role(role: Span) -> str:
    text = role.text
    previous = None
    while previous != text:
        previous, text = text, _ROLE_TRIM.sub("", text)
    return text


_NOT_IN_NAMES = {
    *("-LRB-", "-RRB-", "-LSB-", "-RSB-", "-LCB-", "-RCB-"),
    *("''", "'", "``", "`", '"', "--", "-", "@", "#", ":", "&"),
}


_ACRONYM_WORD = re.compile(r"[A-Z]{2,5}")
_ROMAN_NUMERALS = {"II", "III", "IV", "VI", "VII", "VIII", "IX", "XI", "XII"}


def _trimmed(ent: Span) -> Span | None:
    """The entity without the tokeniser's bracket codes and stray quotes at its edges
    ("Jack -RRB-", "Robert Gibbs '"), nor the lower-case words the NER ran on with after the
    name ("Al Jazeera news", "McDonnell - wp", "Saban Center for"), nor a page's time run into
    a person's name ("Last updated at 06:28 Michael Jackson 's doctor")."""
    start, end = ent.start, ent.end

    def leading(token: Token) -> bool:
        if token.text in _NOT_IN_NAMES or token.is_space:
            return True
        return ent.label_ == "PERSON" and not any(ch.isalpha() for ch in token.text)

    while start < end and leading(ent.doc[start]):
        start += 1

    def trailing(token: Token) -> bool:
        if token.text in _NOT_IN_NAMES or token.is_space:
            return True
        # a word of its own: "Ban Ki-moon" ends on "moon", joined by a hyphen
        apart = bool(ent.doc[token.i - 1].whitespace_)
        return apart and token.is_alpha and token.is_lower and token.text not in _NAME_PARTICLES

    while end > start + 1 and trailing(ent.doc[end - 1]):
        end -= 1
    if ent.label_ == "PERSON" and not ent.doc[start].is_upper:
        # "Sultans of satire Steve Punt and Hugh Dennis BBC Radio 4 's ...": a broadcaster's
        # acronym after a full name starts another name, which would make "Radio" a surname
        # (a name all in capitals, "MARTIN LUTHER KING", is a transcript's, and has none)
        for i in range(start + 2, end):
            token = ent.doc[i]
            if _ACRONYM_WORD.fullmatch(token.text) and token.text not in _ROMAN_NUMERALS:
                end = i
                break
    while end > start and (ent.doc[end - 1].text in _NOT_IN_NAMES or ent.doc[end - 1].is_space):
        end -= 1
    if start == end:
        return None
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(ent.doc, start, end, label=ent.label_)


# "grade-point average (GPA)", "improvised explosive devices (IEDs)": an acronym the text
# defines for a common noun, which the NER tags as an organisation now and then.
_TERM_BEFORE = re.compile(r"((?:[a-z][a-z'-]*\s+){1,8})\(\s*$")
# "the Workers' Compensation Act", "the Affordable Care Act": a law, not an actor.
_LAW_HEADS = {"Act", "Acts", "Amendment"}


def _defined_term(text: str, start: int, surface: str) -> bool:
    """Whether the entity at `start` is an acronym in parentheses spelling out the
    lower-case words before it."""
    letters = surface.replace(".", "")
    letters = letters[:-1] if letters.endswith("s") and len(letters) > 2 else letters
    if not letters.isalpha() or not letters.isupper():
        return False
    before = _TERM_BEFORE.search(text[max(0, start - 120) : start])
    if before is None:
        return False
    parts = re.findall(r"[a-z]+", before.group(1))
    initials = "".join(p[0] for p in parts).upper()
    content = "".join(p[0] for p in parts if p not in {"of", "and", "the", "for", "in"}).upper()
    return initials.endswith(letters) or content.endswith(letters)


# "Williams syndrome", "Parkinson's disease": a person's name that names an illness.
EPONYM_HEADS = {"syndrome", "disease", "disorder", "palsy", "sarcoma", "lymphoma"}


_TITLE_SMALL_WORDS = {"&", "of", "the", "and", "a", "an", "in", "on", "at", "to", "for", "with"}


def _in_quoted_title(text: str, start: int, end: int) -> bool:
    """Whether the entity at `start`:`end` is the opening of a quoted title that goes on
    after it ("Kourtney & Kim Take" in "a “Kourtney & Kim Take New York” producer")."""
    surface = text[start:end]
    opened = surface[:1] in "“\"" or text[max(0, start - 1) : start] in ("“", '"')
    if not opened:
        return False
    rest = text[end : end + 80]
    closing = re.search(r"[”\"]", rest)
    if closing is None or closing.start() == 0:
        return False
    # the title goes on in title case: not a quotation that opens on a name ("“Obama is
    # wrong,” said ...")
    words = rest[: closing.start()].split()
    return 0 < len(words) <= 6 and all(
        w[0].isupper() or w[0].isdigit() or w in _TITLE_SMALL_WORDS for w in words
    )


# A transcript's label for a voice it cannot name ("UNIDENTIFIED FEMALE : I 'm so excited"):
# nobody in particular, and every such voice would otherwise be one person.
_NOBODY_IN_PARTICULAR = {
    "unidentified", "unknown", "male", "female", "man", "woman", "voice", "voices",
    "speaker", "crowd", "announcer", "caller", "protester", "protesters", "participant",
}  # fmt: skip
# "Michael Yousef.com", "EATOCRACY.COM": a website, which the NER now and then takes for a
# person (and which then shared the surname "com").
_WEB_ADDRESS = re.compile(r"\.(?:com|org|net|co\.uk|gov)\b", re.IGNORECASE)


def _named_actor(ent: Span, text: str, offset: int) -> bool:
    """Whether an entity can name an actor: a proper name, not a law, an illness, an acronym
    defined for a common noun, the start of a quoted title nor a transcript's unnamed voice."""
    root = ent.root
    return (
        _proper(ent.text)
        and not all(w.lower() in _NOBODY_IN_PARTICULAR for w in ent.text.split())
        and not _in_quoted_title(text, offset + ent.start_char, offset + ent.end_char)
        and ent.text.split()[-1] not in _LAW_HEADS
        and not (root.dep_ in {"compound", "poss"} and root.head.lemma_.lower() in EPONYM_HEADS)
        and not _defined_term(text, offset + ent.start_char, ent.text)
    )


# Lower-case words a name may open on: "de Mistura", "al-Assad", "van Gogh", "bin Laden".
_NAME_PARTICLES = {
    "al", "ad", "as", "ash", "an", "ar", "at", "az", "el", "bin", "ibn", "ben", "bint", "de",
    "del", "della", "der", "des", "di", "da", "do", "dos", "das", "du", "la", "le", "van",
    "von", "ter", "ten", "zu", "the",
}  # fmt: skip


def _proper(text: str) -> bool:
    """Whether an entity's text can be a proper name: it has letters, and a capital among them
    where its script has capitals ("marijuana" and "e.e" tagged as organisations are not),
    and it opens on a capital, a digit, a particle or a brand's lower-case letter ("iPod"):
    "knackinger Eisbergsalat", tagged as a person in a German menu, does not."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return False
    if any(ch.islower() for ch in letters) and not any(ch.isupper() for ch in letters):
        return False
    first = text.split()[0]
    if not first[0].islower():
        return True
    particle = re.split(r"[-‘’']", first)[0].lower()
    return particle in _NAME_PARTICLES or any(ch.isupper() for ch in first)


def _courtesy(ent: Span) -> str | None:
    for token in (ent.doc[ent.start - 1] if ent.start else None, ent.doc[ent.start]):
        if token is not None and token.lower_.rstrip(".") in COURTESY_SEX:
            return token.lower_.rstrip(".")
    return None


def _name_candidate(ent: Span, offset: int, text: str) -> ActorCandidate:
    role = _title_span(ent) or _appositive_span(ent) if ent.label_ == "PERSON" else None
    affiliation, affiliation_label = _affiliation(role) if role is not None else (None, None)
    expansion = None
    after = text[offset + ent.end_char : offset + ent.end_char + 12]
    if ent.label_ == "ORG" and (match := _PAREN_ACRONYM.match(after)) and not ent.text.isupper():
        # the acronym defined right after the long form; after another acronym, as in a list
        # of links ("RMSF (CDC)"), it names the source, not the same body
        expansion = match.group(1)
    start, end, surface = offset + ent.start_char, offset + ent.end_char, ent.text
    if surface.lower().startswith("the "):
        start, surface = start + 4, surface[4:]
    if surface.endswith(("'s", "’s", "‘s")):  # "Cliven Bundy‘s": a mistyped apostrophe too
        end, surface = end - 2, surface[:-2]
    elif surface.endswith(("s'", "s’")):  # "ABC News’ Linsey Davis"
        end, surface = end - 1, surface[:-1]
    # tokenized text ("the World Health Organisation 's director") leaves a space before it
    end -= len(surface) - len(surface.rstrip())
    surface = surface.rstrip()
    return ActorCandidate(
        kind="name",
        start=start,
        end=end,
        text=surface,
        label="ORG" if ent.label_ == "PERSON" and _WEB_ADDRESS.search(surface) else ent.label_,
        sentence_start=offset + ent.sent.start_char,
        acts=_acts(ent.root),
        located=_located(ent.root),
        role=_clean_role(role) if role is not None else None,
        role_start=offset + role.start_char if role is not None else None,
        role_end=offset + role.end_char if role is not None else None,
        role_affiliation=affiliation,
        role_affiliation_label=affiliation_label,
        expansion=expansion,
        courtesy=_courtesy(ent) if ent.label_ == "PERSON" else None,
    )


def _acronym_candidate(long_form: ActorCandidate, text: str) -> ActorCandidate:
    """The acronym in "Islamic State (IS)": a mention of its own, which the NER may miss."""
    start = text.index(f"({long_form.expansion})", long_form.end) + 1
    return long_form.model_copy(
        update={
            "start": start,
            "end": start + len(long_form.expansion or ""),
            "text": long_form.expansion,
            "expansion": long_form.expansion,
            "acts": False,
        }
    )


def _descriptions(sent: Span, offset: int) -> list[ActorCandidate]:
    """Definite descriptions of an actor: "the Russian FM", "the spokeswoman", "the regime"."""
    found = []
    for token in sent:
        head = token.lower_
        if token.pos_ not in {"NOUN", "PROPN"} or (
            head not in ROLE_NOUNS and head not in STATE_HEADS
        ):
            continue
        if token.ent_type_ == "PERSON" or any(
            c.ent_type_ == "PERSON" and c.dep_ == "appos" for c in token.children
        ):
            continue  # a name is there: the name candidate carries the role
        if token.head.ent_type_ == "PERSON" and token.dep_ in {"compound", "appos"}:
            continue  # a title before a name, or an office in apposition to it
        determiners = [c for c in token.lefts if c.dep_ == "det"]
        if not determiners or determiners[0].lower_ != "the":
            continue
        left = determiners[0].i
        modifiers = [
            c for c in token.lefts if c.dep_ in {"amod", "compound", "nmod"} and c.i > left
        ]
        modifier = modifiers[0] if modifiers else None
        modifier_text = modifier_label = None
        if modifier is not None:
            if modifier.ent_type_:
                ent = next(e for e in sent.doc.ents if e.start <= modifier.i < e.end)
                modifier_text, modifier_label = ent.text, ent.label_
            else:
                modifier_text = modifier.text
        span = sent.doc[left : token.i + 1]
        found.append(
            ActorCandidate(
                kind="description",
                start=offset + span.start_char,
                end=offset + span.end_char,
                text=span.text,
                sentence_start=offset + sent.start_char,
                head=head,
                modifier=modifier_text,
                modifier_label=modifier_label,
                acts=_acts(token),
            )
        )
    return found


_SUBJECT = {"nsubj", "nsubjpass"}
# How far back the person subject of an earlier sentence is still the likeliest referent.
SUBJECT_REACH = 1


class Antecedents:
    """Who a subject "he" or "she" most likely refers to, read sentence by sentence as the
    article goes. In order: the person subject of a clause the pronoun's clause hangs on
    ("Barling said he hoped", "Obama, who said that he finds"), the last person subject
    earlier in its sentence, the person subject of the sentence before (or the referent of its
    subject pronoun), then the persons named from the latest back; anyone an earlier pronoun
    of the other gender was taken to refer to is passed over. Nearest-name-first alone read
    "Chaffetz told McCabe that he wants records" as McCabe.

    Persons are (start, end) character offsets into the article, keyed for gender by the name
    as written: by the last word alone, Hillary Clinton took the "he" of Bill Clinton."""

    def __init__(self) -> None:
        self.named: list[tuple[int, int, str]] = []
        self.subject: tuple[int, int, str] | None = None
        self.subject_sentence = -1
        self.sentence = -1
        self.gender: dict[str, str] = {}

    def read(self, sent: Span, offset: int) -> list[tuple[Token, tuple[int, int]]]:
        """The subject pronouns of the sentence with the span each refers to, remembering the
        sentence's persons for the ones after it."""
        self.sentence += 1
        persons = {
            token.i: ent for ent in sent.ents if ent.label_ == "PERSON" for token in ent
        }

        def person(ent: Span) -> tuple[int, int, str]:
            return (offset + ent.start_char, offset + ent.end_char, ent.text)

        found = []
        for token in sent:
            if token.lower_ in SUBJECT_PRONOUNS and token.dep_ in _SUBJECT and self.named:
                candidates = [person(e) for e in _governing_subjects(token, persons)]
                candidates += [
                    person(persons[t.i])
                    for t in reversed(sent[: token.i - sent.start])
                    if t.i in persons and t.dep_ in _SUBJECT
                ][:1]
                if self.subject and self.sentence - self.subject_sentence <= SUBJECT_REACH:
                    candidates.append(self.subject)
                candidates += reversed(self.named)
                pronoun = token.lower_
                chosen = next(
                    (c for c in candidates if self.gender.get(c[2], pronoun) == pronoun),
                    self.named[-1],
                )
                self.gender.setdefault(chosen[2], pronoun)
                self.subject, self.subject_sentence = chosen, self.sentence
                found.append((token, chosen[:2]))
            if token.ent_type_ == "PERSON" and token.ent_iob_ == "B" and token.i in persons:
                ent = persons[token.i]
                self.named.append(person(ent))
                if ent.root.dep_ in _SUBJECT:
                    self.subject, self.subject_sentence = person(ent), self.sentence
        return found


def _governing_subjects(pronoun: Token, persons: dict[int, Span]) -> list[Span]:
    """The person subject of the nearest clause above the pronoun's that has a subject before
    it, if that subject is a person (or "who" hanging on one); none when it is not."""
    clause = pronoun.head
    for _ in range(6):
        if clause.head.i == clause.i:
            return []
        hangs_on = clause.head
        subjects = [c for c in hangs_on.children if c.dep_ in _SUBJECT and c.i < pronoun.i]
        if subjects:
            subject = subjects[0]
            if subject.lower_ in {"who", "that"} and hangs_on.dep_ == "relcl":
                subject = hangs_on.head
            return [persons[subject.i]] if subject.i in persons else []
        clause = hangs_on
    return []


class ActorExtractor:
    name = "actors"

    def __call__(self, doc: ArticleDoc) -> list[BaseModel]:
        if not doc.parsed:
            return []
        text = doc.article.text
        found: list[ActorCandidate] = []
        antecedents = Antecedents()
        for offset, sent in doc.sentences():
            for ent in sent.ents:
                trimmed = _trimmed(ent) if ent.label_ in NAME_LABELS else None
                if trimmed is None or not _named_actor(trimmed, text, offset):
                    continue
                candidate = _name_candidate(trimmed, offset, text)
                found.append(candidate)
                if candidate.expansion:
                    found.append(_acronym_candidate(candidate, text))
            found.extend(_descriptions(sent, offset))
            for token, (start, end) in antecedents.read(sent, offset):
                found.append(
                    ActorCandidate(
                        kind="pronoun",
                        start=offset + token.idx,
                        end=offset + token.idx + len(token.text),
                        text=token.text,
                        sentence_start=offset + sent.start_char,
                        antecedent_start=start,
                        antecedent_end=end,
                    )
                )
        return found


@extractor("actors")
def make_actor_extractor() -> ActorExtractor:
    return ActorExtractor()
