"""The Prefect flow `nightly_harvest`: every configured council, failures isolated per council and document.

Network work runs in a thread pool, one task per council; PDF text in a process pool;
the warehouse is written from the flow alone (DuckDB has one writer), one council per
transaction, so a run killed half way keeps every council it finished. The flow holds the file
only while it writes (readers can query between councils) and a run lock for the whole run.
"""

from __future__ import annotations

import os

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")

import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.states import Completed
from prefect.task_runners import ThreadPoolTaskRunner

from flows import stopping
from flows.channels import Channel, load_channels
from flows.config import ConfigError, CouncilConfig, load_councils
from flows.digest import RunFacts, cut_on_word
from flows.harvest import (
    CouncilHarvest,
    analyse_council,
    documents_to_extract,
    fetch_errors,
    harvest_council,
    revisits_for,
)
from flows.notify import alert_rows, deliver_alerts, send_source_warnings, write_atom_feed
from flows.orphans import tie_temporary_server_to_this_process
from flows.progress import HarvestProgress
from scrapers.http import ClientSettings, HostRateLimiter, MemoryValidatorStore, PoliteClient, host_key
from scrapers.moderngov.revisits import RevisitPlan
from transforms.pdf_pool import TextExtractor
from transforms.rawstore import RawStore
from warehouse import alerts as wa
from warehouse import load as wl
from warehouse.db import WarehouseWriter, harvest_lock, open_warehouse
from warehouse.health import failing_sources, failing_words, plain_warning
from warehouse.search import update_search_index

tie_temporary_server_to_this_process()  # a harvest killed with SIGKILL leaves no Prefect server behind

SETTLE_WINDOW = timedelta(weeks=12)  # minutes arrive weeks after the agenda: keep re-reading recent meetings
LOOK_AHEAD = timedelta(weeks=8)


@task(name="harvest-council", task_run_name="harvest-{council.slug}", cache_policy=NO_CACHE)
def harvest_council_task(
    council: CouncilConfig,
    client: PoliteClient,
    since: date,
    until: date,
    known_documents: dict[str, str],
    known_press: set[str],
    revisits: RevisitPlan | None = None,
) -> CouncilHarvest:
    return harvest_council(council, client, since, until, known_documents, known_press, revisits)


def build_client(
    councils: list[CouncilConfig],
    raw: RawStore,
    validators: MemoryValidatorStore,
    settings: ClientSettings | None = None,
) -> PoliteClient:
    limiter = HostRateLimiter()
    hosts = set()
    for c in councils:
        for url in c.hosts():
            limiter.set_rate(host_key(url), c.max_requests_per_second)
            hosts.add(url)  # scheme, host and port: only these are requested
    return PoliteClient(raw, validators, settings=settings, rate_limiter=limiter, allowed_hosts=hosts)


def run_name() -> str:
    """ "nightly 2026-11-29": a run's name says which night it harvested."""
    return f"nightly {date.today().isoformat()}"


# Notification channels are read from the environment at run time (flows/channels.py), never passed as
# parameters: Prefect shows a run's and a deployment's parameters to anyone with the UI or the API.
@flow(name="nightly_harvest", flow_run_name=run_name, task_runner=ThreadPoolTaskRunner(max_workers=4), log_prints=True)
def nightly_harvest(
    councils_file: str,
    db: str,
    data_dir: str,
    since: date | None = None,
    until: date | None = None,
    workers: int = 2,
    user_agent: str | None = None,
    today: date | None = None,
    dask_address: str | None = None,
) -> dict:
    """`today` is the night being run (default: the real date); tests pass it to simulate a run of nights.
    `dask_address`: read PDF text on that Dask cluster instead of local worker processes."""
    # Read here, not only in _nightly: a served run gets this function pickled by value, with only the globals its
    # body names, and Prefect needs `date` among them to read the parameters' annotations.
    today = today or date.today()
    with stopping.on_signals():  # Prefect puts its own SIGTERM handler in place for the run: ours goes on top
        return _nightly(councils_file, db, data_dir, since, until, workers, user_agent, today, dask_address)


