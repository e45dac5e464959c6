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

PREFLIGHT_WAIT = 10.0  # seconds the pre-flight check waits for readers to let go of the warehouse


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


def _examples(*lines: str) -> dict:
    """A command's examples, shown at the end of its --help (docs/commands.md repeats them; a test checks both)."""
    return {
        "epilog": "examples:\n" + "\n".join(f"  {line}" for line in lines),
        "formatter_class": argparse.RawDescriptionHelpFormatter,
    }


def build_parser() -> argparse.ArgumentParser:
    """One `sub.add_parser` block per command; COMMANDS maps its name to its `cmd_x` function."""
    from flows.cli_research import add_alert_filters, add_history_command
    from flows.output import add_format_options

    p = Parser(
        prog="peerwatch",
        description="Harvest council publications about peer reviews and inspection outcomes into a DuckDB warehouse.",
    )
    p.add_argument("--version", action="version", version=f"peerwatch {_version()}")
    p.add_argument(
        "--debug", action="store_true", help="show the traceback of an internal error (also PEERWATCH_DEBUG=1)"
    )
    sub = p.add_subparsers(dest="command", required=True)

    h = sub.add_parser(
        "harvest",
        help="run the nightly harvest once",
        **_examples(
            "peerwatch harvest --councils councils.toml --db peerwatch.duckdb --data-dir data",
            "peerwatch harvest --councils councils.toml --db peerwatch.duckdb --data-dir data --since 2023-01-01",
        ),
    )
    h.add_argument("--councils", required=True, help="councils file (TOML)")
    h.add_argument("--db", required=True, help="DuckDB warehouse file")
    h.add_argument("--data-dir", required=True, help="where raw downloads and the alerts feed are kept")
    h.add_argument("--since", type=_date, help="first meeting date to read (default: 12 weeks ago)")
    h.add_argument("--until", type=_date, help="last meeting date to read (default: 8 weeks ahead)")
    h.add_argument(
        "--notify",
        action="append",
        default=[],
        help="Apprise URL for alerts (repeatable); also PEERWATCH_NOTIFY, space-separated",
    )
    h.add_argument("--channels", help="channels file (TOML) with per-channel filters; also PEERWATCH_CHANNELS")
    h.add_argument("--workers", type=_positive, default=2, help="PDF text worker processes")
    h.add_argument(
        "--dask-address",
        default=os.environ.get("PEERWATCH_DASK_ADDRESS"),
        help="read PDFs on this Dask cluster (tcp://scheduler:8786) instead of local workers; "
        "also PEERWATCH_DASK_ADDRESS",
    )
    h.add_argument(
        "--councils-at-once",
        type=_positive,
        default=4,
        help="councils read side by side (each host keeps its own rate limit; default 4)",
    )

    d = sub.add_parser(
        "demo",
        help="harvest the bundled replica of council sites and print what was flagged",
        **_examples("peerwatch demo", "peerwatch demo --db data/demo.duckdb --data-dir data/raw"),
    )
    d.add_argument("--db", default="data/demo.duckdb", help="warehouse file (default: data/demo.duckdb)")
    d.add_argument(
        "--data-dir",
        default="data/raw",
        help="raw downloads, the alerts feed and the replica's councils file (default: data/raw)",
    )

    q = sub.add_parser(
        "query",
        help="run SQL against the warehouse (read-only; works during a harvest)",
        **_examples(
            "peerwatch query --db peerwatch.duckdb \"SELECT council, review_type, fieldwork_end FROM reviews\"",
            "peerwatch query --db peerwatch.duckdb \"SELECT * FROM quiet_sources\" --format csv",
        ),
    )
    q.add_argument("sql", help="one SQL statement (DuckDB dialect); the warehouse is opened read-only")
    q.add_argument("--db", required=True, help="DuckDB warehouse file")
    add_format_options(q)

    s = sub.add_parser(
        "search",
        help="full-text search over publications and their documents",
        **_examples(
            "peerwatch search --db peerwatch.duckdb \"ofsted focused visit\"",
            "peerwatch search --db peerwatch.duckdb '\"peer challenge\" children' --council barnsley "
            "--type lga_peer_challenge --since 2022-01-01",
        ),
    )
    s.add_argument("terms", help="words that must all match; \"quoted words\" match as a phrase")
    s.add_argument("--db", required=True, help="DuckDB warehouse file")
    s.add_argument("--limit", type=_positive, default=10, help="most results to show (default 10)")
    s.add_argument("--council", help="only this council (its slug)")
    s.add_argument("--type", dest="review_type", help="only publications of this review type, e.g. ofsted_ilacs")
    s.add_argument("--since", type=_date, help="only publications dated on or after YYYY-MM-DD")
    add_format_options(s)
    ri = sub.add_parser(
        "reindex",
        help="rebuild the search index beside the warehouse from the warehouse",
        **_examples("peerwatch reindex --db peerwatch.duckdb"),
    )
    ri.add_argument("--db", required=True, help="DuckDB warehouse file")

    e = sub.add_parser(
        "export",
        help="export a table, view or query to CSV, Parquet, JSON, JSON lines or Excel",
        **_examples(
            "peerwatch export --db peerwatch.duckdb reviews --out reviews.csv",
            "peerwatch export --db peerwatch.duckdb \"SELECT * FROM review_overview\" --out overview.xlsx",
            "peerwatch export --db peerwatch.duckdb --all exports",
        ),
    )
    e.add_argument("what", nargs="?", help="table/view name or a SELECT statement")
    e.add_argument("--db", required=True, help="DuckDB warehouse file")
    target = e.add_mutually_exclusive_group(required=True)
    target.add_argument("--out", help="file: .csv, .parquet, .json (one array), .jsonl/.ndjson (one row a line), .xlsx")
    target.add_argument("--all", metavar="DIR", help="every public table and view as DIR/<name>.parquet")

    r = sub.add_parser(
        "reprocess",
        help="apply today's rules to everything stored (no network); "
        "alerts once for publications that only now read as reviews",
        **_examples(
            "peerwatch reprocess --db peerwatch.duckdb --data-dir data",
            "peerwatch reprocess --db peerwatch.duckdb --data-dir data --pdf-text --council barnsley",
        ),
    )
    r.add_argument("--db", required=True, help="DuckDB warehouse file")
    r.add_argument(
        "--data-dir",
        help="the harvest's data folder: its raw files let a publication that names a review "
        "have its PDFs read by layout (judgement tables), as on the night; needed with --pdf-text",
    )
    r.add_argument("--pdf-text", action="store_true", help="read every stored PDF again from the raw store first")
    r.add_argument("--council", help="only this council (slug)")
    r.add_argument("--workers", type=_positive, default=2, help="PDF text worker processes (with --pdf-text)")
    r.add_argument(
        "--dry-run",
        action="store_true",
        help="show what would change (added, changed, removed rows per review table) and write nothing",
    )

    a = sub.add_parser(
        "alerts",
        help="list alerts, newest first",
        **_examples(
            "peerwatch alerts --db peerwatch.duckdb",
            "peerwatch alerts --db peerwatch.duckdb --worth-a-look --format json",
            "peerwatch alerts --db peerwatch.duckdb --type ILACS --region London --since 2025-01-01",
        ),
    )
    a.add_argument("--db", required=True, help="DuckDB warehouse file")
    a.add_argument("--limit", type=_positive, default=20, help="most alerts to show (default 20)")
    a.add_argument(
        "--worth-a-look",
        action="store_true",
        help="list the worth-a-look tier instead: publications with strong but incomplete signals",
    )
    add_alert_filters(a, _date)
    add_format_options(a)
    add_history_command(
        sub,
        add_format_options,
        _examples(
            "peerwatch history barnsley --db peerwatch.duckdb",
            "peerwatch history 'Brighton and Hove' --db peerwatch.duckdb --format csv",
        ),
    )

    c = sub.add_parser(
        "councils",
        help="one line per council: route, last success, publications, reviews, warnings",
        **_examples(
            "peerwatch councils --db peerwatch.duckdb", "peerwatch councils --db peerwatch.duckdb --format json"
        ),
    )
    c.add_argument("--db", required=True, help="DuckDB warehouse file")
    add_format_options(c)

    sc = sub.add_parser(
        "schema",
        help="every public table and column with its meaning",
        **_examples("peerwatch schema", "peerwatch schema --markdown > docs/schema.md"),
    )
    sc.add_argument("--markdown", action="store_true", help="print docs/schema.md")
    sc.add_argument("--db", help="accepted like every other command's; the schema is the same for every warehouse")

    ev = sub.add_parser(
        "evaluate",
        help="score classification and extraction on the labelled set",
        **_examples(
            "peerwatch evaluate",
            "peerwatch evaluate --set ../shared/realtexts/dev.toml",
            "peerwatch evaluate --reports ../shared/realreports",
        ),
    )
    ev.add_argument("--set", default=None, help="labelled set (TOML); default: the bundled one")
    ev.add_argument(
        "--reports",
        default=None,
        metavar="DIR",
        help="score the reading of real Ofsted reports instead: a folder with pdfs/ and ilacs.csv/sif.csv "
        "(laid out like ../shared/realreports)",
    )

    st = sub.add_parser(
        "starter-councils",
        help="write a councils file from a list of ModernGov sites",
        **_examples(
            "peerwatch starter-councils --out councils.toml",
            "peerwatch starter-councils --list sites.csv --out councils.toml --include-districts",
        ),
    )
    st.add_argument(
        "--list",
        default=str(DEFAULT_SITES),
        help="CSV with council_or_body and base_url columns (default: the bundled councils/moderngov_sites.csv)",
    )
    st.add_argument("--out", required=True, help="councils file (TOML) to write")
    st.add_argument(
        "--include-districts", action="store_true", help="keep district councils too (they have no children's services)"
    )

    rd = sub.add_parser(
        "read",
        help="what PeerWatch reads from documents (PDF, page or URL), without a warehouse: "
        "classification and reason, review types, fieldwork, judgements with page "
        "and line",
        **_examples(
            "peerwatch read report.pdf --reported 2025-04-23",
            "peerwatch read report.pdf https://example.org/appendix.pdf --json",
        ),
    )
    rd.add_argument(
        "files",
        nargs="+",
        metavar="FILE|URL",
        help="PDFs, saved pages or URLs; each is the only document of its own publication",
    )
    rd.add_argument(
        "--title",
        default="Appendix 1",
        help="title of the publication each file is the only document of (default: Appendix 1)",
    )
    rd.add_argument(
        "--reported",
        type=date.fromisoformat,
        default=None,
        metavar="YYYY-MM-DD",
        help="the publication's date (meeting or press release)",
    )
    rd.add_argument("--json", action="store_true", help="one JSON object per file, one per line")

    ins = sub.add_parser(
        "inspect",
        help="show what PeerWatch reads on one ModernGov page (saved file or URL)",
        **_examples(
            f"peerwatch inspect \"{MEETING_PAGE}\"",
            f"peerwatch inspect saved-page.html --url \"{MEETING_PAGE}\" --json",
        ),
    )
    ins.add_argument("source", help="a saved page (FILE) or a live page URL")
    ins.add_argument("--url", dest="page_url", help="the saved page's address, to resolve its links")
    ins.add_argument("--json", action="store_true", help="print one JSON object (for tools and tests)")

    sv = sub.add_parser(
        "serve",
        help="register the nightly deployment with a running Prefect server and serve it",
        **_examples(
            "peerwatch serve --councils councils.toml --db peerwatch.duckdb --data-dir data --cron \"30 2 * * *\""
        ),
    )
    sv.add_argument("--councils", required=True, help="councils file (TOML), read by each run")
    sv.add_argument("--db", required=True, help="DuckDB warehouse file")
    sv.add_argument("--data-dir", required=True, help="where raw downloads and the alerts feed are kept")
    sv.add_argument("--cron", default="30 2 * * *", help="cron schedule, Europe/London (default 02:30)")
    sv.add_argument(
        "--notify",
        action="append",
        default=[],
        help="as for harvest; kept in the serving process's environment, never in the deployment",
    )
    sv.add_argument("--channels", help="channels file (TOML); also PEERWATCH_CHANNELS")
    sv.add_argument("--councils-at-once", type=_positive, default=4, help="as for harvest (default 4)")

    rp = sub.add_parser(
        "report",
        help="write the researcher's report: a static site of the warehouse that works "
        "offline (also written after every harvest, in <data-dir>/report)",
        **_examples(
            "peerwatch report --db data/demo.duckdb --out report",
            "peerwatch report --db data/peerwatch.duckdb --out /var/www/peerwatch --full",
        ),
    )
    rp.add_argument("--db", required=True, help="DuckDB warehouse file")
    rp.add_argument("--out", required=True, help="folder for the site (created if missing); open OUT/index.html")
    rp.add_argument(
        "--full",
        action="store_true",
        help="rewrite every page (by default only pages whose data changed since the last build are rewritten)",
    )

    n = sub.add_parser(
        "notify",
        help="check the notification channels (PEERWATCH_NOTIFY, PEERWATCH_CHANNELS)",
        **_examples("peerwatch notify", "peerwatch notify --test --channels channels.toml"),
    )
    n.add_argument("--test", action="store_true", help="send a sample digest through each channel")
    n.add_argument(
        "--notify", action="append", default=[], help="Apprise URL to check (repeatable); also PEERWATCH_NOTIFY"
    )
    n.add_argument("--channels", help="channels file (TOML); also PEERWATCH_CHANNELS")
    return p


