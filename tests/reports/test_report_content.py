"""What the PDF report says: years without a thousands separator, which projects belong to the period, how
missing status reports are counted, file names, and nothing cut without saying where the rest is."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from portfolio.reports import services
from portfolio.reports.models import ReportStatus
from programmes.models import Programme
from programmes.periods import Period

from .conftest import pdf_text

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # seed_demo refuses to run with DEBUG off
    call_command("seed_demo", stdout=StringIO())
    return Programme.objects.get()


def order(user, scope_object, period_key: str):
    report, created = services.report_order(
        user=user, scope_object=scope_object, period=Period.from_key(period_key)
    )
    assert created
    report.refresh_from_db()
    assert report.status == ReportStatus.DONE, report.error
    return report


def test_years_in_the_demo_report_have_no_thousands_separator(demo, media_root):
    report = order(None, demo, "2026-T2")
    text = pdf_text(report.file.read())
    assert "til og med 2026" in text
    assert not re.search(r"\b2 0\d\d\b", text), re.search(r".{40}\b2 0\d\d\b.{20}", text).group(0)
