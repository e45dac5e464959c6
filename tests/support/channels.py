"""Loopback channels the notification tests deliver to: a JSON webhook and a real SMTP server (aiosmtpd), and a
small warehouse holding alerts to send."""

from __future__ import annotations

import email
import json
import socket
import threading
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller

from warehouse import load as wl
from warehouse.db import open_warehouse

FOUND = datetime(2026, 11, 29, 2, 30, tzinfo=UTC)


class Receiver:
    """A loopback webhook that keeps the JSON posted to it."""

    def __init__(self, path="/hook"):
        received = self.received = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"json://127.0.0.1:{self.server.server_port}{path}"

    @property
    def keys(self) -> list[str]:
        """The alert keys of every digest posted so far, in order."""
        return [a["key"] for body in self.received for a in body.get("alerts", [])]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class Mailbox:
    """A real SMTP server (aiosmtpd) on loopback; keeps each message it accepts."""

    def __init__(self):
        self.messages = []
        outer = self

        class Handler:
            async def handle_DATA(self, server, session, envelope):
                outer.messages.append(email.message_from_bytes(envelope.content))
                return "250 OK"

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        self.controller = Controller(Handler(), hostname="127.0.0.1", port=port)
        self.controller.start()
        self.url = f"mailto://127.0.0.1:{port}?from=peerwatch@example.org&to=research@example.org"

    def parts(self, message) -> dict[str, str]:
        return {
            p.get_content_type(): p.get_payload(decode=True).decode()
            for p in message.walk()
            if p.get_content_maintype() == "text"
        }

    def close(self):
        self.controller.stop()


def warehouse_with_alerts(tmp_path, n=2):
    con = open_warehouse(tmp_path / "w.duckdb")
    wl.upsert_councils(
        con, [{"slug": "haringey", "name": "Haringey Council", "moderngov_url": "http://council.example"}]
    )
    for i in range(n):
        con.execute(
            "INSERT INTO alerts (url, key, council, title, review_type, stage, reason, evidence, created_at) "
            "VALUES (?, ?, 'haringey', ?, ?, 'outcome', 'title names the review: x', ?, ?)",
            [
                f"http://council.example/mgAi.aspx?ID={i}",
                f"haringey/moderngov/item/{i}",
                f"Item {i}",
                "ofsted_ilacs" if i % 2 == 0 else "lga_peer_challenge",
                ["A quoted sentence."],
                FOUND,
            ],
        )
    return con
