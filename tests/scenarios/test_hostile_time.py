"""Time per document and per council is bounded whatever a site does (issue 22, item 5), over loopback sockets:
one deadline across every redirect hop, a minimum transfer rate, the council's budget inside a long transfer."""

from __future__ import annotations

import time
from http.server import BaseHTTPRequestHandler

from tests.scenarios.test_hostile import bounded_call, make_client
from tests.support.hostile import HostileServer, drip, plain


def slow_redirect(location: str, wait: float):
    """Answers a redirect after `wait` seconds: each hop alone is well inside the deadline."""

    def send(h: BaseHTTPRequestHandler) -> None:
        time.sleep(wait)
        plain(b"", 302, headers={"Location": location})(h)

    return send


def steady(chunk: bytes, every_seconds: float, chunks: int):
    """A body sent at a steady, reasonable rate that takes `chunks * every_seconds` to arrive."""

    def send(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", "application/pdf")
        h.send_header("Connection", "close")
        h.end_headers()
        h.close_connection = True
        h.wfile.write(b"%PDF-1.4\n")
        for _ in range(chunks):
            h.wfile.write(chunk)
            h.wfile.flush()
            time.sleep(every_seconds)

    return send


def test_a_six_hop_redirect_chain_ends_within_one_deadline(tmp_path):
    with HostileServer() as site:
        for hop in range(6):
            site.answer(f"/hop{hop}", slow_redirect(f"/hop{hop + 1}", wait=0.8))
        site.answer("/hop6", plain(b"<html>at last</html>"))
        client = make_client(tmp_path, site, request_deadline=2.0, max_redirects=6)
        started = time.monotonic()
        r = client.get(site.root + "/hop0")
        elapsed = time.monotonic() - started
    assert not r.ok and r.error_class == "timeout" and "deadline" in r.error
    assert elapsed < 2.0 + 1.0  # one deadline, not one per hop (6 x 0.8 s = 4.8 s)


def test_a_one_byte_a_second_drip_ends_as_too_slow_within_60_s(tmp_path):
    with HostileServer() as site:
        site.answer("/drip.pdf", drip(total_bytes=10_000, every_seconds=1.0))
        client = make_client(tmp_path, site, read_timeout=60)  # the defaults: a 300 s deadline
        assert client.settings.request_deadline == 300
        r, elapsed = bounded_call(lambda: client.get(site.root + "/drip.pdf", expect="pdf"), 60)
    assert not r.ok and r.error_class == "too_slow", r.error
    assert "bytes/s" in r.error


def test_a_long_transfer_stops_when_the_council_budget_is_spent(tmp_path):
    with HostileServer() as site:
        site.answer("/big.pdf", steady(b"0" * 8192, every_seconds=0.1, chunks=600))  # 60 s at 80 KB/s
        client = make_client(tmp_path, site, read_timeout=10)
        client.start_council("c", seconds=2.0)
        started = time.monotonic()
        r = client.get(site.root + "/big.pdf", council="c", expect="pdf")
        elapsed = time.monotonic() - started
    assert not r.ok and r.error_class == "budget_exceeded", r.error
    assert elapsed < 2.0 + 1.5
    assert client.budget_spent("c").startswith("council time budget of 2 s spent")
