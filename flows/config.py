"""The councils file (TOML): repeated [[council]] tables, checked with a clear message per mistake."""
from __future__ import annotations

import re
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator


class ConfigError(Exception):
    """The councils file cannot be used; the message says where and why."""


class Selectors(BaseModel):
    model_config = ConfigDict(extra="forbid")
    article_link: str | None = None
    title: str | None = None
    date: str | None = None
    body: str | None = None


class CouncilConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    slug: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    name: str = Field(min_length=2)
    moderngov_url: str | None = None
    news_url: str | None = None
    news_feed_url: str | None = None
    max_requests_per_second: float = Field(default=1.0, gt=0, le=100)
    news_selectors: Selectors | None = None

    @field_validator("moderngov_url", "news_url", "news_feed_url")
    @classmethod
    def http_url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"not an http(s) URL: {value!r}")
        return value.rstrip("/")

    def hosts(self) -> list[str]:
        return [u for u in (self.moderngov_url, self.news_url, self.news_feed_url) if u]


def _line_of_council(text: str, index: int) -> int:
    starts = [m.start() for m in re.finditer(r"^[ \t]*\[\[council\]\]", text, re.M)]
    return text.count("\n", 0, starts[index]) + 1 if index < len(starts) else 0


def parse_councils(text: str, source: str = "councils file") -> list[CouncilConfig]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{source}: not valid TOML: {exc}") from exc
    unknown = set(data) - {"council"}
    if unknown:
        raise ConfigError(f"{source}: unknown top-level key(s) {sorted(unknown)}; expected [[council]] tables")
    entries = data.get("council")
    if not isinstance(entries, list) or not entries:
        raise ConfigError(f"{source}: no [[council]] tables found")
    councils, seen = [], set()
    for index, entry in enumerate(entries):
        line = _line_of_council(text, index)
        try:
            council = CouncilConfig.model_validate(entry)
        except ValidationError as exc:
            problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or 'entry'}: {_friendly(e)}" for e in exc.errors())
            raise ConfigError(f"{source}, council #{index + 1} (line {line}): {problems}") from exc
        if not (council.moderngov_url or council.news_url or council.news_feed_url):
            raise ConfigError(f"{source}, council #{index + 1} (line {line}): give moderngov_url, news_url or news_feed_url")
        if council.slug in seen:
            raise ConfigError(f"{source}, council #{index + 1} (line {line}): slug {council.slug!r} appears twice")
        seen.add(council.slug)
        councils.append(council)
    return councils


def _friendly(error: dict) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown key (check the spelling: slug, name, moderngov_url, news_url, news_feed_url, max_requests_per_second, news_selectors)"
    if error["type"] == "missing":
        return "required"
    return error["msg"]


def load_councils(path: str | Path) -> list[CouncilConfig]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read councils file {path}: {exc.strerror}") from exc
    return parse_councils(text, str(path))
