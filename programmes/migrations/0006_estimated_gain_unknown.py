"""A project's estimated gain per year may be unknown (empty), which is not 0 kr (issue 13).

The form used to turn an empty estimate into 0, so a stored 0 cannot be told apart from «not estimated».
Existing zeros become empty: showing «ikke anslått» for a real zero is the safe error, showing «0 kr» for an
unknown estimate is the wrong figure. Going back turns empty into 0 again.
"""

from django.db import migrations, models


def zero_to_unknown(apps, schema_editor):
    apps.get_model("programmes", "Project").objects.filter(estimated_annual_gain=0).update(
        estimated_annual_gain=None
    )
    apps.get_model("programmes", "HistoricalProject").objects.filter(estimated_annual_gain=0).update(
        estimated_annual_gain=None
    )


def unknown_to_zero(apps, schema_editor):
    for name in ("Project", "HistoricalProject"):
        apps.get_model("programmes", name).objects.filter(estimated_annual_gain__isnull=True).update(
            estimated_annual_gain=0
        )


class Migration(migrations.Migration):
    dependencies = [("programmes", "0005_versions_and_moves")]

    operations = [
        migrations.AlterField(
            model_name="project",
            name="estimated_annual_gain",
            field=models.PositiveBigIntegerField(
                blank=True,
                help_text="A first rough estimate in whole kroner; the gain plan refines it.",
                null=True,
                verbose_name="estimated financial gain per year (NOK)",
            ),
        ),
        migrations.AlterField(
            model_name="historicalproject",
            name="estimated_annual_gain",
            field=models.PositiveBigIntegerField(
                blank=True,
                help_text="A first rough estimate in whole kroner; the gain plan refines it.",
                null=True,
                verbose_name="estimated financial gain per year (NOK)",
            ),
        ),
        migrations.RunPython(zero_to_unknown, unknown_to_zero),
    ]
