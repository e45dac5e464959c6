"""PeerWatch's PDF stage against bare pdfminer.six and bare pypdfium2, side by side on one generated corpus.

    python benchmarks/bench_pdf.py            # ~100 council PDFs, ~900 pages, 3 interleaved rounds
    python benchmarks/bench_pdf.py --small    # 20 PDFs, a quick look

Methods (each timed in a fresh interpreter, libraries imported and pool workers started before the clock):
- `pdfminer`: pdfminer.six `extract_text(path)` with its defaults, 1 process (the reference).
- `pypdfium2`: `get_textpage().get_text_range()` per page, 1 process.
- `layout-every-doc`: PeerWatch's layout pass (pdfminer text + rows) on every document, 1 process: what the
  stage did before fast text first.
- `stage-1w` / `stage-2w`: the PDF stage as the nightly flow runs it: `TextExtractor` fast text over every
  document, classification, the layout pass for the documents of publications that name a review, and
  classification again; 1 and 2 worker processes.

Rounds are interleaved (every method once per round, the order rotated), and medians reported. Each stage
run's classifications and review records are compared with those of the old path (every document through
the layout pass): "identical flagging" is that check on the whole corpus. Peak memory is the peak resident set
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
def make_corpus(root: Path, documents: int, max_pages: int | None) -> dict:
    import pypdfium2 as pdfium

    from benchmarks.pdf_corpus import write_corpus

    docs = write_corpus(root, documents=documents, max_pages=max_pages)
    manifest = []
    for d in docs:
        try:
            pdf = pdfium.PdfDocument(d.data)
            pages = len(pdf)
            pdf.close()
        except pdfium.PdfiumError:
            pages = 0          # the password-protected and the truncated files: no pages to count
        manifest.append({"key": d.key, "kind": d.kind, "title": d.title, "body": d.body,
                         "reported": d.reported.isoformat(), "pages": pages})
    info = {"documents": len(docs), "pages": sum(m["pages"] for m in manifest),
            "megabytes": round(sum(len(d.data) for d in docs) / 1e6, 1), "manifest": manifest}
    (root / "manifest.json").write_text(json.dumps(info))
    return info


def load_corpus(root: Path):
    from evaluation.pdf_compare import publication

    info = json.loads((root / "manifest.json").read_text())
    pubs = [publication(m["key"], m["title"], m["body"], [m["key"]], date.fromisoformat(m["reported"]))
            for m in info["manifest"]]
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

    layout_docs: list[str] = []
    with TextExtractor(workers=workers) as ex:
        warm = dict(list(paths.items())[:workers])
        ex.extract_many(warm)                    # start the workers (and their imports) before the clock
        t = time.perf_counter()
        extractions = ex.extract_many(paths)
        fast_seconds = time.perf_counter() - t

        def paths_of(keys):
            layout_docs.extend(keys)
            return {k: paths[k] for k in keys}

        outcomes = analyse_all(pubs, extractions, ex.work(paths_of))
        seconds = time.perf_counter() - t
        worker_peak = _workers_peak_mib()
    return {"worker_peak_rss_mib": worker_peak, "seconds": seconds, "fast_seconds": fast_seconds, "analysis_seconds": seconds - fast_seconds,
            "layout_docs": len(set(layout_docs)), "statuses": {k: e.status for k, e in extractions.items()},
            "outcomes": outcomes}


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
    subprocess.run([sys.executable, __file__, "--one", method, str(corpus), "--out", str(out)], check=True,
                   stderr=subprocess.DEVNULL)
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
    return json.loads(json.dumps(analyse_all(pubs, {k: extract_pdf_bytes(p.read_bytes()) for k, p in paths.items()}),
                                 default=str))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--small", action="store_true", help="20 documents of at most 6 pages, 2 rounds")
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    parser.add_argument("--one", nargs=2, metavar=("METHOD", "CORPUS"), help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        run_one(args.one[0], Path(args.one[1]), args.out)
        return
    documents, max_pages, rounds = (20, 6, 2) if args.small else (args.documents, None, args.rounds)
    methods = args.methods.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = args.keep or Path(tmp) / "corpus"
        info = make_corpus(corpus, documents, max_pages)
        kinds: dict[str, int] = {}
        for m in info["manifest"]:
            kinds[m["kind"]] = kinds.get(m["kind"], 0) + 1
        print(f"corpus: {info['documents']} PDFs, {info['pages']} pages, {info['megabytes']} MB "
              f"({', '.join(f'{n} {k}' for k, n in kinds.items())}); {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.1f}", flush=True)
        expected = old_outcomes(corpus)
        runs: dict[str, list[dict]] = {m: [] for m in methods}
        for r in range(rounds):
            order = methods[r % len(methods):] + methods[:r % len(methods)]
            for method in order:
                result = measure(method, corpus, Path(tmp))
                runs[method].append(result)
                parts = (f"; fast text {result['fast_seconds']:.2f} s, then classification and layout pass "
                         f"{result['analysis_seconds']:.2f} s, "
                         f"of {result['seconds']:.1f} s" if "fast_seconds" in result else "")
                print(f"  round {r + 1}: {method:17s} {info['pages'] / result['seconds']:8.1f} pages/s "
                      f"(others' CPU {result['others_cpu_pct']:.0f}%{parts})", flush=True)
        print_table(info, runs, expected)


def print_table(info: dict, runs: dict[str, list[dict]], expected: dict) -> None:
    pages = info["pages"]
    rate = {m: statistics.median(pages / r["seconds"] for r in rs) for m, rs in runs.items() if rs}
    base = rate.get("pdfminer")
    print()
    print("| method | workers | pages/s, median (min–max) | × bare pdfminer.six | peak RSS MiB (process; worker) "
          "| identical flagging | others' CPU % (max) |")
    print("|---|---|---|---|---|---|---|")
    for method, rs in runs.items():
        if not rs:
            continue
        rates = [pages / r["seconds"] for r in rs]
        workers = method.split("-")[1][0] if method.startswith("stage") else "1"
        same = "—"
        if "outcomes" in rs[0]:
            ok = all(json.loads(json.dumps(r["outcomes"], default=str)) == expected for r in rs)
            flagged = sum(1 for o in expected.values() if o["classification"]["is_review"])
            same = (f"yes ({flagged} flagged of {len(expected)}; layout pass on {rs[0]['layout_docs']} documents)"
                    if ok else "**NO**")
        worker_rss = max(r.get("worker_peak_rss_mib", 0.0) for r in rs)
        print(f"| {method} | {workers} | {statistics.median(rates):.1f} ({min(rates):.1f}–{max(rates):.1f}) | "
              f"{rate[method] / base:.2f} | {max(r['peak_rss_mib'] for r in rs):.0f}"
              f"{f'; {worker_rss:.0f}' if method.startswith('stage') else ''} | {same} | "
              f"{max(r['others_cpu_pct'] for r in rs):.0f} |" if base else f"| {method} | {rate[method]:.1f} |")
    if "stage-1w" in rate and "stage-2w" in rate:
        # Each round runs both back to back, so a round's ratio is free of the machine's slower minutes.
        paired = [one["seconds"] / two["seconds"] for one, two in zip(runs["stage-1w"], runs["stage-2w"])]
        print(f"\n2 workers / 1 worker: {rate['stage-2w'] / rate['stage-1w']:.2f}× (ratio of the medians); "
              f"round by round: median {statistics.median(paired):.2f}× ({min(paired):.2f}–{max(paired):.2f})")


if __name__ == "__main__":
    main()
