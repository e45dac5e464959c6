"""URL building and reading for ModernGov sites, including sub-path installs."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from requests.utils import requote_uri

from scrapers.http import join_url

_SESSION_SEGMENT = re.compile(r"/\(S\([^)]*\)\)", re.IGNORECASE)


def site_root(base_url: str) -> str:
    """Base URL with a trailing slash so relative page names resolve under a sub-path."""
    base = base_url.strip()
    return base if base.endswith("/") else base + "/"


def page_url(base_url: str, page: str, **params) -> str:
    query = urlencode({k: v for k, v in params.items() if v is not None})
    return urljoin(site_root(base_url), page) + (f"?{query}" if query else "")


def absolute(base_or_page_url: str, href: str) -> str:
    """Resolve an href as a browser would, then percent-encode raw spaces and drop ASP.NET session segments."""
    url = join_url(base_or_page_url, href.strip())
    url = _SESSION_SEGMENT.sub("", url)
    return requote_uri(url)


def query_param(url: str, name: str) -> str | None:
    """ModernGov writes MId, MID and mid; read parameter names case-insensitively."""
    wanted = name.lower()
    for key, value in parse_qsl(urlsplit(url).query, keep_blank_values=True):
        if key.lower() == wanted:
            return value
    return None


def agenda_item_url(base_url: str, item_id: str) -> str:
    return page_url(base_url, "mgAi.aspx", ID=item_id)


def ws_url(base_url: str, operation: str, **params) -> str:
    return page_url(base_url, f"mgWebService.asmx/{operation}", **params)


def ws_date(d: date) -> str:
    return d.strftime("%d/%m/%Y")


def strip_fragment(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, parts.query, ""))
