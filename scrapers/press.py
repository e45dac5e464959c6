"""Council newsrooms without per-site code: a feed when there is one, else the listing page.

Feeds (RSS 2.0 or Atom) are read with feedparser; a listing page advertises its feed with
<link rel="alternate">, or is read generically (same-site links under the newsroom path,
"Next"/?page= pagination to a bound). Per-council CSS selectors override the generic reader.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import feedparser

from scrapers.http import PoliteClient, join_url, same_site
from scrapers.models import PressRelease, SourceError
from transforms.dates import parse_single_date
from transforms.html_text import element_text, soup_of
from transforms.limits import MAX_FEED_BYTES, MAX_NEW_ARTICLES

TRACKING_PARAMS = re.compile(r"^(utm_.*|fbclid|gclid|mc_cid|mc_eid|ref)$", re.I)
MAX_LISTING_PAGES = 5
FEED_TYPES = ("application/rss+xml", "application/atom+xml")


def strip_tracking(url: str) -> str:
    """The same address without tracking parameters (utm_*, fbclid…) and without a fragment."""
    parts = urlsplit(url)
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query) if not TRACKING_PARAMS.match(k)])
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def canonical_url(url: str) -> str:
    """The identity of an article: no tracking parameters or fragment; `www.` and the bare host are one."""
    parts = urlsplit(strip_tracking(url))
    host = parts.netloc.lower().removeprefix("www.")
    return urlunsplit((parts.scheme.lower(), host, parts.path.rstrip("/") or "/", parts.query, ""))


@dataclass
class NewsHarvest:
    releases: list[PressRelease] = field(default_factory=list)
    errors: list[SourceError] = field(default_factory=list)
    feed_url: str | None = None
    limits: list[str] = field(default_factory=list)  # caps the news source reached tonight (transforms/limits.py)


class NewsScraper:
    def __init__(
        self,
        client: PoliteClient,
        council: str,
        news_url: str | None,
        feed_url: str | None,
        selectors=None,
        known_urls: set[str] | None = None,
        since: date | None = None,
    ):
        self.client = client
        self.council = council
        self.news_url = news_url
        self.feed_url = feed_url
        self.selectors = selectors
        self.known = known_urls or set()
        self.since = since

    def harvest(self) -> NewsHarvest:
        out = NewsHarvest()
        links: list[str] = []
        feed_url = self.feed_url
        if not feed_url and self.news_url:
            listing = self.client.get(self.news_url, council=self.council)
            if not listing.ok:
                out.errors.append(SourceError("news", self.news_url, listing.error or "no body"))
                return out
            feed_url = discover_feed(listing.body, self.news_url)
            if not feed_url:
                links = self._listing_links(listing.body)
        if feed_url:
            out.feed_url = feed_url
            fetched = self.client.get(feed_url, council=self.council, keep_first=MAX_FEED_BYTES)
            if not fetched.ok:
                out.errors.append(SourceError("news", feed_url, fetched.error or "no body"))
                return out
            links = feed_links(fetched.body, fetched.final_url or feed_url, out.limits, fetched.cut)
        read = 0
        links = list(dict.fromkeys(links))
        for n, link in enumerate(links):
            try:
                if canonical_url(link) in self.known:
                    continue  # an article already stored is not downloaded again
            except ValueError:  # "http://[::1/x": one broken link must not lose the rest of the feed
                out.errors.append(SourceError("news", link[:500], "unparsable link"))
                continue
            if read == MAX_NEW_ARTICLES:
                out.limits.append(
                    f"news lists more than {MAX_NEW_ARTICLES:,} new articles ({len(links) - n:,} links "
                    "not yet looked at): the rest are read on the nights that follow "
                    "(PEERWATCH_MAX_NEW_ARTICLES)"
                )
                break
            read += 1
            release = self._article(link, out)
            if release and (self.since is None or release.published is None or release.published >= self.since):
                out.releases.append(release)
        return out

    def _listing_links(self, first_page: bytes) -> list[str]:
        links: list[str] = []
        page_url, body = self.news_url, first_page
        for _ in range(MAX_LISTING_PAGES):
            links += article_links(body, page_url, self.news_url, self.selectors)
            nxt = next_page(body, page_url)
            if not nxt:
                break
            fetched = self.client.get(nxt, council=self.council)
            if not fetched.ok:
                break
            page_url, body = nxt, fetched.body
        return links

    def _article(self, url: str, out: NewsHarvest) -> PressRelease | None:
        fetched = self.client.get(url, council=self.council)
        if not fetched.ok:
            out.errors.append(SourceError("news", url, fetched.error or "no body"))
            return None
        return parse_article(fetched.body, canonical_url(url), self.selectors)


_ITEM_END = re.compile(rb"</(item|entry)\s*>", re.IGNORECASE)


def feed_links(body: bytes, feed_url: str, limits: list[str], cut: bool = False) -> list[str]:
    """The article links of an RSS or Atom feed, relative ones resolved against the feed's own address (as a
    browser would; an Atom feed's own xml:base is applied by feedparser first). A feed longer than MAX_FEED_BYTES (`cut`: the client read only that much) is
    read up to its last whole item: a million-item feed would otherwise take minutes and gigabytes to parse."""
    if cut or len(body) > MAX_FEED_BYTES:
        last = max(_ITEM_END.finditer(body, 0, MAX_FEED_BYTES), key=lambda m: m.end(), default=None)
        limits.append(
            f"news feed {feed_url} is longer than {MAX_FEED_BYTES:,} bytes: only its first "
            f"{last.end() if last else 0:,} were read (PEERWATCH_MAX_FEED_BYTES)"
        )
        # closed again as its kind of feed, so feedparser reads it as well-formed, not with its slow loose parser
        closing = b"</feed>" if last and last.group(1).lower() == b"entry" else b"</channel></rss>"
        body = body[: last.end()] + closing if last else b""
    # Resolved here rather than by feedparser (given the feed's address as its base, it drops a link it cannot
    # join, silently): a link nobody can split stays, to be refused with a recorded reason.
    return [join_url(feed_url, e.get("link")) for e in feedparser.parse(body).entries if e.get("link")]


def discover_feed(markup: bytes, page_url: str) -> str | None:
    for link in soup_of(markup).select("link[rel~=alternate][href]"):
        if (link.get("type") or "").lower() in FEED_TYPES:
            return join_url(page_url, link["href"])
    return None


def article_links(markup: bytes, page_url: str, news_url: str, selectors=None) -> list[str]:
    soup = soup_of(markup)
    anchors = soup.select(selectors.article_link) if selectors and selectors.article_link else soup.select("a[href]")
    root = urlsplit(news_url)
    prefix = root.path.rstrip("/") + "/"
    out = []
    for a in anchors:
        url = strip_tracking(join_url(page_url, a.get("href", "")))
        if not same_site(url, news_url):
            continue  # read with the HTTP client's own parser: `\@`, userinfo and the like are not this site
        parts = urlsplit(url)
        if not parts.path.startswith(prefix) or parts.path.rstrip("/") == root.path.rstrip("/"):
            continue
        if re.search(r"/(search|feed|page|category|tag)(/|$)|\.(rss|xml|pdf)$", parts.path, re.I) or parts.query:
            continue
        out.append(url)
    return list(dict.fromkeys(out))


def next_page(markup: bytes, page_url: str) -> str | None:
    soup = soup_of(markup)
    link = soup.select_one("a[rel~=next][href]")
    if link is None:
        link = next(
            (a for a in soup.select("a[href]") if re.fullmatch(r"\s*next( page)?\s*[»›>]?\s*", a.get_text(), re.I)),
            None,
        )
    return join_url(page_url, link["href"]) if link else None


def parse_article(markup: bytes, url: str, selectors=None) -> PressRelease:
    soup = soup_of(markup)
    title_el = soup.select_one(selectors.title) if selectors and selectors.title else headline(soup)
    title = element_text(title_el) if title_el else (soup.title.get_text(strip=True) if soup.title else url)
    published, raw = published_date(soup, selectors)
    body_el = soup.select_one(selectors.body) if selectors and selectors.body else main_content(soup, title_el)
    return PressRelease(
        url=url, title=title, published=published, text=element_text(body_el), published_raw=raw, source="listing"
    )


def headline(soup):
    # In priority order: a selector list would return the first h1 in the page, often the site logo.
    for selector in ("main h1", "article h1", "[role=main] h1", "h1"):
        if (el := soup.select_one(selector)) is not None:
            return el
    return None


# Class and id words that council CMSs (LocalGov Drupal, WordPress, Jadu, Umbraco…) give to the blocks
# around a story: sharing, related and latest news, sign-up boxes, comments, cookie and alert banners.
BOILERPLATE_WORDS = {
    "alert",
    "breadcrumb",
    "breadcrumbs",
    "comment",
    "comments",
    "cookie",
    "cookiepolicy",
    "cookies",
    "feedback",
    "latest",
    "newsletter",
    "pagination",
    "print",
    "promo",
    "related",
    "secondary",
    "share",
    "sharedaddy",
    "sharing",
    "sidebar",
    "signup",
    "skip",
    "social",
    "subscribe",
    "supplement",
    "tags",
    "teaser",
    "teasers",
    "widget",
}
CHROME_TAGS = "script, style, nav, header, footer, noscript, form, aside, button"
MIN_STORY_CHARS = 150


def main_content(soup, title_el):
    """The element holding the story: the article around the headline, else the headline's nearest
    ancestor with a story's worth of paragraphs, else main/article/#content; chrome removed first."""
    for block in [*soup.select(CHROME_TAGS), *soup.find_all(_is_boilerplate)]:
        if not block.decomposed and not _holds(block, title_el):
            block.decompose()
    if title_el is not None and not title_el.decomposed:
        article = title_el.find_parent("article")
        if article is not None:
            return article
        for ancestor in title_el.parents:
            if _story_chars(ancestor) >= MIN_STORY_CHARS:
                return ancestor
    for selector in ("article", "main", "[role=main]", "#content"):
        if (el := soup.select_one(selector)) is not None:
            return el
    return soup.body


