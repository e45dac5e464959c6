"""The outcome vocabulary tables (`transforms/vocabulary/grades.py`, `areas.py`, `statements.py`, `dates.py`): every
row's example, in our own words, is read the way the row says by the code that applies the table."""

from __future__ import annotations

import re

import pytest

from transforms.judgement_tables import normalise, read_tables
from transforms.judgements import send_outcome
from transforms.vocabulary.areas import ILACS_AREAS, SIF_AREAS, TABLE_LABELS
from transforms.vocabulary.dates import DATE_WORDS, DAYS_WITHOUT_MONTH, OWN_DATES_LINES, on_own_dates_line
from transforms.vocabulary.fieldwork import FIELDWORK_WORDS
from transforms.vocabulary.findings import FINDING_LEADS
from transforms.vocabulary.grade_context import GRADE_CONTEXT
from transforms.vocabulary.grade_signs import GRADE_SIGNS
from transforms.vocabulary.grades import (
    GRADE_CELLS,
    GRADE_PHRASES,
    SEND_OUTCOME_CUES,
    SEND_OUTCOME_RANKS,
    SEND_OUTCOMES,
)
from transforms.vocabulary.statements import JUDGEMENT_STATEMENTS, WRITTEN_STATEMENT_OF_ACTION


@pytest.mark.parametrize("words, grade, example", GRADE_CELLS, ids=lambda x: str(x)[:30])
def test_every_grade_cell_example_begins_with_its_form(words, grade, example):
    assert normalise(example).startswith(words)


@pytest.mark.parametrize("framework, words, area, example", TABLE_LABELS, ids=lambda x: str(x)[:30])
def test_every_table_label_example_is_read_as_its_area(framework, words, area, example):
    rows = read_tables(example.replace(" / ", "\n"))
    assert [r.area for r in rows] == [area]


@pytest.mark.parametrize("area, framework, pattern, example", JUDGEMENT_STATEMENTS, ids=lambda x: str(x)[:30])
def test_every_statement_example_is_read_as_its_area(area, framework, pattern, example):
    assert pattern.search(example)
    assert [r.area for r in read_tables(example)] == [area]


@pytest.mark.parametrize("grade, pattern, example", WRITTEN_STATEMENT_OF_ACTION, ids=lambda x: str(x)[:30])
def test_every_written_statement_of_action_example_matches(grade, pattern, example):
    assert pattern.search(example)
    first = next(g for g, p, _ in WRITTEN_STATEMENT_OF_ACTION if p.search(example))
    assert first == grade  # "not required" rows come first: the narrower wins


@pytest.mark.parametrize("pattern, example", OWN_DATES_LINES, ids=lambda x: str(x)[:30])
def test_every_dates_line_example_introduces_its_dates(pattern, example):
    first_digit = re.search(r"\d", example).start()
    assert on_own_dates_line(example[:first_digit])


@pytest.mark.parametrize("pattern, example", DAYS_WITHOUT_MONTH, ids=lambda x: str(x)[:30])
def test_every_day_range_without_a_month_example_matches(pattern, example):
    assert re.search(pattern, example, re.I)


# -- the prose tables `transforms.judgements` applies ------------------------------------------------------------
@pytest.mark.parametrize("pattern, grade, needs_sign, example", GRADE_PHRASES, ids=lambda x: str(x)[:30])
def test_every_grade_phrase_example_matches_its_row(pattern, grade, needs_sign, example):
    assert pattern.search(example)


@pytest.mark.parametrize(
    "pattern, grade, needs_sign, example", [r for r in GRADE_PHRASES if not r[2]], ids=lambda x: str(x)[:30]
)
def test_a_grade_phrase_that_needs_no_sign_is_read_as_its_grade(pattern, grade, needs_sign, example):
    """No other row takes the example's words to another grade."""
    assert {g for p, g, sign, _ in GRADE_PHRASES if p.search(example) and not sign} == {grade}


@pytest.mark.parametrize(
    "table, area, pattern, example",
    [("ILACS", *row) for row in ILACS_AREAS] + [("SIF", *row) for row in SIF_AREAS],
    ids=lambda x: str(x)[:30],
)
def test_every_prose_area_example_is_read_as_its_area(table, area, pattern, example):
    assert pattern.search(example)
    rows = ILACS_AREAS if table == "ILACS" else SIF_AREAS
    assert next(a for a, p, _ in rows if p.search(example)) == area  # the first row that matches wins


@pytest.mark.parametrize("outcome, pattern, example", SEND_OUTCOMES, ids=lambda x: str(x)[:30])
def test_every_send_outcome_example_is_read_as_its_outcome(outcome, pattern, example):
    assert pattern.search(example)
    assert [g for _, g, _ in send_outcome([example])] == [outcome]


@pytest.mark.parametrize("outcome, pattern, example", SEND_OUTCOME_RANKS, ids=lambda x: str(x)[:30])
def test_every_send_outcome_rank_example_is_read_as_its_outcome(outcome, pattern, example):
    assert pattern.search(example)
    assert [g for _, g, _ in send_outcome([example])] == [outcome]


@pytest.mark.parametrize("name, pattern, where, example", GRADE_CONTEXT, ids=lambda x: str(x)[:30])
def test_every_grade_context_example_matches_its_row(name, pattern, where, example):
    assert example.strip() and where.strip()
    assert pattern.search(example), f"{name}: {example!r} not matched"


@pytest.mark.parametrize("what, pattern, example", DATE_WORDS, ids=lambda x: str(x)[:30])
def test_every_date_words_example_matches_its_row(what, pattern, example):
    assert re.search(pattern, example, re.I), f"{what}: {example!r} not matched"


@pytest.mark.parametrize("name, pattern, example", FIELDWORK_WORDS, ids=lambda x: str(x)[:30])
def test_every_fieldwork_words_example_matches_its_row(name, pattern, example):
    assert pattern.search(example), f"{name}: {example!r} not matched"


@pytest.mark.parametrize("kind, pattern, example", FINDING_LEADS, ids=lambda x: str(x)[:30])
def test_every_findings_lead_example_is_read_as_its_kind(kind, pattern, example):
    assert pattern.search(example)
    assert next(k for k, p, _ in FINDING_LEADS if p.search(example)) == kind  # the first row that matches wins


@pytest.mark.parametrize("name, pattern, where, example", GRADE_SIGNS, ids=lambda x: str(x)[:30])
def test_every_grade_sign_example_matches_its_row(name, pattern, where, example):
    assert example.strip() and where.strip()
    assert pattern.search(example), f"{name}: {example!r} not matched"


@pytest.mark.parametrize("name, pattern, example", SEND_OUTCOME_CUES, ids=lambda x: str(x)[:30])
def test_every_send_outcome_cue_example_matches_its_row(name, pattern, example):
    assert pattern.search(example), f"{name}: {example!r} not matched"
