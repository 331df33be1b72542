"""Line rules: is this paragraph page furniture rather than article text?

Each rule looks at one paragraph (a line of the input, hard-wrapped lines joined) and returns
a `Verdict` with the reason for removing it and any metadata it carries (a date in a share
counter, a byline, an outlet). Rules are deliberately specific: a false removal loses a
sentence of the article, which is worse than leaving a stray menu item in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from dossier.clean.dates import parse_date
from dossier.clean.language import script_counts


@dataclass
class Verdict:
    reason: str
    meta: dict[str, object] = field(default_factory=dict)


@dataclass
class LineContext:
    in_header: bool  # no body paragraph seen yet
    script: str | None  # dominant script of the whole article
    title: str | None
    # share of each script among the letters of the whole article
    script_shares: Mapping[str, float] = field(default_factory=dict)


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
# A row of share buttons, alone or glued to the caption that follows it in the page:
# "Facebook Twitter Pinterest Photograph: ...", "Skip in Skip x Embed x Share CLOSE ...".
_SHARE_BUTTONS = frozenset(
    {
        "share", "shares", "tweet", "email", "e-mail", "print", "pin", "pinterest", "whatsapp",
        "facebook", "twitter", "linkedin", "reddit", "messenger", "flipboard", "sms", "embed",
        "skip", "play",
    }
)  # fmt: skip
_SHARE_FILLERS = frozenset({"in", "on", "it", "via", "this", "x", "close"})
_SHARE_TOKEN = re.compile(r"[^\W_]+(?:[.,'’-][^\W_]+)*")
_COUNT = re.compile(r"^[\d.,]+[km]?$")
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

# Navigation labels. A label only counts when it is the whole line (or a run of labels, as
# in "Advertisement Continue reading the main story"): "Most popular" opens real sentences
# too ("Most Popular Month to Get Married: June").
_NAV_LABELS = (
    r"related(?: items| articles| posts?| stories| news(?: articles)?| content| topics"
    r"| coverage| links| videos?)?|read more|read next|read also|also read"
    r"|more (?:stories|news|videos|photos)|more on this(?: story)?|read more (?:on|at) [\w.-]+\.\w+"
    r"|recommended(?: for you| stories| articles| reading)?|you (?:may|might) also like"
    r"|don'?t miss|editor'?s picks?|explore further|popular on [\w .'’]{1,30}"
    r"|(?:the )?most (?:read|popular|viewed|shared|emailed|commented)(?: stories| articles"
    r"| news| videos| posts)?(?: this week| today| right now| now| in [\w ]{1,25})?"
    r"|trending(?: now| news| stories| topics)?|tags?|topics|categories|filed under|see also"
    r"|advertisement|advertising|ad|sponsored(?: content| stories| links)?"
    r"|skip to (?:main )?content|back to top|(?:next|previous) (?:article|story|post)"
    r"|continue reading(?: the main story| below)?|story continued below|watch video"
    r"|(?:show|view|hide) comments|comments?|text size|order reprints|print (?:article|story)"
    r"|more|photos?|videos?|share(?: this)?(?: article| story)?|print|email"
)
_NAV_SEP = r"[\s:»›<>|•·.…/+-]"
_NAV_LINE = re.compile(
    rf"^[-–•·*]?\s*(?:{_NAV_LABELS})(?:{_NAV_SEP}+(?:{_NAV_LABELS}))*{_NAV_SEP}*$", _I
)
# A label followed by a colon, bar or chevron and a list of links or a headline:
# "Read more: ...", "Tags: ...", "More from TIME on population:", "[Related: ...]".
_NAV_PREFIX = re.compile(
    r"^[(\[]?\s*(?:read more(?: about| from [\w .'’]{1,40}| on [\w .'’]{1,40})?|read next"
    r"|related(?: content| stories| articles| coverage| links| news| posts?| videos?)?|see also"
    r"|see more|also (?:read|see|check out|on [\w ]{1,20})|(?-i:ALSO)|read also|tags?|topics"
    r"|categories|filed under|more from [\w .'’]{1,40}|more on [\w .'’]{1,40}|trending(?: news| now"
    r"| stories)?|watch(?: now| video)?|listen|recommended(?: reading)?|don'?t miss"
    r"|editor'?s picks?|more [\w .'’]{1,30}(?=:\s*https?://)"
    # the same label in the other languages of our sources
    r"|leia também|lea también|lee también|leggi anche(?: su)?|lire aussi|lesen sie auch"
    r"|читайте также|اقرأ أيضا|اقرأ أيضاً)\s*[:|»]",
    _I,
)
# Upper-case labels glued to a headline without a colon: "RELATED Judge in Amanda Knox ...";
# and teasers tagged the Express way: "China furious at Macron ... [INSIGHT]".
_NAV_CAPS = re.compile(
    r"^(?:RELATED(?: [A-Z]+)?|READ MORE|SEE ALSO|ALSO READ)\s+\S|^\S.{8,}\s\[[A-Z]{3,12}\]\|?$"
)
# Boxes that open with a label and carry on with teaser text, removed whole.
# "Also on rt.com <headline>", "Also: See Black Friday coverage at CNET" (a bare "Also:"
# opens real paragraphs in some house styles).
_NAV_BOX = re.compile(
    r"^(?:story highlights|skip to (?:main )?content|also on [\w-]+\.[a-z]{2,}"
    r"|also:\s*(?:see|read|watch|check out))\b",
    _I,
)
# A short line naming a newsletter box: "Pick Six Newsletter", "The Brief Newsletter".
_NEWSLETTER_BOX = re.compile(r"^[\w'’ .&-]{2,40} newsletters?$", _I)

# Prompts to sign up, subscribe, follow or download. Each pattern names the newsletter,
# the app or the social network, so "Sign up for a Hulu ad-free account" stays.
_PROMO = re.compile(
    # a sign-up prompt opens the line, or follows one short teaser sentence
    r"^[\W_]*(?:[^.!?]{0,60}[.!?]\s+)?sign up (?:here |now |today )?(?:for|to)\b"
    r".{0,80}?\b(?:newsletters?|e-?mail alerts|emails|inbox)\b"
    r"|\bsign up for our\b.{0,40}?\bnewsletter|^\[\s*sign up\b"
    r"|\b(?:e-?mail|free|newsletter) sign up\b|by signing up,? you agree"
    r"|you can unsubscribe at any time|keep an eye on your inbox"
    r"|^thanks? (?:you )?for (?:signing up|subscribing|registering)|\bthanks for subscribing\b"
    r"|\bsubscrib(?:e|ing) to (?:our|[\w.]+(?:'s|’s)) (?:[\w-]+ )?newsletters?\b"
    r"|^get\b.{0,60}\bdelivered (?:straight |right |directly )?to your inbox\b"
    r"|^subscribe (?:now|today|here)\b|\bsubscribe now\b"
    r"|^subscribe (?:now )?to\b.{0,60}?(?:youtube|channel|newsletter|podcast|https?://)"
    # "Get the CBS app for iPhone & iPad!", not "Download the app from the store and sign in."
    r"|^(?:download|get) (?:the|our) [\w\s'’&+.-]{0,40}?\bapp\b(?= in your app store| for i"
    r"| now| today|\s*[!:]|\s*$)"
    # "Click here ...", "To subscribe to Capitol Fax, click here.", "ON A MOBILE DEVICE? CLICK
    # HERE ...": the link is the point of the line. A sentence that merely ends with a link,
    # "The park will host a fundraiser. (Click here to see the flyer)", is article text.
    r"|^(?:[^.!?()]{0,80}?[,:?]\s*)?click(?:ing)? here\b"
    r"|^[–—-]?\s*follow (?:us|me|him|her|them|[\w.'’@()-]+(?: [\w.'’@()-]+){0,5}) (?:on|at):?"
    r"\s*(?:twitter|facebook|instagram|google\+|tumblr|linkedin|youtube|tiktok|snapchat"
    r"|https?://|www\.|@)|^follow\b.{0,80}\b(?:on|at) https?://"
    r"|\bfollow us (?:on|at) (?:twitter|facebook|instagram|linkedin|youtube|tiktok|@)"
    r"|^(?:like|find) us on facebook|^join (?:us|the conversation) on (?:twitter|facebook)"
    r"|^already a subscriber|^support our journalism|^have a (?:news )?tip\b"
    r"|^want (?:more )?stories like (?:these|this)|^(?:get )?breaking news (?:alerts|e-?mails)\b"
    r"|^like this (?:story|article)\?|^if you (?:enjoyed|liked) this (?:article|story)"
    r"|click to tweet$",
    _I,
)
# A petition's page: "Thank you for supporting the campaign to make Juneteenth a National
# Holiday.", "Click below to sign the Petition.", "You must confirm your signature in your email
# for your vote to count."
_PETITION = re.compile(
    r"^click below\b|^(?:please )?sign (?:the|our|this) petition\b|\bconfirm your signature\b"
    r"|^thank you for (?:supporting|signing|your support)\b",
    _I,
)
# On a short line, a link at the end: "GET FOX BUSINESS ON THE GO BY CLICKING HERE".
_PROMO_SHORT = re.compile(r"\bclick(?:ing)? here[.!]?$", _I)
# Affiliate notices: "If you buy something through this post, IGN may get a share of the sale."
_DISCLOSURE = re.compile(
    r"\bif you (?:buy|purchase) (?:something|anything|a product)s? (?:through|via|from)"
    r"|\bmay (?:get|earn|receive) (?:a share of the sale|(?:an? )?(?:small )?(?:affiliate )?"
    r"commission (?:from|on|if|when|for) (?:some |any )?(?:of )?(?:the |our )?(?:products"
    r"|purchases|sales|links|items|qualifying))",
    _I,
)
# What embedded players and widgets print when they cannot run.
_EMBED = re.compile(
    r"^tweet with a location$|^when you tweet with a location|please (?:enable|turn on) javascript"
    r"|javascript is (?:disabled|required)|you need to enable javascript"
    r"|(?:media|this (?:site|page|video|player)) requires javascript"
    r"|this feature is not available right now|rating is available when the video has been rented"
    r"|^your browser does not support|media playback is unsupported on your device"
    r"|^report this ad$|^this video is (?:unavailable|no longer available)"
    r"|^loading(?: video| player)?(?:\.{3}|…)?$|error processing your subscription"
    r"|^an error has occurred,? please try again|^this article has been sent to",
    _I,
)
# A web archive's note on the crawl that captured the page, which an article scraped from the
# archive can be instead of, or besides, the article: "Starting in 1996, Alexa Internet has
# been donating their crawl data to the Internet Archive.", "This crawl was run at a level 1
# (URLs including their embeds ...)". It speaks of a crawl of its own ("this crawl", "crawl
# data", "Crawls of") and names the archive's machinery; a report about web archiving says
# "the Internet Archive's crawler" and is left alone.
_OWN_CRAWL = re.compile(
    r"\b(?:this|these|their|our) crawls?\b|\bcrawl (?:data|start|end)\b|"
    r"\bcrawls? of\b|\bcrawl was\b",
    _I,
)
_ARCHIVE_MACHINERY = re.compile(
    r"\binternet archive\b|\bwayback machine\b|\bwarc\b|\balexa internet\b|\barchive-it\b|"
    r"\bno more 404\b|\bseed ?list\b|\bseed for this crawl\b|\boutlinks\b|\bheritrix\b|"
    r"\bembeds\b",
    _I,
)
MAX_ARCHIVE_NOTE_WORDS = 150
# What a site shows instead of the article it no longer has.
_MISSING_PAGE = re.compile(
    r"\bthe page you (?:requested|are looking for|were looking for) (?:could not|cannot|can't|"
    r"can’t|does not|doesn't|doesn’t|no longer|was not|is not)\b",
    _I,
)


def archive_note(text: str) -> bool:
    """Whether a paragraph is a web archive's note on its crawl."""
    return (
        len(_words(text)) <= MAX_ARCHIVE_NOTE_WORDS
        and bool(_OWN_CRAWL.search(text))
        and bool(_ARCHIVE_MACHINERY.search(text))
    )


