"""The email digest as a reader sees it: sent to a loopback SMTP server, its HTML part opened in headless
Chromium. Skipped (with the reason) where no Chromium is installed."""

from __future__ import annotations

import pytest

from flows.channels import Channel
from flows.digest import Digest, RunFacts
from flows.notify import send_digest
from flows.screenshot import find_browser, screenshot_html
from tests.support.channels import Mailbox
from warehouse import alerts as wa
from warehouse.db import connect


def test_the_email_digest_renders_in_a_real_browser(demo_warehouse, tmp_path):
    if find_browser() is None:
        pytest.skip("no Chromium on this machine (apt-get install -y chromium) to render the digest")
    con = connect(demo_warehouse[0], read_only=True)
    try:
        digest = Digest(wa.recent_alerts(con), facts=RunFacts(councils=7))
    finally:
        con.close()
    mailbox = Mailbox()
    try:
        assert send_digest(Channel(url=mailbox.url), digest)
        (message,) = mailbox.messages
        html = mailbox.parts(message)["text/html"]
    finally:
        mailbox.close()
    assert html.count('<div class="review"') == len(digest.blocks) < len(digest.alerts)  # grouped by review
    png = screenshot_html(html, tmp_path / "digest.png", width=900, height=1600)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000  # a page with text, tables and colour
    from PIL import Image

    pixels = Image.open(png).convert("RGB").getdata()
    amber = sum(1 for r, g, b in pixels if (r, g, b) == (0xFF, 0xF0, 0xC2))  # the "Requires improvement" badges
    assert amber > 500, "no coloured grade on the page"
