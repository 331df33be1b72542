"""Find who said what in one article: direct, indirect and mixed quotes with their speakers.

Design: quotation marks are paired by a bounded scan per paragraph (an unmatched opening mark
is dropped, never allowed to swallow the text after it), and speech acts are read off the
dependency parse: a speech/cognition verb with a nominal subject (the speaker) and a clausal
complement or an adjoining quotation (the content), plus "according to X" phrases. A quotation
with no cue in its own sentence borrows the cue of the next sentence ("We will not accept
this." he said) or, when short and cue-less, is kept only as a scare quote (dropped).
A pronoun speaker records the nearest earlier PERSON/ORG mention as its antecedent.
"""

from __future__ import annotations

import re

from pydantic import BaseModel
from spacy.tokens import Doc, Span, Token

from dossier.analysis import ArticleDoc, extractor

# Opening mark -> closing marks allowed for it.
QUOTE_PAIRS: dict[str, str] = {
    "\u201c": '\u201d\u201c"',
    '"': '"\u201d',
    "\u2018": "\u2019",
    "\u00ab": "\u00bb",
    "\u201e": "\u201c\u201d",
}
# A quotation longer than this is taken to be an unbalanced mark, not a quote.
MAX_QUOTE_CHARS = 1200
# How far (in characters) a quotation may be from its cue and speaker.
NEAR_CHARS = 12
# Quoted phrases this short with no cue are scare quotes ("terrorists").
SCARE_QUOTE_TOKENS = 4


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


SPEECH_LEMMAS = _words(
    """say tell state add claim argue note explain write report announce insist warn accuse
    deny suggest believe think know want hope ask urge demand acknowledge admit predict agree
    declare contend maintain reply respond confirm estimate find show tweet post complain
    criticize criticise promise vow pledge threaten fear worry expect suspect assert allege
    recall describe reveal indicate emphasize emphasise stress testify call charge blame
    condemn reject dismiss question wonder feel recommend propose concede boast joke quip
    caution counter observe remark mention point comment brief inform assure praise decry
    lament acknowledge signal predict plan intend vote view seize blast pound
    implore continue learn accept cite reference label brand slam tout hail defend
    acknowledge hint highlight question swear promote dispute admire propound discuss
    address echo repeat endorse cite decline refuse speak talk detail document apologize
    liken rate doubt realize invoke chronicle identify"""
)
# Verbs that report only next to a quotation: '"...," he continued' (not "continued to stay").
QUOTE_ONLY_LEMMAS = _words("continue")
# Verbs that only count as speech with a clausal complement or quotation (not "find a key").
WEAK_LEMMAS = _words(
    "find show know want hope feel plan intend vote call point expect view continue identify"
)
# "In the latest poll, Clinton led": the poll is the source.
POLLS = _words("poll survey")
# Verbs that state a view through an "as" phrase: "identified X as one of the reasons".
AS_VIEWS = _words("identify view describe cite see regard portray characterize")
# Subjects that report what they show or find: "a USA TODAY analysis shows ...".
EVIDENCE_NOUNS = _words(
    """poll polls survey surveys study studies analysis average data report reports video
    footage figures numbers records documents research results review audit investigation
    tally census"""
)
# Adjectives that report a stance when they take a clause: "Democrats are afraid that ...",
# "she is frustrated that ...", "he was sure Trump would win".
ATTITUDE_ADJECTIVES = _words(
    """afraid frustrated sure convinced confident concerned worried angry skeptical sceptical
    optimistic pessimistic hopeful aware certain adamant unhappy happy glad proud upset
    disappointed furious critical doubtful"""
)
# Nouns that carry an attribution through their possessor: "Trump's claim that ...".
ATTRIBUTION_NOUNS = _words(
    """claim claims comment comments statement statements remark remarks view views assertion
    promise pledge plea argument suggestion insistence belief words accusation accusations
    warning warnings tweet tweets criticism opinion emphasis disdain call calls demand demands
    denial announcement proposal plan plans position testimony allegation allegations
    admission insistence prediction message speech response reply answer rhetoric"""
)
# "released a letter", "issued a statement", "made the criticism": a verb of delivering with
# a message as its object is a speech act.
DELIVERY_LEMMAS = _words("issue release send publish air run make deliver post give launch")
MESSAGE_NOUNS = ATTRIBUTION_NOUNS | _words(
    """letter report paper ad video feature article editorial column op-ed reference case
    point criticism attack attacks argument note memo interview address pitch endorsement"""
)
PERSONAL_PRONOUNS = _words("he she i")
PRONOUNS = _words("he she they it we i")
RELATIVE_PRONOUNS = _words("who that which")
Antecedents = dict[str, tuple[int, int, str]]
# A passive subject is what was said or who was told ("the candidate was told to leave").
SUBJECT_DEPS = frozenset({"nsubj"})
# Verbs that take a clause without reporting anyone's words or thoughts.
NON_SPEECH_LEMMAS = _words(
    "be make allow cause help let have get mean seem appear become do go see watch"
)
DUMMY_SUBJECTS = _words("it that this there what which")
# ... unless the verb can only report: "It says the campaign violated the law" (the letter).
REFERRING_SUBJECTS = _words("it this")
# "accused Y of ...", "called for ...", "warned about ..."
PREPOSITION_CONTENT = _words("of for on about")


