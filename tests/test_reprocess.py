"""`peerwatch reprocess`: today's rules over everything stored, with no network at all.

The warehouses here are loaded as an older rule set would have left them (a publication it did not
recognise, a PDF whose text was never read), then reprocessed. Nothing listens on any port.
"""

from datetime import date

import duckdb

from flows.cli import main
from replica.pdfs import build_report
from replica.specs import ReportSpec
from scrapers.models import AgendaItem, DocumentRef, Meeting
from transforms.classify import Classification, classify
from transforms.pdf_text import Extraction
from transforms.rawstore import RawStore
from transforms.reviews import extract_reviews
from warehouse import load as wl
from warehouse.db import open_warehouse

REVIEW_TITLE = "Ofsted inspection of local authority children's services"
REVIEW_BODY = (
    "The Committee received the report of the Ofsted inspection of children's services carried out "
    "from 3 to 14 March 2025. Inspectors judged the overall effectiveness of services to be good."
)
PLAIN_TITLE = "Highways maintenance programme"
PLAIN_BODY = "The Committee noted the resurfacing schedule for the coming year."
PDF_ITEM_TITLE = "Report to the Children and Young People Scrutiny Panel"


def _stale(title, body, url, when, docs=()):
    """What an older, blinder rule set made of a publication: not a review."""
    return wl.Analysis(url, "agenda_item", title, Classification(False, rule="older rules"), [])


def _current(title, body, url, when, docs=()):
    c = classify(title, body, [d[0] for d in docs], published=when)
    return wl.Analysis(
        url, "agenda_item", title, c, extract_reviews("exe", c, title, body, list(docs), when, "Cabinet")
    )


def load_archive(db, raw_dir, analyse_review=_stale):
    """Three items of one 2025 meeting: a review the old rules missed, an ordinary item, and an item whose
    PDF (the inspection letter) was stored but never read."""
    review = AgendaItem(
        url="http://exe.test/mgAi.aspx?ID=1", item_id="1", number="1", title=REVIEW_TITLE, description=REVIEW_BODY
    )
    plain = AgendaItem(
        url="http://exe.test/mgAi.aspx?ID=2", item_id="2", number="2", title=PLAIN_TITLE, description=PLAIN_BODY
    )
    pdf_url = "http://exe.test/documents/s9/letter.pdf"
    with_pdf = AgendaItem(
        url="http://exe.test/mgAi.aspx?ID=3",
        item_id="3",
        number="3",
        title=PDF_ITEM_TITLE,
        documents=[DocumentRef(pdf_url, "Inspection letter", "9")],
    )
    meeting = Meeting("10", "5", "Cabinet", date(2025, 4, 30), items=[review, plain, with_pdf])
    pdf = build_report(
        ReportSpec(
            heading="Focused visit to Exe children's services",
            blocks=[
                "Ofsted carried out a focused visit to Exe children's services on 4 and 5 "
                "February 2025, looking at the front door.",
                "The letter sets out the findings: leaders have strengthened the front door "
                "and managers oversee decisions on contacts and referrals well.",
            ],
        )
    )
    sha = RawStore(raw_dir).put(pdf)
    batch = wl.CouncilBatch(council="exe", route="html", meetings=[meeting])
    # The night the PDF came it was not read (an older extractor failed on it): stored with no text.
    batch.documents = [
        wl.DocumentRow(pdf_url, "Inspection letter", "9", sha, len(pdf), Extraction("corrupt", error="old"))
    ]
    batch.analyses = [
        analyse_review(REVIEW_TITLE, REVIEW_BODY, review.url, meeting.meeting_date),
        _current(PLAIN_TITLE, PLAIN_BODY, plain.url, meeting.meeting_date),
        _current(PDF_ITEM_TITLE, "", with_pdf.url, meeting.meeting_date),
    ]
    con = open_warehouse(db)
    wl.upsert_councils(con, [{"slug": "exe", "name": "Exe County Council"}])
    wl.load_council_batch(con, batch, "night-1")
    con.close()


