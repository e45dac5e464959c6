"""Walk one council's ModernGov site: committees → meetings in a window → agenda items → documents.

The web service is used when it answers with the XML it promises; otherwise the HTML pages.
Either way an agenda item ends up with the same canonical URL and its full minutes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from scrapers.http import FetchResult, PoliteClient
from scrapers.models import Committee, Meeting, SourceError
from scrapers.moderngov import pages, webservice
from scrapers.moderngov.revisits import RevisitPlan
from scrapers.moderngov.urls import page_url, ws_date, ws_url
from transforms.limits import MAX_DOCUMENTS_PER_MEETING, MAX_PAGE_BYTES


@dataclass
class SiteHarvest:
    route: str = ""  # webservice | html
    committees: list[Committee] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    errors: list[SourceError] = field(default_factory=list)
    reachable: bool = False
    listed: int | None = 0  # meetings in the window the lists showed; None = lists not read
    limits: list[str] = field(default_factory=list)  # caps the site reached tonight (transforms/limits.py)


class ModernGovScraper:
    def __init__(self, client: PoliteClient, council_slug: str, base_url: str):
        self.client = client
        self.council = council_slug
        self.base_url = base_url
        self.plan: RevisitPlan | None = None

    def harvest(self, since: date, until: date, plan: RevisitPlan | None = None) -> SiteHarvest:
        result = SiteHarvest()
        self.plan = plan
        if plan is not None and not plan.read_listings:
            return self._revisit(plan, since, until, result)
        committees_via_ws = self._ws_committees(result)
        if committees_via_ws is not None:
            result.route = "webservice"
            result.committees = committees_via_ws
            for committee in committees_via_ws:
                self._ws_committee_meetings(committee, since, until, result)
        else:
            result.route = "html"
            result.committees = self._html_committees(result)
            for committee in result.committees:
                self._html_committee_meetings(committee, since, until, result)
        self._retry(plan, result)
        return result

    # -- helpers ------------------------------------------------------------
    def _fetch(
        self, url: str, result: SiteHarvest, expect: str | None = None, keep_first: int | None = None
    ) -> FetchResult:
        fetched = self.client.get(url, council=self.council, expect=expect, keep_first=keep_first)
        if fetched.status is not None or fetched.from_cache:
            result.reachable = True
        if not fetched.ok:
            result.errors.append(SourceError("moderngov", url, fetched.error or "no body"))
        return fetched

    @staticmethod
    def _in_window(meeting: Meeting, since: date, until: date) -> bool:
        return meeting.meeting_date is not None and since <= meeting.meeting_date <= until

    def _wanted(self, stub: Meeting, since: date, until: date, result: SiteHarvest) -> bool:
        """In the window, and new, changed or due for a revisit (every one when there is no plan)."""
        if not self._in_window(stub, since, until):
            return False
        result.listed += 1
        return self.plan is None or self.plan.wants(stub.meeting_id)

    def _revisit(self, plan: RevisitPlan, since: date, until: date, result: SiteHarvest) -> SiteHarvest:
        """A night the feed says the lists have nothing new: read only the due and changed meetings."""
        result.reachable, result.listed = True, None  # the feed answered
        # the route the site was read by, also on a night with no meeting due (a quiet night still has one)
        result.route = next((m.route for m in plan.known.values() if m.route), "")
        for stub in plan.due_meetings(since, until):
            result.route = plan.known[stub.meeting_id].route or "html"
            if stub.committee_id:  # the page at the site's current address, whatever was stored
                stub.url = page_url(self.base_url, "ieListDocuments.aspx", CId=stub.committee_id, MId=stub.meeting_id)
            if result.route == "webservice":
                self._ws_read_meeting(stub, result)
            else:
                self._html_read_meeting(stub, result, since, until)
        self._retry(plan, result)
        return result

    def _retry(self, plan: RevisitPlan | None, result: SiteHarvest) -> None:
        """Meetings outside the dates read tonight whose documents are due another try (`RevisitPlan.retry`)."""
        read = {m.meeting_id for m in result.meetings}
        for scheduled in plan.retry if plan is not None else []:
            stub = scheduled.stub
            if stub.meeting_id in read:
                continue
            if scheduled.route == "webservice":
                self._ws_read_meeting(stub, result)
            else:
                self._html_read_meeting(stub, result, None, None)

    # -- web service route -----------------------------------------------------
    def _ws_committees(self, result: SiteHarvest) -> list[Committee] | None:
        url = ws_url(self.base_url, "GetCommittees")
        fetched = self.client.get(url, council=self.council, expect="xml")
        if fetched.status is not None:
            result.reachable = True
        if not fetched.ok:
            return None
        try:
            return webservice.parse_committees(fetched.body)
        except webservice.UnexpectedResponse:
            # 200 with an HTML error page: this install has no web service; the HTML route is the answer.
            return None

    def _ws_committee_meetings(self, committee: Committee, since: date, until: date, result: SiteHarvest) -> None:
        url = ws_url(
            self.base_url,
            "GetMeetings",
            lCommitteeId=committee.committee_id,
            sFromDate=ws_date(since),
            sToDate=ws_date(until),
        )
        fetched = self._fetch(url, result, expect="xml")
        if not fetched.ok:
            return
        try:
            stubs = webservice.parse_meetings(fetched.body)
        except webservice.UnexpectedResponse as exc:
            self._unexpected(fetched, exc, result)
            return
        for stub in stubs:
            # Some installs ignore the date range and return the whole history: filter here too.
            if not self._wanted(stub, since, until, result):
                continue
            stub.url = page_url(self.base_url, "ieListDocuments.aspx", CId=committee.committee_id, MId=stub.meeting_id)
            self._ws_read_meeting(stub, result)

    def _ws_read_meeting(self, stub: Meeting, result: SiteHarvest) -> None:
        meeting_url = ws_url(self.base_url, "GetMeeting", lMeetingId=stub.meeting_id)
        got = self._fetch(meeting_url, result, expect="xml")
        if not got.ok:
            return
        try:
            result.meetings.append(keep_within_limits(webservice.parse_meeting(got.body, self.base_url, stub), result))
        except webservice.UnexpectedResponse as exc:
            self._unexpected(got, exc, result)

    def _unexpected(self, fetched: FetchResult, exc: Exception, result: SiteHarvest) -> None:
        """A web-service answer that is not its XML (a bomb, garbage): a failure of the source, in fetch_log too."""
        message = f"web service answer unusable: {exc}"
        self.client.reject(fetched, self.council, "unexpected_response", message)
        result.errors.append(SourceError("moderngov", fetched.url, message, "unexpected_response"))

    # -- HTML route -------------------------------------------------------------
    def _html_committees(self, result: SiteHarvest) -> list[Committee]:
        url = page_url(self.base_url, "mgListCommittees.aspx", bcr=1)
        fetched = self._fetch(url, result)
        return pages.parse_committee_list(fetched.body, url) if fetched.ok else []

    def _html_committee_meetings(self, committee: Committee, since: date, until: date, result: SiteHarvest) -> None:
        url = page_url(self.base_url, "ieListMeetings.aspx", CId=committee.committee_id, Year=0)
        fetched = self._fetch(url, result)
        if not fetched.ok:
            return
        for stub in pages.parse_meeting_list(fetched.body, url, committee):
            # A list entry without a date is opened: the page's heading, <title> or document names may give it.
            if stub.meeting_date is None or self._wanted(stub, since, until, result):
                self._html_read_meeting(stub, result, since, until)

    def _html_read_meeting(self, stub: Meeting, result: SiteHarvest, since: date | None, until: date | None) -> None:
        """Read one meeting's page; kept if it falls between `since` and `until` (any date when both are None)."""
        # A real meeting page is a few hundred KB at most: past the cap, parsing costs minutes and memory.
        got = self._fetch(stub.url, result, keep_first=MAX_PAGE_BYTES)
        if not got.ok:
            return
        if got.cut:
            result.limits.append(
                f"meeting page {stub.url} is longer than {MAX_PAGE_BYTES:,} bytes: only its first "
                f"{MAX_PAGE_BYTES:,} were read (PEERWATCH_MAX_PAGE_BYTES)"
            )
        meeting = keep_within_limits(pages.parse_meeting_page(got.body, stub.url, self.base_url, stub), result)
        if meeting.meeting_date is None:
            result.errors.append(
                SourceError("moderngov", stub.url, "no meeting date in the meeting list or on its page")
            )
        if since is not None and not self._in_window(meeting, since, until):
            return
        for item in meeting.items:
            if item.minutes_truncated:
                self._complete_item_from_mgai(item, result)
        result.meetings.append(meeting)

    def _complete_item_from_mgai(self, item, result: SiteHarvest) -> None:
        fetched = self._fetch(item.url, result)
        if not fetched.ok:
            return  # keep the shortened minutes; the fetch log says why the full text is missing
        title, description, minutes, documents = pages.parse_agenda_item_page(fetched.body, item.url)
        if minutes:
            item.minutes = minutes
            item.minutes_truncated = False
        known = {d.url for d in item.documents}
        item.documents.extend(d for d in documents if d.url not in known)


def keep_within_limits(meeting: Meeting, result: SiteHarvest) -> Meeting:
    """At most MAX_DOCUMENTS_PER_MEETING document links and as many other links from one meeting, in page
    order: a page listing 200,000 documents would otherwise be fetched, stored and analysed link by link."""
    cap = MAX_DOCUMENTS_PER_MEETING
    documents = len(meeting.documents) + sum(len(i.documents) for i in meeting.items)
    links = sum(len(i.links) for i in meeting.items)
    if documents <= cap and links <= cap:
        return meeting
    meeting.documents = meeting.documents[:cap]
    room_documents, room_links = cap - len(meeting.documents), cap
    for item in meeting.items:
        item.documents, item.links = item.documents[:room_documents], item.links[:room_links]
        room_documents -= len(item.documents)
        room_links -= len(item.links)
    result.limits.append(
        f"meeting {meeting.url or meeting.meeting_id} links {documents:,} documents and {links:,} "
        f"other pages: the first {cap:,} of each were kept (PEERWATCH_MAX_DOCUMENTS_PER_MEETING)"
    )
    return meeting
