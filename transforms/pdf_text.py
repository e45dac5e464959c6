"""PDF text with pdfminer.six, in a process pool, with a recorded outcome for every file.

Outcomes: ok, no_text (a scan: needs OCR), encrypted, corrupt, too_large, unsupported,
timeout. Besides pdfminer's reading-order text we keep a positional rendering
(`layout_text`): text lines grouped into rows by their y position and joined left to
right with " | ", so a table whose columns pdfminer put in separate boxes reads
label | value again.
"""
from __future__ import annotations

import multiprocessing
import re
from dataclasses import dataclass
from pathlib import Path

EXTRACT_STATUSES = ("ok", "no_text", "encrypted", "corrupt", "too_large", "unsupported", "timeout")
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


def sniff_unsupported(data: bytes) -> str | None:
    head = data[:1024].lstrip().lower()
    if data[:5] == b"%PDF-" or b"%pdf-" in data[:1024].lower():
        return None
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head:
        return "an HTML page, not a PDF"
    return "not a PDF (no %PDF header)"


def extract_pdf_bytes(data: bytes) -> Extraction:
    if len(data) > MAX_BYTES:
        return Extraction("too_large", error=f"{len(data)} bytes")
    reason = sniff_unsupported(data)
    if reason:
        return Extraction("unsupported", error=reason)
    import io

    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer, LTTextLine
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    texts, layouts, pages = [], [], 0
    try:
        for page in extract_pages(io.BytesIO(data), laparams=LAParams(), maxpages=MAX_PAGES):
            pages += 1
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
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        return Extraction("encrypted", error=f"{exc.__class__.__name__}: password required")
    except Exception as exc:  # pdfminer raises many types for damaged files (PSEOF, PDFSyntaxError, KeyError…)
        kind = exc.__class__.__name__
        if "password" in kind.lower() or "encrypt" in kind.lower():
            return Extraction("encrypted", error=kind)
        return Extraction("corrupt", pages=pages, error=f"{kind}: {str(exc)[:200]}")
    text = "\f".join(texts)
    if pages and len(re.sub(r"\s", "", text)) < MIN_CHARS_PER_PAGE * pages:
        return Extraction("no_text", text=text.strip(), pages=pages, error="no text layer: needs OCR")
    return Extraction("ok", text=text, layout_text="\f".join(layouts), pages=pages)


def rows_by_position(lines: list[tuple[float, float, float, str]]) -> str:
    """Group text lines whose vertical extents overlap into one row, left to right."""
    rows: list[list[tuple[float, float, float, str]]] = []
    for line in sorted(lines, key=lambda l: (-l[2], l[0])):
        x0, y0, y1, text = line
        for row in rows:
            ry0, ry1 = min(l[1] for l in row), max(l[2] for l in row)
            overlap = min(y1, ry1) - max(y0, ry0)
            if overlap > 0.5 * min(y1 - y0, ry1 - ry0):
                row.append(line)
                break
        else:
            rows.append([line])
    return "\n".join(" | ".join(l[3] for l in sorted(row, key=lambda l: l[0])) for row in rows)


def _extract_file(path: str) -> Extraction:
    return extract_pdf_bytes(Path(path).read_bytes())


class TextExtractor:
    """A pool of worker processes with a per-document time limit.

    A document that makes pdfminer spin is recorded as `timeout`; the pool is replaced
    so the remaining documents still get their turn.
    """

    def __init__(self, workers: int = 2, timeout_seconds: float = 120.0):
        self.workers = max(1, workers)
        self.timeout = timeout_seconds
        self._pool = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _ensure_pool(self):
        if self._pool is None:
            self._pool = multiprocessing.get_context("spawn").Pool(self.workers, maxtasksperchild=200)
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def extract_many(self, paths: dict[str, Path]) -> dict[str, Extraction]:
        pending = dict(paths)
        results: dict[str, Extraction] = {}
        while pending:
            pool = self._ensure_pool()
            handles = {key: pool.apply_async(_extract_file, (str(path),)) for key, path in pending.items()}
            restarted = False
            for key, handle in handles.items():
                try:
                    results[key] = handle.get(timeout=self.timeout)
                except multiprocessing.TimeoutError:
                    results[key] = Extraction("timeout", error=f"no result within {self.timeout:.0f} s")
                    restarted = True
                    self.close()
                    break
                except Exception as exc:  # a worker died (memory, segfault in a C library)
                    results[key] = Extraction("corrupt", error=f"worker failed: {exc.__class__.__name__}")
            pending = {k: v for k, v in pending.items() if k not in results}
            if not restarted:
                break
        return results
