"""`peerwatch read`: what PeerWatch reads from one or more documents, without a warehouse.

Each file (a PDF, or a saved or live HTML page) is taken as the only document of a publication with the given title
(default "Appendix 1", as a council attaches a report to an agenda item) and date: its classification with the
reason, review types, stage, fieldwork, and judgements with the page and raw line each was read from, and whether
it is worth a look. For a researcher checking why something was or was not flagged, and for a developer adding a
rule. Area and grade names are the warehouse's (docs/outcomes.md).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from flows.inspect import is_url, load_page
from transforms.html_text import page_main_text
from transforms.pdf_text import extract_document, sniff_unsupported
from transforms.reviews import ReviewRecord, classify_and_extract

DEFAULT_TITLE = "Appendix 1"


def document_text(data: bytes) -> tuple[str, str]:
    """(text, layout_text) of a PDF through the layout pass, or the text of an HTML page."""
    if sniff_unsupported(data) is None:
        e = extract_document(data, layout=True)
        return e.text, e.layout_text
    return page_main_text(data), ""


def reading(source: str, title: str = DEFAULT_TITLE, reported: date | None = None) -> dict:
    """What PeerWatch reads from one document, as the JSON object `peerwatch read --json` prints."""
    data, _ = load_page(source, None)
    text, layout = document_text(data)
    c, records = classify_and_extract("read", title, "", [(text, layout)], reported, "peerwatch read")
    return {
        "file": source if is_url(source) else str(Path(source)),
        "is_review": c.is_review,
        "review_types": c.review_types,
        "reason": c.reason(),
        "worth_a_look": c.worth_a_look,
        "reviews": [_review(r) for r in records],
    }


def _review(r: ReviewRecord) -> dict:
    fw, at = r.fieldwork, r.fieldwork_source
    return {
        "review_type": r.review_type,
        "stage": r.stage,
        "fieldwork_start": fw.start.isoformat() if fw and fw.start else None,
        "fieldwork_end": fw.end.isoformat() if fw and fw.end else None,
        "fieldwork_precision": fw.precision if fw else None,
        "fieldwork_raw": fw.raw if fw else None,
        "fieldwork_page": at.page if at and fw else None,
        "fieldwork_line": at.line if at and fw else None,
        "judgements": [_judgement(r, area, grade, raw) for area, grade, raw in r.judgements],
    }


def _judgement(r: ReviewRecord, area: str, grade: str, raw: str) -> dict:
    at = r.judgement_sources.get(area)
    return {"area": area, "grade": grade, "page": at.page if at else None, "raw": at.line if at else raw}


def as_text(found: dict) -> str:
    lines = [
        found["file"],
        f"  {'review' if found['is_review'] else 'not a review'}"
        f"{' (worth a look)' if found['worth_a_look'] else ''}: {found['reason']}",
    ]
    for r in found["reviews"]:
        when = (
            f"{r['fieldwork_start']} to {r['fieldwork_end']} ({r['fieldwork_precision']})"
            if r["fieldwork_precision"]
            else "not stated"
        )
        where = f"  [p. {r['fieldwork_page']}: {r['fieldwork_line']}]" if r["fieldwork_line"] else ""
        lines += [f"  {r['review_type']} ({r['stage']})", f"    fieldwork: {when}{where}"]
        for j in r["judgements"]:
            page = f"p. {j['page']}: " if j["page"] else ""
            lines.append(f"    {j['area']} = {j['grade']}  [{page}{j['raw']}]")
    return "\n".join(lines)


def run(sources: list[str], title: str, reported: date | None, as_json: bool) -> str:
    found = [reading(s, title, reported) for s in sources]
    if as_json:
        return "\n".join(json.dumps(f, ensure_ascii=False) for f in found)
    return "\n\n".join(as_text(f) for f in found)
