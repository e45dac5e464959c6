"""Measure PDF text extraction through the worker pool and a full harvest of the replica.

Prints pages/s for the pool (fast text, PDFium) with 1 and 2 workers over copies of the replica's text PDFs,
and the wall time of one nightly_harvest over the replica (Prefect temporary server start-up included).
The side-by-side comparison with pdfminer.six and pypdfium2 on a realistic corpus is `bench_pdf.py`.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

from replica import pdfs  # noqa: E402
from transforms.pdf_pool import TextExtractor  # noqa: E402
from transforms.pdf_text import extract_pdf_bytes  # noqa: E402

KINDS = [
    ("report", "brighton-peer-review"),
    ("report", "barnsley-peer-review"),
    ("slides", "eastmoor-ilacs-slides"),
    ("report", "brighton-planning"),
]


def corpus(root: Path, copies: int) -> tuple[dict[str, Path], int]:
    paths, pages = {}, 0
    for kind, key in KINDS:
        data = pdfs.render(kind, key)
        n = extract_pdf_bytes(data).pages
        for i in range(copies):
            p = root / f"{key}-{i}.pdf"
            p.write_bytes(data)
            paths[p.name] = p
            pages += n
    return paths, pages


def bench_pool(workers: int, paths: dict[str, Path], pages: int, repeats: int = 3) -> list[float]:
    rates = []
    for _ in range(repeats):
        with TextExtractor(workers=workers) as ex:
            ex.extract_many(dict(list(paths.items())[:2]))  # start the workers before timing
            t = time.perf_counter()
            ex.extract_many(paths)
            rates.append(pages / (time.perf_counter() - t))
    return rates


def bench_harvest() -> tuple[float, int, int]:
    from flows.nightly import nightly_harvest
    from replica.server import Replica

    with tempfile.TemporaryDirectory() as tmp, Replica() as replica:
        councils = Path(tmp) / "c.toml"
        councils.write_text(replica.councils_toml(requests_per_second=100))
        t = time.perf_counter()
        nightly_harvest(
            councils_file=str(councils),
            db=str(Path(tmp) / "w.duckdb"),
            data_dir=tmp,
            since=date(2014, 1, 1),
            until=date(2026, 12, 31),
        )
        return time.perf_counter() - t, len(replica.sites), len(replica.newsrooms)


def main() -> None:
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 25
    with tempfile.TemporaryDirectory() as tmp:
        paths, pages = corpus(Path(tmp), copies)
        print(f"corpus: {len(paths)} PDFs, {pages} pages")
        for workers in (1, 2):
            rates = bench_pool(workers, paths, pages)
            print(
                f"TextExtractor (fast text), {workers} worker(s): median {statistics.median(rates):.1f} pages/s "
                f"(min {min(rates):.1f}, max {max(rates):.1f}, {len(rates)} runs)"
            )
    seconds, sites, newsrooms = bench_harvest()
    print(f"full harvest of the replica ({sites} council sites, {newsrooms} newsrooms): {seconds:.1f} s wall")


if __name__ == "__main__":
    main()
