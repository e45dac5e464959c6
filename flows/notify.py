"""Telling researchers: the digest (flows/digest.py) sent per channel in its own format, and an Atom feed.

Email gets HTML with inline styles (Apprise adds the plain-text part), Slack its mrkdwn, services that take
plain text the text digest, every other chat or email service escaped Markdown (which Apprise may turn into
HTML), and a `json://` webhook one object per alert and per review.
"""

from __future__ import annotations

import html
import os
import sys
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit, urlunsplit

import apprise
import requests
from apprise import NotifyFormat

from flows.channels import Channel
from flows.digest import (  # noqa: F401
    PEER_REVIEWS,
    STAGES,
    Digest,
    RunFacts,
    alert_object,
    choose_quote,
    council_words,
    cut_on_word,
    esc_markdown,
    esc_slack,
    fieldwork_words,
    graded,
    long_date,
    review_type_words,
    rule_words,
    sentence_case,
    when_words,
    why_words,
    words,
)
from flows.digest_html import render_html
from transforms.clean import clean_text
from warehouse import alerts as wa

QUOTE_CHARS = 220


def _words(code: str | None) -> str:
    return words(code)


def judgements_words(a: dict) -> str | None:
    judgements = a.get("judgements") or []
    if a.get("review_type") in PEER_REVIEWS or not graded(judgements):
        return None  # peer reviews give no grades: "not judged" would only be noise
    return (
        "; ".join(
            f"{sentence_case(j['area'])}: {sentence_case(j['grade'])}" + (f" (p. {j['page']})" if j.get("page") else "")
            for j in graded(judgements)
        )
        or None
    )


def block_fields(a: dict) -> list[tuple[str, str]]:
    """The labelled lines of one alert (the Atom feed's entries), in reading order; empty ones left out."""
    when_label, when = when_words(a)
    stage = STAGES.get(a.get("stage") or "", words(a.get("stage")))
    fields = [
        ("Review", review_type_words(a.get("review_type"))),
        ("Stage", stage),
        (when_label, when),
        ("Fieldwork", fieldwork_words(a)),
        ("Judgements", judgements_words(a)),
        ("Link", a.get("url")),
        ("Why flagged", why_words(a)),
    ]
    return [(k, clean_text(v)) for k, v in fields if v]


def title_of(a: dict) -> str:
    return cut_on_word(a.get("title") or "(untitled)", 300)


ARTIFACT_COLUMNS = ["Council", "Title", "Review", "Stage", "Date", "Link", "Why flagged"]


def alert_rows(alerts: list[dict]) -> list[dict]:
    """The run's new alerts with column names a person reads in the Prefect UI."""
    rows = []
    for a in alerts:
        label, when = when_words(a)
        rows.append(
            dict(
                zip(
                    ARTIFACT_COLUMNS,
                    [
                        council_words(a),
                        title_of(a),
                        review_type_words(a["review_type"]),
                        a.get("stage") or "",
                        f"{label.lower()}: {when}",
                        a["url"],
                        why_words(a),
                    ],
                )
            )
        )
    return rows


# -- sending ----------------------------------------------------------------------------------------
def send_digest(channel: Channel, digest: Digest) -> bool:
    return send_digest_explained(channel, digest)[0]


def digest_body(channel: Channel, digest: Digest) -> tuple[str, object]:
    """(body, Apprise body format) of the digest as this channel takes it (see the module's docstring)."""
    style = channel.style
    if style == "email":
        return render_html(digest), NotifyFormat.HTML
    if style == "slack":
        return digest.slack(), NotifyFormat.MARKDOWN
    if style == "text":
        return digest.text(), NotifyFormat.TEXT
    return digest.markdown(), NotifyFormat.MARKDOWN


def send_digest_explained(channel: Channel, digest: Digest) -> tuple[bool, str | None]:
    """Send the digest; (sent, the channel's own error when it was not)."""
    if channel.kind == "json":
        return post_json_explained(channel.url, digest.payload())
    body, body_format = digest_body(channel, digest)
    return _apprise_explained(channel.url, digest.subject, body, body_format)


