"""Each role's front page in the browser, on the demo programme: what it shows first, accessible (axe-core),
and screenshots at desktop and phone width."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from core import roles
from tests.factories import ProgrammeFactory, ProjectFactory, SubProgrammeFactory


@pytest.fixture
def demo(settings, criteria):
    settings.DEBUG = True  # seed_demo refuses to run with DEBUG off
    call_command("seed_demo", stdout=StringIO())


def phone_has_no_sideways_scroll(page) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert overflow <= 0, f"The page scrolls sideways by {overflow} px at 390 px"


def test_kommunedirektor_sees_the_portfolio_at_a_glance(page, demo, login, assert_accessible, screenshot):
    login(page, "direktor")
    expect(page.get_by_text("Porteføljen i dag")).to_be_visible()
    main = page.get_by_role("main")
    for heading in (
        re.compile(r"^Statusrapporter for \d"),
        "Beslutninger som venter",
        "Gevinster mot innsparingsmålet",
        "Bruk av kapasitet",
        "Siste rapport",
    ):
        expect(main.get_by_role("heading", name=heading, level=2)).to_be_visible()
    # Status as colour, word and icon: the rating's word is in the table.
    expect(main.get_by_role("rowheader", name="Rød")).to_be_visible()
    assert_accessible(page)
    phone_has_no_sideways_scroll(page)
    screenshot(page, "front-executive")
    main.get_by_role("link", name="Prioriteringstavlen").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Prioritering")


def test_programme_leader_sees_the_sub_programme(page, demo, login, assert_accessible, screenshot):
    login(page, "programleder")
    expect(page.get_by_role("heading", level=1)).to_have_text("Velferd og teknologi")
    main = page.get_by_role("main")
    expect(main.get_by_text("Ditt delprogram · Utvikling og bærekraft")).to_be_visible()
    expect(main.get_by_role("heading", name="Beslutninger som venter")).to_be_visible()
    expect(main.get_by_role("heading", name="Bruk av kapasitet")).to_have_count(0)
    assert_accessible(page)
    phone_has_no_sideways_scroll(page)
    screenshot(page, "front-sub-programme")


def test_project_leader_sees_the_projects_and_what_is_due(page, demo, login, assert_accessible, screenshot):
    login(page, "prosjektleder")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine prosjekter")
    expect(page.get_by_role("heading", name="Dette forfaller")).to_be_visible()
    expect(page.locator(".app-project-card").first).to_be_visible()
    assert_accessible(page)
    phone_has_no_sideways_scroll(page)
    screenshot(page, "front-project-leader")


def test_politician_sees_the_programme_summary(page, demo, login, assert_accessible, screenshot):
    login(page, "politiker")
    main = page.get_by_role("main")
    expect(main.get_by_role("heading", name="Siste rapport")).to_be_visible()
    expect(main.get_by_role("heading", name="Gevinster per delprogram")).to_be_visible()
    expect(main.get_by_role("table", name="Prosjekter etter samlet status for perioden")).to_be_visible()
    assert_accessible(page)
    phone_has_no_sideways_scroll(page)
    screenshot(page, "front-politician")


def test_politician_before_anything_is_published_is_told_so(
    page, login, role_user, assert_accessible, screenshot
):
    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    sub = SubProgrammeFactory(programme=programme, name="Innbyggerløftet")
    ProjectFactory(sub_programme=sub, name="Digital innbyggerdialog", start_date=timezone.localdate())
    role_user(roles.POLITICIAN, username="politiker")
    login(page, "politiker")
    expect(page.get_by_text("Ingen statusrapport er publisert ennå.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Utvikling og bærekraft")
    assert_accessible(page)
    phone_has_no_sideways_scroll(page)
    screenshot(page, "front-politician-nothing-published")