def _nightly(councils_file, db, data_dir, since, until, workers, user_agent, today, dask_address):
    logger = get_run_logger()
    started = datetime.now(UTC)
    channels = load_channels()  # a mistyped channel stops the run here, before any harvesting
    run_id = uuid.uuid4().hex[:12]
    today = today or date.today()
    since = since or today - SETTLE_WINDOW
    until = until or today + LOOK_AHEAD
    councils = load_councils(councils_file)
    with harvest_lock(db):  # scheduled runs take it here; `peerwatch harvest` already holds it
        open_warehouse(db).close()  # migrate once; then the file is opened only to read or write
        con = WarehouseWriter(db)
        try:
            summary = _run(
                con,
                councils,
                Path(data_dir),
                since,
                until,
                channels,
                workers,
                user_agent,
                run_id,
                started,
                logger,
                today,
                dask_address,
            )
        finally:
            con.release()
        if not summary.get("stopped"):  # a stopped run ends now; the next run writes the report
            summary["report"] = write_report(db, Path(data_dir), logger)
    return Completed(message=state_message(summary), data=summary)


def write_report(db: str, data_dir: Path, logger) -> str | None:
    """The researcher's report beside the data (<data-dir>/report), only its changed pages rewritten. A report
    that cannot be written is logged: it never fails the night whose data is already safe."""
    from flows.report import build_report

    try:
        result = build_report(db, data_dir / "report")
    except Exception as exc:
        logger.warning("report not written: %s: %s", exc.__class__.__name__, exc)
        return None
    logger.info(
        "report: %d of %d pages rewritten, %d removed: %s", result.written, result.pages, result.removed, result.index
    )
    return str(result.index)


def state_message(summary: dict) -> str:
    """What the run did, on the run's page: counts, not a bare "Completed"."""
    alerts = summary["new_alerts"]
    if summary.get("stopped"):
        return (
            f"stopped on request: {summary['councils_loaded']} of {summary['councils']} councils loaded, "
            f"{len(alerts)} new alert(s) kept for the next run to send"
        )
    return (
        f"{summary['councils']} councils, {summary['new_publications']} new publications, {len(alerts)} new "
        f"alert{'s' if len(alerts) != 1 else ''}, {summary['documents_downloaded']} documents downloaded, "
        f"{summary['errors']} fetch errors, {len(summary.get('warnings', []))} sources need attention, "
        f"{len(summary.get('failing', []))} could not be read this run"
    )


def nightly_flow(councils_at_once: int = 4):
    """The flow reading this many councils at a time. Each host keeps its own rate limit, so councils on
    different hosts can be read side by side; politeness, not CPU, sets the length of a night."""
    return nightly_harvest.with_options(task_runner=ThreadPoolTaskRunner(max_workers=councils_at_once))


def _run(
    con,
    councils,
    data_dir: Path,
    since,
    until,
    channels,
    workers,
    user_agent,
    run_id,
    started,
    logger,
    today: date,
    dask_address: str | None = None,
) -> dict:
    wl.upsert_councils(con, [c.model_dump() for c in councils])
    raw = RawStore(data_dir / "raw")
    validators = MemoryValidatorStore(wl.http_validators(con))
    settings = ClientSettings.from_env()
    if user_agent:
        settings.user_agent = user_agent
    client = build_client(councils, raw, validators, settings)
    known_documents = wl.known_documents(con)
    known_press = wl.known_press_urls(con)
    schedules = wl.revisit_schedules(con, since, until)
    retries = wl.retry_meetings(con, since, until)
    con.release()  # readers may query while the councils are read
    loaded = 0
    with stopping.on_signals(), stopping.when_stopping(client.stop):
        futures = [
            harvest_council_task.submit(
                c,
                client,
                since,
                until,
                known_documents,
                known_press,
                revisits_for(schedules, c.slug, today, SETTLE_WINDOW, retries.get(c.slug, [])),
            )
            for c in councils
        ]
        new_alerts, new_publications, downloaded, errors = [], 0, 0, 0
        with _extractor(workers, dask_address) as extractor, HarvestProgress(len(councils), client, logger) as progress:
            for future in as_completed(futures):
                if stopping.requested():
                    break  # a council read after the stop was asked may be cut short: the next run reads it whole
                harvest: CouncilHarvest = future.result()
                fetch_log = client.drain_log(harvest.council.slug)
                try:
                    result, council_errors = _analyse_and_load(
                        con, harvest, fetch_log, extractor, validators, raw, run_id, (since, until), logger
                    )
                except Exception as exc:  # nothing one site sends may stop the night: record it, load the rest
                    result, council_errors = _record_council_failure(con, harvest, fetch_log, run_id, exc, logger)
                finally:
                    con.release()  # readers may query between councils
                loaded += 1
                stopping.council_loaded()
                errors += council_errors
                downloaded += sum(1 for d in harvest.documents if d.result.ok and not d.result.from_cache)
                new_alerts += result.new_alerts
                new_publications += result.new_publications
                progress.council_done(len(fetch_log), len(documents_to_extract(harvest, raw)), len(result.new_alerts))
    if stopping.requested():
        return _stopped(
            con, run_id, started, loaded, len(councils), new_publications, new_alerts, downloaded, errors, logger
        )
    indexed = update_search_index(con)  # only the night's new and changed publications
    logger.info(
        "search index: %d publications added or replaced, %d removed%s",
        indexed.indexed,
        indexed.removed,
        " (rebuilt)" if indexed.rebuilt else "",
    )
    warnings = wl.source_warnings(con)
    failing = failing_sources(con)
    for w in warnings:
        logger.warning("source needs attention: %s: %s", w["council"], plain_warning(w))
    _notify(con, channels, data_dir, logger, run_facts(started, len(councils), failing))
    _notify_source_warnings(con, channels, logger)
    wl.record_run(
        con,
        run_id,
        started,
        datetime.now(UTC),
        "completed",
        len(councils),
        new_publications,
        len(new_alerts),
        downloaded,
        errors,
    )
    _artifacts(
        wa.alerts_by_keys(con, [a["key"] for a in new_alerts]), warnings, run_id, len(councils), downloaded, errors
    )
    return {
        "run_id": run_id,
        "councils": len(councils),
        "new_publications": new_publications,
        "new_alerts": new_alerts,
        "documents_downloaded": downloaded,
        "errors": errors,
        "warnings": warnings,
        "failing": [failing_words(f) for f in failing],
    }


