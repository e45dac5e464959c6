"""The one polite HTTP client every scraper uses.

Honest User-Agent, robots.txt per host, a per-host rate limit shared by every
council on that host, retries only for transient failures, conditional GETs,
a size cap, a content-type check and no requests to hosts nobody configured.
Every request outcome becomes a FetchLogEntry: failure is data, not a crash.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import NamedTuple, Protocol
from urllib.parse import urljoin, urlsplit

import requests
import urllib3.connection
import urllib3.connectionpool
import urllib3.exceptions
from protego import Protego
from urllib3.util import parse_url

from transforms.rawstore import RawStore

DEFAULT_USER_AGENT = (
    "PeerWatch/0.1 (+https://github.com/peerwatch/peerwatch; research harvester of council publications)"
)

TRANSIENT_STATUSES = {429, 500, 502, 503, 504}
BODY_CHUNK = 64 * 1024
ROBOTS_MAX_BYTES = 512 * 1024  # Google reads the first 500 KiB of a robots.txt; we read no more
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

    def forget(self, url: str) -> None:
        with self._lock:
            self._data.pop(url, None)
            self.updated.pop(url, None)


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
    cut: bool = False  # the body is only the first `keep_first` bytes of a longer answer

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


class UnsafeURL(ValueError):
    """A URL whose target is not one plain http(s) host and port: it is refused, never requested."""


class Origin(NamedTuple):
    scheme: str
    host: str  # lower case, IDNA-encoded; an IPv6 literal in brackets, compressed
    port: int


DEFAULT_PORTS = {"http": 80, "https": 443}
_NUMERIC_LABEL = re.compile(r"(0x[0-9a-f]*|[0-9]+)")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def origin_of(url: str) -> Origin:
    """The scheme, host and port a request for `url` reaches: the one definition of where a URL goes.

    The URL is prepared as requests prepares it and read with urllib3's parser, which the HTTP stack
    uses to connect. Anything two parsers could read two ways is refused rather than guessed at:
    backslashes, user information, percent signs in the authority, numeric hosts other than a plain
    dotted quad (2130706433, 0177.0.0.1), and any URL where urllib.parse and urllib3 disagree.
    """
    if not isinstance(url, str) or not url.strip():
        raise UnsafeURL("empty URL")
    if "\\" in url:
        raise UnsafeURL("backslash in URL")
    if _CONTROL.search(url):
        raise UnsafeURL("control character in URL")
    try:
        prepared = requests.PreparedRequest()
        prepared.prepare_url(url, None)
        parsed = parse_url(prepared.url)
        split = urlsplit(prepared.url)
        split_port = split.port
    except (requests.RequestException, urllib3.exceptions.LocationParseError, ValueError) as exc:
        raise UnsafeURL(f"unparsable URL: {short(exc, 120)}") from exc
    scheme = (parsed.scheme or "").lower()
    if scheme not in DEFAULT_PORTS:
        raise UnsafeURL(f"scheme {scheme or '(none)'!r} is not http or https")
    if parsed.auth is not None or "@" in split.netloc:
        raise UnsafeURL("user information in URL")
    if "%" in split.netloc:
        raise UnsafeURL("percent-encoded authority")
    host = _normal_host(parsed.host or "")
    if host.strip("[]") != (split.hostname or "").rstrip(".").lower() or (parsed.port or None) != split_port:
        raise UnsafeURL("ambiguous authority: parsers disagree on the host")
    return Origin(scheme, host, parsed.port or DEFAULT_PORTS[scheme])


def _normal_host(host: str) -> str:
    host = host.lower().rstrip(".")
    if not host:
        raise UnsafeURL("no host")
    if host.startswith("["):
        try:
            return f"[{ipaddress.IPv6Address(host[1:-1]).compressed}]"
        except ValueError as exc:
            raise UnsafeURL(f"bad IPv6 literal {host}") from exc
    if _NUMERIC_LABEL.fullmatch(host.rsplit(".", 1)[-1]):
        # Resolvers read 2130706433, 0x7f.1 and 0177.0.0.1 as 127.0.0.1: only the plain form is unambiguous.
        try:
            if str(ipaddress.IPv4Address(host)) == host:
                return host
        except ValueError:
            pass
        raise UnsafeURL(f"numeric host not in dotted-quad form: {host}")
    if not re.fullmatch(r"[a-z0-9._-]+", host):
        raise UnsafeURL(f"unexpected characters in host {host!r}")
    return host


def site_key(origin: Origin) -> Origin:
    """`www.` and the bare host are one site (council sites redirect between them)."""
    return origin._replace(host=origin.host.removeprefix("www."))


def allowed_origins_for(entries) -> set[Origin]:
    """Origins allowed by configured URLs or `host[:port]` keys. A configured http site may upgrade to https
    on the same host (sites redirect there); a bare key allows both schemes on its port."""
    allowed: set[Origin] = set()
    for entry in entries:
        entry = entry.strip()
        if "://" not in entry:
            for scheme in DEFAULT_PORTS:
                origin = origin_of(f"{scheme}://{entry}/")
                allowed.add(site_key(origin))
            continue
        origin = site_key(origin_of(entry))
        allowed.add(origin)
        if origin.scheme == "http" and origin.port == 80:
            allowed.add(origin._replace(scheme="https", port=443))
    return allowed


def join_url(base: str, href: str) -> str:
    """`href` resolved against `base`. A link urllib cannot even split (an unclosed IPv6 bracket) comes back
    with its brackets percent-encoded: the client then refuses it with a recorded reason instead of a crash."""
    try:
        return urljoin(base, href)
    except ValueError:
        return urljoin(base, href.replace("[", "%5B").replace("]", "%5D"))


def same_site(url: str, other: str) -> bool:
    """Both URLs reach the same site (scheme, host up to `www.`, port); an unsafe URL is never the same site."""
    try:
        return site_key(origin_of(url)) == site_key(origin_of(other))
    except UnsafeURL:
        return False


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
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


@dataclass
class ClientSettings:
    user_agent: str = DEFAULT_USER_AGENT
    connect_timeout: float = 10.0
    read_timeout: float = 60.0
    max_bytes: int = 50 * 1024 * 1024
    retries: int = 3
    backoff_seconds: float = 1.0
    max_retry_after: float = 60.0  # a longer Retry-After skips the host for this run
    max_redirects: int = 5
    obey_robots: bool = True
    request_deadline: float = 300.0  # whole request, every redirect hop and the last byte: a drip cannot hold a worker
    min_transfer_rate: float = 1024.0  # bytes/s a body must average over each window, else `too_slow`
    min_rate_window: float = 20.0  # seconds: the window over which the minimum rate is measured
    max_crawl_delay: float = 60.0  # a longer robots.txt Crawl-delay skips the host for this run
    council_budget_seconds: float = 3 * 3600.0  # after this, a council's remaining requests are skipped

    @classmethod
    def from_env(cls, environ=None) -> ClientSettings:
        """PEERWATCH_USER_AGENT, PEERWATCH_CONNECT_TIMEOUT, PEERWATCH_READ_TIMEOUT, PEERWATCH_MAX_BYTES,
        PEERWATCH_RETRIES, PEERWATCH_BACKOFF_SECONDS, PEERWATCH_MAX_RETRY_AFTER, PEERWATCH_REQUEST_DEADLINE,
        PEERWATCH_MIN_TRANSFER_RATE, PEERWATCH_MIN_RATE_WINDOW, PEERWATCH_MAX_REDIRECTS, PEERWATCH_MAX_CRAWL_DELAY,
        PEERWATCH_COUNCIL_BUDGET_SECONDS override the defaults (docs/limits.md)."""
        import os

        env = os.environ if environ is None else environ
        settings = cls()
        for name, kind in (
            ("user_agent", str),
            ("connect_timeout", float),
            ("read_timeout", float),
            ("max_bytes", int),
            ("retries", int),
            ("backoff_seconds", float),
            ("max_retry_after", float),
            ("request_deadline", float),
            ("min_transfer_rate", float),
            ("min_rate_window", float),
            ("max_redirects", int),
            ("max_crawl_delay", float),
            ("council_budget_seconds", float),
        ):
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
        # Configured URLs (or host[:port] keys); None allows any http(s) host (tests of one server only).
        self.allowed_origins = allowed_origins_for(allowed_hosts) if allowed_hosts is not None else None
        self._local = threading.local()
        self._robots: dict[str, Protego | None] = {}
        self._robots_lock = threading.Lock()
        self.log: list[FetchLogEntry] = []
        self._log_lock = threading.Lock()
        self._skipped_hosts: dict[str, str] = {}  # host key -> why it is skipped for the rest of this run
        self._budgets: dict[str, tuple[float, float]] = {}  # council -> (deadline, seconds)
        self._budget_spent: dict[str, str] = {}
        self._stopped = False  # the run is stopping: no new request leaves

    # -- public -------------------------------------------------------------
    def stop(self) -> None:
        """Answer every further request at once with error class `stopped` (the run was asked to stop).
        Safe to call from a signal handler: it only sets a flag."""
        self._stopped = True

    def allow_host_of(self, url: str) -> None:
        if self.allowed_origins is None:
            self.allowed_origins = set()
        self.allowed_origins |= allowed_origins_for([url])

    def start_council(self, council: str, seconds: float | None = None) -> None:
        """Start the council's time budget: once spent, its remaining requests are skipped, with the reason."""
        seconds = self.settings.council_budget_seconds if seconds is None else seconds
        with self._log_lock:
            self._budgets[council] = (time.monotonic() + seconds, seconds)
            self._budget_spent.pop(council, None)

    def budget_spent(self, council: str) -> str | None:
        """Why the council's remaining work was skipped this run, or None."""
        with self._log_lock:
            return self._budget_spent.get(council)

    def skipped_hosts(self) -> dict[str, str]:
        with self._robots_lock:
            return dict(self._skipped_hosts)

    def get(
        self,
        url: str,
        council: str | None = None,
        expect: str | None = None,
        conditional: bool = True,
        keep_first: int | None = None,
    ) -> FetchResult:
        """`keep_first`: read at most this many bytes of the body and keep them (`cut` says the answer was
        longer), instead of refusing a body over the size cap: for pages whose beginning is useful alone."""
        if self._stopped:
            return FetchResult(url, error="the run was stopped", error_class="stopped", attempts=0)
        spent = self._over_budget(council)
        if spent:
            result = FetchResult(url, error=spent, error_class="budget_exceeded", attempts=0)
            with self._log_lock:
                first = council not in self._budget_spent
                self._budget_spent[council] = spent
            if first:
                self._record(result, council)  # once: the skipped requests would only repeat it
            return result
        result = self._get(
            url, expect=expect, conditional=conditional, budget=self._budget_cutoff(council), keep_first=keep_first
        )
        if result.error_class == "budget_exceeded":
            with self._log_lock:
                self._budget_spent[council] = result.error
        self._record(result, council)
        return result

    def reject(self, result: FetchResult, council: str | None, error_class: str, message: str) -> None:
        """An answer the client fetched but its reader could not use: its fetch_log entry says so, and its
        validators are dropped so the next run asks for the whole body again."""
        result.error, result.error_class = message, error_class
        with self._log_lock:
            for entry in reversed(self.log):
                if entry.url == result.url and entry.council == council:
                    entry.error, entry.error_class = message, error_class
                    break
        if isinstance(self.validators, MemoryValidatorStore):
            self.validators.forget(result.url)

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
            for adapter in session.adapters.values():
                adapter.poolmanager.pool_classes_by_scheme = {"http": _WatchedHTTPPool, "https": _WatchedHTTPSPool}
            self._local.session = session
        return session

    def _record(self, r: FetchResult, council: str | None) -> None:
        entry = FetchLogEntry(
            url=r.url,
            council=council,
            status=r.status,
            error=r.error,
            error_class=r.error_class,
            fetched_at=datetime.now(UTC),
            bytes=len(r.body or b""),
            sha256=r.sha256,
            from_cache=r.from_cache,
            attempts=r.attempts,
        )
        with self._log_lock:
            self.log.append(entry)

    def _refusal(self, url: str) -> tuple[str, str] | None:
        """Why `url` must not be requested, as (error class, message); None when it may be."""
        try:
            origin = origin_of(url)
        except UnsafeURL as exc:
            return "unsafe_url", f"refused URL: {exc}"
        if self.allowed_origins is not None and site_key(origin) not in self.allowed_origins:
            return "host_not_allowed", f"host not in configured councils: {origin.scheme}://{origin.host}:{origin.port}"
        return None

    def _over_budget(self, council: str | None) -> str | None:
        cutoff = self._budget_cutoff(council)
        return cutoff.message if cutoff is not None and cutoff.passed() else None

    def _budget_cutoff(self, council: str | None) -> Cutoff | None:
        with self._log_lock:
            deadline, seconds = self._budgets.get(council, (None, 0.0))
        if deadline is None:
            return None
        return Cutoff(
            deadline,
            "budget_exceeded",
            f"council time budget of {seconds:g} s spent: its remaining requests were skipped this run",
        )

    def _request_cutoff(self, budget: Cutoff | None) -> Cutoff:
        """When this request must end: its own deadline (every redirect hop and the whole body), or the
        council's budget if that comes first."""
        request = Cutoff(
            time.monotonic() + self.settings.request_deadline,
            "timeout",
            f"no complete answer by the request deadline ({self.settings.request_deadline:g} s)",
        )
        return budget if budget is not None and budget.at < request.at else request

    def _skip_host(self, host: str, reason: str) -> None:
        with self._robots_lock:
            self._skipped_hosts.setdefault(host, reason)

    def _host_skipped(self, url: str) -> str | None:
        with self._robots_lock:
            return self._skipped_hosts.get(host_key(url))

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
        """robots.txt through the same streamed, capped, deadlined reader as every body."""
        robots_url = root + "/robots.txt"
        host = host_key(robots_url)
        try:
            self.rate_limiter.wait(host)
            seconds = min(self.settings.request_deadline, 60.0)
            cutoff = Cutoff(time.monotonic() + seconds, "timeout", f"robots.txt not read within {seconds:g} s")
            resp = self._send(robots_url, {}, cutoff)
            if resp.status_code != 200:
                resp.close()
                return None
            body = self._read_body(resp, max_bytes=ROBOTS_MAX_BYTES, cutoff=cutoff)
        except (TransientFetchError, UnsafeURL):
            return None  # an unreachable robots.txt is not a ban; the page fetch will record the outage
        if isinstance(body, FetchResult):
            return None  # too large or too slow to be a robots.txt: read as absent, like Google does past 500 KiB
        parser = Protego.parse(
            body.decode(charset_of(resp.headers.get("Content-Type", "")) or "utf-8", errors="replace")
        )
        delay = parser.crawl_delay(self.settings.user_agent)
        if delay and float(delay) > self.settings.max_crawl_delay:
            self._skip_host(
                host,
                f"robots.txt Crawl-delay of {float(delay):g} s exceeds the cap of "
                f"{self.settings.max_crawl_delay:g} s: host skipped this run",
            )
        elif delay:
            self.rate_limiter.set_min_interval(host, float(delay))
        return parser

    def _get(
        self,
        url: str,
        expect: str | None,
        conditional: bool,
        budget: Cutoff | None = None,
        keep_first: int | None = None,
    ) -> FetchResult:
        refusal = self._refusal(url)
        if refusal:
            return FetchResult(url, error=refusal[1], error_class=refusal[0], attempts=0)
        if not self._host_skipped(url) and not self.robots_allows(url):
            return FetchResult(url, error="disallowed by robots.txt", error_class="robots_disallowed", attempts=0)
        if skipped := self._host_skipped(url):
            return FetchResult(url, error=skipped, error_class="host_skipped", attempts=0)
        attempt = 0
        while True:
            attempt += 1
            try:
                result = self._attempt(url, expect, conditional, budget, keep_first)
                result.attempts = attempt
                return result
            except TransientFetchError as exc:
                if attempt > self.settings.retries or exc.error_class == "budget_exceeded":
                    return FetchResult(
                        url, status=exc.status, error=str(exc), error_class=exc.error_class, attempts=attempt
                    )
                delay = self.settings.backoff_seconds * (2 ** (attempt - 1))
                if exc.retry_after is not None and exc.retry_after > self.settings.max_retry_after:
                    reason = (
                        f"Retry-After of {exc.retry_after:g} s exceeds the cap of "
                        f"{self.settings.max_retry_after:g} s: host skipped this run"
                    )
                    self._skip_host(host_key(url), reason)
                    return FetchResult(
                        url, status=exc.status, error=reason, error_class="host_skipped", attempts=attempt
                    )
                if exc.retry_after is not None:
                    delay = max(delay, exc.retry_after)
                time.sleep(delay)

    def _attempt(
        self,
        url: str,
        expect: str | None,
        conditional: bool,
        budget: Cutoff | None = None,
        keep_first: int | None = None,
    ) -> FetchResult:
        headers = {}
        cached = self.validators.get(url) if conditional else None
        if cached and self.raw_store.has(cached.sha256):
            if cached.etag:
                headers["If-None-Match"] = cached.etag
            if cached.last_modified:
                headers["If-Modified-Since"] = cached.last_modified
        current, cutoff = url, None
        for _ in range(self.settings.max_redirects + 1):
            # Redirects are followed here, hop by hop, so every hop passes the same check as the first URL.
            self.rate_limiter.wait(host_key(current))
            # One deadline for the whole request, counted from its first hop: a chain of slow redirects
            # cannot multiply it.
            cutoff = cutoff or self._request_cutoff(budget)
            if cutoff.passed():
                return FetchResult(url, final_url=current, error=cutoff.message, error_class=cutoff.error_class)
            try:
                resp = self._send(current, headers, cutoff)
            except UnsafeURL as exc:
                return FetchResult(
                    url, final_url=current, error=f"redirect refused ({exc})", error_class="offsite_redirect"
                )
            if resp.is_redirect:
                target = join_url(current, resp.headers.get("Location", ""))
                resp.close()
                refusal = self._refusal(target)
                if refusal:
                    return FetchResult(
                        url,
                        status=resp.status_code,
                        final_url=target,
                        error=f"redirect refused ({refusal[1]}): {target}"[:500],
                        error_class="offsite_redirect",
                    )
                if self._host_skipped(target) or not self.robots_allows(target):
                    return FetchResult(
                        url,
                        status=resp.status_code,
                        final_url=target,
                        error=self._host_skipped(target) or "redirect target disallowed by robots.txt",
                        error_class="robots_disallowed",
                    )
                current = target
                continue
            return self._read(url, current, resp, cached, expect, cutoff, keep_first)
        return FetchResult(url, error="too many redirects", error_class="redirect_loop")

    def _send(self, url: str, headers: dict, cutoff: Cutoff | None = None) -> requests.Response:
        cutoff = cutoff or self._request_cutoff(None)
        watch = _watch.deadline = _Deadline()
        timer = threading.Timer(max(0.0, cutoff.at - time.monotonic()), watch.fire)
        timer.daemon = True
        timer.start()
        try:
            return self._session().get(
                url,
                headers=headers,
                stream=True,
                allow_redirects=False,
                timeout=(self.settings.connect_timeout, self.settings.read_timeout),
            )
        except requests.RequestException as exc:
            if watch.fired:
                raise TransientFetchError(cutoff.error_class, cutoff.message) from exc
            if isinstance(exc, requests.Timeout):
                raise TransientFetchError("timeout", f"timeout: {exc.__class__.__name__}") from exc
            if isinstance(exc, requests.ConnectionError):
                raise TransientFetchError("connection_error", f"connection failed: {short(exc)}") from exc
            raise TransientFetchError("request_error", short(exc)) from exc
        except ValueError as exc:  # requests splits a redirect's Location even when it does not follow it
            raise UnsafeURL(f"unparsable redirect target: {short(exc)}") from exc
        finally:
            timer.cancel()
            _watch.deadline = None

    def _read(
        self,
        url: str,
        final_url: str,
        resp: requests.Response,
        cached: Validators | None,
        expect: str | None,
        cutoff: Cutoff | None = None,
        keep_first: int | None = None,
    ) -> FetchResult:
        status = resp.status_code
        content_type = resp.headers.get("Content-Type", "")
        if status == 304 and cached and cached.sha256:
            resp.close()
            return FetchResult(
                url,
                status=304,
                body=self.raw_store.get(cached.sha256),
                content_type=content_type,
                sha256=cached.sha256,
                from_cache=True,
                final_url=final_url,
            )
        if status in TRANSIENT_STATUSES:
            retry_after = parse_retry_after(resp.headers.get("Retry-After"))
            resp.close()
            raise TransientFetchError(
                "rate_limited" if status == 429 else "server_error",
                f"HTTP {status}",
                retry_after=retry_after,
                status=status,
            )
        if status >= 400:
            resp.close()
            if status in ANSWER_STATUSES:
                return FetchResult(
                    url, status=status, error=f"HTTP {status}", error_class="not_found", final_url=final_url
                )
            error_class = "blocked" if status in (401, 403) else "client_error" if status < 500 else "server_error"
            return FetchResult(url, status=status, error=f"HTTP {status}", error_class=error_class, final_url=final_url)
        cut = False
        if keep_first is not None:
            body = self._read_body(resp, max_bytes=keep_first, cutoff=cutoff, keep_first=True)
            if isinstance(body, tuple):
                body, cut = body
        else:
            body = self._read_body(resp, cutoff=cutoff)
        if isinstance(body, FetchResult):
            body.url, body.status, body.final_url = url, status, final_url
            return body
        sha = self.raw_store.put(body)
        if cut:  # no validators: a 304 must never stand for the whole answer
            return FetchResult(
                url, status=status, body=body, content_type=content_type, sha256=sha, final_url=final_url, cut=True
            )
        if expect == "pdf" and not body.startswith(b"%PDF"):
            return FetchResult(
                url,
                status=status,
                body=body,
                content_type=content_type,
                sha256=sha,
                final_url=final_url,
                error=_not_a_pdf(body, content_type),
                error_class="unexpected_content_type",
            )
        self.validators.put(url, Validators(resp.headers.get("ETag"), resp.headers.get("Last-Modified"), sha))
        return FetchResult(url, status=status, body=body, content_type=content_type, sha256=sha, final_url=final_url)

    def _read_body(
        self,
        resp: requests.Response,
        max_bytes: int | None = None,
        cutoff: Cutoff | None = None,
        keep_first: bool = False,
    ) -> bytes | tuple[bytes, bool] | FetchResult:
        """The body, decoded, read a little at a time under the size cap (counted after decoding, so a
        compression bomb stops at the cap), the request's overall deadline or the council's budget, whichever
        comes first, and the minimum transfer rate (a drip stops within one rate window)."""
        cap = max_bytes or self.settings.max_bytes
        cutoff = cutoff or self._request_cutoff(None)
        rate = _RateWatch(self.settings.min_transfer_rate, self.settings.min_rate_window)
        declared = resp.headers.get("Content-Length")
        declared = int(declared) if declared and declared.isdigit() else None
        if declared is not None and declared > cap and not keep_first:
            resp.close()
            return FetchResult("", error=f"body of {declared} bytes exceeds the cap", error_class="too_large")
        chunks, size = [], 0
        try:
            while True:
                if cutoff.passed():
                    resp.close()
                    return FetchResult("", error=cutoff.message, error_class=cutoff.error_class)
                # read1 returns what one read of the socket gives (decoded, at most BODY_CHUNK bytes), so
                # the deadline and the rate are checked between reads however slowly the bytes come.
                chunk = resp.raw.read1(BODY_CHUNK, decode_content=True)
                if not chunk:
                    break
                if too_slow := rate.too_slow(resp.raw.tell()):
                    resp.close()
                    return FetchResult("", error=too_slow, error_class="too_slow")
                size += len(chunk)
                if size > cap and keep_first:  # the first `cap` bytes are the answer; the rest is not read
                    resp.close()
                    chunks.append(chunk[: len(chunk) - (size - cap)])
                    return b"".join(chunks), True
                if size > cap:
                    resp.close()
                    return FetchResult("", error=f"body exceeds the cap of {cap} bytes", error_class="too_large")
                chunks.append(chunk)
        except urllib3.exceptions.ReadTimeoutError as exc:
            raise TransientFetchError("timeout", "read timeout mid-body") from exc
        except urllib3.exceptions.DecodeError as exc:
            resp.close()
            return FetchResult("", error=f"body does not decode: {short(exc)}", error_class="bad_encoding")
        except urllib3.exceptions.ProtocolError as exc:
            raise TransientFetchError("truncated", f"body cut short: {short(exc)}") from exc
        except (urllib3.exceptions.HTTPError, OSError) as exc:
            raise TransientFetchError("connection_error", f"connection lost mid-body: {short(exc)}") from exc
        # Content-Length counts the bytes on the wire, which differ from the decoded body when it is encoded.
        wire = resp.raw.tell()
        if declared is not None and wire < declared:
            raise TransientFetchError("truncated", f"body cut short: {wire} of {declared} bytes")
        return b"".join(chunks)


