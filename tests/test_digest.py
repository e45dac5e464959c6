"""The digest: one block per review, most important first, the quote naming the review; and nothing a council
wrote becomes markup or a link in any channel, checked on the body each channel gets after Apprise's own
conversion for that service."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import apprise
import pytest
from apprise import NotifyFormat
from apprise.conversion import convert_between, markdown_to_html
from bs4 import BeautifulSoup

from flows.channels import Channel
from flows.digest import Digest, RunFacts, blocks_of, safe_link, words
from flows.digest_html import render_html
from flows.notify import digest_body

FOUND = datetime(2026, 11, 29, 3, 0, tzinfo=UTC)


def alert(key, review_type="lga_peer_challenge", stage="outcome", review_id=None, **extra):
    base = {
        "key": key,
        "url": f"https://council.example/{key}",
        "council": "exe",
        "council_name": "Exe Council",
        "region": "South West",
        "title": f"Item {key}",
        "review_type": review_type,
        "stage": stage,
        "kind": "agenda_item",
        "published_date": date(2026, 11, 20),
        "published_where": "Cabinet",
        "created_at": FOUND,
        "reason": "title names the review: x",
        "evidence": [],
        "section": "new",
        "review_id": review_id,
        "judgements": [],
        "documents": [],
        "tier": "alert",
    }
    return {**base, **extra}


def test_every_publication_about_one_review_is_one_block_with_its_pdf():
    agenda = alert(
        "item",
        review_id="r1",
        documents=[{"title": "Feedback letter", "url": "https://council.example/documents/letter.pdf"}],
    )
    press = alert("news", review_id="r1", kind="press_release", title="Council welcomes peer challenge")
    other = alert("other", review_id="r2", review_type="ofsted_focused_visit")
    blocks = blocks_of([press, other, agenda])
    assert len(blocks) == 2
    (peer,) = [b for b in blocks if b.key == "r1"]
    assert [s.url for s in peer.sources] == [agenda["url"], press["url"]]  # the agenda item first
    assert peer.sources[0].documents == [("Feedback letter", "https://council.example/documents/letter.pdf")]
    text = Digest([press, other, agenda]).text()
    assert text.count("Why flagged:") == 2 and "https://council.example/documents/letter.pdf" in text


def test_blocks_go_by_importance_and_worth_a_look_last():
    graded = alert(
        "graded", "ofsted_ilacs", review_id="a", judgements=[{"area": "overall_effectiveness", "grade": "inadequate"}]
    )
    findings = alert("findings", review_id="b")
    plan = alert("plan", "send_area_inspection", stage="action_plan", review_id="c")
    announced = alert("announced", "jtai", stage="announced", review_id="d")
    worth = alert("worth", review_id="e", section="worth_a_look", tier="worth_a_look")
    order = [b.key for b in blocks_of([worth, announced, plan, findings, graded])]
    assert order == ["a", "b", "c", "d", "e"]


def test_why_flagged_quotes_the_sentence_naming_this_review():
    a = alert(
        "brighton",
        review_id="r",
        evidence=[
            "Members also noted that Ofsted had judged the service as requiring improvement in May 2015.",
            "The Executive Director introduced the update on the Local Government Association safeguarding peer review.",
        ],
    )
    (block,) = blocks_of([a])
    assert block.quote.startswith("The Executive Director introduced")


def test_grades_are_words_and_send_is_written_send():
    a = alert(
        "send",
        "send_area_inspection",
        review_id="s",
        judgements=[{"area": "send_area_outcome", "grade": "inconsistent_experiences"}],
    )
    text = Digest([a]).text()
    assert "SEND area outcome: Inconsistent experiences" in text and "Send area" not in text
    assert words("lscb") == "LSCB"
    html = render_html(Digest([a]))
    assert "Inconsistent experiences" in html and "#fff0c2" in html  # amber, and the word itself


def test_peer_reviews_show_no_not_judged_rows():
    a = alert("peer", review_id="p", judgements=[{"area": "overall_effectiveness", "grade": "not_judged"}])
    assert "not judged" not in Digest([a]).text().lower()


def test_the_footer_says_when_how_many_and_what_failed():
    facts = RunFacts(ran_at=FOUND, councils=7, failed=["Eastmoor ModernGov site failed 3 nights in a row"])
    text = Digest([alert("x")], facts=facts).text()
    assert "29 November 2026 at 03:00 UTC, 7 councils read" in text
    assert "Eastmoor ModernGov site failed 3 nights in a row" in text and "PEERWATCH_NOTIFY" in text


# -- escaping, per channel ------------------------------------------------------------------------------------
HOSTILE = (
    "<script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3)) "
    "<a href=\"javascript:alert(4)\">x</a> **bold** _it_ <https://evil.example/> &amp; | pipe"
)


def hostile_digest() -> Digest:
    a = alert(
        "h",
        review_id="h",
        title=HOSTILE,
        council_name=f"Exe {HOSTILE}",
        published_where=HOSTILE,
        url="javascript:alert(5)",
        evidence=[f"The LGA peer challenge {HOSTILE}"],
        fieldwork_raw=HOSTILE,
        documents=[
            {"title": HOSTILE, "url": "data:text/html,<script>alert(6)</script>"},
            {"title": HOSTILE, "url": "https://council.example/a b(c).pdf"},
        ],
    )
    b = alert("ok", review_id="ok", judgements=[{"area": "overall_effectiveness", "grade": "good"}])
    return Digest([a, b], facts=RunFacts(failed=[HOSTILE]))


def assert_safe_html(markup: str) -> None:
    soup = BeautifulSoup(markup, "html.parser")
    assert not soup.find_all(["script", "img", "iframe", "object", "embed", "svg", "style"])
    for tag in soup.find_all(True):
        assert not [a for a in tag.attrs if a.lower().startswith("on")], tag
        for attr in ("href", "src", "action"):
            if tag.get(attr):
                assert re.match(r"https?://", tag[attr]), tag
    assert not soup.find_all("a", href=re.compile(r"^\s*(?!https?://)", re.I))


CHANNELS = {  # a URL of each kind of service; what each is sent is what its Apprise plugin says it takes
    "email": "mailto://user:pass@example.org",
    "sendgrid": "sendgrid://abcd:from@example.org/to@example.org",
    "ses": "ses://user@example.org/AKIAIOSFODNN7EXAMPLE/wJalrXUtnFEMI/us-east-1",
    "mailgun": "mailgun://user@example.org/apikey123",
    "sparkpost": "sparkpost://user@example.org/apikey123",
    "postmark": "postmark://apikey123:from@example.org/to@example.org",
    "telegram": "tgram://123456789:abcdefg_hijklmnop/12315544",
    "teams": "workflows://example.logic.azure.com/workflow1234/signature1234",
    "slack": "slack://T1JJ3T3L2/A1BRTD4JD/TIiajkdnlazkcOXrIdevi7FQ",
    "discord": "discord://4174216298/JHMHI8qBe7bk2ZwO5U711o3dV_js",
    "matrix": "matrix://user:pass@example.org/#room",
}


@pytest.mark.parametrize("name", sorted(CHANNELS))
def test_no_channel_gets_markup_or_a_link_from_council_text(name):
    url = CHANNELS[name]
    plugin = apprise.Apprise.instantiate(url)
    assert plugin, f"{name}: Apprise cannot read {url}"
    body, body_format = digest_body(Channel(url=url), hostile_digest())
    delivered = convert_between(body_format, plugin.notify_format, body)  # what Apprise hands the service
    if plugin.notify_format == NotifyFormat.HTML:
        assert_safe_html(delivered)
    elif plugin.notify_format == NotifyFormat.MARKDOWN and Channel(url=url).style == "slack":
        # mrkdwn: every <…> is one of our links to an http(s) address
        assert all(re.match(r"https?://", inner) for inner in re.findall(r"<([^>]*)>", delivered)), delivered
    elif plugin.notify_format == NotifyFormat.MARKDOWN:
        assert_safe_html(markdown_to_html(delivered))  # as a Markdown client renders it
    else:
        assert plugin.notify_format == NotifyFormat.TEXT  # shown as it is: nothing is markup
    assert "council.example/a%20b%28c%29.pdf" in delivered or plugin.notify_format == NotifyFormat.TEXT


@pytest.mark.parametrize("name", sorted(CHANNELS))
def test_a_source_warning_quoting_a_sites_error_is_text_in_every_channel(name):
    from flows.notify import text_body

    url = CHANNELS[name]
    plugin = apprise.Apprise.instantiate(url)
    body, body_format = text_body(Channel(url=url), f"exe moderngov: failing (last error: {HOSTILE} <!channel>)")
    delivered = convert_between(body_format, plugin.notify_format, body)
    if plugin.notify_format == NotifyFormat.HTML:
        assert_safe_html(delivered)
    elif Channel(url=url).style == "slack":
        assert "<!channel>" not in delivered and not re.findall(r"<(?!https?://)[^>]*>", delivered)
    elif plugin.notify_format == NotifyFormat.MARKDOWN:
        assert_safe_html(markdown_to_html(delivered))


def test_only_absolute_http_links_are_kept():
    assert safe_link("https://council.example/x?a=1&b=(2)") == "https://council.example/x?a=1&b=%282%29"
    for bad in (
        "javascript:alert(1)",
        "data:text/html,x",
        "//council.example/x",
        "ftp://x/y",
        "/relative",
        "",
        " jAvAsCrIpT:alert(1)",
        "http://",
    ):
        assert safe_link(bad) is None, bad


# -- how often ------------------------------------------------------------------------------------------------
def test_a_weekly_channel_gathers_the_weeks_alerts_into_one_digest(tmp_path, monkeypatch):
    from datetime import timedelta

    from flows.channels import ChannelConfigError, load_channels
    from flows.notify import deliver_alerts
    from tests.support.channels import Receiver, warehouse_with_alerts

    monkeypatch.setenv("PEERWATCH_DIGEST", "weekly")
    receiver = Receiver()
    try:
        con = warehouse_with_alerts(tmp_path, n=1)
        channel = Channel(url=receiver.url)
        monday = datetime(2026, 11, 30, 2, 30, tzinfo=UTC)
        deliver_alerts(con, [channel], now=monday)  # never sent before: the first digest goes now
        con.execute(
            "INSERT INTO alerts (url, key, council, title, review_type, stage, reason, created_at) VALUES "
            "('http://council.example/x', 'k-x', 'haringey', 'Later', 'jtai', 'outcome', 'r: x', now())"
        )
        (report,) = deliver_alerts(con, [channel], now=monday + timedelta(days=3))
        assert report.sent == 0 and report.waiting == 1 and len(receiver.received) == 1
        (report,) = deliver_alerts(con, [channel], now=monday + timedelta(days=7))
        assert report.sent == 1 and len(receiver.received) == 2
        assert "the week to 7 December 2026" in receiver.received[-1]["message"]
    finally:
        receiver.close()
    with pytest.raises(ChannelConfigError, match="PEERWATCH_DIGEST"):
        load_channels({"PEERWATCH_DIGEST": "hourly"})
