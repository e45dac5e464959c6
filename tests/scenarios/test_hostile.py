"""Hostile and broken sites (issue 9), each over real loopback sockets (tests/support/hostile.py).

Addresses: the configured sites listen on 127.0.0.1; "canaries" nobody configured listen on
127.0.0.2 and on other ports of 127.0.0.1. A canary that records a request is a fetch outside the
councils file.
"""

from __future__ import annotations

import time

import pytest

from scrapers.http import ClientSettings, MemoryValidatorStore, PoliteClient, host_key
from scrapers.press import NewsScraper
from tests.support.hostile import HostileServer, MiB, drip, gzip_bomb, peak_rss_growth, plain, redirect
from transforms.rawstore import RawStore

REFUSED = {"unsafe_url", "host_not_allowed", "offsite_redirect"}


@pytest.fixture(scope="module")
def servers():
    site, other = HostileServer("127.0.0.1").start(), HostileServer("127.0.0.1").start()
    canary, canary_local = HostileServer("127.0.0.2").start(), HostileServer("127.0.0.1").start()
    for s in (site, other, canary, canary_local):
        s.answer("/x", plain(b"<html><body>not yours to read</body></html>"))
        s.answer("/page", plain(b"<html><body>a configured page</body></html>"))
    yield site, other, canary, canary_local
    for s in (site, other, canary, canary_local):
        s.stop()


def make_client(tmp_path, *configured, **settings) -> PoliteClient:
    settings = {"backoff_seconds": 0.01, "retries": 0, "read_timeout": 2, **settings}
    client = PoliteClient(
        RawStore(tmp_path / "raw"),
        MemoryValidatorStore(),
        settings=ClientSettings(**settings),
        allowed_hosts={host_key(s.root) for s in configured},
    )
    for s in configured:
        client.rate_limiter.set_rate(host_key(s.root), 1000)
    return client


@pytest.fixture
def client(tmp_path, servers):
    site, other, canary, canary_local = servers
    for s in servers:
        s.hits.clear()
    return make_client(tmp_path, site, other)


def pages(server: HostileServer) -> list[str]:
    return [p for p in server.hits if p != "/robots.txt"]


def tricks(site: HostileServer, canary: HostileServer, canary_local: HostileServer) -> dict[str, str]:
    a, c, lc = site.port, canary.port, canary_local.port
    return {
        "backslash-at": f"http://127.0.0.2:{c}\\@127.0.0.1:{a}/x",
        "backslash-at-same-host": f"http://127.0.0.1:{lc}\\@127.0.0.1:{a}/x",
        "userinfo-at": f"http://127.0.0.1:{a}@127.0.0.2:{c}/x",
        "userinfo-credentials": f"http://user:pass@127.0.0.1:{a}/page",
        "encoded-backslash": f"http://127.0.0.2:{c}%5C@127.0.0.1:{a}/x",
        "encoded-at-in-port": f"http://127.0.0.1:{a}%40127.0.0.2:{c}/x",
        "encoded-at-in-host": f"http://127.0.0.2%40127.0.0.1:{a}/x",
        "ipv6-mapped": f"http://[::ffff:127.0.0.2]:{c}/x",
        "ipv6-mapped-hex": f"http://[::ffff:7f00:2]:{c}/x",
        "ipv6-mapped-configured": f"http://[::ffff:127.0.0.1]:{a}/x",
        "decimal-ip": f"http://2130706434:{c}/x",
        "decimal-ip-configured": f"http://2130706433:{a}/x",
        "octal-ip": f"http://0177.0.0.2:{c}/x",
        "hex-ip": f"http://0x7f.0.0.2:{c}/x",
        "mixed-case-scheme": f"HtTp://127.0.0.2:{c}/x",
        "other-port": f"http://127.0.0.1:{lc}/x",
        "file-scheme": "FILE:///etc/passwd",
        "https-other-host": f"https://127.0.0.2:{c}/x",
    }


