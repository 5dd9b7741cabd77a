"""A project leader saves an unfinished status report as a draft, finds it again, and submits it; the help
page for the role is reached from the main menu. Both pages are checked with axe-core."""

import re

from playwright.sync_api import expect

from core import roles
from programmes.models import Phase, StatusReport, StatusReportDraft
from tests.factories import ProjectFactory


def field(scope, label: str):
    """The input labelled exactly `label`, with or without the "(må fylles ut)" marker."""
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}( \(må fylles ut\))?$"))


def test_a_draft_is_saved_found_again_and_submitted(page, login, role_user, assert_accessible, screenshot):
    leader = role_user(
        roles.PROJECT_LEADER, username="prosjektleder", first_name="Kari", last_name="Nordmann"
    )
    project = ProjectFactory(name="Digitalt nattilsyn", leader=leader, owner=leader, phase=Phase.EXECUTION)

    login(page, "prosjektleder")
    page.goto(project.get_absolute_url())
    page.get_by_role("link", name="Skriv statusrapport").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ny statusrapport")
    # Unfinished: a yellow without its comment, the other dimensions not rated yet.
    page.get_by_role("group", name=re.compile("Fremdrift")).get_by_label("Gul").check()
    field(page, "Oppnådd i perioden").fill("Behovsanalysen er nesten ferdig.")
    page.get_by_role("button", name="Lagre utkast").click()
    expect(page.get_by_role("status")).to_contain_text("Utkastet ble lagret.")
    assert StatusReportDraft.objects.filter(project=project).exists()
    assert not StatusReport.objects.exists()

    # Reloading, and opening the form again from the project, shows the draft.
    page.reload()
    expect(field(page, "Oppnådd i perioden")).to_have_value("Behovsanalysen er nesten ferdig.")
    page.goto(project.get_absolute_url())
    page.get_by_role("link", name="Skriv statusrapport").first.click()
    expect(page.get_by_text("Du fortsetter på utkastet for")).to_be_visible()
    expect(field(page, "Oppnådd i perioden")).to_have_value("Behovsanalysen er nesten ferdig.")
    expect(page.get_by_role("group", name=re.compile("Fremdrift")).get_by_label("Gul")).to_be_checked()
    assert_accessible(page)
    screenshot(page, "status-report-draft")

    # Delivering it: the yellow now needs its comment, then the draft becomes the report.
    for legend in ("Samlet status", "Kostnad", "Omfang og kvalitet", "Gevinster"):
        page.get_by_role("group", name=re.compile(legend)).get_by_label("Grønn").check()
    page.get_by_role("button", name="Lever statusrapport").click()
    expect(page.get_by_role("alert")).to_contain_text("Kommentar må fylles ut når statusen er gul.")
    field(page, "Kommentar til fremdrift").fill("Anskaffelsen tar to uker lenger enn planlagt.")
    page.get_by_role("button", name="Lever statusrapport").click()
    expect(page.get_by_role("status")).to_contain_text("Statusrapporten er levert.")
    expect(page.locator("#status")).to_contain_text("Behovsanalysen er nesten ferdig.")
    assert not StatusReportDraft.objects.exists()
    assert StatusReport.objects.get(project=project).schedule == "yellow"

    # Help for the role, from the main menu.
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Hjelp").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hjelp for prosjektledere")
    expect(page.get_by_role("heading", name="Hva statusene betyr")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "help-project-leader")
