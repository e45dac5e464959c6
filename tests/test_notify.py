"""Notifications: a digest built for reading reaches each channel over a real socket, once per channel;
channels are configured once and never shown; the Atom feed is valid."""

import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from datetime import date

import feedparser
import pytest

from flows import nightly
from flows.channels import Channel, ChannelConfigError, load_channels
from flows.digest_html import render_html
from flows.notify import (
    Digest,
    alert_object,
    alert_rows,
    cut_on_word,
    deliver_alerts,
    fieldwork_words,
    send_digest,
    write_atom_feed,
)
from tests.support.channels import FOUND, Mailbox, Receiver, warehouse_with_alerts
from warehouse import alerts as wa
from warehouse import load as wl
from warehouse.db import open_warehouse

ALERT = {
    "key": "haringey/moderngov/item/7",
    "url": "http://council.example/mgAi.aspx?ID=7",
    "council": "haringey",
    "council_name": "Haringey Council",
    "region": "London",
    "title": "Ofsted ILACS outcome",
    "review_type": "ofsted_ilacs",
    "stage": "outcome",
    "kind": "agenda_item",
    "published_date": date(2026, 11, 20),
    "published_where": "Cabinet",
    "created_at": FOUND,
    "tier": "alert",
    "fieldwork_start": date(2026, 9, 8),
    "fieldwork_end": date(2026, 9, 19),
    "fieldwork_precision": "day",
    "fieldwork_raw": "8 to 19 September 2026",
    "judgements": [{"area": "overall_effectiveness", "grade": "good"}],
    "reason": "title names the review: ofsted_ilacs (outcome)",
    "evidence": ["Inspectors judged services good."],
}


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


@pytest.fixture
def mailbox():
    m = Mailbox()
    yield m
    m.close()


def closed_port_url() -> str:
    r = Receiver()
    url = r.url
    r.close()
    return url


class Log:
    def __init__(self):
        self.lines = []

    def warning(self, msg, *args):
        self.lines.append(msg % args)

    info = warning


# -- the digest ----------------------------------------------------------------------------------
def test_quotes_are_cut_on_word_boundaries():
    text = "the review looked at the way referrals reach the safeguarding hub in depth"
    cut = cut_on_word(text, 25)
    assert cut == "the review looked at the…" and len(cut) <= 26
    assert cut_on_word("short", 25) == "short"


def test_fieldwork_in_words():
    assert fieldwork_words(ALERT) == "8–19 September 2026"
    assert fieldwork_words({**ALERT, "fieldwork_end": date(2026, 10, 2)}) == "8 September – 2 October 2026"
    assert fieldwork_words({**ALERT, "fieldwork_precision": "month"}) == "September 2026"
    unresolved = {
        **ALERT,
        "fieldwork_start": None,
        "fieldwork_end": None,
        "fieldwork_precision": "unresolved",
        "fieldwork_raw": "29th February to 4th March",
    }
    assert "29th February to 4th March" in fieldwork_words(unresolved)


def test_a_digest_has_one_block_per_review_in_its_section_and_a_subject_with_counts():
    archive = {
        **ALERT,
        "key": "k2",
        "url": "http://council.example/mgAi.aspx?ID=8",
        "published_date": date(2015, 3, 1),
        "review_type": "lga_peer_challenge",
        "section": "archive",
    }
    worth = {
        **ALERT,
        "key": "k3",
        "url": "http://council.example/mgAi.aspx?ID=9",
        "tier": "worth_a_look",
        "section": "worth_a_look",
    }
    digest = Digest([{**ALERT, "section": "new"}, archive, worth])
    assert digest.subject == (
        "PeerWatch: 3 reviews in 3 publications — 2 ILACS, 1 peer challenge (1 from the archive; 1 worth a look)"
    )
    text = digest.text()
    assert text.count("Why flagged:") == 3
    assert text.index("New (1)") < text.index("Found in the archive (1)") < text.index("Worth a look (1)")
    for line in [
        "Haringey Council (London): Ofsted inspection of children's services (ILACS)",
        "Stage: outcome published",
        "(Meeting: 20 November 2026, Cabinet)",
        "Fieldwork: 8–19 September 2026",
        "Overall effectiveness: Good",
        "    http://council.example/mgAi.aspx?ID=7",
        "Why flagged: title names the review",
    ]:
        assert line in text
    assert render_html(digest).count('<div class="review"') == 3


def test_sections_come_from_publication_date_and_tier():
    assert wa.section_of(ALERT) == "new"
    assert wa.section_of({**ALERT, "published_date": date(2015, 3, 1)}) == "archive"
    assert wa.section_of({**ALERT, "tier": "worth_a_look"}) == "worth_a_look"


