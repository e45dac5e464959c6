"""The Prefect flow `nightly_harvest`: every configured council, failures isolated per council and document.

Network work runs in a thread pool, one task per council; PDF text in a process pool;
the warehouse is written from the flow alone (DuckDB has one writer), one council per
transaction, so a run killed half way keeps every council it finished.
"""
from __future__ import annotations

import os

os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")

import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner

from flows.config import CouncilConfig, load_councils
from flows.harvest import (CouncilHarvest, analyse_council, documents_to_extract, fetch_errors, harvest_council,
                           layout_pass_for)
from flows.notify import send_alerts, send_source_warnings, write_atom_feed
from scrapers.http import ClientSettings, HostRateLimiter, MemoryValidatorStore, PoliteClient, host_key
from transforms.pdf_text import TextExtractor
from transforms.rawstore import RawStore
from warehouse import load as wl
from warehouse.db import open_warehouse, rebuild_search_index

SETTLE_WINDOW = timedelta(weeks=12)   # minutes arrive weeks after the agenda: keep re-reading recent meetings
LOOK_AHEAD = timedelta(weeks=8)


@task(name="harvest-council", task_run_name="harvest-{council.slug}", cache_policy=NO_CACHE)
def harvest_council_task(council: CouncilConfig, client: PoliteClient, since: date, until: date,
                         known_documents: dict[str, str], known_press: set[str]) -> CouncilHarvest:
    return harvest_council(council, client, since, until, known_documents, known_press)


def build_client(councils: list[CouncilConfig], raw: RawStore, validators: MemoryValidatorStore,
                 settings: ClientSettings | None = None) -> PoliteClient:
    limiter = HostRateLimiter()
    hosts = set()
    for c in councils:
        for url in c.hosts():
            limiter.set_rate(host_key(url), c.max_requests_per_second)
            hosts.add(host_key(url))
    return PoliteClient(raw, validators, settings=settings, rate_limiter=limiter, allowed_hosts=hosts)


@flow(name="nightly_harvest", task_runner=ThreadPoolTaskRunner(max_workers=4), log_prints=True)
def nightly_harvest(councils_file: str, db: str, data_dir: str, since: date | None = None,
                    until: date | None = None, notify_urls: list[str] | None = None, workers: int = 2,
                    user_agent: str | None = None, dask_address: str | None = None) -> dict:
    logger = get_run_logger()
    started = datetime.now(timezone.utc)
    run_id = uuid.uuid4().hex[:12]
    today = date.today()
    since = since or today - SETTLE_WINDOW
    until = until or today + LOOK_AHEAD
    councils = load_councils(councils_file)
    con = open_warehouse(db)
    try:
        return _run(con, councils, Path(data_dir), since, until, notify_urls or [], workers, user_agent,
                    run_id, started, logger, dask_address)
    finally:
        con.close()


def nightly_flow(councils_at_once: int = 4):
    """The flow reading this many councils at a time. Each host keeps its own rate limit, so councils on
    different hosts can be read side by side; politeness, not CPU, sets the length of a night."""
    return nightly_harvest.with_options(task_runner=ThreadPoolTaskRunner(max_workers=councils_at_once))