def _not_a_pdf(body: bytes, content_type: str) -> str:
    """Why an answer where a PDF was expected is not one, in words."""
    if not body:
        return f"empty answer: HTTP 200 with 0 bytes where a PDF was expected (declared {content_type or 'no type'})"
    looks = "HTML" if b"<html" in body[:2048].lower() else content_type or "unknown content"
    return f"expected a PDF, got {looks}"


@dataclass(frozen=True)
class Cutoff:
    """A moment a request must end by (monotonic clock), and what to record when it is passed."""

    at: float
    error_class: str
    message: str

    def passed(self) -> bool:
        return time.monotonic() > self.at


class _RateWatch:
    """The minimum transfer rate: a body that brings fewer than `rate * window` bytes (on the wire) in any
    `window` seconds is too slow. A site dripping a byte a second would otherwise hold its council for the
    whole request deadline, every night."""

    def __init__(self, rate: float, window: float):
        self.rate, self.window = rate, window
        self.started, self.start_bytes = time.monotonic(), 0

    def too_slow(self, wire_bytes: int) -> str | None:
        now = time.monotonic()
        if self.rate <= 0 or now - self.started < self.window:
            return None
        got = wire_bytes - self.start_bytes
        if got < self.rate * (now - self.started):
            return (
                f"body arriving at {got / (now - self.started):.0f} bytes/s, below the minimum of "
                f"{self.rate:g} bytes/s over {self.window:g} s"
            )
        self.started, self.start_bytes = now, wire_bytes
        return None


