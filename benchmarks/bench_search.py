"""The search index at scale: N synthetic publications of ~20 KB, then a night with 500 more.

Fills a fresh warehouse with N agenda items, each with one document of ~20 KB of text (paragraphs of
council-paper words and a Zipf-distributed pseudo-vocabulary, drawn from a fixed pool; a few words per
document of its own), builds the index once (what `peerwatch reindex` costs), then measures:

- a night with nothing new (the key comparison alone),
- a night after 500 new publications (what every night costs: this should not grow with N),
- 20 queries (words, phrases, council/type/date filters) five times each through `warehouse.search.search`,
  as the CLI calls it (index opened per query): p50 and p95,
- the peak memory of each phase, each run in a process of its own: RSS, and the private part of it (RSS
  counts the index files tantivy maps into memory, which the kernel drops under pressure).

    python benchmarks/bench_search.py --docs 100000     # the issue's scale (~2 GB of text; a long run)
    python benchmarks/bench_search.py                   # 5,000 documents, for `make bench`
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import statistics
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

from fresh_process import result_of  # benchmarks/ is on sys.path when a script runs

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

COUNCILS = ["northdale", "eastmoor", "westbridge", "southvale", "kingsford", "riverton", "ashcombe", "millbury"]
WORDS = [
    "council",
    "children",
    "services",
    "peer",
    "review",
    "challenge",
    "safeguarding",
    "ofsted",
    "inspection",
    "focused",
    "visit",
    "monitoring",
    "judgement",
    "good",
    "requires",
    "improvement",
    "outstanding",
    "inadequate",
    "leadership",
    "practice",
    "social",
    "workers",
    "families",
    "early",
    "help",
    "partnership",
    "board",
    "scrutiny",
    "panel",
    "cabinet",
    "report",
    "recommendation",
    "action",
    "plan",
    "progress",
    "budget",
    "housing",
    "planning",
    "transport",
    "schools",
    "education",
    "send",
    "area",
    "local",
    "government",
    "association",
    "team",
    "findings",
    "strengths",
    "areas",
    "consideration",
    "performance",
    "quality",
    "assurance",
    "audit",
    "corporate",
    "strategy",
    "director",
    "executive",
    "member",
    "committee",
    "minutes",
    "agenda",
    "item",
    "officer",
    "resolved",
    "noted",
    "agreed",
    "members",
    "discussed",
    "update",
    "annual",
    "review",
    "framework",
    "outcome",
    "letter",
    "published",
]
PARAGRAPH_WORDS, PARAGRAPHS_PER_DOC, POOL = 220, 14, 4000
QUERIES = [
    ("peer review", {}),
    ("safeguarding", {}),
    ('"focused visit"', {}),
    ("ofsted judgement good", {}),
    ('"local government association" peer', {}),
    ("action plan progress", {}),
    ("leadership", {}),
    ("requires improvement", {}),
    ('"peer challenge"', {}),
    ("early help partnership", {}),
    ("peer review", {"council": "eastmoor"}),
    ("inspection", {"council": "riverton"}),
    ("safeguarding", {"review_type": "ofsted_ilacs"}),
    ("peer", {"review_type": "lga_peer_challenge"}),
    ("budget scrutiny", {"since": date(2025, 1, 1)}),
    ("ofsted", {"since": date(2024, 6, 1)}),
    ("w17 w230", {}),
    ('"annual review"', {}),
    ("corporate strategy director", {}),
    ("w5", {}),
]


def paragraph_pool(seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    pseudo = [f"w{i}" for i in range(20000)]
    vocab = WORDS + pseudo
    weights = [40.0] * len(WORDS) + [1.0 / (i + 1) ** 1.07 * 400 for i in range(len(pseudo))]
    return [" ".join(rng.choices(vocab, weights=weights, k=PARAGRAPH_WORDS)) for _ in range(POOL)]


def publications(start: int, count: int, pool: list[str], seed: int):
    """(item row, document row, meeting row) for publications start … start+count-1, one at a time."""
    rng = random.Random(seed + start)
    for n in range(start, start + count):
        council = COUNCILS[n % len(COUNCILS)]
        when = date(2016, 1, 1) + timedelta(days=n * 3650 // 100000 % 3650)
        text = "\n\n".join(rng.choices(pool, k=PARAGRAPHS_PER_DOC)) + f" item{n} {council}"
        item_url = f"http://{council}.example/mgAi.aspx?ID={n}"
        yield (
            (
                item_url,
                council,
                str(n),
                str(n),
                "1.",
                f"Report {n}: {' '.join(rng.choices(WORDS, k=6))}",
                "",
                "",
                "",
                f"sha{n}",
            ),
            (f"http://{council}.example/documents/s{n}/r.pdf", council, f"r{n}", f"d{n}", text),
            (council, str(n), when),
        )


def load(db: Path, start: int, count: int, seed: int = 1) -> None:
    from warehouse.db import open_warehouse

    pool = paragraph_pool()
    con = open_warehouse(db)
    batch: list = []

    def flush():
        con.execute("BEGIN")
        con.executemany(
            "INSERT INTO agenda_items (url, council, meeting_id, item_id, item_number, title, description, "
            "minutes, decision, content_sha) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [b[0] for b in batch],
        )
        con.executemany(
            "INSERT INTO documents (url, council, title, sha256, extract_status, text) VALUES (?, ?, ?, ?, 'ok', ?)",
            [b[1] for b in batch],
        )
        con.executemany("INSERT INTO item_documents VALUES (?, ?, 'report')", [(b[0][0], b[1][0]) for b in batch])
        con.executemany(
            "INSERT INTO meetings (council, meeting_id, meeting_date) VALUES (?, ?, ?)", [b[2] for b in batch]
        )
        con.executemany(
            "INSERT INTO classifications (url, council, kind, is_review, review_types) VALUES "
            "(?, ?, 'agenda_item', true, ?)",
            [
                (b[0][0], b[0][1], ["ofsted_ilacs"] if int(b[0][2]) % 7 == 0 else ["lga_peer_challenge"])
                for b in batch
                if int(b[0][2]) % 5 == 0
            ],
        )
        con.execute("COMMIT")
        batch.clear()

    for row in publications(start, count, pool, seed):
        batch.append(row)
        if len(batch) == 1000:
            flush()
    if batch:
        flush()
    con.close()


def _anon_mib() -> float:
    """Private (anonymous) memory: RSS without the index files tantivy maps, which the kernel can drop."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("RssAnon:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _sample_anon(peak: list[float], stop: threading.Event) -> None:
    while not stop.wait(0.05):
        peak[0] = max(peak[0], _anon_mib())