def send_text(channel: Channel, title: str, body: str, extra: dict | None = None) -> bool:
    if channel.kind == "json":
        return post_json(
            channel.url, {"version": "1.0", "title": title, "message": body, "type": "warning", **(extra or {})}
        )
    return _apprise(channel.url, title, *text_body(channel, body))


def text_body(channel: Channel, body: str) -> tuple[str, object]:
    """Plain text (a source warning quotes a site's own error) as this channel takes it: escaped for Slack's
    mrkdwn and for Markdown services, where `<!channel>` or `[x](javascript:…)` would be markup; as text
    elsewhere (Apprise escapes text it turns into HTML)."""
    lines = body.splitlines()
    if channel.style == "slack":
        return "\n".join(esc_slack(line) for line in lines), NotifyFormat.MARKDOWN
    if channel.style == "markdown":
        return "\n".join(esc_markdown(line) + "  " for line in lines), NotifyFormat.MARKDOWN
    return body, NotifyFormat.TEXT


def _apprise(url: str, title: str, body: str, body_format) -> bool:
    return _apprise_explained(url, title, body, body_format)[0]


def _apprise_explained(url: str, title: str, body: str, body_format) -> tuple[bool, str | None]:
    """Send through Apprise; on failure, the channel's own words (Apprise's log of the attempt, e.g. an SMTP
    server's "500 …"), with the channel's secrets masked."""
    from flows.channels import apprise_errors

    with apprise_errors(url) as errors:
        sender = apprise.Apprise()
        if not sender.add(url):
            return False, "Apprise cannot read this channel's URL"
        ok = bool(sender.notify(title=title, body=body, body_format=body_format))
    return ok, None if ok else ("; ".join(errors.messages) or "the channel did not accept the message")


def post_json(url: str, payload: dict, timeout: float = 30.0) -> bool:
    return post_json_explained(url, payload, timeout)[0]


def post_json_explained(url: str, payload: dict, timeout: float = 30.0) -> tuple[bool, str | None]:
    """POST a structured payload to a `json://` (http) or `jsons://` (https) webhook, as Apprise addresses it:
    user:password as basic auth, `+Name=value` query parameters as headers."""
    parts = urlsplit(url.strip())
    scheme = "https" if parts.scheme.lower() == "jsons" else "http"
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    netloc += f":{parts.port}" if parts.port else ""
    query = parse_qsl(parts.query, keep_blank_values=True)
    headers = {k[1:]: v for k, v in query if k.startswith("+")}
    rest = "&".join(f"{k}={v}" for k, v in query if not k.startswith(("+", "-", ":")))
    auth = (parts.username or "", parts.password or "") if parts.username else None
    try:
        response = requests.post(
            urlunsplit((scheme, netloc, parts.path or "/", rest, "")),
            json=payload,
            headers=headers,
            auth=auth,
            timeout=timeout,
        )
    except requests.RequestException as exc:
        return False, f"could not reach the webhook: {exc.__class__.__name__}"
    if 200 <= response.status_code < 300:
        return True, None
    return False, f"the webhook answered HTTP {response.status_code} {response.reason or ''}".rstrip()


@dataclass
class Delivery:
    channel: str  # the channel as shown: name or masked URL
    sent: int = 0
    filtered_out: int = 0
    failed: int = 0
    waiting: int = 0  # kept for the channel's daily or weekly digest


DIGEST_ENV = "PEERWATCH_DIGEST"
# How often a channel gets its digest, and how long after the last one the next is due (a little under the
# period, so a nightly schedule that starts a few minutes early still sends).
CADENCES = {"each-run": timedelta(0), "daily": timedelta(hours=20), "weekly": timedelta(days=6, hours=20)}
PERIOD_WORDS = {"daily": "the day", "weekly": "the week"}


