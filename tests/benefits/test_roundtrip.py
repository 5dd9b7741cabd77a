"""An export followed by an import of the same file changes nothing, whatever the plan and its gains ledger
hold: every figure of every year (planned, low, high, operating cost, withdrawal, realised), the responsible
unit and the range percentages."""

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benefits import excel, selectors, services
from benefits.ledger_rows import ledger_plan
from benefits.models import Benefit, BenefitPlanYear, EconomicPlan, current_year
from programmes.models import Project, SubProgramme
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

KINDS = ["reduced_cost", "avoided_cost", "more_income", "quality", "time_saved", "environment", "other"]
whole_kroner = st.one_of(st.none(), st.integers(min_value=0, max_value=10**12).map(Decimal))
own_unit = st.one_of(
    st.none(),
    st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False, allow_infinity=False),
)
titles = (
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Zl", "Zp"]),
        min_size=1,
        max_size=40,
    )
    .map(str.strip)
    .filter(bool)
)


@st.composite
def ledger_year(draw, amounts, financial: bool):
    """One year's figures as the plan year's rules allow them: low ≤ planned ≤ high, operating cost and
    withdrawal only for a financial gain."""
    planned, realised = draw(amounts), draw(amounts)
    low, high = draw(amounts), draw(amounts)
    if planned is not None:
        low = None if low is None else min(low, planned)
        high = None if high is None else max(high, planned)
    return {
        "planned": planned,
        "realised": realised,
        "low": low,
        "high": high,
        "operating_cost": draw(amounts) if financial else None,
        "withdrawal": draw(amounts) if financial else None,
    }


@st.composite
def benefits(draw):
    kind = draw(st.sampled_from(KINDS))
    financial = kind in KINDS[:3]
    amounts = whole_kroner if financial else own_unit
    return {
        "title": draw(titles),
        "kind": kind,
        "unit": draw(st.sampled_from(["", "Hjemmetjenesten", "Skole / oppvekst", "=SUM(A1)"])),
        "range_low_percent": draw(st.one_of(st.none(), st.integers(min_value=0, max_value=100))),
        "range_high_percent": draw(st.one_of(st.none(), st.integers(min_value=100, max_value=1000))),
        "has_owner": draw(st.booleans()),
        "project": draw(st.integers(min_value=0, max_value=2)),
        "years": draw(
            st.dictionaries(
                st.integers(min_value=2024, max_value=2035), ledger_year(amounts, financial), max_size=5
            )
        ),
    }


def snapshot():
    return (
        sorted(
            Benefit.objects.values_list(
                "pk",
                "project_id",
                "title",
                "kind",
                "owner_id",
                "unit",
                "range_low_percent",
                "range_high_percent",
                "version",
            )
        ),
        sorted(
            BenefitPlanYear.objects.values_list(
                "pk",
                "benefit_id",
                "year",
                "planned",
                "low",
                "high",
                "operating_cost",
                "withdrawal",
                "realised",
            )
        ),
        Benefit.history.count() + BenefitPlanYear.history.count(),
    )


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=st.lists(benefits(), max_size=8))
def test_export_then_import_changes_nothing(programme, project, people, specs):
    BenefitPlanYear.objects.all().delete()
    Benefit.objects.all().delete()
    # The ledger follows the gains for ten years (2026–2035), beyond the four-year economic plan.
    EconomicPlan.objects.filter(programme=programme).update(horizon_years=10)
    # Three projects, two of them with the same name in different sub-programmes, so that qualified
    # names are exercised. Fixtures are shared by the examples, so the projects are made only once.
    twin_sub = SubProgramme.objects.get_or_create(programme=programme, name="Ansattløftet")[0]
    projects = [
        project,
        Project.objects.filter(sub_programme=project.sub_programme).exclude(pk=project.pk).first()
        or ProjectFactory(
            sub_programme=project.sub_programme, leader=people["leader"], owner=people["leader"]
        ),
        Project.objects.filter(sub_programme=twin_sub).first()
        or ProjectFactory(
            sub_programme=twin_sub, name=project.name, leader=people["leader"], owner=people["leader"]
        ),
    ]
    seen = set()
    for spec in specs:
        target = projects[spec["project"]]
        if (target.pk, spec["title"].casefold()) in seen:
            continue
        seen.add((target.pk, spec["title"].casefold()))
        benefit = Benefit.objects.create(
            project=target,
            title=spec["title"],
            kind=spec["kind"],
            unit=spec["unit"],
            range_low_percent=spec["range_low_percent"],
            range_high_percent=spec["range_high_percent"],
            owner=people["owner"] if spec["has_owner"] else None,
        )
        for year, figures in spec["years"].items():
            # A realised figure is only possible for this year or earlier (refused for later years since
            # issue 13); the plan may run into the future.
            if year > current_year():
                figures = {**figures, "realised": None}
            BenefitPlanYear.objects.create(benefit=benefit, year=year, **figures)
    before = snapshot()

    years, rows = ledger_plan(programme_id=programme.pk)
    data = excel.export_workbook(years, rows)
    result = excel.parse_workbook(
        data,
        projects=excel.ProjectLookup.build(selectors.programme_projects(programme_id=programme.pk)),
        people=selectors.people_by_name(),
        last_year=2035,
    )
    if not rows:
        # An empty plan exports as a header alone, which the import refuses as a file without benefits.
        assert [e.message for e in result.problems] == ["Filen har overskrifter, men ingen gevinstrader."]
        return
    assert result.problems == []
    summary = services.benefit_plan_import(programme=programme, user=people["admin"], rows=result.rows)

    assert not summary.changed
    assert snapshot() == before
