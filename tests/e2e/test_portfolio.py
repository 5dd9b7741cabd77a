"""The kommunedirektør prioritises the portfolio; an elected member reads the result.

`direktor` scores two proposals, drags one above the capacity line and moves another with the keyboard,
tries a what-if scenario and discards it, then includes one project and sets another to wait with a
rationale; `politiker` sees the new order read-only, with no controls. Every page is checked with axe.
"""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from core import roles
from portfolio import services
from portfolio.models import Capacity, Criterion, Decision, Outcome
from tests.factories import ProgrammeFactory, ProjectFactory, SubProgrammeFactory

pytestmark = pytest.mark.usefixtures("criteria")


def field(scope, label: str):
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}( \(må fylles ut\))?$"))


def board_names(page) -> list[str]:
    return page.locator("tr[data-pk] th[scope=row] a").all_inner_texts()


def above_line(page) -> list[str]:
    """The project names in the rows before the capacity line."""
    return page.evaluate(
        """() => {
          const names = [];
          for (const row of document.querySelectorAll('[data-board-rows] > tr')) {
            if (row.hasAttribute('data-capacity-line')) return names;
            names.push(row.querySelector('th a').textContent);
          }
          return names;
        }"""
    )


def score_proposal(page, name: str, score: int) -> None:
    page.get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    for criterion in Criterion.objects.order_by("position"):
        article = page.locator(f"#criterion-{criterion.pk}")
        article.get_by_label(re.compile(rf"^{score} –")).check()
        field(article, "Begrunnelse").fill(f"Vurdert til {score} på {criterion.name.lower()}.")
        article.get_by_role("button", name=f"Lagre poeng på {criterion.name}").click()
        expect(page.get_by_role("status").first).to_contain_text(
            f"Poengene på «{criterion.name}» ble lagret."
        )


def decide(page, name: str, outcome: str, rationale: str) -> None:
    page.get_by_role("link", name=name, exact=True).click()
    page.get_by_label(outcome, exact=True).check()
    field(page, "Begrunnelse").last.fill(rationale)
    page.get_by_role("button", name="Registrer beslutningen").click()
    expect(page.get_by_role("status").first).to_contain_text("Beslutningen ble registrert.")
    expect(page.locator(".app-decision-log li").first).to_contain_text(rationale)