def cadence_of(channel: Channel, environ=None) -> str:
    """The channel's `digest` option, else PEERWATCH_DIGEST, else each-run (checked by `load_channels`)."""
    env = os.environ if environ is None else environ
    return channel.digest or env.get(DIGEST_ENV, "").strip().lower() or "each-run"


def digest_due(con, channel: Channel, now: datetime, environ=None) -> bool:
    cadence = cadence_of(channel, environ)
    last = wa.last_digest_at(con, channel.id)
    return cadence == "each-run" or last is None or now - last >= CADENCES[cadence]


def deliver_alerts(
    con, channels: list[Channel], facts: RunFacts | None = None, now: datetime | None = None
) -> list[Delivery]:
    """Each channel gets, in one digest, the alerts it has not had yet, when its digest is due (every run, or
    once a day or a week, gathering what came since); a failed channel is retried next run without sending
    again to the channels that succeeded. With no channel, nothing is marked."""
    now = now or datetime.now(UTC)
    report = []
    for channel in channels:
        pending = wa.pending_for_channel(con, channel.id)
        wanted = [a for a in pending if channel.wants(a)]
        unwanted = [a["key"] for a in pending if not channel.wants(a)]
        wa.record_deliveries(con, unwanted, channel.id, "filtered_out")
        delivery = Delivery(channel.masked, filtered_out=len(unwanted))
        if wanted and digest_due(con, channel, now):
            period = PERIOD_WORDS.get(cadence_of(channel))
            channel_facts = replace(facts or RunFacts(), period=f"{period} to {long_date(now)}" if period else None)
            ok, error = send_digest_explained(channel, Digest(wanted, facts=channel_facts))
            wa.record_deliveries(
                con,
                [a["key"] for a in wanted],
                channel.id,
                "sent" if ok else "failed",
                None if ok else clean_text(error or "the channel did not accept the digest"),
                now,
            )
            delivery.sent, delivery.failed = (len(wanted), 0) if ok else (0, len(wanted))
        elif wanted:
            delivery.waiting = len(wanted)
        report.append(delivery)
    wa.mark_notified_where_delivered(con, [c.id for c in channels])
    return report


def format_source_warning(warning: dict) -> str:
    error = f" (last error: {warning['last_error']})" if warning.get("last_error") else ""
    return clean_text(f"{warning['council']} {warning['source']}: {warning['warning']}{error}")


def send_source_warnings(warnings: list[dict], channels: list[Channel]) -> bool:
    """One message listing the sources that went quiet; True when every channel accepted it.
    With no channel there is nobody to tell: False, so the warning is not marked as sent."""
    if not warnings:
        return True
    if not channels:
        return False
    body = "\n".join(format_source_warning(w) for w in warnings)
    title = f"PeerWatch: {len(warnings)} source(s) need attention"
    results = [send_text(c, title, body, {"warnings": warnings}) for c in channels]
    return all(results)


# -- the feed ---------------------------------------------------------------------------------------
def write_atom_feed(alerts: list[dict], path: Path, feed_id: str = "urn:peerwatch:alerts") -> Path:
    """The latest alerts as an Atom feed (RFC 4287) any feed reader can subscribe to."""
    from feedgen.feed import FeedGenerator

    feed = FeedGenerator()
    feed.id(feed_id)
    feed.title("PeerWatch alerts")
    feed.subtitle("Council publications about peer reviews and inspections of children's services")
    feed.author({"name": "PeerWatch"})
    feed.language("en-GB")
    feed.updated(max((_aware(a.get("created_at")) for a in alerts), default=datetime.now(UTC)))
    for a in alerts:
        entry = feed.add_entry(order="append")
        entry.id(f"urn:peerwatch:alert:{a.get('key') or a['url']}")
        entry.title(clean_text(f"{council_words(a)}: {title_of(a)}"))
        entry.link(href=a["url"])
        entry.author({"name": clean_text(a.get("council_name") or a.get("council"))})
        found = _aware(a.get("created_at"))
        entry.published(_aware(a.get("published_date")) or found)
        entry.updated(found)
        entry.category(term=a.get("review_type") or "review", label=review_type_words(a.get("review_type")))
        entry.summary(clean_text(why_words(a)))
        rows = "".join(f"<li>{html.escape(k)}: {html.escape(v)}</li>" for k, v in block_fields(a))
        entry.content(clean_text(f"<ul>{rows}</ul>"), type="html")
    path.parent.mkdir(parents=True, exist_ok=True)
    feed.atom_file(str(path), pretty=True)
    return path


