"""Plain text out of HTML fragments and pages (BeautifulSoup over lxml)."""

from __future__ import annotations

import html
import re

from bs4 import BeautifulSoup, Comment, NavigableString

BLOCK_TAGS = [
    "p",
    "div",
    "li",
    "br",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "ul",
    "ol",
    "section",
    "article",
    "blockquote",
]
_ANY_SPACE = re.compile(r"\s+")
_SPACES = re.compile(r"[ \t\u00a0\r\f\v]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def decode_until_stable(text: str, limit: int = 5) -> str:
    """ModernGov sometimes encodes titles twice (`Chair&amp;#39;s`); decode until nothing changes."""
    for _ in range(limit):
        decoded = html.unescape(text)
        if decoded == text:
            break
        text = decoded
    return text


def normalise_whitespace(text: str) -> str:
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def soup_of(markup: str | bytes) -> BeautifulSoup:
    return BeautifulSoup(markup, "lxml")


def element_text(element) -> str:
    """Text of a tag with block elements on their own lines and `<sup>th</sup>` kept inline."""
    if element is None:
        return ""
    for hidden in element.select(".mgHide, script, style"):
        hidden.decompose()
    # Source line wraps inside a paragraph are not line breaks; block elements are.
    for string in element.find_all(string=True):
        if isinstance(string, NavigableString) and not isinstance(string, Comment):
            string.replace_with(_ANY_SPACE.sub(" ", str(string)))
    for tag in element.find_all(BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    return normalise_whitespace(decode_until_stable(element.get_text()))


def html_fragment_to_text(fragment: str | None) -> str:
    if not fragment or not fragment.strip():
        return ""
    return element_text(soup_of(fragment))


def page_main_text(markup: str | bytes) -> str:
    """The readable text of a whole page, without navigation, header and footer chrome."""
    soup = soup_of(markup)
    for junk in soup.select("script, style, nav, header, footer, noscript, form, aside, .breadcrumb"):
        junk.decompose()
    main = soup.select_one("main, article, [role=main], #modgov, #content, .content") or soup.body or soup
    return element_text(main)
