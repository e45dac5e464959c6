"""One replica ModernGov install: the pages, web-service XML and documents a council's site serves.

Markup follows the product's own structure (`div#modgov`, `table.mgItemTable`, `AI<id>`
anchors, `mgAiTitleLnk`, `p.mgSubItemTitleTxt` labels, entity-encoded attributes and
dates, raw spaces in document hrefs); the words are ours.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import parse_qsl, unquote

from replica import pdfs
from replica.content import Doc, Item, MeetingDef, SiteDef


@dataclass
class Response:
    status: int
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    headers: dict | None = None


def ascii_html(text: str) -> str:
    """ModernGov output is pure ASCII: anything else becomes a character reference."""
    return text.encode("ascii", "xmlcharrefreplace").decode("ascii")


def esc(text: str) -> str:
    return ascii_html(html.escape(text, quote=False))


def attr(text: str) -> str:
    """Attributes encode spaces and punctuation as numeric references (`Link&#32;to&#32;…`)."""
    plain = html.unescape(text)
    out = []
    for ch in plain:
        if ch.isalnum():
            out.append(ch)
        else:
            out.append(f"&#{ord(ch)};")
    return ascii_html("".join(out))


def word_html(text: str) -> str:
    paras = [p.strip() for p in text.split("\n\n") if p.strip()]
    inner = "\n".join(f'<p class="MsoNormal">{esc(p)}</p>' for p in paras)
    return f'<div class="WordSection1">\n{inner}\n</div>\n'


def long_date(d) -> str:
    return f"{d.strftime('%A')} {d.day} {d.strftime('%B %Y')}"


def ordinal(day: int) -> str:
    return f"{day}{'th' if 10 <= day % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(day % 10, 'th')}"


def html_time(t: str) -> str:
    return t.replace(".", ":")


def page(site: SiteDef, title: str, inner: str) -> bytes:
    # A council template wraps the product markup; ours is plain but keeps the same landmarks.
    doc = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="DC.title" content="{attr(title)}"/>
<title>{esc(html.unescape(title))} - {esc(site.name)}</title>
<link href="sitespecific/ssMgStyles.css" rel="stylesheet" type="text/css" />
</head>
<body>
<header class="site-header"><a href="/">{esc(site.name)}</a> <nav><ul><li><a href="mgCalendarMonthView.aspx?GL=1&amp;bcr=1" title="Link to meetings by month">Meetings calendar</a></li><li><a href="mgListCommittees.aspx?bcr=1" title="Link to all committees">Committees</a></li><li><a href="ieDocSearch.aspx?bcr=1" title="Link to document search">Find a document</a></li></ul></nav></header>
<main>
<div id="modgov">{inner}
<div class="mgFooter" ><p>&nbsp;</p></div>
</div>
</main>
<footer><p>Democratic Services, {esc(site.name)}</p></footer>
</body>
</html>
"""
    return doc.replace("\n", "\r\n").encode("ascii")


