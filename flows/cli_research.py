"""The researcher's commands and options of `peerwatch` (kept apart from flows/cli.py so that commands added by
others merge cleanly): `history COUNCIL`, and the filters of `alerts`."""

from __future__ import annotations


def add_history_command(sub, add_format_options, examples: dict) -> None:
    h = sub.add_parser(
        "history", help="one council's reviews over time: type, dates, stage, grades, sources", **examples
    )
    h.add_argument("council", help="the council's slug or name (as in the councils file)")
    h.add_argument("--db", required=True, help="DuckDB warehouse file")
    add_format_options(h)


def add_alert_filters(parser, parse_date) -> None:
    parser.add_argument("--council", help="only this council (slug or name)")
    parser.add_argument(
        "--type",
        dest="review_type",
        help="only this review type: a code (ofsted_ilacs) or its "
        "short name (ILACS, SIF, JTAI, SEND, focused visit, peer challenge)",
    )
    parser.add_argument("--since", type=parse_date, help="only publications dated on or after YYYY-MM-DD")
    parser.add_argument("--region", help="only councils of this region, e.g. London, North West")
    parser.add_argument(
        "--tier",
        help="only councils of this tier: county, unitary, metropolitan district, "
        "London borough, district (or the codes CTY, UA, MD, LBO, NMD)",
    )


def cmd_history(args) -> int:
    from flows.output import render as print_table
    from warehouse.queries import council_history

    columns, rows = council_history(args.db, args.council)
    print_table(columns, rows, args.format, args.wide)
    return 0


def cmd_alerts(args) -> int:
    from flows.output import render as print_table
    from warehouse.queries import alerts

    columns, rows = alerts(
        args.db,
        args.limit,
        args.worth_a_look,
        council=args.council,
        review_type=args.review_type,
        since=args.since,
        region=args.region,
        tier=args.tier,
    )
    print_table(columns, rows, args.format, args.wide)
    return 0
