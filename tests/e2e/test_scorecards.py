"""The scorecard owner imports a scorecard from Excel, fixes a bad cell, and edits a result inline."""

import io
import re
from pathlib import Path

from openpyxl import Workbook
from playwright.sync_api import expect

from core import roles
from scorecards import services
from tests.factories import ProjectFactory
from tests.scorecards.factories import (
    GoalFactory,
    IndicatorFactory,
    ProjectGoalFactory,
    ScorecardFactory,
    indicator_value,
)
from tests.scorecards.test_import import HEADER


def scorecard_file(path, energy_2025: str):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Målekort 121/130: Eiendom"])
    sheet.append(HEADER)
    sheet.append(
        [
            "Eiendom",
            "Økonomi",
            "Energikostnad per kvadratmeter",
            "kr per m²",
            None,
            "<205",
            212,
            "<205",
            energy_2025,
        ]
    )
    sheet.append(
        [None, None, "Administrasjonsareal per innbygger", "m²", None, "<0,7", "0,71", "<0,7", "0,66"]
    )
    sheet.append(
        [
            None,
            "Tjenestekvalitet",
            "Brukertilfredshet",
            "skala 1–6",
            "høyere er bedre",
            4.5,
            "4,53",
            "4,5",
            "Ikke målt",
        ]
    )
    sheet.append([None, "Medarbeider", "Sykefravær", "%", "lavere er bedre", "<6 %", 0.068, "<6 %", "5,9 %"])
    sheet["G6"].number_format = "0.0%"
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def test_owner_imports_a_scorecard_fixes_a_bad_cell_and_edits_a_result_inline(
    page, login, role_user, assert_accessible, screenshot, tmp_path
):
    owner = role_user(roles.EXECUTIVE, username="eier", first_name="Morten", last_name="Strand")
    scorecard = ScorecardFactory(title="121/130: Eiendom", function_code="121/130", owner=owner)

    page.expected_statuses.add(422)  # the refused cell
    login(page, "eier")
    page.get_by_role("link", name="Mål og målekort").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mål og målekort")
    assert_accessible(page)
    page.get_by_role("link", name="121/130: Eiendom").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("121/130: Eiendom")
    assert_accessible(page)

    # A file with one bad cell is refused, and the error is shown by row and column.
    page.get_by_role("link", name="Importer fra Excel").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Importer fra Excel")
    assert_accessible(page)
    page.get_by_label(re.compile("Fil med målekort")).set_input_files(
        scorecard_file(tmp_path / "feil.xlsx", "19 4")
    )
    page.get_by_role("button", name="Importer").click()
    expect(page.get_by_role("alert")).to_contain_text("Filen ble ikke importert: 1 feil")
    error_row = page.locator(".app-import-errors tbody tr")
    expect(error_row).to_have_count(1)
    expect(error_row).to_contain_text("3")
    expect(error_row).to_contain_text("Resultat 2025")
    expect(error_row).to_contain_text("«19 4» er ikke en verdi")
    assert not scorecard.indicators.exists()
    assert_accessible(page)
    screenshot(page, "scorecard-import-refused")

    # The fixed file is imported; the summary says which directions were inferred and need confirming.
    page.get_by_label(re.compile("Fil med målekort")).set_input_files(
        scorecard_file(tmp_path / "riktig.xlsx", "226")
    )
    page.get_by_role("button", name="Importer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("121/130: Eiendom")
    expect(page.locator(".app-messages")).to_contain_text("Importert: 4 nye")
    expect(page.locator(".app-messages")).to_contain_text(
        "Retningen for «Energikostnad per kvadratmeter» er ikke bekreftet. «<205» er en øvre grense"
    )
    row = page.locator("tr", has=page.get_by_role("rowheader", name=re.compile("Energikostnad")))
    expect(row).to_contain_text("226")
    expect(row).to_contain_text("Retning mangler")
    page.get_by_role("button", name="Lavere er bedre: Energikostnad per kvadratmeter").click()
    expect(row).to_contain_text("Ikke nådd")
    expect(page.locator("tr", has_text="Sykefravær")).to_contain_text("6,8 %")
    assert_accessible(page)
    screenshot(page, "scorecard-imported")

    # The owner edits the result inline; the status changes without a page load.
    row.get_by_role("link", name=re.compile("Endre resultat 2025")).click()
    cell = page.get_by_label(re.compile("Resultat 2025: Energikostnad"))
    expect(cell).to_be_focused()
    expect(cell).to_have_value("226")
    assert_accessible(page)
    cell.fill("19 4")
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator("#cell-text_error")).to_contain_text("«19 4» er ikke en verdi")
    page.get_by_label(re.compile("Resultat 2025: Energikostnad")).fill("194")
    screenshot(page, "scorecard-inline-edit")
    page.get_by_role("button", name="Lagre").click()
    row = page.locator("tr", has=page.get_by_role("rowheader", name=re.compile("Energikostnad")))
    expect(row).to_contain_text("194")
    expect(row).to_contain_text("Nådd")
    expect(row).not_to_contain_text("Ikke nådd")
    expect(row).to_contain_text("Bedre")
    assert (
        scorecard.indicators.get(name="Energikostnad per kvadratmeter").values.get(year=2025).result_text
        == "194"
    )
    assert_accessible(page)
    screenshot(page, "scorecard-after-edit")

    # Without JavaScript the edit link is a page of its own.
    page.goto(row.get_by_role("link", name=re.compile("Endre mål 2025")).get_attribute("href"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Energikostnad per kvadratmeter")
    expect(page.get_by_label(re.compile("^Mål 2025"))).to_have_value("<205")
    assert_accessible(page)


def test_goal_pages_and_a_projects_goals_are_accessible(
    page, login, role_user, assert_accessible, screenshot
):
    leader = role_user(roles.PROJECT_LEADER, username="leder", first_name="Kari", last_name="Solheim")
    project = ProjectFactory(leader=leader, name="Digitalt tilsyn på natt")
    goal = GoalFactory(code="1", title="Gode liv i trygge lokalsamfunn")
    sub_goal = GoalFactory(code="1.1", title="Innbyggerne kan bo trygt hjemme", parent=goal)
    GoalFactory(code="2", title="En bærekraftig kommuneøkonomi")
    ProjectGoalFactory(project=project, goal=sub_goal, strength="high", statement="Færre nattlige besøk.")

    login(page, "leder")
    page.goto(f"/mal/prosjekter/{project.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Digitalt tilsyn på natt")
    tabs = page.get_by_role("navigation", name="Prosjektets sider")
    expect(tabs.get_by_role("link", name="Mål", exact=True)).to_have_attribute("aria-current", "page")
    assert_accessible(page)
    page.get_by_label(re.compile("^Mål")).select_option(label="2 En bærekraftig kommuneøkonomi")
    page.get_by_label(re.compile("Hvordan prosjektet bidrar")).fill("Mindre kjøring om natten.")
    page.get_by_label(re.compile("Forventet bidrag")).select_option(label="Lav")
    page.get_by_role("button", name="Legg til mål").click()
    expect(page.get_by_role("status")).to_contain_text("Prosjektet er koblet til målet.")
    expect(page.locator("table")).to_contain_text("En bærekraftig kommuneøkonomi")
    assert_accessible(page)
    screenshot(page, "project-goals")

    page.get_by_role("link", name=re.compile("Endre 2 En bærekraftig")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Endre kobling til mål")
    assert_accessible(page)
    page.get_by_role("link", name="Avbryt").click()

    page.goto("/mal/malekort/ny/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Nytt målekort")
    assert_accessible(page)
    page.goto(f"/mal/prosjekter/{project.pk}/")

    page.get_by_role("link", name=re.compile("Innbyggerne kan bo trygt hjemme")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Innbyggerne kan bo trygt hjemme")
    expect(page.locator("table")).to_contain_text("Digitalt tilsyn på natt")
    assert_accessible(page)
    screenshot(page, "goal-page")


SHOTS = Path("/tmp/scorecards-shots")


def shots(page, name: str) -> None:
    """Screenshots at desktop and phone width for a human to look at."""
    SHOTS.mkdir(exist_ok=True)
    for label, width in (("1280", 1280), ("390", 390)):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=SHOTS / f"{name}-{label}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_refused_cell_keeps_the_input_and_moves_focus_to_the_error_summary(
    page, login, role_user, assert_accessible
):
    owner = role_user(roles.EXECUTIVE, username="eier", first_name="Morten", last_name="Strand")
    indicator = IndicatorFactory(
        scorecard=ScorecardFactory(owner=owner), name="Energikostnad", direction="lower"
    )
    indicator_value(indicator, 2025, "<205", "226")
    page.expected_statuses.update({409, 422})  # the conflict and the refused forms

    login(page, "eier")
    page.goto(indicator.scorecard.get_absolute_url())
    page.get_by_role("link", name=re.compile("Endre resultat 2025")).click()
    page.get_by_label(re.compile("Resultat 2025: Energikostnad")).fill("19 4")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="Lagre").click()
    assert answer.value.status == 422
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Verdien ble ikke lagret:")
    expect(summary.get_by_role("link")).to_contain_text("«19 4» er ikke en verdi")
    expect(page.get_by_label(re.compile("Resultat 2025: Energikostnad"))).to_have_value("19 4")
    assert_accessible(page)
    shots(page, "cell-error")
    summary.get_by_role("link").click()
    expect(page.get_by_label(re.compile("Resultat 2025: Energikostnad"))).to_be_focused()

    # The cell's own page (without JavaScript) fails the same way.
    page.goto(f"/mal/indikatorer/{indicator.pk}/verdi/?year=2025&field=target")
    page.get_by_label(re.compile("^Mål 2025")).fill("fire")
    page.get_by_role("button", name="Lagre").click()
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.get_by_label(re.compile("^Mål 2025"))).to_have_value("fire")
    assert_accessible(page)
    shots(page, "cell-page-error")


def test_a_cell_both_changed_shows_both_values_and_the_users_choice_is_saved(
    page, login, role_user, assert_accessible
):
    owner = role_user(roles.EXECUTIVE, username="eier", first_name="Morten", last_name="Strand")
    colleague = role_user(roles.ADMINISTRATOR, username="kari", first_name="Kari", last_name="Nordmann")
    indicator = IndicatorFactory(
        scorecard=ScorecardFactory(owner=owner), name="Energikostnad", direction="lower"
    )
    indicator_value(indicator, 2025, "<205", "226")
    page.expected_statuses.update({409, 422})  # the conflict and the refused forms

    login(page, "eier")
    page.goto(indicator.scorecard.get_absolute_url())
    page.get_by_role("link", name=re.compile("Endre resultat 2025")).click()
    page.get_by_label(re.compile("Resultat 2025: Energikostnad")).fill("194")
    services.indicator_value_set(  # Kari saves the same cell meanwhile
        indicator=indicator, year=2025, which="result", text="200", base="226", user=colleague
    )
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.get_by_role("button", name="Lagre").click()
    assert answer.value.status == 409
    conflict = page.locator("#cell-conflict")
    expect(conflict).to_be_focused()
    expect(conflict).to_contain_text("Noen andre lagret mens du redigerte")
    expect(conflict).to_contain_text("Både du og Kari Nordmann har endret feltene under.")
    expect(page.get_by_label(re.compile("Behold min verdi"))).not_to_be_checked()
    expect(page.get_by_label(re.compile("Bruk verdien til Kari Nordmann: 200"))).not_to_be_checked()
    assert_accessible(page)
    shots(page, "cell-conflict")

    page.get_by_role("button", name="Lagre").click()  # no choice yet
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#error-summary")).to_contain_text("Velg hvilken verdi som skal gjelde.")
    assert_accessible(page)
    shots(page, "cell-conflict-no-choice")

    page.get_by_label(re.compile("Behold min verdi")).check()
    page.get_by_role("button", name="Lagre").click()
    row = page.locator("tr", has=page.get_by_role("rowheader", name=re.compile("Energikostnad")))
    expect(row).to_contain_text("194")
    expect(page.get_by_role("status")).to_contain_text("Lagret.")
    assert indicator.values.get(year=2025).result_text == "194"
    assert_accessible(page)


def test_failed_scorecard_forms_move_focus_to_the_error_summary_and_pass_axe(
    page, login, role_user, assert_accessible
):
    leader = role_user(roles.PROJECT_LEADER, username="leder", first_name="Kari", last_name="Solheim")
    project = ProjectFactory(leader=leader, name="Digitalt tilsyn på natt")
    goal = GoalFactory(code="1", title="Gode liv i trygge lokalsamfunn")
    ProjectGoalFactory(project=project, goal=goal)
    scorecard = ScorecardFactory(owner=leader, title="120: Økonomi")
    login(page, "leder")

    page.goto("/mal/malekort/ny/")
    page.get_by_label(re.compile("^Første år")).fill("2026")
    page.get_by_label(re.compile("^Siste år")).fill("2024")
    page.get_by_role("button", name="Opprett målekort").click()
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.get_by_label(re.compile("^Første år"))).to_have_value("2026")
    assert_accessible(page)
    shots(page, "scorecard-create-error")

    page.goto(f"/mal/prosjekter/{project.pk}/")
    page.get_by_label(re.compile("^Mål")).select_option(label="1 Gode liv i trygge lokalsamfunn")
    page.get_by_label(re.compile("Hvordan prosjektet bidrar")).fill("Færre turer.")
    page.get_by_role("button", name="Legg til mål").click()
    expect(page.locator("#error-summary")).to_be_focused()
    expect(page.locator("#error-summary")).to_contain_text("allerede koblet til dette målet")
    expect(page.get_by_label(re.compile("Hvordan prosjektet bidrar"))).to_have_value("Færre turer.")
    assert_accessible(page)
    shots(page, "project-goal-error")

    page.goto(f"/mal/malekort/{scorecard.pk}/import/")
    page.get_by_role("button", name="Importer").click()
    expect(page.locator("#error-summary")).to_be_focused()
    assert_accessible(page)
    shots(page, "import-no-file")