TRICKS = [
    "backslash-at",
    "backslash-at-same-host",
    "userinfo-at",
    "userinfo-credentials",
    "encoded-backslash",
    "encoded-at-in-port",
    "encoded-at-in-host",
    "ipv6-mapped",
    "ipv6-mapped-hex",
    "ipv6-mapped-configured",
    "decimal-ip",
    "decimal-ip-configured",
    "octal-ip",
    "hex-ip",
    "mixed-case-scheme",
    "other-port",
    "file-scheme",
    "https-other-host",
]


@pytest.mark.parametrize("name", TRICKS)
def test_a_tricky_url_is_refused_before_any_request(client, servers, name):
    site, other, canary, canary_local = servers
    trick = tricks(site, canary, canary_local)[name]
    r = client.get(trick, council="c")
    assert not r.ok and r.error_class in REFUSED and r.attempts == 0
    assert canary.hits == [] and canary_local.hits == [] and site.hits == []
    assert client.log[-1].error_class in REFUSED  # recorded, not only refused


@pytest.mark.parametrize(
    "name",
    [
        "backslash-at",
        "backslash-at-same-host",
        "userinfo-at",
        "encoded-backslash",
        "encoded-at-in-port",
        "ipv6-mapped",
        "decimal-ip",
        "decimal-ip-configured",
        "octal-ip",
        "mixed-case-scheme",
        "other-port",
        "file-scheme",
        "protocol-relative",
        "slash-backslash",
        "unclosed-ipv6",
    ],
)
def test_a_redirect_to_a_tricky_url_is_refused(client, servers, name):
    site, other, canary, canary_local = servers
    locations = {
        **tricks(site, canary, canary_local),
        "protocol-relative": f"//127.0.0.2:{canary.port}/x",
        "slash-backslash": f"/\\127.0.0.2:{canary.port}/x",
        "unclosed-ipv6": "http://[::1/x",
    }
    start = site.answer(f"/go-{name}", redirect(locations[name]))
    r = client.get(start, council="c")
    assert not r.ok and r.error_class in REFUSED
    assert canary.hits == [] and canary_local.hits == []


def test_a_mixed_case_scheme_to_a_configured_host_is_the_same_host(client, servers):
    site = servers[0]
    r = client.get(f"HtTp://127.0.0.1:{site.port}/page")
    assert r.ok and pages(site) == ["/page"]


def test_redirects_chained_through_an_allowed_host_are_checked_at_every_hop(client, servers):
    site, other, canary, canary_local = servers
    last = other.answer("/hop2", redirect(f"http://127.0.0.2:{canary.port}\\@127.0.0.1:{other.port}/x"))
    first = site.answer("/hop1", redirect(last))
    r = client.get(first)
    assert r.error_class == "offsite_redirect"
    assert pages(site) == ["/hop1"] and pages(other) == ["/hop2"] and canary.hits == []


def test_redirects_between_allowed_hosts_are_followed_hop_by_hop_to_a_bound(client, servers):
    site, other = servers[:2]
    ok = other.answer("/arrive", redirect(site.root + "/page"))
    r = client.get(site.answer("/depart", redirect(ok)))
    assert r.ok and r.final_url == site.root + "/page"
    site.answer("/loop", redirect(other.root + "/loop"))
    other.answer("/loop", redirect(site.root + "/loop"))
    r = client.get(site.root + "/loop")
    assert r.error_class == "redirect_loop"
    loops = [p for p in site.hits + other.hits if p == "/loop"]
    assert len(loops) == client.settings.max_redirects + 1


