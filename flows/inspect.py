"""`peerwatch inspect`: what PeerWatch's readers make of one ModernGov page, saved or live.

For someone adding a council or filing a bug: does PeerWatch understand this site? It shows the
page type, the meeting (date and status from the page alone, and which part of the page said so),
every item with its documents, minutes and links by kind, and what the reader passed over.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from scrapers.models import Committee
from scrapers.moderngov import meeting_page, pages
from warehouse.errors import UserError

PAGE_TYPES = {
    "ielistdocuments.aspx": "ieListDocuments",
    "mgai.aspx": "mgAi",
    "ielistmeetings.aspx": "ieListMeetings",
    "mgcalendarmonthview.aspx": "calendar",
    "mgcalendarweekview.aspx": "calendar",
    "mgcalendaragendaview.aspx": "calendar",
    "mglistcommittees.aspx": "mgListCommittees",
    "mgcommitteestructure.aspx": "mgListCommittees",
}


class InspectError(UserError):
    """The page cannot be inspected (missing file, unreachable URL); the message says why."""


def is_url(source: str) -> bool:
    return urlsplit(source).scheme in ("http", "https")


def load_page(source: str, page_url: str | None) -> tuple[bytes, str]:
    """(body, the address links resolve against) for a saved file or a live URL."""
    if is_url(source):
        return _fetch(source), page_url or source
    path = Path(source)
    if not path.is_file():
        raise InspectError(f"no such file: {source} (give a saved page or an http(s) URL)")
    return path.read_bytes(), page_url or path.resolve().as_uri()


def _fetch(url: str) -> bytes:
    from scrapers.http import PoliteClient
    from transforms.rawstore import RawStore

    with tempfile.TemporaryDirectory(prefix="peerwatch-inspect-") as tmp:
        client = PoliteClient(RawStore(tmp))
        client.allow_host_of(url)
        result = client.get(url, conditional=False)
    if not result.ok:
        raise InspectError(f"could not fetch {url}: {result.error}")
    return result.body


def page_type_of(page_url: str, body: bytes) -> str:
    name = urlsplit(page_url).path.rsplit("/", 1)[-1].lower()
    if name in PAGE_TYPES:
        return PAGE_TYPES[name]
    head = body[:400_000].lower()
    if b"mgitemtable" in head or b'name="ai' in head:
        return "ieListDocuments"
    if b"ielistdocuments.aspx" in head and b"mgmeetingtablelnk" in head:
        return "ieListMeetings"
    if b"mgcommitteedetails.aspx" in head:
        return "mgListCommittees"
    return "unknown"


def site_base(page_url: str) -> str:
    """The install's base URL (keeping a sub-path such as /moderngov): the page's folder."""
    return urljoin(page_url, ".").rstrip("/")


def inspect_page(body: bytes, page_url: str) -> dict:
    kind = page_type_of(page_url, body)
    report: dict = {"page_type": kind, "page_url": page_url, "meeting": None, "items": [], "ignored": []}
    base = site_base(page_url)
    if kind == "ieListDocuments":
        reading = meeting_page.read_meeting_page(body, page_url, base)
        m, facts = reading.meeting, reading.facts
        report["meeting"] = {
            "meeting_id": m.meeting_id or None,
            "committee_id": m.committee_id,
            "committee_title": m.committee_title,
            "date": m.meeting_date.isoformat() if m.meeting_date else None,
            "date_source": facts.date_source,
            "status": m.status,
            "cancelled_by": facts.cancelled_by,
            "time": m.meeting_time or None,
            "no_documents_message": facts.no_documents_message,
            "documents": [d.url for d in m.documents],
        }
        report["items"] = [_item(i) for i in m.items]
        report["ignored"] = reading.ignored
    elif kind == "mgAi":
        title, description, minutes, documents = pages.parse_agenda_item_page(body, page_url)
        report["items"] = [
            {
                "title": title,
                "documents": [d.url for d in documents],
                "description": description,
                "minutes": minutes,
                "has_minutes": bool(minutes),
            }
        ]
    elif kind in ("ieListMeetings", "calendar"):
        report["meetings"] = [
            {
                "meeting_id": m.meeting_id,
                "date": m.meeting_date.isoformat() if m.meeting_date else None,
                "status": m.status,
                "url": m.url,
            }
            for m in pages.parse_meeting_list(body, page_url, Committee("", ""))
        ]
    elif kind == "mgListCommittees":
        report["committees"] = [
            {"committee_id": c.committee_id, "title": c.title} for c in pages.parse_committee_list(body, page_url)
        ]
    return report


def _item(i) -> dict:
    return {
        "item_id": i.item_id,
        "number": i.number,
        "title": i.title,
        "documents": [d.url for d in i.documents],
        "links": [{"url": link.url, "kind": link.kind, "title": link.title} for link in i.links],
        "description": i.description,
        "minutes": i.minutes,
        "decision": i.decision,
        "has_minutes": i.has_minutes,
        "minutes_truncated": i.minutes_truncated,
    }


def format_report(report: dict) -> str:
    lines = [f"page type: {report['page_type']}   ({report['page_url']})"]
    m = report.get("meeting")
    if m:
        lines.append(f"meeting {m['meeting_id'] or '?'}: {m['committee_title'] or '(committee not named)'}")
        if not m["meeting_id"] and report["page_url"].startswith("file:"):
            lines.append(
                "  (the meeting's number is in the page's address: give it with --url "
                "https://…/ieListDocuments.aspx?CId=…&MId=…)"
            )
        lines.append(
            f"  date: {m['date'] or 'not found'}" + (f" (from the {m['date_source']})" if m['date_source'] else "")
        )
        lines.append(f"  status: {m['status']}" + (f" (the {m['cancelled_by']} says so)" if m['cancelled_by'] else ""))
        lines.append(f"  meeting documents: {len(m['documents'])}")
        for url in m["documents"]:
            lines.append(f"    {url}")
    items = report.get("items") or []
    if report["page_type"] == "ieListDocuments":
        lines.append(f"items: {len(items)}")
        for i in items:
            kinds = Counter(link["kind"] for link in i["links"])
            links = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())) or "no links"
            minutes = (
                f"minutes {len(i['minutes'])} chars"
                + (" (cut short: full text on mgAi.aspx)" if i["minutes_truncated"] else "")
                if i["has_minutes"]
                else "no minutes"
            )
            lines.append(f"  {i['number'] or '-':>6} {i['title'][:70]}")
            lines.append(
                f"         item {i['item_id']}: {len(i['documents'])} document(s), {minutes}, "
                f"description {len(i['description'])} chars; {links}"
            )
        totals = Counter(link["kind"] for i in items for link in i["links"])
        if totals:
            lines.append(
                "links by kind (recorded, never fetched as documents): "
                + ", ".join(f"{k} {n}" for k, n in sorted(totals.items()))
            )
    elif items:
        i = items[0]
        lines.append(f"agenda item: {i['title']}: {len(i['documents'])} document(s), minutes {len(i['minutes'])} chars")
    for key in ("meetings", "committees"):
        if key in report:
            lines.append(f"{key}: {len(report[key])}")
            for row in report[key][:50]:
                lines.append("  " + "  ".join(str(v) for v in row.values() if v is not None))
    for note in report.get("ignored") or []:
        lines.append(f"ignored: {note}")
    if report["page_type"] == "unknown":
        lines.append("not a page type PeerWatch reads (give --url with the page's address if it is one)")
    return "\n".join(lines)


def run(source: str, page_url: str | None, as_json: bool) -> str:
    body, address = load_page(source, page_url)
    report = inspect_page(body, address)
    return json.dumps(report, indent=2, ensure_ascii=False) if as_json else format_report(report)
