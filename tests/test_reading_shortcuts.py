"""The PDF stage's shortcuts change nothing read: rows only for pages that could hold a judgement table, table
readers that pass over prose lines and pages without a label's words. Each is compared with the reading without
it, on the replica's PDFs, a generated corpus and (when ../shared is there) a spread of the real reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from transforms import judgement_tables, pdf_text
from transforms.judgements import ILACS_AREAS, SIF_AREAS, judgements_from_rows
from transforms.table_pages import EVERY_ROW

REAL_REPORTS = Path(__file__).resolve().parents[1] / ".." / "shared" / "realreports" / "pdfs"


def _generated_and_replica_pdfs() -> list[bytes]:
    from benchmarks.pdf_corpus import corpus_publications
    from evaluation.pdf_compare import replica_publications

    _, generated = corpus_publications(documents=40, seed=5, max_pages=6, mix="reviews")
    _, replica = replica_publications()
    return list(generated.values()) + list(replica.values())


def _real_pdfs(every: int) -> list[bytes]:
    if not REAL_REPORTS.is_dir():
        pytest.skip(f"{REAL_REPORTS} is absent: the real reports are not part of the project")
    return [p.read_bytes() for p in sorted(REAL_REPORTS.glob("*.pdf"))[::every]]


def _every_page_with_rows(monkeypatch, data: bytes) -> pdf_text.Extraction:
    with monkeypatch.context() as m:
        m.setattr(pdf_text, "rows_wanted", lambda text: EVERY_ROW)
        return pdf_text.extract_text_fast(data)


def _what_rows_give(layout: str) -> tuple:
    return (
        judgement_tables.read_tables(layout),
        judgements_from_rows(layout, ILACS_AREAS),
        judgements_from_rows(layout, SIF_AREAS),
    )


def _assert_rows_read_the_same(monkeypatch, documents: list[bytes]) -> int:
    skipped = 0
    for data in documents:
        screened, whole = pdf_text.extract_text_fast(data), _every_page_with_rows(monkeypatch, data)
        assert screened.text == whole.text
        assert screened.layout_text.count("\f") == whole.layout_text.count("\f")  # pages still count
        assert _what_rows_give(screened.layout_text) == _what_rows_give(whole.layout_text)
        skipped += sum(1 for a, b in zip(screened.layout_text.split("\f"), whole.layout_text.split("\f")) if a != b)
    return skipped


def test_rows_of_the_pages_passed_over_give_no_judgement_generated_and_replica(monkeypatch):
    assert _assert_rows_read_the_same(monkeypatch, _generated_and_replica_pdfs()) > 50  # and pages are passed over


def test_rows_of_the_pages_passed_over_give_no_judgement_real_reports(monkeypatch):
    assert _assert_rows_read_the_same(monkeypatch, _real_pdfs(every=9)) > 20


def _tables_without_shortcuts(monkeypatch, text: str) -> list:
    with monkeypatch.context() as m:
        m.setattr(judgement_tables, "_begins_no_table", lambda line: False)
        m.setattr(judgement_tables, "has_key", lambda folded, keys: True)
        return judgement_tables.read_tables(text)


def test_table_readers_passing_over_prose_read_every_row_they_read_before(monkeypatch):
    texts = []
    for data in _generated_and_replica_pdfs():
        e = pdf_text.extract_text_fast(data)
        texts += [e.text, e.layout_text]
    if REAL_REPORTS.is_dir():
        for data in _real_pdfs(every=9):
            e = pdf_text.extract_text_fast(data)
            texts += [e.text, e.layout_text]
    rows = 0
    for text in texts:
        fast = judgement_tables.read_tables(text)
        assert fast == _tables_without_shortcuts(monkeypatch, text)
        rows += len(fast)
    assert rows > 100


def _needs_rows_by_scanning(page_text: str) -> bool:
    """The rows screen's definition, every pattern scanned over the whole page: what `needs_rows` must answer."""
    from transforms import table_pages as t
    from transforms.clean import clean_text, plain_punctuation
    from transforms.prefilter import fold

    plain = " ".join((plain_punctuation(clean_text(page_text)) or "").split())
    folded = fold(plain)
    if any(label.search(folded) for label in t._LABELS_IN_ORDER):
        return True
    if any(all(any(s in folded for s in clause) for clause in clauses) for clauses in t._STATEMENTS):
        return True
    return any(u.compiled.search(plain) for u in t._AREAS) and any(u.compiled.search(plain) for u in t._GRADES)