def _run(con, councils, data_dir: Path, since, until, notify_urls, workers, user_agent, run_id, started, logger,
         dask_address: str | None = None) -> dict:
    wl.upsert_councils(con, [c.model_dump() for c in councils])
    raw = RawStore(data_dir / "raw")
    validators = MemoryValidatorStore(wl.http_validators(con))
    settings = ClientSettings.from_env()
    if user_agent:
        settings.user_agent = user_agent
    client = build_client(councils, raw, validators, settings)
    known_documents = wl.known_documents(con)
    known_press = wl.known_press_urls(con)
    futures = [harvest_council_task.submit(c, client, since, until, known_documents, known_press) for c in councils]
    new_alerts, new_publications, downloaded, errors = [], 0, 0, 0
    with TextExtractor(workers=workers, dask_address=dask_address) as extractor:
        for future in as_completed(futures):
            harvest: CouncilHarvest = future.result()
            slug = harvest.council.slug
            new_paths = documents_to_extract(harvest, raw)
            extractions = extractor.extract_many(new_paths)
            item_docs = [d.url for m in (harvest.site.meetings if harvest.site else []) for i in m.items for d in i.documents]
            layout_pass = layout_pass_for(extractor, new_paths, raw, wl.document_shas(con, item_docs))
            batch = analyse_council(harvest, extractions, wl.stored_texts(con, item_docs), wl.item_content_shas(con, slug),
                                    layout_pass)
            batch.fetch_log = client.drain_log(slug)
            fetched_urls = {e.url for e in batch.fetch_log}
            batch.validators = {u: v for u, v in dict(validators.updated).items() if u in fetched_urls}
            result = wl.load_council_batch(con, batch, run_id)
            council_errors = fetch_errors(harvest)
            errors += len(council_errors) + (1 if harvest.crashed else 0)
            downloaded += sum(1 for d in harvest.documents if d.result.ok and not d.result.from_cache)
            new_alerts += result.new_alerts
            new_publications += result.new_publications
            logger.info("%s: %s route, %d meetings, %d new publications, %d new alerts, %d errors%s", slug,
                        batch.route or "-", len(batch.meetings), result.new_publications, len(result.new_alerts),
                        len(council_errors), f" (crashed: {harvest.crashed})" if harvest.crashed else "")
    rebuild_search_index(con)
    warnings = wl.source_warnings(con)
    for w in warnings:
        logger.warning("source needs attention: %s %s: %s", w["council"], w["source"], w["warning"])
    _notify(con, notify_urls, data_dir, logger)
    _notify_source_warnings(con, notify_urls, logger)
    wl.record_run(con, run_id, started, datetime.now(timezone.utc), "completed", len(councils), new_publications,
                  len(new_alerts), downloaded, errors)
    _artifacts(new_alerts, warnings, run_id, len(councils), downloaded, errors)
    return {"run_id": run_id, "councils": len(councils), "new_publications": new_publications,
            "new_alerts": new_alerts, "documents_downloaded": downloaded, "errors": errors, "warnings": warnings}


def _notify(con, notify_urls: list[str], data_dir: Path, logger) -> None:
    pending = wl.pending_notifications(con)
    write_atom_feed(wl.recent_alerts(con), data_dir / "alerts.atom")
    if not pending:
        return
    if not notify_urls:
        wl.mark_notified(con, [a["url"] for a in pending])  # the feed and the artifact carry them
        return
    if send_alerts(pending, notify_urls):
        wl.mark_notified(con, [a["url"] for a in pending])
    else:
        logger.warning("could not deliver %d alert(s); they will be sent with the next run", len(pending))


def _notify_source_warnings(con, notify_urls: list[str], logger) -> None:
    unsent = wl.unsent_source_warnings(con)
    if not unsent:
        return
    if send_source_warnings(unsent, notify_urls):
        wl.mark_warnings_sent(con, unsent)
    else:
        logger.warning("could not deliver %d source warning(s); they will be sent with the next run", len(unsent))


def _artifacts(new_alerts: list[dict], warnings: list[dict], run_id: str, councils: int, downloaded: int,
               errors: int) -> None:
    rows = [{"council": a["council"], "title": a["title"], "review_type": a["review_type"], "url": a["url"],
             "reason": a["reason"]} for a in new_alerts]
    if rows:
        create_table_artifact(key="peerwatch-new-alerts", table=rows, description=f"New alerts, run {run_id}")
    create_markdown_artifact(
        key="peerwatch-run-summary",
        markdown=f"# PeerWatch run {run_id}\n\n- councils: {councils}\n- new alerts: {len(new_alerts)}\n"
                 f"- documents downloaded: {downloaded}\n- fetch errors recorded: {errors}\n"
                 + "".join(f"- needs attention: {w['council']} {w['source']}: {w['warning']}\n" for w in warnings))
