"""Hostile loopback servers: the answers a broken or malicious site can give a harvester.

Loopback only (127.0.0.x), every loop bounded (a drip stops after its bytes, a server after its test),
bombs generated small and fast: a gzip bomb is one compressed MiB of zeros repeated as gzip members,
so a 1 GiB bomb is about 1 MB on the wire and costs nothing to build.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from tests.support.pdf_bombs import assemble

MiB = 1024 * 1024
Answer = Callable[[BaseHTTPRequestHandler], None]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def handle(self):
        try:
            super().handle()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client hung up on a bomb or a drip: that is the point

    def do_GET(self):
        server: HostileServer = self.server.owner
        server._hit(self.path)
        answer = server.answers.get(self.path) or server.answers.get(self.path.split("?")[0]) or plain(b"", 404)
        try:
            answer(self)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up, as it should


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


class HostileServer:
    """One loopback HTTP server whose answer per path a test scripts; it records every path it was asked for."""

    def __init__(self, address: str = "127.0.0.1"):
        self.address = address
        self.answers: dict[str, Answer] = {}
        self.hits: list[str] = []
        self._lock = threading.Lock()
        self._server: _Server | None = None

    def start(self) -> HostileServer:
        self._server = _Server((self.address, 0), _Handler)
        self._server.owner = self
        threading.Thread(target=self._server.serve_forever, daemon=True, name=f"hostile-{self.address}").start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def root(self) -> str:
        return f"http://{self.address}:{self.port}"

    def answer(self, path: str, answer: Answer) -> str:
        self.answers[path] = answer
        return self.root + path

    def _hit(self, path: str) -> None:
        with self._lock:
            self.hits.append(path)


# -- answers -------------------------------------------------------------------------------------
def plain(body: bytes, status: int = 200, content_type: str = "text/html", headers: dict | None = None) -> Answer:
    def send(h: BaseHTTPRequestHandler) -> None:
        h.send_response(status)
        h.send_header("Content-Type", content_type)
        for k, v in (headers or {}).items():
            h.send_header(k, v)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    return send


def redirect(location: str, status: int = 302) -> Answer:
    return plain(b"", status, headers={"Location": location})


def gzip_bomb_bytes(decoded_bytes: int) -> bytes:
    """gzip members of one MiB of zeros each: `decoded_bytes` once decoded, about 1/1000 of it on the wire."""
    member = gzip.compress(b"\0" * MiB, compresslevel=9)
    return member * max(1, decoded_bytes // MiB)


def gzip_bomb(decoded_bytes: int, content_type: str = "text/plain") -> Answer:
    return plain(gzip_bomb_bytes(decoded_bytes), content_type=content_type, headers={"Content-Encoding": "gzip"})


def drip(total_bytes: int, every_seconds: float, content_type: str = "application/pdf") -> Answer:
    """No Content-Length, then one byte at a time: each read is quick, the body never ends in useful time."""

    def send(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Type", content_type)
        h.send_header("Connection", "close")
        h.end_headers()
        h.close_connection = True
        for i in range(total_bytes):
            h.wfile.write(b"%PDF-1.4\n"[i : i + 1] or b"0")
            h.wfile.flush()
            time.sleep(every_seconds)

    return send


# -- measuring -----------------------------------------------------------------------------------
def vm_hwm_bytes() -> int:
    """Peak resident set size of this process so far (VmHWM)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM in /proc/self/status")


@contextmanager
def peak_rss_growth():
    """Yields a dict whose "bytes" is how far the peak RSS rose above the starting RSS inside the block."""
    Path("/proc/self/clear_refs").write_text("5")  # resets VmHWM to the current RSS
    start = vm_hwm_bytes()
    out = {"bytes": 0}
    yield out
    out["bytes"] = vm_hwm_bytes() - start


def pdf_with_lone_surrogate(text: str = "Peer challenge report on services for children and families") -> bytes:
    """A one-page PDF whose ToUnicode map sends code 1 to U+D800, a lone surrogate no database can store."""
    cmap = (
        b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Hostile def\n"
        b"1 begincodespacerange <00> <FF> endcodespacerange\n"
        b"1 beginbfrange <20> <7E> <0020> endbfrange\n"
        b"1 beginbfrange <01> <01> [55296] endbfrange\n"
        b"endcmap CMapName currentdict /CMap defineresource pop end end\n"
    )
    content = b"BT /F1 12 Tf 20 100 Td (\\001" + text.encode("ascii") + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 500 200] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"endstream",
    ]
    return assemble(objects)


def drip_headers(total_bytes: int, every_seconds: float) -> Answer:
    """A status line, then header bytes one at a time: no read ever waits long, the answer never begins."""

    def send(h: BaseHTTPRequestHandler) -> None:
        h.wfile.write(b"HTTP/1.1 200 OK\r\nX-Slow: ")
        for _ in range(total_bytes):
            h.wfile.write(b"a")
            h.wfile.flush()
            time.sleep(every_seconds)
        h.close_connection = True

    return send
