"""Press-release readers on saved newsroom pages."""
from datetime import date

import feedparser

from scrapers.press import article_links, canonical_url, discover_feed, next_page, parse_article
from tests.conftest import fixture_bytes

NEWS = "https://www.example-council.gov.uk/news"


def test_listing_advertises_its_feed():
    assert discover_feed(fixture_bytes("news_listing.html"), NEWS) == "https://www.example-council.gov.uk/news/feed.rss"


def test_listing_links_and_pagination_without_feed():
    links = article_links(fixture_bytes("news_listing.html"), NEWS, NEWS)
    assert links and all(l.startswith(NEWS + "/2015/") for l in links)
    assert not any("search" in l for l in links)
    assert next_page(fixture_bytes("news_listing.html"), NEWS) == NEWS + "?page=1"


def test_feed_entries():
    entries = feedparser.parse(fixture_bytes("news_feed.rss")).entries
    assert len(entries) == 3
    assert entries[0].link.endswith("/news/2015/county-councils-safeguarding-children-peer-review-findings-published")


def test_article_title_date_and_main_text_without_chrome():
    a = parse_article(fixture_bytes("news_article.html"), NEWS + "/2015/x")
    assert a.title == "Findings of the County Council's safeguarding children Peer Review published"
    assert a.published == date(2015, 6, 18)
    assert "critical friends" in a.text
    assert "Council tax" not in a.text and "Privacy" not in a.text


def test_prose_date_when_no_metadata():
    page = b"<html><body><main><h1>T</h1><p>Published Thursday, 18th June 2015</p><p>Body</p></main></body></html>"
    assert parse_article(page, "https://x/news/t").published == date(2015, 6, 18)


def test_canonical_url_strips_tracking_fragment_and_www():
    assert canonical_url("https://www.x.gov.uk/news/a/?utm_source=tw&id=3#top") == "https://x.gov.uk/news/a?id=3"