def _archive_note(para: str, ctx: LineContext) -> Verdict | None:
    return Verdict("web archive's note on its crawl") if archive_note(para) else None


_READING_TIME = re.compile(
    r"^(?:(?:estimated )?reading time|read time|tempo de leitura|tiempo de lectura|lesezeit"
    r"|temps de lecture|время чтения)\s*:?\s*(?:about |ca\. )?\d+\s*[\w.]*$"
    r"|^\d+\s*(?:min(?:ute)?s?|minutos?) read$",
    _I,
)
_COPYRIGHT = re.compile(
    r"^(?:©|ⓒ|\(c\)\s*\d{4}|copyright\s*(?:©|ⓒ|\(c\)|\d{4}\b))|all rights reserved"
    r"|may not be published, broadcast, rewritten,? or redistributed"
    r"|for your personal,? non-commercial use only",
    _I,
)
# "Copyright Marvel Comics" names a holder; "Copyright lawsuits are piling up" is a sentence.
_COPYRIGHT_HOLDER = re.compile(r"^copyright\s+(?P<holder>.+)$", _I)
_CAPTION_LEAD = re.compile(
    r"^\(?(?:photos?|images?|pictures?|caption|file photo|photograph|videos?)"
    r"(?: credit| copyright| caption)?\s*:"
    r"|^image (?:copyright|caption)\b|^(?:photo|image) (?:by|courtesy of)\b"
    r"|^enlarge (?:this )?image\b|^toggle caption\b|^buy photo\b|^(?:photo|logo)\s*-\s*https?://"
    # AP "FILE - In this May 24, 2016, file photo, ..." and USA Today "CLOSE Four Reno ..."
    r"|^(?-i:FILE(?: PHOTO)?\s*[-–—]\s)|^(?-i:CLOSE (?=[A-Z][a-z]))",
    _I,
)
# Agencies are matched case-sensitively: "(ePA)" is an abbreviation, "(EPA)" a photo credit.
_AGENCY = (
    r"(?-i:AFP|AP|Reuters|REUTERS|Getty Images|Getty|EPA|Xinhua|Anadolu Agency|SANA"
    r"|Associated Press|Bloomberg)"
)
_CAPTION_TAIL = re.compile(
    r"(?:[.)|–—]\s*|\(\s*)(?:file photo|(?:photo|picture|image|photograph|photographer)s?"
    r"(?:\s*credit)?\s*(?::|by\b|courtesy\b)\s*(?P<credit>[^.]{0,60}?)"
    r"|credit:\s*(?P<credit_to>[^.]{2,60}?)|(?-i:Credit)\s+(?P<credit_slash>[^.]{2,40}/[^.]{2,40}?)"
    rf"|{_AGENCY}(?:\s*photo)?(?:\s*/\s*[\w .,'’-]{{1,40}})*)\s*\)?\.?$"
    # "(Seth Wenig/AP)", "(Victoria Walker/The Washington Post)": photographer/outlet
    r"|\(\s*(?-i:[A-Z])[\w .'’-]{1,40}/\s*(?-i:[A-Z])[\w .'’&-]{1,40}\)\.?$",
    _I,
)
# A credit alone on its line: "Getty", "NFL via Getty Images", "By Slaven Vlasic/Getty Images."
_CREDIT_AGENCY = re.compile(
    r"\b(?:getty(?: images)?|ap(?: photo)?|associated press|reuters|afp|epa(?:-efe)?|shutterstock"
    r"|istock(?:photo)?|alamy|flickr(?:\.com)?|wikimedia(?: commons)?|xinhua|anadolu agency)\.?$",
    _I,
)
_CREDIT_WORD = re.compile(r"^(?:[A-Z][\w.'’&-]*|via|by|photo|image|credit|courtesy|of|and|&)$")
# The lower-case words a photo credit may hold: "(Photo: provided by the family)",
# "Photo: KUVP archives"; any other makes it a sentence ("... Photos by tourists flooded ...").
_CREDIT_LOWER = frozenset(
    {
        "via", "by", "for", "of", "and", "the", "de", "del", "da", "van", "von", "la", "le",
        "staff", "file", "handout", "provided", "submitted", "courtesy", "photographer",
        "photographers", "photo", "photos", "image", "images", "archive", "archives",
        "illustration", "family", "contributed", "special", "to", "screenshot", "screengrab",
        "still", "video", "website",
    }
)  # fmt: skip
_BYLINE = re.compile(
    r"^(?:by|written by|reporting by|reported by|story by|words by)\s*:?\s+(?P<who>[^|;]{2,120}?)"
    r"\s*(?:[|;]\s*(?P<rest>.*))?$",
    _I,
)
# "Editing by", "(Additional reporting by ...", "Edited and translated by ...": the "by" or
# colon is required, or "Editing in Final Cut Pro" would be a credit.
_CREDITS = re.compile(
    r"^\(?(?:additional reporting|editing|edited|compiled|writing|written|translated|translation"
    r"|reporting)(?: and (?:edited|translated|compiled|written))?\s*(?:by\b|:)\s*(?-i:[A-Z])"
    # "... contributed to this report.", "... contributed to this story from McAllen, Texas."
    r"|\bcontributed (?:to )?(?:this|the) (?:report|story|article)(?: from\b| and can be"
    r"|\s*[.)]|\s*$)|\bcontributed reporting\b",
    _I,
)
# A hat tip to where a blog found the story: "[h/t OpposingViews, Photo: WPXI]", "(H/T Gawker)",
# "Hat tip: The Daily Beast".
_HAT_TIP = re.compile(r"^[\[(]?\s*(?:h/t|hat tip)\b\s*:?", _I)
_HANDLE = r"(?:[\w.+-]+@[\w-]+\.[\w.]+|(?:https?://)?(?:www\.)?twitter\.com/\w+|@\w+)"
# "Email: jmoritz@mcclatchydc.com", "Reach the reporters on Twitter at http://twitter.com/...",
# or nothing but addresses and handles: "paul.takahashi@chron.com twitter.com/paultakahashi".
_CONTACT = re.compile(
    r"^(?:e-?mail|contact|reach|write to|send tips? to|tips?)\b[^.]{0,60}?"
    r"(?:[\w.+-]+@[\w-]+\.\w|twitter\.com/|@\w)"
    rf"|^{_HANDLE}(?:[\s,;|/]+{_HANDLE})*\.?$",
    _I,
)
_SOURCE = re.compile(r"^source\s*:\s*(?P<src>.{2,80})$", _I)
_DATE_PREFIX = re.compile(
    r"^[-–•·*]?\s*(?:(?:published|updated|posted|last updated|first published|date)"
    r"(?:\s+(?:on|at))?\s*:?\s*)?",
    _I,
)
_TIME = re.compile(r"^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?\.?$", _I)
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
# Site labels in another script ("التعليقات (0)", "الأكثر قراءة") are a few words long ...
MAX_FOREIGN_WORDS = 8
# ... and a small part of the page; a script with a larger share is quoted text (a verse,
# code, an English product name in a Japanese article), not the site's template.
MAX_FOREIGN_SHARE = 0.05
# Japanese mixes Han and Kana, Korean Hangul and Han: one writing system for our purposes.
_SCRIPT_FAMILY = {"Han": "CJK", "Kana": "CJK", "Hangul": "CJK"}


