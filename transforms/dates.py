"""Dates as councils write them: single dates, ranges, month-only mentions, ModernGov stamps.

A date we cannot pin down is never invented: it comes back unresolved with its raw text.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from transforms.html_text import decode_until_stable
from transforms.prefilter import fold, required_words
from transforms.vocabulary.dates import DAYS_WITHOUT_MONTH, MONTH_WORDS, RANGE_JOIN, WEEKDAY_WORDS

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9

_MONTH = MONTH_WORDS  # month names, in full or abbreviated (`transforms/vocabulary/dates.py`)
_DAY = r"(?P<{g}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{g}>(?:19|20)\d\d)"
_WEEKDAY = WEEKDAY_WORDS
_JOIN = RANGE_JOIN


def _m(group: str) -> str:
    return _MONTH.format(g=group)


def _d(group: str) -> str:
    return _DAY.format(g=group)


def _y(group: str) -> str:
    return _YEAR.format(g=group)


# "the 3rd and the 7th of March 2025" as well as "3-7 March 2025"
_THE = r"(?:the\s+)?"
_OF = r"(?:of\s+)?"
RANGE_RE = re.compile(
    rf"\b{_WEEKDAY}{_THE}{_d('d1')}(?:\s+{_OF}{_m('m1')}(?:,?\s+{_y('y1')})?)?{_JOIN}{_THE}{_WEEKDAY}{_d('d2')}\s+{_OF}{_m('m2')}"
    rf"(?:,?\s+{_y('y2')})?",
    re.IGNORECASE,
)
# "November 23rd-26th 2021", "March 29-30 2023", "June 9 to June 20", "September 30 - October 3, 2019"
RANGE_MONTH_FIRST_RE = re.compile(
    rf"\b{_WEEKDAY}{_m('m1')}\s+{_d('d1')}(?:,?\s+{_y('y1')})?{_JOIN}{_WEEKDAY}(?:{_m('m2')}\s+)?{_d('d2')}\b"
    rf"(?:,?\s+{_y('y2')})?",
    re.IGNORECASE,
)
# "3, 4 and 5 October 2023": a list of days is the range from the first to the last.
DAY_LIST_RE = re.compile(
    rf"\b{_d('d1')}(?:,\s*[0-3]?\d(?:st|nd|rd|th)?)+,?\s+(?:and|&)\s+{_d('d2')}\s+{_OF}{_m('m2')}(?:,?\s+{_y('y2')})?",
    re.IGNORECASE,
)
# "13/03/2023 - 24/03/2023", "27.11.23 - 08.12.23": slashes or dots, a two-digit year read as 20yy. Two dates are
# needed, each with the same separator twice, so a section number ("3.1") is never read as a date.
NUMERIC_RANGE_RE = re.compile(
    r"\b(?P<d1>[0-3]?\d)(?P<sep>[/.])(?P<m1>[01]?\d)(?P=sep)(?P<y1>(?:19|20)?\d\d)\s*(?:–|—|-|to|until)\s*"
    r"(?P<d2>[0-3]?\d)(?P=sep)(?P<m2>[01]?\d)(?P=sep)(?P<y2>(?:19|20)?\d\d)\b"
)
# "week commencing Tuesday 21 July", "w/c 13 March 2023": the working week from that day.
# "two weeks commencing 15 January": that many working weeks.
WEEK_OF_RE = re.compile(
    rf"\b(?:(?P<weeks>two|three|2|3)\s+weeks\s+(?:commencing|beginning|starting)(?: on)?|"
    rf"week (?:commencing|beginning|starting|of)(?: on)?(?: the)?|w/[cb]|w\.c\.)\s*{_WEEKDAY}{_d('d')}\s+{_m('m')}(?:,?\s+{_y('y')})?",
    re.IGNORECASE,
)
WEEKS = {"two": 2, "three": 3, "2": 2, "3": 3}
WORKING_WEEK = timedelta(days=4)
# Open ends of one period written apart: "commencing 2 March … with the work finishing on Friday 20 March".
PERIOD_START_RE = re.compile(
    rf"\b(?:commenc(?:ing|ed|es)|start(?:ing|ed|s)|began|begins|beginning)(?: on)?\s+{_WEEKDAY}{_d('d')}\s+{_m('m')}"
    rf"(?:,?\s+{_y('y')})?",
    re.IGNORECASE,
)
PERIOD_END_RE = re.compile(
    rf"\b(?:complet(?:ing|ed|es)|end(?:ing|ed|s)|finish(?:ing|ed|es)|conclud(?:ing|ed|es))\b[^.;]{{0,30}}?\s{_WEEKDAY}"
    rf"{_d('d')}\s+{_m('m')}(?:,?\s+{_y('y')})?",
    re.IGNORECASE,
)
LONGEST_PERIOD = timedelta(days=70)
SINGLE_RE = re.compile(rf"\b{_WEEKDAY}{_THE}{_d('d')}\s+{_OF}{_m('m')}(?:,?\s+{_y('y')})?", re.IGNORECASE)
NUMERIC_RE = re.compile(r"\b(?P<d>[0-3]?\d)/(?P<m>[01]?\d)/(?P<y>(?:19|20)\d\d)\b")
MONTH_ONLY_RE = re.compile(
    rf"\b(?:in|during|throughout|(?:the )?(?:start|beginning|end) of)\s+(?:early |late |mid[- ])?"
    rf"{_m('m')}(?:,?\s+{_y('y')})?",
    re.IGNORECASE,
)

# "Area SEND revisit May 2019": a month and year straight after the review's name.
# … and "(ILACS, April 2024)": a month and year right after the review's short name and a comma
MONTH_AFTER_NAME_RE = re.compile(
    rf"\b(?:(?:inspection|re-?inspection|revisit|re-?visit|visit|review|challenge)\s+(?:in\s+)?|"
    rf"(?:ILACS|JTAI|SIF|CPC),\s+)"
    rf"{_m('m')},?\s+{_y('y')}",
    re.IGNORECASE,
)

# "the November 2019 ILACS inspection", "the inspection (March 2023)"
MONTH_BEFORE_NAME_RE = re.compile(
    rf"(?<!\d )(?<!\dst )(?<!\dnd )(?<!\drd )(?<!\dth )\b{_m('m')},?\s+{_y('y')}\s+(?:[\w'’-]+\s+){{0,3}}?(?:inspection|re-?inspection|revisit|"
    rf"visit|review|challenge)\b",
    re.IGNORECASE,
)
MONTH_IN_BRACKETS_RE = re.compile(rf"\(\s*{_m('m')},?\s+{_y('y')}\s*\)", re.IGNORECASE)

ORDINAL_SUP_RE = re.compile(r"(\d)\s*<sup>\s*(st|nd|rd|th)\s*</sup>", re.IGNORECASE)


@dataclass
class DateRange:
    start: date | None
    end: date | None
    precision: str  # day | month | unresolved
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


# Every date the finders here read holds a digit or a month's name (`MONTH_WORDS`): a sentence with neither
# holds none, and a long report's sentences are mostly such.
_DIGIT = re.compile(r"\d")
_MONTH_STEMS = tuple(sorted(required_words(MONTH_WORDS.format(g="m"), re.I) or ()))


def could_hold_a_date(text: str) -> bool:
    """False only when no finder here can read a date in `text` (cleaned: `clean`): no digit, no month."""
    if _DIGIT.search(text):
        return True
    folded = fold(text)
    return not _MONTH_STEMS or any(stem in folded for stem in _MONTH_STEMS)


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
    """First full date in the text: `15 January 2026`, `Tuesday, 3rd March 2026`, `9 JUNE 2021`, `21/11/2016`."""
    text = clean(text)
    numeric = NUMERIC_RE.search(text)
    spelled = SINGLE_RE.search(text)
    candidates = []
    if numeric:
        candidates.append((numeric.start(), safe_date(int(numeric["y"]), int(numeric["m"]), int(numeric["d"]))))
    while spelled:
        if spelled["y"]:
            candidates.append(
                (spelled.start(), safe_date(int(spelled["y"]), month_number(spelled["m"]), int(spelled["d"])))
            )
            break
        spelled = SINGLE_RE.search(text, spelled.end())
    candidates = [c for c in candidates if c[1]]
    return min(candidates)[1] if candidates else None


def parse_moderngov_date(text: str) -> date | None:
    """`13/01/2026` from the web service, or `15 Jan 2026 7:30 pm` from a meetings list."""
    return parse_single_date(text)


def _infer_year(month: int, day: int, context: date | None, ahead: bool = False) -> int | None:
    """A fieldwork date without a year precedes the report that mentions it; a text about a visit still to come or
    under way ("the inspection starts on 23 November") means the occurrence nearest the context date."""
    if context is None:
        return None
    candidate = safe_date(context.year, month, day)
    if candidate is None:
        return None
    if ahead:
        options = [y for y in (context.year - 1, context.year, context.year + 1) if safe_date(y, month, day)]
        return min(options, key=lambda y: abs((safe_date(y, month, day) - context).days))
    return context.year if candidate <= context else context.year - 1


def _resolve_range(m: re.Match, context: date | None, ahead: bool = False) -> DateRange:
    raw = m.group(0).strip()
    m2 = month_number(m.group("m2"))
    m1 = month_number(m.groupdict().get("m1")) or m2
    d1, d2 = int(m.group("d1")), int(m.group("d2"))
    y2 = int(m.group("y2")) if m.group("y2") else None
    y1 = int(m.group("y1")) if m.groupdict().get("y1") else None
    if y2 is None and y1 is not None:
        y2 = y1 + 1 if m1 > m2 else y1
    if y2 is None:
        y2 = _infer_year(m2, d2, context, ahead)
    if y2 is None:
        return DateRange(None, None, "unresolved", raw, m.span())
    if y1 is None:
        y1 = y2 - 1 if m1 > m2 else y2
    start, end = safe_date(y1, m1, d1), safe_date(y2, m2, d2)
    if start is None or end is None or start > end:
        return DateRange(None, None, "unresolved", raw, m.span())
    return DateRange(start, end, "day", raw, m.span())


def find_ranges(text: str, context: date | None = None, ahead: bool = False) -> list[DateRange]:
    """Every day range in the text ("12th – 16th October 2020", "29th February to 4th March", "June 9 to June 20",
    "week commencing 21 July"). `ahead`: the text speaks of a visit to come or under way (see `_infer_year`)."""
    text = clean(text)
    found: list[DateRange] = []
    taken: list[tuple[int, int]] = []
    resolvers = (
        (NUMERIC_RANGE_RE, _resolve_numeric),
        (DAY_LIST_RE, _resolve_range),
        (RANGE_RE, _resolve_range),
        (RANGE_MONTH_FIRST_RE, _resolve_month_first),
        (WEEK_OF_RE, _resolve_week),
    )
    for regex, resolve in resolvers:
        for m in regex.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            if regex is RANGE_MONTH_FIRST_RE and _lower_may_without_year(m):
                continue
            resolved = resolve(m, context, ahead)
            if resolved is not None:
                found.append(resolved)
                taken.append(m.span())
    return sorted(found, key=lambda r: r.span)


def _resolve_numeric(m: re.Match, context: date | None = None, ahead: bool = False) -> DateRange | None:
    start = safe_date(_full_year(m["y1"]), int(m["m1"]), int(m["d1"]))
    end = safe_date(_full_year(m["y2"]), int(m["m2"]), int(m["d2"]))
    if m["sep"] == "." and not (start and end and start <= end <= start + LONGEST_PERIOD):
        return None  # "2.1.10 - 2.1.12" is a run of paragraph numbers, not a visit
    if not start or not end or start > end:
        return DateRange(None, None, "unresolved", m.group(0), m.span())
    return DateRange(start, end, "day", m.group(0), m.span())


def _full_year(digits: str) -> int:
    """ "23" is 2023: councils' two-digit years are this century's."""
    return 2000 + int(digits) if len(digits) == 2 else int(digits)


def _lower_may_without_year(m: re.Match) -> bool:
    # "officers may 2 to 3 …" is not a date; a month written first needs a capital or a year when it is "may".
    return m.group("m1").lower() == "may" and m.group("m1")[0] == "m" and not (m.group("y1") or m.group("y2"))


def _resolve_month_first(m: re.Match, context: date | None, ahead: bool = False) -> DateRange:
    m1 = month_number(m.group("m1"))
    m2 = month_number(m.group("m2")) or m1
    d1, d2 = int(m.group("d1")), int(m.group("d2"))
    y1 = int(m.group("y1")) if m.group("y1") else None
    y2 = int(m.group("y2")) if m.group("y2") else None
    if y2 is None:
        y2 = (y1 + 1 if m1 > m2 else y1) if y1 is not None else _infer_year(m2, d2, context, ahead)
    if y2 is None:
        return DateRange(None, None, "unresolved", m.group(0).strip(), m.span())
    if y1 is None:
        y1 = y2 - 1 if m1 > m2 else y2
    start, end = safe_date(y1, m1, d1), safe_date(y2, m2, d2)
    if not start or not end or start > end:
        return DateRange(None, None, "unresolved", m.group(0).strip(), m.span())
    return DateRange(start, end, "day", m.group(0).strip(), m.span())


def _resolve_week(m: re.Match, context: date | None, ahead: bool = False) -> DateRange:
    month, day = month_number(m.group("m")), int(m.group("d"))
    year = int(m.group("y")) if m.group("y") else _infer_year(month, day, context, ahead)
    start = safe_date(year, month, day) if year else None
    if start is None:
        return DateRange(None, None, "unresolved", m.group(0).strip(), m.span())
    extra = timedelta(weeks=WEEKS[m.group("weeks").lower()] - 1) if m.group("weeks") else timedelta(0)
    return DateRange(start, start + WORKING_WEEK + extra, "day", m.group(0).strip(), m.span())


def find_period_from_ends(text: str, context: date | None = None, ahead: bool = False) -> DateRange | None:
    """One period written as its two ends apart ("commencing 2 March … finishing on 20 March"): the first
    start and the last end after it, no more than ten weeks apart. The end's year follows the start's."""
    text = clean(text)
    starts = [(m, _dated(m, context, ahead)) for m in PERIOD_START_RE.finditer(text)]
    starts = [(m, d) for m, d in starts if d]
    if not starts:
        return None
    m_start, start = min(starts, key=lambda x: x[1])
    ends = []
    for m in PERIOD_END_RE.finditer(text):
        month, day = month_number(m.group("m")), int(m.group("d"))
        year = (
            int(m.group("y"))
            if m.group("y")
            else (start.year if (month, day) >= (start.month, start.day) else start.year + 1)
        )
        end = safe_date(year, month, day)
        if end and start < end <= start + LONGEST_PERIOD:
            ends.append((m, end))
    if not ends:
        return None
    m_end, end = max(ends, key=lambda x: x[1])
    raw = f"{m_start.group(0).strip()} … {m_end.group(0).strip()}"
    return DateRange(start, end, "day", raw, (m_start.start(), m_end.end()))


def _dated(m: re.Match, context: date | None, ahead: bool) -> date | None:
    month, day = month_number(m.group("m")), int(m.group("d"))
    year = int(m.group("y")) if m.group("y") else _infer_year(month, day, context, ahead)
    return safe_date(year, month, day) if year else None


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


# "on the 17th and 18th" with the month told before ("… the focused visit in January. … on site on the 17th and 18th").
DAYS_WITHOUT_MONTH_RES = [re.compile(pattern, re.IGNORECASE) for pattern, _ in DAYS_WITHOUT_MONTH]
# one pattern, without the group names, to ask cheaply whether a sentence has any such range
DAYS_WITHOUT_MONTH_RE = re.compile(
    "|".join(f"(?:{re.sub(r'[(][?]P<d[12]>', '(', p)})" for p, _ in DAYS_WITHOUT_MONTH), re.IGNORECASE
)


def find_days_of_a_month_told_before(
    before: str, text: str, context: date | None = None, ahead: bool = False
) -> list[DateRange]:
    """Day ranges written without their month ("on the 17th and 18th"), dated by the last month named before them
    (in `before`, the sentence or two ahead, or earlier in `text`). Nothing when no month was named."""
    text = clean(text)
    out = []
    for m in sorted((m for p in DAYS_WITHOUT_MONTH_RES for m in p.finditer(text)), key=lambda m: m.start()):
        months = [
            r for r in find_month_mentions(clean(before) + " \n " + text[: m.start()], context, ahead) if r.resolved
        ]
        if not months:
            continue
        told = months[-1].start
        start, end = safe_date(told.year, told.month, int(m["d1"])), safe_date(told.year, told.month, int(m["d2"]))
        if start and end and start <= end:
            out.append(DateRange(start, end, "day", m.group(0).strip(), m.span()))
    return out


def find_month_mentions(text: str, context: date | None = None, ahead: bool = False) -> list[DateRange]:
    """Month-only mentions ("in November 2022", "in April"), stored as the month's first and last day."""
    text = clean(text)
    out = []
    matches = list(MONTH_ONLY_RE.finditer(text))
    for regex in (MONTH_AFTER_NAME_RE, MONTH_BEFORE_NAME_RE, MONTH_IN_BRACKETS_RE):
        matches += [
            m for m in regex.finditer(text) if not any(o.start() < m.end() and m.start() < o.end() for o in matches)
        ]
    for m in sorted(matches, key=lambda m: m.start()):
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
            year = (
                _infer_year(month, 1, context, ahead)
                if ahead
                else (context.year if month <= context.month else context.year - 1)
            )
        else:
            out.append(DateRange(None, None, "unresolved", m.group(0).strip(), m.span()))
            continue
        last = calendar.monthrange(year, month)[1]
        out.append(DateRange(date(year, month, 1), date(year, month, last), "month", m.group(0).strip(), m.span()))
    return out


def month_bounds(d: date) -> tuple[date, date]:
    return date(d.year, d.month, 1), date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
