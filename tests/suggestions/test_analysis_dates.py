"""Dates and periods (suggestions/analysis/dates.py), resolved against the publication date."""

import datetime

import pytest

from suggestions.analysis import measures_in
from suggestions.analysis.dates import YEAR_NOT_GIVEN, dates_in

PUBLISHED = datetime.date(2024, 11, 2)
D = datetime.date

# (phrase, text of the date, first day, last day, precision)
DATES = [
    ("Troops came back in March.", "back in March", D(2024, 3, 1), D(2024, 3, 31), "month"),
    ("in October 2023", "in October 2023", D(2023, 10, 1), D(2023, 10, 31), "month"),
    ("the advance back in July", "back in July", D(2024, 7, 1), D(2024, 7, 31), "month"),
    ("crossed in August 2024,", "in August 2024", D(2024, 8, 1), D(2024, 8, 31), "month"),
    ("On October 18, South Korea", "On October 18", D(2024, 10, 18), D(2024, 10, 18), "day"),
    ("on February 24, 2022", "on February 24, 2022", D(2022, 2, 24), D(2022, 2, 24), "day"),
    ("on 24 February 2022", "on 24 February 2022", D(2022, 2, 24), D(2022, 2, 24), "day"),
    (
        "Beginning in mid-October,",
        "in mid-October",
        D(2024, 10, 11),
        D(2024, 10, 20),
        "part of month",
    ),
    ("in early December", "in early December", D(2024, 12, 1), D(2024, 12, 10), "part of month"),
    ("late September 2022", "late September 2022", D(2022, 9, 21), D(2022, 9, 30), "part of month"),
    ("since 2022", "since 2022", D(2022, 1, 1), D(2022, 12, 31), "year"),
    ("(1950-53)", "1950-53", D(1950, 1, 1), D(1953, 12, 31), "year"),
    ("Yesterday, the paper said", "Yesterday", D(2024, 11, 1), D(2024, 11, 1), "day"),
    ("took over last month", "last month", D(2024, 10, 1), D(2024, 10, 31), "month"),
    ("spoke on Wednesday", "on Wednesday", D(2024, 10, 30), D(2024, 10, 30), "day"),
    ("celebrated last June", "last June", D(2024, 6, 1), D(2024, 6, 30), "month"),
    ("Sept. 11, 2001", "Sept. 11, 2001", D(2001, 9, 11), D(2001, 9, 11), "day"),
]


@pytest.mark.parametrize(
    ("phrase", "text", "first", "last", "unit"), DATES, ids=[row[0] for row in DATES]
)
def test_date_is_resolved_against_the_publication_date(phrase, text, first, last, unit):
    (span,) = dates_in(phrase, PUBLISHED)
    assert phrase[span.start : span.end] == text
    assert (span.low, span.high, span.unit) == (first.toordinal(), last.toordinal(), unit)


@pytest.mark.parametrize(
    "phrase",
    [
        "May I ask?",
        "They march in step.",
        "1,500 troops",
        "2.5% of GDP",
        "the 2020s",
        "M-1978 guns",
    ],
)
def test_not_a_date(phrase):
    assert dates_in(phrase, PUBLISHED) == []


def test_a_month_without_year_and_without_publication_date_keeps_month_and_day_only():
    (measure,) = measures_in("The incursion began back in July.")
    assert measure.qualifier == YEAR_NOT_GIVEN
    assert measure.describe() == "incursion start: July"


def test_relative_dates_need_a_publication_date():
    assert dates_in("Yesterday, the paper said so last month.") == []


def test_a_date_takes_the_event_named_nearest_to_it():
    (measure,) = measures_in(
        "When Ukrainian forces crossed the border into Russia in August 2024, commanders hoped."
    )
    assert (measure.subject, measure.key) == ("incursion start", "date|incursion start")


def test_a_date_with_no_event_is_not_paired():
    (measure,) = measures_in("On October 18, South Korea raised its concerns.")
    assert measure.key == ""


def test_a_stretch_of_years_is_a_period_not_an_event_date():
    (measure,) = measures_in("The Korean War (1950-53) ended in a truce.")
    assert measure.key == ""


