"""Event mentions in one article, read off spaCy's dependency parse.

A trigger is a verb or an event noun found in the PLOVER lexicon (`lexicon.json`). Its source
is the clause's subject (or the passive agent, or the subject inherited along xcomp/conj/advcl
chains and relative clauses), its target the direct object or the object of a directional
preposition ("on", "against", "with", ...); a noun trigger takes its source from a possessive,
a nationality or organisation modifier, a "by"/"between" phrase, or the subject of the light
verb it is the object of ("launched airstrikes"). Conjunctions give compound actors.

The main design choice: an event whose trigger is the complement of another trigger's speech
act ("urged negotiations", "threatened to bomb", "agreed to a ceasefire") is the content of that
act, not an event of its own: it lends the outer event its mode and, if needed, its target.
Only the complements of reporting acts (accusing, condemning, investigating, backing,
protesting: "condemning air strikes by the regime") are events of their own as well.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel
from spacy.tokens import Span, Token

from dossier.analysis import ArticleDoc, extractor
from dossier.events.lexicon import Lexicon, Pattern, load_lexicon

ACTOR_ENTITIES = {"PERSON", "ORG", "GPE", "NORP"}
# Tokens inside these entities are names ("the Syria Support Group"), not triggers.
NAME_ENTITIES = ACTOR_ENTITIES | {"FAC", "LOC", "WORK_OF_ART", "LAW", "PRODUCT", "LANGUAGE"}
# Events whose complements are events in their own right (what is condemned happened).
REPORTING_TYPES = {"ACCUSE", "INVESTIGATE", "SUPPORT", "PROTEST"}
# Dependencies along which a trigger is the complement (content) of the trigger above it.
COMPLEMENT_DEPS = {"xcomp", "ccomp", "dobj", "pobj", "prep", "acl", "attr", "oprd", "dative"}
VERB_TARGET_PREPS = {"against", "on", "upon", "with", "to", "toward", "towards", "at", "into"}
NOUN_TARGET_PREPS = VERB_TARGET_PREPS | {"of"}
ACTOR_SPAN_PREPS = {"of", "in", "from"}
ACTOR_MODIFIER_DEPS = {"det", "amod", "compound", "poss", "nummod", "nmod", "quantmod", "case"}
NOT_ACTOR_ENTITIES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}
RELATIVE_PRONOUNS = {"which", "who", "that", "whom"}
SPEAKER_PRONOUNS = {"he", "she", "it", "they", "we"}
FUTURE_AUX = {"will", "shall", "'ll"}
HYPOTHETICAL_AUX = {"could", "would", "might", "may", "should", "'d"}
# Heads that put what they govern in the future: "are due to meet", "plan to attend".
FUTURE_GOVERNORS = {
    "due", "expect", "plan", "schedule", "set", "go", "intend", "aim", "prepare", "hope",
    "seek", "want", "propose",
}  # fmt: skip
FAILURE_GOVERNORS = {"fail"}
CONDITION_MARKERS = {"if", "unless", "provided"}
# PLOVER codes a declared future act by what declaring it does: announcing a hostile act is a
# threat, announcing a conciliatory one is an expressed intent to cooperate (AGREE).
HOSTILE_TYPES = {"SANCTION", "ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "REJECT"}
CONCILIATORY_TYPES = {"RETREAT", "CONCEDE", "AID", "COOPERATE"}
WILLINGNESS = {"willing", "ready", "prepared"}


class ActorSpan(BaseModel):
    start: int
    end: int
    text: str


class EventFinding(BaseModel):
    """One event mention: offsets are into the article's clean text."""

    type: str
    mode: str | None = None
    context: str = "asserted"
    trigger: str
    trigger_start: int
    trigger_end: int
    sentence_start: int
    sentence_end: int
    source: list[ActorSpan] = []
    target: list[ActorSpan] = []
    # Distance of the clause that carries the event from the sentence root: the shallowest
    # event is what the sentence is about.
    depth: int = 0


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _hyphenated(token: Token) -> str | None:
    """ "cease-fire" for the "fire" of "cease - fire" (spaCy splits on hyphens)."""
    doc, i = token.doc, token.i
    if (
        i >= 2
        and doc[i - 1].text == "-"
        and not doc[i - 2].whitespace_
        and not doc[i - 1].whitespace_
    ):
        return f"{doc[i - 2].lower_}-{token.lower_}"
    return None


