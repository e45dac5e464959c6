"""A publication's identity that survives a council moving its site.

The key is (council, source, the site's own id or its path): a ModernGov agenda item by its item id,
a ModernGov document by its path under the site's base, a press release by its path. Scheme, host
and port are left out, so a council going from http:// to https://, to a new host or port, or a
corrected base URL in the councils file, creates no publication and no alert twice.

`url` columns stay the latest address (what a person clicks); rows are found by `key`, and when an
address changes every column that refers to the old one is moved to the new one in the same
transaction (`readdress`). Migration 9 computes the same keys in SQL for existing warehouses; a test
checks the two agree.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from warehouse import staging

_ITEM_ID = re.compile(r"[?&]ID=(\d+)", re.IGNORECASE)


def path_and_query(url: str) -> str:
    parts = urlsplit(url.strip())
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def base_path(base_url: str | None) -> str:
    return urlsplit((base_url or "").strip()).path.rstrip("/")


def item_key(council: str, item_id: str) -> str:
    return f"{council}/moderngov/item/{item_id}"


def agenda_item_key(council: str, url: str, item_id: str | None = None) -> str:
    """A ModernGov agenda item by its item id (read from the canonical mgAi.aspx?ID= address if not given)."""
    if not item_id:
        match = _ITEM_ID.search(url)
        item_id = match.group(1) if match else None
    return item_key(council, item_id) if item_id else f"{council}/moderngov/url{path_and_query(url)}"


def document_key(council: str, url: str, moderngov_url: str | None) -> str:
    """A document by its path below the site's base (a sub-path install moved to its own host keeps it).

    ModernGov runs on IIS, whose paths are case-insensitive, so the path is lower-cased.
    """
    path = path_and_query(url)
    prefix = base_path(moderngov_url)
    if prefix and path.lower().startswith(prefix.lower() + "/"):
        path = path[len(prefix) :]
    return f"{council}/moderngov/doc{path.lower()}"


def press_key(council: str, url: str) -> str:
    return f"{council}/news{path_and_query(url)}"


def publication_key(council: str, kind: str, url: str, item_id: str | None = None) -> str:
    if kind == "agenda_item":
        return agenda_item_key(council, url, item_id)
    return press_key(council, url)


def rebase(url: str, new_root: str | None) -> str | None:
    """The same path and query under another scheme://host:port (the council's current address)."""
    if not new_root:
        return None
    root = urlsplit(new_root.strip())
    if not root.scheme or not root.netloc:
        return None
    parts = urlsplit(url)
    return urlunsplit((root.scheme, root.netloc, parts.path, parts.query, ""))


def rebase_document(url: str, key_path: str, moderngov_url: str | None) -> str | None:
    """Where a known document lives under the council's current base URL (key_path: its path below the base)."""
    if not moderngov_url:
        return None
    base = moderngov_url.strip().rstrip("/")
    original = path_and_query(url)
    # keep the stored spelling of the path (the key is lower-cased) by taking its tail of the same length
    tail = original[len(original) - len(key_path) :] if len(original) >= len(key_path) else key_path
    return base + tail


# Every column that holds a publication's or a document's address, and the other primary-key columns
# of its table (None: the column is not part of a key, so moving it can never collide).
PUBLICATION_URL_COLUMNS = [
    ("agenda_items", "url", ()),
    ("press_releases", "url", ()),
    ("classifications", "url", ()),
    ("alerts", "url", ()),
    ("review_sources", "url", ("review_id",)),
    ("item_documents", "item_url", ("document_url",)),
    ("review_judgements", "source_url", None),
    ("review_findings", "source_url", None),
]
DOCUMENT_URL_COLUMNS = [
    ("documents", "url", ()),
    ("item_documents", "document_url", ("item_url",)),
    ("http_cache", "url", ()),
]


def readdress(con, moves: dict[str, str], columns) -> None:
    """Move every reference from an old address to the new one; a row already at the new address wins.

    Runs inside the caller's transaction. DuckDB updates a key column as delete + insert, which it
    accepts within one transaction (tests/test_identity.py moves rows touched earlier in the same one).
    """
    moves = {old: new for old, new in moves.items() if old != new}
    if not moves:
        return
    staging.stage(con, "_moves", (("old", "VARCHAR"), ("new", "VARCHAR")), list(moves.items()))
    for table, column, other_keys in columns:
        if other_keys is not None:
            same = "".join(f" AND x.{k} = {table}.{k}" for k in other_keys)
            con.execute(f"""DELETE FROM {table} WHERE {column} IN (SELECT old FROM _moves) AND EXISTS (
                              SELECT 1 FROM {table} x JOIN _moves m ON x.{column} = m.new
                              WHERE m.old = {table}.{column}{same})""")
        con.execute(f"UPDATE {table} SET {column} = m.new FROM _moves m WHERE {table}.{column} = m.old")
    con.execute("DROP TABLE _moves")
