"""A published savings table in the browser (issue 16): the Kommunedirektør uploads Kristiansand's culture
savings as the budget printed them, keeps the columns proposed, sees in the preview that the amounts are in
1000 kr as the file says, tries to import before every row is decided and is told which rows, chooses that
negative numbers are gains, links one row to a project, makes one a project proposal and skips one, imports, and
sees the gains on the programme's overview; axe-core is clean on every step, and the preview is looked at on a
desktop and on a phone."""

import re
from pathlib import Path

from playwright.sync_api import expect

from benefits.models import Benefit, EconomicPlan
from core import roles
from programmes.models import Project
from tests.e2e.conftest import DESKTOP, PHONE
from tests.factories import ProgrammeFactory, ProjectFactory, SubProgrammeFactory

KULTUR = Path(__file__).parents[1] / "data" / "real" / "savings_kristiansand_kultur_2018-2021.xlsx"
STAFF = "Organisasjonsendring og naturlig avgang i kulturdirektørens stab"
GRANTS = "Øke innsatsen for å få eksterne prosjekttilskudd."


def fits_a_phone(page) -> None:
    """Nothing on the page is wider than a phone's 390 px: no sideways scrolling of the page itself."""
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.set_viewport_size(DESKTOP)


def test_an_executive_maps_previews_and_imports_a_published_savings_table(
    page, login, role_user, assert_accessible, screenshot, media_root
):
    role_user(roles.EXECUTIVE, username="direktor", first_name="Eva", last_name="Sandvik")
    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    EconomicPlan.objects.create(programme=programme, start_year=2018, years=4)
    sub = SubProgrammeFactory(programme=programme, name="Kultur")
    staff = ProjectFactory(sub_programme=sub, name=STAFF)
    hall = ProjectFactory(sub_programme=sub, name="Vågsbygd samfunnshus")

    login(page, "direktor")
    page.goto(f"/gevinster/program/{programme.pk}/")
    page.get_by_role("link", name="Importer fra Excel").click()
    page.get_by_label(re.compile("^Fil med gevinster")).set_input_files(KULTUR)
    page.get_by_role("button", name="Importer", exact=True).click()

    # The columns, as proposed from the headers on row 6.
    expect(page.get_by_role("heading", level=1)).to_have_text("Kolonnene i filen")
    expect(page.get_by_text("Kolonnenes overskrifter er lest fra rad 6.")).to_be_visible()
    expect(page.get_by_label("Kolonne A «Tiltak»")).to_have_value("measure")
    expect(page.get_by_label("Kolonne B «HP 2018»")).to_have_value("planned:2018")
    assert_accessible(page)
    fits_a_phone(page)
    screenshot(page, "gains-import-columns")
    page.get_by_role("button", name="Vis forhåndsvisningen").click()

    # The preview: how the amounts are read, nothing stored yet.
    expect(page.get_by_role("heading", level=1)).to_have_text("Forhåndsvisning av importen")
    amounts = page.locator("section", has=page.get_by_role("heading", name="Slik leses beløpene"))
    expect(amounts).to_contain_text("Filen sier «Tall i 1000kr i 2018 kr» (rad 5).")
    expect(page.get_by_label("tusen kroner (1000 kr)")).to_be_checked()
    expect(amounts).to_contain_text("Filen har negative beløp (16 av 16)")
    expect(page.locator("#row-9")).to_contain_text(f"Kobles til «{STAFF}»")
    expect(page.locator("#row-11")).to_contain_text("Summen stemmer med radene den legger sammen.")
    assert not Benefit.objects.exists()
    assert_accessible(page)
    screenshot(page, "gains-import-preview-first")

    # Importing before every row is decided: refused, each row named, nothing stored.
    page.get_by_role("button", name="Importer", exact=True).click()
    errors = page.locator("#import-errors")
    expect(errors).to_contain_text("Filen ble ikke importert: 3 feil")
    expect(
        errors.get_by_role("link", name=re.compile("^Rad 7, kolonne «Tiltak»: Ingen prosjekter heter"))
    ).to_be_visible()
    expect(page.get_by_label(re.compile("^Rad 7 «Øke innsatsen"))).to_have_attribute("aria-invalid", "true")
    assert not Benefit.objects.exists()
    assert_accessible(page)
    fits_a_phone(page)
    screenshot(page, "gains-import-preview-refused")

    # The sign, one row linked, one a proposal, one skipped.
    page.get_by_label("er gevinster: innsparinger skrevet med minus").check()
    page.get_by_label(re.compile("^Rad 8 «Effektivisering")).select_option(label="Vågsbygd samfunnshus")
    page.get_by_label(re.compile("^Rad 7 «Øke innsatsen")).select_option(label="Lag et prosjektforslag")
    page.get_by_label(re.compile("^Rad 10 «Redusert kompensasjon")).select_option(label="Hopp over raden")
    page.get_by_label("Delprogram for prosjektforslagene").select_option(label="Kultur")
    page.get_by_role("button", name="Oppdater forhåndsvisning").click()
    expect(page.locator("#row-8")).to_contain_text("Kobles til «Vågsbygd samfunnshus»")
    expect(page.locator("#row-7")).to_contain_text("Et nytt prosjektforslag")
    expect(page.locator("#row-10")).to_contain_text("Hoppes over")
    expect(page.locator("#row-9")).to_contain_text(re.compile(r"440\s000 kr"))
    expect(page.locator("#to-settle")).to_have_count(0)
    assert not Benefit.objects.exists() and not Project.objects.filter(name=GRANTS).exists()
    assert_accessible(page)
    fits_a_phone(page)
    screenshot(page, "gains-import-preview")

    page.get_by_role("button", name="Importer", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Utvikling og bærekraft")
    messages = page.locator(".app-messages")
    expect(messages).to_contain_text("Gevinstplanen er importert: 3 nye")
    expect(messages).to_contain_text("1 prosjektforslag ble registrert i «Kultur».")
    # 440 + 110 + 110 thousand kroner a year over the four years of the plan.
    expect(
        page.locator(".app-key-figures div")
        .filter(has=page.locator("dt", has_text=re.compile("^Planlagt$")))
        .locator("dd")
    ).to_have_text(re.compile(r"2\s640\s000 kr"))
    assert_accessible(page)
    assert Benefit.objects.get(project=staff).plan_years.get(year=2018).planned == 440_000
    assert Benefit.objects.filter(project=hall).exists()
    assert Project.objects.get(name=GRANTS).sub_programme == sub


def test_a_finance_adviser_maps_a_withdrawal_column_and_sees_it_in_the_preview(
    page, login, role_user, assert_accessible, screenshot, media_root, tmp_path
):
    """The gains ledger (issue 18): a table pasted into Excel whose budget cut is in a column the headers do
    not name as a withdrawal («Kutt i ramme 2026»); the adviser chooses «Uttak i budsjett 2026» for it, and the
    preview shows the withdrawal in kroner beside the file's text, with the operating cost read as it is."""
    import io

    from openpyxl import Workbook

    role_user(roles.EXECUTIVE, username="direktor", first_name="Eva", last_name="Sandvik")
    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    EconomicPlan.objects.create(programme=programme, start_year=2026, years=4, horizon_years=8)
    ProjectFactory(
        sub_programme=SubProgrammeFactory(programme=programme, name="Helse"), name="Digitalt tilsyn"
    )
    workbook = Workbook()
    sheet = workbook.active
    for row in (
        ["Gevinstrealiseringsplan, Helse og omsorg"],
        ["Beløp i 1000 kr"],
        [],
        ["Tiltak", "Enhet", "Plan 2026", "Driftskostnad 2026", "Kutt i ramme 2026"],
        ["Digitalt tilsyn", "Hjemmetjenesten", "1\u00a0500", "100", "1 200"],
    ):
        sheet.append(row)
    sheet.merge_cells("A1:E1")
    buffer = io.BytesIO()
    workbook.save(buffer)
    path = tmp_path / "gevinstplan-helse.xlsx"
    path.write_bytes(buffer.getvalue())

    login(page, "direktor")
    page.goto(f"/gevinster/program/{programme.pk}/import/")
    page.get_by_label(re.compile("^Fil med gevinster")).set_input_files(path)
    page.get_by_role("button", name="Importer", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Kolonnene i filen")
    expect(page.get_by_label("Kolonne D «Driftskostnad 2026»")).to_have_value("operating_cost:2026")
    expect(page.get_by_label("Kolonne B «Enhet»")).to_have_value("unit")
    cut = page.get_by_label("Kolonne E «Kutt i ramme 2026»")
    cut.select_option(label="Uttak i budsjett 2026")
    assert_accessible(page)
    screenshot(page, "gains-ledger-columns")
    page.get_by_role("button", name="Vis forhåndsvisningen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Forhåndsvisning av importen")
    table = page.locator("table.app-gains-preview")
    expect(table.get_by_role("columnheader", name="Uttak i budsjett 2026")).to_be_visible()
    row = page.locator("#row-5")
    expect(row).to_contain_text(re.compile(r"1\s200\s000 kr"))
    expect(row).to_contain_text("«1 200»")
    expect(row).to_contain_text(re.compile(r"100\s000 kr"))
    expect(row).to_contain_text("Kobles til «Digitalt tilsyn»")
    assert not Benefit.objects.exists()
    assert_accessible(page)
    fits_a_phone(page)
    screenshot(page, "gains-ledger-preview")

    page.get_by_role("button", name="Importer", exact=True).click()
    expect(page.locator(".app-messages")).to_contain_text("Gevinstplanen er importert: 1 nye")
    year = Benefit.objects.get(title="Digitalt tilsyn").plan_years.get(year=2026)
    assert (year.planned, year.operating_cost, year.withdrawal) == (1_500_000, 100_000, 1_200_000)


def test_a_file_in_the_old_layout_is_asked_about_its_yes_no_withdrawal_column(
    page, login, role_user, assert_accessible, screenshot, media_root, tmp_path
):
    """Last year's export, with the yes/no column «Uttak i budsjett» the gains ledger replaced by amounts per
    year: the columns page says why it cannot be read, on that column, until it is not imported."""
    from openpyxl import Workbook

    role_user(roles.EXECUTIVE, username="direktor", first_name="Eva", last_name="Sandvik")
    programme = ProgrammeFactory(name="Utvikling og bærekraft")
    EconomicPlan.objects.create(programme=programme, start_year=2026, years=4)
    ProjectFactory(
        sub_programme=SubProgrammeFactory(programme=programme, name="Helse"), name="Digitalt tilsyn"
    )
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(
        ["Prosjekt", "Gevinst", "Type", "Gevinsteier", "Uttak i budsjett", "Plan 2026", "Realisert 2026"]
    )
    sheet.append(["Digitalt tilsyn", "Færre nattilsyn", "Redusert kostnad", "", "Ja", 1_000_000, None])
    path = tmp_path / "gevinstplan-2025.xlsx"
    workbook.save(path)

    login(page, "direktor")
    page.goto(f"/gevinster/program/{programme.pk}/import/")
    page.get_by_label(re.compile("^Fil med gevinster")).set_input_files(path)
    page.get_by_role("button", name="Importer", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kolonnene i filen")
    old = page.get_by_label("Kolonne E «Uttak i budsjett»")
    expect(old).to_have_value("withdrawal:")
    page.get_by_role("button", name="Vis forhåndsvisningen").click()
    expect(old).to_have_attribute("aria-invalid", "true")
    expect(page.locator("main")).to_contain_text("ser ut som ja/nei-kolonnen i gevinstplanens gamle oppsett")
    assert_accessible(page)
    fits_a_phone(page)
    screenshot(page, "gains-ledger-old-column")
    old.select_option(label="Importeres ikke")
    page.get_by_role("button", name="Vis forhåndsvisningen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Forhåndsvisning av importen")
    page.get_by_role("button", name="Importer", exact=True).click()
    expect(page.locator(".app-messages")).to_contain_text("Gevinstplanen er importert: 1 nye")
    assert Benefit.objects.get().plan_years.get().withdrawal is None