def _aware(value) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(0, 0), tzinfo=UTC)
    return None


# -- `peerwatch notify --test` ------------------------------------------------------------------------
def sample_alerts() -> list[dict]:
    """Two invented alerts, one per section a digest usually has, to show each channel what it will get."""
    found = datetime.now(UTC)
    common = {
        "council": "example",
        "council_name": "Example County Council",
        "region": "Nowhere",
        "tier": "alert",
        "notified_at": None,
        "run_id": "test",
    }
    return [
        {
            **common,
            "key": "example/moderngov/item/1",
            "url": "https://democracy.example.org/mgAi.aspx?ID=1",
            "title": "Ofsted inspection of local authority children's services: outcome (sample)",
            "review_type": "ofsted_ilacs",
            "stage": "outcome",
            "kind": "agenda_item",
            "published_date": found.date(),
            "published_where": "Cabinet",
            "created_at": found,
            "fieldwork_start": date(found.year, 1, 12),
            "fieldwork_end": date(found.year, 1, 23),
            "fieldwork_precision": "day",
            "fieldwork_raw": None,
            "judgements": [{"area": "overall_effectiveness", "grade": "good"}],
            "reason": "title names the review: ofsted_ilacs (outcome)",
            "evidence": ["This is a sample alert sent by peerwatch notify --test to check that the channel works."],
            "section": "new",
        },
        {
            **common,
            "key": "example/news/news/sample",
            "url": "https://www.example.org/news/sample",
            "title": "Council welcomes peer challenge report (sample from the archive)",
            "review_type": "lga_corporate_peer_challenge",
            "stage": "outcome",
            "kind": "press_release",
            "published_date": date(2019, 5, 2),
            "published_where": "press release",
            "created_at": found,
            "fieldwork_start": None,
            "fieldwork_end": None,
            "fieldwork_precision": None,
            "fieldwork_raw": None,
            "judgements": [],
            "reason": "text reports the review: lga_corporate_peer_challenge (outcome)",
            "evidence": ["A second sample, as a publication found by a back-fill would appear."],
            "section": "archive",
        },
    ]


def check_channels(send: bool = False) -> int:
    """List the configured channels (secrets masked); with send, a sample digest through each, and the channel's
    own error for one that fails. 0 when all worked, 1 when one failed, 2 when no channel is configured."""
    from flows.channels import load_channels
    from warehouse.errors import EXIT_USER

    channels = load_channels()
    if not channels:
        print(
            "no notification channel configured: set PEERWATCH_NOTIFY (Apprise URLs, e.g. "
            "mailto://smtp.example.org:25?from=peerwatch@example.org&to=you@example.org for an SMTP server "
            "without login) or PEERWATCH_CHANNELS (a channels file)",
            file=sys.stderr,
        )
        return EXIT_USER if send else 0
    failures = 0
    digest = Digest(sample_alerts(), heading="PeerWatch test")
    for channel in channels:
        filters = ", ".join(
            f"{k}: {' '.join(v)}"
            for k, v in (
                ("review types", channel.review_types),
                ("councils", channel.councils),
                ("regions", channel.regions),
            )
            if v
        )
        line = f"{channel.masked} [{channel.kind}]" + (f" ({filters})" if filters else "")
        if send:
            ok, error = send_digest_explained(channel, digest)
            failures += not ok
            line += ": sample digest sent" if ok else f": FAILED to send the sample digest: {error}"
        print(line)
    return 1 if failures else 0
