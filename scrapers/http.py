"""The one polite HTTP client every scraper uses.

Honest User-Agent, robots.txt per host, a per-host rate limit shared by every
council on that host, retries only for transient failures, conditional GETs,
a size cap, a content-type check and no requests to hosts nobody configured.
Every request outcome becomes a FetchLogEntry: failure is data, not a crash.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Protocol
from urllib.parse import urljoin, urlsplit

import requests
from protego import Protego

from transforms.rawstore import RawStore

DEFAULT_USER_AGENT = "PeerWatch/0.1 (+https://github.com/peerwatch/peerwatch; research harvester of council publications)"

TRANSIENT_STATUSES = {429, 500, 502, 503, 504}
ANSWER_STATUSES = {404, 410}


@dataclass
class Validators:
    etag: str | None = None
    last_modified: str | None = None
    sha256: str | None = None


class ValidatorStore(Protocol):
    def get(self, url: str) -> Validators | None: ...
    def put(self, url: str, v: Validators) -> None: ...


class MemoryValidatorStore:
    """Validators seen this run; the flow persists them with the data they produced."""

    def __init__(self, initial: dict[str, Validators] | None = None):
        self._data = dict(initial or {})
        self.updated: dict[str, Validators] = {}
        self._lock = threading.Lock()

    def get(self, url: str) -> Validators | None:
        with self._lock:
            return self._data.get(url)

    def put(self, url: str, v: Validators) -> None:
        with self._lock:
            self._data[url] = v
            self.updated[url] = v


@dataclass
class FetchLogEntry:
    url: str
    council: str | None
    status: int | None
    error: str | None
    error_class: str | None
    fetched_at: datetime
    bytes: int = 0
    sha256: str | None = None
    from_cache: bool = False
    attempts: int = 1


@dataclass
class FetchResult:
    url: str
    status: int | None = None
    body: bytes | None = None
    content_type: str = ""
    sha256: str | None = None
    from_cache: bool = False
    error: str | None = None
    error_class: str | None = None
    final_url: str | None = None
    attempts: int = 1

    @property
    def ok(self) -> bool:
        return self.error is None and self.body is not None

    def text(self) -> str:
        if self.body is None:
            return ""
        return self.body.decode(charset_of(self.content_type) or "utf-8", errors="replace")


def charset_of(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip('"')
    return None


class HostRateLimiter:
    """Minimum interval between requests to one host, shared across threads and councils."""

    def __init__(self):
        self._lock = threading.Lock()
        self._next_slot: dict[str, float] = {}
        self._interval: dict[str, float] = {}

    def set_rate(self, host: str, requests_per_second: float) -> None:
        interval = 1.0 / requests_per_second if requests_per_second > 0 else 0.0
        with self._lock:
            # Several councils on one host: the slowest configured rate wins.
            self._interval[host] = max(self._interval.get(host, 0.0), interval)

    def set_min_interval(self, host: str, seconds: float) -> None:
        with self._lock:
            self._interval[host] = max(self._interval.get(host, 0.0), seconds)

    def wait(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next_slot.get(host, 0.0))
            self._next_slot[host] = slot + self._interval.get(host, 1.0)
        delay = slot - time.monotonic()
        if delay > 0:
            time.sleep(delay)


class TransientFetchError(Exception):
    def __init__(self, error_class: str, message: str, retry_after: float | None = None, status: int | None = None):
        super().__init__(message)
        self.error_class = error_class
        self.retry_after = retry_after
        self.status = status


def host_key(url: str) -> str:
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    return f"{host}:{parts.port}" if parts.port else host


def parse_retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


@dataclass
class ClientSettings:
    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 60.0
    max_bytes: int = 50 * 1024 * 1024
    retries: int = 3
    backoff_seconds: float = 1.0
    max_retry_after: float = 60.0
    max_redirects: int = 5
    obey_robots: bool = True

    @classmethod
    def from_env(cls, environ=None) -> "ClientSettings":
        """PEERWATCH_USER_AGENT, PEERWATCH_CONNECT_TIMEOUT, PEERWATCH_READ_TIMEOUT, PEERWATCH_MAX_BYTES,
        PEERWATCH_RETRIES, PEERWATCH_BACKOFF_SECONDS, PEERWATCH_MAX_RETRY_AFTER override the defaults."""
        import os

        env = os.environ if environ is None else environ
        settings = cls()
        for name, kind in (("user_agent", str), ("connect_timeout", float), ("read_timeout", float),
                           ("max_bytes", int), ("retries", int), ("backoff_seconds", float),
                           ("max_retry_after", float)):
            value = env.get(f"PEERWATCH_{name.upper()}")
            if value:
                setattr(settings, name, kind(value))
        return settings


class PoliteClient:
    def __init__(
        self,
        raw_store: RawStore,
        validators: ValidatorStore | None = None,
        settings: ClientSettings | None = None,
        rate_limiter: HostRateLimiter | None = None,
        allowed_hosts: set[str] | None = None,
    ):
        self.raw_store = raw_store
        self.validators = validators or MemoryValidatorStore()
        self.settings = settings or ClientSettings()
        self.rate_limiter = rate_limiter or HostRateLimiter()
        self.allowed_hosts = {h.lower() for h in allowed_hosts} if allowed_hosts is not None else None
        self._local = threading.local()
        self._robots: dict[str, Protego | None] = {}
        self._robots_lock = threading.Lock()
        self.log: list[FetchLogEntry] = []
        self._log_lock = threading.Lock()

    # -- public -------------------------------------------------------------
    def allow_host_of(self, url: str) -> None:
        if self.allowed_hosts is None:
            self.allowed_hosts = set()
        self.allowed_hosts.add(host_key(url))

    def get(self, url: str, council: str | None = None, expect: str | None = None,
            conditional: bool = True) -> FetchResult:
        result = self._get(url, expect=expect, conditional=conditional)
        self._record(result, council)
        return result

    def drain_log(self, council: str | None = None) -> list[FetchLogEntry]:
        with self._log_lock:
            if council is None:
                taken, self.log = self.log, []
            else:
                taken = [e for e in self.log if e.council == council]
                self.log = [e for e in self.log if e.council != council]
        return taken

    # -- internals ----------------------------------------------------------
    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.headers["User-Agent"] = self.settings.user_agent
            session.trust_env = False  # never route a council request through a proxy from the environment
            self._local.session = session
        return session

    def _record(self, r: FetchResult, council: str | None) -> None:
        entry = FetchLogEntry(
            url=r.url, council=council, status=r.status, error=r.error, error_class=r.error_class,
            fetched_at=datetime.now(timezone.utc), bytes=len(r.body or b""), sha256=r.sha256,
            from_cache=r.from_cache, attempts=r.attempts,
        )
        with self._log_lock:
            self.log.append(entry)

    def _host_allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return False
        return self.allowed_hosts is None or host_key(url) in self.allowed_hosts

    def robots_allows(self, url: str) -> bool:
        if not self.settings.obey_robots:
            return True
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:
            known = root in self._robots
            parser = self._robots.get(root)
        if not known:
            parser = self._load_robots(root)
            with self._robots_lock:
                self._robots[root] = parser
        if parser is None:
            return True
        return parser.can_fetch(url, self.settings.user_agent)

    def _load_robots(self, root: str) -> Protego | None:
        robots_url = root + "/robots.txt"
        host = host_key(robots_url)
        try:
            self.rate_limiter.wait(host)
            resp = self._session().get(robots_url, timeout=(self.settings.connect_timeout, self.settings.read_timeout),
                                       allow_redirects=False)
        except requests.RequestException:
            return None  # an unreachable robots.txt is not a ban; the page fetch will record the outage
        if resp.status_code != 200:
            return None
        parser = Protego.parse(resp.text)
        delay = parser.crawl_delay(self.settings.user_agent)
        if delay:
            self.rate_limiter.set_min_interval(host, float(delay))
        return parser

    def _get(self, url: str, expect: str | None, conditional: bool) -> FetchResult:
        if not self._host_allowed(url):
            return FetchResult(url, error=f"host not in configured councils: {urlsplit(url).netloc}",
                               error_class="host_not_allowed", attempts=0)
        if not self.robots_allows(url):
            return FetchResult(url, error="disallowed by robots.txt", error_class="robots_disallowed", attempts=0)
        attempt = 0
        while True:
            attempt += 1
            try:
                result = self._attempt(url, expect, conditional)
                result.attempts = attempt
                return result
            except TransientFetchError as exc:
                if attempt > self.settings.retries:
                    return FetchResult(url, status=exc.status, error=str(exc), error_class=exc.error_class,
                                       attempts=attempt)
                delay = self.settings.backoff_seconds * (2 ** (attempt - 1))
                if exc.retry_after is not None:
                    delay = max(delay, min(exc.retry_after, self.settings.max_retry_after))
                time.sleep(delay)

    def _attempt(self, url: str, expect: str | None, conditional: bool) -> FetchResult:
        headers = {}
        cached = self.validators.get(url) if conditional else None
        if cached and self.raw_store.has(cached.sha256):
            if cached.etag:
                headers["If-None-Match"] = cached.etag
            if cached.last_modified:
                headers["If-Modified-Since"] = cached.last_modified
        current = url
        for _ in range(self.settings.max_redirects + 1):
            self.rate_limiter.wait(host_key(current))
            resp = self._send(current, headers)
            if resp.is_redirect:
                target = urljoin(current, resp.headers.get("Location", ""))
                resp.close()
                if not self._host_allowed(target):
                    return FetchResult(url, status=resp.status_code, final_url=target,
                                       error=f"redirect to another host refused: {target}",
                                       error_class="offsite_redirect")
                current = target
                continue
            return self._read(url, current, resp, cached, expect)
        return FetchResult(url, error="too many redirects", error_class="redirect_loop")

    def _send(self, url: str, headers: dict) -> requests.Response:
        try:
            return self._session().get(
                url, headers=headers, stream=True, allow_redirects=False,
                timeout=(self.settings.connect_timeout, self.settings.read_timeout),
            )
        except requests.Timeout as exc:
            raise TransientFetchError("timeout", f"timeout: {exc.__class__.__name__}") from exc
        except requests.ConnectionError as exc:
            raise TransientFetchError("connection_error", f"connection failed: {short(exc)}") from exc
        except requests.RequestException as exc:
            raise TransientFetchError("request_error", short(exc)) from exc

    def _read(self, url: str, final_url: str, resp: requests.Response, cached: Validators | None,
              expect: str | None) -> FetchResult:
        status = resp.status_code
        content_type = resp.headers.get("Content-Type", "")
        if status == 304 and cached and cached.sha256:
            resp.close()
            return FetchResult(url, status=304, body=self.raw_store.get(cached.sha256), content_type=content_type,
                               sha256=cached.sha256, from_cache=True, final_url=final_url)
        if status in TRANSIENT_STATUSES:
            retry_after = parse_retry_after(resp.headers.get("Retry-After"))
            resp.close()
            raise TransientFetchError("rate_limited" if status == 429 else "server_error", f"HTTP {status}",
                                      retry_after=retry_after, status=status)
        if status >= 400:
            resp.close()
            if status in ANSWER_STATUSES:
                return FetchResult(url, status=status, error=f"HTTP {status}", error_class="not_found",
                                   final_url=final_url)
            error_class = "blocked" if status in (401, 403) else "client_error" if status < 500 else "server_error"
            return FetchResult(url, status=status, error=f"HTTP {status}", error_class=error_class,
                               final_url=final_url)
        body = self._read_body(resp)
        if isinstance(body, FetchResult):
            body.url, body.status, body.final_url = url, status, final_url
            return body
        sha = self.raw_store.put(body)
        if expect == "pdf" and not body.startswith(b"%PDF"):
            looks = "HTML" if b"<html" in body[:2048].lower() else content_type or "unknown content"
            return FetchResult(url, status=status, body=body, content_type=content_type, sha256=sha,
                               final_url=final_url, error=f"expected a PDF, got {looks}",
                               error_class="unexpected_content_type")
        self.validators.put(url, Validators(resp.headers.get("ETag"), resp.headers.get("Last-Modified"), sha))
        return FetchResult(url, status=status, body=body, content_type=content_type, sha256=sha, final_url=final_url)

    def _read_body(self, resp: requests.Response) -> bytes | FetchResult:
        declared = resp.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > self.settings.max_bytes:
            resp.close()
            return FetchResult("", error=f"body of {declared} bytes exceeds the cap", error_class="too_large")
        chunks, size = [], 0
        try:
            for chunk in resp.iter_content(64 * 1024):
                size += len(chunk)
                if size > self.settings.max_bytes:
                    resp.close()
                    return FetchResult("", error=f"body exceeds the cap of {self.settings.max_bytes} bytes",
                                       error_class="too_large")
                chunks.append(chunk)
        except requests.exceptions.ChunkedEncodingError as exc:
            raise TransientFetchError("truncated", f"body cut short: {short(exc)}") from exc
        except requests.exceptions.ConnectionError as exc:
            raise TransientFetchError("connection_error", f"connection lost mid-body: {short(exc)}") from exc
        except requests.Timeout as exc:
            raise TransientFetchError("timeout", "read timeout mid-body") from exc
        body = b"".join(chunks)
        if declared and declared.isdigit() and len(body) < int(declared):
            raise TransientFetchError("truncated", f"body cut short: {len(body)} of {declared} bytes")
        return body


def short(exc: BaseException, limit: int = 200) -> str:
    text = f"{exc.__class__.__name__}: {exc}"
    return text if len(text) <= limit else text[:limit] + "…"
