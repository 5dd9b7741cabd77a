"""A first history record for every criterion that has none (the seeded ones: a migration's historical
models send no history signals). A criterion's version is its newest history record, and a stale edit is
merged against the record of the version the form was opened at: without this baseline, an edit opened
before the first change could not tell which fields the other person changed."""

from django.db import migrations
from django.utils import timezone

FIELDS = ["name", "description", "weight", "kind", "position", "step_1", "step_2", "step_3", "step_4", "step_5"]


def baseline(apps, schema_editor):
    Criterion = apps.get_model("portfolio", "Criterion")
    HistoricalCriterion = apps.get_model("portfolio", "HistoricalCriterion")
    have = set(HistoricalCriterion.objects.values_list("id", flat=True))
    now = timezone.now()
    HistoricalCriterion.objects.bulk_create(
        HistoricalCriterion(
            id=criterion.pk,
            history_date=now,
            history_type="+",
            history_change_reason="baseline",
            **{name: getattr(criterion, name) for name in FIELDS},
        )
        for criterion in Criterion.objects.exclude(pk__in=have)
    )


class Migration(migrations.Migration):
    dependencies = [("portfolio", "0005_board_order_history")]

    operations = [migrations.RunPython(baseline, migrations.RunPython.noop)]