# Commands that notice a stop between councils and end in order (flows/stopping.py); every other command
# stops at once on SIGINT/SIGTERM.
LOOPING_COMMANDS = {"harvest", "demo", "reprocess"}


def finish_run(command: str, summary: dict) -> int | None:
    """A run asked to stop says so in one line and exits 130 (SIGINT) or 143 (SIGTERM); None when it was not."""
    from flows import stopping

    if not (summary.get("stopped") or stopping.requested()):
        return None
    loaded = summary.get("councils_loaded", stopping.councils_loaded())
    print(f"peerwatch {command}: {stopping.stopped_line(loaded)}", file=sys.stderr)
    return stopping.exit_code()


DEFAULT_SITES = Path(__file__).resolve().parents[1] / "councils" / "moderngov_sites.csv"
MEETING_PAGE = "https://democracy.example.gov.uk/ieListDocuments.aspx?CId=305&MId=10010"  # for inspect's examples


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv or os.environ.get("PEERWATCH_DEBUG", "") not in ("", "0")
    argv = [a for a in argv if a != "--debug"]  # accepted anywhere: `peerwatch query --debug …` too
    try:
        args = build_parser().parse_args(argv)
    except SystemExit as exc:  # --help, --version, or a usage mistake (already explained, exit 2)
        return exc.code if isinstance(exc.code, int) else EXIT_USER
    from flows import stopping

    stopping.reset()
    try:
        with stopping.on_signals(raise_at_once=args.command not in LOOPING_COMMANDS):
            return COMMANDS[args.command](args)
    except (KeyboardInterrupt, stopping.Stopped) as exc:
        said = stopping.stopped_line() if args.command in LOOPING_COMMANDS | {"serve"} else "stopped"
        print(f"peerwatch {args.command}: {said}", file=sys.stderr)
        return exc.exit_code if isinstance(exc, stopping.Stopped) else 130
    except BrokenPipeError:  # the reader of our output (head, less) closed it: nothing more to say
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
        return exc.exit_code, str(exc).strip() if getattr(exc, "whole_message", False) else first
    if isinstance(exc, duckdb.IOException):
        return EXIT_WAREHOUSE, f"the warehouse cannot be used: {first}"
    if isinstance(exc, (duckdb.ProgrammingError, duckdb.DataError, duckdb.InvalidInputException)):
        return EXIT_USER, f"SQL error: {first}"
    if isinstance(exc, OSError) and exc.filename:
        what = {
            FileNotFoundError: "not found",
            IsADirectoryError: "is a folder, not a file",
            NotADirectoryError: "a part of the path is not a folder",
            PermissionError: "permission denied",
        }.get(type(exc), exc.strerror or first)
        return EXIT_USER, f"{exc.filename}: {what}; check the path"
    if isinstance(exc, ValueError):  # commands raise ValueError with a clear message for bad input
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
    with harvest_lock(args.db):  # a second harvest stops here, exit 3, before Prefect starts
        _preflight(args.councils, args.db)
        from flows.nightly import dask_task_runs, nightly_flow

        if args.dask_address:
            dask_task_runs()  # a mistyped PEERWATCH_DASK_TASK_RUNS is said here, before Prefect starts
        summary = nightly_flow(args.councils_at_once)(
            councils_file=args.councils,
            db=args.db,
            data_dir=args.data_dir,
            since=args.since,
            until=args.until,
            workers=args.workers,
            dask_address=args.dask_address,
        )
    stopped = finish_run("harvest", summary)
    if stopped is not None:
        return stopped
    print_summary(summary)
    return 0


