"""`peerwatch` command line: harvest, demo, query, search, export, alerts, serve."""
from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")

EXIT_CONFIG, EXIT_DATABASE = 2, 3


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {text!r}")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="peerwatch", description="Harvest council publications about peer reviews "
                                "and inspection outcomes into a DuckDB warehouse.")
    sub = p.add_subparsers(dest="command", required=True)

    h = sub.add_parser("harvest", help="run the nightly harvest once")
    h.add_argument("--councils", required=True, help="councils file (TOML)")
    h.add_argument("--db", required=True, help="DuckDB warehouse file")
    h.add_argument("--data-dir", required=True, help="where raw downloads and the alerts feed are kept")
    h.add_argument("--since", type=_date, help="first meeting date to read (default: 12 weeks ago)")
    h.add_argument("--until", type=_date, help="last meeting date to read (default: 8 weeks ahead)")
    h.add_argument("--notify", action="append", default=[], help="Apprise URL for alerts (repeatable); "
                   "also PEERWATCH_NOTIFY, space-separated")
    h.add_argument("--workers", type=int, default=2, help="PDF text worker processes")
    h.add_argument("--dask-address", default=os.environ.get("PEERWATCH_DASK_ADDRESS"),
                   help="read PDFs on this Dask cluster (tcp://scheduler:8786) instead of local workers; "
                        "also PEERWATCH_DASK_ADDRESS")
    h.add_argument("--councils-at-once", type=int, default=4,
                   help="councils read side by side (each host keeps its own rate limit; default 4)")

    d = sub.add_parser("demo", help="harvest the bundled replica of council sites and print what was flagged")
    d.add_argument("--db", default="data/demo.duckdb")
    d.add_argument("--data-dir", default="data/raw")

    q = sub.add_parser("query", help="run SQL against the warehouse")
    q.add_argument("sql")
    q.add_argument("--db", required=True)

    s = sub.add_parser("search", help="full-text search over publications and their documents")
    s.add_argument("terms")
    s.add_argument("--db", required=True)
    s.add_argument("--limit", type=int, default=10)

    e = sub.add_parser("export", help="export a table, view or query to CSV, Parquet or JSON")
    e.add_argument("what", help="table/view name or a SELECT statement")
    e.add_argument("--db", required=True)
    e.add_argument("--out", required=True)

    a = sub.add_parser("alerts", help="list alerts, newest first")
    a.add_argument("--db", required=True)
    a.add_argument("--limit", type=int, default=20)

    ev = sub.add_parser("evaluate", help="score classification and extraction on the labelled set")
    ev.add_argument("--set", default=None, help="labelled set (TOML); default: the bundled one")

    st = sub.add_parser("starter-councils", help="write a councils file from a list of ModernGov sites")
    st.add_argument("--list", required=True, help="CSV with council_or_body and base_url columns")
    st.add_argument("--out", required=True)
    st.add_argument("--include-districts", action="store_true",
                    help="keep district councils too (they have no children's services)")

    sv = sub.add_parser("serve", help="register the nightly deployment with a running Prefect server and serve it")
    sv.add_argument("--councils", required=True)
    sv.add_argument("--db", required=True)
    sv.add_argument("--data-dir", required=True)
    sv.add_argument("--cron", default="30 2 * * *", help="cron schedule, Europe/London (default 02:30)")
    sv.add_argument("--notify", action="append", default=[])
    sv.add_argument("--councils-at-once", type=int, default=4)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        return 130


def _preflight(councils_file: str, db: str) -> int | None:
    """Fail fast, with a clear message, before a Prefect run starts: bad config or unusable database."""
    from flows.config import ConfigError, load_councils
    from warehouse.db import WarehouseBusy, WarehouseUnusable, open_warehouse

    try:
        load_councils(councils_file)
    except ConfigError as exc:
        print(f"peerwatch: {exc}", file=sys.stderr)
        return EXIT_CONFIG
    try:
        open_warehouse(db).close()
    except (WarehouseBusy, WarehouseUnusable) as exc:
        print(f"peerwatch: {exc}", file=sys.stderr)
        return EXIT_DATABASE
    return None


def cmd_harvest(args) -> int:
    failed = _preflight(args.councils, args.db)
    if failed:
        return failed
    from flows.nightly import nightly_flow

    notify = args.notify + os.environ.get("PEERWATCH_NOTIFY", "").split()
    summary = nightly_flow(args.councils_at_once)(
        councils_file=args.councils, db=args.db, data_dir=args.data_dir, since=args.since, until=args.until,
        notify_urls=notify, workers=args.workers, dask_address=args.dask_address)
    print_summary(summary)
    return 0


