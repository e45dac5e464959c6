"""Does reading with PDFium (text and rows in one pass) change what PeerWatch flags or records, against
reading every document with pdfminer.six's layout analysis (the path before it)? Both on the same publications.

A publication's outcome is its classification and its review records. The flagging, judgements and dates must
be the same or better; quotes (evidence sentences, findings, a judgement's raw line) are each engine's text, and
differ in spacing, hyphens and reading order. Used by the tests and by the PDF benchmark.
"""
from __future__ import annotations

from dataclasses import asdict
from datetime import date

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


def analyse_all(publications: list[Publication], extractions: dict[str, Extraction],
                work: Work | None = None) -> dict[str, dict]:
    """Outcomes by publication key. `work`: where the analysis steps run (here if None)."""
    texts = {k: (e.text, e.layout_text) for k, e in extractions.items() if e.status in ("ok", "no_text")}
    analyses = analyse_publications("compare", publications, texts,
                                    {k for k, e in extractions.items() if not e.may_name_review}, work)
    return {a.url: outcome(a) for a in analyses}


def decided(outcome: dict) -> dict:
    """What an outcome decides: the flagging (the classification without its quoted sentences), and each
    review's type, stage, service area, dates and judgements (area and grade, in a fixed order). `review_types`
    as a set: their order followed the hash seed (issue 20), which says nothing about the reading."""
    classification = {k: v for k, v in outcome["classification"].items() if k not in QUOTES}
    classification["review_types"] = sorted(classification.get("review_types") or [])
    reviews = [{**{k: v for k, v in r.items() if k not in QUOTES},
                "judgements": sorted([j[0], j[1]] for j in r.get("judgements") or [])} for r in outcome["reviews"]]
    return {"classification": classification, "reviews": sorted(reviews, key=lambda r: str(r.get("review_type")))}


def differences(publications: list[Publication], files: dict[str, bytes]) -> tuple[list[str], dict]:
    """Keys of publications whose decisions differ between the two readings, and counts for the report."""
    old = analyse_all(publications, {k: extract_pdf_bytes(d) for k, d in files.items()})
    new = analyse_all(publications, {k: extract_document(d) for k, d in files.items()})
    differ = [k for k in old if decided(old[k]) != decided(new[k])]
    flagged = sum(1 for o in old.values() if o["classification"]["is_review"])
    return differ, {"publications": len(publications), "flagged": flagged, "documents": len(files),
                    "quotes_differ": sum(1 for k in old if old[k] != new[k] and k not in differ)}


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
                publications.append(publication(
                    f"{site.slug}/{item.item_id}", html.unescape(html.unescape(item.title)),
                    "\n\n".join(filter(None, [item.description, item.minutes])), [d.key for d in docs], meeting.when))
    return publications, files
