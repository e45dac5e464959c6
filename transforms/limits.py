"""The caps on how much one source may make PeerWatch read, store or analyse in one night.

Each is far above what a real council sends (the largest real meeting page we hold is 130 KB with under 100
documents; a council's news feed carries tens of items) and far below what exhausts a 1 GB harvest. A source
that reaches one is read up to it, the rest is left for later nights or dropped, and the source gets a
`source_health` warning (kind `limit_reached`) saying which cap and what was left. docs/limits.md lists every
limit with its environment variable.
"""

from __future__ import annotations

import os


def _int_from_env(name: str, default: int) -> int:
    try:
        return max(1, int(os.environ.get(name, default)))
    except ValueError:
        return default


# Bytes of one meeting page read (HTML): the rest of a longer page is not parsed.
MAX_PAGE_BYTES = _int_from_env("PEERWATCH_MAX_PAGE_BYTES", 2 * 1024 * 1024)
# Document links kept from one meeting (its items' and its own): the rest are not fetched or stored.
MAX_DOCUMENTS_PER_MEETING = _int_from_env("PEERWATCH_MAX_DOCUMENTS_PER_MEETING", 500)
# Bytes of one news feed read: the feed is cut after its last whole item before this.
MAX_FEED_BYTES = _int_from_env("PEERWATCH_MAX_FEED_BYTES", 2 * 1024 * 1024)
# New articles read from one council's news per night: the rest are read on the nights that follow.
MAX_NEW_ARTICLES = _int_from_env("PEERWATCH_MAX_NEW_ARTICLES", 200)
# Characters of one publication's own text (title aside: description, minutes, decision, or an article's
# body) and of one document's text given to the analysis: the rest is not read for reviews.
MAX_ITEM_TEXT_CHARS = _int_from_env("PEERWATCH_MAX_ITEM_TEXT_CHARS", 200_000)
MAX_DOCUMENT_TEXT_CHARS = _int_from_env("PEERWATCH_MAX_DOCUMENT_TEXT_CHARS", 2_000_000)


def cut_text(text: str | None, limit: int) -> tuple[str | None, bool]:
    """`text` cut to `limit` characters, and whether it was cut."""
    if text is None or len(text) <= limit:
        return text, False
    return text[:limit], True
