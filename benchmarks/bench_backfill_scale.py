"""Back-fill at national scale: 153 authorities × 10 years of committee papers (≈ 1 M documents, ≈ 20 M pages),
its wall time extrapolated from what this run measures, on this machine and on a 3-machine Dask cluster.

    python benchmarks/bench_backfill_scale.py                 # 40 and 80 council-mix documents, 2 and 4 councils
    python benchmarks/bench_backfill_scale.py --documents 100 200 --cluster-workers 1 2 3 6
    python benchmarks/bench_backfill_scale.py --mix reviews     # most documents name a review: analysis-heavy

Measured, each in a fresh interpreter (libraries imported and workers started before the clock):
- the PDF stage (read + classify + extract, `bench_pdf.py`'s `stage-Nw`) on the generated council mix
  (`benchmarks/pdf_corpus.py`), with the local pool at 1 and 2 workers;
- the same through a Dask `LocalCluster` of n worker processes (threads_per_worker=1), documents and analysis
  steps both on the cluster (`flows.pdf_dask.DaskExtractor`), inside a Prefect flow as the nightly runs it; with
  the CPU seconds spent centrally (the flow's process, which holds the client and the LocalCluster's scheduler,
  and the temporary Prefect server) and on the workers (Dask workers and their guarded PDF processes), the bytes
  shipped each way, and the round trip of an empty Prefect task run (`pdf-text` with no document, as the
  documents' chunks go) and of an empty plain Dask future (`analyse_chunk` with no step, as the analysis goes);
- the harvest's cost beyond the PDF stage (`bench_backfill.py`: replica councils fetched, parsed and loaded into
  DuckDB end to end): the flow process's CPU seconds per document, and requests per document;
- peak memory (VmHWM) of the measuring process and of the largest worker at two corpus sizes, and of the
  end-to-end back-fill at two council counts.

Extrapolated (every rate computed from this run's figures; nothing held as a constant):
- pages scale: the corpus's pages per document are what they are; the national figure is 20 M pages at the
  measured pages/s, plus 1 M documents at the measured non-PDF CPU per document (which runs in the flow's one
  process, wherever the PDF stage runs). On this machine the two are summed (an upper bound: fetching and
  analysis overlap in a real night); on the cluster the flow's process does the non-PDF work while the cluster
  reads, so it enters the cluster's bounds below instead (the "days" of the extrapolated row);
- 3 machines × 2 cores: 6 worker processes, each as fast as the LocalCluster's single worker process (its wall
  time per page, every round trip included: it had a core of its own, the central work the other); the central
  CPU per page (the flow's process with client and scheduler, the Prefect server) is spent once and a process
  cannot use more than one core; so the rate is the lowest of 6 / worker wall time per page, 6 cores / (worker +
  central CPU per page), 1 / each central process's CPU per page (the flow's with the non-PDF work, for the
  "days"), and the network's: the bytes per page shipped
  (PDF bytes read from shared storage, texts back to the flow, texts out to analysis, answers back) over an
  assumed 1 Gbit/s;
- politeness: each host is fetched at its configured rate (the default `max_requests_per_second`) and
  `--councils-at-once` hosts side by side, so fetching 1 M documents takes requests per document × 1 M /
  (rate × councils at once), whatever the CPU.

On 2 cores a cluster of more than 2 processes cannot add speed: those rows show what its overhead costs.
"""

from __future__ import annotations

import argparse
import inspect
import json
import math
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "ERROR")

AUTHORITIES = 153
NATIONAL_DOCUMENTS = 1_000_000
NATIONAL_PAGES = 20_000_000
MACHINES, CORES_PER_MACHINE = 3, 2
NETWORK_BYTES_PER_S = 125e6  # an assumed 1 Gbit/s between the flow's machine, the workers and shared storage
EMPTY_TASKS = 24  # empty task runs timed for the round trip
PLAIN = "LocalCluster 1, documents as plain futures"


# -- one cluster run (in its own interpreter) -------------------------------------------------------------------
class CountingWork:
    """A `Work` that passes every step on, counting steps and the bytes of their arguments and answers."""

    def __init__(self, work):
        self.work = work
        self.calls = 0
        self.bytes_out = 0
        self.bytes_back = 0

    def call(self, key, function, args):
        self.calls += 1
        self.bytes_out += len(pickle.dumps(args))
        self.work.call(key, function, args)

    def finished(self):
        for key, answer in self.work.finished():
            self.bytes_back += len(pickle.dumps(answer))
            yield key, answer


