"""Press-release readers on saved newsroom pages."""

import tomllib
from datetime import date
from pathlib import Path

import feedparser
import pytest

from scrapers.press import article_links, canonical_url, discover_feed, next_page, parse_article
from tests.support.fixtures import fixture_bytes

NEWS = "https://www.example-council.gov.uk/news"


def test_listing_advertises_its_feed():
    assert discover_feed(fixture_bytes("news_listing.html"), NEWS) == "https://www.example-council.gov.uk/news/feed.rss"


def test_listing_links_and_pagination_without_feed():
    links = article_links(fixture_bytes("news_listing.html"), NEWS, NEWS)
    assert links and all(link.startswith(NEWS + "/2015/") for link in links)
    assert not any("search" in link for link in links)
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


def test_plain_listing_without_feed_strips_tracking_and_follows_next():
    page = fixture_bytes("news_plain_listing.html")
    assert discover_feed(page, NEWS) is None
    assert article_links(page, NEWS, NEWS) == [
        NEWS + "/childrens-social-care-peer-review-findings",
        NEWS + "/peer-support-group-for-young-carers",
    ]
    assert next_page(page, NEWS) == NEWS + "?page=2"
    assert next_page(fixture_bytes("news_plain_listing_page2.html"), NEWS + "?page=2") is None


def test_plain_article_dated_only_in_prose():
    a = parse_article(fixture_bytes("news_plain_article.html"), NEWS + "/x")
    assert a.published == date(2022, 5, 20) and a.published_raw.startswith("Posted on")
    assert a.title == "Children's social care findings from independent peer review"


def test_atom_feed_and_time_element():
    entries = feedparser.parse(fixture_bytes("news_feed.atom")).entries
    assert [e.link.rsplit("/", 1)[1] for e in entries] == [
        "peer-challenge-feedback-childrens-social-care",
        "ofsted-praises-borough-schools",
    ]
    a = parse_article(fixture_bytes("news_atom_article.html"), NEWS + "/x")
    assert a.published == date(2022, 12, 9)


def test_selector_overrides_for_a_site_the_generic_reader_gets_wrong():
    from flows.config import Selectors

    page = b"""<html><body><div class="teasers"><a class="story" href="/news/a-story">A</a></div>
    <a href="/news/unrelated-banner">Banner</a></body></html>"""
    links = article_links(page, NEWS, NEWS, Selectors(article_link="a.story"))
    assert links == ["https://www.example-council.gov.uk/news/a-story"]


def test_broken_article_markup_still_gives_title_and_text():
    whole = fixture_bytes("news_article.html")
    cut = whole[: len(whole) * 2 // 3] + b'<script type="application/ld+json">{"datePublished": '
    article = parse_article(cut, NEWS + "/2015/cut")
    assert article.title and len(article.text) > 100
    for body in [b"", b"<html><head><title>", b"<html><body><nav><a href=/>Home</a></nav><footer>"]:
        assert parse_article(body, NEWS + "/2015/empty").text == ""
    parse_article(b"\xff\xfe\x00\x81", NEWS + "/2015/binary")  # bytes that are not HTML at all: no exception


ARTICLES = Path(__file__).parent / "fixtures" / "articles"
ARTICLE_LABELS = tomllib.loads((ARTICLES / "labels.toml").read_text(encoding="utf-8"))["article"]


@pytest.mark.parametrize("label", ARTICLE_LABELS, ids=[a["file"] for a in ARTICLE_LABELS])
def test_article_main_text_in_common_cms_shapes_keeps_the_story_and_drops_the_chrome(label):
    article = parse_article((ARTICLES / label["file"]).read_bytes(), NEWS + "/a")
    text = " ".join(article.text.split())
    assert (article.title, article.published) == (label["title"], label["date"])
    assert [f for f in label["text"] if f not in text] == []
    assert [f for f in label["chrome"] if f in text] == []


def test_headline_is_the_story_heading_not_the_site_logo():
    page = (
        b"<html><body><header><h1><a href='/'>Northdown Council</a></h1></header><main><h1>Bin days change</h1>"
        b"<p>" + b"Collections move to Tuesdays from June across the borough. " * 4 + b"</p></main></body></html>"
    )
    article = parse_article(page, NEWS + "/bins")
    assert article.title == "Bin days change"
    assert "Northdown Council" not in article.text and article.text.startswith("Bin days change")
