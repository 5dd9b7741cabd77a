"""The gain overviews: the sums, the target gap, the lists, fixed query counts, and sums that add up."""

from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benefits import selectors
from benefits.models import Benefit, BenefitPlanYear, SavingsTarget
from tests.factories import ProjectFactory, SubProgrammeFactory

from .conftest import add_benefit

pytestmark = pytest.mark.django_db


def grow(programme, n: int) -> None:
    """n more projects over two sub-programmes, each with two benefits and a four-year plan."""
    subs = [SubProgrammeFactory(programme=programme) for _ in range(2)]
    for i in range(n):
        project = ProjectFactory(sub_programme=subs[i % 2])
        add_benefit(
            project,
            title="Lavere kostnader",
            planned=[100_000] * 4,
            realised=[50_000],
            withdrawal=[100_000] * 4,
        )
        add_benefit(project, title="Bedre kvalitet", kind="quality", planned=["4.5"] * 4)


def test_overview_sums_financial_gains_per_year_against_the_target(programme, project, freeze_2026):
    SavingsTarget.objects.create(programme=programme, year=2026, amount=25_000_000)
    SavingsTarget.objects.create(programme=programme, year=2027, amount=25_000_000)
    add_benefit(
        project,
        title="A",
        planned=[10_000_000, 20_000_000],
        realised=[8_000_000],
        withdrawal=[10_000_000, 20_000_000],
    )
    add_benefit(project, title="B", kind="more_income", planned=[5_000_000, 10_000_000])
    add_benefit(project, title="Søvn", kind="quality", planned=["85"], realised=["80"])

    overview = selectors.gain_overview(programme_id=programme.pk)

    first, second, third, _fourth = overview.by_year
    assert (first.year, first.planned, first.realised, first.target, first.gap) == (
        2026,
        15_000_000,
        8_000_000,
        25_000_000,
        10_000_000,
    )
    assert (second.cumulative_planned, second.cumulative_target, second.gap) == (
        45_000_000,
        50_000_000,
        -5_000_000,
    )
    assert third.target is None and third.cumulative_target is None
    assert overview.planned_total == 45_000_000
    assert overview.withdrawn_planned == 30_000_000
    assert overview.withdrawn_share == Decimal("66.7")
    assert {g.key: (g.planned, g.benefits) for g in overview.by_kind}["more_income"] == (15_000_000, 1)
    assert {g.key: g.benefits for g in overview.non_financial}["quality"] == 1
    # A (8 of 10 mill. realised in 2026) is behind plan; B has nothing due yet (2026 not over, nothing entered).
    assert [(line.title, line.behind) for line in overview.behind_plan] == [("A", 2_000_000)]
    assert [line.title for line in overview.largest] == ["A", "B"]


def test_a_past_year_without_a_realised_figure_is_behind_plan(programme, project, freeze_2028):
    add_benefit(project, title="Glemt", planned=[1_000_000, 1_000_000])
    line = selectors.gain_overview(programme_id=programme.pk).behind_plan[0]
    assert (line.title, line.behind, line.missing_years) == ("Glemt", 2_000_000, 2)


def test_largest_benefits_can_be_sorted_by_realised(programme, project):
    add_benefit(project, title="Stor plan", planned=[9_000_000], realised=[1_000_000])
    add_benefit(project, title="Mye realisert", planned=[5_000_000], realised=[5_000_000])
    overview = selectors.gain_overview(programme_id=programme.pk, largest_sort="realised")
    assert [line.title for line in overview.largest] == ["Mye realisert", "Stor plan"]


@pytest.mark.parametrize("size", [3, 12])
def test_programme_overview_page_has_a_fixed_query_count(
    client, programme, people, django_assert_num_queries, size
):
    grow(programme, size)
    client.force_login(people["executive"])
    url = reverse("benefits:programme_overview", args=[programme.pk])
    # session, user, roles (navigation), programme, sub-programmes, targets, year sums, kind counts, two
    # lists and their benefits' names; the fingerprint of the tables the non-financial gains' achievement is
    # cached under, and on a cold cache those gains and their measurements (benefits.selectors.indicators).
    # The overview's figures are cached under the fingerprint of their tables (one query more when cold).
    with django_assert_num_queries(15):
        response = client.get(url)
    assert response.status_code == 200
    # Warm: session, user, roles and the two fingerprints, instead of the queries that compute the figures.
    with django_assert_num_queries(5):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize("size", [3, 12])