class ModernGovSite:
    def __init__(self, site: SiteDef):
        self.site = site
        self.items = {i.item_id: (m, i) for m in site.meetings for i in m.agenda_items}
        self.meetings = {m.meeting_id: m for m in site.meetings}
        self.committees = {c.committee_id: c for c in site.committees}

    @property
    def docs(self) -> dict[int, Doc]:
        # Read live: a council attaches documents to an item after the agenda went out.
        return {
            d.attachment_id: d
            for m in self.site.meetings
            for i in m.items
            for d in ([i.report] if i.report else []) + i.additional
        }

    # -- routing ---------------------------------------------------------------
    def handle(self, path: str, query: str) -> Response:
        params = {k.lower(): v for k, v in parse_qsl(query, keep_blank_values=True)}
        if path == "/robots.txt":
            return Response(
                200, b"User-agent: *\nDisallow: /ieDocSearch.aspx\nDisallow: /mgSearchResults.aspx\n", "text/plain"
            )
        sub = self.site.subpath
        if sub:
            if not path.lower().startswith(sub.lower() + "/"):
                return self.not_found()
            path = path[len(sub) :]
        name = unquote(path).lstrip("/")
        lname = name.lower()
        if lname.startswith("mgwebservice.asmx"):
            return self.web_service(name.split("/", 1)[1] if "/" in name else "", params)
        if lname.startswith("documents/s"):
            return self.document_by_path(name)
        if lname.startswith("documents/g"):
            return self.meeting_document(name)
        routes = {
            "mglistcommittees.aspx": lambda: self.committee_list(),
            "mgcommitteedetails.aspx": lambda: self.committee_details(params.get("id")),
            "ielistmeetings.aspx": lambda: self.meeting_list(params.get("cid") or params.get("committeeid")),
            "ielistdocuments.aspx": lambda: self.meeting_page(params.get("mid")),
            "mgai.aspx": lambda: self.agenda_item(params.get("id")),
            "mgconvert2pdf.aspx": lambda: self.document(params.get("id")),
        }
        handler = routes.get(lname)
        return handler() if handler else self.not_found()

    def not_found(self) -> Response:
        return Response(404, page(self.site, "Page not found", '<h1 class="mgMainTitleTxt">Page not found</h1>'))

    @staticmethod
    def _int(value: str | None) -> int | None:
        return int(value) if value and value.isdigit() else None

    # -- pages -------------------------------------------------------------------
    def committee_list(self) -> Response:
        rows = "\n".join(
            f'<li><a href="mgCommitteeDetails.aspx?ID={c.committee_id}" title="Link&#32;to&#32;details&#32;for&#32;{attr(c.title)}" >{c.title}</a></li>'
            for c in self.site.committees
        )
        inner = f"""<div class="mgHeader"><h1 class="mgMainTitleTxt" >Committee structure</h1></div>
<div class="mgContent" ><h2 class="mgSectionTitle">Committees</h2>
<ul class="mgBulletList" >
{rows}
</ul></div>"""
        return Response(200, page(self.site, "Committee structure", inner))

    def committee_details(self, cid: str | None) -> Response:
        committee = self.committees.get(self._int(cid))
        if committee is None:
            return self.not_found()
        inner = f"""<div class="mgHeader"><h1 class="mgMainTitleTxt" >Committee details</h1></div>
<div class="mgSubTitle" ><h2 class="mgSubTitleTxt">{committee.title}</h2></div>
<div class="mgLinks" ><ul class="mgActionList" >
<li><a href="ieListMeetings.aspx?CommitteeId={committee.committee_id}" title="Link&#32;to&#32;meetings&#32;for&#32;{attr(committee.title)}">Meetings and agendas of this committee</a></li>
</ul></div>
<link rel="alternate" type="application/rss+xml" title="Latest from this committee (RSS)" href="mgRss.aspx?CID={committee.committee_id}" />
<div class="mgContent" ><h2 class="mgSectionTitle">Purpose of committee</h2>
<div class="mgWordPara">{word_html("The committee meets in public several times a year.")}</div></div>"""
        return Response(200, page(self.site, "Committee details", inner))

    def meeting_list(self, cid: str | None) -> Response:
        committee = self.committees.get(self._int(cid))
        if committee is None:
            return self.not_found()
        meetings = sorted(
            (m for m in self.site.meetings if m.committee_id == committee.committee_id),
            key=lambda m: m.when,
            reverse=True,
        )
        rows = []
        for n, m in enumerate(meetings):
            css = "mgTableEvenRow" if n % 2 == 0 else "mgTableOddRow"
            published = " - CANCELLED" if m.cancelled else (" - Agenda, Minutes" if m.items else "")
            if m.cancelled and self.site.template == "undated":
                published = ' - <span class="mgMeetingStatus">CANCELLED</span>'  # the status wrapped, not bare text
            label = f"{m.when.day} {m.when.strftime('%b %Y')}&nbsp;{html_time(m.time).replace(':', '&#58;')}"
            of = f"&#32;meeting&#32;of&#32;{m.when.day}&#32;{m.when.strftime('%b')}&#32;{m.when.year}"
            if m.listed_without_date:
                label, of = f"{committee.title} meeting", ""
            rows.append(
                f'<li class="{css}" ><a class="mgMeetingTableLnk" href="ieListDocuments.aspx?CId={committee.committee_id}&amp;{self.site.meeting_param}={m.meeting_id}&amp;Ver=4" '
                f'title="Link&#32;to&#32;meeting&#32;details&#32;for&#32;{attr(committee.title)}{of}">{label}</a>{published}</li>'
            )
        inner = f"""<div class="mgHeader"><h1 class="mgMainTitleTxt" >Meetings of this committee</h1></div>
<form method="post" action="ieListMeetings.aspx" id="meetingYearForm">
<div class="mgContent" ><div class="mgList" >
<div class="mgHiddenField" ><input type="hidden" name="hCommitteeId" value="{committee.committee_id}" /></div>
<div class="mgTableBorder" ><div class="mgTableTitleTxt" >Meetings</div>
<ul class="mgNonBulletTableList" >{''.join(rows)}</ul>
</div></div></div></form>"""
        return Response(200, page(self.site, f"Meetings - {committee.title}", inner))

    def _doc_link(self, d: Doc) -> str:
        return f"documents/s{d.attachment_id}/{d.filename}"

    def meeting_page(self, mid: str | None) -> Response:
        meeting = self.meetings.get(self._int(mid))
        if meeting is None:
            return self.not_found()
        committee = self.committees[meeting.committee_id]
        undated = self.site.template == "undated"
        heading = f"{committee.title} - {long_date(meeting.when)} {html_time(meeting.time)}"
        title = self._page_title(meeting, committee.title)
        if meeting.cancelled:
            shown = "Meeting" if undated else heading + (", CANCELLED" if meeting.page_says_cancelled else "")
            attendance = (
                ""
                if not undated
                else f"""
<div class="mgLinks" ><ul class="mgActionList" >
<li><a href="mgMeetingAttendance.aspx?ID={meeting.meeting_id}" title="Link&#32;to&#32;attendance&#32;details">Attendance details</a></li>
</ul></div>"""
            )
            inner = f"""<div class="mgHeader"><h1 class="mgMainTitleTxt" >Meeting</h1></div>
<div class="mgSubTitle" ><h2 class="mgSubTitleTxt"><a href="mgCommitteeDetails.aspx?ID={committee.committee_id}" title="Link&#32;to&#32;{attr(committee.title)}">{shown}</a></h2></div>{attendance}
<div class="mgContent" ><p>No documents are available for this meeting</p>
<p><span class="mgLabel" >Proposed venue: </span>Council Chamber, Town Hall</p></div>"""
            return Response(200, page(self.site, title if undated else "Meeting", inner))
        links = [
            f'<li><a href="mgMeetingAttendance.aspx?ID={meeting.meeting_id}" title="Link&#32;to&#32;attendance&#32;details">Attendance details</a></li>'
        ]
        if undated:
            links.append(
                f'<li><a href="{self._meeting_doc_href(meeting, committee.title, "Agenda frontsheet", 0)}" title="Link&#32;to&#32;agenda&#32;frontsheet&#32;pdf&#32;file">Agenda frontsheet\n'
                f'<span class="mgFileSize" ><img src="mgimages/logo-pdf-1.gif" alt="" /> PDF 40 KB</span> </a></li>'
            )
        if meeting.items:
            links.append(
                f'<li><a href="{self._printed_minutes_href(meeting, committee.title)}" title="Link&#32;to&#32;printed&#32;minutes&#32;pdf&#32;file">Printed minutes\n'
                f'<span class="mgFileSize" ><img src="mgimages/logo-pdf-1.gif" alt="" /> PDF 12 KB</span> </a></li>'
            )
        rows = "\n".join(self._item_row(i, meeting) for i in meeting.items)
        shown = "Agenda and minutes" if undated else heading
        media = ""
        if undated:
            media = f"""
<h2 class="mgSectionTitle" >Media</h2>
<div class="mgMediaBlock"><button id="webcast_toggle" type="button" class="mgMediaPlayerLight" >Show the webcast player</button>
<div id="webcast_player" style="display: none;"><script type="text/javascript" src="{self._webcast_root()}/embed/{meeting.meeting_id}/player.js"></script><noscript> </noscript></div></div>"""
        inner = f"""<div class="mgHeader"><h1 class="mgMainTitleTxt" >Agenda and minutes</h1></div>
<div class="mgSubTitle" ><h2 class="mgSubTitleTxt"><a href="mgCommitteeDetails.aspx?ID={committee.committee_id}" title="Link&#32;to&#32;{attr(committee.title)}">{shown}</a></h2></div>
<div class="mgLinks" ><ul class="mgActionList" >
{''.join(links)}
</ul></div>
<div class="mgContent" ><p><span class="mgLabel" >Venue: </span>Council Chamber, Town Hall</p>{media}
<table class="mgItemTable" summary="Agenda items, in order" id="mgItemTable">
<caption class="mgSectionTitle" >Agenda items</caption>
<tr><th class="mgHide" scope="col">Item number</th><th class="mgHide" scope="col">Item details</th></tr>
{rows}
</table></div>"""
        return Response(200, page(self.site, title, inner))

    def _page_title(self, meeting: MeetingDef, committee_title: str) -> str:
        if self.site.template != "undated":
            return f"Agenda for {committee_title}"
        # This family dates its pages only here and in document names: "Tuesday, 20th January, 2026, 6.30 p.m."
        when = meeting.when
        return (
            f"Agenda for {committee_title} on {when.strftime('%A')}, {ordinal(when.day)} {when.strftime('%B')}, "
            f"{when.year}, {meeting.time.replace('pm', 'p.m.').replace('am', 'a.m.')}"
        )

    def _webcast_root(self) -> str:
        # The webcast provider is another host, never in the councils file and never fetched.
        return f"https://{self.site.slug}.webcasts.example"

    def _meeting_doc_href(self, meeting: MeetingDef, committee_title: str, kind: str, t: int) -> str:
        hh, mm = meeting.time.split()[0].split(".")
        hour = int(hh) % 12 + (12 if meeting.time.endswith("pm") else 0)
        if self.site.template == "undated":
            stamp = f"{ordinal(meeting.when.day)}-{meeting.when.strftime('%b-%Y')} {hour:02d}.{mm}"
        else:
            stamp = f"{meeting.when.strftime('%A %d-%b-%Y')} {meeting.time.split()[0].zfill(5)}"
        return f"documents/g{meeting.agenda_id}/{kind} {stamp} {html.unescape(committee_title)}.pdf?T={t}"

    def _printed_minutes_href(self, meeting: MeetingDef, committee_title: str) -> str:
        return self._meeting_doc_href(meeting, committee_title, "Printed minutes", 1)

    def _item_row(self, item: Item, meeting: MeetingDef) -> str:
        template = self.site.template
        if item.report:
            title = (
                f'<p class="mgAiTitleTxt" ><a class="mgAiTitleLnk" href="{self._doc_link(item.report)}" '
                f'title="Link&#32;to&#32;document&#32;&#39;{attr(item.title)}&#39;&#32;pdf&#32;file">{item.title} '
                f'<span class="mgFileSize" ><img src="mgimages/logo-pdf-1.gif" alt="pdf icon" /> PDF 120 KB</span> </a></p>'
            )
        else:
            title = f'<p class="mgAiTitleTxt" >{item.title}</p>'
        parts = [title]
        if template == "toolbar":
            parts.append(f'<ul class="mgActionList" >\n{self._share_widget(item)}\n{self._toolbar_links(item)}\n</ul>')
        elif template == "unbalanced_toolbar":
            # This family opens the toolbar list twice and closes it once: a parser nests the rest of the cell in it.
            parts.append(
                f'<ul class="mgActionList" >\n{self._share_widget(item)}\n<ul class="mgActionList" >\n'
                f'{self._toolbar_links(item)}\n</ul>'
            )
        if item.description:
            parts.append(f'<div class="mgWordPara">{word_html(item.description)}</div>')
        doc_items = [self._doc_li(d, item) for d in item.additional]
        doc_items += [
            f'<li>{esc(r)} <a href="mgReasonsRestricted.aspx?ID={item.item_id * 10 + n}&amp;OID={item.item_id}&amp;OT=A" '
            f'title="Link&#32;to&#32;reasons&#32;restricted">View the reasons why document {item.number}&#47;{n + 2} is restricted</a></li>'
            for n, r in enumerate(item.restricted)
        ]
        if item.webcast and template == "undated":
            doc_items.append(
                f'<li><a href="{self._webcast_root()}/site/mg_bounce.php?mg_a_id={item.item_id}&mg_m_id={meeting.meeting_id}" '
                f'title="Link&#32;to&#32;webcast&#32;for&#32;item&#32;{attr(item.number)}">Webcast for {item.number or "item"}</a></li>'
            )
        if item.exempt and template == "undated":
            parts.insert(
                1,
                f'<ul class="mgActionList" >\n<li><a href="mgReasonsRestricted.aspx?ID={item.item_id}&amp;OID={item.item_id}&amp;OT=A" '
                f'title="Link&#32;to&#32;reasons&#32;restricted&#32;for&#32;item">View the reasons why item {item.number} is restricted</a></li>\n</ul>',
            )
        if doc_items:
            label = "Supporting documents:" if template == "unbalanced_toolbar" else "Additional documents:"
            parts.append(
                f'<p class="mgSubItemTitleTxt">{label}</p>\n<ul class="mgBulletList" >\n'
                + "\n".join(doc_items)
                + "\n</ul>"
            )
        if item.minutes:
            parts.append('<p class="mgSubItemTitleTxt">Minutes:</p>')
            parts.append(f'<div class="mgWordPara">{self._maybe_truncated(item)}</div>')
        number_cell = (
            '<td class="mgItemNumberCell" ></td>'
            if item.heading_row
            else f'<td class="mgItemNumberCell" ><p class="mgAiTitleTxt" ><a name="AI{item.item_id}" aria-disabled="true"></a>{item.number}</p></td>'
        )
        return f"""<tr>
{number_cell}
<td >
{chr(10).join(parts)}
</td>
</tr>"""

    def _doc_li(self, d: Doc, item: Item) -> str:
        return (
            f'<li><a href="{self._doc_link(d)}" title="Link to document &#39;{esc(d.title)}&#39; pdf file">{esc(d.title)} '
            f'<span class="mgHide" >, item {item.number}</span>\n<span class="mgFileSize" ><img src="mgimages/logo-pdf-1.gif" alt="pdf icon" /> PDF 80 KB</span> </a></li>'
        )

    @staticmethod
    def _share_widget(item: Item) -> str:
        """The per-item "This matters?" rating and share buttons: page furniture, never item text."""
        return (
            f"<li class='mgSocialShareButton'><span id='mg-ratings-button-container-A{item.item_id}' class='mg-ratings-button-container-low'>"
            f"<button type='button' class='mg-ratings-button' title='Tick if this item is important to you'>"
            f"<span class='mg-ratings-button-content subscribe-label'>This matters&#63;</span>"
            f"<span class='mg-subscription-button-subscriber-count'><span class='mgHide'>Ticked by </span>"
            f"<span class='mg-subscription-number'>{item.item_id % 7}</span></span></button></span>"
            f"<div class='mgSocialShareButton' data-link-to='mgAi.aspx?id={item.item_id}'>"
            f"<button class='mgSocialShareLink' title='Share this item'><span class='mgHide'>Share this item</span></button>"
            f"<div id='mgSocialMenuA{item.item_id}' class='mgSocialMenu'><ul><li><button class='mgShareEmail' title='Share by email'>"
            f"<span class='mgHide'>Share by email</span></button></li></ul></div></div></li>"
        )

    @staticmethod
    def _toolbar_links(item: Item) -> str:
        links = []
        if item.decision_id:
            links.append(
                f'<li><a href="ieDecisionDetails.aspx?AIId={item.item_id}" title="Link&#32;to&#32;decision&#32;details">'
                f'View the decision for item {item.number}</a></li>'
            )
        if item.background_issue:
            links.append(
                f'<li><a href="mgIssueHistoryHome.aspx?IId={item.background_issue}" title="Link&#32;to&#32;issue&#32;details">'
                f'View the background to item {item.number}</a></li>'
            )
        return "\n".join(links)

    def _maybe_truncated(self, item: Item) -> str:
        # Long minutes are cut short on the meeting page, with a link to the full text on mgAi.aspx.
        if len(item.minutes) <= 700:
            return word_html(item.minutes)
        cut = item.minutes[:500].rsplit(" ", 1)[0]
        paras = [p.strip() for p in cut.split("\n\n") if p.strip()]
        body = "\n".join(f'<p class="MsoNormal">{esc(p)}</p>' for p in paras[:-1])
        wrap = "\n" if self.site.template == "toolbar" else " "  # one family wraps the link text over a line
        last = (
            f'<p class="MsoNormal">{esc(paras[-1])} &nbsp;...&nbsp; <a href="mgAi.aspx?ID={item.item_id}" '
            f'title="Link to view the full item text for item {item.number}">view{wrap}the full minutes text for item {item.number}</a></p>'
        )
        return f'<div class="WordSection1">\n{body}\n{last}\n</div>\n'

    def agenda_item(self, item_id: str | None) -> Response:
        found = self.items.get(self._int(item_id))
        if found is None:
            return self.not_found()
        meeting, item = found
        committee = self.committees[meeting.committee_id]
        stamp = meeting.when.strftime("%d/%m/%Y").replace("/", "&#47;")
        docs = ([item.report] if item.report else []) + item.additional
        doc_list = ""
        if docs:
            lis = "\n".join(
                f'<li><a href="{self._doc_link(d)}" title="Link to document &#39;{esc(d.title)}&#39; pdf file">{esc(d.title)}</a></li>'
                for d in docs
            )
            doc_list = (
                f'<p class="mgSubItemTitleTxt">Supporting documents:</p>\n<ul class="mgBulletList" >\n{lis}\n</ul>'
            )
        inner = f"""<div class="mgHeader"><h1 class="mgMainTitleTxt" >Agenda item</h1></div>
<div class="mgSubTitle" ><h2 class="mgSubTitleTxt">{item.title}</h2></div>
<div class="mgContent" >
<p><span class="mgLabel" >Meeting: </span><a href="ieListDocuments.aspx?CId={committee.committee_id}&amp;{self.site.meeting_param}={meeting.meeting_id}">{stamp} - {committee.title}</a> (Item {item.number})</p>
<div class="mgWordPara">{word_html(item.description)}</div>
<p class="mgSubItemTitleTxt">Minutes:</p>
<div class="mgWordPara">{word_html(item.minutes)}</div>
{doc_list}
</div>"""
        return Response(200, page(self.site, f"Agenda item - {item.title}", inner))

    # -- documents -----------------------------------------------------------------
    def document(self, attachment_id: str | None) -> Response:
        doc = self.docs.get(self._int(attachment_id))
        if doc is None:
            return self.not_found()
        return Response(200, pdfs.render(doc.kind, doc.key), "application/pdf")

    def document_by_path(self, name: str) -> Response:
        m = re.match(r"documents/s(\d+)/", name, re.IGNORECASE)
        return self.document(m.group(1) if m else None)

    def meeting_document(self, name: str) -> Response:
        m = re.match(r"documents/g(\d+)/", name, re.IGNORECASE)
        meeting = next((x for x in self.site.meetings if m and x.agenda_id == int(m.group(1))), None)
        if meeting is None or not meeting.items:
            return self.not_found()
        return Response(200, _printed_minutes(self.site.slug, meeting.meeting_id), "application/pdf")

    # -- web service -------------------------------------------------------------------
    def web_service(self, operation: str, params: dict) -> Response:
        mode = self.site.web_service
        if mode == "missing_404":
            return self.not_found()
        if mode == "waf_403":
            return Response(
                403,
                b"<!DOCTYPE html><html><head><title>Just a moment...</title></head>"
                b"<body><h1>Checking your browser before accessing the site.</h1></body></html>",
            )
        if mode == "html_error_200":
            return Response(200, _ERROR_PAGE)
        op = operation.lower()
        if op == "getcommittees":
            return _xml(self._ws_committees())
        if op == "getmeetings":
            cid = self._int(params.get("lcommitteeid"))
            if cid is None or "sfromdate" not in params or "stodate" not in params:
                return Response(500, b"Missing parameter: lCommitteeId.", "text/plain")
            return _xml(self._ws_meetings(cid))
        if op == "getmeeting":
            meeting = self.meetings.get(self._int(params.get("lmeetingid")))
            if meeting is None:
                return Response(500, b"Missing parameter: lMeetingId.", "text/plain")
            return _xml(self._ws_meeting(meeting))
        return Response(500, b"No such web service method.", "text/plain")

    def _ws_committees(self) -> str:
        rows = "".join(
            f"""
  <committee>
    <committeeid>{c.committee_id}</committeeid>
    <committeetitle>{html.escape(c.title, quote=False)}</committeetitle>
    <committeedeleted>False</committeedeleted>
    <committeeexpired>False</committeeexpired>
    <committeecategory>{html.escape(c.category)}</committeecategory>
  </committee>"""
            for c in self.site.committees
        )
        return f"<committees>\n  <committeescount> {len(self.site.committees)}</committeescount>{rows}\n</committees>"

    def _ws_meetings(self, cid: int) -> str:
        committee = self.committees.get(cid)
        meetings = [m for m in self.site.meetings if m.committee_id == cid]
        if committee is None:
            return "<getmeetings>\n  <meetingscount> 0</meetingscount>\n  <committeescount> 0</committeescount>\n</getmeetings>"
        rows = "".join(
            f"""
      <meeting>
        <meetingid>{m.meeting_id}</meetingid>
        <meetingdate>{m.when.strftime('%d/%m/%Y')}</meetingdate>
        <meetingstatus>{'Cancelled' if m.cancelled else 'Confirmed'}</meetingstatus>
        <meetingtime>{m.time}</meetingtime>
        <iswebcast>False</iswebcast>
      </meeting>"""
            for m in meetings
        )
        return f"""<getmeetings>
  <meetingscount> {len(meetings)}</meetingscount>
  <committeescount> 1</committeescount>
  <committee>
    <committeeid>{cid}</committeeid>
    <committeetitle>{html.escape(committee.title, quote=False)}</committeetitle>
    <committeemeetingcount> {len(meetings)}</committeemeetingcount>
    <committeemeetings>{rows}
    </committeemeetings>
  </committee>
</getmeetings>"""

    def _ws_meeting(self, m: MeetingDef) -> str:
        committee = self.committees[m.committee_id]
        items = "".join(self._ws_item(m, i, committee.title) for i in m.agenda_items)
        return f"""<meeting>
  <meetingid>{m.meeting_id}</meetingid>
  <meetingdate>{m.when.strftime('%d/%m/%Y')}</meetingdate>
  <meetingstatus>{'Cancelled' if m.cancelled else 'Confirmed'}</meetingstatus>
  <isdisplayallowed>True</isdisplayallowed>
  <meetingtime>{m.time}</meetingtime>
  <meetingactualstarttime>
  </meetingactualstarttime>
  <meetinglocation>Council Chamber, Town Hall</meetinglocation>
  <iswebcast>False</iswebcast>
  <agendaid>{m.agenda_id}</agendaid>
  <agendapublished>{'False' if m.cancelled else 'True'}</agendapublished>
  <minutepublished>{'True' if m.items else 'False'}</minutepublished>
  <meetingroom>
  </meetingroom>
  <agendaitems>{items}
  </agendaitems>
</meeting>"""

    def _ws_item(self, m: MeetingDef, i: Item, committee_title: str) -> str:
        docs = ([i.report] if i.report else []) + i.additional
        linked = "".join(
            f"""
        <linkeddoc>
          <attachmentid>{d.attachment_id}</attachmentid>
          <title>{html.escape(d.title, quote=False)}</title>
          <isurl>False</isurl>
          <url>{self.base_url_for_ws}mgConvert2PDF.aspx?ID={d.attachment_id}</url>
          <isrestricted>False</isrestricted>
          <restrictionsRef>
          </restrictionsRef>
          <publicationdate>{m.when.strftime('%d/%m/%Y')}</publicationdate>
          <committeetitle>{html.escape(committee_title, quote=False)}</committeetitle>
          <ownertitle>{html.escape(i.title, quote=False)}</ownertitle>
        </linkeddoc>"""
            for d in docs
        )
        return f"""
    <agendaitem>
      <agendaitemid>{i.item_id}</agendaitemid>
      <agendaitemtitle>{html.escape(i.title, quote=False)}</agendaitemtitle>
      <agendatext>{html.escape(word_html(i.description), quote=False)}</agendatext>
      <actualmeetingdate>{m.when.strftime('%d/%m/%Y')}</actualmeetingdate>
      <fulldisplaynumberformat>{i.number}</fulldisplaynumberformat>
      <minutesnonemptyhtmlbody>{html.escape(word_html(i.minutes), quote=False)}</minutesnonemptyhtmlbody>
      <isminutepublished>True</isminutepublished>
      <isrestricted>False</isrestricted>
      <meetingdate>{m.when.strftime('%d/%m/%Y')}</meetingdate>
      <meetingtime>{m.time}</meetingtime>
      <linkeddocuments>{linked}
      </linkeddocuments>
    </agendaitem>"""

    base_url_for_ws = ""  # set by the server once the port is known (the service writes absolute http:// URLs)


def _xml(body: str) -> Response:
    return Response(200, ('<?xml version="1.0" encoding="utf-8"?>\n' + body).encode("utf-8"), "text/xml; charset=utf-8")


@cache
def _printed_minutes(site_slug: str, meeting_id: int) -> bytes:
    from replica.content import SITES

    site = next(s for s in SITES if s.slug == site_slug)
    meeting = next(m for m in site.meetings if m.meeting_id == meeting_id)
    blocks = []
    for i in meeting.agenda_items:
        blocks += [("h", f"{i.number} {html.unescape(i.title)}"), *[p for p in i.minutes.split("\n\n") if p]]
    return pdfs.build_report(
        pdfs.ReportSpec(heading="Printed minutes", blocks=[html.escape(b) if isinstance(b, str) else b for b in blocks])
    )


_ERROR_PAGE = b"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8" /><meta name="generator" content="intranet portal" />
<title>Page error</title></head>
<body><div class="portal-error"><h1>Page error</h1><p>Sorry, this page could not be displayed.</p>
<p>If the problem continues, contact the site administrator (reference 4F2A-0917).</p></div></body></html>
"""
