"""When to read a meeting again, and what a site's own what's-new feed says has changed.

Minutes and late documents arrive weeks after a meeting, but most meetings do not change on most
nights, and ModernGov's HTML pages mostly carry no validators (no ETag, no Last-Modified), so a re-read
costs the council a full page. A meeting is therefore re-read on a schedule that decays with its age:
every night from ten days before it (its agenda is due five clear working days ahead) until two weeks
after it, then weekly until the settle window ends, then no more. A meeting whose documents were not all read (a download failed) is due again at the
next run, so a re-run completes what a failed run left.

Where the site has a what's-new RSS feed (`mgRss.aspx?XXR=0`), it tells us which meetings had
something published since we last read them: those are read tonight whatever their schedule, the
nightly band gives way to a weekly look (the safety net for what a feed leaves out), and the committee
and meeting lists are read only when the feed names a meeting we do not know, when the feed does not
reach back to our last look, or weekly. Without a feed the lists are read
every night (new agendas must be found the morning after), and the schedule alone decides revisits.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime

import feedparser

from scrapers.http import PoliteClient
from scrapers.models import Meeting
from scrapers.moderngov.urls import page_url, query_param

DAILY_BEFORE = timedelta(days=10)  # agendas go out five clear working days ahead; supplements follow
DAILY_AFTER = timedelta(weeks=2)  # draft minutes and decision sheets
WEEKLY = timedelta(days=7)
NIGHTLY = timedelta(days=1)
FEED_RECHECK = timedelta(days=28)  # a site without a feed is asked again after this long
FEED_PAGE = "mgRss.aspx"


def next_read_on(
    meeting_date: date | None, read_on: date, settle_window: timedelta, complete: bool = True, feed: bool = False
) -> date | None:
    """The night a meeting read on `read_on` is due again; None once it has settled.

    With a what's-new feed the site announces agendas, minutes and documents itself, so the nightly band
    is not needed: a weekly look is the safety net for what a feed leaves out.
    """
    if not complete:
        return read_on  # something is still missing: due at the very next run
    if meeting_date is None:
        return read_on + WEEKLY
    age = read_on - meeting_date
    if age >= settle_window:
        return None
    if -DAILY_BEFORE <= age < DAILY_AFTER and not feed:
        return read_on + NIGHTLY
    following = read_on + WEEKLY
    if age < -DAILY_BEFORE and not feed:  # far ahead: weekly, but nightly from ten days before
        return min(following, meeting_date - DAILY_BEFORE)
    return min(following, meeting_date + settle_window)  # one last look at the end of the window


@dataclass
class ScheduledMeeting:
    """A meeting as the warehouse last stored it, with its revisit dates."""

    stub: Meeting
    last_read_on: date | None
    next_read_on: date | None
    route: str | None = None  # webservice | html, as last read


@dataclass
class SiteState:
    feed_status: str | None = None  # rss | none | None (never asked)
    feed_checked_on: date | None = None
    listings_read_on: date | None = None


@dataclass
class RevisitPlan:
    today: date
    settle_window: timedelta
    known: dict[str, ScheduledMeeting] = field(default_factory=dict)
    changed: set[str] = field(default_factory=set)  # meeting ids the feed names since their last read
    read_listings: bool = True
    state: SiteState = field(default_factory=SiteState)
    # Meetings outside tonight's dates holding a document whose answer may heal (`unavailable`) and whose next
    # try is due: read again for it, so it is asked for on its schedule (1 … 32 days) whatever the window.
    retry: list[ScheduledMeeting] = field(default_factory=list)

    def wants(self, meeting_id: str) -> bool:
        s = self.known.get(meeting_id)
        if s is None or s.last_read_on is None or meeting_id in self.changed:
            return True
        return s.next_read_on is not None and s.next_read_on <= self.today

    def next_reads(self, meetings: list[Meeting], incomplete: set[str]) -> dict[str, date | None]:
        """When each meeting read tonight is due again (`incomplete`: meetings with something left to read)."""
        feed = self.state.feed_status == "rss"
        return {
            m.meeting_id: next_read_on(
                m.meeting_date, self.today, self.settle_window, m.meeting_id not in incomplete, feed
            )
            for m in meetings
        }

    def due_meetings(self, since: date, until: date) -> list[Meeting]:
        """Meetings to read without the lists: stored stubs, in the window, that are due or changed."""
        return [
            s.stub
            for mid, s in self.known.items()
            if self.wants(mid) and s.stub.meeting_date is not None and since <= s.stub.meeting_date <= until
        ]


@dataclass
class FeedEntry:
    meeting_id: str | None
    published: date | None


def parse_feed(body: bytes) -> list[FeedEntry] | None:
    """Entries of a ModernGov what's-new feed; None when the body is not a feed naming meetings."""
    parsed = feedparser.parse(body)
    if parsed.bozo and not parsed.entries:
        return None
    entries = [
        FeedEntry(query_param(e.get("link", ""), "MId") or query_param(e.get("link", ""), "MeetingId"), _entry_date(e))
        for e in parsed.entries
    ]
    # A feed of decisions or petitions alone says nothing about meetings: not a feed we can lean on.
    return entries if any(e.meeting_id for e in entries) else None


def _entry_date(entry) -> date | None:
    raw = entry.get("published") or entry.get("updated")
    if not raw:
        return None
    try:
        return parsedate_to_datetime(raw).date()
    except (TypeError, ValueError):
        try:
            return datetime.fromisoformat(raw).date()
        except ValueError:
            return None


def plan_revisits(client: PoliteClient, council: str, base_url: str, stored: RevisitPlan) -> RevisitPlan:
    """Tonight's plan: what the warehouse knows (`stored`), with what the site's what's-new feed says."""
    known, state, today = stored.known, stored.state, stored.today
    plan = RevisitPlan(today, stored.settle_window, known, state=replace(state), retry=stored.retry)
    if state.feed_status == "none" and state.feed_checked_on and today - state.feed_checked_on < FEED_RECHECK:
        return plan  # no feed last time we asked: the lists are read nightly
    fetched = client.get(page_url(base_url, FEED_PAGE, XXR=0), council=council, expect="xml")
    if not fetched.ok and fetched.error_class != "not_found":
        return plan  # the feed failed tonight (timeout, 5xx): read the lists, keep what we knew of it
    entries = parse_feed(fetched.body) if fetched.ok else None
    plan.state.feed_checked_on = today
    if entries is None:
        plan.state.feed_status = "none"
        return plan
    plan.state.feed_status = "rss"
    plan.changed = {
        e.meeting_id for e in entries if e.meeting_id in known and _newer(e.published, known[e.meeting_id].last_read_on)
    }
    plan.read_listings = _lists_needed(entries, known, state, today)
    return plan


def _newer(published: date | None, last_read: date | None) -> bool:
    # Same day counts: something published after last night's read carries last night's date.
    return published is None or last_read is None or published >= last_read


def _lists_needed(entries: list[FeedEntry], known: dict[str, ScheduledMeeting], state: SiteState, today: date) -> bool:
    last = state.listings_read_on
    if last is None or today - last >= WEEKLY:
        return True
    if any(e.meeting_id and e.meeting_id not in known and _newer(e.published, last) for e in entries):
        return True  # a meeting we have never seen: its committee's list has it
    dated = [e.published for e in entries if e.published]
    # A feed holds only its latest entries: if even the oldest is newer than our last look, some may be lost.
    return bool(dated) and min(dated) > (state.feed_checked_on or last)
