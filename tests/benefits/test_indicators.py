"""Non-financial gains as indicators: the series, the achievement from baseline to target, the scorecard's
results as measurements, the direction warning, and a fixed number of queries (benefits.selectors.indicators)."""

import datetime
from decimal import Decimal

import pytest

from benefits.indicator_chart import series_chart
from benefits.models import BenefitMeasurement
from benefits.selectors.indicators import (
    OWN,
    SCORECARD,
    benefit_indicators,
    programme_indicators,
    project_indicators,
)
from tests.factories import BenefitFactory
from tests.scorecards.factories import IndicatorFactory, indicator_value

pytestmark = pytest.mark.django_db


def gain(project, *, baseline="10", target="20", unit="timer", **fields):
    return BenefitFactory(
        project=project,
        kind=fields.pop("kind", "time_saved"),
        unit_of_measure=unit,
        baseline_value=None if baseline is None else Decimal(baseline),
        baseline_date=datetime.date(2025, 1, 1),
        target_value=None if target is None else Decimal(target),
        target_date=datetime.date(2028, 12, 31),
        **fields,
    )


def measure(benefit, date, value, comment=""):
    return BenefitMeasurement.objects.create(
        benefit=benefit, measured_on=datetime.date.fromisoformat(date), value=Decimal(value), comment=comment
    )


def series_of(benefit, **options):
    return benefit_indicators([benefit], **options)[benefit.pk]


@pytest.mark.parametrize(
    ("baseline", "target", "latest", "achievement"),
    [
        ("10", "20", "15", Decimal("50.0")),
        ("10", "20", "20", Decimal("100.0")),
        ("10", "20", "25", Decimal("150.0")),  # beyond the target
        ("10", "20", "8", Decimal("-20.0")),  # worse than the baseline
        ("40", "25", "34", Decimal("40.0")),  # a target below the baseline: lower is the way
        ("0", "3", "1", Decimal("33.3")),  # rounded half up to one decimal
        ("0", "3", "2", Decimal("66.7")),
    ],
)
def test_achievement_is_the_share_of_the_way_from_baseline_to_target(
    project, baseline, target, latest, achievement
):
    benefit = gain(project, baseline=baseline, target=target)
    measure(benefit, "2025-06-30", "999")  # an earlier measurement does not count, the latest does
    measure(benefit, "2026-06-30", latest)
    assert series_of(benefit).achievement == achievement


@pytest.mark.parametrize(
    ("baseline", "target", "measured", "reason"),
    [
        (None, "20", True, "No baseline."),
        ("10", None, True, "No target."),
        ("10", "10", True, "The target equals the baseline."),
        ("10", "20", False, "No measurement yet."),
    ],
)
def test_achievement_is_unknown_not_zero_without_baseline_target_or_measurement(
    project, baseline, target, measured, reason
):
    benefit = gain(project, baseline=baseline, target=target)
    if measured:
        measure(benefit, "2026-06-30", "10")
    series = series_of(benefit)
    assert series.achievement is None
    assert (
        series.unknown_reason
        == {
            "No baseline.": "Ingen utgangsverdi.",
            "No target.": "Ikke noe mål.",
            "The target equals the baseline.": "Målet er lik utgangsverdien.",
            "No measurement yet.": "Ingen måling ennå.",
        }[reason]
    )


def test_scorecard_results_count_as_measurements_dated_the_last_day_of_their_year(project):
    indicator = IndicatorFactory(name="Ventetid", unit="timer", direction="lower")
    indicator_value(indicator, 2025, "", "14")
    indicator_value(indicator, 2026, "", "12 timer")
    benefit = gain(project, baseline="20", target="10", indicator=indicator)
    measure(benefit, "2026-03-01", "16", comment="Stikkprøve")
    series = series_of(benefit)
    assert [(p.measured_on, p.value, p.source) for p in series.points] == [
        (datetime.date(2025, 12, 31), Decimal(14), SCORECARD),
        (datetime.date(2026, 3, 1), Decimal(16), OWN),
        (datetime.date(2026, 12, 31), Decimal(12), SCORECARD),
    ]
    assert series.latest.value == Decimal(12)
    assert series.achievement == Decimal("80.0")
    assert series.direction_warning == ""


def test_on_the_same_date_the_benefits_own_measurement_is_the_latest(project):
    indicator = IndicatorFactory(unit="timer")
    indicator_value(indicator, 2025, "", "14")
    benefit = gain(project, baseline="20", target="10", indicator=indicator)
    measure(benefit, "2025-12-31", "15")
    assert series_of(benefit).latest.source == OWN


@pytest.mark.parametrize(
    ("unit", "result", "reason"),
    [
        ("timer", "Ikke målt", "Ikke målt."),
        ("timer", "<12", "En grense, ikke en målt verdi."),
        ("timer", "ja", "Ikke et tall gevinsten kan måles med."),
        ("timer", "38/62", "Ikke et tall gevinsten kan måles med."),
        ("timer", "3. plass", "Ikke et tall gevinsten kan måles med."),
        ("timer", "Tiltaket er utsatt til neste år", "Ikke et tall gevinsten kan måles med."),
        ("timer", "45 %", "I en annen enhet (%) enn gevinstens (timer)."),
        ("%", "12 kr", "I en annen enhet (kr) enn gevinstens (%)."),
        ("poeng", "15 min", "I en annen enhet (min) enn gevinstens (poeng)."),
    ],
)
def test_a_result_of_another_kind_or_unit_is_shown_but_not_counted(project, unit, result, reason):
    indicator = IndicatorFactory(unit="")
    indicator_value(indicator, 2025, "", result)
    benefit = gain(project, unit=unit, indicator=indicator)
    series = series_of(benefit)
    [point] = series.points
    assert (point.counts, point.reason) == (False, reason)
    assert series.latest is None
    assert series.achievement is None


