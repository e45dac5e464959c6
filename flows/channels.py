"""Where alerts go: channels configured once, read at run time, never shown.

`harvest`, `serve` and every scheduled run read the same configuration from the environment:

- `PEERWATCH_NOTIFY`: Apprise URLs separated by spaces (each one a channel receiving every alert);
- `PEERWATCH_CHANNELS`: the path of a channels file (TOML), one `[[channel]]` table per channel with
  optional filters by review type, council or region, and the URL given inline or named by `url_env`.

Channel URLs hold passwords and tokens, so they never become Prefect parameters, artifacts, log
lines or warehouse rows: a channel is recorded under its `name` (or a hash of its URL), and shown
with its secret parts masked. A URL Apprise cannot read is a configuration error before the run.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tomllib
from contextlib import contextmanager
from pathlib import Path
from typing import Literal
from urllib.parse import parse_qsl, urlsplit

import apprise
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from flows.config import ConfigError

NOTIFY_ENV, CHANNELS_ENV = "PEERWATCH_NOTIFY", "PEERWATCH_CHANNELS"
DIGEST_ENV, DIGESTS = "PEERWATCH_DIGEST", ("each-run", "daily", "weekly")
EMAIL_SCHEMES = {"mailto", "mailtos"}
JSON_SCHEMES = {"json", "jsons"}


class ChannelConfigError(ConfigError):
    """A channel cannot be used; the message names it with its secret masked."""


def mask_url(url: str) -> str:
    """The scheme and a host name, never a user, password, token, path or query."""
    parts = urlsplit(url.strip())
    host = parts.hostname or ""
    shown = host if "." in host else ("****" if host else "")  # slack://T000/… puts a token where a host goes
    port = f":{parts.port}" if _safe_port(parts) else ""
    user = "****@" if parts.username or parts.password else ""
    rest = "/****" if parts.path.strip("/") or parts.query else ""
    return f"{parts.scheme or '?'}://{user}{shown}{port}{rest}"


def _safe_port(parts) -> int | None:
    try:
        return parts.port
    except ValueError:
        return None


class Channel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    url: str = Field(repr=False)  # the secret: never printed
    name: str = ""
    review_types: tuple[str, ...] = ()
    councils: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    digest: str = ""  # each-run | daily | weekly; "" follows PEERWATCH_DIGEST

    @property
    def id(self) -> str:
        """What the warehouse records: the configured name, or a hash that cannot be turned back into the URL."""
        return self.name or f"{self.scheme}-{hashlib.sha256(self.url.encode()).hexdigest()[:12]}"

    @property
    def scheme(self) -> str:
        return urlsplit(self.url.strip()).scheme.lower()

    @property
    def kind(self) -> str:
        return "email" if self.scheme in EMAIL_SCHEMES else "json" if self.scheme in JSON_SCHEMES else "markdown"

    @property
    def style(self) -> str:
        """How the digest is written for this channel: email (HTML), json, slack (mrkdwn), text or markdown."""
        if self.kind in ("email", "json"):
            return self.kind
        return apprise_style(self.url)

    @property
    def masked(self) -> str:
        return f"{self.name} ({mask_url(self.url)})" if self.name else mask_url(self.url)

    def __str__(self) -> str:
        return self.masked

    def wants(self, alert: dict) -> bool:
        """Whether this channel's filters let the alert through (no filter: every alert)."""
        return (
            (not self.review_types or alert.get("review_type") in self.review_types)
            and (not self.councils or alert.get("council") in self.councils)
            and (not self.regions or (alert.get("region") or "").lower() in {r.lower() for r in self.regions})
        )


class _FileChannel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(default="", pattern=r"^[A-Za-z0-9][A-Za-z0-9 _.-]*$|^$")
    url: str | None = None
    url_env: str | None = None
    review_types: list[str] = []
    councils: list[str] = []
    regions: list[str] = []
    digest: Literal["each-run", "daily", "weekly", ""] = ""


@contextmanager
def quiet_apprise():
    """Apprise logs the URLs it rejects or fails on, secrets and all: keep it quiet while we use it."""
    logger = logging.getLogger("apprise")
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.CRITICAL + 1)
    logger.propagate = False
    try:
        yield
    finally:
        logger.setLevel(level)
        logger.propagate = propagate


def apprise_style(url: str) -> str:
    """slack, text or markdown: what the Apprise service behind `url` takes (its notify_format; Slack's
    Markdown is its own mrkdwn). A service that shows HTML gets Markdown too: Apprise renders it."""
    with quiet_apprise():
        plugin = apprise.Apprise.instantiate(url)
    if not plugin:
        return "markdown"
    protocols = {
        p
        for attr in ("protocol", "secure_protocol")
        for p in (
            [getattr(plugin, attr)]
            if isinstance(getattr(plugin, attr, None), str)
            else list(getattr(plugin, attr, None) or [])
        )
    }
    if "slack" in protocols:
        return "slack"
    return "text" if plugin.notify_format == apprise.NotifyFormat.TEXT else "markdown"


