"""The board and the decision form in the browser: a failed decision shows its errors where the user is
looking, with the focus on them; the board's columns fit a 1280 px screen; re-ranking asks first and can be
undone. Every state is checked with axe and photographed at desktop and phone width."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from core import roles
from portfolio.models import Criterion, Decision
from tests.factories import ProgrammeFactory, ProjectFactory, SubProgrammeFactory

SHOTS = Path("/tmp/board-shots")


pytestmark = pytest.mark.usefixtures("criteria")


@pytest.fixture
def director(role_user):
    return role_user(roles.EXECUTIVE, username="direktor", first_name="Eva", last_name="Sandvik")


def shoot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=SHOTS / f"{name}-{width}.png", full_page=False)
    page.set_viewport_size({"width": 1280, "height": 900})


def in_viewport(page, selector: str) -> bool:
    return page.evaluate(
        """sel => { const r = document.querySelector(sel).getBoundingClientRect();
                   return r.top >= 0 && r.top < window.innerHeight; }""",
        selector,
    )


def test_a_decision_without_rationale_shows_the_errors_at_the_form_with_the_focus_on_them(
    page, login, director, assert_accessible
):
    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    sub = SubProgrammeFactory(programme=programme, name="Ansattløftet")
    project = ProjectFactory(
        sub_programme=sub, name="Digital innbyggerdialog", owner=director, leader=director
    )
    login(page, "direktor")
    page.expected_statuses.add(400)
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"/portefolje/prosjekt/{project.pk}/")
        page.get_by_label("Avvis", exact=True).check()
        # Spaces pass the browser's own check of a required field; the server refuses them.
        page.locator("#id_rationale").fill("   ")
        page.get_by_role("button", name="Registrer beslutningen").click()

        summary = page.locator("#decision-errors")
        expect(summary).to_be_focused()
        expect(summary).to_contain_text("Beslutningen ble ikke registrert")
        assert in_viewport(page, "#decision-errors"), f"the error summary is off the screen at {width} px"
        expect(page.get_by_label("Avvis", exact=True)).to_be_checked()
        assert_accessible(page)
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=SHOTS / f"decision-error-{width}.png")
    assert not Decision.objects.exists()

    # The link in the summary takes the user to the field.
    page.locator("#decision-errors").get_by_role("link").first.click()
    expect(page.locator("#id_rationale")).to_be_focused()


NAMES = [
    "Digital innbyggerdialog og selvbetjening",
    "Velferdsteknologi i hjemmetjenesten",
    "Felles arealplan for skole og barnehage",
    "Automatisering av fakturabehandling",
    "Kompetanseløft for ledere i helse og omsorg",
    "Energieffektivisering av kommunale bygg",
]


@pytest.fixture
def full_board(director):
    from decimal import Decimal

    from benefits.selectors import current_year
    from portfolio import services
    from portfolio.models import Capacity, Outcome

    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    subs = [
        SubProgrammeFactory(programme=programme, name=name)
        for name in ("Innbyggerløftet", "Velferd og teknologi")
    ]
    projects = [
        ProjectFactory(
            sub_programme=subs[i % 2],
            name=name,
            owner=director,
            leader=director,
            start_date=None,
            end_date=None,
            cost_estimate=12_500_000,
            resource_need=Decimal("8.0"),
        )
        for i, name in enumerate(NAMES)
    ]
    for year in range(current_year(), current_year() + 4):
        Capacity.objects.create(programme=programme, year=year, person_years=Decimal("6.5"), kroner=10**9)
    services.decision_record(project=projects[0], outcome=Outcome.INCLUDE, rationale="Viktig", user=director)
    services.decision_record(project=projects[4], outcome=Outcome.REJECT, rationale="Nei", user=director)
    return programme, projects


def test_at_1280_px_every_column_of_the_board_is_on_the_screen(page, login, full_board, assert_accessible):
    login(page, "direktor")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/portefolje/")
    table = page.locator(".app-board-table")
    right = page.evaluate("() => document.querySelector('.app-board-table').getBoundingClientRect().right")
    wrap = page.evaluate("() => document.querySelector('.app-board-table').parentElement.clientWidth")
    assert (
        right <= 1280
        and page.evaluate("() => document.querySelector('.app-board-table').parentElement.scrollWidth")
        <= wrap
    ), "the board needs sideways scrolling at 1280 px"
    table.locator("thead").scroll_into_view_if_needed()
    for header in ("Beslutning", "Brukt kapasitet", "Flytt"):
        expect(table.get_by_role("columnheader", name=header)).to_be_in_viewport()
    rightmost = page.evaluate(
        "() => Math.max(...[...document.querySelectorAll('.app-board__move button')]"
        ".map(b => b.getBoundingClientRect().right))"
    )
    assert rightmost <= 1280, "the move buttons are off the screen"
    assert_accessible(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "board-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(page)
    page.screenshot(path=SHOTS / "board-390.png", full_page=True)


def test_re_ranking_asks_first_and_can_be_undone(page, login, full_board, director, assert_accessible):
    from portfolio import services

    programme, projects = full_board
    # A hand-made order: reversed.
    services.board_reorder(
        programme=programme, order=[p.pk for p in reversed(projects)], version=0, user=director
    )
    login(page, "direktor")
    page.goto("/portefolje/")
    hand_made = page.locator("tr[data-pk] th[scope=row] a").all_inner_texts()
    page.get_by_role("link", name="Ranger etter prioritetspoeng …").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rangere tavlen etter prioritetspoeng?")
    assert_accessible(page)
    page.screenshot(path=SHOTS / "rank-confirm-1280.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(page)
    page.screenshot(path=SHOTS / "rank-confirm-390.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    # Cancelling changes nothing.
    page.get_by_role("link", name="Avbryt og behold rekkefølgen").click()
    assert page.locator("tr[data-pk] th[scope=row] a").all_inner_texts() == hand_made

    page.get_by_role("link", name="Ranger etter prioritetspoeng …").click()
    page.get_by_role("button", name="Ranger etter prioritetspoeng").click()
    expect(page.get_by_role("status").first).to_contain_text("Tavlen er rangert etter prioritetspoeng")
    assert page.locator("tr[data-pk] th[scope=row] a").all_inner_texts() != hand_made
    assert_accessible(page)
    page.screenshot(path=SHOTS / "board-undo-1280.png")
    page.get_by_role("button", name="Angre rangeringen").click()
    expect(page.get_by_role("button", name="Angre rangeringen")).to_have_count(0)
    assert page.locator("tr[data-pk] th[scope=row] a").all_inner_texts() == hand_made


def test_a_criterion_both_changed_is_shown_side_by_side(page, login, role_user, assert_accessible):
    from django.test import Client

    role_user(roles.ADMINISTRATOR, username="admin", first_name="Eva", last_name="Sandvik")
    kari = role_user(roles.ADMINISTRATOR, username="kari", first_name="Kari", last_name="Nordmann")
    criterion = Criterion.objects.order_by("position").first()
    login(page, "admin")
    page.goto(f"/portefolje/kriterier/{criterion.pk}/")
    # Kari saves a new weight while the form is open.
    other = Client()
    other.force_login(kari)
    import re

    html = other.get(f"/portefolje/kriterier/{criterion.pk}/").content.decode()
    version = re.search(r'name="version" value="(\d+)"', html).group(1)
    data = {name: getattr(criterion, name) for name in ("name", "description", "kind")}
    data |= {f"step_{n}": getattr(criterion, f"step_{n}") for n in range(1, 6)}
    assert (
        other.post(
            f"/portefolje/kriterier/{criterion.pk}/", data | {"weight": 31, "version": version}
        ).status_code
        == 302
    )

    page.expected_statuses.update({409, 400})
    page.locator("#id_weight").fill("12")
    page.get_by_role("button", name="Lagre", exact=True).click()
    panel = page.locator("#field-conflict")
    expect(panel).to_be_focused()
    expect(panel).to_contain_text("Både du og Kari Nordmann har endret feltene under.")
    expect(page.locator("#id_weight")).to_have_value("12")
    assert_accessible(page)
    for width, height in ((1280, 900), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        panel.scroll_into_view_if_needed()
        page.screenshot(path=SHOTS / f"criterion-conflict-{width}.png")
    page.set_viewport_size({"width": 1280, "height": 900})
    assert_accessible(page)
    panel.get_by_label(re.compile("Bruk verdien til Kari Nordmann")).check()
    page.get_by_role("button", name="Lagre", exact=True).click()
    expect(page.get_by_role("status").first).to_be_visible()
    criterion.refresh_from_db()
    assert criterion.weight == 31
