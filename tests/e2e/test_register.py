"""The project register in the browser: search and filters swap the results in place and stay in the URL."""

import re

from playwright.sync_api import expect

from core import roles
from programmes.models import Phase
from tests.factories import (
    ProgrammeFactory,
    ProjectFactory,
    StatusReportFactory,
    SubProgrammeFactory,
    UserFactory,
)

NAMES = ("Digitalt tilsyn", "Medisindispensere", "Heltidskultur", "Lederutvikling", "Energisparing")
PHASES = (Phase.IDEA, Phase.PLANNING, Phase.EXECUTION, Phase.EXECUTION, Phase.REALISATION)


def make_register():
    """30 projects in two sub-programmes, some with a status report: enough for two pages."""
    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    subs = [
        SubProgrammeFactory(programme=programme, name="Velferd og teknologi", position=1),
        SubProgrammeFactory(programme=programme, name="Ansattløftet", position=2),
    ]
    people = [
        UserFactory(first_name=first, last_name=last)
        for first, last in (("Kari", "Nordmann"), ("Ola", "Hansen"), ("Åse", "Ødegård"))
    ]
    for i in range(30):
        project = ProjectFactory(
            name=f"{NAMES[i % 5]} {['i sone nord', 'i sone sør', 'i sentrum'][i % 3]} {i}",
            sub_programme=subs[i % 2],
            phase=PHASES[i % 5],
            leader=people[i % 3],
            owner=people[(i + 1) % 3],
            cost_estimate=250_000 * (i + 1),
        )
        if i % 4:
            StatusReportFactory(
                project=project, period_key="2026-T2", overall=("green", "yellow", "red")[i % 3]
            )


def result_rows(page):
    return page.locator("#results tbody tr")


def test_executive_searches_filters_sorts_and_exports_the_register(
    page, login, role_user, assert_accessible, screenshot
):
    make_register()
    role_user(roles.EXECUTIVE, username="direktor", first_name="Eva", last_name="Direktør")
    login(page, "direktor")

    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Prosjekter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Prosjekter")
    expect(page.get_by_role("status")).to_contain_text("30 prosjekter")
    expect(result_rows(page)).to_have_count(25)
    assert_accessible(page)
    screenshot(page, "register")

    # A marker on the window survives htmx swaps but not a page load.
    page.evaluate("window.registerMarker = 'still here'")

    page.get_by_label("Søk", exact=True).press_sequentially("tilsyn")
    expect(page.get_by_role("status")).to_contain_text("6 prosjekter")
    expect(result_rows(page)).to_have_count(6)
    expect(page).to_have_url(re.compile(r"/prosjekter/\?q=tilsyn"))
    # Focus stays in the search field while the results change underneath.
    expect(page.get_by_label("Søk", exact=True)).to_be_focused()

    page.get_by_label("Søk", exact=True).fill("")
    page.get_by_label("Fase", exact=True).select_option(label="Gjennomføring")
    expect(page.get_by_role("status")).to_contain_text("12 prosjekter")
    expect(page.locator("#results tbody td[data-label='Fase']")).to_have_text(["Gjennomføring"] * 12)
    expect(page).to_have_url(re.compile(r"phase=execution"))

    # Sorting by a column header keeps the phase filter.
    page.get_by_role("link", name="Kostnad", exact=True).click()
    expect(page.get_by_role("columnheader", name="Kostnad")).to_have_attribute("aria-sort", "ascending")
    page.get_by_role("link", name="Kostnad", exact=True).click()
    expect(page.get_by_role("columnheader", name="Kostnad")).to_have_attribute("aria-sort", "descending")
    expect(page).to_have_url(re.compile(r"phase=execution.*sort=-cost"))
    expect(page.get_by_role("status")).to_contain_text("12 prosjekter")
    expect(result_rows(page).first.locator("td[data-label='Kostnad']")).to_have_text("7 250 000 kr")
    expect(page.get_by_label("Sorter etter")).to_have_value("-cost")

    # The sort field does the same for those who cannot see the column headers (phones, screen readers).
    page.get_by_label("Sorter etter").select_option(label="Status (rød først)")
    expect(page.get_by_role("columnheader", name="Status")).to_have_attribute("aria-sort", "ascending")
    expect(result_rows(page).first.locator("td[data-label='Status']")).to_have_text("Rød")
    expect(page).to_have_url(re.compile(r"phase=execution.*sort=status"))
    assert page.evaluate("window.registerMarker") == "still here"
    assert_accessible(page)

    # The Excel link exports the same selection.
    excel = page.get_by_role("link", name="Last ned Excel")
    href = excel.get_attribute("href")
    assert "phase=execution" in href and "sort=status" in href
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")

    # Reloading the address shows the same list: the filters are in the URL.
    page.reload()
    expect(page.get_by_label("Fase", exact=True)).to_have_value("execution")
    expect(page.get_by_role("status")).to_contain_text("12 prosjekter")


def test_paging_swaps_the_results_and_keeps_the_filters(page, login, role_user):
    make_register()
    role_user(roles.POLITICIAN, username="politiker")
    login(page, "politiker")
    page.goto("/prosjekter/?sub_programme=&sort=-cost")
    page.evaluate("window.registerMarker = 'still here'")

    page.get_by_role("navigation", name="Sider").get_by_role("link", name="Neste side").click()
    expect(page.get_by_role("status")).to_contain_text("viser 26–30")
    expect(result_rows(page)).to_have_count(5)
    expect(page).to_have_url(re.compile(r"sort=-cost.*page=2"))
    expect(page.get_by_role("link", name="Side 2")).to_have_attribute("aria-current", "true")
    assert page.evaluate("window.registerMarker") == "still here"