# -- the request deadline while waiting for headers -------------------------------------------------------
# A read timeout bounds each read, not the answer: a server can drip its status line and headers a byte at a
# time for hours. While a request waits for its headers, a timer shuts its socket at the deadline.
_watch = threading.local()


class _Deadline:
    def __init__(self):
        self.conn = None
        self.fired = False

    def fire(self) -> None:
        self.fired = True
        sock = getattr(self.conn, "sock", None)
        if sock is not None:
            try:
                sock.shutdown(socket.SHUT_RDWR)  # wakes the blocked read, which then fails
            except OSError:
                pass


class _WatchedConnection:
    def getresponse(self, *args, **kwargs):
        watch = getattr(_watch, "deadline", None)
        if watch is not None:
            watch.conn = self
            if watch.fired:
                raise urllib3.exceptions.ProtocolError("request deadline passed before the answer began")
        return super().getresponse(*args, **kwargs)


class _WatchedHTTPConnection(_WatchedConnection, urllib3.connection.HTTPConnection):
    pass


class _WatchedHTTPSConnection(_WatchedConnection, urllib3.connection.HTTPSConnection):
    pass


class _WatchedHTTPPool(urllib3.connectionpool.HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _WatchedHTTPSPool(urllib3.connectionpool.HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


def short(exc: BaseException, limit: int = 200) -> str:
    text = f"{exc.__class__.__name__}: {exc}"
    return text if len(text) <= limit else text[:limit] + "…"
