"""The loopback replica: one HTTP server (one port) per council host, over real sockets.

Used by the tests and by `peerwatch demo`. Like real ModernGov (ASP.NET) installs, HTML pages carry
no validators; documents, XML and feeds answer conditional GETs (ETag and Last-Modified). Each
ModernGov host but Eastmoor's serves a what's-new RSS feed (`mgRss.aspx`) naming meetings whose agenda,
minutes or documents were published, dated by the replica's clock (`Replica.today`, settable by tests
that simulate a run of nights). It logs every request so tests can count downloads, and has a fault
mode that tests switch per host and path.
"""

from __future__ import annotations

import hashlib
import socket
import struct
import threading
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from replica.content import NEWSROOMS, SITES
from replica.moderngov_site import ModernGovSite, Response
from replica.newsroom import Newsroom

LAST_MODIFIED = "Mon, 02 Nov 2026 09:00:00 GMT"
FAULT_KINDS = {
    "500",
    "429",
    "reset",
    "truncate",
    "hang",
    "waf403",
    "redirect_offsite",
    "cut_pdf",
    "html_for_pdf",
    "huge_declared",
    "huge_stream",
}
HUGE = 2 * 1024**3
SITES_WITHOUT_FEED = ("eastmoor",)  # and its copies ("eastmoor-3"): a site whose feed is switched off
AGENDA_NOTICE = timedelta(days=7)  # the feed dates an agenda a week before its meeting
MINUTES_AFTER = timedelta(days=14)  # and the minutes two weeks after


@dataclass
class RequestRecord:
    host: str
    path: str
    status: int
    conditional: bool
    user_agent: str


@dataclass
class Fault:
    host: str
    path_contains: str
    kind: str
    times: int = 1  # -1 = every time
    hang_seconds: float = 5.0


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "ModernGovReplica/1.0"

    def log_message(self, *args):  # keep test output clean; the replica keeps its own request log
        pass

    def handle(self):
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (size cap, timeout): nothing to answer

    def do_GET(self):
        replica: Replica = self.server.replica
        host_slug: str = self.server.host_slug
        parts = urlsplit(self.path)
        fault = replica._take_fault(host_slug, self.path)
        if fault and self._apply_fault(fault, host_slug):
            return
        resp = replica.feed_for(host_slug, parts.path) or self.server.app.handle(parts.path, parts.query)
        body = resp.body
        if resp.headers and resp.headers.get("templated-host"):
            body = body.replace(b"{host}", self.headers.get("Host", "").encode())
        if fault and fault.kind == "cut_pdf":
            body = body[: int(len(body) * 0.6)]
        if fault and fault.kind == "html_for_pdf":
            body, resp = b"<html><body><h1>Document unavailable</h1></body></html>", Response(200, b"", "text/html")
        etag = '"' + hashlib.sha1(body).hexdigest() + '"'
        conditional = "If-None-Match" in self.headers or "If-Modified-Since" in self.headers
        # ASP.NET pages are generated per request: no ETag or Last-Modified, so no 304 either.
        validators = resp.status == 200 and not resp.content_type.startswith("text/html")
        if validators and self.headers.get("If-None-Match") == etag:
            replica._log(RequestRecord(host_slug, self.path, 304, True, self.headers.get("User-Agent", "")))
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        replica._log(RequestRecord(host_slug, self.path, resp.status, conditional, self.headers.get("User-Agent", "")))
        self.send_response(resp.status)
        self.send_header("Content-Type", resp.content_type)
        self.send_header("Content-Length", str(len(body)))
        if validators:
            self.send_header("ETag", etag)
            self.send_header("Last-Modified", LAST_MODIFIED)
        self.end_headers()
        self.wfile.write(body)

    def _apply_fault(self, fault: Fault, host_slug: str) -> bool:
        """Send the fault's answer; return False when the fault only alters a normal answer."""
        replica: Replica = self.server.replica
        record = lambda status: replica._log(RequestRecord(host_slug, self.path, status, False, ""))
        kind = fault.kind
        if kind in ("cut_pdf", "html_for_pdf"):
            return False
        if kind == "hang":
            time.sleep(fault.hang_seconds)
            return False
        if kind == "reset":
            record(0)
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()
            return True
        if kind == "huge_declared":
            # Announces 2 GB; a polite client refuses before reading any of it.
            record(200)
            self._start_pdf({"Content-Length": str(HUGE)})
            self.close_connection = True
            return True
        if kind == "huge_stream":
            # No length given, then bytes without end (bounded here at 2 GB): the client must stop reading.
            record(200)
            self._start_pdf({"Connection": "close"})
            chunk, sent = b"%PDF-1.4\n" + b"0" * (1024 * 1024 - 9), 0
            while sent < HUGE:
                self.wfile.write(chunk)
                sent += len(chunk)
            self.close_connection = True
            return True
        if kind == "truncate":
            record(200)
            self._start_pdf({"Content-Length": "100000"})
            self.wfile.write(b"%PDF-1.4\n" + b"0" * 500)
            self.close_connection = True
            return True
        status, headers, body = {
            "500": (500, {}, b"<html><body>Server Error in '/' Application.</body></html>"),
            "429": (429, {"Retry-After": "1"}, b"Too many requests"),
            "waf403": (403, {}, b"<html><head><title>Just a moment...</title></head><body>Access denied</body></html>"),
            "redirect_offsite": (302, {"Location": "http://127.0.0.2:9/elsewhere"}, b""),
        }[kind]
        record(status)
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return True

    def _start_pdf(self, headers: dict[str, str]) -> None:
        """A 200 that claims to be a PDF; the fault decides what (if anything) follows."""
        self.send_response(200)
        self.send_header("Content-Type", "application/pdf")
        for k, v in headers.items():
            self.send_header(k, v)
        self.end_headers()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


