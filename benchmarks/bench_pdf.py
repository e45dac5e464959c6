"""PeerWatch's PDF stage against bare pdfminer.six and bare pypdfium2, side by side, on three corpora.

    python benchmarks/bench_pdf.py            # the three corpora below, 3 interleaved rounds each
    python benchmarks/bench_pdf.py --small    # 20 generated PDFs of each mix, 10 real reports, a quick look
    python benchmarks/bench_pdf.py --corpus ../shared/realreports/pdfs --documents 50 --mixes none

Corpora:
- `council`: ~100 generated council PDFs (~900 pages) in the measured mix of committee papers, where few
  publications name a review (benchmarks/pdf_corpus.py).
- `reviews`: the same shapes, but most reports, minutes and decks name a review (an ILACS outcome with its
  judgement table, a peer challenge…): the documents PeerWatch exists for.
- real reports (`--corpus DIR`, by default ../shared/realreports/pdfs; skipped with a message when absent):
  real Ofsted inspection reports, each the only document of an agenda item titled "Appendix 1", as councils
  attach them; `--documents` of them, spread evenly over the folder.

Methods (each timed in a fresh interpreter, libraries imported and pool workers started before the clock):
- `pdfminer`: pdfminer.six `extract_text(path)` with its defaults, 1 process (the reference).
- `pypdfium2`: `get_textpage().get_text_range()` per page, 1 process.
- `layout-every-doc`: pdfminer.six with PeerWatch's rows (`extract_pdf_bytes`) on every document, 1 process:
  what the stage did before fast text first.
- `stage-1w` / `stage-2w`: the PDF stage as the nightly flow runs it: `TextExtractor` reads every document
  (PDFium: text and rows in one pass), then each publication is classified and its reviews extracted, once,
  on the same workers; 1 and 2 worker processes.

Rounds are interleaved (every method once per round, the order rotated), and medians reported. Each stage
run's outcomes are compared with those of the old path (every document read by pdfminer with its layout
analysis): "identical" holds the flagging, each review's type, stage, dates and judgements (area and grade) to
the old path's (`evaluation.pdf_compare.decided`); publications whose quotes alone differ (evidence sentences,
findings, a judgement's raw line: each engine's own text) are counted, and every difference is listed below
the corpus's table so a reader can judge "identical or better". Peak memory is the peak resident set
(VmHWM) of the measured process and of its largest worker process. "others' CPU" is the machine's busy time during the run not
spent by the measured process tree: the machine is shared, so read figures with it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

METHODS = ["pdfminer", "pypdfium2", "layout-every-doc", "stage-1w", "stage-2w"]


# -- the corpus ------------------------------------------------------------------------------------------------
REAL_REPORTS = ROOT / ".." / "shared" / "realreports" / "pdfs"


def _page_count(data: bytes) -> int:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError:
        return 0  # the password-protected and the truncated files: no pages to count
    pages = len(pdf)
    pdf.close()
    return pages


def _write_manifest(root: Path, manifest: list[dict], megabytes: float) -> dict:
    info = {
        "documents": len(manifest),
        "pages": sum(m["pages"] for m in manifest),
        "megabytes": round(megabytes, 1),
        "manifest": manifest,
    }
    (root / "manifest.json").write_text(json.dumps(info))
    return info


def make_corpus(root: Path, documents: int, max_pages: int | None, mix: str = "council") -> dict:
    from benchmarks.pdf_corpus import write_corpus

    docs = write_corpus(root, documents=documents, max_pages=max_pages, mix=mix)
    manifest = [
        {
            "key": d.key,
            "kind": d.kind,
            "title": d.title,
            "body": d.body,
            "reported": d.reported.isoformat(),
            "pages": _page_count(d.data),
            "truth": d.truth,
        }
        for d in docs
    ]
    return _write_manifest(root, manifest, sum(len(d.data) for d in docs) / 1e6)


def copy_real_corpus(source: Path, root: Path, documents: int) -> dict:
    """`documents` PDFs of a folder, spread evenly over its sorted names, each the only document of an agenda
    item titled "Appendix 1" reported on the date its name ends with (when it ends with one)."""
    from evaluation.pdf_compare import published_readings

    # What each report states (../shared/realreports keeps it in ilacs.csv and sif.csv beside the PDFs' folder).
    stated = published_readings(source.parent) if (source.parent / "ilacs.csv").exists() else {}
    files = sorted(source.glob("*.pdf"))
    step = max(1, len(files) / documents) if documents else 1
    chosen = [files[int(i * step)] for i in range(min(documents or len(files), len(files)))]
    root.mkdir(parents=True, exist_ok=True)
    manifest, size = [], 0
    for path in chosen:
        data = path.read_bytes()
        (root / f"{path.stem}.pdf").write_bytes(data)
        size += len(data)
        try:
            reported = date.fromisoformat(path.stem[-10:])
        except ValueError:
            reported = date(2026, 1, 1)
        manifest.append(
            {
                "key": path.stem,
                "kind": "real report",
                "title": "Appendix 1",
                "body": "",
                "reported": reported.isoformat(),
                "pages": _page_count(data),
                "truth": stated.get(path.stem),
            }
        )
    return _write_manifest(root, manifest, size / 1e6)


def load_corpus(root: Path):
    from evaluation.pdf_compare import publication

    info = json.loads((root / "manifest.json").read_text())
    pubs = [
        publication(m["key"], m["title"], m["body"], [m["key"]], date.fromisoformat(m["reported"]))
        for m in info["manifest"]
    ]
    return pubs, {m["key"]: root / f"{m['key']}.pdf" for m in info["manifest"]}


# -- one measured run (in its own interpreter) ------------------------------------------------------------------
def run_pdfminer(paths: dict[str, Path]) -> dict:
    from pdfminer.high_level import extract_text

    t = time.perf_counter()
    for path in paths.values():
        try:
            extract_text(str(path))
        except Exception:  # noqa: BLE001  (password, truncated: counted in the time, as in a harvest)
            pass
    return {"seconds": time.perf_counter() - t}


def run_pypdfium2(paths: dict[str, Path]) -> dict:
    import pypdfium2 as pdfium

    t = time.perf_counter()
    for path in paths.values():
        try:
            pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError:
            continue
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        pdf.close()
    return {"seconds": time.perf_counter() - t}


def run_layout_every_doc(paths: dict[str, Path]) -> dict:
    from transforms.pdf_text import extract_pdf_bytes

    t = time.perf_counter()
    for path in paths.values():
        extract_pdf_bytes(path.read_bytes())
    return {"seconds": time.perf_counter() - t}


def run_stage(paths: dict[str, Path], pubs, workers: int) -> dict:
    import flows.harvest  # noqa: F401  (the flow has it loaded before any PDF arrives)
    from evaluation.pdf_compare import analyse_all
    from transforms.pdf_pool import TextExtractor

    with TextExtractor(workers=workers) as ex:
        warm = dict(list(paths.items())[:workers])
        ex.extract_many(warm)  # start the workers (and their imports) before the clock
        t = time.perf_counter()
        extractions = ex.extract_many(paths)
        fast_seconds = time.perf_counter() - t
        outcomes = analyse_all(pubs, extractions, ex.work())
        seconds = time.perf_counter() - t
        worker_peak = _workers_peak_mib()
    return {
        "worker_peak_rss_mib": worker_peak,
        "seconds": seconds,
        "fast_seconds": fast_seconds,
        "analysis_seconds": seconds - fast_seconds,
        "pdfminer_docs": sum(1 for e in extractions.values() if e.engine == "pdfminer"),
        "statuses": {k: e.status for k, e in extractions.items()},
        "outcomes": outcomes,
    }


def run_one(method: str, corpus: Path, out: Path) -> None:
    pubs, paths = load_corpus(corpus)
    if method == "pdfminer":
        result = run_pdfminer(paths)
    elif method == "pypdfium2":
        result = run_pypdfium2(paths)
    elif method == "layout-every-doc":
        result = run_layout_every_doc(paths)
    else:
        result = run_stage(paths, pubs, workers=int(method.split("-")[1][0]))
    result["peak_rss_mib"] = _vm_hwm_mib()
    out.write_text(json.dumps(result, default=str))


def _vm_hwm_mib(pid: str = "self") -> float:
    """A process's peak resident set (ru_maxrss would carry the launching process's peak over a fork)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _workers_peak_mib() -> float:
    """The largest peak resident set of the pool's workers, read once before they stop. (Sampling them every
    20 ms from a thread cost about 6 % of a core: nothing with 1 worker, whose spare core ran it, but taken
    from the workers with 2, which made the 2-worker figure look worse than it is.)"""
    import psutil

    peaks = []
    for child in psutil.Process().children(recursive=True):
        try:
            peaks.append(_vm_hwm_mib(str(child.pid)))
        except OSError:
            pass
    return max(peaks, default=0.0)


