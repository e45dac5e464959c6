"""Warehouse: migrations apply once, loads are idempotent, reviews link across publications (search: test_search.py)."""

from datetime import date

from scrapers.models import Meeting
from tests.support.batches import batch_with_item_and_press_release
from transforms.classify import classify
from transforms.reviews import extract_reviews
from warehouse import load as wl
from warehouse.db import migrate, open_warehouse, schema_version
from warehouse.schema import MIGRATIONS


def test_migrations_apply_once(tmp_path):
    con = open_warehouse(tmp_path / "w.duckdb")
    assert schema_version(con) == MIGRATIONS[-1][0]
    assert migrate(con) == MIGRATIONS[-1][0]


def test_loading_twice_changes_nothing_and_alerts_once(tmp_path):
    con = open_warehouse(tmp_path / "w.duckdb")
    wl.upsert_councils(con, [{"slug": "worcs", "name": "Worcestershire County Council"}])
    first = wl.load_council_batch(con, batch_with_item_and_press_release(), "run1")
    tables = ["agenda_items", "press_releases", "alerts", "reviews", "review_sources", "review_judgements"]
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    second = wl.load_council_batch(con, batch_with_item_and_press_release(), "run2")
    assert len(first.new_alerts) == 2 and second.new_alerts == []
    assert counts == {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    # The committee paper and the press release are one review with two sources.
    assert counts["reviews"] == 1 and counts["review_sources"] == 2
    first_reported = con.execute("SELECT first_reported_date, first_reported_where FROM reviews").fetchone()
    assert first_reported == (date(2015, 6, 18), "press release")


def test_a_council_failing_three_runs_in_a_row_shows_as_quiet(tmp_path):
    con = open_warehouse(tmp_path / "w.duckdb")
    for n in range(3):
        batch = wl.CouncilBatch(council="gone", source_errors={"moderngov": "connection failed"})
        wl.load_council_batch(con, batch, f"run{n}")
        quiet = con.execute("SELECT council, warning FROM quiet_sources").fetchall()
        assert quiet == ([] if n < 2 else [("gone", "failing: 3 runs in a row")])


def test_a_source_that_answers_with_nothing_after_having_meetings_is_flagged(tmp_path):
    from scrapers.models import Meeting

    con = open_warehouse(tmp_path / "w.duckdb")
    busy = wl.CouncilBatch(
        council="c",
        route="html",
        meetings=[Meeting("1", "2", "Cabinet", date(2026, 1, 1))],
        source_errors={"moderngov": None},
    )
    wl.load_council_batch(con, busy, "run1")
    assert wl.source_warnings(con) == []
    empty = wl.CouncilBatch(
        council="c", route="html", source_errors={"moderngov": None}, window=(date(2025, 12, 1), date(2026, 2, 1))
    )
    wl.load_council_batch(con, empty, "run2")
    (w,) = wl.source_warnings(con)
    assert w["warning"].startswith("site answered but listed no meetings for 1 night, though 1 meeting(s)")
    assert "check that moderngov_url" in w["warning"]
    wl.load_council_batch(con, empty, "run3")
    assert "for 2 nights" in wl.source_warnings(con)[0]["warning"]


def test_an_ordinary_night_after_a_back_fill_is_not_flagged_as_empty(tmp_path):
    """A back-fill lists years of meetings; the next night asks only about recent weeks, which may hold none."""
    con = open_warehouse(tmp_path / "w.duckdb")
    backfill = wl.CouncilBatch(
        council="c",
        route="webservice",
        source_errors={"moderngov": None},
        meetings=[Meeting("1", "2", "Cabinet", date(2015, 6, 1))],
        window=(date(2014, 1, 1), date(2026, 12, 31)),
    )
    wl.load_council_batch(con, backfill, "backfill")
    tonight = wl.CouncilBatch(
        council="c", route="webservice", source_errors={"moderngov": None}, window=(date(2026, 9, 1), date(2027, 1, 31))
    )
    wl.load_council_batch(con, tonight, "night")
    assert wl.source_warnings(con) == []


def test_a_progress_review_is_its_own_review_linked_to_the_first(tmp_path):
    con = open_warehouse(tmp_path / "w.duckdb")
    cpc_title, cpc_body = (
        "Corporate Peer Challenge - Feedback Report",
        "The Local Government Association carried out a Corporate Peer Challenge of the council "
        "from 14 to 17 June 2022. The feedback report sets out six key recommendations.",
    )
    pr_title, pr_body = (
        "Corporate Peer Challenge Progress Review",
        "The LGA peer team returned for the progress review of the corporate peer challenge. "
        "The team found good progress against the recommendations.",
    )
    batch = wl.CouncilBatch(council="c", source_errors={"moderngov": None})
    for url, title, body, when in [
        ("http://x/1", cpc_title, cpc_body, date(2022, 9, 1)),
        ("http://x/2", pr_title, pr_body, date(2023, 5, 16)),
    ]:
        c = classify(title, body)
        batch.analyses.append(
            wl.Analysis(url, "agenda_item", title, c, extract_reviews("c", c, title, body, [], when, "Cabinet"))
        )
    wl.load_council_batch(con, batch, "run1")
    rows = con.execute(
        "SELECT review_id, stage, follows_review_id FROM reviews ORDER BY first_reported_date"
    ).fetchall()
    assert len(rows) == 2
    (first_id, first_stage, first_follows), (_, second_stage, second_follows) = rows
    assert (first_stage, first_follows) == ("outcome", None)
    assert (second_stage, second_follows) == ("progress_review", first_id)


def _cpc_analysis(url, title, body, when):
    c = classify(title, body)
    return wl.Analysis(url, "agenda_item", title, c, extract_reviews("c", c, title, body, [], when, "Cabinet"))


def test_a_progress_review_loaded_before_its_first_review_is_linked_when_the_first_arrives(tmp_path):
    con = open_warehouse(tmp_path / "w.duckdb")
    progress = _cpc_analysis(
        "http://x/3",
        "Corporate Peer Challenge Progress Review",
        "The LGA peer team returned for the progress review of the corporate peer challenge.",
        date(2023, 5, 16),
    )
    first = _cpc_analysis(
        "http://x/2",
        "Corporate Peer Challenge - Feedback Report",
        "The Local Government Association carried out a Corporate Peer Challenge of the council "
        "from 14 to 17 June 2022.",
        date(2022, 9, 1),
    )
    older = _cpc_analysis(
        "http://x/1",
        "Corporate Peer Challenge - Feedback Report",
        "The Local Government Association carried out a Corporate Peer Challenge of the council "
        "from 6 to 9 March 2017.",
        date(2017, 6, 1),
    )
    for n, analysis in enumerate([progress, first, older]):
        wl.load_council_batch(
            con, wl.CouncilBatch(council="c", analyses=[analysis], source_errors={"moderngov": None}), f"run{n}"
        )
    follows = con.execute("""SELECT f.fieldwork_start FROM reviews p JOIN reviews f ON f.review_id = p.follows_review_id
                             WHERE p.stage = 'progress_review'""").fetchall()
    assert follows == [(date(2022, 6, 14),)]


def test_item_links_are_loaded_as_links_not_documents(tmp_path):
    from scrapers.models import ItemLink

    con = open_warehouse(tmp_path / "w.duckdb")
    wl.upsert_councils(con, [{"slug": "worcs", "name": "Worcestershire County Council"}])
    batch = batch_with_item_and_press_release()
    batch.meetings[0].items[0].links = [
        ItemLink("https://w.example/mg_bounce.php?mg_a_id=1", "webcast", "Webcast for 5."),
        ItemLink("http://x/mgReasonsRestricted.aspx?ID=9", "restricted", "Exempt annex"),
    ]
    for run in ("run1", "run2"):
        wl.load_council_batch(con, batch, run)
    rows = con.execute("SELECT item_url, kind, title, council FROM item_links ORDER BY kind").fetchall()
    assert rows == [
        ("http://x/mgAi.aspx?ID=1", "restricted", "Exempt annex", "worcs"),
        ("http://x/mgAi.aspx?ID=1", "webcast", "Webcast for 5.", "worcs"),
    ]
    assert con.execute("SELECT count(*) FROM item_documents").fetchone()[0] == 0


def test_a_warehouse_with_the_old_fts_index_migrates_without_loading_fts_on_every_connection(tmp_path):
    """Search moved to tantivy: connections no longer load DuckDB's fts extension (a quarter of a second each),
    yet a warehouse built when search used it (an fts index over search_corpus) still migrates without it,
    and the old index is gone after."""
    from warehouse import db
    from warehouse.schema import MIGRATIONS

    path = tmp_path / "old.duckdb"
    con = db.connect(path, fts=True)
    con.execute(
        "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR, "
        "applied_at TIMESTAMPTZ DEFAULT current_timestamp)"
    )
    for version, name, sql in MIGRATIONS:
        if version <= 10:
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations (version, name) VALUES (?, ?)", [version, name])
    con.execute("CREATE TABLE search_corpus (url VARCHAR PRIMARY KEY, body VARCHAR)")
    con.execute("INSERT INTO search_corpus VALUES ('u', 'an Ofsted inspection')")
    con.execute("PRAGMA create_fts_index('search_corpus', 'url', 'body')")
    con.close()

    con = db.connect(path)
    assert "fts" not in {
        r[0] for r in con.execute("SELECT extension_name FROM duckdb_extensions() WHERE loaded").fetchall()
    }
    db.migrate(con)
    schemas = {r[0] for r in con.execute("SELECT schema_name FROM information_schema.schemata").fetchall()}
    assert "fts_main_search_corpus" not in schemas
    assert db.schema_version(con) == MIGRATIONS[-1][0]