class _Collected(logging.Handler):
    """Apprise's warnings, and the debug lines that hold the cause (its "Socket Exception: 554 …", a service's
    "Response Details")."""

    CAUSES = ("Exception", "Response Details", "rror")

    def __init__(self, url: str):
        super().__init__(logging.DEBUG)
        self.url = url
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        text = " ".join(record.getMessage().split())
        if record.levelno < logging.WARNING and not any(c in text for c in self.CAUSES):
            return
        for secret in _secrets_of(self.url):
            text = text.replace(secret, "****")
        if text and text not in self.messages:
            self.messages.append(text[:300])


def _secrets_of(url: str) -> list[str]:
    parts = urlsplit(url.strip())
    found = [
        parts.password,
        parts.username,
        *[p for p in parts.path.split("/") if len(p) >= 6],
        *[v for _, v in parse_qsl(parts.query) if len(v) >= 6],
    ]
    return sorted({f for f in found if f}, key=len, reverse=True)


@contextmanager
def apprise_errors(url: str):
    """Apprise quiet, as in `quiet_apprise`, but its warnings and errors kept (secrets of `url` masked), so a
    failed send can say why in the channel's own words."""
    logger = logging.getLogger("apprise")
    handler = _Collected(url)
    level, propagate = logger.level, logger.propagate
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    logger.addHandler(handler)
    try:
        yield handler
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate


def check_url(url: str, where: str) -> None:
    with quiet_apprise():
        usable = apprise.Apprise().add(url)
    if not usable:
        raise ChannelConfigError(
            f"{where}: {mask_url(url)} is not a notification URL PeerWatch can use "
            "(unknown scheme or unreadable address; see https://github.com/caronc/apprise/wiki)"
        )


def channels_from_env_urls(text: str) -> list[Channel]:
    channels = []
    for url in text.split():
        check_url(url, NOTIFY_ENV)
        channels.append(Channel(url=url))
    return channels


def channels_from_file(path: str | Path, environ=None) -> list[Channel]:
    path, env = Path(path), os.environ if environ is None else environ
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ChannelConfigError(f"cannot read channels file {path}: {exc.strerror}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ChannelConfigError(f"{path}: not valid TOML: {exc}") from exc
    unknown = set(data) - {"channel"}
    if unknown:
        raise ChannelConfigError(f"{path}: unknown top-level key(s) {sorted(unknown)}; expected [[channel]] tables")
    channels = []
    for n, raw in enumerate(data.get("channel", []), start=1):
        where = f"{path}, channel #{n}" + (f" ({raw.get('name')})" if isinstance(raw, dict) and raw.get("name") else "")
        try:
            entry = _FileChannel.model_validate(raw)
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(map(str, e['loc'])) or 'entry'}: {e['msg']}" for e in exc.errors())
            raise ChannelConfigError(f"{where}: {problems}") from None  # the error would echo the URL
        url = entry.url or (env.get(entry.url_env, "") if entry.url_env else "")
        if not url.strip():
            raise ChannelConfigError(
                f"{where}: give url, or url_env naming a set environment variable"
                + (f" ({entry.url_env} is empty)" if entry.url_env else "")
            )
        check_url(url, where)
        channels.append(
            Channel(
                url=url.strip(),
                name=entry.name,
                review_types=tuple(entry.review_types),
                councils=tuple(entry.councils),
                regions=tuple(entry.regions),
                digest=entry.digest,
            )
        )
    return channels


def load_channels(environ: dict[str, str] | None = None) -> list[Channel]:
    """Every configured channel, checked; raises ChannelConfigError naming the bad one (secret masked)."""
    env = os.environ if environ is None else environ
    cadence = env.get(DIGEST_ENV, "").strip().lower()
    if cadence and cadence not in DIGESTS:
        raise ChannelConfigError(f"{DIGEST_ENV}={cadence!r}: give one of {', '.join(DIGESTS)}")
    channels = channels_from_env_urls(env.get(NOTIFY_ENV, ""))
    if env.get(CHANNELS_ENV, "").strip():
        channels += channels_from_file(env[CHANNELS_ENV].strip(), env)
    seen: dict[str, Channel] = {}
    for c in channels:
        if c.id in seen and seen[c.id].url != c.url:
            raise ChannelConfigError(f"two channels are named {c.id!r}; give each its own name")
        seen.setdefault(c.id, c)
    return list(seen.values())


def configure_from_cli(notify: list[str], channels_file: str | None) -> list[Channel]:
    """`--notify` and `--channels` become this process's environment (never a flow parameter), so the flow
    and every run a served deployment starts read them the same way as `PEERWATCH_NOTIFY`."""
    if notify:
        os.environ[NOTIFY_ENV] = " ".join([*os.environ.get(NOTIFY_ENV, "").split(), *notify])
    if channels_file:
        os.environ[CHANNELS_ENV] = str(Path(channels_file).resolve())
    return load_channels()
