"""From raw article text to a clean body, the furniture removed from it, and its metadata."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from dossier.clean.boilerplate import LineContext, classify
from dossier.clean.language import dominant_script, script_shares
from dossier.model import Removed

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_WRAP_END = re.compile(r"[.!?:;\"”’')\]]$")
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
_SENTENCE_START = re.compile(r"[\"“‘'(\[]*[A-Z0-9]")
_HYPHEN_END = re.compile(r"[^\W\d_]-$")
# "PARIS –", "BEIRUT (Reuters) -", "UNITED NATIONS —", "Damascus –" at the start of a paragraph.
# AP's "FILE - In this 2016 photo, ..." opens a caption, not a dateline.
_DATELINE_CAPS = re.compile(
    r"^(?!FILE\b)(?P<place>[A-Z][A-Z.'’-]+(?:[ /][A-Z][A-Z.'’-]+)*"
    r"(?:,\s*[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?)"
    r"\s*(?:\((?P<agency>[A-Za-z .]{2,30})\)\s*)?[–—-]{1,2}\s+(?=[\"“‘'A-Z0-9])"
)
_DATELINE_TITLE = re.compile(
    r"^(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}(?:,\s*[A-Z][a-z]+(?: [A-Z][a-z]+)?)?)"
    r"\s*(?:\((?P<agency>[A-Za-z .]{2,30})\)\s*)?\s[–—]\s+(?=[\"“‘'A-Z])"
)
# Multi-city datelines without a dash: "GENEVA/BEIRUT Syrian rebels fought back ..."
_DATELINE_SLASH = re.compile(r"^(?P<place>[A-Z]{3,}(?:/[A-Z]{3,})+)\s+(?=[A-Z])")
_AGENCY_LEAD = re.compile(r"^\((?P<agency>CNN|AP|AFP|Reuters|Xinhua|UPI|Bloomberg)\)\s*[–—-]*\s*")
# A reader's comment as blogs print it: its time, then "|" and the thread's buttons or the next
# comment ("February 2, 2011 at 6:17 pm | Report abuse | I believe ..."). Comments come
# after the article, so the first one ends the body.
_COMMENT_STAMP = re.compile(
    r"^(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*,\s*\d{4}|\d{1,2}\s+[A-Z][a-z]{2,8}\s+\d{4})\s*,?"
    r"\s+at\s+\d{1,2}:\d\d\s*(?:[aApP]\.?[mM]\.?)?\s*\|"
)
MAX_TITLE_WORDS = 30
# Plain text wrapped at a fixed column (e-mail, wire copy) runs its lines up to ~60-80 chars.
MIN_WRAP_WIDTH, MAX_WRAP_WIDTH = 40, 100
MIN_WRAPPED_LINES = 6
# "Title | Site", "Title - Site": the page title adds the site name to the headline. A
# colon is left out: "Aleppo Under Fire: Russia steps up strikes" is a headline with a
# subtitle, and "Aleppo Under Fire" a subheading of its own.
_TITLE_SUFFIX = re.compile(r"^\s+(?:[|·•]|::|[-–—]{1,2})\s+(?P<site>\S.{0,60})$")
MAX_SITE_WORDS = 6


@dataclass
class CleanText:
    text: str
    title: str | None
    removed: list[Removed] = field(default_factory=list)
    meta: dict[str, object] = field(default_factory=dict)


def normalise_line(line: str) -> str:
    line = _INVISIBLE.sub("", unicodedata.normalize("NFC", line))
    return _SPACES.sub(" ", line).strip()


def paragraphs(raw: str) -> list[str]:
    """Split on line breaks; join hard-wrapped lines back into one paragraph: a line that
    ends without closing punctuation before one that starts in lower case, or, in text
    wrapped at a fixed width, a line that had no room for the next line's first word."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    lines = [normalise_line(line) for line in raw.split("\n")]
    width = wrap_width(lines)
    # With blank lines between paragraphs, every line break inside a block is a wrap.
    inner = "\n".join(lines).strip("\n").split("\n")
    blocks = width is not None and sum(1 for line in inner if not line) >= 2
    out: list[str] = []
    previous = ""
    for line in lines:
        if not line:
            previous = ""
            continue
        if out and previous and _continues(previous, line, width, blocks):
            # A wrapper that breaks after a hyphen leaves "al-Qaida-" / "linked".
            glue = "" if _HYPHEN_END.search(previous) else " "
            out[-1] = f"{out[-1]}{glue}{line}"
        else:
            out.append(line)
        previous = line
    return out


