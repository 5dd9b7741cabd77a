"""Reporting periods: tertials and months, their dates, keys, Norwegian labels and neighbours."""

import datetime

import pytest
from django.utils.translation import override
from hypothesis import given
from hypothesis import strategies as st

from core.periods import Period, ReportingScheme, recent_periods

TERTIAL = ReportingScheme.TERTIAL
MONTHLY = ReportingScheme.MONTHLY

schemes = st.sampled_from([TERTIAL, MONTHLY])
days = st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2100, 12, 31))


@st.composite
def periods(draw):
    scheme = draw(schemes)
    number = draw(st.integers(min_value=1, max_value=3 if scheme == TERTIAL else 12))
    return Period(draw(st.integers(min_value=1000, max_value=9998)), number, scheme)


@pytest.mark.parametrize(
    ("period", "start", "end"),
    [
        (Period(2026, 1, TERTIAL), datetime.date(2026, 1, 1), datetime.date(2026, 4, 30)),
        (Period(2026, 2, TERTIAL), datetime.date(2026, 5, 1), datetime.date(2026, 8, 31)),
        (Period(2026, 3, TERTIAL), datetime.date(2026, 9, 1), datetime.date(2026, 12, 31)),
        (Period(2026, 1, MONTHLY), datetime.date(2026, 1, 1), datetime.date(2026, 1, 31)),
        (Period(2026, 2, MONTHLY), datetime.date(2026, 2, 1), datetime.date(2026, 2, 28)),
        (Period(2028, 2, MONTHLY), datetime.date(2028, 2, 1), datetime.date(2028, 2, 29)),
        (Period(2000, 2, MONTHLY), datetime.date(2000, 2, 1), datetime.date(2000, 2, 29)),
        (Period(2100, 2, MONTHLY), datetime.date(2100, 2, 1), datetime.date(2100, 2, 28)),
        (Period(2026, 4, MONTHLY), datetime.date(2026, 4, 1), datetime.date(2026, 4, 30)),
        (Period(2026, 12, MONTHLY), datetime.date(2026, 12, 1), datetime.date(2026, 12, 31)),
    ],
)
def test_period_starts_on_its_first_day_and_ends_on_its_last(period, start, end):
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize(
    ("period", "key"),
    [
        (Period(2026, 2, TERTIAL), "2026-T2"),
        (Period(2026, 3, MONTHLY), "2026-03"),
        (Period(2026, 12, MONTHLY), "2026-12"),
    ],
)
def test_key_is_stable_text_that_reads_back_as_the_same_period(period, key):
    assert period.key == key
    assert Period.from_key(key) == period


def test_keys_sort_in_time_order_within_a_scheme():
    tertials = [Period(2025, 3, TERTIAL), Period(2026, 1, TERTIAL), Period(2026, 2, TERTIAL)]
    months = [Period(2025, 12, MONTHLY), Period(2026, 2, MONTHLY), Period(2026, 11, MONTHLY)]
    assert sorted(p.key for p in reversed(tertials)) == [p.key for p in tertials]
    assert sorted(p.key for p in reversed(months)) == [p.key for p in months]


def test_period_with_scheme_from_the_database_equals_the_one_from_its_key():
    from_database = Period(2026, 2, "tertial")  # Programme.reporting_scheme is plain text
    assert from_database == Period.from_key("2026-T2")
    assert {from_database} == {Period.from_key("2026-T2")}


@given(periods())
def test_every_period_reads_back_from_its_key(period):
    assert Period.from_key(period.key) == period


@pytest.mark.parametrize(
    ("period", "label"),
    [
        (Period(2026, 1, TERTIAL), "1. tertial 2026"),
        (Period(2026, 2, TERTIAL), "2. tertial 2026"),
        (Period(2026, 3, MONTHLY), "Mars 2026"),
        (Period(2026, 5, MONTHLY), "Mai 2026"),
        (Period(2026, 12, MONTHLY), "Desember 2026"),
    ],
)
def test_label_is_norwegian(period, label):
    with override("nb"):
        assert period.label == label
        assert str(period) == label