def test_feed_entries_linking_outside_the_councils_file_are_not_fetched(client, servers):
    site, other, canary, canary_local = servers
    entries = [
        f"http://127.0.0.2:{canary.port}\\@127.0.0.1:{site.port}/x",
        f"//127.0.0.2:{canary.port}/x",
        f"http://127.0.0.1:{site.port}@127.0.0.2:{canary.port}/x",
        f"http://127.0.0.1:{canary_local.port}/x",
        "http://[::1/x",
    ]
    items = "".join(f"<item><title>t{i}</title><link>{u}</link></item>" for i, u in enumerate(entries))
    feed = site.answer(
        "/feed.rss",
        plain(
            f'<?xml version="1.0"?><rss version="2.0"><channel><title>n</title>{items}</channel></rss>'.encode(),
            content_type="application/rss+xml",
        ),
    )
    news = NewsScraper(client, "c", None, feed).harvest()
    assert news.releases == []
    assert canary.hits == [] and canary_local.hits == []
    assert len(news.errors) == len(entries)


# -- row 3: robots.txt is read like every body: streamed, capped after decoding -----------------
def test_a_gzip_bomb_robots_txt_is_refused_with_bounded_memory(tmp_path):
    with HostileServer() as site:
        site.answer("/robots.txt", gzip_bomb(256 * MiB))
        site.answer("/page", plain(b"<html>fine</html>"))
        client = make_client(tmp_path, site, max_bytes=8 * MiB)
        with peak_rss_growth() as peak:
            r = client.get(site.root + "/page")
        assert r.ok  # an unreadable robots.txt is not a ban…
        assert peak["bytes"] < 48 * MiB  # …and was never held in memory whole


# -- row 6: an overall deadline per request, not per read -----------------------------------------
def test_a_body_dripped_a_byte_at_a_time_is_cut_off_at_the_request_deadline(tmp_path):
    with HostileServer() as site:
        site.answer("/slow.pdf", drip(total_bytes=400, every_seconds=0.02))
        client = make_client(tmp_path, site, read_timeout=2, request_deadline=1.0)
        started = time.monotonic()
        r = client.get(site.root + "/slow.pdf", expect="pdf")
        elapsed = time.monotonic() - started
    assert not r.ok and r.error_class == "timeout"
    assert elapsed < 1.0 + client.settings.read_timeout + 1


# -- row 9: Content-Length counts the encoded bytes -------------------------------------------------
def test_a_gzip_body_shorter_once_decoded_than_its_content_length_is_whole(tmp_path):
    import gzip
    import os

    data = os.urandom(20_000)  # incompressible: the gzip is longer than the data
    with HostileServer() as site:
        site.answer(
            "/doc",
            plain(gzip.compress(data), content_type="application/octet-stream", headers={"Content-Encoding": "gzip"}),
        )
        r = make_client(tmp_path, site).get(site.root + "/doc")
    assert r.ok and r.body == data and r.attempts == 1


def test_listing_links_are_read_with_the_clients_parser():
    from scrapers.press import article_links

    page = (
        b'<a href="http://127.0.0.2:9\\@127.0.0.1:8000/news/a">a</a>'
        b'<a href="//127.0.0.2:9/news/b">b</a><a href="http://127.0.0.1:8000@127.0.0.2:9/news/c">c</a>'
        b'<a href="/news/d">d</a>'
    )
    page += b'<a href="http://[::1/news/e">e</a>'
    assert article_links(page, "http://127.0.0.1:8000/news", "http://127.0.0.1:8000/news") == [
        "http://127.0.0.1:8000/news/d"
    ]


# -- row 5: Crawl-delay and Retry-After are capped; a council has a time budget ---------------------
def bounded_call(fn, seconds: float):
    """fn() in a thread; (result, elapsed), or a failure when it is still running after `seconds`."""
    import threading

    out = {}
    thread = threading.Thread(target=lambda: out.setdefault("r", fn()), daemon=True)
    started = time.monotonic()
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still waiting after {seconds} s"
    return out["r"], time.monotonic() - started


