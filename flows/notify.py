"""Telling researchers: a digest built for reading, sent per channel, and an Atom feed.

One digest per run and channel. Each alert is one block: council (and region), title, the review in
words, stage, publication or meeting date, fieldwork dates, judgements, the link, and why it was
flagged. Blocks fall in three sections: new publications, older ones found in the archive (by a
back-fill or a reprocess), and the "worth a look" tier. Email gets HTML (Apprise adds the plain-text
part, made from the same blocks), chat channels Markdown, a `json://` webhook one object per alert.
"""
from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit, urlunsplit

import apprise
import requests
from apprise import NotifyFormat

from flows.channels import Channel, quiet_apprise
from transforms.clean import clean_text
from warehouse import alerts as wa

REVIEW_TYPES = {  # review_type -> (in words, short form for the subject line)
    "ofsted_ilacs": ("Ofsted inspection of children's services (ILACS)", "ILACS"),
    "ofsted_sif": ("Ofsted single inspection framework inspection of children's services (SIF)", "SIF"),
    "ofsted_focused_visit": ("Ofsted focused visit to children's services", "focused visit"),
    "ofsted_monitoring_visit": ("Ofsted monitoring visit to children's services", "monitoring visit"),
    "jtai": ("Joint targeted area inspection (JTAI)", "JTAI"),
    "send_area_inspection": ("Area SEND inspection (Ofsted and CQC)", "SEND area inspection"),
    "lga_peer_challenge": ("LGA peer challenge", "peer challenge"),
    "lga_corporate_peer_challenge": ("LGA corporate peer challenge", "corporate peer challenge"),
    "other_peer_review": ("Peer review", "peer review"),
}
STAGES = {"outcome": "outcome published", "action_plan": "action plan", "progress_review": "progress review",
          "announced": "announced, not yet happened"}
SECTIONS = [("new", "New", ""),
            ("archive", "Found in the archive", "published more than three months before PeerWatch found them, "
                                                "by a back-fill or a reprocess"),
            ("worth_a_look", "Worth a look", "strong signs of a review, but not all of them")]
QUOTE_CHARS = 220


# -- the words of one block ---------------------------------------------------------------------------
def review_type_words(review_type: str | None) -> str:
    return REVIEW_TYPES.get(review_type or "", (_words(review_type) or "review", ""))[0]


def _words(code: str | None) -> str:
    return (code or "").replace("_", " ").strip()


def cut_on_word(text: str, limit: int = QUOTE_CHARS) -> str:
    """At most `limit` characters, ending on a whole word (with an ellipsis when cut)."""
    text = " ".join((clean_text(text) or "").split())
    if len(text) <= limit:
        return text
    cut = text[:limit + 1].rsplit(" ", 1)[0] if " " in text[:limit + 1] else text[:limit]
    return cut.rstrip(" ,;:–-") + "…"


def long_date(d) -> str:
    if isinstance(d, datetime):
        d = d.date()
    return f"{d.day} {d:%B %Y}" if isinstance(d, date) else ""


def fieldwork_words(a: dict) -> str | None:
    start, end, precision = a.get("fieldwork_start"), a.get("fieldwork_end"), a.get("fieldwork_precision")
    if precision == "month" and start:
        return f"{start:%B %Y}"
    if start and end:
        if start == end:
            return long_date(start)
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{long_date(end)}"
        if start.year == end.year:
            return f"{start.day} {start:%B} – {long_date(end)}"
        return f"{long_date(start)} – {long_date(end)}"
    if a.get("fieldwork_raw"):
        return f"“{cut_on_word(a['fieldwork_raw'], 80)}” (as written; not a date PeerWatch could resolve)"
    return None


PEER_REVIEWS = {"lga_peer_challenge", "lga_corporate_peer_challenge", "other_peer_review"}