def test_director_prioritises_and_the_politician_reads_the_result(
    page, login, role_user, assert_accessible, screenshot
):
    director = role_user(roles.EXECUTIVE, username="direktor", first_name="Eva", last_name="Sandvik")
    role_user(roles.POLITICIAN, username="politiker", first_name="Sigrid", last_name="Lunde")
    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    sub = SubProgrammeFactory(programme=programme, name="Velferd og teknologi")
    people = {"owner": director, "leader": director}
    projects = {}
    # Four projects under way, scored 5, 4, 4 and 3 on everything; two proposals not yet assessed.
    for name, score, phase in (
        ("Digitalt tilsyn på natt", 5, "execution"),
        ("Medisindispensere", 4, "execution"),
        ("Ruteoptimalisering", 4, "planning"),
        ("Responssenter", 3, "planning"),
        ("Forslag: Digital booking", None, "idea"),
        ("Forslag: Kapasitetsplan for barnehager", None, "idea"),
    ):
        projects[name] = ProjectFactory(
            sub_programme=sub,
            name=name,
            phase=phase,
            start_date=None,
            end_date=None,
            cost_estimate=800_000,
            resource_need=Decimal(4),  # one person-year in each of the four plan years
            # The projects under way have an estimated gain; the proposals have none yet («ikke anslått»).
            estimated_annual_gain=None if score is None else 500_000,
            **people,
        )
        for criterion in Criterion.objects.all() if score else []:
            services.assessment_set(
                project=projects[name], criterion=criterion, score=score, rationale="Vurdert", user=director
            )
    from benefits.selectors import current_year

    for year in range(current_year(), current_year() + 4):
        Capacity.objects.create(programme=programme, year=year, person_years=Decimal(3), kroner=10_000_000)

    # The director opens the board: ranked by priority, the proposals last, below the capacity line.
    login(page, "direktor")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Portefølje").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Prioriteringstavle: Utvikling og bærekraft")
    expect(page.locator("[data-capacity-line]")).to_be_visible()
    assert above_line(page) == ["Digitalt tilsyn på natt", "Medisindispensere", "Ruteoptimalisering"]
    assert (
        page.locator("tr[data-pk]")
        .filter(has_text="Forslag: Digital booking")
        .locator(".app-score__value")
        .inner_text()
        == "mangler"
    )
    assert_accessible(page)
    screenshot(page, "portfolio-board-before")

    # Scores two proposals.
    score_proposal(page, "Forslag: Digital booking", 3)
    assert_accessible(page)
    screenshot(page, "portfolio-project-assessed")
    page.get_by_role("link", name="Portefølje", exact=True).first.click()
    score_proposal(page, "Forslag: Kapasitetsplan for barnehager", 2)
    page.get_by_role("link", name="Portefølje", exact=True).first.click()
    expect(page.locator("tr[data-pk]").filter(has_text="Forslag: Digital booking")).to_contain_text("50,0")

    # Drags a proposal above the capacity line.
    proposal = page.locator("tr[data-pk]").filter(has_text="Forslag: Digital booking")
    proposal.drag_to(page.locator("tr[data-pk]").first, target_position={"x": 200, "y": 3})
    expect(page.locator("tr[data-pk]").first).to_contain_text("Forslag: Digital booking")
    # The server answers with the board redrawn: the capacity line moves up to after the third row.
    expect(page.locator("[data-board-rows] > tr").nth(3)).to_have_class("app-capacity-line")
    assert "Forslag: Digital booking" in above_line(page)
    assert "Ruteoptimalisering" not in above_line(page)

    # Moves another with the keyboard: focus its "move up" button and press Enter, twice.
    up = page.get_by_role("button", name="Flytt Forslag: Kapasitetsplan for barnehager opp")
    up.focus()
    page.keyboard.press("Enter")
    expect(page.locator("tr[data-pk]").nth(4)).to_contain_text("Forslag: Kapasitetsplan for barnehager")
    expect(
        page.get_by_role("button", name="Flytt Forslag: Kapasitetsplan for barnehager opp")
    ).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("tr[data-pk]").nth(3)).to_contain_text("Forslag: Kapasitetsplan for barnehager")
    order = board_names(page)
    assert_accessible(page)
    screenshot(page, "portfolio-board-reordered")

    # Tries a what-if scenario and discards it.
    page.get_by_role("button", name="Prøv et hva-om-scenario").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hva-om-scenario: Ulagret scenario")
    page.get_by_role("button", name="Ta ut Forslag: Digital booking").click()
    page.get_by_role("button", name="Ta inn Ruteoptimalisering").click()
    expect(page.locator(".app-compare-table")).to_contain_text("Dagens portefølje")
    assert_accessible(page)
    screenshot(page, "portfolio-scenario")
    page.get_by_role("button", name="Forkast scenarioet").click()
    expect(page.get_by_role("status").first).to_contain_text("Scenarioet ble forkastet")
    assert board_names(page) == order
    assert_accessible(page)

    # Includes one project and sets another to wait, each with a rationale.
    decide(page, "Digitalt tilsyn på natt", "Ta inn i porteføljen", "Høy prioritet og god gevinst.")
    assert_accessible(page)
    page.get_by_role("link", name="Portefølje", exact=True).first.click()
    decide(page, "Responssenter", "Vent", "Venter på avklaring med nabokommunene.")
    assert_accessible(page)
    assert list(Decision.objects.order_by("created_at").values_list("outcome", flat=True)) == [
        Outcome.INCLUDE,
        Outcome.WAIT,
    ]
    page.get_by_role("link", name="Portefølje", exact=True).first.click()
    expect(page.locator("tr[data-pk]").filter(has_text="Responssenter")).to_contain_text("Vent")
    page.get_by_role("button", name="Logg ut").click()

    # The politician reads the overview and the ranked portfolio: the same order, no controls.
    login(page, "politiker")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Portefølje").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Porteføljeoversikt: Utvikling og bærekraft")
    # Issue 13: a project without a gain plan or an estimate is left out of the chart, not drawn at 0 kr.
    expect(page.get_by_role("img", name=re.compile("Boblediagram over 4 prosjekter"))).to_be_visible()
    expect(
        page.get_by_role("img", name=re.compile("2 prosjekter uten gevinstplan eller anslag er utelatt"))
    ).to_be_visible()
    assert_accessible(page)
    screenshot(page, "portfolio-overview")
    page.get_by_role("link", name="Prioriteringstavlen").click()
    assert board_names(page) == order
    expect(page.get_by_role("button", name=re.compile("^Flytt "))).to_have_count(0)
    expect(page.get_by_role("button", name="Prøv et hva-om-scenario")).to_have_count(0)
    expect(page.locator("form[action*='rekkefolge'], form[action*='flytt']")).to_have_count(0)
    assert_accessible(page)
    screenshot(page, "portfolio-board-politician")


