"""The worth-a-look tier: stored beside the alerts, listed apart, never counted as an alert; raised to an
alert once if a later reading (a new night, or `peerwatch reprocess`) finds the review reported."""

from datetime import date

from flows.cli import main
from scrapers.models import AgendaItem, Meeting
from transforms.classify import classify
from transforms.reviews import extract_reviews
from warehouse import load as wl
from warehouse.db import open_warehouse

URL = "http://exe.test/mgAi.aspx?ID=7"
TITLE = "Children's services update"
HINT = (
    "Ofsted inspectors spent two weeks with our children's services teams and we will share their verdict "
    "when it is published."
)
REPORTED = (
    "Ofsted inspected our children's services in October. Inspectors judged the overall effectiveness of "
    "services to be good."
)


def batch(body: str) -> wl.CouncilBatch:
    item = AgendaItem(url=URL, item_id="7", number="4", title=TITLE, description=body)
    meeting = Meeting("70", "5", "Cabinet", date(2026, 11, 20), items=[item])
    c = classify(TITLE, body, published=meeting.meeting_date)
    analysis = wl.Analysis(
        URL, "agenda_item", TITLE, c, extract_reviews("exe", c, TITLE, body, [], meeting.meeting_date, "Cabinet")
    )
    return wl.CouncilBatch(council="exe", route="html", meetings=[meeting], analyses=[analysis])


def test_a_hint_is_listed_apart_then_raised_to_an_alert_once(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    con = open_warehouse(db)
    wl.upsert_councils(con, [{"slug": "exe", "name": "Exe County Council"}])
    assert batch(HINT).analyses[0].classification.worth_a_look
    assert wl.load_council_batch(con, batch(HINT), "night-1").new_alerts == []  # not an alert of the run
    assert con.execute("SELECT tier FROM alerts").fetchall() == [("worth_a_look",)]
    con.execute("INSERT INTO alert_deliveries (alert_key, channel, status) SELECT key, 'mail', 'sent' FROM alerts")
    con.execute("UPDATE alerts SET notified_at = now()")
    con.close()

    assert main(["alerts", "--db", str(db), "--worth-a-look", "--format", "csv"]) == 0
    listed = capsys.readouterr().out
    assert TITLE in listed and "worth a look" in listed
    assert main(["alerts", "--db", str(db), "--format", "csv"]) == 0
    assert TITLE not in capsys.readouterr().out

    con = open_warehouse(db)
    raised = wl.load_council_batch(con, batch(REPORTED), "night-2").new_alerts
    assert [a["url"] for a in raised] == [URL]
    assert con.execute("SELECT tier, review_type, notified_at FROM alerts").fetchall() == [
        ("alert", "ofsted_ilacs", None)
    ]
    assert con.execute("SELECT count(*) FROM alert_deliveries").fetchone()[0] == 0  # every channel hears it as an alert
    assert wl.load_council_batch(con, batch(REPORTED), "night-3").new_alerts == []  # once
    con.close()