# A word inside a date names a time, not an act: "on Thursday, March 6" holds no protest march.
TIME_ENTITIES = {"DATE", "TIME"}


def trigger_pattern(token: Token, lexicon: Lexicon) -> Pattern | None:
    if token.ent_type_ in NAME_ENTITIES | TIME_ENTITIES or token.dep_ in ("amod", "compound"):
        return None
    lemma = _lemma(token)
    dependents = {_lemma(child) for child in token.children}
    if token.pos_ == "VERB":
        # What a participle describes is its object too: "crimes committed by ...".
        arguments = dependents | ({_lemma(token.head)} if token.dep_ in ("acl", "relcl") else set())
        if lemma in lexicon.speech_verbs or arguments & lexicon.not_events.get(lemma, set()):
            return None
        return lexicon.verb_type(lemma, dependents)
    if token.pos_ in ("NOUN", "PROPN"):
        for word in (_hyphenated(token), lemma, token.lower_):
            if word and (pattern := lexicon.noun_type(word, dependents)):
                return pattern
    return None


def depth(token: Token) -> int:
    steps = 0
    while token.head.i != token.i:
        token, steps = token.head, steps + 1
    return steps


def governing_trigger(token: Token, triggers: dict[int, Pattern]) -> Token | None:
    """The trigger this one is the complement of, if any."""
    current = token
    while current.head.i != current.i and current.dep_ in COMPLEMENT_DEPS:
        if current.dep_ == "acl" and current.tag_ == "VBG":
            return None  # a participle clause ("..., condemning air strikes") is an act of its own
        current = current.head
        if current.i in triggers:
            return current
    return None


def clause_verb(token: Token) -> Token:
    """The verb whose clause carries a (noun) trigger."""
    current = token
    while current.pos_ not in ("VERB", "AUX") and current.head.i != current.i:
        current = current.head
    return current


def light_verb(noun: Token, lexicon: Lexicon) -> Token | None:
    if noun.dep_ == "dobj" and _lemma(noun.head) in lexicon.light_verbs:
        return noun.head
    return None


def is_actor(token: Token, lexicon: Lexicon) -> bool:
    if token.ent_type_ in NOT_ACTOR_ENTITIES:
        return False
    return (
        token.ent_type_ in ACTOR_ENTITIES
        or token.pos_ == "PROPN"
        or _lemma(token) in lexicon.actor_nouns
        or token.lower_ in lexicon.actor_nouns
        or (token.pos_ == "PRON" and token.lower_ not in RELATIVE_PRONOUNS)
    )


def conjuncts(token: Token) -> list[Token]:
    """The token and every token coordinated with it ("Russia and the United States")."""
    found = [token]
    for child in token.children:
        if child.dep_ == "conj":
            found.extend(conjuncts(child))
    return found


def _span_tokens(token: Token) -> list[Token]:
    kept = [token]
    for child in token.children:
        if child.dep_ in ACTOR_MODIFIER_DEPS or (
            child.dep_ == "prep"
            and child.lower_ in ACTOR_SPAN_PREPS
            and child.i > token.i
            and token.pos_ == "NOUN"  # "the head of HNC", not "Damascus of mass crimes"
        ):
            kept.extend(child.subtree)
    return kept


def actor_span(token: Token, offset: int) -> ActorSpan:
    tokens = _span_tokens(token)
    first = min(tokens, key=lambda t: t.i)
    last = max(tokens, key=lambda t: t.i)
    # Keep a coordinated modifier out of this conjunct's span ("Hungarian and Romanian").
    span = token.doc[first.i : last.i + 1]
    text = span.text.rstrip(" ,;:")
    return ActorSpan(
        start=offset + span.start_char, end=offset + span.start_char + len(text), text=text
    )


