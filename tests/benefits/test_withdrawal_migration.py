"""The migration that turned the yes/no budget withdrawal into amounts per year: a financial benefit that was
taken out of the budget keeps that as a withdrawal equal to each planned year's figure; nothing else
changes, and a withdrawal entered already is kept."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("benefits", "0007_gains_ledger")]
AFTER = [("benefits", "0008_withdrawal_amounts")]


@pytest.fixture
def back_to_latest():
    """Every app migrated to its latest migration again afterwards, whatever came after this one."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def make_project(apps):
    """A project as the historical models make one (a leader and an owner are required)."""
    person = apps.get_model("auth", "User").objects.create(username="kari")
    programme = apps.get_model("programmes", "Programme").objects.create(name="Utvikling og bærekraft")
    sub = apps.get_model("programmes", "SubProgramme").objects.create(programme=programme, name="Velferd")
    return apps.get_model("programmes", "Project").objects.create(
        sub_programme=sub, name="Digitalt tilsyn", leader=person, owner=person
    )


@pytest.mark.django_db(transaction=True)
def test_a_ticked_withdrawal_becomes_the_planned_amount_of_each_planned_year(back_to_latest):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    project = make_project(old)
    Benefit = old.get_model("benefits", "Benefit")
    PlanYear = old.get_model("benefits", "BenefitPlanYear")

    def benefit(title, kind, withdrawn, years):
        made = Benefit.objects.create(project=project, title=title, kind=kind, budget_withdrawal=withdrawn)
        for year, (planned, withdrawal) in years.items():
            PlanYear.objects.create(benefit=made, year=year, planned=planned, withdrawal=withdrawal)

    million = Decimal(1_000_000)
    benefit(
        "Tatt ut",
        "reduced_cost",
        True,
        {2026: (million, None), 2027: (2 * million, None), 2028: (None, None)},
    )
    benefit("Allerede ført", "avoided_cost", True, {2026: (million, Decimal(400_000))})
    benefit("Ikke tatt ut", "more_income", False, {2026: (million, None)})
    benefit("Kvalitet", "quality", True, {2026: (Decimal(80), None)})  # non-financial: no withdrawal

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    found = {
        (row.benefit.title, row.year): row.withdrawal
        for row in new.get_model("benefits", "BenefitPlanYear").objects.select_related("benefit")
    }
    assert found == {
        ("Tatt ut", 2026): million,
        ("Tatt ut", 2027): 2 * million,
        ("Tatt ut", 2028): None,  # no plan, nothing taken out
        ("Allerede ført", 2026): Decimal(400_000),  # an amount entered before is kept
        ("Ikke tatt ut", 2026): None,
        ("Kvalitet", 2026): None,
    }
    assert "budget_withdrawal" not in {f.name for f in new.get_model("benefits", "Benefit")._meta.fields}
    assert "budget_withdrawal" not in {
        f.name for f in new.get_model("benefits", "HistoricalBenefit")._meta.fields
    }


@pytest.mark.django_db(transaction=True)
def test_going_back_ticks_the_benefits_with_a_withdrawal(back_to_latest):
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    project = make_project(apps)
    Benefit = apps.get_model("benefits", "Benefit")
    taken = Benefit.objects.create(project=project, title="Tatt ut", kind="reduced_cost")
    Benefit.objects.create(project=project, title="Ikke", kind="reduced_cost")
    apps.get_model("benefits", "BenefitPlanYear").objects.create(
        benefit=taken, year=2026, planned=Decimal(5), withdrawal=Decimal(5)
    )

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    assert dict(old.get_model("benefits", "Benefit").objects.values_list("title", "budget_withdrawal")) == {
        "Tatt ut": True,
        "Ikke": False,
    }
