"""Inspection grades as councils report them, and only the grades the text gives.

Reading order, for one review:

1. Tables, whichever way the text extraction flattened them: "Area | Grade" rows, "Area: Grade" lines, or an
   area on one line and its grade(s) on the next. Where a table has a previous and a current grade column
   ("2024 Grade", "2019 Grade"; "Previous", "Current"), the current column is read.
2. Prose, one sentence at a time: an area and the grade bound to it, in either order ("help and protection was
   judged good"; "Good ratings were received for A, B and C"; "good in its overall effectiveness").
3. A grade for the service as a whole, when no area is named ("rated 'Good' by Ofsted", "retained its
   Outstanding judgement", "the top grade"), is the overall effectiveness judgement.

A word that is only sometimes a grade ("good", "outstanding") counts only with a sign that it is one: quoted,
next to a judging word, or alone in a table cell. A grade is not the review's when the text tells it as the past
("since the last inspection, when services were judged to require improvement"; "from inadequate to good" — the
first of the two), as a hope ("our journey to outstanding"), or as one of the possible outcomes ("judged
outstanding, good, requires improvement or inadequate"). "Adequate" (the pre-2013 scale) has no equivalent and
is left out. "Good in all areas" is the overall judgement, not expanded into areas that the text does not name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from transforms.vocabulary.areas import ILACS_AREAS as _ILACS_AREA_ROWS
from transforms.vocabulary.areas import OVERALL
from transforms.vocabulary.areas import SIF_AREAS as _SIF_AREA_ROWS
from transforms.vocabulary.grade_context import (
    EXPLAINER,
    FROM_GRADE,
    FUTURE_AFTER,
    HOPE,
    LEFT_BEHIND,
    MANY_COUNCILS,
    PAST,
    PRESENT,
)
from transforms.vocabulary.grade_signs import (
    JUDGING,
    NOT_A_GRADE_AFTER,
    NOT_THE_COUNCILS,
    SIGN_AFTER,
    SIGN_BEFORE,
    WEAK_SIGN_BEFORE,
)
from transforms.vocabulary.grades import GIVEN, SEND_EXPLAINER, SEND_LIST_OF_OUTCOMES
from transforms.vocabulary.grades import GRADE_PHRASES as _GRADE_PHRASE_ROWS
from transforms.vocabulary.grades import SEND_OUTCOME_RANKS as _SEND_OUTCOME_RANK_ROWS
from transforms.vocabulary.grades import SEND_OUTCOMES as _SEND_OUTCOME_ROWS

Judgement = tuple[str, str, str]  # (area, grade, raw)

# -- grades -----------------------------------------------------------------------------------------------------
# (pattern, grade, needs a sign): the table of grade phrases (`transforms/vocabulary/grades.py`) without its examples.
GRADE_PHRASES: list[tuple[re.Pattern, str, bool]] = [
    (p, grade, needs_sign) for p, grade, needs_sign, _ in _GRADE_PHRASE_ROWS
]
ANY_GRADE_WORD = re.compile(r"good|outstanding|inadequate|improvement|\bRI\b|top|highest|lowest|best|worst", re.I)
# Signs that a plain word is a grade, and grades given to someone else: `transforms/vocabulary/grade_signs.py`.
QUOTED = re.compile(r"['\"‘“]\s*$")
CLOSE_QUOTE = re.compile(r"^\W{0,2}['\"’”]")

# -- what makes a grade not this review's: the cue words are in `transforms/vocabulary/grade_context.py` ------
LIST_JOIN = re.compile(r"^\W*(?:,|/|or|and|to|then)?\W*$", re.I)
CLAUSE_BREAK = re.compile(r"[;:()]|,\s+(?:but|while|whereas|however)\b|\s[-–—]\s")

# -- areas ------------------------------------------------------------------------------------------------------
# The area tables (`transforms/vocabulary/areas.py`) without their examples: (area, pattern), first match wins.
ILACS_AREAS: list[tuple[str, re.Pattern]] = [(area, pattern) for area, pattern, _ in _ILACS_AREA_ROWS]
SIF_AREAS: list[tuple[str, re.Pattern]] = [(area, pattern) for area, pattern, _ in _SIF_AREA_ROWS]
# A word right next to a grade that makes it the overall one: "good overall", "overall 'good'".
OVERALL_NEXT_TO_GRADE = re.compile(r"\boverall\W{0,3}$", re.I)
OVERALL_AFTER_GRADE = re.compile(
    r"^['\"’”]?\s{0,3}(?:(?:rating|judge?ment|grade)\s+)?overall\b(?! effectiveness| judge?ment)", re.I
)
# "good in three areas", "outstanding in two of four categories": a grade for some unnamed areas, not the overall one.
# … "outstanding grades in three areas and good in the other": grades for unnamed areas, not the overall one.
FOR_SOME_AREAS = re.compile(
    r"^['\"’”]?\s+(?:(?:grades?|ratings?|judge?ments?)\s+)?(?:in|for|across)\s+(?!all\b|every\b|each\b)"
    r"(?:(?:\w+\s+){0,3}(?:areas?|judge?ments?|categories)\b|the (?:other|remaining|rest)\b)",
    re.I,
)
# "all other areas were good", "the remaining judgements were good": grades for unnamed areas.
OTHER_AREAS_BEFORE = re.compile(
    r"\b(?:other|remaining|rest of the)\s+(?:\w+\s+)?(?:areas?|judge?ments?|categories)\b[^.;]*$", re.I
)
# Column headings of a table with one grade column per inspection: "2024 Grade", "Previous judgement (2019)",
# "Last inspection (2019)", "Current grade", or a bare year.
_GRADE_COLUMN = re.compile(
    r"^\s*(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?=(?:19|20)\d\d))?"
    r"(?P<year>(?:19|20)\d\d)?\s*(?P<word>previous|last|earlier|prior|current|latest|new|this|now)?"
    r"\s*(?:(?:ofsted|ilacs|sif)\s+)?(?:inspection\s+)?(?P<g>grades?|judge?ments?|ratings?|outcomes?|"
    r"inspection)?\s*\(?(?P<year2>(?:19|20)\d\d)?\)?\s*$",
    re.I,
)


def _grade_column(cell: str) -> re.Match | None:
    """A grade column's heading: it names a year, or says grade/judgement/rating."""
    m = _GRADE_COLUMN.match(cell)
    return m if m and (m.group("year") or m.group("year2") or m.group("g")) and cell.strip() else None