def print_summary(summary: dict) -> None:
    from warehouse.health import plain_warning

    print(
        f"\nRun {summary['run_id']}: {summary['councils']} councils, {summary['new_publications']} new publications, "
        f"{summary['documents_downloaded']} documents downloaded, {summary['errors']} fetch errors recorded."
    )
    for w in summary.get("warnings", []):
        print(f"  needs attention: {w['council']} {w['source']}: {plain_warning(w)}")
    for line in summary.get("failing", []):
        print(f"  {line}")
    alerts = summary["new_alerts"]
    if summary.get("report"):
        print(f"Report: {summary['report']}")
    print(f"{len(alerts)} new alert{'s' if len(alerts) != 1 else ''}:" if alerts else "No new alerts.")
    for a in alerts:
        print(f"  [{a['review_type']}] {a['council']}: {a['title']}\n      {a['url']}\n      why: {a['reason'][:300]}")


def cmd_demo(args) -> int:
    from replica.server import Replica
    from warehouse.db import check_warehouse_path, harvest_lock

    check_warehouse_path(Path(args.db), must_exist=False)
    data_dir = Path(args.data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    with Replica().start(_demo_ports(data_dir)) as replica, harvest_lock(args.db):
        _keep_demo_ports(data_dir, replica.ports())
        councils_file = data_dir / "demo-councils.toml"
        councils_file.write_text(replica.councils_toml(), encoding="utf-8")
        print(f"Replica of {len(replica.sites)} ModernGov sites and {len(replica.newsrooms)} newsroom(s) on loopback.")
        _preflight(str(councils_file), args.db, warn_unmatched=False)  # Eastmoor is invented
        from flows.nightly import nightly_harvest

        summary = nightly_harvest(
            councils_file=str(councils_file),
            db=args.db,
            data_dir=str(data_dir),
            since=date(2014, 1, 1),
            until=date(2026, 12, 31),
        )
    stopped = finish_run("demo", summary)
    if stopped is not None:
        return stopped
    print_summary(summary)
    _print_reviews(args.db)
    print(f"\nWarehouse: {args.db}   try: {command_name()} query --db {args.db} \"SELECT * FROM review_overview\"")
    print(f"Alerts feed (Atom, for any feed reader): {data_dir / 'alerts.atom'}")
    if summary.get("report"):
        print(f"Report (open in a browser, works offline): {summary['report']}")
    return 0


DEMO_PORTS = "demo-ports.json"


def _demo_ports(data_dir: Path) -> dict[str, int]:
    """The ports the last demo's replica used: the same again, so a second demo is a quiet night (on new ports
    every council would look moved, every publication re-indexed)."""
    import json

    try:
        ports = json.loads((data_dir / DEMO_PORTS).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): int(v) for k, v in ports.items() if isinstance(v, int)} if isinstance(ports, dict) else {}


