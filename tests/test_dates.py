"""Date forms from real council papers; impossible dates stay unresolved with their text."""

from datetime import date

import pytest

from transforms.dates import find_month_mentions, find_period_from_ends, find_ranges, parse_single_date


@pytest.mark.parametrize(
    "text,start,end",
    [
        ("Peers were on site 26th – 30th September 2016.", date(2016, 9, 26), date(2016, 9, 30)),
        ("on site from 20th to 23rd September 2022", date(2022, 9, 20), date(2022, 9, 23)),
        ("visit 27th November - 1st December 2017", date(2017, 11, 27), date(2017, 12, 1)),
        ("inspected 14 January – 4 February 2015", date(2015, 1, 14), date(2015, 2, 4)),
        ("Dates of inspection: 20 January 2015 – 11 February 2015", date(2015, 1, 20), date(2015, 2, 11)),
        ("between 20-22 February", date(2022, 2, 20), date(2022, 2, 22)),
        ("on 9 and 10 February 2021", date(2021, 2, 9), date(2021, 2, 10)),
        ("November 23rd-26th 2021", date(2021, 11, 23), date(2021, 11, 26)),
        ("from 28th December to 3rd January 2019", date(2018, 12, 28), date(2019, 1, 3)),
    ],
)
def test_ranges(text, start, end):
    found = find_ranges(text, context=date(2022, 5, 18))
    assert (found[0].start, found[0].end, found[0].precision) == (start, end, "day")


def test_year_from_context_never_invents_an_impossible_date():
    r = find_ranges("the review ran 29th February to 4th March.", context=date(2022, 5, 18))[0]
    assert r.start is None and r.precision == "unresolved"
    assert r.raw.startswith("29th February to 4th March")


def test_year_from_context_goes_back_when_the_month_is_later():
    r = find_ranges("27 February - 14 March", context=date(2023, 1, 15))[0]
    assert r.start == date(2022, 2, 27)


def test_month_only_is_stored_as_the_whole_month():
    m = find_month_mentions("The peers came in November 2022, and", context=None)[0]
    assert (m.start, m.end, m.precision) == (date(2022, 11, 1), date(2022, 11, 30), "month")
    april = find_month_mentions("Reviewers spent a week with us in April and", context=date(2015, 6, 18))[0]
    assert (april.start, april.end) == (date(2015, 4, 1), date(2015, 4, 30))


def test_month_only_ignores_the_verb_may_and_full_dates():
    assert find_month_mentions("officers may in future", context=date(2020, 1, 1)) == []
    assert find_month_mentions("Scrutiny Panel 25th July 2019", context=None) == []


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Published Thursday, 18th June 2015", date(2015, 6, 18)),
        ("Date of Meeting 18 MAY 2022", date(2022, 5, 18)),
        ("25<sup>th</sup> July 2019", date(2019, 7, 25)),
        ("Meeting: 21&#47;11&#47;2016 - Children, Young People", date(2016, 11, 21)),
        ("13/01/2026", date(2026, 1, 13)),
        ("15 Jan 2026&nbsp;7&#58;30 pm", date(2026, 1, 15)),
    ],
)
def test_single_dates(text, expected):
    assert parse_single_date(text) == expected


@pytest.mark.parametrize(
    "text,context,start,end",
    [
        # month written first, with or without a year
        ("The review team visited on April 23-26 2019.", None, date(2019, 4, 23), date(2019, 4, 26)),
        ("Inspectors were on site from May 8 to May 19.", date(2021, 7, 2), date(2021, 5, 8), date(2021, 5, 19)),
        ("fieldwork ran October 30 - November 2, 2017", None, date(2017, 10, 30), date(2017, 11, 2)),
        # "the 3rd and the 7th of March", "between 4 and 15 November 2019"
        ("The county was visited between the 3rd and the 7th of March 2025.", None, date(2025, 3, 3), date(2025, 3, 7)),
        ("It was inspected between 4 and 15 November 2019.", None, date(2019, 11, 4), date(2019, 11, 15)),
        # a working week from "week commencing" / "w/c"
        ("Peers will be on site w/c 9 October 2023.", None, date(2023, 10, 9), date(2023, 10, 13)),
        ("in the week commencing Monday 2 March", date(2020, 4, 20), date(2020, 3, 2), date(2020, 3, 6)),
        ("during the week of 6 November 2023", None, date(2023, 11, 6), date(2023, 11, 10)),
        # a list of days, numeric dates
        ("The peers were with us on 7, 8 and 9 February 2022.", None, date(2022, 2, 7), date(2022, 2, 9)),
        ("Fieldwork: 02/10/2017 - 13/10/2017", None, date(2017, 10, 2), date(2017, 10, 13)),
    ],
)
def test_more_range_forms(text, context, start, end):
    r = find_ranges(text, context=context)[0]
    assert (r.start, r.end, r.precision) == (start, end, "day")