OLD_COLUMN_WORDS = {"previous", "last", "earlier", "prior"}


@dataclass
class Mention:
    start: int
    end: int
    value: str  # grade code or area code
    raw: str


# -- grades in a sentence ---------------------------------------------------------------------------------------
def grade_mentions(
    sentence: str, review_year: int | None = None, areas=(), judged_before: bool = False
) -> list[Mention]:
    """The grades this sentence gives for the review being reported (see the module docstring). A capitalised grade
    straight after an area ("Adoption performance Good") is a list entry: that is its sign."""
    if not ANY_GRADE_WORD.search(sentence):
        return []
    area_spans = [(m.start(), m.end()) for _, pattern in areas for m in pattern.finditer(sentence)]
    if EXPLAINER.search(sentence) or MANY_COUNCILS.search(sentence):
        return []
    # A sentence about judging, or about the service right after one ("Ofsted visited in May. Services are good.")
    # … or about one of the review's areas right after one ("Ofsted rated it inadequate. Leadership was found inadequate.")
    judging = bool(JUDGING.search(sentence)) or (judged_before and bool(SERVICE_SUBJECT.search(sentence) or area_spans))
    found: list[tuple[Mention, bool]] = []
    for pattern, grade, needs_sign in GRADE_PHRASES:
        for m in pattern.finditer(sentence):
            if any(f.start < m.end() and m.start() < f.end for f, _ in found) or _describes_something(
                sentence, m, grade
            ):
                continue
            listed = (m.group(0)[0].isupper() or judging) and any(
                re.fullmatch(r"[\s:–-]{1,3}", sentence[e : m.start()] or "x") for _, e in area_spans if e <= m.start()
            )
            # "outstanding for the impact of leaders": a grade reaching forward to a named area
            reaching = (
                bool(FORWARD.search(sentence[m.end() :]))
                and any(0 <= a - m.end() <= 40 for a, _ in area_spans)
                and (judging or m.group(0)[0].isupper())
            )
            signed = not needs_sign or listed or reaching or _signed(sentence, m, judging)
            found.append((Mention(m.start(), m.end(), grade, m.group(0)), signed))
    found.sort(key=lambda f: f[0].start)
    # The scale is recognised on every grade word, signed or not ("graded Outstanding, Good, … or Inadequate").
    kept = _without_lists_of_outcomes(sentence, [f for f, _ in found])
    found = [f for f, signed in found if signed and f in kept]
    return [
        g for g in found if not _past_or_hoped(sentence, g, found, review_year) and not _someone_else_s(sentence, g)
    ]