@pytest.mark.parametrize(
    ("phrase", "label"),
    [
        ("The first troops arrived in late October.", "deployment: late October 2024"),
        ("The troops were deployed in early October.", "deployment: early October 2024"),
        ("The troops were deployed in mid-October.", "deployment: mid-October 2024"),
    ],
)
def test_part_of_a_month_describes_itself(phrase, label):
    (measure,) = measures_in(phrase, published=PUBLISHED)
    assert measure.describe() == label


@pytest.mark.parametrize(
    ("phrase", "label"),
    [
        ("Kyiv’s summer incursion into Russia surprised Moscow.", "incursion start: summer 2024"),
        ("In the spring of 2023 the offensive began.", "offensive start: spring 2023"),
    ],
)
def test_a_season_is_a_date(phrase, label):
    (measure,) = measures_in(phrase, published=PUBLISHED)
    assert measure.describe() == label


@pytest.mark.parametrize("phrase", ["Prices may fall sharply.", "Hope springs eternal."])
def test_a_season_word_used_as_a_verb_is_not_a_date(phrase):
    assert measures_in(phrase, published=PUBLISHED) == []


def test_a_date_given_as_a_bound_is_not_an_event_date():
    (measure,) = measures_in("By mid-January most of the units had been deployed.")
    assert measure.key == ""


@pytest.mark.parametrize(
    ("phrase", "published", "first", "last"),
    [
        # Written in December, "5 January" is the coming one (a month ahead), not last January.
        ("to take effect on 5 January", D(2024, 12, 20), D(2025, 1, 5), D(2025, 1, 5)),
        ("due in January", D(2024, 12, 20), D(2025, 1, 1), D(2025, 1, 31)),
        ("signed on 5 November", D(2024, 12, 20), D(2024, 11, 5), D(2024, 11, 5)),
        ("held in December", D(2025, 1, 6), D(2024, 12, 1), D(2024, 12, 31)),
        ("began on 3 February", D(2025, 1, 6), D(2025, 2, 3), D(2025, 2, 3)),
        ("began on 3 March", D(2025, 1, 6), D(2024, 3, 3), D(2024, 3, 3)),
        # A 29 February without a year is the latest one: the last leap year's.
        ("the vote on 29 February", D(2025, 3, 10), D(2024, 2, 29), D(2024, 2, 29)),
    ],
)
def test_a_date_without_a_year_is_the_latest_at_most_a_month_ahead(phrase, published, first, last):
    (span,) = dates_in(phrase, published)
    assert (span.low, span.high) == (first.toordinal(), last.toordinal())


def test_29_february_without_a_year_or_publication_date_is_kept():
    (span,) = dates_in("the vote on 29 February")
    assert datetime.date.fromordinal(span.low).timetuple()[1:3] == (2, 29)


@pytest.mark.parametrize(
    ("text", "published"),
    [
        ("It will end next year, officials said, after talks in March.", D(9999, 6, 1)),
        ("It rained yesterday and last week; talks on Monday failed in December.", D(1, 1, 1)),
        ("Talks resume next month.", D(9999, 12, 15)),
    ],
)
def test_dates_at_the_ends_of_the_calendar_are_skipped_not_raised(text, published):
    # Before, "next year" in an article dated 9999 raised ValueError: its suggestions were
    # never stored, recording a claim on it answered 500, and `suggest --all` stopped there.
    spans = dates_in(text, published)
    assert all(1 <= span.low <= span.high <= D.max.toordinal() for span in spans)
    measures_in(text, published=published)


@pytest.mark.parametrize(
    ("phrase", "published", "first"),
    [
        # Words that place the month before the article take the past one, in December too.
        ("fighting since January", D(2024, 12, 20), D(2024, 1, 1)),
        ("as it did back in January", D(2024, 12, 20), D(2024, 1, 1)),
        ("the talks last January", D(2024, 12, 20), D(2024, 1, 1)),
        ("fighting since March", D(2024, 2, 10), D(2023, 3, 1)),
        # And "next" the coming one, however far.
        ("talks resume next March", D(2024, 2, 10), D(2024, 3, 1)),
        ("talks resume next January", D(2024, 1, 10), D(2025, 1, 1)),
    ],
)
def test_a_month_placed_before_or_after_the_article_keeps_its_side(phrase, published, first):
    (span,) = dates_in(phrase, published)
    assert span.low == first.toordinal()
