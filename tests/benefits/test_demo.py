"""seed_demo's gains: every demo project has benefits, the overviews have something true to show, and a
second run changes nothing."""

from io import StringIO

import pytest
from django.core.management import call_command

from benefits import models, selectors
from benefits.models import Benefit, BenefitPlanYear, SavingsTarget
from programmes.models import Programme, Project

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def demo_settings(settings):
    settings.DEBUG = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def counts():
    return (
        Benefit.objects.count(),
        BenefitPlanYear.objects.count(),
        SavingsTarget.objects.count(),
        Benefit.history.count(),
        BenefitPlanYear.history.count(),
    )


def test_seed_demo_gives_every_project_benefits_and_a_second_run_changes_nothing(freeze_2026):
    call_command("seed_demo", stdout=StringIO())
    first = counts()
    output = StringIO()
    call_command("seed_demo", stdout=output)
    assert counts() == first
    assert "ingenting er endret" in output.getvalue()

    assert not Project.objects.filter(benefits__isnull=True).exists()
    financial = Benefit.objects.filter(kind__in=["reduced_cost", "avoided_cost", "more_income"]).count()
    assert financial > Benefit.objects.count() / 2
    assert set(BenefitPlanYear.objects.values_list("year", flat=True)) == {2026, 2027, 2028, 2029}
    # Nothing realised in a year that has not started (issue 13).
    assert not BenefitPlanYear.objects.filter(year__gt=models.current_year(), realised__isnull=False).exists()

    overview = selectors.gain_overview(programme_id=Programme.objects.get().pk)
    assert [y.target for y in overview.by_year] == [25_000_000] * 4
    assert overview.by_year[0].realised > 0
    assert overview.behind_plan, "some benefits are behind plan"
    assert (
        overview.by_year[0].gap > 0 > overview.by_year[-1].gap
    )  # short of the target at first, then beyond it