def judgements_words(a: dict) -> str | None:
    judgements = a.get("judgements") or []
    if a.get("review_type") in PEER_REVIEWS and all(j["grade"] == "not_judged" for j in judgements):
        return None   # peer reviews give no grades: "not judged" would only be noise
    parts = [f"{_words(j['area']).capitalize()}: {_words(j['grade']).capitalize()}" for j in judgements]
    return "; ".join(parts) or None


def when_words(a: dict) -> tuple[str, str]:
    d = long_date(a.get("published_date"))
    if a.get("kind") == "agenda_item":
        return "Meeting", ", ".join(filter(None, [d or "date not stated", a.get("published_where")]))
    return "Published", d or "date not stated"


def why_words(a: dict) -> str:
    rule = (a.get("reason") or "").split(":", 1)[0].strip() or "matched the review rules"
    quotes = [f"“{cut_on_word(e)}”" for e in (a.get("evidence") or [])[:2] if e and e.strip()]
    return rule + (": " + " … ".join(quotes) if quotes else "")


def council_words(a: dict) -> str:
    name = clean_text(a.get("council_name") or a.get("council")) or ""
    return f"{name} ({a['region']})" if a.get("region") else name


def block_fields(a: dict) -> list[tuple[str, str]]:
    """The labelled lines of one alert's block, in reading order (lines with nothing to say are left out)."""
    when_label, when = when_words(a)
    stage = STAGES.get(a.get("stage") or "", _words(a.get("stage")))
    fields = [("Review", review_type_words(a.get("review_type"))), ("Stage", stage), (when_label, when),
              ("Fieldwork", fieldwork_words(a)), ("Judgements", judgements_words(a)), ("Link", a.get("url")),
              ("Why flagged", why_words(a))]
    return [(k, clean_text(v)) for k, v in fields if v]


def title_of(a: dict) -> str:
    return cut_on_word(a.get("title") or "(untitled)", 300)


