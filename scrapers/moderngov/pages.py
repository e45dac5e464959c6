"""Readers for ModernGov HTML pages: committee lists, meeting lists, meeting pages, agenda items.

Selectors follow the product markup inside `<div id="modgov">`, which is the same on every
council's site whatever template wraps it.
"""
from __future__ import annotations

import re

from scrapers.models import AgendaItem, Committee, DocumentRef, Meeting
from scrapers.moderngov.urls import absolute, agenda_item_url, query_param
from transforms.dates import parse_moderngov_date
from transforms.html_text import decode_until_stable, element_text, soup_of

FULL_TEXT_LINK = re.compile(r"view the full (minutes|agenda) text", re.IGNORECASE)


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
        trailing = a.next_sibling if isinstance(a.next_sibling, str) else ""
        text = link_text(a)
        meetings[mid] = Meeting(
            meeting_id=mid, committee_id=query_param(url, "CId") or committee.committee_id,
            committee_title=committee.title, meeting_date=parse_moderngov_date(text),
            meeting_time=_time_of(text),
            status="cancelled" if "cancelled" in (trailing or "").lower() else "confirmed", url=url,
        )
    return list(meetings.values())


def _time_of(text: str) -> str:
    m = re.search(r"\d{1,2}[:.]\d\d\s*[ap]m", text, re.IGNORECASE)
    return m.group(0) if m else ""


def parse_meeting_page(markup: str | bytes, page_url: str, base_url: str, stub: Meeting) -> Meeting:
    """ieListDocuments.aspx: meeting-level documents and the table of agenda items."""
    soup = soup_of(markup)
    root = soup.select_one("#modgov") or soup
    heading = root.select_one("h2.mgSubTitleTxt")
    heading_text = link_text(heading) if heading else ""
    meeting = Meeting(
        meeting_id=stub.meeting_id, committee_id=stub.committee_id, committee_title=stub.committee_title,
        meeting_date=stub.meeting_date or parse_moderngov_date(heading_text),
        meeting_time=stub.meeting_time,
        status="cancelled" if "cancelled" in heading_text.lower() or stub.status == "cancelled" else "confirmed",
        url=page_url,
    )
    for a in root.select(".mgLinks a[href]"):
        url = absolute(page_url, a["href"])
        if "/documents/" in url.lower():
            meeting.documents.append(DocumentRef(url=url, title=link_text(a), role="meeting"))
    table = root.select_one("table.mgItemTable")
    if table is None:
        return meeting
    for row in table.find_all("tr", recursive=False) or table.select("tr"):
        item = _parse_item_row(row, page_url, base_url)
        if item:
            meeting.items.append(item)
    return meeting


def _parse_item_row(row, page_url: str, base_url: str) -> AgendaItem | None:
    cells = row.find_all("td", recursive=False)
    if len(cells) < 2:
        return None
    anchor = cells[0].select_one("a[name]")
    if anchor is None or not anchor["name"].upper().startswith("AI"):
        return None
    item_id = anchor["name"][2:]
    number = cells[0].get_text(" ", strip=True)
    content = cells[1]
    title_p = content.select_one("p.mgAiTitleTxt")
    documents = []
    title = ""
    if title_p is not None:
        main_link = title_p.select_one("a.mgAiTitleLnk[href]")
        if main_link is not None:
            documents.append(DocumentRef(url=absolute(page_url, main_link["href"]), title=link_text(main_link),
                                         role="report", attachment_id=_attachment_id(main_link["href"])))
        title = link_text(title_p)
    sections = _labelled_sections(content)
    for li in sections.get("additional documents", []):
        for a in li.select("a[href]"):
            documents.append(DocumentRef(url=absolute(page_url, a["href"]), title=link_text(a), role="additional",
                                         attachment_id=_attachment_id(a["href"])))
    minutes_nodes = sections.get("minutes", [])
    truncated = any(FULL_TEXT_LINK.search(n.get_text(" ")) for n in minutes_nodes)
    return AgendaItem(
        url=agenda_item_url(base_url, item_id), item_id=item_id, number=number, title=title,
        description=_join_text(sections.get("", [])), minutes=_join_text(minutes_nodes, drop_full_text_link=True),
        decision=_join_text(sections.get("decision", [])), documents=documents, minutes_truncated=truncated,
    )


def _attachment_id(href: str) -> str | None:
    m = re.search(r"documents/s(\d+)/", href, re.IGNORECASE)
    return m.group(1) if m else None


def _labelled_sections(content) -> dict[str, list]:
    """Group the cell's blocks under the `p.mgSubItemTitleTxt` label that precedes them ("" = description)."""
    sections: dict[str, list] = {"": []}
    label = ""
    for node in content.find_all(recursive=False):
        classes = node.get("class") or []
        if "mgSubItemTitleTxt" in classes or (node.name in ("h3",) and "mgSubSubTitleTxt" in classes):
            label = node.get_text(" ", strip=True).rstrip(":").lower()
            sections.setdefault(label, [])
            continue
        if "mgAiTitleTxt" in classes:
            continue
        if node.name in ("table", "li"):
            continue  # recorded-vote tables and their stray <li> link are not item text
        sections.setdefault(label, []).append(node)
    return sections


def _join_text(nodes, drop_full_text_link: bool = False) -> str:
    parts = []
    for node in nodes:
        if drop_full_text_link:
            for a in node.select("a"):
                if FULL_TEXT_LINK.search(a.get_text(" ")):
                    a.decompose()
        text = element_text(node)
        if text:
            parts.append(text)
    text = "\n\n".join(parts)
    return re.sub(r"\s*\.\.\.\s*$", "", text) if drop_full_text_link else text


def parse_agenda_item_page(markup: str | bytes, page_url: str) -> tuple[str, str, str, list[DocumentRef]]:
    """mgAi.aspx: (title, description, full minutes, supporting documents)."""
    soup = soup_of(markup)
    root = soup.select_one("#modgov") or soup
    heading = root.select_one("h2.mgSubTitleTxt")
    title = link_text(heading) if heading else ""
    content = root.select_one(".mgContent") or root
    sections = _labelled_sections(content)
    documents = []
    for key in ("supporting documents", "additional documents", "documents"):
        for node in sections.get(key, []):
            for a in node.select("a[href]"):
                documents.append(DocumentRef(url=absolute(page_url, a["href"]), title=link_text(a),
                                             role="additional", attachment_id=_attachment_id(a["href"])))
    description_nodes = [n for n in sections.get("", []) if "mgWordPara" in (n.get("class") or [])]
    return title, _join_text(description_nodes), _join_text(sections.get("minutes", [])), documents
