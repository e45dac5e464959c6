"""Floods (issue 22, items 1, 6 and 7): a meeting page with 200,000 document links and a news feed of a million
items, from one council, in one night over loopback. The night completes with the harvest's whole process tree
under 1 GB, the council's other results are stored, and each cap reached is a `source_health` warning.

Pages are generated as they are sent (the server holds a few KB at a time), so the test costs seconds.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import duckdb

from flows.nightly import nightly_harvest
from tests.scenarios.test_hostile_night import TreePeakRSS
from tests.support.hostile import HostileServer, plain

GiB = 1024**3
MEETING_DAY = date(2026, 3, 3)


def streamed(parts, content_type: str):
    """An answer written part by part as `parts()` yields it, with no Content-Length: nothing is held whole."""

    def send(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", content_type)
        h.send_header("Connection", "close")
        h.end_headers()
        h.close_connection = True
        for part in parts():
            h.wfile.write(part)

    return send


def flood_page(links: int):
    """One agenda item whose supporting documents are `links` PDF links: about 12.6 MB for 200,000."""

    def parts():
        yield (
            b"<html><head><title>Flood Committee - Tuesday, 3rd March, 2026 6.30 pm</title></head><body>"
            b"<table class=\"mgItemTable\"><tr><td><p class=\"mgAiTitleTxt\"><a name=\"AI1\"></a>1.</p></td><td>"
            b"<p class=\"mgAiTitleTxt\">Papers for the year</p>"
            b"<p class=\"mgSubItemTitleTxt\">Supporting documents:</p><ul>"
        )
        for start in range(0, links, 10_000):
            yield "".join(
                f'<li><a href="mgConvert2PDF.aspx?ID={n}">Paper {n}</a></li>'
                for n in range(start, min(links, start + 10_000))
            ).encode()
        yield b"</ul></td></tr></table></body></html>"

    return parts


def ordinary_page() -> bytes:
    return (
        b"<html><head><title>Children's Services Scrutiny - Tuesday, 3rd March, 2026 6.30 pm</title></head><body>"
        b"<table class=\"mgItemTable\"><tr><td><p class=\"mgAiTitleTxt\"><a name=\"AI2\"></a>2.</p></td><td>"
        b"<p class=\"mgAiTitleTxt\">Ofsted inspection of local authority children's services</p>"
        b"<p class=\"mgSubItemTitleTxt\">Minutes:</p><div><p>The committee received the report on the Ofsted "
        b"inspection of local authority children's services carried out in January 2026. Inspectors judged "
        b"the overall effectiveness of services to be good.</p></div></td></tr></table></body></html>"
    )


def million_item_feed(items: int):
    """An RSS feed of `items` relative links (about 39 MB for a million): resolved against the feed's address."""

    def parts():
        yield b'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
        for start in range(0, items, 20_000):
            yield "".join(
                f"<item><title>Story {n}</title><link>news/story-{n}</link></item>"
                for n in range(start, min(items, start + 20_000))
            ).encode()
        yield b"</channel></rss>"

    return parts


ARTICLE = (
    b"<html><head><title>Council welcomes peer challenge</title></head><body><article>"
    b"<h1>Council welcomes peer challenge</h1><p>Published 2 March 2026</p><p>The Local Government "
    b"Association's corporate peer challenge team spent four days with the council last month. Their report "
    b"praises the council's leadership and its work with partners, and recommends a clearer plan for "
    b"finances over the next three years.</p></article></body></html>"
)


def flooding_site() -> HostileServer:
    site = HostileServer().start()
    site.answer(
        "/mgListCommittees.aspx",
        plain(b'<html><body><a href="mgCommitteeDetails.aspx?ID=7">Scrutiny Committee</a></body></html>'),
    )
    site.answer(
        "/ieListMeetings.aspx",
        plain(
            b'<html><body><a class="mgMeetingTableLnk" href="ieListDocuments.aspx?CId=7&amp;MId=1">3 Mar 2026 6.30 pm'
            b'</a><a class="mgMeetingTableLnk" href="ieListDocuments.aspx?CId=7&amp;MId=2">3 Mar 2026 6.30 pm</a>'
            b"</body></html>"
        ),
    )
    flood, ordinary = streamed(flood_page(200_000), "text/html"), plain(ordinary_page())

    def meeting(h: BaseHTTPRequestHandler) -> None:
        mid = parse_qs(urlsplit(h.path).query).get("MId", [""])[0]
        (flood if mid == "1" else ordinary)(h)

    site.answer("/ieListDocuments.aspx", meeting)
    site.answer("/press/feed.rss", streamed(million_item_feed(1_000_000), "application/rss+xml"))
    site.answer("/press/news/story-0", plain(ARTICLE))
    return site


