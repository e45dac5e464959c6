"""The councils file (TOML): repeated [[council]] tables, checked with a clear message per mistake."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from warehouse.errors import UserError

SLUG_PATTERN = r"^[a-z0-9][a-z0-9-]*$"


class ConfigError(UserError):
    """The councils file cannot be used; the message says where and why (exit 2)."""


class Selectors(BaseModel):
    model_config = ConfigDict(extra="forbid")
    article_link: str | None = None
    title: str | None = None
    date: str | None = None
    body: str | None = None


class CouncilConfig(BaseModel):
    model_config = ConfigDict(extra="forbid")

    slug: str = Field(pattern=SLUG_PATTERN)
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


def _council_starts(text: str) -> list[int]:
    """Line number (1-based) of each [[council]] header."""
    return [text.count("\n", 0, m.start()) + 1 for m in re.finditer(r"^[ \t]*\[\[council\]\]", text, re.M)]


def _line_of_key(text: str, council_line: int, key: str) -> int:
    """The line of `key = …` inside the council starting at council_line (its header line if absent)."""
    lines = text.splitlines()
    for number in range(council_line, len(lines)):
        line = lines[number].strip()
        if line.startswith("[[council]]"):
            break
        if re.match(rf"^[\"']?{re.escape(key)}[\"']?\s*=", line):
            return number + 1
    return council_line


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
    starts = _council_starts(text)
    for index, entry in enumerate(entries):
        line = starts[index] if index < len(starts) else 0
        where = f"{source}, council #{index + 1}" + (
            f" {entry['slug']!r}" if isinstance(entry.get("slug"), str) else ""
        )
        try:
            council = CouncilConfig.model_validate(entry)
        except ValidationError as exc:
            first = exc.errors()[0]
            key = str(first["loc"][-1]) if first["loc"] else ""
            problems = "; ".join(
                f"{'.'.join(str(p) for p in e['loc']) or 'entry'}: {_friendly(e)}" for e in exc.errors()
            )
            at = _line_of_key(text, line, key) if key and first["type"] != "missing" else line
            raise ConfigError(f"{where} (line {at}): {problems}") from exc
        if not (council.moderngov_url or council.news_url or council.news_feed_url):
            raise ConfigError(f"{where} (line {line}): give moderngov_url, news_url or news_feed_url")
        if council.slug in seen:
            raise ConfigError(
                f"{where} (line {_line_of_key(text, line, 'slug')}): slug {council.slug!r} appears "
                "twice; every council needs its own"
            )
        seen.add(council.slug)
        councils.append(council)
    return councils


def _friendly(error: dict) -> str:
    if error["type"] == "extra_forbidden":
        return "unknown key (check the spelling: slug, name, moderngov_url, news_url, news_feed_url, max_requests_per_second, news_selectors)"
    if error["type"] == "missing":
        return "required"
    if error["type"] == "string_pattern_mismatch" and error["loc"] == ("slug",):
        return (
            f"{error['input']!r} is not a slug: use lower-case letters, digits and hyphens, starting with a "
            "letter or digit (e.g. \"brighton-hove\")"
        )
    return error["msg"].removeprefix("Value error, ")


def load_councils(path: str | Path) -> list[CouncilConfig]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read councils file {path}: {exc.strerror}") from exc
    return parse_councils(text, str(path))
