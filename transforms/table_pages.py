"""Which pages of a PDF need their positional rows (`layout_text`): those that could hold a judgement table.

Rows are read for nothing else: `transforms.judgement_tables.read_tables` (labels and grades in the way a
person reads a table) and `transforms.judgements.judgements_from_rows` (a row whose first cell names an area
and whose other cell is a grade). Grouping a page's text rectangles into rows costs about as much as reading
its text, so a page is grouped only when its text could give one of them a row:
- `read_tables`: the words of one whole label, in order, each within `LABEL_GAP` characters of the one before
  (the reader needs the whole label, from pieces on lines next to each other in the table with nothing but
  grade cells between them, so in the page's text too its words follow each other with at most the table's
  grade cells between them: that much room is several grade cells), or
  a judgement statement's literal text, each part of it as the statement's pattern writes it
  (`transforms.prefilter.required_clauses`: "children's services in", then one of the grades) in the page's
  text with its lines run together (a statement is a sentence, whose wrapped lines follow each other in the
  text as in the rows);
- `judgements_from_rows`: an area's name and a grade, as the vocabulary writes them (`vocabulary.areas`,
  `vocabulary.grades`), are both found in the page's text with its lines run together. Such a page (no label,
  no statement: most pages of a report's prose) is wanted only for its rows of two cells or more, and kept only
  if one of them could grade (`rows_could_grade`: an area's cell beside a grade's, or grade column headings);
  `transforms.pdf_text.pdfium_rows` reads those rows first.

A page passed over keeps an empty row text, so page numbers in the rows still count the document's pages.
A new label, area or grade form is a new row of its table and is screened for at once.
"""

from __future__ import annotations

import re

from transforms.clean import clean_text, plain_punctuation
from transforms.judgement_tables import LABEL_FORMS, LABEL_KEYS
from transforms.judgements import GRADE_PHRASES, ILACS_AREAS, SIF_AREAS, grade_column_headings, judgements_from_rows
from transforms.prefilter import Screened, ScreenedUnion, fold, required_clauses, words_of
from transforms.vocabulary.statements import JUDGEMENT_STATEMENTS

# Searched branch by branch, each only where its words are (most pages lack the words of most areas).
_AREAS = [ScreenedUnion([p.pattern], p.flags) for p in dict.fromkeys(pattern for _, pattern in ILACS_AREAS + SIF_AREAS)]
_GRADES = [ScreenedUnion([pattern.pattern], pattern.flags) for pattern, _, _ in GRADE_PHRASES]


# A label's words in the order the label has them, each at most this many characters after the one before.
LABEL_GAP = 200
_LABELS_IN_ORDER = [
    re.compile(rf".{{0,{LABEL_GAP}}}?".join(re.escape(word) for word in label.split())) for label in LABEL_FORMS
]
# Each label's longest word (the rarest): a page without it holds no whole label, and is not searched for one.
_LABEL_WORDS = [max(key[0][0], key=len) for key in LABEL_KEYS]


def _could_hold_a_label(folded: str, present: frozenset[str]) -> bool:
    return any(word in present and label.search(folded) for word, label in zip(_LABEL_WORDS, _LABELS_IN_ORDER))


# Each statement's clauses: every match holds one string of each (an empty list: a statement with no literal
# text, which every page could hold).
_STATEMENTS = [required_clauses(pattern.pattern, pattern.flags) for _, _, pattern, _ in JUDGEMENT_STATEMENTS]


def _could_state_a_judgement(present: frozenset[str]) -> bool:
    return any(all(not clause.isdisjoint(present) for clause in clauses) for clauses in _STATEMENTS)


def _branches(unions: list[ScreenedUnion]) -> list[Screened]:
    return [part for union in unions for part in union.parts]


_AREA_BRANCHES, _GRADE_BRANCHES = _branches(_AREAS), _branches(_GRADES)


def _any_branch(branches: list[Screened], plain: str, folded: str, present: frozenset[str]) -> bool:
    """Does one of the branches match (the same answer as the unions' `search`)? Each is tried only where its words
    are, and where it begins with a literal, only at the places that hold it (`Screened.found_in`)."""
    return any(branch.found_in(plain, folded, present) for branch in branches)


# Every word the screens above look for, found in a page by one pass over it (`transforms.prefilter.words_of`)
# where asking for each in turn scanned the page once per word: most pages of council papers are asked about
# all of them, and need none.
_PAGE_WORDS = words_of(_AREAS, _GRADES)
for _word in _LABEL_WORDS:
    _PAGE_WORDS.add(frozenset({_word}))
for _clauses in _STATEMENTS:
    for _clause in _clauses:
        _PAGE_WORDS.add(_clause)


# What a page's rows are wanted for (`rows_wanted`): every row (a table's label or a judgement statement could be
# there), or only rows of cells one of which is a grade (an area's name and a grade are there, no label: only
# `judgements_from_rows` could read its rows, and only rows of two cells or more).
EVERY_ROW, GRADED_ROWS = "every row", "graded rows"


def rows_wanted(page_text: str) -> str | None:
    """What the positional rows of a page with this text (as PDFium gave it) could give a judgement from:
    `EVERY_ROW`, `GRADED_ROWS`, or None (nothing)."""
    # as the readers see the rows: cleaned, plain punctuation (a soft hyphen gone), one cell's lines joined
    plain = " ".join((plain_punctuation(clean_text(page_text)) or "").split())
    folded = fold(plain)
    present = _PAGE_WORDS.present_in_folded(folded)
    if _could_hold_a_label(folded, present) or _could_state_a_judgement(present):
        return EVERY_ROW
    if _any_branch(_AREA_BRANCHES, plain, folded, present) and _any_branch(_GRADE_BRANCHES, plain, folded, present):
        return GRADED_ROWS
    return None


def needs_rows(page_text: str) -> bool:
    """Could the positional rows of a page with this text (as PDFium gave it) give a judgement?"""
    return rows_wanted(page_text) is not None


def rows_could_grade(lines: list[str]) -> bool:
    """Could these rows (a page's rows of two cells or more, as PDFium read them) change what `judgements_from_rows`
    reads from a document holding them: a row whose first cell names an area and another cell is a grade, or a row
    of grade column headings (which sets the column read on every page)? Asked as the readers ask it, of the rows
    as the warehouse keeps them (cleaned) and the readers see them (plain punctuation)."""
    layout = plain_punctuation(clean_text("\n".join(lines))) or ""
    return bool(
        judgements_from_rows(layout, ILACS_AREAS)
        or judgements_from_rows(layout, SIF_AREAS)
        or grade_column_headings(layout)
    )
