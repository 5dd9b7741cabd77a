"""A project leader signs in and finds the programme with its sub-programmes; the pages are accessible."""

import re

from playwright.sync_api import expect

from programmes import roles
from tests.factories import ProgrammeFactory, ProjectFactory, SubProgrammeFactory

SUB_PROGRAMMES = [
    "Innbyggerløftet",
    "Ansattløftet",
    "Velferd og teknologi",
    "Smarte areal og bygg",
    "Oppvekstløftet",
]


def test_project_leader_signs_in_and_sees_the_sub_programmes(
    page, login, role_user, assert_accessible, screenshot
):
    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    for position, name in enumerate(SUB_PROGRAMMES):
        sub = SubProgrammeFactory(programme=programme, name=name, position=position)
        ProjectFactory(sub_programme=sub, name=f"Prosjekt i {name}")
    role_user(roles.PROJECT_LEADER, username="prosjektleder", first_name="Kari", last_name="Nordmann")

    page.goto("/")
    expect(page).to_have_url(re.compile(r"/logg-inn/"))
    assert_accessible(page)
    screenshot(page, "login")

    login(page, "prosjektleder")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine prosjekter")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Program").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Utvikling og bærekraft")
    for name in SUB_PROGRAMMES:
        expect(page.get_by_role("heading", level=2, name=name)).to_be_visible()
        expect(page.get_by_role("row", name=re.compile(f"Prosjekt i {name}"))).to_be_visible()
    expect(
        page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Program")
    ).to_be_visible()
    assert_accessible(page)
    screenshot(page, "programme")


def test_skip_link_moves_keyboard_focus_to_the_main_content(page, login, role_user):
    ProgrammeFactory()
    role_user(roles.POLITICIAN, username="politiker")
    login(page, "politiker")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Hopp til hovedinnhold")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()