class QuoteFinding(BaseModel):
    """One attribution in an article; offsets into the article's clean text."""

    start: int
    end: int
    text: str
    direct: bool
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker_text: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    speaker_antecedent_start: int | None = None
    speaker_antecedent_end: int | None = None
    speaker_antecedent_text: str | None = None


def quotation_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each balanced quotation in `text`, marks included. An opening mark
    whose closing mark does not follow within MAX_QUOTE_CHARS (or before a blank line) is
    skipped, so one stray mark cannot turn the rest of the text into a quote."""
    spans: list[tuple[int, int]] = []
    position = 0
    while position < len(text):
        char = text[position]
        if text.startswith("''", position):
            # Typewriter doubled apostrophes as quotation marks (''Hopefully,'' he said)
            close = text.find("''", position + 2, position + MAX_QUOTE_CHARS)
            if close > position + 2 and "\n\n" not in text[position:close]:
                spans.append((position, close + 2))
                position = close + 2
            else:
                position += 2
            continue
        closers = QUOTE_PAIRS.get(char)
        if closers is None or (char == "\u2018" and _is_apostrophe(text, position)):
            position += 1
            continue
        end = _closing(text, position, closers)
        if end is None:
            position += 1
            continue
        spans.append((position, end))
        position = end
    return spans


def _is_apostrophe(text: str, index: int) -> bool:
    return index > 0 and text[index - 1].isalnum()


def _closing(text: str, start: int, closers: str) -> int | None:
    limit = min(len(text), start + MAX_QUOTE_CHARS)
    for index in range(start + 1, limit):
        char = text[index]
        if text.startswith("\n\n", index):
            return None
        if char in closers:
            if char == "\u2019" and index + 1 < len(text) and text[index + 1].isalpha():
                continue  # an apostrophe inside the quote: don't
            if char == '"' and index == start + 1:
                return None
            return index + 1
    return None


def _span_chars(tokens: list[Token]) -> tuple[int, int]:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)


def _trim(tokens: list[Token]) -> list[Token]:
    """Drop punctuation, spaces and conjunctions at both edges of a token run."""
    edge = {"PUNCT", "SPACE", "CCONJ"}
    while tokens and (tokens[0].pos_ in edge or tokens[0].is_space):
        tokens = tokens[1:]
    while tokens and (tokens[-1].pos_ in edge or tokens[-1].is_space):
        tokens = tokens[:-1]
    return tokens


def _speaker_tokens(subject: Token) -> list[Token]:
    """The subject's phrase without relative clauses or appositive tails after a comma."""
    tokens = []
    for token in subject.subtree:
        if token.dep_ in ("relcl", "acl") and token.head.i >= subject.i:
            break
        if token.text == "," and token.i > subject.i:
            break
        tokens.append(token)
    return _trim(tokens)


def _is_speech_verb(token: Token) -> bool:
    """A speech or cognition verb, or any verb that takes a clause: "X insisted that ..."."""
    if token.pos_ == "ADJ":
        return (
            token.dep_ == "acomp"
            and token.lower_ in ATTITUDE_ADJECTIVES
            and any(
                c.dep_ == "ccomp" or (c.dep_ == "prep" and c.lower_ in ("about", "of"))
                for c in token.children
            )
        )
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if _passive_attitude(token):
        return True
    if token.lemma_.lower() in ("see", "regard") and any(
        c.dep_ == "prep" and c.lower_ == "as" for c in token.children
    ):
        return True  # "saw the comment as a dig"
    if token.lemma_.lower() in SPEECH_LEMMAS:
        return True
    if token.lemma_.lower() in DELIVERY_LEMMAS and any(
        child.dep_ == "dobj" and child.lower_ in MESSAGE_NOUNS for child in token.children
    ):
        return True
    if token.lemma_.lower() in NON_SPEECH_LEMMAS:
        return False
    return any(child.dep_ == "ccomp" and child.i > token.i for child in token.children)