def _stopped(con, run_id, started, loaded, total, new_publications, new_alerts, downloaded, errors, logger) -> dict:
    """The run was asked to stop: what was loaded stays; the index, the feed and the channels are brought up to
    date by the next run (its alerts wait there, unsent, so none is sent twice)."""
    logger.warning("stopped on request after loading %d of %d councils", loaded, total)
    wl.record_run(
        con,
        run_id,
        started,
        datetime.now(UTC),
        "stopped",
        loaded,
        new_publications,
        len(new_alerts),
        downloaded,
        errors,
    )
    return {
        "run_id": run_id,
        "councils": total,
        "councils_loaded": loaded,
        "stopped": True,
        "new_publications": new_publications,
        "new_alerts": new_alerts,
        "documents_downloaded": downloaded,
        "errors": errors,
        "warnings": [],
    }


def _analyse_and_load(con, harvest: CouncilHarvest, fetch_log, extractor, validators, raw, run_id, window, logger):
    slug = harvest.council.slug
    new_paths = documents_to_extract(harvest, raw)
    extractions = extractor.extract_many(new_paths)
    item_docs = [d.url for m in (harvest.site.meetings if harvest.site else []) for i in m.items for d in i.documents]
    # Every document read once (text and rows); classification and review extraction, one step per publication,
    # run on the PDF workers too.
    work = extractor.work()
    batch = analyse_council(
        harvest, extractions, wl.stored_texts(con, item_docs), wl.item_content_shas(con, slug), work
    )
    batch.fetch_log = fetch_log
    fetched_urls = {e.url for e in batch.fetch_log}
    batch.validators = {u: v for u, v in dict(validators.updated).items() if u in fetched_urls}
    batch.window = window
    result = wl.load_council_batch(con, batch, run_id)
    council_errors = fetch_errors(harvest)
    logger.info(
        "%s: %s route, %d meetings, %d new publications, %d new alerts, %d errors%s",
        slug,
        batch.route or "-",
        len(batch.meetings),
        result.new_publications,
        len(result.new_alerts),
        len(council_errors),
        f" (crashed: {harvest.crashed})" if harvest.crashed else "",
    )
    return result, len(council_errors) + (1 if harvest.crashed else 0)


