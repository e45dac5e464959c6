"""How a document introduces the inspection's own dates. A range right after one of these is the fieldwork,
before any other date the text gives (a page footer with a slip in it, the previous inspection, the publication).

Each row: (pattern of the words before the dates, an example in our own words).
"""
from __future__ import annotations

import re

OWN_DATES_LINES: list[tuple[re.Pattern, str]] = [
    (re.compile(r"\binspection dates?\s*:?\s*$", re.I), "Inspection dates: 2 to 13 June 2025"),
    (re.compile(r"\b(?:dates? of (?:the )?inspection|inspection (?:took place|ran) (?:from|between)?)\s*:?\s*$", re.I),
     "Dates of inspection: 14-18 October 2019"),
    (re.compile(r"\b(?:fieldwork|on-?site) dates?\s*:?\s*$", re.I), "Fieldwork dates: 4 – 8 March 2024"),
]


def on_own_dates_line(before: str) -> bool:
    """Do the words just before a date introduce the inspection's own dates?"""
    return any(pattern.search(before[-40:]) for pattern, _ in OWN_DATES_LINES)
