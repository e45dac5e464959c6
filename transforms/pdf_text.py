"""PDF text and positions, with a recorded outcome for every file.

Outcomes: ok, no_text (a scan: needs OCR), encrypted, corrupt, too_large, unsupported, timeout.

- **Fast reading** (`extract_text_fast`, PDFium through pypdfium2, ~30× pdfminer.six per core): every
  document's text, for classification and search, and in the same pass the positional rendering
  (`layout_text`) of each page that could hold a judgement table (`transforms.table_pages`; other pages'
  rows are empty, and cost nothing): the runs of characters PDFium keeps together (one text object's characters), grouped into
  rows by their y position, neighbours in a row joined into one cell unless a gap wider than a line's height
  (about two characters) parts them, and cells joined left to right with " | ", so a table reads "label |
  grade" again (ILACS judgement tables) while the words of a sentence stay in one cell. Each page's text ends
  with a blank line (`PAGE_END`).
- **pdfminer.six** (`extract_pdf_bytes`, with its layout analysis): the same two things by pdfminer's text
  lines. The fallback for a file PDFium cannot open, and the reference the PDFium rows are tested against.

Hostile files are contained by the pool of worker processes that runs these functions
(`transforms.pdf_pool.TextExtractor`): a file can cost its own result, never the night.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from transforms.clean import clean_text
from transforms.table_pages import GRADED_ROWS, rows_could_grade, rows_wanted

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
    engine: str = ""  # "pdfium" (fast reading) or "pdfminer" (fallback); "" when nothing was read
    # False when no sentence of the text can name a review (transforms.classify.could_mention_a_review),
    # worked out in the worker so the main process need not scan the text again.
    may_name_review: bool = True

    @property
    def has_layout(self) -> bool:
        """Positional rows are there (whichever engine read them)."""
        return bool(self.layout_text)


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


def has_visible_characters(text: str, wanted: int) -> bool:
    """Does `text` hold at least `wanted` characters other than whitespace? Counted in a stretch from its start
    four times that long first: a page of text has them there, and the whole of a long text is not split."""
    head = text[: 4 * wanted]
    if sum(map(len, head.split())) >= wanted:
        return True
    return len(head) < len(text) and sum(map(len, text.split())) >= wanted


def _finish(pages_text: list[str], engine: str, layouts: list[str] | None = None) -> Extraction:
    """Join cleaned pages with form feeds (page breaks survive; a poisoned ToUnicode map does not)."""
    from transforms.classify import could_mention_a_review

    pages = len(pages_text)
    text = "\f".join(clean_text(t) for t in pages_text)
    if pages and not has_visible_characters(text, MIN_CHARS_PER_PAGE * pages):
        text = text.strip()
        return Extraction(
            "no_text",
            text=text,
            pages=pages,
            error="no text layer: needs OCR",
            engine=engine,
            may_name_review=could_mention_a_review(text),
        )
    layout = "\f".join(clean_text(t) for t in layouts) if layouts is not None else ""
    return Extraction(
        "ok", text=text, layout_text=layout, pages=pages, engine=engine, may_name_review=could_mention_a_review(text)
    )


def extract_text_fast(data: bytes, positions: bool = True) -> Extraction:
    """Text of every page from PDFium, and with `positions` its rows (`layout_text`), in one pass. Pages and
    text pages are closed as we go so memory stays flat."""
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
    texts: list[str] = []
    layouts: list[str] = []
    try:
        for index in range(min(len(doc), MAX_PAGES)):
            page = doc[index]
            textpage = page.get_textpage()
            try:
                text = textpage.get_text_range()
                if positions:
                    # rows only where a judgement table could be: an empty page of rows elsewhere (page numbers hold)
                    wanted = rows_wanted(text)
                    layouts.append(pdfium_rows(textpage, text, graded_only=wanted == GRADED_ROWS) if wanted else "")
                # PDFium ends lines with CRLF; pdfminer (and the sentence splitter) use LF. A page's text ends its
                # last sentence: what follows is the next page's running header ("Inspection of X children's
                # services"), which glued to a table's last cells read as one sentence (see PAGE_END).
                texts.append(text.replace("\r\n", "\n").replace("\r", "\n") + PAGE_END)
            finally:
                textpage.close()
                page.close()
    except pdfium.PdfiumError as exc:
        return Extraction("corrupt", pages=len(texts), error=f"PdfiumError: {str(exc)[:200]}", engine="pdfium")
    finally:
        doc.close()
    return _finish(texts, "pdfium", layouts if positions else None)


# A text rectangle of PDFium (one text object's run of characters on a page): (x0, y0, y1, n, x1) in PDF points
# (y up), n its place in PDFium's text order.
Box = tuple[float, float, float, int, float]


# PDFium's text breaks lines but never leaves a blank line, so without one at a page's end the next page's
# running header joins the last sentence. (Blank lines inside a page, from positions, were tried: they made
# the classifier's paragraphs smaller than pdfminer's text ever gave it, and real reports read worse.)
PAGE_END = "\n\n"


def pdfium_rows(textpage, text: str, graded_only: bool = False) -> str:
    """A page's rows of cells from PDFium: its text rectangles grouped into rows by their y extents (`_rows`),
    neighbours in a row into cells (`_cells`), each cell's text sliced from the page's text (`text`, as
    `get_text_range` gave it). Rectangles come in text order, so a cell's rectangles that follow each other in
    that order are one slice of the text, and only where such a run starts is a character looked up by position.
    (PDFium's own "text inside this rectangle" takes every character a rectangle touches, so a kerned apostrophe
    came twice, and it walks the whole page for every rectangle.)

    `graded_only`: the rows are wanted only if a row of two cells or more could give a graded row
    (`transforms.table_pages.rows_could_grade`); else the page has none (""). Those rows are read first, and the
    rest only if they could: looking characters up is most of the cost, and a page of prose has few such rows
    (numbered paragraphs, a running header and its page number). A page whose text holds a "|" is read whole, as
    any of its rows could then read as two cells."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    handle = textpage.raw
    left, top, right, bottom = (ctypes.c_double() for _ in range(4))
    # (one C call per rectangle, a few hundred a page: names bound here, not looked up each time)
    get_rect, add = pdfium_c.FPDFText_GetRect, (boxes := []).append
    l_ref, t_ref, r_ref, b_ref = ctypes.byref(left), ctypes.byref(top), ctypes.byref(right), ctypes.byref(bottom)
    for n in range(pdfium_c.FPDFText_CountRects(handle, 0, -1)):
        get_rect(handle, n, l_ref, t_ref, r_ref, b_ref)
        add((left.value, bottom.value, top.value, n, right.value))
    rows = [[_runs(cell) for cell in _cells(row)] for row in _rows(boxes)]  # each row's cells, each cell's runs
    same_index = len(text) == pdfium_c.FPDFText_CountChars(handle)
    starts: dict[int, int] = {}
    if graded_only and "|" not in text:
        several = [row for row in rows if len(row) > 1]
        starts = _run_starts(handle, boxes, [cell for row in several for cell in row], same_index)
        if not several or not rows_could_grade(_lines(textpage, text, boxes, several, starts)):
            return ""
    starts = _run_starts(handle, boxes, [cell for row in rows for cell in row], same_index, starts)
    return "\n".join(line for line in _lines(textpage, text, boxes, rows, starts) if line)