def _names_something(child: Token) -> bool:
    """ "called the charges unsubstantiated", "called Oz a quack": an object followed by what
    it is called (not "called a meeting of the council")."""
    if child.dep_ != "dobj":
        return False
    after = [c for c in child.children if c.i > child.i]
    return any(c.dep_ in ("acl", "amod") and c.tag_ in ("JJ", "VBN") for c in after) or any(
        c.dep_ in ("npadvmod", "attr", "appos", "dobj") and c.i > child.i
        for c in child.head.children
        if c is not child
    ) or any(c.dep_ == "appos" for c in after)


def _passive_attitude(token: Token) -> bool:
    """ "Protesters were frustrated that ...", "officials are convinced that ..."."""
    return (
        token.tag_ == "VBN"
        and token.lower_ in ATTITUDE_ADJECTIVES
        and any(c.dep_ == "auxpass" for c in token.children)
        and any(c.dep_ == "ccomp" for c in token.children)
    )


def _strong(verb: Token) -> bool:
    """A verb that reports words whatever follows it ("say", "argue"; not "show", "find")."""
    lemma = verb.lemma_.lower()
    return lemma in SPEECH_LEMMAS and lemma not in WEAK_LEMMAS


def _subject(verb: Token, quotes: list[tuple[int, int]] = ()) -> Token | None:
    deps = SUBJECT_DEPS | {"nsubjpass"} if _passive_attitude(verb) else SUBJECT_DEPS
    subjects = [child for child in verb.children if child.dep_ in deps]
    # “... Full panic mode,” said Leslie Wimes: the parser may take the quote's last words
    # for a subject too; the speaker is the one outside the quotation.
    outside = [child for child in subjects if not _within_quotes(child, quotes)]
    if subjects:
        return (outside or subjects)[0]
    if verb.dep_ == "conj" or (verb.pos_ == "ADJ" and verb.dep_ == "acomp"):
        return _subject(verb.head, quotes)
    # "pitched himself by telling them that ...", "went on to say that ..."
    if verb.dep_ in ("xcomp", "pcomp", "advcl") and verb.tag_ in ("VBG", "VB"):
        head = verb.head
        # "began by saying that ...": through the preposition to the verb it hangs on
        if verb.dep_ == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
            head = head.head
        return _subject(head, quotes)
    return None


def _parenthetical_content(cue: Token) -> list[Token] | None:
    """ "Acts of protest, Mr. Obama said, are acts of patriotism": a cue set off inside the
    clause it reports (parsed as parataxis) reports the rest of that clause."""
    if cue.head.i == cue.i:
        # "Language unclear on whether single mothers are covered, experts say."
        if not _strong(cue):
            return None
        left = [
            c for c in cue.children
            if c.i < cue.i and c.dep_ in ("dep", "ccomp", "npadvmod", "advcl")
        ]  # fmt: skip
        tokens = _trim([t for c in left for t in c.subtree])
        after = cue.doc[tokens[-1].i + 1] if tokens and tokens[-1].i + 1 < cue.i else None
        # a clause, not "When asked, he said"
        return tokens if after is not None and after.text == "," and len(tokens) > 3 else None
    if cue.head.pos_ in ("PUNCT", "SPACE"):
        return None
    # ... and so does a reporting verb left without words of its own inside a relative or
    # adverbial clause: "donations, which he said were accompanied by favors", "what the
    # senators said was economic gerrymandering", "as Eric Garner said before he died".
    if cue.dep_ != "parataxis" and not (cue.dep_ in ("relcl", "advcl") and _strong(cue)):
        return None
    aside = {t.i for t in cue.subtree}
    return _trim([t for t in cue.head.subtree if t.i not in aside]) or None


