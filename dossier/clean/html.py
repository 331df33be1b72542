"""HTML pages: trafilatura finds the article body and metadata (htmldate for the date); our
line rules then take out what it let through (comment forms, captions, share counters).
The page text outside the body is kept in `removed`, so nothing is silently lost."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import lxml.html
import trafilatura
from lxml import etree

from dossier.clean.text import normalise_line

# trafilatura logs every page it finds hard at WARNING; our problems list reports what matters.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)

@dataclass
class HtmlExtraction:
    body: str
    title: str | None
    published: str | None
    byline: str | None
    source: str | None
    url: str | None
    page_lines: list[str]


def extract_html(html: str, url: str | None = None, keep_page: bool = True) -> HtmlExtraction:
    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True
    )
    if document is None:
        body, title, published, byline, source, found_url = "", None, None, None, None, url
    else:
        body = document.text or ""
        title, published = document.title, document.date
        byline, source, found_url = document.author, document.sitename, document.url or url
    page_lines: list[str] = []
    if keep_page:
        kept = " ".join(normalise_line(line) for line in body.splitlines())
        page_lines = [line for line in page_text_lines(html) if line not in kept]
    return HtmlExtraction(body, title, published, byline, source, found_url, page_lines)


_BLOCK_TAGS = (
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
    "br", "section", "article", "header", "footer", "nav", "aside", "figcaption", "blockquote",
    "pre", "form", "label", "button", "option", "title", "dt", "dd", "table",
)  # fmt: skip
_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "svg", "head")


def page_text_lines(html: str) -> list[str]:
    """The visible text of a whole page, one line per block element."""
    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    etree.strip_elements(tree, *_INVISIBLE_TAGS, etree.Comment, with_tail=False)
    for element in tree.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
        element.text = "\n" + (element.text or "")
    lines = (normalise_line(line) for line in tree.text_content().splitlines())
    return [line for line in lines if line]