def test_a_huge_crawl_delay_skips_the_host_for_the_run_with_a_recorded_reason(tmp_path):
    with HostileServer() as site:
        site.answer("/robots.txt", plain(b"User-agent: *\nCrawl-delay: 86400\n", content_type="text/plain"))
        site.answer("/page", plain(b"<html>fine</html>"))
        client = make_client(tmp_path, site)
        (first, second), elapsed = bounded_call(
            lambda: (client.get(site.root + "/page", council="c"), client.get(site.root + "/page", council="c")), 10
        )
    assert first.error_class == second.error_class == "host_skipped"
    assert "Crawl-delay of 86400 s" in client.log[-1].error
    assert pages(site) == [] and elapsed < 5


def test_a_huge_retry_after_skips_the_host_for_the_run(tmp_path):
    with HostileServer() as site:
        site.answer("/page", plain(b"slow down", 429, headers={"Retry-After": "86400"}))
        client = make_client(tmp_path, site, retries=3)
        (first, second), elapsed = bounded_call(
            lambda: (client.get(site.root + "/page", council="c"), client.get(site.root + "/page", council="c")), 10
        )
    assert first.error_class == "host_skipped" and "Retry-After of 86400 s" in first.error
    assert second.error_class == "host_skipped" and second.attempts == 0
    assert pages(site) == ["/page"] and elapsed < 5


def test_a_council_over_its_time_budget_skips_the_rest_with_one_recorded_reason(tmp_path):
    with HostileServer() as site:
        site.answer("/page", plain(b"<html>fine</html>"))
        client = make_client(tmp_path, site)
        client.start_council("c", seconds=1.0)
        first = client.get(site.root + "/page", council="c")
        time.sleep(1.2)
        later, elapsed = bounded_call(lambda: [client.get(site.root + "/page", council="c") for _ in range(3)], 10)
    assert first.ok and [r.error_class for r in later] == ["budget_exceeded"] * 3
    assert [e.error_class for e in client.log].count("budget_exceeded") == 1
    assert pages(site) == ["/page"]
    assert client.budget_spent("c").startswith("council time budget of 1 s spent")


# -- row 8: a 0-byte or wrong-type document answer is asked for again, with backoff -------------------
@pytest.mark.parametrize("kind", ["html", "empty"])
def test_a_wrong_type_or_empty_document_is_asked_for_again_with_backoff_until_it_heals(tmp_path, kind):
    from flows.config import CouncilConfig
    from flows.harvest import SETTLED_STATUSES, CouncilHarvest, FetchedDocument, analyse_council
    from scrapers.models import DocumentRef
    from tests.support.hostile import pdf_with_lone_surrogate
    from transforms.pdf_text import extract_pdf_bytes
    from warehouse import load as wl
    from warehouse.db import open_warehouse

    broken = {
        "html": plain(b"<html><body>Service unavailable</body></html>"),
        "empty": plain(b"", content_type="application/pdf"),
    }[kind]
    with HostileServer() as site:
        url = site.answer("/doc.pdf", broken)
        client = make_client(tmp_path, site)
        council = CouncilConfig(slug="c", name="Council c", moderngov_url=site.root)
        con = open_warehouse(str(tmp_path / "w.duckdb"))

        def night() -> tuple:
            fetched = client.get(url, council="c", expect="pdf")
            extractions = {url: extract_pdf_bytes(fetched.body)} if fetched.ok else {}
            harvest = CouncilHarvest(council, documents=[FetchedDocument(DocumentRef(url, "Report"), fetched)])
            wl.load_council_batch(con, analyse_council(harvest, extractions, {}, {}), "run")
            return con.execute(
                "SELECT extract_status, fetch_attempts, round(epoch(next_fetch_after - now()) / 3600) FROM documents"
            ).fetchone()

        def time_passes() -> None:
            con.execute("UPDATE documents SET next_fetch_after = now() - INTERVAL 1 HOUR")

        assert night() == ("unavailable", 1, 22)
        assert wl.known_documents(con)[url] in SETTLED_STATUSES  # not asked again tomorrow morning…
        time_passes()
        assert wl.known_documents(con)[url] not in SETTLED_STATUSES  # …but once its backoff has passed
        assert night() == ("unavailable", 2, 46)  # still broken: it waits twice as long
        time_passes()
        site.answer("/doc.pdf", plain(pdf_with_lone_surrogate(), content_type="application/pdf"))
        assert night()[:2] == ("ok", 0)  # healed: read and kept
        con.close()