def print_summary(summary: dict) -> None:
    print(f"\nRun {summary['run_id']}: {summary['councils']} councils, {summary['new_publications']} new publications, "
          f"{summary['documents_downloaded']} documents downloaded, {summary['errors']} fetch errors recorded.")
    for w in summary.get("warnings", []):
        print(f"  needs attention: {w['council']} {w['source']}: {w['warning']}")
    alerts = summary["new_alerts"]
    print(f"{len(alerts)} new alert(s):")
    for a in alerts:
        print(f"  [{a['review_type']}] {a['council']}: {a['title']}\n      {a['url']}\n      why: {a['reason'][:300]}")


def cmd_demo(args) -> int:
    from tests.replica.server import Replica

    data_dir = Path(args.data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    with Replica() as replica:
        councils_file = data_dir / "demo-councils.toml"
        councils_file.write_text(replica.councils_toml(), encoding="utf-8")
        print(f"Replica of {len(replica.sites)} ModernGov sites and {len(replica.newsrooms)} newsroom(s) on loopback.")
        failed = _preflight(str(councils_file), args.db)
        if failed:
            return failed
        from flows.nightly import nightly_harvest

        summary = nightly_harvest(councils_file=str(councils_file), db=args.db, data_dir=str(data_dir),
                                  since=date(2014, 1, 1), until=date(2026, 12, 31))
    print_summary(summary)
    _print_reviews(args.db)
    print(f"\nWarehouse: {args.db}   try: peerwatch query --db {args.db} \"SELECT * FROM review_overview\"")
    return 0


def _print_reviews(db: str) -> None:
    from warehouse.queries import review_overview

    rows = review_overview(db)
    print(f"\nReviews in the warehouse ({len(rows)}):")
    for r in rows:
        when = r["fieldwork"] or "fieldwork not stated"
        print(f"  {r['council_name']}: {r['review_type']} ({r['service_area'] or '-'}), {when}; "
              f"{r['sources']} source(s){'; ' + r['judgements'] if r['judgements'] else ''}")


def cmd_query(args) -> int:
    from warehouse.queries import print_table, run_sql

    columns, rows = run_sql(args.db, args.sql)
    print_table(columns, rows)
    return 0


def cmd_search(args) -> int:
    from warehouse.queries import print_table, search

    columns, rows = search(args.db, args.terms, args.limit)
    print_table(columns, rows)
    return 0


def cmd_export(args) -> int:
    from warehouse.queries import export

    n = export(args.db, args.what, args.out)
    print(f"wrote {n} rows to {args.out}")
    return 0


def cmd_alerts(args) -> int:
    from warehouse.queries import print_table, run_sql

    columns, rows = run_sql(args.db, f"SELECT created_at, council, review_type, title, url FROM alerts "
                                     f"ORDER BY created_at DESC LIMIT {int(args.limit)}")
    print_table(columns, rows)
    return 0


def cmd_starter_councils(args) -> int:
    from flows.starter import starter_entries, starter_toml

    entries, skipped = starter_entries(Path(args.list), childrens_services_only=not args.include_districts)
    Path(args.out).write_text(starter_toml(entries), encoding="utf-8")
    print(f"wrote {len(entries)} councils to {args.out}; {len(skipped)} rows left out "
          "(not a current English authority, unnamed, or listed twice)")
    return 0


def cmd_evaluate(args) -> int:
    from transforms.evaluation import DEFAULT_SET, evaluate, format_report

    print(format_report(evaluate(Path(args.set) if args.set else DEFAULT_SET)))
    return 0


def cmd_serve(args) -> int:
    failed = _preflight(args.councils, args.db)
    if failed:
        return failed
    from flows.deployments import serve_nightly

    serve_nightly(args.councils, args.db, args.data_dir, args.cron, args.notify, args.councils_at_once)
    return 0


COMMANDS = {"harvest": cmd_harvest, "demo": cmd_demo, "query": cmd_query, "search": cmd_search,
            "export": cmd_export, "alerts": cmd_alerts, "evaluate": cmd_evaluate, "serve": cmd_serve,
            "starter-councils": cmd_starter_councils}

if __name__ == "__main__":
    sys.exit(main())
