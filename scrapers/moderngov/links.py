"""What a link on a ModernGov page points at: a document, or something that only looks like one.

Only documents are documents: `documents/s…` (item papers), `documents/b…` (supplements),
`documents/g…` (meeting packs), `mgConvert2PDF.aspx?ID=` and files named as documents. Webcasts,
restricted-report placeholders, decisions, issue histories and recorded votes are links of the item
with a kind, and are never fetched as documents.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from scrapers.moderngov.urls import query_param

DOCUMENT_PATH = re.compile(r"/documents/[sbg]\d+/", re.IGNORECASE)
DOCUMENT_EXTENSION = re.compile(r"\.(pdf|docx?|xlsx?|pptx?|odt|ods|odp|rtf|csv)$", re.IGNORECASE)
WEBCAST_TEXT = re.compile(r"\bweb ?cast|\blive ?stream|\bwatch (the|this) (meeting|item)\b", re.IGNORECASE)
WEBCAST_HOST = re.compile(r"(public-i\.tv|youtube\.com|youtu\.be|vimeo\.com|civico\.net|livestream)", re.IGNORECASE)
FULL_TEXT_LINK = re.compile(r"view the full (minutes|agenda|decision) text", re.IGNORECASE)

# Kinds whose link text is part of the page's furniture (item toolbars), not of the item's text.
TOOLBAR_KINDS = frozenset({"webcast", "restricted", "decision", "background", "votes", "full_text", "attendance"})

_PAGE_KINDS = {
    "mgreasonsrestricted.aspx": "restricted",
    "iedecisiondetails.aspx": "decision",
    "mgissuehistoryhome.aspx": "background",
    "mgissuehistorychronology.aspx": "background",
    "ieissuedetails.aspx": "background",
    "mglistrecordedvotesshort.aspx": "votes",
    "mglistrecordedvotes.aspx": "votes",
    "mgai.aspx": "full_text",
    "mgmeetingattendance.aspx": "attendance",
}


def link_kind(url: str, text: str = "") -> str:
    """document | webcast | restricted | decision | background | votes | full_text | attendance | email | other."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "mailto":
        return "email"
    if scheme not in ("http", "https"):
        return "other"  # javascript:, tel:, …
    page = parts.path.rsplit("/", 1)[-1].lower()
    if page in _PAGE_KINDS:
        return _PAGE_KINDS[page]
    if DOCUMENT_PATH.search(parts.path) or (page == "mgconvert2pdf.aspx" and query_param(url, "ID")):
        return "document"
    if "mg_bounce" in page or WEBCAST_HOST.search(parts.netloc) or WEBCAST_TEXT.search(text):
        return "webcast"
    if DOCUMENT_EXTENSION.search(parts.path):
        return "document"
    return "other"


def is_document_url(url: str) -> bool:
    return link_kind(url) == "document"


def attachment_id(url: str) -> str | None:
    m = re.search(r"/documents/s(\d+)/", url, re.IGNORECASE)
    if m:
        return m.group(1)
    if urlsplit(url).path.lower().endswith("mgconvert2pdf.aspx"):
        return query_param(url, "ID")
    return None