def rows(db, sql):
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_a_publication_the_old_rules_missed_alerts_once_marked_as_found_on_reprocessing(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    load_archive(db, tmp_path / "data" / "raw")
    assert rows(db, "SELECT count(*) FROM alerts") == [(0,)]

    assert main(["reprocess", "--db", str(db)]) == 0
    assert "1 new alert" in capsys.readouterr().out
    assert rows(db, "SELECT url, found_by, notified_at IS NULL FROM alerts") == [
        ("http://exe.test/mgAi.aspx?ID=1", "reprocess", True)
    ]
    assert rows(db, "SELECT review_type, fieldwork_start, first_reported_date FROM reviews") == [
        ("ofsted_ilacs", date(2025, 3, 3), date(2025, 4, 30))
    ]
    assert rows(db, "SELECT area, grade FROM review_judgements") == [("overall_effectiveness", "good")]

    # Again: nothing new, nothing alerted twice, the reviews rebuilt to the same rows.
    assert main(["reprocess", "--db", str(db)]) == 0
    assert rows(db, "SELECT count(*) FROM alerts") == [(1,)]
    assert rows(db, "SELECT count(*), count(DISTINCT review_id) FROM reviews") == [(1, 1)]
    assert rows(db, "SELECT count(*) FROM review_sources") == [(1,)]


def test_an_alert_raised_on_the_night_is_not_raised_again(tmp_path):
    db = tmp_path / "w.duckdb"
    load_archive(db, tmp_path / "data" / "raw", analyse_review=_current)
    before = rows(db, "SELECT url, found_by, created_at FROM alerts")
    assert [r[:2] for r in before] == [("http://exe.test/mgAi.aspx?ID=1", "harvest")]
    assert main(["reprocess", "--db", str(db)]) == 0
    assert rows(db, "SELECT url, found_by, created_at FROM alerts") == before


def test_pdf_text_read_again_from_the_raw_store_reaches_classification(tmp_path):
    db, data = tmp_path / "w.duckdb", tmp_path / "data"
    load_archive(db, data / "raw", analyse_review=_current)
    assert main(["reprocess", "--db", str(db), "--data-dir", str(data), "--pdf-text", "--workers", "1"]) == 0
    status, text = rows(db, "SELECT extract_status, text FROM documents")[0]
    assert status == "ok" and "focused visit" in text
    assert ("http://exe.test/mgAi.aspx?ID=3", "reprocess") in rows(db, "SELECT url, found_by FROM alerts")
    assert ("ofsted_focused_visit",) in rows(db, "SELECT review_type FROM reviews")


def test_pdf_text_needs_the_data_folder(tmp_path, capsys):
    db = tmp_path / "w.duckdb"
    load_archive(db, tmp_path / "data" / "raw")
    assert main(["reprocess", "--db", str(db), "--pdf-text"]) == 2
    assert "--data-dir" in capsys.readouterr().err


def test_with_the_raw_store_a_document_stored_without_rows_gets_them_as_on_a_night_today(tmp_path):
    """A stored slide deck read by text alone (no table positions, as before PDFium read positions) gives its
    judgement table once reprocessing reads it again from the raw store; the rows are kept."""
    from replica.content import ILACS_SLIDES
    from replica.pdfs import build_slides
    from transforms.pdf_text import extract_text_fast

    db, data = tmp_path / "w.duckdb", tmp_path / "data"
    deck = build_slides(ILACS_SLIDES)
    sha = RawStore(data / "raw").put(deck)
    fast = extract_text_fast(deck, positions=False)
    assert fast.status == "ok" and not fast.layout_text
    url, doc = "http://exe.test/mgAi.aspx?ID=9", "http://exe.test/documents/s90/ilacs.pdf"
    item = AgendaItem(
        url=url,
        item_id="9",
        number="5",
        title="Ofsted inspection of children's services",
        description="The Panel received a presentation on the findings of the recent inspection.",
        documents=[DocumentRef(doc, "Presentation", "90")],
    )
    batch = wl.CouncilBatch(
        council="exe", route="html", meetings=[Meeting("90", "5", "Scrutiny Panel", date(2019, 7, 25), items=[item])]
    )
    batch.documents = [wl.DocumentRow(doc, "Presentation", "90", sha, len(deck), fast)]
    con = open_warehouse(db)
    wl.upsert_councils(con, [{"slug": "exe", "name": "Exe County Council"}])
    wl.load_council_batch(con, batch, "night-1")
    con.close()

    assert main(["reprocess", "--db", str(db), "--data-dir", str(data), "--workers", "1"]) == 0
    grades = dict(rows(db, "SELECT area, grade FROM review_judgements"))
    assert grades.get("overall_effectiveness") == "requires_improvement" and len(grades) == 4, grades
    assert rows(db, "SELECT layout_text <> '' FROM documents") == [(True,)]


def test_reprocessing_rebuilds_judgements_and_dates_from_a_stored_report_with_where_each_was_read(tmp_path):
    """An older rule set kept only the overall grade of an attached ILACS report, with no page or line. Reprocessing
    reads the stored PDF again and rebuilds every judgement and the dates, each with its page and raw line; the
    alert raised that night is not raised again."""
    from tests.support.report_pages import report_pdf
    from transforms.pdf_text import extract_document
    from transforms.reviews import ReviewRecord

    db, data = tmp_path / "w.duckdb", tmp_path / "data"
    pdf = report_pdf()
    sha = RawStore(data / "raw").put(pdf)
    url, doc = "http://exe.test/mgAi.aspx?ID=7", "http://exe.test/documents/s70/report.pdf"
    item = AgendaItem(
        url=url, item_id="7", number="4", title="Appendix 1", documents=[DocumentRef(doc, "Appendix 1", "70")]
    )
    when = date(2024, 11, 20)
    read = extract_document(pdf, layout=True)
    c = classify("Appendix 1", "", [read.text], published=when)
    old = ReviewRecord(
        "exe",
        "ofsted_ilacs",
        "childrens_services",
        "outcome",
        None,
        when,
        "Cabinet",
        judgements=[("overall_effectiveness", "good", "Good")],
    )
    batch = wl.CouncilBatch(council="exe", route="html", meetings=[Meeting("70", "5", "Cabinet", when, items=[item])])
    batch.documents = [wl.DocumentRow(doc, "Appendix 1", "70", sha, len(pdf), read)]
    batch.analyses = [wl.Analysis(url, "agenda_item", "Appendix 1", c, [old])]
    con = open_warehouse(db)
    wl.upsert_councils(con, [{"slug": "exe", "name": "Exe County Council"}])
    wl.load_council_batch(con, batch, "night-1")
    con.close()
    alerts_before = rows(db, "SELECT url, found_by, created_at FROM alerts")
    assert len(alerts_before) == 1

    assert main(["reprocess", "--db", str(db), "--data-dir", str(data), "--pdf-text", "--workers", "1"]) == 0
    judged = {
        area: (grade, page, line)
        for area, grade, page, line in rows(db, "SELECT area, grade, source_page, source_line FROM review_judgements")
    }
    assert {a: g for a, (g, _, _) in judged.items()} == {
        "overall_effectiveness": "good",
        "impact_of_leaders": "outstanding",
        "help_and_protection": "good",
        "children_in_care": "requires_improvement",
        "care_leavers": "good",
    }
    assert all(page == 1 for _, page, _ in judged.values())
    assert "children in care" in judged["children_in_care"][2]
    start, end, page, line = rows(
        db, "SELECT fieldwork_start, fieldwork_end, fieldwork_page, fieldwork_line FROM reviews"
    )[0]
    assert (start, end, page) == (date(2024, 9, 2), date(2024, 9, 13), 1) and line.startswith("Inspection dates")
    assert rows(db, "SELECT url, found_by, created_at FROM alerts") == alerts_before
