"""The benefit map and the status trend in the browser: a project leader sees both on the project page,
adds a change line (first with an error), chooses a benefit's goals; the programme's goal view; axe-clean."""

import re

from playwright.sync_api import expect

from benefits.models import ProjectChange
from core import roles
from core.periods import Period
from scorecards.models import Goal, ProjectGoal
from tests.benefits.conftest import add_benefit
from tests.factories import ProgrammeFactory, ProjectFactory, StatusReportFactory, SubProgrammeFactory


def _project(role_user):
    leader = role_user(roles.PROJECT_LEADER, username="prosjektleder", first_name="Kari", last_name="Solheim")
    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    sub = SubProgrammeFactory(programme=programme, name="Velferd og teknologi")
    project = ProjectFactory(sub_programme=sub, name="Digitalt tilsyn på natt", leader=leader, owner=leader)
    safe = Goal.objects.create(programme=programme, code="1.1", title="Innbyggerne kan bo trygt hjemme")
    Goal.objects.create(programme=programme, code="2", title="Bærekraftig økonomi")
    ProjectGoal.objects.create(project=project, goal=safe)
    nights = add_benefit(project, title="Færre fysiske nattilsyn", planned=(400_000, 800_000))
    add_benefit(project, title="Bedre søvn for brukerne", kind="quality")
    line = ProjectChange.objects.create(
        project=project,
        deliverable="Sensorer og kamera hos brukerne",
        change="Nattevakten ser til brukerne digitalt og rykker ut ved behov",
    )
    line.benefits.add(nights)
    # Three periods back reported, then a gap, then the last ended period.
    current = Period.containing(__import__("datetime").date.today(), programme.reporting_scheme)
    ended = current.previous()
    StatusReportFactory(project=project, period_key=ended.key, overall="yellow", cost="red")
    StatusReportFactory(project=project, period_key=ended.previous().previous().key)
    return project


def test_project_leader_sees_and_edits_the_benefit_map_and_the_trend(
    page, login, role_user, assert_accessible, screenshot
):
    project = _project(role_user)
    page.expected_statuses.add(422)  # the form with errors answers 422
    login(page, "prosjektleder")
    page.goto(project.get_absolute_url())

    trend = page.locator("#status-trend")
    expect(trend.get_by_role("heading", name="Status over tid")).to_be_visible()
    expect(trend.locator("svg[role=img]")).to_have_count(1)
    trend.get_by_text("Utviklingen som tabell").click()
    expect(trend.locator("table")).to_contain_text("ingen rapport")
    expect(trend.locator("table")).to_contain_text("Gul")

    section = page.locator("#benefit-map")
    expect(section.locator("svg[role=img]")).to_have_count(1)
    expect(section.locator(".app-map-text")).to_contain_text(
        "Leveransen «Sensorer og kamera hos brukerne» gir endringen «Nattevakten ser til brukerne digitalt"
    )
    expect(section.locator(".app-map-text")).to_contain_text(
        "ingen endring gir gevinsten «Bedre søvn for brukerne»"
    )
    assert_accessible(page)
    screenshot(page, "benefit-map-project-page")

    section.get_by_role("link", name="Rediger gevinstkartet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gevinstkart – Digitalt tilsyn på natt")
    page.get_by_role("button", name="Legg til i kartet").click()
    expect(page.locator(".ds-error-summary")).to_contain_text("Leveranse")
    page.get_by_role("textbox", name=re.compile("^Endring")).fill("Brukerne sover uten å bli forstyrret")
    page.get_by_role("button", name="Legg til i kartet").click()
    # The error is still there, the input is kept.
    expect(page.locator(".ds-error-summary")).to_contain_text("Leveranse")
    expect(page.get_by_role("textbox", name=re.compile("^Endring"))).to_have_value(
        "Brukerne sover uten å bli forstyrret"
    )
    assert_accessible(page)
    screenshot(page, "benefit-map-edit-error")

    page.get_by_role("textbox", name=re.compile("^Leveranse")).fill("Sensorer og kamera hos brukerne")
    page.locator("#changes").get_by_label("Bedre søvn for brukerne").check()
    page.get_by_role("button", name="Legg til i kartet").click()
    expect(page.get_by_role("status").or_(page.locator(".ds-alert")).first).to_be_visible()
    expect(page.locator("#changes table")).to_contain_text("Brukerne sover uten å bli forstyrret")

    goals = page.locator("form#goals-" + str(project.benefits.get(title="Bedre søvn for brukerne").pk))
    goals.get_by_label("2 Bærekraftig økonomi").check()
    goals.get_by_role("button", name=re.compile("Lagre målene")).click()
    expect(page.locator("#map .app-map-text")).to_contain_text("som bidrar til målet «2 Bærekraftig økonomi»")
    assert_accessible(page)
    screenshot(page, "benefit-map-edit")

    page.goto(f"/gevinster/program/{project.sub_programme.programme_id}/mal-og-gevinster/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hvilke mål gevinstene bidrar til")
    assert_accessible(page)
    screenshot(page, "benefit-map-programme-goals")