# -- the driver -------------------------------------------------------------------------------------------------
def _busy_jiffies() -> tuple[int, int]:
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return sum(fields) - idle, sum(fields)


def measure(method: str, corpus: Path, scratch: Path) -> dict:
    out = scratch / f"{method}.json"
    before_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    busy0, total0 = _busy_jiffies()
    subprocess.run(
        [sys.executable, __file__, "--one", method, str(corpus), "--out", str(out)],
        check=True,
        stderr=subprocess.DEVNULL,
    )
    busy1, total1 = _busy_jiffies()
    after_children = resource.getrusage(resource.RUSAGE_CHILDREN)
    ours = (after_children.ru_utime + after_children.ru_stime) - (before_children.ru_utime + before_children.ru_stime)
    tick = os.sysconf("SC_CLK_TCK")
    all_busy = (busy1 - busy0) / tick
    capacity = (total1 - total0) / tick
    result = json.loads(out.read_text())
    result["others_cpu_pct"] = max(0.0, 100 * (all_busy - ours) / capacity) if capacity else 0.0
    return result


def old_outcomes(corpus: Path) -> dict:
    """Classifications and review records with every document read by the layout pass (the old path)."""
    from evaluation.pdf_compare import analyse_all
    from transforms.pdf_text import extract_pdf_bytes

    pubs, paths = load_corpus(corpus)
    return comparable(analyse_all(pubs, {k: extract_pdf_bytes(p.read_bytes()) for k, p in paths.items()}))