def _clausal_content(verb: Token) -> list[Token] | None:
    predicate = [c for c in verb.children if c.dep_ == "oprd"]
    if predicate:
        # "called the charges unsubstantiated": the object and what it is called
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        tokens = [t for c in (*objects, *predicate) for t in c.subtree if t.i > verb.i]
        return _trim(sorted(tokens, key=lambda t: t.i))
    for child in verb.children:
        if child.dep_ == "ccomp" or (child.dep_ == "xcomp" and child.i > verb.i):
            return _trim(list(child.subtree))
    for child in verb.children:
        if child.dep_ == "prep" and child.i > verb.i and (
            child.lower_ in PREPOSITION_CONTENT
            or (verb.lemma_ == "point" and child.lower_ == "to")
            or (verb.lemma_ == "charge" and child.lower_ == "with")
        ):
            if any(o.ent_type_ in ("DATE", "TIME") for o in child.children if o.dep_ == "pobj"):
                continue  # "said on Monday": when, not what
            # "accused Turkey of sending fighters", "charged him with possession": the accused
            # and the charge together
            objects = [c for c in verb.children if c.dep_ == "dobj" and verb.i < c.i < child.i]
            first = objects[0].left_edge.i if objects else child.i
            return _trim(list(verb.doc[first : child.right_edge.i + 1]))
    for child in verb.children:
        if (
            child.dep_ == "dobj"
            and child.i > verb.i
            and (
                verb.lemma_ not in WEAK_LEMMAS
                or verb.lemma_ == "call"
                or _weak_but_reporting(verb)
            )
        ):
            if verb.lemma_ in WEAK_LEMMAS and _weak_but_reporting(verb):
                # what a poll shows is the rest of its clause: "Clinton ahead by 3.7 points"
                return _trim(
                    sorted(
                        (t for c in verb.children if c.i > verb.i and c.dep_ not in ("conj", "cc")
                         for t in c.subtree),
                        key=lambda t: t.i,
                    )
                )  # fmt: skip
            tokens = list(child.subtree)
            for as_phrase in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"):
                tokens.extend(as_phrase.subtree)
            return _trim(sorted(tokens, key=lambda t: t.i))
    return None


def _weak_but_reporting(verb: Token) -> bool:
    """ "saw the comment as a dig" (a view, by its "as" phrase); "a poll shows Clinton
    ahead", "the analysis found ..." (a finding, by its subject)."""
    if any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children):
        return True
    # the parser often hangs the "as" phrase inside the object: "identified voters'
    # exhaustion with bigotry as one of the reasons"
    if verb.lemma_.lower() in AS_VIEWS and any(
        t.lower_ == "as" and t.dep_ == "prep" for c in verb.children if c.dep_ == "dobj"
        for t in c.subtree
    ):
        return True
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return bool(subjects) and subjects[0].lemma_.lower() in EVIDENCE_NOUNS


