"""A replica council newsroom in the LocalGov Drupal style: /news listing with ?page=N,
an RSS feed advertised in <head>, articles at /news/<year>/<slug> carrying JSON-LD."""
from __future__ import annotations

import html
import json
from email.utils import format_datetime
from datetime import datetime, timezone
from urllib.parse import parse_qsl

from tests.replica.content import Article, NewsroomDef
from tests.replica.moderngov_site import Response

PAGE_SIZE = 2


def _chrome(room: NewsroomDef, title: str, head_extra: str, main: str) -> bytes:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(title)} | {html.escape(room.name)}</title>
<link rel="alternate" type="application/rss+xml" title="{html.escape(room.name)} news" href="/news/feed.rss">
{head_extra}</head>
<body>
<header><a href="/">{html.escape(room.name)}</a>
<nav class="mega-menu"><ul><li><a href="/council-tax">Council tax</a></li><li><a href="/bins">Bins and recycling</a></li>
<li><a href="/news">News</a></li><li><a href="/news/search">Search news</a></li></ul></nav></header>
<main id="main-content">{main}</main>
<footer><ul><li><a href="/accessibility">Accessibility</a></li><li><a href="/privacy">Privacy</a></li></ul>
<p>Copyright {html.escape(room.name)}</p></footer>
</body></html>""".encode("utf-8")


def article_path(a: Article) -> str:
    return f"/news/{a.published.year}/{a.slug}"


class Newsroom:
    def __init__(self, room: NewsroomDef):
        self.room = room
        self.articles = sorted(room.articles, key=lambda a: a.published, reverse=True)

    def handle(self, path: str, query: str) -> Response:
        params = dict(parse_qsl(query))
        if path == "/robots.txt":
            return Response(200, b"User-agent: *\nDisallow: /news/search\n", "text/plain")
        if path in ("/news", "/news/"):
            return self.listing(int(params.get("page", "0") or 0))
        if path == "/news/feed.rss":
            return self.feed()
        if path == "/news/search":
            return Response(200, _chrome(self.room, "Search news", "", "<h1>Search news</h1><form></form>"))
        for a in self.articles:
            if path == article_path(a):
                return self.article(a)
        return Response(404, _chrome(self.room, "Page not found", "", "<h1>Page not found</h1>"))

    def listing(self, page_no: int) -> Response:
        chunk = self.articles[page_no * PAGE_SIZE:(page_no + 1) * PAGE_SIZE]
        cards = "\n".join(
            f'<article class="news-teaser"><h3><a href="{article_path(a)}">{html.escape(a.title)}</a></h3>'
            f'<time datetime="{a.published.isoformat()}">{a.published.day} {a.published.strftime("%B %Y")}</time></article>'
            for a in chunk)
        pager = ""
        if (page_no + 1) * PAGE_SIZE < len(self.articles):
            pager = f'<nav class="pager"><a rel="next" href="/news?page={page_no + 1}">Next page</a></nav>'
        return Response(200, _chrome(self.room, "News", "", f"<h1>News</h1>\n{cards}\n{pager}"))

    def feed(self) -> Response:
        items = "".join(f"""
<item><title>{html.escape(a.title)}</title><link>http://{{host}}{article_path(a)}</link>
<pubDate>{format_datetime(datetime(a.published.year, a.published.month, a.published.day, 9, tzinfo=timezone.utc))}</pubDate>
<description>{html.escape(a.paragraphs[0])}</description><guid isPermaLink="true">http://{{host}}{article_path(a)}</guid></item>"""
                        for a in self.articles)
        body = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>{html.escape(self.room.name)} news</title><link>http://{{host}}/news</link>
<description>Latest news</description>{items}
</channel></rss>"""
        return Response(200, body.encode("utf-8"), "application/rss+xml; charset=utf-8", {"templated-host": "1"})

    def article(self, a: Article) -> Response:
        ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": a.title,
                         "datePublished": f"{a.published.isoformat()}T09:00:00+01:00",
                         "publisher": {"@type": "Organization", "name": self.room.name}})
        head = (f'<script type="application/ld+json">{ld}</script>\n'
                f'<meta property="article:published_time" content="{a.published.isoformat()}T09:00:00+01:00">')
        body = [f"<h1>{html.escape(a.title)}</h1>", f'<p class="published">{html.escape(a.published_prose)}</p>']
        body += [f"<p>{html.escape(p)}</p>" for p in a.paragraphs]
        if a.bullets:
            body.append("<ul>" + "".join(f"<li>{html.escape(b)}</li>" for b in a.bullets) + "</ul>")
        body += [f"<p>{html.escape(p)}</p>" for p in a.closing]
        main = '<article class="news-article">' + "\n".join(body) + "</article>"
        return Response(200, _chrome(self.room, a.title, head, main))