def test_a_404_document_is_settled_as_gone(tmp_path):
    from flows.config import CouncilConfig
    from flows.harvest import SETTLED_STATUSES, CouncilHarvest, FetchedDocument, analyse_council
    from scrapers.models import DocumentRef
    from warehouse import load as wl
    from warehouse.db import open_warehouse

    with HostileServer() as site:
        url = site.root + "/missing.pdf"
        fetched = make_client(tmp_path, site).get(url, council="c", expect="pdf")
    con = open_warehouse(str(tmp_path / "w.duckdb"))
    harvest = CouncilHarvest(
        CouncilConfig(slug="c", name="Council c", moderngov_url=site.root),
        documents=[FetchedDocument(DocumentRef(url, "Report"), fetched)],
    )
    wl.load_council_batch(con, analyse_council(harvest, {}, {}, {}), "run")
    assert wl.known_documents(con)[url] == "gone" and "gone" in SETTLED_STATUSES
    con.close()


# -- row 11: a web-service answer that is not its XML is a recorded failure of the source ------------
BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    b"<getmeetings>&lol3;</getmeetings>"
)


@pytest.mark.parametrize("answer", [BILLION_LAUGHS, b"<getmeetings><committee><meeting>", b"\x00\xff garbage"])
def test_a_web_service_answer_that_is_not_its_xml_is_a_recorded_failure(tmp_path, answer):
    from datetime import date

    from flows.config import CouncilConfig
    from flows.harvest import analyse_council, harvest_council
    from tests.support.fixtures import fixture_bytes

    with HostileServer() as site:
        site.answer(
            "/mgWebService.asmx/GetCommittees", plain(fixture_bytes("ws_GetCommittees.xml"), content_type="text/xml")
        )
        site.answer("/mgWebService.asmx/GetMeetings", plain(answer, content_type="text/xml"))
        client = make_client(tmp_path, site)
        council = CouncilConfig(slug="c", name="Council c", moderngov_url=site.root)
        harvest = harvest_council(council, client, date(2026, 1, 1), date(2026, 12, 31), {}, set())
    batch = analyse_council(harvest, {}, {}, {})
    assert batch.source_errors["moderngov"].startswith("web service answer unusable")
    meetings_log = [e for e in client.log if "GetMeetings" in e.url]
    assert len(meetings_log) == 2  # both committees asked…
    assert all(e.status == 200 and e.error_class == "unexpected_response" for e in meetings_log)  # …both recorded


def test_a_link_urllib_cannot_split_is_refused_not_a_crash(client):
    from scrapers.moderngov.urls import absolute

    url = absolute("http://127.0.0.1:8000/mgAi.aspx?ID=1", "http://[::1/documents/s1/x.pdf")
    r = client.get(url, council="c")
    assert r.error_class == "unsafe_url" and r.attempts == 0


def test_headers_dripped_a_byte_at_a_time_are_cut_off_at_the_request_deadline(tmp_path):
    from tests.support.hostile import drip_headers

    with HostileServer() as site:
        site.answer("/slow", drip_headers(total_bytes=400, every_seconds=0.05))
        client = make_client(tmp_path, site, read_timeout=2, request_deadline=1.0)
        started = time.monotonic()
        r = client.get(site.root + "/slow")
        elapsed = time.monotonic() - started
    assert not r.ok and r.error_class == "timeout" and "deadline" in r.error
    assert elapsed < 1.0 + 1.5