class QuoteExtractor:
    name = "quotes"

    def __call__(self, doc: ArticleDoc) -> list[QuoteFinding]:
        if not doc.parsed:
            return []
        findings: list[QuoteFinding] = []
        last_named: Antecedents = {}
        for offset, para in doc.paragraphs:
            quotes = quotation_spans(para.text)
            findings.extend(_transcript_and_signature(para, quotes, offset))
            sentences = list(para.sents)
            pending: list[tuple[int, int]] = []  # cue-less quotes waiting for the next sentence
            for sent in sentences:
                in_sentence = [q for q in quotes if q[0] < sent.end_char and q[1] > sent.start_char]
                new = self._sentence(sent, in_sentence, pending, offset, last_named)
                findings.extend(new)
                covered = {q for q in in_sentence if any(_inside(q, f, offset) for f in new)}
                pending = [q for q in in_sentence if q not in covered and not self._scare(para, q)]
                last_named = _remember(sent, offset, last_named)
        text = doc.article.text
        starts = [start for start, _ in doc.paragraphs]
        for finding in findings:
            if finding.start == finding.end:
                # "He said:" closing a paragraph: the words are the next paragraph
                following = [start for start in starts if start > finding.start]
                if following:
                    line_end = text.find("\n", following[0])
                    finding.start = following[0]
                    finding.end = len(text) if line_end < 0 else line_end
        for finding in findings:
            finding.text = text[finding.start : finding.end]
        return _dedupe(findings)

    @staticmethod
    def _scare(para, quote: tuple[int, int]) -> bool:
        span = para.char_span(quote[0], quote[1], alignment_mode="expand")
        return span is None or len([t for t in span if not t.is_punct]) < SCARE_QUOTE_TOKENS

    def _sentence(
        self,
        sent: Span,
        quotes: list[tuple[int, int]],
        pending: list[tuple[int, int]],
        offset: int,
        last_named: Antecedents,
    ) -> list[QuoteFinding]:
        found: list[QuoteFinding] = []
        used_cues: set[int] = set()
        for token in sent:
            if not _is_speech_verb(token) or _within_quotes(token, quotes):
                continue
            subject = _subject(token, quotes)
            if subject is None or _within_quotes(subject, quotes):
                continue
            speaker = _speaker_tokens(subject)
            if not speaker or not any(
                t.pos_ in ("NOUN", "PROPN", "PRON", "NUM") and t.lower_ not in ("'s", "\u2019s")
                for t in speaker
            ):
                continue  # "Let's say you think ...": no one is speaking
            if (
                len(speaker) == 1
                and speaker[0].lower_ in DUMMY_SUBJECTS
                and not (speaker[0].lower_ in RELATIVE_PRONOUNS and token.dep_ == "relcl")
                and not (speaker[0].lower_ in REFERRING_SUBJECTS and _strong(token))
            ):
                continue
            outside = [q for q in quotes if not self._scare_in(sent, q)]
            content = _direct_content(token, speaker, outside) if outside else None
            direct = content is not None
            if content is None and pending and token.i - sent.start < 4:
                # “How many times ...?” Clinton said.
                content, direct = pending[-1], True
            if content is None:
                content = _after_colon(token)
                direct = content is not None
            if content is None:
                clausal = _clausal_content(token) or _parenthetical_content(token)
                if not clausal or token.lemma_ in QUOTE_ONLY_LEMMAS:
                    continue
                if token.lemma_ in WEAK_LEMMAS and not _weak_but_reporting(token) and not any(
                    c.dep_ in ("ccomp", "xcomp", "oprd")
                    # "called for", "called on X to" (not "called a meeting on Friday")
                    or (token.lemma_ == "call" and c.lower_ in ("for", "on") and c.i == token.i + 1)
                    or (token.lemma_ == "point" and c.lower_ == "to")
                    or (token.lemma_ == "call" and _names_something(c))
                    for c in token.children
                ):
                    continue
                content = _span_chars(clausal)
                direct = any(q[0] < content[1] and q[1] > content[0] for q in quotes)
            used_cues.add(token.i)
            content = _cover(content, quotes)
            found.append(self._finding(token, speaker, content, direct, offset, last_named, sent))
        found.extend(self._according_to(sent, offset, quotes, last_named))
        found.extend(self._nominal(sent, offset, quotes, last_named, used_cues))
        return found

    def _nominal(
        self,
        sent: Span,
        offset: int,
        quotes: list[tuple[int, int]],
        last_named: Antecedents,
        used_cues: set[int],
    ) -> list[QuoteFinding]:
        """ "Trump's claim that ...", "was written by Springsteen": a possessor of an
        attribution noun, or the agent of a passive speech verb, is the source."""
        found = []
        for token in sent:
            if _within_quotes(token, quotes):
                continue
            speaker: list[Token] = []
            content: list[Token] = []
            if token.lower_ in ATTRIBUTION_NOUNS and token.pos_ == "NOUN":
                possessors = [c for c in token.children if c.dep_ == "poss"]
                if not possessors:
                    continue
                speaker = _trim([t for t in possessors[0].subtree if t.tag_ != "POS"])
                content = _trim(
                    [
                        t
                        for c in token.children
                        if c.i > token.i and c.dep_ in ("acl", "ccomp", "prep", "relcl")
                        for t in c.subtree
                    ]
                )
            elif _is_speech_verb(token) and token.i not in used_cues:
                agents = [c for c in token.children if c.dep_ == "agent"]
                objects = [p for a in agents for p in a.children if p.dep_ == "pobj"]
                if not objects:
                    continue
                speaker = _speaker_tokens(objects[0])
                subjects = [c for c in token.children if c.dep_ == "nsubjpass"]
                content = _trim(list(subjects[0].subtree)) if subjects else []
            if not speaker or not content:
                continue
            span = _cover(_span_chars(content), quotes)
            direct = any(q[0] < span[1] and q[1] > span[0] for q in quotes)
            found.append(self._finding(token, speaker, span, direct, offset, last_named, sent))
        return found

    @staticmethod
    def _scare_in(sent: Span, quote: tuple[int, int]) -> bool:
        span = sent.doc.char_span(quote[0], quote[1], alignment_mode="expand")
        return span is None or len([t for t in span if not t.is_punct]) < SCARE_QUOTE_TOKENS

    def _according_to(
        self,
        sent: Span,
        offset: int,
        quotes: list[tuple[int, int]],
        last_named: Antecedents,
    ) -> list[QuoteFinding]:
        found = []
        for token in sent[:-1]:
            following = token.nbor()
            if token.lower_ == "according" and following.lower_ == "to":
                objects = [c for c in following.children if c.dep_ == "pobj"]
                cue = [token, following]
            elif _poll_phrase(token):
                # "In the latest Washington Post/ABC News poll, Clinton led Trump by 5 points"
                objects = [c for c in token.children if c.lemma_.lower() in POLLS]
                cue = [token]
            else:
                continue
            if not objects:
                continue
            speaker = _trim([t for t in objects[0].subtree])
            phrase = [*cue, *speaker]
            phrase_start, phrase_end = _span_chars(phrase)
            rest = [t for t in sent if not (phrase_start <= t.idx < phrase_end)]
            after = _trim([t for t in rest if t.i > speaker[-1].i])
            before = _trim([t for t in rest if t.i < token.i])
            rest = after if len(after) > len(before) else before
            rest = _trim(rest)
            if not rest or not speaker:
                continue
            content = _cover(_span_chars(rest), quotes)
            direct = any(q[0] < content[1] and q[1] > content[0] for q in quotes)
            found.append(
                self._finding(
                    token,
                    speaker,
                    content,
                    direct,
                    offset,
                    last_named,
                    sent,
                    cue_tokens=cue,
                )
            )
        return found

    @staticmethod
    def _finding(
        cue: Token,
        speaker: list[Token],
        content: tuple[int, int],
        direct: bool,
        offset: int,
        last_named: Antecedents,
        sent: Span,
        cue_tokens: list[Token] | None = None,
    ) -> QuoteFinding:
        cue_run = cue_tokens or [cue, *[c for c in cue.children if c.dep_ == "prt"]]
        cue_start, cue_end = _span_chars(sorted(cue_run, key=lambda t: t.i))
        speaker_start, speaker_end = _span_chars(speaker)
        finding = QuoteFinding(
            start=offset + content[0],
            end=offset + content[1],
            text="",
            direct=direct,
            cue=sent.doc.text[cue_start:cue_end],
            cue_start=offset + cue_start,
            cue_end=offset + cue_end,
            speaker_text=sent.doc.text[speaker_start:speaker_end],
            speaker_start=offset + speaker_start,
            speaker_end=offset + speaker_end,
        )
        antecedent = None
        pronoun = speaker[0].lower_ if len(speaker) == 1 else ""
        if pronoun in RELATIVE_PRONOUNS and cue.dep_ == "relcl":
            # "the Communiqué that called for ...": the noun the clause hangs on
            head = [t for t in cue.head.subtree if t.i < cue.i and t.i <= cue.head.i]
            head = _trim([t for t in head if t.i >= cue.head.left_edge.i])
            if head:
                start, end = _span_chars(head)
                antecedent = (offset + start, offset + end, sent.doc.text[start:end])
        elif pronoun in PRONOUNS:
            kinds = ("PERSON",) if pronoun in PERSONAL_PRONOUNS else ("ORG", "GPE", "NORP")
            earlier = [e for e in sent.ents if e.end <= speaker[0].i and e.label_ in kinds]
            if earlier:
                ent = earlier[0]
                antecedent = (offset + ent.start_char, offset + ent.end_char, ent.text)
            else:
                antecedent = last_named.get(kinds[0]) or last_named.get("ANY")
        if antecedent:
            (
                finding.speaker_antecedent_start,
                finding.speaker_antecedent_end,
                finding.speaker_antecedent_text,
            ) = antecedent
        return finding


