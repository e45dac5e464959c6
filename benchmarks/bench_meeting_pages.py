"""Meeting-page reader: time per page with each HTML parser, on our template fixtures and the shared real pages.

`python benchmarks/bench_meeting_pages.py [repeats]`. The reader uses html.parser (it never moves content);
lxml and html5lib are timed beside it for the README's record of the choice. The shared real pages
(../shared/samples/moderngov/meetings/) are read from where they are, never copied; they are skipped if absent.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scrapers.moderngov import meeting_page  # noqa: E402

FIXTURES = sorted((ROOT / "tests" / "fixtures").glob("moderngov_ieListDocuments*.html"))
SHARED = ROOT.parent / "shared" / "samples" / "moderngov" / "meetings"
URL, BASE = "https://democracy.example.gov.uk/ieListDocuments.aspx?CId=1&MId=1", "https://democracy.example.gov.uk"


def time_per_page(bodies: list[bytes], parser: str, repeats: int) -> tuple[float, int]:
    meeting_page.PARSER = parser
    runs, items = [], 0
    for _ in range(repeats):
        started = time.perf_counter()
        items = sum(len(meeting_page.read_meeting_page(b, URL, BASE).meeting.items) for b in bodies)
        runs.append((time.perf_counter() - started) / len(bodies))
    return statistics.median(runs) * 1000, items


def main(repeats: int = 5) -> None:
    sets = {"our template fixtures": [p.read_bytes() for p in FIXTURES]}
    if SHARED.is_dir():
        sets["shared real pages"] = [p.read_bytes() for p in sorted(SHARED.glob("*.html"))]
    print("| pages | parser | ms/page (median) | items read |")
    print("|---|---|---|---|")
    for name, bodies in sets.items():
        kb = sum(map(len, bodies)) / len(bodies) / 1024
        for parser in ("html.parser", "lxml", "html5lib"):
            ms, items = time_per_page(bodies, parser, repeats)
            print(f"| {name} ({len(bodies)}, {kb:.0f} KB avg) | {parser} | {ms:.1f} | {items} |")
    meeting_page.PARSER = "html.parser"


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
