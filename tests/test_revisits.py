"""Polite revisits: a meeting is re-read on a schedule that decays with its age, and sooner when the site's
what's-new feed names it. Nights are simulated by passing the run date, against the loopback replica."""

from __future__ import annotations

import copy
from datetime import date, timedelta

import pytest

from flows.config import load_councils
from flows.harvest import analyse_council, documents_to_extract, harvest_council, revisits_for
from flows.nightly import LOOK_AHEAD, SETTLE_WINDOW, build_client
from scrapers.http import ClientSettings, MemoryValidatorStore
from scrapers.moderngov.revisits import next_read_on, parse_feed
from transforms.pdf_pool import TextExtractor
from transforms.rawstore import RawStore
from warehouse import load as wl
from warehouse.db import open_warehouse

T0 = date(2026, 3, 2)


@pytest.mark.parametrize(
    "meeting, read_on, expected",
    [
        (T0, T0 + timedelta(days=3), T0 + timedelta(days=4)),  # just after: nightly
        (T0 + timedelta(days=5), T0, T0 + timedelta(days=1)),  # agenda week: nightly
        (T0 - timedelta(weeks=10), T0, T0 + timedelta(days=7)),  # weeks after: weekly
        (T0 - timedelta(weeks=11, days=4), T0, T0 - timedelta(weeks=11, days=4) + SETTLE_WINDOW),  # last look
        (T0 - timedelta(weeks=12), T0, None),  # settled
        (T0 + timedelta(weeks=5), T0, T0 + timedelta(weeks=1)),  # far ahead: weekly
        (T0 + timedelta(days=12), T0, T0 + timedelta(days=2)),  # ...until ten days before
    ],
)
def test_revisit_schedule_decays_with_age(meeting, read_on, expected):
    assert next_read_on(meeting, read_on, SETTLE_WINDOW) == expected


def test_with_a_feed_a_recent_meeting_is_looked_at_weekly_not_nightly():
    assert next_read_on(T0 - timedelta(days=3), T0, SETTLE_WINDOW, feed=True) == T0 + timedelta(days=7)
    assert next_read_on(T0 + timedelta(days=20), T0, SETTLE_WINDOW, feed=True) == T0 + timedelta(days=7)


def test_a_meeting_with_something_left_to_read_is_due_at_the_next_run():
    assert next_read_on(T0 - timedelta(weeks=10), T0, SETTLE_WINDOW, complete=False) == T0
    assert next_read_on(T0 - timedelta(weeks=30), T0, SETTLE_WINDOW, complete=False) == T0


def test_a_feed_that_names_no_meeting_is_not_leaned_on():
    decisions_only = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>Decision</title>'
        b'<link>ieDecisionDetails.aspx?ID=5</link><pubDate>Mon, 02 Mar 2026 09:00:00 GMT</pubDate></item>'
        b'</channel></rss>'
    )
    assert parse_feed(decisions_only) is None
    assert parse_feed(b"<html><body>What's new</body></html>") is None
    meetings = decisions_only.replace(b"ieDecisionDetails.aspx?ID=5", b"ieListDocuments.aspx?CId=1&amp;MID=77")
    assert [(e.meeting_id, e.published) for e in parse_feed(meetings)] == [("77", T0)]


def _recent_sites(slugs: tuple[str, ...]):
    """Copies of replica sites whose meetings fall 10 weeks and 3 days before T0."""
    from replica.content import SITES

    sites = []
    for site in copy.deepcopy([s for s in SITES if s.slug in slugs]):
        for n, m in enumerate(site.meetings):
            m.when = T0 - (timedelta(weeks=10) if n == 0 else timedelta(days=3 + n))
        sites.append(site)
    return sites


class Nights:
    """One harvest per call, as the flow does it (plain functions, no Prefect run), at a given date."""

    def __init__(self, replica, tmp_path):
        self.replica, self.tmp = replica, tmp_path
        cfg = tmp_path / "councils.toml"
        cfg.write_text(replica.councils_toml(requests_per_second=100))
        self.councils = load_councils(str(cfg))
        self.extractor = TextExtractor(workers=1)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.extractor.close()

    def run(self, today: date) -> list:
        self.replica.today = today
        mark = len(self.replica.requests)
        con = open_warehouse(self.tmp / "w.duckdb")
        raw = RawStore(self.tmp / "raw")
        validators = MemoryValidatorStore(wl.http_validators(con))
        client = build_client(self.councils, raw, validators, ClientSettings(backoff_seconds=0.01, retries=1))
        since, until = today - SETTLE_WINDOW, today + LOOK_AHEAD
        schedules, known = wl.revisit_schedules(con, since, until), wl.known_documents(con)
        try:
            for c in self.councils:
                harvest = harvest_council(
                    c, client, since, until, known, set(), revisits_for(schedules, c.slug, today, SETTLE_WINDOW)
                )
                extractions = self.extractor.extract_many(documents_to_extract(harvest, raw))
                batch = analyse_council(harvest, extractions, {}, {})
                batch.fetch_log = client.drain_log(c.slug)
                batch.validators = dict(validators.updated)
                wl.load_council_batch(con, batch, "test")
        finally:
            con.close()
        return self.replica.requests[mark:]