def _record_council_failure(con, harvest: CouncilHarvest, fetch_log, run_id, exc: Exception, logger):
    """The council's analysis or load failed: keep its fetch log and mark its sources failed with the reason.
    Nothing of it is loaded (validators are not saved), so the next run fetches it again."""
    council = harvest.council
    reason = f"analyse/load failed: {exc.__class__.__name__}: {exc}"[:500]
    logger.error("%s: %s", council.slug, reason)
    sources = [
        s
        for s, url in (("moderngov", council.moderngov_url), ("news", council.news_url or council.news_feed_url))
        if url
    ]
    record = wl.CouncilBatch(council=council.slug, fetch_log=fetch_log, source_errors={s: reason for s in sources})
    try:
        wl.load_council_batch(con, record, run_id)
    except Exception as again:
        logger.error("%s: the failure could not be recorded either: %s", council.slug, again)
    return wl.LoadResult(), 1 + len(fetch_errors(harvest))


def run_facts(started: datetime, councils: int, failing: list[dict]) -> RunFacts:
    """The digest's footer: when the run started, how many councils it read, which sources failed (in words)."""
    return RunFacts(ran_at=started, councils=councils, failed=[cut_on_word(failing_words(f), 200) for f in failing])


def _notify(con, channels: list[Channel], data_dir: Path, logger, facts: RunFacts | None = None) -> None:
    write_atom_feed(wa.recent_alerts(con), data_dir / "alerts.atom")
    if not channels:
        pending = wa.count_unnotified(con)
        if pending:  # kept pending: the first channel configured receives them
            logger.info(
                "%d alert(s) not sent: no notification channel configured (PEERWATCH_NOTIFY or "
                "PEERWATCH_CHANNELS); they are in the feed and the run's artifact",
                pending,
            )
        return
    for d in deliver_alerts(con, channels, facts):
        if d.waiting:
            logger.info("%d alert(s) kept for the next daily or weekly digest of %s", d.waiting, d.channel)
        if d.failed:
            logger.warning(
                "could not deliver %d alert(s) to %s; they will be sent to it with the next run", d.failed, d.channel
            )
        elif d.sent:
            logger.info("sent %d alert(s) to %s", d.sent, d.channel)


def _notify_source_warnings(con, channels: list[Channel], logger) -> None:
    unsent = wl.unsent_source_warnings(con)
    if not unsent or not channels:
        return
    if send_source_warnings(unsent, channels):
        wl.mark_warnings_sent(con, unsent)
    else:
        logger.warning("could not deliver %d source warning(s); they will be sent with the next run", len(unsent))


def _artifacts(
    new_alerts: list[dict], warnings: list[dict], run_id: str, councils: int, downloaded: int, errors: int
) -> None:
    # Every run writes the alerts artifact, so a run's page never shows an earlier run's alerts as its own.
    if new_alerts:
        create_table_artifact(
            key="peerwatch-new-alerts",
            table=alert_rows(new_alerts),
            description=f"{len(new_alerts)} new alert(s), run {run_id}",
        )
    else:
        create_markdown_artifact(
            key="peerwatch-new-alerts",
            markdown=f"# No new alerts\n\nRun {run_id} found no new publication about a review.",
            description=f"No new alerts, run {run_id}",
        )
    create_markdown_artifact(
        key="peerwatch-run-summary",
        markdown=f"# PeerWatch run {run_id}\n\n- councils: {councils}\n- new alerts: {len(new_alerts)}\n"
        f"- documents downloaded: {downloaded}\n- fetch errors recorded: {errors}\n"
        + "".join(f"- needs attention: {w['council']} {w['source']}: {w['warning']}\n" for w in warnings),
    )


def _extractor(workers: int, dask_address: str | None) -> TextExtractor:
    """The PDF stage: local worker processes, or a Dask cluster when an address is given. On a cluster, documents
    go as plain Dask futures unless `PEERWATCH_DASK_TASK_RUNS=1`: then as Prefect task runs, seen in the UI, but
    a task run per 8 documents costs the Prefect server about as much as reading them, and three machines then
    read no faster than one (docs/performance-pdf.md)."""
    if dask_address:
        from flows.pdf_dask import DaskExtractor

        return DaskExtractor(dask_address, task_runs=dask_task_runs())
    return TextExtractor(workers=workers)


def dask_task_runs() -> bool:
    """`PEERWATCH_DASK_TASK_RUNS`: 0 (the default) or 1; anything else is a configuration error, said at once."""
    value = os.environ.get("PEERWATCH_DASK_TASK_RUNS", "0").strip()
    if value not in ("0", "1"):
        raise ConfigError(f"PEERWATCH_DASK_TASK_RUNS must be 0 or 1, not {value!r}")
    return value == "1"
