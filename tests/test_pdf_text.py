"""Real PDFs from the replica through both engines: every kind gets its recorded outcome, and PDFium's rows
(read in the same pass as its text) pair a table's labels with their grades as pdfminer's do."""

import duckdb
import pytest

from replica import pdfs
from transforms.pdf_pool import TextExtractor
from transforms.pdf_text import extract_document, extract_pdf_bytes, extract_text_fast

OUTCOMES = [
    ("report", "brighton-peer-review", "ok"),
    ("slides", "eastmoor-ilacs-slides", "ok"),
    ("scanned", "barnsley-signed-record", "no_text"),
    ("encrypted", "barnsley-exempt", "encrypted"),
    ("corrupt", "barnsley-capital", "corrupt"),
]


@pytest.mark.parametrize("extract", [extract_pdf_bytes, extract_text_fast], ids=["pdfminer", "pdfium"])
@pytest.mark.parametrize("kind,key,status", OUTCOMES)
def test_outcomes(kind, key, status, extract):
    result = extract(pdfs.render(kind, key))
    assert result.status == status
    if status != "ok":
        assert result.error


def test_fast_text_keeps_lines_and_pages_like_the_layout_pass():
    data = pdfs.render("report", "brighton-peer-review")
    fast, slow = extract_text_fast(data), extract_pdf_bytes(data)
    assert (fast.engine, slow.engine) == ("pdfium", "pdfminer")
    assert fast.pages == slow.pages and fast.text.count("\f") == slow.text.count("\f")
    assert fast.layout_text.count("\f") == slow.layout_text.count("\f") == fast.pages - 1
    assert fast.has_layout and slow.has_layout
    assert "\r" not in fast.text
    assert "3.6 The team was on site from 26th" in fast.text
    assert not extract_text_fast(data, positions=False).has_layout  # text alone, when asked for


def _wrapped_label_table() -> bytes:
    """A judgement table whose labels wrap over two lines around the grade cell (as on the first page of an
    ILACS report), the label's lines and the grade drawn as separate text objects, then a paragraph."""
    import io

    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.setFont("Helvetica", 11)
    c.drawString(72, 700, "Judgement")
    c.drawString(300, 700, "Grade")
    c.drawString(72, 670, "The experiences and progress of")
    c.drawString(72, 656, "children who need help and ")
    c.drawString(72 + c.stringWidth("children who need help and ", "Helvetica", 11), 656, "protection")
    c.drawString(300, 670, "Requires improvement to be good")
    c.drawString(72, 630, "Overall effectiveness")
    c.drawString(300, 630, "Good")
    c.drawString(72, 590, "Inspectors found that leaders know their services")
    c.drawString(72, 576, "well and have acted on the last inspection.")
    c.showPage()
    c.drawString(72, 800, "Inspection of Eastmoor children's services")
    c.save()
    return buf.getvalue()


def test_fast_text_ends_each_page_with_a_blank_line():
    """PDFium's text breaks lines but leaves no blank line: one ends each page, so the next page's running header
    is not read as one sentence with the table or paragraph the page ended on; within a page, lines as PDFium
    gives them (the classifier's paragraphs as pdfminer's text gave them)."""
    fast = extract_text_fast(_wrapped_label_table())
    first, second = fast.text.split("\f")
    assert first.endswith("acted on the last inspection.\n\n") and "\n\n" not in first.rstrip("\n")
    assert second.startswith("Inspection of Eastmoor children's services")


def test_a_file_pdfium_cannot_open_is_read_by_pdfminer_when_pdfminer_can():
    """A trailer whose /Root names an object that is not there: PDFium gives up, pdfminer finds the catalog."""
    import re

    damaged = re.sub(rb"/Root \d+ 0 R", b"/Root 999 0 R", pdfs.render("report", "barnsley-peer-review"))
    assert extract_text_fast(damaged).status == "corrupt"
    read = extract_document(damaged)
    assert (read.engine, read.status) == ("pdfminer", "ok") and read.has_layout
    assert read == extract_pdf_bytes(damaged)
    assert extract_document(pdfs.render("corrupt", "barnsley-capital")).status == "corrupt"  # neither can


@pytest.mark.parametrize("extract", [extract_pdf_bytes, extract_text_fast], ids=["pdfminer", "pdfium"])
def test_html_served_as_pdf_is_unsupported(extract):
    assert extract(b"<!DOCTYPE html><html><body>Not found</body></html>").status == "unsupported"


@pytest.mark.parametrize("extract", [extract_pdf_bytes, extract_text_fast], ids=["pdfminer", "pdfium"])
def test_a_lone_surrogate_from_a_poisoned_tounicode_map_never_leaves_the_extractor(extract):
    from tests.support.pdf_bombs import poisoned_tounicode

    result = extract(poisoned_tounicode())
    assert result.status == "ok" and "library opening hours" in result.text
    assert not any(0xD800 <= ord(ch) <= 0xDFFF for ch in result.text + result.layout_text)
    duckdb.connect().execute("SELECT ?, ?", [result.text, result.layout_text])  # the warehouse can hold it


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


@pytest.mark.parametrize(
    "kind,key",
    [("slides", "eastmoor-ilacs-slides"), ("report", "brighton-peer-review"), ("report", "barnsley-peer-review")],
)
def test_pdfium_rows_pair_labels_and_grades_as_pdfminer_rows_do(kind, key):
    """A label cell and the grade cell far to its right are two cells; the words of a sentence stay in one."""
    data = pdfs.render(kind, key)
    fast, slow = extract_text_fast(data), extract_pdf_bytes(data)
    assert [r for r in fast.layout_text.splitlines() if "|" in r] == [
        r for r in slow.layout_text.splitlines() if "|" in r
    ]
    if kind == "slides":
        assert "Overall effectiveness | Requires improvement to be good" in fast.layout_text
        assert "Judgement | Grade" in fast.layout_text


