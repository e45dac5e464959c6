"""Replica council newsrooms in three styles seen on real sites.

- drupal_rss: LocalGov Drupal-like: /news?page=N (0-based), an RSS feed advertised in <head>,
  articles at /news/<year>/<slug> with JSON-LD and article:published_time.
- plain_listing: an older CMS: no feed, a list of links carrying tracking parameters,
  "Next" pagination (?page=2, 1-based), articles dated only in prose ("Posted on 20th May 2022").
- atom: an Atom feed advertised in <head>, articles at /news/<slug> dated with <time datetime>.
Every newsroom's robots.txt disallows its site search.
"""

from __future__ import annotations

import html
import json
from datetime import UTC, datetime
from email.utils import format_datetime
from urllib.parse import parse_qsl

from replica.content import Article, NewsroomDef
from replica.moderngov_site import Response

PAGE_SIZE = 2


FEED_LINKS = {
    "drupal_rss": '<link rel="alternate" type="application/rss+xml" title="News" href="/news/feed.rss">',
    "atom": '<link rel="alternate" type="application/atom+xml" title="News" href="/news/atom.xml">',
    "plain_listing": "",
}


def _chrome(room: NewsroomDef, title: str, head_extra: str, main: str) -> bytes:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} | {html.escape(room.name)}</title>
{FEED_LINKS[room.style]}
{head_extra}</head>
<body>
<header><a href="/">{html.escape(room.name)}</a>
<nav class="mega-menu"><ul><li><a href="/council-tax">Council tax</a></li><li><a href="/bins">Bins and recycling</a></li>
<li><a href="/news">News</a></li><li><a href="/news/search">Search news</a></li></ul></nav></header>
<main id="main-content">{main}</main>
<footer><ul><li><a href="/accessibility">Accessibility</a></li><li><a href="/privacy">Privacy</a></li></ul>
<p>Copyright {html.escape(room.name)}</p></footer>
</body></html>""".encode()


def article_path(a: Article, style: str = "drupal_rss") -> str:
    return f"/news/{a.published.year}/{a.slug}" if style == "drupal_rss" else f"/news/{a.slug}"


class Newsroom:
    def __init__(self, room: NewsroomDef):
        self.room = room

    @property
    def articles(self) -> list[Article]:
        # Read live, so a test can publish a new article between two harvests.
        return sorted(self.room.articles, key=lambda a: a.published, reverse=True)

    def path(self, a: Article) -> str:
        return article_path(a, self.room.style)

    def handle(self, path: str, query: str) -> Response:
        params = dict(parse_qsl(query))
        if path == "/robots.txt":
            return Response(200, b"User-agent: *\nDisallow: /news/search\n", "text/plain")
        if path in ("/news", "/news/"):
            page = int(params.get("page", "0") or 0)
            return self.plain_listing(max(page, 1)) if self.room.style == "plain_listing" else self.listing(page)
        if path == "/news/feed.rss" and self.room.style == "drupal_rss":
            return self.feed()
        if path == "/news/atom.xml" and self.room.style == "atom":
            return self.atom()
        if path == "/news/search":
            return Response(200, _chrome(self.room, "Search news", "", "<h1>Search news</h1><form></form>"))
        for a in self.articles:
            if path == self.path(a):
                return self.plain_article(a) if self.room.style == "plain_listing" else self.article(a)
        return Response(404, _chrome(self.room, "Page not found", "", "<h1>Page not found</h1>"))

    def listing(self, page_no: int) -> Response:
        chunk = self.articles[page_no * PAGE_SIZE : (page_no + 1) * PAGE_SIZE]
        cards = "\n".join(
            f'<article class="news-teaser"><h3><a href="{self.path(a)}">{html.escape(a.title)}</a></h3>'
            f'<time datetime="{a.published.isoformat()}">{a.published.day} {a.published.strftime("%B %Y")}</time></article>'
            for a in chunk
        )
        pager = ""
        if (page_no + 1) * PAGE_SIZE < len(self.articles):
            pager = f'<nav class="pager"><a rel="next" href="/news?page={page_no + 1}">Next page</a></nav>'
        return Response(200, _chrome(self.room, "News", "", f"<h1>News</h1>\n{cards}\n{pager}"))

    def feed(self) -> Response:
        items = "".join(
            f"""