def test_a_visit_still_to_come_takes_the_nearest_year_not_the_last_one():
    text = "Inspectors arrive for the inspection which starts on 30 November until 11 December."
    assert find_ranges(text, context=date(2020, 11, 20), ahead=True)[0].start == date(2020, 11, 30)
    assert find_ranges(text, context=date(2020, 11, 20))[0].start == date(2019, 11, 30)


def test_a_period_written_as_its_two_ends_apart():
    text = (
        "Ofsted told us on Monday that an inspection is commencing 3 June. Inspectors will be off site first and "
        "will then be completing their fieldwork on Friday 21 June."
    )
    r = find_period_from_ends(text, context=date(2019, 6, 5), ahead=True)
    assert (r.start, r.end, r.precision) == (date(2019, 6, 3), date(2019, 6, 21), "day")


def test_a_month_and_year_straight_after_the_review_s_name():
    m = find_month_mentions("Report on the Local Area SEND Revisit May 2021 and next steps", context=None)[0]
    assert (m.start, m.end, m.precision) == (date(2021, 5, 1), date(2021, 5, 31), "month")


@pytest.mark.parametrize(
    "text,start",
    [
        ("Actions following the November 2019 ILACS inspection", date(2019, 11, 1)),
        ("The Ofsted inspection (March 2023) found that", date(2023, 3, 1)),
    ],
)
def test_a_month_and_year_written_before_the_review_or_in_brackets(text, start):
    m = find_month_mentions(text, context=None)[0]
    assert (m.start, m.precision) == (start, "month")


def test_a_full_date_before_a_title_is_not_a_month_mention():
    assert find_month_mentions("Scrutiny Panel 14th March 2022 Inspection of Local Authority Children's Services") == []


def _every_finder(sentence: str) -> list:
    from transforms.dates import clean, find_days_of_a_month_told_before, find_single_dates

    context = date(2024, 6, 1)
    sentence = clean(sentence)
    return (
        find_ranges(sentence, context)
        + find_single_dates(sentence)
        + find_month_mentions(sentence, context)
        + find_days_of_a_month_told_before("in March 2024", sentence, context)
    )


@pytest.mark.parametrize(
    "sentence",
    [
        "Inspectors found that leaders know their services well.",
        "The visit took place in the spring, with the team on site for a week.",
        "Peers were on site from the third to the fifth of the month.",
    ],
)
def test_a_sentence_with_no_digit_and_no_month_holds_no_date(sentence):
    from transforms.dates import could_hold_a_date

    assert not could_hold_a_date(sentence)
    assert _every_finder(sentence) == []


def test_every_sentence_a_finder_reads_a_date_in_may_hold_one():
    """The screen in front of the date finders (a report's fieldwork is looked for sentence by sentence) never
    passes over a sentence they read a date in: checked on every sentence of the evaluation sets and replica."""
    from tests.test_prefilter import _texts_we_have
    from transforms.classify import split_sentences
    from transforms.dates import clean, could_hold_a_date

    sentences = [s for text in _texts_we_have() for s in split_sentences(text)]
    dated = [s for s in sentences if _every_finder(s)]
    assert len(dated) > 200
    assert all(could_hold_a_date(clean(s)) for s in dated)
    assert sum(not could_hold_a_date(clean(s)) for s in sentences) > len(sentences) / 3  # it does pass over most