def test_rows_of_a_wrapped_label_keep_the_grade_beside_its_first_line():
    """Label and grade cells apart, the label's second line (two text objects) one cell, as pdfminer's rows."""
    data = _wrapped_label_table()
    fast = extract_text_fast(data)
    assert fast.layout_text.split("\f")[0].splitlines()[:4] == [
        "Judgement | Grade",
        "The experiences and progress of | Requires improvement to be good",
        "children who need help and protection",
        "Overall effectiveness | Good",
    ]
    assert fast.layout_text.split("\f")[0] == extract_pdf_bytes(data).layout_text.split("\f")[0]


@pytest.mark.parametrize("layout", [False, True], ids=["fast", "layout"])
def test_pool_extracts_files_and_records_each_outcome(tmp_path, layout):
    paths = {}
    for key, kind in [("brighton-peer-review", "report"), ("barnsley-capital", "corrupt")]:
        p = tmp_path / key
        p.write_bytes(pdfs.render(kind, key))
        paths[key] = p
    with TextExtractor(workers=2, timeout_seconds=60) as ex:
        results = ex.extract_many(paths, layout=layout)
    assert results["brighton-peer-review"].status == "ok"
    assert results["brighton-peer-review"].engine == "pdfium"
    assert results["brighton-peer-review"].has_layout == layout
    assert results["barnsley-capital"].status == "corrupt"


def test_a_document_that_keeps_a_worker_busy_is_cut_off_and_the_rest_still_run(tmp_path):
    from tests.support.pdf_bombs import text_flood

    heavy = tmp_path / "heavy.pdf"
    heavy.write_bytes(text_flood())
    light = tmp_path / "light.pdf"
    light.write_bytes(pdfs.render("report", "barnsley-peer-review"))
    # The light document's clock starts with the fresh worker that replaces the stopped one: room for its start.
    with TextExtractor(workers=1, timeout_seconds=3.0) as ex:
        results = ex.extract_many({"heavy": heavy, "light": light}, layout=True)
    assert results["heavy"].status == "timeout"
    assert results["light"].status == "ok"


@pytest.mark.parametrize("layout", [False, True], ids=["fast", "layout"])
def test_a_poisoned_pdf_loads_into_the_warehouse(tmp_path, layout):
    """Issue 9 row 2: the document's row, through the pool and the real loader, into a real DuckDB file."""
    from tests.support.pdf_bombs import poisoned_tounicode
    from warehouse.db import open_warehouse
    from warehouse.load import CouncilBatch, DocumentRow, load_council_batch

    path = tmp_path / "poisoned.pdf"
    path.write_bytes(poisoned_tounicode())
    with TextExtractor(workers=1) as ex:
        extraction = ex.extract_many({"p": path}, layout=layout)["p"]
    con = open_warehouse(tmp_path / "w.duckdb")
    batch = CouncilBatch(council="eastmoor")
    batch.documents = [DocumentRow("https://example.org/p.pdf", "Poisoned", None, "0" * 64, 1, extraction)]
    load_council_batch(con, batch, "run-1")
    (text,) = con.execute("SELECT text FROM documents").fetchone()
    assert "library opening hours" in text


def test_rows_are_read_only_for_pages_that_could_hold_a_judgement_table():
    """Positions cost as much as the text: a page naming no judgement label has none (an empty page of rows, so
    pages still count), and what the rows are read for is unchanged where they are read."""
    data = _wrapped_label_table()
    fast = extract_text_fast(data)
    table, heading = fast.layout_text.split("\f")
    assert "Overall effectiveness | Good" in table
    assert heading == ""  # "Inspection of Eastmoor children's services" names no label and no grade
    assert extract_pdf_bytes(data).layout_text.split("\f")[1]  # pdfminer, the reference, reads every page


@pytest.mark.parametrize(
    "page,needed",
    [
        ("Overall effectiveness\nGood", True),  # a label's words, however the text breaks its lines
        ("The Local Safeguarding Children Board is good", True),  # a statement
        ("CiC: Good", True),  # an area as a council paper abbreviates it, beside a grade
        ("The leaders of the council met the budget.", False),  # an area's word but no grade
        ("A good budget report for the cabinet.", False),  # a grade's word but no area
        ("The experiences and progress of\nGood\nchildren who need help and protection", True),  # wrapped round
        ("Effectiveness overall was a theme; the budget is good.", False),  # a label's words, not in its order
        ("Our children's services work well. In May the team was good.", False),  # a statement's words, apart
        ("", False),
    ],
)
def test_which_pages_need_rows(page, needed):
    from transforms.table_pages import needs_rows

    assert needs_rows(page) is needed


@pytest.mark.parametrize(
    "text",
    ["", " \n\f ", "a" * 30, " " * 500 + "b" * 30, "x\u00a0" * 40, ("\n" * 90 + "word ") * 3, "é" * 24 + "\u3000" * 80],
)
@pytest.mark.parametrize("wanted", [1, 25, 75])
def test_visible_characters_are_counted_as_the_text_split_at_whitespace_counts_them(text, wanted):
    from transforms.pdf_text import has_visible_characters

    assert has_visible_characters(text, wanted) == (sum(map(len, text.split())) >= wanted)