# -- delivery per channel ----------------------------------------------------------------------------
def test_a_failed_channel_is_retried_without_sending_again_to_the_one_that_worked(tmp_path, receiver):
    con = warehouse_with_alerts(tmp_path)
    good, down = Channel(url=receiver.url, name="team"), Channel(url=closed_port_url(), name="backup")
    report = deliver_alerts(con, [good, down])
    assert [(d.sent, d.failed) for d in report] == [(2, 0), (0, 2)]
    (message,) = receiver.received
    assert (
        len(message["alerts"]) == 2
        and con.execute("SELECT count(*) FROM alerts WHERE notified_at IS NULL").fetchone()[0] == 2
    )

    backup = Receiver()
    try:
        report = deliver_alerts(con, [good, Channel(url=backup.url, name="backup")])
        assert [(d.sent, d.failed) for d in report] == [(0, 0), (2, 0)]
        assert len(receiver.received) == 1 and len(backup.received) == 1
        assert con.execute("SELECT count(*) FROM alerts WHERE notified_at IS NULL").fetchone()[0] == 0
        assert [r[1:] for r in wa.deliveries(con)] == [("backup", "sent", 2), ("team", "sent", 1)] * 2
        deliver_alerts(con, [good, Channel(url=backup.url, name="backup")])
        assert len(receiver.received) == 1 and len(backup.received) == 1  # nothing twice
    finally:
        backup.close()


def test_no_channel_marks_nothing_and_the_first_channel_gets_everything(tmp_path, receiver):
    con = warehouse_with_alerts(tmp_path)
    nightly._notify(con, [], tmp_path, Log())
    assert wa.deliveries(con) == [] and wa.count_unnotified(con) == 2
    nightly._notify(con, [Channel(url=receiver.url)], tmp_path, Log())
    assert len(receiver.received[0]["alerts"]) == 2 and wa.count_unnotified(con) == 0


def test_a_channel_filter_sends_only_its_review_types(tmp_path, receiver):
    con = warehouse_with_alerts(tmp_path)
    ilacs_only = Channel(url=receiver.url, name="ilacs", review_types=("ofsted_ilacs",), regions=("london",))
    wl.upsert_councils(
        con,
        [{"slug": "haringey", "name": "Haringey London Borough Council", "moderngov_url": "http://council.example"}],
    )
    deliver_alerts(con, [ilacs_only])
    (message,) = receiver.received
    assert [a["review_type"] for a in message["alerts"]] == ["ofsted_ilacs"]
    assert sorted(r[2] for r in wa.deliveries(con)) == ["filtered_out", "sent"]


def test_the_json_webhook_gets_one_object_per_alert_with_every_field(receiver):
    assert send_digest(Channel(url=receiver.url), Digest([{**ALERT, "section": "new"}]))
    (message,) = receiver.received
    assert message["title"].startswith("PeerWatch: 1 review in 1 publication")
    assert message["reviews"][0]["publications"][0]["url"] == ALERT["url"]
    (obj,) = message["alerts"]
    assert obj == json.loads(json.dumps(alert_object({**ALERT, "section": "new"})))
    assert obj["review_type_words"] == "Ofsted inspection of children's services (ILACS)"
    assert (obj["published_date"], obj["fieldwork_start"], obj["judgements"]) == (
        "2026-11-20",
        "2026-09-08",
        [{"area": "overall_effectiveness", "grade": "good"}],
    )


def test_email_has_a_real_plain_text_part_and_an_html_part(mailbox):
    alerts = [
        {**ALERT, "section": "new"},
        {
            **ALERT,
            "key": "k2",
            "url": "http://council.example/mgAi.aspx?ID=8",
            "section": "archive",
            "published_date": date(2016, 1, 4),
        },
    ]
    assert send_digest(Channel(url=mailbox.url), Digest(alerts))
    (message,) = mailbox.messages
    parts = mailbox.parts(message)
    assert set(parts) == {"text/plain", "text/html"}
    plain = parts["text/plain"]
    assert plain.count("\n") > 15 and plain.count("Why flagged:") == 2
    assert "Found in the archive (1)" in plain and "Meeting: 4 January 2016, Cabinet" in plain
    assert parts["text/html"].count('<div class="review"') == 2


def test_source_warnings_are_sent_once_and_again_after_recovery(tmp_path, receiver):
    con = open_warehouse(tmp_path / "w.duckdb")
    channels = [Channel(url=receiver.url)]

    def fail_three_runs():
        for n in range(3):
            wl.load_council_batch(
                con, wl.CouncilBatch(council="gone", source_errors={"moderngov": "connection failed"}), f"fail{n}"
            )

    fail_three_runs()
    nightly._notify_source_warnings(con, [], Log())  # nobody to tell: not marked as sent
    nightly._notify_source_warnings(con, channels, Log())
    nightly._notify_source_warnings(con, channels, Log())
    assert len(receiver.received) == 1
    assert "gone moderngov: failing: 3 runs in a row (last error: connection failed)" in receiver.received[0]["message"]
    wl.load_council_batch(con, wl.CouncilBatch(council="gone", source_errors={"moderngov": None}), "ok")
    nightly._notify_source_warnings(con, channels, Log())
    fail_three_runs()
    nightly._notify_source_warnings(con, channels, Log())
    assert len(receiver.received) == 2


