"""The Kommunedirektør corrects a published report: the form asks what is corrected and why (refusing an
empty answer in Norwegian), the corrected version says what it corrects, and once it is published the old
version says it has been replaced. Every page passes axe-core, the error state included."""

import datetime
import re
from pathlib import Path

from django.utils import timezone
from playwright.sync_api import expect

from portfolio.reports.models import Report, ReportStatus
from tests.e2e.conftest import DESKTOP, PHONE
from tests.reports.conftest import report_world  # noqa: F401 - fixture
from tests.reports.test_report_pages import make_report

SHOTS = Path("/tmp/shots-corr")
REASON = "Planlagt gevinst for Lavere husleie var ført med feil beløp for 2027."


def shoot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    for label, size in (("1280", DESKTOP), ("390", PHONE)):
        page.set_viewport_size(size)
        page.screenshot(path=SHOTS / f"{name}-{label}.png", full_page=True)
    page.set_viewport_size(DESKTOP)


def test_director_corrects_a_published_report_and_the_old_one_says_it_is_replaced(
    page,
    login,
    report_world,  # noqa: F811 - imported fixture
    assert_accessible,
):
    original = make_report(
        report_world,
        status=ReportStatus.DONE,
        progress=100,
        published_at=timezone.make_aware(datetime.datetime(2026, 9, 10, 12, 0)),
        published_by=report_world["executive"],
    )
    page.expected_statuses.add(400)  # the refused form answers 400, as every refused form does
    login(page, "direktor")
    page.goto(original.get_absolute_url())
    page.get_by_role("link", name="Lag rettet versjon").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lag rettet versjon")
    assert_accessible(page)

    page.get_by_role("button", name="Bestill rettet versjon").click()
    # The browser's own check stops an empty field first; without it the server says the same.
    page.get_by_label(re.compile("Hva som er rettet, og hvorfor")).evaluate(
        "e => e.removeAttribute('required')"
    )
    page.get_by_label(re.compile("Hva som er rettet, og hvorfor")).fill("   ")
    page.get_by_role("button", name="Bestill rettet versjon").click()
    expect(page.locator("#error-summary")).to_contain_text("Skriv hva som er rettet og hvorfor")
    expect(page.locator("#id_correction_reason_error")).to_contain_text("Skriv hva som er rettet og hvorfor")
    assert_accessible(page)
    shoot(page, "correct-form-error")

    page.get_by_label(re.compile("Hva som er rettet, og hvorfor")).fill(REASON)
    page.get_by_role("button", name="Bestill rettet versjon").click()
    correction = Report.objects.get(corrects=original)
    expect(page).to_have_url(re.compile(rf"/rapporter/{correction.pk}/$"))
    expect(
        page.get_by_text("Rettet versjon (versjon 2) av rapporten publisert 10. september 2026.")
    ).to_be_visible()
    expect(page.get_by_text(REASON)).to_be_visible()
    assert_accessible(page)
    shoot(page, "correction-detail")

    Report.objects.filter(pk=correction.pk).update(
        status=ReportStatus.DONE,
        progress=100,
        published_at=timezone.make_aware(datetime.datetime(2026, 10, 1, 9, 0)),
    )
    page.goto(original.get_absolute_url())
    expect(
        page.get_by_text("Denne rapporten er erstattet av versjon 2, publisert 1. oktober 2026.")
    ).to_be_visible()
    expect(page.get_by_role("link", name="Lag rettet versjon")).to_have_count(0)
    assert_accessible(page)
    shoot(page, "replaced-detail")
    page.get_by_role("link", name="Gå til versjon 2").click()
    expect(page).to_have_url(re.compile(rf"/rapporter/{correction.pk}/$"))

    page.goto("/rapporter/")
    expect(page.get_by_text("Erstattet av versjon 2 (publisert 1. oktober 2026)")).to_be_visible()
    assert_accessible(page)
    shoot(page, "archive-replaced")
