"""A project leader plans two benefits and enters a realised figure; the executive sees the overview change."""

import re

from playwright.sync_api import expect

from benefits.models import EconomicPlan, SavingsTarget
from programmes import roles
from tests.factories import ProgrammeFactory, ProjectFactory, SubProgrammeFactory


def field(scope, label: str):
    """The input labelled exactly `label`, with or without the "(må fylles ut)" marker."""
    return scope.get_by_label(re.compile(rf"^{re.escape(label)}( \(må fylles ut\))?$"))


def sign_out(page) -> None:
    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_url(re.compile(r"/logg-inn/"))


def key_figure(page, term: str):
    return (
        page.locator(".app-key-figures div")
        .filter(has=page.locator("dt", has_text=re.compile(rf"^{term}$")))
        .locator("dd")
    )


def add_benefit(page, title: str, kind: str, plan: list[str], assert_accessible) -> None:
    page.get_by_role("link", name="Legg til gevinst").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Legg til gevinst")
    field(page, "Gevinst").fill(title)
    field(page, "Type").select_option(label=kind)
    field(page, "Gevinsteier").select_option(label="Randi Kristiansen")
    field(page, "Hvor gevinsten tas ut").fill("Hjemmetjenesten")
    for year, amount in zip(range(2026, 2030), plan, strict=True):
        field(page, f"Planlagt {year}").fill(amount)
    assert_accessible(page)
    page.get_by_role("button", name="Legg til gevinsten").click()
    expect(page.get_by_role("status").first).to_contain_text(f"Gevinsten «{title}» er lagt til.")


def test_project_leader_plans_gains_and_the_executive_sees_the_programme_overview_change(
    page, login, role_user, assert_accessible, screenshot
):
    leader = role_user(roles.PROJECT_LEADER, username="prosjektleder", first_name="Kari", last_name="Solheim")
    role_user(roles.PROJECT_LEADER, username="randi", first_name="Randi", last_name="Kristiansen")
    role_user(roles.EXECUTIVE, username="direktor", first_name="Eva", last_name="Sandvik")
    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    EconomicPlan.objects.create(programme=programme, start_year=2026, years=4)
    for year in range(2026, 2030):
        SavingsTarget.objects.create(programme=programme, year=year, amount=25_000_000)
    sub = SubProgrammeFactory(programme=programme, name="Velferd og teknologi")
    project = ProjectFactory(sub_programme=sub, name="Digitalt tilsyn på natt", leader=leader, owner=leader)

    # The executive's overview before: a target, nothing planned.
    login(page, "direktor")
    page.get_by_role("link", name="Gevinster").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gevinster i Utvikling og bærekraft")
    expect(key_figure(page, "Planlagt")).to_have_text("0 kr")
    expect(key_figure(page, "Sparemål")).to_have_text("100 000 000 kr")
    assert_accessible(page)
    sign_out(page)

    # The project leader adds two benefits with a four-year plan on the project's gains tab.
    login(page, "prosjektleder")
    page.goto(f"/prosjekter/{project.pk}/")
    page.get_by_role("navigation", name="Prosjektets sider").get_by_role("link", name="Gevinster").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Digitalt tilsyn på natt")
    expect(page.get_by_text("Ingen gevinster er registrert ennå.")).to_be_visible()
    assert_accessible(page)
    add_benefit(
        page,
        "Færre fysiske nattilsyn",
        "Redusert kostnad",
        ["1 800 000", "1,8 mill.", "1 800 000", "1 800 000"],
        assert_accessible,
    )
    assert_accessible(page)
    add_benefit(
        page,
        "Mindre kjøring",
        "Unngått kostnad",
        ["200 000", "400 000", "400 000", "400 000"],
        assert_accessible,
    )
    expect(page.locator('span[data-col-total="all-planned"]')).to_have_text("8\u00a0600\u00a0000")

    # A realised figure: the totals follow as it is typed, and it is saved when the field is left.
    realised = page.get_by_label("Færre fysiske nattilsyn: realisert 2026")
    realised.fill("1 500 000")
    expect(page.locator('span[data-col-total="2026-realised"]')).to_have_text("1\u00a0500\u00a0000")
    realised.press("Tab")
    expect(page.locator("#grid-status")).to_contain_text("Lagret kl.")
    expect(page.locator("#history")).to_contain_text("Realisert: – → 1\u00a0500\u00a0000")
    assert_accessible(page)
    screenshot(page, "benefits-project-grid")

    # A figure that is not an amount is refused in place; the input stays.
    planned = page.get_by_label("Mindre kjøring: planlagt 2029")
    planned.fill("mye")
    planned.press("Tab")
    expect(page.locator(f"#err-{planned.get_attribute('id')}")).to_contain_text(
        "«mye» er ikke et beløp i hele kroner"
    )
    expect(planned).to_have_value("mye")
    assert_accessible(page)
    planned.fill("450 000")
    planned.press("Tab")
    expect(page.locator("#grid-status")).to_contain_text("Lagret kl.")
    expect(page.locator(f"#err-{planned.get_attribute('id')}")).to_be_empty()
    sign_out(page)

    # The executive's overview now shows the plan and the realised figure against the target.
    login(page, "direktor")
    page.get_by_role("link", name="Gevinster").first.click()
    expect(key_figure(page, "Planlagt")).to_have_text("8 650 000 kr")
    expect(key_figure(page, "Realisert")).to_have_text("1 500 000 kr")
    expect(page.locator("#behind")).to_contain_text("Færre fysiske nattilsyn")
    expect(page.locator("#per-year img").first).to_have_attribute(
        "alt", re.compile(r"2026: planlagt 2 mill\. kr, realisert 1,5 mill\. kr, mål 25 mill\. kr")
    )
    assert_accessible(page)
    screenshot(page, "benefits-programme-overview")

    # Sorting the largest benefits swaps only that list.
    page.locator("#largest").get_by_role("link", name="Realisert").click()
    expect(page.locator("#largest th[aria-sort]")).to_have_text("Realisert")
    assert_accessible(page)