def _words(text: str) -> list[str]:
    return text.split()


def _family(script: str) -> str:
    return _SCRIPT_FAMILY.get(script, script)


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
    if ctx.script is None or len(_words(para)) > MAX_FOREIGN_WORDS:
        return None
    counts = script_counts(para)
    if not counts:
        return None
    home = _family(ctx.script)
    # One letter of the article's own writing system makes the line part of the text:
    # "Аккаунт: @name" in Russian, "Windows10での操作方法です。" in Japanese.
    if any(_family(script) == home for script in counts):
        return None
    script = max(counts, key=counts.__getitem__)
    share = sum(v for name, v in ctx.script_shares.items() if _family(name) == _family(script))
    if share > MAX_FOREIGN_SHARE:
        return None
    return Verdict(f"site text in another script ({script})")


def _pattern(regex: re.Pattern[str], reason: str, max_words: int | None = MAX_FURNITURE_WORDS):
    def rule(para: str, ctx: LineContext) -> Verdict | None:
        if max_words is not None and len(_words(para)) > max_words:
            return None
        return Verdict(reason) if regex.search(para) else None

    return rule


def _share_buttons(para: str, ctx: LineContext) -> Verdict | None:
    if _SOCIAL.search(para) and len(_words(para)) <= MAX_FURNITURE_WORDS:
        return Verdict("share buttons")
    tokens = _SHARE_TOKEN.findall(para.casefold())
    buttons = used = 0
    for token in tokens:
        if token in _SHARE_BUTTONS:
            buttons += 1
        elif not (token in _SHARE_FILLERS or _COUNT.match(token)):
            break
        used += 1
    # Three buttons in a row open no sentence ("Facebook, Twitter and Google said" has two);
    # two are enough when nothing else is on the line ("Play Facebook", "Email Print").
    if buttons >= 3 or (buttons >= 2 and used == len(tokens)):
        return Verdict("share buttons")
    return None


