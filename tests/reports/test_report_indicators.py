"""The report's project sheet shows how far each non-financial gain has come from baseline to target, up to
the end of the report's period, from the same selector as the project page (benefits.selectors.indicators)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from benefits.models import Benefit, BenefitMeasurement
from core.periods import Period
from portfolio.reports import body, selectors, services, snapshot
from tests.scorecards.factories import IndicatorFactory, indicator_value

from .conftest import PERIOD_KEY, normalise, pdf_text

pytestmark = pytest.mark.django_db(transaction=True)


def waiting_time(project, title="Kortere saksbehandlingstid", indicator=None):
    benefit = Benefit.objects.create(
        project=project,
        title=title,
        kind="time_saved",
        unit_of_measure="dager",
        baseline_value=Decimal(30),
        baseline_date=datetime.date(2025, 1, 1),
        target_value=Decimal(10),
        target_date=datetime.date(2028, 12, 31),
        indicator=indicator,
    )
    for date, value in (("2026-03-01", "25"), ("2026-08-31", "20"), ("2026-10-15", "12")):
        BenefitMeasurement.objects.create(
            benefit=benefit, measured_on=datetime.date.fromisoformat(date), value=Decimal(value)
        )
    return benefit


def test_the_project_sheet_says_how_far_a_non_financial_gain_has_come_by_the_end_of_the_period(
    report_world, media_root
):
    chat = report_world["projects"][0]
    waiting_time(chat)
    report, _created = services.report_order(
        user=report_world["executive"], scope_object=chat, period=Period.from_key(PERIOD_KEY)
    )
    report.refresh_from_db()
    # Narrow columns are hyphenated: «(da‐ ger)».
    text = normalise(pdf_text(report.file.read())).replace("\u2010 ", "")
    assert "Ikke-økonomiske gevinster: måloppnåelse fra utgangspunkt til mål" in text
    # 2. tertial ends 31 August: the measurement of 15 October is not part of it. (20 − 30) / (10 − 30).
    assert "Kortere saksbehandlingstid (dager)" in text
    assert "30 01.01.2025 20 31.08.2026 10 31.12.2028 50 % av veien fra utgangspunkt til mål" in text


def test_rendering_the_sheets_reads_the_series_once_for_the_whole_report(report_world):
    indicator = IndicatorFactory(unit="dager")
    indicator_value(indicator, 2025, "", "28")
    report, _created = services.report_order(
        user=report_world["executive"],
        scope_object=report_world["programme"],
        period=Period.from_key(PERIOD_KEY),
    )
    report.refresh_from_db()

    def render_queries() -> int:
        """The queries of freezing the read content and rendering it (the series are read for the snapshot)."""
        content = selectors.report_content(report=report)
        with CaptureQueriesContext(connection) as captured:
            frozen = snapshot.build(content)
            render_to_string("reports/pdf/report.html", body.body_context(report=report, frozen=frozen))
        return len(captured)

    waiting_time(report_world["projects"][0], indicator=indicator)
    render_queries()  # the first render also fills the caches of the process
    few = render_queries()
    for project in report_world["projects"][1:]:
        waiting_time(project, indicator=indicator)
    assert render_queries() == few
