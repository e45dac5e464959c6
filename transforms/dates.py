"""Dates as councils write them: single dates, ranges, month-only mentions, ModernGov stamps.

A date we cannot pin down is never invented: it comes back unresolved with its raw text.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from transforms.html_text import decode_until_stable

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9

_MONTH = r"(?P<{g}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
_JOIN = r"\s*(?:–|—|-|to|until|and|till)\s*"


def _m(group: str) -> str:
    return _MONTH.format(g=group)


def _d(group: str) -> str:
    return _DAY.format(g=group)


def _y(group: str) -> str:
    return _YEAR.format(g=group)


RANGE_RE = re.compile(
    rf"\b{_WEEKDAY}{_d('d1')}(?:\s+{_m('m1')}(?:,?\s+{_y('y1')})?)?{_JOIN}{_WEEKDAY}{_d('d2')}\s+{_m('m2')}(?:,?\s+{_y('y2')})?",
    re.IGNORECASE,
)
# "November 23rd-26th 2021"
RANGE_MONTH_FIRST_RE = re.compile(
    rf"\b{_m('m1')}\s+{_d('d1')}{_JOIN}{_d('d2')},?\s+{_y('y2')}", re.IGNORECASE)
SINGLE_RE = re.compile(rf"\b{_WEEKDAY}{_d('d')}\s+{_m('m')}(?:,?\s+{_y('y')})?", re.IGNORECASE)
NUMERIC_RE = re.compile(r"\b(?P<d>[0-3]?\d)/(?P<m>[01]?\d)/(?P<y>(?:19|20)\d\d)\b")
MONTH_ONLY_RE = re.compile(rf"\b(?:in|during)\s+(?:early |late |mid[- ])?{_m('m')}(?:,?\s+{_y('y')})?", re.IGNORECASE)

ORDINAL_SUP_RE = re.compile(r"(\d)\s*<sup>\s*(st|nd|rd|th)\s*</sup>", re.IGNORECASE)


@dataclass
class DateRange:
    start: date | None
    end: date | None
    precision: str            # day | month | unresolved
    raw: str
    span: tuple[int, int] = (0, 0)

    @property
    def resolved(self) -> bool:
        return self.start is not None


def clean(text: str) -> str:
    """Undo the markup habits that hide dates: entities (`&#47;`), `<sup>th</sup>`, odd spaces."""
    text = decode_until_stable(text)
    text = ORDINAL_SUP_RE.sub(r"\1\2", text)
    return text.replace("\u00a0", " ")


def month_number(token: str | None) -> int | None:
    if not token:
        return None
    t = token.lower().rstrip(".")
    return MONTHS.get(t) or MONTHS.get(t[:3])


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_single_date(text: str) -> date | None:
    """First full date in the text: `15 January 2026`, `Thursday, 18th June 2015`, `18 MAY 2022`, `21/11/2016`."""
    text = clean(text)
    numeric = NUMERIC_RE.search(text)
    spelled = SINGLE_RE.search(text)
    candidates = []
    if numeric:
        candidates.append((numeric.start(), safe_date(int(numeric["y"]), int(numeric["m"]), int(numeric["d"]))))
    while spelled:
        if spelled["y"]:
            candidates.append((spelled.start(), safe_date(int(spelled["y"]), month_number(spelled["m"]), int(spelled["d"]))))
            break
        spelled = SINGLE_RE.search(text, spelled.end())
    candidates = [c for c in candidates if c[1]]
    return min(candidates)[1] if candidates else None


def parse_moderngov_date(text: str) -> date | None:
    """`13/01/2026` from the web service, or `15 Jan 2026 7:30 pm` from a meetings list."""
    return parse_single_date(text)


def _infer_year(month: int, day: int, context: date | None) -> int | None:
    if context is None:
        return None
    # A fieldwork date without a year precedes the report that mentions it.
    candidate = safe_date(context.year, month, day)
    if candidate is None:
        return None
    return context.year if candidate <= context else context.year - 1


def _resolve_range(m: re.Match, context: date | None) -> DateRange:
    raw = m.group(0).strip()
    m2 = month_number(m.group("m2"))
    m1 = month_number(m.groupdict().get("m1")) or m2
    d1, d2 = int(m.group("d1")), int(m.group("d2"))
    y2 = int(m.group("y2")) if m.group("y2") else None
    y1 = int(m.group("y1")) if m.groupdict().get("y1") else None
    if y2 is None:
        y2 = _infer_year(m2, d2, context)
    if y2 is None:
        return DateRange(None, None, "unresolved", raw, m.span())
    if y1 is None:
        y1 = y2 - 1 if m1 > m2 else y2
    start, end = safe_date(y1, m1, d1), safe_date(y2, m2, d2)
    if start is None or end is None or start > end:
        return DateRange(None, None, "unresolved", raw, m.span())
    return DateRange(start, end, "day", raw, m.span())


def find_ranges(text: str, context: date | None = None) -> list[DateRange]:
    """Every day range in the text ("26th – 30th September 2016", "29th February to 4th March")."""
    text = clean(text)
    found: list[DateRange] = []
    taken: list[tuple[int, int]] = []
    for regex in (RANGE_RE, RANGE_MONTH_FIRST_RE):
        for m in regex.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            if regex is RANGE_MONTH_FIRST_RE:
                found.append(_resolve_month_first(m, context))
            else:
                found.append(_resolve_range(m, context))
            taken.append(m.span())
    return sorted(found, key=lambda r: r.span)


def _resolve_month_first(m: re.Match, context: date | None) -> DateRange:
    month = month_number(m.group("m1"))
    year = int(m.group("y2"))
    start, end = safe_date(year, month, int(m.group("d1"))), safe_date(year, month, int(m.group("d2")))
    if not start or not end:
        return DateRange(None, None, "unresolved", m.group(0), m.span())
    return DateRange(start, end, "day", m.group(0), m.span())


def find_single_dates(text: str) -> list[DateRange]:
    """Full single dates ("on 24 March 2023") as one-day ranges."""
    text = clean(text)
    out = []
    for m in SINGLE_RE.finditer(text):
        if not m.group("y"):
            continue
        d = safe_date(int(m.group("y")), month_number(m.group("m")), int(m.group("d")))
        if d:
            out.append(DateRange(d, d, "day", m.group(0).strip(), m.span()))
    return out


def find_month_mentions(text: str, context: date | None = None) -> list[DateRange]:
    """Month-only mentions ("in November 2022", "in April"), stored as the month's first and last day."""
    text = clean(text)
    out = []
    for m in MONTH_ONLY_RE.finditer(text):
        token = m.group("m")
        # "may" is a verb far more often than a month when no year follows it.
        if token.lower() == "may" and not m.group("y") and not token[0].isupper():
            continue
        if token[0].islower() and not m.group("y"):
            continue
        month = month_number(token)
        if m.group("y"):
            year = int(m.group("y"))
        elif context is not None:
            year = context.year if month <= context.month else context.year - 1
        else:
            out.append(DateRange(None, None, "unresolved", m.group(0).strip(), m.span()))
            continue
        last = calendar.monthrange(year, month)[1]
        out.append(DateRange(date(year, month, 1), date(year, month, last), "month", m.group(0).strip(), m.span()))
    return out


def month_bounds(d: date) -> tuple[date, date]:
    return date(d.year, d.month, 1), date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