def _lines(textpage, text: str, boxes: list[Box], rows: list[list[list[list[Box]]]], starts: dict[int, int]):
    """Each row's line: its cells' texts joined by " | "."""
    lines = []
    for row in rows:
        texts = [
            " ".join(" ".join(_run_text(textpage, text, boxes, run, starts) for run in cell).split()) for cell in row
        ]
        lines.append(" | ".join(_bullets_kept_with_their_text([t for t in texts if t])))
    return lines


def _bullets_kept_with_their_text(texts: list[str]) -> list[str]:
    """A list's bullet ("•", "◼") is set apart from its text by an indent, but it is not a cell of a table: it
    goes with the text after it, as pdfminer's lines have it."""
    kept: list[str] = []
    for t in texts:
        if kept and len(kept[-1]) == 1 and not kept[-1].isalnum():
            kept[-1] = f"{kept[-1]} {t}"
        else:
            kept.append(t)
    return kept


def _run_starts(
    handle, boxes: list[Box], runs: list[list[list[Box]]], same_index: bool, known: dict[int, int] | None = None
) -> dict[int, int]:
    """Where in the page's text each run's first rectangle, and the rectangle after its last, start: the
    character under the rectangle's left edge (-1 when none is). `known`: starts already looked up."""
    import pypdfium2.raw as pdfium_c

    wanted = {run[0][3] for cell in runs for run in cell} | {run[-1][3] + 1 for cell in runs for run in cell}
    starts = dict(known or {})
    for n in sorted(wanted):
        if n >= len(boxes) or n in starts:
            continue
        x0, y0, y1, _, x1 = boxes[n]
        start = pdfium_c.FPDFText_GetCharIndexAtPos(handle, x0 + min(0.5, (x1 - x0) / 4), (y0 + y1) / 2, 0.5, y1 - y0)
        starts[n] = (
            pdfium_c.FPDFText_GetTextIndexFromCharIndex(handle, start) if start >= 0 and not same_index else start
        )
    return starts


