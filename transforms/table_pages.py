"""Which pages of a PDF need their positional rows (`layout_text`): those that could hold a judgement table.

Rows are read for nothing else: `transforms.judgement_tables.read_tables` (labels and grades in the way a
person reads a table) and `transforms.judgements.judgements_from_rows` (a row whose first cell names an area
and whose other cell is a grade). Grouping a page's text rectangles into rows costs about as much as reading
its text, so a page is grouped only when its text could give one of them a row:
- `read_tables`: the words of one whole label or statement are on the page (`could_hold_table`; exact,
  since those readers need the whole label);
- `judgements_from_rows`: an area's name and a grade, as the vocabulary writes them (`vocabulary.areas`,
  `vocabulary.grades`), are both found in the page's text with its lines run together.

A page passed over keeps an empty row text, so page numbers in the rows still count the document's pages.
A new label, area or grade form is a new row of its table and is screened for at once.
"""

from __future__ import annotations

from transforms.clean import clean_text, plain_punctuation
from transforms.judgement_tables import TABLE_KEYS, has_key
from transforms.judgements import GRADE_PHRASES, ILACS_AREAS, SIF_AREAS
from transforms.prefilter import ScreenedUnion, fold

# Searched branch by branch, each only where its words are (most pages lack the words of most areas).
_AREAS = [ScreenedUnion([p.pattern], p.flags) for p in dict.fromkeys(pattern for _, pattern in ILACS_AREAS + SIF_AREAS)]
_GRADES = [ScreenedUnion([pattern.pattern], pattern.flags) for pattern, _, _ in GRADE_PHRASES]


def needs_rows(page_text: str) -> bool:
    """Could the positional rows of a page with this text (as PDFium gave it) give a judgement?"""
    # as the readers see the rows: cleaned, plain punctuation (a soft hyphen gone), one cell's lines joined
    plain = " ".join((plain_punctuation(clean_text(page_text)) or "").split())
    if has_key(fold(plain), TABLE_KEYS):
        return True
    return any(area.search(plain) for area in _AREAS) and any(grade.search(plain) for grade in _GRADES)