def _vm_hwm_mib(pid: int | str = "self") -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _tree_cpu(pids: list[int]) -> float:
    """CPU seconds of these processes and their live descendants."""
    import psutil

    total = 0.0
    for pid in pids:
        try:
            proc = psutil.Process(pid)
            for p in [proc, *proc.children(recursive=True)]:
                t = p.cpu_times()
                total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


def _worker_peak_mib() -> float:
    """On a Dask worker: the largest VmHWM of the worker process and its guarded PDF processes."""
    import psutil

    peaks = [_vm_hwm_mib()]
    for child in psutil.Process().children(recursive=True):
        try:
            peaks.append(_vm_hwm_mib(child.pid))
        except OSError:
            pass
    return max(peaks)


def _prefect_server_pids(dask_pids: set[int]) -> list[int]:
    """This process's other children: the temporary Prefect server."""
    import psutil

    return [c.pid for c in psutil.Process().children() if c.pid not in dask_pids]


def run_cluster(corpus: Path, n_workers: int, out: Path, task_runs: bool = True) -> None:
    import distributed
    from bench_pdf import load_corpus
    from prefect import flow

    from evaluation.pdf_compare import analyse_all
    from flows.pdf_dask import CHUNK, DaskExtractor, analyse_chunk, extract_chunk
    from transforms.pdf_pool import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS

    pubs, paths = load_corpus(corpus)

    @flow(name="backfill-scale-on-dask")
    def stage(address: str, dask_pids: list[int]) -> dict:
        from prefect.futures import wait
        from prefect_dask import DaskTaskRunner

        with DaskExtractor(address, task_runs=task_runs) as ex:
            ex.extract_many(dict(list(paths.items())[: n_workers * CHUNK]))  # start every worker's PDF process
            server = _prefect_server_pids(set(dask_pids))
            own0 = resource.getrusage(resource.RUSAGE_SELF)
            central0, workers0 = _tree_cpu(server), _tree_cpu(dask_pids)
            t = time.perf_counter()
            extractions = ex.extract_many(paths)
            read_seconds = time.perf_counter() - t
            work = CountingWork(ex.work())
            outcomes = analyse_all(pubs, extractions, work)
            seconds = time.perf_counter() - t
            own1 = resource.getrusage(resource.RUSAGE_SELF)
            central1, workers1 = _tree_cpu(server), _tree_cpu(dask_pids)
        with DaskTaskRunner(address=address) as runner:
            t = time.perf_counter()
            empty = {"paths": {}, "layout": True, "timeout": DEFAULT_TIMEOUT_SECONDS, "memory_mb": DEFAULT_MEMORY_MB}
            wait([runner.submit(extract_chunk, empty) for _ in range(EMPTY_TASKS)])
            empty_task_run = (time.perf_counter() - t) / EMPTY_TASKS
        return {
            "seconds": seconds,
            "read_seconds": read_seconds,
            "analysis_seconds": seconds - read_seconds,
            "flow_cpu": (own1.ru_utime + own1.ru_stime) - (own0.ru_utime + own0.ru_stime),
            "server_cpu": central1 - central0,
            "workers_cpu": workers1 - workers0,
            "calls": work.calls,
            "bytes_texts_back": len(pickle.dumps(extractions)),
            "bytes_steps_out": work.bytes_out,
            "bytes_answers_back": work.bytes_back,
            "empty_task_run": empty_task_run,
            "outcomes": outcomes,
        }

    with (
        distributed.LocalCluster(
            n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None, memory_limit="1GiB"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        dask_pids = list(client.run(os.getpid).values())
        result = stage(cluster.scheduler_address, dask_pids)
        t = time.perf_counter()
        empty = [
            client.submit(analyse_chunk, [], DEFAULT_TIMEOUT_SECONDS, DEFAULT_MEMORY_MB, pure=False)
            for _ in range(EMPTY_TASKS)
        ]
        client.gather(empty)
        result["empty_dask_future"] = (time.perf_counter() - t) / EMPTY_TASKS
        result["worker_peak_rss_mib"] = max(client.run(_worker_peak_mib).values())
    result["peak_rss_mib"] = _vm_hwm_mib()
    out.write_text(json.dumps(result, default=str))


def measure_cluster(corpus: Path, n_workers: int, scratch: Path, task_runs: bool = True) -> dict:
    from bench_pdf import _busy_jiffies

    out = scratch / f"cluster-{n_workers}.json"
    busy0, total0 = _busy_jiffies()
    subprocess.run(
        [sys.executable, __file__, "--one-cluster", str(n_workers), str(corpus), "--out", str(out)]
        + ([] if task_runs else ["--plain"]),
        check=True,
        stderr=subprocess.DEVNULL,
    )
    busy1, total1 = _busy_jiffies()
    result = json.loads(out.read_text())
    result["machine_busy_pct"] = 100 * (busy1 - busy0) / (total1 - total0) if total1 > total0 else 0.0
    return result


# -- the harvest beyond the PDF stage ---------------------------------------------------------------------------
def harvest_costs(councils: list[int], years: int) -> list[dict]:
    from bench_backfill import measure

    return [measure(n, years) for n in councils]


def politeness() -> tuple[float, int]:
    """The configured default per-host rate and councils read side by side."""
    from flows.config import CouncilConfig
    from flows.nightly import nightly_flow

    rate = CouncilConfig.model_fields["max_requests_per_second"].default
    at_once = inspect.signature(nightly_flow).parameters["councils_at_once"].default
    return rate, at_once


# -- the extrapolation ------------------------------------------------------------------------------------------
def three_machines(cluster: dict, pages: int, pdf_mb: float, non_pdf_per_page: float = 0.0) -> dict:
    """The 3 × 2-core cluster's pages/s from one LocalCluster run of one worker process, and what bounds it.

    Each of the 6 worker processes is taken to go as fast as the one measured, which had a core of its own (its
    wall time per page, every round trip to the scheduler and the Prefect API included); the central CPU (the
    flow's process with the client and scheduler; the Prefect server) is spent once, on one core each at most,
    and takes its share of the 6 cores; every byte goes over one assumed 1 Gbit/s network. `non_pdf_per_page`:
    the harvest's own work (fetching, parsing, loading), which the flow's process does beside the stage's."""
    worker_wall = cluster["seconds"] / pages
    worker_cpu = cluster["workers_cpu"] / pages
    central_flow = cluster["flow_cpu"] / pages
    central_server = cluster["server_cpu"] / pages
    shipped = (
        pdf_mb * 1e6 + cluster["bytes_texts_back"] + cluster["bytes_steps_out"] + cluster["bytes_answers_back"]
    ) / pages
    cores = MACHINES * CORES_PER_MACHINE
    bounds = {
        "workers": cores / worker_wall,
        "cores": cores / (worker_cpu + central_flow + central_server + non_pdf_per_page),
        "flow process": 1 / (central_flow + non_pdf_per_page) if central_flow + non_pdf_per_page else math.inf,
        "Prefect server": 1 / central_server if central_server else math.inf,
        "network": NETWORK_BYTES_PER_S / shipped,
    }
    bound = min(bounds, key=bounds.get)
    return {
        "rate": bounds[bound],
        "bound": bound,
        "bounds": bounds,
        "worker_wall_ms": 1000 * worker_wall,
        "worker_cpu_ms": 1000 * worker_cpu,
        "central_cpu_ms": 1000 * (central_flow + central_server),
        "bytes_per_page": shipped,
    }


def non_pdf_per_document(harvests: list[dict]) -> float:
    """The flow process's CPU seconds per document: the cost of one more document between the smallest and the
    largest back-fill (a run's fixed costs, starting Prefect and the flow, left out); with one size, its average."""
    first, last = harvests[0], harvests[-1]
    if last["docs"] > first["docs"]:
        return (last["cpu_self"] - first["cpu_self"]) / (last["docs"] - first["docs"])
    return last["cpu_self"] / last["docs"]


def hours(pages_per_s: float) -> float:
    return NATIONAL_PAGES / pages_per_s / 3600


def backfill_days(pages_per_s: float, non_pdf_s_per_doc: float) -> float:
    """The PDF stage for 20 M pages plus the non-PDF work for 1 M documents, one after the other."""
    return (NATIONAL_PAGES / pages_per_s + NATIONAL_DOCUMENTS * non_pdf_s_per_doc) / 86400


# -- the driver -------------------------------------------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, nargs="+", default=[40, 80], help="corpus sizes (memory: 2 or 3)")
    parser.add_argument("--mix", default="council", help="generated mix: council (default) or reviews")
    parser.add_argument("--cluster-workers", type=int, nargs="+", default=[1, 2, 3, 6])
    parser.add_argument("--councils", type=int, nargs="+", default=[2, 4], help="end-to-end back-fill sizes")
    parser.add_argument("--years", type=int, default=1)
    parser.add_argument("--one-cluster", nargs=2, metavar=("WORKERS", "CORPUS"), help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--plain", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one_cluster:
        run_cluster(Path(args.one_cluster[1]), int(args.one_cluster[0]), args.out, task_runs=not args.plain)
        return
    from bench_pdf import make_corpus
    from bench_pdf import measure as measure_stage

    print(f"{os.cpu_count()} CPUs, load average {_load()} at the start", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        sizes = []
        for n in args.documents:
            corpus = scratch / f"{args.mix}-{n}"
            info = make_corpus(corpus, n, None, args.mix)
            print(
                f"\ncorpus: {info['documents']} {args.mix}-mix PDFs, {info['pages']} pages "
                f"({info['pages'] / info['documents']:.1f} per document), {info['megabytes']} MB; "
                f"load average {_load()}",
                flush=True,
            )
            runs = {}
            for w in (1, 2):
                runs[f"{w} worker{'s' if w > 1 else ''}"] = r = measure_stage(f"stage-{w}w", corpus, scratch)
                _say(f"local pool, {w} worker(s)", info, r)
            largest = n == max(args.documents)
            for n_workers in args.cluster_workers if largest else [min(3, max(args.cluster_workers))]:
                runs[f"LocalCluster {n_workers}"] = r = measure_cluster(corpus, n_workers, scratch)
                _say(f"LocalCluster, {n_workers} worker process(es)", info, r, cluster=True)
            if largest:  # the documents' chunks as plain Dask futures (DaskExtractor(task_runs=False)) beside them
                runs[PLAIN] = r = measure_cluster(corpus, 1, scratch, task_runs=False)
                _say("LocalCluster, 1 process, plain futures", info, r, cluster=True)
            sizes.append((info, runs))
        harvests = harvest_costs(args.councils, args.years)
    report(sizes, harvests, args)


def _load() -> str:
    return ", ".join(f"{x:.1f}" for x in os.getloadavg())


def _say(name: str, info: dict, r: dict, cluster: bool = False) -> None:
    extra = (
        f"; central CPU {r['flow_cpu'] + r['server_cpu']:.1f} s, workers' CPU {r['workers_cpu']:.1f} s, "
        f"{r['calls']} analysis steps; empty Prefect task run {1000 * r['empty_task_run']:.0f} ms, "
        f"plain Dask future {1000 * r['empty_dask_future']:.1f} ms"
        if cluster
        else ""
    )
    reading = r.get("read_seconds", r.get("fast_seconds", 0.0))
    print(
        f"  {name:38s} {info['pages'] / r['seconds']:7.1f} pages/s (reading {reading:.1f} s, "
        f"analysis {r['analysis_seconds']:.1f} s); load average {_load()}{extra}",
        flush=True,
    )


def report(sizes: list, harvests: list[dict], args) -> None:
    info, runs = max(sizes, key=lambda s: s[0]["documents"])  # every setting ran on the largest corpus
    pages, docs = info["pages"], info["documents"]
    h = harvests[-1]
    non_pdf = non_pdf_per_document(harvests)
    rate, at_once = politeness()
    requests_per_doc = h["requests"] / h["docs"]

    print(f"\n## The harvest beyond the PDF stage (end-to-end back-fill of replica councils, {args.years} year(s))\n")
    print("| councils | documents | pages | requests | wall s | flow process CPU s | PDF workers' CPU s | peak MiB |")
    print("|---|---|---|---|---|---|---|---|")
    for r in harvests:
        print(
            f"| {r['councils']} | {r['docs']:,} | {r['pages']:,} | {r['requests']:,} | {r['wall']:.1f} "
            f"| {r['cpu_self']:.1f} | {r['cpu_workers']:.1f} | {r['peak_mib']:.0f} |"
        )
    print(
        f"\nNon-PDF cost: {1000 * non_pdf:.0f} ms of the flow process's CPU per document (one more document, "
        "between the smallest and largest back-fill: fetching, parsing, loading into DuckDB, Prefect; the replica "
        "serving it runs in the same process, so this overstates it); "
        f"{requests_per_doc:.2f} requests per document."
    )

    print(
        f"\n## National back-fill: {NATIONAL_DOCUMENTS:,} documents, {NATIONAL_PAGES:,} pages "
        f"(corpus: {pages / docs:.1f} pages per document; scaled by pages)\n"
    )
    print(
        "| setting | PDF-stage pages/s | hours for 20 M pages | days with the non-PDF work "
        "| peak MiB (process; largest worker) |"
    )
    print("|---|---|---|---|---|")
    for name, r in runs.items():
        label = (
            f"this machine, {name}" if "worker" in name else name.replace("LocalCluster", "LocalCluster, processes:")
        )
        pps = pages / r["seconds"]
        print(
            f"| {label} | {pps:.1f} | {hours(pps):,.0f} | {backfill_days(pps, non_pdf):.1f} "
            f"| {r['peak_rss_mib']:.0f}; {r['worker_peak_rss_mib']:.0f} |"
        )
    one = runs.get("LocalCluster 1") or next(r for n, r in runs.items() if n.startswith("LocalCluster"))
    extrapolated = {"Prefect task runs for the documents": one}
    if PLAIN in runs:
        extrapolated["documents as plain futures"] = runs[PLAIN]
    found = {}
    for how, r in extrapolated.items():
        x = three_machines(r, pages, info["megabytes"])
        # The whole back-fill on the cluster: the flow's process does the harvest's own work while the cluster reads.
        whole = three_machines(r, pages, info["megabytes"], non_pdf * NATIONAL_DOCUMENTS / NATIONAL_PAGES)
        found[how] = (x, whole, r)
        print(
            f"| extrapolated: {MACHINES} machines × {CORES_PER_MACHINE} cores, {how} | {x['rate']:.1f} "
            f"| {hours(x['rate']):,.0f} | {NATIONAL_PAGES / whole['rate'] / 86400:.1f} (lowest: {whole['bound']}) "
            f"| {r['peak_rss_mib']:.0f}; {r['worker_peak_rss_mib']:.0f} (as measured) |"
        )
    for how, (x, _, r) in found.items():
        print(
            f"\nExtrapolation ({how}, from the LocalCluster of 1 worker process): its wall time "
            f"{x['worker_wall_ms']:.1f} ms per page (CPU {x['worker_cpu_ms']:.1f} ms), central CPU (flow + scheduler "
            f"+ Prefect server) {x['central_cpu_ms']:.1f} ms per page, {x['bytes_per_page'] / 1e3:.1f} kB shipped per "
            "page; bounds (pages/s): "
            + ", ".join(f"{k} {v:,.0f}" for k, v in x["bounds"].items())
            + f"; lowest: {x['bound']}. Empty Prefect task run {1000 * r['empty_task_run']:.0f} ms, "
            f"plain Dask future {1000 * r['empty_dask_future']:.1f} ms (each amortised over {EMPTY_TASKS} at once)."
        )
    x, whole, _ = found["Prefect task runs for the documents"]
    fetch_days = requests_per_doc * NATIONAL_DOCUMENTS / (rate * at_once) / 86400
    fetch_all = requests_per_doc * NATIONAL_DOCUMENTS / (rate * AUTHORITIES) / 86400
    print(
        f"\nPoliteness: at the default {rate:g} request/s per host and {at_once} councils at once, fetching "
        f"{NATIONAL_DOCUMENTS:,} documents ({requests_per_doc:.2f} requests each) takes {fetch_days:.0f} days "
        f"whatever the CPU; with `--councils-at-once {AUTHORITIES}` (every authority's host side by side) "
        f"{fetch_all:.1f} days, if the documents are spread evenly over the authorities."
    )
    cpu_days = backfill_days(pages / runs["2 workers"]["seconds"], non_pdf)
    print(
        f"\nThe back-fill's wall time is the longer of fetching and the CPU work when they overlap, their sum at "
        f"worst: this machine (2 workers) {cpu_days:.1f} days of CPU work against {fetch_days:.1f} days of fetching "
        f"at the defaults ({fetch_all:.1f} with every host side by side); the 3-machine cluster "
        f"{NATIONAL_PAGES / whole['rate'] / 86400:.1f} days of CPU work"
        + "".join(
            f" ({NATIONAL_PAGES / w['rate'] / 86400:.1f} with {how})" for how, (_, w, _) in list(found.items())[1:]
        )
        + "."
    )
    print("\n## Peak memory by size\n")
    print("| setting | " + " | ".join(f"{i['documents']} documents ({i['pages']} pages)" for i, _ in sizes) + " |")
    print("|---|" + "---|" * len(sizes))
    for name in runs:
        cells = [
            f"{r[name]['peak_rss_mib']:.0f}; {r[name]['worker_peak_rss_mib']:.0f}" if name in r else "—"
            for _, r in sizes
        ]
        print(f"| {name} | " + " | ".join(cells) + " |")
    print(
        "| end-to-end back-fill (flow process) | "
        + ", ".join(f"{r['councils']} councils: {r['peak_mib']:.0f}" for r in harvests)
        + " |"
        + " |" * (len(sizes) - 1)
    )
    print(f"\nload average at the end: {_load()}")


if __name__ == "__main__":
    main()
