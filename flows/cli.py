"""`peerwatch` command line.

A command is a parser block in `build_parser`, a `cmd_x(args) -> int` function and an entry in
COMMANDS. Commands raise exceptions with one-line messages (flows/errors.py: UserError exit 2,
WarehouseBusy/WarehouseUnusable exit 3; ValueError and missing files also exit 2) and `main`
prints them without a traceback.
"""
from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from pathlib import Path

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")

from flows.output import render  # noqa: E402
from warehouse.errors import EXIT_INTERNAL, EXIT_USER, EXIT_WAREHOUSE, PeerWatchError, UserError  # noqa: E402

PREFLIGHT_WAIT = 10.0   # seconds the pre-flight check waits for readers to let go of the warehouse


class Parser(argparse.ArgumentParser):
    """Usage mistakes are one line and exit 2, like every other user mistake."""

    def error(self, message: str):
        self.exit(EXIT_USER, f"{self.prog}: {message} (see `{self.prog} --help`)\n")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected YYYY-MM-DD, got {text!r}") from None


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return value


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("peerwatch")
    except PackageNotFoundError:
        return "unknown"


def build_parser() -> argparse.ArgumentParser:
    """One `sub.add_parser` block per command; COMMANDS maps its name to its `cmd_x` function."""
    from flows.output import add_format_options

    p = Parser(prog="peerwatch", description="Harvest council publications about peer reviews "
               "and inspection outcomes into a DuckDB warehouse.")
    p.add_argument("--version", action="version", version=f"peerwatch {_version()}")
    p.add_argument("--debug", action="store_true", help="show the traceback of an internal error "
                   "(also PEERWATCH_DEBUG=1)")
    sub = p.add_subparsers(dest="command", required=True)

    h = sub.add_parser("harvest", help="run the nightly harvest once")
    h.add_argument("--councils", required=True, help="councils file (TOML)")
    h.add_argument("--db", required=True, help="DuckDB warehouse file")
    h.add_argument("--data-dir", required=True, help="where raw downloads and the alerts feed are kept")
    h.add_argument("--since", type=_date, help="first meeting date to read (default: 12 weeks ago)")
    h.add_argument("--until", type=_date, help="last meeting date to read (default: 8 weeks ahead)")
    h.add_argument("--notify", action="append", default=[], help="Apprise URL for alerts (repeatable); "
                   "also PEERWATCH_NOTIFY, space-separated")
    h.add_argument("--channels", help="channels file (TOML) with per-channel filters; also PEERWATCH_CHANNELS")
    h.add_argument("--workers", type=_positive, default=2, help="PDF text worker processes")
    h.add_argument("--dask-address", default=os.environ.get("PEERWATCH_DASK_ADDRESS"),
                   help="read PDFs on this Dask cluster (tcp://scheduler:8786) instead of local workers; "
                        "also PEERWATCH_DASK_ADDRESS")
    h.add_argument("--councils-at-once", type=_positive, default=4,
                   help="councils read side by side (each host keeps its own rate limit; default 4)")

    d = sub.add_parser("demo", help="harvest the bundled replica of council sites and print what was flagged")
    d.add_argument("--db", default="data/demo.duckdb")
    d.add_argument("--data-dir", default="data/raw")

    q = sub.add_parser("query", help="run SQL against the warehouse (read-only; works during a harvest)")
    q.add_argument("sql")
    q.add_argument("--db", required=True)
    add_format_options(q)

    s = sub.add_parser("search", help="full-text search over publications and their documents")
    s.add_argument("terms")
    s.add_argument("--db", required=True)
    s.add_argument("--limit", type=_positive, default=10)
    s.add_argument("--council", help="only this council (its slug)")
    s.add_argument("--type", dest="review_type", help="only publications of this review type, e.g. ofsted_ilacs")
    s.add_argument("--since", type=_date, help="only publications dated on or after YYYY-MM-DD")
    add_format_options(s)
    ri = sub.add_parser("reindex", help="rebuild the search index beside the warehouse from the warehouse")
    ri.add_argument("--db", required=True)

    e = sub.add_parser("export", help="export a table, view or query to CSV, Parquet, JSON, JSON lines or Excel")
    e.add_argument("what", nargs="?", help="table/view name or a SELECT statement")
    e.add_argument("--db", required=True)
    target = e.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", help="file: .csv, .parquet, .json (one array), .jsonl/.ndjson (one row a line), "
                        ".xlsx")
    target.add_argument("--all", metavar="DIR", help="every public table and view as DIR/<name>.parquet")

    r = sub.add_parser("reprocess", help="apply today's rules to everything stored (no network); "
                       "alerts once for publications that only now read as reviews")
    r.add_argument("--db", required=True)
    r.add_argument("--data-dir", help="the harvest's data folder: its raw files let a publication that names a review "
                   "have its PDFs read by layout (judgement tables), as on the night; needed with --pdf-text")
    r.add_argument("--pdf-text", action="store_true", help="read every stored PDF again from the raw store first")
    r.add_argument("--council", help="only this council (slug)")
    r.add_argument("--workers", type=_positive, default=2, help="PDF text worker processes (with --pdf-text)")

    a = sub.add_parser("alerts", help="list alerts, newest first")
    a.add_argument("--db", required=True)
    a.add_argument("--limit", type=_positive, default=20)
    a.add_argument("--worth-a-look", action="store_true",
                   help="list the worth-a-look tier instead: publications with strong but incomplete signals")
    add_format_options(a)

    c = sub.add_parser("councils", help="one line per council: route, last success, publications, reviews, warnings")
    c.add_argument("--db", required=True)
    add_format_options(c)

    sc = sub.add_parser("schema", help="every public table and column with its meaning")
    sc.add_argument("--markdown", action="store_true", help="print docs/schema.md")

    ev = sub.add_parser("evaluate", help="score classification and extraction on the labelled set")
    ev.add_argument("--set", default=None, help="labelled set (TOML); default: the bundled one")

    st = sub.add_parser("starter-councils", help="write a councils file from a list of ModernGov sites")
    st.add_argument("--list", default=str(DEFAULT_SITES), help="CSV with council_or_body and base_url columns "
                    "(default: the bundled councils/moderngov_sites.csv)")
    st.add_argument("--out", required=True)
    st.add_argument("--include-districts", action="store_true",
                    help="keep district councils too (they have no children's services)")

    ins = sub.add_parser("inspect", help="show what PeerWatch reads on one ModernGov page (saved file or URL)")
    ins.add_argument("source", help="a saved page (FILE) or a live page URL")
    ins.add_argument("--url", dest="page_url", help="the saved page's address, to resolve its links")
    ins.add_argument("--json", action="store_true", help="print one JSON object (for tools and tests)")

    sv = sub.add_parser("serve", help="register the nightly deployment with a running Prefect server and serve it")
    sv.add_argument("--councils", required=True)
    sv.add_argument("--db", required=True)
    sv.add_argument("--data-dir", required=True)
    sv.add_argument("--cron", default="30 2 * * *", help="cron schedule, Europe/London (default 02:30)")
    sv.add_argument("--notify", action="append", default=[], help="as for harvest; kept in the serving process's "
                    "environment, never in the deployment")
    sv.add_argument("--channels", help="channels file (TOML); also PEERWATCH_CHANNELS")
    sv.add_argument("--councils-at-once", type=_positive, default=4)

    n = sub.add_parser("notify", help="check the notification channels (PEERWATCH_NOTIFY, PEERWATCH_CHANNELS)")
    n.add_argument("--test", action="store_true", help="send a sample digest through each channel")
    n.add_argument("--notify", action="append", default=[])
    n.add_argument("--channels")
    return p