def _someone_else_s(sentence: str, grade: Mention) -> bool:
    """ "… and the virtual school was judged outstanding": the grade is the school's, not the council's."""
    near = sentence[max(0, grade.start - 80) : grade.start] + " " + sentence[grade.end : grade.end + 30]
    return bool(NOT_THE_COUNCILS.search(near))


def _describes_something(sentence: str, m: re.Match, grade: str) -> bool:
    """ "areas that require improvement" are findings, not a grade; "'outstanding', the highest rating" restates one."""
    before = sentence[: m.start()]
    if grade == "requires_improvement" and AREAS_NEEDING.search(before[-40:]):
        return True
    return m.group(0).lower().endswith(("rating", "grade", "grading", "judgement", "judgment")) and bool(
        re.search(r"(?:outstanding|inadequate|good)['\"’”]?,?\s*(?:the|its|ofsted'?s)?\s*$", before, re.I)
    )


AREAS_NEEDING = re.compile(
    r"\b(?:areas?|aspects?|elements?|parts?|things|practice)\s+(?:(?:which|that|where)\s+)?"
    r"(?:(?:still|had|have|has|were|was)\s+)?$",
    re.I,
)


def _signed(sentence: str, m: re.Match, judging: bool) -> bool:
    before, after = sentence[: m.start()], sentence[m.end() :]
    if NOT_A_GRADE_AFTER.search(after):
        return False
    quoted = bool(QUOTED.search(before[-3:]) and CLOSE_QUOTE.search(after))
    alone = not sentence.replace(m.group(0), "").strip(" .:-–|*•'\"")
    cell = bool(re.search(r"[:|–-]\s*['\"‘“]?$", before) and re.match(r"^['\"’”]?\s*(?:[.;,|]|$)", after))
    # "Ofsted: Children's Services Outstanding": a capitalised grade straight after the service, in a headline
    headline = judging and m.group(0)[:1].isupper() and bool(re.search(r"\bservices?\W{0,3}$", before, re.I))
    if quoted or alone or cell or headline or SIGN_BEFORE.search(before[-60:]) or SIGN_AFTER.search(after):
        return True
    return bool(WEAK_SIGN_BEFORE.search(before[-60:]) and judging)


def _without_lists_of_outcomes(sentence: str, grades: list[Mention]) -> list[Mention]:
    """ "Outstanding, good, requires improvement or inadequate" lists the scale; "good or outstanding" is either."""
    drop: set[int] = set()
    run = [0] if grades else []
    for i in range(1, len(grades) + 1):
        if i < len(grades) and LIST_JOIN.match(sentence[grades[i - 1].end : grades[i].start]):
            run.append(i)
            continue
        values = {grades[j].value for j in run}
        joins = " ".join(sentence[grades[j - 1].end : grades[j].start] for j in run[1:])
        if len(values) >= 3 or (len(values) == 2 and re.search(r"\bor\b|/", joins)):
            drop.update(run)
        run = [i]
    return [g for i, g in enumerate(grades) if i not in drop]


