"""The budget withdrawal becomes an amount per year instead of a yes/no per benefit.

Before this migration a financial benefit was either «taken out of the budget» (`Benefit.budget_withdrawal`)
or not, and the overviews counted the whole planned gain of a ticked benefit as withdrawn. The ledger now
keeps what is taken out each year (`BenefitPlanYear.withdrawal`). To keep what the old flag said, every plan
year of a financial benefit with the flag ticked gets `withdrawal = planned` where a planned figure is set
and no withdrawal is entered yet; a withdrawal already entered is never overwritten, a year without a plan
gets none, and non-financial benefits (which cannot have a withdrawal) are left alone. The plan years are
updated in SQL, so no history rows are written for them: the change is the schema's, not a person's.
Then the flag is removed (also from the benefit's history table).

Going back restores the flag as ticked for every financial benefit with any withdrawal; the per-year
amounts stay (the field existed before this migration).
"""

from django.db import migrations
from django.db.models import F

FINANCIAL_KINDS = ("reduced_cost", "avoided_cost", "more_income")


def withdrawals_from_flag(apps, schema_editor):
    BenefitPlanYear = apps.get_model("benefits", "BenefitPlanYear")
    BenefitPlanYear.objects.filter(
        benefit__budget_withdrawal=True,
        benefit__kind__in=FINANCIAL_KINDS,
        planned__isnull=False,
        withdrawal__isnull=True,
    ).update(withdrawal=F("planned"))


def flag_from_withdrawals(apps, schema_editor):
    Benefit = apps.get_model("benefits", "Benefit")
    Benefit.objects.filter(kind__in=FINANCIAL_KINDS, plan_years__withdrawal__isnull=False).update(
        budget_withdrawal=True
    )


class Migration(migrations.Migration):
    dependencies = [
        ("benefits", "0007_gains_ledger"),
    ]

    operations = [
        migrations.RunPython(withdrawals_from_flag, flag_from_withdrawals),
        migrations.RemoveField(model_name="benefit", name="budget_withdrawal"),
        migrations.RemoveField(model_name="historicalbenefit", name="budget_withdrawal"),
    ]
