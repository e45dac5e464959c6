"""The documentation's examples, generated from a demo warehouse (never typed): `make examples`, or

    python -m flows.examples --db data/demo.duckdb --out docs/examples [--image docs/images/digest.png]

writes the sample digest (plain text, Markdown, the email's HTML) and what `peerwatch councils` and
`peerwatch alerts` print. The replica's loopback ports change from machine to machine, so each council host
is shown on a fixed port (`127.0.0.1:8001` …); the night the demo ran is named in each file's first line.
`tests/test_examples.py` regenerates them from a fresh demo warehouse and fails when they drift.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from datetime import UTC, datetime
from pathlib import Path

from flows.digest import Digest, RunFacts
from flows.digest_html import render_html
from flows.output import render
from warehouse.db import connect

FILES = ("digest.txt", "digest.md", "digest.html", "councils.txt", "alerts.txt")
LOOPBACK = re.compile(r"127\.0\.0\.1:(\d+)")


def stable_ports(con) -> dict[str, str]:
    """Each council host's loopback port → a fixed one: ModernGov sites 8001…, newsrooms 8101…, by slug."""
    rows = con.execute(
        "SELECT slug, moderngov_url, coalesce(news_url, news_feed_url) FROM councils ORDER BY slug"
    ).fetchall()
    mapping = {}
    for n, (_, moderngov, news) in enumerate(rows, start=1):
        for url, base in ((moderngov, 8000), (news, 8100)):
            found = LOOPBACK.search(url or "")
            if found:
                mapping[found.group(1)] = str(base + n)
    return mapping


def _facts(con) -> RunFacts:
    row = con.execute(
        "SELECT started_at, councils FROM runs WHERE status = 'completed' ORDER BY started_at DESC LIMIT 1"
    ).fetchone()
    from warehouse.health import plain_warning
    from warehouse.load import source_warnings

    failed = [f"{w['council']}: {plain_warning(w)}" for w in source_warnings(con)]
    return RunFacts(ran_at=row[0] if row else datetime.now(UTC), councils=row[1] if row else None, failed=failed)


def _table(columns, rows) -> str:
    out = io.StringIO()
    render(columns, rows, "table", True, out)
    return out.getvalue()


def examples(db: str | Path) -> dict[str, str]:
    """File name → content, from the warehouse `db` (a demo's)."""
    from warehouse import alerts as wa
    from warehouse.health import council_health
    from warehouse.queries import alerts

    con = connect(db, read_only=True)
    try:
        digest = Digest(wa.recent_alerts(con), facts=_facts(con))
        ports = stable_ports(con)
        night = con.execute("SELECT max(started_at) FROM runs WHERE status = 'completed'").fetchone()[0]
    finally:
        con.close()
    out = {
        "digest.txt": digest.text(),
        "digest.md": digest.markdown(),
        "digest.html": render_html(digest) + "\n",
        "councils.txt": _table(*council_health(str(db))),
        "alerts.txt": _table(*alerts(str(db), 20)),
    }
    stamp = f"demo night of {night:%Y-%m-%d}" if night else "demo warehouse"
    heads = {
        "digest.txt": f"# peerwatch digest, {stamp}\n",
        "digest.md": f"<!-- peerwatch digest, {stamp} -->\n",
        "digest.html": f"<!-- peerwatch digest, {stamp} -->\n",
        "councils.txt": f"# peerwatch councils --db data/demo.duckdb --wide, {stamp}\n",
        "alerts.txt": f"# peerwatch alerts --db data/demo.duckdb --wide, {stamp}\n",
    }
    fix = lambda text: LOOPBACK.sub(lambda m: f"127.0.0.1:{ports.get(m.group(1), m.group(1))}", text)
    return {name: heads[name] + fix(text) for name, text in out.items()}


def write_examples(db: str | Path, folder: str | Path) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in examples(db).items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m flows.examples", description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", default="data/demo.duckdb", help="a demo warehouse (make demo)")
    parser.add_argument("--out", default="docs/examples")
    parser.add_argument(
        "--image", help="also a screenshot of the email digest (needs chromium), e.g. docs/images/digest.png"
    )
    args = parser.parse_args(argv)
    for path in write_examples(args.db, args.out):
        print(f"wrote {path}")
    if args.image:
        from flows.screenshot import screenshot_html

        html = (Path(args.out) / "digest.html").read_text(encoding="utf-8")
        print(f"wrote {screenshot_html(html, Path(args.image))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
