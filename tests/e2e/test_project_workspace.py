"""A project leader registers, edits and reports on a project in the browser; others cannot edit it."""

import re

from playwright.sync_api import expect

from core import roles
from programmes.models import Project
from tests.factories import ProgrammeFactory, SubProgrammeFactory


def field(scope, label: str):
    """The input labelled exactly `label`, with or without the "(må fylles ut)" marker."""
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}( \(må fylles ut\))?$"))


def test_project_leader_registers_edits_reports_and_sees_it_all_in_the_change_log(
    page, login, role_user, assert_accessible, screenshot
):
    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    SubProgrammeFactory(programme=programme, name="Velferd og teknologi")
    role_user(roles.PROJECT_LEADER, username="prosjektleder", first_name="Kari", last_name="Nordmann")
    role_user(roles.PROJECT_LEADER, username="prosjektleder2", first_name="Ola", last_name="Hansen")
    role_user(roles.POLITICIAN, username="politiker", first_name="Per", last_name="Politiker")

    login(page, "prosjektleder")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine prosjekter")
    assert_accessible(page)

    # Register a proposal.
    page.get_by_role("link", name="Foreslå et prosjekt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Foreslå et prosjekt")
    assert_accessible(page)
    field(page, "Delprogram").select_option(label="Velferd og teknologi")
    field(page, "Navn").fill("Digitalt nattilsyn")
    field(page, "Behov").fill("Brukere i hjemmetjenesten vekkes av nattlige tilsynsbesøk de ikke trenger.")
    field(page, "Prosjekteier").select_option(label="Kari Nordmann")
    field(page, "Prosjektleder").select_option(label="Kari Nordmann")
    field(page, "Kostnad (kr)").fill("1 250 000")
    field(page, "Ressursbehov (årsverk)").fill("1,5")
    screenshot(page, "project-create")
    page.get_by_role("button", name="Registrer forslaget").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Digitalt nattilsyn")
    expect(page.locator(".app-facts")).to_contain_text("Idé")
    expect(page.locator(".app-facts")).to_contain_text("1 250 000 kr")
    assert_accessible(page)

    # Edit it; an inline validation error appears when leaving the end date field.
    page.get_by_role("link", name="Endre prosjekt").click()
    field(page, "Planlagt start").fill("2027-03-01")
    field(page, "Planlagt slutt").fill("2027-01-31")
    field(page, "Planlagt slutt").press("Tab")
    error = page.locator("#field-end_date .ds-validation-message")
    expect(error).to_have_text("Planlagt slutt kan ikke være før planlagt start.")
    assert_accessible(page)
    screenshot(page, "project-edit-inline-error")
    field(page, "Planlagt slutt").fill("2027-12-31")
    field(page, "Planlagt slutt").press("Tab")
    expect(error).to_have_count(0)
    # The phase changes by a decision at the decision point (tests/e2e/test_decision_points.py).
    expect(field(page, "Fase")).to_have_count(0)
    page.get_by_role("button", name="Lagre endringer").click()
    expect(page.get_by_role("status")).to_contain_text("Endringene er lagret.")

    # A yellow status without comment is refused; with a comment it is accepted.
    page.get_by_role("link", name="Skriv statusrapport").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ny statusrapport")
    for legend in ("Samlet status", "Kostnad", "Omfang og kvalitet", "Gevinster"):
        page.get_by_role("group", name=re.compile(legend)).get_by_label("Grønn").check()
    page.get_by_role("group", name=re.compile("Fremdrift")).get_by_label("Gul").check()
    field(page, "Oppnådd i perioden").fill("Behovsanalysen er ferdig.")
    page.get_by_role("button", name="Lever statusrapport").click()
    expect(page.get_by_role("alert")).to_contain_text("Kommentar må fylles ut når statusen er gul.")
    expect(field(page, "Oppnådd i perioden")).to_have_value("Behovsanalysen er ferdig.")
    assert_accessible(page)
    screenshot(page, "status-report-refused")
    field(page, "Kommentar til fremdrift").fill("Anskaffelsen tar to uker lenger enn planlagt.")
    page.get_by_role("button", name="Lever statusrapport").click()
    expect(page.get_by_role("status")).to_contain_text("Statusrapporten er levert.")
    expect(page.locator("#status")).to_contain_text("Anskaffelsen tar to uker lenger enn planlagt.")

    # Add a milestone and a risk inline (htmx, no page load).
    field(page, "Milepæl").fill("Anskaffelse avsluttet")
    field(page, "Planlagt dato").fill("2027-04-01")
    page.get_by_role("button", name="Legg til milepæl").click()
    expect(page.locator("#milestones table")).to_contain_text("Anskaffelse avsluttet")
    field(page.locator("#risk-form"), "Risiko").fill("Leverandøren leverer for sent")
    field(page, "Sannsynlighet (1–5)").select_option("4")
    field(page, "Konsekvens (1–5)").select_option("3")
    field(page, "Tiltak").fill("Dagbøter i kontrakten")
    page.get_by_role("button", name="Legg til risiko").click()
    expect(page.locator("#risks table.ds-table")).to_contain_text("4 × 3 = 12")

    history = page.locator("#history")
    expect(history).to_contain_text("Prosjekt opprettet")
    expect(history).to_contain_text("Planlagt slutt")
    expect(history).to_contain_text("Statusrapport")
    expect(history).to_contain_text("Milepæl «Anskaffelse avsluttet» opprettet")
    expect(history).to_contain_text("Risiko «Leverandøren leverer for sent» opprettet")
    assert_accessible(page)
    screenshot(page, "project-page")

    project = Project.objects.get(name="Digitalt nattilsyn")
    edit_url = f"/prosjekter/{project.pk}/endre/"

    # Another project leader cannot edit it.
    page.get_by_role("button", name="Logg ut").click()
    login(page, "prosjektleder2")
    page.expected_statuses.add(403)
    response = page.goto(edit_url)
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Du har ikke tilgang til dette")
    assert_accessible(page)
    project.refresh_from_db()
    assert project.version == 2

    # A politician sees the project but no edit controls.
    page.get_by_role("button", name="Logg ut").click()
    login(page, "politiker")
    page.goto(project.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Digitalt nattilsyn")
    expect(page.get_by_role("link", name="Endre prosjekt")).to_have_count(0)
    expect(page.get_by_role("button", name=re.compile("Legg til"))).to_have_count(0)
    assert_accessible(page)