def test_a_200k_link_meeting_page_and_a_million_item_feed_end_bounded_with_the_rest_stored(tmp_path, monkeypatch):
    for name, value in {
        "PEERWATCH_RETRIES": "0",
        "PEERWATCH_BACKOFF_SECONDS": "0.05",
        "PEERWATCH_COUNCIL_BUDGET_SECONDS": "240",
    }.items():
        monkeypatch.setenv(name, value)
    site = flooding_site()
    councils, db = tmp_path / "councils.toml", tmp_path / "w.duckdb"
    councils.write_text(
        f'[[council]]\nslug = "flood"\nname = "Flood Borough Council"\nmoderngov_url = "{site.root}"\n'
        f'news_feed_url = "{site.root}/press/feed.rss"\nmax_requests_per_second = 100\n'
    )
    try:
        started = time.monotonic()
        with TreePeakRSS() as rss:
            summary = nightly_harvest(
                councils_file=str(councils),
                db=str(db),
                data_dir=str(tmp_path / "data"),
                since=date(2026, 1, 1),
                until=date(2026, 6, 30),
                today=date(2026, 3, 20),
            )
        elapsed = time.monotonic() - started
    finally:
        site.stop()
    print(f"floods: {elapsed:.0f} s, process tree peak RSS {rss.peak / 1024**2:.0f} MiB")
    assert rss.peak < 1 * GiB
    con = duckdb.connect(str(db), read_only=True)
    items = dict(con.execute("SELECT meeting_id, count(*) FROM agenda_items GROUP BY ALL").fetchall())
    assert items == {"1": 1, "2": 1}  # the flooded meeting and the other one
    linked = con.execute("SELECT count(*) FROM item_documents").fetchone()[0]
    assert 0 < linked <= 500  # documents per meeting capped
    assert con.execute(
        "SELECT is_review FROM classifications WHERE url LIKE '%AI=2%' OR url LIKE '%ID=2%'"
    ).fetchall() == [(True,)]
    press = con.execute("SELECT url FROM press_releases").fetchall()
    assert press == [(f"{site.root}/press/news/story-0",)]  # a relative feed link, resolved
    articles_asked = con.execute("SELECT count(*) FROM fetch_log WHERE url LIKE '%/press/news/%'").fetchone()[0]
    assert articles_asked == 200  # new articles per night capped
    warnings = dict(
        con.execute("SELECT source, warning FROM quiet_sources WHERE warning_kind = 'limit_reached'").fetchall()
    )
    assert "PEERWATCH_MAX_DOCUMENTS_PER_MEETING" in warnings["moderngov"]
    assert "PEERWATCH_MAX_NEW_ARTICLES" in warnings["news"] and "PEERWATCH_MAX_FEED_BYTES" in warnings["news"]
    assert summary["councils"] == 1


BOMBS_PAGE = (
    b"<html><head><title>Scrutiny Committee - Tuesday, 3rd March, 2026 6.30 pm</title></head><body>"
    b'<table class="mgItemTable"><tr><td><p class="mgAiTitleTxt"><a name="AI3"></a>3.</p></td><td>'
    b'<p class="mgAiTitleTxt">Budget monitoring</p><p class="mgSubItemTitleTxt">Supporting documents:</p>'
    b'<ul><li><a href="mgConvert2PDF.aspx?ID=1">Budget PDF 1 MB</a></li>'
    b'<li><a href="mgConvert2PDF.aspx?ID=2">Budget annex PDF 1 MB</a></li></ul></td></tr></table>'
    b"</body></html>"
)


def test_two_flate_bombs_at_once_keep_the_whole_harvest_tree_under_1_gb(tmp_path, monkeypatch):
    """Each worker's memory limit is sized so that both workers at their limit and the flow stay under 1 GB."""
    from tests.support.pdf_bombs import flate_bomb

    monkeypatch.setenv("PEERWATCH_RETRIES", "0")
    bomb = flate_bomb(decoded_mb=1024)  # 1 GiB of content once inflated, about 1 MB here
    site = HostileServer().start()
    site.answer(
        "/mgListCommittees.aspx",
        plain(b'<html><body><a href="mgCommitteeDetails.aspx?ID=7">Scrutiny Committee</a></body></html>'),
    )
    site.answer(
        "/ieListMeetings.aspx",
        plain(
            b'<html><body><a class="mgMeetingTableLnk" href="ieListDocuments.aspx?CId=7&amp;MId=3">3 Mar 2026 6.30 pm'
            b"</a></body></html>"
        ),
    )
    site.answer("/ieListDocuments.aspx", plain(BOMBS_PAGE))
    site.answer("/mgConvert2PDF.aspx", plain(bomb, content_type="application/pdf"))
    councils, db = tmp_path / "councils.toml", tmp_path / "w.duckdb"
    councils.write_text(
        f'[[council]]\nslug = "bombs"\nname = "Bomb Borough Council"\nmoderngov_url = "{site.root}"\n'
        "max_requests_per_second = 100\n"
    )
    # The harvest runs as its own process, as it does at night: the test process has grown over the suite and
    # is not the harvest's memory.
    harvest = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "flows.cli",
            "harvest",
            "--councils",
            str(councils),
            "--db",
            str(db),
            "--data-dir",
            str(tmp_path / "data"),
            "--workers",
            "2",
            "--since",
            "2026-01-01",
            "--until",
            "2026-06-30",
        ],
        cwd=Path(__file__).resolve().parents[2],
        env=dict(os.environ, PEERWATCH_RETRIES="0", PEERWATCH_PROGRESS="plain"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        with TreePeakRSS(every=0.02, pid=harvest.pid) as rss:
            assert harvest.wait(timeout=300) == 0
    finally:
        harvest.kill()
        site.stop()
    print(f"two bombs: process tree peak RSS {rss.peak / 1024**2:.0f} MiB")
    con = duckdb.connect(str(db), read_only=True)
    statuses = con.execute("SELECT extract_status FROM documents ORDER BY url").fetchall()
    assert statuses == [("too_large",), ("too_large",)]
    assert rss.peak < 1 * GiB
