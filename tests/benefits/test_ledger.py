"""The gains ledger: exact figures on hand-built data, the units and projects outside the ledger, fixed query
counts, and the property that the programme's expected net gain is its projects' summed, every year."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benefits.models import Benefit, BenefitPlanYear, EconomicPlan, SavingsTarget
from benefits.selectors import counting
from benefits.selectors.ledger import programme_ledger
from programmes.models import Project, SubProgramme
from tests.factories import ProgrammeFactory, ProjectFactory, SubProgrammeFactory

pytestmark = pytest.mark.django_db


def gain(project, title, years, *, kind="reduced_cost", unit="", start=2026, **fields):
    """A benefit with plan years given as dicts of planned, operating_cost, realised, withdrawal, low, high."""
    benefit = Benefit.objects.create(project=project, title=title, kind=kind, unit=unit, **fields)
    for offset, figures in enumerate(years):
        if figures is None:
            continue
        BenefitPlanYear.objects.create(
            benefit=benefit,
            year=start + offset,
            **{name: None if value is None else Decimal(value) for name, value in figures.items()},
        )
    return benefit


@pytest.fixture
def ledger_programme(freeze_2026):
    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    EconomicPlan.objects.create(programme=programme, start_year=2026, years=4, horizon_years=6)
    return programme


def test_ledger_sums_each_year_over_the_horizon_with_targets_and_gaps(ledger_programme):
    programme = ledger_programme
    welfare = SubProgrammeFactory(programme=programme, name="Velferd og teknologi", position=1)
    school = SubProgrammeFactory(programme=programme, name="Oppvekstløftet", position=2)
    SavingsTarget.objects.create(programme=programme, year=2026, amount=10_000_000)
    SavingsTarget.objects.create(programme=programme, year=2031, amount=20_000_000)
    SavingsTarget.objects.create(programme=programme, sub_programme=welfare, year=2026, amount=6_000_000)
    alarms = ProjectFactory(sub_programme=welfare, name="Digitale trygghetsalarmer")
    rooms = ProjectFactory(sub_programme=school, name="Felles rom")
    gain(
        alarms,
        "Færre utrykninger",
        [
            {"planned": 4_000_000, "operating_cost": 500_000, "realised": 3_000_000, "withdrawal": 3_500_000},
            {"planned": 5_000_000, "operating_cost": 500_000, "withdrawal": 2_000_000},
            None,
            None,
            None,
            {"planned": 6_000_000},
        ],
        unit="Hjemmetjenesten",
    )
    gain(alarms, "Spart tid", [{"planned": "12.5"}], kind="time_saved")  # not money: never summed
    gain(rooms, "Lavere husleie", [{"planned": 2_000_000, "realised": 2_500_000, "withdrawal": 2_000_000}])

    ledger = programme_ledger(programme_id=programme.pk)

    assert ledger.years == [2026, 2027, 2028, 2029, 2030, 2031]
    first, second, *_middle, last = ledger.by_year
    assert (first.expected, first.operating_cost, first.net, first.realised, first.withdrawal) == (
        6_000_000,
        500_000,
        5_500_000,
        5_500_000,
        5_500_000,
    )
    assert (first.target, first.withdrawal_gap, first.expected_gap) == (10_000_000, 4_500_000, 4_000_000)
    # 2026: the alarms' 3.5 mill. withdrawal exceeds its 3 mill. realised by 0.5 mill.; the rooms' does not.
    assert (first.over_realised, first.over_realised_amount) == (1, 500_000)
    # 2027 has not started: its withdrawal exceeds the nothing realised yet.
    assert (second.expected, second.withdrawal, second.target, second.over_realised) == (
        5_000_000,
        2_000_000,
        None,
        1,
    )
    assert (last.year, last.expected, last.target, last.expected_gap) == (
        2031,
        6_000_000,
        20_000_000,
        14_000_000,
    )
    total = ledger.total
    assert (total.expected, total.operating_cost, total.net, total.withdrawal, total.target) == (
        17_000_000,
        1_000_000,
        16_000_000,
        7_500_000,
        30_000_000,
    )

    by_sub = {line.label: line for line in ledger.sub_programmes}
    assert [line.label for line in ledger.sub_programmes] == ["Velferd og teknologi", "Oppvekstløftet"]
    assert by_sub["Velferd og teknologi"].years[0].target == 6_000_000
    assert by_sub["Velferd og teknologi"].total.expected == 15_000_000
    assert by_sub["Oppvekstløftet"].years[0].target is None
    assert by_sub["Oppvekstløftet"].total.expected == 2_000_000

    units = {line.label: line for line in ledger.units}
    assert list(units) == ["Hjemmetjenesten", "Ikke angitt"]
    assert [y.withdrawal for y in units["Hjemmetjenesten"].years][:2] == [3_500_000, 2_000_000]
    assert units["Ikke angitt"].total.withdrawal == 2_000_000

    assert {line.label: line.total.net for line in ledger.projects} == {
        "Digitale trygghetsalarmer": 14_000_000,
        "Felles rom": 2_000_000,
    }
    assert ledger.outside == []


def test_projects_without_a_plan_are_listed_as_outside_the_ledger_never_as_zero(ledger_programme):
    programme = ledger_programme
    sub = SubProgrammeFactory(programme=programme)
    planned = ProjectFactory(sub_programme=sub, name="Planlagt")
    estimated = ProjectFactory(
        sub_programme=sub, name="Anslått", estimated_annual_gain=1_000_000, start_date=None
    )
    unknown = ProjectFactory(sub_programme=sub, name="Ukjent", estimated_annual_gain=None)
    gain(planned, "Gevinst", [{"planned": 100_000}])
    gain(unknown, "Bare kvalitet", [{"planned": "3"}], kind="quality")

    ledger = programme_ledger(programme_id=programme.pk)

    assert [p.name for p in ledger.outside_estimated] == ["Anslått"]
    assert [p.name for p in ledger.outside_unknown] == ["Ukjent"]
    assert ledger.outside_estimate_total == 4_000_000  # the estimate over the economic plan's four years
    assert ledger.total.expected == 100_000
    assert [line.label for line in ledger.projects] == ["Planlagt"]
    assert {p.pk for p in ledger.outside} == {estimated.pk, unknown.pk}


def test_empty_programme_has_an_empty_ledger_of_this_years_plan(freeze_2026):
    programme = ProgrammeFactory()
    ledger = programme_ledger(programme_id=programme.pk)
    assert ledger.years == [2026, 2027, 2028, 2029]
    assert ledger.total.expected == 0 and ledger.total.target is None
    assert ledger.sub_programmes == [] and ledger.units == [] and ledger.outside == []


def _grow(programme, n):
    subs = [SubProgrammeFactory(programme=programme) for _ in range(2)]
    for i in range(n):
        project = ProjectFactory(sub_programme=subs[i % 2])
        gain(
            project,
            "Gevinst",
            [{"planned": 100_000, "operating_cost": 10_000, "withdrawal": 50_000}] * 3,
            unit=f"Enhet {i % 3}",
        )
    ProjectFactory(sub_programme=subs[0], estimated_annual_gain=None)  # outside the ledger
    SavingsTarget.objects.create(programme=programme, year=2026, amount=1_000_000)


@pytest.mark.parametrize("n", [5, 50])
def test_ledger_runs_a_fixed_number_of_queries(ledger_programme, django_assert_num_queries, n):
    _grow(ledger_programme, n)
    # programme, sub-programmes, targets, sums by project × year, by unit × year, projects, and
    # expected_gains' two.
    with django_assert_num_queries(8):
        ledger = programme_ledger(programme_id=ledger_programme.pk)
    assert ledger.total.expected == 300_000 * n


amounts = st.one_of(st.none(), st.integers(min_value=0, max_value=50_000_000))
plan_year = st.fixed_dictionaries(
    {"planned": amounts, "operating_cost": amounts, "realised": amounts, "withdrawal": amounts}
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    projects=st.lists(
        st.lists(st.lists(st.one_of(st.none(), plan_year), min_size=1, max_size=6), min_size=1, max_size=3),
        min_size=1,
        max_size=5,
    )
)
def test_programme_net_gain_is_the_sum_of_its_projects_every_year(ledger_programme, projects):
    """Done when: the programme's expected net gain equals the sum of its projects' expected net gains for
    every year; and a withdrawal beyond what is realised is always counted as a warning."""
    programme = ledger_programme
    Project.objects.all().delete()
    SubProgramme.objects.all().delete()
    sub = SubProgrammeFactory(programme=programme)
    rows = []
    for p, benefits in enumerate(projects):
        project = ProjectFactory(sub_programme=sub, name=f"P{p}")
        for b, years in enumerate(benefits):
            # A realised figure stored for a year that has not started (older rows may hold one) is kept.
            gain(project, f"G{b}", years, unit=f"U{b}")
            rows += [(2026 + offset, figures) for offset, figures in enumerate(years) if figures]

    ledger = programme_ledger(programme_id=programme.pk)

    for index, year in enumerate(ledger.years):
        in_year = [figures for y, figures in rows if y == year]
        assert ledger.by_year[index].net == sum(line.years[index].net for line in ledger.projects)
        assert ledger.by_year[index].net == sum(int(f["planned"] or 0) for f in in_year) - sum(
            int(f["operating_cost"] or 0) for f in in_year
        )
        assert ledger.by_year[index].withdrawal == sum(line.years[index].withdrawal for line in ledger.units)
        exceeding = [
            f
            for f in in_year
            if counting.withdrawal_exceeds_realised(f["withdrawal"], f["realised"] if year <= 2026 else None)
        ]
        assert ledger.by_year[index].over_realised == len(exceeding)