def _poll_phrase(token: Token) -> bool:
    return (
        token.lower_ == "in"
        and token.dep_ == "prep"
        and token.head.pos_ in ("VERB", "AUX")
        and any(c.dep_ == "pobj" and c.lemma_.lower() in POLLS for c in token.children)
    )


def _remember(sent: Span, offset: int, last: Antecedents) -> Antecedents:
    """The first named person (and organisation) of the latest sentence that has one: the
    likeliest antecedent of a later "he said" (the sentence's subject usually comes first)."""
    remembered = dict(last)
    for kind in ("PERSON", "ORG"):
        named = [
            e
            for e in sent.ents
            if e.label_ == kind or (kind == "ORG" and e.label_ in ("GPE", "NORP"))
        ]
        if named:
            ent = named[0]
            remembered[kind] = (offset + ent.start_char, offset + ent.end_char, ent.text)
            remembered["ANY"] = remembered[kind]
    return remembered


TRANSCRIPT_SPEAKER = re.compile(r"^[\"\u201c]?([A-Z][A-Z.'\- ]{1,40}):\s+")
SIGNED_LINE = re.compile(
    r"^\s*([\u201c\u201d\"\u00ab][^\n]{8,}[\u201d\"\u00bb])\s*[\u2015\u2014\u2013-]+\s*[A-Z]"
)
SIGNATURE = re.compile(r"^\s*[\u2015\u2014\u2013-]+\s*([A-Z][^\n.!?]{1,60}?)[.\s\u00a0]*$")


