"""PDF text in two passes, with a recorded outcome for every file.

Outcomes: ok, no_text (a scan: needs OCR), encrypted, corrupt, too_large, unsupported, timeout.

- **Fast text** (`extract_text_fast`, PDFium through pypdfium2, ~30× pdfminer.six per core): the text every
  document gets, for classification and search.
- **Layout pass** (`extract_pdf_bytes`, pdfminer.six with layout analysis): pdfminer's reading-order text
  plus a positional rendering (`layout_text`): text lines grouped into rows by their y position and joined
  left to right with " | ", so a table whose columns pdfminer put in separate boxes reads label | value
  again (ILACS judgement tables). Only positions need it, and only for publications that may be reviews
  (see `flows/harvest.py`), so most documents never pay for it.

Hostile files are contained by the pool of worker processes that runs these functions
(`transforms.pdf_pool.TextExtractor`): a file can cost its own result, never the night.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from transforms.clean import clean_text

EXTRACT_STATUSES = ("ok", "no_text", "encrypted", "corrupt", "too_large", "unsupported", "timeout")
ENGINES = ("pdfium", "pdfminer")
MIN_CHARS_PER_PAGE = 25
MAX_PAGES = 500
MAX_BYTES = 60 * 1024 * 1024


@dataclass
class Extraction:
    status: str
    text: str = ""
    layout_text: str = ""
    pages: int = 0
    error: str | None = None
    engine: str = ""          # "pdfium" (fast text) or "pdfminer" (layout pass); "" when nothing was read
    # False when no sentence of the text can name a review (transforms.classify.could_mention_a_review),
    # worked out in the worker so the main process need not scan the text again.
    may_name_review: bool = True

    @property
    def has_layout(self) -> bool:
        return self.engine == "pdfminer"


def sniff_unsupported(data: bytes) -> str | None:
    head = data[:1024].lstrip().lower()
    if data[:5] == b"%PDF-" or b"%pdf-" in data[:1024].lower():
        return None
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "an HTML page, not a PDF"
    return "not a PDF (no %PDF header)"


def _refuse(data: bytes) -> Extraction | None:
    if len(data) > MAX_BYTES:
        return Extraction("too_large", error=f"{len(data)} bytes")
    reason = sniff_unsupported(data)
    return Extraction("unsupported", error=reason) if reason else None


def _finish(pages_text: list[str], engine: str, layouts: list[str] | None = None) -> Extraction:
    """Join cleaned pages with form feeds (page breaks survive; a poisoned ToUnicode map does not)."""
    from transforms.classify import could_mention_a_review

    pages = len(pages_text)
    text = "\f".join(clean_text(t) for t in pages_text)
    if pages and len(re.sub(r"\s", "", text)) < MIN_CHARS_PER_PAGE * pages:
        text = text.strip()
        return Extraction("no_text", text=text, pages=pages, error="no text layer: needs OCR", engine=engine,
                          may_name_review=could_mention_a_review(text))
    layout = "\f".join(clean_text(t) for t in layouts) if layouts is not None else ""
    return Extraction("ok", text=text, layout_text=layout, pages=pages, engine=engine,
                      may_name_review=could_mention_a_review(text))


def extract_text_fast(data: bytes) -> Extraction:
    """Text of every page from PDFium. Pages and text pages are closed as we go so memory stays flat."""
    refused = _refuse(data)
    if refused:
        return refused
    import pypdfium2 as pdfium

    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            return Extraction("encrypted", error="PdfiumError: password required", engine="pdfium")
        return Extraction("corrupt", error=f"PdfiumError: {str(exc)[:200]}", engine="pdfium")
    try:
        texts = []
        for index in range(min(len(doc), MAX_PAGES)):
            page = doc[index]
            textpage = page.get_textpage()
            try:
                # PDFium ends lines with CRLF; pdfminer (and the sentence splitter) use LF.
                texts.append(textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n") + "\n")
            finally:
                textpage.close()
                page.close()
    except pdfium.PdfiumError as exc:
        return Extraction("corrupt", pages=len(texts), error=f"PdfiumError: {str(exc)[:200]}", engine="pdfium")
    finally:
        doc.close()
    return _finish(texts, "pdfium")


def extract_pdf_bytes(data: bytes) -> Extraction:
    """The layout pass: pdfminer.six reading-order text and the positional rows of every page."""
    read = _read_layout(data, None)      # a MemoryError goes up: the pool records it as too_large
    return read if isinstance(read, Extraction) else _finish(read.texts, "pdfminer", read.layouts)


@dataclass
class LayoutPages:
    """Some pages of a long document read by the layout pass and not yet finished: the pool reads the parts of
    one document side by side and finishes them together (`transforms.pdf_pool`)."""
    texts: list[str]
    layouts: list[str]


def extract_layout_pages(path: str, first: int, stop: int | None) -> LayoutPages | Extraction:
    """Pages first..stop-1 (to the end with None) of a stored document; an Extraction if that went wrong."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return Extraction("corrupt", error=f"could not read the stored file: {exc.__class__.__name__}")
    try:
        return _read_layout(data, range(first, stop if stop is not None else MAX_PAGES))
    except MemoryError:
        return Extraction("too_large", error=MEMORY_LIMIT_ERROR)


