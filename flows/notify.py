"""Telling researchers: Apprise channels (email, Slack, Teams…) and an Atom feed file."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from xml.sax.saxutils import escape

import apprise


def format_alert(alert: dict) -> str:
    return (f"{alert.get('council_name') or alert['council']}: {alert['title']}\n"
            f"type: {alert['review_type']}\nwhy: {alert['reason']}\n{alert['url']}")


def send_alerts(alerts: list[dict], urls: list[str]) -> bool:
    """One digest message per run; True when every channel accepted it (or there was nothing to send)."""
    if not alerts or not urls:
        return True
    body = "\n\n".join(format_alert(a) for a in alerts)
    return _send(f"PeerWatch: {len(alerts)} new review publication(s)", body, urls)


def format_source_warning(warning: dict) -> str:
    error = f" (last error: {warning['last_error']})" if warning.get("last_error") else ""
    return f"{warning['council']} {warning['source']}: {warning['warning']}{error}"


def send_source_warnings(warnings: list[dict], urls: list[str]) -> bool:
    """One message listing the sources that went quiet; True when every channel accepted it."""
    if not warnings or not urls:
        return True
    body = "\n".join(format_source_warning(w) for w in warnings)
    return _send(f"PeerWatch: {len(warnings)} source(s) need attention", body, urls)


def _send(title: str, body: str, urls: list[str]) -> bool:
    sender = apprise.Apprise()
    for url in urls:
        sender.add(url)
    return bool(sender.notify(title=title, body=body))


def write_atom_feed(alerts: list[dict], path: Path, feed_id: str = "urn:peerwatch:alerts") -> Path:
    """The latest alerts as an Atom feed a researcher can subscribe to in any feed reader."""
    now = datetime.now(timezone.utc).isoformat()
    entries = []
    for a in alerts:
        created = a["created_at"]
        created = created.isoformat() if hasattr(created, "isoformat") else str(created)
        entries.append(f"""  <entry>
    <id>{escape(a['url'])}</id>
    <title>{escape((a.get('council_name') or a['council']) + ': ' + a['title'])}</title>
    <link href="{escape(a['url'], {'"': '&quot;'})}"/>
    <updated>{created}</updated>
    <category term="{escape(a['review_type'] or '')}"/>
    <summary>{escape(a['reason'] or '')}</summary>
  </entry>""")
    xml = (f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
           f"  <id>{feed_id}</id>\n  <title>PeerWatch alerts</title>\n  <updated>{now}</updated>\n"
           + "\n".join(entries) + "\n</feed>\n")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(xml, encoding="utf-8")
    return path
