"""Readers for the ModernGov `mgWebService.asmx` XML (GetCommittees, GetMeetings, GetMeeting).

The service answers with lower-case tags, counts with a leading space, whitespace-only
empties and escaped Word HTML. A host without the service may answer 200 with an HTML
error page, so every reader checks the root element before trusting the body.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from scrapers.models import AgendaItem, Committee, DocumentRef, ItemLink, Meeting
from scrapers.moderngov.urls import absolute, agenda_item_url, page_url, query_param
from transforms.dates import parse_moderngov_date
from transforms.html_text import decode_until_stable, html_fragment_to_text


class UnexpectedResponse(Exception):
    """The body is not the XML document the operation promises."""


def parse_root(body: bytes, expected_root: str) -> Element:
    try:
        root = SafeET.fromstring(body)
    except DefusedXmlException as exc:
        raise UnexpectedResponse(f"refused unsafe XML ({exc.__class__.__name__})") from exc
    except Exception as exc:  # ParseError and friends: HTML error pages land here
        raise UnexpectedResponse(f"not XML: {exc}") from exc
    if root.tag.lower() != expected_root:
        raise UnexpectedResponse(f"expected <{expected_root}>, got <{root.tag}>")
    return root


def field(element: Element, tag: str) -> str:
    child = element.find(tag)
    return (child.text or "").strip() if child is not None else ""


def parse_committees(body: bytes) -> list[Committee]:
    root = parse_root(body, "committees")
    return [
        Committee(committee_id=field(c, "committeeid"), title=decode_until_stable(field(c, "committeetitle")))
        for c in root.iter("committee")
        if field(c, "committeedeleted").lower() != "true"
    ]


def parse_meetings(body: bytes) -> list[Meeting]:
    root = parse_root(body, "getmeetings")
    meetings = []
    for committee in root.iter("committee"):
        cid, ctitle = field(committee, "committeeid"), decode_until_stable(field(committee, "committeetitle"))
        for m in committee.iter("meeting"):
            meetings.append(
                Meeting(
                    meeting_id=field(m, "meetingid"),
                    committee_id=cid,
                    committee_title=ctitle,
                    meeting_date=parse_moderngov_date(field(m, "meetingdate")),
                    meeting_time=field(m, "meetingtime"),
                    status="cancelled" if field(m, "meetingstatus").lower() == "cancelled" else "confirmed",
                )
            )
    return meetings


def parse_meeting(body: bytes, base_url: str, stub: Meeting) -> Meeting:
    root = parse_root(body, "meeting")
    meeting = Meeting(
        meeting_id=field(root, "meetingid") or stub.meeting_id,
        committee_id=stub.committee_id,
        committee_title=stub.committee_title,
        meeting_date=parse_moderngov_date(field(root, "meetingdate")) or stub.meeting_date,
        meeting_time=field(root, "meetingtime") or stub.meeting_time,
        status="cancelled" if field(root, "meetingstatus").lower() == "cancelled" else stub.status,
        url=stub.url,
    )
    for item in root.iter("agendaitem"):
        meeting.items.append(_agenda_item(item, base_url))
    return meeting


def _agenda_item(item: Element, base_url: str) -> AgendaItem:
    item_id = field(item, "agendaitemid")
    documents, links = [], []
    for doc in item.iter("linkeddoc"):
        url = field(doc, "url")
        if field(doc, "isrestricted").lower() == "true":
            # Researchers need to know an exempt report exists; it is recorded, never fetched.
            where = (
                absolute(base_url, url)
                if url
                else page_url(base_url, "mgConvert2PDF.aspx", ID=field(doc, "attachmentid") or None)
            )
            links.append(ItemLink(url=where, kind="restricted", title=decode_until_stable(field(doc, "title"))))
            continue
        if not url:
            continue
        attachment_id = field(doc, "attachmentid") or query_param(url, "ID")
        documents.append(
            DocumentRef(
                url=_same_scheme(absolute(base_url, url), base_url),
                title=decode_until_stable(field(doc, "title")),
                role="linked",
                attachment_id=attachment_id,
            )
        )
    return AgendaItem(
        url=agenda_item_url(base_url, item_id),
        item_id=item_id,
        number=field(item, "fulldisplaynumberformat") or field(item, "agendaitemnumber"),
        title=decode_until_stable(field(item, "agendaitemtitle")),
        description=html_fragment_to_text(field(item, "agendatext")),
        minutes=html_fragment_to_text(field(item, "minutesnonemptyhtmlbody")),
        documents=documents,
        links=links,
    )


def _same_scheme(url: str, base_url: str) -> str:
    """The service writes http:// document links even on https sites; follow the site's scheme."""
    if base_url.startswith("https://") and url.startswith("http://"):
        return "https://" + url[len("http://") :]
    return url
