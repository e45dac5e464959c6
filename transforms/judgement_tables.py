"""Judgement tables read the way a person reads them, from positional rows (`layout_text`) or plain text lines.

An inspection report's judgement table has a label column and a grade column. Whatever the extraction did to it,
a person still sees each label (which may wrap over two or three lines) and the grade beside it (which may itself
wrap: "Requires" / "improvement to be" / "good"), and the grade may land before, after or between the label's
lines. So the reader takes the lines of a page in order, splits each into its cells (" | "), and sorts every cell
into one of two streams: pieces of a grade (`vocabulary.grades`) and pieces of a label (`vocabulary.areas`).
Pieces are joined while they still begin a known grade or label; a line that is neither ends the table. The
labels and grades of one table are then paired in order when there are as many of each, else by the lines they
share or are nearest to. Statements outside the table (the SIF's "Children's services in … are good", the LSCB's
own line) are read by `vocabulary.statements`.

Every judgement keeps where it was read: the page (counted by form feeds) and the raw line(s).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.judgements import grade_columns
from transforms.prefilter import fold, required_clauses
from transforms.vocabulary.areas import AREA_ORDER, FRAMEWORK_AREAS, TABLE_LABELS
from transforms.vocabulary.dates import REPORT_DATES_LINE
from transforms.vocabulary.grades import GRADE_CELLS
from transforms.vocabulary.statements import JUDGEMENT_STATEMENTS

GRADE_FORMS = {words: grade for words, grade, _ in GRADE_CELLS}
LABELS = [(" ".join(words.split()), framework, area) for framework, words, area, _ in TABLE_LABELS]
HEADER = re.compile(r"^(?:judge?ments?|grades?|areas?|judge?ment areas?)$")


@dataclass(frozen=True)
class TableJudgement:
    area: str
    grade: str
    framework: str  # the framework whose label the row uses ("any" for a label several frameworks use)
    page: int  # 1-based
    raw: str  # the line(s) the row was read from, as extracted
    statement: bool = False  # told in a sentence, not a table row: it does not tell the framework


@dataclass
class _Piece:
    words: str  # normalised
    first: int  # line index
    last: int
    raw: list[int]  # line indexes the piece was read from


_NUMBERING = re.compile(r"^\s*\d+(?:\.\d+)?\.?\s+")
_PUNCTUATION = re.compile(r"[^\w\s]")


def normalise(cell: str) -> str:
    """Lower-cased words of a cell, without row numbering, a leading "the", punctuation or a footnote mark."""
    t = _NUMBERING.sub("", cell.lower().replace("’", "'").replace("–", " ").replace("-", " "))
    t = " ".join(_PUNCTUATION.sub(" ", t).split())
    return t[4:] if t.startswith("the ") else t


def _word_prefixes(forms) -> frozenset[str]:
    return frozenset(" ".join(f.split()[:k]) for f in forms for k in range(1, len(f.split()) + 1))


def _word_runs(forms) -> frozenset[str]:
    """Every run of whole words inside a form: the pieces a wrapped form can be cut into."""
    out = set()
    for f in forms:
        w = f.split()
        out |= {" ".join(w[i:j]) for i in range(len(w)) for j in range(i + 1, len(w) + 1)}
    return frozenset(out)


_PREFIXES: dict[int, frozenset[str]] = {}


def _begins(words: str, forms) -> bool:
    """Is `words` a known form, or the start of one? (Sets of every form's word prefixes, built once per table.)"""
    key = id(forms)
    if key not in _PREFIXES:
        _PREFIXES[key] = _word_prefixes(forms)
    return words in _PREFIXES[key]


def _one_word_out(words: str, forms, begun: bool = False) -> str | None:
    """The label `words` is, give or take one stray word ("… of children care leavers" for "… of care leavers"): a
    slip in a report's table must not cost its row. Only for labels of four words or more."""
    split = words.split()
    if len(split) < 4 or len(split) > LONGEST_LABEL + 1 or not (split[0] in FIRST_WORDS or split[1] in FIRST_WORDS):
        return None
    for i in range(len(split)):
        if split[i] in GRADE_WORDS:
            continue  # a grade word is never the stray one: "… children in care good" is a label and its grade
        shorter = " ".join(split[:i] + split[i + 1 :])
        if shorter in forms or (begun and _begins(shorter, forms)):
            return shorter
    return None


GRADE_PIECES = _word_runs(GRADE_FORMS)
GRADE_WORDS = frozenset(w for f in GRADE_FORMS for w in f.split())
LABEL_FORMS = [words for words, _, _ in LABELS]
GRADE_FORM_LIST = list(GRADE_FORMS)
LONGEST_LABEL = max(len(f.split()) for f in LABEL_FORMS)
FIRST_WORDS = frozenset(f.split()[0] for f in LABEL_FORMS)


def _is_grade_piece(words: str) -> bool:
    return words in GRADE_PIECES


def _label_forms():
    return LABEL_FORMS


class _Stream:
    """Pieces joined while they still begin a known form; finished pieces collected in order."""

    def __init__(self, forms, continues_inside: bool = False):
        self.forms = forms
        self.open: _Piece | None = None
        self.done: list[_Piece] = []
        self.inside = continues_inside  # grades: "improvement to be" continues "Requires"

    def add(self, words: str, line: int) -> bool:
        if self.open is not None:
            joined = f"{self.open.words} {words}"
            if (
                _begins(joined, self.forms)
                or (self.inside and self._inside(joined))
                or (not self.inside and _one_word_out(joined, self.forms, begun=True))
            ):
                self.open = _Piece(joined, self.open.first, line, self.open.raw + [line])
                return True
            self.close()
        if (
            _begins(words, self.forms)
            or (self.inside and self._inside(words))
            or (not self.inside and _one_word_out(words, self.forms, begun=True))
        ):
            self.open = _Piece(words, line, line, [line])
            return True
        return False

    def _inside(self, words: str) -> bool:
        return words in GRADE_PIECES

    def close(self) -> None:
        near = None if self.open is None or self.inside else _one_word_out(self.open.words, self.forms)
        if self.open is not None and self.open.words in self.forms:
            self.done.append(self.open)
        elif near:
            self.done.append(_Piece(near, self.open.first, self.open.last, self.open.raw))
        elif self.open is not None and self.inside:
            whole = [f for f in self.forms if f" {self.open.words} " in f" {f} " or f.endswith(self.open.words)]
            if whole:  # "improvement to be good" without its first word: still that grade
                self.done.append(_Piece(whole[0], self.open.first, self.open.last, self.open.raw))
        self.open = None

    def needs_more(self) -> bool:
        """The open piece is a label that a longer label continues ("… children in care" / "and care leavers")."""
        return self.open is not None and any(f.startswith(self.open.words + " ") for f in self.forms)


def read_tables(text: str) -> list[TableJudgement]:
    """Every judgement table row and judgement statement in a document's text or layout text (pages by "\\f").
    A page without the words of any label (`LABEL_KEYS`) holds no table row, one without the words of any
    statement (`STATEMENT_KEYS`) no statement: it is not read for them."""
    out: list[TableJudgement] = []
    for number, page in enumerate(text.split("\f"), start=1):
        folded = fold(page.replace("\u00ad", ""))
        labels, statements = has_key(folded, LABEL_KEYS), has_key(folded, STATEMENT_KEYS)
        if not (labels or statements):
            continue
        lines = page.split("\n")
        if labels:
            out += _tables_of_page(lines, number)
        if statements:
            out += _statements_of_page(lines, number, folded)
    return out


# -- which pages could hold a table row or a statement ------------------------------------------------------------
# A row is read only for a whole label (give or take one stray word), so every word of that label is on its page;
# a statement only where its pattern matches, so on its page is one of each part's literal text of the pattern's
# (`transforms.prefilter.required_clauses`: "children's services in", then one of the grades). A page lacking
# the words of every label and statement gives no row, from its text or from its positional rows (made of the
# same text). Most pages of a long report and nearly every page of other council papers lack them, and looking
# for words is far cheaper than reading. A key is a list of clauses; a clause is met when all the words of one
# of its strings are on the page (apart: a row can join two pieces of text the page's text keeps apart).
Clause = tuple[tuple[str, ...], ...]
Key = tuple[Clause, ...]
_KEY_WORD = re.compile(r"[a-z0-9]+")


def key_words(literal: str) -> tuple[str, ...]:
    """The words of a literal, folded as `transforms.prefilter.fold` compares them."""
    return tuple(_KEY_WORD.findall(fold(literal)))


def pattern_key(pattern: re.Pattern) -> Key | None:
    """The clauses every match of `pattern` meets; None when a match may hold no word at all."""
    clauses = [
        tuple(key_words(s) for s in sorted(clause)) for clause in required_clauses(pattern.pattern, pattern.flags)
    ]
    clauses = [c for c in clauses if all(c)]  # a string of no word (punctuation) tells nothing
    return tuple(clauses) or None


def _label_keys() -> list[Key]:
    return [tuple((word,) for word in [key_words(label)]) for label in LABEL_FORMS]


def _statement_keys() -> list[Key] | None:
    keys = [pattern_key(pattern) for _, _, pattern, _ in JUDGEMENT_STATEMENTS]
    return None if any(key is None for key in keys) else keys  # a statement needing no word: every page is read


def has_key(folded: str, keys: list[Key] | None) -> bool:
    """Does `folded` meet every clause of one of `keys` (None: no key is certain, so yes)?"""
    if keys is None:
        return True
    return any(all(any(all(word in folded for word in words) for words in clause) for clause in key) for key in keys)


def _tables_of_page(lines: list[str], page: int) -> list[TableJudgement]:
    out: list[TableJudgement] = []
    labels, grades = _Stream(_label_forms()), _Stream(GRADE_FORM_LIST, continues_inside=True)
    lines = [ln for ln in lines if ln.strip()]  # blank lines (plain text's paragraphs) do not part a row
    columns, current = grade_columns([ln for ln in lines if "|" in ln]) if "|" in "".join(lines) else (1, 0)
    for index, line in enumerate(lines):
        if _begins_no_table(line):
            # what placing its cells would do, without placing them: the table so far ends, nothing begins
            out += _pair(labels, grades, lines, page)
            labels, grades = _Stream(_label_forms()), _Stream(GRADE_FORM_LIST, continues_inside=True)
            continue
        cells = [piece for c in _cells_of(line) for piece in _grade_split(normalise(c)) if piece]
        cells = _current_column(cells, columns, current)
        if not cells or all(HEADER.match(c) for c in cells):
            continue
        if not all(_place(cell, index, labels, grades) for cell in cells):
            out += _pair(labels, grades, lines, page)
            labels, grades = _Stream(_label_forms()), _Stream(GRADE_FORM_LIST, continues_inside=True)
            # the line that ended one table may begin the next
            if all(_place(cell, index, labels, grades) for cell in cells):
                continue
            labels, grades = _Stream(_label_forms()), _Stream(GRADE_FORM_LIST, continues_inside=True)
    out += _pair(labels, grades, lines, page)
    return out


GRADES_LONGEST_FIRST = sorted(GRADE_FORMS, key=len, reverse=True)
TABLE_WORDS = frozenset(w for form in LABEL_FORMS + GRADE_FORM_LIST for w in form.split())


def _begins_no_table(line: str) -> bool:
    """A line whose first cell has two words that are in no label and no grade: that cell can be no piece of
    either (a label is read give or take one stray word, a grade with none), so the line ends a table and begins
    none. Most lines of a report are prose, and this spares placing each of their cells."""
    for cell in _cells_of(line):
        words = normalise(cell)
        if words:
            strays = 0
            for word in words.split():  # a grade split off its end (`_grade_split`) has no stray word
                if word not in TABLE_WORDS:
                    strays += 1
                    if strays == 2:
                        return True
            return False
    return False


def _grade_split(cell: str) -> list[str]:
    """A cell ending in a grade with no gap before it ("children and families outstanding", as PDFium's text
    joins a label's last line and its grade): the label piece and the grade."""
    if cell in GRADE_FORMS or len(cell) > 160:
        return [cell]
    for form in GRADES_LONGEST_FIRST:
        if cell.endswith(" " + form):
            return [cell[: -len(form) - 1], form]
    return [cell]


def _cells_of(line: str) -> list[str]:
    """The cells of a line: split at " | ", and a "label: grade" cell split at its colon (a section heading or a
    council paper's row: "The experiences and progress of children in care: good")."""
    cells = []
    for cell in line.split("|"):
        head, colon, tail = cell.rpartition(":")
        cells += [head, tail] if colon and normalise(tail) in GRADE_FORMS else [cell]
    return cells


def _current_column(cells: list[str], columns: int, current: int) -> list[str]:
    """A row with one grade per inspection ("… | Requires improvement | Good" under "2019 | 2024"): the current
    column's grade only (which column is current: `transforms.judgements.grade_columns`)."""
    graded = [i for i, c in enumerate(cells) if c in GRADE_FORMS]
    if columns < 2 or len(graded) != columns:
        return cells
    keep = graded[current]
    return [c for i, c in enumerate(cells) if i not in graded or i == keep]


def _place(cell: str, index: int, labels: _Stream, grades: _Stream) -> bool:
    """Put one cell into the label or the grade stream; False when it is neither (the table has ended)."""
    if _is_grade_piece(cell) and not (labels.needs_more() and _begins(f"{labels.open.words} {cell}", labels.forms)):
        if grades.add(cell, index):
            return True
    if labels.add(cell, index):
        if labels.open is not None and labels.open.words in labels.forms and not labels.needs_more():
            labels.close()
        return True
    return False


def _pair(labels: _Stream, grades: _Stream, lines: list[str], page: int) -> list[TableJudgement]:
    labels.close()
    grades.close()
    rows, marks = labels.done, grades.done
    if not rows or not marks:
        return []
    if len(rows) == len(marks):
        pairs = list(zip(rows, marks))
    else:
        pairs = _pair_by_lines(rows, marks)
    out = []
    for label, mark in pairs:
        framework, area = next((f, a) for words, f, a in LABELS if words == label.words)
        used = sorted(set(label.raw) | set(mark.raw))
        raw = " / ".join(lines[i].strip() for i in used)
        out.append(TableJudgement(area, GRADE_FORMS[mark.words], framework, page, raw))
    return out


def _distance(a: _Piece, b: _Piece) -> int:
    """Lines between two pieces (0 when they share a line)."""
    return max(0, a.first - b.last, b.first - a.last)


def _pair_by_lines(rows: list[_Piece], marks: list[_Piece]) -> list[tuple[_Piece, _Piece]]:
    """Labels and grades in order, shifted by the offset that pairs the most of them nearest each other (a stray
    grade before the table, the end of a sentence wrapped onto its own line, must not shift every row); pairs
    more than two lines apart are dropped."""
    best: tuple[tuple[int, int], list] | None = None
    for k in range(-(len(rows) - 1), len(marks)):
        pairs = [(row, marks[i + k]) for i, row in enumerate(rows) if 0 <= i + k < len(marks)]
        key = (-len(pairs), sum(_distance(r, m) for r, m in pairs))
        if best is None or key < best[0]:
            best = (key, pairs)
    return [(r, m) for r, m in (best[1] if best else []) if _distance(r, m) <= 2]


def _statements_of_page(lines: list[str], page: int, folded: str | None = None) -> list[TableJudgement]:
    """Judgements stated in a sentence (SIF overall, the LSCB's), read across wrapped lines. With the page's text
    `folded`, a statement whose words (its key) the page lacks is not searched for."""
    joined, starts = "", []
    for line in lines:
        starts.append(len(joined))
        joined += line.replace("|", " ").replace("’", "'") + " "
    out = []
    for (area, framework, pattern, _), key in zip(
        JUDGEMENT_STATEMENTS, STATEMENT_KEYS or [None] * len(JUDGEMENT_STATEMENTS)
    ):
        if folded is not None and key is not None and not has_key(folded, [key]):
            continue
        for m in pattern.finditer(joined):
            first = max(i for i, s in enumerate(starts) if s <= m.start())
            last = max(i for i, s in enumerate(starts) if s <= m.end() - 1)
            grade = GRADE_FORMS.get(normalise(m["grade"]).replace("require ", "requires "))
            if grade:
                raw = " / ".join(lines[i].strip() for i in range(first, last + 1))
                out.append(TableJudgement(area, grade, framework, page, raw, statement=True))
    return out


# -- the framework a report is written under ------------------------------------------------------------------------


def report_framework(text: str) -> str | None:
    """The framework of an inspection report, told by the judgement names its first pages use: ILACS's ("the impact
    of leaders on social work practice…") or the SIF's ("children looked after and achieving permanence", "adoption
    performance"), at least two rows of them. Not by a sentence: ILACS reports too say "Children's services in X are
    outstanding". None when the first pages hold no judgement table (a council paper, a visit's letter)."""
    head = "\f".join(text.split("\f")[:2])
    rows = read_tables(head)
    votes = {"ofsted_ilacs": 0, "ofsted_sif": 0}
    for row in rows:
        if row.framework in votes and not row.statement:
            votes[row.framework] += 1
    if max(votes.values()) < 2:
        return None
    return max(votes, key=lambda f: (votes[f], f == "ofsted_ilacs"))


def inspection_report(text: str) -> str | None:
    """The framework of a document that is itself an inspection report: a judgement table in one framework's names
    and the report's own dates line ("Inspection dates: …") on its first pages. A paper that only quotes an earlier
    report's table (a self-assessment, a briefing) has no such line."""
    head = "\f".join(text.split("\f")[:2])
    return report_framework(head) if REPORT_DATES_LINE.search(head) else None


def own_judgements(rows: list[TableJudgement], framework: str) -> list[TableJudgement]:
    """The framework's own judgements, first reading of each area (the first page's table before the sections'
    headings that repeat it)."""
    allowed = FRAMEWORK_AREAS[framework]
    seen: dict[str, TableJudgement] = {}
    for row in rows:
        # before ILACS every inspection is recorded as ofsted_sif, the pre-2013 regimes' own rows with it
        readable = (framework, "any", "pre_2013") if framework == "ofsted_sif" else (framework, "any")
        if row.area in allowed and row.framework in readable and row.area not in seen:
            seen[row.area] = row
    if "children_in_care_and_care_leavers" in seen:  # before 2023 one judgement covered both
        seen.pop("children_in_care", None)
        seen.pop("care_leavers", None)
    order = AREA_ORDER.index
    return sorted(seen.values(), key=lambda row: order(row.area) if row.area in AREA_ORDER else len(AREA_ORDER))


LABEL_KEYS = _label_keys()
STATEMENT_KEYS = _statement_keys()
