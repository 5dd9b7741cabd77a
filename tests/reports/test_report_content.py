"""What the PDF report says: years without a thousands separator, which projects belong to the period, how
missing status reports are counted, file names, and nothing cut without saying where the rest is."""

import re
from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.urls import reverse

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


def test_pdf_file_name_writes_norwegian_letters_as_ae_o_and_a(demo, media_root, client):
    executive = User.objects.get(username="direktor")
    report = order(executive, demo, "2026-T2")
    client.force_login(executive)
    response = client.get(reverse("reports:download", args=[report.pk]) + "?download=1")
    disposition = response["Content-Disposition"]
    assert "statusrapport-2-tertial-2026-utvikling-og-baerekraft-" in disposition, disposition


def test_every_download_names_its_file_with_the_same_slug(demo, client):
    from scorecards.models import Scorecard

    client.force_login(User.objects.get(username="direktor"))
    scorecard = Scorecard.objects.get(title="120: Økonomi og administrasjon")
    response = client.get(reverse("scorecards:scorecard_export", args=[scorecard.pk]))
    assert 'filename="120-okonomi-og-administrasjon.xlsx"' in response["Content-Disposition"]
    response = client.get(reverse("portfolio:overview_export"))
    assert 'filename="portefolje-' in response["Content-Disposition"]