def _holds(block, title_el) -> bool:
    # Identity, not ==: bs4 compares tags by their markup, and two empty divs are "equal".
    return title_el is not None and any(parent is block for parent in title_el.parents)


def _is_boilerplate(tag) -> bool:
    if tag.name in ("html", "body", "main", "article"):
        return False
    names = [*tag.get("class", []), tag.get("id") or ""]
    return any(word in BOILERPLATE_WORDS for name in names for word in re.split(r"[-_]+", name.lower()))


def _story_chars(element) -> int:
    return sum(len(p.get_text(" ", strip=True)) for p in element.find_all("p"))


def published_date(soup, selectors=None) -> tuple[date | None, str]:
    if selectors and selectors.date:
        el = soup.select_one(selectors.date)
        if el:
            text = el.get("datetime") or el.get_text(" ", strip=True)
            return _iso_or_prose(text), text
    for script in soup.select('script[type="application/ld+json"]'):
        try:
            data = json.loads(script.string or "")
        except ValueError:
            continue
        for node in data if isinstance(data, list) else [data]:
            if isinstance(node, dict) and node.get("datePublished"):
                return _iso_or_prose(node["datePublished"]), node["datePublished"]
    meta = soup.select_one('meta[property="article:published_time"][content]')
    if meta:
        return _iso_or_prose(meta["content"]), meta["content"]
    time_el = soup.select_one("time[datetime]")
    if time_el:
        return _iso_or_prose(time_el["datetime"]), time_el["datetime"]
    text = soup.get_text(" ")
    m = re.search(r"(?:Published|Posted|Date)[:\s]+([^\n|]{6,60})", text, re.I)
    if m:
        return parse_single_date(m.group(1)), m.group(0).strip()
    return None, ""


def _iso_or_prose(text: str) -> date | None:
    try:
        return datetime.fromisoformat(text.strip().replace("Z", "+00:00")).date()
    except ValueError:
        return parse_single_date(text)
