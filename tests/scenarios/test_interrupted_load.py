"""A council's results are committed in bounded steps (issue 22, item 1): a load interrupted part way keeps the
steps it committed, leaves the meetings due, and the next run completes it."""

from __future__ import annotations

from datetime import date

import pytest

from scrapers.models import AgendaItem, Meeting
from transforms.analysis import Analysis
from transforms.classify import classify
from warehouse import load as wl
from warehouse.db import open_warehouse

TONIGHT = date(2026, 3, 20)


def five_meetings() -> wl.CouncilBatch:
    meetings = [
        Meeting(
            str(n),
            "7",
            "Scrutiny",
            date(2026, 3, n),
            url=f"http://x/ieListDocuments.aspx?MId={n}",
            items=[
                AgendaItem(
                    url=f"http://x/mgAi.aspx?ID={n}",
                    item_id=str(n),
                    number=f"{n}.",
                    title=f"Item {n}",
                    minutes="The committee noted the report.",
                )
            ],
        )
        for n in range(1, 6)
    ]
    batch = wl.CouncilBatch(
        council="c",
        route="html",
        meetings=meetings,
        read_on=TONIGHT,
        next_reads={m.meeting_id: date(2026, 3, 27) for m in meetings},
        source_errors={"moderngov": None},
    )
    batch.analyses = [
        Analysis(i.url, "agenda_item", i.title, classify(i.title, i.minutes), []) for m in meetings for i in m.items
    ]
    return batch


def test_an_interrupted_load_keeps_its_committed_steps_and_the_next_run_completes_it(tmp_path, monkeypatch):
    con = open_warehouse(str(tmp_path / "w.duckdb"))
    wl.upsert_councils(con, [{"slug": "c", "name": "Council c"}])
    monkeypatch.setattr(wl, "LOAD_STEP_PUBLICATIONS", 2)
    real, steps = wl.load_analyses, []

    def killed_in_the_second_step(*args, **kwargs):
        steps.append(1)
        if len(steps) == 2:
            raise MemoryError("the load was killed part way")
        return real(*args, **kwargs)

    monkeypatch.setattr(wl, "load_analyses", killed_in_the_second_step)
    with pytest.raises(MemoryError):
        wl.load_council_batch(con, five_meetings(), "run1")
    count = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    assert count("SELECT count(*) FROM agenda_items") == 2 == count("SELECT count(*) FROM classifications")
    assert count("SELECT count(*) FROM meetings WHERE next_read_on IS NOT NULL OR last_read_on IS NOT NULL") == 0
    assert count("SELECT count(*) FROM source_health") == 0  # the council is not marked as read

    monkeypatch.setattr(wl, "load_analyses", real)
    wl.load_council_batch(con, five_meetings(), "run2")  # the next night reads them again, and completes
    assert count("SELECT count(*) FROM agenda_items") == 5 == count("SELECT count(*) FROM classifications")
    assert count("SELECT count(*) FROM meetings WHERE last_read_on = DATE '2026-03-20'") == 5
    con.close()
