"""The search index: phrases, filters and snippets; a night re-indexes only what is new or changed; a missing or
broken index is rebuilt from the warehouse."""

from dataclasses import replace
from datetime import date

import pytest

from scrapers.models import AgendaItem, Meeting
from tests.support.batches import batch_with_item_and_press_release
from transforms.classify import classify
from warehouse import load as wl
from warehouse.db import open_warehouse
from warehouse.search import (
    SearchIndexMissing,
    SearchQueryError,
    index_path,
    rebuild_search_index,
    search,
    update_search_index,
)


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "w.duckdb"
    con = open_warehouse(path)
    wl.upsert_councils(con, [{"slug": "worcs", "name": "Worcestershire County Council"}])
    wl.load_council_batch(con, batch_with_item_and_press_release(), "run1")
    yield path, con
    con.close()


def urls(rows):
    return sorted(r[5] for r in rows)


def test_search_with_phrases_filters_and_snippets(db):
    path, con = db
    assert update_search_index(con).indexed == 2
    _, rows = search(path, "safeguarding peer")
    assert urls(rows) == ["http://x/mgAi.aspx?ID=1", "http://x/news/2015/peer-review"]
    assert "[safeguarding]" in rows[0][6].lower() or "[Safeguarding]" in rows[0][6]
    assert len(search(path, '"children peer review"')[1]) == 2
    assert search(path, '"review peer children"')[1] == []  # a phrase keeps its order
    assert search(path, "safeguarding peer", council="elsewhere")[1] == []
    assert urls(search(path, "peer", since=date(2015, 6, 20))[1]) == ["http://x/mgAi.aspx?ID=1"]
    types = con.execute("SELECT review_types[1] FROM classifications LIMIT 1").fetchone()[0]
    assert len(search(path, "peer", review_type=types)[1]) == 2
    assert search(path, "peer", review_type="ofsted_ilacs")[1] == []


def test_a_night_indexes_only_new_and_changed_publications(db):
    path, con = db
    update_search_index(con)
    assert update_search_index(con).indexed == 0  # nothing new: nothing re-indexed
    changed = batch_with_item_and_press_release()
    changed.press_releases = []
    item = changed.meetings[0].items[0]
    changed.meetings[0].items[0] = replace(item, minutes=item.minutes + " The action plan follows in March.")
    new_item = AgendaItem(url="http://x/mgAi.aspx?ID=2", item_id="2", number="6.", title="Library opening hours")
    changed.meetings.append(Meeting("11", "3", "Overview Panel", date(2015, 7, 2), items=[new_item]))
    changed.analyses = [wl.Analysis(new_item.url, "agenda_item", new_item.title, classify(new_item.title, ""), [])]
    wl.load_council_batch(con, changed, "run2")
    result = update_search_index(con)
    assert (result.indexed, result.rebuilt, result.total) == (2, False, 3)
    assert urls(search(path, '"action plan follows"')[1]) == ["http://x/mgAi.aspx?ID=1"]


def test_a_missing_or_broken_index_is_rebuilt(db):
    path, con = db
    with pytest.raises(SearchIndexMissing, match="reindex"):
        search(path, "peer")
    update_search_index(con)
    for meta in index_path(path).glob("meta.json"):
        meta.write_text("{ not json")
    result = update_search_index(con)
    assert result.rebuilt and result.total == 2
    con.execute("DELETE FROM search_index")  # out of step with the warehouse
    assert update_search_index(con).rebuilt
    assert len(search(path, "peer")[1]) == 2


def test_reindex_command_rebuilds_from_the_warehouse(db):
    path, con = db
    con.close()
    assert rebuild_search_index(path).total == 2
    assert len(search(path, "safeguarding")[1]) == 2


def test_an_unreadable_query_is_a_clear_error(db):
    path, con = db
    update_search_index(con)
    with pytest.raises(SearchQueryError, match="cannot read the search"):
        search(path, "nosuchfield:peer")


def test_cli_search_with_filters_and_reindex(db, capsys):
    from flows.cli import main

    path, con = db
    con.close()
    assert main(["reindex", "--db", str(path)]) == 0
    assert main(["search", "peer review", "--db", str(path), "--council", "worcs", "--since", "2015-06-20"]) == 0
    out = capsys.readouterr().out
    assert "mgAi.aspx?ID=1" in out and "news/2015" not in out and "(1 row)" in out


def test_a_long_update_is_committed_in_chunks_with_the_same_result(db, monkeypatch):
    import warehouse.search as ws

    path, con = db
    monkeypatch.setattr(ws, "COMMIT_EVERY", 1)
    monkeypatch.setattr(ws, "BATCH", 1)
    assert update_search_index(con).total == 2
    assert con.execute("SELECT count(*) FROM search_index").fetchone()[0] == 2
    assert len(search(path, "safeguarding peer")[1]) == 2