def comparable(outcomes: dict) -> dict:
    """Outcomes as plain data (dates as text), as a run's JSON file holds them."""
    return json.loads(json.dumps(outcomes, default=str))


def differing(runs: list[dict], expected: dict) -> tuple[list[str], list[str]]:
    """Publications whose flagging, judgements or dates differ from the old path's in any run, and those whose
    quotes alone differ."""
    from evaluation.pdf_compare import decided

    decisions, quotes = set(), set()
    for r in runs:
        for k, o in comparable(r["outcomes"]).items():
            if k not in expected or decided(o) != decided(expected[k]):
                decisions.add(k)
            elif o != expected[k]:
                quotes.add(k)
    return sorted(decisions), sorted(quotes - decisions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--small", action="store_true", help="20 generated documents of at most 6 pages, 10 real reports, 2 rounds"
    )
    parser.add_argument("--documents", type=int, default=100, help="generated documents per mix")
    parser.add_argument("--real-documents", type=int, default=50, help="real reports taken from --corpus (0: all)")
    parser.add_argument("--mixes", default="council,reviews", help="generated mixes to run ('none' for none)")
    parser.add_argument(
        "--corpus",
        type=Path,
        default=REAL_REPORTS,
        help="a folder of real PDFs (default ../shared/realreports/pdfs; skipped when absent)",
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--keep", type=Path, help="write the corpora here and keep them")
    parser.add_argument("--one", nargs=2, metavar=("METHOD", "CORPUS"), help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        run_one(args.one[0], Path(args.one[1]), args.out)
        return
    documents, max_pages, rounds = (20, 6, 2) if args.small else (args.documents, None, args.rounds)
    real_documents = 10 if args.small else args.real_documents
    methods = args.methods.split(",")
    mixes = [] if args.mixes == "none" else args.mixes.split(",")
    print(
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} (the machine may be shared: "
        "read ratios, measured side by side, rather than rates)",
        flush=True,
    )
    summary = []
    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        corpora = [(f"{mix} mix", lambda root, mix=mix: make_corpus(root, documents, max_pages, mix)) for mix in mixes]
        if args.corpus.is_dir() and any(args.corpus.glob("*.pdf")):
            corpora.append(("real reports", lambda root: copy_real_corpus(args.corpus, root, real_documents)))
        else:
            print(f"real reports: skipped ({args.corpus} is absent or holds no PDF)", flush=True)
        for name, build in corpora:
            corpus = base / name.replace(" ", "-")
            info = build(corpus)
            runs, expected = run_corpus(name, info, corpus, methods, rounds, Path(tmp))
            truths = {m["key"]: m.get("truth") for m in info["manifest"]}
            summary.append((name, info, runs, expected, truths))
            print_table(info, runs, expected, truths)
            print_differences(runs, expected)
    print_summary(summary)


def run_corpus(name: str, info: dict, corpus: Path, methods: list[str], rounds: int, scratch: Path):
    kinds: dict[str, int] = {}
    for m in info["manifest"]:
        kinds[m["kind"]] = kinds.get(m["kind"], 0) + 1
    print(
        f"\n## {name}: {info['documents']} PDFs, {info['pages']} pages, {info['megabytes']} MB "
        f"({', '.join(f'{n} {k}' for k, n in kinds.items())}); load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    expected = old_outcomes(corpus)
    runs: dict[str, list[dict]] = {m: [] for m in methods}
    for r in range(rounds):
        order = methods[r % len(methods) :] + methods[: r % len(methods)]
        for method in order:
            result = measure(method, corpus, scratch)
            runs[method].append(result)
            parts = (
                f"; reading {result['fast_seconds']:.2f} s, then classification and extraction "
                f"{result['analysis_seconds']:.2f} s, "
                f"of {result['seconds']:.1f} s"
                if "fast_seconds" in result
                else ""
            )
            print(
                f"  round {r + 1}: {method:17s} {info['pages'] / result['seconds']:8.1f} pages/s "
                f"(others' CPU {result['others_cpu_pct']:.0f}%{parts})",
                flush=True,
            )
    return runs, expected


def _same(rs: list[dict], expected: dict, truths: dict) -> str:
    """ "yes" when every run's flagging, judgements and dates equal the old path's, or, where they differ, read
    what the document states (`truths`) at least as well in every respect (`evaluation.pdf_compare.score`)."""
    from evaluation.pdf_compare import extra_types, worse_than_before

    if "outcomes" not in rs[0]:
        return "—"
    differ, quotes = differing(rs, expected)
    worse = sorted({k for r in rs for k in worse_than_before(expected, comparable(r["outcomes"]), truths)[0]})
    extra = sorted({k for r in rs for k in extra_types(expected, comparable(r["outcomes"]), truths)})
    flagged = sum(1 for o in expected.values() if o["classification"]["is_review"])
    quoted = f"; quotes differ in {len(quotes)}" if quotes else ""
    better = f"; {len(differ)} differ, each read at least as well" if differ else ""
    quoted += (
        f"; {len(extra)} name a type more that the document does not state ({', '.join(extra[:3])})" if extra else ""
    )
    if not worse:
        return (
            f"yes ({flagged} flagged of {len(expected)} by the old path{better}; "
            f"pdfminer read {rs[0]['pdfminer_docs']} documents{quoted})"
        )
    return f"**NO**: {len(worse)} read worse ({', '.join(worse[:4])}{'…' if len(worse) > 4 else ''}{quoted})"


def print_differences(runs: dict[str, list[dict]], expected: dict, limit: int = 12) -> None:
    """What differs from the old path, field by field, so a reader can judge "identical or better"."""
    from evaluation.pdf_compare import decided

    stages = [r for m, rs in runs.items() if m.startswith("stage") for r in rs]
    if not stages:
        return
    differ, _ = differing(stages, expected)
    got = comparable(stages[0]["outcomes"])
    for key in differ[:limit]:
        old, new = decided(expected[key]), decided(got.get(key, {"classification": {}, "reviews": []}))
        for field, value in old["classification"].items():
            if new["classification"].get(field) != value:
                print(f"  {key}: {field} {value!r} (pdfminer layout path) → {new['classification'].get(field)!r}")
        for a, b in zip(old["reviews"], new["reviews"]):
            for field, value in a.items():
                if b.get(field) != value:
                    print(f"  {key} {a.get('review_type')}: {field} {value!r} → {b.get(field)!r}")
        if len(old["reviews"]) != len(new["reviews"]):
            print(f"  {key}: {len(old['reviews'])} review records → {len(new['reviews'])}")


def _rate_cell(rate: dict[str, float], method: str) -> str:
    if method not in rate:
        return "—"
    base = rate.get("pdfminer")
    return f"{rate[method]:.1f} ({rate[method] / base:.2f}×)" if base else f"{rate[method]:.1f}"


def print_summary(summary: list) -> None:
    """One line per corpus: the figures the issue asks for, side by side."""
    print(
        "\n| corpus (pages) | bare pdfminer.six pages/s | stage, 1 worker | 2 workers | pypdfium2 text "
        "| peak RSS MiB (stage process; worker) | identical flagging, judgements, dates |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, info, runs, expected, truths in summary:
        rate = {m: statistics.median(info["pages"] / r["seconds"] for r in rs) for m, rs in runs.items() if rs}
        base = rate.get("pdfminer")

        stages = [r for m in ("stage-1w", "stage-2w") for r in runs.get(m, [])]
        memory = (
            f"{max(r['peak_rss_mib'] for r in stages):.0f}; {max(r['worker_peak_rss_mib'] for r in stages):.0f}"
            if stages
            else "—"
        )
        same = _same(stages, expected, truths) if stages else "—"
        print(
            f"| {name} ({info['pages']}) | {f'{base:.1f}' if base else '—'} | {_rate_cell(rate, 'stage-1w')} | "
            f"{_rate_cell(rate, 'stage-2w')} | {_rate_cell(rate, 'pypdfium2')} | {memory} | {same} |"
        )


def print_table(info: dict, runs: dict[str, list[dict]], expected: dict, truths: dict) -> None:
    pages = info["pages"]
    print()
    rate = {m: statistics.median(pages / r["seconds"] for r in rs) for m, rs in runs.items() if rs}
    base = rate.get("pdfminer")
    print()
    print(
        "| method | workers | pages/s, median (min–max) | × bare pdfminer.six | peak RSS MiB (process; worker) "
        "| identical flagging | others' CPU % (max) |"
    )
    print("|---|---|---|---|---|---|---|")
    for method, rs in runs.items():
        if not rs:
            continue
        rates = [pages / r["seconds"] for r in rs]
        workers = method.split("-")[1][0] if method.startswith("stage") else "1"
        same = _same(rs, expected, truths)
        worker_rss = max(r.get("worker_peak_rss_mib", 0.0) for r in rs)
        print(
            f"| {method} | {workers} | {statistics.median(rates):.1f} ({min(rates):.1f}–{max(rates):.1f}) | "
            f"{rate[method] / base:.2f} | {max(r['peak_rss_mib'] for r in rs):.0f}"
            f"{f'; {worker_rss:.0f}' if method.startswith('stage') else ''} | {same} | "
            f"{max(r['others_cpu_pct'] for r in rs):.0f} |"
            if base
            else f"| {method} | {rate[method]:.1f} |"
        )
    if "stage-1w" in rate and "stage-2w" in rate:
        # Each round runs both back to back, so a round's ratio is free of the machine's slower minutes.
        paired = [one["seconds"] / two["seconds"] for one, two in zip(runs["stage-1w"], runs["stage-2w"])]
        print(
            f"\n2 workers / 1 worker: {rate['stage-2w'] / rate['stage-1w']:.2f}× (ratio of the medians); "
            f"round by round: median {statistics.median(paired):.2f}× ({min(paired):.2f}–{max(paired):.2f})"
        )


if __name__ == "__main__":
    main()
