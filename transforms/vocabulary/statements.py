"""Sentences in which a report states a judgement outside its table, as regular expressions with a `grade` group.

Each row: (area, framework, pattern, an example in our own words). The SIF's first page states the overall
judgement in words above its table; the LSCB review has its own line.
"""
from __future__ import annotations

import re

_GRADE = r"(?P<grade>outstanding|good|inadequate|adequate|requires? improvement(?: to be good)?)"

JUDGEMENT_STATEMENTS: list[tuple[str, str, re.Pattern, str]] = [
    ("overall_effectiveness", "ofsted_sif",
     re.compile(r"(?<!of )\b[Cc]hildren'?s services in (?:the )?[A-Z](?:(?!\b(?:was|were|been|judged|found)\b)[^.|\n])"
                r"{0,80}? (?:(?:are|is) )?" + _GRADE + r"\b"),
     "Children's services in Northtown are good"),
    ("lscb", "ofsted_sif",
     re.compile(r"\bThe Local Safeguarding Children Board (?:\(LSCB\) )?(?:is )?" + _GRADE + r"\b"),
     "The Local Safeguarding Children Board requires improvement"),
]
