"""Grades as inspection reports and council papers write them in a judgement table's grade cell.

Each row: (the cell's words, the grade recorded, an example cell). A cell may wrap over lines ("Requires" /
"improvement to be" / "good"): the reader joins pieces while they still begin one of these forms.
Pre-2013 regimes graded on their own scale; "adequate" is recorded as stated, never mapped to a later grade.
"""

from __future__ import annotations

GRADE_CELLS: list[tuple[str, str, str]] = [
    ("outstanding", "outstanding", "Outstanding"),
    ("good", "good", "Good"),
    ("requires improvement to be good", "requires_improvement", "Requires improvement to be good"),
    ("requires improvement", "requires_improvement", "Requires improvement"),
    (
        "require improvement to be good",
        "requires_improvement",
        "Require improvement to be good (a SIF table's verb form)",
    ),
    ("require improvement", "requires_improvement", "Require improvement"),
    ("inadequate", "inadequate", "Inadequate"),
    ("adequate", "adequate", "Adequate (a 2009–2012 grade, kept as written)"),
]

# The grades the warehouse records (review_judgements.grade), with what each means. `not_judged`: an ungraded
# review (a focused or monitoring visit, a JTAI, a peer review).
GRADE_NAMES: dict[str, str] = {
    "outstanding": "outstanding",
    "good": "good",
    "requires_improvement": "requires improvement (to be good)",
    "inadequate": "inadequate",
    "adequate": "adequate: pre-2013 scale, as stated",
    "not_judged": "no grade given (ungraded visit or review)",
    "positive_experiences": "SEND 2023: arrangements typically lead to positive experiences and outcomes",
    "inconsistent_experiences": "SEND 2023: arrangements lead to inconsistent experiences and outcomes",
    "widespread_systemic_failings": "SEND 2023: widespread and/or systemic failings",
    "required": "SEND 2016: a written statement of action was required",
    "not_required": "SEND 2016: no written statement of action was required",
}
