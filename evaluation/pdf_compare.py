"""Does fast text first change what PeerWatch flags or records? Both paths on the same publications.

The old path reads every document with the layout pass (pdfminer: text and rows) and analyses it. The new
path reads every document with PDFium and lets `analyse_publications` send the publications that name a review
through the layout pass, as the nightly flow does. A publication's outcome is its classification and its
review records; the two paths must give equal outcomes. Used by the tests and by the PDF benchmark.
"""
from __future__ import annotations

from dataclasses import asdict
from datetime import date

from transforms.analysis import Publication, SecondLook, analyse_publications
from transforms.pdf_pool import Work, WorkHere
from transforms.pdf_text import Extraction, extract_pdf_bytes, extract_text_fast


def publication(key: str, title: str, body: str, documents: list[str], reported: date | None) -> Publication:
    """An agenda item of the comparison corpus (its documents by key)."""
    return Publication(key, "agenda_item", title, body, documents, reported, "compare")


def outcome(analysis) -> dict:
    """What the warehouse keeps of an analysis: classification and review records, as plain data."""
    return {"classification": asdict(analysis.classification), "reviews": [asdict(r) for r in analysis.reviews]}


def analyse_all(publications: list[Publication], extractions: dict[str, Extraction],
                work: Work | None = None) -> dict[str, dict]:
    """Outcomes by publication key. `work`: where the analysis runs (here if None); with a layout pass (a
    pool's `work(paths_of)`, or `WorkHere(layout_pass)`) publications that name a review get their second look."""
    texts = {k: (e.text, e.layout_text) for k, e in extractions.items() if e.status in ("ok", "no_text")}
    look = SecondLook([], texts) if work is not None and work.reads_layout else None
    analyses = analyse_publications("compare", publications, texts, look,
                                    {k for k, e in extractions.items() if not e.may_name_review}, work)
    return {a.url: outcome(a) for a in analyses}


def differences(publications: list[Publication], files: dict[str, bytes]) -> tuple[list[str], dict]:
    """Keys of publications whose outcome differs between the two paths, and counts for the report."""
    old = analyse_all(publications, {k: extract_pdf_bytes(d) for k, d in files.items()})
    layout_reads: list[str] = []

    def layout_pass(keys: list[str]) -> dict[str, Extraction]:
        layout_reads.extend(keys)
        return {k: extract_pdf_bytes(files[k]) for k in keys}

    new = analyse_all(publications, {k: extract_text_fast(d) for k, d in files.items()}, WorkHere(layout_pass))
    differ = [k for k in old if old[k] != new[k]]
    flagged = sum(1 for o in old.values() if o["classification"]["is_review"])
    return differ, {"publications": len(publications), "flagged": flagged, "documents": len(files),
                    "layout_pass_documents": len(set(layout_reads))}


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