@pytest.mark.parametrize(
    ("unit", "indicator_unit", "result", "value"),
    [
        ("%", "", "92 %", Decimal(92)),
        ("prosent", "", "92,5 %", Decimal("92.5")),
        ("% heltid", "", "41 %", Decimal(41)),  # a percentage with what it is a share of
        ("min", "", "2 t", Decimal(120)),  # a duration in the benefit's duration unit
        ("timer", "", "90 min", Decimal("1.5")),
        ("kr", "", "kr 1 250", Decimal(1250)),
        ("", "antall", "38", Decimal(38)),  # a count: no unit on either side
        ("avvik", "avvik", "7", Decimal(7)),  # the indicator's unit, when the result has none
    ],
)
def test_a_number_in_a_compatible_unit_counts(project, unit, indicator_unit, result, value):
    indicator = IndicatorFactory(unit=indicator_unit)
    indicator_value(indicator, 2025, "", result)
    benefit = gain(project, unit=unit, indicator=indicator)
    [point] = series_of(benefit).points
    assert (point.counts, point.value) == (True, value)


def test_a_target_against_the_indicators_direction_is_warned_about(project):
    indicator = IndicatorFactory(name="Sykefravær", direction="lower")
    benefit = gain(project, baseline="6", target="8", unit="%", indicator=indicator)
    assert series_of(benefit).direction_warning == (
        "Målekortets indikator sier «lavere er bedre», men gevinstens mål ligger over utgangsverdien."
    )
    benefit.target_value = Decimal(5)
    assert series_of(benefit).direction_warning == ""


def test_an_indicator_without_a_direction_gives_no_warning(project):
    indicator = IndicatorFactory(direction="unknown")
    benefit = gain(project, baseline="6", target="8", unit="%", indicator=indicator)
    assert series_of(benefit).direction_warning == ""


def test_as_of_leaves_out_what_was_measured_later(project):
    indicator = IndicatorFactory(unit="timer")
    indicator_value(indicator, 2025, "", "14")
    indicator_value(indicator, 2026, "", "12")
    benefit = gain(project, baseline="20", target="10", indicator=indicator)
    measure(benefit, "2026-08-01", "13")
    series = series_of(benefit, as_of=datetime.date(2026, 4, 30))
    assert [p.value for p in series.points] == [Decimal(14)]
    series = series_of(benefit, as_of=datetime.date(2026, 12, 31))
    assert [p.value for p in series.points] == [Decimal(14), Decimal(13), Decimal(12)]


def test_financial_benefits_have_no_series(project):
    financial = BenefitFactory(project=project, kind="reduced_cost")
    assert benefit_indicators([financial]) == {}


def _many(project, count):
    indicator = IndicatorFactory(unit="timer")
    indicator_value(indicator, 2025, "", "14")
    benefits = []
    for number in range(count):
        benefit = gain(project, title=f"Tidsbruk {number}", indicator=indicator if number % 2 else None)
        measure(benefit, "2026-01-15", "12")
        benefits.append(benefit)
    return benefits


@pytest.mark.parametrize("count", [1, 20])
def test_the_series_of_many_benefits_are_read_in_a_fixed_number_of_queries(
    project, count, django_assert_num_queries
):
    benefits = _many(project, count)
    benefits[0].indicator = IndicatorFactory(unit="timer")  # the first also links an indicator
    benefits[0].save()
    for benefit in benefits:
        benefit.refresh_from_db()
    # measurements, indicators, their values
    with django_assert_num_queries(3):
        series = benefit_indicators(benefits)
        assert [s.latest.value for s in series.values()] == [Decimal(12)] * count


@pytest.mark.parametrize("count", [1, 20])
def test_a_project_and_a_programme_read_their_series_in_a_fixed_number_of_queries(
    project, count, django_assert_num_queries
):
    benefits = _many(project, count)
    benefits[0].indicator = IndicatorFactory(unit="timer")
    benefits[0].save()
    with django_assert_num_queries(4):  # the benefits, then as above
        assert len(project_indicators(project)) == count
    with django_assert_num_queries(4):
        summary = programme_indicators(project.sub_programme.programme)
        assert summary.count == count
        assert [s.benefit.project.name for s in summary.series] == [project.name] * count


def test_the_chart_has_a_text_alternative_from_the_same_numbers(project):
    benefit = gain(project, title="Ventetid", baseline="20", target="10")
    measure(benefit, "2026-06-30", "15")
    chart = series_chart(series_of(benefit))
    assert chart.alt == (
        "Linjediagram for «Ventetid»: utgangsverdi 20 timer (01.01.2025), mål 10 timer (31.12.2028). "
        "Én måling: 15 timer (30.06.2026). 50 % av veien fra utgangspunkt til mål."
    )
    assert chart.svg.startswith("<svg") and "Mål 10" in chart.svg
