"""A publication's identity survives its council moving host, scheme or port, and the migration re-keys
old warehouses without losing alert history."""

from datetime import date

import duckdb

from flows.nightly import nightly_harvest
from tests.support.channels import Mailbox
from warehouse import db as wdb
from warehouse import identity
from warehouse import load as wl
from warehouse.schema import MIGRATIONS


def _run_state_and_artifacts():
    """The latest run's name, the counts in its state message, and its alerts artifact, read from Prefect."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId, ArtifactFilterKey
    from prefect.client.schemas.sorting import FlowRunSort

    with get_client(sync_client=True) as client:
        (run,) = client.read_flow_runs(sort=FlowRunSort.START_TIME_DESC, limit=1)
        (artifact,) = client.read_artifacts(
            artifact_filter=ArtifactFilter(
                key=ArtifactFilterKey(any_=["peerwatch-new-alerts"]), flow_run_id=ArtifactFilterFlowRunId(any_=[run.id])
            )
        )
    counts = next(part.strip() for part in run.state.message.split(",") if "new alert" in part)
    return run.name, counts, artifact.data.splitlines()[0]


def test_keys_leave_out_scheme_host_and_port():
    a = "http://127.0.0.1:5001/mgAi.aspx?ID=74888"
    b = "https://democracy.example.gov.uk/moderngov/mgAi.aspx?ID=74888"
    assert identity.agenda_item_key("h", a) == identity.agenda_item_key("h", b) == "h/moderngov/item/74888"
    assert identity.press_key("w", "http://www.example.gov.uk/news/a-b?page=2") == "w/news/news/a-b?page=2"
    # a sub-path install moved to its own host keeps its documents' keys
    old = identity.document_key("h", "http://x.gov.uk/moderngov/documents/s5/Report.pdf", "http://x.gov.uk/moderngov/")
    new = identity.document_key("h", "https://democracy.x.gov.uk/documents/s5/REPORT.pdf", "https://democracy.x.gov.uk")
    assert old == new == "h/moderngov/doc/documents/s5/report.pdf"
    assert identity.document_key("h", "http://x/documents/s5/a.pdf", None) != identity.document_key(
        "other", "http://x/documents/s5/a.pdf", None
    )


def test_readdress_moves_references_within_one_transaction(tmp_path):
    """DuckDB updates a primary-key column as delete + insert: moving rows inserted and updated earlier in
    the same transaction, twice, and a row whose new address is already taken, must all work."""
    con = wdb.open_warehouse(tmp_path / "w.duckdb")
    con.execute("BEGIN")
    con.execute("INSERT INTO classifications (url, council) VALUES ('http://a/1', 'c'), ('http://b/1', 'c')")
    con.execute("INSERT INTO review_sources (review_id, url) VALUES ('r', 'http://a/1'), ('r', 'http://b/1')")
    con.execute("INSERT INTO alerts (url, council, key) VALUES ('http://a/1', 'c', 'k')")
    con.execute("UPDATE alerts SET title = 't' WHERE key = 'k'")
    identity.readdress(con, {"http://a/1": "http://b/1"}, identity.PUBLICATION_URL_COLUMNS)
    identity.readdress(con, {"http://b/1": "http://c/1"}, identity.PUBLICATION_URL_COLUMNS)
    con.execute("COMMIT")
    assert con.execute("SELECT url, title FROM alerts").fetchall() == [("http://c/1", "t")]
    assert con.execute("SELECT url FROM classifications").fetchall() == [("http://c/1",)]
    assert con.execute("SELECT review_id, url FROM review_sources").fetchall() == [("r", "http://c/1")]


def _harvest(replica, tmp_path):
    councils = tmp_path / "councils.toml"
    councils.write_text(replica.councils_toml(requests_per_second=100))
    return nightly_harvest(
        councils_file=str(councils),
        db=str(tmp_path / "w.duckdb"),
        data_dir=str(tmp_path / "data"),
        since=date(2014, 1, 1),
        until=date(2026, 12, 31),
        workers=2,
    )


def _review_blocks(tmp_path) -> int:
    from flows.digest import blocks_of
    from warehouse import alerts as wa

    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        return len(blocks_of(wa.recent_alerts(con)))


def _counts(tmp_path):
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        return {
            t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in (
                "agenda_items",
                "press_releases",
                "documents",
                "alerts",
                "classifications",
                "review_sources",
                "item_documents",
                "meeting_documents",
                "reviews",
                "review_judgements",
            )
        }


def test_councils_moving_to_new_ports_create_no_publication_or_alert_twice(fresh_replica, tmp_path, monkeypatch):
    mailbox = Mailbox()  # a real SMTP server: the digest arrives once, and not again after the move
    monkeypatch.setenv("PEERWATCH_NOTIFY", mailbox.url)
    try:
        first = _harvest(fresh_replica, tmp_path)
        before, downloads = _counts(tmp_path), len(fresh_replica.document_downloads())
        assert before["alerts"] >= 9 and first["new_publications"] > 0
        (message,) = mailbox.messages
        parts = mailbox.parts(message)
        for part in parts.values():  # one block per review, in the plain-text part and the HTML part
            assert part.count("Why flagged:") == _review_blocks(tmp_path) < before["alerts"]
            assert all(a["url"] in part for a in first["new_alerts"])  # each publication linked in its block

        fresh_replica.move_to_new_ports()
        second = _harvest(fresh_replica, tmp_path)
        assert len(mailbox.messages) == 1
    finally:
        mailbox.close()

    assert second["new_publications"] == 0 and second["new_alerts"] == []
    assert _run_state_and_artifacts() == ("nightly " + date.today().isoformat(), "0 new alerts", "# No new alerts")
    assert _counts(tmp_path) == before
    assert len(fresh_replica.document_downloads()) == downloads  # known documents are not fetched again
    new_root = fresh_replica.moderngov_url("haringey").split("/")[2]
    with duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True) as con:
        # people click the latest address: the item, its alert and its sources moved with the site
        (alert_url,) = con.execute("SELECT url FROM alerts WHERE key = 'haringey/moderngov/item/74888'").fetchone()
        stale = con.execute(
            "SELECT count(*) FROM item_documents x JOIN agenda_items i ON i.url = x.item_url "
            "LEFT JOIN documents d ON d.url = x.document_url "
            "WHERE i.council = 'haringey' AND d.url IS NULL AND x.document_url LIKE '%documents%'"
        ).fetchone()[0]
    assert new_root in alert_url
    assert stale == 0


def _pre_9_warehouse(path, monkeypatch):
    monkeypatch.setattr(wdb, "MIGRATIONS", [m for m in MIGRATIONS if m[0] < 9])
    con = wdb.open_warehouse(path)
    monkeypatch.setattr(wdb, "MIGRATIONS", MIGRATIONS)
    return con


def test_migration_rekeys_an_old_warehouse_and_keeps_alert_history(tmp_path, monkeypatch):
    path = tmp_path / "old.duckdb"
    con = _pre_9_warehouse(path, monkeypatch)
    old_base = "http://127.0.0.1:5001/moderngov"
    con.execute("INSERT INTO councils (slug, name, moderngov_url) VALUES ('h', 'Haringey', ?)", [old_base])
    item, doc = f"{old_base}/mgAi.aspx?ID=7", f"{old_base}/documents/s9/Ofsted%20Letter.pdf"
    article = "http://www.example.gov.uk/news/ofsted-outcome"
    moved_twice = "http://127.0.0.1:5002/moderngov/mgAi.aspx?ID=7"  # a warehouse that already met the bug
    con.execute(
        "INSERT INTO agenda_items (url, council, item_id, title, updated_at) VALUES "
        "(?, 'h', '7', 'ILACS', '2026-01-01'), (?, 'h', '7', 'ILACS', '2026-02-01')",
        [item, moved_twice],
    )
    con.execute("INSERT INTO press_releases (url, council, title) VALUES (?, 'h', 'Ofsted')", [article])
    con.execute("INSERT INTO documents (url, council, extract_status) VALUES (?, 'h', 'ok')", [doc])
    con.execute(
        "INSERT INTO alerts (url, council, title, created_at, notified_at) VALUES "
        "(?, 'h', 'ILACS', '2026-01-01', '2026-01-01'), (?, 'h', 'ILACS', '2026-02-01', NULL), "
        "(?, 'h', 'Ofsted', '2026-01-01', '2026-01-01')",
        [item, moved_twice, article],
    )
    con.close()

    con = wdb.open_warehouse(path)
    keys = dict(
        con.execute(
            "SELECT url, key FROM agenda_items UNION ALL SELECT url, key FROM press_releases "
            "UNION ALL SELECT url, key FROM documents"
        ).fetchall()
    )
    assert keys == {
        moved_twice: identity.agenda_item_key("h", item),
        article: identity.press_key("h", article),
        doc: identity.document_key("h", doc, old_base),
    }  # SQL and Python agree
    alerts = con.execute("SELECT key, url, notified_at IS NOT NULL, tier FROM alerts ORDER BY key").fetchall()
    assert alerts == [
        ("h/moderngov/item/7", item, True, "alert"),
        ("h/news/news/ofsted-outcome", article, True, "alert"),
    ]

    # The council now answers on https and another host: the same item and article alert nothing new.
    new_base = "https://democracy.example.gov.uk"
    wl.upsert_councils(con, [{"slug": "h", "name": "Haringey", "moderngov_url": new_base}])
    from scrapers.models import AgendaItem, Meeting, PressRelease
    from transforms.classify import Classification

    hit = Classification(True, ["ofsted_ilacs"], "childrens_services", "outcome", True, "title", ["rated good"])
    batch = wl.CouncilBatch(
        council="h",
        meetings=[
            Meeting(
                "1",
                None,
                "Cabinet",
                date(2026, 1, 1),
                items=[AgendaItem(f"{new_base}/mgAi.aspx?ID=7", "7", "1", "ILACS")],
            )
        ],
        press_releases=[PressRelease("https://example.gov.uk/news/ofsted-outcome", "Ofsted", None, "")],
        analyses=[
            wl.Analysis(f"{new_base}/mgAi.aspx?ID=7", "agenda_item", "ILACS", hit, []),
            wl.Analysis("https://example.gov.uk/news/ofsted-outcome", "press_release", "Ofsted", hit, []),
        ],
    )
    result = wl.load_council_batch(con, batch, "r2")
    assert result.new_publications == 0 and result.new_alerts == []
    assert con.execute("SELECT count(*) FROM alerts WHERE notified_at IS NULL").fetchone()[0] == 0
    assert f"{new_base}/documents/s9/Ofsted%20Letter.pdf" in wl.known_documents(con)