def _navigation(para: str, ctx: LineContext) -> Verdict | None:
    n = len(_words(para))
    if n <= MAX_FURNITURE_WORDS and (_NAV_LINE.match(para) or _NAV_CAPS.match(para)):
        return Verdict("site navigation")
    if n <= 25 and _NAV_PREFIX.match(para):
        return Verdict("site navigation")
    if n <= 40 and _NAV_BOX.match(para):
        return Verdict("site navigation")
    if n <= 4 and _NEWSLETTER_BOX.match(para):
        return Verdict("newsletter or follow prompt")
    return None


def _caption(para: str, ctx: LineContext) -> Verdict | None:
    if len(_words(para)) > 45:
        return None
    if _CAPTION_LEAD.search(para):
        return Verdict("photo caption")
    tail = _CAPTION_TAIL.search(para)
    if tail is None or para.endswith(('"', "”")):
        return None
    credit = tail["credit"] or tail["credit_to"] or tail["credit_slash"]
    return Verdict("photo caption") if credit is None or _looks_like_credit(credit) else None


def _looks_like_credit(text: str) -> bool:
    """Names and credit words only: "Win McNamee/Getty Images", "iStock", "submitted"."""
    for word in re.split(r"[\s/,;:|()]+", text):
        word = word.strip(".'’\"")
        if word and word[0].islower() and word == word.lower() and word not in _CREDIT_LOWER:
            return False
    return True


