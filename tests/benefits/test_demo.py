"""seed_demo's gains: every demo project has benefits, the overviews have something true to show, and a
second run changes nothing."""

from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from benefits import models, selectors
from benefits.models import Benefit, BenefitPlanYear, SavingsTarget
from programmes.models import Project

pytestmark = pytest.mark.django_db


def counts():
    return (
        Benefit.objects.count(),
        BenefitPlanYear.objects.count(),
        SavingsTarget.objects.count(),
        Benefit.history.count(),
        BenefitPlanYear.history.count(),
    )


# 36 benefits with a plan for each of the economic plan's four years, five of them followed two years
# further in the ledger (2030–2031), 12 savings targets, and one history record for each benefit and plan
# year created, one for each of the three benefits the benefit map gives goals of their own
# (demo.story.benefit_map: a change of a benefit's goals is recorded), and one for each of the three
# non-financial gains given a baseline, target and scorecard indicator once the scorecards are loaded
# (demo.story.indicators).
SEEDED = (36, 154, 12, 42, 154)


def test_seed_demo_gives_every_project_benefits_and_a_second_run_changes_nothing(freeze_2026, demo):
    assert counts() == SEEDED
    output = StringIO()
    call_command("seed_demo", stdout=output)
    assert counts() == SEEDED
    assert "ingenting er endret" in output.getvalue()

    assert Project.objects.count() == 24
    assert not Project.objects.filter(benefits__isnull=True).exists()
    assert Benefit.objects.filter(kind__in=["reduced_cost", "avoided_cost", "more_income"]).count() == 26
    assert set(BenefitPlanYear.objects.values_list("year", flat=True)) == {2026, 2027, 2028, 2029, 2030, 2031}
    assert demo.economic_plan.ledger_years == [2026, 2027, 2028, 2029, 2030, 2031]
    assert demo.economic_plan.year_list == [2026, 2027, 2028, 2029]
    # The ledger's figures: withdrawals, operating costs and ranges on some financial gains; one withdrawal
    # in 2026 beyond what was realised, for the page to warn about.
    assert BenefitPlanYear.objects.filter(withdrawal__isnull=False).count() >= 30
    assert BenefitPlanYear.objects.filter(operating_cost__isnull=False).exists()
    assert (
        Benefit.objects.filter(range_low_percent__isnull=False, range_high_percent__isnull=False).count() >= 5
    )
    from django.db.models import F

    assert BenefitPlanYear.objects.filter(year=2026, withdrawal__gt=F("realised")).exists()
    # Nothing realised in a year that has not started (issue 13).
    assert not BenefitPlanYear.objects.filter(year__gt=models.current_year(), realised__isnull=False).exists()

    overview = selectors.gain_overview(programme_id=demo.pk)
    assert [y.target for y in overview.by_year] == [25_000_000] * 4
    assert overview.by_year[0].realised > 0
    assert overview.behind_plan, "some benefits are behind plan"
    assert (
        overview.by_year[0].gap > 0 > overview.by_year[-1].gap
    )  # short of the target at first, then beyond it


def test_the_demo_follows_non_financial_gains_as_indicators(demo):
    from benefits.selectors.indicators import benefit_indicators

    benefit = Benefit.objects.get(title="Flere ansatte i hel stilling")
    series = benefit_indicators([benefit])[benefit.pk]
    # The scorecard's share of full-time posts 2022–2025 (38 → 58 %) and the owner's own 61 % of June 2026.
    assert [point.value for point in series.counted][-2:] == [58, 61]
    assert series.achievement == Decimal("71.9")  # (61 − 38) / (70 − 38)
    unmeasured = Benefit.objects.get(title="Kortere saksbehandlingstid")
    assert benefit_indicators([unmeasured])[unmeasured.pk].achievement is None
