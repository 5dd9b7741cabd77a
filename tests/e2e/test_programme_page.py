"""A project leader signs in and finds the programme with its sub-programmes; the pages are accessible."""

import re
from pathlib import Path

from playwright.sync_api import expect

from core import roles
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


def test_programme_page_counts_status_reports_and_links_the_missing_ones_to_the_register(
    page, login, assert_accessible, settings
):
    from io import StringIO

    from django.core.management import call_command

    settings.DEBUG = True  # seed_demo refuses to run with DEBUG off
    call_command("seed_demo", stdout=StringIO())
    login(page, "direktor")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Program").click()
    heading = page.get_by_role("heading", name="Statusrapporter for")
    expect(heading).to_be_visible()
    assert_accessible(page)
    shots = Path("/tmp/reports-shots")
    shots.mkdir(exist_ok=True)
    for label, width in (("1280", 1280), ("390", 390)):
        page.set_viewport_size({"width": width, "height": 900})
        heading.scroll_into_view_if_needed()
        page.screenshot(path=shots / f"programme-status-count-{label}.png")
    page.get_by_role("link", name="Statusrapport mangler").click()
    expect(page.get_by_label("Siste status")).to_have_value("missing")
