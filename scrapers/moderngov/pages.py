"""Readers for ModernGov HTML pages: committee lists, meeting lists, meeting pages, agenda items.

Selectors follow the product markup inside `<div id="modgov">`, which is the same on every
council's site whatever template wraps it.
"""

from __future__ import annotations

import re

from scrapers.models import Committee, DocumentRef, Meeting
from scrapers.moderngov import meeting_page
from scrapers.moderngov.urls import absolute, query_param
from transforms.dates import parse_moderngov_date
from transforms.html_text import decode_until_stable, soup_of


def link_text(anchor) -> str:
    for noise in anchor.select(".mgHide, .mgFileSize"):
        noise.decompose()
    return decode_until_stable(" ".join(anchor.get_text(" ").split()))


def parse_committee_list(markup: str | bytes, page_url: str) -> list[Committee]:
    """mgListCommittees.aspx / mgCommitteeStructure.aspx: links to mgCommitteeDetails.aspx?ID=."""
    seen: dict[str, Committee] = {}
    for a in soup_of(markup).select("a[href]"):
        href = a["href"]
        if "mgcommitteedetails.aspx" not in href.lower():
            continue
        cid = query_param(absolute(page_url, href), "ID")
        if cid and cid not in seen:
            seen[cid] = Committee(committee_id=cid, title=link_text(a))
    return list(seen.values())


def parse_meeting_list(markup: str | bytes, page_url: str, committee: Committee) -> list[Meeting]:
    """ieListMeetings.aspx: one `a.mgMeetingTableLnk` per meeting, status text after the link."""
    meetings: dict[str, Meeting] = {}
    for a in soup_of(markup).select("a[href]"):
        url = absolute(page_url, a["href"])
        if "ielistdocuments.aspx" not in url.lower():
            continue
        mid = query_param(url, "MId") or query_param(url, "MeetingId")
        if not mid or mid in meetings:
            continue
        trailing = _text_after_link(a)
        title = a.get("title") or ""
        text = link_text(a)
        meetings[mid] = Meeting(
            meeting_id=mid,
            committee_id=query_param(url, "CId") or committee.committee_id,
            committee_title=committee.title,
            meeting_date=parse_moderngov_date(text) or parse_moderngov_date(title),
            meeting_time=_time_of(text),
            status="cancelled" if meeting_page.CANCELLED.search(f"{trailing} {title}") else "confirmed",
            url=url,
        )
    return list(meetings.values())


def _text_after_link(a, limit: int = 200) -> str:
    """What the list says after a meeting's link ("- Agenda, Minutes", "- CANCELLED", however it is wrapped),
    read in document order up to the next meeting's link."""
    parts, size = [], 0
    for node in a.next_elements:
        if getattr(node, "name", None) == "a" and "ielistdocuments.aspx" in (node.get("href") or "").lower():
            break
        if isinstance(node, str) and node.parent is not a and a not in node.parents:
            parts.append(str(node))
            size += len(node)
            if size > limit:
                break
    return " ".join(" ".join(parts).split())


def _time_of(text: str) -> str:
    m = re.search(r"\d{1,2}[:.]\d\d\s*[ap]m", text, re.IGNORECASE)
    return m.group(0) if m else ""


def parse_meeting_page(markup: str | bytes, page_url: str, base_url: str, stub: Meeting) -> Meeting:
    """ieListDocuments.aspx: the page read in document order (see meeting_page.py), with what the
    meeting list or calendar said first: its date when it gave one, and a cancellation from either."""
    reading = meeting_page.read_meeting_page(markup, page_url, base_url)
    page = reading.meeting
    page.meeting_id = stub.meeting_id
    page.committee_id = stub.committee_id or page.committee_id
    page.committee_title = stub.committee_title or page.committee_title
    page.meeting_date = stub.meeting_date or page.meeting_date
    page.meeting_time = stub.meeting_time or page.meeting_time
    if stub.status == "cancelled":
        page.status = "cancelled"
    return page


def parse_agenda_item_page(markup: str | bytes, page_url: str) -> tuple[str, str, str, list[DocumentRef]]:
    """mgAi.aspx: (title, description, full minutes, supporting documents)."""
    soup = meeting_page.soup_for_tag_soup(markup)
    root = soup.select_one("#modgov") or soup
    heading = root.select_one("h2.mgSubTitleTxt")
    title = meeting_page.anchor_text(heading) if heading else ""
    content = root.select_one(".mgContent") or root
    item = meeting_page.read_sections(content, page_url, query_param(page_url, "ID") or "")
    return title, item.description, item.minutes, item.documents