def _read_layout(data: bytes, pages: range | None) -> LayoutPages | Extraction:
    refused = _refuse(data)
    if refused:
        return refused
    read = LayoutPages([], [])
    try:
        _read_layout_pages(data, pages, read.texts, read.layouts)
    except MemoryError:
        raise
    except Exception as exc:  # pdfminer raises many types for damaged files (PSEOF, PDFSyntaxError, KeyError…)
        return _layout_failure(exc, len(read.texts))
    return read


def _read_layout_pages(data: bytes, pages: range | None, texts: list[str], layouts: list[str]) -> None:
    """Appends each page's text and positional rows (every page up to MAX_PAGES, or those in `pages`).
    pdfminer lays out each page on its own, so pages read apart give what pages read together give."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer, LTTextLine

    # pdfminer builds every page object up to `maxpages` (those outside `page_numbers` too): stopping at the
    # part's last page saves a part of a long document from building the pages after it.
    last = min(pages.stop, MAX_PAGES) if pages is not None else MAX_PAGES
    for page in extract_pages(io.BytesIO(data), laparams=LAParams(), maxpages=last,
                              page_numbers=set(pages) if pages is not None else None):
        lines = []
        page_text = []
        for element in page:
            if isinstance(element, LTTextContainer):
                page_text.append(element.get_text())
                for line in element:
                    if isinstance(line, LTTextLine) and line.get_text().strip():
                        lines.append((line.x0, line.y0, line.y1, line.get_text().strip()))
        texts.append("".join(page_text))
        layouts.append(rows_by_position(lines))


def _layout_failure(exc: Exception, pages: int) -> Extraction:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    if isinstance(exc, (PDFPasswordIncorrect, PDFEncryptionError)):
        return Extraction("encrypted", error=f"{exc.__class__.__name__}: password required", engine="pdfminer")
    kind = exc.__class__.__name__
    if "password" in kind.lower() or "encrypt" in kind.lower():
        return Extraction("encrypted", error=kind, engine="pdfminer")
    return Extraction("corrupt", pages=pages, error=f"{kind}: {str(exc)[:200]}", engine="pdfminer")


def extract_document(data: bytes, layout: bool = False) -> Extraction:
    return extract_pdf_bytes(data) if layout else extract_text_fast(data)


Line = tuple[float, float, float, str]   # (x0, y0, y1, text)


def rows_by_position(lines: list[Line]) -> str:
    """Group text lines whose vertical extents overlap into one row, left to right.

    Lines are taken top down; a line joins the first earlier row it overlaps by more than half the
    smaller height. Only rows reaching below the line's top can overlap it, and since tops only go down,
    a row that stops above one line stops above every later one: it leaves the open list for good. So
    each line is compared with the few rows of its own band, not with the whole page.
    """
    rows: list[list[Line]] = []
    open_rows: list[tuple[list[Line], list[float]]] = []   # (row, [bottom, top]) of rows still reachable
    for line in sorted(lines, key=lambda ln: (-ln[2], ln[0])):
        x0, y0, y1, text = line
        open_rows = [(row, ext) for row, ext in open_rows if ext[0] < y1]
        for row, ext in open_rows:
            overlap = min(y1, ext[1]) - max(y0, ext[0])
            if overlap > 0.5 * min(y1 - y0, ext[1] - ext[0]):
                row.append(line)
                ext[0], ext[1] = min(ext[0], y0), max(ext[1], y1)
                break
        else:
            row = [line]
            rows.append(row)
            open_rows.append((row, [y0, y1]))
    return "\n".join(" | ".join(ln[3] for ln in sorted(row, key=lambda ln: ln[0])) for row in rows)


def extract_file(path: str, layout: bool = False) -> Extraction:
    """One document from a file (what a worker, local or on a cluster, runs)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:   # the raw store lost the file: not the document's fault, nothing settled
        return Extraction("corrupt", error=f"could not read the stored file: {exc.__class__.__name__}")
    try:
        return extract_document(data, layout)
    except MemoryError:
        return Extraction("too_large", error=MEMORY_LIMIT_ERROR)
    except Exception as exc:  # noqa: BLE001  (a library bug on a strange file must cost only this document)
        return Extraction("corrupt", error=f"{exc.__class__.__name__}: {str(exc)[:200]}")


MEMORY_LIMIT_ERROR = "exceeded the worker's memory limit while decoding"