def _keep_demo_ports(data_dir: Path, ports: dict[str, int]) -> None:
    import json

    (data_dir / DEMO_PORTS).write_text(json.dumps(ports, indent=1), encoding="utf-8")


def command_name() -> str:
    """How to run peerwatch again from here: `peerwatch` when it is on PATH, else the path this run used
    (`.venv/bin/peerwatch` after `make setup`), else `python -m flows.cli`."""
    import shutil

    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    on_path = shutil.which("peerwatch")
    if on_path and (script is None or script.name != "peerwatch" or Path(on_path).resolve() == script.resolve()):
        return "peerwatch"
    if script is not None and script.name == "peerwatch" and script.exists():
        try:
            return str(script.resolve().relative_to(Path.cwd()))
        except ValueError:
            return str(script)
    return f"{Path(sys.executable).name} -m flows.cli"


def _print_reviews(db: str) -> None:
    from warehouse.queries import review_overview

    rows = review_overview(db)
    print(f"\nReviews in the warehouse ({len(rows)}):")
    for r in rows:
        when = r["fieldwork"] or "fieldwork not stated"
        print(
            f"  {r['council_name']}: {r['review_type']} ({r['service_area'] or '-'}), {when}; "
            f"{r['sources']} source(s){'; ' + r['judgements'] if r['judgements'] else ''}"
        )


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


