"""Real PDFs from the replica through pdfminer: every kind gets its recorded outcome."""
import pytest

from tests.replica import pdfs
from transforms.pdf_text import TextExtractor, extract_pdf_bytes, rows_by_position


@pytest.mark.parametrize("kind,key,status", [
    ("report", "brighton-peer-review", "ok"),
    ("slides", "eastmoor-ilacs-slides", "ok"),
    ("scanned", "barnsley-signed-record", "no_text"),
    ("encrypted", "barnsley-exempt", "encrypted"),
    ("corrupt", "barnsley-capital", "corrupt"),
])
def test_outcomes(kind, key, status):
    result = extract_pdf_bytes(pdfs.render(kind, key))
    assert result.status == status
    if status != "ok":
        assert result.error


def test_html_served_as_pdf_is_unsupported():
    assert extract_pdf_bytes(b"<!DOCTYPE html><html><body>Not found</body></html>").status == "unsupported"


def test_report_keeps_cover_table_and_numbered_paragraphs():
    text = extract_pdf_bytes(pdfs.render("report", "brighton-peer-review")).text
    assert "Children, Young People and Skills Committee 21 November 2016" in text
    assert "3.6 The team was on site from 26th" in text


def test_slide_judgement_table_is_scrambled_by_default_layout_but_rows_restore_it():
    result = extract_pdf_bytes(pdfs.render("slides", "eastmoor-ilacs-slides"))
    # pdfminer's reading order puts the labels in one run and the grades in another …
    assert "Overall effectiveness\nRequires improvement to be good" not in result.text.split("Grade")[0]
    # … the positional rendering pairs each label with its grade again.
    assert "Overall effectiveness | Requires improvement to be good" in result.layout_text
    assert "The impact of leaders on social work practice with | Requires improvement to be good" in result.layout_text


def test_rows_group_lines_by_vertical_overlap():
    lines = [(50, 100, 112, "Label A"), (640, 101, 113, "Grade A"), (50, 80, 92, "Label B")]
    assert rows_by_position(lines) == "Label A | Grade A\nLabel B"


def test_pool_extracts_files_and_records_each_outcome(tmp_path):
    paths = {}
    for key, kind in [("brighton-peer-review", "report"), ("barnsley-capital", "corrupt")]:
        p = tmp_path / key
        p.write_bytes(pdfs.render(kind, key))
        paths[key] = p
    with TextExtractor(workers=2, timeout_seconds=60) as ex:
        results = ex.extract_many(paths)
    assert results["brighton-peer-review"].status == "ok"
    assert results["barnsley-capital"].status == "corrupt"


def test_a_document_that_keeps_pdfminer_busy_is_cut_off_and_the_rest_still_run(tmp_path):
    heavy = tmp_path / "heavy.pdf"
    heavy.write_bytes(pdfs.build_report(pdfs.ReportSpec(heading="Heavy", blocks=["Dense committee text. " * 60] * 200)))
    light = tmp_path / "light.pdf"
    light.write_bytes(pdfs.render("report", "barnsley-peer-review"))
    with TextExtractor(workers=1, timeout_seconds=1.0) as ex:
        results = ex.extract_many({"heavy": heavy, "light": light})
    assert results["heavy"].status == "timeout"
    assert results["light"].status == "ok"
