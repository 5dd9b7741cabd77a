"""A project leader plans two benefits and enters a realised figure; the executive sees the overview change."""

import re

from playwright.sync_api import expect

from benefits.models import EconomicPlan, SavingsTarget
from core import roles
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
    expect(page.locator("#total-all-planned")).to_have_text("8\u00a0600\u00a0000")

    # A realised figure is saved when the field is left; the totals are the server's after the save
    # (issue 13: nothing is added up in the browser).
    realised = page.get_by_label("Færre fysiske nattilsyn: realisert 2026")
    realised.fill("1 500 000")
    realised.press("Tab")
    expect(page.locator("#grid-status")).to_contain_text("Lagret kl.")
    expect(page.locator("#total-2026-realised")).to_have_text("1\u00a0500\u00a0000")
    expect(page.locator("#history")).to_contain_text("Realisert: – → 1\u00a0500\u00a0000")
    assert_accessible(page)
    screenshot(page, "benefits-project-grid")

    # A figure that is not an amount is refused in place (an answer 422); the input stays.
    page.expected_statuses.add(422)
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
    sheet.append(["Prosjekt", "Gevinst", "Type", "Gevinsteier", "Uttak 2026", "Plan 2026", "Realisert 2026"])
    sheet.append(
        [
            "Energisparing i formålsbygg",
            "Lavere energikostnader",
            "Redusert kostnad",
            "",
            "4 mill.",
            "4,5 mill.",
            None,
        ]
    )
    sheet.append(["Ukjent prosjekt", "Noe", "Redusert kostnad", "", None, "mye", None])
    path = tmp_path / "gevinstplan.xlsx"
    workbook.save(path)

    page.goto(f"/gevinster/program/{programme.pk}/")
    page.get_by_role("link", name="Importer fra Excel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Importer gevinstplanen")
    assert_accessible(page)
    page.get_by_label(re.compile("^Fil med gevinster")).set_input_files(path)
    page.get_by_role("button", name="Importer", exact=True).click()
    expect(page.locator("#import-errors")).to_contain_text("Filen ble ikke importert: 2 feil")
    errors = page.locator(".app-import-errors tbody tr")
    expect(errors).to_have_count(2)
    expect(errors.first).to_contain_text("Ukjent prosjekt «Ukjent prosjekt»")
    assert_accessible(page)
    screenshot(page, "benefits-import-errors")

    sheet.delete_rows(3)
    workbook.save(path)
    page.get_by_label(re.compile("^Fil med gevinster")).set_input_files(path)
    page.get_by_role("button", name="Importer", exact=True).click()
    expect(page.get_by_role("status").first).to_contain_text(
        "Gevinstplanen er importert: 1 nye, 0 endret, 0 uendret."
    )
    expect(key_figure(page, "Planlagt")).to_have_text("4 500 000 kr")
    expect(key_figure(page, "Sparemål")).to_have_text("50 000 000 kr")
    assert_accessible(page)