# Pages of our own making with the shapes the screen's short cuts meet: an area written as a case-sensitive
# abbreviation ("CL:") beside the same letters inside words, a grade abbreviation inside words ("priority"), an
# area's name at a page's very start, a label broken over lines, a lower-cased abbreviation that is no area.
ROW_SCREEN_PAGES = [
    "CL: good\nCiC: requires improvement",
    "We include clear plans; cl: none. Priority during the year.",
    "Care leavers\r\nRI",
    "Overall\neffectiveness\nGood",
    "overall: inadequate",
    "Leaders have clarity. The priority is children in care.",
    "CLCL: outstanding",
    "",
]


def test_the_rows_screen_answers_as_every_pattern_scanned_over_the_page():
    from transforms.table_pages import needs_rows

    pages = list(ROW_SCREEN_PAGES)
    documents = _generated_and_replica_pdfs() + (_real_pdfs(every=9) if REAL_REPORTS.is_dir() else [])
    for data in documents:
        pages += pdf_text.extract_text_fast(data, positions=False).text.split("\f")
    said = [needs_rows(page) for page in pages]
    assert said == [_needs_rows_by_scanning(page) for page in pages]
    assert 0 < sum(said) < len(said)


def test_sentences_part_where_their_ways_of_parting_say_without_the_whitespace_lead():
    """`SENTENCE_SPLIT` begins with `(?=\\s)` so the engine looks only at spaces and line breaks: without it, the
    same ways of parting give the same sentences."""
    import re

    from evaluation.pdf_compare import replica_publications
    from transforms.classify import SENTENCE_SPLIT

    lead, inner = "(?=\\s)(?:", SENTENCE_SPLIT.pattern
    assert inner.startswith(lead) and inner.endswith(")")
    plain = re.compile(inner[len(lead) : -1])
    publications, files = replica_publications()
    texts = [p.body for p in publications] + [pdf_text.extract_text_fast(d).text for d in files.values()]
    texts += ["Rated good. Next\n\n• item\n1.2 Section\na) point. (cid:3) x", "End.\u3000Start", "no break"]
    for text in texts:
        assert SENTENCE_SPLIT.split(text) == plain.split(text)


def test_a_page_naming_areas_and_grades_keeps_its_rows_only_if_a_row_could_grade(monkeypatch):
    """A page with an area's name and a grade but no table label is read for rows of two cells or more: a council's
    own summary table ("CiC | RI") keeps its rows; prose with numbered paragraphs ("1. | Leaders …") and a grade in
    a sentence has none, and reading every row of it gives no judgement either."""
    from replica.pdfs import build_slides
    from replica.specs import SlideSpec

    data = build_slides(
        [
            SlideSpec("Our own summary", ["Where we stand after the visit"], [("CiC", "RI"), ("Leaders", "Good")]),
            SlideSpec("Progress", ["1. Leaders describe good progress with care leavers this year."]),
        ]
    )
    screened, whole = pdf_text.extract_text_fast(data), _every_page_with_rows(monkeypatch, data)
    own, prose = screened.layout_text.split("\f")
    from transforms.table_pages import GRADED_ROWS, rows_wanted

    assert [rows_wanted(t) for t in pdf_text.extract_text_fast(data, positions=False).text.split("\f")] == [
        GRADED_ROWS,
        GRADED_ROWS,
    ]
    assert "CiC | RI" in own and prose == ""
    assert whole.layout_text.split("\f")[1] != ""  # rows were there to be had
    assert _what_rows_give(screened.layout_text) == _what_rows_give(whole.layout_text)
    assert judgements_from_rows(screened.layout_text, ILACS_AREAS)
