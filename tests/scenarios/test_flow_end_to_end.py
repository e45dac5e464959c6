"""The real thing: a Prefect run of nightly_harvest over the loopback replica, into a DuckDB file."""

import subprocess
import sys
from datetime import date

import duckdb

from flows.cli import main
from flows.nightly import nightly_harvest

SEED_ALERTS = {  # (council, item id or article) of every seed publication
    ("haringey", "mgAi.aspx?ID=74888"),
    ("brighton-hove", "mgAi.aspx?ID=52105"),
    ("barnsley", "mgAi.aspx?ID=92470"),
    ("eastmoor", "mgAi.aspx?ID=61001"),
    ("worcestershire", "peer-review-findings-published"),
    ("worcestershire", "mgAi.aspx?ID=18401"),
}
# Publications found only if their template family is read right: documents under "Supporting documents:" in a
# half-closed toolbar (Ashcombe), and an undated page with webcasts and restricted reports (Greyhaven).
TEMPLATE_ALERTS = {("ashcombe", "mgAi.aspx?ID=33102"), ("greyhaven", "mgAi.aspx?ID=44503")}
TOOLBAR_WORDS = [
    "This matters",
    "Share this item",
    "View the background",
    "View the decision",
    "View the reasons",
    "Webcast for",
    "PDF 120 KB",
]


def run(replica, tmp_path):
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


def alerts(tmp_path):
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    try:
        return con.execute("SELECT council, url FROM alerts").fetchall()
    finally:
        con.close()


def has_alert(rows, council, fragment):
    return any(c == council and fragment in u for c, u in rows)


def test_harvest_flags_every_seed_then_second_run_downloads_nothing(fresh_replica, tmp_path):
    first = run(fresh_replica, tmp_path)
    rows = alerts(tmp_path)
    assert all(has_alert(rows, c, f) for c, f in SEED_ALERTS | TEMPLATE_ALERTS), rows
    assert first["errors"] == 0
    assert (tmp_path / "data" / "alerts.atom").read_text().count("<entry>") == len(rows)
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    statuses = dict(con.execute("SELECT extract_status, count(*) FROM documents GROUP BY 1").fetchall())
    assert {"ok", "no_text", "encrypted", "corrupt"} <= set(statuses)
    team = con.execute(
        "SELECT count(*) FROM review_team t JOIN reviews r USING (review_id) WHERE r.council = 'barnsley'"
    ).fetchone()[0]
    sources = dict(
        con.execute(
            "SELECT r.council, count(*) FROM review_sources s JOIN reviews r USING (review_id) "
            "WHERE r.review_type = 'lga_peer_challenge' AND r.service_area <> 'planning' "
            "GROUP BY 1"
        ).fetchall()
    )
    negatives = con.execute(
        "SELECT count(*) FROM alerts WHERE title LIKE '%Peer support%' OR title LIKE '%primary schools%'"
    ).fetchone()[0]
    con.close()
    assert team == 6 and negatives == 0
    # The night's publications are searchable: the index beside the warehouse was updated by the flow.
    from warehouse.search import search

    hits = search(str(tmp_path / "w.duckdb"), '"peer challenge"', limit=50, council="barnsley")[1]
    assert hits and all(h[1] == "barnsley" for h in hits)
    # The committee paper and the press release about one review are one review with both sources.
    assert sources == {"worcestershire": 2, "barnsley": 2, "haringey": 2, "brighton-hove": 1, "ashcombe": 1}
    assert_template_families_landed_right(tmp_path, fresh_replica)
    downloads = len(fresh_replica.document_downloads())
    requests_before = len(fresh_replica.requests)

    second = run(fresh_replica, tmp_path)
    assert len(fresh_replica.document_downloads()) == downloads
    second_requests = fresh_replica.requests[requests_before:]
    news = [r for r in second_requests if r.host.endswith("-www")]
    assert news and not any(r.status == 200 and r.path.count("/") >= 3 for r in news)  # no article again
    assert all(r.conditional for r in news if r.path.endswith((".rss", ".xml")))  # feeds re-read conditionally
    assert second["documents_downloaded"] == 0 and second["new_alerts"] == []
    assert sorted(alerts(tmp_path)) == sorted(rows)