def cmd_councils(args) -> int:
    from warehouse.health import council_health

    columns, rows = council_health(args.db)
    render(columns, rows, args.format, args.wide)
    return 0


def cmd_schema(args) -> int:
    from warehouse.schema_docs import schema_markdown, schema_text

    if args.db:
        from warehouse.db import check_warehouse_path

        check_warehouse_path(Path(args.db), must_exist=True)
    print(schema_markdown() if args.markdown else schema_text(), end="")
    return 0


def cmd_starter_councils(args) -> int:
    from flows.starter import starter_entries, starter_toml

    out = Path(args.out)
    if not out.parent.is_dir():
        raise UserError(f"--out {out}: the folder {out.parent} does not exist; create it first")
    result = starter_entries(Path(args.list), childrens_services_only=not args.include_districts)
    out.write_text(starter_toml(result.entries), encoding="utf-8")
    print(
        f"wrote {len(result.entries)} councils to {args.out}; {len(result.skipped)} rows left out "
        "(not a current English authority, unnamed, or listed twice)"
    )
    if result.unmatched:
        print(
            f"{len(result.unmatched)} name(s) matched no English authority in the reference table "
            "(Welsh, Scottish and Northern Irish bodies, joint boards, or a spelling to add):"
        )
        for name in result.unmatched:
            print(f"  {name}")
    return 0


