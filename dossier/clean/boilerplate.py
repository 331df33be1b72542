"""Line rules: is this paragraph page furniture rather than article text?

Each rule looks at one paragraph (a line of the input, hard-wrapped lines joined) and returns
a `Verdict` with the reason for removing it and any metadata it carries (a date in a share
counter, a byline, an outlet). Rules are deliberately specific: a false removal loses a
sentence of the article, which is worse than leaving a stray menu item in.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from dossier.clean.dates import parse_date
from dossier.clean.language import dominant_script, script_counts


@dataclass
class Verdict:
    reason: str
    meta: dict[str, object] = field(default_factory=dict)


@dataclass
class LineContext:
    in_header: bool  # no body paragraph seen yet
    script: str | None  # dominant script of the whole article
    title: str | None


_I = re.IGNORECASE

_BULLET = r"[•·▪●◦‣∙|]"
_SHARE_COUNTER = re.compile(
    rf"^{_BULLET}?\s*(?:(?P<date>\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}})|\d{{1,2}}:\d{{2}}(?:\s*[AP]M)?"
    rf"|[\d.,]+\s*[KkMm]?)\s*$"
)
_SOCIAL = re.compile(
    r"^(?:share|shares|tweet|email|e-mail|print|pin it|whatsapp|facebook|twitter|linkedin|reddit"
    r"|comments?|likes?|views?)(?:\s+(?:this|on|via)(?:\s+\w+){0,3})?\s*[:(]?\s*[\d.,]*[KkMm]?\)?$",
    _I,
)
_COMMENT_FORM = re.compile(
    r"^(?:leave a (?:reply|comment)|add a comment|post (?:a )?comment|submit comment"
    r"|cancel reply|comments are closed|be the first to comment|\d+\s+comments?$"
    r"|(?:name|email|e-mail|website|comment)\s*\*?\s*:?$)"
    r"|your email address will not be published|required fields are marked"
    r"|^you may use these html tags|^notify me of (?:follow-up|new)|^save my name,? email",
    _I,
)
# "4 × 2 =", "_ + 6 = 10", "9 - 3 = ?"
_CAPTCHA = re.compile(r"^(?=.*\d)[\d_?\s]*[×x*+−-][\d_?\s]*=[\d_?\s]*$")
_NAVIGATION = re.compile(
    r"^(?:related (?:items|articles|posts|stories|news|content|topics|coverage|links)"
    r"|read more|read next|more from|more on this|recommended(?: for you)?|you may also like"
    r"|you might also like|most (?:read|popular|viewed|shared)|trending(?: now| news| stories)?"
    r"|tags?|topics|filed under|see also|advertisement|sponsored(?: content)?|skip to(?: main)? content"
    r"|sign up\b|subscribe\b|follow us\b|click here\b|share this(?: article| story)?|back to top"
    r"|next article|previous article|continue reading|story highlights|watch video|show comments"
    r"|media playback is unsupported on your device)\b",
    _I,
)
_COPYRIGHT = re.compile(
    r"^(?:copyright\b|©|\(c\)\s*\d{4})|all rights reserved|"
    r"may not be published, broadcast, rewritten,? or redistributed",
    _I,
)
_CAPTION_LEAD = re.compile(
    r"^(?:photo|image|picture|caption|file photo|photograph|video)(?: credit| copyright| caption)?\s*:"
    r"|^image (?:copyright|caption)\b|^(?:photo|image) (?:by|courtesy of)\b",
    _I,
)
_CAPTION_TAIL = re.compile(
    r"(?:[.)|–—]\s*|\(\s*)(?:file photo|(?:photo|picture|image)(?: credit)?:?\s*[^.]{0,60}"
    r"|(?:afp|ap|reuters|getty images|epa|xinhua|anadolu agency|sana)(?:\s*photo)?"
    r"(?:\s*/\s*[\w .'’-]{1,40})?)\s*\)?\.?$",
    _I,
)
_BYLINE = re.compile(
    r"^(?:by|written by|reporting by|reported by|story by|words by)\s*:?\s+(?P<who>[^|;]{2,120}?)"
    r"\s*(?:[|;]\s*(?P<rest>.*))?$",
    _I,
)
_CREDITS = re.compile(
    r"^\(?(?:additional reporting|editing|edited|compiled|writing|translated|translation)"
    r"(?: by)?\s*:?\s+[A-Z]",
    _I,
)
_SOURCE = re.compile(r"^source\s*:\s*(?P<src>.{2,80})$", _I)
_DATE_PREFIX = re.compile(
    r"^(?:(?:published|updated|posted|last updated|first published|date)(?:\s+(?:on|at))?\s*:?\s*)",
    _I,
)
_NAME_WORD = re.compile(
    r"^(?:[A-Z][\w.'’-]*|&|and|de|da|di|del|van|von|der|al|el|bin|ibn|la|le|the)$"
)
_OUTLET_WORD = re.compile(
    r"\b(?:news|times|post|press|agency|agencies|herald|journal|tribune|guardian|reuters|afp"
    r"|telegraph|gazette|daily|observer|monitor|radio|tv|television|network|online|wire"
    r"|chronicle|independent|al jazeera|bbc|cnn|magazine|media|today|express|mail|star)\b",
    _I,
)
_TERMINAL = re.compile(r"[.!?:;\"”’')\]]$")
_LETTER = re.compile(r"[^\W\d_]")

MAX_FURNITURE_WORDS = 15


def _words(text: str) -> list[str]:
    return text.split()


def looks_like_name_list(text: str) -> bool:
    words = [w.strip(",") for w in _words(text) if w.strip(",")]
    return 0 < len(words) <= 10 and all(_NAME_WORD.match(w) for w in words)


def _no_letters(para: str, ctx: LineContext) -> Verdict | None:
    if not _LETTER.search(para):
        if _CAPTCHA.match(para):
            return Verdict("captcha")
        match = _SHARE_COUNTER.match(para)
        if match:
            meta = {}
            if match["date"]:
                date = parse_date(match["date"])
                if date:
                    meta["published"] = date
            return Verdict("share counter", meta)
        return Verdict("no text (symbols or numbers only)")
    return None


def _foreign_script(para: str, ctx: LineContext) -> Verdict | None:
    if ctx.script is None or len(_words(para)) > 12:
        return None
    script = dominant_script(para)
    if script and script != ctx.script:
        return Verdict(f"site text in another script ({script})")
    return None


def _pattern(regex: re.Pattern[str], reason: str, max_words: int | None = MAX_FURNITURE_WORDS):
    def rule(para: str, ctx: LineContext) -> Verdict | None:
        if max_words is not None and len(_words(para)) > max_words:
            return None
        return Verdict(reason) if regex.search(para) else None

    return rule


def _caption(para: str, ctx: LineContext) -> Verdict | None:
    if len(_words(para)) > 45:
        return None
    if _CAPTION_LEAD.search(para) or (_CAPTION_TAIL.search(para) and not para.endswith(('"', "”"))):
        return Verdict("photo caption")
    return None


def _byline(para: str, ctx: LineContext) -> Verdict | None:
    match = _BYLINE.match(para)
    if not match:
        return None
    who = match["who"].strip().rstrip(".,")
    if not looks_like_name_list(who):
        return None
    meta: dict[str, object] = {"byline": who}
    rest = (match["rest"] or "").strip()
    source = _SOURCE.match(rest)
    if source:
        meta["source"] = source["src"].strip()
    return Verdict("byline", meta)


def _source(para: str, ctx: LineContext) -> Verdict | None:
    match = _SOURCE.match(para)
    if match and len(_words(match["src"])) <= 10:
        return Verdict("source line", {"source": match["src"].strip().rstrip(".")})
    return None


def _date_line(para: str, ctx: LineContext) -> Verdict | None:
    if len(_words(para)) > 10:
        return None
    prefix = _DATE_PREFIX.match(para)
    rest = para[prefix.end() :] if prefix else para
    date = parse_date(rest)
    if date is None:
        return None
    return Verdict("date line", {"published": date})


def _outlet(para: str, ctx: LineContext) -> Verdict | None:
    words = _words(para)
    if not ctx.in_header or ctx.title is None or not 1 <= len(words) <= 5:
        return None
    if _TERMINAL.search(para) or not looks_like_name_list(para) or not _OUTLET_WORD.search(para):
        return None
    return Verdict("outlet name", {"source": para})


# Order matters: the first rule that fires decides.
RULES: list[Callable[[str, LineContext], Verdict | None]] = [
    _no_letters,
    _pattern(_CAPTCHA, "captcha"),
    _foreign_script,
    _pattern(_COMMENT_FORM, "comment form", max_words=40),
    _pattern(_SOCIAL, "share buttons"),
    _pattern(_NAVIGATION, "site navigation"),
    _pattern(_COPYRIGHT, "copyright notice", max_words=40),
    _byline,
    _pattern(_CREDITS, "editing credits", max_words=25),
    _source,
    _date_line,
    _caption,
    _outlet,
]


def classify(para: str, ctx: LineContext) -> Verdict | None:
    """The verdict of the first rule that fires, or None if the paragraph is article text."""
    for rule in RULES:
        verdict = rule(para, ctx)
        if verdict is not None:
            return verdict
    return None


def letter_count(text: str) -> int:
    return sum(script_counts(text).values())