# -- the digest -------------------------------------------------------------------------------------
@dataclass
class Digest:
    alerts: list[dict]
    heading: str = "PeerWatch"

    @property
    def subject(self) -> str:
        counts = Counter(REVIEW_TYPES.get(a.get("review_type") or "", ("", _words(a.get("review_type")) or "other"))[1]
                         for a in self.alerts)
        by_type = ", ".join(f"{n} {t}" for t, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        sections = Counter(a.get("section", "new") for a in self.alerts)
        extra = [f"{sections[s]} {words}" for s, words in (("archive", "from the archive"), ("worth_a_look", "worth a look"))
                 if sections[s]]
        n = len(self.alerts)
        head = f"{self.heading}: {n} publication{'s' if n != 1 else ''} about a review"
        return clean_text(f"{head} — {by_type}" + (f" ({'; '.join(extra)})" if extra else ""))

    def sections(self) -> list[tuple[str, list[dict]]]:
        """(heading, alerts) of each section that has alerts, in reading order."""
        out = []
        for name, title, explanation in SECTIONS:
            alerts = [a for a in self.alerts if a.get("section", "new") == name]
            if alerts:
                out.append((f"{title} ({len(alerts)})" + (f": {explanation}" if explanation else ""), alerts))
        return out

    def text(self) -> str:
        out = [self.subject, ""]
        for title, alerts in self.sections():
            out += [title, "=" * min(len(title), 72), ""]
            for a in alerts:
                out += [council_words(a), title_of(a)]
                out += [f"  {k}: {v}" for k, v in block_fields(a)]
                out.append("")
        return "\n".join(out).rstrip() + "\n"

    def html(self) -> str:
        e = lambda s: html.escape(s or "", quote=True)
        out = [f"<html><body><h2>{e(self.subject)}</h2>"]
        for title, alerts in self.sections():
            out.append(f"<h3>{e(title)}</h3>")
            for a in alerts:
                lines = [f"<b>{e(council_words(a))}</b>", f"<b>{e(title_of(a))}</b>"]
                for k, v in block_fields(a):
                    value = f'<a href="{e(v)}">{e(v)}</a>' if k == "Link" else e(v)
                    lines.append(f"{e(k)}: {value}")
                out.append('<div class="alert"><p>' + "<br>".join(lines) + "</p></div><hr>")
        out.append("</body></html>")
        return "\n".join(out)

    def markdown(self) -> str:
        out = [f"**{self.subject}**", ""]
        for title, alerts in self.sections():
            out += [f"**{title}**", ""]
            for a in alerts:
                out.append(f"**{council_words(a)}**: {title_of(a)}  ")
                out += [f"{k}: {v}  " for k, v in block_fields(a)]
                out.append("")
        return "\n".join(out).rstrip() + "\n"

    def payload(self) -> dict:
        """For a JSON webhook: Apprise's own fields (title, message, type) plus one object per alert."""
        return {"version": "1.0", "title": self.subject, "message": self.text(), "type": "info",
                "alerts": [alert_object(a) for a in self.alerts]}


def alert_object(a: dict) -> dict:
    """Every field of an alert, dates as ISO 8601, codes with their words beside them."""
    iso = lambda v: v.isoformat() if isinstance(v, (date, datetime)) else v
    when_label, when = when_words(a)
    return {
        "key": a.get("key"), "url": a.get("url"), "council": a.get("council"),
        "council_name": clean_text(a.get("council_name")), "region": a.get("region"), "title": clean_text(a.get("title")),
        "review_type": a.get("review_type"), "review_type_words": review_type_words(a.get("review_type")),
        "stage": a.get("stage"), "section": a.get("section", "new"), "tier": a.get("tier", "alert"),
        "kind": a.get("kind"), "published_date": iso(a.get("published_date")), "published_where": a.get("published_where"),
        "fieldwork_start": iso(a.get("fieldwork_start")), "fieldwork_end": iso(a.get("fieldwork_end")),
        "fieldwork_precision": a.get("fieldwork_precision"), "fieldwork_raw": clean_text(a.get("fieldwork_raw")),
        "judgements": a.get("judgements") or [], "why_flagged": why_words(a),
        "evidence": [clean_text(e) for e in a.get("evidence") or []], "found_at": iso(a.get("created_at")),
    }


ARTIFACT_COLUMNS = ["Council", "Title", "Review", "Stage", "Date", "Link", "Why flagged"]


def alert_rows(alerts: list[dict]) -> list[dict]:
    """The run's new alerts with column names a person reads in the Prefect UI."""
    rows = []
    for a in alerts:
        label, when = when_words(a)
        rows.append(dict(zip(ARTIFACT_COLUMNS, [council_words(a), title_of(a), review_type_words(a["review_type"]),
                                                a.get("stage") or "", f"{label.lower()}: {when}", a["url"],
                                                why_words(a)])))
    return rows


# -- sending ----------------------------------------------------------------------------------------
def send_digest(channel: Channel, digest: Digest) -> bool:
    if channel.kind == "json":
        return post_json(channel.url, digest.payload())
    if channel.kind == "email":
        return _apprise(channel.url, digest.subject, digest.html(), NotifyFormat.HTML)
    return _apprise(channel.url, digest.subject, digest.markdown(), NotifyFormat.MARKDOWN)


def send_text(channel: Channel, title: str, body: str, extra: dict | None = None) -> bool:
    if channel.kind == "json":
        return post_json(channel.url, {"version": "1.0", "title": title, "message": body, "type": "warning", **(extra or {})})
    return _apprise(channel.url, title, body, NotifyFormat.TEXT)


def _apprise(url: str, title: str, body: str, body_format) -> bool:
    with quiet_apprise():
        sender = apprise.Apprise()
        if not sender.add(url):
            return False
        return bool(sender.notify(title=title, body=body, body_format=body_format))


def post_json(url: str, payload: dict, timeout: float = 30.0) -> bool:
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
        response = requests.post(urlunsplit((scheme, netloc, parts.path or "/", rest, "")), json=payload,
                                 headers=headers, auth=auth, timeout=timeout)
    except requests.RequestException:
        return False
    return 200 <= response.status_code < 300


@dataclass
class Delivery:
    channel: str          # the channel as shown: name or masked URL
    sent: int = 0
    filtered_out: int = 0
    failed: int = 0


def deliver_alerts(con, channels: list[Channel]) -> list[Delivery]:
    """Each channel gets, in one digest, the alerts it has not had yet; a failed channel is retried next run
    without sending again to the channels that succeeded. With no channel, nothing is marked."""
    report = []
    for channel in channels:
        pending = wa.pending_for_channel(con, channel.id)
        wanted = [a for a in pending if channel.wants(a)]
        unwanted = [a["key"] for a in pending if not channel.wants(a)]
        wa.record_deliveries(con, unwanted, channel.id, "filtered_out")
        delivery = Delivery(channel.masked, filtered_out=len(unwanted))
        if wanted:
            ok = send_digest(channel, Digest(wanted))
            wa.record_deliveries(con, [a["key"] for a in wanted], channel.id, "sent" if ok else "failed",
                                 None if ok else "the channel did not accept the digest")
            delivery.sent, delivery.failed = (len(wanted), 0) if ok else (0, len(wanted))
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
    common = {"council": "example", "council_name": "Example County Council", "region": "Nowhere", "tier": "alert",
              "notified_at": None, "run_id": "test"}
    return [
        {**common, "key": "example/moderngov/item/1", "url": "https://democracy.example.org/mgAi.aspx?ID=1",
         "title": "Ofsted inspection of local authority children's services: outcome (sample)",
         "review_type": "ofsted_ilacs", "stage": "outcome", "kind": "agenda_item",
         "published_date": found.date(), "published_where": "Cabinet", "created_at": found,
         "fieldwork_start": date(found.year, 1, 12), "fieldwork_end": date(found.year, 1, 23),
         "fieldwork_precision": "day", "fieldwork_raw": None,
         "judgements": [{"area": "overall_effectiveness", "grade": "good"}],
         "reason": "title names the review: ofsted_ilacs (outcome)",
         "evidence": ["This is a sample alert sent by peerwatch notify --test to check that the channel works."],
         "section": "new"},
        {**common, "key": "example/news/news/sample", "url": "https://www.example.org/news/sample",
         "title": "Council welcomes peer challenge report (sample from the archive)",
         "review_type": "lga_corporate_peer_challenge", "stage": "outcome", "kind": "press_release",
         "published_date": date(2019, 5, 2), "published_where": "press release", "created_at": found,
         "fieldwork_start": None, "fieldwork_end": None, "fieldwork_precision": None, "fieldwork_raw": None,
         "judgements": [], "reason": "text reports the review: lga_corporate_peer_challenge (outcome)",
         "evidence": ["A second sample, as a publication found by a back-fill would appear."], "section": "archive"},
    ]


def check_channels(send: bool = False) -> int:
    """List the configured channels (secrets masked); with send, a sample digest through each. 0 when all worked."""
    from flows.channels import load_channels

    channels = load_channels()
    if not channels:
        print("no notification channel configured: set PEERWATCH_NOTIFY or PEERWATCH_CHANNELS")
        return 1 if send else 0
    failures = 0
    digest = Digest(sample_alerts(), heading="PeerWatch test")
    for channel in channels:
        filters = ", ".join(f"{k}: {' '.join(v)}" for k, v in (("review types", channel.review_types),
                            ("councils", channel.councils), ("regions", channel.regions)) if v)
        line = f"{channel.masked} [{channel.kind}]" + (f" ({filters})" if filters else "")
        if send:
            ok = send_digest(channel, digest)
            failures += not ok
            line += ": sample digest sent" if ok else ": FAILED to send the sample digest"
        print(line)
    return 1 if failures else 0