def actor_spans(token: Token, offset: int, lexicon: Lexicon) -> list[ActorSpan]:
    """Spans for an actor head and its conjuncts. Coordinated nationality or organisation
    modifiers ("Hungarian and Romanian officials") give one actor each."""
    modifiers = [
        child
        for child in token.children
        if child.dep_ in ("amod", "compound")
        and child.ent_type_ in ACTOR_ENTITIES
        and any(grandchild.dep_ == "conj" for grandchild in child.children)
    ]
    if modifiers:
        return [
            ActorSpan(start=offset + t.idx, end=offset + t.idx + len(t.text), text=t.text)
            for t in conjuncts(modifiers[0])
        ]
    return [actor_span(t, offset) for t in conjuncts(token)]


def subject(verb: Token, lexicon: Lexicon) -> Token | None:
    """Who does what `verb` says, following control and coordination upwards."""
    current = verb
    for _ in range(8):
        for child in current.children:
            # Above the verb itself a passive subject raises: "are expected to meet".
            raised = current.i != verb.i and child.dep_ == "nsubjpass"
            if child.dep_ in ("nsubj", "csubj") or raised:
                if child.lower_ in RELATIVE_PRONOUNS and current.dep_ == "relcl":
                    return current.head
                return _speaker_for_pronoun(current, child, lexicon)
            if child.dep_ == "agent":
                objects = [g for g in child.children if g.dep_ == "pobj"]
                if objects:
                    return objects[0]
        if current.dep_ == "xcomp":
            objects = [c for c in current.head.children if c.dep_ in ("dobj", "dative")]
            if objects and is_actor(objects[0], lexicon):
                return objects[0]  # "urged the regime to participate"
        if current.dep_ in ("xcomp", "acomp", "conj", "advcl") and current.head.i != current.i:
            current = current.head
            continue
        if current.dep_ in ("relcl", "acl") and current.tag_ != "VBN":
            if current.dep_ == "relcl" or is_actor(current.head, lexicon):
                return current.head
            # "... in an attempt to restore it, condemning ...": the actor is further up.
            current = clause_verb(current.head)
            continue
        return None
    return None


def _speaker_for_pronoun(verb: Token, pronoun: Token, lexicon: Lexicon) -> Token:
    """In reported speech a third-person pronoun subject most often is the speaker ("Syria
    says it is willing"): prefer the speaker's name, which the actors stage can resolve
    without coreference."""
    if pronoun.lower_ not in SPEAKER_PRONOUNS or verb.dep_ != "ccomp":
        return pronoun
    if _lemma(verb.head) not in lexicon.speech_verbs:
        return pronoun
    for child in verb.head.children:
        if child.dep_ == "nsubj" and child.pos_ != "PRON":
            return child
    return pronoun


def _prep_objects(token: Token, preps: set[str]) -> list[Token]:
    return [
        grandchild
        for child in token.children
        if child.dep_ == "prep" and child.lower_ in preps
        for grandchild in child.children
        if grandchild.dep_ == "pobj"
    ]


def choose_target(
    candidates: Iterable[Token], triggers: dict[int, Pattern], lexicon: Lexicon
) -> Token | None:
    """The first candidate that is an actor; failing that, an actor inside it ("the removal of
    President X"); failing that, the first candidate that is not itself an event."""
    candidates = list(candidates)
    for candidate in candidates:
        if is_actor(candidate, lexicon) and candidate.i not in triggers:
            return candidate
        inner = [
            t
            for t in _prep_objects(candidate, {"of", "by", "from", "to", "on", "against"})
            if is_actor(t, lexicon)
        ]
        if inner:
            return inner[0]
    for candidate in candidates:
        if (
            candidate.i not in triggers
            and candidate.pos_ in ("NOUN", "PROPN")
            and candidate.ent_type_ not in NOT_ACTOR_ENTITIES
        ):
            return candidate
    return None


