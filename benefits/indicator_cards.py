"""One non-financial benefit's card (templates/benefits/includes/indicator_card.html) as the project's gains
page, the benefit's measurements page and the answer to an htmx save all show it."""

from __future__ import annotations

from core import access

from .forms_indicators import MeasurementForm
from .indicator_chart import series_chart
from .selectors.indicators import IndicatorSeries

RECORD = "benefits.record_measurements"
EDIT = "benefits.change_project_benefits"


def card(series: IndicatorSeries, user, *, form: MeasurementForm | None = None, saved: str = "") -> dict:
    """What one benefit's card shows: the series, its chart, and the add form for whoever may record."""
    benefit = series.benefit
    can_record = access.has_perm(user, RECORD, benefit)
    if form is None and can_record:
        form = MeasurementForm(benefit=benefit, prefix=f"m{benefit.pk}")
    return {
        "series": series,
        "benefit": benefit,
        "chart": series_chart(series),
        "form": form if can_record else None,
        "can_record": can_record,
        "can_edit": access.has_perm(user, EDIT, benefit.project),
        "saved": saved,
    }