def _past_or_hoped(sentence: str, grade: Mention, grades: list[Mention], review_year: int | None) -> bool:
    before = sentence[: grade.start]
    clause_start = max((m.end() for m in CLAUSE_BREAK.finditer(before)), default=0)
    if HOPE.search(before[max(clause_start, grade.start - 60) :]):
        return True
    if FROM_GRADE.search(before[-40:]) or LEFT_BEHIND.search(before[-40:]):
        return True  # "from inadequate to good": the first is what it was
    # The past runs from its cue to the end of the sentence, unless the present comes back ("but now …").
    last_past = max((m.end() for m in PAST.finditer(before)), default=None)
    if last_past is not None and not PRESENT.search(before[last_past:]):
        return True
    # "judged inadequate at the last inspection": the past told just after the grade, in the same clause.
    after = re.split(r"[,;:()]|\s[-–—]\s", sentence[grade.end : grade.end + 50])[0]
    past_after = PAST.search(after)
    if (
        past_after
        and not PRESENT.search(after[: past_after.start()])
        and not any(g.start > grade.end and g.start < grade.end + past_after.start() for g in grades)
    ):
        return True
    if FUTURE_AFTER.match(sentence[grade.end : grade.end + 60]):
        return True  # "to be outstanding at the next inspection"
    return _told_of_an_earlier_year(sentence, grade, review_year)


# A year told as when something happened ("in 2016", "In January 2020"), not a statute's ("Act 2006").
EVENT_YEAR = re.compile(
    r"(?:\b(?:in|during)\s+(?:(?:early|late|mid|the|summer|spring|autumn|winter)\s+)?|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+)((?:19|20)\d\d)\b",
    re.I,
)


def _told_of_an_earlier_year(sentence: str, grade: Mention, review_year: int | None) -> bool:
    """ "In January 2020 services were judged outstanding", read in a report of a 2024 inspection. The year rules the
    grade when it comes before it in the sentence or in the grade's own clause after it — not "judged 'Good', an
    improvement on the previous inspection in 2019"."""
    if review_year is None or PRESENT.search(sentence):
        return False
    after = re.split(r"[,;:()]|\s[-–—]\s", sentence[grade.end :])[0]
    years = {int(y) for y in EVENT_YEAR.findall(sentence[: grade.start] + " " + after)}
    return bool(years) and max(years) < review_year


# -- areas and binding ------------------------------------------------------------------------------------------
# "services for children in need of help and protection, children looked after and care leavers": the SIF's own
# name for the whole service, graded as a whole, not three areas.
SERVICE_LONG_TITLE = re.compile(
    r"children (?:who are )?in need of help and protection,? (?:children looked after|looked after "
    r"children|children in care),? and care leavers",
    re.I,
)


def area_mentions(sentence: str, areas) -> list[Mention]:
    found: list[Mention] = []
    titles = [(m.start(), m.end()) for m in SERVICE_LONG_TITLE.finditer(sentence)]
    for area, pattern in areas:
        for m in pattern.finditer(sentence):
            if any(f.start < m.end() and m.start() < f.end for f in found) or any(
                a <= m.start() and m.end() <= b for a, b in titles
            ):
                continue
            found.append(Mention(m.start(), m.end(), area, m.group(0)))
    return sorted(found, key=lambda a: a.start)


# A grade that reaches forward to the areas after it: "Good ratings were received for …", "rated good in …",
# "'Good' - A; B; and C", "Good: A, B".
FORWARD = re.compile(
    r"^['\"’”]?\s*(?:(?:ratings?|judge?ments?|grades?|gradings?)\s+)?(?:(?:was|were|has been|have been|"
    r"is|are)\s+)?(?:(?:received|awarded|given|achieved|secured|obtained)\s+)?(?:for|in|across)\b"
    r"(?!\s+(?:the board|all|every)\b)|"
    r"^['\"’”]?,?\s*[-–—:]\s",
    re.I,
)
# An area joined to the grade after it: "A was judged to be good", "A: Good", "A – Good", "A Good".
BACKWARD_GAP = re.compile(r"^[^.;]{0,130}$")  # room for a list of areas before their shared grade