def assert_template_families_landed_right(tmp_path, replica):
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    try:
        links = con.execute(
            "SELECT council, kind, count(*) FROM item_links WHERE council IN ('ashcombe', 'greyhaven') "
            "GROUP BY ALL ORDER BY ALL"
        ).fetchall()
        texts = con.execute(
            "SELECT url, coalesce(description, '') || ' ' || coalesce(minutes, '') FROM agenda_items"
        ).fetchall()
        not_documents = con.execute(
            "SELECT url FROM documents WHERE url LIKE '%mgReasonsRestricted%' "
            "OR url LIKE '%mg_bounce%' OR url LIKE '%ieDecisionDetails%'"
        ).fetchall()
        peer_docs = con.execute("SELECT count(*) FROM item_documents WHERE item_url LIKE '%ID=33102'").fetchone()[0]
        peer_minutes = con.execute("SELECT minutes FROM agenda_items WHERE url LIKE '%ID=33102'").fetchone()[0]
        cancelled = con.execute(
            "SELECT status FROM meetings WHERE council = 'greyhaven' AND meeting_id = '9425'"
        ).fetchone()
        undated = con.execute(
            "SELECT meeting_date FROM meetings WHERE council = 'greyhaven' AND meeting_id = '9410'"
        ).fetchone()
        greyhaven_items = con.execute("SELECT count(*) FROM agenda_items WHERE council = 'greyhaven'").fetchone()[0]
    finally:
        con.close()
    assert links == [
        ("ashcombe", "background", 2),
        ("ashcombe", "decision", 1),
        ("greyhaven", "restricted", 2),
        ("greyhaven", "webcast", 3),
    ]
    assert [u for u, text in texts if any(w in text for w in TOOLBAR_WORDS)] == []
    assert not_documents == []
    assert not any("mgreasonsrestricted" in r.path.lower() or "mg_bounce" in r.path for r in replica.requests)
    assert peer_docs == 2 and peer_minutes.endswith("endorses the response plan.")  # full text from mgAi.aspx
    assert cancelled == ("cancelled",)  # known only from the meeting list; the page says nothing
    assert greyhaven_items == 3  # the unnumbered heading row is not an item
    assert undated == (date(2026, 1, 20),)  # the list gives no date and the heading none: the <title> does


def test_failures_are_recorded_and_the_rest_completes(fresh_replica, tmp_path):
    fresh_replica.take_down("eastmoor")
    fresh_replica.set_fault("haringey-moderngov", "getmeeting?", "500", times=-1)
    summary = run(fresh_replica, tmp_path)
    assert summary["errors"] > 0
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    errors = con.execute("SELECT council, error_class FROM fetch_log WHERE error IS NOT NULL").fetchall()
    health = dict(con.execute("SELECT council, last_error FROM source_health WHERE source = 'moderngov'").fetchall())
    corrupt = con.execute("SELECT count(*) FROM documents WHERE extract_status = 'corrupt'").fetchone()[0]
    con.close()
    assert ("eastmoor", "connection_error") in errors
    assert ("haringey", "server_error") in errors
    assert health["eastmoor"] and health["barnsley"] is None
    assert corrupt == 1
    rows = alerts(tmp_path)
    assert has_alert(rows, "barnsley", "ID=92470") and not has_alert(rows, "haringey", "ID=74888")

    fresh_replica.clear_faults()
    again = run(fresh_replica, tmp_path)
    rows_after = alerts(tmp_path)
    assert has_alert(rows_after, "haringey", "ID=74888")  # the re-run completes what the failed run left
    assert len(rows_after) == len(set(rows_after))
    assert [a["council"] for a in again["new_alerts"]] == ["haringey"]