def _transcript_and_signature(
    para: Doc, quotes: list[tuple[int, int]], offset: int
) -> list[QuoteFinding]:
    """ "PENCE: Well, ..." (a transcript turn) and "“...” ― Karen Bobadilla" (a signed
    quotation closing a line), line by line: scraped paragraphs often keep single breaks."""
    text = para.text
    found = []
    for line in re.finditer(r"[^\n]+", text):
        line_start, line_end = line.span()
        turn = TRANSCRIPT_SPEAKER.match(line.group()) or _headline_speaker(para, line)
        if turn and LINK_ONLY.fullmatch(line.group()[turn.end() :].strip()):
            turn = None  # "Follow NBC: http://Twitter.com/NBC", a page's links
        if turn and line_start + turn.end() < line_end:
            name = turn.group(1).strip()
            speaker_start = line_start + turn.start(1)
            found.append(
                QuoteFinding(
                    start=offset + line_start + turn.end(),
                    end=offset + line_start + len(line.group().rstrip()),
                    text="",
                    direct=True,
                    cue=":",
                    cue_start=offset + line_start + turn.end(1),
                    cue_end=offset + line_start + turn.end(1) + 1,
                    speaker_text=name,
                    speaker_start=offset + speaker_start,
                    speaker_end=offset + speaker_start + len(name),
                )
            )
        closing = [q for q in quotes if line_start <= q[1] <= line_end]
        if closing:
            quote_start, quote_end = closing[-1]
        else:
            # A signed line whose marks don't pair (”Mr. Trump embodies ...” ― Name, the
            # opening typed as a closing mark): the line itself is the quotation.
            whole = SIGNED_LINE.match(line.group())
            if not whole:
                continue
            quote_start, quote_end = line_start + whole.start(1), line_start + whole.end(1)
        signed = SIGNATURE.match(text[quote_end:line_end])
        if signed:
            name_start, name_end = quote_end + signed.start(1), quote_end + signed.end(1)
            found.append(
                QuoteFinding(
                    start=offset + quote_start,
                    end=offset + quote_end,
                    text="",
                    direct=True,
                    speaker_text=text[name_start:name_end],
                    speaker_start=offset + name_start,
                    speaker_end=offset + name_end,
                )
            )
    return found


LINK_ONLY = re.compile(r"(?:https?://|www\.)\S+")
HEADLINE_SPEAKER = re.compile(r"^((?:[A-Z][\w.'\u2019-]*\s){0,3}[A-Z][\w.'\u2019-]*):\s+")
HEADLINE_CHARS = 160
# Headline sources that are not names: "Poll: Clinton and Trump in dead heat".
REPORTING_NOUNS = _words("Poll Survey Study Report Analysis Experts Officials Sources")