def test_grid_errors_fit_at_desktop_width_and_totals_never_count_a_refused_figure(
    page, login, role_user, assert_accessible, screenshot
):
    """Issue 13, defect 3: refused figures (negative, 20 digits, a future year's realisation) are shown by
    their cells without being cut off, the totals stay the server's, and the grid fits at 1280 px."""
    from decimal import Decimal
    from pathlib import Path

    from benefits.models import BenefitPlanYear, current_year
    from tests.factories import BenefitFactory

    leader = role_user(roles.PROJECT_LEADER, username="prosjektleder", first_name="Kari", last_name="Solheim")
    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    first = current_year()
    EconomicPlan.objects.create(programme=programme, start_year=first, years=4)
    sub = SubProgrammeFactory(programme=programme, name="Velferd og teknologi")
    project = ProjectFactory(sub_programme=sub, name="Digitalt tilsyn på natt", leader=leader, owner=leader)
    for title in ("Færre fysiske nattilsyn", "Mindre kjøring med tjenestebil"):
        benefit = BenefitFactory(project=project, title=title, kind="reduced_cost", owner=leader)
        for year in range(first, first + 4):
            BenefitPlanYear.objects.create(benefit=benefit, year=year, planned=Decimal(1_000_000))
    page.expected_statuses.add(422)

    login(page, "prosjektleder")
    page.goto(f"/gevinster/prosjekt/{project.pk}/")
    total = page.locator("#total-all-planned")
    expect(total).to_have_text("8\u00a0000\u00a0000")

    negative = page.get_by_label(f"Færre fysiske nattilsyn: planlagt {first}")
    negative.fill("-500 000")
    negative.press("Tab")
    expect(page.locator(f"#err-{negative.get_attribute('id')}")).to_contain_text(
        "En gevinst kan ikke være negativ."
    )
    huge = page.get_by_label(f"Mindre kjøring med tjenestebil: planlagt {first + 1}")
    huge.fill("100000000000000000000")
    huge.press("Tab")
    expect(page.locator(f"#err-{huge.get_attribute('id')}")).to_contain_text("Tallet er for stort.")
    future = page.get_by_label(f"Færre fysiske nattilsyn: realisert {first + 1}")
    future.fill("300 000")
    future.press("Tab")
    expect(page.locator(f"#err-{future.get_attribute('id')}")).to_contain_text(
        f"{first + 1} har ikke begynt ennå"
    )
    expect(page.locator("#grid-status")).to_contain_text("3 tall ble ikke lagret")
    # The totals are still the server's: no refused figure counted.
    expect(total).to_have_text("8\u00a0000\u00a0000")
    expect(page.locator(f"#total-{first}-planned")).to_have_text("2\u00a0000\u00a0000")
    expect(page.locator(f"#total-{first + 1}-realised")).to_have_text("0")
    expect(negative).to_have_value("-500 000")
    assert_accessible(page)

    screenshot(page, "benefits-grid-errors")
    shots = Path("/tmp/gains-shots")
    shots.mkdir(exist_ok=True)
    for label, size in (("1280", {"width": 1280, "height": 900}), ("390", {"width": 390, "height": 844})):
        page.set_viewport_size(size)
        page.screenshot(path=shots / f"grid-errors-{label}.png", full_page=True)
    # At 1280 px the grid fits without scrolling sideways, and no message is cut off.
    page.set_viewport_size({"width": 1280, "height": 900})
    wrap = page.locator(".app-benefit-grid .app-table-wrap")
    assert wrap.evaluate("el => el.scrollWidth <= el.clientWidth"), "the grid scrolls sideways at 1280 px"
    for message in page.locator(".app-grid-error .ds-validation-message").all():
        assert message.evaluate(
            "el => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight + 1"
        ), message.inner_text()
        box, table = message.bounding_box(), wrap.bounding_box()
        assert box["x"] >= table["x"] and box["x"] + box["width"] <= table["x"] + table["width"] + 1
    page.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    # Someone else saves a figure meanwhile; this user changes the same one: both values side by side.
    for cell, value in ((negative, "500 000"), (huge, "1 000 000"), (future, "")):
        cell.fill(value)
        with page.expect_response(lambda r: r.request.method == "POST"):
            cell.press("Tab")
    expect(page.locator("#grid-errors")).to_have_count(0)
    expect(page.locator(f"#total-{first}-planned")).to_have_text("1\u00a0500\u00a0000")
    benefit = BenefitPlanYear.objects.get(benefit__title="Færre fysiske nattilsyn", year=first + 2)
    benefit.planned = Decimal(1_200_000)
    benefit.save()
    same = page.get_by_label(f"Færre fysiske nattilsyn: planlagt {first + 2}")
    same.fill("1 300 000")
    same.press("Tab")
    expect(page.locator("#grid-conflict")).to_contain_text("Noen andre lagret mens du redigerte")
    expect(page.get_by_role("radio", name="Behold min verdi: 1 300 000")).to_be_visible()
    expect(page.get_by_role("radio", name="Bruk verdien til noen andre: 1 200 000")).to_be_visible()
    assert_accessible(page)
    for label, size in (("1280", {"width": 1280, "height": 900}), ("390", {"width": 390, "height": 844})):
        page.set_viewport_size(size)
        page.screenshot(path=shots / f"grid-conflict-{label}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("radio", name="Behold min verdi: 1 300 000").check()
    expect(page.locator("#grid-status")).to_contain_text("Lagret kl.")
    expect(page.locator(f"#total-{first + 2}-planned")).to_have_text("2\u00a0300\u00a0000")


def test_benefit_form_conflict_is_chosen_field_by_field(page, login, role_user, assert_accessible):
    """Issue 13, defect 1: a colleague saved the benefit meanwhile; the field both changed is shown side by
    side with a required choice, the colleague's other change is kept."""
    from pathlib import Path

    from benefits.models import Benefit
    from tests.factories import BenefitFactory

    leader = role_user(roles.PROJECT_LEADER, username="prosjektleder", first_name="Kari", last_name="Solheim")
    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    EconomicPlan.objects.create(programme=programme, start_year=2026, years=4)
    sub = SubProgrammeFactory(programme=programme, name="Velferd og teknologi")
    project = ProjectFactory(sub_programme=sub, name="Digitalt tilsyn på natt", leader=leader, owner=leader)
    benefit = BenefitFactory(
        project=project, title="Færre nattilsyn", kind="reduced_cost", unit="Hjemmetjenesten"
    )

    login(page, "prosjektleder")
    page.goto(f"/gevinster/prosjekt/{project.pk}/gevinst/{benefit.pk}/")
    # Meanwhile a colleague changes where the gain lands and how it is measured.
    benefit.unit, benefit.measurement, benefit.version = "Sykehjemmene", "Timer per natt", benefit.version + 1
    benefit.save()
    field(page, "Hvor gevinsten tas ut").fill("Legevakten")
    page.get_by_role("button", name="Lagre endringer").click()
    expect(page.locator("#conflict")).to_contain_text("Noen andre lagret mens du redigerte")
    expect(page.get_by_role("radio", name="Behold min verdi: Legevakten")).to_be_visible()
    expect(field(page, "Hvordan den måles")).to_have_value("Timer per natt")
    assert_accessible(page)
    shots = Path("/tmp/gains-shots")
    shots.mkdir(exist_ok=True)
    for label, size in (("1280", {"width": 1280, "height": 900}), ("390", {"width": 390, "height": 844})):
        page.set_viewport_size(size)
        page.screenshot(path=shots / f"benefit-form-conflict-{label}.png", full_page=True)
        assert_accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("radio", name=re.compile("^Bruk verdien til")).check()
    page.get_by_role("button", name="Lagre endringer").click()
    expect(page.get_by_role("status").first).to_contain_text("Endringene er lagret.")
    benefit = Benefit.objects.get(pk=benefit.pk)
    assert (benefit.unit, benefit.measurement) == ("Sykehjemmene", "Timer per natt")
