"""Loading one council's harvest: seconds and peak memory for a flooded batch (issue 22, item 1).

One meeting whose item links N documents, N fetch-log rows and N publications' classifications, loaded into a
fresh warehouse in a fresh process (peak RSS is the process's own). `--module` loads with another copy of
`warehouse/load.py` (e.g. the per-row version from git, to compare side by side).

    .venv/bin/python benchmarks/bench_load.py 20000
    git show <commit>:warehouse/load.py > /tmp/old_load.py
    .venv/bin/python benchmarks/bench_load.py 20000 --module /tmp/old_load.py
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scrapers.http import FetchLogEntry  # noqa: E402
from scrapers.models import AgendaItem, DocumentRef, Meeting  # noqa: E402
from transforms.analysis import Analysis  # noqa: E402
from transforms.classify import classify  # noqa: E402
from warehouse.db import open_warehouse  # noqa: E402


def flooded_batch(wl, n: int):
    refs = [DocumentRef(f"http://x/mgConvert2PDF.aspx?ID={i}", f"Paper {i}") for i in range(n)]
    items = [AgendaItem(url="http://x/mgAi.aspx?ID=0", item_id="0", number="1.", title="Papers", documents=refs)]
    items += [
        AgendaItem(url=f"http://x/mgAi.aspx?ID={i}", item_id=str(i), number=f"{i}.", title=f"Item {i}")
        for i in range(1, n // 10)
    ]
    meeting = Meeting("1", "7", "Scrutiny", date(2026, 3, 3), items=items)
    nothing = classify("", "")
    now = datetime.now(UTC)
    batch = wl.CouncilBatch(council="c", route="html", meetings=[meeting], source_errors={"moderngov": None})
    batch.analyses = [Analysis(i.url, "agenda_item", i.title, nothing, []) for i in items]
    batch.fetch_log = [FetchLogEntry(r.url, "c", 404, "HTTP 404", "not_found", now) for r in refs]
    return batch


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("documents", type=int)
    parser.add_argument("--module", help="another warehouse/load.py to load with")
    args = parser.parse_args()
    if args.module:
        spec = importlib.util.spec_from_file_location("load_under_test", args.module)
        wl = sys.modules["load_under_test"] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(wl)
    else:
        from warehouse import load as wl
    with tempfile.TemporaryDirectory() as tmp:
        con = open_warehouse(str(Path(tmp) / "w.duckdb"))
        wl.upsert_councils(con, [{"slug": "c", "name": "Council c"}])
        batch = flooded_batch(wl, args.documents)
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        started = time.perf_counter()
        wl.load_council_batch(con, batch, "run")
        elapsed = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows = con.execute(
            "SELECT (SELECT count(*) FROM item_documents) + (SELECT count(*) FROM fetch_log) "
            "+ (SELECT count(*) FROM classifications)"
        ).fetchone()[0]
    print(
        f"{args.module or 'warehouse/load.py'}: {args.documents} documents, {rows} rows in {elapsed:.1f} s "
        f"({rows / elapsed:,.0f} rows/s); peak RSS {peak:.0f} MiB (+{peak - before:.0f} MiB while loading)"
    )


if __name__ == "__main__":
    main()
