"""The gains change log of a project: who changed which benefit or plan figure, and when."""

from django.utils.translation import gettext as _

from core.history import HistoryEntry, Tracked, change_log, records
from core.numbers import format_date, format_number

from .models import Benefit, BenefitMeasurement, BenefitPlanYear
from .selectors import benefit_history_records

HIDDEN_FIELDS = frozenset({"project", "benefit", "year"})
AMOUNTS = {"baseline_value": format_number, "planned": format_number, "realised": format_number}
MEASUREMENTS = {"value": format_number, "measured_on": format_date}
HISTORY_LIMIT = 100


def benefit_history(*, project_id: int, limit: int = HISTORY_LIMIT) -> list[HistoryEntry]:
    """Every recorded change to the project's benefits, their plan years and their measurements, newest
    first (3 queries, and one for the owners' names when a shown change names an owner)."""
    benefit_records, year_records = benefit_history_records(project_id=project_id)
    titles = {record.id: record.title for record in benefit_records}
    measurement_records = records(BenefitMeasurement, benefit_id__in=set(titles))

    def measurement(record) -> str:
        return _("Measurement of %(date)s of «%(title)s»") % {
            "date": format_date(record.measured_on),
            "title": titles.get(record.benefit_id, "?"),
        }

    def plan_year(record) -> str:
        return _("Plan %(year)s for «%(title)s»") % {
            "year": record.year,
            "title": titles.get(record.benefit_id, "?"),
        }

    return change_log(
        [
            Tracked(
                Benefit,
                benefit_records,
                subject=lambda record: _("Benefit «%(title)s»") % {"title": record.title},
                hidden=HIDDEN_FIELDS,
                formats=AMOUNTS,
            ),
            Tracked(
                BenefitPlanYear,
                year_records,
                subject=plan_year,
                hidden=HIDDEN_FIELDS,
                formats=AMOUNTS,
                created_values=True,
            ),
            Tracked(
                BenefitMeasurement,
                measurement_records,
                subject=measurement,
                hidden=HIDDEN_FIELDS | {"recorded_by"},
                formats=MEASUREMENTS,
                created_values=True,
            ),
        ],
        limit=limit,
    )
