"""Does reading with PDFium (text and rows in one pass) change what PeerWatch flags or records, against
reading every document with pdfminer.six's layout analysis (the path before it)? Both on the same publications.

A publication's outcome is its classification and its review records. The flagging, judgements and dates must
be the same or better; quotes (evidence sentences, findings, a judgement's raw line) are each engine's text, and
differ in spacing, hyphens and reading order. Used by the tests and by the PDF benchmark.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date

from evaluation.reports import ILACS_COLUMNS, SIF_COLUMNS
from transforms.analysis import Publication, analyse_publications
from transforms.pdf_pool import Work
from transforms.pdf_text import Extraction, extract_document, extract_pdf_bytes

# The parts of an outcome that are an engine's own text, not a decision.
QUOTES = ("evidence", "look_evidence", "findings", "team")


def publication(key: str, title: str, body: str, documents: list[str], reported: date | None) -> Publication:
    """An agenda item of the comparison corpus (its documents by key)."""
    return Publication(key, "agenda_item", title, body, documents, reported, "compare")


def outcome(analysis) -> dict:
    """What the warehouse keeps of an analysis: classification and review records, as plain data."""
    return {"classification": asdict(analysis.classification), "reviews": [asdict(r) for r in analysis.reviews]}


def analyse_all(
    publications: list[Publication], extractions: dict[str, Extraction], work: Work | None = None
) -> dict[str, dict]:
    """Outcomes by publication key. `work`: where the analysis steps run (here if None)."""
    texts = {k: (e.text, e.layout_text) for k, e in extractions.items() if e.status in ("ok", "no_text")}
    analyses = analyse_publications(
        "compare", publications, texts, {k for k, e in extractions.items() if not e.may_name_review}, work
    )
    return {a.url: outcome(a) for a in analyses}


def decided(outcome: dict) -> dict:
    """What an outcome decides: the flagging (the classification without its quoted sentences), and each
    review's type, stage, service area, fieldwork dates and precision, and judgements (area and grade, in a fixed
    order). `review_types`
    as a set: their order followed the hash seed (issue 20), which says nothing about the reading."""
    classification = {k: v for k, v in outcome["classification"].items() if k not in QUOTES}
    classification["review_types"] = sorted(classification.get("review_types") or [])
    reviews = [
        {
            **{k: v for k, v in r.items() if k not in QUOTES},
            "fieldwork": _dates(r.get("fieldwork")),
            "judgements": sorted([j[0], j[1]] for j in r.get("judgements") or []),
        }
        for r in outcome["reviews"]
    ]
    return {"classification": classification, "reviews": sorted(reviews, key=lambda r: str(r.get("review_type")))}


def _dates(fieldwork) -> tuple | None:
    """A fieldwork's dates and precision (its raw words and where they were are quotes)."""
    if not fieldwork:
        return None
    get = fieldwork.get if isinstance(fieldwork, dict) else lambda name: getattr(fieldwork, name, None)
    return str(get("start")), str(get("end")), get("precision")


def differences(publications: list[Publication], files: dict[str, bytes]) -> tuple[list[str], dict]:
    """Keys of publications whose decisions differ between the two readings, and counts for the report."""
    old = analyse_all(publications, {k: extract_pdf_bytes(d) for k, d in files.items()})
    new = analyse_all(publications, {k: extract_document(d) for k, d in files.items()})
    differ = [k for k in old if decided(old[k]) != decided(new[k])]
    flagged = sum(1 for o in old.values() if o["classification"]["is_review"])
    return differ, {
        "publications": len(publications),
        "flagged": flagged,
        "documents": len(files),
        "quotes_differ": sum(1 for k in old if old[k] != new[k] and k not in differ),
    }


def replica_publications() -> tuple[list[Publication], dict[str, bytes]]:
    """Every agenda item of the replica's council sites with the PDFs it attaches."""
    import html

    from replica import content, pdfs

    publications, files = [], {}
    for site in content.SITES:
        for meeting in site.meetings:
            for item in meeting.items:
                docs = ([item.report] if item.report else []) + list(item.additional)
                for d in docs:
                    files.setdefault(d.key, pdfs.render(d.kind, d.key))
                publications.append(
                    publication(
                        f"{site.slug}/{item.item_id}",
                        html.unescape(html.unescape(item.title)),
                        "\n\n".join(filter(None, [item.description, item.minutes])),
                        [d.key for d in docs],
                        meeting.when,
                    )
                )
    return publications, files