# -- configuration ------------------------------------------------------------------------------------
def test_a_mistyped_scheme_is_a_configuration_error_with_the_secret_masked():
    with pytest.raises(ChannelConfigError) as caught:
        load_channels({"PEERWATCH_NOTIFY": "mialto://user:hunter2@example.org?to=me@example.org"})
    assert "mialto://****@example.org/****" in str(caught.value) and "hunter2" not in str(caught.value)


def test_the_channels_file_gives_names_filters_and_urls_from_the_environment(tmp_path):
    path = tmp_path / "channels.toml"
    path.write_text(
        '[[channel]]\nname = "team"\nurl_env = "TEAM_URL"\nreview_types = ["ofsted_ilacs"]\n\n'
        '[[channel]]\nurl = "json://127.0.0.1:9/hook"\nregions = ["London"]\n'
    )
    team, hook = load_channels(
        {"PEERWATCH_CHANNELS": str(path), "TEAM_URL": "mailtos://u:pw@example.org", "PEERWATCH_NOTIFY": ""}
    )
    assert (team.id, team.review_types, team.kind) == ("team", ("ofsted_ilacs",), "email")
    assert hook.id.startswith("json-") and "9/hook" not in hook.id and hook.wants(ALERT)
    assert not team.wants({**ALERT, "review_type": "jtai"})
    path.write_text('[[channel]]\nname = "x"\nurl = "mailtos://u:pw@example.org"\nreview_type = ["jtai"]\n')
    with pytest.raises(ChannelConfigError, match="channel #1 \\(x\\): review_type"):
        load_channels({"PEERWATCH_CHANNELS": str(path)})


def test_harvest_with_a_bad_channel_exits_2_before_the_run(tmp_path):
    env = {"PEERWATCH_NOTIFY": "mialto://user:hunter2@example.org", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "flows.cli",
            "harvest",
            "--councils",
            str(tmp_path / "none.toml"),
            "--db",
            str(tmp_path / "w.duckdb"),
            "--data-dir",
            str(tmp_path),
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2, result.stderr
    assert "mialto://****@example.org" in result.stderr and "hunter2" not in result.stderr + result.stdout
    assert not (tmp_path / "w.duckdb").exists()


def test_notify_test_sends_a_sample_digest_through_each_channel(receiver, mailbox):
    env = {"PEERWATCH_NOTIFY": f"{receiver.url} {mailbox.url}", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-m", "flows.cli", "notify", "--test"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("sample digest sent") == 2 and "example.org?" not in result.stdout
    assert len(receiver.received) == 1 and len(mailbox.messages) == 1


# -- the feed ---------------------------------------------------------------------------------------
def test_the_atom_feed_is_valid_even_with_control_characters_in_a_title(tmp_path):
    hostile = {**ALERT, "title": "Ofsted\x01 ILACS\x0b outcome <b> & \ud800more", "section": "new"}
    path = write_atom_feed(
        [hostile, {**ALERT, "key": "k2", "url": "http://council.example/mgAi.aspx?ID=8"}], tmp_path / "alerts.atom"
    )
    ET.parse(path)  # well-formed XML
    feed = feedparser.parse(path.read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.author == "PeerWatch" and len(feed.entries) == 2
    entry = feed.entries[0]
    assert entry.title == "Haringey Council (London): Ofsted ILACS outcome <b> & more"
    assert entry.published.startswith("2026-11-20") and entry.updated.startswith("2026-11-29")
    assert entry.author == "Haringey Council" and entry.link == ALERT["url"]
    assert "Fieldwork: 8–19 September 2026" in entry.content[0].value


def test_the_alerts_artifact_has_readable_columns():
    (row,) = alert_rows([{**ALERT, "section": "new"}])
    assert list(row) == ["Council", "Title", "Review", "Stage", "Date", "Link", "Why flagged"]
    assert row["Review"] == "Ofsted inspection of children's services (ILACS)"
    assert row["Date"] == "meeting: 20 November 2026, Cabinet"


def test_an_alert_written_without_a_key_is_delivered_once(tmp_path, receiver):
    con = open_warehouse(tmp_path / "w.duckdb")
    con.execute("INSERT INTO alerts (url, council, title, review_type) VALUES ('http://x/1', 'c', 't', 'jtai')")
    deliver_alerts(con, [Channel(url=receiver.url)])
    deliver_alerts(con, [Channel(url=receiver.url)])
    assert len(receiver.received) == 1 and wa.count_unnotified(con) == 0


def test_chat_channels_get_markdown_with_one_block_per_alert():
    two = [{**ALERT, "section": "new"}, {**ALERT, "key": "k2", "title": "Second", "section": "new"}]
    markdown = Digest(two).markdown()
    assert markdown.count("Why flagged:") == 2 and "[Second](http://council.example/mgAi.aspx?ID=7)" in markdown
