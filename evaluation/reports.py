"""Score PeerWatch's reading of real Ofsted reports (`peerwatch evaluate --reports DIR`).

The folder is laid out like `../shared/realreports`: `pdfs/*.pdf` with `ilacs.csv` and `sif.csv` giving, for each
file, the judgements and inspection dates the report states. Each PDF is read as a council attaches it: the only
document of an agenda item titled "Appendix 1", reported on its publication date.

Scored: judgements right per area (a `not_reported_post_reform` cell is right when no overall grade is read), reports
with every judgement right, fieldwork exact (start and end), no overall grade on a post-reform report, and every
report classified as a review of its framework. Blank cells are not scored.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from transforms.pdf_text import Extraction, extract_document
from transforms.reviews import ReviewRecord, classify_and_extract

TITLE = "Appendix 1"
NOT_REPORTED = "not_reported_post_reform"  # the post-reform reports give no overall effectiveness grade
PRE_DATES = "inspection_pre_dates_judgement"  # care leavers were judged with children in care before 2023
GRADES = {
    "outstanding": "outstanding",
    "good": "good",
    "requires improvement": "requires_improvement",
    "inadequate": "inadequate",
}
# Labels we believe wrong, held by name so the reader stays right: (file, column) -> the value the report states.
ERRATA: dict[tuple[str, str], str] = {
    # the cell reads "to requires improvement" (a fragment of "improved to requires improvement"?); the report's
    # table gives requires improvement for help and protection
    ("80559-southend-on-sea-2019-08-27.pdf", "help_and_protection_grade"): "requires improvement",
    # the report's table and its section headings give help and protection requires improvement, children in care
    # good, care leavers outstanding; the row has the three shifted
    ("80560-st-helens-2023-09-04.pdf", "help_and_protection_grade"): "requires improvement",
    ("80560-st-helens-2023-09-04.pdf", "in_care_grade"): "good",
    ("80560-st-helens-2023-09-04.pdf", "care_leavers_grade"): "outstanding",
}
# column -> area, per framework (the warehouse's names, see docs/outcomes.md)
ILACS_COLUMNS = {
    "overall_effectiveness_grade": "overall_effectiveness",
    "impact_of_leaders_grade": "impact_of_leaders",
    "help_and_protection_grade": "help_and_protection",
    "in_care_grade": "children_in_care",
    "care_leavers_grade": "care_leavers",
}
SIF_COLUMNS = {
    "overall_effectiveness_grade": "overall_effectiveness",
    "impact_of_leaders_grade": "leadership_management_governance",
    "help_and_protection_grade": "help_and_protection",
    "sif_looked_after_grade": "children_looked_after",
    "sif_adoption_grade": "adoption",
    "care_leavers_grade": "care_leavers",
}


@dataclass
class Expected:
    file: str
    framework: str  # ofsted_ilacs | ofsted_sif
    reported: date
    judgements: dict[str, str | None]  # area -> grade; None: the report gives none (post-reform overall)
    fieldwork: tuple[date, date] | None


@dataclass
class ReportScore:
    reports: int = 0
    judgements: list[int] = field(default_factory=lambda: [0, 0])  # right, total
    by_framework: dict[str, list[int]] = field(default_factory=dict)
    all_right: int = 0
    fieldwork: list[int] = field(default_factory=lambda: [0, 0])
    invented_overall: int = 0
    post_reform: int = 0
    classified: int = 0
    misses: list[str] = field(default_factory=list)

    def ratio(self, pair: list[int]) -> float:
        return pair[0] / pair[1] if pair[1] else 1.0


def _date(text: str, fmt: str) -> date | None:
    return datetime.strptime(text.strip(), fmt).date() if text.strip() else None


def _expected_row(row: dict[str, str], framework: str) -> Expected:
    columns = ILACS_COLUMNS if framework == "ofsted_ilacs" else SIF_COLUMNS
    judgements: dict[str, str | None] = {}
    combined = row.get("care_leavers_grade") == PRE_DATES
    for column, area in columns.items():
        value = ERRATA.get((row["file"], column), row.get(column, "")).strip().lower()
        if not value or value == PRE_DATES:
            continue
        if area == "children_in_care" and combined:
            area = "children_in_care_and_care_leavers"
        judgements[area] = None if value == NOT_REPORTED else GRADES[value]
    start, end = _date(row["inspection_start_date"], "%d/%m/%Y"), _date(row["inspection_end_date"], "%d/%m/%Y")
    return Expected(
        row["file"],
        framework,
        _date(row["publication_date"], "%d/%m/%y"),
        judgements,
        (start, end) if start and end else None,
    )


def expected_reports(folder: Path) -> list[Expected]:
    out = []
    for name, framework in (("ilacs.csv", "ofsted_ilacs"), ("sif.csv", "ofsted_sif")):
        path = folder / name
        if path.exists():
            with path.open(newline="", encoding="utf-8") as f:
                out += [_expected_row(row, framework) for row in csv.DictReader(f)]
    return out


def read_pdf(path: Path) -> tuple[str, str]:
    """Text and positional rows of one report, through the same extraction call the harvest makes."""
    if not path.is_file():
        return "", ""  # listed but absent: scored as read, every judgement a miss
    e: Extraction = extract_document(path.read_bytes(), layout=True)
    return e.text, e.layout_text


def read_and_analyse(path: Path, reported: date | None):
    """One report read and analysed (in a worker: the reading is most of the work)."""
    text, layout = read_pdf(path)
    return reading_of(text, layout, reported)


def reading_of(text: str, layout: str, reported: date | None):
    """What PeerWatch reads from the report as the only document of an "Appendix 1" item."""
    return classify_and_extract("evaluation", TITLE, "", [(text, layout)], reported, "evaluation")


def readings(folder: Path, expected: list[Expected], workers: int | None = None) -> list:
    """(classification, records) of every report, over a pool of processes (one per core, at most two)."""
    paths = [folder / "pdfs" / e.file for e in expected]
    dates = [e.reported for e in expected]
    workers = workers or min(2, os.cpu_count() or 1)
    if workers <= 1:
        return [read_and_analyse(p, d) for p, d in zip(paths, dates)]
    with ProcessPoolExecutor(workers) as pool:
        return list(pool.map(read_and_analyse, paths, dates, chunksize=2))


def score_reports(folder: Path, read: Callable[[list[Path]], Iterable[tuple[str, str]]] | None = None) -> ReportScore:
    """Score every report of the folder. `read`: (text, layout_text) of each file, in place of the extraction
    (a cache while developing); by default each report is read and analysed in a pool of processes."""
    expected = expected_reports(folder)
    if read is None:
        found = readings(folder, expected)
    else:
        texts = read([folder / "pdfs" / e.file for e in expected])
        found = [reading_of(text, layout, e.reported) for e, (text, layout) in zip(expected, texts)]
    score = ReportScore()
    for want, (classification, records) in zip(expected, found):
        _score_one(score, want, classification, records[0] if records else None)
    return score


def _score_one(score: ReportScore, want: Expected, classification, main: ReviewRecord | None) -> None:
    score.reports += 1
    if classification.is_review and classification.primary_type == want.framework:
        score.classified += 1
    else:
        score.misses.append(
            f"{want.file}: classified {classification.review_types or 'not a review'}, expected {want.framework}"
        )
    got = {a: g for a, g, *_ in (main.judgements if main else [])}
    frame = score.by_framework.setdefault(want.framework, [0, 0])
    every = True
    for area, grade in want.judgements.items():
        ok = got.get(area) == grade if grade is not None else area not in got
        if grade is None:
            score.post_reform += 1
            score.invented_overall += int(not ok)
        score.judgements[0] += ok
        score.judgements[1] += 1
        frame[0] += ok
        frame[1] += 1
        every &= ok
        if not ok:
            score.misses.append(f"{want.file}: {area} expected {grade or 'none'}, got {got.get(area, 'none')}")
    score.all_right += every
    if want.fieldwork:
        fw = main.fieldwork if main else None
        read = (fw.start, fw.end) if fw else None
        ok = read == want.fieldwork
        score.fieldwork[0] += ok
        score.fieldwork[1] += 1
        if not ok:
            score.misses.append(
                f"{want.file}: fieldwork expected {want.fieldwork[0]}..{want.fieldwork[1]}, got "
                f"{f'{read[0]}..{read[1]} ({fw.raw!r})' if fw else 'none'}"
            )


def format_report_score(score: ReportScore) -> str:
    j, f = score.judgements, score.fieldwork
    lines = [
        f"PeerWatch reading of {score.reports} real reports",
        "",
        f"{'judgements right':30} {score.ratio(j):.2f}  ({j[0]}/{j[1]})",
    ]
    for framework, pair in sorted(score.by_framework.items()):
        lines.append(f"{'  ' + framework:30} {score.ratio(pair):.2f}  ({pair[0]}/{pair[1]})")
    lines += [
        f"{'every judgement right':30} {score.all_right / score.reports if score.reports else 1:.2f}  "
        f"({score.all_right}/{score.reports})",
        f"{'fieldwork exact':30} {score.ratio(f):.2f}  ({f[0]}/{f[1]})",
        f"{'overall read on post-reform':30} {score.invented_overall}  (of {score.post_reform})",
        f"{'classified as its framework':30} {score.classified}/{score.reports}",
        "",
    ]
    lines.append(f"misses ({len(score.misses)}):" if score.misses else "misses: none")
    lines += [f"  - {m}" for m in score.misses]
    return "\n".join(lines)