# -- real reports with their published judgements (a folder laid out like ../shared/realreports) -------------------
NOT_SCORED = ("", "inspection_pre_dates_judgement")


def published_readings(folder) -> dict[str, dict]:
    """What each report states, by file stem: {"review_types": [its framework], "judgements": {area: grade or
    None}, "start", "end"} (None: the report gives no such grade, so reading one is wrong)."""
    import csv
    from datetime import datetime
    from pathlib import Path

    def day(value: str) -> str | None:
        return datetime.strptime(value, "%d/%m/%Y").date().isoformat() if value else None

    found = {}
    for name, columns, framework in (
        ("ilacs.csv", ILACS_COLUMNS, "ofsted_ilacs"),
        ("sif.csv", SIF_COLUMNS, "ofsted_sif"),
    ):
        with open(Path(folder) / name, newline="") as f:
            for row in csv.DictReader(f):
                judgements = {}
                for column, area in columns.items():
                    value = row.get(column, "").strip()
                    if value in NOT_SCORED:
                        continue
                    if area == "children_in_care" and row.get("care_leavers_grade") == "inspection_pre_dates_judgement":
                        area = "children_in_care_and_care_leavers"  # one judgement before 2023
                    judgements[area] = None if value == "not_reported_post_reform" else value.replace(" ", "_")
                found[Path(row["file"]).stem] = {
                    "review_types": [framework],
                    "judgements": judgements,
                    "start": day(row.get("inspection_start_date", "")),
                    "end": day(row.get("inspection_end_date", "")),
                }
    return found


def score(outcome: dict, truth: dict) -> tuple[int, int, int, int]:
    """How well an outcome reads what a document states (`truth`: {"review_types", and where stated "start",
    "end", "judgements"}): (its types found, minus the types found that it does not report, judgements read as
    stated, fieldwork exact). Outcomes as plain data (dates as ISO text)."""
    types = set(outcome["classification"].get("review_types") or [])
    stated = set(truth.get("review_types") or [])
    records = [r for r in outcome["reviews"] if r["review_type"] in stated] or outcome["reviews"][:1]
    read = {j[0]: j[1] for j in (records[0].get("judgements") or [])} if records else {}
    right = sum(1 for area, grade in (truth.get("judgements") or {}).items() if read.get(area) == grade)
    fieldwork = (records[0].get("fieldwork") or {}) if records else {}
    exact = int(
        bool(truth.get("start"))
        and (str(fieldwork.get("start")), str(fieldwork.get("end"))) == (truth.get("start"), truth.get("end"))
    )
    return len(types & stated), -len(types - stated), right, exact


def worse_than_before(old: dict, new: dict, truths: dict[str, dict | None]) -> tuple[list[str], list[str]]:
    """Of the publications whose decisions differ, those the new outcome reads worse than the old one (fewer of
    the review types the document states, fewer judgements as stated, an exact fieldwork lost; or no truth
    known), and those it reads at least as well. A type found that the document does not state (an extra,
    secondary record: the framework told from the wrong clue, issue 20) is counted by `extra_types`, apart."""
    worse, better = [], []
    for key in old:
        if key not in new or decided(old[key]) == decided(new[key]):
            continue
        truth = truths.get(key)
        if truth is None:
            worse.append(key)
            continue
        (found_old, _, right_old, exact_old), (found_new, _, right_new, exact_new) = (
            score(old[key], truth),
            score(new[key], truth),
        )
        lost = found_new < found_old or right_new < right_old or exact_new < exact_old
        (worse if lost else better).append(key)
    return worse, better


def extra_types(old: dict, new: dict, truths: dict[str, dict | None]) -> list[str]:
    """Publications where the new outcome names more review types the document does not state than the old."""
    return [
        k
        for k in old
        if k in new and truths.get(k) is not None and score(new[k], truths[k])[1] < score(old[k], truths[k])[1]
    ]