def _continues(previous: str, line: str, width: int | None, blocks: bool) -> bool:
    if not _WRAP_END.search(previous) and line[:1].islower():
        return True
    if width is None or len(previous) + 1 + len(line.split(" ", 1)[0]) <= width:
        return False
    # Without blank lines between paragraphs, a full line may still end one; splitting a
    # paragraph between two sentences is harmless, gluing a caption or a credit to a body
    # paragraph is not.
    return blocks or not (_SENTENCE_END.search(previous) and _SENTENCE_START.match(line))


def wrap_width(lines: list[str]) -> int | None:
    """The column the text was hard-wrapped at, or None if its lines are not wrapped."""
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < MIN_WRAPPED_LINES:
        return None
    # The 90th percentile, not the maximum: an unbreakable URL may overrun the column.
    width = lengths[int(0.9 * (len(lengths) - 1))]
    if not MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH:
        return None
    # Wrapped text fills most of its lines, and they mostly stop mid-sentence; a list of
    # headlines or one-sentence paragraphs (as in HTML extractions) does not.
    full = [line for line in lines if len(line) >= 0.75 * width]
    open_ended = sum(1 for line in full if not _WRAP_END.search(line))
    if len(full) < 0.6 * len(lengths) or open_ended < 0.6 * len(full):
        return None
    return width


def _same(a: str, b: str) -> bool:
    return re.sub(r"\W+", " ", a).strip().casefold() == re.sub(r"\W+", " ", b).strip().casefold()


def _is_title(para: str, title: str) -> bool:
    """The paragraph repeats the title, or the headline part of a "Headline | Site" title."""
    if _same(para, title):
        return True
    if not para or not title.casefold().startswith(para.casefold()):
        return False
    suffix = _TITLE_SUFFIX.match(title[len(para) :])
    return suffix is not None and len(suffix["site"].split()) <= MAX_SITE_WORDS


def _looks_like_title(para: str) -> bool:
    words = para.split()
    if not 1 < len(words) <= MAX_TITLE_WORDS:
        return False
    # A headline rarely ends in a full stop; a body sentence nearly always does.
    return not para.endswith(".") or para.endswith("...")


def split_dateline(para: str, opening: bool) -> tuple[str | None, str | None, str]:
    """(dateline, agency, rest) for a paragraph that opens with a dateline. `opening`: no
    sentence of the body came before it, only headings (or nothing)."""
    for pattern in (_DATELINE_SLASH, _DATELINE_CAPS, _DATELINE_TITLE, _AGENCY_LEAD):
        match = pattern.match(para)
        # A dateline opens a sentence; "Mobb Deep – “Shook Ones” (Remix)" is a list item.
        if not match or not _SENTENCE_END.search(para, match.end()):
            continue
        groups = match.groupdict()
        # Further down an article, "STOCKS KEEP TANKING - Stocks fell ..." is a section
        # heading; a dateline there must name its agency, as in roundups of wire stories.
        if not opening and pattern is not _DATELINE_SLASH and not groups.get("agency"):
            continue
        return groups.get("place"), groups.get("agency"), para[match.end() :]
    return None, None, para


def clean_text(raw: str, title: str | None = None, find_title: bool = True) -> CleanText:
    """Clean one article. `title` is a known title (from HTML or JSON metadata); without one,
    and with `find_title`, the first meaningful line is taken as the title."""
    paras = paragraphs(raw)
    script, shares = dominant_script(raw), script_shares(raw)
    removed: list[Removed] = []
    meta: dict[str, object] = {}
    body: list[str] = []
    comments = next((n for n, para in enumerate(paras) if _COMMENT_STAMP.match(para)), None)
    if comments is not None:
        removed.append(Removed(text="\n\n".join(paras[comments:]), reason="readers' comments"))
        paras = paras[:comments]
    for para in paras:
        if title is not None and _is_title(para, title):
            removed.append(Removed(text=para, reason="repeated title"))
            continue
        context = LineContext(in_header=not body, script=script, title=title, script_shares=shares)
        verdict = classify(para, context)
        if verdict is not None:
            removed.append(Removed(text=para, reason=verdict.reason))
            for key, value in verdict.meta.items():
                meta.setdefault(key, value)
            continue
        if title is None and find_title and not body:
            if _looks_like_title(para):
                title = para
                removed.append(Removed(text=para, reason="title (moved to metadata)"))
                continue
            find_title = False
        opening = not any(_SENTENCE_END.search(previous) for previous in body)
        dateline, agency, rest = split_dateline(para, opening=opening)
        if dateline or agency:
            removed.append(Removed(text=para[: len(para) - len(rest)].strip(), reason="dateline"))
            if dateline:
                meta.setdefault("dateline", dateline)
            if agency:
                meta.setdefault("agency", agency)
            para = rest
        body.append(para)
    return CleanText(text="\n\n".join(body), title=title, removed=removed, meta=meta)
