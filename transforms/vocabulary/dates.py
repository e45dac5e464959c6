"""How a document introduces the inspection's own dates. A range right after one of these is the fieldwork,
before any other date the text gives (a page footer with a slip in it, the previous inspection, the publication).

Each row: (pattern of the words before the dates, an example in our own words).
"""

from __future__ import annotations

import re

OWN_DATES_LINES: list[tuple[re.Pattern, str]] = [
    (re.compile(r"\binspection dates?\s*:?\s*$", re.I), "Inspection dates: 2 to 13 June 2025"),
    (
        re.compile(
            r"\b(?:dates? of (?:the )?inspection|inspection (?:took place|ran) (?:from|between)?)\s*:?\s*$", re.I
        ),
        "Dates of inspection: 14-18 October 2019",
    ),
    (re.compile(r"\b(?:fieldwork|on-?site) dates?\s*:?\s*$", re.I), "Fieldwork dates: 4 – 8 March 2024"),
]


def on_own_dates_line(before: str) -> bool:
    """Do the words just before a date introduce the inspection's own dates?"""
    return any(pattern.search(before[-40:]) for pattern, _ in OWN_DATES_LINES)


# Day ranges written without their month, dated by the last month named before them (`transforms.dates`).
# Each row: (pattern with groups d1 and d2, an example in our own words). A bare pair of numbers counts only after
# a word that introduces dates and with nothing but punctuation after it ("from 3 to 14 children" is a count).
_NO_MONTH_AFTER = r"(?!\s*(?:of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))"
DAYS_WITHOUT_MONTH: list[tuple[str, str]] = [
    (
        r"(?:\b(?:on|from|between)\s+the\s+|\(\s*)(?P<d1>[0-3]?\d)(?:st|nd|rd|th)\s*(?:–|—|-|to|until|and)\s*"
        r"(?:the\s+)?(?P<d2>[0-3]?\d)(?:st|nd|rd|th)\b" + _NO_MONTH_AFTER,
        "on site from the 17th to the 19th",
    ),
    (
        r"\b(?:from|between|ran|running|on site)\s+(?P<d1>[0-3]?\d)\s*(?:–|—|-|to|until|and)\s*(?P<d2>[0-3]?\d)"
        r"(?=\s*(?:[,.;)]|inclusive\b|$))",
        "Inspectors were on site from 3 to 7, meeting staff",
    ),
]

# The line an inspection report's first page gives its dates on: with a judgement table, it marks the document as
# the report itself rather than a paper quoting an earlier report's table.
REPORT_DATES_LINE = re.compile(r"^\s*(?:inspection dates?|dates? of (?:the )?inspection)\s*:", re.I | re.M)


# The words dates are written with (`transforms.dates` builds its date patterns from them). `{g}` is the name of
# the group that captures the month.
MONTH_WORDS = r"(?P<{g}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
WEEKDAY_WORDS = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"  # an optional weekday before a day
RANGE_JOIN = r"\s*(?:–|—|-|/|to|until|and|till|&)\s*"  # "5th/6th October" in minutes
# Each row: (what the words are, the pattern, an example in our own words that it matches, case-insensitive).
DATE_WORDS: list[tuple[str, str, str]] = [
    ("a month's name, in full or abbreviated", MONTH_WORDS.format(g="m"), "the visit in Sept."),
    ("a weekday before a day", WEEKDAY_WORDS.removesuffix("?"), "from Tuesday, 4 March"),
    ("the words joining a range's two ends", RANGE_JOIN, "3 till 7 May"),
]