def test_cli_config_typo_exits_2_before_any_run(tmp_path, capsys):
    bad = tmp_path / "c.toml"
    bad.write_text('[[council]]\nslug = "x"\nname = "Exe"\nmoderngov_ulr = "https://x.gov.uk"\n')
    assert (
        main(["harvest", "--councils", str(bad), "--db", str(tmp_path / "w.duckdb"), "--data-dir", str(tmp_path)]) == 2
    )
    assert "moderngov_ulr" in capsys.readouterr().err


def test_cli_busy_warehouse_exits_3(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PEERWATCH_WRITE_WAIT", "1")  # give up waiting for the other writer after 1 s
    db = tmp_path / "w.duckdb"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb,time; c=duckdb.connect({str(db)!r}); print('held', flush=True); time.sleep(20)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        good = tmp_path / "c.toml"
        good.write_text('[[council]]\nslug = "x"\nname = "Exe"\nmoderngov_url = "https://x.gov.uk"\n')
        assert main(["harvest", "--councils", str(good), "--db", str(db), "--data-dir", str(tmp_path)]) == 3
        assert "in use by another" in capsys.readouterr().err
    finally:
        holder.kill()


def test_documents_added_after_the_agenda_are_picked_up_without_refetching_the_rest(tmp_path):
    import copy

    from replica.content import NEWSROOMS, SITES, Doc
    from replica.server import Replica

    sites = copy.deepcopy(SITES)
    with Replica(sites=sites, newsrooms=NEWSROOMS) as replica:
        run(replica, tmp_path)
        before = len(replica.document_downloads())
        # Weeks later the council attaches the outcome letter to the Barnsley item; nothing else changes.
        barnsley = next(s for s in sites if s.slug == "barnsley")
        item = next(i for m in barnsley.meetings for i in m.items if i.item_id == 92470)
        item.additional.append(Doc(92475, "LGA Peer Challenge Outcome Letter", "report", "barnsley-peer-review"))
        summary = run(replica, tmp_path)
        new_downloads = replica.document_downloads()[before:]
    assert [r.path for r in new_downloads] == ["/moderngov/mgConvert2PDF.aspx?ID=92475"]
    assert summary["new_alerts"] == []  # the publication was already flagged once
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    linked = con.execute("SELECT count(*) FROM item_documents WHERE item_url LIKE '%ID=92470'").fetchone()[0]
    con.close()
    assert linked == 2


def test_a_new_article_on_page_one_is_found_the_next_night(tmp_path):
    import copy

    from replica.content import NEWSROOMS, SITES, Article
    from replica.server import Replica

    barnsley_room = next(r for r in copy.deepcopy(NEWSROOMS) if r.slug == "barnsley")
    with Replica(sites=SITES[:1], newsrooms=[barnsley_room]) as replica:
        councils = tmp_path / "councils.toml"
        councils.write_text(
            '[[council]]\nslug = "barnsley"\nname = "Barnsley MBC"\n'
            f'news_url = "{replica.news_url("barnsley")}"\nmax_requests_per_second = 100\n'
        )
        args = dict(
            councils_file=str(councils),
            db=str(tmp_path / "w.duckdb"),
            data_dir=str(tmp_path / "d"),
            since=date(2014, 1, 1),
            until=date(2026, 12, 31),
        )
        first = nightly_harvest(**args)
        barnsley_room.articles.append(
            Article(
                slug="ofsted-focused-visit-letter",
                title="Ofsted focused visit letter published",
                published=date(2022, 6, 1),
                published_prose="Posted on 1st June 2022",
                paragraphs=[
                    "Ofsted has published its letter after a focused visit to children's services on 10 and 11 "
                    "May 2022. Inspectors found that children in need of help are seen quickly. A focused "
                    "visit does not give a judgement."
                ],
            )
        )
        mark = len(replica.requests)
        second = nightly_harvest(**args)
        fetched = [r.path for r in replica.requests[mark:] if r.status == 200 and r.path.startswith("/news/")]
    assert first["new_publications"] == 3 and second["new_publications"] == 1
    assert fetched == ["/news/ofsted-focused-visit-letter"]
    assert [a["review_type"] for a in second["new_alerts"]] == ["ofsted_focused_visit"]