def verb_roles(
    verb: Token, triggers: dict[int, Pattern], lexicon: Lexicon
) -> tuple[Token | None, Token | None]:
    source = subject(verb, lexicon)
    candidates = [c for c in verb.children if c.dep_ in ("dobj", "dative", "nsubjpass")]
    candidates += _prep_objects(verb, VERB_TARGET_PREPS)
    return source, choose_target(candidates, triggers, lexicon)


def noun_roles(
    noun: Token, triggers: dict[int, Pattern], lexicon: Lexicon
) -> tuple[list[Token], Token | None]:
    between = _prep_objects(noun, {"between", "among"})
    sources: list[Token] = []
    if between:
        sources = [between[0]]
    else:
        for child in noun.children:
            if child.dep_ == "poss" or (
                child.dep_ in ("amod", "compound") and child.ent_type_ in ACTOR_ENTITIES
            ):
                sources = [child]
                break
        if not sources:
            sources = _prep_objects(noun, {"by"})[:1]
    light = light_verb(noun, lexicon)
    if not sources and light is not None and (found := subject(light, lexicon)) is not None:
        sources = [found]
    candidates = _prep_objects(noun, NOUN_TARGET_PREPS)
    if light is not None:
        candidates += _prep_objects(light, VERB_TARGET_PREPS)
    return sources, choose_target(candidates, triggers, lexicon)


def event_context(trigger: Token, lexicon: Lexicon) -> str:
    """asserted | negated | future | hypothetical | conditional, from the clause that carries
    the trigger and the control verbs above it ("failed to agree", "are due to meet")."""
    if trigger.pos_ != "VERB":
        if any(c.dep_ == "det" and c.lower_ == "no" for c in trigger.children):
            return "negated"
        verb = light_verb(trigger, lexicon) or clause_verb(trigger)
    else:
        verb = trigger
    chain = [verb]
    while chain[-1].dep_ in ("xcomp", "ccomp", "acomp") and chain[-1].head.i != chain[-1].i:
        if chain[-1].dep_ == "ccomp" and _lemma(chain[-1].head) in lexicon.speech_verbs:
            break
        chain.append(chain[-1].head)
    children = [c for link in chain for c in link.children]
    lemmas = [_lemma(link) for link in chain[1:]]
    if any(c.dep_ == "neg" for c in children) or any(
        lemma in FAILURE_GOVERNORS for lemma in lemmas
    ):
        return "negated"
    if _conditional(chain):
        return "conditional"
    auxiliaries = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
    if auxiliaries & HYPOTHETICAL_AUX:
        return "hypothetical"
    if auxiliaries & FUTURE_AUX or any(lemma in FUTURE_GOVERNORS for lemma in lemmas):
        return "future"
    return "asserted"


def _conditional(chain: list[Token]) -> bool:
    for link in chain:
        for child in link.children:
            if child.dep_ == "advcl" and any(
                g.dep_ == "mark" and g.lower_ in CONDITION_MARKERS for g in child.children
            ):
                return True  # "will boycott unless ..."
        current = link
        while current.head.i != current.i:
            if current.dep_ == "advcl" and any(
                g.dep_ == "mark" and g.lower_ in CONDITION_MARKERS for g in current.children
            ):
                return True  # inside the "if" clause
            current = current.head
    return False


def declared_intent(anchor: Token, context: str, lexicon: Lexicon) -> bool:
    """Whether the act is announced rather than reported: a future or conditional act in the
    speaker's own words ("said it will boycott unless ..."), or one the actor declares itself
    willing or ready to do."""
    head = anchor.head
    if anchor.dep_ == "xcomp" and _lemma(head) in WILLINGNESS:
        return True
    return (
        context in ("future", "conditional")
        and anchor.dep_ == "ccomp"
        and _lemma(head) in lexicon.speech_verbs
    )


def recode_declared(event_type: str, context: str, declared: bool) -> tuple[str, str]:
    if declared and event_type in HOSTILE_TYPES:
        return "THREATEN", "asserted"
    if declared and event_type in CONCILIATORY_TYPES:
        return "AGREE", "asserted"
    return event_type, context