<item><title>{html.escape(a.title)}</title><link>http://{{host}}{self.path(a)}</link>
<pubDate>{format_datetime(datetime(a.published.year, a.published.month, a.published.day, 9, tzinfo=UTC))}</pubDate>
<description>{html.escape(a.paragraphs[0])}</description><guid isPermaLink="true">http://{{host}}{self.path(a)}</guid></item>"""
            for a in self.articles
        )
        body = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>{html.escape(self.room.name)} news</title><link>http://{{host}}/news</link>
<description>Latest news</description>{items}
</channel></rss>"""
        return Response(200, body.encode("utf-8"), "application/rss+xml; charset=utf-8", {"templated-host": "1"})

    def plain_listing(self, page_no: int) -> Response:
        chunk = self.articles[(page_no - 1) * PAGE_SIZE : page_no * PAGE_SIZE]
        rows = "\n".join(
            f'<li><a href="{self.path(a)}?utm_source=newslist&amp;utm_medium=web">{html.escape(a.title)}</a></li>'
            for a in chunk
        )
        pager = ""
        if page_no * PAGE_SIZE < len(self.articles):
            pager = f'<p class="paging"><a href="/news?page={page_no + 1}">Next</a></p>'
        main = f'<div id="content"><h1>Press releases</h1>\n<ul class="news-list">\n{rows}\n</ul>\n{pager}</div>'
        return Response(200, _chrome(self.room, "Press releases", "", main))

    def plain_article(self, a: Article) -> Response:
        body = [f"<h1>{html.escape(a.title)}</h1>", f'<p class="date">{html.escape(a.published_prose)}</p>']
        body += [f"<p>{html.escape(p)}</p>" for p in a.paragraphs + a.closing]
        return Response(200, _chrome(self.room, a.title, "", '<div id="content">' + "\n".join(body) + "</div>"))

    def atom(self) -> Response:
        entries = "".join(
            f"""
<entry><title>{html.escape(a.title)}</title><link rel="alternate" href="http://{{host}}{self.path(a)}"/>
<id>tag:{self.room.slug},{a.published.isoformat()}:{a.slug}</id>
<published>{a.published.isoformat()}T10:00:00Z</published><updated>{a.published.isoformat()}T10:00:00Z</updated>
<summary>{html.escape(a.paragraphs[0])}</summary></entry>"""
            for a in self.articles
        )
        newest = self.articles[0].published.isoformat() if self.articles else "2000-01-01"
        body = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>{html.escape(self.room.name)} news</title>
<id>tag:{self.room.slug},news</id><updated>{newest}T10:00:00Z</updated>{entries}
</feed>"""
        return Response(200, body.encode("utf-8"), "application/atom+xml; charset=utf-8", {"templated-host": "1"})

    def article(self, a: Article) -> Response:
        ld = json.dumps(
            {
                "@context": "https://schema.org",
                "@type": "NewsArticle",
                "headline": a.title,
                "datePublished": f"{a.published.isoformat()}T09:00:00+01:00",
                "publisher": {"@type": "Organization", "name": self.room.name},
            }
        )
        head = (
            f'<script type="application/ld+json">{ld}</script>\n'
            f'<meta property="article:published_time" content="{a.published.isoformat()}T09:00:00+01:00">'
        )
        stamp = f'<p class="published">{html.escape(a.published_prose)}</p>'
        if self.room.style == "atom":
            head = ""
            stamp = (
                f'<p>Published <time datetime="{a.published.isoformat()}">{html.escape(a.published_prose)}</time></p>'
            )
        body = [f"<h1>{html.escape(a.title)}</h1>", stamp]
        body += [f"<p>{html.escape(p)}</p>" for p in a.paragraphs]
        if a.bullets:
            body.append("<ul>" + "".join(f"<li>{html.escape(b)}</li>" for b in a.bullets) + "</ul>")
        body += [f"<p>{html.escape(p)}</p>" for p in a.closing]
        main = '<article class="news-article">' + "\n".join(body) + "</article>"
        return Response(200, _chrome(self.room, a.title, head, main))
