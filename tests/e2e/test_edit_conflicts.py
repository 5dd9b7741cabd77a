"""Two people edit one project in the browser: the second sees both values side by side and chooses.

Also: adding a milestone announces it where the user is and keeps the keyboard focus there.
"""

import re

from playwright.sync_api import expect

from core import roles
from programmes.models import Project
from tests.e2e.test_project_workspace import field
from tests.factories import ProjectFactory


def test_second_editor_chooses_per_field_and_keeps_the_colleagues_other_change(
    page, browser, live_server, login, role_user, assert_accessible, screenshot
):
    kari = role_user(roles.PROJECT_LEADER, username="kari", first_name="Kari", last_name="Nordmann")
    project = ProjectFactory(name="Digitalt tilsyn", leader=kari, owner=kari, goal="")
    role_user(roles.ADMINISTRATOR, username="ola", first_name="Ola", last_name="Hansen")
    edit_url = f"/prosjekter/{project.pk}/endre/"

    login(page, "kari")
    page.goto(edit_url)  # Kari opens the form ...

    other = browser.new_context(base_url=live_server.url, locale="nb-NO").new_page()
    login(other, "ola")  # ... and Ola saves a new name and a goal meanwhile.
    other.goto(edit_url)
    field(other, "Navn").fill("Digitalt tilsyn natt")
    field(other, "Prosjektmål").fill("Færre nattbesøk")
    other.get_by_role("button", name="Lagre endringer").click()
    expect(other.get_by_role("status")).to_contain_text("Endringene er lagret.")
    other.context.close()

    field(page, "Navn").fill("Digitalt tilsyn dag")
    field(page, "Behov").fill("Nytt behov fra Kari")
    page.get_by_role("button", name="Lagre endringer").click()

    panel = page.locator("#conflict")
    expect(panel).to_be_focused()
    expect(panel).to_contain_text("Både du og Ola Hansen har endret feltene under")
    expect(field(page, "Navn")).to_have_value("Digitalt tilsyn dag")
    expect(field(page, "Prosjektmål")).to_have_value("Færre nattbesøk")  # Ola's other change is kept
    choice = page.get_by_role("group", name=re.compile("Både du og Ola Hansen endret «Navn»"))
    expect(choice).to_contain_text("Digitalt tilsyn natt")
    assert_accessible(page)
    screenshot(page, "project-edit-conflict")

    page.get_by_role("button", name="Lagre endringer").click()  # no choice yet: refused, focus on summary
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#error-summary")).to_contain_text("Velg hvilken verdi som skal gjelde.")
    assert_accessible(page)
    screenshot(page, "project-edit-conflict-no-choice")

    page.get_by_role("group", name=re.compile("Både du og Ola Hansen endret «Navn»")).get_by_label(
        re.compile("Bruk verdien til Ola Hansen")
    ).check()
    page.get_by_role("button", name="Lagre endringer").click()
    expect(page.get_by_role("status")).to_contain_text("Endringene er lagret.")
    project.refresh_from_db()
    assert (project.name, project.goal, project.need) == (
        "Digitalt tilsyn natt",
        "Færre nattbesøk",
        "Nytt behov fra Kari",
    )


def test_adding_a_milestone_is_announced_and_focus_stays_in_the_section(
    page, login, role_user, assert_accessible, screenshot
):
    kari = role_user(roles.PROJECT_LEADER, username="kari", first_name="Kari", last_name="Nordmann")
    project = ProjectFactory(name="Digitalt tilsyn", leader=kari, owner=kari)
    page.expected_statuses.add(422)  # a refused htmx save answers 422 and is swapped in
    login(page, "kari")
    page.goto(project.get_absolute_url())
    editor = page.locator("#milestone-form")
    editor.get_by_role("button", name="Legg til milepæl").click()  # empty: refused in place
    expect(page.locator("#milestones #error-summary")).to_be_focused()
    assert_accessible(page)
    screenshot(page, "milestone-add-error")

    field(page.locator("#milestone-form"), "Milepæl").fill("Pilot ferdig")
    field(page.locator("#milestone-form"), "Planlagt dato").fill("2027-03-01")
    page.locator("#milestone-form").get_by_role("button", name="Legg til milepæl").click()
    saved = page.locator("#milestones [role=status]")
    expect(saved).to_have_text("Milepælen «Pilot ferdig» er lagt til.")
    expect(saved).to_be_focused()
    assert_accessible(page)
    assert Project.objects.get(pk=project.pk).milestones.count() == 1
