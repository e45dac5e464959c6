"""`peerwatch read`: what PeerWatch reads from a document, without a warehouse (issue 20 item 5). A report in our own
words is drawn as a real PDF (a judgement table whose labels wrap below their grade, as Ofsted's first pages do) and
read through the real CLI and the real extractor."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parents[1]

FIRST_PAGE = ["Inspection of Riverton local authority", "children's services",
              "Inspection dates: 2 to 13 September 2024", "Lead inspector: A. Person, His Majesty's Inspector"]
ROWS = [(["The impact of leaders on social work", "practice with children and families"], "Outstanding"),
        (["The experiences and progress of", "children who need help and protection"], "Good"),
        (["The experiences and progress of", "children in care"], "Requires improvement to be good"),
        (["The experiences and progress of care", "leavers"], "Good"),
        (["Overall effectiveness"], "Good")]


def _report_pdf(path: Path) -> None:
    c = canvas.Canvas(str(path), pagesize=A4)
    y = 790
    for line in FIRST_PAGE:
        c.drawString(60, y, line)
        y -= 18
    c.drawString(60, y, "Judgement")
    c.drawString(380, y, "Grade")
    y -= 22
    for label, grade in ROWS:
        c.drawString(380, y, grade)          # the grade on the label's first line; the label wraps below it
        for part in label:
            c.drawString(60, y, part)
            y -= 14
        y -= 8
    c.drawString(60, y - 20, "Children in Riverton are mostly helped well, and leaders know where to improve.")
    c.showPage()
    c.drawString(60, 790, "What needs to improve?")
    c.drawString(60, 770, "The timeliness of some assessments for children in need.")
    c.save()


def _read(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flows.cli", "read", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)


def test_read_json_gives_the_reviews_judgements_with_page_and_raw_line(tmp_path):
    pdf = tmp_path / "report.pdf"
    _report_pdf(pdf)
    out = _read(str(pdf), "--reported", "2024-11-01", "--json")
    assert out.returncode == 0, out.stderr
    found = json.loads(out.stdout.strip().splitlines()[0])
    assert {"file", "is_review", "review_types", "reason", "worth_a_look", "reviews"} <= set(found)
    assert found["is_review"] and found["review_types"][0] == "ofsted_ilacs"
    review = found["reviews"][0]
    assert (review["fieldwork_start"], review["fieldwork_end"], review["fieldwork_precision"]) == \
        ("2024-09-02", "2024-09-13", "day")
    grades = {j["area"]: j["grade"] for j in review["judgements"]}
    assert grades == {"impact_of_leaders": "outstanding", "help_and_protection": "good",
                      "children_in_care": "requires_improvement", "care_leavers": "good",
                      "overall_effectiveness": "good"}
    in_care = next(j for j in review["judgements"] if j["area"] == "children_in_care")
    assert in_care["page"] == 1 and "children in care" in in_care["raw"] and "Requires improvement" in in_care["raw"]


def test_read_several_files_prints_one_json_line_each_and_text_by_default(tmp_path):
    pdf = tmp_path / "report.pdf"
    _report_pdf(pdf)
    other = tmp_path / "minutes.html"
    other.write_text("<html><body><p>Minutes of the parks committee. Apologies were received.</p></body></html>")
    out = _read(str(pdf), str(other), "--json")
    lines = out.stdout.strip().splitlines()
    assert out.returncode == 0 and len(lines) == 2
    assert json.loads(lines[1])["is_review"] is False
    text = _read(str(pdf), "--title", "Ofsted inspection report").stdout
    assert "impact_of_leaders = outstanding" in text and "[p. 1:" in text


def test_read_a_missing_file_says_so(tmp_path):
    out = _read(str(tmp_path / "nowhere.pdf"))
    assert out.returncode != 0 and "no such file" in out.stderr
