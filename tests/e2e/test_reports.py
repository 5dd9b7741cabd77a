"""The Kommunedirektør orders a sub-programme report, watches it being made, publishes it; an elected member
opens it. The report is made by a real Celery worker (tests/reports/conftest.py) against the same test
database as live_server, so the progress bar really moves by htmx polling."""

import re

from playwright.sync_api import expect

from tests.reports.conftest import report_world  # noqa: F401 - fixture


def test_director_orders_watches_and_publishes_and_the_politician_opens_it(
    page,
    login,
    celery_worker,
    report_world,  # noqa: F811 - imported fixture
    assert_accessible,
    screenshot,
):
    celery_worker.stop()
    celery_worker.start(step_delay=0.6)  # slow enough to watch the bar move

    login(page, "direktor")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Rapporter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Statusrapporter")
    assert_accessible(page)
    page.get_by_role("link", name="Bestill rapport").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bestill rapport")
    page.get_by_label("Rapport for").select_option(label="Innbyggerløftet")
    expect(page.get_by_label("Rapporteringsperiode")).to_have_value("2026-T2")
    assert_accessible(page)
    screenshot(page, "report-order")
    page.get_by_role("button", name="Bestill rapport").click()

    expect(page).to_have_url(re.compile(r"/rapporter/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Innbyggerløftet")
    bar = page.locator("progress#report-progress-bar")
    expect(bar).to_be_visible()
    # A marker in the page: it survives only if the page is updated in place (htmx), not reloaded.
    page.evaluate("window.__notReloaded = true")
    expect(
        page.get_by_text(re.compile(r"Leser prosjekt \d av \d|Setter opp sidene|Skriver PDF-en"))
    ).to_be_visible(timeout=30_000)
    assert_accessible(page)
    screenshot(page, "report-progress")
    publish = page.get_by_role("button", name="Publiser til de folkevalgte")
    expect(publish).to_be_visible(timeout=90_000)
    assert page.evaluate("window.__notReloaded === true")
    expect(page.get_by_text("✎ Utkast")).to_be_visible()
    assert_accessible(page)
    publish.click()
    # Publishing cannot be undone: a page asks first and says so.
    expect(page.get_by_role("heading", level=1)).to_have_text("Publisere rapporten til de folkevalgte?")
    expect(page.get_by_text("Dette kan ikke angres.")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "report-publish-confirm")
    page.get_by_role("button", name="Ja, publiser rapporten").click()
    expect(page.get_by_text("Rapporten er publisert; de folkevalgte kan nå lese den.")).to_be_visible()
    expect(page.get_by_role("button", name="Publiser til de folkevalgte")).to_have_count(0)
    screenshot(page, "report-published")

    page.get_by_role("button", name="Logg ut").click()
    login(page, "politiker")
    # The elected member's front page shows the report just published; the archive is one link away.
    expect(page.get_by_role("heading", name="Siste rapport")).to_be_visible()
    page.get_by_role("link", name="Alle rapporter").click()
    expect(page).to_have_url(re.compile(r"/rapporter/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Statusrapporter")
    assert_accessible(page)
    screenshot(page, "report-archive-politician")
    # The archive opens the report itself, as a web page, with the PDF one click away.
    page.get_by_role("link", name="Innbyggerløftet", exact=True).click()
    expect(page).to_have_url(re.compile(r"/rapporter/\d+/les/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Utvikling og bærekraft")
    expect(page.get_by_role("button", name="Publiser til de folkevalgte")).to_have_count(0)
    pdf_link = page.get_by_role("link", name=re.compile(r"^Last ned PDF"))
    response = page.request.get(pdf_link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")
    assert_accessible(page)


def test_the_web_version_of_a_report_reads_on_a_phone_and_links_each_project_sheet(
    page,
    login,
    report_world,  # noqa: F811 - imported fixture
    media_root,
    assert_accessible,
    screenshot,
):
    """Made in-process (the worker's service, called directly) and read by an elected member at desktop
    and phone width: the contents link to each sheet, nothing scrolls sideways, axe finds nothing."""
    from unittest import mock

    from core.periods import Period
    from portfolio.reports import services

    with mock.patch.object(services, "report_send"):
        report, _created = services.report_order(
            user=report_world["executive"],
            scope_object=report_world["programme"],
            period=Period.from_key("2026-T2"),
        )
    report = services.report_render(report_id=report.pk)
    services.report_publish(user=report_world["executive"], report=report)
    areas = report_world["projects"][2]

    login(page, "politiker")
    page.get_by_role("link", name=report.title, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/rapporter/{report.pk}/les/$"))
    expect(page.get_by_role("link", name=re.compile(r"^Last ned PDF"))).to_be_visible()
    expect(page.get_by_role("heading", name="Om rapporten")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "report-web")
    page.get_by_role("navigation", name="Innhold").get_by_role("link", name=areas.name).click()
    expect(page).to_have_url(re.compile(rf"#project-{areas.pk}$"))
    expect(page.locator(f"#project-{areas.pk}")).to_be_in_viewport()
    expect(page.locator(f"#project-{areas.pk}")).to_contain_text("Leieavtalen blir dyrere enn ventet.")

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.locator(f"#project-{areas.pk}").screenshot(path=str(_artifact("report-web-sheet-phone.png")))

    # Printed, the page is the report alone: no site header, menu or footer, the download link left out.
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Hovedmeny")).to_be_hidden()
    expect(page.get_by_role("link", name=re.compile(r"^Last ned PDF"))).to_be_hidden()
    expect(page.locator(f"#project-{areas.pk}")).to_be_visible()
    page.pdf(path=str(_artifact("report-web-printed.pdf")))


def _artifact(name: str):
    from tests.e2e.conftest import ARTIFACTS

    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name


def test_an_elected_member_on_a_phone_reads_what_changed_since_the_last_report_and_downloads_the_pdf(
    page,
    login,
    report_world,  # noqa: F811 - imported fixture
    media_root,
    assert_accessible,
    screenshot,
):
    """Two tertials published, the second compared with the first; an elected member on a phone opens the
    latest report from the front page, follows the contents to a project, reads the changes since the last
    report and downloads the PDF, which says the same."""
    import datetime
    from unittest import mock

    from core.periods import Period
    from portfolio.reports import services
    from tests.factories import MilestoneFactory, RiskFactory, StatusReportFactory
    from tests.reports.conftest import pdf_text

    def published(period_key: str):
        with mock.patch.object(services, "report_send"):  # made here, by the worker's own service
            report, _created = services.report_order(
                user=report_world["executive"],
                scope_object=report_world["programme"],
                period=Period.from_key(period_key),
            )
        report = services.report_render(report_id=report.pk)
        return services.report_publish(user=report_world["executive"], report=report)

    chat, booking, areas = report_world["projects"]
    pilot = MilestoneFactory(project=chat, title="Chatbot i drift", planned_date=datetime.date(2026, 10, 15))
    first = published("2026-T2")
    StatusReportFactory(project=areas, period_key="2026-T3", overall="red", schedule="red")
    pilot.done_date = datetime.date(2026, 10, 20)
    pilot.save()
    RiskFactory(project=booking, title="Leverandøren leverer ikke", probability=5, consequence=4)
    latest = published("2026-T3")
    assert latest.compared_with == first

    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "politiker")
    expect(page.get_by_role("heading", name="Siste rapport")).to_be_visible()
    page.get_by_role("link", name=latest.title, exact=True).click()
    expect(page).to_have_url(re.compile(rf"/rapporter/{latest.pk}/les/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Utvikling og bærekraft")
    expect(page.get_by_text("3. tertial 2026").first).to_be_visible()
    assert_accessible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "report-latest-phone")
    page.set_viewport_size({"width": 390, "height": 844})  # (the screenshots end at desktop width)

    contents = page.get_by_role("navigation", name="Innhold")
    contents.get_by_role("link", name=areas.name).click()
    expect(page).to_have_url(re.compile(rf"#project-{areas.pk}$"))
    sheet = page.locator(f"#project-{areas.pk}")
    expect(sheet).to_be_in_viewport()
    expect(sheet).to_contain_text("Status 3. tertial 2026")

    contents.get_by_role("link", name="Endringer siden forrige rapport").click()
    expect(page).to_have_url(re.compile(r"#changes$"))
    changes = page.locator("#changes")
    expect(changes).to_be_in_viewport()
    expect(changes).to_contain_text(f"Sammenlignet med «{first.title}»")
    expect(changes).to_contain_text("Chatbot i drift")
    expect(changes).to_contain_text("Leverandøren leverer ikke")
    expect(changes.get_by_role("link", name=areas.name).first).to_be_visible()
    assert_accessible(page)
    changes.screenshot(path=str(_artifact("report-changes-phone.png")))

    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"^Last ned PDF")).click()
    data = download.value.path().read_bytes()
    assert data.startswith(b"%PDF-")
    _artifact("report-changes.pdf").write_bytes(data)  # its changes page, for a human to look at
    text = pdf_text(data)
    assert "Endringer siden forrige rapport" in text
    assert "Leverandøren leverer ikke" in text

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.url.split("#")[0] + "#changes")
    assert_accessible(page)
    screenshot(page, "report-changes-desktop")