def _headline_speaker(para: Doc, line: re.Match) -> re.Match | None:
    """ "Pence: Gennifer Flowers Won't Be at Debate": a headline's speaker before a colon,
    kept only when it is a person or organisation the parser knows (or a poll, a study):
    "Syria: the war in numbers" is a topic, not a source."""
    if len(line.group()) > HEADLINE_CHARS:
        return None
    found = HEADLINE_SPEAKER.match(line.group())
    if not found:
        return None
    name = found.group(1)
    if name in REPORTING_NOUNS:
        return found
    start = line.start() + found.start(1)
    span = para.char_span(start, start + len(name))
    if span is None:
        return None
    covering = [
        ent.label_ for ent in para.ents
        if ent.start_char < span.end_char and ent.end_char > span.start_char
    ]  # fmt: skip
    if any(label in ("PERSON", "ORG") for label in covering):
        return found
    # Names the parser tags as proper nouns but not as entities ("Politifact:"), unless
    # they are places, dates or events ("Syria: ...", "Aleppo: ...").
    if all(t.pos_ == "PROPN" for t in span) and not any(
        label in ("GPE", "LOC", "FAC", "NORP", "DATE", "EVENT", "WORK_OF_ART") for label in covering
    ):
        from dossier.places.gazetteer import load_gazetteer

        # A headline's lone place name is untagged more often than not ("Aleppo: ...").
        if not load_gazetteer().lookup(name):
            return found
    return None


def _after_colon(cue: Token) -> tuple[int, int] | None:
    """ "McCrummen reports:" followed by the words on the same or the next line; an empty
    span at the paragraph's end stands for "the next paragraph" (filled in by the caller)."""
    doc = cue.doc
    following = [t for t in doc[cue.i + 1 : cue.i + 3] if not t.is_space]
    if not following or following[0].text != ":":
        return None
    colon_end = following[0].idx + 1
    text = doc.text
    rest = text[colon_end:]
    stripped = rest.lstrip()
    if not stripped:
        return colon_end, colon_end
    start = colon_end + len(rest) - len(stripped)
    line_end = text.find("\n", start)
    end = len(text) if line_end < 0 else line_end
    return start, len(text[:end].rstrip())


def _cover(content: tuple[int, int], quotes: list[tuple[int, int]]) -> tuple[int, int]:
    """Widen a content span over the quotations it cuts, so quote marks stay paired."""
    start, end = content
    for quote_start, quote_end in quotes:
        if quote_start < end and quote_end > start:
            start, end = min(start, quote_start), max(end, quote_end)
    return start, end


def _direct_content(
    cue: Token, speaker: list[Token], quotes: list[tuple[int, int]]
) -> tuple[int, int] | None:
    """The quoted words a cue introduces: the quote(s) its clause contains (a mixed quote:
    'said Russia was "not ready"' keeps the whole clause), a quote split around the cue and
    its speaker, or the nearest quote before or after it."""
    clausal = _clausal_content(cue)
    if clausal:
        start, end = _span_chars(clausal)
        inside = [q for q in quotes if q[0] < end and q[1] > start]
        if inside and start > cue.idx:
            return min(start, inside[0][0]), max(end, inside[-1][1])
    tokens = sorted([cue, *speaker], key=lambda t: t.i)
    cue_start, cue_end = _span_chars(tokens)
    before = [q for q in quotes if q[1] <= cue_start]
    after = [q for q in quotes if q[0] >= cue_end]
    near_before = before and cue_start - before[-1][1] <= NEAR_CHARS
    near_after = after and after[0][0] - cue_end <= NEAR_CHARS
    if near_before and near_after:
        return before[-1][0], after[0][1]
    if near_before:
        return before[-1]
    if near_after:
        return after[0]
    return None


def _within_quotes(token: Token, quotes: list[tuple[int, int]]) -> bool:
    return any(start < token.idx < end for start, end in quotes)


def _inside(quote: tuple[int, int], finding: QuoteFinding, offset: int) -> bool:
    return finding.start <= offset + quote[0] + 1 and finding.end >= offset + quote[1] - 1


def _dedupe(findings: list[QuoteFinding]) -> list[QuoteFinding]:
    """One finding per (speaker, content): a conjoined cue can repeat the same attribution."""
    seen: set[tuple[int, int, int | None]] = set()
    unique = []
    for finding in findings:
        key = (finding.start, finding.end, finding.speaker_start)
        if key in seen or finding.end <= finding.start:
            continue
        seen.add(key)
        unique.append(finding)
    return unique


@extractor("quotes")
def make_quote_extractor() -> QuoteExtractor:
    return QuoteExtractor()


__all__ = ["QuoteExtractor", "QuoteFinding", "make_quote_extractor", "quotation_spans"]
