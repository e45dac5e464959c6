"""Date forms from real council papers; impossible dates stay unresolved with their text."""
from datetime import date

import pytest

from transforms.dates import find_month_mentions, find_ranges, parse_single_date


@pytest.mark.parametrize("text,start,end", [
    ("The onsite review took place 26th – 30th September 2016.", date(2016, 9, 26), date(2016, 9, 30)),
    ("on site from 20th to 23rd September 2022", date(2022, 9, 20), date(2022, 9, 23)),
    ("visit 27th November - 1st December 2017", date(2017, 11, 27), date(2017, 12, 1)),
    ("inspected 14 January – 4 February 2015", date(2015, 1, 14), date(2015, 2, 4)),
    ("Inspection date: 20 January 2015 – 11 February 2015", date(2015, 1, 20), date(2015, 2, 11)),
    ("between 20-22 February", date(2022, 2, 20), date(2022, 2, 22)),
    ("on 9 and 10 February 2021", date(2021, 2, 9), date(2021, 2, 10)),
    ("November 23rd-26th 2021", date(2021, 11, 23), date(2021, 11, 26)),
    ("from 28th December to 3rd January 2019", date(2018, 12, 28), date(2019, 1, 3)),
])
def test_ranges(text, start, end):
    found = find_ranges(text, context=date(2022, 5, 18))
    assert (found[0].start, found[0].end, found[0].precision) == (start, end, "day")


def test_year_from_context_never_invents_an_impossible_date():
    r = find_ranges("undertaken during the period 29th February to 4th March.", context=date(2022, 5, 18))[0]
    assert r.start is None and r.precision == "unresolved"
    assert r.raw.startswith("29th February to 4th March")


def test_year_from_context_goes_back_when_the_month_is_later():
    r = find_ranges("27 February - 14 March", context=date(2023, 1, 15))[0]
    assert r.start == date(2022, 2, 27)


def test_month_only_is_stored_as_the_whole_month():
    m = find_month_mentions("This had been undertaken in November 2022 and", context=None)[0]
    assert (m.start, m.end, m.precision) == (date(2022, 11, 1), date(2022, 11, 30), "month")
    april = find_month_mentions("The team visited the county in April to", context=date(2015, 6, 18))[0]
    assert (april.start, april.end) == (date(2015, 4, 1), date(2015, 4, 30))


def test_month_only_ignores_the_verb_may_and_full_dates():
    assert find_month_mentions("officers may in future", context=date(2020, 1, 1)) == []
    assert find_month_mentions("Scrutiny Panel 25th July 2019", context=None) == []


@pytest.mark.parametrize("text,expected", [
    ("Published Thursday, 18th June 2015", date(2015, 6, 18)),
    ("Date of Meeting 18 MAY 2022", date(2022, 5, 18)),
    ("25<sup>th</sup> July 2019", date(2019, 7, 25)),
    ("Meeting: 21&#47;11&#47;2016 - Children, Young People", date(2016, 11, 21)),
    ("13/01/2026", date(2026, 1, 13)),
    ("15 Jan 2026&nbsp;7&#58;30 pm", date(2026, 1, 15)),
])
def test_single_dates(text, expected):
    assert parse_single_date(text) == expected