def _phase(name: str, db: str, queue) -> None:
    from warehouse.db import open_warehouse
    from warehouse.search import search, update_search_index

    peak, stop = [_anon_mib()], threading.Event()
    threading.Thread(target=_sample_anon, args=(peak, stop), daemon=True).start()
    t = time.perf_counter()
    out: dict = {}
    if name == "query":
        times = []
        for _ in range(5):
            for terms, filters in QUERIES:
                q = time.perf_counter()
                search(db, terms, 10, **filters)
                times.append((time.perf_counter() - q) * 1000)
        times.sort()
        out.update(p50=statistics.median(times), p95=times[int(len(times) * 0.95) - 1], n=len(times))
    else:
        con = open_warehouse(db)
        result = update_search_index(con)
        con.close()
        out.update(indexed=result.indexed, total=result.total)
    stop.set()
    out.update(
        seconds=time.perf_counter() - t,
        peak_mib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        anon_mib=max(peak[0], _anon_mib()),
    )
    queue.put(out)


def phase(name: str, db: Path) -> dict:
    return result_of(_phase, name, str(db))


def dir_mib(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def memory(result: dict) -> str:
    return f"peak RSS {result['peak_mib']:.0f} MiB ({result['anon_mib']:.0f} private)"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--new", type=int, default=500)
    ap.add_argument(
        "--dir",
        help="work directory (default: a temporary one, removed afterwards); a warehouse "
        "already there is reused (its index is rebuilt)",
    )
    args = ap.parse_args()
    work = Path(args.dir or tempfile.mkdtemp(prefix="peerwatch-bench-search-"))
    db = work / "w.duckdb"
    try:
        t = time.perf_counter()
        if db.exists():
            import duckdb

            with duckdb.connect(str(db), read_only=True) as con:
                have = con.execute("SELECT count(*) FROM agenda_items").fetchone()[0]
            shutil.rmtree(Path(str(db) + ".search"), ignore_errors=True)
            print(f"warehouse reused: {have} publications ({db.stat().st_size / 2**20:.0f} MiB)")
        else:
            have = args.docs
            load(db, 0, args.docs)
            print(
                f"warehouse: {args.docs} publications of ~20 KB loaded in {time.perf_counter() - t:.0f} s "
                f"({db.stat().st_size / 2**20:.0f} MiB)"
            )
        build = phase("update", db)
        print(
            f"first build (= peerwatch reindex): {build['seconds']:.1f} s, {build['total']} publications, "
            f"{memory(build)}, index {dir_mib(Path(str(db) + '.search')):.0f} MiB"
        )
        quiet = phase("update", db)
        print(f"night with nothing new: {quiet['seconds']:.2f} s ({quiet['indexed']} re-indexed), {memory(quiet)}")
        load(db, have, args.new, seed=2)
        night = phase("update", db)
        print(
            f"night with {args.new} new publications: {night['seconds']:.1f} s ({night['indexed']} indexed), "
            f"{memory(night)}"
        )
        q = phase("query", db)
        print(
            f"queries ({q['n']}: words, phrases, filters; index opened per query as the CLI does): "
            f"p50 {q['p50']:.0f} ms, p95 {q['p95']:.0f} ms, {memory(q)}"
        )
    finally:
        if not args.dir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
