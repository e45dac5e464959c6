"""`peerwatch evaluate --reports`: PeerWatch's reading of the real Ofsted reports in ../shared/realreports, each taken
as the only document of an agenda item titled "Appendix 1" (issue 20). Skips when the folder is absent (a clean
clone has no ../shared). The figures are the issue's bar; the reader reached 1.00 on every one of them here."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.reports import format_report_score, score_reports

REPORTS = Path(__file__).resolve().parents[1] / ".." / "shared" / "realreports"


@pytest.fixture(scope="module")
def score():
    if not (REPORTS / "pdfs").is_dir():
        pytest.skip(f"{REPORTS} is absent: the real Ofsted reports are not in this checkout")
    return score_reports(REPORTS)


def test_judgements_are_read_as_the_reports_state_them(score):
    j = score.judgements
    assert j[0] / j[1] >= 0.99, format_report_score(score)
    assert score.all_right / score.reports >= 0.97, format_report_score(score)


def test_fieldwork_is_the_inspections_own_dates(score):
    f = score.fieldwork
    assert f[0] / f[1] >= 0.98, format_report_score(score)


def test_no_overall_grade_is_invented_on_post_reform_reports(score):
    assert score.post_reform > 0
    assert score.invented_overall == 0, format_report_score(score)


def test_every_report_is_a_review_of_its_framework(score):
    assert score.classified == score.reports, format_report_score(score)
