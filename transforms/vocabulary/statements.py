"""Sentences in which a report states a judgement outside its table, as regular expressions with a `grade` group.

Each row: (area, framework, pattern, an example in our own words). The SIF's first page states the overall
judgement in words above its table; the LSCB review has its own line.
"""

from __future__ import annotations

import re

_GRADE = r"(?P<grade>outstanding|good|inadequate|adequate|requires? improvement(?: to be good)?)"

JUDGEMENT_STATEMENTS: list[tuple[str, str, re.Pattern, str]] = [
    (
        "overall_effectiveness",
        "ofsted_sif",
        re.compile(
            r"(?<!of )\b[Cc]hildren'?s services in (?:the )?[A-Z](?:(?!\b(?:was|were|been|judged|found)\b)[^.|\n])"
            r"{0,80}? (?:(?:are|is) )?" + _GRADE + r"\b"
        ),
        "Children's services in Northtown are good",
    ),
    (
        "lscb",
        "ofsted_sif",
        re.compile(r"\bThe Local Safeguarding Children Board (?:\(LSCB\) )?(?:is )?" + _GRADE + r"\b"),
        "The Local Safeguarding Children Board requires improvement",
    ),
]


# SEND area inspections under the 2016 framework ended in one finding: whether the area had to write a written
# statement of action (WSOA) about its significant weaknesses. Recorded as area `send_written_statement_of_action`.
# Each row: (grade, pattern, an example in our own words). "Not required" rows come first: they are the narrower.
_WSOA = r"(?:written statement of action|\bWSOA\b)"
WRITTEN_STATEMENT_OF_ACTION: list[tuple[str, re.Pattern, str]] = [
    (
        "not_required",
        re.compile(
            rf"\b(?:no|not (?:been )?(?:required|asked) to (?:produce|write|submit|prepare)(?: an?)?|"
            rf"without (?:the need for )?an?|did not (?:need|require|have to produce) an?)\s+{_WSOA}|"
            rf"{_WSOA}\s+(?:is|was|has been|will be)\s+not\s+(?:required|needed)",
            re.I,
        ),
        "The inspectors did not require a written statement of action.",
    ),
    (
        "required",
        re.compile(
            rf"\b(?:(?:required|asked|needs?|needed|has|had|have) to|must) (?:produce|write|submit|prepare|"
            rf"draw up)(?: an?| its| the)? {_WSOA}|{_WSOA}\s*(?:\(WSOA\)\s*)?(?:is|was|has been|were) "
            rf"(?:required|needed|requested)|\b(?:required|requires|require|requiring) (?:the )?(?:local "
            rf"area|partnership|area|council)?\s*(?:to (?:produce|submit|write|prepare) )?an? {_WSOA}",
            re.I,
        ),
        "The area was required to produce a written statement of action within 70 working days.",
    ),
]
