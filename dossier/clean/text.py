"""From raw article text to a clean body, the furniture removed from it, and its metadata."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from dossier.clean.boilerplate import LineContext, classify
from dossier.clean.language import dominant_script
from dossier.model import Removed

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]")
_WRAP_END = re.compile(r"[.!?:;\"”’')\]]$")
# "PARIS –", "BEIRUT (Reuters) -", "UNITED NATIONS —", "Damascus –" at the start of a paragraph.
_DATELINE_CAPS = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]+(?:[ /][A-Z][A-Z.'’-]+)*(?:,\s*[A-Z][A-Za-z.]+(?: [A-Z][A-Za-z.]+)?)?)"
    r"\s*(?:\((?P<agency>[A-Za-z .]{2,30})\)\s*)?[–—-]{1,2}\s+(?=[\"“‘'A-Z0-9])"
)
_DATELINE_TITLE = re.compile(
    r"^(?P<place>[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}(?:,\s*[A-Z][a-z]+(?: [A-Z][a-z]+)?)?)"
    r"\s*(?:\((?P<agency>[A-Za-z .]{2,30})\)\s*)?\s[–—]\s+(?=[\"“‘'A-Z])"
)
# Multi-city datelines without a dash: "GENEVA/BEIRUT Syrian rebels fought back ..."
_DATELINE_SLASH = re.compile(r"^(?P<place>[A-Z]{3,}(?:/[A-Z]{3,})+)\s+(?=[A-Z])")
_AGENCY_LEAD = re.compile(r"^\((?P<agency>CNN|AP|AFP|Reuters|Xinhua|UPI|Bloomberg)\)\s*[–—-]*\s*")
MAX_TITLE_WORDS = 30


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
    """Split on line breaks; join hard-wrapped lines (no closing punctuation, next line starts
    in lower case) back into one paragraph."""
    out: list[str] = []
    previous_blank = True
    for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = normalise_line(line)
        if not line:
            previous_blank = True
            continue
        if (
            out
            and not previous_blank
            and not _WRAP_END.search(out[-1])
            and line[:1].islower()
        ):
            out[-1] = f"{out[-1]} {line}"
        else:
            out.append(line)
        previous_blank = False
    return out


def _same(a: str, b: str) -> bool:
    return re.sub(r"\W+", " ", a).strip().casefold() == re.sub(r"\W+", " ", b).strip().casefold()


def _looks_like_title(para: str) -> bool:
    words = para.split()
    if not 1 < len(words) <= MAX_TITLE_WORDS:
        return False
    # A headline rarely ends in a full stop; a body sentence nearly always does.
    return not para.endswith(".") or para.endswith("...")


def split_dateline(para: str, first_body: bool) -> tuple[str | None, str | None, str]:
    """(dateline, agency, rest) for a paragraph that opens with a dateline."""
    for pattern, allowed in (
        (_DATELINE_SLASH, True),
        (_DATELINE_CAPS, True),
        (_DATELINE_TITLE, first_body),
        (_AGENCY_LEAD, True),
    ):
        if not allowed:
            continue
        match = pattern.match(para)
        if match and match.end() < len(para):
            groups = match.groupdict()
            return groups.get("place"), groups.get("agency"), para[match.end() :]
    return None, None, para


def clean_text(raw: str, title: str | None = None, find_title: bool = True) -> CleanText:
    """Clean one article. `title` is a known title (from HTML or JSON metadata); without one,
    and with `find_title`, the first meaningful line is taken as the title."""
    paras = paragraphs(raw)
    script = dominant_script(raw)
    removed: list[Removed] = []
    meta: dict[str, object] = {}
    body: list[str] = []
    for para in paras:
        if title is not None and _same(para, title):
            removed.append(Removed(text=para, reason="repeated title"))
            continue
        verdict = classify(para, LineContext(in_header=not body, script=script, title=title))
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
        dateline, agency, rest = split_dateline(para, first_body=not body)
        if dateline or agency:
            removed.append(Removed(text=para[: len(para) - len(rest)].strip(), reason="dateline"))
            if dateline:
                meta.setdefault("dateline", dateline)
            if agency:
                meta.setdefault("agency", agency)
            para = rest
        body.append(para)
    return CleanText(text="\n\n".join(body), title=title, removed=removed, meta=meta)