@dataclass
class Host:
    slug: str
    app: object
    server: _Server | None = None
    thread: threading.Thread | None = None

    @property
    def root(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"


class Replica:
    def __init__(self, sites=SITES, newsrooms=NEWSROOMS):
        self.hosts: dict[str, Host] = {}
        for s in sites:
            self.hosts[f"{s.slug}-moderngov"] = Host(f"{s.slug}-moderngov", ModernGovSite(s))
        for n in newsrooms:
            self.hosts[f"{n.slug}-www"] = Host(f"{n.slug}-www", Newsroom(n))
        self.sites = {s.slug: s for s in sites}
        self.newsrooms = {n.slug: n for n in newsrooms}
        self.requests: list[RequestRecord] = []
        self.faults: list[Fault] = []
        self._lock = threading.Lock()
        self.today: date | None = None  # the replica's clock for feed dates; None = the real date
        self._published: dict[tuple[str, int], tuple[tuple, date | None]] = {}  # (host, meeting) -> (state, changed on)

    # -- lifecycle ------------------------------------------------------------------
    def start(self, ports: dict[str, int] | None = None) -> Replica:
        """Serve every host; `ports` (host → port, as `ports()` gave them) asks for the same ports as a run before,
        so a second demo night finds its councils where they were (a port taken meanwhile: any free one)."""
        for slug, host in self.hosts.items():
            self._start_host(host, (ports or {}).get(slug, 0))
        self._started = True
        return self

    def ports(self) -> dict[str, int]:
        return {slug: host.server.server_address[1] for slug, host in self.hosts.items() if host.server}

    def _start_host(self, host: Host, port: int = 0) -> None:
        try:
            server = _Server(("127.0.0.1", port), _Handler)
        except OSError:
            if not port:
                raise
            server = _Server(("127.0.0.1", 0), _Handler)
        server.replica, server.host_slug, server.app = self, host.slug, host.app
        host.server = server
        if isinstance(host.app, ModernGovSite):
            host.app.base_url_for_ws = self.moderngov_url(host.slug.rsplit("-", 1)[0]) + "/"
        host.thread = threading.Thread(target=server.serve_forever, name=f"replica-{host.slug}", daemon=True)
        host.thread.start()

    def stop(self) -> None:
        for host in self.hosts.values():
            if host.server:
                host.server.shutdown()
                host.server.server_close()

    def move_to_new_ports(self) -> None:
        """Every host answers again on another port, as when councils move host, scheme or port."""
        old = {slug: host.server.server_address[1] for slug, host in self.hosts.items()}
        self.stop()
        for slug, host in self.hosts.items():
            self._start_host(host)
            while host.server.server_address[1] == old[slug]:  # the OS may hand the same port back
                host.server.server_close()
                self._start_host(host)

    def take_down(self, council_slug: str) -> None:
        """The council's ModernGov host stops answering: connections are refused."""
        host = self.hosts[f"{council_slug}-moderngov"]
        host.server.shutdown()
        host.server.server_close()

    def __enter__(self):
        return self if getattr(self, "_started", False) else self.start()

    def __exit__(self, *exc):
        self.stop()

    # -- addresses --------------------------------------------------------------------
    def moderngov_url(self, council_slug: str) -> str:
        return self.hosts[f"{council_slug}-moderngov"].root + self.sites[council_slug].subpath

    def news_url(self, council_slug: str) -> str:
        return self.hosts[f"{council_slug}-www"].root + "/news"

    def news_feed_url(self, council_slug: str) -> str:
        feed = "/news/atom.xml" if self.newsrooms[council_slug].style == "atom" else "/news/feed.rss"
        return self.hosts[f"{council_slug}-www"].root + feed

    def councils_toml(self, requests_per_second: float = 50.0) -> str:
        blocks = []
        for slug, site in self.sites.items():
            lines = [
                "[[council]]",
                f'slug = "{slug}"',
                f'name = "{site.name}"',
                f'moderngov_url = "{self.moderngov_url(slug)}"',
            ]
            room = self.newsrooms.get(slug)
            if room and room.style == "atom":
                lines.append(f'news_feed_url = "{self.news_feed_url(slug)}"')  # the feed given directly
            elif room:
                lines.append(f'news_url = "{self.news_url(slug)}"')  # feed discovered, or listing read
            lines.append(f"max_requests_per_second = {requests_per_second}")
            blocks.append("\n".join(lines))
        return "\n\n".join(blocks) + "\n"

    # -- the what's-new feed ------------------------------------------------------------
    def feed_for(self, host_slug: str, path: str) -> Response | None:
        app = self.hosts[host_slug].app
        if not isinstance(app, ModernGovSite) or path.lower() != (app.site.subpath + "/mgRss.aspx").lower():
            return None
        if any(app.site.slug == s or app.site.slug.startswith(s + "-") for s in SITES_WITHOUT_FEED):
            return None
        today = self.today or date.today()
        entries = []
        for m in app.site.meetings:
            if m.cancelled or not m.items:
                continue
            link = f"ieListDocuments.aspx?CId={m.committee_id}&MId={m.meeting_id}"
            entries += [
                (m.when - AGENDA_NOTICE, "Agenda published", m, link),
                (m.when + MINUTES_AFTER, "Minutes published", m, link),
            ]
            changed_on = self._changed_on(host_slug, m, today)
            if changed_on:
                entries.append((changed_on, "Document published", m, link))
        entries = sorted((e for e in entries if e[0] <= today), key=lambda e: e[0], reverse=True)[:50]
        items = "".join(
            f"<item><title>{escape(f'{what}: {m.when:%d/%m/%Y}')}</title><link>{escape(link)}</link>"
            f"<pubDate>{format_datetime(datetime.combine(when, dtime(9), UTC))}</pubDate></item>"
            for when, what, m, link in entries
        )
        body = (
            f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>modern.gov - What\'s new'
            f'</title><link>mgWhatsNew.aspx</link><description>What is new</description>{items}</channel></rss>'
        )
        return Response(200, body.encode(), "application/rss+xml; charset=utf-8")

    def _changed_on(self, host_slug: str, meeting, today: date) -> date | None:
        """The day the replica first saw the meeting's papers as they are now (None: as first seen)."""
        state = tuple(
            (i.item_id, len(i.minutes), tuple(d.attachment_id for d in ([i.report] if i.report else []) + i.additional))
            for i in meeting.items
        )
        key = (host_slug, meeting.meeting_id)
        with self._lock:
            seen = self._published.get(key)
            if seen is None:
                self._published[key] = (state, None)
                return None
            if seen[0] != state:
                self._published[key] = (state, today)
                return today
            return seen[1]

    # -- observation and faults ---------------------------------------------------------
    def _log(self, record: RequestRecord) -> None:
        with self._lock:
            self.requests.append(record)

    def document_downloads(self) -> list[RequestRecord]:
        """Full (200) answers for documents: what a polite second run must not repeat."""
        with self._lock:
            return [
                r
                for r in self.requests
                if r.status == 200 and ("/documents/" in r.path.lower() or "mgconvert2pdf" in r.path.lower())
            ]

    def set_fault(self, host: str, path_contains: str, kind: str, times: int = 1, hang_seconds: float = 5.0) -> None:
        assert kind in FAULT_KINDS, kind
        with self._lock:
            self.faults.append(Fault(host, path_contains.lower(), kind, times, hang_seconds))

    def clear_faults(self) -> None:
        with self._lock:
            self.faults.clear()

    def _take_fault(self, host_slug: str, path: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.host == host_slug and fault.path_contains in path.lower() and fault.times != 0:
                    if fault.times > 0:
                        fault.times -= 1
                    return fault
        return None
