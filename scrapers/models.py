"""Typed records the scrapers hand to the rest of the pipeline."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class DocumentRef:
    url: str
    title: str
    role: str = "report"  # report | additional | meeting | linked
    attachment_id: str | None = None


@dataclass
class ItemLink:
    """A link of an agenda item that is not one of its documents: never fetched as a document."""

    url: str
    kind: str  # webcast | restricted | decision | background | votes | document | email | other
    title: str = ""


@dataclass
class Committee:
    committee_id: str
    title: str


@dataclass
class AgendaItem:
    url: str  # canonical <base>/mgAi.aspx?ID=<agendaitemid>
    item_id: str
    number: str
    title: str
    description: str = ""
    minutes: str = ""
    decision: str = ""
    documents: list[DocumentRef] = field(default_factory=list)
    minutes_truncated: bool = False
    links: list[ItemLink] = field(default_factory=list)
    has_minutes: bool = False  # the page has a "Minutes:" section for the item (it may be short or empty)


@dataclass
class Meeting:
    meeting_id: str
    committee_id: str | None
    committee_title: str
    meeting_date: date | None
    meeting_time: str = ""
    status: str = "confirmed"  # confirmed | cancelled
    url: str = ""
    items: list[AgendaItem] = field(default_factory=list)
    documents: list[DocumentRef] = field(default_factory=list)


@dataclass
class PressRelease:
    url: str  # canonical article URL
    title: str
    published: date | None
    text: str
    published_raw: str = ""
    source: str = "listing"  # feed | listing


@dataclass
class SourceError:
    source: str  # moderngov | news
    url: str
    message: str
    error_class: str | None = None  # "unexpected_response": answered, but not what the source promises