def test_a_document_attached_late_to_a_meeting_ten_weeks_old_is_found_within_a_week(tmp_path):
    from replica.content import Doc
    from replica.server import Replica

    sites = _recent_sites(("barnsley", "eastmoor"))  # barnsley: web service and a feed; eastmoor: HTML, no feed
    with Replica(sites=sites, newsrooms=[]) as replica, Nights(replica, tmp_path) as nights:
        first = nights.run(T0)
        old = {s.slug: s.meetings[0] for s in sites}
        for slug, meeting in old.items():  # the next day, each council attaches a letter to its old meeting
            meeting.items[0].additional.append(
                Doc(990000 + meeting.meeting_id, f"Late letter {slug}", "report", "barnsley-peer-review")
            )
        found_on, old_page_reads = {}, {slug: 0 for slug in old}
        for day in range(1, 8):
            for r in nights.run(T0 + timedelta(days=day)):
                slug = r.host.rsplit("-", 1)[0]
                if f"={old[slug].meeting_id}" in r.path and ("ieListDocuments" in r.path or "GetMeeting?" in r.path):
                    old_page_reads[slug] += 1
                if str(990000 + old[slug].meeting_id) in r.path and r.status == 200:
                    found_on.setdefault(slug, day)
    assert found_on["barnsley"] <= 2  # the feed named the meeting the night after the letter
    assert found_on["eastmoor"] <= 7  # no feed: the weekly revisit found it
    # The old meeting was not read nightly: at its weekly turn, or when the feed named it (that night and,
    # as a feed dates entries by the day, the next).
    assert old_page_reads["eastmoor"] == 1 and old_page_reads["barnsley"] <= 2
    assert len(first) > 0


def test_a_no_change_night_reads_feeds_and_only_the_no_feed_sites_nightly_band(tmp_path):
    from replica.server import Replica

    sites = _recent_sites(("haringey", "brighton-hove", "eastmoor"))  # eastmoor has no feed
    with Replica(sites=sites, newsrooms=[]) as replica, Nights(replica, tmp_path) as nights:
        first = nights.run(T0)
        # Three nights on, nothing has changed on the sites.
        quiet = [(r.host.rsplit("-", 1)[0], r.path) for r in nights.run(T0 + timedelta(days=3))]
        con = open_warehouse(tmp_path / "w.duckdb")
        health = con.execute(
            "SELECT count(*) FROM source_health WHERE warning IS NOT NULL OR last_error IS NOT NULL"
        ).fetchone()[0]
        con.close()
    with_feed = [p for slug, p in quiet if slug != "eastmoor"]
    assert sorted(with_feed) == ["/mgRss.aspx?XXR=0", "/mgRss.aspx?XXR=0", "/robots.txt", "/robots.txt"]
    eastmoor = next(s for s in sites if s.slug == "eastmoor")
    nightly = {str(m.meeting_id) for m in eastmoor.meetings if T0 - m.when < timedelta(weeks=2)}
    read = {p.split("MId=")[1].split("&")[0] for slug, p in quiet if slug == "eastmoor" and "ieListDocuments" in p}
    assert read == nightly and any("ieListMeetings" in p for slug, p in quiet if slug == "eastmoor")
    assert not any("/documents/" in p or "mgConvert2PDF" in p for _, p in quiet)
    assert len(quiet) < len(first) / 3
    assert health == 0  # a night that skips the lists is not "a site that returned nothing"


def test_a_meeting_that_failed_to_read_is_read_the_next_night(tmp_path):
    from replica.server import Replica

    sites = _recent_sites(("barnsley",))
    with Replica(sites=sites, newsrooms=[]) as replica, Nights(replica, tmp_path) as nights:
        replica.set_fault("barnsley-moderngov", "getmeeting?", "500", times=-1)
        nights.run(T0)
        replica.clear_faults()
        second = [r.path for r in nights.run(T0 + timedelta(days=1))]
    wanted = {f"lMeetingId={m.meeting_id}" for m in sites[0].meetings}
    assert wanted <= {p.rsplit("?", 1)[1] for p in second if "GetMeeting?" in p}


def test_a_feed_that_fails_one_night_is_not_given_up(tmp_path):
    from replica.server import Replica

    with Replica(sites=_recent_sites(("barnsley",)), newsrooms=[]) as replica, Nights(replica, tmp_path) as nights:
        nights.run(T0)
        replica.set_fault("barnsley-moderngov", "mgrss", "500", times=-1)
        second = [r.path for r in nights.run(T0 + timedelta(days=1))]
        replica.clear_faults()
        con = open_warehouse(tmp_path / "w.duckdb")
        status = con.execute("SELECT feed_status FROM moderngov_revisits").fetchall()
        con.close()
    assert any("GetMeetings?" in p for p in second)  # no feed tonight: the lists are read instead
    assert status == [("rss",)]  # and the feed is asked again tomorrow
