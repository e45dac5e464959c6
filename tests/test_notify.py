"""Notifications: alerts and source warnings reach an Apprise channel over a real socket, once."""
import json
import threading
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from flows import nightly
from flows.notify import send_alerts, send_source_warnings
from warehouse import load as wl
from warehouse.db import open_warehouse

ALERT = {"url": "http://council.example/mgAi.aspx?ID=7", "council": "haringey", "council_name": "Haringey Council",
         "title": "Ofsted ILACS outcome", "review_type": "ofsted_ilacs", "reason": "judgement table",
         "created_at": datetime(2026, 11, 1, tzinfo=timezone.utc)}


class Receiver:
    """A loopback webhook that keeps what Apprise's json:// plugin posts to it."""

    def __init__(self):
        received = self.received = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"json://127.0.0.1:{self.server.server_port}/hook"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


def closed_port_url() -> str:
    r = Receiver()
    url = r.url
    r.close()
    return url


class Log:
    def __init__(self):
        self.lines = []

    def warning(self, msg, *args):
        self.lines.append(msg % args)


def test_alerts_go_out_as_one_digest(receiver):
    assert send_alerts([ALERT, {**ALERT, "url": ALERT["url"] + "1"}], [receiver.url])
    (message,) = receiver.received
    assert message["title"] == "PeerWatch: 2 new review publication(s)"
    assert ALERT["url"] in message["message"] and "why: judgement table" in message["message"]


def test_an_unreachable_channel_reports_failure():
    assert send_alerts([ALERT], [closed_port_url()]) is False


def fail_three_runs(con, council="gone"):
    for n in range(3):
        wl.load_council_batch(con, wl.CouncilBatch(council=council, source_errors={"moderngov": "connection failed"}),
                              f"fail{n}")


def test_a_source_warning_is_sent_once_and_again_after_recovery(tmp_path, receiver):
    con = open_warehouse(tmp_path / "w.duckdb")
    fail_three_runs(con)
    nightly._notify_source_warnings(con, [receiver.url], Log())
    nightly._notify_source_warnings(con, [receiver.url], Log())
    assert len(receiver.received) == 1
    assert "gone moderngov: failing: 3 runs in a row (last error: connection failed)" in receiver.received[0]["message"]

    wl.load_council_batch(con, wl.CouncilBatch(council="gone", source_errors={"moderngov": None}), "ok")
    nightly._notify_source_warnings(con, [receiver.url], Log())
    assert len(receiver.received) == 1
    fail_three_runs(con)
    nightly._notify_source_warnings(con, [receiver.url], Log())
    assert len(receiver.received) == 2


def test_undelivered_alerts_and_warnings_wait_for_the_next_run(tmp_path, receiver):
    con = open_warehouse(tmp_path / "w.duckdb")
    con.execute("INSERT INTO alerts (url, council, title, review_type, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)",
                [ALERT[k] for k in ["url", "council", "title", "review_type", "reason", "created_at"]])
    fail_three_runs(con)
    log = Log()
    down = [closed_port_url()]
    nightly._notify(con, down, tmp_path, log)
    nightly._notify_source_warnings(con, down, log)
    assert len(log.lines) == 2 and all("next run" in line for line in log.lines)
    assert (tmp_path / "alerts.atom").read_text().count("<entry>") == 1

    nightly._notify(con, [receiver.url], tmp_path, Log())
    nightly._notify_source_warnings(con, [receiver.url], Log())
    assert [m["title"] for m in receiver.received] == ["PeerWatch: 1 new review publication(s)",
                                                        "PeerWatch: 1 source(s) need attention"]
    assert wl.pending_notifications(con) == [] and wl.unsent_source_warnings(con) == []