def judgements_in_sentence(
    sentence: str, areas, review_year: int | None = None, judged_before: bool = False
) -> tuple[list[Judgement], list[Mention]]:
    """Area judgements this sentence gives, and its grades that no area took."""
    grades = grade_mentions(sentence, review_year, areas, judged_before)
    if not grades:
        return [], []
    named = area_mentions(sentence, areas)
    out: list[Judgement] = []
    used: set[int] = set()
    owned: set[int] = set()
    for grade in grades:
        before, after = sentence[: grade.start], sentence[grade.end :]
        if OVERALL_NEXT_TO_GRADE.search(before[-12:]) or OVERALL_AFTER_GRADE.search(after):
            out.append((OVERALL, grade.value, grade.raw))
            used.add(id(grade))
            owned.add(id(grade))
        elif any(a.end <= grade.start and re.fullmatch(r"\W{0,3}", sentence[a.end : grade.start]) for a in named):
            owned.add(id(grade))  # "Adoption Good": the grade has its area already
    for area in named:
        grade = _bound_grade(sentence, area, grades, named, owned)
        if grade is not None:
            out.append((area.value, grade.value, grade.raw))
            used.add(id(grade))
    unclaimed = [
        g
        for g in grades
        if id(g) not in used
        and not FOR_SOME_AREAS.search(sentence[g.end :])
        and not OTHER_AREAS_BEFORE.search(sentence[max(0, g.start - 50) : g.start])
    ]
    return out, unclaimed


def _bound_grade(
    sentence: str, area: Mention, grades: list[Mention], named: list[Mention], owned: set[int]
) -> Mention | None:
    """The grade reaching forward to this area ("Good ratings were received for A"), or the next grade after it
    ("A was judged good"), whichever is nearer."""
    prev = [g for g in grades if g.end <= area.start]
    nxt = [g for g in grades if g.start >= area.end]
    forward = prev[-1] if prev and id(prev[-1]) not in owned and FORWARD.search(sentence[prev[-1].end :]) else None
    backward = None
    if nxt and BACKWARD_GAP.match(sentence[area.end : nxt[0].start]):
        reaches_on = FORWARD.search(sentence[nxt[0].end :]) and any(a.start >= nxt[0].end for a in named)
        if not reaches_on or re.fullmatch(r"\W{0,3}", sentence[area.end : nxt[0].start]):
            backward = nxt[0]
    # "'outstanding' leadership": a grade written as the area's adjective
    adjective = prev[-1] if prev and re.fullmatch(r"['\"’”]?\s?", sentence[prev[-1].end : area.start]) else None
    if adjective:
        return adjective
    if forward and backward:
        # "Outstanding was given for A, and the overall judgement was good": the first area a grade reaches
        # forward to is that grade's, however near the next grade is.
        if not any(forward.end <= a.start < area.start for a in named if a is not area):
            return forward
        return forward if area.start - forward.end <= backward.start - area.end else backward
    return forward or backward


