"""A nightly harvest at scale: many councils over loopback, first night and the night after.

The replica's council sites (seven) and three newsrooms are copied under new names (each copy its own host
and port) to make N councils, their meetings spread over the default window (12 weeks back to 8 weeks
ahead of the simulated night) as a real council's are; one nightly_harvest reads them all, then the next
night, with nothing new, reads what its revisit schedule and the sites' what's-new feeds ask for.
Prints wall time, requests per council, documents downloaded and the process's peak memory, and an
estimate of a real night: at the polite default of 1 request per second per host, a council's requests
take that many seconds, and the flow reads 4 councils at a time.

    python benchmarks/bench_scale.py 20      # 20 copies of the 7 replica councils: 140 councils
"""

from __future__ import annotations

import copy
import dataclasses
import os
import resource
import sys
import tempfile
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

from replica.content import NEWSROOMS, SITES  # noqa: E402
from replica.server import Replica  # noqa: E402

THREADS = 4  # ThreadPoolTaskRunner(max_workers=4) in flows/nightly.py
NIGHT = date(2026, 3, 2)  # the simulated first night


MEETINGS = 6  # each replica meeting appears this many times in a copy: 6-18 meetings a site in the window
# (a real council has tens); the replica sites' own 1-3 meetings would make every fixed nightly cost loom large
KINDS = [
    ("robots.txt", ("/robots.txt",)),
    ("what's-new feeds", ("mgrss",)),
    ("committee and meeting lists", ("getcommittees", "getmeetings?", "mglistcommittees", "ielistmeetings")),
    ("meetings", ("getmeeting?", "ielistdocuments", "mgai")),
    ("documents", ("/documents/", "mgconvert2pdf")),
]


def kind(path: str, host: str) -> str:
    if host.endswith("-www") and path != "/robots.txt":
        return "newsrooms"
    return next((name for name, marks in KINDS if any(m in path.lower() for m in marks)), "other")


def spread(site, i: int, times: int = MEETINGS):
    """A copy with `times` copies of each meeting (new ids), falling from 12 weeks before to 8 weeks after the
    first night, as a real council's meetings fill the default window."""
    site = copy.deepcopy(site)
    meetings = []
    for r in range(times):
        for m in copy.deepcopy(site.meetings):
            m.meeting_id, m.agenda_id = m.meeting_id + r * 1_000_000, m.agenda_id + r * 1_000_000
            for item in m.items:
                item.item_id += r * 1_000_000
                for d in ([item.report] if item.report else []) + item.additional:
                    d.attachment_id += r * 1_000_000
            m.when = NIGHT + timedelta(days=(i * 11 + len(meetings) * 29) % 140 - 84)
            meetings.append(m)
    site.meetings = meetings
    return site


def copies(n: int):
    sites = [
        dataclasses.replace(spread(s, i * len(SITES) + k), slug=f"{s.slug}-{i}")
        for i in range(n)
        for k, s in enumerate(SITES)
    ]
    rooms = [dataclasses.replace(r, slug=f"{r.slug}-{i}") for i in range(n) for r in NEWSROOMS]
    return sites, rooms


def night(replica: Replica, councils: Path, tmp: str, today: date) -> tuple[float, dict, int, dict]:
    from flows.nightly import nightly_harvest

    replica.today = today
    before = len(replica.requests)
    t = time.perf_counter()
    # The window reaches back to the newsrooms' articles (a default window would re-read them every night).
    result = nightly_harvest(
        councils_file=str(councils),
        db=str(Path(tmp) / "w.duckdb"),
        data_dir=tmp,
        today=today,
        since=date(2014, 1, 1),
        until=date(2026, 12, 31),
    )
    made = replica.requests[before:]
    return time.perf_counter() - t, result, len(made), Counter(kind(r.path, r.host) for r in made)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    sites, rooms = copies(n)
    with tempfile.TemporaryDirectory() as tmp, Replica(sites=sites, newsrooms=rooms) as replica:
        councils = Path(tmp) / "c.toml"
        councils.write_text(replica.councils_toml(requests_per_second=100))
        first_s, first, first_requests, first_kinds = night(replica, councils, tmp, NIGHT)
        second_s, second, second_requests, second_kinds = night(replica, councils, tmp, NIGHT + timedelta(days=1))
        week = [night(replica, councils, tmp, NIGHT + timedelta(days=d))[2] for d in range(2, 8)]
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    count = len(sites)
    per_council = first_requests / count
    print(f"councils: {count} ({n} copies of the replica's {len(SITES)} sites, {len(rooms)} newsrooms)")
    print(
        f"first night: {first_s:.1f} s wall, {first_requests} requests ({per_council:.0f} per council), "
        f"{first['documents_downloaded']} documents, {len(first['new_alerts'])} alerts, {first['errors']} errors"
    )
    print(
        f"second night: {second_s:.1f} s wall, {second_requests} requests ({second_requests / count:.1f} per "
        f"council, {second_requests / first_requests:.0%} of the first night's), "
        f"{second['documents_downloaded']} documents, {len(second['new_alerts'])} alerts"
    )
    print(
        "requests by kind, first night → second night: "
        + "; ".join(f"{k} {first_kinds[k]} → {second_kinds[k]}" for k in [n for n, _ in KINDS] + ["newsrooms", "other"])
    )
    print(
        f"the week after, nothing new: {sum(week) / len(week):.0f} requests a night on average "
        f"({sum(week) / len(week) / first_requests:.0%} of the first night's; most {max(week)})"
    )
    print(f"peak memory of the harvesting process: {peak_mib:.0f} MiB")
    print(
        f"politeness at 1 request/s per host, {THREADS} councils at a time: about "
        f"{second_requests / THREADS / 60:.0f} min for a night like the second (the replica's sites are small; "
        f"scale by a real site's requests per night)"
    )


if __name__ == "__main__":
    main()