def test_director_sets_capacity_and_gets_a_suggested_portfolio(
    page, login, role_user, assert_accessible, screenshot
):
    director = role_user(roles.EXECUTIVE, username="direktor", first_name="Eva", last_name="Sandvik")
    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    sub = SubProgrammeFactory(programme=programme, name="Smarte areal og bygg")
    for index, score in enumerate((5, 4, 3, 2)):
        project = ProjectFactory(
            sub_programme=sub,
            name=f"Byggprosjekt {index + 1}",
            start_date=None,
            end_date=None,
            resource_need=Decimal(4),
            owner=director,
            leader=director,
        )
        for criterion in Criterion.objects.all():
            services.assessment_set(
                project=project, criterion=criterion, score=score, rationale="x", user=director
            )

    login(page, "direktor")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Portefølje").click()
    page.get_by_role("link", name="Sett kapasitet").first.click()
    assert_accessible(page)
    from benefits.selectors import current_year

    for year in range(current_year(), current_year() + 4):
        field(page, "År").fill(str(year))
        field(page, "Årsverk").fill("2,5")
        field(page, "Kroner").fill("10 mill.")
        page.get_by_role("button", name="Lagre kapasitet").click()
        expect(page.get_by_role("status").first).to_contain_text(f"Kapasiteten for {year} ble lagret.")
    screenshot(page, "portfolio-capacity")

    page.get_by_role("link", name="Portefølje", exact=True).first.click()
    page.get_by_role("link", name="Kriterier").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Vurderingskriterier")
    assert_accessible(page)

    page.get_by_role("link", name="Portefølje", exact=True).first.click()
    page.get_by_role("link", name="Foreslå en portefølje").click()
    assert_accessible(page)
    page.get_by_role("button", name="Foreslå", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hva-om-scenario: Ulagret scenario")
    expect(page.locator(".ds-alert").first).to_contain_text("bevist optimal")
    row = page.locator("tbody tr").filter(has_text="Byggprosjekt 3")
    expect(row).to_contain_text("Utelatt: ingen årsverk igjen")
    assert_accessible(page)
    screenshot(page, "portfolio-suggested")
    field(page, "Navn på scenarioet").fill("Forslag fra optimeringen")
    page.get_by_role("button", name="Lagre scenarioet").click()
    expect(page.get_by_role("status").first).to_contain_text("Scenarioet ble lagret.")
    page.get_by_role("link", name="Portefølje", exact=True).first.click()
    expect(page.get_by_role("link", name="Forslag fra optimeringen")).to_be_visible()


def test_a_drag_of_a_project_someone_else_has_moved_meanwhile_shows_both_orders_to_choose_from(
    page, login, role_user, assert_accessible
):
    director = role_user(roles.EXECUTIVE, username="direktor", first_name="Eva", last_name="Sandvik")
    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    sub = SubProgrammeFactory(programme=programme, name="Ansattløftet")
    projects = [
        ProjectFactory(sub_programme=sub, name=name, owner=director, leader=director)
        for name in ("Alfa", "Beta", "Gamma")
    ]
    login(page, "direktor")
    page.goto("/portefolje/")
    assert board_names(page) == ["Alfa", "Beta", "Gamma"]

    # Someone else reorders while the page is open.
    services.board_reorder(
        programme=programme, order=[projects[2].pk, projects[1].pk, projects[0].pk], version=0, user=director
    )
    page.expected_statuses.add(409)
    page.locator("tr[data-pk]").filter(has_text="Beta").drag_to(
        page.locator("tr[data-pk]").first, target_position={"x": 200, "y": 3}
    )
    # Both moved Beta: nothing is saved, both orders are shown and the user chooses.
    conflict = page.locator("#order-conflict")
    expect(conflict).to_contain_text("Noen andre lagret mens du redigerte")
    expect(conflict).to_be_focused()
    assert board_names(page) == ["Gamma", "Beta", "Alfa"]
    # The alert pushed the board down under the resting pointer, onto a button; hover colours are
    # Designsystemet's, so measure the page at rest.
    page.mouse.move(0, 0)
    assert_accessible(page)
    conflict.get_by_label("Bruk rekkefølgen til Eva Sandvik").check()
    conflict.get_by_role("button", name="Lagre valget").click()
    expect(page.get_by_role("status").first).to_contain_text("Den andre rekkefølgen ble beholdt")
    assert board_names(page) == ["Gamma", "Beta", "Alfa"]