def _photo_credit(para: str, ctx: LineContext) -> Verdict | None:
    words = _words(para)
    match = _CREDIT_AGENCY.search(para)
    if len(words) > 8 or not match:
        return None
    # Only names and credit words may come before the agency: "He worked for Reuters." stays.
    lead = re.split(r"[\s/,]+", para[: match.start()].strip(" /,"))
    if all(not w or _CREDIT_WORD.match(w) for w in lead):
        return Verdict("photo caption")
    return None


def _copyright(para: str, ctx: LineContext) -> Verdict | None:
    n = len(_words(para))
    if n <= 40 and _COPYRIGHT.search(para):
        return Verdict("copyright notice")
    holder = _COPYRIGHT_HOLDER.match(para)
    if holder and n <= 10 and _looks_like_credit(holder["holder"]):
        return Verdict("copyright notice")
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
    rest = para[prefix.end() :]
    date = parse_date(rest)
    if date is None:
        # "Updated at 1:23 p.m.": a time stamp without the date is still page furniture.
        return Verdict("date line") if prefix.group().strip() and _TIME.match(rest) else None
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
    _share_buttons,
    _navigation,
    _pattern(_EMBED, "embedded player message", max_words=40),
    _archive_note,
    _pattern(_MISSING_PAGE, "missing page notice", max_words=40),
    _pattern(_PROMO, "newsletter or follow prompt", max_words=50),
    _pattern(_PROMO_SHORT, "newsletter or follow prompt", max_words=12),
    _pattern(_PETITION, "petition prompt", max_words=30),
    _pattern(_DISCLOSURE, "affiliate notice", max_words=40),
    _pattern(_READING_TIME, "reading time"),
    _copyright,
    _byline,
    _pattern(_CREDITS, "editing credits", max_words=45),
    _pattern(_HAT_TIP, "editing credits", max_words=20),
    _pattern(_CONTACT, "contact line", max_words=30),
    _source,
    _date_line,
    _caption,
    _photo_credit,
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