# -- tables -----------------------------------------------------------------------------------------------------
def judgements_from_table_lines(text: str, areas) -> list[Judgement]:
    """Areas and grades laid out as table rows, whichever way the extraction flattened them."""
    lines = [ln.strip(" \t*•|") for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    columns, current = grade_columns(lines)
    found: dict[str, Judgement] = {}
    i = 0
    while i < len(lines):
        line = lines[i]
        grade_first = _grade_first_row(line, areas)
        if grade_first:
            found.setdefault(grade_first[0], grade_first)
            i += 1
            continue
        area = _area_heading(line, areas)
        if area is None:
            i += 1
            continue
        same_line = _cells(line[area[1] :])
        if same_line:
            cells = same_line
            i += 1
        else:
            cells = []
            j = i + 1
            while j < len(lines) and len(cells) < max(columns, 1):
                cell = _grade_cell(lines[j])
                if cell is None:
                    break
                cells.append(cell)
                j += 1
            i = j if cells else i + 1
        if cells:
            pick = cells[current] if columns > 1 and len(cells) == columns else cells[0]
            found.setdefault(area[0], (area[0], pick[0], pick[1]))
    return list(found.values())


# "Good – the experiences and progress of children in care": a row with its grade first, then one area's label.
GRADE_FIRST_ROW = re.compile(r"^(?P<grade>[^–—:|-]{2,40}?)\s*(?:[–—:|]|\s-\s)\s*(?P<label>.{3,140})$")


def _grade_first_row(line: str, areas) -> Judgement | None:
    m = GRADE_FIRST_ROW.match(line)
    if not m or re.search(r"[.;]|\b(?:was|were|is|are|has|have)\b", m["label"]):
        return None
    cell = _grade_cell(m["grade"])
    named = [(area, p.search(m["label"])) for area, p in areas]
    named = [(area, hit) for area, hit in named if hit]
    if cell is None or len(named) != 1:
        return None
    return named[0][0], cell[0], cell[1]


def grade_columns(lines: list[str]) -> tuple[int, int]:
    """How many grade columns the table has, and which is the current one (the latest year, or "current")."""
    heads = []
    for line in lines:
        cells = [c for c in re.split(r"\s*\|\s*|\t|\s{3,}", line) if c.strip()]
        marks = [_grade_column(c) for c in cells]
        if len(marks) >= 3 and marks[0] is None and all(marks[1:]):
            marks = marks[1:]  # "Area | Last inspection (2019) | March 2024": the label column's heading
        if marks and all(marks):
            heads.extend(marks)
            if len(heads) >= 2:
                break
        elif heads:
            break
    # "Judgement | Previous (2018) | May 2022": the first heading names the label column, not a grade column.
    if (
        len(heads) >= 3
        and not (heads[0].group("year") or heads[0].group("year2") or heads[0].group("word"))
        and any(h.group("year") or h.group("year2") or h.group("word") for h in heads[1:])
    ):
        heads = heads[1:]
    if len(heads) < 2:
        return 1, 0

    def rank(m: re.Match) -> int:
        year = m.group("year") or m.group("year2")
        if year:
            return int(year)
        return 0 if (m.group("word") or "").lower() in OLD_COLUMN_WORDS else 9999

    ranks = [rank(m) for m in heads]
    return len(heads), ranks.index(max(ranks))


def _area_heading(line: str, areas) -> tuple[str, int] | None:
    """An area label at the start of a row: the line is the label, or the label then its grade cells."""
    for area, pattern in areas:
        m = pattern.search(line)
        if not m or m.start() > 70:
            continue
        rest = line[m.end() :]
        if len(line) <= 140 and (
            not rest.strip(" .:-–|") or _cells(rest) or not re.search(r"\b(?:was|were|is|are|has|have)\b", line)
        ):
            if not re.search(r"[.!?]\s+[A-Z]", line):
                return area, _label_end(line, m.end())
    return None


def _label_end(line: str, area_end: int) -> int:
    m = re.search(r"[:|\t]|\s[-–]\s|\s{2,}", line[area_end:])
    grade_at = [pat.search(line, area_end) for pat, _, _ in GRADE_PHRASES]
    first_grade = min((g.start() for g in grade_at if g), default=len(line))
    return min(area_end + m.start() if m else len(line), first_grade)


def _cells(rest: str) -> list[tuple[str, str]]:
    """Grade cells after an area label on one line: ": Good", "| RI | Good", " Requires improvement to be good"."""
    rest = rest.strip()
    if not rest:
        return []
    parts = [p for p in re.split(r"\s*[|\t]\s*|\s{2,}|\s[-–]\s|^[:\-–]\s*", rest) if p.strip(" .:")]
    cells = []
    for part in parts:
        cell = _grade_cell(part)
        if cell is None:
            return cells if cells else []
        cells.append(cell)
    return cells


def _grade_cell(text: str) -> tuple[str, str] | None:
    """A cell that holds nothing but a grade."""
    t = text.strip(" .:-–|*•'\"‘’“”")
    for pattern, grade, _ in GRADE_PHRASES:
        m = pattern.fullmatch(t)
        if m:
            return grade, t
    return None


ANAPHORA = re.compile(r"^(?:it|this|these|they|both|each|all of these|this area|this judge?ment)\b", re.I)
QUOTED_GRADE = re.compile(r"['\"‘“]\s*(?:good|outstanding|inadequate|requires? improvement)", re.I)
SERVICE_SUBJECT = re.compile(r"\b(?:services?|council|authority|department|directorate|it|they)\b", re.I)


# -- one review -------------------------------------------------------------------------------------------------
def judgements_from_text(
    sentences: list[str], areas, review_year: int | None = None, table_text: str = ""
) -> list[Judgement]:
    """Tables first, then area judgements in prose, then a grade for the whole service as the overall one."""
    found: dict[str, Judgement] = {}
    for area, grade, raw in judgements_from_table_lines(table_text, areas) if table_text else []:
        found.setdefault(area, (area, grade, raw))
    loose: list[Mention] = []
    previous = ""
    for sentence in sentences:
        judged_before = bool(JUDGING.search(previous))
        named, unclaimed = judgements_in_sentence(sentence, areas, review_year, judged_before)
        if not named and unclaimed and ANAPHORA.match(sentence) and not grade_mentions(previous, review_year, areas):
            # "… children in care and care leavers. This was judged outstanding.": the area is in the sentence before
            named = [(a.value, unclaimed[0].value, unclaimed[0].raw) for a in area_mentions(previous, areas)]
            unclaimed = unclaimed if not named else []
        for area, grade, raw in named:
            found.setdefault(area, (area, grade, raw))
        # A grade for the whole service is told with who judged it, or how, in this sentence or the one before.
        if JUDGING.search(sentence) or (
            judged_before and (SERVICE_SUBJECT.search(sentence) or QUOTED_GRADE.search(sentence))
        ):
            loose += unclaimed
        previous = sentence
    if OVERALL not in found and loose:
        first = loose[0]
        found[OVERALL] = (OVERALL, first.value, first.raw)
    order = [a for a, _ in areas]
    return sorted(found.values(), key=lambda j: order.index(j[0]) if j[0] in order else len(order))


def _cell_rows(layout_text: str) -> list[list[str]]:
    return [[c.strip() for c in row.split("|")] for row in layout_text.splitlines() if "|" in row]


def grade_column_headings(layout_text: str) -> list[str] | None:
    """The cells of the first row of grade column headings ("2019 grade | 2024 grade"), if any."""
    for cells in _cell_rows(layout_text):
        heads = [_grade_column(c) for c in cells[1:] if c]
        if len(heads) >= 2 and all(heads):
            return cells[1:]
    return None


def judgements_from_rows(layout_text: str, areas) -> list[Judgement]:
    """Tables read by position ("label | grade", "label | 2019 grade | 2024 grade"): a row holds an area label and
    its grade cells; with several grade columns the current one (see `grade_columns`) is read."""
    rows = _cell_rows(layout_text)
    columns, current = 1, 0
    headings = grade_column_headings(layout_text)
    if headings:
        columns, current = grade_columns([" | ".join(headings)])
    found: dict[str, Judgement] = {}
    for cells in rows:
        label, grade_cells = cells[0], [_grade_cell(c) for c in cells[1:] if c.strip()]
        grade_cells = [g for g in grade_cells if g]
        if not grade_cells:
            continue
        pick = grade_cells[current] if columns > 1 and len(grade_cells) == columns else grade_cells[0]
        for area, pattern in areas:
            if pattern.search(label):
                found.setdefault(area, (area, pick[0], pick[1]))
                break
    return list(found.values())


# -- area SEND inspections (framework from January 2023): one of three outcomes, in the words reports use ----------
SEND_OUTCOMES = [(outcome, pattern) for outcome, pattern, _ in _SEND_OUTCOME_ROWS]  # vocabulary/grades.py


def _placed_among_outcomes(sentence: str, outcome: str) -> bool:
    """ "Its report places the partnership in the middle of the three possible outcomes: its arrangements lead to
    inconsistent …": the scale is named, then the one outcome given, in a clause of its own with no explainer word."""
    pattern = dict(SEND_OUTCOMES)[outcome]
    m = pattern.search(sentence)
    clause_start = max((b.end() for b in re.finditer(r"[:;]", sentence[: m.start()])), default=None)
    if clause_start is None or not re.search(
        r"\b(?:plac|put|gave|giv|award|receiv|judg|rat|found|conclud)\w*\b[^:;]*$", sentence[: clause_start - 1], re.I
    ):
        return False  # "Possible outcomes: …" heads a list; the partnership must be placed, given or judged
    return not SEND_EXPLAINER.search(sentence[clause_start:]) and not re.search(
        r"\b(?:could|can|would|may|might|if|either|whether)\b", sentence, re.I
    )


def send_outcome(sentences: list[str]) -> list[Judgement]:
    """The outcome the text reports. Several different outcomes in one text are the list of what an inspection
    can conclude, not a conclusion (an explainer), unless exactly one of them is told without explainer words."""
    told: dict[str, str] = {}
    plain: dict[str, str] = {}
    for sentence in sentences:
        for outcome, pattern in SEND_OUTCOMES:
            if pattern.search(sentence):
                told.setdefault(outcome, sentence)
                if not SEND_EXPLAINER.search(sentence):
                    plain.setdefault(outcome, sentence)
    if len(told) == 1:
        ((outcome, sentence),) = told.items()
        listed = SEND_LIST_OF_OUTCOMES.search(sentence) and not _placed_among_outcomes(sentence, outcome)
        return [] if listed else [("send_area_outcome", outcome, sentence[:120])]
    if len(told) > 1 and len(plain) == 1:
        ((outcome, sentence),) = plain.items()
        return [("send_area_outcome", outcome, sentence[:120])]
    return _outcome_by_rank(sentences) if not told else []


# "The partnership received the most positive of the three outcomes": the outcome told by its place on the scale.
SEND_OUTCOME_RANKS = [(outcome, pattern) for outcome, pattern, _ in _SEND_OUTCOME_RANK_ROWS]  # vocabulary/grades.py


def _outcome_by_rank(sentences: list[str]) -> list[Judgement]:
    found = {
        (outcome, s)
        for s in sentences
        for outcome, p in SEND_OUTCOME_RANKS
        if p.search(s)
        and GIVEN.search(s)
        and not re.search(r"\b(?:could|can|would|may|might|if|either|whether)\b", s, re.I)
    }
    if len({o for o, _ in found}) != 1:
        return []
    ((outcome, sentence),) = sorted(found)[:1]
    return [("send_area_outcome", outcome, sentence[:120])]


# -- area SEND inspections (2016 framework): whether a written statement of action was required ---------------------
def written_statement_of_action(sentences: list[str]) -> list[Judgement]:
    """The 2016 framework's one finding, when the text says it outright; not when it explains what an inspection can
    decide ("inspectors may require a written statement of action") or tells of the statement's later progress."""
    from transforms.vocabulary.statements import WRITTEN_STATEMENT_OF_ACTION

    for sentence in sentences:
        if re.search(r"\b(?:could|can|may|might|would|if|whether|either)\b", sentence, re.I):
            continue
        for grade, pattern, _ in WRITTEN_STATEMENT_OF_ACTION:
            if pattern.search(sentence):
                return [("send_written_statement_of_action", grade, sentence[:120])]
    return []