def test_executive_sets_targets_and_imports_a_plan_with_errors_listed_by_row(
    page, login, role_user, assert_accessible, screenshot, tmp_path
):
    from openpyxl import Workbook

    role_user(roles.EXECUTIVE, username="direktor", first_name="Eva", last_name="Sandvik")
    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    EconomicPlan.objects.create(programme=programme, start_year=2026, years=4)
    sub = SubProgrammeFactory(programme=programme, name="Smarte areal og bygg")
    ProjectFactory(sub_programme=sub, name="Energisparing i formålsbygg")

    login(page, "direktor")
    page.goto(f"/gevinster/program/{programme.pk}/")
    page.get_by_role("link", name="Periode og mål").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Økonomiplanperiode og sparemål")
    assert_accessible(page)
    page.get_by_label("Hele programmet, 2026").fill("25 mill.")
    page.get_by_label("Hele programmet, 2027").fill("25 000 000")
    page.get_by_role("button", name="Lagre").click()
    expect(page.get_by_role("status").first).to_contain_text("Økonomiplanperioden og sparemålene er lagret.")
    expect(page.get_by_label("Hele programmet, 2026")).to_have_value("25\u00a0000\u00a0000")

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        ["Prosjekt", "Gevinst", "Type", "Gevinsteier", "Uttak i budsjett", "Plan 2026", "Realisert 2026"]
    )
    sheet.append(
        [
            "Energisparing i formålsbygg",
            "Lavere energikostnader",
            "Redusert kostnad",
            "",
            "Ja",
            "4,5 mill.",
            None,
        ]
    )
    sheet.append(["Ukjent prosjekt", "Noe", "Redusert kostnad", "", "Nei", "mye", None])
    path = tmp_path / "gevinstplan.xlsx"
    workbook.save(path)

    page.goto(f"/gevinster/program/{programme.pk}/")
    page.get_by_role("link", name="Importer fra Excel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Importer gevinstplanen")
    assert_accessible(page)
    page.get_by_label(re.compile("^Excel-fil")).set_input_files(path)
    page.get_by_role("button", name="Importer", exact=True).click()
    errors = page.locator("#import-errors")
    expect(errors).to_contain_text("Filen ble ikke importert. 2 feil:")
    expect(errors.locator("tbody tr")).to_have_count(2)
    expect(errors.locator("tbody tr").first).to_contain_text("Ukjent prosjekt «Ukjent prosjekt»")
    assert_accessible(page)
    screenshot(page, "benefits-import-errors")

    sheet.delete_rows(3)
    workbook.save(path)
    page.get_by_label(re.compile("^Excel-fil")).set_input_files(path)
    page.get_by_role("button", name="Importer", exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text(
        "Gevinstplanen er importert: 1 nye, 0 endret, 0 uendret."
    )
    expect(key_figure(page, "Planlagt")).to_have_text("4 500 000 kr")
    expect(key_figure(page, "Sparemål")).to_have_text("50 000 000 kr")
    assert_accessible(page)