def cmd_evaluate(args) -> int:
    import tomllib

    from evaluation.runner import DEFAULT_SET, evaluate, format_report

    if args.reports:
        return _evaluate_reports(Path(args.reports))
    path = Path(args.set) if args.set else DEFAULT_SET
    if not path.is_file():
        raise UserError(f"--set {path}: no such file; give a labelled set in TOML (default: {DEFAULT_SET.name})")
    try:
        report = evaluate(path)
    except tomllib.TOMLDecodeError as exc:
        raise UserError(f"--set {path}: not valid TOML: {exc}") from exc
    except KeyError as exc:
        raise UserError(
            f"--set {path}: not a labelled set (missing {exc}); see {DEFAULT_SET.name} for the shape"
        ) from exc
    print(format_report(report))
    return 0


def _evaluate_reports(folder: Path) -> int:
    from evaluation.reports import expected_reports, format_report_score, score_reports

    if not (folder / "pdfs").is_dir() or not expected_reports(folder):
        raise UserError(
            f"--reports {folder}: give a folder with pdfs/ and ilacs.csv or sif.csv "
            "(laid out like ../shared/realreports)"
        )
    print(format_report_score(score_reports(folder)))
    return 0


def cmd_reprocess(args) -> int:
    from flows.reprocess import reprocess

    summary = reprocess(
        args.db, args.data_dir, args.pdf_text, args.council, args.workers, say=print, dry_run=args.dry_run
    )
    stopped = finish_run("reprocess", {"stopped": summary.stopped, "councils_loaded": summary.councils})
    if stopped is not None:
        return stopped
    print_reprocess_summary(summary, args.pdf_text, args.dry_run)
    return 0


