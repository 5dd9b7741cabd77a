"""The report's summary shows the savings target against the expected gain and its range, and the withdrawals
against the target with the gap, from the ledger's selectors; read back from the PDF."""

from decimal import Decimal

import pytest
from pypdf import PdfReader

from benefits.models import Benefit, BenefitPlanYear
from benefits.selectors.savings import savings_standing
from core.numbers import format_millions
from portfolio.reports.models import ReportStatus

from .conftest import normalise, pdf_text
from .test_report_rendering import order

pytestmark = pytest.mark.django_db(transaction=True)


def test_summary_shows_target_expected_range_and_withdrawals_with_the_gap(report_world, media_root):
    Benefit.objects.filter(kind="reduced_cost").update(range_low_percent=60, range_high_percent=130)
    BenefitPlanYear.objects.filter(year=2026, benefit__kind="reduced_cost").update(
        withdrawal=Decimal(500_000)
    )
    standing = savings_standing(programme_id=report_world["programme"].pk)
    total = standing.total
    # 4 750 000 kr planned in 2026–2029; one gain (1,5 mill. kr) has no range; the target is 2 mill. kr.
    assert (total.range.expected, total.ledger.target, total.ledger.withdrawal) == (
        4_750_000,
        2_000_000,
        1_000_000,
    )
    assert (standing.range.without_range, standing.range.without_range_amount) == (1, 1_500_000)

    report = order(report_world)
    assert report.status == ReportStatus.DONE, report.error
    text = pdf_text(report.file.read())

    assert "Innsparing 2026–2029:" in text
    sentence = normalise(
        f"Forventet {format_millions(total.range.expected)}, 80 % sikker på minst "
        f"{format_millions(total.range.at_least)}. Innsparingsmål 2 mill. kr; tatt ut av budsjettene 1 mill. kr. "
        "Uttakene mangler 1 mill. kr til målet."
    )
    assert sentence in text
    assert "1 gevinst uten kjent spenn telles med forventet tall (1,5 mill. kr)." in text
    # The summary stays on one page (the third, after the cover and the contents).
    pages = PdfReader(report.file).pages
    summary = " ".join((pages[2].extract_text() or "").split())
    assert summary.startswith("Sammendrag") and "80 % sikker på minst" in summary
    assert "Kapasitet og beslutninger i perioden" in summary


def test_sub_programme_report_leaves_the_programme_savings_out(report_world, media_root):
    report = order(report_world, report_world["sub_programmes"][0])
    assert report.status == ReportStatus.DONE, report.error
    assert "80 % sikker på minst" not in pdf_text(report.file.read())


def test_a_report_made_by_a_real_worker_carries_the_savings_sentence(celery_worker, client, report_world):
    from django.urls import reverse

    from portfolio.reports.models import Report
    from tests.workers import wait_for

    from .conftest import PERIOD_KEY
    from .test_real_worker import finished

    Benefit.objects.filter(kind="reduced_cost").update(range_low_percent=80, range_high_percent=100)
    client.force_login(report_world["executive"])
    response = client.post(
        reverse("reports:order"), {"scope": f"programme:{report_world['programme'].pk}", "period": PERIOD_KEY}
    )
    assert response.status_code == 302
    report = wait_for(
        lambda: finished(Report.objects.get().pk), timeout=90, message=celery_worker.log_text()[-3000:]
    )
    total = savings_standing(programme_id=report_world["programme"].pk, cached=False).total
    text = pdf_text(report.file.read())
    assert (
        normalise(
            f"Forventet {format_millions(total.range.expected)}, 80 % sikker på minst "
            f"{format_millions(total.range.at_least)}."
        )
        in text
    )
    assert "Uttakene mangler 2 mill. kr til målet." in text  # nothing withdrawn against a 2 mill. kr target
