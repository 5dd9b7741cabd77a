"""What the PDF report says: years without a thousands separator, which projects belong to the period, how
missing status reports are counted, file names, and nothing cut without saying where the rest is."""

import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from core.periods import Period
from portfolio.reports import services
from portfolio.reports.models import ReportStatus

from .conftest import pdf_text

pytestmark = pytest.mark.django_db(transaction=True)


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


def text_past_the_right_margin(document) -> list[str]:
    """Text laid out beyond the right edge of its page's content area, as `page N: text`."""
    from weasyprint.formatting_structure import boxes

    found = []
    for number, page in enumerate(document.pages, 1):
        page_box = page._page_box
        right = page_box.content_box_x() + page_box.width
        for child in page_box.children:
            if isinstance(child, boxes.MarginBox):  # the running header and footer
                continue
            for box in child.descendants():
                if (
                    isinstance(box, boxes.TextBox)
                    and box.text.strip()
                    and box.position_x + box.width > right + 0.5
                ):
                    found.append(f"page {number}: {box.text}")
    return found


def test_no_text_of_the_demo_report_runs_past_the_right_margin(demo, media_root):
    report = order(None, demo, "2026-T2")
    document = services.report_layout(snapshot=report.snapshot, report=report)
    assert text_past_the_right_margin(document) == []


def test_a_project_proposed_after_the_period_ended_is_not_in_that_periods_report(demo, media_root):
    from programmes.models import Phase, Project
    from programmes.selectors import status_count
    from tests.factories import ProjectFactory

    period = Period.from_key("2026-T2")
    before = status_count(projects=Project.objects.filter(sub_programme__programme=demo), period=period)
    late = ProjectFactory(
        sub_programme=demo.sub_programmes.first(), name="Foreslått i desember", phase=Phase.EXECUTION
    )
    assert late.created_at.date() > period.end
    text = pdf_text(order(None, demo, "2026-T2").file.read())
    assert "Foreslått i desember" not in text
    # Under way, without a status report, yet not missing one for a period that ended before it was proposed.
    assert f"Statusrapport mangler {before.missing} " in text
    assert "som var registrert og startet innen utgangen av 2. tertial 2026" in text
    assert "Foreslått i desember" in pdf_text(order(None, demo, "2026-T3").file.read())


def test_ideas_are_not_counted_as_missing_status_reports(demo, media_root):
    from programmes.models import Phase, Project, StatusReport

    period = Period.from_key("2026-T2")
    projects = Project.objects.filter(sub_programme__programme=demo)
    reported = set(StatusReport.objects.filter(period_key=period.key).values_list("project", flat=True))
    under_way = [p for p in projects if p.phase in (Phase.PLANNING, Phase.EXECUTION, Phase.REALISATION)]
    missing = [
        p for p in under_way if p.pk not in reported and (p.start_date is None or p.start_date <= period.end)
    ]
    not_reporting = [
        p for p in projects if p not in under_way or (p.start_date and p.start_date > period.end)
    ]
    assert any(p.phase == Phase.IDEA for p in not_reporting) and missing

    text = pdf_text(order(None, demo, period.key).file.read())

    assert f"Statusrapport mangler {len(missing)} " in text
    assert f"Rapporterer ikke (idé, konsept, avsluttet eller ikke startet) {len(not_reporting)} " in text
    assert "«Mangler» teller dem som ikke har levert statusrapport for 2. tertial 2026" in text
