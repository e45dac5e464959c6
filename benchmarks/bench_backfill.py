"""Back-filling years of history: many replica councils, each with years of monthly meetings.

Each council is a replica ModernGov site (half read through the web service, half through the HTML
pages) with three committees meeting monthly for `--years` years; every meeting has a report PDF, and
one meeting a year of the children's panel discusses a peer review (an alert). One nightly_harvest with
`--since` at the first meeting reads it all, as a first harvest of a council's history does. Each size
runs in a process of its own, so its peak memory is its own: the point is that memory stays flat as
councils are added (a council's harvest is loaded and let go before the next is kept), while the
documents and pages per second say how long a real back-fill takes.

    python benchmarks/bench_backfill.py                          # 4, 8 and 16 councils, 2 years each
    python benchmarks/bench_backfill.py --councils 4 8 16 32 --years 5
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from fresh_process import result_of  # benchmarks/ is on sys.path when a script runs

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

FIRST = date(2016, 1, 1)
ORDINARY = ["haringey-work-programme", "barnsley-polling", "eastmoor-schools", "brighton-planning"]
COMMITTEES = ["Cabinet", "Children and Young People Scrutiny Panel", "Planning Committee"]


def council_site(n: int, years: int):
    from replica.content import CommitteeDef, Doc, Item, MeetingDef, SiteDef

    committees = [CommitteeDef(100 + k, title) for k, title in enumerate(COMMITTEES)]
    meetings, next_id = [], 1000
    for month in range(12 * years):
        when = date(FIRST.year + month // 12, month % 12 + 1, 10)
        for k, committee in enumerate(committees):
            next_id += 10
            items = [
                Item(
                    next_id + 1,
                    "1.",
                    "Minutes of the previous meeting",
                    minutes="The minutes of the last meeting were agreed as a correct record.",
                ),
                Item(
                    next_id + 2,
                    "2.",
                    f"{committee.title}: report of the month",
                    description="The report sets out the matters for the committee this month.",
                    report=Doc(next_id + 2, f"Report {next_id}", "report", ORDINARY[month % len(ORDINARY)]),
                ),
            ]
            if k == 1 and month % 12 == 5:
                items.append(
                    Item(
                        next_id + 3,
                        "3.",
                        "Outcome of the LGA peer challenge of children's services",
                        description="The panel is asked to note the peer challenge findings.",
                        report=Doc(next_id + 3, "LGA Peer Challenge report", "report", "barnsley-peer-review"),
                    )
                )
            meetings.append(MeetingDef(next_id, next_id, committee.committee_id, when, "6.30 pm", items=items))
    return SiteDef(
        slug=f"council{n}",
        name=f"Backfill Council {n}",
        subpath="",
        web_service="xml" if n % 2 == 0 else "missing_404",
        committees=committees,
        meetings=meetings,
    )


def run(councils: int, years: int, queue) -> None:
    import duckdb

    from flows.nightly import nightly_harvest
    from replica.server import Replica

    sites = [council_site(n, years) for n in range(councils)]
    until = date(FIRST.year + years, 1, 1)
    with tempfile.TemporaryDirectory() as tmp, Replica(sites=sites, newsrooms=[]) as replica:
        cfg = Path(tmp) / "c.toml"
        cfg.write_text(replica.councils_toml(requests_per_second=100))
        db = Path(tmp) / "w.duckdb"
        started = datetime.now(UTC)
        t = time.perf_counter()
        cpu = _cpu_seconds()
        summary = nightly_harvest(
            councils_file=str(cfg), db=str(db), data_dir=tmp, since=FIRST, until=until, today=until
        )
        wall = time.perf_counter() - t
        cpu_self, cpu_workers = (after - before for after, before in zip(_cpu_seconds(), cpu))
        con = duckdb.connect(str(db), read_only=True)
        pages, docs = con.execute("SELECT coalesce(sum(pages), 0), count(*) FROM documents").fetchone()
        first_alert, alerts = con.execute("SELECT min(created_at), count(*) FROM alerts").fetchone()
        meetings = con.execute("SELECT count(*) FROM meetings").fetchone()[0]
        con.close()
        requests = len(replica.requests)
    queue.put(
        dict(
            councils=councils,
            years=years,
            meetings=meetings,
            docs=docs,
            pages=pages,
            wall=wall,
            requests=requests,
            alerts=alerts,
            errors=summary["errors"],
            first_alert=(first_alert - started).total_seconds() if first_alert else None,
            peak_mib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            cpu_self=cpu_self,
            cpu_workers=cpu_workers,
        )
    )
    _stop_temporary_prefect_server()


def _stop_temporary_prefect_server() -> None:
    """Prefect stops the temporary server it started for the flow at exit, but a spawned child exits without
    running exit handlers: stop it here, or every measured size leaves a server running after the benchmark."""
    from prefect.server.api.server import SubprocessASGIServer

    for server in list(SubprocessASGIServer._instances.values()):
        server.stop()


def _cpu_seconds() -> tuple[float, float]:
    """CPU seconds of this process (the flow: fetching, parsing, loading; and the replica serving it, in its
    threads) and of its finished children (the PDF workers, stopped when the harvest ends: reading and analysis).
    The temporary Prefect server, still running, is in neither."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def measure(councils: int, years: int) -> dict:
    return result_of(run, councils, years)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--councils", type=int, nargs="+", default=[4, 8, 16])
    ap.add_argument("--years", type=int, default=2)
    args = ap.parse_args()
    print(
        "| councils × years | meetings | documents | pages | requests | wall s | documents/s | pages/s "
        "| first alert after s | alerts | peak MiB |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for n in args.councils:
        r = measure(n, args.years)
        print(
            f"| {n} × {r['years']} | {r['meetings']:,} | {r['docs']:,} | {r['pages']:,} | {r['requests']:,} "
            f"| {r['wall']:.0f} | {r['docs'] / r['wall']:.1f} | {r['pages'] / r['wall']:.1f} "
            f"| {r['first_alert']:.0f} | {r['alerts']} | {r['peak_mib']:.0f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