def _mode_words(trigger: Token, nested: list[Token]) -> list[str]:
    words = [_hyphenated(trigger) or "", _lemma(trigger), trigger.lower_]
    frontier = [trigger, *nested]
    for _ in range(3):
        following = []
        for token in frontier:
            for child in token.children:
                if child.dep_ in ("conj", "cc", "punct", "relcl", "advcl", "nsubj", "ccomp"):
                    continue
                words += [_lemma(child), child.lower_]
                following.append(child)
        frontier = following
    for token in nested:
        words += [_lemma(token), token.lower_]
    return [word for word in words if word]


def sentence_events(sent: Span, offset: int, lexicon: Lexicon) -> list[EventFinding]:
    triggers = {t.i: p for t in sent if (p := trigger_pattern(t, lexicon)) is not None}
    nested_under: dict[int, list[Token]] = {}
    emitted: list[Token] = []
    doc = sent.doc
    for index in sorted(triggers):
        token = doc[index]
        governor = governing_trigger(token, triggers)
        if governor is not None and triggers[governor.i].event_type not in REPORTING_TYPES:
            nested_under.setdefault(governor.i, []).append(token)
        else:
            emitted.append(token)
    tokens = [t for t in sent if not t.is_space]
    if not tokens:
        return []
    sentence_start = offset + tokens[0].idx
    sentence_end = offset + tokens[-1].idx + len(tokens[-1].text)
    findings = []
    for token in emitted:
        pattern = triggers[token.i]
        nested = nested_under.get(token.i, [])
        if token.pos_ == "VERB":
            source, target = verb_roles(token, triggers, lexicon)
            sources = [source] if source is not None else []
            anchor = token
        else:
            sources, target = noun_roles(token, triggers, lexicon)
            anchor = light_verb(token, lexicon) or token
        if target is None:
            for inner in nested:
                inner_target = (
                    verb_roles(inner, triggers, lexicon)[1]
                    if inner.pos_ == "VERB"
                    else noun_roles(inner, triggers, lexicon)[1]
                )
                if inner_target is not None:
                    target = inner_target
                    break
        trigger_tokens = [token] + [
            c
            for c in token.children
            if c.dep_ in ("prt", "prep") and _lemma(c) in pattern.dependents
        ]
        trigger_text = " ".join(t.text for t in sorted(trigger_tokens, key=lambda t: t.i))
        context = event_context(token, lexicon)
        event_type, context = recode_declared(
            pattern.event_type, context, declared_intent(clause_verb(anchor), context, lexicon)
        )
        findings.append(
            EventFinding(
                type=event_type,
                mode=lexicon.mode(pattern.event_type, _mode_words(token, nested)),
                context=context,
                trigger=trigger_text,
                trigger_start=offset + token.idx,
                trigger_end=offset + token.idx + len(token.text),
                sentence_start=sentence_start,
                sentence_end=sentence_end,
                source=[s for source in sources for s in actor_spans(source, offset, lexicon)],
                target=actor_spans(target, offset, lexicon) if target is not None else [],
                depth=depth(anchor),
            )
        )
    return findings


class EventExtractor:
    name = "events"

    def __init__(self, lexicon: Lexicon | None = None):
        self.lexicon = lexicon or load_lexicon()

    def __call__(self, doc: ArticleDoc) -> list[BaseModel]:
        if not doc.parsed:
            return []  # no parse, no roles: an event without actors would only mislead
        findings: list[BaseModel] = []
        for offset, paragraph in doc.paragraphs:
            # A pipeline without a parser (blank:en in fast runs) leaves heads unset: reading
            # the tree of such a Doc is undefined, so skip it.
            if not paragraph.has_annotation("DEP"):
                continue
            for sent in paragraph.sents:
                findings.extend(sentence_events(sent, offset, self.lexicon))
        return findings


@extractor("events")
def make_event_extractor() -> EventExtractor:
    return EventExtractor()
