"""Article text: PeerWatch's reader against trafilatura on the saved newsroom pages.

Each page in tests/fixtures/articles/ is labelled with its title, date, sentences of the story and
fragments of the chrome around it (labels.toml). Scores: titles and dates right, story fragments
found, chrome fragments leaked, time per page. trafilatura is not a PeerWatch dependency; install it
to compare (`pip install trafilatura==2.3.1 lxml_html_clean`), otherwise only PeerWatch is scored.

    python benchmarks/compare_article_text.py
"""

from __future__ import annotations

import sys
import time
import tomllib
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scrapers.press import parse_article  # noqa: E402

ARTICLES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "articles"
REPEAT = 20


def peerwatch(markup: bytes) -> tuple[str, date | None, str]:
    a = parse_article(markup, "https://council.example/news/a")
    return a.title, a.published, a.text


def trafilatura_reader():
    try:
        import trafilatura
    except ImportError:
        return None

    def read(markup: bytes) -> tuple[str, date | None, str]:
        doc = trafilatura.bare_extraction(markup.decode("utf-8"), with_metadata=True, favor_precision=False)
        if doc is None:
            return "", None, ""
        when = date.fromisoformat(doc.date[:10]) if doc.date else None
        return doc.title or "", when, doc.text or ""

    return read


def score(read, labels: list[dict]) -> dict:
    totals = {
        "pages": 0,
        "title": 0,
        "date": 0,
        "story": 0,
        "story_of": 0,
        "chrome": 0,
        "chrome_of": 0,
        "ms_per_page": 0.0,
        "misses": [],
    }
    for label in labels:
        markup = (ARTICLES / label["file"]).read_bytes()
        started = time.perf_counter()
        for _ in range(REPEAT):
            title, when, text = read(markup)
        totals["ms_per_page"] += (time.perf_counter() - started) * 1000 / REPEAT
        flat = " ".join(text.split())
        totals["pages"] += 1
        totals["title"] += title.strip() == label["title"]
        totals["date"] += when == label["date"]
        missing = [f for f in label["text"] if f not in flat]
        leaked = [f for f in label["chrome"] if f in flat]
        totals["story"] += len(label["text"]) - len(missing)
        totals["story_of"] += len(label["text"])
        totals["chrome"] += len(leaked)
        totals["chrome_of"] += len(label["chrome"])
        if title.strip() != label["title"] or when != label["date"] or missing or leaked:
            totals["misses"].append(
                f"{label['file']}: title={title.strip()!r} date={when} missing={missing} leaked={leaked}"
            )
    totals["ms_per_page"] /= max(totals["pages"], 1)
    return totals


def main() -> None:
    labels = tomllib.loads((ARTICLES / "labels.toml").read_text(encoding="utf-8"))["article"]
    readers = {"peerwatch (bs4)": peerwatch}
    if (t := trafilatura_reader()) is not None:
        readers["trafilatura"] = t
    else:
        print("trafilatura not installed: scoring PeerWatch only\n")
    print("| reader | titles | dates | story fragments found | chrome fragments leaked | ms/page |")
    print("|---|---|---|---|---|---|")
    results = {name: score(read, labels) for name, read in readers.items()}
    for name, r in results.items():
        print(
            f"| {name} | {r['title']}/{r['pages']} | {r['date']}/{r['pages']} | {r['story']}/{r['story_of']} "
            f"| {r['chrome']}/{r['chrome_of']} | {r['ms_per_page']:.1f} |"
        )
    for name, r in results.items():
        for miss in r["misses"]:
            print(f"  {name}: {miss}")


if __name__ == "__main__":
    main()