@pytest.mark.parametrize(
    ("period", "previous", "following"),
    [
        (Period(2026, 2, TERTIAL), Period(2026, 1, TERTIAL), Period(2026, 3, TERTIAL)),
        (Period(2026, 1, TERTIAL), Period(2025, 3, TERTIAL), Period(2026, 2, TERTIAL)),
        (Period(2026, 3, TERTIAL), Period(2026, 2, TERTIAL), Period(2027, 1, TERTIAL)),
        (Period(2026, 6, MONTHLY), Period(2026, 5, MONTHLY), Period(2026, 7, MONTHLY)),
        (Period(2026, 1, MONTHLY), Period(2025, 12, MONTHLY), Period(2026, 2, MONTHLY)),
        (Period(2026, 12, MONTHLY), Period(2026, 11, MONTHLY), Period(2027, 1, MONTHLY)),
    ],
)
def test_previous_and_next_period_cross_year_boundaries(period, previous, following):
    assert period.previous() == previous
    assert period.next() == following
    assert period.next().previous() == period


@given(periods())
def test_next_period_starts_the_day_after_this_one_ends(period):
    assert period.next().start == period.end + datetime.timedelta(days=1)
    assert period.previous().end == period.start - datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("day", "scheme", "period"),
    [
        (datetime.date(2026, 1, 1), TERTIAL, Period(2026, 1, TERTIAL)),
        (datetime.date(2026, 4, 30), TERTIAL, Period(2026, 1, TERTIAL)),
        (datetime.date(2026, 5, 1), TERTIAL, Period(2026, 2, TERTIAL)),
        (datetime.date(2026, 8, 31), TERTIAL, Period(2026, 2, TERTIAL)),
        (datetime.date(2026, 9, 1), TERTIAL, Period(2026, 3, TERTIAL)),
        (datetime.date(2026, 12, 31), TERTIAL, Period(2026, 3, TERTIAL)),
        (datetime.date(2028, 2, 29), MONTHLY, Period(2028, 2, MONTHLY)),
        (datetime.date(2026, 3, 15), MONTHLY, Period(2026, 3, MONTHLY)),
        (datetime.date(2026, 12, 31), MONTHLY, Period(2026, 12, MONTHLY)),
    ],
)
def test_containing_finds_the_period_of_a_day(day, scheme, period):
    assert Period.containing(day, scheme) == period


def test_containing_counts_in_tertials_unless_told_otherwise():
    assert Period.containing(datetime.date(2026, 6, 1)) == Period(2026, 2, TERTIAL)


@given(days, schemes)
def test_the_period_containing_a_day_starts_before_and_ends_after_it(day, scheme):
    period = Period.containing(day, scheme)
    assert period.scheme == scheme
    assert period.start <= day <= period.end


def test_recent_periods_are_the_current_one_and_three_before_it_newest_first():
    assert recent_periods(datetime.date(2026, 2, 10), TERTIAL) == [
        Period(2026, 1, TERTIAL),
        Period(2025, 3, TERTIAL),
        Period(2025, 2, TERTIAL),
        Period(2025, 1, TERTIAL),
    ]


def test_recent_periods_can_reach_back_and_ahead_across_new_year():
    assert recent_periods(datetime.date(2026, 12, 5), MONTHLY, back=1, ahead=2) == [
        Period(2027, 2, MONTHLY),
        Period(2027, 1, MONTHLY),
        Period(2026, 12, MONTHLY),
        Period(2026, 11, MONTHLY),
    ]


def test_recent_periods_without_looking_back_is_just_the_current_period():
    assert recent_periods(datetime.date(2026, 3, 1), MONTHLY, back=0) == [Period(2026, 3, MONTHLY)]


@pytest.mark.parametrize("key", ["2026-T0", "2026-T4", "2026-00", "2026-13", "26-T1", "2026-", "2026-Tx"])
def test_impossible_period_keys_are_refused(key):
    with pytest.raises(ValueError):
        Period.from_key(key)