def print_reprocess_summary(summary, pdf_text: bool, dry_run: bool) -> None:
    from flows.reprocess import change_words

    if dry_run:
        print(
            f"Dry run over {summary.publications} publications of {summary.councils} councils; nothing was "
            f"written. It would change: {change_words(summary.changes)}; {len(summary.new_alerts)} new alert(s)."
        )
    else:
        print(
            f"Reprocessed {summary.publications} publications of {summary.councils} councils"
            + (f", {summary.documents_read} PDFs read again" if pdf_text else "")
            + f"; changed: {change_words(summary.changes)}; {len(summary.new_alerts)} new alert(s), marked as "
            "found on reprocessing; the next harvest delivers them."
        )
    for a in summary.new_alerts:
        print(f"  [{a['review_type']}] {a['council']}: {a['title']}\n      {a['url']}")


def check_cron(expression: str) -> None:
    from prefect.schedules import Cron

    try:
        Cron(expression, timezone="Europe/London")
    except ValueError:
        raise UserError(
            f"--cron {expression!r} is not a cron schedule: give five fields, minute hour day "
            "month weekday, e.g. \"30 2 * * *\" for 02:30 every night"
        ) from None


def check_prefect_server() -> None:
    from prefect.settings import get_current_settings

    if not get_current_settings().api.url:
        raise UserError(
            "serve needs a running Prefect server to keep the schedule: start one with `prefect server "
            "start` and set PREFECT_API_URL=http://127.0.0.1:4200/api (see docs/scheduling.md)"
        )


def cmd_serve(args) -> int:
    check_cron(args.cron)
    check_prefect_server()
    configure_channels(args)
    _preflight(args.councils, args.db)
    from flows import stopping
    from flows.deployments import serve_nightly

    try:
        serve_nightly(args.councils, args.db, args.data_dir, args.cron, args.councils_at_once)
    except SystemExit:
        if not stopping.requested():
            raise
    if stopping.requested():  # SIGTERM: Prefect's runner stopped its runs (each stops in order) and returned
        print(f"peerwatch serve: {stopping.stopped_line()}", file=sys.stderr)
        return stopping.exit_code()
    return 0


def cmd_inspect(args) -> int:
    from flows.inspect import run

    print(run(args.source, args.page_url, args.json))
    return 0


def cmd_report(args) -> int:
    from flows.report import build_report
    from warehouse.db import check_warehouse_path

    check_warehouse_path(Path(args.db), must_exist=True)
    result = build_report(args.db, args.out, full=args.full)
    print(
        f"wrote {result.written} of {result.pages} pages ({result.removed} removed) to {result.out}; "
        f"open {result.index}"
    )
    return 0


def cmd_read(args) -> int:
    from flows.read import run

    print(run(args.files, args.title, args.reported, args.json))
    return 0


def cmd_notify(args) -> int:
    configure_channels(args)
    from flows.notify import check_channels

    return check_channels(send=args.test)


from flows.cli_research import cmd_alerts, cmd_history  # noqa: E402

COMMANDS = {
    "harvest": cmd_harvest,
    "demo": cmd_demo,
    "query": cmd_query,
    "search": cmd_search,
    "export": cmd_export,
    "alerts": cmd_alerts,
    "councils": cmd_councils,
    "schema": cmd_schema,
    "evaluate": cmd_evaluate,
    "serve": cmd_serve,
    "starter-councils": cmd_starter_councils,
    "reprocess": cmd_reprocess,
    "inspect": cmd_inspect,
    "notify": cmd_notify,
    "read": cmd_read,
    "reindex": cmd_reindex,
    "report": cmd_report,
}
COMMANDS["history"] = cmd_history

if __name__ == "__main__":
    sys.exit(main())
