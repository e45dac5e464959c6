"""`peerwatch read`: what PeerWatch reads from a document, without a warehouse (issue 20 item 5). A report in our own
words is drawn as a real PDF (a judgement table whose labels wrap below their grade, as Ofsted's first pages do) and
read through the real CLI and the real extractor."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.support.report_pages import report_pdf

ROOT = Path(__file__).resolve().parents[1]


def _read(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "flows.cli", "read", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_read_json_gives_the_reviews_judgements_with_page_and_raw_line(tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(report_pdf())
    out = _read(str(pdf), "--reported", "2024-11-01", "--json")
    assert out.returncode == 0, out.stderr
    found = json.loads(out.stdout.strip().splitlines()[0])
    assert {"file", "is_review", "review_types", "reason", "worth_a_look", "reviews"} <= set(found)
    assert found["is_review"] and found["review_types"][0] == "ofsted_ilacs"
    review = found["reviews"][0]
    assert (review["fieldwork_start"], review["fieldwork_end"], review["fieldwork_precision"]) == (
        "2024-09-02",
        "2024-09-13",
        "day",
    )
    grades = {j["area"]: j["grade"] for j in review["judgements"]}
    assert grades == {
        "impact_of_leaders": "outstanding",
        "help_and_protection": "good",
        "children_in_care": "requires_improvement",
        "care_leavers": "good",
        "overall_effectiveness": "good",
    }
    in_care = next(j for j in review["judgements"] if j["area"] == "children_in_care")
    assert in_care["page"] == 1 and "children in care" in in_care["raw"] and "Requires improvement" in in_care["raw"]


def test_read_several_files_prints_one_json_line_each_and_text_by_default(tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(report_pdf())
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


def test_read_a_url_fetches_the_document(replica):
    # the replica's slide deck of an ILACS presentation, fetched over loopback HTTP
    from flows.read import reading

    url = replica.moderngov_url("eastmoor") + "/documents/s71001/slides.pdf"
    found = reading(url, "Ofsted Inspection of Local Authority Children's Services (ILACS)")
    assert found["file"] == url
    assert "ofsted_ilacs" in found["reason"] and (found["is_review"] or found["worth_a_look"])