def test_sub_programme_overview_page_has_a_fixed_query_count(
    client, programme, people, django_assert_num_queries, size
):
    grow(programme, size)
    sub = programme.sub_programmes.last()
    client.force_login(people["politician"])
    # As the programme's, plus the sub-programme looked up first.
    with django_assert_num_queries(16):
        response = client.get(reverse("benefits:sub_programme_overview", args=[sub.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [1, 6])
def test_project_gains_page_has_a_fixed_query_count(client, project, people, django_assert_num_queries, size):
    for n in range(size):
        benefit = add_benefit(project, title=f"Gevinst {n}", planned=[100_000] * 4, realised=[90_000])
        benefit.owner = people["owner"] if n % 2 else people["leader"]
        benefit.save()
    client.force_login(people["leader"])
    # session, user, roles, project, benefits, plan years, history of benefits, plan years and measurements,
    # the owners the change log names (one query however many).
    with django_assert_num_queries(10):
        response = client.get(reverse("benefits:project_benefits", args=[project.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [2, 8])
def test_export_has_a_fixed_query_count(client, programme, people, django_assert_num_queries, size):
    grow(programme, size)
    client.force_login(people["executive"])
    # 8: the count that decides whether the plan is small enough to export at once (issue 14).
    with django_assert_num_queries(8):
        response = client.get(reverse("benefits:benefit_export", args=[programme.pk]))
    assert response.status_code == 200


amounts = st.one_of(st.none(), st.integers(min_value=0, max_value=10**10))
benefit_specs = st.lists(
    st.tuples(
        st.integers(min_value=0, max_value=2),  # which sub-programme
        st.sampled_from(["reduced_cost", "avoided_cost", "more_income", "quality"]),
        st.booleans(),
        st.lists(st.tuples(amounts, amounts), min_size=4, max_size=4),
    ),
    max_size=12,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    specs=benefit_specs, targets=st.lists(st.integers(min_value=0, max_value=10**9), min_size=3, max_size=3)
)
def test_sub_programme_sums_add_up_to_the_programme_sums(programme, specs, targets):
    BenefitPlanYear.objects.all().delete()
    Benefit.objects.all().delete()
    SavingsTarget.objects.all().delete()
    subs = list(programme.sub_programmes.order_by("pk"))
    while len(subs) < 3:
        subs.append(SubProgrammeFactory(programme=programme))
    projects = [ProjectFactory(sub_programme=sub) for sub in subs]
    for sub, amount in zip(subs, targets, strict=True):
        SavingsTarget.objects.create(programme=programme, sub_programme=sub, year=2027, amount=amount)
    for index, (which, kind, withdrawal, years) in enumerate(specs):
        benefit = Benefit.objects.create(project=projects[which], title=f"G{index}", kind=kind)
        for offset, (planned, realised) in enumerate(years):
            BenefitPlanYear.objects.create(
                benefit=benefit,
                year=2026 + offset,
                planned=None if planned is None else Decimal(planned),
                realised=None if realised is None else Decimal(realised),
                # A withdrawn gain is taken out of the budget as planned (as the old yes/no flag counted it).
                withdrawal=Decimal(planned) if withdrawal and planned is not None else None,
            )

    whole = selectors.gain_overview(programme_id=programme.pk)
    parts = [selectors.gain_overview(programme_id=programme.pk, sub_programme_id=sub.pk) for sub in subs]

    for index, year in enumerate(whole.by_year):
        assert year.planned == sum(part.by_year[index].planned for part in parts)
        assert year.realised == sum(part.by_year[index].realised for part in parts)
    assert whole.planned_total == sum(part.planned_total for part in parts)
    assert whole.withdrawn_planned == sum(part.withdrawn_planned for part in parts)
    assert [g.planned for g in whole.by_kind] == [
        sum(col) for col in zip(*[[g.planned for g in p.by_kind] for p in parts], strict=True)
    ]
    assert [(g.planned, g.realised, g.target) for g in whole.by_sub_programme] == [
        (part.planned_total, part.realised_total, part.target_total) for part in parts
    ]


def test_cached_overview_follows_every_change_of_the_figures(programme, project, freeze_2026):
    """The cached overview is the computed one, also right after a plan year, a benefit or a target is
    written in any way (here by a bulk update the services never make)."""
    benefit = add_benefit(project, title="A", planned=[1_000_000, 2_000_000])

    def both():
        return (
            selectors.cached_gain_overview(programme_id=programme.pk),
            selectors.gain_overview(programme_id=programme.pk),
        )

    cached, computed = both()
    assert cached.planned_total == computed.planned_total == 3_000_000
    BenefitPlanYear.objects.filter(benefit=benefit, year=2026).update(planned=Decimal(4_000_000))
    cached, computed = both()
    assert cached.planned_total == computed.planned_total == 6_000_000
    SavingsTarget.objects.create(programme=programme, year=2026, amount=7_000_000)
    cached, computed = both()
    assert cached.target_total == computed.target_total == 7_000_000
    Benefit.objects.filter(pk=benefit.pk).update(kind="quality")
    cached, computed = both()
    assert cached.planned_total == computed.planned_total == 0
