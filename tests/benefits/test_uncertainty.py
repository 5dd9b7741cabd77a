"""The range of the programme's gains: the Monte Carlo over triangular distributions, its bounds, its seed,
its correlation within a gain, and gains without a known range."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benefits.models import EconomicPlan
from benefits.selectors import uncertainty
from benefits.selectors.counting import year_range
from benefits.selectors.uncertainty import combine, programme_range
from tests.factories import ProgrammeFactory, ProjectFactory, SubProgrammeFactory

from .test_ledger import gain

YEARS = [2026, 2027, 2028]


def test_a_gain_without_width_gives_its_expected_figure_at_every_percentile():
    result = combine([(1, 2026, 1_000_000, (1_000_000, 1_000_000, 1_000_000))], YEARS)
    first = result.by_year[0]
    assert (first.low, first.p10, first.p20, first.p50, first.p80, first.p90, first.high) == (1_000_000,) * 7
    assert result.by_year[1].expected == 0 and result.total.p50 == 1_000_000


def test_one_symmetric_gain_has_the_triangular_distributions_percentiles():
    # Triangular(0, 50, 100) × 10 000 kr: P20 = 100 · √(0.2 · 0.5) = 31.62, P50 = 50, P80 = 68.38.
    result = combine([(1, 2026, 500_000, (0, 500_000, 1_000_000))], YEARS)
    first = result.by_year[0]
    assert first.p20 == pytest.approx(316_228, abs=10_000)
    assert first.p50 == pytest.approx(500_000, abs=10_000)
    assert first.p80 == pytest.approx(683_772, abs=10_000)
    assert first.at_least == first.p20


def test_the_years_of_one_gain_move_together():
    """One pair of random numbers per gain, shared by its years: the total's percentile is the years' summed."""
    rows = [(1, year, 1_000_000, (700_000, 1_000_000, 1_200_000)) for year in YEARS]
    result = combine(rows, YEARS)
    assert result.total.p20 == pytest.approx(sum(y.p20 for y in result.by_year), abs=2)
    assert result.total.p90 == pytest.approx(sum(y.p90 for y in result.by_year), abs=2)


def test_independent_gains_narrow_the_range_of_their_sum():
    one = combine([(1, 2026, 1_000_000, (0, 1_000_000, 2_000_000))], YEARS).by_year[0]
    many = combine([(b, 2026, 10_000, (0, 10_000, 20_000)) for b in range(100)], YEARS).by_year[0]
    # The same expected figure and ends; a hundred independent gains are far more certain than one.
    assert (one.expected, one.low, one.high) == (many.expected, many.low, many.high)
    assert many.p90 - many.p10 < (one.p90 - one.p10) / 5


ends = st.integers(min_value=0, max_value=10_000_000).flatmap(
    lambda mid: st.tuples(
        st.integers(min_value=0, max_value=mid),
        st.just(mid),
        st.integers(min_value=mid, max_value=3 * mid + 1),
    )
)
plan_rows = st.lists(
    st.tuples(
        st.integers(min_value=1, max_value=6),
        st.sampled_from(YEARS),
        st.one_of(st.none(), ends),
        st.integers(min_value=0, max_value=5_000_000),
    ),
    max_size=25,
)


def _rows(drawn):
    return [(b, year, r[1] if r else mid, r) for b, year, r, mid in drawn]


@settings(max_examples=60, deadline=None)
@given(drawn=plan_rows, seed=st.integers(min_value=0, max_value=2**32))
def test_every_percentile_lies_in_order_between_the_low_and_the_high(drawn, seed):
    result = combine(_rows(drawn), YEARS, seed=seed, draws=400)
    for row in [*result.by_year, result.total]:
        assert row.low <= row.expected <= row.high
        assert row.low <= row.p10 <= row.p20 <= row.p50 <= row.p80 <= row.p90 <= row.high
    assert result.total.expected == sum(row.expected for row in result.by_year)
    assert result.total.low == sum(row.low for row in result.by_year)


@settings(max_examples=20, deadline=None)
@given(drawn=plan_rows)
def test_the_same_seed_gives_the_same_range(drawn):
    rows = _rows(drawn)
    assert combine(rows, YEARS, draws=500) == combine(rows, YEARS, draws=500)


def test_the_seed_is_fixed_and_documented():
    assert uncertainty.SEED == 20_261_202 and uncertainty.DRAWS == 10_000


@settings(max_examples=200, deadline=None)
@given(
    planned=st.one_of(st.none(), st.integers(min_value=0, max_value=10**9)),
    low_percent=st.one_of(st.none(), st.integers(min_value=0, max_value=100)),
    high_percent=st.one_of(st.none(), st.integers(min_value=100, max_value=1000)),
)
def test_a_percentage_range_always_holds_its_expected_figure(planned, low_percent, high_percent):
    r = year_range(planned, None, None, low_percent, high_percent)
    if r is not None:
        assert r[0] <= r[1] <= r[2]


@pytest.mark.django_db
def test_programme_range_counts_gains_without_a_range_at_their_expected_figure(freeze_2026):
    programme = ProgrammeFactory()
    EconomicPlan.objects.create(programme=programme, start_year=2026, years=2)
    project = ProjectFactory(sub_programme=SubProgrammeFactory(programme=programme))
    gain(
        project,
        "Med spenn",
        [{"planned": 1_000_000}, {"planned": 1_000_000, "low": 500_000}],
        range_low_percent=70,
        range_high_percent=120,
    )
    gain(project, "Uten spenn", [{"planned": 500_000}])
    gain(project, "Bare lav", [None, {"planned": 200_000, "low": 100_000}])  # no high: not known
    gain(project, "Kvalitet", [{"planned": "4"}], kind="quality")  # not money

    result = programme_range(programme=programme)

    assert (result.benefits, result.without_range, result.without_range_amount) == (3, 2, 700_000)
    first, second = result.by_year
    assert (first.low, first.expected, first.high) == (1_200_000, 1_500_000, 1_700_000)
    assert (second.low, second.expected, second.high) == (700_000, 1_200_000, 1_400_000)
    assert (result.total.low, result.total.expected, result.total.high) == (1_900_000, 2_700_000, 3_100_000)
    assert result.total.low < result.total.at_least < result.total.high
    assert programme_range(programme=programme) == result


def test_a_very_large_programme_is_drawn_fewer_times_but_never_under_the_minimum():
    assert uncertainty.draw_count(0) == uncertainty.draw_count(1_200) == 10_000
    assert uncertainty.draw_count(2_400) == 5_000
    assert uncertainty.draw_count(6_000) == uncertainty.draw_count(60_000) == 2_000
    result = combine([(b, 2026, 100, (50, 100, 150)) for b in range(2_400)], YEARS)
    assert result.draws == 5_000