def _run_text(textpage, text: str, boxes: list[Box], run: list[Box], starts: dict[int, int]) -> str:
    start, end = starts[run[0][3]], starts.get(run[-1][3] + 1, len(text))
    if 0 <= start < end:
        return text[start:end]
    # A start not found or out of order (overlapping glyphs): the rectangles' own text from PDFium.
    return " ".join(textpage.get_text_bounded(b[0], b[1], b[4], b[2]) for b in run)


# Two rectangles in a row are one cell unless a gap wider than this many times their height parts them: about
# pdfminer's `char_margin` (two characters' widths, a character about half a line high), which is what made its
# lines, so label and grade cells part where pdfminer parts them and the words of a sentence stay together.
CELL_GAP_HEIGHTS = 1.0


def _cells(row: list[Box]) -> list[list[Box]]:
    """A row's rectangles left to right, neighbours closer than CELL_GAP_HEIGHTS joined into one cell."""
    cells: list[list[Box]] = []
    right = height = 0.0
    for box in sorted(row, key=lambda b: b[0]):
        box_height = box[2] - box[1]
        if cells and box[0] - right <= CELL_GAP_HEIGHTS * max(height, box_height):
            cells[-1].append(box)
            right, height = max(right, box[4]), max(height, box_height)
        else:
            cells.append([box])
            right, height = box[4], box_height
    return cells


def _runs(cell: list[Box]) -> list[list[Box]]:
    """A cell's rectangles in runs that follow each other in text order (most cells are one run)."""
    runs: list[list[Box]] = []
    for box in cell:
        if runs and box[3] == runs[-1][-1][3] + 1:
            runs[-1].append(box)
        else:
            runs.append([box])
    return runs


def extract_pdf_bytes(data: bytes) -> Extraction:
    """pdfminer.six's reading: its text, and its text lines as rows of every page (the fallback, and the
    reference PDFium's rows are tested against)."""
    refused = _refuse(data)
    if refused:
        return refused
    texts: list[str] = []
    layouts: list[str] = []
    try:
        _read_layout_pages(data, texts, layouts)
    except MemoryError:
        raise  # the pool records it as too_large
    except Exception as exc:  # pdfminer raises many types for damaged files (PSEOF, PDFSyntaxError, KeyError…)
        return _layout_failure(exc, len(texts))
    return _finish(texts, "pdfminer", layouts)


def _read_layout_pages(data: bytes, texts: list[str], layouts: list[str]) -> None:
    """Appends each page's text and positional rows (every page up to MAX_PAGES)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer, LTTextLine

    for page in extract_pages(io.BytesIO(data), laparams=LAParams(), maxpages=MAX_PAGES):
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


def extract_document(data: bytes, layout: bool = True) -> Extraction:
    """One document's text and, with `layout`, its rows: PDFium's reading, or pdfminer's when PDFium could not
    open or read the file and pdfminer can (it is more forgiving of some damage)."""
    read = extract_text_fast(data, positions=layout)
    if read.status != "corrupt":
        return read
    again = extract_pdf_bytes(data)
    return again if again.status in ("ok", "no_text") else read


Line = tuple[float, float, float, str]  # (x0, y0, y1, text)


def rows_by_position(lines: list[Line]) -> str:
    """pdfminer's text lines as rows, each line a cell (see `_rows`)."""
    return "\n".join(" | ".join(ln[3] for ln in sorted(row, key=lambda ln: ln[0])) for row in _rows(lines))


def _rows(lines: list) -> list[list]:
    """Group text lines (or runs) whose vertical extents overlap into one row, rows top down.

    Lines are taken top down; a line joins the first earlier row it overlaps by more than half the
    smaller height. Only rows reaching below the line's top can overlap it, and since tops only go down,
    a row that stops above one line stops above every later one: it leaves the open list for good. So
    each line is compared with the few rows of its own band, not with the whole page.
    """
    rows: list[list[Line]] = []
    open_rows: list[tuple[list[Line], list[float]]] = []  # (row, [bottom, top]) of rows still reachable
    for line in sorted(lines, key=lambda ln: (-ln[2], ln[0])):
        y0, y1 = line[1], line[2]
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
    return rows


def extract_file(path: str, layout: bool = True) -> Extraction:
    """One document from a file (what a worker, local or on a cluster, runs)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:  # the raw store lost the file: not the document's fault, nothing settled
        return Extraction("corrupt", error=f"could not read the stored file: {exc.__class__.__name__}")
    try:
        return extract_document(data, layout)
    except MemoryError:
        return Extraction("too_large", error=MEMORY_LIMIT_ERROR)
    except Exception as exc:  # noqa: BLE001  (a library bug on a strange file must cost only this document)
        return Extraction("corrupt", error=f"{exc.__class__.__name__}: {str(exc)[:200]}")


MEMORY_LIMIT_ERROR = "exceeded the worker's memory limit while decoding"