DEFAULT_SITES = Path(__file__).resolve().parents[1] / "councils" / "moderngov_sites.csv"


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv or os.environ.get("PEERWATCH_DEBUG", "") not in ("", "0")
    argv = [a for a in argv if a != "--debug"]      # accepted anywhere: `peerwatch query --debug …` too
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:        # --help, --version, or a usage mistake (already explained, exit 2)
        return exc.code if isinstance(exc.code, int) else EXIT_USER
    try:
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("peerwatch: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:   # the reader of our output (head, less) closed it: nothing more to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # every failure ends as one line and a documented exit code
        code, message = explain(exc)
        if debug:
            import traceback

            traceback.print_exc()
        elif code == EXIT_INTERNAL:
            message += " (run again with --debug for the traceback, and please report it)"
        print(f"peerwatch {args.command}: {message}", file=sys.stderr)
        return code


def explain(exc: BaseException) -> tuple[int, str]:
    """The exit code and one-line message for an exception reaching main()."""
    import duckdb

    first = (str(exc).strip().splitlines() or [""])[0]
    if isinstance(exc, PeerWatchError):
        return exc.exit_code, first
    if isinstance(exc, duckdb.IOException):
        return EXIT_WAREHOUSE, f"the warehouse cannot be used: {first}"
    if isinstance(exc, (duckdb.ProgrammingError, duckdb.DataError, duckdb.InvalidInputException)):
        return EXIT_USER, f"SQL error: {first}"
    if isinstance(exc, OSError) and exc.filename:
        what = {FileNotFoundError: "not found", IsADirectoryError: "is a folder, not a file",
                NotADirectoryError: "a part of the path is not a folder",
                PermissionError: "permission denied"}.get(type(exc), exc.strerror or first)
        return EXIT_USER, f"{exc.filename}: {what}; check the path"
    if isinstance(exc, ValueError):   # commands raise ValueError with a clear message for bad input
        return EXIT_USER, first or exc.__class__.__name__
    return EXIT_INTERNAL, f"internal error: {exc.__class__.__name__}: {first}"


def _preflight(councils_file: str, db: str, warn_unmatched: bool = True) -> list:
    """Fail fast, with a clear message, before a Prefect run starts: bad config or unusable database.

    Raises ConfigError (exit 2) or WarehouseBusy/WarehouseUnusable (exit 3); returns the councils.
    """
    from flows.config import load_councils
    from warehouse.db import open_warehouse
    from warehouse.local_authorities import unmatched_council_warnings

    councils = load_councils(councils_file)
    for warning in unmatched_council_warnings([(c.slug, c.name) for c in councils]) if warn_unmatched else []:
        print(f"peerwatch: warning: {warning}", file=sys.stderr)
    from warehouse.db import write_wait

    open_warehouse(db, wait=min(PREFLIGHT_WAIT, write_wait())).close()
    return councils


def configure_channels(args) -> None:
    """--notify/--channels go into this process's environment, where the flow reads them at run time;
    a channel Apprise cannot read is a ConfigError (exit 2) naming it with its secret masked."""
    from flows.channels import configure_from_cli

    configure_from_cli(args.notify, args.channels)


def cmd_harvest(args) -> int:
    from warehouse.db import check_warehouse_path, harvest_lock

    check_warehouse_path(Path(args.db), must_exist=False)
    if args.since and args.until and args.since > args.until:
        raise UserError(f"--since {args.since} is after --until {args.until}")
    configure_channels(args)
    with harvest_lock(args.db):       # a second harvest stops here, exit 3, before Prefect starts
        _preflight(args.councils, args.db)
        from flows.nightly import nightly_flow

        summary = nightly_flow(args.councils_at_once)(
            councils_file=args.councils, db=args.db, data_dir=args.data_dir, since=args.since, until=args.until,
            workers=args.workers, dask_address=args.dask_address)
    print_summary(summary)
    return 0


def print_summary(summary: dict) -> None:
    from warehouse.health import plain_warning

    print(f"\nRun {summary['run_id']}: {summary['councils']} councils, {summary['new_publications']} new publications, "
          f"{summary['documents_downloaded']} documents downloaded, {summary['errors']} fetch errors recorded.")
    for w in summary.get("warnings", []):
        print(f"  needs attention: {w['council']} {w['source']}: {plain_warning(w)}")
    alerts = summary["new_alerts"]
    print(f"{len(alerts)} new alert(s):")
    for a in alerts:
        print(f"  [{a['review_type']}] {a['council']}: {a['title']}\n      {a['url']}\n      why: {a['reason'][:300]}")


def cmd_demo(args) -> int:
    from replica.server import Replica
    from warehouse.db import check_warehouse_path, harvest_lock

    check_warehouse_path(Path(args.db), must_exist=False)
    data_dir = Path(args.data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    with Replica() as replica, harvest_lock(args.db):
        councils_file = data_dir / "demo-councils.toml"
        councils_file.write_text(replica.councils_toml(), encoding="utf-8")
        print(f"Replica of {len(replica.sites)} ModernGov sites and {len(replica.newsrooms)} newsroom(s) on loopback.")
        _preflight(str(councils_file), args.db, warn_unmatched=False)   # Eastmoor is invented
        from flows.nightly import nightly_harvest

        summary = nightly_harvest(councils_file=str(councils_file), db=args.db, data_dir=str(data_dir),
                                  since=date(2014, 1, 1), until=date(2026, 12, 31))
    print_summary(summary)
    _print_reviews(args.db)
    print(f"\nWarehouse: {args.db}   try: peerwatch query --db {args.db} \"SELECT * FROM review_overview\"")
    print(f"Alerts feed (Atom, for any feed reader): {data_dir / 'alerts.atom'}")
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
    from warehouse.queries import run_sql

    columns, rows = run_sql(args.db, args.sql)
    render(columns, rows, args.format, args.wide)
    return 0


def cmd_search(args) -> int:
    from warehouse.queries import search

    columns, rows = search(args.db, args.terms, args.limit, args.council, args.review_type, args.since)
    render(columns, rows, args.format, args.wide)
    return 0


def cmd_reindex(args) -> int:
    from warehouse.search import rebuild_search_index

    print(f"indexed {rebuild_search_index(args.db).total} publications")
    return 0


def cmd_export(args) -> int:
    from warehouse.queries import export, export_all

    if args.all:
        if args.what:
            raise UserError("give either a table/query with --out, or --all DIR alone")
        written = export_all(args.db, args.all)
        print(f"wrote {len(written)} tables to {args.all}: " + ", ".join(f"{n} ({c} rows)" for n, c in written))
        return 0
    if not args.what:
        raise UserError("say what to export: a table or view name, or a SELECT statement")
    n = export(args.db, args.what, args.out)
    print(f"wrote {n} rows to {args.out}")
    return 0


def cmd_alerts(args) -> int:
    from warehouse.queries import alerts

    columns, rows = alerts(args.db, args.limit, args.worth_a_look)
    render(columns, rows, args.format, args.wide)
    return 0


def cmd_councils(args) -> int:
    from warehouse.health import council_health

    columns, rows = council_health(args.db)
    render(columns, rows, args.format, args.wide)
    return 0


def cmd_schema(args) -> int:
    from warehouse.schema_docs import schema_markdown, schema_text

    print(schema_markdown() if args.markdown else schema_text(), end="")
    return 0


def cmd_starter_councils(args) -> int:
    from flows.starter import starter_entries, starter_toml

    out = Path(args.out)
    if not out.parent.is_dir():
        raise UserError(f"--out {out}: the folder {out.parent} does not exist; create it first")
    result = starter_entries(Path(args.list), childrens_services_only=not args.include_districts)
    out.write_text(starter_toml(result.entries), encoding="utf-8")
    print(f"wrote {len(result.entries)} councils to {args.out}; {len(result.skipped)} rows left out "
          "(not a current English authority, unnamed, or listed twice)")
    if result.unmatched:
        print(f"{len(result.unmatched)} name(s) matched no English authority in the reference table "
              "(Welsh, Scottish and Northern Irish bodies, joint boards, or a spelling to add):")
        for name in result.unmatched:
            print(f"  {name}")
    return 0


def cmd_evaluate(args) -> int:
    import tomllib

    from evaluation.runner import DEFAULT_SET, evaluate, format_report

    path = Path(args.set) if args.set else DEFAULT_SET
    if not path.is_file():
        raise UserError(f"--set {path}: no such file; give a labelled set in TOML (default: {DEFAULT_SET.name})")
    try:
        report = evaluate(path)
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"--set {path}: not valid TOML: {exc}") from exc
    except KeyError as exc:
        raise UserError(f"--set {path}: not a labelled set (missing {exc}); see {DEFAULT_SET.name} for the shape") \
            from exc
    print(format_report(report))
    return 0


def cmd_reprocess(args) -> int:
    from flows.reprocess import reprocess

    summary = reprocess(args.db, args.data_dir, args.pdf_text, args.council, args.workers, say=print)
    print(f"Reprocessed {summary.publications} publications of {summary.councils} councils"
          + (f", {summary.documents_read} PDFs read again" if args.pdf_text else "")
          + f"; {len(summary.new_alerts)} new alert(s), marked as found on reprocessing; "
          "the next harvest delivers them.")
    for a in summary.new_alerts:
        print(f"  [{a['review_type']}] {a['council']}: {a['title']}\n      {a['url']}")
    return 0


def check_cron(expression: str) -> None:
    from prefect.schedules import Cron

    try:
        Cron(expression, timezone="Europe/London")
    except ValueError:
        raise UserError(f"--cron {expression!r} is not a cron schedule: give five fields, minute hour day "
                        "month weekday, e.g. \"30 2 * * *\" for 02:30 every night") from None


def check_prefect_server() -> None:
    from prefect.settings import get_current_settings

    if not get_current_settings().api.url:
        raise UserError("serve needs a running Prefect server to keep the schedule: start one with `prefect server "
                        "start` and set PREFECT_API_URL=http://127.0.0.1:4200/api (see Scheduling in the README)")


def cmd_serve(args) -> int:
    check_cron(args.cron)
    check_prefect_server()
    configure_channels(args)
    _preflight(args.councils, args.db)
    from flows.deployments import serve_nightly

    serve_nightly(args.councils, args.db, args.data_dir, args.cron, args.councils_at_once)
    return 0


def cmd_inspect(args) -> int:
    from flows.inspect import run

    print(run(args.source, args.page_url, args.json))
    return 0


def cmd_notify(args) -> int:
    configure_channels(args)
    from flows.notify import check_channels

    return check_channels(send=args.test)


COMMANDS = {"harvest": cmd_harvest, "demo": cmd_demo, "query": cmd_query, "search": cmd_search,
            "export": cmd_export, "alerts": cmd_alerts, "councils": cmd_councils, "schema": cmd_schema,
            "evaluate": cmd_evaluate, "serve": cmd_serve, "starter-councils": cmd_starter_councils,
            "reprocess": cmd_reprocess, "inspect": cmd_inspect, "notify": cmd_notify,
            "reindex": cmd_reindex}

if __name__ == "__main__":
    sys.exit(main())
